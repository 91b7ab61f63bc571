#ifndef MESOCELL_SIMULATION_CELL_SIMULATION_H
#define MESOCELL_SIMULATION_CELL_SIMULATION_H

#include <deal.II/base/parameter_handler.h>

#include <mesocell/core/protocol.h>
#include <mesocell/geometry/generators.h>
#include <mesocell/geometry/mesh_import.h>
#include <mesocell/geometry/mesh_setup.h>
#include <mesocell/io/output.h>
#include <mesocell/materials/library.h>
#include <mesocell/numerics/adaptivity.h>
#include <mesocell/numerics/step_controller.h>
#include <mesocell/physics/electrochemistry.h>
#include <mesocell/physics/interface_contact.h>

#include <map>
#include <string>
#include <vector>

namespace MesoCell
{
  /// @brief Subsection Electrochemistry: phases, terminals, operation.
  struct ElectrochemistryParameters
  {
    std::map<std::string, std::string> phase_materials;
    std::vector<std::string>           positive_terminal, negative_terminal, foils;
    /// What to do with electronically isolated regions: refuse|electrolyte
    std::string  isolated_regions        = "refuse";
    std::string  foil_material           = "Li";
    double       temperature             = 333.15;
    double       initial_lithiation      = -1;
    double       contact_fraction        = 1;
    bool         double_layer            = false;
    double       plausible_overpotential = 1.5; ///< margin of the voltage window [V]
    unsigned int degree                  = 1;
    std::string  protocol_text;
    std::vector<ProtocolStep> protocol;
    double                    nominal_capacity = 0;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file);
  };

  /// @brief Subsection Time stepping.
  struct TimeSteppingParameters
  {
    unsigned int order                   = 2;
    double       initial_step            = 1;
    double       minimum_step            = 1e-6;
    double       maximum_step            = 600;
    double       tolerance               = 1e-3;
    double       voltage_event_tolerance = 1e-4;
    unsigned int maximum_steps           = 100000;
    unsigned int output_interval         = 0;

    /// The settings of the step-size control.
    StepControllerSettings
    controller_settings() const
    {
      return {order,
              initial_step,
              minimum_step,
              maximum_step,
              tolerance,
              voltage_event_tolerance};
    }

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file);
  };

  /// @brief Subsection Nonlinear solver (declares NonlinearSolverParameters).
  void
  declare_nonlinear_solver_parameters(dealii::ParameterHandler &prm);
  NonlinearSolverParameters
  parse_nonlinear_solver_parameters(dealii::ParameterHandler &prm,
                                    const std::string        &prm_file);

  /// @brief Subsection Checkpoint: restart sets written during a run.
  struct CheckpointParameters
  {
    unsigned int interval_steps   = 0; ///< every this many time steps (0: never)
    double       interval_minutes = 0; ///< and/or every this many wall minutes (0: never)

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm);
  };

  /// Everything the electrochemistry job reads from a parameter file.
  struct CellSimulationInput
  {
    std::string                prm_file;
    MeshParameters             mesh;
    GeneratorParameters        geometry;
    MaterialLibrary            materials;
    ElectrochemistryParameters cell;
    TimeSteppingParameters     time;
    NonlinearSolverParameters  solver;
    AdaptivityParameters       adaptivity;
    OutputParameters           output;
    ContactMechanicsParameters contact;
    CheckpointParameters       checkpoint;
  };

  /// Checks that join subsections (protocol steps against the contact
  /// mechanics); throws InputError.
  void
  check_cell_simulation_input(const CellSimulationInput &input);

  /// Summary of a finished run (for tests and the final report).
  struct CellSimulationSummary
  {
    unsigned int                    steps = 0;
    double                          time = 0, voltage = 0, charge = 0; ///< [s], [V], [C]
    std::vector<double>             times, voltages; ///< every accepted step
    dealii::types::global_dof_index dofs = 0;
  };

  /**
   * @brief The electrochemistry job: a cell (half cell with a Li foil, full
   * cell with meshed Li, symmetric cells) run through its protocol with
   * adaptive BDF time steps, cut-off events, adaptive refinement, a
   * statistics CSV per step and VTU output.
   */
  template <int dim>
  CellSimulationSummary
  run_cell_simulation(const CellSimulationInput      &input,
                      const dealii::ParameterHandler &prm,
                      const RunMode                   mode);
} // namespace MesoCell

#endif
