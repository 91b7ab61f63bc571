// Protocol steps of the contact mechanics: 'hot press', 'stack pressure'
// and 'release pressure', at open circuit.
#include <mesocell/core/errors.h>
#include <mesocell/core/protocol_step.h>

#include <regex>

namespace MesoCell
{
  namespace
  {
    /// A step that needs subsection 'Contact mechanics'.
    class PressureStep : public ProtocolStepType
    {
    public:
      bool
      time_stepped() const override
      {
        return false;
      }

      void
      check(const ProtocolStep &step, const ProtocolContext &context) const override
      {
        if (!context.contact_mechanics)
          throw InputError(entry_message(
              context.prm_file,
              "Electrochemistry",
              "Protocol",
              "step '" + step.text + "' needs the contact mechanics",
              "set 'Enabled = true' in subsection 'Contact mechanics', or rest, "
              "charge, discharge and hold steps only"));
      }
    };

    /// "Hot press at 80 C and 2 MPa for 30 minutes".
    class HotPress : public PressureStep
    {
    public:
      std::string
      example() const override
      {
        return "Hot press at 80 C and 2 MPa for 30 minutes";
      }

      bool
      parse(const std::string &words, ProtocolStep &step) override
      {
        std::smatch m;
        if (!std::regex_match(
                words,
                m,
                std::regex(R"(hot\s+press\s+at\s+(.+?)\s+and\s+(.+?)\s+for\s+(.+))")))
          return false;
        step.temperature = ProtocolWords::temperature(ProtocolWords::trim(m[1]));
        step.pressure    = ProtocolWords::pressure(ProtocolWords::trim(m[2]));
        step.duration    = ProtocolWords::time(ProtocolWords::trim(m[3]));
        return true;
      }

      void
      run(ProtocolDriver     &driver,
          const ProtocolStep &step,
          const unsigned int  k) const override
      {
        driver.hot_press(k, step.temperature, step.pressure, *step.duration);
      }
    };

    /// "Apply stack pressure 5 MPa".
    class StackPressure : public PressureStep
    {
    public:
      std::string
      example() const override
      {
        return "Apply stack pressure 5 MPa";
      }

      bool
      parse(const std::string &words, ProtocolStep &step) override
      {
        std::smatch m;
        if (!std::regex_match(
                words, m, std::regex(R"(apply\s+stack\s+pressure\s+(?:of\s+)?(.+))")))
          return false;
        step.pressure = ProtocolWords::pressure(ProtocolWords::trim(m[1]));
        return true;
      }

      void
      run(ProtocolDriver     &driver,
          const ProtocolStep &step,
          const unsigned int  k) const override
      {
        driver.apply_pressure(k, step.pressure);
      }
    };

    /// "Release pressure".
    class ReleasePressure : public PressureStep
    {
    public:
      std::string
      example() const override
      {
        return "Release pressure";
      }

      bool
      parse(const std::string &words, ProtocolStep &) override
      {
        return std::regex_match(words, std::regex(R"(release\s+(?:the\s+)?pressure)"));
      }

      void
      run(ProtocolDriver &driver,
          const ProtocolStep &,
          const unsigned int k) const override
      {
        driver.apply_pressure(k, 0.0);
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::ProtocolStepType,
                  MesoCell::HotPress,
                  "hot press",
                  "'Hot press at TEMPERATURE and PRESSURE for TIME': open-circuit hot "
                  "press (80 C or 353 K; Pa, kPa, MPa, bar), the stack pressure kept; "
                  "needs the contact mechanics.")
MESOCELL_REGISTER(MesoCell::ProtocolStepType,
                  MesoCell::StackPressure,
                  "stack pressure",
                  "'Apply stack pressure PRESSURE': sets the stack pressure at open "
                  "circuit; needs the contact mechanics.")
MESOCELL_REGISTER(MesoCell::ProtocolStepType,
                  MesoCell::ReleasePressure,
                  "release pressure",
                  "'Release pressure': stack pressure 0 at open circuit; needs the "
                  "contact mechanics.")
