#include <mesocell/numerics/step_controller.h>

#include <algorithm>
#include <cmath>

namespace MesoCell
{
  StepController::StepController(const StepControllerSettings &settings)
    : settings(settings)
  {
  }

  void
  StepController::begin(const double t_start, const std::optional<double> length)
  {
    t_begin     = t_start;
    duration    = length;
    dt          = settings.initial_step;
    dt_previous = dt;
    in_step     = 0;
    err         = 0;
  }

  void
  StepController::propose(const double t)
  {
    last_by_time   = false;
    cutoff_reached = false;
    err            = 0;
    if (duration && t + dt >= t_begin + *duration * (1 - 1e-12))
      {
        dt           = t_begin + *duration - t;
        last_by_time = true;
      }
    attempt_order = (in_step == 0) ? 1 : settings.order;
  }

  StepController::Decision
  StepController::solver_failed()
  {
    dt *= 0.25;
    return dt < settings.minimum_step ? Decision::fail : Decision::retry;
  }

  double
  StepController::growth(const double limit) const
  {
    return std::min(limit,
                    std::max(0.2, 0.9 * std::pow(err, -1.0 / (attempt_order + 1))));
  }

  StepController::Decision
  StepController::check_error(const double predictor_difference)
  {
    err = 0;
    if (!needs_error_estimate())
      return Decision::accept;
    err = dt / (dt + dt_previous) * predictor_difference / settings.tolerance;
    if (err > 4 && dt > settings.minimum_step)
      {
        dt =
            std::max(settings.minimum_step,
                     dt * std::max(0.2, 0.9 * std::pow(err, -1.0 / (attempt_order + 1))));
        return Decision::retry;
      }
    return Decision::accept;
  }

  StepController::Decision
  StepController::check_cutoff(const double V_previous,
                               const double V,
                               const double cutoff,
                               const bool   crossed)
  {
    if (!crossed)
      return Decision::accept;
    if (std::abs(V - cutoff) > settings.voltage_event_tolerance &&
        dt > settings.minimum_step && std::abs(V - V_previous) > 0)
      {
        const double f = (cutoff - V_previous) / (V - V_previous);
        dt             = std::max(settings.minimum_step, dt * std::clamp(f, 0.02, 0.98));
        return Decision::retry;
      }
    cutoff_reached = true;
    return Decision::accept;
  }

  void
  StepController::accept()
  {
    ++in_step;
    const double g = err > 0 ? growth(2.0) : 2.0;
    dt_previous    = dt;
    dt             = std::min(settings.maximum_step, dt * g);
  }

  StepController::State
  StepController::state() const
  {
    return {dt, dt_previous, t_begin, in_step};
  }

  void
  StepController::set_state(const State &s)
  {
    dt          = s.dt;
    dt_previous = s.dt_previous;
    t_begin     = s.t_begin;
    in_step     = s.in_step;
  }
} // namespace MesoCell
