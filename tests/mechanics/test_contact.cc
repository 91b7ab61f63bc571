// Frictionless unilateral contact against a rigid platen (semismooth
// active-set Newton): the Hertz line contact of a cylinder compressed between
// two flats, and the contact constraints on a swelling bilayer strip that
// lifts partly off its platen.
#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/physics/mechanics.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

using namespace dealii;
using namespace MesoCell;

namespace
{
  struct HertzResult
  {
    double       load_per_length; ///< P on the full contact [N/m]
    double       a_hertz, p0_hertz;
    double       a_fit, p0_fe, x_last_active, x_first_open, h_min;
    unsigned int n_dofs;
  };

  /// Quarter of a cylinder of radius R (centre at the origin), symmetry
  /// rollers on x = 0 and y = 0 (the latter is the mid-plane of a cylinder
  /// compressed between two flats), a rigid flat at y = R - delta above.
  HertzResult
  hertz(const unsigned int local_levels)
  {
    const double R = 5e-6, E = 150e9, nu = 0.3, delta = 5e-3 * R;
    parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
    GridGenerator::quarter_hyper_ball(tria, Point<2>(), R);
    for (const auto &cell : tria.active_cell_iterators())
      for (const auto f : cell->face_indices())
        if (cell->at_boundary(f))
          {
            const Point<2> c = cell->face(f)->center();
            cell->face(f)->set_boundary_id(std::abs(c[0]) < 1e-12 * R   ? 1
                                           : std::abs(c[1]) < 1e-12 * R ? 2
                                                                        : 0);
          }
    tria.refine_global(3);
    const Point<2> tip(0, R);
    const double   a_guess = 0.05 * R;
    for (unsigned int k = 0; k < local_levels; ++k)
      {
        for (const auto &cell : tria.active_cell_iterators())
          if (cell->is_locally_owned() &&
              cell->center().distance(tip) < 2 * a_guess + 3 * cell->diameter())
            cell->set_refine_flag();
        tria.execute_coarsening_and_refinement();
      }

    MechanicalMaterial m;
    m.youngs_modulus = E;
    m.poisson_ratio  = nu;
    Mechanics<2>                mech(tria, {{0, m}}, 1);
    MechanicsBoundaryConditions bc;
    bc.fixed[1] = {0};
    bc.fixed[2] = {1};
    RigidPlaten platen;
    platen.boundary  = 0;
    platen.direction = 1;
    platen.sign      = 1;
    platen.position  = R - delta;
    bc.platens.push_back(platen);
    mech.set_boundary_conditions(bc);
    mech.setup();
    const MechanicsSolveInfo info = mech.solve(0, 1e-10);

    const ContactReport report = mech.contact_report(0);
    // All contact nodes on rank 0, sorted by x.
    std::vector<ContactNode> local = mech.contact_nodes(0), nodes;
    std::vector<double>      packed;
    for (const auto &n : local)
      packed.insert(packed.end(), {n.position[0], n.pressure, n.active ? 1. : 0.});
    const auto all = Utilities::MPI::all_gather(MPI_COMM_WORLD, packed);
    std::vector<std::array<double, 3>> xs;
    for (const auto &v : all)
      for (unsigned int i = 0; i < v.size(); i += 3)
        xs.push_back({{v[i], v[i + 1], v[i + 2]}});
    std::sort(xs.begin(), xs.end());

    HertzResult r;
    r.n_dofs            = mech.n_dofs();
    const double E_star = E / (1 - nu * nu);
    r.load_per_length   = 2 * report.total_force;
    r.a_hertz           = std::sqrt(4 * r.load_per_length * R / (M_PI * E_star));
    r.p0_hertz          = 2 * r.load_per_length / (M_PI * r.a_hertz);
    r.p0_fe             = xs.front()[1];
    r.x_last_active     = 0;
    r.x_first_open      = R;
    for (const auto &x : xs)
      if (x[2] > 0.5)
        r.x_last_active = std::max(r.x_last_active, x[0]);
      else if (x[0] < r.x_first_open)
        r.x_first_open = x[0];
    // Least-squares fit of the Hertz ellipse p^2 = p0^2 (1 - x^2/a^2) over the
    // inner 80 % of the active nodes.
    double       sx = 0, sy = 0, sxx = 0, sxy = 0;
    unsigned int n = 0;
    for (const auto &x : xs)
      if (x[2] > 0.5 && x[0] < 0.8 * r.x_last_active)
        {
          const double X = x[0] * x[0], Y = x[1] * x[1];
          sx += X;
          sy += Y;
          sxx += X * X;
          sxy += X * Y;
          ++n;
        }
    const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const double icept = (sy - slope * sx) / n;
    r.a_fit            = std::sqrt(-icept / slope);
    r.h_min            = r.x_first_open - r.x_last_active;

    std::ostringstream msg;
    msg << std::setprecision(4) << "hertz_2d: " << r.n_dofs << " DoFs, "
        << info.newton_iterations << " semismooth Newton iterations, " << report.n_active
        << " active nodes, h = " << r.h_min / R << " R; P = " << r.load_per_length
        << " N/m; a/R: FE fit " << r.a_fit / R << ", FE edge in [" << r.x_last_active / R
        << ", " << r.x_first_open / R << "], Hertz " << r.a_hertz / R << " (error "
        << (r.a_fit / r.a_hertz - 1) * 100 << " %); p0: FE " << r.p0_fe / 1e9
        << " GPa, Hertz " << r.p0_hertz / 1e9 << " GPa (error "
        << (r.p0_fe / r.p0_hertz - 1) * 100 << " %); penetration "
        << report.max_penetration << " m, complementarity " << report.complementarity;
    BOOST_TEST_MESSAGE(msg.str());
    // Equilibrium: the mid-plane support pushes up with the force the
    // platen pushes down.
    const double reaction = mech.boundary_reaction(2, 1);
    BOOST_TEST(std::abs(reaction - report.total_force) <= 1e-8 * report.total_force);
    return r;
  }
} // namespace

