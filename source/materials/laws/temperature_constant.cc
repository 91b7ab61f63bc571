// Temperature law 'constant': no temperature dependence.
#include <mesocell/materials/temperature_law.h>

namespace MesoCell
{
  namespace
  {
    /// Factor 1.
    class ConstantTemperatureLaw : public TemperatureLaw
    {
    public:
      double
      factor(const double, const Material &) const override
      {
        return 1.0;
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::TemperatureLaw,
                  MesoCell::ConstantTemperatureLaw,
                  "constant",
                  "no temperature dependence, factor 1.")
