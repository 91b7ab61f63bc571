// User materials in a cell: a built-in and a user material derived from it
// with one value overridden, side by side in two layers in series. The
// voltage of each cell is exact, so the difference the override makes is
// checked against its closed form.
#include <deal.II/base/parameter_handler.h>

#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/core/constants.h>
#include <mesocell/materials/library.h>
#include <mesocell/physics/electrochemistry.h>

#include <boost/test/unit_test.hpp>

#include <cmath>

using namespace dealii;
using namespace MesoCell;

namespace
{
  /// The material library of the parameter-file text @p text (two passes).
  MaterialLibrary
  library_of(const std::string &text)
  {
    ParameterHandler prm;
    MaterialLibrary::declare_parameters(
        prm, MaterialLibrary::read_user_materials_from_string(text, "test.prm"));
    prm.parse_input_from_string(text);
    MaterialLibrary lib;
    lib.parse_parameters(prm, "test.prm");
    return lib;
  }

  /// Cell voltage of the 2D strip [0, L] x [0, H] with material @p left for
  /// x < L/2 and @p right beyond, terminals on x = 0 (negative) and x = L
  /// (positive), Li foils there if @p foils, at current density @p J.
  double
  series_voltage(const Material &left,
                 const Material &right,
                 const Material &foil,
                 const bool      foils,
                 const double    J,
                 const double    L,
                 const double    H,
                 const double    T)
  {
    parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
    GridGenerator::subdivided_hyper_rectangle(
        tria, {8, 2}, Point<2>(), Point<2>(L, H), true);
    for (const auto &c : tria.active_cell_iterators())
      c->set_material_id(c->center()[0] < L / 2 ? 0 : 1);
    tria.refine_global(1);

    ElectrochemistryModel model;
    model.phase_material[0] = left;
    model.phase_material[1] = right;
    model.phase_name[0]     = left.name;
    model.phase_name[1]     = right.name;
    model.negative_terminal = {0};
    model.positive_terminal = {1};
    if (foils)
      model.foil_boundaries = {0, 1};
    model.foil        = foil;
    model.temperature = T;
    NonlinearSolverParameters p;
    Electrochemistry<2>       cell(tria, model, p);
    cell.setup();
    cell.initialize();
    double t = 0, dt = 10;
    for (unsigned int step = 0; step < 3; ++step)
      {
        const StepResult r =
            cell.solve_step(t + dt, dt, dt, step == 0 ? 1 : 2, Control::current, J * H);
        BOOST_REQUIRE_MESSAGE(r.converged, r.failure);
        cell.accept_step();
        t += dt;
      }
    return cell.voltage();
  }
} // namespace

BOOST_AUTO_TEST_SUITE(user_materials)

// Li | LLZO | LLZO-slow | Li with LLZO-slow = LLZO with 1/5 of the ionic
// conductivity: V = -(2 eta + J L/2 (1/kappa + 1/kappa_slow)), and the
// user material adds -J L/2 (1/kappa_slow - 1/kappa) to the LLZO cell.
BOOST_AUTO_TEST_CASE(ceramic_layers_in_series_2d)
{
  const MaterialLibrary lib  = library_of("subsection Materials\n"
                                          "  set User materials = LLZO-slow: LLZO\n"
                                          "  subsection LLZO-slow\n"
                                          "    set Ionic conductivity = 2e-3\n"
                                          "  end\n"
                                          "end\n");
  const Material       &llzo = lib.get("LLZO", "test.prm", "test", "parent");
  const Material       &slow = lib.get("LLZO-slow", "test.prm", "test", "child");
  const Material       &li   = lib.get("Li", "test.prm", "test", "foil");
  BOOST_TEST(slow.ionic_conductivity == 2e-3);
  BOOST_TEST(slow.activation_energy == llzo.activation_energy);

  const double L = 20e-6, H = 5e-6, T = 333.15, J = 10.0;
  const double V_parent = series_voltage(llzo, llzo, li, true, J, L, H, T);
  const double V        = series_voltage(llzo, slow, li, true, J, L, H, T);

  const double kappa      = llzo.conductivity(0, T).value;
  const double kappa_slow = slow.conductivity(0, T).value;
  BOOST_TEST(kappa_slow == kappa / 5, boost::test_tools::tolerance(1e-14));
  const double i0  = li.exchange_current_ceramic * li.temperature_factor(T);
  const double eta = 2 * gas_constant * T / faraday_constant * std::asinh(J / (2 * i0));
  const double expected        = -(2 * eta + J * L / 2 * (1 / kappa + 1 / kappa_slow));
  const double expected_parent = -(2 * eta + J * L / kappa);
  BOOST_TEST_MESSAGE("Li|LLZO|LLZO-slow|Li: V = "
                     << V << " V (exact " << expected << " V), Li|LLZO|Li: " << V_parent
                     << " V (exact " << expected_parent << " V)");
  BOOST_TEST(std::abs(V - expected) <= 1e-9 * std::abs(expected));
  BOOST_TEST(std::abs(V_parent - expected_parent) <= 1e-9 * std::abs(expected_parent));
  const double difference = -J * L / 2 * (1 / kappa_slow - 1 / kappa);
  BOOST_TEST(std::abs((V - V_parent) - difference) <= 1e-8 * std::abs(difference));
}

// Collector | NMC811 | NMC811-poor | collector, electrons only, with
// NMC811-poor = NMC811 with 1/10 of the electronic conductivity:
// V = -J L/2 (1/sigma + 1/sigma_poor).
BOOST_AUTO_TEST_CASE(active_layers_in_series_2d)
{
  const MaterialLibrary lib  = library_of("subsection Materials\n"
                                          "  set User materials = NMC811-poor: NMC811\n"
                                          "  subsection NMC811-poor\n"
                                          "    set Electronic conductivity = 0.018\n"
                                          "  end\n"
                                          "end\n");
  const Material       &nmc  = lib.get("NMC811", "test.prm", "test", "parent");
  const Material       &poor = lib.get("NMC811-poor", "test.prm", "test", "child");
  const Material       &li   = lib.get("Li", "test.prm", "test", "foil");

  const double L = 20e-6, H = 5e-6, T = 333.15, J = 10.0;
  const double V_parent = series_voltage(nmc, nmc, li, false, J, L, H, T);
  const double V        = series_voltage(nmc, poor, li, false, J, L, H, T);
  const double s = nmc.electronic_conductivity, s_poor = poor.electronic_conductivity;
  const double expected        = -J * L / 2 * (1 / s + 1 / s_poor);
  const double expected_parent = -J * L / s;
  BOOST_TEST_MESSAGE("NMC811|NMC811-poor: V = "
                     << V << " V (exact " << expected << " V), NMC811 only: " << V_parent
                     << " V (exact " << expected_parent << " V)");
  BOOST_TEST(std::abs(V - expected) <= 1e-9 * std::abs(expected));
  BOOST_TEST(std::abs(V_parent - expected_parent) <= 1e-9 * std::abs(expected_parent));
}

BOOST_AUTO_TEST_SUITE_END()
