// The electrochemistry's interface contact hook (issue 5): a Li | PEO-LiTFSI
// | Li cell with foils on both faces, t+ = 1 and constant kappa.
//  - theta scales the exchange current: V = -(2 (2RT/F) asinh(J/(2 theta
//    i0)) + J L / kappa), exact;
//  - the Monroe-Newman term: a normal stress sigma_n = -p on the foil at
//    x = 0 only shifts its equilibrium, and the open-circuit voltage is
//    V = Omega_Li p / F, exact.
#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/interfaces/butler_volmer.h>
#include <mesocell/physics/electrochemistry.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>

using namespace dealii;
using namespace MesoCell;

namespace
{
  const double L = 50e-6, H = 10e-6;

  // The Li | polymer | Li cell: an 8 x 2 mesh of one polymer phase, a foil
  // on each terminal (x = 0 negative, x = L positive), 333.15 K.
  ElectrochemistryModel
  make_cell(parallel::distributed::Triangulation<2> &tria, const Material &polymer)
  {
    GridGenerator::subdivided_hyper_rectangle(
        tria, {8, 2}, Point<2>(), Point<2>(L, H), true);
    for (const auto &c : tria.active_cell_iterators())
      c->set_material_id(0);
    ElectrochemistryModel model;
    model.phase_material[0] = polymer;
    model.negative_terminal = {0};
    model.positive_terminal = {1};
    model.foil_boundaries   = {0, 1};
    model.foil              = library_material("Li");
    model.temperature       = 333.15;
    return model;
  }

  double
  run(const double theta, const double stack_pressure, const double J, double *expected)
  {
    parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
    Material                                m = library_material("PEO-LiTFSI");
    m.transference_number                     = 1.0;
    m.conductivity_concentration_law          = "constant";
    const ElectrochemistryModel model         = make_cell(tria, m);
    NonlinearSolverParameters   p;
    Electrochemistry<2>         cell(tria, model, p);
    cell.set_interface_contact([&](const InterfacePointId &,
                                   const Point<2> &x,
                                   const Material &,
                                   const Material &) {
      InterfaceContact c;
      c.theta         = theta;
      c.normal_stress = x[0] < L / 2 ? -stack_pressure : 0.0;
      return c;
    });
    cell.setup();
    cell.initialize();
    const StepResult r = cell.solve_step(1, 1, 1, 1, Control::current, J * H);
    BOOST_REQUIRE_MESSAGE(r.converged, r.failure);
    cell.accept_step();
    const double T     = model.temperature;
    const double kappa = m.conductivity(m.reference_concentration, T).value;
    const double i0 =
        model.foil.exchange_current_polymer * model.foil.temperature_factor(T);
    const double eta =
        2 * gas_constant * T / faraday_constant * std::asinh(J / (2 * theta * i0));
    *expected = -(2 * eta + J * L / kappa) +
                model.foil.molar_volume * stack_pressure / faraday_constant;
    return cell.voltage();
  }
} // namespace

BOOST_AUTO_TEST_SUITE(planar)

BOOST_AUTO_TEST_CASE(contact_hook)
{
  for (const double theta : {1.0, 0.25, 0.02})
    {
      double       expected;
      const double V = run(theta, 0, 5.0, &expected);
      BOOST_TEST_MESSAGE("theta " << theta << ": V = " << V << " V, exact " << expected
                                  << " V, relative error " << std::abs(V / expected - 1));
      BOOST_TEST(std::abs(V / expected - 1) <= 1e-9);
    }
  double       expected;
  const double V = run(1.0, 10e6, 0.0, &expected);
  BOOST_TEST_MESSAGE("Monroe-Newman, 10 MPa on one foil at rest: V = "
                     << V << " V, Omega p / F = " << expected << " V, relative error "
                     << std::abs(V / expected - 1));
  BOOST_TEST(expected > 1e-3);
  BOOST_TEST(std::abs(V / expected - 1) <= 1e-9);
}

BOOST_AUTO_TEST_CASE(diagnostics_cache)
{
  // state(), the interface samples and the output share one residual
  // evaluation per state: the contact hook (called once per interface point
  // and evaluation) counts the evaluations. A new solution or a new contact
  // version evaluates again, and the samples then carry the new theta.
  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  const ElectrochemistryModel model = make_cell(tria, library_material("PEO-LiTFSI"));
  NonlinearSolverParameters   p;
  Electrochemistry<2>         cell(tria, model, p);
  unsigned long               calls = 0, version = 0;
  double                      theta = 0.5;
  cell.set_interface_contact(
      [&](const InterfacePointId &,
          const Point<2> &,
          const Material &,
          const Material &) {
        ++calls;
        InterfaceContact c;
        c.theta = theta;
        return c;
      },
      [&]() { return version; });
  cell.setup();
  cell.initialize();
  BOOST_REQUIRE(cell.solve_step(1, 1, 1, 1, Control::current, 1.0 * H).converged);
  cell.accept_step();

  const auto evaluations = [&](const auto &f) {
    const unsigned long before = Utilities::MPI::sum(calls, MPI_COMM_WORLD);
    f();
    return Utilities::MPI::sum(calls, MPI_COMM_WORLD) - before;
  };
  const auto   per_evaluation = evaluations([&] { cell.state(); });
  double       mean_theta     = 0;
  unsigned int n_samples      = 0;
  const auto   reused         = evaluations([&] {
    cell.state();
    cell.for_each_interface_sample([&](const InterfaceSample &x) {
      mean_theta += x.theta;
      ++n_samples;
    });
    cell.state();
  });
  BOOST_TEST(per_evaluation > 0u);
  BOOST_TEST(reused == 0u);
  BOOST_TEST(mean_theta / std::max(n_samples, 1u) == 0.5,
             boost::test_tools::tolerance(1e-14));

  // A new contact state: evaluated once again, with the new theta.
  theta = 0.2;
  ++version;
  mean_theta            = 0;
  n_samples             = 0;
  const auto after_bump = evaluations([&] {
    cell.for_each_interface_sample([&](const InterfaceSample &x) {
      mean_theta += x.theta;
      ++n_samples;
    });
    cell.state();
  });
  BOOST_TEST(after_bump == per_evaluation);
  BOOST_TEST(mean_theta / std::max(n_samples, 1u) == 0.2,
             boost::test_tools::tolerance(1e-14));

  // A new solution: evaluated once again.
  BOOST_REQUIRE(cell.solve_step(2, 1, 1, 2, Control::current, 1.0 * H).converged);
  cell.accept_step();
  const auto after_step = evaluations([&] {
    cell.state();
    cell.state();
  });
  BOOST_TEST_MESSAGE("diagnostics: " << per_evaluation
                                     << " hook calls per evaluation; reused " << reused
                                     << ", after a contact change " << after_bump
                                     << ", after a step " << after_step);
  BOOST_TEST(after_step == per_evaluation);
}

BOOST_AUTO_TEST_SUITE_END()
