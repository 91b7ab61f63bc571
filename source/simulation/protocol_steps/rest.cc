// Protocol step 'rest': open circuit for a time.
#include <mesocell/core/protocol_step.h>

#include <regex>

namespace MesoCell
{
  namespace
  {
    /// "Rest for 10 minutes": no current.
    class Rest : public ProtocolStepType
    {
    public:
      std::string
      example() const override
      {
        return "Rest for 10 minutes";
      }

      bool
      parse(const std::string &words, ProtocolStep &step) override
      {
        std::smatch m;
        if (!std::regex_match(words, m, std::regex(R"(rest\s+for\s+(.+))")))
          return false;
        step.duration = ProtocolWords::time(ProtocolWords::trim(m[1]));
        return true;
      }

      void
      run(ProtocolDriver &driver,
          const ProtocolStep &,
          const unsigned int k) const override
      {
        driver.run_current(k, 0.0);
      }
    };
  } // namespace
} // namespace MesoCell

MESOCELL_REGISTER(MesoCell::ProtocolStepType,
                  MesoCell::Rest,
                  "rest",
                  "'Rest for TIME': open circuit (zero current) for TIME (s, min, h, d).")
