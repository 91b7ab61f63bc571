// Power-law creep of a Li pillar under a constant compressive load: the
// creep strain rate against A exp(-Q/RT) sigma^m (3D, uniaxial) and against
// the steady plane-strain rate (2D, where sigma_zz relaxes to the mean of
// the in-plane stresses).
#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/physics/mechanics.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iomanip>
#include <sstream>

using namespace dealii;
using namespace MesoCell;

namespace
{
  /// Li metal: E, nu and the Masias et al. (2019) power law (order of
  /// magnitude: m = 6.56, Q = 37 kJ/mol, about 1e-3 1/s at 0.8 MPa, 298 K).
  MechanicalMaterial
  lithium()
  {
    MechanicalMaterial m;
    m.youngs_modulus          = 4.9e9;
    m.poisson_ratio           = 0.42;
    m.creep_exponent          = 6.56;
    m.creep_prefactor         = 1.3e4 * std::pow(1e-6, m.creep_exponent);
    m.creep_activation_energy = 37e3;
    return m;
  }

  template <int dim>
  void
  pillar(const double expected_factor, const unsigned int degree)
  {
    const double W = 2e-6, H = 10e-6, p = 1e6, T = 298.15;
    parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
    Point<dim>                                top;
    std::vector<unsigned int>                 reps(dim, 2);
    for (unsigned int d = 0; d < dim; ++d)
      top[d] = W;
    top[dim - 1]  = H;
    reps[dim - 1] = 10;
    GridGenerator::subdivided_hyper_rectangle(tria, reps, Point<dim>(), top, true);
    // colorize: faces 2d at x_d = 0, 2d+1 at x_d = max
    for (const auto &cell : tria.active_cell_iterators())
      cell->set_material_id(0); // colorize also numbered the cells
    if (degree == 1)
      tria.refine_global(1);
    const MechanicalMaterial li = lithium();
    Mechanics<dim>           mech(tria, {{0, li}}, degree);
    MechanicsBoundaryConditions bc;
    for (unsigned int d = 0; d < dim; ++d)
      bc.fixed[2 * d] = {d};
    bc.pressure[2 * dim - 1] = p;
    mech.set_boundary_conditions(bc);
    mech.set_temperature(T, T);
    mech.setup();

    const double rate_uniaxial = li.creep_rate(p, T);
    double       t = 0, dt = 1e-4, u_prev = 0, t_prev = 0, rate = 0;
    unsigned int steps = 0;
    while (t < 5)
      {
        const MechanicsSolveInfo info = mech.solve(dt, 1e-10);
        mech.accept_step();
        t += dt;
        ++steps;
        const double uz = mech.mean_boundary_displacement(2 * dim - 1, dim - 1);
        if (t_prev > 0)
          rate = -(uz - u_prev) / H / (t - t_prev);
        if (steps % 10 == 0 || t >= 5)
          {
            std::ostringstream msg;
            msg << std::setprecision(5) << "creep " << dim << "D: t = " << t << " s, strain "
                << -uz / H << ", strain rate " << rate << " 1/s, Newton " << info.newton_iterations;
            BOOST_TEST_MESSAGE(msg.str());
          }
        u_prev = uz;
        t_prev = t;
        dt     = std::min(2 * dt, 1.0);
      }
    // Every quadrature point carries the same stress state.
    double szz_min = 1e300, szz_max = -1e300;
    mech.for_each_stress([&](const Point<dim> &,
                             types::material_id,
                             const SymmetricTensor<2, 3> &s,
                             const SymmetricTensor<2, 3> &) {
      szz_min = std::min(szz_min, s[dim - 1][dim - 1]);
      szz_max = std::max(szz_max, s[dim - 1][dim - 1]);
    });
    szz_min = Utilities::MPI::min(szz_min, MPI_COMM_WORLD);
    szz_max = Utilities::MPI::max(szz_max, MPI_COMM_WORLD);
    const double expected = expected_factor * rate_uniaxial;
    std::ostringstream msg;
    msg << std::setprecision(6) << "creep " << dim << "D pillar, " << mech.n_dofs()
        << " DoFs, " << steps << " steps: axial stress in [" << szz_min / 1e6 << ", "
        << szz_max / 1e6 << "] MPa; strain rate " << rate << " 1/s, power law " << expected
        << " 1/s (A exp(-Q/RT) p^m = " << rate_uniaxial << "), error "
        << (rate / expected - 1) * 100 << " %";
    BOOST_TEST_MESSAGE(msg.str());
    BOOST_TEST(std::abs(szz_min + p) <= 1e-6 * p);
    BOOST_TEST(std::abs(szz_max + p) <= 1e-6 * p);
    BOOST_TEST(std::abs(rate / expected - 1) < 0.02);
  }
} // namespace

BOOST_AUTO_TEST_SUITE(creep)

BOOST_AUTO_TEST_CASE(pillar_3d)
{
  // uniaxial stress: eps_dot = A exp(-Q/RT) p^m
  pillar<3>(1.0, 1);
}

BOOST_AUTO_TEST_CASE(pillar_2d)
{
  // plane strain, steady state: s_zz = 0, so sigma_zz = -p/2, the von Mises
  // stress is sqrt(3)/2 p and the axial rate (3/2) B q^(m-1) p/2
  // = (3/4) (sqrt(3)/2)^(m-1) B p^m.
  const double m = lithium().creep_exponent;
  pillar<2>(0.75 * std::pow(std::sqrt(3.) / 2, m - 1), 2);
}

BOOST_AUTO_TEST_SUITE_END()
