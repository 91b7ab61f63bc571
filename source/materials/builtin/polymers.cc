// Built-in polymer electrolytes: PEO-LiTFSI, PVDF-HFP CPE.
#include "builtin.h"

namespace MesoCell
{
  namespace MaterialDetail
  {
    namespace
    {
      LibraryEntry
      peo_litfsi()
      {
        LibraryEntry e;
        Material    &m                   = e.material;
        m.name                           = "PEO-LiTFSI";
        m.type                           = PhaseType::polymer;
        m.density                        = 1.2e3;
        m.ionic_conductivity             = 1e-2;
        m.conductivity_concentration_law = "peaked";
        m.reference_concentration        = 1.2e3;
        m.salt_diffusivity               = 5e-12;
        m.transference_number            = 0.25;
        m.thermodynamic_factor           = 1;
        m.temperature_law                = "VTF";
        m.vtf_pseudo_energy              = 1970;
        m.vtf_temperature                = 220;
        m.reference_temperature          = t_70C;
        e.source["Density"]              = typical;
        e.source["Ionic conductivity"] =
            "~1e-4 S/cm at 60-80 C, typical PEO-LiTFSI data (~)";
        e.source["Conductivity concentration law"] =
            "maximum near EO:Li ~ 20:1, MesoCell choice (~)";
        e.source["Reference concentration"] =
            "EO:Li ~ 20:1 from PEO 1.13 g/cm^3 and 44 g/mol per EO (~)";
        e.source["Salt diffusivity"] = "1e-12..1e-11 m^2/s at 60-90 C (~)";
        e.source["Transference number"] =
            "PFG-NMR 0.2-0.3, Gao & Balsara; Balsara's t+0 can be negative (~)";
        e.source["Thermodynamic factor"] = "ideal solution (~)";
        const std::string vtf_fit =
            "fitted with T0 = 220 K so that kappa falls from 1e-2 S/m at 343.15 K to "
            "1e-6 S/m at 298.15 K: B = ln(1e4)/(1/78.15 K - 1/123.15 K) = 1969.8 K, "
            "rounded (~)";
        e.source["Temperature law"]   = "VTF, " + vtf_fit;
        e.source["VTF pseudo-energy"] = vtf_fit;
        e.source["VTF temperature"] =
            "chosen below the glass transition (~), B then fitted to the 25 C "
            "conductivity";
        e.source["Reference temperature"] = "70 C, where the conductivity is given";

        // Mechanics.
        m.youngs_modulus                   = 2.6e5;
        m.poisson_ratio                    = 0.45;
        m.thermal_expansion                = 2e-4;
        m.adhesion_strength                = 6e4;
        m.relaxed_modulus                  = 2.6e4;
        m.reference_relaxation_time        = 600;
        m.relaxation_reference_temperature = 333.15;
        m.relaxation_activation_energy     = 8e4;
        e.source["Young's modulus"] =
            "0.26 MPa at room temperature, review seed (Fu et al.), "
            "doc/manual.md, Material library";
        e.source["Poisson's ratio"]               = "nearly incompressible polymer (~)";
        e.source["Thermal expansion coefficient"] = "polyethers ~1e-4..2e-4 1/K (~)";
        e.source["Adhesion strength"] =
            "tensile strength 0.06 MPa, review seed (Fu et al.), "
            "doc/manual.md, Material library";
        e.source["Relaxed modulus"] =
            "10 % of the unrelaxed modulus, MesoCell choice (~)";
        e.source["Relaxation time"] =
            "10 minutes at the melting point (~60 C), MesoCell choice (~): about 2 "
            "minutes at 80 C and 5 hours at 25 C with the activation energy";
        e.source["Relaxation reference temperature"] = "melting point of PEO, ~60 C (~)";
        e.source["Relaxation activation energy"] =
            "flow activation energy of polymer melts, order 1e5 J/mol (~)";
        return e;
      }

      LibraryEntry
      pvdf_hfp_cpe()
      {
        LibraryEntry e;
        Material    &m                   = e.material;
        m.name                           = "PVDF-HFP CPE";
        m.type                           = PhaseType::polymer;
        m.density                        = 1.8e3;
        m.ionic_conductivity             = 1e-2;
        m.conductivity_concentration_law = "linear";
        m.reference_concentration        = 1e3;
        m.salt_diffusivity               = 1e-11;
        m.transference_number            = 0.4;
        m.thermodynamic_factor           = 1;
        m.temperature_law                = "Arrhenius";
        m.activation_energy              = 3e4;
        m.reference_temperature          = t_25C;
        e.source["Ionic conductivity"] = "~1e-4 S/cm, cf. LLZTO/PVDF hot pressed 1.08e-4 "
                                         "S/cm at 60 C (Guo et al.) (~)";
        e.source["Conductivity concentration law"] =
            "kappa proportional to the salt content, MesoCell choice (~)";
        e.source["Thermodynamic factor"] = "ideal solution (~)";

        // Mechanics.
        m.youngs_modulus                   = 5e8;
        m.poisson_ratio                    = 0.4;
        m.thermal_expansion                = 1.3e-4;
        m.adhesion_strength                = 5e6;
        m.relaxed_modulus                  = 5e8;
        m.reference_relaxation_time        = 3600;
        m.relaxation_reference_temperature = 353.15;
        m.relaxation_activation_energy     = 8e4;
        e.source["Young's modulus"] = "plasticised PVDF-HFP membranes 0.1-1 GPa (~)";
        e.source["Poisson's ratio"] = typical;
        e.source["Thermal expansion coefficient"] = "PVDF ~1.3e-4 1/K (~)";
        e.source["Adhesion strength"] =
            "a few MPa, cf. PEO@alginate CPE 3.71 MPa (Yang et al.), review seed (~)";
        e.source["Relaxed modulus"] =
            "equal to the Young's modulus: no relaxation by default (PVDF-HFP melts at "
            "~140 C) (~)";
        e.source["Relaxation time"] =
            "used only if the relaxed modulus is below the Young's modulus (~)";
        e.source["Relaxation reference temperature"] =
            "used only if the relaxed modulus is below the Young's modulus";
        e.source["Relaxation activation energy"] =
            "used only if the relaxed modulus is below the Young's modulus (~)";
        return e;
      }
    } // namespace

    std::vector<LibraryEntry>
    polymer_materials()
    {
      return {peo_litfsi(), pvdf_hfp_cpe()};
    }
  } // namespace MaterialDetail
} // namespace MesoCell
