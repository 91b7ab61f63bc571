// The registry of open-circuit-potential curves: one shared instance each.
#include <mesocell/materials/open_circuit_potential.h>

#include <map>
#include <memory>

namespace MesoCell
{
  const OpenCircuitPotential *
  find_open_circuit_potential(const std::string &name)
  {
    // Built once, at the first call (after every plug-in registered itself
    // while the library was loaded); read-only afterwards, so safe to share
    // between threads.
    static const auto curves = [] {
      std::map<std::string, std::unique_ptr<const OpenCircuitPotential>> all;
      for (const auto &[curve, entry] :
           Registry<OpenCircuitPotential>::instance().entries())
        all[curve] = entry.create();
      return all;
    }();
    const auto it = curves.find(name);
    return it == curves.end() ? nullptr : it->second.get();
  }

  std::vector<std::string>
  ocp_names()
  {
    std::vector<std::string> names;
    for (const auto &[name, entry] : Registry<OpenCircuitPotential>::instance().entries())
      names.push_back(name);
    return names;
  }
} // namespace MesoCell
