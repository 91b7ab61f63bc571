#ifndef MESOCELL_SIMULATION_CELL_SIMULATION_DRIVER_H
#define MESOCELL_SIMULATION_CELL_SIMULATION_DRIVER_H

// The cell simulation driver, private to source/simulation/: its bodies are
// split by phase across model.cc (model building), protocol_steps.cc (the
// ProtocolDriver the step kinds of protocol_steps/ run through, time-step
// control), output.cc (statistics, interface tables, VTU, the final
// summary) and cell_simulation.cc (run).

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>

#include <deal.II/distributed/tria.h>

#include <mesocell/core/errors.h>
#include <mesocell/core/protocol_step.h>
#include <mesocell/io/output.h>
#include <mesocell/numerics/step_controller.h>
#include <mesocell/physics/cell_mechanics.h>
#include <mesocell/physics/electrochemistry.h>
#include <mesocell/physics/interface_contact.h>
#include <mesocell/simulation/cell_simulation.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace MesoCell
{
  /**
   * @brief One electrochemistry job: builds the model from the input and the
   * mesh, sets up the physics (electrochemistry, interface contact, bulk
   * mechanics), runs the protocol step by step under the StepController and
   * writes statistics.csv, interface tables, VTU and the summary.
   */
  template <int dim>
  class CellSimulation : private ProtocolDriver
  {
  public:
    CellSimulation(const CellSimulationInput      &input,
                   const dealii::ParameterHandler &prm,
                   const RunMode                   mode,
                   dealii::TimerOutput            &timer);

    /// Run the job (or only validate it) and return its summary.
    CellSimulationSummary
    run();

  private:
    /// Where a resumed run continues: protocol step and step-size state.
    struct ResumePoint
    {
      unsigned int          protocol_step = 0;
      StepController::State controller;
    };

    // ---- model building (model.cc)
    InputError
    entry_error(const std::string &entry,
                const std::string &problem,
                const std::string &allowed) const;
    std::set<dealii::types::boundary_id>
    boundary_ids(const std::vector<std::string> &names,
                 const std::string              &subsection,
                 const std::string              &entry) const;
    void
    build_model();
    void
    assign_terminals();
    /// Every material's temperature law at the cell temperature (VTF T0,
    /// Arrhenius T > 0) as input errors naming the material.
    void
    check_temperature_laws() const;
    /// The name of boundary @p id in the mesh.
    std::string
    boundary_name(const dealii::types::boundary_id id) const;
    /// Every boundary of a terminal touches an electrode phase or carries a
    /// Li foil; else an input error naming @p entry.
    void
    check_terminal_contact(const std::set<dealii::types::boundary_id> &ids,
                           const std::string                          &entry) const;
    /// Refuse active (or lithium) regions no electron conductor connects to
    /// a terminal: their potential floats and the first solve fails.
    void
    check_electronic_connectivity();
    /// Turn the level-0 cells @p cells (and their descendants) into the
    /// electrolyte phase most of their non-conducting neighbours belong
    /// to; returns its name.
    std::string
    make_electrolyte(const std::vector<unsigned int>            &cells,
                     const std::set<dealii::types::material_id> &conducting);
    /// The OCP range of the active materials widened by 'Plausible
    /// overpotential' (plausible_voltage); a hold outside it is an input
    /// error.
    void
    voltage_window();
    /// Empty if the cell voltage is plausible, else why not.
    std::string
    implausible_voltage() const;
    /// protocol_steps.cc: a step whose cut-off is already reached says so
    /// (true: skip it).
    bool
    starts_past_end(const unsigned int k,
                    const Control      control,
                    const double       target) const;
    /// A cut-off crossed by more than the event tolerance is reported.
    void
    report_overshoot(const unsigned int k, const double dt) const;
    void
    setup_physics();
    void
    check_protocol_currents() const;
    void
    setup_bulk_mechanics();
    /// The bulk mechanics at the initial stack pressure (not on resume).
    void
    initial_mechanics();
    /// Solve and accept the bulk mechanics over @p dt, then the debonding.
    void
    update_mechanics(const double dt);
    /// The physics modules of the cell, in the order of save and load.
    std::vector<PhysicsModule<dim> *>
    physics() const;
    void
    print_cell_summary();

    // ---- protocol steps (protocol_steps.cc): the ProtocolDriver the step
    // kinds of protocol_steps/ run through
    void
    run_protocol(const std::optional<ResumePoint> &resume);
    double
    current(const ProtocolStep::Current kind, const double value) const override;
    void
    run_current(const unsigned int k, const double current) override;
    void
    run_voltage(const unsigned int k, const double voltage) override;
    void
    apply_pressure(const unsigned int k, const double pressure) override;
    void
    hot_press(const unsigned int k,
              const double       temperature,
              const double       pressure,
              const double       duration) override;
    void
    run_electrical_step(const unsigned int k, const Control control, const double target);
    bool
    attempt_step(const unsigned int k,
                 const double       target,
                 StepController    &controller,
                 StepResult        &r);
    std::string
    surface_limit(const Control control, const double target) const;
    /// Adaptive refinement (model.cc): the electrochemistry's indicator marks
    /// cells, then every physics and the interface contact state go through
    /// the triangulation's refinement together.
    void
    adapt_mesh();
    std::string
    contact_limit(const Control control, const double target, const double dt);
    [[noreturn]] void
    fail_step(const unsigned int k, const StepResult &r) const;

    // ---- checkpoints (checkpoint.cc)
    bool
    checkpoint_due();
    void
    write_checkpoint(const unsigned int k, const StepController &controller);
    ResumePoint
    read_checkpoint();
    std::string
    find_restart_set() const;

    // ---- output (output.cc)
    void
    open_statistics(const bool resumed);
    void
    record(const unsigned int protocol_index, const StepResult &r, const double dt);
    void
    print_step(const StepResult &r, const double dt) const;
    void
    write_output(const double t);
    void
    write_interface_table(const double t) const;
    void
    write_vtu(const double t);
    void
    finish();
    void
    write_timing(const bool final = true) const;

    const CellSimulationInput      &in;
    const dealii::ParameterHandler &prm;
    const RunMode                   mode;
    dealii::TimerOutput            &timer;
    const MPI_Comm                  comm;
    dealii::ConditionalOStream      pcout;
    CellSimulationSummary           summary;

    dealii::parallel::distributed::Triangulation<dim> tria;
    PreparedMesh                                      prepared;
    ElectrochemistryModel                             model;
    std::string                                       dir;

    std::unique_ptr<Electrochemistry<dim>>    cell;
    std::optional<InterfaceContactModel<dim>> contact;
    std::unique_ptr<CellMechanics<dim>>       bulk;

    double Q_nominal = 0, area = 0, x_initial = 0, x_span = 0;
    /// Plausible cell voltages [V] (model.cc: voltage_window()).
    std::pair<double, double> plausible_voltage{-1e300, 1e300};

    std::unique_ptr<CsvWriter>            csv;
    std::chrono::steady_clock::time_point start;
    /// (time, file) records of every output stream, for its .pvd file.
    std::map<std::string, std::vector<std::pair<double, std::string>>> pvd;
    unsigned int                                                       n_output = 0;

    std::chrono::steady_clock::time_point last_checkpoint;
    /// The step-size state of the protocol step a resumed run continues in
    /// (null in every other step).
    const StepController::State *resume_state = nullptr;

    double       t = 0, charge = 0;
    unsigned int step = 0, total_newton = 0, total_linear = 0;
  };
} // namespace MesoCell

#endif
