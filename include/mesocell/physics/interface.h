#ifndef MESOCELL_PHYSICS_INTERFACE_H
#define MESOCELL_PHYSICS_INTERFACE_H

#include <deal.II/base/mpi.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace MesoCell
{
  /// Result of one attempted time step of a physics.
  struct StepResult
  {
    bool         converged         = false;
    unsigned int newton_iterations = 0;
    unsigned int linear_iterations = 0;
    std::string  failure;
  };

  /// The time step a physics is asked to solve: t_{n+1} = time, dt =
  /// t_{n+1} - t_n, dt_previous = t_n - t_{n-1}, BDF order 1 or 2.
  struct TimeState
  {
    double       time = 0, dt = 0, dt_previous = 0;
    unsigned int order = 1;
  };

  /**
   * @brief Data of a restart set travelling with the triangulation: each
   * physics attaches its distributed vectors (p4est serialization through
   * parallel::distributed::SolutionTransfer, kept alive here until the
   * triangulation is saved) and stores named scalars and small tables
   * (written by rank 0, read by every rank).
   */
  struct Checkpoint
  {
    /// Named values (rank-independent).
    std::map<std::string, std::vector<double>> values;
    /// Named texts (file names of output records, ...).
    std::map<std::string, std::vector<std::string>> texts;
    /// Objects that must live until Triangulation::save() has run.
    std::vector<std::shared_ptr<void>> keep_alive;

    void
    set(const std::string &name, std::vector<double> v)
    {
      values[name] = std::move(v);
    }
    /// The values stored as @p name; throws std::out_of_range if absent.
    const std::vector<double> &
    get(const std::string &name) const
    {
      return values.at(name);
    }
  };

  /**
   * @brief The contract every physics of a cell implements
   * (electrochemistry, mechanics, conduction): set-up, one time step with
   * accept/reject, refinement in two halves around the triangulation's own
   * refinement, output and checkpoints. The driver talks to physics only
   * through this; virtual calls happen per step, never inside cell loops.
   *
   * Refinement: every physics sharing a triangulation first gets
   * prepare_for_refinement() (attach solution and history transfer), then
   * the triangulation refines once, then finish_refinement() (new DoFs,
   * interpolated state).
   *
   * Checkpoints: save() attaches vectors before Triangulation::save() and
   * fills named values; load() runs after Triangulation::load(), in the same
   * order of physics.
   */
  template <int dim>
  class PhysicsModule
  {
  public:
    virtual ~PhysicsModule() = default;

    /// Name of the physics (output stream names, messages).
    virtual std::string
    name() const = 0;
    /// Distribute DoFs, build constraints, matrices and the initial state.
    virtual void
    setup() = 0;
    /// Solve the step @p ts (not yet accepted).
    virtual StepResult
    solve_step(const TimeState &ts) = 0;
    /// Make the solved state the accepted one.
    virtual void
    accept_step() = 0;
    /// Return to the last accepted state.
    virtual void
    reject_step() = 0;
    /// Attach state and history to the triangulation's refinement.
    virtual void
    prepare_for_refinement() = 0;
    /// After refinement: new DoFs and the transferred state.
    virtual void
    finish_refinement() = 0;
    /// Write output number @p index at @p time into @p directory; returns
    /// (stream name, written master file) pairs for the pvd records.
    virtual std::vector<std::pair<std::string, std::string>>
    write_output(const std::string &directory,
                 const unsigned int index,
                 const double       time) const = 0;
    /// Attach vectors to the triangulation and store values (collective).
    virtual void
    save(Checkpoint &checkpoint) const = 0;
    /// Restore after Triangulation::load (collective).
    virtual void
    load(const Checkpoint &checkpoint) = 0;
  };
} // namespace MesoCell

#endif
