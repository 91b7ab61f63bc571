// Manufactured-solution verification of the coupled electrochemistry:
// an active material (c_s, phi_s) on x < 1/2 and a polymer electrolyte
// (c_e, phi_e) on x > 1/2 of [0,1]^d, coupled on x = 1/2 by Butler-Volmer
// kinetics with a film resistance (implicit law), a linear OCP, an exchange
// current depending on c_s and c_e, a concentration-dependent polymer
// conductivity ("linear" law) and the diffusion potential. Dirichlet data on
// the whole boundary, transient, BDF1/BDF2.
//
// The exact solution is u_k = base_k + amp_k S_k(p) g(t) for every field k;
// the fields of the two phases are different functions, so the solution is
// discontinuous across the interface. The forcing is the strong operator of
// every equation applied to u; on the interface it is the difference between
// the exact flux out of each phase and the Butler-Volmer law at the exact
// values, so that u solves the continuous problem exactly.
//
// space_*: S_k are products of sines, g(t) = 1 + t/tau, which BDF1 and BDF2
//          integrate exactly: the error is spatial. Asserted: the rate of the
//          finest pair of meshes, L2 p+1 and H1-seminorm p within 0.15, for
//          every field.
// time_*:  S_k are quadratic polynomials (reproduced by Q2), g = exp(-t/tau):
//          the error is temporal. Asserted: the observed order of the L2 error
//          of every field on the finest pair of steps, 1 (BDF1) and 2 (BDF2)
//          within 0.15. BDF2 takes a BDF1 first step (no history); its local
//          O(dt^2) error keeps the global order 2.
#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>

#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/interfaces/butler_volmer.h>
#include <mesocell/physics/electrochemistry.h>

#include <boost/test/unit_test.hpp>

#include <array>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

using namespace dealii;
using namespace MesoCell;

namespace
{
  constexpr double F           = faraday_constant;
  constexpr double temperature = 298.15;

  // Coefficients, SI units. F/(R T) is the physical one, so with
  // |phi_s - phi_e - U| <= 0.06 V the kinetics are nonlinear (f eta ~ 2).
  // The equations are in Ampere units (concentration rows times F), so the
  // diffusivities and the time scale tau are chosen such that every term is
  // of the same size: F D |grad c| ~ sigma |grad phi| ~ j ~ 1 A/m^2 on the
  // interface and F dc/dt ~ F D Lap c in the bulk. (With D = O(1) the
  // reaction flux would be 1e-5 of the diffusive flux in the concentration
  // rows, and a wrong reaction term there would go unnoticed.)
  constexpr double tau     = 1e4;  // time scale of the exact solution [s]
  constexpr double D_s     = 1e-5; // solid diffusivity
  constexpr double sigma_s = 10.0; // electronic conductivity
  constexpr double c_max   = 2.0;  // maximum concentration
  constexpr double U0      = 0.1;  // OCP at x = 1/2
  constexpr double U_slope = -0.1; // dU/dx
  constexpr double i00     = 1.0;  // exchange current at x = 1/2, c_e = c_ref
  constexpr double alpha_a = 0.6;
  constexpr double alpha_c = 0.4;
  constexpr double R_film  = 0.02;
  constexpr double D_e     = 5e-6; // salt diffusivity
  constexpr double kappa0  = 20.0; // ionic conductivity at c_ref
  constexpr double c_ref   = 1.0;
  constexpr double t_plus  = 0.4;
  constexpr double thermo  = 1.2; // thermodynamic factor

  /// kappa(c) ("linear" law) and its derivative.
  inline double
  kappa(const double c)
  {
    return kappa0 * c / c_ref;
  }
  constexpr double dkappa_dc = kappa0 / c_ref;
  /// kD = K kappa(c), the diffusion-potential coefficient.
  const double K = 2 * gas_constant * temperature / F * (1 - t_plus) * thermo;

  /// Spatial shape of one field: a product of sines prod_d sin(w_d x_d + s_d)
  /// or a quadratic a + b.p + p.C.p (C symmetric).
  template <int dim>
  struct Shape
  {
    bool           trig = true;
    Tensor<1, dim> w, s;
    double         a = 0;
    Tensor<1, dim> b;
    Tensor<2, dim> C;

