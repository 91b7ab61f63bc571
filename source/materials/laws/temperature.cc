// Temperature laws of the transport coefficients (D_s, kappa, D_e, i0):
// constant, Arrhenius and Vogel-Tammann-Fulcher, and their names.
#include <mesocell/core/constants.h>
#include <mesocell/materials/laws.h>

#include <cmath>

namespace MesoCell
{
  namespace Laws
  {
    std::string
    name(const TemperatureLaw law)
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

    std::string
    temperature_law_names()
    {
      return "constant|Arrhenius|VTF";
    }

    TemperatureLaw
    temperature_law(const std::string &name)
    {
      if (name == "Arrhenius")
        return TemperatureLaw::arrhenius;
      if (name == "VTF")
        return TemperatureLaw::vtf;
      return TemperatureLaw::constant;
    }

    double
    arrhenius_factor(const double activation_energy,
                     const double T,
                     const double reference_temperature)
    {
      return std::exp(-activation_energy / gas_constant *
                      (1.0 / T - 1.0 / reference_temperature));
    }

    double
    vtf_factor(const double pseudo_energy,
               const double vogel_temperature,
               const double T,
               const double reference_temperature)
    {
      return std::exp(-pseudo_energy / (T - vogel_temperature) +
                      pseudo_energy / (reference_temperature - vogel_temperature));
    }
  } // namespace Laws
} // namespace MesoCell
