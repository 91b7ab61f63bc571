// Acceptance test: galvanostatic discharge of one small NMC811 particle (an
// octant of a sphere, meshes/single_particle.msh) against a Li foil matches
// a 1D spherical-diffusion reference within 0.5 % in voltage.
//
// The electrolyte and the particle's electronic conduction are made so good
// that only solid diffusion and the two Butler-Volmer reactions remain: the
// voltage of the 3D cell is then
//   V = U(x_surf) + eta_c - eta_foil  (+ Ohmic and concentration terms that
//                                       the test measures and shows negligible)
// with x_surf from 1D spherical diffusion in a sphere of the meshed
// particle's volume-to-area ratio, R_eq = 3 V_p / A_p.
#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>

#include <deal.II/distributed/tria.h>

#include <mesocell/geometry/mesh_import.h>
#include <mesocell/interfaces/butler_volmer.h>
#include <mesocell/physics/electrochemistry.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <vector>

using namespace dealii;
using namespace MesoCell;

namespace
{
  /**
   * Spherical diffusion dc/dt = D (1/r^2) d/dr(r^2 dc/dr) on [0, R], no flux
   * at r = 0 and the inward molar flux D dc/dr(R) = q at r = R. Linear finite
   * elements in r with the weight r^2 (consistent mass, so that the mean
   * 3/R^3 int c r^2 dr changes exactly by 3 q dt / R per step), variable-step
   * BDF2 after a BDF1 first step, tridiagonal (Thomas) solves.
   */
  class SphericalDiffusion
  {
  public:
    SphericalDiffusion(const double       R,
                       const double       D,
                       const double       c0,
                       const unsigned int n)
      : R(R)
      , D(D)
      , n(n)
      , c(n + 1, c0)
      , c_old(n + 1, c0)
    {
      // Element matrices with 3-point Gauss quadrature (exact for r^2 phi phi).
      const double h     = R / n;
      const double gp[3] = {-std::sqrt(0.6), 0.0, std::sqrt(0.6)};
      const double gw[3] = {5.0 / 9, 8.0 / 9, 5.0 / 9};
      mass_d.assign(n + 1, 0);
      mass_o.assign(n, 0);
      stiff_d.assign(n + 1, 0);
      stiff_o.assign(n, 0);
      for (unsigned int e = 0; e < n; ++e)
        for (unsigned int q = 0; q < 3; ++q)
          {
            const double s       = 0.5 * (1 + gp[q]); // in [0,1]
            const double r       = (e + s) * h;
            const double w       = 0.5 * gw[q] * h * r * r;
            const double phi[2]  = {1 - s, s};
            const double dphi[2] = {-1 / h, 1 / h};
            mass_d[e] += w * phi[0] * phi[0];
            mass_d[e + 1] += w * phi[1] * phi[1];
            mass_o[e] += w * phi[0] * phi[1];
            stiff_d[e] += w * D * dphi[0] * dphi[0];
            stiff_d[e + 1] += w * D * dphi[1] * dphi[1];
            stiff_o[e] += w * D * dphi[0] * dphi[1];
          }
    }

