// Operating protocols in plain words: the shared parser (steps separated by
// ';', repetitions 'N x (...)') and the plain-word pieces of steps
// (ProtocolWords). The kinds of steps are plug-ins in
// source/simulation/protocol_steps/.
#include <mesocell/core/errors.h>
#include <mesocell/core/protocol_step.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

namespace MesoCell
{
  namespace ProtocolWords
  {
    // A number, then a unit (lower case, no spaces inside the unit).
    const std::string number = R"(([0-9]*\.?[0-9]+(?:e[-+]?[0-9]+)?))";
  } // namespace ProtocolWords

  namespace
  {
    using Failure = ProtocolWords::SyntaxError;
    using ProtocolWords::number;
    using ProtocolWords::trim;

    std::string
    lower(std::string s)
    {
      std::transform(
          s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
      return s;
    }

    /// Factor to SI of a unit, or 0 if it is not one of @p table.
    double
    factor(const std::map<std::string, double> &table, const std::string &unit)
    {
      const auto it = table.find(unit);
      return it == table.end() ? 0.0 : it->second;
    }

    const std::map<std::string, double> time_units    = {{"s", 1},
                                                         {"sec", 1},
                                                         {"second", 1},
                                                         {"seconds", 1},
                                                         {"min", 60},
                                                         {"mins", 60},
                                                         {"minute", 60},
                                                         {"minutes", 60},
                                                         {"h", 3600},
                                                         {"hr", 3600},
                                                         {"hour", 3600},
                                                         {"hours", 3600},
                                                         {"d", 86400},
                                                         {"day", 86400},
                                                         {"days", 86400}};
    const std::map<std::string, double> voltage_units = {{"v", 1}, {"mv", 1e-3}};
    const std::map<std::string, double> density_units = {{"a/m2", 1},
                                                         {"a/m^2", 1},
                                                         {"ma/cm2", 10},
                                                         {"ma/cm^2", 10},
                                                         {"ua/cm2", 1e-2},
                                                         {"ua/cm^2", 1e-2},
                                                         {"a/cm2", 1e4},
                                                         {"a/cm^2", 1e4}};
    const std::map<std::string, double> current_units = {
        {"a", 1}, {"ma", 1e-3}, {"ua", 1e-6}, {"na", 1e-9}};
    const std::map<std::string, double> pressure_units  = {{"pa", 1},
                                                           {"kpa", 1e3},
                                                           {"mpa", 1e6},
                                                           {"gpa", 1e9},
                                                           {"bar", 1e5},
                                                           {"atm", 101325}};
    const std::map<std::string, double> frequency_units = {
        {"hz", 1}, {"khz", 1e3}, {"mhz", 1e-3}, {"uhz", 1e-6}}; // "MHz": see frequency()

    double
    quantity(const std::string                   &value,
             const std::string                   &unit,
             const std::map<std::string, double> &table,
             const std::string                   &what)
    {
      const double f = factor(table, unit);
      if (f == 0)
        throw Failure{"'" + unit + "' is not a unit of " + what};
      return std::stod(value) * f;
    }

    /// "C/5", "0.5C", "2 C", "C": multiples of the capacity per hour.
    bool
    c_rate(const std::string &s, double &rate)
    {
      std::smatch m;
      if (std::regex_match(s, m, std::regex(R"(c\s*/\s*)" + number)))
        {
          if (!(std::stod(m[1]) > 0))
            throw Failure{"'" + s + "' divides by zero (an infinite C-rate)"};
          rate = 1.0 / std::stod(m[1]);
        }
      else if (std::regex_match(s, m, std::regex(number + R"(\s*c)")))
        rate = std::stod(m[1]);
      else if (s == "c")
        rate = 1.0;
      else
        return false;
      return true;
    }

    double
    parse_with(const std::string                   &s,
               const std::map<std::string, double> &table,
               const std::string                   &what)
    {
      std::smatch m;
      if (!std::regex_match(s, m, std::regex(number + R"(\s*([a-z/^0-9_]+))")))
        throw Failure{"'" + s + "' is not a " + what};
      std::string unit = m[2];
      // "MHz" (mega) and "mHz" (milli) differ only in case: decided on the raw text.
      return quantity(m[1], unit, table, what);
    }

    /// The kind of step whose form @p raw has, with its values.
    ProtocolStep
    parse_step(const std::string &raw)
    {
      ProtocolStep      step;
      const std::string s = lower(trim(raw));
      step.text           = trim(raw);
      for (const auto &[name, entry] : Registry<ProtocolStepType>::instance().entries())
        {
          std::shared_ptr<ProtocolStepType> type = entry.create();
          if (type->parse(s, step))
            {
              step.kind = name;
              step.type = std::move(type);
              if (step.duration && !(*step.duration > 0))
                throw Failure{"durations must be positive"};
              return step;
            }
        }
      throw Failure{"this is not a step MesoCell knows"};
    }

    /// Split at top-level ';' (not inside parentheses).
    std::vector<std::string>
    split(const std::string &s)
    {
      std::vector<std::string> parts;
      int                      depth = 0;
      std::string              current;
      for (const char c : s)
        {
          if (c == '(')
            ++depth;
          if (c == ')')
            --depth;
          if ((c == ';' || c == '\n') && depth == 0)
            {
              parts.push_back(trim(current));
              current.clear();
            }
          else
            current += c;
          if (depth < 0)
            throw Failure{"a ')' has no matching '('"};
        }
      if (depth != 0)
        throw Failure{"a '(' is not closed"};
      parts.push_back(trim(current));
      parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
      return parts;
    }

    /// Largest number of steps of an expanded protocol.
    constexpr std::size_t max_protocol_steps = 100000;

    void
    expand(const std::string         &text,
           std::vector<ProtocolStep> &steps,
           const std::string         &where)
    {
      for (const std::string &part : split(text))
        {
          std::smatch m;
          if (std::regex_match(part, m, std::regex(R"(([0-9]+)\s*[xX*]\s*\((.*)\))")))
            {
              // Expanded once, then copied: the count is known before the
              // copies are made, so nested repetitions cannot run away.
              const double              n = std::stod(m[1]);
              std::vector<ProtocolStep> once;
              expand(m[2], once, where);
              if (n * once.size() + steps.size() > max_protocol_steps)
                throw Failure{"'" + part.substr(0, 40) +
                              (part.size() > 40 ? "...'" : "'") +
                              " expands the protocol beyond " +
                              std::to_string(max_protocol_steps) + " steps"};
              for (std::size_t i = 0; !once.empty() && i < static_cast<std::size_t>(n);
                   ++i)
                steps.insert(steps.end(), once.begin(), once.end());
            }
          else
            try
              {
                steps.push_back(parse_step(part));
              }
            catch (const Failure &f)
              {
                throw InputError(where + ": step '" + part + "': " + f.problem +
                                 ". Allowed: " + protocol_grammar());
              }
        }
    }
  } // namespace

