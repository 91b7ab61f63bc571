// The Newton layer (numerics/newton.h) without finite elements: quadratic
// convergence on a small system with a known root, the line search rescuing
// an overshooting full step (atan x = 0 from x0 = 2), a domain error handled
// by a halved step, the semismooth active-set hook, a residual convergence
// test, and every way of not converging reported with its reason.
#include <mesocell/numerics/newton.h>

#include <boost/test/unit_test.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <iomanip>
#include <sstream>
#include <vector>

using namespace MesoCell;

BOOST_TEST_DONT_PRINT_LOG_VALUE(MesoCell::NewtonFailure)

namespace
{
  /**
   * A problem F(x) = 0 in R^N with a dense Jacobian, bound to the
   * NewtonSolver callbacks: the update size is max |dx| / tolerance;
   * F returns false outside its domain. Records the iterates at which it
   * was linearised.
   */
  template <int N>
  struct System
  {
    using Vector   = std::array<double, N>;
    using Matrix   = std::array<Vector, N>;
    using Function = std::function<bool(const Vector &, Vector &)>;
    using Jacobian = std::function<void(const Vector &, Matrix &)>;

    Function            f;
    Jacobian            jacobian;
    Vector              x{}, start{}, dx{};
    double              tolerance     = 1e-12;
    unsigned int        domain_errors = 0;
    std::vector<Vector> linearized_at;

    NewtonSolver
    solver()
    {
      NewtonSolver s;
      s.residual = [this](NewtonResidual &r, std::string &message) {
        Vector F;
        if (!f(x, F))
          {
            ++domain_errors;
            message = "outside the domain";
            return false;
          }
        double m = 0;
        for (const double v : F)
          m += v * v;
        r.merit = std::sqrt(m);
        return true;
      };
      s.solve_linearized = [this](unsigned int &iterations, std::string &message) {
        linearized_at.push_back(x);
        Vector F;
        Matrix J;
        f(x, F);
        jacobian(x, J);
        if (!solve(J, F))
          {
            message = "singular Jacobian";
            return false;
          }
        start      = x;
        iterations = 1;
        return true;
      };
      s.apply_step = [this](const double lambda) {
        for (int i = 0; i < N; ++i)
          x[i] = start[i] + lambda * dx[i];
      };
      s.update_norm = [this]() {
        double m = 0;
        for (const double d : dx)
          m = std::max(m, std::abs(d));
        return m / tolerance;
      };
      return s;
    }

    /// dx = -J^{-1} F by Gaussian elimination with partial pivoting.
    bool
    solve(Matrix J, Vector F)
    {
      for (int k = 0; k < N; ++k)
        {
          int p = k;
          for (int i = k + 1; i < N; ++i)
            if (std::abs(J[i][k]) > std::abs(J[p][k]))
              p = i;
          if (!(std::abs(J[p][k]) > 0) || !std::isfinite(J[p][k]))
            return false;
          std::swap(J[k], J[p]);
          std::swap(F[k], F[p]);
          for (int i = k + 1; i < N; ++i)
            {
              const double l = J[i][k] / J[k][k];
              for (int j = k; j < N; ++j)
                J[i][j] -= l * J[k][j];
              F[i] -= l * F[k];
            }
        }
      for (int k = N - 1; k >= 0; --k)
        {
          double s = -F[k];
          for (int j = k + 1; j < N; ++j)
            s -= J[k][j] * dx[j];
          dx[k] = s / J[k][k];
        }
      return true;
    }
  };

  /// A scalar equation f(x) = 0 with derivative df; f returns false (a
  /// domain error) when f is undefined.
  System<1>
  scalar(const std::function<bool(double, double &)> &f,
         const std::function<double(double)>         &df,
         const double                                 x0)
  {
    System<1> s;
    s.f = [f](const System<1>::Vector &x, System<1>::Vector &F) { return f(x[0], F[0]); };
    s.jacobian = [df](const System<1>::Vector &x, System<1>::Matrix &J) {
      J[0][0] = df(x[0]);
    };
    s.x[0] = x0;
    return s;
  }

  /// x^2 + y^2 = 4, x y = 1 from (3, 1.5); root() is its solution
  /// x = (sqrt 6 + sqrt 2)/2, y = (sqrt 6 - sqrt 2)/2.
  System<2>
  circle_and_hyperbola()
  {
    System<2> p;
    p.f = [](const System<2>::Vector &x, System<2>::Vector &F) {
      F = {{x[0] * x[0] + x[1] * x[1] - 4, x[0] * x[1] - 1}};
      return true;
    };
    p.jacobian = [](const System<2>::Vector &x, System<2>::Matrix &J) {
      J[0] = {{2 * x[0], 2 * x[1]}};
      J[1] = {{x[1], x[0]}};
    };
    p.x = {{3.0, 1.5}};
    return p;
  }

