// Private helpers of the material library (source/materials/ only).
#ifndef MESOCELL_SOURCE_MATERIALS_DETAIL_H
#define MESOCELL_SOURCE_MATERIALS_DETAIL_H

#include <string>
#include <vector>

namespace MesoCell
{
  namespace MaterialDetail
  {
    /// Shortest decimal text that reads back as exactly @p value: plain
    /// digits for 1e-4 <= |value| < 1e7 ("33800", "0.001"), otherwise
    /// scientific without a '+' or leading zeros in the exponent ("1.1e7").
    std::string
    round_trip_string(const double value);

    /// @p names separated by @p separator.
    std::string
    join(const std::vector<std::string> &names, const std::string &separator);

    /// Throw std::domain_error("MesoCell material library: " + @p what).
    [[noreturn]] void
    domain_error(const std::string &what);
  } // namespace MaterialDetail
} // namespace MesoCell

#endif
