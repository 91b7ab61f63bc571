// The built-in material library: OCP curves and their exact slopes,
// temperature and concentration laws, capacities, and the parameter-file view.
#include <deal.II/base/parameter_handler.h>

#include <mesocell/core/errors.h>
#include <mesocell/materials/library.h>
#include <mesocell/materials/open_circuit_potential.h>
#include <mesocell/materials/temperature_law.h>

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
      BOOST_TEST(a.youngs_modulus == b.youngs_modulus);
      BOOST_TEST(a.poisson_ratio == b.poisson_ratio);
      BOOST_TEST(a.thermal_expansion == b.thermal_expansion);
      BOOST_TEST(a.adhesion_strength == b.adhesion_strength);
      BOOST_TEST(a.surface_slope == b.surface_slope);
      BOOST_TEST((a.lithiation_strain_law == b.lithiation_strain_law));
      BOOST_TEST(a.partial_molar_volume == b.partial_molar_volume);
      BOOST_TEST(a.reference_lithiation == b.reference_lithiation);
      BOOST_TEST((a.lithiation_strain_table == b.lithiation_strain_table));
      BOOST_TEST((a.creep_law == b.creep_law));
      BOOST_TEST(a.creep_prefactor == b.creep_prefactor);
      BOOST_TEST(a.creep_exponent == b.creep_exponent);
      BOOST_TEST(a.creep_activation_energy == b.creep_activation_energy);
      BOOST_TEST(a.relaxed_modulus == b.relaxed_modulus);
      BOOST_TEST(a.reference_relaxation_time == b.reference_relaxation_time);
      BOOST_TEST(a.relaxation_reference_temperature ==
                 b.relaxation_reference_temperature);
      BOOST_TEST(a.relaxation_activation_energy == b.relaxation_activation_energy);
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
                            "[Pa]",
                            "[1/K]",
                            "[Pa^-m s^-1]",
                            "[s]",
                            "Masias et al. 2019",
                            "Kondrakov et al. 2017",
                            "Chen et al. 2020",
                            "Langer et al. 2017",
                            "(~)"})
    BOOST_TEST(text.find(piece) != std::string::npos, piece);
}

BOOST_AUTO_TEST_CASE(elastic_constants_in_range)
{
  for (const auto &name : material_names())
    {
      const Material m = library_material(name);
      BOOST_TEST(m.youngs_modulus > 0, name);
      BOOST_TEST(m.poisson_ratio >= 0, name);
      BOOST_TEST(m.poisson_ratio < 0.5, name);
      BOOST_TEST(m.surface_slope > 0, name);
      BOOST_TEST(m.adhesion_strength > 0, name);
      BOOST_TEST(std::abs(m.thermal_expansion) < 1e-3, name);
      BOOST_TEST(m.shear_modulus() == m.youngs_modulus / (2 * (1 + m.poisson_ratio)),
                 tt::tolerance(1e-14));
      BOOST_TEST(m.plane_strain_modulus() * (1 - m.poisson_ratio * m.poisson_ratio) ==
                     m.youngs_modulus,
                 tt::tolerance(1e-14));
    }
  // doc/manual.md, Material library: LLZO ~150 GPa / 0.26, NMC811 140-200 GPa /
  // 0.25-0.3, Li 4.9-8 GPa / 0.36-0.42, PEO-LiTFSI 0.26 MPa.
  BOOST_TEST(library_material("LLZO").youngs_modulus == 1.5e11);
  BOOST_TEST(library_material("LLZO").poisson_ratio == 0.26);
  const Material nmc = library_material("NMC811");
  BOOST_TEST((nmc.youngs_modulus >= 1.4e11 && nmc.youngs_modulus <= 2e11));
  BOOST_TEST((nmc.poisson_ratio >= 0.25 && nmc.poisson_ratio <= 0.3));
  const Material li = library_material("Li");
  BOOST_TEST((li.youngs_modulus >= 4.9e9 && li.youngs_modulus <= 8e9));
  BOOST_TEST((li.poisson_ratio >= 0.36 && li.poisson_ratio <= 0.42));
  BOOST_TEST(li.molar_volume == 1.30e-5);
  BOOST_TEST(library_material("PEO-LiTFSI").youngs_modulus == 2.6e5);
  BOOST_TEST(library_material("PEO-LiTFSI").adhesion_strength == 6e4);
}

