// Private helpers of the material library: exact number text, joins, errors.
#include "detail.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace MesoCell
{
  namespace MaterialDetail
  {
    std::string
    round_trip_string(const double value)
    {
      if (!std::isfinite(value) || value == 0)
        {
          std::ostringstream out;
          out << value;
          return out.str();
        }
      const int exponent = static_cast<int>(std::floor(std::log10(std::abs(value))));
      for (int digits = 1; digits <= 17; ++digits)
        {
          std::ostringstream out;
          out.precision(digits);
          out << value;
          if (std::stod(out.str()) != value)
            continue;
          if (exponent >= -4 && exponent < 7)
            {
              std::ostringstream plain;
              plain.precision(std::max(digits, exponent + 1));
              plain << value;
              if (std::stod(plain.str()) == value)
                return plain.str();
            }
          std::string text = out.str();
          const auto  e    = text.find('e');
          if (e != std::string::npos)
            {
              std::string mantissa = text.substr(0, e), power = text.substr(e + 1);
              std::string sign;
              if (power[0] == '+' || power[0] == '-')
                {
                  sign  = power[0] == '-' ? "-" : "";
                  power = power.substr(1);
                }
              power.erase(0, std::min(power.find_first_not_of('0'), power.size() - 1));
              text = mantissa + "e" + sign + power;
            }
          return text;
        }
      std::ostringstream out;
      out.precision(17);
      out << value;
      return out.str();
    }

    std::string
    join(const std::vector<std::string> &names, const std::string &separator)
    {
      std::string out;
      for (const auto &n : names)
        out += (out.empty() ? "" : separator) + n;
      return out;
    }

    [[noreturn]] void
    domain_error(const std::string &what)
    {
      throw std::domain_error("MesoCell material library: " + what);
    }
  } // namespace MaterialDetail
} // namespace MesoCell
