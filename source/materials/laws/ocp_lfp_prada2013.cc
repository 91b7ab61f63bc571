// Open-circuit potential 'LFP Prada2013': LFP of Prada et al. 2013, J. Electrochem. Soc.
// 160, A616; x <= 1.
#include <mesocell/materials/open_circuit_potential.h>

#include "../detail.h"

#include <cmath>

namespace MesoCell
{
  namespace
  {
    using MaterialDetail::domain_error;
    using MaterialDetail::round_trip_string;

    /// LFP of Prada et al. 2013, J. Electrochem. Soc. 160, A616; x <= 1.
    class LFPPrada2013 : public OpenCircuitPotential
    {
    public:
      ValueAndSlope
      value(const double x, const Material &) const override
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
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::OpenCircuitPotential,
                  MesoCell::LFPPrada2013,
                  "LFP Prada2013",
                  "LFP of Prada et al. 2013 (J. Electrochem. Soc. 160, A616), x <= 1.")