    /// One step of size @p dt with the inward flux D dc/dr(R) = @p q.
    void
    step(const double dt, const double q)
    {
      // dc/dt ~ a0 c^{n+1} + a1 c^n + a2 c^{n-1}
      double a0 = 1 / dt, a1 = -1 / dt, a2 = 0;
      if (dt_previous > 0)
        {
          const double w = dt / dt_previous;
          a0             = (1 + 2 * w) / ((1 + w) * dt);
          a1             = -(1 + w) / dt;
          a2             = w * w / ((1 + w) * dt);
        }
      std::vector<double> hist(n + 1), rhs(n + 1);
      for (unsigned int i = 0; i <= n; ++i)
        hist[i] = -(a1 * c[i] + a2 * c_old[i]);
      for (unsigned int i = 0; i <= n; ++i)
        {
          rhs[i] = mass_d[i] * hist[i];
          if (i > 0)
            rhs[i] += mass_o[i - 1] * hist[i - 1];
          if (i < n)
            rhs[i] += mass_o[i] * hist[i + 1];
        }
      rhs[n] += R * R * q;
      // (a0 M + K) c^{n+1} = rhs, tridiagonal and symmetric.
      std::vector<double> diag(n + 1), off(n), cp(n), dp(n + 1);
      for (unsigned int i = 0; i <= n; ++i)
        diag[i] = a0 * mass_d[i] + stiff_d[i];
      for (unsigned int i = 0; i < n; ++i)
        off[i] = a0 * mass_o[i] + stiff_o[i];
      cp[0] = off[0] / diag[0];
      dp[0] = rhs[0] / diag[0];
      for (unsigned int i = 1; i <= n; ++i)
        {
          const double m = diag[i] - off[i - 1] * cp[i - 1];
          if (i < n)
            cp[i] = off[i] / m;
          dp[i] = (rhs[i] - off[i - 1] * dp[i - 1]) / m;
        }
      std::vector<double> c_new(n + 1);
      c_new[n] = dp[n];
      for (unsigned int i = n; i-- > 0;)
        c_new[i] = dp[i] - cp[i] * c_new[i + 1];
      c_old       = c;
      c           = c_new;
      dt_previous = dt;
    }

    double
    surface() const
    {
      return c[n];
    }

    /// Volume mean 3/R^3 int c r^2 dr.
    double
    mean() const
    {
      double s = 0;
      for (unsigned int i = 0; i <= n; ++i)
        {
          s += mass_d[i] * c[i];
          if (i < n)
            s += mass_o[i] * (c[i] + c[i + 1]);
        }
      return 3 * s / (R * R * R);
    }

  private:
    double              R, D;
    unsigned int        n;
    std::vector<double> c, c_old;
    std::vector<double> mass_d, mass_o, stiff_d, stiff_o;
    double              dt_previous = 0;
  };

  /// eta with j = i0 (exp(alpha_a f eta) - exp(-alpha_c f eta)) (bisection,
  /// the right-hand side is increasing in eta).
  double
  overpotential(const double j,
                const double i0,
                const double alpha_a,
                const double alpha_c,
                const double T)
  {
    const double f  = faraday_constant / (gas_constant * T);
    const auto   bv = [&](const double eta) {
      return i0 * (std::exp(alpha_a * f * eta) - std::exp(-alpha_c * f * eta)) - j;
    };
    double lo = -1, hi = 1;
    while (bv(lo) > 0)
      lo *= 2;
    while (bv(hi) < 0)
      hi *= 2;
    for (unsigned int it = 0; it < 200 && hi - lo > 1e-15; ++it)
      {
        const double mid        = 0.5 * (lo + hi);
        (bv(mid) > 0 ? hi : lo) = mid;
      }
    return 0.5 * (lo + hi);
  }

  /// Range (max - min) of the nodal values of field @p k over all cells of
  /// material @p id (collective).
  double
  field_range(const Electrochemistry<3> &cell, const types::material_id id, const Field k)
  {
    double                               lo = std::numeric_limits<double>::max();
    double                               hi = -lo;
    std::vector<types::global_dof_index> dofs;
    for (const auto &c : cell.get_dof_handler().active_cell_iterators())
      if (c->is_locally_owned() && c->material_id() == id)
        {
          dofs.resize(c->get_fe().n_dofs_per_cell());
          c->get_dof_indices(dofs);
          for (unsigned int i = 0; i < dofs.size(); ++i)
            if (c->get_fe().system_to_component_index(i).first == k)
              {
                const double v = cell.solution()(dofs[i]);
                lo             = std::min(lo, v);
                hi             = std::max(hi, v);
              }
        }
    return Utilities::MPI::max(hi, MPI_COMM_WORLD) +
           Utilities::MPI::max(-lo, MPI_COMM_WORLD);
  }