BOOST_AUTO_TEST_CASE(lithium_power_law_creep)
{
  const Material li = library_material("Li");
  BOOST_TEST((li.creep_law == CreepLaw::power_law));
  // Masias et al. 2019: about 1e-3 1/s at 0.8 MPa and 298 K (order check).
  const double rate = li.creep_rate(0.8e6, 298).value;
  BOOST_TEST(rate > 1e-3 / 3, "rate " << rate);
  BOOST_TEST(rate < 1e-3 * 3, "rate " << rate);
  // Exactly sigma^m.
  for (const double factor : {0.5, 2.0, 3.7})
    BOOST_TEST(li.creep_rate(factor * 0.8e6, 298).value / rate ==
                   std::pow(factor, li.creep_exponent),
               tt::tolerance(1e-12));
  // Arrhenius in T, exact stress derivative, nothing at zero stress.
  BOOST_TEST(
      li.creep_rate(0.8e6, 350).value / rate ==
          std::exp(-li.creep_activation_energy / 8.314462618 * (1 / 350.0 - 1 / 298.0)),
      tt::tolerance(1e-12));
  const double s = 1.3e6, ds = 1e-4 * s;
  const double fd =
      (li.creep_rate(s + ds, 298).value - li.creep_rate(s - ds, 298).value) / (2 * ds);
  BOOST_TEST(li.creep_rate(s, 298).slope == fd, tt::tolerance(1e-6));
  BOOST_TEST(li.creep_rate(0, 298).value == 0.0);
  BOOST_CHECK_THROW(li.creep_rate(-1, 298), std::domain_error);
  BOOST_TEST(library_material("LLZO").creep_rate(1e8, 298).value == 0.0);
  BOOST_TEST(library_material("PEO-LiTFSI").creep_rate(1e5, 298).value == 0.0);
}

BOOST_AUTO_TEST_CASE(nmc811_tabulated_lithiation_strain)
{
  const Material m = library_material("NMC811");
  BOOST_TEST((m.lithiation_strain_law == LithiationStrainLaw::tabulated));
  // Kondrakov et al. 2017: -5.1 % in volume from the lithiated state (x = 1)
  // to the delithiated end of the table; linear strain one third of it.
  const double delithiated = m.lithiation_strain_table.front().first;
  const double lithiated   = m.lithiation_strain_table.back().first;
  const double change =
      m.lithiation_strain(delithiated).value - m.lithiation_strain(lithiated).value;
  BOOST_TEST(std::abs(change - (-0.051 / 3)) <= 1e-3, "linear strain " << change);
  // Most of the contraction below x ~ 0.4.
  const double above =
      m.lithiation_strain(lithiated).value - m.lithiation_strain(0.4).value;
  BOOST_TEST(std::abs(above) < 0.5 * std::abs(change));
  // Zero at the reference (x_charged by default), relative to any x_ref.
  BOOST_TEST(m.lithiation_reference() == m.x_charged);
  BOOST_TEST(m.lithiation_strain(m.x_charged).value == 0.0);
  BOOST_TEST(m.lithiation_strain(0.3, 0.3).value == 0.0);
  // Exact slope (central difference), grows monotonically with x.
  const double h = 1e-6;
  for (double x = 0.1; x <= 1.1; x += 0.0173)
    {
      const double fd =
          (m.lithiation_strain(x + h).value - m.lithiation_strain(x - h).value) / (2 * h);
      const double slope = m.lithiation_strain(x).slope;
      BOOST_TEST(std::abs(fd - slope) <= 1e-6 * std::max(std::abs(slope), 1e-3),
                 "x = " << x << ": slope " << slope << ", finite difference " << fd);
      BOOST_TEST(slope >= 0.0, "x = " << x);
    }
}

