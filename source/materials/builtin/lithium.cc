// Built-in lithium metal: Li.
#include "builtin.h"

namespace MesoCell
{
  namespace MaterialDetail
  {
    namespace
    {
      const std::string masias2019 =
          "Masias et al. 2019, J. Mater. Sci. 54, 2585 (polycrystalline Li)";

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
        m.temperature_law                   = "constant";
        m.reference_temperature             = t_25C;
        e.source["Density"]                 = "lithium metal at 25 C";
        e.source["Electronic conductivity"] = "lithium metal at 25 C";
        e.source["Molar volume"]            = "doc/manual.md, Material library";
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
            masias2019 + "; range 4.9-8 GPa (~), doc/manual.md, Material library";
        e.source["Poisson's ratio"] =
            masias2019 + "; range 0.36-0.42 (~), doc/manual.md, Material library";
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
    } // namespace

    std::vector<LibraryEntry>
    lithium_materials()
    {
      return {lithium()};
    }
  } // namespace MaterialDetail
} // namespace MesoCell
