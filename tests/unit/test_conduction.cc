// The conduction solver on problems with exact discrete answers.
#include <deal.II/base/function.h>
#include <deal.II/base/timer.h>

#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <deal.II/lac/vector.h>

#include <deal.II/numerics/vector_tools.h>

#include <mesocell/physics/conduction.h>

#include <boost/test/unit_test.hpp>

using namespace dealii;
using namespace MesoCell;

namespace
{
  /// Two layers across x (sigma 1 for x < 0.25, 4 beyond) on [0,1]^dim:
  /// the exact potential is piecewise linear, so Q1/Q2 reproduce it.
  template <int dim>
  void
  layered_exact(const std::string &method, const unsigned int degree)
  {
    parallel::distributed::Triangulation<dim> tria(
        MPI_COMM_WORLD,
        Triangulation<dim>::limit_level_difference_at_vertices,
        parallel::distributed::Triangulation<dim>::construct_multigrid_hierarchy);
    GridGenerator::subdivided_hyper_cube(tria, 4, 0, 1, true); // boundary ids 0..2d-1
    for (const auto &cell : tria.active_cell_iterators())
      cell->set_material_id(cell->center()[0] < 0.25 ? 1 : 2);
    tria.refine_global(2);

    LinearSolverParameters p;
    p.method             = method;
    p.relative_tolerance = 1e-12;
    TimerOutput timer(
        MPI_COMM_WORLD, std::cout, TimerOutput::never, TimerOutput::wall_times);
    ConductionSolver<dim>                  solver(tria, degree, p, timer);
    const Functions::ConstantFunction<dim> one(1.0);
    const Functions::ZeroFunction<dim>     zero;
    const ConductivityMap                  sigma = {{1, 1.0}, {2, 4.0}};
    solver.solve(sigma, {{0, &one}, {1, &zero}});

    // Series resistance: R = 0.25/1 + 0.75/4 = 0.4375 per unit area.
    const double current = 1.0 / 0.4375;
    BOOST_TEST(solver.dissipation(sigma) == current, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(-solver.boundary_current(sigma, 0) == current,
               boost::test_tools::tolerance(1e-9));
    BOOST_TEST(solver.boundary_current(sigma, 1) == current,
               boost::test_tools::tolerance(1e-9));
    BOOST_TEST(std::abs(solver.boundary_current(sigma, 2)) < 1e-9);

    // Potential exact at nodes: u(0.25) = 1 - 0.25 * current.
    class Exact : public Function<dim>
    {
    public:
      Exact(double I)
        : I(I)
      {
      }
      double
      value(const Point<dim> &x, unsigned int) const override
      {
        return x[0] < 0.25 ? 1 - I * x[0] : 1 - 0.25 * I - I * (x[0] - 0.25) / 4;
      }
      double I;
    } exact(current);
    Vector<float> err(tria.n_active_cells());
    VectorTools::integrate_difference(solver.mapping(),
                                      solver.dof_handler(),
                                      solver.solution(),
                                      exact,
                                      err,
                                      QGauss<dim>(3),
                                      VectorTools::Linfty_norm);
    BOOST_TEST(VectorTools::compute_global_error(tria, err, VectorTools::Linfty_norm) <
               1e-9);
  }
} // namespace

BOOST_AUTO_TEST_CASE(series_layers_gmg_2d_q1)
{
  layered_exact<2>("GMG", 1);
}
BOOST_AUTO_TEST_CASE(series_layers_gmg_3d_q2)
{
  layered_exact<3>("GMG", 2);
}
BOOST_AUTO_TEST_CASE(series_layers_amg_2d_q2)
{
  layered_exact<2>("AMG", 2);
}
BOOST_AUTO_TEST_CASE(series_layers_amg_3d_q1)
{
  layered_exact<3>("AMG", 1);
}

namespace
{
  /// The exact potential of the two-layer problem (u = 1 at x = 0, 0 at x = 1).
  template <int dim>
  class SeriesLayers : public Function<dim>
  {
  public:
    double
    value(const Point<dim> &x, unsigned int) const override
    {
      const double I = 1.0 / 0.4375;
      return x[0] < 0.25 ? 1 - I * x[0] : 1 - 0.25 * I - I * (x[0] - 0.25) / 4;
    }
  };

