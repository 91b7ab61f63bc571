// Built-in electronic conductors: rGO, carbon-binder.
#include "builtin.h"

namespace MesoCell
{
  namespace MaterialDetail
  {
    namespace
    {
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
    } // namespace

    std::vector<LibraryEntry>
    conductor_materials()
    {
      return {rgo(), carbon_binder()};
    }
  } // namespace MaterialDetail
} // namespace MesoCell
