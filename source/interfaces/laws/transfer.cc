// Interface law 'transfer': Li+ transfer between a polymer and a ceramic
// electrolyte (doc/model.md section 3).
#include <mesocell/interfaces/interface_law.h>

namespace MesoCell
{
  namespace
  {
    /// Polymer (side a) | ceramic (side b).
    class Transfer : public InterfaceLaw
    {
    public:
      bool
      applies(const PhaseType first, const PhaseType second) const override
      {
        return first == PhaseType::polymer && second == PhaseType::ceramic;
      }

      InterfaceCoupling
      coupling() const override
      {
        return InterfaceCoupling::transfer;
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::InterfaceLaw,
                  MesoCell::Transfer,
                  "transfer",
                  "polymer | ceramic: Li+ transfer through the ceramic's 'Transfer "
                  "resistance to polymer', scaled by the contact fraction.")
