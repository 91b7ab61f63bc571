#ifndef MESOCELL_NUMERICS_STEP_CONTROLLER_H
#define MESOCELL_NUMERICS_STEP_CONTROLLER_H

#include <optional>
#include <string>

namespace MesoCell
{
  /// @brief Settings of the adaptive time-step control (subsection Time stepping).
  struct StepControllerSettings
  {
    unsigned int order                   = 2;    ///< 1 (BDF1) or 2 (BDF2)
    double       initial_step            = 1;    ///< [s]
    double       minimum_step            = 1e-6; ///< [s]
    double       maximum_step            = 600;  ///< [s]
    double       tolerance               = 1e-3; ///< local error tolerance [-]
    double       voltage_event_tolerance = 1e-4; ///< [V]
  };

  /**
   * @brief The time-step controller of one protocol step: proposes a step,
   * judges the attempt (accept, retry with a smaller step, fail) and chooses
   * the next step size. Free of finite elements, so its decisions are
   * unit-tested on scripted sequences.
   *
   * Rules (doc/model.md section 6):
   * - every protocol step starts with 'Initial step' and BDF1; BDF2 (if
   *   chosen) from its second step on;
   * - a step that would pass the end of a timed protocol step is shortened
   *   to land on it;
   * - a solver failure retries with a quarter of the step, and fails below
   *   'Minimum step';
   * - from the third step on, the local error err = dt/(dt + dt_prev) *
   *   |x - x_pred| / tolerance (x_pred the linear extrapolation) rejects the
   *   step when err > 4 and sets the next step by dt (0.9 err^(-1/(p+1)))
   *   within [0.2, 2] of the last;
   * - a voltage cut-off crossed by more than 'Voltage event tolerance'
   *   retries with the secant step (clamped to [0.02, 0.98] of dt).
   */
  class StepController
  {
  public:
    enum class Decision
    {
      accept, ///< the attempt stands (as far as this check goes)
      retry,  ///< reject it and try again with step()
      fail    ///< reject it: no smaller step is allowed
    };

    explicit StepController(const StepControllerSettings &settings);

    /// Start a protocol step at time @p t_begin, timed by @p duration [s] if given.
    void
    begin(const double t_begin, const std::optional<double> duration);

    /// Propose the next attempt from time @p t: sets step(), order() and
    /// whether it ends the protocol step by time.
    void
    propose(const double t);

    double
    step() const
    {
      return dt;
    }
    double
    previous_step() const
    {
      return dt_previous;
    }
    unsigned int
    order() const
    {
      return attempt_order;
    }
    /// The proposed step lands on the end of a timed protocol step.
    bool
    ends_by_time() const
    {
      return last_by_time;
    }
    /// Accepted steps in this protocol step.
    unsigned int
    steps_taken() const
    {
      return in_step;
    }

    /// The nonlinear solver failed on the attempt: quarter the step.
    Decision
    solver_failed();

    /// Whether the attempt needs a local error estimate (from the third step).
    bool
    needs_error_estimate() const
    {
      return in_step >= 2;
    }

    /// Judge the attempt by the largest scaled difference between the solved
    /// state and its linear extrapolation (Electrochemistry::predictor_difference).
    Decision
    check_error(const double predictor_difference);

    /**
     * Judge a voltage cut-off @p cutoff [V]: @p crossed says whether the
     * voltage @p V of the attempt is past it, @p V_previous is the voltage
     * before. Returns retry with the secant step when it overshot by more than
     * the event tolerance; sets event() when the cut-off is reached.
     */
    Decision
    check_cutoff(const double V_previous,
                 const double V,
                 const double cutoff,
                 const bool   crossed);

    /// The cut-off of the protocol step is reached by the accepted attempt.
    bool
    event() const
    {
      return cutoff_reached;
    }

    /// The attempt was accepted: choose the next step size.
    void
    accept();

    /// Scaled local error of the last judged attempt (0 before the third step).
    double
    error() const
    {
      return err;
    }

    /// Step-size state, for checkpoints.
    struct State
    {
      double       dt = 0, dt_previous = 0, t_begin = 0;
      unsigned int in_step = 0;
    };
    State
    state() const;
    void
    set_state(const State &s);

  private:
    double
    growth(const double limit) const;

    StepControllerSettings settings;
    std::optional<double>  duration;
    double                 t_begin = 0, dt = 0, dt_previous = 0, err = 0;
    unsigned int           in_step = 0, attempt_order = 1;
    bool                   last_by_time = false, cutoff_reached = false;
  };
} // namespace MesoCell

#endif
