// Open-circuit potentials 'constant' and 'linear', parametrised by the
// material's 'OCP constant' U0 and 'OCP slope'.
#include <mesocell/materials/open_circuit_potential.h>

namespace MesoCell
{
  namespace
  {
    /// U = U0.
    class ConstantOCP : public OpenCircuitPotential
    {
    public:
      ValueAndSlope
      value(const double, const Material &m) const override
      {
        return {m.ocp_constant, 0.0};
      }
    };

    /// U = U0 + slope (x - 1/2).
    class LinearOCP : public OpenCircuitPotential
    {
    public:
      ValueAndSlope
      value(const double x, const Material &m) const override
      {
        return {m.ocp_constant + m.ocp_slope * (x - 0.5), m.ocp_slope};
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::OpenCircuitPotential,
                  MesoCell::ConstantOCP,
                  "constant",
                  "U = OCP constant, all x.")
MESOCELL_REGISTER(MesoCell::OpenCircuitPotential,
                  MesoCell::LinearOCP,
                  "linear",
                  "U = OCP constant + OCP slope (x - 1/2), all x.")
