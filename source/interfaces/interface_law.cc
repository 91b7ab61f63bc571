// The table of interface laws by pair of phase types, built once from the
// registered InterfaceLaw plug-ins (source/interfaces/laws/).
#include <mesocell/interfaces/interface_law.h>

#include <array>
#include <iterator>
#include <stdexcept>

namespace MesoCell
{
  namespace
  {
    /// Every phase type, in the order of the enum.
    constexpr PhaseType   phase_types[] = {PhaseType::active,
                                           PhaseType::polymer,
                                           PhaseType::ceramic,
                                           PhaseType::conductor,
                                           PhaseType::lithium};
    constexpr std::size_t n_types       = std::size(phase_types);

    using Table = std::array<std::array<InterfacePair, n_types>, n_types>;

    /// The pair (a, b): the one law that applies to (a, b) or (b, a).
    InterfacePair
    find_pair(const PhaseType a, const PhaseType b)
    {
      InterfacePair pair;
      for (const auto &[name, entry] : Registry<InterfaceLaw>::instance().entries())
        {
          const auto law     = entry.create();
          const bool forward = law->applies(a, b);
          if (!forward && !law->applies(b, a))
            continue;
          if (!pair.law.empty())
            throw std::logic_error("interface laws '" + pair.law + "' and '" + name +
                                   "' both claim " + to_string(a) + " | " + to_string(b));
          pair = {law->coupling(), !forward, name};
        }
      return pair;
    }
  } // namespace

  const InterfacePair &
  interface_law(const PhaseType a, const PhaseType b)
  {
    static const Table table = [] {
      Table t;
      for (std::size_t i = 0; i < n_types; ++i)
        for (std::size_t j = 0; j < n_types; ++j)
          t[i][j] = find_pair(phase_types[i], phase_types[j]);
      return t;
    }();
    return table[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
  }
} // namespace MesoCell
