// The built-in material library: OCP curves and their exact slopes,
// temperature and concentration laws, capacities, and the parameter-file view.
#include <deal.II/base/parameter_handler.h>

#include <mesocell/core/errors.h>
#include <mesocell/materials/library.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>

using namespace dealii;
using namespace MesoCell;
namespace tt = boost::test_tools;

namespace
{
  /// A material using the OCP curve @p curve (the library material that has
  /// it, or NMC811 with the curve swapped in for 'constant' and 'linear').
  Material
  material_with_curve(const std::string &curve)
  {
    for (const auto &name : material_names())
      {
        const Material m = library_material(name);
        if (m.open_circuit_potential == curve)
          return m;
      }
    Material m               = library_material("NMC811");
    m.open_circuit_potential = curve;
    m.ocp_constant           = 3.7;
    m.ocp_slope              = -0.4;
    return m;
  }

  /// Every value the parameter file can set, compared one by one.
  void
  check_equal(const Material &a, const Material &b)
  {
    BOOST_TEST_CONTEXT("material " << a.name)
    {
      BOOST_TEST(a.name == b.name);
      BOOST_TEST((a.type == b.type));
      BOOST_TEST(a.density == b.density);
      BOOST_TEST(a.electronic_conductivity == b.electronic_conductivity);
      BOOST_TEST(a.maximum_concentration == b.maximum_concentration);
      BOOST_TEST(a.x_charged == b.x_charged);
      BOOST_TEST(a.x_discharged == b.x_discharged);
      BOOST_TEST(a.open_circuit_potential == b.open_circuit_potential);
      BOOST_TEST(a.ocp_constant == b.ocp_constant);
      BOOST_TEST(a.ocp_slope == b.ocp_slope);
      BOOST_TEST(a.entropic_coefficient == b.entropic_coefficient);
      BOOST_TEST(a.solid_diffusivity == b.solid_diffusivity);
      BOOST_TEST(a.exchange_current_polymer == b.exchange_current_polymer);
      BOOST_TEST(a.exchange_current_ceramic == b.exchange_current_ceramic);
      BOOST_TEST(a.alpha_a == b.alpha_a);
      BOOST_TEST(a.alpha_c == b.alpha_c);
      BOOST_TEST(a.film_resistance == b.film_resistance);
      BOOST_TEST(a.double_layer_capacitance == b.double_layer_capacitance);
      BOOST_TEST(a.molar_volume == b.molar_volume);
      BOOST_TEST(a.ionic_conductivity == b.ionic_conductivity);
      BOOST_TEST(a.conductivity_concentration_law == b.conductivity_concentration_law);
      BOOST_TEST(a.reference_concentration == b.reference_concentration);
      BOOST_TEST(a.salt_diffusivity == b.salt_diffusivity);
      BOOST_TEST(a.transference_number == b.transference_number);
      BOOST_TEST(a.thermodynamic_factor == b.thermodynamic_factor);
      BOOST_TEST(a.transfer_resistance == b.transfer_resistance);
      BOOST_TEST((a.temperature_law == b.temperature_law));
      BOOST_TEST(a.activation_energy == b.activation_energy);
      BOOST_TEST(a.vtf_pseudo_energy == b.vtf_pseudo_energy);
      BOOST_TEST(a.vtf_temperature == b.vtf_temperature);
      BOOST_TEST(a.reference_temperature == b.reference_temperature);
    }
  }

  std::string
  input_error_message(const std::function<void()> &f)
  {
    try
      {
        f();
      }
    catch (const InputError &e)
      {
        return e.what();
      }
    return "";
  }
} // namespace

BOOST_AUTO_TEST_SUITE(materials)