BOOST_AUTO_TEST_CASE(vegard_lithiation_strain_is_linear)
{
  for (const std::string name : {"LFP", "LCO"})
    {
      const Material m = library_material(name);
      BOOST_TEST((m.lithiation_strain_law == LithiationStrainLaw::vegard), name);
      const double k = m.partial_molar_volume * m.maximum_concentration / 3;
      for (const double x : {0.0, 0.25, 0.6, 1.0})
        {
          const ValueAndSlope e = m.lithiation_strain(x);
          BOOST_TEST(e.value == k * (x - m.x_charged), tt::tolerance(1e-12));
          BOOST_TEST(e.slope == k, tt::tolerance(1e-14));
          BOOST_TEST(m.lithiation_strain(x, 0.7).value == k * (x - 0.7),
                     tt::tolerance(1e-12));
        }
    }
  // LFP expands on lithiation (~6.5 % in volume), LCO contracts.
  const Material lfp = library_material("LFP");
  BOOST_TEST(lfp.lithiation_strain(1.0, 0.0).value * 3 > 0.06);
  BOOST_TEST(lfp.lithiation_strain(1.0, 0.0).value * 3 < 0.07);
  BOOST_TEST(library_material("LCO").lithiation_strain(1.0, 0.5).value < 0);
  // Vegard for NMC811 uses its partial molar volume; 'none' and other
  // types give no strain.
  Material nmc              = library_material("NMC811");
  nmc.lithiation_strain_law = LithiationStrainLaw::vegard;
  BOOST_TEST(nmc.lithiation_strain(0.9, 0.4).slope ==
                 nmc.partial_molar_volume * nmc.maximum_concentration / 3,
             tt::tolerance(1e-14));
  nmc.lithiation_strain_law = LithiationStrainLaw::none;
  BOOST_TEST(nmc.lithiation_strain(0.9).value == 0.0);
  BOOST_TEST(library_material("LLZO").lithiation_strain(0.9).value == 0.0);
}

BOOST_AUTO_TEST_CASE(polymer_stress_relaxation)
{
  const Material peo = library_material("PEO-LiTFSI");
  // Minutes at 80 C (hot pressing), hours or more at 25 C.
  const double tau80 = peo.relaxation_time(353.15);
  BOOST_TEST(tau80 > 60, "tau(80 C) = " << tau80 << " s");
  BOOST_TEST(tau80 < 600, "tau(80 C) = " << tau80 << " s");
  BOOST_TEST(peo.relaxation_time(298.15) > 3600);
  BOOST_TEST(peo.relaxation_time(peo.relaxation_reference_temperature) ==
             peo.reference_relaxation_time);
  BOOST_TEST(peo.relaxation_modulus(0, 353.15) == peo.youngs_modulus);
  BOOST_TEST(peo.relaxation_modulus(tau80, 353.15) ==
                 peo.relaxed_modulus +
                     (peo.youngs_modulus - peo.relaxed_modulus) * std::exp(-1.0),
             tt::tolerance(1e-12));
  BOOST_TEST(peo.relaxation_modulus(100 * tau80, 353.15) == peo.relaxed_modulus,
             tt::tolerance(1e-12));
  BOOST_TEST(peo.relaxed_modulus < peo.youngs_modulus);
  const Material llzo = library_material("LLZO");
  BOOST_TEST(llzo.relaxation_modulus(1e6, 353.15) == llzo.youngs_modulus);
}

