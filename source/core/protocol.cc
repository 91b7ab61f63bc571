#include <mesocell/core/errors.h>
#include <mesocell/core/protocol.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

namespace MesoCell
{
  namespace
  {
    std::string
    lower(std::string s)
    {
      std::transform(
          s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
      return s;
    }

    std::string
    trim(const std::string &s)
    {
      const auto b = s.find_first_not_of(" \t\n\r");
      const auto e = s.find_last_not_of(" \t\n\r");
      return b == std::string::npos ? "" : s.substr(b, e - b + 1);
    }

    // A number, then a unit (lower case, no spaces inside the unit).
    const std::string number = R"(([0-9]*\.?[0-9]+(?:e[-+]?[0-9]+)?))";

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

    struct Failure
    {
      std::string problem;
    };

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
        rate = 1.0 / std::stod(m[1]);
      else if (std::regex_match(s, m, std::regex(number + R"(\s*c)")))
        rate = std::stod(m[1]);
      else if (s == "c")
        rate = 1.0;
      else
        return false;
      return true;
    }

    /// A current: C-rate, current density or current.
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

    /// Limits "until X" and "for T" after a current or hold.
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
                step.until_voltage = parse_with(what, voltage_units, "voltage (V, mV)");
            }
          else if (std::regex_match(rest, m, during))
            {
              step.duration = parse_with(trim(m[1]), time_units, "time (s, min, h)");
              rest          = m[2];
            }
          else
            throw Failure{"cannot read '" + rest + "'"};
        }
      if (!step.until_voltage && step.until_current == ProtocolStep::Current::none &&
          !step.duration)
        throw Failure{"the step has no end: add 'until ...' or 'for ...'"};
    }

    ProtocolStep
    parse_step(const std::string &raw)
    {
      ProtocolStep      step;
      const std::string s = lower(trim(raw));
      step.text           = trim(raw);
      std::smatch m;
      if (std::regex_match(s, m, std::regex(R"(rest\s+for\s+(.+))")))
        {
          step.kind     = ProtocolStep::Kind::rest;
          step.duration = parse_with(trim(m[1]), time_units, "time (s, min, h)");
        }
      else if (std::regex_match(
                   s,
                   m,
                   std::regex(
                       R"((discharge|charge)\s+at\s+(.+?)\s+((?:until|for)\s.*))")))
        {
          step.kind = m[1] == "discharge" ? ProtocolStep::Kind::discharge
                                          : ProtocolStep::Kind::charge;
          current(trim(m[2]), step.current, step.current_value);
          limits(m[3], step, false);
        }
      else if (std::regex_match(
                   s, m, std::regex(R"(hold\s+at\s+(.+?)\s+((?:until|for)\s.*))")))
        {
          step.kind    = ProtocolStep::Kind::hold;
          step.voltage = parse_with(trim(m[1]), voltage_units, "voltage (V, mV)");
          limits(m[2], step, true);
        }
      else if (std::regex_match(
                   s,
                   m,
                   std::regex(R"(hot\s+press\s+at\s+(.+?)\s+and\s+(.+?)\s+for\s+(.+))")))
        {
          step.kind = ProtocolStep::Kind::hot_press;
          std::smatch       t;
          const std::string temperature = trim(m[1]);
          if (std::regex_match(
                  temperature, t, std::regex(number + R"(\s*(?:c|degc|°c))")))
            step.temperature = std::stod(t[1]) + 273.15;
          else if (std::regex_match(temperature, t, std::regex(number + R"(\s*k)")))
            step.temperature = std::stod(t[1]);
          else
            throw Failure{"'" + temperature + "' is not a temperature (80 C or 353 K)"};
          step.pressure =
              parse_with(trim(m[2]), pressure_units, "pressure (Pa, kPa, MPa, bar)");
          step.duration = parse_with(trim(m[3]), time_units, "time (s, min, h)");
        }
      else if (std::regex_match(
                   s, m, std::regex(R"(apply\s+stack\s+pressure\s+(?:of\s+)?(.+))")))
        {
          step.kind = ProtocolStep::Kind::stack_pressure;
          step.pressure =
              parse_with(trim(m[1]), pressure_units, "pressure (Pa, kPa, MPa, bar)");
        }
      else if (std::regex_match(s, std::regex(R"(release\s+(?:the\s+)?pressure)")))
        step.kind = ProtocolStep::Kind::release_pressure;
      else if (
          std::regex_match(
              s,
              m,
              std::regex(
                  R"(impedance\s+from\s+(.+?)\s+to\s+(.+?)\s*,\s*([0-9]+)\s+points\s+per\s+decade)")))
        {
          step.kind = ProtocolStep::Kind::impedance;
          // Frequencies from the raw text: MHz and mHz differ by case only.
          std::smatch r;
          std::regex_match(
              step.text,
              r,
              std::regex(R"(.*from\s+(.+?)\s+to\s+(.+?)\s*,.*)", std::regex::icase));
          step.frequency_max     = frequency(trim(r[1]));
          step.frequency_min     = frequency(trim(r[2]));
          step.points_per_decade = std::stoi(m[3]);
          if (step.frequency_min > step.frequency_max)
            std::swap(step.frequency_min, step.frequency_max);
          if (step.points_per_decade == 0)
            throw Failure{"at least 1 point per decade is needed"};
        }
      else
        throw Failure{"this is not a step MesoCell knows"};
      if (step.duration && !(*step.duration > 0))
        throw Failure{"durations must be positive"};
      if ((step.kind == ProtocolStep::Kind::charge ||
           step.kind == ProtocolStep::Kind::discharge) &&
          !(step.current_value > 0))
        throw Failure{"the current must be positive (the step says its direction)"};
      return step;
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
              const int n = std::stoi(m[1]);
              for (int i = 0; i < n; ++i)
                expand(m[2], steps, where);
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

  std::string
  protocol_grammar()
  {
    return "steps separated by ';' such as 'Rest for 10 minutes', 'Discharge at "
           "C/5 until 3.0 V', 'Charge at 0.5 mA/cm2 for 2 hours', 'Hold at 4.3 V "
           "until C/50', 'Hot press at 80 C and 2 MPa for 30 minutes', 'Apply "
           "stack pressure 5 MPa', 'Release pressure', 'Impedance from 1 MHz to "
           "10 mHz, 10 points per decade', and 'N x (step; step)' to repeat";
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