    double
    value(const Point<dim> &p) const
    {
      if (trig)
        {
          double v = 1;
          for (unsigned int d = 0; d < dim; ++d)
            v *= std::sin(w[d] * p[d] + s[d]);
          return v;
        }
      return a + b * p + p * (C * p);
    }
    Tensor<1, dim>
    gradient(const Point<dim> &p) const
    {
      Tensor<1, dim> g;
      if (trig)
        {
          for (unsigned int i = 0; i < dim; ++i)
            {
              g[i] = 1;
              for (unsigned int d = 0; d < dim; ++d)
                g[i] *= d == i ? w[d] * std::cos(w[d] * p[d] + s[d])
                               : std::sin(w[d] * p[d] + s[d]);
            }
          return g;
        }
      return b + 2 * (C * p);
    }
    double
    laplacian(const Point<dim> &p) const
    {
      if (trig)
        return -(w * w) * value(p);
      return 2 * trace(C);
    }
  };

  /// The manufactured solution: u_k = base_k + amp_k S_k(p) g(t), with
  /// g = 1 + t/tau (space) or exp(-t/tau) (time); phi_c = 0.
  template <int dim>
  class Exact : public Function<dim>
  {
  public:
    explicit Exact(const bool temporal)
      : Function<dim>(n_fields)
      , temporal(temporal)
    {
      base = {{1.0, 0.1, 1.0, 0.0}};
      amp  = {{0.2, 0.02, 0.2, 0.02}};
      if (!temporal)
        {
          const std::array<std::array<double, 3>, 4> w{
              {{{M_PI, M_PI, M_PI}},
               {{1.3 * M_PI, M_PI, 0.8 * M_PI}},
               {{M_PI, 1.2 * M_PI, M_PI}},
               {{0.9 * M_PI, 1.1 * M_PI, 1.3 * M_PI}}}};
          const std::array<std::array<double, 3>, 4> s{{{{0.0, 0.5 * M_PI, 0.5 * M_PI}},
                                                        {{0.3, 0.2, 0.5 * M_PI}},
                                                        {{0.5 * M_PI, 0.0, 0.4}},
                                                        {{0.7, 0.4, 0.9}}}};
          for (unsigned int k = 0; k < 4; ++k)
            {
              shape[k].trig = true;
              for (unsigned int d = 0; d < dim; ++d)
                {
                  shape[k].w[d] = w[k][d];
                  shape[k].s[d] = s[k][d];
                }
            }
        }
      else
        {
          // Quadratics with |S| <= 1 on [0,1]^d.
          const std::array<double, 4>                a{{0.0, 0.5, 0.2, 0.1}};
          const std::array<std::array<double, 3>, 4> b{{{{0.5, -0.3, 0.2}},
                                                        {{-0.4, 0.3, 0.1}},
                                                        {{0.3, 0.4, -0.2}},
                                                        {{0.2, -0.5, 0.3}}}};
          const std::array<std::array<double, 6>, 4> c{
              // xx, yy, zz, xy, xz, yz
              {{{0.4, -0.3, 0.1, 0.2, -0.1, 0.1}},
               {{-0.2, 0.3, 0.2, -0.3, 0.1, 0.0}},
               {{-0.3, 0.2, -0.1, 0.25, 0.0, 0.1}},
               {{0.3, -0.2, 0.1, 0.3, 0.1, -0.1}}}};
          for (unsigned int k = 0; k < 4; ++k)
            {
              Shape<dim> &sh = shape[k];
              sh.trig        = false;
              sh.a           = a[k];
              for (unsigned int d = 0; d < dim; ++d)
                {
                  sh.b[d]    = b[k][d];
                  sh.C[d][d] = c[k][d];
                }
              sh.C[0][1] = sh.C[1][0] = 0.5 * c[k][3];
              if (dim == 3)
                {
                  sh.C[0][dim - 1] = sh.C[dim - 1][0] = 0.5 * c[k][4];
                  sh.C[1][dim - 1] = sh.C[dim - 1][1] = 0.5 * c[k][5];
                }
            }
        }
    }

    double
    g(const double t) const
    {
      return temporal ? std::exp(-t / tau) : 1 + t / tau;
    }
    double
    dg(const double t) const
    {
      return temporal ? -std::exp(-t / tau) / tau : 1 / tau;
    }

    double
    u(const unsigned int k, const Point<dim> &p, const double t) const
    {
      return k < 4 ? base[k] + amp[k] * shape[k].value(p) * g(t) : 0.0;
    }
    Tensor<1, dim>
    grad(const unsigned int k, const Point<dim> &p, const double t) const
    {
      return k < 4 ? amp[k] * g(t) * shape[k].gradient(p) : Tensor<1, dim>();
    }
    double
    lap(const unsigned int k, const Point<dim> &p, const double t) const
    {
      return k < 4 ? amp[k] * g(t) * shape[k].laplacian(p) : 0.0;
    }
    double
    dudt(const unsigned int k, const Point<dim> &p, const double t) const
    {
      return k < 4 ? amp[k] * shape[k].value(p) * dg(t) : 0.0;
    }

