// Linear elasticity with an eigenstrain: manufactured-solution rates (2D
// plane strain and 3D, Q1 and Q2) and the patch test on a distorted mesh.
#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>

#include <mesocell/physics/elasticity.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iomanip>
#include <sstream>

using namespace dealii;
using namespace MesoCell;

namespace
{
  const double pi = M_PI;

  /// s = prod sin(pi x_d), and its derivatives.
  template <int dim>
  struct Sines
  {
    static double
    s(const Point<dim> &p)
    {
      double r = 1;
      for (unsigned int d = 0; d < dim; ++d)
        r *= std::sin(pi * p[d]);
      return r;
    }
    static double
    ds(const Point<dim> &p, const unsigned int j)
    {
      double r = pi * std::cos(pi * p[j]);
      for (unsigned int d = 0; d < dim; ++d)
        if (d != j)
          r *= std::sin(pi * p[d]);
      return r;
    }
    static double
    dds(const Point<dim> &p, const unsigned int j, const unsigned int k)
    {
      if (j == k)
        return -pi * pi * s(p);
      double r = pi * pi * std::cos(pi * p[j]) * std::cos(pi * p[k]);
      for (unsigned int d = 0; d < dim; ++d)
        if (d != j && d != k)
          r *= std::sin(pi * p[d]);
      return r;
    }
  };

  /// beta = b prod cos(pi x_d) (isotropic eigenstrain beta I) and its gradient.
  template <int dim>
  double
  beta(const Point<dim> &p)
  {
    double r = 0.01;
    for (unsigned int d = 0; d < dim; ++d)
      r *= std::cos(pi * p[d]);
    return r;
  }
  template <int dim>
  double
  dbeta(const Point<dim> &p, const unsigned int j)
  {
    double r = -0.01 * pi * std::sin(pi * p[j]);
    for (unsigned int d = 0; d < dim; ++d)
      if (d != j)
        r *= std::cos(pi * p[d]);
    return r;
  }

  const double c[3] = {1e-3, 0.5e-3, -0.3e-3};