  template <int dim>
  double
  max_error(const ConductionSolver<dim> &solver, const Triangulation<dim> &tria)
  {
    Vector<float> err(tria.n_active_cells());
    VectorTools::integrate_difference(solver.mapping(),
                                      solver.dof_handler(),
                                      solver.solution(),
                                      SeriesLayers<dim>(),
                                      err,
                                      QGauss<dim>(3),
                                      VectorTools::Linfty_norm);
    return VectorTools::compute_global_error(tria, err, VectorTools::Linfty_norm);
  }

  void
  make_layers(parallel::distributed::Triangulation<2> &tria)
  {
    GridGenerator::subdivided_hyper_cube(tria, 4, 0, 1, true);
    for (const auto &cell : tria.active_cell_iterators())
      cell->set_material_id(cell->center()[0] < 0.25 ? 1 : 2);
  }
} // namespace

BOOST_AUTO_TEST_CASE(contract_refinement_and_checkpoint)
{
  // The solver as a PhysicsModule: the two-layer problem by solve_step();
  // the potential (piecewise linear on the mesh, so interpolation is exact)
  // carried through a local refinement and through a checkpoint into a new
  // triangulation and solver; solving again there stays exact.
  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  make_layers(tria);
  tria.refine_global(1);
  LinearSolverParameters p;
  p.method             = "AMG";
  p.relative_tolerance = 1e-12;
  TimerOutput timer(
      MPI_COMM_WORLD, std::cout, TimerOutput::never, TimerOutput::wall_times);
  const Functions::ConstantFunction<2> one(1.0);
  const Functions::ZeroFunction<2>     zero;
  const ConductivityMap                sigma = {{1, 1.0}, {2, 4.0}};
  ConductionSolver<2>                  solver(tria, 1, p, timer);
  PhysicsModule<2>                    &physics = solver;
  solver.set_problem(sigma, {{0, &one}, {1, &zero}});
  BOOST_TEST(physics.solve_step(TimeState()).converged);
  const double e_solved = max_error(solver, tria);

  for (const auto &cell : tria.active_cell_iterators())
    if (cell->is_locally_owned() && cell->center()[0] < 0.5)
      cell->set_refine_flag();
  tria.prepare_coarsening_and_refinement();
  physics.prepare_for_refinement();
  tria.execute_coarsening_and_refinement();
  physics.finish_refinement();
  const double e_refined = max_error(solver, tria);

  const std::string file =
      "conduction_checkpoint_np" +
      std::to_string(Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD)) + ".mesh";
  Checkpoint checkpoint;
  physics.save(checkpoint);
  tria.save(file);
  checkpoint.keep_alive.clear();

  parallel::distributed::Triangulation<2> tria2(MPI_COMM_WORLD);
  make_layers(tria2);
  tria2.load(file);
  ConductionSolver<2> solver2(tria2, 1, p, timer);
  solver2.load(checkpoint);
  const double e_loaded = max_error(solver2, tria2);
  solver2.set_problem(sigma, {{0, &one}, {1, &zero}});
  BOOST_TEST(solver2.solve_step(TimeState()).converged);
  const double e_resolved = max_error(solver2, tria2);

  BOOST_TEST_MESSAGE("conduction contract: " << solver.dof_handler().n_dofs()
                                             << " DoFs after refinement; max error "
                                             << e_solved << " solved, " << e_refined
                                             << " refined, " << e_loaded << " loaded, "
                                             << e_resolved << " solved again");
  BOOST_TEST(solver2.dof_handler().n_dofs() == solver.dof_handler().n_dofs());
  BOOST_TEST(e_solved < 1e-9);
  BOOST_TEST(e_refined < 1e-9);
  BOOST_TEST(e_loaded < 1e-9);
  BOOST_TEST(e_resolved < 1e-9);
}
