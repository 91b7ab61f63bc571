// Contact interfaces inside the body (second displacement field on the
// inclusion, node pairs on the conforming interface): a quarter of a
// cylindrical inclusion in a clamped matrix, plane strain, Q2 with a
// quadratic mapping.
//  - shrinking and unilateral (no adhesion): the interface opens, the
//    inclusion shrinks freely, gap = e (1 + nu) a (plane strain with an
//    isotropic eigenstrain), no pressure, the matrix stays unloaded;
//  - swelling and unilateral: the interface closes, and as the problem has
//    no shear the contact pressure is the bonded Lame value;
//  - shrinking and cohesive: bonded while the tension is below the adhesion
//    strength, debonded (and then the free-shrink gap) above it.
#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/manifold_lib.h>

#include <mesocell/physics/mechanics.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iomanip>
#include <sstream>

using namespace dealii;
using namespace MesoCell;

namespace
{
  const double             a = 1e-6, b = 3e-6, e = 0.01;
  const types::material_id inner = 1, outer = 2;

  MechanicalMaterial
  material(const double E, const double nu)
  {
    MechanicalMaterial m;
    m.youngs_modulus = E;
    m.poisson_ratio  = nu;
    return m;
  }
  const MechanicalMaterial inclusion = material(150e9, 0.3),
                           matrix    = material(10e9, 0.35);

  /// Plane-strain Lame solution with the isotropic (3D) eigenstrain s in
  /// the inclusion, bonded or in frictionless contact, clamped at r = b:
  /// the radial stress at r = a (uniform inside).
  double
  lame_interface_stress(const double s)
  {
    const double l1 = inclusion.lambda(), m1 = inclusion.mu();
    const double l2 = matrix.lambda(), m2 = matrix.mu();
    const double q = b * b / (a * a);
    const double B =
        -(3 * l1 + 2 * m1) * s / (2 * (l1 + m1) * (q - 1) + 2 * (l2 + m2) + 2 * m2 * q);
    const double A = -B * (q - 1);
    return 2 * (l1 + m1) * A - (3 * l1 + 2 * m1) * s;
  }

  struct Result
  {
    ContactReport           report;
    unsigned int            bonded, pairs;
    double                  gap_min, gap_max, p_min, p_max;
    types::global_dof_index dofs;
    unsigned int            iterations;
  };

  Result
  solve(const double eigenstrain, const double adhesion, const unsigned int refinements)
  {
    parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
    {
      Triangulation<2> ball, shell, coarse;
      GridGenerator::quarter_hyper_ball(ball, Point<2>(), a);
      GridGenerator::quarter_hyper_shell(shell, Point<2>(), a, b, 2);
      GridGenerator::merge_triangulations(ball, shell, coarse, 1e-6 * a);
      for (const auto &cell : coarse.active_cell_iterators())
        {
          const bool in = cell->center().norm() < a;
          cell->set_material_id(in ? inner : outer);
          cell->set_all_manifold_ids(in ? numbers::flat_manifold_id : 0);
          if (!in)
            cell->set_manifold_id(2);
        }
      for (const auto &cell : coarse.active_cell_iterators())
        for (const auto f : cell->face_indices())
          {
            const Point<2> c = cell->face(f)->center();
            if (std::abs(cell->face(f)->vertex(0).norm() - a) < 1e-9 * a &&
                std::abs(cell->face(f)->vertex(1).norm() - a) < 1e-9 * a)
              cell->face(f)->set_manifold_id(0); // the interface is a circle
            if (cell->at_boundary(f))
              cell->face(f)->set_boundary_id(std::abs(c[0]) < 1e-9 * a   ? 1
                                             : std::abs(c[1]) < 1e-9 * a ? 2
                                                                         : 0);
          }
      tria.copy_triangulation(coarse);
    }
    tria.set_manifold(0, SphericalManifold<2>(Point<2>()));
    tria.set_manifold(2, SphericalManifold<2>(Point<2>()));
    tria.refine_global(refinements);

    Mechanics<2> mech(tria, {{inner, inclusion}, {outer, matrix}}, 2, {inner}, adhesion);
    MechanicsBoundaryConditions bc;
    bc.fixed[0] = {0, 1}; // clamped matrix
    bc.fixed[1] = {0};    // symmetry x = 0
    bc.fixed[2] = {1};    // symmetry y = 0
    mech.set_boundary_conditions(bc);
    mech.setup();
    mech.set_eigenstrain([&](const Point<2> &, types::material_id id) {
      return id == inner ? eigenstrain : 0.;
    });
    const MechanicsSolveInfo info = mech.solve(0, 1e-10);
    Result                   r;
    r.report     = mech.interface_report(&r.bonded);
    r.dofs       = mech.n_dofs();
    r.iterations = info.newton_iterations;
    r.gap_min = r.p_min = 1e300;
    r.gap_max = r.p_max = -1e300;
    r.pairs             = 0;
    for (const auto &n : mech.interface_nodes())
      {
        ++r.pairs;
        r.gap_min = std::min(r.gap_min, n.gap);
        r.gap_max = std::max(r.gap_max, n.gap);
        r.p_min   = std::min(r.p_min, n.pressure);
        r.p_max   = std::max(r.p_max, n.pressure);
      }
    const MPI_Comm c = MPI_COMM_WORLD;
    r.pairs          = Utilities::MPI::sum(r.pairs, c);
    r.gap_min        = Utilities::MPI::min(r.gap_min, c);
    r.gap_max        = Utilities::MPI::max(r.gap_max, c);
    r.p_min          = Utilities::MPI::min(r.p_min, c);
    r.p_max          = Utilities::MPI::max(r.p_max, c);
    return r;
  }