BOOST_AUTO_TEST_CASE(mechanical_parameters_override)
{
  ParameterHandler prm;
  MaterialLibrary::declare_parameters(prm);
  prm.parse_input_from_string("subsection Materials\n"
                              " subsection LLZO\n  set Young's modulus = 1e9\n end\n"
                              " subsection Li\n  set Creep exponent = 5\n end\n"
                              " subsection LFP\n  set Lithiation strain law = tabulated\n"
                              "  set Lithiation strain table = 0: -0.06, 1: 0\n end\n"
                              "end\n");
  MaterialLibrary lib;
  lib.parse_parameters(prm, "x.prm");
  for (const auto &name : material_names())
    {
      Material expected = library_material(name);
      if (name == "LLZO")
        expected.youngs_modulus = 1e9;
      if (name == "Li")
        expected.creep_exponent = 5;
      if (name == "LFP")
        {
          expected.lithiation_strain_law   = LithiationStrainLaw::tabulated;
          expected.lithiation_strain_table = {{0.0, -0.06}, {1.0, 0.0}};
        }
      check_equal(lib.get(name, "x.prm", "Cell", "Material"), expected);
    }
  BOOST_TEST(lib.get("LLZO", "x.prm", "Cell", "Material").youngs_modulus == 1e9);
  // Two points: linear, slope 0.06/3.
  BOOST_TEST(lib.get("LFP", "x.prm", "Cell", "Material").lithiation_strain(0.5).slope ==
                 0.02,
             tt::tolerance(1e-14));

  // Bad values: an input error naming the file, subsection and entry.
  const auto bad = [](const std::string &material, const std::string &entry) {
    ParameterHandler p;
    MaterialLibrary::declare_parameters(p);
    MaterialLibrary   l;
    const std::string file = "subsection Materials\n subsection " + material +
                             "\n  set " + entry + "\n end\nend\n";
    p.parse_input_from_string(file);
    const std::string message =
        input_error_message([&] { l.parse_parameters(p, "cell.prm"); });
    const std::string name = entry.substr(0, entry.find(" ="));
    BOOST_TEST(message.find("cell.prm") != std::string::npos, message);
    BOOST_TEST(message.find("Materials/" + material) != std::string::npos, message);
    BOOST_TEST(message.find(name) != std::string::npos, message);
  };
  bad("LLZO", "Young's modulus = 0");
  bad("Li", "Poisson's ratio = 0.5");
  bad("Li", "Surface slope = 0");
  bad("PEO-LiTFSI", "Relaxed modulus = 1e6");
  bad("PEO-LiTFSI", "Relaxed modulus = 0");
  bad("Li", "Creep prefactor = 0");
  bad("NMC811", "Lithiation strain table = 0.5: -0.01, 0.3: -0.02");
  bad("NMC811", "Lithiation strain table = 0.5: -0.01");
  // Outside the patterns: rejected when the file is read.
  ParameterHandler p;
  MaterialLibrary::declare_parameters(p);
  BOOST_CHECK_THROW(p.parse_input_from_string("subsection Materials\n subsection Li\n"
                                              "  set Poisson's ratio = 0.6\n end\nend\n"),
                    std::exception);
  BOOST_CHECK_THROW(
      p.parse_input_from_string("subsection Materials\n subsection NMC811\n"
                                "  set Lithiation strain table = 1.5: 0\n end\nend\n"),
      std::exception);
}

// --- user materials -----------------------------------------------------------

namespace
{
  /// The library of the parameter-file text @p text, read in two passes as
  /// the application does: user materials first, then everything.
  MaterialLibrary
  parse_library(const std::string &text, const std::string &prm_file = "cell.prm")
  {
    ParameterHandler prm;
    MaterialLibrary::declare_parameters(
        prm, MaterialLibrary::read_user_materials_from_string(text, prm_file));
    prm.parse_input_from_string(text);
    MaterialLibrary lib;
    lib.parse_parameters(prm, prm_file);
    return lib;
  }

  /// The InputError message of a 'User materials' list @p list ("" if none).
  std::string
  user_materials_error(const std::string &list)
  {
    return input_error_message([&] {
      parse_library("subsection Materials\n set User materials = " + list + "\nend\n");
    });
  }
} // namespace

BOOST_AUTO_TEST_CASE(user_material_overrides_one_value)
{
  const std::string text = "subsection Materials\n"
                           "  set User materials = NMC811-fast: NMC811\n"
                           "  subsection NMC811-fast\n"
                           "    set Solid diffusivity = 4e-14\n"
                           "  end\n"
                           "end\n";
  const auto user = MaterialLibrary::read_user_materials_from_string(text, "cell.prm");
  BOOST_REQUIRE(user.size() == 1);
  BOOST_TEST(user[0].name == "NMC811-fast");
  BOOST_TEST(user[0].parent == "NMC811");

  const MaterialLibrary lib = parse_library(text);
  BOOST_TEST(lib.materials.size() == material_names().size() + 1);
  BOOST_TEST(lib.names().back() == "NMC811-fast");

  // The child: its override, every other value the parent's.
  const Material &child    = lib.get("NMC811-fast", "cell.prm", "Electrochemistry", "x");
  Material        expected = library_material("NMC811");
  expected.name            = "NMC811-fast";
  expected.solid_diffusivity = 4e-14;
  check_equal(child, expected);
  BOOST_TEST(child.parent == "NMC811");
  BOOST_TEST(child.diffusivity(333.15) ==
                 10 * library_material("NMC811").diffusivity(333.15),
             tt::tolerance(1e-14));

  // The parent and every other built-in unchanged.
  for (const auto &name : material_names())
    {
      check_equal(lib.get(name, "cell.prm", "Electrochemistry", "x"),
                  library_material(name));
      BOOST_TEST(lib.get(name, "cell.prm", "Electrochemistry", "x").parent.empty());
    }

  // Unknown names list the user materials too.
  const std::string unknown = input_error_message(
      [&] { lib.get("NMC812", "cell.prm", "Electrochemistry", "Phase materials"); });
  BOOST_TEST(unknown.find("NMC811-fast") != std::string::npos, unknown);
}

