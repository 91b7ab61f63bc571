// Protocol step 'impedance': read and kept, rejected by check() until the
// impedance solver exists.
#include <mesocell/core/errors.h>
#include <mesocell/core/protocol_step.h>

#include <regex>

namespace MesoCell
{
  namespace
  {
    /// "Impedance from 1 MHz to 10 mHz, 10 points per decade".
    class Impedance : public ProtocolStepType
    {
    public:
      bool
      time_stepped() const override
      {
        return false;
      }

      std::string
      example() const override
      {
        return "Impedance from 1 MHz to 10 mHz, 10 points per decade";
      }

      bool
      parse(const std::string &words, ProtocolStep &step) override
      {
        std::smatch m;
        if (!std::regex_match(
                words,
                m,
                std::regex(
                    R"(impedance\s+from\s+(.+?)\s+to\s+(.+?)\s*,\s*([0-9]+)\s+points\s+per\s+decade)")))
          return false;
        // Frequencies from the raw text: MHz and mHz differ by case only.
        std::smatch r;
        std::regex_match(
            step.text,
            r,
            std::regex(R"(.*from\s+(.+?)\s+to\s+(.+?)\s*,.*)", std::regex::icase));
        step.frequency_max     = ProtocolWords::frequency(ProtocolWords::trim(r[1]));
        step.frequency_min     = ProtocolWords::frequency(ProtocolWords::trim(r[2]));
        step.points_per_decade = std::stoi(m[3]);
        if (step.frequency_min > step.frequency_max)
          std::swap(step.frequency_min, step.frequency_max);
        if (step.points_per_decade == 0)
          throw ProtocolWords::SyntaxError{"at least 1 point per decade is needed"};
        return true;
      }

      void
      check(const ProtocolStep &step, const ProtocolContext &context) const override
      {
        throw InputError(
            entry_message(context.prm_file,
                          "Electrochemistry",
                          "Protocol",
                          "step '" + step.text +
                              "' needs the impedance solver, which this "
                              "version does not have",
                          "rest, charge, discharge, hold and pressure steps"));
      }

      void
      run(ProtocolDriver &, const ProtocolStep &step, const unsigned int) const override
      {
        throw SolverError(
            "protocol step '" + step.text +
            "' needs the impedance solver, which this version does not have");
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(
    MesoCell::ProtocolStepType,
    MesoCell::Impedance,
    "impedance",
    "'Impedance from FREQUENCY to FREQUENCY, N points per decade' (Hz, kHz, "
    "MHz, mHz): an impedance spectrum; read, but this version has no "
    "impedance solver to run it.")