    double
    value(const Point<dim> &p, const unsigned int k) const override
    {
      return u(k, p, this->get_time());
    }
    Tensor<1, dim>
    gradient(const Point<dim> &p, const unsigned int k) const override
    {
      return grad(k, p, this->get_time());
    }

    const bool                temporal;
    std::array<double, 4>     base, amp;
    std::array<Shape<dim>, 4> shape;
  };

  /// Butler-Volmer current at the exact values (independent of the solver's
  /// own evaluation of the law, except for the scalar film iteration).
  template <int dim>
  double
  exact_current(const Exact<dim> &ex, const Point<dim> &p, const double t)
  {
    const double x     = ex.u(c_s, p, t) / c_max;
    const double ce    = ex.u(c_e, p, t);
    const double U     = U0 + U_slope * (x - 0.5);
    const double delta = ex.u(phi_s, p, t) - ex.u(phi_e, p, t) - U;
    const double i0    = i00 * std::pow((1 - x) / 0.5, alpha_a) *
                      std::pow(x / 0.5, alpha_c) * std::pow(ce / c_ref, alpha_a);
    return butler_volmer(delta, i0, 1.0, alpha_a, alpha_c, R_film, temperature).j;
  }

  template <int dim>
  class Forcing : public ManufacturedForcing<dim>
  {
  public:
    explicit Forcing(const Exact<dim> &ex)
      : ex(ex)
    {
    }

    double
    source(const Field       k,
           const PhaseType   type,
           const Point<dim> &p,
           const double      t) const override
    {
      if (type == PhaseType::active)
        {
          if (k == c_s)
            return F * (ex.dudt(c_s, p, t) - D_s * ex.lap(c_s, p, t));
          if (k == phi_s)
            return -sigma_s * ex.lap(phi_s, p, t);
        }
      else if (type == PhaseType::polymer)
        {
          if (k == c_e)
            return F * (ex.dudt(c_e, p, t) - D_e * ex.lap(c_e, p, t));
          if (k == phi_e)
            {
              // -div(kappa(c) grad phi - K kappa(c) grad c / c)
              const double         c   = ex.u(c_e, p, t);
              const Tensor<1, dim> gc  = ex.grad(c_e, p, t);
              const Tensor<1, dim> gp  = ex.grad(phi_e, p, t);
              const double         kap = kappa(c);
              const double         gc2 = gc * gc;
              const double div = dkappa_dc * (gc * gp) + kap * ex.lap(phi_e, p, t) -
                                 K * (dkappa_dc * gc2 / c +
                                      kap * (ex.lap(c_e, p, t) / c - gc2 / (c * c)));
              return -div;
            }
        }
      return 0.0;
    }

    double
    interface_flux(const Field           k,
                   const Point<dim>     &p,
                   const Tensor<1, dim> &n,
                   const double          t) const override
    {
      const double j = exact_current(ex, p, t);
      switch (k)
        {
        case c_s:
          return -F * D_s * (ex.grad(c_s, p, t) * n) - j;
        case phi_s:
          return -sigma_s * (ex.grad(phi_s, p, t) * n) - j;
        case c_e:
          return -F * D_e * (ex.grad(c_e, p, t) * n) + (1 - t_plus) * j;
        case phi_e:
          {
            const double c   = ex.u(c_e, p, t);
            const double kap = kappa(c);
            return -(kap * ex.grad(phi_e, p, t) - K * kap / c * ex.grad(c_e, p, t)) * n +
                   j;
          }
        default:
          return 0.0;
        }
    }

  private:
    const Exact<dim> &ex;
  };

  ElectrochemistryModel
  make_model(const unsigned int degree)
  {
    Material a;
    a.name                     = "mms-active";
    a.type                     = PhaseType::active;
    a.maximum_concentration    = c_max;
    a.solid_diffusivity        = D_s;
    a.electronic_conductivity  = sigma_s;
    a.open_circuit_potential   = "linear";
    a.ocp_constant             = U0;
    a.ocp_slope                = U_slope;
    a.exchange_current_polymer = i00;
    a.alpha_a                  = alpha_a;
    a.alpha_c                  = alpha_c;
    a.film_resistance          = R_film;
    a.temperature_law          = "constant";
    a.x_charged                = 0.5;
    a.x_discharged             = 0.6;

    Material e;
    e.name                           = "mms-polymer";
    e.type                           = PhaseType::polymer;
    e.reference_concentration        = c_ref;
    e.salt_diffusivity               = D_e;
    e.ionic_conductivity             = kappa0;
    e.conductivity_concentration_law = "linear";
    e.transference_number            = t_plus;
    e.thermodynamic_factor           = thermo;
    e.temperature_law                = "constant";

    ElectrochemistryModel model;
    model.phase_material[0] = a;
    model.phase_material[1] = e;
    model.phase_name[0]     = a.name;
    model.phase_name[1]     = e.name;
    model.degree            = degree;
    model.temperature       = temperature;
    return model;
  }

