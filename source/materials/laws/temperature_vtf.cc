// Temperature law 'VTF' (Vogel-Tammann-Fulcher): exp(-B/(T - T0) + B/(T_ref - T0)).
#include <mesocell/materials/temperature_law.h>

#include "../detail.h"

#include <cmath>

namespace MesoCell
{
  namespace
  {
    /// Polymer electrolytes above their glass transition: 'VTF
    /// pseudo-energy' B, 'VTF temperature' T0.
    class VogelTammannFulcher : public TemperatureLaw
    {
    public:
      double
      factor(const double T, const Material &m) const override
      {
        if (!(T > m.vtf_temperature))
          MaterialDetail::domain_error(
              "VTF law of " + m.name +
              " needs T > T0 = " + MaterialDetail::round_trip_string(m.vtf_temperature) +
              " K, got T = " + MaterialDetail::round_trip_string(T) + " K");
        return std::exp(-m.vtf_pseudo_energy / (T - m.vtf_temperature) +
                        m.vtf_pseudo_energy /
                            (m.reference_temperature - m.vtf_temperature));
      }

      Problem
      check(const Material &m) const override
      {
        if (m.reference_temperature > m.vtf_temperature)
          return {};
        return {"Reference temperature",
                "the value " +
                    MaterialDetail::round_trip_string(m.reference_temperature) +
                    " K is not above the VTF temperature " +
                    MaterialDetail::round_trip_string(m.vtf_temperature) + " K",
                "T_ref > T0 for the VTF law"};
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::TemperatureLaw,
                  MesoCell::VogelTammannFulcher,
                  "VTF",
                  "exp(-B/(T - T0) + B/(T_ref - T0)) (Vogel-Tammann-Fulcher), B the "
                  "'VTF pseudo-energy', T0 the 'VTF temperature'.")