  const System<2>::Vector circle_and_hyperbola_root = {
      {(std::sqrt(6.) + std::sqrt(2.)) / 2, (std::sqrt(6.) - std::sqrt(2.)) / 2}};
} // namespace

BOOST_AUTO_TEST_SUITE(newton)

BOOST_AUTO_TEST_CASE(quadratic_convergence)
{
  System<2>               p    = circle_and_hyperbola();
  const System<2>::Vector root = circle_and_hyperbola_root;
  const NewtonStatistics  s    = p.solver().solve(NewtonControl());
  BOOST_TEST(s.converged);
  BOOST_TEST(s.failure.empty());
  BOOST_TEST(s.line_search_halvings == 0u); // full steps near the root
  BOOST_TEST(s.linear_iterations == s.newton_iterations);
  p.linearized_at.push_back(p.x);
  std::vector<double> e;
  for (const auto &x : p.linearized_at)
    e.push_back(std::max(std::abs(x[0] - root[0]), std::abs(x[1] - root[1])));
  std::ostringstream msg;
  msg << "Newton on x^2 + y^2 = 4, xy = 1 from (3, 1.5): " << s.newton_iterations
      << " iterations\n   k   error       e_k/e_(k-1)^2";
  for (unsigned int k = 0; k < e.size(); ++k)
    {
      msg << "\n  " << std::setw(2) << k << "  " << std::scientific
          << std::setprecision(3) << e[k];
      if (k > 0 && e[k - 1] > 1e-7)
        {
          const double ratio = e[k] / (e[k - 1] * e[k - 1]);
          msg << "  " << ratio;
          BOOST_TEST(ratio < 1.0); // 0.21, 0.34, 0.40, 0.41
        }
    }
  BOOST_TEST_MESSAGE(msg.str());
  BOOST_TEST(e.back() < 1e-14);
  BOOST_TEST(s.newton_iterations <= 8u);
}

// The contraction estimate stops one iteration before the update falls
// below the tolerance, and the error of the state it stops at is still below
// the tolerance (quadratic convergence makes theta/(1-theta)|dx| an upper
// bound of the remaining error).
BOOST_AUTO_TEST_CASE(contraction_estimate_saves_the_confirming_iteration)
{
  const System<2>::Vector root = circle_and_hyperbola_root;
  for (const double tolerance : {1e-4, 1e-7, 1e-10})
    {
      unsigned int iterations[2];
      double       error[2];
      for (const bool estimate : {false, true})
        {
          System<2> p = circle_and_hyperbola();
          p.tolerance = tolerance;
          NewtonControl control;
          control.contraction_estimate = estimate;
          const NewtonStatistics s     = p.solver().solve(control);
          BOOST_TEST(s.converged);
          iterations[estimate] = s.newton_iterations;
          error[estimate] =
              std::max(std::abs(p.x[0] - root[0]), std::abs(p.x[1] - root[1]));
        }
      BOOST_TEST_MESSAGE("tolerance " << tolerance << ": " << iterations[0]
                                      << " iterations, error " << error[0]
                                      << "; with the contraction estimate "
                                      << iterations[1] << ", error " << error[1]);
      BOOST_TEST(iterations[1] + 1 == iterations[0]);
      BOOST_TEST(error[1] < tolerance);
    }
}

BOOST_AUTO_TEST_CASE(line_search_rescues_overshoot)
{
  // atan x = 0 from x0 = 2: the full Newton step overshoots to -3.5 and
  // diverges; the halving line search converges.
  const auto f = [](const double x, double &F) {
    F = std::atan(x);
    return true;
  };
  const auto df = [](const double x) { return 1 / (1 + x * x); };

  System<1>     full = scalar(f, df, 2.0);
  NewtonControl no_line_search;
  no_line_search.line_search    = false;
  no_line_search.max_iterations = 10;
  const NewtonStatistics d      = full.solver().solve(no_line_search);
  BOOST_TEST(!d.converged);
  BOOST_TEST(d.failure_kind != NewtonFailure::none);
  BOOST_TEST(!d.failure.empty());
  BOOST_TEST(full.linearized_at.at(1)[0] < -3.0); // the overshoot

  System<1>              damped = scalar(f, df, 2.0);
  const NewtonStatistics s      = damped.solver().solve(NewtonControl());
  BOOST_TEST_MESSAGE("atan x = 0 from 2: " << s.newton_iterations << " iterations, "
                                           << s.line_search_halvings
                                           << " halvings, x = " << damped.x[0]);
  BOOST_TEST(s.converged);
  BOOST_TEST(s.line_search_halvings >= 1u);
  BOOST_TEST(std::abs(damped.x[0]) < 1e-12);
}