BOOST_AUTO_TEST_CASE(user_materials_side_by_side)
{
  // Two children of one parent, one of another type; the parent's own
  // override does not reach its children (they start from the built-in
  // values).
  const MaterialLibrary lib =
      parse_library("subsection Materials\n"
                    "  set User materials = NMC811-a: NMC811, NMC811-b: NMC811, "
                    "PEO-dry: PEO-LiTFSI\n"
                    "  subsection NMC811\n    set Film resistance = 1e-3\n  end\n"
                    "  subsection NMC811-a\n    set Electronic conductivity = 1\n  end\n"
                    "  subsection NMC811-b\n    set Open-circuit potential = linear\n"
                    "    set OCP constant = 3.8\n  end\n"
                    "  subsection PEO-dry\n    set Ionic conductivity = 2e-3\n"
                    "    set Creep law = power law\n    set Creep prefactor = 1e-20\n"
                    "  end\n"
                    "end\n");
  BOOST_TEST(lib.materials.size() == material_names().size() + 3);
  const std::vector<std::string> user  = {"NMC811-a", "NMC811-b", "PEO-dry"};
  const std::vector<std::string> names = lib.names();
  BOOST_TEST(std::vector<std::string>(names.end() - 3, names.end()) == user,
             tt::per_element());

  Material nmc        = library_material("NMC811");
  nmc.film_resistance = 1e-3;
  check_equal(lib.get("NMC811", "x.prm", "s", "e"), nmc);

  Material a                = library_material("NMC811");
  a.name                    = "NMC811-a";
  a.electronic_conductivity = 1;
  check_equal(lib.get("NMC811-a", "x.prm", "s", "e"), a);

  Material b               = library_material("NMC811");
  b.name                   = "NMC811-b";
  b.open_circuit_potential = "linear";
  b.ocp_constant           = 3.8;
  check_equal(lib.get("NMC811-b", "x.prm", "s", "e"), b);
  BOOST_TEST(lib.get("NMC811-b", "x.prm", "s", "e").ocp(0.5, 298.15).value == 3.8);

  Material dry           = library_material("PEO-LiTFSI");
  dry.name               = "PEO-dry";
  dry.ionic_conductivity = 2e-3;
  dry.creep_law          = CreepLaw::power_law;
  dry.creep_prefactor    = 1e-20;
  check_equal(lib.get("PEO-dry", "x.prm", "s", "e"), dry);
  BOOST_TEST(to_string(lib.get("PEO-dry", "x.prm", "s", "e").type) == "polymer");
  check_equal(lib.get("PEO-LiTFSI", "x.prm", "s", "e"), library_material("PEO-LiTFSI"));
}

