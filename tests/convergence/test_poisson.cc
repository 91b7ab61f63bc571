// Manufactured-solution convergence of heterogeneous steady conduction
// -div(sigma grad u) = f on [0,1]^d with sigma = 1 for x < 1/2 and 10 for
// x > 1/2 (the mesh conforms to the interface). The exact solution
//   u = sin(2 pi x) / sigma(x) * prod_{k>0} sin(pi x_k)
// is continuous with continuous normal flux sigma du/dx across x = 1/2, and
// f = (4 + (d - 1)) pi^2 sin(2 pi x) prod sin(pi x_k) does not depend on sigma.
// Asserted: L2 rate p+1 and H1-seminorm rate p within 0.1 on the finest pair.
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/function.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>

#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <deal.II/lac/vector.h>

#include <deal.II/numerics/vector_tools.h>

#include <mesocell/physics/conduction.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iomanip>

using namespace dealii;
using namespace MesoCell;

namespace
{
  constexpr double sigma_left  = 1.0;
  constexpr double sigma_right = 10.0;

  template <int dim>
  class Exact : public Function<dim>
  {
  public:
    double
    value(const Point<dim> &p, const unsigned int = 0) const override
    {
      double v = std::sin(2 * M_PI * p[0]) / sigma(p);
      for (unsigned int d = 1; d < dim; ++d)
        v *= std::sin(M_PI * p[d]);
      return v;
    }

    Tensor<1, dim>
    gradient(const Point<dim> &p, const unsigned int = 0) const override
    {
      Tensor<1, dim> g;
      for (unsigned int i = 0; i < dim; ++i)
        {
          g[i] = (i == 0 ? 2 * M_PI * std::cos(2 * M_PI * p[0])
                         : std::sin(2 * M_PI * p[0])) /
                 sigma(p);
          for (unsigned int d = 1; d < dim; ++d)
            g[i] *= (d == i ? M_PI * std::cos(M_PI * p[d]) : std::sin(M_PI * p[d]));
        }
      return g;
    }

    static double
    sigma(const Point<dim> &p)
    {
      return p[0] < 0.5 ? sigma_left : sigma_right;
    }
  };

  template <int dim>
  class Source : public Function<dim>
  {
  public:
    double
    value(const Point<dim> &p, const unsigned int = 0) const override
    {
      double v = (4.0 + (dim - 1)) * M_PI * M_PI * std::sin(2 * M_PI * p[0]);
      for (unsigned int d = 1; d < dim; ++d)
        v *= std::sin(M_PI * p[d]);
      return v;
    }
  };

  template <int dim>
  void
  convergence(const unsigned int degree,
              const unsigned int min_refinement,
              const unsigned int max_refinement,
              const std::string &method)
  {
    ConditionalOStream pcout(std::cout,
                             Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0);
    pcout << "\nHeterogeneous Poisson, " << dim << "D, Q" << degree << ", " << method
          << ", " << Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) << " rank(s)\n"
          << std::setw(6) << "h" << std::setw(10) << "DoFs" << std::setw(6) << "CG"
          << std::setw(14) << "L2 error" << std::setw(8) << "rate" << std::setw(14)
          << "H1 error" << std::setw(8) << "rate\n";

    LinearSolverParameters parameters;
    parameters.method             = method;
    parameters.relative_tolerance = 1e-12;
    const Exact<dim>    exact;
    const Source<dim>   source;
    std::vector<double> l2, h1;
    for (unsigned int r = min_refinement; r <= max_refinement; ++r)
      {
        parallel::distributed::Triangulation<dim> tria(
            MPI_COMM_WORLD,
            Triangulation<dim>::limit_level_difference_at_vertices,
            parallel::distributed::Triangulation<dim>::construct_multigrid_hierarchy);
        GridGenerator::subdivided_hyper_cube(tria, 2);
        for (const auto &cell : tria.active_cell_iterators())
          cell->set_material_id(cell->center()[0] < 0.5 ? 1 : 2);
        tria.refine_global(r);

        TimerOutput timer(
            MPI_COMM_WORLD, pcout, TimerOutput::never, TimerOutput::wall_times);
        ConductionSolver<dim> solver(tria, degree, parameters, timer);
        typename ConductionSolver<dim>::DirichletMap dirichlet = {{0, &exact}};
        const ConductivityMap sigma = {{1, sigma_left}, {2, sigma_right}};
        const auto            stats = solver.solve(sigma, dirichlet, &source);

        Vector<float>     cellwise(tria.n_active_cells());
        const QGauss<dim> quadrature(degree + 2);
        VectorTools::integrate_difference(solver.mapping(),
                                          solver.dof_handler(),
                                          solver.solution(),
                                          exact,
                                          cellwise,
                                          quadrature,
                                          VectorTools::L2_norm);
        l2.push_back(
            VectorTools::compute_global_error(tria, cellwise, VectorTools::L2_norm));
        VectorTools::integrate_difference(solver.mapping(),
                                          solver.dof_handler(),
                                          solver.solution(),
                                          exact,
                                          cellwise,
                                          quadrature,
                                          VectorTools::H1_seminorm);
        h1.push_back(
            VectorTools::compute_global_error(tria, cellwise, VectorTools::H1_seminorm));
        const std::size_t n    = l2.size();
        const auto        rate = [](const std::vector<double> &e) {
          return e.size() < 2 ? 0.0 : std::log2(e[e.size() - 2] / e.back());
        };
        pcout << std::setw(6) << "1/" + std::to_string(2u << r) << std::setw(10)
              << stats.n_dofs << std::setw(6) << stats.n_iterations << std::scientific
              << std::setprecision(4) << std::setw(14) << l2[n - 1] << std::fixed
              << std::setprecision(2) << std::setw(8) << (n > 1 ? rate(l2) : 0.0)
              << std::scientific << std::setprecision(4) << std::setw(14) << h1[n - 1]
              << std::fixed << std::setprecision(2) << std::setw(8)
              << (n > 1 ? rate(h1) : 0.0) << "\n";
      }
    const double rate_l2 = std::log2(l2[l2.size() - 2] / l2.back());
    const double rate_h1 = std::log2(h1[h1.size() - 2] / h1.back());
    pcout << "finest pair: L2 rate " << rate_l2 << " (expected " << degree + 1
          << "), H1 rate " << rate_h1 << " (expected " << degree << ")" << std::endl;
    BOOST_TEST(std::abs(rate_l2 - (degree + 1.0)) < 0.1);
    BOOST_TEST(std::abs(rate_h1 - double(degree)) < 0.1);
  }
} // namespace

BOOST_AUTO_TEST_CASE(poisson_2d_q1)
{
  convergence<2>(1, 2, 7, "GMG");
}

BOOST_AUTO_TEST_CASE(poisson_2d_q2)
{
  convergence<2>(2, 1, 5, "GMG");
}

BOOST_AUTO_TEST_CASE(poisson_3d_q1)
{
  convergence<3>(1, 1, 4, "GMG");
}

BOOST_AUTO_TEST_CASE(poisson_3d_q2)
{
  convergence<3>(2, 0, 3, "GMG");
}

BOOST_AUTO_TEST_CASE(poisson_2d_q1_amg)
{
  convergence<2>(1, 2, 6, "AMG");
}

BOOST_AUTO_TEST_CASE(poisson_3d_q1_amg)
{
  convergence<3>(1, 1, 4, "AMG");
}
