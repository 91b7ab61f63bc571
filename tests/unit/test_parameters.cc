// Parameter declarations: every entry documented, ranges enforced, the
// reference generated from the declarations.
#include <deal.II/base/parameter_handler.h>

#include <mesocell/core/application.h>
#include <mesocell/core/errors.h>
#include <mesocell/io/output.h>
#include <mesocell/materials/phases.h>

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace dealii;
using namespace MesoCell;

BOOST_AUTO_TEST_CASE(reference_lists_every_entry_with_help)
{
  ParameterHandler prm;
  declare_parameters(prm);
  std::ostringstream out;
  write_parameter_reference(prm, out);
  const std::string doc = out.str();
  for (const char *entry : {"Dimension",
                            "Mesh file",
                            "Length unit",
                            "Global refinements",
                            "Conductivity",
                            "Axis",
                            "Tortuosity phases",
                            "Method",
                            "AMG strong threshold",
                            "Directory"})
    BOOST_TEST(doc.find(std::string("`") + entry + "`") != std::string::npos, entry);
  // Units in the help texts.
  BOOST_TEST(doc.find("[S/m]") != std::string::npos);
  BOOST_TEST(doc.find("[m]") != std::string::npos);
  BOOST_TEST(doc.find("[V]") != std::string::npos);
  // No entry without documentation.
  BOOST_TEST(doc.find("\n\n\n\n") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(phase_conductivities_parse_and_check)
{
  ParameterHandler prm;
  PhaseParameters::declare_parameters(prm);
  prm.parse_input_from_string(
      "subsection Phases\n set Conductivity = a: 1.5, b: 2e-3\nend\n");
  PhaseParameters p;
  p.parse_parameters(prm, "x.prm");
  BOOST_TEST(p.conductivity.at("a") == 1.5);
  BOOST_TEST(p.conductivity.at("b") == 2e-3);

  // Negative values are refused by the pattern, zero by the check.
  BOOST_CHECK_THROW(
      prm.parse_input_from_string("subsection Phases\n set Conductivity = a: -1\nend\n"),
      ExceptionBase);
  prm.parse_input_from_string("subsection Phases\n set Conductivity = a: 0\nend\n");
  BOOST_CHECK_THROW(p.parse_parameters(prm, "x.prm"), InputError);
}

BOOST_AUTO_TEST_CASE(csv_numbers)
{
  BOOST_TEST(CsvWriter::number(0.1) == "0.1");
  BOOST_TEST(CsvWriter::number(1.0 / 3.0) == "0.333333333333");
  BOOST_TEST(CsvWriter::number(std::numeric_limits<double>::infinity()) == "inf");
}

BOOST_AUTO_TEST_CASE(printed_parameters_parse_back)
{
  ParameterHandler prm;
  declare_parameters(prm);
  std::ostringstream out;
  write_parameter_template(prm, out);
  BOOST_TEST(out.str().find("# Allowed: [Integer range 2...3 (inclusive)]") !=
             std::string::npos);
  ParameterHandler again;
  declare_parameters(again);
  again.parse_input_from_string(out.str());
  BOOST_TEST(again.get({"Linear solver"}, "Method") == "GMG");
}
