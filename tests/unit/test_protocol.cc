// Operating protocols in plain words, converted to SI.
#include <mesocell/core/errors.h>
#include <mesocell/core/protocol.h>

#include <boost/test/unit_test.hpp>

using namespace MesoCell;
using Current = ProtocolStep::Current;
namespace tt  = boost::test_tools;

BOOST_AUTO_TEST_CASE(cycling_steps_in_si)
{
  const auto steps = parse_protocol("Rest for 10 minutes; Discharge at C/5 until 3.0 V; "
                                    "Charge at 0.5 mA/cm2 for 2 hours; "
                                    "Hold at 4.3 V until C/50",
                                    "test.prm");
  BOOST_TEST(steps.size() == 4u);
  BOOST_TEST(steps[0].kind == "rest");
  BOOST_TEST(*steps[0].duration == 600.0);
  BOOST_TEST(steps[1].kind == "discharge");
  BOOST_TEST((steps[1].current == Current::c_rate));
  BOOST_TEST(steps[1].current_value == 0.2, tt::tolerance(1e-14));
  BOOST_TEST(*steps[1].until_voltage == 3.0);
  BOOST_TEST((steps[2].current == Current::current_density));
  BOOST_TEST(steps[2].current_value == 5.0, tt::tolerance(1e-14)); // 0.5 mA/cm2 = 5 A/m2
  BOOST_TEST(*steps[2].duration == 7200.0);
  BOOST_TEST(steps[3].kind == "hold");
  BOOST_TEST(steps[3].voltage == 4.3);
  BOOST_TEST((steps[3].until_current == Current::c_rate));
  BOOST_TEST(steps[3].until_current_value == 0.02, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(mechanical_and_impedance_steps)
{
  const auto steps =
      parse_protocol("Hot press at 80 C and 2 MPa for 30 minutes; "
                     "Apply stack pressure 5 MPa; Release pressure; "
                     "Impedance from 1 MHz to 10 mHz, 10 points per decade",
                     "test.prm");
  BOOST_TEST(steps.size() == 4u);
  BOOST_TEST(steps[0].temperature == 353.15, tt::tolerance(1e-12));
  BOOST_TEST(steps[0].pressure == 2e6);
  BOOST_TEST(*steps[0].duration == 1800.0);
  BOOST_TEST(steps[1].pressure == 5e6);
  BOOST_TEST(steps[2].kind == "release pressure");
  BOOST_TEST(steps[3].frequency_max == 1e6);
  BOOST_TEST(steps[3].frequency_min == 1e-2, tt::tolerance(1e-14));
  BOOST_TEST(steps[3].points_per_decade == 10u);
}

BOOST_AUTO_TEST_CASE(repetitions_and_two_limits)
{
  const auto steps =
      parse_protocol("2 x (Charge at 1C until 4.2 V or for 90 min; 3 x (Rest for 1 s)); "
                     "discharge at 2 mA for 1 h",
                     "test.prm");
  BOOST_TEST(steps.size() == 9u);
  BOOST_TEST(steps[0].kind == "charge");
  BOOST_TEST(*steps[0].until_voltage == 4.2);
  BOOST_TEST(*steps[0].duration == 5400.0);
  BOOST_TEST(steps[4].kind == "charge");
  BOOST_TEST((steps[8].current == Current::current));
  BOOST_TEST(steps[8].current_value == 2e-3, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(bad_steps_name_the_step)
{
  const auto message = [](const std::string &text) {
    try
      {
        parse_protocol(text, "cell.prm: subsection 'Protocol', entry 'Steps'");
      }
    catch (const InputError &e)
      {
        return std::string(e.what());
      }
    return std::string();
  };
  BOOST_TEST(message("Discharge at C/5").find("not a step") != std::string::npos);
  BOOST_TEST(
      message("Discharge at C/5 until 3 parsecs").find("'parsecs' is not a unit") !=
      std::string::npos);
  BOOST_TEST(message("Rest for 1 h; Dance for 2 h").find("step 'Dance for 2 h'") !=
             std::string::npos);
  BOOST_TEST(message("2 x (Rest for 1 h").find("not closed") != std::string::npos);
  BOOST_TEST(message("").find("no steps") != std::string::npos);
  BOOST_TEST(message("Hold at 4.2 V until 3 bananas").find("Allowed: steps") !=
             std::string::npos);
}
