// Power-law creep of a Li pillar under a constant compressive load: the
// creep strain rate against A exp(-Q/RT) sigma^m (3D, uniaxial) and against
// the steady plane-strain rate (2D, where sigma_zz relaxes to the mean of
// the in-plane stresses).
#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/physics/interface.h>
#include <mesocell/physics/mechanics.h>

#include <boost/test/unit_test.hpp>

#include <array>
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
    const double                              W = 2e-6, H = 10e-6, p = 1e6, T = 298.15;
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
    const MechanicalMaterial    li = lithium();
    Mechanics<dim>              mech(tria, {{0, li}}, degree);
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
            msg << std::setprecision(5) << "creep " << dim << "D: t = " << t
                << " s, strain " << -uz / H << ", strain rate " << rate << " 1/s, Newton "
                << info.newton_iterations;
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
    szz_min                     = Utilities::MPI::min(szz_min, MPI_COMM_WORLD);
    szz_max                     = Utilities::MPI::max(szz_max, MPI_COMM_WORLD);
    const double       expected = expected_factor * rate_uniaxial;
    std::ostringstream msg;
    msg << std::setprecision(6) << "creep " << dim << "D pillar, " << mech.n_dofs()
        << " DoFs, " << steps << " steps: axial stress in [" << szz_min / 1e6 << ", "
        << szz_max / 1e6 << "] MPa; strain rate " << rate << " 1/s, power law "
        << expected << " 1/s (A exp(-Q/RT) p^m = " << rate_uniaxial << "), error "
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

BOOST_AUTO_TEST_CASE(history_through_refinement)
{
  // The creep strain is quadrature-point history: refine the 2D pillar in
  // the middle of its creep, carry the history over, and check that the
  // (uniform) creep strain, the stress and the creep rate carry on.
  const double                            W = 2e-6, H = 10e-6, p = 1e6, T = 298.15;
  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  GridGenerator::subdivided_hyper_rectangle(
      tria, {2, 10}, Point<2>(), Point<2>(W, H), true);
  for (const auto &cell : tria.active_cell_iterators())
    cell->set_material_id(0);
  const MechanicalMaterial    li = lithium();
  Mechanics<2>                mech(tria, {{0, li}}, 1);
  MechanicsBoundaryConditions bc;
  bc.fixed[0]    = {0};
  bc.fixed[2]    = {1};
  bc.pressure[3] = p;
  mech.set_boundary_conditions(bc);
  mech.set_temperature(T, T);
  mech.setup();
  const auto creep_range = [&]() {
    double lo = 1e300, hi = -1e300;
    mech.for_each_stress([&](const Point<2> &,
                             types::material_id,
                             const SymmetricTensor<2, 3> &,
                             const SymmetricTensor<2, 3> &e) {
      lo = std::min(lo, e[1][1]);
      hi = std::max(hi, e[1][1]);
    });
    return std::make_pair(Utilities::MPI::min(lo, MPI_COMM_WORLD),
                          Utilities::MPI::max(hi, MPI_COMM_WORLD));
  };
  double t = 0, dt = 1e-3;
  for (unsigned int k = 0; k < 12; ++k, t += dt, dt *= 2)
    {
      mech.solve(dt, 1e-10);
      mech.accept_step();
    }
  const auto   before      = creep_range();
  const double u_before    = mech.mean_boundary_displacement(3, 1);
  const auto   dofs_before = mech.n_dofs();
  // refine the upper half only: hanging nodes and a new partition
  for (const auto &cell : tria.active_cell_iterators())
    if (cell->is_locally_owned() && cell->center()[1] > H / 2)
      cell->set_refine_flag();
  mech.prepare_for_refinement();
  tria.execute_coarsening_and_refinement();
  mech.finish_refinement();
  const auto   after   = creep_range();
  const double u_after = mech.mean_boundary_displacement(3, 1);
  mech.solve(1e-6, 1e-10); // re-equilibrate on the new mesh (negligible creep)
  mech.accept_step();
  const double u_eq = mech.mean_boundary_displacement(3, 1);
  // creep on: the rate is still the steady plane-strain power law
  const double u0 = u_eq;
  mech.solve(1.0, 1e-10);
  mech.accept_step();
  const double rate = -(mech.mean_boundary_displacement(3, 1) - u0) / H;
  const double expected =
      0.75 * std::pow(std::sqrt(3.) / 2, li.creep_exponent - 1) * li.creep_rate(p, T);
  std::ostringstream msg;
  msg << std::setprecision(8) << "history through refinement: " << dofs_before << " -> "
      << mech.n_dofs() << " DoFs; creep strain eps_yy in [" << before.first << ", "
      << before.second << "] before, [" << after.first << ", " << after.second
      << "] after; top displacement " << u_before << " -> " << u_after << " -> " << u_eq
      << " m; creep rate " << rate << " 1/s (power law " << expected << ")";
  BOOST_TEST_MESSAGE(msg.str());
  BOOST_TEST(before.first < -1e-4); // it has crept
  BOOST_TEST(std::abs(after.first / before.first - 1) < 1e-10);
  BOOST_TEST(std::abs(after.second / before.second - 1) < 1e-10);
  BOOST_TEST(std::abs(u_after / u_before - 1) < 1e-10);
  BOOST_TEST(std::abs(u_eq / u_before - 1) < 1e-6);
  BOOST_TEST(std::abs(rate / expected - 1) < 0.02);
}

