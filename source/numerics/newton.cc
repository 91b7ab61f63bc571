#include <mesocell/numerics/newton.h>

#include <algorithm>
#include <cmath>

namespace MesoCell
{
  bool
  NewtonSolver::evaluate(NewtonStatistics &s) const
  {
    NewtonResidual r;
    std::string    message;
    if (!residual(r, message))
      {
        s.failure = message;
        return false;
      }
    s.residual = r;
    return true;
  }

  bool
  NewtonSolver::line_search(const NewtonControl &control,
                            const double         norm,
                            NewtonStatistics    &s) const
  {
    const double       merit0 = s.residual.merit;
    const bool         small  = update_norm && norm < 1;
    const unsigned int steps  = control.line_search ? control.line_search_steps : 0;
    double             lambda = 1;
    for (unsigned int ls = 0; ls <= steps; ++ls, lambda *= 0.5)
      {
        apply_step(lambda);
        if (evaluate(s) &&
            (!control.line_search ||
             s.residual.merit <= (1 - control.sufficient_decrease * lambda) * merit0 ||
             small))
          return true;
        ++s.line_search_halvings;
      }
    return false;
  }

  double
  NewtonSolver::forcing(const NewtonControl &control,
                        const unsigned int   iteration,
                        const double         merit,
                        const double         merit_previous,
                        const double         eta_previous)
  {
    double eta = control.forcing_max;
    if (iteration > 0 && merit_previous > 0)
      {
        eta                    = 0.9 * std::pow(merit / merit_previous, 2);
        const double safeguard = 0.9 * eta_previous * eta_previous;
        if (safeguard > 0.1)
          eta = std::max(eta, safeguard);
      }
    return std::max(control.forcing_min, std::min(eta, control.forcing_max));
  }

  bool
  NewtonSolver::small_by_contraction(const NewtonControl &control,
                                     const double         norm,
                                     const double         norm_previous)
  {
    if (!control.contraction_estimate || !(norm_previous > 0))
      return false;
    const double theta = norm / norm_previous;
    return theta <= control.max_contraction && theta * theta / (1 - theta) * norm < 1;
  }

  NewtonStatistics
  NewtonSolver::solve(const NewtonControl &control) const
  {
    NewtonStatistics s;
    if (!evaluate(s))
      {
        s.failure_kind = NewtonFailure::residual;
        return s;
      }
    NewtonIterate iterate;
    if (update_active_set)
      {
        iterate.residual = s.residual;
        update_active_set(iterate);
      }
    const auto converge = [&s]() {
      s.converged    = true;
      s.failure_kind = NewtonFailure::none;
      s.failure.clear();
      return s;
    };
    double eta = control.forcing_max, merit_previous = s.residual.merit;
    // scaled update of the last full step (-1: none), for the contraction
    double full_norm_previous = -1;
    for (unsigned int it = 0; it < control.max_iterations; ++it)
      {
        if (control.inexact && set_linear_tolerance)
          {
            eta            = forcing(control, it, s.residual.merit, merit_previous, eta);
            merit_previous = s.residual.merit;
            set_linear_tolerance(eta);
          }
        unsigned int linear_iterations = 0;
        std::string  message;
        if (!solve_linearized(linear_iterations, message))
          {
            s.failure      = message;
            s.failure_kind = NewtonFailure::linear_solver;
            return s;
          }
        s.linear_iterations += linear_iterations;
        const double norm            = update_norm ? update_norm() : -1;
        s.update_norm                = norm;
        const unsigned int halvings  = s.line_search_halvings;
        const bool         accepted  = line_search(control, norm, s);
        const bool         full_step = accepted && s.line_search_halvings == halvings;
        ++s.newton_iterations;
        if (!accepted && update_norm && norm < control.stagnation_update_norm)
          {
            // Stagnation at round-off: the update is within the factor of
            // the tolerances and the merit cannot decrease any more (e.g. a
            // terminal current that is a sum of cancelling fluxes). Take the
            // full step and stop.
            apply_step(1.0);
            if (evaluate(s))
              return converge();
          }
        if (!accepted)
          {
            if (s.failure.empty())
              s.failure = "the line search found no decrease of the residual";
            s.failure_kind = NewtonFailure::line_search;
            return s;
          }
        unsigned int changes = 0;
        if (update_active_set)
          {
            iterate.iteration   = it + 1;
            iterate.residual    = s.residual;
            iterate.update_norm = norm;
            changes             = update_active_set(iterate);
          }
        const bool update_small =
            !update_norm || norm < 1 ||
            (full_step && s.residual.contraction_stop_allowed &&
             small_by_contraction(control, norm, full_norm_previous));
        full_norm_previous        = full_step ? norm : -1;
        const bool residual_small = s.residual.tolerance < 0 || s.residual.converged();
        if (update_small && residual_small && changes == 0)
          return converge();
      }
    s.failure = "no convergence in " + std::to_string(control.max_iterations) +
                " Newton iterations";
    s.failure_kind = NewtonFailure::max_iterations;
    return s;
  }
} // namespace MesoCell