BOOST_AUTO_TEST_CASE(domain_error_halves_the_step)
{
  // ln x = 0 from x0 = 3: the full step goes to x = 3 - 3 ln 3 < 0, where the
  // residual is undefined; the halved step x = 1.35 is taken.
  System<1> p = scalar(
      [](const double x, double &F) {
        if (!(x > 0))
          return false;
        F = std::log(x);
        return true;
      },
      [](const double x) { return 1 / x; },
      3.0);
  const NewtonStatistics s = p.solver().solve(NewtonControl());
  BOOST_TEST(s.converged);
  BOOST_TEST(p.domain_errors == 1u);
  BOOST_TEST(s.line_search_halvings == 1u);
  BOOST_TEST(p.linearized_at.at(1)[0] == 3 - 1.5 * std::log(3.0),
             boost::test_tools::tolerance(1e-15));
  BOOST_TEST(s.failure.empty()); // the rescued domain error is not a failure
  BOOST_TEST(std::abs(p.x[0] - 1) < 1e-12);
}

BOOST_AUTO_TEST_CASE(active_set_hook)
{
  // A linear equation converges in one step, but the active set changes in
  // the first two steps: three iterations; the hook also sees the initial guess.
  System<1> p = scalar(
      [](const double x, double &F) {
        F = 2 * x - 1;
        return true;
      },
      [](const double) { return 2.0; },
      0.0);
  NewtonSolver              solver = p.solver();
  std::vector<unsigned int> seen;
  solver.update_active_set = [&seen](const NewtonIterate &it) {
    seen.push_back(it.iteration);
    return it.iteration == 0 ? 5u : it.iteration < 3 ? 1u : 0u;
  };
  const NewtonStatistics s = solver.solve(NewtonControl());
  BOOST_TEST(s.converged);
  BOOST_TEST(s.newton_iterations == 3u);
  BOOST_TEST(seen == std::vector<unsigned int>({0, 1, 2, 3}));
}

BOOST_AUTO_TEST_CASE(residual_test)
{
  // Without an update norm, full steps and convergence on the residual
  // alone (as the mechanics): x^2 = 2 to |F| <= 1e-10.
  System<1> p = scalar(
      [](const double x, double &F) {
        F = x * x - 2;
        return true;
      },
      [](const double x) { return 2 * x; },
      1.0);
  NewtonSolver solver = p.solver();
  solver.update_norm  = nullptr;
  const auto base     = solver.residual;
  solver.residual     = [base](NewtonResidual &r, std::string &m) {
    const bool ok = base(r, m);
    r.tolerance   = 1e-10;
    return ok;
  };
  NewtonControl control;
  control.line_search      = false;
  const NewtonStatistics s = solver.solve(control);
  BOOST_TEST(s.converged);
  BOOST_TEST(s.residual.merit <= 1e-10);
  BOOST_TEST(s.newton_iterations == 4u); // |F| = 0.25, 6.9e-3, 6.0e-6, 4.5e-12
  BOOST_TEST(std::abs(p.x[0] - std::sqrt(2.0)) < 1e-11); // |F| / (2 sqrt 2)
}