  namespace ProtocolWords
  {
    std::string
    trim(const std::string &s)
    {
      const auto b = s.find_first_not_of(" \t\n\r");
      const auto e = s.find_last_not_of(" \t\n\r");
      return b == std::string::npos ? "" : s.substr(b, e - b + 1);
    }

    double
    time(const std::string &s)
    {
      return parse_with(s, time_units, "time (s, min, h)");
    }

    double
    voltage(const std::string &s)
    {
      return parse_with(s, voltage_units, "voltage (V, mV)");
    }

    double
    pressure(const std::string &s)
    {
      return parse_with(s, pressure_units, "pressure (Pa, kPa, MPa, bar)");
    }

    double
    temperature(const std::string &s)
    {
      std::smatch t;
      if (std::regex_match(s, t, std::regex(number + R"(\s*(?:c|degc|°c))")))
        return std::stod(t[1]) + 273.15;
      if (std::regex_match(s, t, std::regex(number + R"(\s*k)")))
        return std::stod(t[1]);
      throw Failure{"'" + s + "' is not a temperature (80 C or 353 K)"};
    }

    double
    frequency(const std::string &raw)
    {
      std::smatch m;
      if (!std::regex_match(
              raw, m, std::regex(number + R"(\s*([A-Za-z]+))", std::regex::icase)))
        throw Failure{"'" + raw + "' is not a frequency"};
      const std::string unit = m[2];
      double            f    = unit == "MHz" ? 1e6 : factor(frequency_units, lower(unit));
      if (f == 0)
        throw Failure{"'" + unit + "' is not a unit of frequency (Hz, kHz, MHz, mHz)"};
      return std::stod(m[1]) * f;
    }

