// Creep laws (doc/model.md section 2): none, or power-law creep.
#include <mesocell/core/constants.h>
#include <mesocell/materials/laws.h>

#include <cmath>

namespace MesoCell
{
  namespace Laws
  {
    std::string
    name(const CreepLaw law)
    {
      return law == CreepLaw::power_law ? "power law" : "none";
    }

    std::string
    creep_law_names()
    {
      return "none|power law";
    }

    CreepLaw
    creep_law(const std::string &name)
    {
      return name == "power law" ? CreepLaw::power_law : CreepLaw::none;
    }

    ValueAndSlope
    power_law_creep(const double prefactor,
                    const double exponent,
                    const double activation_energy,
                    const double sigma_vm,
                    const double T)
    {
      const double f = prefactor * std::exp(-activation_energy / (gas_constant * T));
      return {f * std::pow(sigma_vm, exponent),
              f * exponent * std::pow(sigma_vm, exponent - 1)};
    }
  } // namespace Laws
} // namespace MesoCell