BOOST_AUTO_TEST_SUITE(contact)

BOOST_AUTO_TEST_CASE(hertz_2d)
{
  const HertzResult coarse = hertz(5), fine = hertz(6);
  (void)coarse;
  BOOST_TEST(std::abs(fine.a_fit / fine.a_hertz - 1) < 0.03);
  BOOST_TEST(std::abs(fine.p0_fe / fine.p0_hertz - 1) < 0.03);
  // The discrete contact edge brackets the Hertz half-width.
  BOOST_TEST(fine.x_last_active <= 1.03 * fine.a_hertz);
  BOOST_TEST(fine.x_first_open >= 0.97 * fine.a_hertz);
}

BOOST_AUTO_TEST_CASE(constraints)
{
  // Bilayer strip [0, L] x [0, 2 t] on a rigid platen at y = 0 (below); the
  // upper layer swells by 1 % (lithiation), the strip curls, and a pressure
  // on the first quarter of the top holds its middle down: part of the
  // bottom stays in contact, part lifts off.
  const double                            L = 40e-6, t = 2.5e-6;
  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  GridGenerator::subdivided_hyper_rectangle(
      tria, {16, 2}, Point<2>(0, 0), Point<2>(L, 2 * t));
  for (const auto &cell : tria.active_cell_iterators())
    {
      cell->set_material_id(cell->center()[1] > t ? 1 : 0);
      for (const auto f : cell->face_indices())
        if (cell->at_boundary(f))
          {
            const Point<2>     c  = cell->face(f)->center();
            types::boundary_id id = 9;
            if (std::abs(c[0]) < 1e-12)
              id = 1; // symmetry plane
            else if (std::abs(c[1]) < 1e-12)
              id = 2; // on the platen
            else if (std::abs(c[1] - 2 * t) < 1e-12 && c[0] < L / 4)
              id = 3; // loaded
            cell->face(f)->set_boundary_id(id);
          }
    }
  tria.refine_global(4);
  MechanicalMaterial lower, upper;
  lower.youngs_modulus = 150e9; // NMC811-like
  lower.poisson_ratio  = 0.3;
  upper.youngs_modulus = 10e9; // stiff composite electrolyte
  upper.poisson_ratio  = 0.35;
  Mechanics<2>                mech(tria, {{0, lower}, {1, upper}}, 1);
  MechanicsBoundaryConditions bc;
  bc.fixed[1]    = {0};
  const double p = 20e6;
  bc.pressure[3] = p;
  RigidPlaten platen;
  platen.boundary  = 2;
  platen.direction = 1;
  platen.sign      = -1;
  platen.position  = 0;
  bc.platens.push_back(platen);
  mech.set_boundary_conditions(bc);
  mech.setup();
  mech.set_eigenstrain(
      [](const Point<2> &, types::material_id id) { return id == 1 ? 0.01 : 0.; });
  const double             tol     = 1e-10;
  const MechanicsSolveInfo info    = mech.solve(0, tol);
  const ContactReport      r       = mech.contact_report(0);
  const auto               nodes   = mech.contact_nodes(0);
  unsigned int             n_open  = 0;
  double                   max_gap = 0;
  for (const auto &n : nodes)
    if (!n.active)
      {
        ++n_open;
        max_gap = std::max(max_gap, n.gap);
      }
  n_open  = Utilities::MPI::sum(n_open, MPI_COMM_WORLD);
  max_gap = Utilities::MPI::max(max_gap, MPI_COMM_WORLD);
  std::ostringstream msg;
  msg << std::setprecision(3) << "constraints: " << mech.n_dofs() << " DoFs, "
      << info.newton_iterations << " semismooth Newton iterations, " << r.n_active
      << " nodes in contact, " << n_open << " open (largest gap " << max_gap
      << " m); max penetration " << r.max_penetration << " m, max tension on contact "
      << r.max_tension << " Pa, max |p| on open nodes " << r.max_open_force
      << " Pa, complementarity residual " << r.complementarity << "; contact force "
      << r.total_force << " N/m vs applied " << p * L / 4 << " N/m";
  BOOST_TEST_MESSAGE(msg.str());
  BOOST_TEST(r.n_active > 0u);
  BOOST_TEST(n_open > 0u);
  BOOST_TEST(max_gap > 1e-3 * t); // a real lift-off, not round-off
  // penetration below the solver tolerance (relative to the strip size)
  BOOST_TEST(r.max_penetration <= tol * L);
  // no tension on contact, no force on open nodes (relative to p)
  BOOST_TEST(r.max_tension <= 1e-6 * p);
  BOOST_TEST(r.max_open_force <= 1e-6 * p);
  BOOST_TEST(r.complementarity <= 1e-6);
  // global equilibrium: the platen carries the applied load
  BOOST_TEST(std::abs(r.total_force - p * L / 4) <= 1e-8 * p * L);
}

BOOST_AUTO_TEST_SUITE_END()
