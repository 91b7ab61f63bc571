// Temperature law 'Arrhenius': exp(-Ea/R (1/T - 1/T_ref)).
#include <mesocell/core/constants.h>
#include <mesocell/materials/temperature_law.h>

#include "../detail.h"

#include <cmath>

namespace MesoCell
{
  namespace
  {
    /// Thermally activated: 'Activation energy' Ea, 'Reference temperature'.
    class Arrhenius : public TemperatureLaw
    {
    public:
      double
      factor(const double T, const Material &m) const override
      {
        if (!(T > 0))
          MaterialDetail::domain_error("Arrhenius law of " + m.name + " at T = " +
                                       MaterialDetail::round_trip_string(T) + " K");
        return std::exp(-m.activation_energy / gas_constant *
                        (1.0 / T - 1.0 / m.reference_temperature));
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::TemperatureLaw,
                  MesoCell::Arrhenius,
                  "Arrhenius",
                  "exp(-Ea/R (1/T - 1/T_ref)), Ea the 'Activation energy'.")
