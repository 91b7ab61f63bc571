// Interface law 'reaction': Butler-Volmer charge transfer between a reacting
// solid and an electrolyte (doc/model.md section 3).
#include <mesocell/interfaces/interface_law.h>

namespace MesoCell
{
  namespace
  {
    /// Active material or lithium (side a) | polymer or ceramic (side b).
    class Reaction : public InterfaceLaw
    {
    public:
      bool
      applies(const PhaseType first, const PhaseType second) const override
      {
        return (first == PhaseType::active || first == PhaseType::lithium) &&
               (second == PhaseType::polymer || second == PhaseType::ceramic);
      }

      InterfaceCoupling
      coupling() const override
      {
        return InterfaceCoupling::reaction;
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::InterfaceLaw,
                  MesoCell::Reaction,
                  "reaction",
                  "active or lithium | polymer or ceramic: Butler-Volmer kinetics with "
                  "a film resistance and the double layer, scaled by the contact "
                  "fraction; Monroe-Newman stress term at lithium.")
