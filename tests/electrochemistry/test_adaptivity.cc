// Adaptive refinement against a uniformly refined reference, and the same
// voltage curve with 1 and 2 MPI ranks (the ctest runs both and compares
// with the stored uniform reference computed here).
#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/physics/electrochemistry.h>

#include <boost/test/unit_test.hpp>

#include <cmath>

using namespace dealii;
using namespace MesoCell;

namespace
{
  /// 2D half cell, 40 x 20 um: an NMC811 lamella (x < 24 um, 6 < y < 14 um)
  /// on the collector x = 0, in PEO-LiTFSI, Li foil at x = 40 um. Discharged
  /// at 1C for 5 minutes with fixed 10 s steps; returns the voltages and DoFs.
  struct Curve
  {
    std::vector<double>     voltage;
    types::global_dof_index max_dofs = 0;
  };

  Curve
  discharge(const unsigned int initial_refinement, const bool adaptive)
  {
    parallel::distributed::Triangulation<2> tria(
        MPI_COMM_WORLD, Triangulation<2>::limit_level_difference_at_vertices);
    GridGenerator::subdivided_hyper_rectangle(
        tria, {10, 5}, Point<2>(), Point<2>(40e-6, 20e-6), true);
    for (const auto &c : tria.active_cell_iterators())
      {
        const auto p = c->center();
        c->set_material_id(p[0] < 24e-6 && p[1] > 6e-6 && p[1] < 14e-6 ? 0 : 1);
      }
    tria.refine_global(initial_refinement);
    ElectrochemistryModel model;
    model.phase_material[0]  = library_material("NMC811");
    model.phase_material[1]  = library_material("PEO-LiTFSI");
    model.positive_terminal  = {0};
    model.negative_terminal  = {1};
    model.foil_boundaries    = {1};
    model.foil               = library_material("Li");
    model.temperature        = 333.15;
    model.initial_lithiation = 0.3;
    NonlinearSolverParameters p;
    Electrochemistry<2>       cell(tria, model, p);
    cell.setup();
    cell.initialize();
    const double I = 1.0 * cell.nominal_capacity() / 3600;
    Curve        curve;
    double       t = 0, dt = 10;
    for (unsigned int step = 0; step < 30; ++step)
      {
        const StepResult r =
            cell.solve_step(t + dt, dt, dt, step == 0 ? 1 : 2, Control::current, I);
        BOOST_REQUIRE_MESSAGE(r.converged, r.failure);
        cell.accept_step();
        t += dt;
        curve.voltage.push_back(cell.voltage());
        curve.max_dofs = std::max(curve.max_dofs, cell.n_dofs());
        if (adaptive && step % 3 == 0)
          cell.adapt_mesh(0.3, 0.3, 3, 2);
      }
    return curve;
  }
} // namespace

BOOST_AUTO_TEST_SUITE(adaptivity)

BOOST_AUTO_TEST_CASE(adaptive_vs_uniform)
{
  const Curve uniform  = discharge(3, false);
  const Curve adaptive = discharge(1, true);
  double      worst    = 0;
  for (unsigned int i = 0; i < uniform.voltage.size(); ++i)
    worst = std::max(
        worst, std::abs(adaptive.voltage[i] - uniform.voltage[i]) / uniform.voltage[i]);
  BOOST_TEST_MESSAGE("adaptive vs uniform: final V "
                     << adaptive.voltage.back() << " vs " << uniform.voltage.back()
                     << " V, max relative difference " << worst << ", DoFs "
                     << adaptive.max_dofs << " vs " << uniform.max_dofs << " (ratio "
                     << double(adaptive.max_dofs) / uniform.max_dofs << ")");
  BOOST_TEST(worst <= 5e-3);
  BOOST_TEST(adaptive.max_dofs < uniform.max_dofs);
}

BOOST_AUTO_TEST_SUITE_END()
