// Open-circuit potential 'LCO Ramadass2004': LCO of Ramadass et al. 2004, J. Electrochem.
// Soc. 151, A196; 0.43 <= x <= 1.
#include <mesocell/materials/open_circuit_potential.h>

#include "../detail.h"

#include <cmath>

namespace MesoCell
{
  namespace
  {
    using MaterialDetail::domain_error;
    using MaterialDetail::round_trip_string;

    /// LCO of Ramadass et al. 2004, J. Electrochem. Soc. 151, A196; 0.43 <= x <= 1.
    class LCORamadass2004 : public OpenCircuitPotential
    {
    public:
      ValueAndSlope
      value(const double x, const Material &) const override
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
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::OpenCircuitPotential,
                  MesoCell::LCORamadass2004,
                  "LCO Ramadass2004",
                  "LCO of Ramadass et al. 2004 (J. Electrochem. Soc. 151, A196), 0.43 <= "
                  "x <= 1 (poles at 0.4226 and 1.0043).")