  /// u = c s(x): zero on the boundary of the unit cube.
  template <int dim>
  class Exact : public Function<dim>
  {
  public:
    Exact()
      : Function<dim>(dim)
    {
    }
    void
    vector_value(const Point<dim> &p, Vector<double> &v) const override
    {
      for (unsigned int i = 0; i < dim; ++i)
        v[i] = c[i] * Sines<dim>::s(p);
    }
    void
    vector_gradient(const Point<dim> &p, std::vector<Tensor<1, dim>> &g) const override
    {
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = 0; j < dim; ++j)
          g[i][j] = c[i] * Sines<dim>::ds(p, j);
    }
  };

  /// f = -div sigma = -[(lambda + mu) grad div u + mu Lap u - (dim lambda + 2 mu) grad
  /// beta].
  template <int dim>
  class Force : public Function<dim>
  {
  public:
    Force(const ElasticConstants &e)
      : Function<dim>(dim)
      , lambda(e.lambda())
      , mu(e.mu())
    {
    }
    void
    vector_value(const Point<dim> &p, Vector<double> &f) const override
    {
      double lap = 0;
      for (unsigned int d = 0; d < dim; ++d)
        lap += Sines<dim>::dds(p, d, d);
      for (unsigned int i = 0; i < dim; ++i)
        {
          double grad_div = 0;
          for (unsigned int k = 0; k < dim; ++k)
            grad_div += Sines<dim>::dds(p, i, k) * c[k];
          f[i] = -((lambda + mu) * grad_div + mu * c[i] * lap -
                   (dim * lambda + 2 * mu) * dbeta(p, i));
        }
    }

  private:
    const double lambda, mu;
  };

  template <int dim>
  void
  mms(const unsigned int degree, const unsigned int levels)
  {
    const ElasticConstants e{150e9 / 150e9,
                             0.26}; // LLZO-like Poisson ratio, unit modulus
    std::ostringstream     table;
    table << "elasticity MMS " << dim << "D Q" << degree << "\n"
          << std::setw(6) << "h" << std::setw(9) << "DoFs" << std::setw(12) << "L2"
          << std::setw(7) << "rate" << std::setw(12) << "H1" << std::setw(7) << "rate\n";
    double l2_prev = 0, h1_prev = 0, l2_rate = 0, h1_rate = 0;
    for (unsigned int l = 0; l < levels; ++l)
      {
        parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
        GridGenerator::hyper_cube(tria, 0, 1);
        tria.refine_global(l + (dim == 2 ? 2 : 1));
        Elasticity<dim>              solver(tria, {{0, e}}, degree);
        Exact<dim>                   exact;
        Force<dim>                   force(e);
        Functions::ZeroFunction<dim> zero(dim);
        std::map<types::boundary_id, const Function<dim> *> bc{{0, &zero}};
        const auto                                          dofs = solver.solve(
            bc,
            [](const Point<dim> &p, types::material_id) {
              return beta(p) * unit_symmetric_tensor<dim>();
            },
            &force);
        const auto [l2, h1] = solver.error(exact);
        if (l > 0)
          {
            l2_rate = std::log2(l2_prev / l2);
            h1_rate = std::log2(h1_prev / h1);
          }
        table << std::setw(6) << (1 << (l + (dim == 2 ? 2 : 1))) << std::setw(9) << dofs
              << std::setw(12) << std::scientific << std::setprecision(3) << l2
              << std::setw(7) << std::fixed << std::setprecision(2) << l2_rate
              << std::setw(12) << std::scientific << std::setprecision(3) << h1
              << std::setw(7) << std::fixed << std::setprecision(2) << h1_rate << "\n";
        l2_prev = l2;
        h1_prev = h1;
      }
    BOOST_TEST_MESSAGE(table.str());
    BOOST_TEST(std::abs(l2_rate - (degree + 1)) <= 0.15);
    BOOST_TEST(std::abs(h1_rate - degree) <= 0.15);
  }

  /// u = A x + b with a constant eigenstrain, no body force, on a randomly
  /// distorted mesh: the FE solution is exact.
  template <int dim>
  void
  patch(const unsigned int degree)
  {
    parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
    GridGenerator::hyper_cube(tria, 0, 1);
    tria.refine_global(dim == 2 ? 3 : 2);
    GridTools::distort_random(0.25, tria, true, 7);
    class Linear : public Function<dim>
    {
    public:
      Linear()
        : Function<dim>(dim)
      {
      }
      void
      vector_value(const Point<dim> &p, Vector<double> &v) const override
      {
        for (unsigned int i = 0; i < dim; ++i)
          {
            v[i] = 1e-3 * (i + 1);
            for (unsigned int j = 0; j < dim; ++j)
              v[i] += 1e-3 * (1 + i + 2 * j) * p[j];
          }
      }
      void
      vector_gradient(const Point<dim> &, std::vector<Tensor<1, dim>> &g) const override
      {
        for (unsigned int i = 0; i < dim; ++i)
          for (unsigned int j = 0; j < dim; ++j)
            g[i][j] = 1e-3 * (1 + i + 2 * j);
      }
    } exact;
    Elasticity<dim> solver(tria, {{0, ElasticConstants{140e9, 0.3}}}, degree);
    std::map<types::boundary_id, const Function<dim> *> bc{{0, &exact}};
    solver.solve(
        bc,
        [](const Point<dim> &, types::material_id) {
          return 0.017 * unit_symmetric_tensor<dim>();
        },
        nullptr);
    const auto [l2, h1] = solver.error(exact);
    BOOST_TEST_MESSAGE("patch test " << dim << "D Q" << degree << ": L2 error " << l2
                                     << ", H1 error " << h1);
    BOOST_TEST(l2 <= 1e-12);
    BOOST_TEST(h1 <= 1e-11);
  }
} // namespace

BOOST_AUTO_TEST_SUITE(elasticity)
BOOST_AUTO_TEST_CASE(mms_2d_q1)
{
  mms<2>(1, 5);
}
BOOST_AUTO_TEST_CASE(mms_2d_q2)
{
  mms<2>(2, 4);
}
BOOST_AUTO_TEST_CASE(mms_3d_q1)
{
  mms<3>(1, 4);
}
BOOST_AUTO_TEST_CASE(mms_3d_q2)
{
  mms<3>(2, 3);
}
BOOST_AUTO_TEST_CASE(patch_test)
{
  patch<2>(1);
  patch<2>(2);
  patch<3>(1);
  patch<3>(2);
}
BOOST_AUTO_TEST_SUITE_END()
