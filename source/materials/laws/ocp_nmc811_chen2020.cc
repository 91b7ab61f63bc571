// Open-circuit potential 'NMC811 Chen2020': NMC811 of Chen et al. 2020, J. Electrochem.
// Soc. 167, 080534, as in PyBaMM; defined for every x.
#include <mesocell/materials/open_circuit_potential.h>

#include "../detail.h"

#include <cmath>

namespace MesoCell
{
  namespace
  {
    using MaterialDetail::domain_error;
    using MaterialDetail::round_trip_string;

    /// NMC811 of Chen et al. 2020, J. Electrochem. Soc. 167, 080534, as in PyBaMM;
    /// defined for every x.
    class NMC811Chen2020 : public OpenCircuitPotential
    {
    public:
      ValueAndSlope
      value(const double x, const Material &) const override
      {
        const double t1 = std::tanh(18.5138 * (x - 0.5542));
        const double t2 = std::tanh(15.7890 * (x - 0.3117));
        const double t3 = std::tanh(15.9308 * (x - 0.3120));
        return {-0.8090 * x + 4.4875 - 0.0428 * t1 - 17.7326 * t2 + 17.5842 * t3,
                -0.8090 - 0.0428 * 18.5138 * (1 - t1 * t1) -
                    17.7326 * 15.7890 * (1 - t2 * t2) +
                    17.5842 * 15.9308 * (1 - t3 * t3)};
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(
    MesoCell::OpenCircuitPotential,
    MesoCell::NMC811Chen2020,
    "NMC811 Chen2020",
    "NMC811 of Chen et al. 2020 (J. Electrochem. Soc. 167, 080534), as in PyBaMM, all x.")
