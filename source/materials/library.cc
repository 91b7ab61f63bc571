// The built-in material library: values, sources, temperature and
// concentration laws, open-circuit potentials, and the parameter-file view.
#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>
#include <mesocell/materials/library.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    constexpr double faraday    = 96485.33212; // [C/mol]
    constexpr double gas_const  = 8.314462618; // [J/(mol K)]
    constexpr double t_25C      = 298.15;      // [K]
    constexpr double t_70C      = 343.15;      // [K]
    constexpr double max_double = std::numeric_limits<double>::max();

    // Sources, quoted in the help texts and in doc/manual.md.
    const std::string chen2020 =
        "Chen et al. 2020, J. Electrochem. Soc. 167, 080534 (LG M50 parameter set)";
    const std::string typical = "typical literature value (~)";
    const std::string masias2019 =
        "Masias et al. 2019, J. Mater. Sci. 54, 2585 (polycrystalline Li)";
    const std::string kondrakov2017 = "Kondrakov et al. 2017, J. Phys. Chem. C 121, 3286";

    /// A built-in material and, per parameter entry, the source of its default.
    struct LibraryEntry
    {
      Material                           material;
      std::map<std::string, std::string> source;
    };

    LibraryEntry
    nmc811()
    {
      LibraryEntry e;
      Material    &m                         = e.material;
      m.name                                 = "NMC811";
      m.type                                 = PhaseType::active;
      m.density                              = 4.75e3;
      m.electronic_conductivity              = 0.18;
      m.maximum_concentration                = 51765;
      m.x_charged                            = 0.2661;
      m.x_discharged                         = 0.9084;
      m.open_circuit_potential               = "NMC811 Chen2020";
      m.solid_diffusivity                    = 4e-15;
      m.exchange_current_polymer             = 0.1;
      m.exchange_current_ceramic             = 1.0;
      m.double_layer_capacitance             = 1e-3;
      m.temperature_law                      = TemperatureLaw::arrhenius;
      m.activation_energy                    = 3e4;
      m.reference_temperature                = t_25C;
      e.source["Density"]                    = typical;
      e.source["Electronic conductivity"]    = chen2020 + " (~)";
      e.source["Maximum concentration"]      = chen2020;
      e.source["Lithiation when charged"]    = "stoichiometry limit of " + chen2020;
      e.source["Lithiation when discharged"] = "stoichiometry limit of " + chen2020;
      e.source["Open-circuit potential"]     = chen2020 + ", as in PyBaMM";
      e.source["Solid diffusivity"]          = chen2020 + " (~)";

      // Mechanics.
      m.youngs_modulus        = 1.7e11;
      m.poisson_ratio         = 0.27;
      m.thermal_expansion     = 1e-5;
      m.adhesion_strength     = 1e8;
      m.lithiation_strain_law = LithiationStrainLaw::tabulated;
      m.partial_molar_volume  = 1.2e-6;
      // Unit-cell volume change dV/V vs lithiation x, relative to x = 1,
      // digitised approximately from Kondrakov et al. 2017: -5.1 % in total
      // between 3.0 and 4.3 V, about -1 % down to x = 0.5 (a shrinks, c grows),
      // the rest from the collapse of c (14.467 -> 14.030 A) below x ~ 0.4.
      m.lithiation_strain_table   = {{0.2, -0.051},
                                     {0.25, -0.040},
                                     {0.3, -0.030},
                                     {0.35, -0.022},
                                     {0.4, -0.016},
                                     {0.5, -0.010},
                                     {0.6, -0.007},
                                     {0.7, -0.005},
                                     {0.8, -0.003},
                                     {0.9, -0.001},
                                     {1.0, 0.0}};
      e.source["Young's modulus"] = "middle of ~140-200 GPa, shared MATERIALS.md (~)";
      e.source["Poisson's ratio"] = "0.25-0.3, shared MATERIALS.md (~)";
      e.source["Thermal expansion coefficient"] = "layered oxides ~1e-5 1/K (~)";
      e.source["Adhesion strength"] = "particle fracture strength of order 100 MPa (~)";
      e.source["Lithiation strain law"] =
          "tabulated unit-cell volume change of " + kondrakov2017;
      e.source["Partial molar volume"] =
          "used only by the Vegard law; secant of the 5.1 % volume change over "
          "x = 1..0.2, 0.051/(0.8 c_s,max) (~)";
      e.source["Lithiation strain table"] =
          "digitised approximately from " + kondrakov2017 +
          ": -5.1 % between 3.0 and 4.3 V (x = 1..0.2), about -1 % down to x = 0.5, "
          "most of it from the collapse of the c axis below x ~ 0.4 (~)";
      return e;
    }

    LibraryEntry
    lfp()
    {
      LibraryEntry e;
      Material    &m             = e.material;
      m.name                     = "LFP";
      m.type                     = PhaseType::active;
      m.density                  = 3.6e3;
      m.electronic_conductivity  = 1e-4;
      m.maximum_concentration    = 2.28e4;
      m.x_charged                = 0.01;
      m.x_discharged             = 0.99;
      m.open_circuit_potential   = "LFP Prada2013";
      m.solid_diffusivity        = 1e-16;
      m.exchange_current_polymer = 0.1;
      m.exchange_current_ceramic = 1.0;
      m.double_layer_capacitance = 1e-3;
      m.temperature_law          = TemperatureLaw::arrhenius;
      m.activation_energy        = 3e4;
      m.reference_temperature    = t_25C;
      e.source["Density"]        = typical;
      e.source["Electronic conductivity"] =
          "carbon-coated LFP; bare LFP is 1e-7..1e-5 S/m (~)";
      e.source["Maximum concentration"] = "shared MATERIALS.md (plateau ~3.42 V)";
      e.source["Lithiation when charged"] =
          "nearly full two-phase window, MesoCell choice (~)";
      e.source["Lithiation when discharged"] =
          "nearly full two-phase window, MesoCell choice (~)";
      e.source["Open-circuit potential"] =
          "Prada et al. 2013, J. Electrochem. Soc. 160, A616";
      e.source["Solid diffusivity"] = typical;

      // Mechanics.
      m.youngs_modulus        = 1.25e11;
      m.poisson_ratio         = 0.25;
      m.thermal_expansion     = 1e-5;
      m.adhesion_strength     = 1e8;
      m.lithiation_strain_law = LithiationStrainLaw::vegard;
      m.partial_molar_volume  = 2.8e-6;
      e.source["Young's modulus"] =
          "~125 GPa, Maxisch & Ceder 2006, Phys. Rev. B 73, 174112 (~)";
      e.source["Poisson's ratio"]   = typical;
      e.source["Adhesion strength"] = "particle fracture strength of order 100 MPa (~)";
      e.source["Lithiation strain law"] =
          "Vegard (two-phase FePO4/LiFePO4: linear in the mean lithiation) (~)";
      e.source["Partial molar volume"] =
          "unit cell 272.4 A^3 (FePO4) -> 291.2 A^3 (LiFePO4), 4 Li per cell: "
          "4.7 A^3 per Li, ~6.5 % in volume (~)";
      return e;
    }

    LibraryEntry
    lco()
    {
      LibraryEntry e;
      Material    &m                         = e.material;
      m.name                                 = "LCO";
      m.type                                 = PhaseType::active;
      m.density                              = 5.05e3;
      m.electronic_conductivity              = 1e-2;
      m.maximum_concentration                = 5.15e4;
      m.x_charged                            = 0.5;
      m.x_discharged                         = 0.99;
      m.open_circuit_potential               = "LCO Ramadass2004";
      m.solid_diffusivity                    = 1e-14;
      m.exchange_current_polymer             = 0.1;
      m.exchange_current_ceramic             = 1.0;
      m.double_layer_capacitance             = 1e-3;
      m.temperature_law                      = TemperatureLaw::arrhenius;
      m.activation_energy                    = 3e4;
      m.reference_temperature                = t_25C;
      e.source["Density"]                    = typical;
      e.source["Electronic conductivity"]    = typical;
      e.source["Maximum concentration"]      = "shared MATERIALS.md (~)";
      e.source["Lithiation when charged"]    = "usual LiCoO2 window x >= 0.5 (~)";
      e.source["Lithiation when discharged"] = "usual LiCoO2 window (~)";
      e.source["Open-circuit potential"] =
          "Ramadass et al. 2004, J. Electrochem. Soc. 151, A196";
      e.source["Solid diffusivity"] = typical;

      // Mechanics.
      m.youngs_modulus              = 1.75e11;
      m.poisson_ratio               = 0.25;
      m.thermal_expansion           = 1e-5;
      m.adhesion_strength           = 1e8;
      m.lithiation_strain_law       = LithiationStrainLaw::vegard;
      m.partial_molar_volume        = -7.8e-7;
      e.source["Young's modulus"]   = "~150-200 GPa (~)";
      e.source["Poisson's ratio"]   = typical;
      e.source["Adhesion strength"] = "particle fracture strength of order 100 MPa (~)";
      e.source["Lithiation strain law"] = "Vegard (~)";
      e.source["Partial molar volume"] =
          "negative: the unit cell grows ~2 % (c axis) on delithiation from x = 1 to "
          "0.5, Reimers & Dahn 1992, J. Electrochem. Soc. 139, 2091; "
          "-0.02/(0.5 c_s,max) (~)";
      return e;
    }

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
      m.temperature_law                = TemperatureLaw::vtf;
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
          "0.26 MPa at room temperature, review seed (Fu et al.), shared MATERIALS.md";
      e.source["Poisson's ratio"]               = "nearly incompressible polymer (~)";
      e.source["Thermal expansion coefficient"] = "polyethers ~1e-4..2e-4 1/K (~)";
      e.source["Adhesion strength"] =
          "tensile strength 0.06 MPa, review seed (Fu et al.), shared MATERIALS.md";
      e.source["Relaxed modulus"] = "10 % of the unrelaxed modulus, MesoCell choice (~)";
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
      m.temperature_law                = TemperatureLaw::arrhenius;
      m.activation_energy              = 3e4;
      m.reference_temperature          = t_25C;
      e.source["Ionic conductivity"] =
          "~1e-4 S/cm, cf. LLZTO/PVDF hot pressed 1.08e-4 S/cm at 60 C (Guo et al.) (~)";
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
      e.source["Young's modulus"]        = "plasticised PVDF-HFP membranes 0.1-1 GPa (~)";
      e.source["Poisson's ratio"]        = typical;
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
      m.temperature_law       = TemperatureLaw::arrhenius;
      m.activation_energy     = 3.38e4;
      m.reference_temperature = t_25C;

      // Mechanics.
      m.youngs_modulus            = 1.5e11;
      m.poisson_ratio             = 0.26;
      m.thermal_expansion         = 1.55e-5;
      m.adhesion_strength         = 1e8;
      e.source["Density"]         = typical;
      e.source["Young's modulus"] = "~150 GPa, shared MATERIALS.md (~)";
      e.source["Poisson's ratio"] = "0.26, shared MATERIALS.md (~)";
      e.source["Thermal expansion coefficient"] =
          "cubic LLZO ~1.5e-5 1/K, Hubaud et al. 2013, J. Mater. Chem. A 1, 8813 (~)";
      e.source["Adhesion strength"] = "fracture strength of sintered garnet ~100 MPa (~)";
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
          "seed (Fu et al.), shared MATERIALS.md (~)";
      e.source["Transfer resistance to polymer"] =
          "taken as for LLZO|PEO at 70 C, Langer et al. 2017 (~)";
      return e;
    }

    LibraryEntry
    lithium()
    {
      LibraryEntry e;
      Material    &m                      = e.material;
      m.name                              = "Li";
      m.type                              = PhaseType::lithium;
      m.density                           = 534;
      m.electronic_conductivity           = 1.1e7;
      m.molar_volume                      = 1.30e-5;
      m.exchange_current_polymer          = 1.0;
      m.exchange_current_ceramic          = 10.0;
      m.double_layer_capacitance          = 1e-3;
      m.temperature_law                   = TemperatureLaw::constant;
      m.reference_temperature             = t_25C;
      e.source["Density"]                 = "lithium metal at 25 C";
      e.source["Electronic conductivity"] = "lithium metal at 25 C";
      e.source["Molar volume"]            = "shared MATERIALS.md";
      e.source["Temperature law"]         = "no temperature law by default (~)";

      // Mechanics.
      m.youngs_modulus          = 7.82e9;
      m.poisson_ratio           = 0.38;
      m.thermal_expansion       = 4.6e-5;
      m.adhesion_strength       = 8e5;
      m.creep_law               = CreepLaw::power_law;
      m.creep_prefactor         = 5.7e-36;
      m.creep_exponent          = 6.56;
      m.creep_activation_energy = 3.7e4;
      e.source["Young's modulus"] =
          masias2019 + "; shared MATERIALS.md range 4.9-8 GPa (~)";
      e.source["Poisson's ratio"] =
          masias2019 + "; shared MATERIALS.md range 0.36-0.42 (~)";
      e.source["Thermal expansion coefficient"] = "lithium metal at 25 C";
      e.source["Adhesion strength"] =
          "yield strength 0.73-0.81 MPa, " + masias2019 + " (~)";
      e.source["Creep law"] = "power-law creep, " + masias2019 + " (~)";
      e.source["Creep prefactor"] =
          "about 1e-3 1/s at 0.8 MPa and 298 K, " + masias2019 +
          " (~): A = 1.3e4 MPa^-6.56 s^-1 = 1.3e4 (1e-6)^6.56 Pa^-6.56 s^-1, rounded";
      e.source["Creep exponent"]          = masias2019 + " (~)";
      e.source["Creep activation energy"] = masias2019 + " (~)";
      return e;
    }

    LibraryEntry
    conductor(const std::string &name, const double density, const double sigma)
    {
      LibraryEntry e;
      e.material.name                    = name;
      e.material.type                    = PhaseType::conductor;
      e.material.density                 = density;
      e.material.electronic_conductivity = sigma;
      e.source["Density"]                = "skeletal density, " + typical;
      return e;
    }

    LibraryEntry
    rgo()
    {
      LibraryEntry e                            = conductor("rGO", 2.0e3, 1e3);
      e.material.youngs_modulus                 = 3e9;
      e.material.poisson_ratio                  = 0.2;
      e.material.thermal_expansion              = 5e-6;
      e.material.adhesion_strength              = 3e7;
      e.source["Young's modulus"]               = "rGO paper, a few GPa (~)";
      e.source["Poisson's ratio"]               = typical;
      e.source["Thermal expansion coefficient"] = "graphitic carbon, mean value (~)";
      e.source["Adhesion strength"] = "tensile strength of rGO paper, tens of MPa (~)";
      return e;
    }

    LibraryEntry
    carbon_binder()
    {
      LibraryEntry e               = conductor("carbon-binder", 1.8e3, 10);
      e.material.youngs_modulus    = 1e9;
      e.material.poisson_ratio     = 0.3;
      e.material.thermal_expansion = 5e-5;
      e.material.adhesion_strength = 1e6;
      e.source["Young's modulus"]  = "carbon black in a PVDF binder, ~1 GPa (~)";
      e.source["Poisson's ratio"]  = typical;
      e.source["Thermal expansion coefficient"] =
          "between carbon and PVDF (1.3e-4 1/K) (~)";
      e.source["Adhesion strength"] = "adhesion of a PVDF binder, ~1 MPa (~)";
      return e;
    }

    const std::vector<LibraryEntry> &
    library()
    {
      static const std::vector<LibraryEntry> entries = {nmc811(),
                                                        lfp(),
                                                        lco(),
                                                        peo_litfsi(),
                                                        pvdf_hfp_cpe(),
                                                        llzo(),
                                                        llzto(),
                                                        latp(),
                                                        lithium(),
                                                        rgo(),
                                                        carbon_binder()};
      return entries;
    }

    const LibraryEntry &
    library_entry(const std::string &name)
    {
      for (const auto &e : library())
        if (e.material.name == name)
          return e;
      throw std::out_of_range("MesoCell: no built-in material '" + name + "'");
    }

    // --- parameter entries ---------------------------------------------------

    /// A double entry of the parameter file and the member it sets.
    struct DoubleEntry
    {
      const char *name;
      double Material::*member;
      const char       *what; // "<what> of <material> [unit]; <source>."
      const char       *unit;
      double            lower;
      double            upper;
    };

    const DoubleEntry e_density{
        "Density", &Material::density, "mass density", "kg/m^3", 0, max_double};
    const DoubleEntry e_sigma{"Electronic conductivity",
                              &Material::electronic_conductivity,
                              "electronic conductivity sigma_s",
                              "S/m",
                              0,
                              max_double};
    const DoubleEntry e_cmax{"Maximum concentration",
                             &Material::maximum_concentration,
                             "maximum lithium concentration c_s,max",
                             "mol/m^3",
                             0,
                             max_double};
    const DoubleEntry e_x_charged{"Lithiation when charged",
                                  &Material::x_charged,
                                  "lithiation x = c_s/c_s,max in the charged state",
                                  "-",
                                  0,
                                  1};
    const DoubleEntry e_x_discharged{"Lithiation when discharged",
                                     &Material::x_discharged,
                                     "lithiation x = c_s/c_s,max in the discharged state",
                                     "-",
                                     0,
                                     1};
    const DoubleEntry e_ocp_constant{
        "OCP constant",
        &Material::ocp_constant,
        "potential U0 of the 'constant' and 'linear' open-circuit potentials",
        "V",
        -max_double,
        max_double};
    const DoubleEntry e_ocp_slope{"OCP slope",
                                  &Material::ocp_slope,
                                  "slope dU/dx of the 'linear' open-circuit potential "
                                  "U = U0 + slope (x - 1/2)",
                                  "V",
                                  -max_double,
                                  max_double};
    const DoubleEntry e_entropic{"Entropic coefficient",
                                 &Material::entropic_coefficient,
                                 "entropic coefficient dU/dT, U(x, T) = U(x) + dU/dT "
                                 "(T - T_ref)",
                                 "V/K",
                                 -max_double,
                                 max_double};
    const DoubleEntry e_ds{"Solid diffusivity",
                           &Material::solid_diffusivity,
                           "lithium diffusivity D_s in the solid at the reference "
                           "temperature",
                           "m^2/s",
                           0,
                           max_double};
    const DoubleEntry e_i0_polymer{"Exchange current density against polymer",
                                   &Material::exchange_current_polymer,
                                   "exchange current density i0 against a polymer "
                                   "electrolyte at c_ref, x = 1/2 and the reference "
                                   "temperature",
                                   "A/m^2",
                                   0,
                                   max_double};
    const DoubleEntry e_i0_ceramic{"Exchange current density against ceramic",
                                   &Material::exchange_current_ceramic,
                                   "exchange current density i0 against a ceramic "
                                   "electrolyte at x = 1/2 and the reference temperature",
                                   "A/m^2",
                                   0,
                                   max_double};
    const DoubleEntry e_alpha_a{"Anodic transfer coefficient",
                                &Material::alpha_a,
                                "anodic Butler-Volmer transfer coefficient alpha_a",
                                "-",
                                0,
                                1};
    const DoubleEntry e_alpha_c{"Cathodic transfer coefficient",
                                &Material::alpha_c,
                                "cathodic Butler-Volmer transfer coefficient alpha_c",
                                "-",
                                0,
                                1};
    const DoubleEntry e_film{"Film resistance",
                             &Material::film_resistance,
                             "area-specific resistance R_film of a coating, CEI or SEI "
                             "film on the surface (0: no film)",
                             "Ohm m^2",
                             0,
                             max_double};
    const DoubleEntry e_cdl{"Double-layer capacitance",
                            &Material::double_layer_capacitance,
                            "double-layer capacitance C_dl of the surface",
                            "F/m^2",
                            0,
                            max_double};
    const DoubleEntry e_molar_volume{"Molar volume",
                                     &Material::molar_volume,
                                     "molar volume Omega_M of the metal, used by the "
                                     "Monroe-Newman stress term Omega_M sigma_n/F and "
                                     "the stripping gap rate Omega_M j/F",
                                     "m^3/mol",
                                     0,
                                     max_double};
    const DoubleEntry e_kappa{"Ionic conductivity",
                              &Material::ionic_conductivity,
                              "ionic conductivity kappa at the reference temperature "
                              "(and concentration)",
                              "S/m",
                              0,
                              max_double};
    const DoubleEntry e_cref{"Reference concentration",
                             &Material::reference_concentration,
                             "salt concentration c_ref of the conductivity law, also the "
                             "initial salt concentration",
                             "mol/m^3",
                             0,
                             max_double};
    const DoubleEntry e_de{"Salt diffusivity",
                           &Material::salt_diffusivity,
                           "salt diffusivity D_e at the reference temperature",
                           "m^2/s",
                           0,
                           max_double};
    const DoubleEntry e_tplus{"Transference number",
                              &Material::transference_number,
                              "Li+ transference number t+",
                              "-",
                              -max_double,
                              max_double};
    const DoubleEntry e_thermo{"Thermodynamic factor",
                               &Material::thermodynamic_factor,
                               "thermodynamic factor 1 + dln f/dln c",
                               "-",
                               0,
                               max_double};
    const DoubleEntry e_rpc{"Transfer resistance to polymer",
                            &Material::transfer_resistance,
                            "area-specific Li+ transfer resistance R_pc of an interface "
                            "to a polymer electrolyte",
                            "Ohm m^2",
                            0,
                            max_double};
    const DoubleEntry e_ea{"Activation energy",
                           &Material::activation_energy,
                           "activation energy Ea of the Arrhenius law",
                           "J/mol",
                           0,
                           max_double};
    const DoubleEntry e_vtf_b{"VTF pseudo-energy",
                              &Material::vtf_pseudo_energy,
                              "pseudo-activation energy B of the VTF law",
                              "K",
                              0,
                              max_double};
    const DoubleEntry e_vtf_t0{"VTF temperature",
                               &Material::vtf_temperature,
                               "Vogel temperature T0 of the VTF law",
                               "K",
                               0,
                               max_double};
    const DoubleEntry e_tref{"Reference temperature",
                             &Material::reference_temperature,
                             "reference temperature T_ref of the temperature law, "
                             "where the transport and kinetic values apply",
                             "K",
                             0,
                             max_double};

    // Mechanics (MODEL.md sections 2 and 4).
    const DoubleEntry e_youngs{"Young's modulus",
                               &Material::youngs_modulus,
                               "Young's modulus E (polymers: the unrelaxed modulus)",
                               "Pa",
                               0,
                               max_double};
    const DoubleEntry e_poisson{"Poisson's ratio",
                                &Material::poisson_ratio,
                                "Poisson's ratio nu, 0 <= nu < 0.5",
                                "-",
                                0,
                                0.5};
    const DoubleEntry e_thermal_expansion{"Thermal expansion coefficient",
                                          &Material::thermal_expansion,
                                          "linear thermal expansion coefficient alpha, "
                                          "eps_th = alpha (T - T_ref) I with T_ref the "
                                          "stress-free temperature of the mechanics",
                                          "1/K",
                                          -1e-3,
                                          1e-3};
    const DoubleEntry e_adhesion{"Adhesion strength",
                                 &Material::adhesion_strength,
                                 "tensile (adhesion) strength of a bonded interface to "
                                 "this material, above which a cohesive contact "
                                 "interface debonds (for a pair the smaller value "
                                 "governs)",
                                 "Pa",
                                 0,
                                 max_double};
    const DoubleEntry e_surface_slope{"Surface slope",
                                      &Material::surface_slope,
                                      "rms surface slope h'_rms of the Persson "
                                      "micro-contact law theta = erf(sqrt(2) p_n/(E* "
                                      "h'_rms)); two rough surfaces combine as "
                                      "sqrt(h1'^2 + h2'^2)",
                                      "-",
                                      0,
                                      10};
    const DoubleEntry e_partial_molar_volume{
        "Partial molar volume",
        &Material::partial_molar_volume,
        "partial molar volume Omega_s of lithium in the host for the 'Vegard' "
        "lithiation strain eps_ch = Omega_s/3 (c_s - c_ref) I, c_ref = x_ref c_s,max",
        "m^3/mol",
        -1e-3,
        1e-3};
    const DoubleEntry e_reference_lithiation{
        "Reference lithiation",
        &Material::reference_lithiation,
        "stress-free lithiation x_ref of the lithiation strain; a negative value means "
        "the lithiation when charged (the default initial lithiation of a simulation)",
        "-",
        -1,
        1};
    const DoubleEntry e_creep_prefactor{"Creep prefactor",
                                        &Material::creep_prefactor,
                                        "prefactor A of the power-law creep rate "
                                        "eps_dot = A exp(-Q/RT) sigma_vm^m with the "
                                        "stress in Pa",
                                        "Pa^-m s^-1",
                                        0,
                                        max_double};
    const DoubleEntry e_creep_exponent{"Creep exponent",
                                       &Material::creep_exponent,
                                       "stress exponent m of the power-law creep",
                                       "-",
                                       1,
                                       20};
    const DoubleEntry e_creep_energy{"Creep activation energy",
                                     &Material::creep_activation_energy,
                                     "activation energy Q of the power-law creep",
                                     "J/mol",
                                     0,
                                     max_double};
    const DoubleEntry e_relaxed_modulus{
        "Relaxed modulus",
        &Material::relaxed_modulus,
        "relaxed (long-time) modulus 0 < E_inf <= E of the stress relaxation "
        "E(t) = E_inf + (E - E_inf) exp(-t/tau(T))",
        "Pa",
        0,
        max_double};
    const DoubleEntry e_relaxation_time{"Relaxation time",
                                        &Material::reference_relaxation_time,
                                        "relaxation time tau_ref at the relaxation "
                                        "reference temperature",
                                        "s",
                                        0,
                                        max_double};
    const DoubleEntry e_relaxation_temperature{
        "Relaxation reference temperature",
        &Material::relaxation_reference_temperature,
        "temperature T_relax of the relaxation time, tau(T) = tau_ref exp(Q/R (1/T - "
        "1/T_relax))",
        "K",
        0,
        max_double};
    const DoubleEntry e_relaxation_energy{"Relaxation activation energy",
                                          &Material::relaxation_activation_energy,
                                          "activation energy Q of the relaxation time",
                                          "J/mol",
                                          0,
                                          max_double};

    /// The double entries of a material of type @p type, in declaration order.
    std::vector<const DoubleEntry *>
    double_entries(const PhaseType type)
    {
      const std::vector<const DoubleEntry *> kinetics = {
          &e_i0_polymer, &e_i0_ceramic, &e_alpha_a, &e_alpha_c, &e_film, &e_cdl};
      const std::vector<const DoubleEntry *> thermal = {
          &e_ea, &e_vtf_b, &e_vtf_t0, &e_tref};
      std::vector<const DoubleEntry *> list;
      switch (type)
        {
        case PhaseType::active:
          list = {&e_density,
                  &e_sigma,
                  &e_cmax,
                  &e_x_charged,
                  &e_x_discharged,
                  &e_ocp_constant,
                  &e_ocp_slope,
                  &e_entropic,
                  &e_ds};
          list.insert(list.end(), kinetics.begin(), kinetics.end());
          break;
        case PhaseType::lithium:
          list = {&e_density, &e_sigma, &e_molar_volume};
          list.insert(list.end(), kinetics.begin(), kinetics.end());
          break;
        case PhaseType::polymer:
          list = {&e_density, &e_kappa, &e_cref, &e_de, &e_tplus, &e_thermo};
          break;
        case PhaseType::ceramic:
          list = {&e_density, &e_kappa, &e_rpc};
          break;
        case PhaseType::conductor:
          list = {&e_density, &e_sigma};
          break;
        }
      if (type != PhaseType::conductor)
        list.insert(list.end(), thermal.begin(), thermal.end());
      list.insert(
          list.end(),
          {&e_youngs, &e_poisson, &e_thermal_expansion, &e_adhesion, &e_surface_slope});
      if (type == PhaseType::active)
        list.insert(list.end(), {&e_partial_molar_volume, &e_reference_lithiation});
      if (type == PhaseType::lithium || type == PhaseType::polymer)
        list.insert(list.end(), {&e_creep_prefactor, &e_creep_exponent, &e_creep_energy});
      if (type == PhaseType::polymer)
        list.insert(list.end(),
                    {&e_relaxed_modulus,
                     &e_relaxation_time,
                     &e_relaxation_temperature,
                     &e_relaxation_energy});
      return list;
    }

    /// Shortest decimal text that reads back as exactly @p value: plain
    /// digits for 1e-4 <= |value| < 1e7 ("33800", "0.001"), otherwise
    /// scientific without a '+' or leading zeros in the exponent ("1.1e7").
    std::string
    round_trip_string(const double value)
    {
      if (!std::isfinite(value) || value == 0)
        {
          std::ostringstream out;
          out << value;
          return out.str();
        }
      const int exponent = static_cast<int>(std::floor(std::log10(std::abs(value))));
      for (int digits = 1; digits <= 17; ++digits)
        {
          std::ostringstream out;
          out.precision(digits);
          out << value;
          if (std::stod(out.str()) != value)
            continue;
          if (exponent >= -4 && exponent < 7)
            {
              std::ostringstream plain;
              plain.precision(std::max(digits, exponent + 1));
              plain << value;
              if (std::stod(plain.str()) == value)
                return plain.str();
            }
          std::string text = out.str();
          const auto  e    = text.find('e');
          if (e != std::string::npos)
            {
              std::string mantissa = text.substr(0, e), power = text.substr(e + 1);
              std::string sign;
              if (power[0] == '+' || power[0] == '-')
                {
                  sign  = power[0] == '-' ? "-" : "";
                  power = power.substr(1);
                }
              power.erase(0, std::min(power.find_first_not_of('0'), power.size() - 1));
              text = mantissa + "e" + sign + power;
            }
          return text;
        }
      std::ostringstream out;
      out.precision(17);
      out << value;
      return out.str();
    }

    std::string
    source_of(const LibraryEntry &e, const std::string &entry)
    {
      const auto it = e.source.find(entry);
      if (it != e.source.end())
        return it->second;
      if (entry == "Anodic transfer coefficient" ||
          entry == "Cathodic transfer coefficient")
        return "symmetric Butler-Volmer kinetics";
      if (entry == "Exchange current density against polymer" ||
          entry == "Exchange current density against ceramic")
        return typical;
      if (entry == "Double-layer capacitance")
        return "0.1 uF/cm^2 as for LLZO|PEO, Langer et al. 2017 (~)";
      if (entry == "Film resistance")
        return "no film by default";
      if (entry == "OCP constant" || entry == "OCP slope")
        return "used only by the 'constant' and 'linear' curves";
      if (entry == "Entropic coefficient")
        return "neglected by default";
      if (entry == "Activation energy" &&
          e.material.temperature_law != TemperatureLaw::arrhenius)
        return "used only by the Arrhenius law";
      if (entry == "Activation energy" || entry == "Temperature law")
        return "Arrhenius with a " + typical;
      if (entry == "VTF pseudo-energy" || entry == "VTF temperature")
        return "used only by the VTF law";
      if (entry == "Reference temperature")
        return "25 C";
      if (entry == "Surface slope")
        return "typical of pressed or polished surfaces (~)";
      if (entry == "Reference lithiation")
        return "-1 by default, so that a simulation from its default initial "
               "lithiation starts stress-free";
      if (entry == "Partial molar volume" || entry == "Lithiation strain law")
        return "no lithiation strain data";
      if (entry == "Lithiation strain table")
        return "used only by the tabulated law";
      if (entry == "Creep law")
        return "no creep by default; stress relaxation is a separate law (~)";
      if (entry == "Creep prefactor" || entry == "Creep exponent" ||
          entry == "Creep activation energy")
        return "used only by the power law";
      return typical;
    }

    std::string
    help_text(const LibraryEntry &e, const DoubleEntry &d)
    {
      return e.material.name + ": " + d.what + " [" + d.unit + "]; " +
             source_of(e, d.name) + ".";
    }

    std::string
    temperature_law_name(const TemperatureLaw law)
    {
      switch (law)
        {
        case TemperatureLaw::constant:
          return "constant";
        case TemperatureLaw::arrhenius:
          return "Arrhenius";
        case TemperatureLaw::vtf:
          return "VTF";
        }
      return "constant";
    }

    TemperatureLaw
    temperature_law_from_name(const std::string &name)
    {
      if (name == "Arrhenius")
        return TemperatureLaw::arrhenius;
      if (name == "VTF")
        return TemperatureLaw::vtf;
      return TemperatureLaw::constant;
    }

    std::string
    lithiation_strain_law_name(const LithiationStrainLaw law)
    {
      switch (law)
        {
        case LithiationStrainLaw::none:
          return "none";
        case LithiationStrainLaw::vegard:
          return "Vegard";
        case LithiationStrainLaw::tabulated:
          return "tabulated";
        }
      return "none";
    }

    LithiationStrainLaw
    lithiation_strain_law_from_name(const std::string &name)
    {
      if (name == "Vegard")
        return LithiationStrainLaw::vegard;
      if (name == "tabulated")
        return LithiationStrainLaw::tabulated;
      return LithiationStrainLaw::none;
    }

    std::string
    creep_law_name(const CreepLaw law)
    {
      return law == CreepLaw::power_law ? "power law" : "none";
    }

    CreepLaw
    creep_law_from_name(const std::string &name)
    {
      return name == "power law" ? CreepLaw::power_law : CreepLaw::none;
    }

    /// "x: dV/V" pairs separated by commas, exactly readable back.
    std::string
    table_string(const std::vector<std::pair<double, double>> &table)
    {
      std::string out;
      for (const auto &[x, f] : table)
        out += (out.empty() ? "" : ", ") + round_trip_string(x) + ": " +
               round_trip_string(f);
      return out;
    }

    /// Parse "x: dV/V, ..." (the pattern has checked the form); an empty
    /// string gives an empty table. Throws std::invalid_argument with the
    /// reason if the x are not strictly increasing.
    std::vector<std::pair<double, double>>
    parse_table(const std::string &text)
    {
      std::vector<std::pair<double, double>> table;
      for (const auto &item : Utilities::split_string_list(text, ','))
        {
          const auto pair = Utilities::split_string_list(item, ':');
          if (pair.size() != 2)
            throw std::invalid_argument("'" + item + "' is not an 'x: dV/V' pair");
          table.emplace_back(Utilities::string_to_double(pair[0]),
                             Utilities::string_to_double(pair[1]));
          if (table.size() > 1 && !(table.back().first > table[table.size() - 2].first))
            throw std::invalid_argument("the lithiations x are not strictly increasing "
                                        "at '" +
                                        item + "'");
        }
      return table;
    }

    /// Monotone piecewise-cubic Hermite interpolation (PCHIP) of @p table at
    /// @p x and its derivative: node slopes by the weighted harmonic mean of
    /// Fritsch and Butland (as boost::math::interpolators::pchip), secant slopes
    /// at the two ends, linear beyond them. Written out because boost's pchip
    /// needs four points, throws outside the table and allocates on
    /// construction.
    ValueAndSlope
    interpolate_pchip(const std::vector<std::pair<double, double>> &table, const double x)
    {
      const std::size_t n      = table.size();
      const auto        secant = [&](const std::size_t k) {
        return (table[k + 1].second - table[k].second) /
               (table[k + 1].first - table[k].first);
      };
      const auto node_slope = [&](const std::size_t k) {
        if (k == 0)
          return secant(0);
        if (k == n - 1)
          return secant(n - 2);
        const double d0 = secant(k - 1), d1 = secant(k);
        if (d0 * d1 <= 0)
          return 0.0;
        const double h0 = table[k].first - table[k - 1].first;
        const double h1 = table[k + 1].first - table[k].first;
        const double w1 = 2 * h1 + h0, w2 = h1 + 2 * h0;
        return (w1 + w2) / (w1 / d0 + w2 / d1);
      };
      if (x <= table.front().first)
        {
          const double s = node_slope(0);
          return {table.front().second + s * (x - table.front().first), s};
        }
      if (x >= table.back().first)
        {
          const double s = node_slope(n - 1);
          return {table.back().second + s * (x - table.back().first), s};
        }
      const auto upper = std::upper_bound(
          table.begin(),
          table.end(),
          x,
          [](const double v, const std::pair<double, double> &p) { return v < p.first; });
      const std::size_t k  = (upper - table.begin()) - 1;
      const double      h  = table[k + 1].first - table[k].first;
      const double      t  = (x - table[k].first) / h;
      const double      y0 = table[k].second, y1 = table[k + 1].second;
      const double      m0 = node_slope(k), m1 = node_slope(k + 1);
      const double      value = (1 + 2 * t) * (1 - t) * (1 - t) * y0 +
                           t * (1 - t) * (1 - t) * h * m0 + t * t * (3 - 2 * t) * y1 +
                           t * t * (t - 1) * h * m1;
      const double slope = (6 * t * t - 6 * t) * (y0 - y1) / h +
                           (3 * t * t - 4 * t + 1) * m0 + (3 * t * t - 2 * t) * m1;
      return {value, slope};
    }

    std::string
    transport_quantities(const PhaseType type)
    {
      switch (type)
        {
        case PhaseType::active:
          return "D_s and i0";
        case PhaseType::polymer:
          return "kappa and D_e";
        case PhaseType::ceramic:
          return "kappa";
        case PhaseType::lithium:
          return "i0";
        case PhaseType::conductor:
          return "nothing";
        }
      return "";
    }

    std::string
    join(const std::vector<std::string> &names, const std::string &separator)
    {
      std::string out;
      for (const auto &n : names)
        out += (out.empty() ? "" : separator) + n;
      return out;
    }

    [[noreturn]] void
    domain_error(const std::string &what)
    {
      throw std::domain_error("MesoCell material library: " + what);
    }

    // --- open-circuit potentials U(x) and dU/dx --------------------------------

    ValueAndSlope
    ocp_nmc811_chen2020(const double x)
    {
      const double t1 = std::tanh(18.5138 * (x - 0.5542));
      const double t2 = std::tanh(15.7890 * (x - 0.3117));
      const double t3 = std::tanh(15.9308 * (x - 0.3120));
      return {-0.8090 * x + 4.4875 - 0.0428 * t1 - 17.7326 * t2 + 17.5842 * t3,
              -0.8090 - 0.0428 * 18.5138 * (1 - t1 * t1) -
                  17.7326 * 15.7890 * (1 - t2 * t2) + 17.5842 * 15.9308 * (1 - t3 * t3)};
    }

    ValueAndSlope
    ocp_lfp_prada2013(const double x)
    {
      if (!(x <= 1.0))
        domain_error("the LFP Prada2013 open-circuit potential needs x <= 1 (powers of "
                     "1 - x), got x = " +
                     round_trip_string(x));
      // U = 3.4323 - a1 exp(-b1 s^p1) - a2 exp(b2 s^p2) + a3 exp(b3 s^p3), s = 1 - x,
      // dU/dx = -dU/ds.
      const double s  = 1.0 - x;
      const double a1 = 0.8428, b1 = 80.2493, p1 = 1.3198;
      const double a2 = 3.2474e-6, b2 = 20.2645, p2 = 3.8003;
      const double a3 = 3.2482e-6, b3 = 20.2646, p3 = 3.7995;
      const double e1    = a1 * std::exp(-b1 * std::pow(s, p1));
      const double e2    = a2 * std::exp(b2 * std::pow(s, p2));
      const double e3    = a3 * std::exp(b3 * std::pow(s, p3));
      const double dU_ds = e1 * b1 * p1 * std::pow(s, p1 - 1) -
                           e2 * b2 * p2 * std::pow(s, p2 - 1) +
                           e3 * b3 * p3 * std::pow(s, p3 - 1);
      return {3.4323 - e1 - e2 + e3, -dU_ds};
    }

    ValueAndSlope
    ocp_lco_ramadass2004(const double x)
    {
      // The rational fit has poles at x = 0.4226 and 1.0043 and is monotone
      // between them; it is meant for 0.5 <= x <= 1.
      if (!(x >= 0.43 && x <= 1.0))
        domain_error("the LCO Ramadass2004 open-circuit potential is defined for "
                     "0.43 <= x <= 1 (poles at x = 0.4226 and 1.0043), got x = " +
                     round_trip_string(x));
      static const double p[6] = {-4.656, 88.669, -401.119, 342.909, -462.471, 433.434};
      static const double q[6] = {-1, 18.933, -79.532, 37.311, -73.083, 95.96};
      // P(x) = sum p_k x^(2k), P' = sum 2k p_k x^(2k-1).
      double P = 0, dP = 0, Q = 0, dQ = 0;
      double x2k = 1, x2km1 = 0; // x^(2k) and x^(2k-1)
      for (int k = 0; k < 6; ++k)
        {
          P += p[k] * x2k;
          Q += q[k] * x2k;
          dP += 2 * k * p[k] * x2km1;
          dQ += 2 * k * q[k] * x2km1;
          x2km1 = x2k * x;
          x2k *= x * x;
        }
      return {P / Q, (dP * Q - P * dQ) / (Q * Q)};
    }
  } // namespace

  std::string
  to_string(const PhaseType type)
  {
    switch (type)
      {
      case PhaseType::active:
        return "active";
      case PhaseType::polymer:
        return "polymer";
      case PhaseType::ceramic:
        return "ceramic";
      case PhaseType::conductor:
        return "conductor";
      case PhaseType::lithium:
        return "lithium";
      }
    return "unknown";
  }

  double
  Material::temperature_factor(const double T) const
  {
    switch (temperature_law)
      {
      case TemperatureLaw::constant:
        return 1.0;
      case TemperatureLaw::arrhenius:
        if (!(T > 0))
          domain_error("Arrhenius law of " + name + " at T = " + round_trip_string(T) +
                       " K");
        return std::exp(-activation_energy / gas_const *
                        (1.0 / T - 1.0 / reference_temperature));
      case TemperatureLaw::vtf:
        if (!(T > vtf_temperature))
          domain_error("VTF law of " + name +
                       " needs T > T0 = " + round_trip_string(vtf_temperature) +
                       " K, got T = " + round_trip_string(T) + " K");
        return std::exp(-vtf_pseudo_energy / (T - vtf_temperature) +
                        vtf_pseudo_energy / (reference_temperature - vtf_temperature));
      }
    return 1.0;
  }

  ValueAndSlope
  Material::ocp(const double x, const double T) const
  {
    if (type == PhaseType::lithium)
      return {0.0, 0.0}; // Li metal: U = 0 against a Li reference
    if (!std::isfinite(x))
      domain_error("open-circuit potential of " + name +
                   " at x = " + round_trip_string(x));
    ValueAndSlope u;
    if (open_circuit_potential == "NMC811 Chen2020")
      u = ocp_nmc811_chen2020(x);
    else if (open_circuit_potential == "LFP Prada2013")
      u = ocp_lfp_prada2013(x);
    else if (open_circuit_potential == "LCO Ramadass2004")
      u = ocp_lco_ramadass2004(x);
    else if (open_circuit_potential == "constant")
      u = {ocp_constant, 0.0};
    else if (open_circuit_potential == "linear")
      u = {ocp_constant + ocp_slope * (x - 0.5), ocp_slope};
    else
      throw std::invalid_argument("MesoCell material library: material '" + name +
                                  "' has no open-circuit potential curve '" +
                                  open_circuit_potential + "'");
    u.value += entropic_coefficient * (T - reference_temperature);
    if (!std::isfinite(u.value) || !std::isfinite(u.slope))
      domain_error("open-circuit potential '" + open_circuit_potential + "' of " + name +
                   " is not finite at x = " + round_trip_string(x));
    return u;
  }

  ValueAndSlope
  Material::conductivity(const double c, const double T) const
  {
    const double kappa = ionic_conductivity * temperature_factor(T);
    if (type != PhaseType::polymer || conductivity_concentration_law == "constant")
      return {kappa, 0.0};
    if (!(c > 0))
      domain_error("the '" + conductivity_concentration_law + "' conductivity of " +
                   name +
                   " needs a salt concentration c > 0, got c = " + round_trip_string(c));
    const double r = c / reference_concentration;
    if (conductivity_concentration_law == "linear")
      return {kappa * r, kappa / reference_concentration};
    if (conductivity_concentration_law == "peaked")
      {
        const double e = std::exp(1.0 - r);
        return {kappa * r * e, kappa * (1.0 - r) * e / reference_concentration};
      }
    throw std::invalid_argument("MesoCell material library: material '" + name +
                                "' has no conductivity concentration law '" +
                                conductivity_concentration_law + "'");
  }

  double
  Material::diffusivity(const double T) const
  {
    switch (type)
      {
      case PhaseType::active:
        return solid_diffusivity * temperature_factor(T);
      case PhaseType::polymer:
        return salt_diffusivity * temperature_factor(T);
      default:
        return 0.0;
      }
  }

  double
  Material::specific_capacity() const
  {
    if (!(density > 0))
      return 0.0;
    return faraday * maximum_concentration * (x_discharged - x_charged) / density;
  }

  double
  Material::shear_modulus() const
  {
    return youngs_modulus / (2 * (1 + poisson_ratio));
  }

  double
  Material::plane_strain_modulus() const
  {
    return youngs_modulus / (1 - poisson_ratio * poisson_ratio);
  }

  double
  Material::lithiation_reference() const
  {
    return reference_lithiation < 0 ? x_charged : reference_lithiation;
  }

  ValueAndSlope
  Material::lithiation_strain(const double x) const
  {
    return lithiation_strain(x, lithiation_reference());
  }

  ValueAndSlope
  Material::lithiation_strain(const double x, const double x_ref) const
  {
    if (type != PhaseType::active || lithiation_strain_law == LithiationStrainLaw::none)
      return {0.0, 0.0};
    if (!std::isfinite(x) || !std::isfinite(x_ref))
      domain_error("lithiation strain of " + name + " at x = " + round_trip_string(x) +
                   ", x_ref = " + round_trip_string(x_ref));
    if (lithiation_strain_law == LithiationStrainLaw::vegard)
      {
        const double k = partial_molar_volume * maximum_concentration / 3.0;
        return {k * (x - x_ref), k};
      }
    if (lithiation_strain_table.size() < 2)
      throw std::invalid_argument("MesoCell material library: material '" + name +
                                  "' has a tabulated lithiation strain with fewer "
                                  "than two points");
    const ValueAndSlope f = interpolate_pchip(lithiation_strain_table, x);
    const ValueAndSlope r = interpolate_pchip(lithiation_strain_table, x_ref);
    return {(f.value - r.value) / 3.0, f.slope / 3.0};
  }

  ValueAndSlope
  Material::creep_rate(const double sigma_vm, const double T) const
  {
    if (creep_law == CreepLaw::none)
      return {0.0, 0.0};
    if (!(sigma_vm >= 0) || !std::isfinite(sigma_vm))
      domain_error("creep rate of " + name + " needs a von Mises stress >= 0, got " +
                   round_trip_string(sigma_vm) + " Pa");
    if (!(T > 0))
      domain_error("creep rate of " + name + " at T = " + round_trip_string(T) + " K");
    const double f =
        creep_prefactor * std::exp(-creep_activation_energy / (gas_const * T));
    return {f * std::pow(sigma_vm, creep_exponent),
            f * creep_exponent * std::pow(sigma_vm, creep_exponent - 1)};
  }

  double
  Material::relaxation_time(const double T) const
  {
    if (type != PhaseType::polymer)
      return 0.0;
    if (!(T > 0))
      domain_error("relaxation time of " + name + " at T = " + round_trip_string(T) +
                   " K");
    return reference_relaxation_time *
           std::exp(relaxation_activation_energy / gas_const *
                    (1.0 / T - 1.0 / relaxation_reference_temperature));
  }

  double
  Material::relaxation_modulus(const double t, const double T) const
  {
    if (type != PhaseType::polymer)
      return youngs_modulus;
    if (!(t >= 0))
      domain_error("relaxation modulus of " + name + " at t = " + round_trip_string(t) +
                   " s");
    if (t == 0)
      return youngs_modulus;
    const double tau = relaxation_time(T);
    if (!(tau > 0))
      return relaxed_modulus;
    return relaxed_modulus + (youngs_modulus - relaxed_modulus) * std::exp(-t / tau);
  }

  std::vector<std::string>
  material_names()
  {
    std::vector<std::string> names;
    for (const auto &e : library())
      names.push_back(e.material.name);
    return names;
  }

  std::vector<std::string>
  ocp_names()
  {
    return {"NMC811 Chen2020", "LFP Prada2013", "LCO Ramadass2004", "constant", "linear"};
  }

  Material
  library_material(const std::string &name)
  {
    return library_entry(name).material;
  }

  void
  MaterialLibrary::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Materials");
    for (const auto &e : library())
      {
        const Material &m = e.material;
        prm.enter_subsection(m.name);
        for (const DoubleEntry *d : double_entries(m.type))
          {
            prm.declare_entry(d->name,
                              round_trip_string(m.*(d->member)),
                              Patterns::Double(d->lower, d->upper),
                              help_text(e, *d));
            if (std::string(d->name) == "Lithiation when discharged")
              prm.declare_entry(
                  "Open-circuit potential",
                  m.open_circuit_potential,
                  Patterns::Selection(join(ocp_names(), "|")),
                  m.name + ": open-circuit potential curve U(x) against Li/Li+ [V]; " +
                      source_of(e, "Open-circuit potential") + ".");
            if (std::string(d->name) == "Ionic conductivity" &&
                m.type == PhaseType::polymer)
              prm.declare_entry(
                  "Conductivity concentration law",
                  m.conductivity_concentration_law,
                  Patterns::Selection("constant|linear|peaked"),
                  m.name +
                      ": shape g(r), r = c/c_ref, of kappa(c) = kappa g(r) [-]: 1 "
                      "(constant), r (linear) or r exp(1 - r) (peaked); " +
                      source_of(e, "Conductivity concentration law") + ".");
          }
        if (m.type != PhaseType::conductor)
          prm.declare_entry("Temperature law",
                            temperature_law_name(m.temperature_law),
                            Patterns::Selection("constant|Arrhenius|VTF"),
                            m.name + ": temperature law of " +
                                transport_quantities(m.type) +
                                " [-]: constant, Arrhenius exp(-Ea/R (1/T - 1/T_ref)) "
                                "or VTF exp(-B/(T - T0) + B/(T_ref - T0)); " +
                                source_of(e, "Temperature law") + ".");
        if (m.type == PhaseType::active)
          {
            prm.declare_entry(
                "Lithiation strain law",
                lithiation_strain_law_name(m.lithiation_strain_law),
                Patterns::Selection("none|Vegard|tabulated"),
                m.name +
                    ": lithiation strain law [-]: none, Vegard (eps_ch = Omega_s/3 "
                    "(c_s - c_ref) I) or tabulated (eps_ch = (f(x) - f(x_ref))/3 I, f = "
                    "dV/V interpolated in the lithiation strain table); " +
                    source_of(e, "Lithiation strain law") + ".");
            prm.declare_entry(
                "Lithiation strain table",
                table_string(m.lithiation_strain_table),
                Patterns::Map(Patterns::Double(0, 1), Patterns::Double(-1, 1)),
                m.name +
                    ": volumetric strain dV/V [-] vs lithiation x [-] of the tabulated "
                    "lithiation strain law, as 'x: dV/V' pairs separated by commas, x "
                    "strictly increasing, at least two points; monotone cubic (PCHIP) "
                    "interpolation, linear beyond the ends; " +
                    source_of(e, "Lithiation strain table") + ".");
          }
        if (m.type == PhaseType::lithium || m.type == PhaseType::polymer)
          prm.declare_entry("Creep law",
                            creep_law_name(m.creep_law),
                            Patterns::Selection("none|power law"),
                            m.name +
                                ": creep law [-]: none, or power law eps_dot = A "
                                "exp(-Q/RT) sigma_vm^m (equivalent creep strain rate "
                                "[1/s], von Mises stress sigma_vm [Pa]); " +
                                source_of(e, "Creep law") + ".");
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }

  void
  MaterialLibrary::parse_parameters(ParameterHandler &prm, const std::string &prm_file)
  {
    materials.clear();
    prm.enter_subsection("Materials");
    for (const auto &e : library())
      {
        Material          m          = e.material;
        const std::string subsection = "Materials/" + m.name;
        const auto        fail       = [&](const std::string &entry,
                              const std::string &problem,
                              const std::string &allowed) {
          prm.leave_subsection();
          prm.leave_subsection();
          throw InputError(entry_message(prm_file, subsection, entry, problem, allowed));
        };
        prm.enter_subsection(m.name);
        for (const DoubleEntry *d : double_entries(m.type))
          m.*(d->member) = prm.get_double(d->name);
        if (m.type == PhaseType::active)
          m.open_circuit_potential = prm.get("Open-circuit potential");
        if (m.type == PhaseType::polymer)
          m.conductivity_concentration_law = prm.get("Conductivity concentration law");
        if (m.type != PhaseType::conductor)
          m.temperature_law = temperature_law_from_name(prm.get("Temperature law"));
        if (m.type == PhaseType::active)
          {
            m.lithiation_strain_law =
                lithiation_strain_law_from_name(prm.get("Lithiation strain law"));
            try
              {
                m.lithiation_strain_table =
                    parse_table(prm.get("Lithiation strain table"));
              }
            catch (const std::exception &error)
              {
                fail("Lithiation strain table",
                     error.what(),
                     "'x: dV/V' pairs with strictly increasing x");
              }
          }
        if (m.type == PhaseType::lithium || m.type == PhaseType::polymer)
          m.creep_law = creep_law_from_name(prm.get("Creep law"));

        // Ranges the patterns cannot express.
        const auto positive = [&](const std::string &entry, const double value) {
          if (!(value > 0))
            fail(entry, "the value is " + round_trip_string(value), "a value > 0");
        };
        if (m.type == PhaseType::active)
          {
            positive("Maximum concentration", m.maximum_concentration);
            positive("Solid diffusivity", m.solid_diffusivity);
            positive("Density", m.density);
            if (!(m.x_charged > 0 && m.x_charged < m.x_discharged))
              fail("Lithiation when charged",
                   "the value " + round_trip_string(m.x_charged) +
                       " is not between 0 and the lithiation when discharged (" +
                       round_trip_string(m.x_discharged) + ")",
                   "0 < x_charged < x_discharged < 1");
            if (!(m.x_discharged < 1))
              fail("Lithiation when discharged",
                   "the value is " + round_trip_string(m.x_discharged),
                   "0 < x_charged < x_discharged < 1");
          }
        if (m.type == PhaseType::active || m.type == PhaseType::conductor ||
            m.type == PhaseType::lithium)
          positive("Electronic conductivity", m.electronic_conductivity);
        if (m.type == PhaseType::active || m.type == PhaseType::lithium)
          for (const auto &[entry, value] :
               {std::make_pair("Anodic transfer coefficient", m.alpha_a),
                std::make_pair("Cathodic transfer coefficient", m.alpha_c)})
            if (!(value > 0 && value < 1))
              fail(entry, "the value is " + round_trip_string(value), "0 < alpha < 1");
        if (m.type == PhaseType::polymer || m.type == PhaseType::ceramic)
          positive("Ionic conductivity", m.ionic_conductivity);
        if (m.type == PhaseType::polymer)
          {
            positive("Reference concentration", m.reference_concentration);
            positive("Salt diffusivity", m.salt_diffusivity);
            if (!(m.transference_number <= 1))
              fail("Transference number",
                   "the value is " + round_trip_string(m.transference_number),
                   "t+ <= 1");
            positive("Thermodynamic factor", m.thermodynamic_factor);
          }
        if (m.type == PhaseType::ceramic)
          positive("Transfer resistance to polymer", m.transfer_resistance);

        // Mechanics.
        positive("Young's modulus", m.youngs_modulus);
        if (!(m.poisson_ratio < 0.5))
          fail("Poisson's ratio",
               "the value is " + round_trip_string(m.poisson_ratio),
               "0 <= nu < 0.5");
        positive("Surface slope", m.surface_slope);
        if (m.lithiation_strain_law == LithiationStrainLaw::tabulated &&
            m.lithiation_strain_table.size() < 2)
          fail("Lithiation strain table",
               "the tabulated lithiation strain law needs at least two points, got " +
                   std::to_string(m.lithiation_strain_table.size()),
               "'x: dV/V' pairs with strictly increasing x");
        if (m.creep_law == CreepLaw::power_law)
          positive("Creep prefactor", m.creep_prefactor);
        if (m.type == PhaseType::polymer)
          {
            if (!(m.relaxed_modulus > 0 && m.relaxed_modulus <= m.youngs_modulus))
              fail("Relaxed modulus",
                   "the value " + round_trip_string(m.relaxed_modulus) +
                       " Pa is not in (0, Young's modulus = " +
                       round_trip_string(m.youngs_modulus) + " Pa]",
                   "0 < E_inf <= E");
            positive("Relaxation time", m.reference_relaxation_time);
            positive("Relaxation reference temperature",
                     m.relaxation_reference_temperature);
          }
        if (m.type != PhaseType::conductor)
          {
            positive("Reference temperature", m.reference_temperature);
            if (m.temperature_law == TemperatureLaw::vtf &&
                !(m.reference_temperature > m.vtf_temperature))
              fail("Reference temperature",
                   "the value " + round_trip_string(m.reference_temperature) +
                       " K is not above the VTF temperature " +
                       round_trip_string(m.vtf_temperature) + " K",
                   "T_ref > T0 for the VTF law");
          }
        prm.leave_subsection();
        materials[m.name] = m;
      }
    prm.leave_subsection();
  }

  const Material &
  MaterialLibrary::get(const std::string &name,
                       const std::string &prm_file,
                       const std::string &subsection,
                       const std::string &entry) const
  {
    const auto it = materials.find(name);
    if (it == materials.end())
      throw InputError(entry_message(prm_file,
                                     subsection,
                                     entry,
                                     "unknown material '" + name + "'",
                                     join(material_names(), ", ")));
    return it->second;
  }
} // namespace MesoCell