  std::string
  describe(const std::string &name, const Result &r)
  {
    std::ostringstream s;
    s << std::setprecision(5) << name << ": " << r.dofs << " DoFs, " << r.iterations
      << " semismooth Newton iterations, " << r.pairs << " node pairs (" << r.bonded
      << " bonded, " << r.report.n_active << " in contact); gap in [" << r.gap_min << ", "
      << r.gap_max << "] m, pressure in [" << r.p_min << ", " << r.p_max
      << "] Pa; penetration " << r.report.max_penetration << " m, complementarity "
      << r.report.complementarity;
    return s.str();
  }
} // namespace

BOOST_AUTO_TEST_SUITE(contact)

BOOST_AUTO_TEST_CASE(inclusion_2d)
{
  // shrinking, unilateral: free shrinkage opens a uniform gap
  const Result open     = solve(-e, 0, 2);
  const double gap_free = e * (1 + inclusion.poisson_ratio) * a;
  BOOST_TEST_MESSAGE(describe("shrinking inclusion, unilateral", open) +
                     " (free-shrink gap e (1 + nu) a = 1.3e-08 m)");
  BOOST_TEST(open.report.n_active == 0u);
  BOOST_TEST(std::abs(open.gap_min / gap_free - 1) < 1e-3);
  BOOST_TEST(std::abs(open.gap_max / gap_free - 1) < 1e-3);
  BOOST_TEST(std::max(std::abs(open.p_min), std::abs(open.p_max)) <
             1e-6 * inclusion.youngs_modulus * e);

  // swelling, unilateral: closed everywhere, the contact pressure is Lame's
  const Result closed = solve(e, 0, 2);
  const double p_lame = -lame_interface_stress(e);
  BOOST_TEST_MESSAGE(describe("swelling inclusion, unilateral", closed) +
                     " (Lame pressure " + std::to_string(p_lame) + " Pa)");
  BOOST_TEST(closed.report.n_active == closed.pairs);
  BOOST_TEST(closed.report.max_penetration <= 1e-10 * a);
  BOOST_TEST(std::abs(closed.p_min / p_lame - 1) < 0.02);
  BOOST_TEST(std::abs(closed.p_max / p_lame - 1) < 0.02);

  // shrinking, cohesive: the bonded tension is Lame's with -e
  const double tension = lame_interface_stress(-e);
  const Result strong  = solve(-e, 2 * tension, 2);
  const Result weak    = solve(-e, 0.5 * tension, 2);
  BOOST_TEST_MESSAGE(describe("shrinking inclusion, adhesion 2x the tension", strong) +
                     " (Lame tension " + std::to_string(tension) + " Pa)");
  BOOST_TEST_MESSAGE(describe("shrinking inclusion, adhesion 0.5x the tension", weak));
  BOOST_TEST(strong.bonded == strong.pairs);
  BOOST_TEST(std::abs(-strong.p_min / tension - 1) < 0.02);
  BOOST_TEST(weak.bonded == 0u);
  BOOST_TEST(std::abs(weak.gap_min / gap_free - 1) < 1e-3);
}

BOOST_AUTO_TEST_SUITE_END()