  constexpr std::array<Field, 4> fields{{c_s, phi_s, c_e, phi_e}};

  struct Errors
  {
    std::array<double, 4>   l2, h1;
    types::global_dof_index n_dofs = 0;
    unsigned int            newton = 0;
  };

  /// Run from t = 0 with @p n_steps steps of size @p dt (the first BDF1,
  /// then BDF of @p order) on [0,1]^d with n0^d cells refined @p refinements
  /// times; errors at the final time.
  template <int dim>
  Errors
  run(const Exact<dim>  &exact_in,
      const unsigned int degree,
      const unsigned int n0,
      const unsigned int refinements,
      const double       dt,
      const unsigned int n_steps,
      const unsigned int order)
  {
    parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
    GridGenerator::subdivided_hyper_cube(tria, n0, 0, 1, true);
    for (const auto &cell : tria.active_cell_iterators())
      cell->set_material_id(cell->center()[0] < 0.5 ? 0 : 1);
    tria.refine_global(refinements);

    Exact<dim> exact(exact_in.temporal); // own copy: its time is set by the solver
    const Forcing<dim>        forcing(exact);
    const auto                model = make_model(degree);
    NonlinearSolverParameters prm;
    Electrochemistry<dim>     cell(tria, model, prm);
    for (unsigned int b = 0; b < 2 * dim; ++b)
      cell.set_dirichlet(b, &exact);
    cell.set_forcing(&forcing);
    cell.setup();
    cell.initialize();
    exact.set_time(0);
    cell.interpolate_state(exact);

    Errors e;
    double t = 0;
    for (unsigned int step = 0; step < n_steps; ++step)
      {
        const double     t_new = (step + 1) * dt;
        const StepResult r =
            cell.solve_step(t_new, dt, dt, step == 0 ? 1 : order, Control::none, 0);
        BOOST_REQUIRE_MESSAGE(r.converged, "step " << step << ": " << r.failure);
        cell.accept_step();
        t = t_new;
        e.newton += r.newton_iterations;
      }
    exact.set_time(t);
    for (unsigned int i = 0; i < 4; ++i)
      {
        const auto [l2, h1] = cell.field_error(fields[i], exact);
        e.l2[i]             = l2;
        e.h1[i]             = h1;
      }
    e.n_dofs = cell.n_dofs();
    return e;
  }

  bool
  root()
  {
    return Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
  }

  std::string
  header(const std::string &what)
  {
    std::ostringstream s;
    s << std::setw(8) << what << std::setw(8) << "DoFs" << std::setw(7) << "Newton";
    for (const auto k : fields)
      s << std::setw(11) << "L2 " + field_names()[k] << std::setw(6) << "rate";
    return s.str();
  }

