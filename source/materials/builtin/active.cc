// Built-in active materials (intercalation hosts): NMC811, LFP, LCO.
#include "builtin.h"

namespace MesoCell
{
  namespace MaterialDetail
  {
    namespace
    {
      const std::string chen2020 =
          "Chen et al. 2020, J. Electrochem. Soc. 167, 080534 (LG M50 parameter set)";
      const std::string kondrakov2017 =
          "Kondrakov et al. 2017, J. Phys. Chem. C 121, 3286";

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
        m.temperature_law                      = "Arrhenius";
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
        e.source["Young's modulus"] = "~140-200 GPa, doc/manual.md, Material library (~)";
        e.source["Poisson's ratio"] = "0.25-0.3, doc/manual.md, Material library (~)";
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
        m.temperature_law          = "Arrhenius";
        m.activation_energy        = 3e4;
        m.reference_temperature    = t_25C;
        e.source["Density"]        = typical;
        e.source["Electronic conductivity"] =
            "carbon-coated LFP; bare LFP is 1e-7..1e-5 S/m (~)";
        e.source["Maximum concentration"] =
            "doc/manual.md, Material library (plateau ~3.42 V)";
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
        m.temperature_law                      = "Arrhenius";
        m.activation_energy                    = 3e4;
        m.reference_temperature                = t_25C;
        e.source["Density"]                    = typical;
        e.source["Electronic conductivity"]    = typical;
        e.source["Maximum concentration"]      = "doc/manual.md, Material library (~)";
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
    } // namespace

    std::vector<LibraryEntry>
    active_materials()
    {
      return {nmc811(), lfp(), lco()};
    }
  } // namespace MaterialDetail
} // namespace MesoCell
