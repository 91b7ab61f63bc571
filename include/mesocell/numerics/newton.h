#ifndef MESOCELL_NUMERICS_NEWTON_H
#define MESOCELL_NUMERICS_NEWTON_H

#include <functional>
#include <string>

namespace MesoCell
{
  /**
   * @brief Settings of NewtonSolver: iteration limit, backtracking line
   * search and the stagnation rule.
   */
  struct NewtonControl
  {
    /// Newton iterations before the solve is declared failed [-].
    unsigned int max_iterations = 25;
    /// With a line search, a trial step lambda = 1, 1/2, ..., 2^-line_search_steps
    /// is accepted when the residual can be evaluated and either the merit
    /// decreased sufficiently, merit <= (1 - sufficient_decrease lambda)
    /// merit_0 (Armijo), or the update is already below the tolerances.
    /// Without, every step is taken in full.
    bool         line_search         = true;
    unsigned int line_search_steps   = 8;
    double       sufficient_decrease = 1e-4;
    /// When no trial step is accepted but the scaled update is below this,
    /// the iteration has stagnated at round-off: the full step is taken and
    /// the solve is converged if the residual can be evaluated there. Only
    /// with an update norm; 0 switches the rule off.
    double stagnation_update_norm = 1e3;
    /// Inexact Newton (Eisenstat and Walker 1996, choice 2): the relative
    /// tolerance of linear solve k is eta_k = 0.9 (merit_k / merit_k-1)^2,
    /// safeguarded by 0.9 eta_k-1^2 when that exceeds 0.1, within
    /// [forcing_min, forcing_max]. Needs NewtonSolver::set_linear_tolerance.
    bool   inexact     = false;
    double forcing_max = 0.1;
    double forcing_min = 1e-11;
    /// Stop on the estimated remaining error instead of waiting for an
    /// update below the tolerances (as stiff integrators do, Hairer and
    /// Wanner, Solving ODEs II, IV.8): with theta = |dx_k| / |dx_k-1| the
    /// contraction of two consecutive full steps (scaled update norms) and
    /// theta <= max_contraction, Newton's superlinear convergence makes the
    /// next update, the error left after step k, about theta^2 |dx_k|;
    /// converged when theta^2 / (1 - theta) |dx_k| is below 1. Saves the
    /// last, confirming iteration. Needs an update norm.
    bool   contraction_estimate = false;
    double max_contraction      = 0.5;
  };

  /// What a residual evaluation returns: the merit (a norm of the residual,
  /// minimised by the line search) and, optionally, the tolerance of a
  /// residual convergence test merit <= tolerance (negative: no such test).
  struct NewtonResidual
  {
    double merit     = 0;
    double tolerance = -1;
    /// Whether the physics allows the contraction stop here (e.g. a
    /// galvanostatic constraint met to round-off, which the estimate of the
    /// update does not see).
    bool contraction_stop_allowed = true;

    bool
    converged() const
    {
      return tolerance >= 0 && merit <= tolerance;
    }
  };

  /// The iterate as seen by the active-set hook.
  struct NewtonIterate
  {
    unsigned int   iteration = 0; ///< 0: the initial guess, k: after the k-th step
    NewtonResidual residual;
    double         update_norm = -1; ///< scaled update of the last step; -1: none yet
  };

  /// Why a Newton solve stopped without converging.
  enum class NewtonFailure
  {
    none,           ///< converged
    residual,       ///< the residual at the initial guess could not be evaluated
    linear_solver,  ///< the linearised system could not be solved
    line_search,    ///< no acceptable step (or a domain error at every trial)
    max_iterations, ///< not converged in NewtonControl::max_iterations
  };

  /// Statistics and outcome of one Newton solve.
  struct NewtonStatistics
  {
    bool           converged            = false;
    unsigned int   newton_iterations    = 0; ///< steps taken (accepted or not)
    unsigned int   linear_iterations    = 0; ///< summed over successful linear solves
    unsigned int   line_search_halvings = 0; ///< rejected trial steps
    NewtonResidual residual;                 ///< at the last evaluated state
    double         update_norm  = -1;        ///< of the last step
    NewtonFailure  failure_kind = NewtonFailure::none;
    /// Message of the failure; also the last domain error met during the
    /// solve (kept when a halved step rescued it, cleared on convergence).
    std::string failure;
  };

  /**
   * @brief The one Newton loop of the physics: damped Newton with a
   * backtracking line search, an update-size and/or a residual convergence
   * test, and a hook for semismooth (active-set) methods.
   *
   * The problem is given as callbacks (called a few times per iteration, so
   * std::function costs nothing next to an assembly):
   *
   * - residual(r, message): evaluate the residual at the current iterate,
   *   set r.merit (and r.tolerance for a residual test). Return false with
   *   @p message when the state is outside the laws' range (a domain error,
   *   e.g. c <= 0): the line search then halves the step.
   * - solve_linearized(linear_iterations, message): linearise at the current
   *   iterate (or use the Jacobian assembled with the residual), solve for
   *   the update and remember the iterate it starts from. Return false with
   *   @p message if the linear solver failed.
   * - apply_step(lambda): iterate = (iterate at linearisation) + lambda update.
   * - update_norm() (optional): size of the last update scaled by the
   *   tolerances, so that < 1 means converged (e.g. max |d phi| / tol_phi
   *   and max |dc| / (c_ref tol_c)).
   * - update_active_set(iterate) (optional): semismooth Newton; called at the
   *   initial guess (iteration 0, changes ignored) and after every accepted
   *   step, before the convergence test; returns the number of changes of
   *   the active set. Convergence requires none.
   *
   * One iteration: solve_linearized, update_norm, the line search (apply_step
   * and residual for lambda = 1, 1/2, ...), update_active_set, then the test:
   * converged when every test that is used passes: update_norm() < 1 (with an
   * update norm), residual.converged() (with a residual tolerance) and no
   * active-set change.
   */
  class NewtonSolver
  {
  public:
    std::function<bool(NewtonResidual &r, std::string &message)>        residual;
    std::function<bool(unsigned int &iterations, std::string &message)> solve_linearized;
    std::function<void(double lambda)>                                  apply_step;
    std::function<double()>                                             update_norm;
    /// Optional: the relative tolerance of the next linear solve (inexact).
    std::function<void(double rtol)>                   set_linear_tolerance;
    std::function<unsigned int(const NewtonIterate &)> update_active_set;

    /// Run Newton from the current iterate of the problem.
    NewtonStatistics
    solve(const NewtonControl &control) const;

    /// The forcing term (linear relative tolerance) of Newton iteration
    /// @p iteration, see NewtonControl::inexact.
    static double
    forcing(const NewtonControl &control,
            const unsigned int   iteration,
            const double         merit,
            const double         merit_previous,
            const double         eta_previous);

    /// The stop rule of NewtonControl::contraction_estimate for a full
    /// step of scaled size @p norm after one of @p norm_previous (<= 0:
    /// none): theta^2 / (1 - theta) norm < 1 with theta <= max_contraction.
    static bool
    small_by_contraction(const NewtonControl &control, double norm, double norm_previous);

  private:
    /// The line search of one step: true if a trial step was accepted.
    bool
    line_search(const NewtonControl &control, double norm, NewtonStatistics &s) const;
    bool
    evaluate(NewtonStatistics &s) const;
  };
} // namespace MesoCell

#endif