BOOST_AUTO_TEST_CASE(history_through_checkpoint)
{
  // A restart set carries the displacement and the creep history by value:
  // creep a 2D Li pillar clamped at its base (non-uniform creep, hanging
  // nodes), save, creep on (the reference); then load the set into a new
  // triangulation and mechanics and creep on the same way. Same numbers.
  const double W = 2e-6, H = 10e-6, p = 1e6, T = 298.15;
  const auto   make_mesh = [&](parallel::distributed::Triangulation<2> &tria) {
    GridGenerator::subdivided_hyper_rectangle(
        tria, {2, 10}, Point<2>(), Point<2>(W, H), true);
    for (const auto &cell : tria.active_cell_iterators())
      cell->set_material_id(0);
  };
  const MechanicalMaterial li        = lithium();
  const auto               configure = [&](Mechanics<2> &mech) {
    MechanicsBoundaryConditions bc;
    bc.fixed[0]    = {0};
    bc.fixed[2]    = {0, 1};
    bc.pressure[3] = p;
    mech.set_boundary_conditions(bc);
    mech.set_temperature(T, T);
  };
  const auto creep_on = [](Mechanics<2> &mech, double t) {
    for (unsigned int k = 0; k < 4; ++k, t *= 2)
      {
        mech.solve(t, 1e-10);
        mech.accept_step();
      }
  };
  const auto summary = [](const Mechanics<2> &mech) {
    double lo = 1e300, hi = -1e300;
    mech.for_each_stress([&](const Point<2> &,
                             types::material_id,
                             const SymmetricTensor<2, 3> &,
                             const SymmetricTensor<2, 3> &e) {
      lo = std::min(lo, e[1][1]);
      hi = std::max(hi, e[1][1]);
    });
    return std::array<double, 4>{{Utilities::MPI::min(lo, MPI_COMM_WORLD),
                                  Utilities::MPI::max(hi, MPI_COMM_WORLD),
                                  mech.mean_boundary_displacement(3, 1),
                                  mech.displacement().l2_norm()}};
  };
  const std::string file =
      "creep_checkpoint_np" +
      std::to_string(Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD)) + ".mesh";

  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  make_mesh(tria);
  for (const auto &cell : tria.active_cell_iterators())
    if (cell->is_locally_owned() && cell->center()[1] < H / 2)
      cell->set_refine_flag();
  tria.execute_coarsening_and_refinement();
  Mechanics<2> mech(tria, {{0, li}}, 1);
  configure(mech);
  mech.setup();
  creep_on(mech, 1e-3);
  const auto saved = summary(mech);
  {
    Checkpoint checkpoint;
    mech.save(checkpoint);
    tria.save(file);
  }
  creep_on(mech, 1e-2);
  const auto reference = summary(mech);

  parallel::distributed::Triangulation<2> tria2(MPI_COMM_WORLD);
  make_mesh(tria2);
  tria2.load(file);
  Mechanics<2> mech2(tria2, {{0, li}}, 1);
  configure(mech2);
  mech2.load();
  const auto loaded = summary(mech2);
  creep_on(mech2, 1e-2);
  const auto resumed = summary(mech2);

  std::ostringstream msg;
  msg << std::setprecision(10) << "history through a checkpoint: " << mech.n_dofs()
      << " DoFs; creep eps_yy in [" << saved[0] << ", " << saved[1] << "] saved, ["
      << loaded[0] << ", " << loaded[1] << "] loaded; top displacement " << reference[2]
      << " m uninterrupted, " << resumed[2] << " m resumed";
  BOOST_TEST_MESSAGE(msg.str());
  BOOST_TEST(saved[0] < -1e-5);                             // it has crept,
  BOOST_TEST(saved[1] - saved[0] > 0.1 * -saved[0]);        // not uniformly
  BOOST_TEST(std::abs(reference[2] / saved[2] - 1) > 1e-3); // and creeps on
  for (unsigned int i = 0; i < 4; ++i)
    {
      BOOST_TEST(std::abs(loaded[i] - saved[i]) <= 1e-14 * std::abs(saved[i]));
      BOOST_TEST(std::abs(resumed[i] - reference[i]) <= 1e-12 * std::abs(reference[i]));
    }
}

BOOST_AUTO_TEST_SUITE_END()