    void
    current(const std::string &s, ProtocolStep::Current &kind, double &value)
    {
      if (c_rate(s, value))
        {
          kind = ProtocolStep::Current::c_rate;
          return;
        }
      std::smatch m;
      if (!std::regex_match(s, m, std::regex(number + R"(\s*([a-z/^0-9]+))")))
        throw Failure{"'" + s + "' is not a current (C/5, 2C, 0.5 mA/cm2, 1 mA)"};
      const std::string unit = m[2];
      if (factor(density_units, unit) != 0)
        {
          kind  = ProtocolStep::Current::current_density;
          value = quantity(m[1], unit, density_units, "current density");
        }
      else
        {
          kind  = ProtocolStep::Current::current;
          value = quantity(m[1], unit, current_units, "current (A, mA, uA or a C-rate)");
        }
    }

    void
    limits(const std::string &s, ProtocolStep &step, const bool hold)
    {
      std::smatch      m;
      std::string      rest = s;
      const std::regex until(R"(^until\s+([^,]+?)(?:\s+(?:or|and)\s+|$)(.*))");
      const std::regex during(R"(^for\s+([^,]+?)(?:\s+(?:or|and)\s+|$)(.*))");
      while (!trim(rest).empty())
        {
          rest = trim(rest);
          if (std::regex_match(rest, m, until))
            {
              const std::string what = trim(m[1]);
              rest                   = m[2];
              if (hold)
                current(what, step.until_current, step.until_current_value);
              else
                step.until_voltage = voltage(what);
            }
          else if (std::regex_match(rest, m, during))
            {
              step.duration = time(trim(m[1]));
              rest          = m[2];
            }
          else
            throw Failure{"cannot read '" + rest + "'"};
        }
      if (!step.until_voltage && step.until_current == ProtocolStep::Current::none &&
          !step.duration)
        throw Failure{"the step has no end: add 'until ...' or 'for ...'"};
      if (step.duration && !(*step.duration > 0))
        throw Failure{"durations must be positive"};
    }
  } // namespace ProtocolWords

  std::string
  protocol_grammar()
  {
    std::string examples;
    for (const auto &[name, entry] : Registry<ProtocolStepType>::instance().entries())
      examples += "'" + entry.create()->example() + "', ";
    return "steps separated by ';' such as " + examples +
           "and 'N x (step; step)' to repeat";
  }

  std::string
  protocol_documentation()
  {
    return "Steps: " + Registry<ProtocolStepType>::instance().documentation();
  }

  std::vector<ProtocolStep>
  parse_protocol(const std::string &text, const std::string &where)
  {
    std::vector<ProtocolStep> steps;
    try
      {
        expand(text, steps, where);
      }
    catch (const Failure &f)
      {
        throw InputError(where + ": " + f.problem + ". Allowed: " + protocol_grammar());
      }
    if (steps.empty())
      throw InputError(where +
                       ": the protocol has no steps. Allowed: " + protocol_grammar());
    return steps;
  }
} // namespace MesoCell
