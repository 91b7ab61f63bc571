// Cell simulation, protocol steps: the ProtocolDriver the step kinds of
// protocol_steps/ run through: pressure operations (hot press, stack
// pressure) and electrical operations (current, voltage) with the adaptive
// time-step control, cut-off events and end conditions.
#include <mesocell/core/errors.h>

#include "cell_simulation_driver.h"

#include <iomanip>
#include <sstream>

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    std::string
    fmt(const double x, const int precision = 6)
    {
      std::ostringstream s;
      s << std::setprecision(precision) << x;
      return s.str();
    }

    /// A (de)lithiation limit of the active surface ends a step this close
    /// to x = 0 or 1 [-].
    constexpr double lithiation_margin = 2e-3;
  } // namespace

  template <int dim>
  void
  CellSimulation<dim>::run_protocol(const std::optional<ResumePoint> &resume)
  {
    const unsigned int first = resume ? resume->protocol_step : 0;
    for (unsigned int k = first; k < in.cell.protocol.size(); ++k)
      {
        const ProtocolStep &ps = in.cell.protocol[k];
        resume_state           = (resume && k == first) ? &resume->controller : nullptr;
        ps.type->run(*this, ps, k);
        resume_state = nullptr;
        write_output(t);
      }
  }

  template <int dim>
  void
  CellSimulation<dim>::hot_press(const unsigned int k,
                                 const double       temperature,
                                 const double       pressure,
                                 const double       duration)
  {
    // The press acts at open circuit; the cell's own stack pressure is
    // restored afterwards.
    pcout << "Protocol step " << k + 1 << ": " << in.cell.protocol[k].text << std::endl;
    const double       t_begin = t;
    const unsigned int n       = in.contact.hot_press_stages;
    for (unsigned int i = 1; i <= n; ++i)
      {
        contact->hot_press(temperature, pressure, duration * i / n);
        t = t_begin + duration * i / n;
        ++step;
        record(k, StepResult(), duration / n);
        const InterfaceContactSummary cs = contact->summary(*cell);
        pcout << "  step " << std::setw(5) << step << "  t = " << std::setw(11) << fmt(t)
              << " s  hot press " << fmt(temperature - 273.15) << " C, "
              << fmt(pressure / 1e6) << " MPa: mean theta " << fmt(cs.mean_theta)
              << ", min theta " << fmt(cs.min_theta) << std::endl;
      }
  }

  template <int dim>
  void
  CellSimulation<dim>::apply_pressure(const unsigned int k, const double pressure)
  {
    pcout << "Protocol step " << k + 1 << ": " << in.cell.protocol[k].text << std::endl;
    contact->set_pressure(pressure);
    if (bulk)
      update_mechanics(0);
    ++step;
    record(k, StepResult(), 0);
    const InterfaceContactSummary cs = contact->summary(*cell);
    pcout << "  step " << std::setw(5) << step << "  stack pressure "
          << fmt(contact->pressure() / 1e6) << " MPa: mean theta " << fmt(cs.mean_theta)
          << std::endl;
  }

  template <int dim>
  double
  CellSimulation<dim>::current(const ProtocolStep::Current kind, const double value) const
  {
    switch (kind)
      {
      case ProtocolStep::Current::c_rate:
        return value * Q_nominal / 3600.0;
      case ProtocolStep::Current::current_density:
        return value * area;
      default:
        return value;
      }
  }

  template <int dim>
  void
  CellSimulation<dim>::run_current(const unsigned int k, const double current)
  {
    run_electrical_step(k, Control::current, current);
  }

  template <int dim>
  void
  CellSimulation<dim>::run_voltage(const unsigned int k, const double voltage)
  {
    run_electrical_step(k, Control::voltage, voltage);
  }

  template <int dim>
  std::string
  CellSimulation<dim>::surface_limit(const Control control, const double target) const
  {
    // The active surface reaches full (de)lithiation before the cut-off: the
    // step ends there (solid-diffusion limitation).
    std::string limit;
    if (control == Control::current && target != 0)
      {
        const CellState sx = cell->state();
        if (target > 0 && sx.max_surface_lithiation > 1 - lithiation_margin)
          limit = "the active surface is fully lithiated (x = " +
                  fmt(sx.max_surface_lithiation) + ")";
        if (target < 0 && sx.min_surface_lithiation >= 0 &&
            sx.min_surface_lithiation < lithiation_margin)
          limit = "the active surface is fully delithiated (x = " +
                  fmt(sx.min_surface_lithiation) + ")";
      }
    return limit;
  }

  template <int dim>
  std::string
  CellSimulation<dim>::contact_limit(const Control control,
                                     const double  target,
                                     const double  dt)
  {
    if (bulk)
      {
        TimerOutput::Scope ts(timer, "mechanics");
        update_mechanics(dt);
      }
    contact->update_after_step(*cell, dt);
    const InterfaceContactSummary cs = contact->summary(*cell);
    if (cs.lithium_area > 0 && cs.open_fraction >= 0.99 && control == Control::current &&
        target != 0)
      return "contact lost: the Li interface is open over " +
             fmt(100 * cs.open_fraction, 3) + " % of its area (gap " + fmt(cs.max_gap) +
             " m)";
    return "";
  }

  template <int dim>
  void
  CellSimulation<dim>::fail_step(const unsigned int k, const StepResult &r) const
  {
    const ProtocolStep &ps = in.cell.protocol[k];
    throw SolverError(in.prm_file +
                      ": subsection 'Electrochemistry', entry 'Protocol': Newton "
                      "did not converge in protocol step " +
                      std::to_string(k + 1) + " ('" + ps.text + "') at t = " + fmt(t) +
                      " s even with the minimum time step " + fmt(in.time.minimum_step) +
                      " s: " + r.failure + ". Results up to t = " + fmt(t) +
                      " s are in " + dir +
                      ". Allowed: a gentler protocol step (smaller current, "
                      "higher temperature) or a smaller 'Minimum step' in "
                      "subsection Time stepping");
  }

  template <int dim>
  bool
  CellSimulation<dim>::attempt_step(const unsigned int k,
                                    const double       target,
                                    StepController    &controller,
                                    StepResult        &r)
  {
    const ProtocolStep &ps     = in.cell.protocol[k];
    const double        dt     = controller.step();
    const double        V_prev = cell->voltage();
    {
      TimerOutput::Scope ts(timer, "time steps");
      r = cell->solve_step(
          TimeState{t + dt, dt, controller.previous_step(), controller.order()});
    }
    if (!r.converged)
      {
        cell->reject_step();
        if (controller.solver_failed() == StepController::Decision::fail)
          fail_step(k, r);
        return false;
      }
    // Plausibility: an unphysical voltage is retried with smaller steps, then
    // reported as what it is (not as a result).
    if (const std::string why = implausible_voltage(); !why.empty())
      {
        cell->reject_step();
        if (controller.solver_failed() == StepController::Decision::fail)
          throw InputError(in.prm_file +
                           ": subsection 'Electrochemistry', entry 'Protocol': protocol "
                           "step " +
                           std::to_string(k + 1) + " ('" + ps.text +
                           "') at t = " + fmt(t) + " s: " + why +
                           ". Results up to t = " + fmt(t) + " s are in " + dir +
                           ". Allowed: a smaller current, a higher temperature or a "
                           "more conductive electrolyte; or a larger 'Plausible "
                           "overpotential' in subsection Electrochemistry");
        return false;
      }
    // Local error estimate from the predictor (not on the first two steps
    // after a change of operation).
    const double difference =
        controller.needs_error_estimate()
            ? cell->predictor_difference(dt, controller.previous_step())
            : 0.0;
    if (controller.check_error(difference) == StepController::Decision::retry)
      {
        cell->reject_step();
        return false;
      }
    // Cut-off voltage: land on it by secant steps (crossed upwards when
    // charging, downwards otherwise).
    if (ps.until_voltage)
      {
        const double V     = cell->voltage();
        const bool crossed = target < 0 ? V >= *ps.until_voltage : V <= *ps.until_voltage;
        if (controller.check_cutoff(V_prev, V, *ps.until_voltage, crossed) ==
            StepController::Decision::retry)
          {
            cell->reject_step();
            return false;
          }
      }
    return true;
  }

  template <int dim>
  bool
  CellSimulation<dim>::starts_past_end(const unsigned int k,
                                       const Control      control,
                                       const double       target) const
  {
    const ProtocolStep &ps = in.cell.protocol[k];
    if (!ps.until_voltage || control != Control::current || target == 0)
      return false;
    const double V    = cell->voltage();
    const bool   past = target < 0 ? V >= *ps.until_voltage : V <= *ps.until_voltage;
    if (past)
      pcout << "  protocol step " << k + 1 << " starts past its cut-off: V = " << fmt(V)
            << " V is already " << (target < 0 ? "above " : "below ")
            << fmt(*ps.until_voltage) << " V; nothing to do" << std::endl;
    return past;
  }

  template <int dim>
  void
  CellSimulation<dim>::report_overshoot(const unsigned int k, const double dt) const
  {
    const ProtocolStep &ps = in.cell.protocol[k];
    if (!ps.until_voltage)
      return;
    const double V = cell->voltage(), tolerance = in.time.voltage_event_tolerance;
    const bool   crossed = cell->current() < 0 ? V > *ps.until_voltage + tolerance
                                               : V < *ps.until_voltage - tolerance;
    if (crossed)
      pcout << "  protocol step " << k + 1 << ": the cut-off " << fmt(*ps.until_voltage)
            << " V was overshot by " << fmt(std::abs(V - *ps.until_voltage))
            << " V within a step of " << fmt(dt)
            << " s (the minimum step, or the voltage jumps: the polarisation at this "
               "current exceeds the distance to the cut-off)"
            << std::endl;
  }

  template <int dim>
  void
  CellSimulation<dim>::run_electrical_step(const unsigned int k,
                                           const Control      control,
                                           const double       target)
  {
    const ProtocolStep          &ps     = in.cell.protocol[k];
    const StepController::State *resume = resume_state;
    const double hold_end               = ps.until_current != ProtocolStep::Current::none
                                              ? current(ps.until_current, ps.until_current_value)
                                              : 0.0;
    pcout << "Protocol step " << k + 1 << ": " << ps.text
          << (control == Control::current ? " (I = " + fmt(target) + " A)" : "")
          << (resume ? " (resumed at t = " + fmt(t) + " s)" : "") << std::endl;
    if (!resume && starts_past_end(k, control, target))
      return;
    cell->set_operation(control, target);
    StepController controller(in.time.controller_settings());
    controller.begin(resume ? resume->t_begin : t, ps.duration);
    if (resume)
      controller.set_state(*resume);
    bool finished = false;
    while (!finished)
      {
        if (step >= in.time.maximum_steps)
          throw SolverError("the run reached 'Maximum steps' (" +
                            std::to_string(in.time.maximum_steps) +
                            ") in protocol step '" + ps.text + "'");
        controller.propose(t);
        const double dt = controller.step();
        StepResult   r;
        if (!attempt_step(k, target, controller, r))
          continue;
        std::string limit = surface_limit(control, target);
        bool        event = controller.event() || !limit.empty();
        if (control == Control::voltage &&
            ps.until_current != ProtocolStep::Current::none &&
            std::abs(cell->current()) <= std::abs(hold_end))
          event = true;
        cell->accept_step();
        if (contact)
          {
            const std::string lost = contact_limit(control, target, dt);
            if (!lost.empty())
              {
                limit = lost;
                event = true;
              }
          }
        charge += cell->current() * dt;
        t += dt;
        ++step;
        record(k, r, dt);
        total_newton += r.newton_iterations;
        total_linear += r.linear_iterations;
        print_step(r, dt);
        finished = event || controller.ends_by_time();
        report_overshoot(k, dt);
        if (!limit.empty())
          pcout << "  protocol step " << k + 1 << " ends before its cut-off: " << limit
                << std::endl;
        if (!finished && in.time.output_interval > 0 &&
            step % in.time.output_interval == 0)
          write_output(t);
        if (!finished && in.adaptivity.interval > 0 && step % in.adaptivity.interval == 0)
          adapt_mesh();
        controller.accept();
        if (!finished && checkpoint_due())
          write_checkpoint(k, controller);
      }
  }

  // Explicit instantiation of the members defined in this file.