BOOST_AUTO_TEST_CASE(failures_reported)
{
  const auto square = [](const double x, double &F) {
    F = x * x;
    return true;
  };
  const auto d_square = [](const double x) { return 2 * x; };

  // x^2 = 0 converges only linearly (a double root): 5 iterations are not enough.
  System<1>     slow = scalar(square, d_square, 1.0);
  NewtonControl five;
  five.max_iterations      = 5;
  const NewtonStatistics a = slow.solver().solve(five);
  BOOST_TEST(!a.converged);
  BOOST_TEST(a.failure_kind == NewtonFailure::max_iterations);
  BOOST_TEST(a.failure == "no convergence in 5 Newton iterations");
  BOOST_TEST(a.newton_iterations == 5u);
  BOOST_TEST(std::abs(slow.x[0] - 1. / 32) < 1e-15);

  // x^2 + 1 = 0 has no root: the line search finds no decrease of |F| near 0.
  const auto shifted = [](const double x, double &F) {
    F = x * x + 1;
    return true;
  };
  System<1>              none = scalar(shifted, d_square, 0.5);
  const NewtonStatistics b    = none.solver().solve(NewtonControl());
  BOOST_TEST(!b.converged);
  BOOST_TEST(b.failure_kind == NewtonFailure::line_search);
  BOOST_TEST(b.failure == "the line search found no decrease of the residual");
  BOOST_TEST(b.line_search_halvings >= 9u);

  // ... and from x0 = 0 the Jacobian is singular.
  System<1>              flat = scalar(shifted, d_square, 0.0);
  const NewtonStatistics c    = flat.solver().solve(NewtonControl());
  BOOST_TEST(c.failure_kind == NewtonFailure::linear_solver);
  BOOST_TEST(c.failure == "singular Jacobian");
  BOOST_TEST(c.newton_iterations == 0u);

  // The initial guess outside the domain.
  System<1> outside = scalar(
      [](const double x, double &F) {
        if (!(x > 0))
          return false;
        F = std::log(x);
        return true;
      },
      [](const double x) { return 1 / x; },
      -1.0);
  const NewtonStatistics e = outside.solver().solve(NewtonControl());
  BOOST_TEST(e.failure_kind == NewtonFailure::residual);
  BOOST_TEST(e.failure == "outside the domain");

  // A domain error at every trial step is reported as such.
  System<1> wall = scalar(
      [](const double x, double &F) {
        if (x < 0.999)
          return false;
        F = x;
        return true;
      },
      [](const double) { return 1.0; },
      1.0);
  wall.tolerance           = 1e-30; // no stagnation rule
  const NewtonStatistics g = wall.solver().solve(NewtonControl());
  BOOST_TEST(g.failure_kind == NewtonFailure::line_search);
  BOOST_TEST(g.failure == "outside the domain");
}

// Eisenstat-Walker forcing (choice 2, safeguarded), the values by hand:
// eta_0 = forcing_max; eta_k = 0.9 (r_k / r_k-1)^2; when 0.9 eta_k-1^2 > 0.1
// it is the floor; clipped to [forcing_min, forcing_max].
BOOST_AUTO_TEST_CASE(eisenstat_walker_forcing)
{
  NewtonControl c;
  c.forcing_max = 0.5;
  c.forcing_min = 1e-8;
  BOOST_TEST(NewtonSolver::forcing(c, 0, 1.0, 1.0, 0.0) == 0.5);
  // quadratic decrease: 0.9 (0.01)^2 = 9e-5; previous eta small, no floor
  BOOST_TEST(NewtonSolver::forcing(c, 1, 0.01, 1.0, 1e-3) == 9e-5,
             boost::test_tools::tolerance(1e-12));
  // safeguard: 0.9 * 0.5^2 = 0.225 > 0.1 lifts 9e-5 to 0.225
  BOOST_TEST(NewtonSolver::forcing(c, 1, 0.01, 1.0, 0.5) == 0.225,
             boost::test_tools::tolerance(1e-12));
  // clipped above (no decrease: 0.9) and below (1e-12 -> forcing_min)
  BOOST_TEST(NewtonSolver::forcing(c, 2, 1.0, 1.0, 1e-3) == 0.5);
  BOOST_TEST(NewtonSolver::forcing(c, 2, 1e-6, 1.0, 1e-3) == 1e-8);
  // inexact Newton on the quadratic problem still converges: the linear
  // tolerance requested falls with the residual
  std::vector<double> requested;
  NewtonSolver        s;
  double              x = 3.0, dx = 0;
  s.residual = [&](NewtonResidual &r, std::string &) {
    r.merit     = std::abs(x * x - 4);
    r.tolerance = 1e-12;
    return true;
  };
  double start       = x;
  s.solve_linearized = [&](unsigned int &its, std::string &) {
    dx    = -(x * x - 4) / (2 * x);
    start = x;
    its   = 1;
    return true;
  };
  s.apply_step           = [&](const double lambda) { x = start + lambda * dx; };
  s.set_linear_tolerance = [&](const double eta) { requested.push_back(eta); };
  NewtonControl control;
  control.inexact     = true;
  control.forcing_min = 1e-10;
  const auto stats    = s.solve(control);
  BOOST_TEST(stats.converged);
  BOOST_TEST(std::abs(x - 2) < 1e-10);
  BOOST_TEST(requested.size() == stats.newton_iterations);
  BOOST_TEST(requested.front() == control.forcing_max);
  BOOST_TEST(requested.back() < requested.front());
}

BOOST_AUTO_TEST_SUITE_END()