BOOST_AUTO_TEST_CASE(library_names_and_types)
{
  const std::vector<std::string> expected = {"NMC811",
                                             "LFP",
                                             "LCO",
                                             "PEO-LiTFSI",
                                             "PVDF-HFP CPE",
                                             "LLZO",
                                             "LLZTO",
                                             "LATP",
                                             "Li",
                                             "rGO",
                                             "carbon-binder"};
  BOOST_TEST(material_names() == expected, tt::per_element());
  BOOST_TEST(to_string(library_material("NMC811").type) == "active");
  BOOST_TEST(to_string(library_material("PEO-LiTFSI").type) == "polymer");
  BOOST_TEST(to_string(library_material("LATP").type) == "ceramic");
  BOOST_TEST(to_string(library_material("Li").type) == "lithium");
  BOOST_TEST(to_string(library_material("rGO").type) == "conductor");
  BOOST_CHECK_THROW(library_material("unobtainium"), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(ocp_slopes_match_finite_differences)
{
  // Fourth-order central difference; relative tolerance 1e-6, with a floor
  // of 1e-9 V for the nearly flat LFP plateau (where |dU/dx| ~ 1e-7 V).
  const double h = 1e-4;
  for (const auto &curve : ocp_names())
    {
      const Material m  = material_with_curve(curve);
      const double   T  = m.reference_temperature;
      const int      n  = 40;
      const double   x0 = m.x_charged + 2 * h, x1 = m.x_discharged - 2 * h;
      for (int i = 0; i <= n; ++i)
        {
          const double x  = x0 + (x1 - x0) * i / n;
          const double fd = (-m.ocp(x + 2 * h, T).value + 8 * m.ocp(x + h, T).value -
                             8 * m.ocp(x - h, T).value + m.ocp(x - 2 * h, T).value) /
                            (12 * h);
          const double slope = m.ocp(x, T).slope;
          BOOST_TEST(std::abs(fd - slope) <= 1e-6 * std::max(std::abs(slope), 1e-3),
                     curve << " at x = " << x << ": dU/dx = " << slope
                           << ", finite difference " << fd);
        }
      // The entropic term shifts the value, not the slope.
      Material hot             = m;
      hot.entropic_coefficient = -1e-4;
      const double x           = 0.5 * (m.x_charged + m.x_discharged);
      BOOST_TEST(hot.ocp(x, T + 10).value == m.ocp(x, T).value - 1e-3,
                 tt::tolerance(1e-12));
      BOOST_TEST(hot.ocp(x, T + 10).slope == m.ocp(x, T).slope);
    }
}

BOOST_AUTO_TEST_CASE(nmc811_ocp_in_range_and_decreasing)
{
  const Material m = library_material("NMC811");
  const double   T = 298.15;
  const double   u = m.ocp(0.5, T).value;
  BOOST_TEST(u > 3.5);
  BOOST_TEST(u < 4.0);
  const int n      = 200;
  double    before = m.ocp(m.x_charged, T).value;
  for (int i = 0; i <= n; ++i)
    {
      const double x = m.x_charged + (m.x_discharged - m.x_charged) * i / n;
      BOOST_TEST(m.ocp(x, T).slope < 0.0, "x = " << x);
      const double now = m.ocp(x, T).value;
      if (i > 0)
        BOOST_TEST(now < before, "x = " << x);
      before = now;
    }
  // Charged above discharged, as for every cathode.
  BOOST_TEST(m.ocp(m.x_charged, T).value > 4.0);
  BOOST_TEST(m.ocp(m.x_discharged, T).value < 3.7);
}

BOOST_AUTO_TEST_CASE(ocp_outside_its_domain_throws)
{
  const double T = 298.15;
  BOOST_CHECK_THROW(library_material("LFP").ocp(1.01, T), std::domain_error);
  BOOST_CHECK_NO_THROW(library_material("LFP").ocp(1.0, T));
  BOOST_CHECK_THROW(library_material("LCO").ocp(1.01, T), std::domain_error);
  BOOST_CHECK_THROW(library_material("LCO").ocp(0.3, T), std::domain_error);
  BOOST_CHECK_THROW(library_material("NMC811").ocp(std::nan(""), T), std::domain_error);
  // Li metal is the reference electrode.
  BOOST_TEST(library_material("Li").ocp(0.5, T).value == 0.0);
}

BOOST_AUTO_TEST_CASE(peo_conductivity_follows_vtf)
{
  const Material m = library_material("PEO-LiTFSI");
  const double   c = m.reference_concentration;
  BOOST_TEST(m.temperature_factor(m.reference_temperature) == 1.0);
  BOOST_TEST(m.conductivity(c, 343.15).value == 1e-2, tt::tolerance(1e-14));
  BOOST_TEST(m.conductivity(c, 343.15).slope == 0.0,
             tt::tolerance(1e-14)); // peak at c_ref
  const double k25 = m.conductivity(c, 298.15).value;
  BOOST_TEST(k25 > 1e-7);
  BOOST_TEST(k25 < 1e-5);
  BOOST_TEST(m.diffusivity(343.15) == m.salt_diffusivity);
  BOOST_TEST(m.diffusivity(298.15) < m.salt_diffusivity);
  BOOST_CHECK_THROW(m.temperature_factor(m.vtf_temperature), std::domain_error);
  BOOST_CHECK_THROW(m.conductivity(0.0, 343.15), std::domain_error);

  // Concentration laws and their exact slopes.
  for (const std::string law : {"constant", "linear", "peaked"})
    {
      Material p                       = m;
      p.conductivity_concentration_law = law;
      for (const double r : {0.3, 1.0, 1.7})
        {
          const double dc = 1e-3 * c;
          const double fd = (p.conductivity(r * c + dc, 330).value -
                             p.conductivity(r * c - dc, 330).value) /
                            (2 * dc);
          BOOST_TEST(p.conductivity(r * c, 330).slope == fd, tt::tolerance(1e-5));
        }
    }
}

BOOST_AUTO_TEST_CASE(temperature_factor_is_one_at_reference)
{
  for (const auto &name : material_names())
    {
      const Material m = library_material(name);
      BOOST_TEST(m.temperature_factor(m.reference_temperature) == 1.0, name);
      BOOST_TEST(m.temperature_factor(m.reference_temperature + 20) >= 1.0, name);
    }
  // Arrhenius: 0.35 eV-ish raises the LLZO conductivity about 2.2x from 25 to 45 C.
  const Material llzo = library_material("LLZO");
  BOOST_TEST(llzo.conductivity(0, 298.15).value == 1e-2, tt::tolerance(1e-14));
  BOOST_TEST(llzo.conductivity(0, 298.15).slope == 0.0);
  BOOST_TEST(
      llzo.conductivity(0, 318.15).value / 1e-2 ==
          std::exp(-llzo.activation_energy / 8.314462618 * (1 / 318.15 - 1 / 298.15)),
      tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(specific_capacities)
{
  const double mAh_per_g = 3600.0; // C/kg
  const double nmc       = library_material("NMC811").specific_capacity() / mAh_per_g;
  BOOST_TEST(nmc > 180.0);
  BOOST_TEST(nmc < 230.0);
  const double lfp = library_material("LFP").specific_capacity() / mAh_per_g;
  BOOST_TEST(lfp > 160.0);
  BOOST_TEST(lfp < 170.0);
  const double lco = library_material("LCO").specific_capacity() / mAh_per_g;
  BOOST_TEST(lco > 120.0);
  BOOST_TEST(lco < 150.0);
}

BOOST_AUTO_TEST_CASE(parameters_round_trip)
{
  ParameterHandler prm;
  MaterialLibrary::declare_parameters(prm);
  prm.parse_input_from_string("subsection Materials\n subsection NMC811\n"
                              "  set Solid diffusivity = 1e-14\n end\nend\n");
  MaterialLibrary lib;
  lib.parse_parameters(prm, "x.prm");
  BOOST_TEST(lib.materials.size() == material_names().size());
  for (const auto &name : material_names())
    {
      Material expected = library_material(name);
      if (name == "NMC811")
        expected.solid_diffusivity = 1e-14;
      check_equal(lib.get(name, "x.prm", "Cell", "Material"), expected);
    }
  BOOST_TEST(lib.get("NMC811", "x.prm", "Cell", "Material").solid_diffusivity == 1e-14);
}

BOOST_AUTO_TEST_CASE(bad_values_are_input_errors)
{
  ParameterHandler prm;
  MaterialLibrary::declare_parameters(prm);
  MaterialLibrary lib;
  prm.parse_input_from_string("subsection Materials\n subsection NMC811\n"
                              "  set Lithiation when charged = 0.95\n end\nend\n");
  const std::string message =
      input_error_message([&] { lib.parse_parameters(prm, "cell.prm"); });
  BOOST_TEST(message.find("cell.prm") != std::string::npos, message);
  BOOST_TEST(message.find("Materials/NMC811") != std::string::npos, message);
  BOOST_TEST(message.find("Lithiation when charged") != std::string::npos, message);

  // The handler is usable afterwards (subsections were left).
  prm.parse_input_from_string("subsection Materials\n subsection NMC811\n"
                              "  set Lithiation when charged = 0.2661\n end\n"
                              " subsection PEO-LiTFSI\n  set Temperature law = VTF\n"
                              "  set VTF temperature = 350\n end\nend\n");
  BOOST_CHECK_THROW(lib.parse_parameters(prm, "cell.prm"), InputError);
  prm.parse_input_from_string("subsection Materials\n subsection PEO-LiTFSI\n"
                              "  set VTF temperature = 220\n"
                              "  set Transference number = 1.2\n end\nend\n");
  BOOST_CHECK_THROW(lib.parse_parameters(prm, "cell.prm"), InputError);
  prm.parse_input_from_string("subsection Materials\n subsection PEO-LiTFSI\n"
                              "  set Transference number = -0.1\n end\nend\n");
  BOOST_CHECK_NO_THROW(lib.parse_parameters(prm, "cell.prm"));
  prm.parse_input_from_string("subsection Materials\n subsection LLZO\n"
                              "  set Ionic conductivity = 0\n end\nend\n");
  BOOST_CHECK_THROW(lib.parse_parameters(prm, "cell.prm"), InputError);

  const std::string unknown = input_error_message(
      [&] { lib.get("unobtainium", "cell.prm", "Phase pillar", "Material"); });
  BOOST_TEST(unknown.find("unobtainium") != std::string::npos, unknown);
  BOOST_TEST(unknown.find("NMC811") != std::string::npos, unknown);
  BOOST_TEST(unknown.find("carbon-binder") != std::string::npos, unknown);
}

BOOST_AUTO_TEST_CASE(help_texts_have_units)
{
  ParameterHandler prm;
  MaterialLibrary::declare_parameters(prm);
  std::ostringstream out;
  prm.print_parameters(out, ParameterHandler::OutputStyle::PRM);
  const std::string text = out.str();
  for (const char *piece : {"[mol/m^3]",
                            "[S/m]",
                            "[m^2/s]",
                            "[V/K]",
                            "[kg/m^3]",
                            "[A/m^2]",
                            "[Ohm m^2]",
                            "[F/m^2]",
                            "[m^3/mol]",
                            "[J/mol]",
                            "[K]",
                            "Chen et al. 2020",
                            "Langer et al. 2017",
                            "(~)"})
    BOOST_TEST(text.find(piece) != std::string::npos, piece);
}

BOOST_AUTO_TEST_SUITE_END()
