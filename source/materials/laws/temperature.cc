// The registry of temperature laws of the transport coefficients: one
// shared instance each (the laws are temperature_*.cc).
#include <mesocell/materials/temperature_law.h>

#include <map>
#include <memory>

namespace MesoCell
{
  const TemperatureLaw *
  find_temperature_law(const std::string &name)
  {
    // Built once, at the first call (after every plug-in registered itself
    // while the library was loaded); read-only afterwards.
    static const auto laws = [] {
      std::map<std::string, std::unique_ptr<const TemperatureLaw>> all;
      for (const auto &[law, entry] : Registry<TemperatureLaw>::instance().entries())
        all[law] = entry.create();
      return all;
    }();
    const auto it = laws.find(name);
    return it == laws.end() ? nullptr : it->second.get();
  }
} // namespace MesoCell
