// Lithiation strain laws (doc/model.md section 2): their names, the
// 'x: dV/V' tables of the tabulated law and their monotone interpolation.
#include <deal.II/base/utilities.h>

#include <mesocell/materials/laws.h>

#include "../detail.h"

#include <algorithm>
#include <stdexcept>

namespace MesoCell
{
  namespace Laws
  {
    using namespace dealii;

    std::string
    name(const LithiationStrainLaw law)
    {
      switch (law)
        {
        case LithiationStrainLaw::none:
          return "none";
        case LithiationStrainLaw::vegard:
          return "Vegard";
        case LithiationStrainLaw::tabulated:
          return "tabulated";
        }
      return "none";
    }

    std::string
    lithiation_strain_law_names()
    {
      return "none|Vegard|tabulated";
    }

    LithiationStrainLaw
    lithiation_strain_law(const std::string &name)
    {
      if (name == "Vegard")
        return LithiationStrainLaw::vegard;
      if (name == "tabulated")
        return LithiationStrainLaw::tabulated;
      return LithiationStrainLaw::none;
    }

    std::string
    table_string(const std::vector<std::pair<double, double>> &table)
    {
      std::string out;
      for (const auto &[x, f] : table)
        out += (out.empty() ? "" : ", ") + MaterialDetail::round_trip_string(x) + ": " +
               MaterialDetail::round_trip_string(f);
      return out;
    }

    std::vector<std::pair<double, double>>
    parse_table(const std::string &text)
    {
      std::vector<std::pair<double, double>> table;
      for (const auto &item : Utilities::split_string_list(text, ','))
        {
          const auto pair = Utilities::split_string_list(item, ':');
          if (pair.size() != 2)
            throw std::invalid_argument("'" + item + "' is not an 'x: dV/V' pair");
          table.emplace_back(Utilities::string_to_double(pair[0]),
                             Utilities::string_to_double(pair[1]));
          if (table.size() > 1 && !(table.back().first > table[table.size() - 2].first))
            throw std::invalid_argument("the lithiations x are not strictly increasing "
                                        "at '" +
                                        item + "'");
        }
      return table;
    }

    // Written out because boost's pchip needs four points, throws outside the
    // table and allocates on construction.
    ValueAndSlope
    interpolate_pchip(const std::vector<std::pair<double, double>> &table, const double x)
    {
      const std::size_t n      = table.size();
      const auto        secant = [&](const std::size_t k) {
        return (table[k + 1].second - table[k].second) /
               (table[k + 1].first - table[k].first);
      };
      const auto node_slope = [&](const std::size_t k) {
        if (k == 0)
          return secant(0);
        if (k == n - 1)
          return secant(n - 2);
        const double d0 = secant(k - 1), d1 = secant(k);
        if (d0 * d1 <= 0)
          return 0.0;
        const double h0 = table[k].first - table[k - 1].first;
        const double h1 = table[k + 1].first - table[k].first;
        const double w1 = 2 * h1 + h0, w2 = h1 + 2 * h0;
        return (w1 + w2) / (w1 / d0 + w2 / d1);
      };
      if (x <= table.front().first)
        {
          const double s = node_slope(0);
          return {table.front().second + s * (x - table.front().first), s};
        }
      if (x >= table.back().first)
        {
          const double s = node_slope(n - 1);
          return {table.back().second + s * (x - table.back().first), s};
        }
      const auto upper = std::upper_bound(
          table.begin(),
          table.end(),
          x,
          [](const double v, const std::pair<double, double> &p) { return v < p.first; });
      const std::size_t k  = (upper - table.begin()) - 1;
      const double      h  = table[k + 1].first - table[k].first;
      const double      t  = (x - table[k].first) / h;
      const double      y0 = table[k].second, y1 = table[k + 1].second;
      const double      m0 = node_slope(k), m1 = node_slope(k + 1);
      const double      value = (1 + 2 * t) * (1 - t) * (1 - t) * y0 +
                           t * (1 - t) * (1 - t) * h * m0 + t * t * (3 - 2 * t) * y1 +
                           t * t * (t - 1) * h * m1;
      const double slope = (6 * t * t - 6 * t) * (y0 - y1) / h +
                           (3 * t * t - 4 * t + 1) * m0 + (3 * t * t - 2 * t) * m1;
      return {value, slope};
    }
  } // namespace Laws
} // namespace MesoCell
