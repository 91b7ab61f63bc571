// Built-in ceramic electrolytes: the garnets LLZO and LLZTO, and LATP.
#include "builtin.h"

namespace MesoCell
{
  namespace MaterialDetail
  {
    namespace
    {
      LibraryEntry
      garnet(const std::string &name, const double density, const double kappa)
      {
        LibraryEntry e;
        Material    &m          = e.material;
        m.name                  = name;
        m.type                  = PhaseType::ceramic;
        m.density               = density;
        m.ionic_conductivity    = kappa;
        m.transference_number   = 1; // single-ion conductor (not a parameter)
        m.transfer_resistance   = 0.9;
        m.temperature_law       = "Arrhenius";
        m.activation_energy     = 3.38e4;
        m.reference_temperature = t_25C;

        // Mechanics.
        m.youngs_modulus            = 1.5e11;
        m.poisson_ratio             = 0.26;
        m.thermal_expansion         = 1.55e-5;
        m.adhesion_strength         = 1e8;
        e.source["Density"]         = typical;
        e.source["Young's modulus"] = "~150 GPa, doc/manual.md, Material library (~)";
        e.source["Poisson's ratio"] = "0.26, doc/manual.md, Material library (~)";
        e.source["Thermal expansion coefficient"] =
            "cubic LLZO ~1.5e-5 1/K, Hubaud et al. 2013, J. Mater. Chem. A 1, 8813 (~)";
        e.source["Adhesion strength"] =
            "fracture strength of sintered garnet ~100 MPa (~)";
        e.source["Transfer resistance to polymer"] =
            "9 kOhm cm^2 for LLZO|PEO at 70 C, Langer et al. 2017";
        e.source["Activation energy"] = "0.35 eV (~)";
        return e;
      }

      LibraryEntry
      llzo()
      {
        LibraryEntry e = garnet("LLZO", 5.1e3, 1e-2);
        e.source["Ionic conductivity"] =
            "1e-4 S/cm at 25 C (Al-doped), Garcia Daza et al. 2019, ACS AMI";
        return e;
      }

      LibraryEntry
      llzto()
      {
        LibraryEntry e = garnet("LLZTO", 5.4e3, 5e-2);
        e.source["Ionic conductivity"] =
            "Ta/Ga-doped garnets reach 1e-3 S/cm at 25 C, Garcia Daza et al. 2019 (~)";
        return e;
      }

      LibraryEntry
      latp()
      {
        LibraryEntry e                 = garnet("LATP", 2.9e3, 1e-2);
        e.source["Ionic conductivity"] = typical;
        e.material.youngs_modulus      = 1.15e11;
        e.material.poisson_ratio       = 0.25;
        e.material.thermal_expansion   = 8e-6;
        e.material.adhesion_strength   = 3.31e7;
        e.source["Young's modulus"]    = "~115 GPa for dense LATP (~)";
        e.source["Poisson's ratio"]    = typical;
        e.source["Thermal expansion coefficient"] =
            "NASICON, small and anisotropic; mean value (~)";
        e.source["Adhesion strength"] =
            "tensile strength 33.1 MPa of the LATP-GF/PEO-LiTFSI composite, review "
            "seed (Fu et al.), doc/manual.md, Material library (~)";
        e.source["Transfer resistance to polymer"] =
            "taken as for LLZO|PEO at 70 C, Langer et al. 2017 (~)";
        return e;
      }
    } // namespace

    std::vector<LibraryEntry>
    ceramic_materials()
    {
      return {llzo(), llzto(), latp()};
    }
  } // namespace MaterialDetail
} // namespace MesoCell