  /// Spatial convergence: n0^d cells, refined r_min..r_max times.
  template <int dim>
  void
  space(const unsigned int degree,
        const unsigned int n0,
        const unsigned int r_min,
        const unsigned int r_max)
  {
    Timer                    timer;
    const Exact<dim>         exact(false);
    std::vector<Errors>      e;
    std::vector<std::string> labels;
    if (root())
      BOOST_TEST_MESSAGE(
          "MMS space " << dim << "D Q" << degree
                       << " (2 steps of dt = 0.05 tau, BDF1 then BDF2, g = 1 + t/tau), "
                       << Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) << " rank(s)");
    std::ostringstream h1_table;
    for (unsigned int r = r_min; r <= r_max; ++r)
      {
        e.push_back(run<dim>(exact, degree, n0, r, 0.05 * tau, 2, 2));
        const std::size_t  n = e.size();
        std::ostringstream label;
        label << "1/" << (n0 << r);
        std::ostringstream s, s1;
        s << std::setw(8) << label.str() << std::setw(8) << e.back().n_dofs
          << std::setw(7) << e.back().newton;
        s1 << std::setw(8) << label.str() << std::setw(8) << e.back().n_dofs
           << std::setw(7) << e.back().newton;
        for (unsigned int i = 0; i < 4; ++i)
          {
            s << std::scientific << std::setprecision(3) << std::setw(11)
              << e[n - 1].l2[i] << std::fixed << std::setprecision(2) << std::setw(6)
              << (n > 1 ? std::log2(e[n - 2].l2[i] / e[n - 1].l2[i]) : 0.0);
            s1 << std::scientific << std::setprecision(3) << std::setw(11)
               << e[n - 1].h1[i] << std::fixed << std::setprecision(2) << std::setw(6)
               << (n > 1 ? std::log2(e[n - 2].h1[i] / e[n - 1].h1[i]) : 0.0);
          }
        if (root())
          {
            if (n == 1)
              BOOST_TEST_MESSAGE(header("h"));
            BOOST_TEST_MESSAGE(s.str());
          }
        labels.push_back(s1.str());
      }
    if (root())
      {
        std::string hh = header("h");
        for (std::size_t pos; (pos = hh.find("L2 ")) != std::string::npos;)
          hh.replace(pos, 3, "H1 ");
        BOOST_TEST_MESSAGE(hh);
        for (const auto &l : labels)
          BOOST_TEST_MESSAGE(l);
        BOOST_TEST_MESSAGE("wall time " << std::fixed << std::setprecision(1)
                                        << timer.wall_time() << " s");
      }
    const std::size_t n = e.size();
    for (unsigned int i = 0; i < 4; ++i)
      {
        const double rate_l2 = std::log2(e[n - 2].l2[i] / e[n - 1].l2[i]);
        const double rate_h1 = std::log2(e[n - 2].h1[i] / e[n - 1].h1[i]);
        BOOST_TEST_CONTEXT("field " << field_names()[fields[i]])
        {
          BOOST_TEST(std::abs(rate_l2 - (degree + 1.0)) <= 0.15);
          BOOST_TEST(std::abs(rate_h1 - double(degree)) <= 0.15);
        }
      }
  }

  /// Temporal convergence in 2D with Q2 (the spatial shapes are quadratic):
  /// T = 0.4 tau, dt = T/4 .. T/32.
  void
  temporal(const unsigned int order)
  {
    constexpr int       dim = 2;
    Timer               timer;
    const Exact<dim>    exact(true);
    const double        T_end = 0.4 * tau;
    std::vector<Errors> e;
    if (root())
      {
        BOOST_TEST_MESSAGE("MMS time BDF"
                           << order << " (2D Q2, h = 1/8, g = exp(-t/tau), T = 0.4 tau), "
                           << Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD)
                           << " rank(s)");
        BOOST_TEST_MESSAGE(header("dt"));
      }
    for (unsigned int steps = 4; steps <= 32; steps *= 2)
      {
        e.push_back(run<dim>(exact, 2, 4, 1, T_end / steps, steps, order));
        const std::size_t  n = e.size();
        std::ostringstream s;
        s << std::setw(8) << ("T/" + std::to_string(steps)) << std::setw(8)
          << e.back().n_dofs << std::setw(7) << e.back().newton;
        for (unsigned int i = 0; i < 4; ++i)
          s << std::scientific << std::setprecision(3) << std::setw(11) << e[n - 1].l2[i]
            << std::fixed << std::setprecision(2) << std::setw(6)
            << (n > 1 ? std::log2(e[n - 2].l2[i] / e[n - 1].l2[i]) : 0.0);
        if (root())
          BOOST_TEST_MESSAGE(s.str());
      }
    if (root())
      BOOST_TEST_MESSAGE("wall time " << std::fixed << std::setprecision(1)
                                      << timer.wall_time() << " s");
    const std::size_t n = e.size();
    for (unsigned int i = 0; i < 4; ++i)
      {
        const double rate = std::log2(e[n - 2].l2[i] / e[n - 1].l2[i]);
        BOOST_TEST_CONTEXT("field " << field_names()[fields[i]])
        {
          BOOST_TEST(std::abs(rate - double(order)) <= 0.15);
        }
      }
  }
} // namespace

BOOST_AUTO_TEST_SUITE(mms)

BOOST_AUTO_TEST_CASE(space_2d_q1)
{
  space<2>(1, 4, 1, 4);
}
BOOST_AUTO_TEST_CASE(space_2d_q2)
{
  space<2>(2, 4, 0, 3);
}
BOOST_AUTO_TEST_CASE(space_3d_q1)
{
  space<3>(1, 4, 0, 2);
}
BOOST_AUTO_TEST_CASE(space_3d_q2)
{
  space<3>(2, 2, 0, 2);
}
BOOST_AUTO_TEST_CASE(time_bdf1)
{
  temporal(1);
}
BOOST_AUTO_TEST_CASE(time_bdf2)
{
  temporal(2);
}

BOOST_AUTO_TEST_SUITE_END()
