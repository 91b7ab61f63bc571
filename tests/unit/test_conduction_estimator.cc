// flux_jump_indicators: zero where the discrete solution is exact (also across
// hanging faces and a conductivity jump, where the gradient jumps but the
// current does not), largest at the corners of an inclusion otherwise.
#include <deal.II/base/function.h>
#include <deal.II/base/timer.h>

#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/physics/conduction.h>

#include <boost/test/unit_test.hpp>

using namespace dealii;
using namespace MesoCell;

namespace
{
  template <int dim>
  using Tria = parallel::distributed::Triangulation<dim>;

  /// [0,1]^dim in 4^dim cells, boundary ids 0..2 dim - 1, multigrid hierarchy.
  template <int dim>
  void
  make_cube(Tria<dim> &tria)
  {
    GridGenerator::subdivided_hyper_cube(tria, 4, 0, 1, true);
  }

  /// Solve with 1 V on x = 0 and 0 V on x = 1, then the indicators.
  template <int dim>
  std::pair<double, Vector<double>>
  solve_and_estimate(const Tria<dim>       &tria,
                     const ConductivityMap &sigma,
                     const std::string     &method,
                     const unsigned int     degree)
  {
    LinearSolverParameters p;
    p.method             = method;
    p.relative_tolerance = 1e-12;
    TimerOutput timer(
        MPI_COMM_WORLD, std::cout, TimerOutput::never, TimerOutput::wall_times);
    ConductionSolver<dim>                  solver(tria, degree, p, timer);
    const Functions::ConstantFunction<dim> one(1.0);
    const Functions::ZeroFunction<dim>     zero;
    solver.solve(sigma, {{0, &one}, {1, &zero}});
    return {solver.dissipation(sigma), flux_jump_indicators(solver, sigma, {0, 1})};
  }

  /// Two layers in series (sigma 1 for x < 0.25, 100 beyond), refined
  /// locally on both sides of the interface and in a corner: the potential
  /// is piecewise linear and exact, the current continuous, every indicator
  /// zero to round-off although grad u jumps by a factor 100.
  template <int dim>
  void
  exact_series_layers(const std::string &method, const unsigned int degree)
  {
    Tria<dim> tria(MPI_COMM_WORLD,
                   Triangulation<dim>::limit_level_difference_at_vertices,
                   Tria<dim>::construct_multigrid_hierarchy);
    make_cube(tria);
    for (const auto &cell : tria.active_cell_iterators())
      cell->set_material_id(cell->center()[0] < 0.25 ? 1 : 2);
    for (unsigned int step = 0; step < 2; ++step)
      {
        for (const auto &cell : tria.active_cell_iterators())
          if (cell->is_locally_owned() &&
              (std::abs(cell->center()[0] - 0.25) < 0.1 || cell->center()[1] < 0.3))
            cell->set_refine_flag();
        tria.execute_coarsening_and_refinement();
      }
    const ConductivityMap sigma = {{1, 1.0}, {2, 100.0}};
    const auto [power, eta2]    = solve_and_estimate(tria, sigma, method, degree);
    const double series_current = 1.0 / (0.25 / 1.0 + 0.75 / 100.0);
    // A gradient-jump indicator would be about (100 - 1)^2 h power^2 here.
    BOOST_TEST(power == series_current, boost::test_tools::tolerance(1e-9));
    const double largest = Utilities::MPI::max(eta2.linfty_norm(), MPI_COMM_WORLD);
    BOOST_TEST(largest < 1e-12 * power);
  }

  /// A square inclusion of conductivity 100 (cells with centre in
  /// [0.25,0.5]^dim) in a matrix of 1: the cell with the largest indicator
  /// has a vertex at a corner of the inclusion, where the potential is
  /// singular, and the indicators sum to more than the error of the power
  /// against one more refinement (the estimate is an upper bound).
  template <int dim>
  void
  inclusion_corners()
  {
    const auto build = [](Tria<dim> &tria, const unsigned int refinements) {
      make_cube(tria);
      tria.refine_global(refinements);
      for (const auto &cell : tria.active_cell_iterators())
        {
          bool inside = true;
          for (unsigned int d = 0; d < dim; ++d)
            inside = inside && cell->center()[d] > 0.25 && cell->center()[d] < 0.5;
          cell->set_material_id(inside ? 2 : 1);
        }
    };
    Tria<dim> coarse(MPI_COMM_WORLD), fine(MPI_COMM_WORLD);
    build(coarse, 2);
    build(fine, 3);
    const ConductivityMap sigma = {{1, 1.0}, {2, 100.0}};
    const auto [power, eta2]    = solve_and_estimate(coarse, sigma, "AMG", 1);
    const double fine_power     = solve_and_estimate(fine, sigma, "AMG", 1).first;

    double     local_max = -1, at_corner = 0;
    const auto is_corner = [](const Point<dim> &v) {
      for (unsigned int d = 0; d < dim; ++d)
        if (std::abs(v[d] - 0.25) > 1e-12 && std::abs(v[d] - 0.5) > 1e-12)
          return false;
      return true;
    };
    for (const auto &cell : coarse.active_cell_iterators())
      if (cell->is_locally_owned() && eta2(cell->active_cell_index()) > local_max)
        {
          local_max = eta2(cell->active_cell_index());
          at_corner = 0;
          for (const auto v : cell->vertex_indices())
            at_corner = std::max(at_corner, is_corner(cell->vertex(v)) ? 1.0 : 0.0);
        }
    // The rank holding the largest indicator reports whether it is at a corner.
    const double global_max = Utilities::MPI::max(local_max, MPI_COMM_WORLD);
    const double found =
        Utilities::MPI::max(local_max == global_max ? at_corner : 0.0, MPI_COMM_WORLD);
    BOOST_TEST(found == 1.0);
    const double estimate = Utilities::MPI::sum(eta2.l1_norm(), MPI_COMM_WORLD);
    BOOST_TEST(power > fine_power); // P_h - P is the squared energy error
    BOOST_TEST(estimate > power - fine_power);
  }
} // namespace

BOOST_AUTO_TEST_SUITE(conduction_estimator)

BOOST_AUTO_TEST_CASE(exact_series_layers_gmg_2d_q1)
{
  exact_series_layers<2>("GMG", 1);
}

BOOST_AUTO_TEST_CASE(exact_series_layers_gmg_3d_q2)
{
  exact_series_layers<3>("GMG", 2);
}

BOOST_AUTO_TEST_CASE(exact_series_layers_amg_2d_q2)
{
  exact_series_layers<2>("AMG", 2);
}

BOOST_AUTO_TEST_CASE(inclusion_corners_2d)
{
  inclusion_corners<2>();
}

BOOST_AUTO_TEST_CASE(inclusion_corners_3d)
{
  inclusion_corners<3>();
}

BOOST_AUTO_TEST_SUITE_END()
