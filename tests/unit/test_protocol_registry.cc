// A protocol step registered from its own file only: the 'ramp' step below
// is defined and registered in this test file and nowhere else, and yet
// parse_protocol reads it (also inside repetitions), the help of the entry
// 'Protocol' documents it, and its execution hook drives the cell through
// the same ProtocolDriver as the built-in steps.
#include <deal.II/base/parameter_handler.h>

#include <mesocell/core/application.h>
#include <mesocell/core/errors.h>
#include <mesocell/core/protocol_step.h>

#include <boost/test/unit_test.hpp>

#include <regex>
#include <sstream>
#include <vector>

using namespace MesoCell;
namespace tt = boost::test_tools;

namespace
{
  /// "Ramp to 4.1 V in 10 minutes": a voltage sweep, kept as its own data
  /// (members of the plug-in object parse_protocol creates for the step).
  class Ramp : public ProtocolStepType
  {
  public:
    double end_voltage = 0;

    std::string
    example() const override
    {
      return "Ramp to 4.1 V in 10 minutes";
    }

    bool
    parse(const std::string &words, ProtocolStep &step) override
    {
      std::smatch m;
      if (!std::regex_match(words, m, std::regex(R"(ramp\s+to\s+(.+?)\s+in\s+(.+))")))
        return false;
      end_voltage   = ProtocolWords::voltage(ProtocolWords::trim(m[1]));
      step.duration = ProtocolWords::time(ProtocolWords::trim(m[2]));
      return true;
    }

    void
    run(ProtocolDriver &driver, const ProtocolStep &, const unsigned int k) const override
    {
      driver.run_voltage(k, end_voltage); // a test stand-in for a sweep
    }
  };

  /// Records what the steps ask of the cell.
  class RecordingDriver : public ProtocolDriver
  {
  public:
    std::vector<std::string> calls;

    double
    current(const ProtocolStep::Current kind, const double value) const override
    {
      return kind == ProtocolStep::Current::c_rate ? value * 2.0 : value; // Q = 2 Ah
    }
    void
    run_current(const unsigned int k, const double current) override
    {
      calls.push_back(std::to_string(k) + " I " + std::to_string(current));
    }
    void
    run_voltage(const unsigned int k, const double voltage) override
    {
      calls.push_back(std::to_string(k) + " V " + std::to_string(voltage));
    }
    void
    apply_pressure(const unsigned int k, const double pressure) override
    {
      calls.push_back(std::to_string(k) + " p " + std::to_string(pressure));
    }
    void
    hot_press(const unsigned int k,
              const double       T,
              const double       p,
              const double       t) override
    {
      calls.push_back(std::to_string(k) + " hot " + std::to_string(T) + " " +
                      std::to_string(p) + " " + std::to_string(t));
    }
  };
} // namespace

MESOCELL_REGISTER(MesoCell::ProtocolStepType,
                  Ramp,
                  "ramp",
                  "'Ramp to VOLTAGE in TIME': a test step.")

BOOST_AUTO_TEST_CASE(protocol_step_registered_in_its_own_file)
{
  const auto &registry = Registry<ProtocolStepType>::instance();
  BOOST_TEST(registry.has("ramp"));
  // The built-ins are there too, each from its file in protocol_steps/.
  for (const char *name : {"rest",
                           "charge",
                           "discharge",
                           "hold",
                           "hot press",
                           "stack pressure",
                           "release pressure",
                           "impedance"})
    BOOST_TEST(registry.has(name), name);

  const auto steps = parse_protocol("2 x (Ramp to 4.1 V in 10 minutes; Rest for 1 s); "
                                    "ramp to 3500 mV in 1 h",
                                    "test.prm");
  BOOST_TEST(steps.size() == 5u);
  BOOST_TEST(steps[0].kind == "ramp");
  BOOST_TEST(steps[1].kind == "rest");
  BOOST_TEST(steps[4].text == "ramp to 3500 mV in 1 h");
  BOOST_TEST(*steps[4].duration == 3600.0);
  const auto *ramp = dynamic_cast<const Ramp *>(steps[4].type.get());
  BOOST_REQUIRE(ramp != nullptr);
  BOOST_TEST(ramp->end_voltage == 3.5, tt::tolerance(1e-14));
  BOOST_TEST(dynamic_cast<const Ramp *>(steps[0].type.get())->end_voltage == 4.1);

  // Its errors go through the shared parser: the step, then what is allowed.
  try
    {
      parse_protocol("Ramp to 4 parsecs in 1 h", "test.prm");
      BOOST_ERROR("no error");
    }
  catch (const InputError &e)
    {
      const std::string m = e.what();
      BOOST_TEST(m.find("step 'Ramp to 4 parsecs in 1 h': 'parsecs' is not a unit") !=
                 std::string::npos);
      BOOST_TEST(m.find("'Ramp to 4.1 V in 10 minutes'") != std::string::npos);
    }

  // Its example and grammar are in the help of the entry 'Protocol'.
  dealii::ParameterHandler prm;
  MesoCell::declare_parameters(prm);
  std::ostringstream reference;
  write_parameter_reference(prm, reference);
  BOOST_TEST(reference.str().find("'Ramp to 4.1 V in 10 minutes'") != std::string::npos);
  BOOST_TEST(reference.str().find("'ramp': 'Ramp to VOLTAGE in TIME': a test step.") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(protocol_steps_run_through_the_driver)
{
  const auto steps =
      parse_protocol("Ramp to 4.1 V in 1 h; Rest for 1 min; Discharge at C/2 until 3 V; "
                     "Charge at 1 mA for 1 h; Hold at 4.2 V until C/20; "
                     "Hot press at 80 C and 2 MPa for 30 minutes; "
                     "Apply stack pressure 5 MPa; Release pressure",
                     "test.prm");
  RecordingDriver driver;
  for (unsigned int k = 0; k < steps.size(); ++k)
    steps[k].type->run(driver, steps[k], k);
  const std::vector<std::string> expected = {
      "0 V 4.100000",
      "1 I 0.000000",
      "2 I 1.000000",
      "3 I -0.001000",
      "4 V 4.200000",
      "5 hot 353.150000 2000000.000000 1800.000000",
      "6 p 5000000.000000",
      "7 p 0.000000"};
  BOOST_TEST(driver.calls == expected, tt::per_element());

  // Pressure steps need the contact mechanics; impedance cannot run.
  const ProtocolContext without{"cell.prm", false}, with{"cell.prm", true};
  BOOST_CHECK_THROW(steps[6].type->check(steps[6], without), InputError);
  BOOST_CHECK_NO_THROW(steps[6].type->check(steps[6], with));
  BOOST_CHECK_NO_THROW(steps[2].type->check(steps[2], without));
  const auto impedance =
      parse_protocol("Impedance from 1 MHz to 10 mHz, 10 points per decade", "test.prm");
  BOOST_CHECK_THROW(impedance[0].type->check(impedance[0], with), InputError);
}
