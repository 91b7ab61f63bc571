// Interface law 'blocking': no current between an electronic conductor and
// an electrolyte (doc/model.md section 3).
#include <mesocell/interfaces/interface_law.h>

namespace MesoCell
{
  namespace
  {
    /// Conductor (side a) | polymer or ceramic (side b).
    class Blocking : public InterfaceLaw
    {
    public:
      bool
      applies(const PhaseType first, const PhaseType second) const override
      {
        return first == PhaseType::conductor &&
               (second == PhaseType::polymer || second == PhaseType::ceramic);
      }

      InterfaceCoupling
      coupling() const override
      {
        return InterfaceCoupling::none;
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::InterfaceLaw,
                  MesoCell::Blocking,
                  "blocking",
                  "conductor | polymer or ceramic: no current crosses (no Faradaic "
                  "reaction at the conductor).")