BOOST_AUTO_TEST_CASE(user_material_errors)
{
  // Every bad list: an input error naming the file, subsection 'Materials',
  // entry 'User materials', the problem and what is allowed.
  const auto check = [](const std::string &list, const std::string &problem) {
    const std::string message = user_materials_error(list);
    BOOST_TEST_CONTEXT("User materials = " << list)
    {
      BOOST_TEST(message.find("cell.prm") != std::string::npos, message);
      BOOST_TEST(message.find("subsection 'Materials'") != std::string::npos, message);
      BOOST_TEST(message.find("entry 'User materials'") != std::string::npos, message);
      BOOST_TEST(message.find(problem) != std::string::npos, message);
      BOOST_TEST(message.find("Allowed: 'name: parent' pairs") != std::string::npos,
                 message);
      BOOST_TEST(message.find("carbon-binder") != std::string::npos, message);
    }
  };
  check("NMC811-fast: NMC999", "the parent 'NMC999' of 'NMC811-fast' is not a built-in");
  check("LFP: NMC811", "'LFP' is a built-in material");
  check("NMC811-fast: NMC811, NMC811-fast: LFP", "'NMC811-fast' is declared twice");
  check("NMC811-fast NMC811", "'NMC811-fast NMC811' is not a 'name: parent' pair");
  check("a: b: NMC811", "'a: b: NMC811' is not a 'name: parent' pair");
  check(": NMC811", "': NMC811' is not a 'name: parent' pair");
  check("NMC811-fast: NMC811,", "'' is not a 'name: parent' pair");
  check("A: NMC811, B: A", "(user materials derive from built-ins only)");
  check("User materials: LFP", "'User materials' is the name of this entry");

  // Empty and blank lists: no user materials.
  BOOST_TEST(parse_user_materials("", "cell.prm").empty());
  BOOST_TEST(parse_user_materials("  ", "cell.prm").empty());
  const auto two = parse_user_materials(" a : LFP ,b:PVDF-HFP CPE", "cell.prm");
  BOOST_REQUIRE(two.size() == 2);
  BOOST_TEST(two[1].name == "b");
  BOOST_TEST(two[1].parent == "PVDF-HFP CPE");

  // A bad value of a user material names its subsection.
  const std::string bad = input_error_message([] {
    parse_library("subsection Materials\n set User materials = NMC811-fast: NMC811\n"
                  " subsection NMC811-fast\n  set Solid diffusivity = 0\n end\nend\n");
  });
  BOOST_TEST(bad.find("Materials/NMC811-fast") != std::string::npos, bad);
  BOOST_TEST(bad.find("Solid diffusivity") != std::string::npos, bad);

  // A subsection of a material that is not declared: rejected by the parser.
  BOOST_CHECK_THROW(parse_library("subsection Materials\n subsection NMC811-fast\n"
                                  "  set Solid diffusivity = 1e-14\n end\nend\n"),
                    std::exception);

  // Parsing a file with user materials that were not declared is a
  // programming error, and leaves the handler usable.
  ParameterHandler prm;
  MaterialLibrary::declare_parameters(prm);
  prm.parse_input_from_string(
      "subsection Materials\n set User materials = x: LFP\nend\n");
  MaterialLibrary lib;
  BOOST_CHECK_THROW(lib.parse_parameters(prm, "cell.prm"), std::logic_error);
  prm.parse_input_from_string("subsection Materials\n set User materials =\nend\n");
  BOOST_CHECK_NO_THROW(lib.parse_parameters(prm, "cell.prm"));
}

BOOST_AUTO_TEST_CASE(ocp_curves_come_from_the_registry)
{
  const std::vector<std::string> expected = {
      "LCO Ramadass2004", "LFP Prada2013", "NMC811 Chen2020", "constant", "linear"};
  BOOST_TEST(ocp_names() == expected, tt::per_element());
  for (const auto &name : ocp_names())
    BOOST_TEST(find_open_circuit_potential(name) != nullptr, name);
  BOOST_TEST(find_open_circuit_potential("NMC811 Chen2021") == nullptr);
  Material m               = library_material("NMC811");
  m.open_circuit_potential = "NMC811 Chen2021";
  BOOST_CHECK_THROW(m.ocp(0.5, 298.15), std::invalid_argument);

  // The Selection pattern and the help of the entry list every curve (JSON:
  // no line wrapping).
  ParameterHandler prm;
  MaterialLibrary::declare_parameters(prm);
  std::ostringstream out;
  prm.print_parameters(out, ParameterHandler::OutputStyle::JSON);
  const std::string text = out.str();
  BOOST_TEST(
      text.find("LCO Ramadass2004|LFP Prada2013|NMC811 Chen2020|constant|linear") !=
      std::string::npos);
  BOOST_TEST(text.find("'linear': U = OCP constant + OCP slope (x - 1") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(temperature_laws_come_from_the_registry)
{
  const auto &registry = Registry<TemperatureLaw>::instance();
  BOOST_TEST(registry.selection() == "Arrhenius|VTF|constant");
  Material m = library_material("PEO-LiTFSI");
  for (const auto &[name, entry] : registry.entries())
    {
      BOOST_TEST(find_temperature_law(name) != nullptr, name);
      BOOST_TEST(find_temperature_law(name)->factor(m.reference_temperature, m) == 1.0,
                 tt::tolerance(1e-14));
    }
  BOOST_TEST(find_temperature_law("Eyring") == nullptr);
  m.temperature_law = "Eyring";
  BOOST_CHECK_THROW(m.temperature_factor(300.0), std::invalid_argument);

  // The Selection pattern and the help of the entry list every law.
  ParameterHandler prm;
  MaterialLibrary::declare_parameters(prm);
  std::ostringstream out;
  prm.print_parameters(out, ParameterHandler::OutputStyle::JSON);
  const std::string text = out.str();
  BOOST_TEST(text.find("Arrhenius|VTF|constant") != std::string::npos);
  BOOST_TEST(text.find("'VTF': exp(-B") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
