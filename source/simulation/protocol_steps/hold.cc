// Protocol step 'hold': a constant voltage until a current and/or for a time.
#include <mesocell/core/protocol_step.h>

#include <regex>

namespace MesoCell
{
  namespace
  {
    /// "Hold at 4.3 V until C/50": potentiostatic.
    class Hold : public ProtocolStepType
    {
    public:
      std::string
      example() const override
      {
        return "Hold at 4.3 V until C/50";
      }

      bool
      parse(const std::string &words, ProtocolStep &step) override
      {
        std::smatch m;
        if (!std::regex_match(
                words, m, std::regex(R"(hold\s+at\s+(.+?)\s+((?:until|for)\s.*))")))
          return false;
        step.voltage = ProtocolWords::voltage(ProtocolWords::trim(m[1]));
        ProtocolWords::limits(m[2], step, true);
        return true;
      }

      void
      run(ProtocolDriver     &driver,
          const ProtocolStep &step,
          const unsigned int  k) const override
      {
        driver.run_voltage(k, step.voltage);
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::ProtocolStepType,
                  MesoCell::Hold,
                  "hold",
                  "'Hold at VOLTAGE until CURRENT or for TIME': a constant terminal "
                  "voltage until the current falls to CURRENT (a C-rate, density or "
                  "current) and/or for TIME.")
