// The interface laws by pair of phase types come from their registry
// (source/interfaces/laws/, one file per law) and give the couplings of
// doc/model.md section 3.
#include <mesocell/interfaces/interface_law.h>

#include <boost/test/unit_test.hpp>

using namespace MesoCell;

BOOST_AUTO_TEST_CASE(interface_laws_by_pair_of_phase_types)
{
  const auto &registry = Registry<InterfaceLaw>::instance();
  BOOST_TEST(registry.selection() == "blocking|reaction|transfer");
  const PhaseType types[]  = {PhaseType::active,
                              PhaseType::polymer,
                              PhaseType::ceramic,
                              PhaseType::conductor,
                              PhaseType::lithium};
  const auto      reacting = [](const PhaseType t) {
    return t == PhaseType::active || t == PhaseType::lithium;
  };
  const auto electrolyte = [](const PhaseType t) {
    return t == PhaseType::polymer || t == PhaseType::ceramic;
  };
  for (const PhaseType a : types)
    for (const PhaseType b : types)
      {
        const InterfacePair &p    = interface_law(a, b);
        const std::string    pair = to_string(a) + " | " + to_string(b);
        if (reacting(a) && electrolyte(b))
          BOOST_TEST((p.coupling == InterfaceCoupling::reaction && !p.swap), pair);
        else if (reacting(b) && electrolyte(a))
          BOOST_TEST((p.coupling == InterfaceCoupling::reaction && p.swap), pair);
        else if (a == PhaseType::polymer && b == PhaseType::ceramic)
          BOOST_TEST((p.coupling == InterfaceCoupling::transfer && !p.swap), pair);
        else if (b == PhaseType::polymer && a == PhaseType::ceramic)
          BOOST_TEST((p.coupling == InterfaceCoupling::transfer && p.swap), pair);
        else
          BOOST_TEST((p.coupling == InterfaceCoupling::none), pair);
      }
  BOOST_TEST(interface_law(PhaseType::ceramic, PhaseType::conductor).law == "blocking");
  BOOST_TEST(interface_law(PhaseType::active, PhaseType::conductor).law == "");
}
