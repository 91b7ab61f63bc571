// Protocol steps 'charge' and 'discharge': a constant current until a
// cut-off voltage and/or for a time.
#include <mesocell/core/protocol_step.h>

#include <regex>

namespace MesoCell
{
  namespace
  {
    /// "Discharge at C/5 until 3.0 V" (@p sign +1) or "Charge at 0.5 mA/cm2
    /// for 2 hours" (@p sign -1): the current's direction is the step's.
    template <int sign>
    class ConstantCurrent : public ProtocolStepType
    {
    public:
      std::string
      example() const override
      {
        return sign > 0 ? "Discharge at C/5 until 3.0 V"
                        : "Charge at 0.5 mA/cm2 for 2 hours";
      }

      bool
      parse(const std::string &words, ProtocolStep &step) override
      {
        const std::string verb = sign > 0 ? "discharge" : "charge";
        std::smatch       m;
        if (!std::regex_match(
                words, m, std::regex(verb + R"(\s+at\s+(.+?)\s+((?:until|for)\s.*))")))
          return false;
        ProtocolWords::current(
            ProtocolWords::trim(m[1]), step.current, step.current_value);
        ProtocolWords::limits(m[2], step, false);
        if (!(step.current_value > 0))
          throw ProtocolWords::SyntaxError{
              "the current must be positive (the step says its direction)"};
        return true;
      }

      void
      run(ProtocolDriver     &driver,
          const ProtocolStep &step,
          const unsigned int  k) const override
      {
        driver.run_current(k, sign * driver.current(step.current, step.current_value));
      }
    };

    using Discharge = ConstantCurrent<1>;
    using Charge    = ConstantCurrent<-1>;
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::ProtocolStepType,
                  MesoCell::Discharge,
                  "discharge",
                  "'Discharge at CURRENT until VOLTAGE or for TIME': a constant current "
                  "out of the positive terminal, CURRENT a C-rate (C/5, 2C), a current "
                  "density (0.5 mA/cm2, 5 A/m2) or a current (1 mA); the ends 'until "
                  "VOLTAGE' (V, mV) and 'for TIME' may be joined by 'or'.")
MESOCELL_REGISTER(MesoCell::ProtocolStepType,
                  MesoCell::Charge,
                  "charge",
                  "'Charge at CURRENT until VOLTAGE or for TIME': as discharge, the "
                  "current into the positive terminal.")