#define MESOCELL_INSTANTIATE(dim)                                                        \
  template void CellSimulation<dim>::run_protocol(const std::optional<ResumePoint> &);   \
  template void CellSimulation<dim>::hot_press(                                          \
      const unsigned int, const double, const double, const double);                     \
  template void   CellSimulation<dim>::apply_pressure(const unsigned int, const double); \
  template double CellSimulation<dim>::current(const ProtocolStep::Current,              \
                                               const double) const;                      \
  template void   CellSimulation<dim>::run_current(const unsigned int, const double);    \
  template void   CellSimulation<dim>::run_voltage(const unsigned int, const double);    \
  template std::string CellSimulation<dim>::surface_limit(const Control, const double)   \
      const;                                                                             \
  template std::string CellSimulation<dim>::contact_limit(                               \
      const Control, const double, const double);                                        \
  template void CellSimulation<dim>::fail_step(const unsigned int, const StepResult &)   \
      const;                                                                             \
  template bool CellSimulation<dim>::attempt_step(                                       \
      const unsigned int, const double, StepController &, StepResult &);                 \
  template bool CellSimulation<dim>::starts_past_end(                                    \
      const unsigned int, const Control, const double) const;                            \
  template void CellSimulation<dim>::report_overshoot(const unsigned int, const double)  \
      const;                                                                             \
  template void CellSimulation<dim>::run_electrical_step(                                \
      const unsigned int, const Control, const double);
  MESOCELL_INSTANTIATE(2)
  MESOCELL_INSTANTIATE(3)
#undef MESOCELL_INSTANTIATE
} // namespace MesoCell