  struct Sample
  {
    double t, V, x_mean, x_surf_min, x_surf_max;
  };
} // namespace

BOOST_AUTO_TEST_SUITE(single_particle)

// NMC811 octant sphere, R = 2 um, in a 4 um box of electrolyte with a Li foil
// at x = 4 um; 1C discharge (theoretical capacity of the meshed particle)
// from x = 0.3 to a mean lithiation of 0.8, BDF2. Test-only material values
// isolating solid diffusion: sigma_s = 1 S/m in the particle, kappa = 10
// S/m (constant in c and T) and D_e = 1e-9 m^2/s in the electrolyte; every
// temperature law constant.
BOOST_AUTO_TEST_CASE(discharge)
{
  Timer      timer;
  const bool root = Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
  parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
  MeshParameters                          mp;
  mp.file        = std::string(MESOCELL_SOURCE_DIR) + "/meshes/single_particle.msh";
  mp.file_entry  = mp.file;
  mp.length_unit = 1e-6;
  mp.prm_file    = "test_single_particle.cc";
  const MeshGroups groups = import_mesh(mp, tria);
  BOOST_REQUIRE(groups.phases.count("particle") == 1);
  BOOST_REQUIRE(groups.phases.count("electrolyte") == 1);
  BOOST_REQUIRE(groups.boundaries.count("collector") == 1);
  BOOST_REQUIRE(groups.boundaries.count("foil") == 1);
  const types::material_id particle    = groups.phases.at("particle");
  const types::material_id electrolyte = groups.phases.at("electrolyte");
  const types::boundary_id collector   = groups.boundaries.at("collector");
  const types::boundary_id foil        = groups.boundaries.at("foil");

  ElectrochemistryModel model;
  Material              am = library_material("NMC811");
  am.temperature_law       = "constant";
  // Test-only: phi_s practically uniform in the particle (drop ~2e-6 V).
  // Not 1e3 S/m: then the phi_s residual rows and the current functional
  // at the collector sum terms of ~sigma h V = 1e-3 A to I ~ 4e-12 A; their
  // round-off (~1e-19 A) corresponds to ~1e-9 V, the default potential
  // tolerance, and Newton steps are rejected every few steps with "the
  // line search found no decrease of the residual".
  am.electronic_conductivity        = 1.0;
  Material el                       = library_material("PEO-LiTFSI");
  el.temperature_law                = "constant";
  el.conductivity_concentration_law = "constant";
  el.ionic_conductivity             = 10;   // test-only: no Ohmic drop in the electrolyte
  el.salt_diffusivity               = 1e-9; // test-only: no salt gradient
  model.phase_material[particle]    = am;
  model.phase_material[electrolyte] = el;
  model.phase_name[particle]        = "particle";
  model.phase_name[electrolyte]     = "electrolyte";
  model.foil                        = library_material("Li");
  model.positive_terminal           = {collector};
  model.negative_terminal           = {foil};
  model.foil_boundaries             = {foil};
  model.temperature                 = 298.15;
  model.initial_lithiation          = 0.3;
  BOOST_REQUIRE(am.film_resistance == 0 && model.foil.film_resistance == 0);
  BOOST_REQUIRE(model.foil.temperature_law == "constant");

  NonlinearSolverParameters p;
  Electrochemistry<3>       cell(tria, model, p);
  cell.setup();
  cell.initialize();

  const double    T  = model.temperature;
  const double    F  = faraday_constant;
  const double    x0 = model.initial_lithiation, x_end = 0.8;
  const CellState s0  = cell.state();
  const double    V_p = s0.active_volume, A_p = s0.active_interface_area;
  double          A_foil = 0;
  for (const auto &c : tria.active_cell_iterators())
    if (c->is_locally_owned())
      for (const unsigned int f : c->face_indices())
        if (c->at_boundary(f) && c->face(f)->boundary_id() == foil)
          A_foil += c->face(f)->measure();
  A_foil             = Utilities::MPI::sum(A_foil, MPI_COMM_WORLD);
  const double I     = cell.nominal_capacity() / 3600; // 1C
  const double R_eq  = 3 * V_p / A_p;
  const double c_max = am.maximum_concentration;
  const double rate  = I / (F * c_max * V_p); // d(mean x)/dt
  const double t_end = (x_end - x0) / rate;
  if (root)
    BOOST_TEST_MESSAGE("single particle: "
                       << tria.n_global_active_cells() << " hexes, " << cell.n_dofs()
                       << " DoFs; V_p = " << V_p << " m^3 (sphere octant "
                       << M_PI * 8e-18 / 6 << "), A_p = " << A_p << " m^2 ("
                       << M_PI * 2e-12 << "), R_eq = " << R_eq << " m, A_foil = "
                       << A_foil << " m^2, I = " << I << " A, t_end = " << t_end << " s");
  BOOST_REQUIRE_CLOSE(A_foil, 16e-12, 1e-6);
  BOOST_REQUIRE(std::abs(s0.mean_lithiation - x0) < 1e-12);

  // FE discharge: BDF1 first step, then BDF2 with steps growing by 1.3 up
  // to 120 s; a rejected step is retried with half the step.
  std::vector<Sample> samples{{0.0, cell.voltage(), x0, x0, x0}};
  const double        dt_max = 120;
  double              t = 0, dt = 2, dt_previous = 0;
  double              ohmic = 0, salt_spread = 0;
  unsigned int        steps = 0, newton = 0, rejected = 0;
  while (t_end - t > 1e-9 * t_end)
    {
      dt                       = std::min(dt, t_end - t);
      const unsigned int order = steps == 0 ? 1 : 2;
      const StepResult   r     = cell.solve_step(
          t + dt, dt, order == 1 ? dt : dt_previous, order, Control::current, I);
      if (!r.converged)
        {
          if (root)
            BOOST_TEST_MESSAGE("step at t = " << t << " s, dt = " << dt
                                              << " s rejected: " << r.failure);
          cell.reject_step();
          ++rejected;
          dt *= 0.5;
          BOOST_REQUIRE_MESSAGE(dt > 1e-3 && rejected < 20,
                                "no convergence: " << r.failure);
          continue;
        }
      cell.accept_step();
      ++steps;
      newton += r.newton_iterations;
      t += dt;
      dt_previous       = dt;
      const CellState s = cell.state();
      samples.push_back({t,
                         s.voltage,
                         s.mean_lithiation,
                         s.min_surface_lithiation,
                         s.max_surface_lithiation});
      BOOST_REQUIRE(std::abs(s.reaction_current_active + I) <= 1e-8 * I);
      // Potential drops inside the phases that the reference leaves out:
      // phi_s across the particle, phi_e across the electrolyte, and the
      // diffusion potential of the salt variation.
      const double dc = field_range(cell, electrolyte, c_e);
      salt_spread     = std::max(salt_spread, dc / el.reference_concentration);
      ohmic           = std::max(ohmic,
                       field_range(cell, particle, phi_s) +
                           field_range(cell, electrolyte, phi_e) +
                           2 * gas_constant * T / F * (1 - el.transference_number) * dc /
                               el.reference_concentration);
      if (s.max_surface_lithiation >= 0.99)
        break;
      dt = std::min(1.3 * dt, dt_max);
    }
  const double t_fe = timer.wall_time();

  // 1D reference with 400 elements in r and steps of at most 0.05 s,
  // landing on every FE output time.
  SphericalDiffusion ref(R_eq, am.diffusivity(T), x0 * c_max, 400);
  const double       q       = I / (A_p * F); // inward molar flux
  const double       j_c     = -I / A_p;      // cathodic current density
  const double       j_foil  = I / A_foil;    // anodic at the foil
  const double       i0_foil = model.foil.exchange_current_polymer *
                         model.foil.temperature_factor(T); // c_e = c_ref
  const double eta_foil =
      overpotential(j_foil, i0_foil, model.foil.alpha_a, model.foil.alpha_c, T);
  std::ostringstream table;
  table << "      t [s]   x_mean  x_surf_ref  x_surf_fe(min..max)    V_fe [V]   V_ref "
           "[V]  rel.diff\n";
  double max_rel = 0, max_diffusion = 0, max_mean_difference = 0;
  for (unsigned int i = 1; i < samples.size(); ++i)
    {
      const double       h = samples[i].t - samples[i - 1].t;
      const unsigned int m = static_cast<unsigned int>(std::ceil(h / 0.05 - 1e-9));
      for (unsigned int k = 0; k < m; ++k)
        ref.step(h / m, q);
      const double x_s = ref.surface() / c_max;
      BOOST_REQUIRE(x_s > 0 && x_s < 1);
      const double i0 = am.exchange_current_polymer * am.temperature_factor(T) *
                        std::pow((1 - x_s) / 0.5, am.alpha_a) *
                        std::pow(x_s / 0.5, am.alpha_c);
      const double eta_c = overpotential(j_c, i0, am.alpha_a, am.alpha_c, T);
      const double V_ref = am.ocp(x_s, T).value + eta_c - eta_foil;
      const double rel   = std::abs(samples[i].V - V_ref) / V_ref;
      max_rel            = std::max(max_rel, rel);
      // Size of the diffusion polarisation: U at the mean vs at the surface.
      const double x_m = ref.mean() / c_max;
      max_diffusion    = std::max(
          max_diffusion, std::abs(am.ocp(x_m, T).value - am.ocp(x_s, T).value) / V_ref);
      const double x_exact = x0 + rate * samples[i].t;
      max_mean_difference  = std::max({max_mean_difference,
                                       std::abs(x_m - x_exact),
                                       std::abs(samples[i].x_mean - x_exact)});
      if (i % 8 == 0 || i + 1 == samples.size() || i <= 2)
        table << std::setw(11) << std::fixed << std::setprecision(2) << samples[i].t
              << "  " << std::setprecision(4) << samples[i].x_mean << "  "
              << std::setw(10) << x_s << "  " << samples[i].x_surf_min << ".."
              << samples[i].x_surf_max << "  " << std::setprecision(6) << std::setw(10)
              << samples[i].V << "  " << std::setw(10) << V_ref << "  " << std::scientific
              << std::setprecision(2) << rel << "\n";
    }
  if (root)
    BOOST_TEST_MESSAGE("single particle discharge (1C, "
                       << steps << " steps, " << newton << " Newton iterations, "
                       << rejected << " rejected; FE run " << std::fixed
                       << std::setprecision(1) << t_fe << " s wall):\n"
                       << table.str());
  if (root)
    BOOST_TEST_MESSAGE("max |V_fe - V_ref| / V_ref = "
                       << std::scientific << std::setprecision(3) << max_rel
                       << "; diffusion polarisation |U(x_mean) - U(x_surf)| / V up to "
                       << max_diffusion
                       << "; max |x_mean - (x0 + I t/(F c_max V_p))| of FE and reference "
                       << max_mean_difference << "; potential drops left out of V_ref "
                       << ohmic << " V (relative " << ohmic / samples.back().V
                       << "), salt variation " << salt_spread);
  BOOST_TEST(samples.back().x_mean >= x_end - 1e-6);
  BOOST_TEST(max_mean_difference <= 1e-9);
  BOOST_TEST(ohmic <= 5e-4 * samples.back().V);
  BOOST_TEST(max_rel <= 0.005);
}

BOOST_AUTO_TEST_SUITE_END()
