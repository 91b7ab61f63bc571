// Parameters of the cell simulation: subsections Electrochemistry, Time
// stepping and Nonlinear solver, and the checks that join them (Adaptivity:
// numerics/adaptivity.cc).
#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>
#include <mesocell/core/protocol_step.h>
#include <mesocell/simulation/cell_simulation.h>

#include <sstream>

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    Patterns::Map
    name_map()
    {
      return Patterns::Map(Patterns::Anything(),
                           Patterns::Anything(),
                           0,
                           Patterns::Map::max_int_value,
                           ",",
                           ":");
    }
  } // namespace

  void
  ElectrochemistryParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Electrochemistry");
    prm.declare_entry(
        "Phase materials",
        "",
        name_map(),
        "Material of every mesh phase, as 'phase: material' pairs, e.g. "
        "'pillar: NMC811, matrix: PEO-LiTFSI'. The material's type (active, "
        "polymer, ceramic, conductor, lithium) decides the fields of the phase; "
        "materials and their values are in subsection Materials.");
    prm.declare_entry(
        "Positive terminal",
        "collector",
        Patterns::List(Patterns::Anything()),
        "Boundary groups at the cell voltage V: the positive current collector "
        "(phi_s = V on solid faces) or a Li foil electrode at potential V on "
        "electrolyte faces (symmetric cells).");
    prm.declare_entry(
        "Negative terminal",
        "anode",
        Patterns::List(Patterns::Anything()),
        "Boundary groups at 0 V (the reference): a Li foil on electrolyte faces "
        "(half cell) or the negative collector on solid faces (meshed Li or host).");
    prm.declare_entry(
        "Isolated regions",
        "refuse",
        Patterns::Selection("refuse|electrolyte"),
        "Active or lithium regions that no electron conductor connects to a "
        "terminal (their potential floats): 'refuse' stops before the first "
        "step naming them; 'electrolyte' turns them into the electrolyte phase "
        "around them (inactive; reported with their volume), e.g. the slivers "
        "of particles cut by the lateral faces of a generated composite.");
    prm.declare_entry(
        "Li foil boundaries",
        "anode",
        Patterns::List(Patterns::Anything()),
        "Terminal boundaries whose electrolyte faces are Li foil electrodes "
        "(Butler-Volmer with phi_s at the terminal's potential); electrolyte "
        "faces of other terminal boundaries are blocking (a collector touching "
        "the electrolyte).");
    prm.declare_entry("Foil material",
                      "Li",
                      Patterns::Anything(),
                      "Material of Li foil electrodes on electrolyte faces of a terminal "
                      "(its exchange current densities, film resistance, double-layer "
                      "capacitance).");
    prm.declare_entry(
        "Temperature",
        "333.15",
        Patterns::Double(150, 600),
        "Cell temperature [K], uniform and constant; enters every Arrhenius/VTF "
        "law.");
    prm.declare_entry(
        "Initial lithiation",
        "-1",
        Patterns::Double(-1, 1),
        "Initial lithiation x = c_s/c_s,max of the active phases [-]; a negative "
        "value means each material's 'Lithiation when charged'.");
    prm.declare_entry(
        "Contact fraction",
        "1",
        Patterns::Double(1e-6, 1),
        "Contact fraction theta of every reaction interface [-]; scales the "
        "exchange current and film conductance (contact mechanics will compute "
        "it).");
    prm.declare_entry(
        "Plausible overpotential",
        "1.5",
        Patterns::Double(1e-3, 1e3),
        "Plausibility guard [V]: a run stops with an error naming the likely "
        "cause when the cell voltage leaves the window [min OCP - this, max OCP + "
        "this] of its active materials between their charged and discharged "
        "lithiation (0 V for Li metal only), instead of reporting an unphysical "
        "voltage as a result.");
    prm.declare_entry(
        "Double layer",
        "false",
        Patterns::Bool(),
        "Include double-layer charging C_dl d(phi_s - phi_l)/dt at reaction "
        "interfaces.");
    prm.declare_entry("Finite element degree",
                      "1",
                      Patterns::Integer(1, 2),
                      "Polynomial degree of the Lagrange elements of every field [-].");
    prm.declare_entry("Protocol",
                      "Discharge at C/5 until 3.0 V",
                      Patterns::Anything(),
                      "Operating protocol: steps in plain words separated by ';'. " +
                          protocol_grammar() + ". " + protocol_documentation());
    prm.declare_entry(
        "Nominal capacity",
        "0",
        Patterns::Double(0),
        "Capacity that defines C-rates [A s]; 0 means the theoretical capacity "
        "of the active phases between their charged and discharged lithiation.");
    prm.leave_subsection();
  }

  void
  ElectrochemistryParameters::parse_parameters(ParameterHandler  &prm,
                                               const std::string &prm_file)
  {
    prm.enter_subsection("Electrochemistry");
    phase_materials.clear();
    for (const std::string &pair :
         Utilities::split_string_list(prm.get("Phase materials"), ','))
      {
        const auto parts          = Utilities::split_string_list(pair, ':');
        phase_materials[parts[0]] = parts[1];
      }
    positive_terminal       = Utilities::split_string_list(prm.get("Positive terminal"));
    negative_terminal       = Utilities::split_string_list(prm.get("Negative terminal"));
    foils                   = Utilities::split_string_list(prm.get("Li foil boundaries"));
    isolated_regions        = prm.get("Isolated regions");
    foil_material           = prm.get("Foil material");
    temperature             = prm.get_double("Temperature");
    initial_lithiation      = prm.get_double("Initial lithiation");
    contact_fraction        = prm.get_double("Contact fraction");
    plausible_overpotential = prm.get_double("Plausible overpotential");
    double_layer            = prm.get_bool("Double layer");
    degree                  = prm.get_integer("Finite element degree");
    protocol_text           = prm.get("Protocol");
    nominal_capacity        = prm.get_double("Nominal capacity");
    prm.leave_subsection();
    const std::string where =
        prm_file + ": subsection 'Electrochemistry', entry 'Protocol'";
    try
      {
        protocol = parse_protocol(protocol_text, where);
      }
    catch (const std::logic_error &e) // std::stod/stoi: out of range
      {
        throw InputError(where + ": a number in '" + protocol_text +
                         "' cannot be read (" + e.what() +
                         "): it is outside the range of double precision numbers "
                         "(magnitudes about 1e-308 to 1e308) or of a count. Allowed: "
                         "numbers of a sensible size, e.g. 'Discharge at 1C until 3 V'");
      }
    if (phase_materials.empty())
      throw InputError(entry_message(prm_file,
                                     "Electrochemistry",
                                     "Phase materials",
                                     "no phase given",
                                     "'phase: material' pairs, one per mesh phase"));
  }

  void
  check_cell_simulation_input(const CellSimulationInput &in)
  {
    const ProtocolContext context{in.prm_file, in.contact.enabled};
    double                timed = 0; // [s] of the steps with a duration
    for (const auto &step : in.cell.protocol)
      {
        step.type->check(step, context);
        if (step.type->time_stepped() && step.duration)
          timed += *step.duration;
      }
    // Feasibility: the timed steps need at least duration / 'Maximum step'
    // time steps.
    if (timed / in.time.maximum_step > in.time.maximum_steps)
      {
        std::ostringstream problem;
        problem << "its timed steps last " << timed << " s in all, at least "
                << timed / in.time.maximum_step
                << " time steps of at most 'Maximum step' = " << in.time.maximum_step
                << " s, more than 'Maximum steps' = " << in.time.maximum_steps
                << " (subsection Time stepping)";
        throw InputError(entry_message(in.prm_file,
                                       "Electrochemistry",
                                       "Protocol",
                                       problem.str(),
                                       "shorter steps, or a larger 'Maximum step' or "
                                       "'Maximum steps' in subsection Time stepping"));
      }
  }

  void
  TimeSteppingParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Time stepping");
    prm.declare_entry("Scheme",
                      "BDF2",
                      Patterns::Selection("BDF1|BDF2"),
                      "Time integration: backward Euler (BDF1) or variable-step BDF2.");
    prm.declare_entry("Initial step",
                      "1",
                      Patterns::Double(1e-12),
                      "First time step of every protocol step [s].");
    prm.declare_entry("Minimum step",
                      "1e-6",
                      Patterns::Double(1e-15),
                      "Smallest time step before a step is declared failed [s].");
    prm.declare_entry(
        "Maximum step", "600", Patterns::Double(1e-12), "Largest time step [s].");
    prm.declare_entry(
        "Tolerance",
        "1e-3",
        Patterns::Double(1e-12, 1),
        "Local error tolerance of the step-size control [-]: concentrations "
        "relative to their reference, potentials in V.");
    prm.declare_entry(
        "Voltage event tolerance",
        "1e-4",
        Patterns::Double(1e-12, 1),
        "A cut-off voltage is reached when the voltage is within this of it [V].");
    prm.declare_entry("Maximum steps",
                      "100000",
                      Patterns::Integer(1),
                      "Largest number of time steps of the run [-].");
    prm.declare_entry(
        "Output interval",
        "0",
        Patterns::Integer(0),
        "Write VTU every this many steps [-] (0: only at the start and at the "
        "end of each protocol step).");
    prm.leave_subsection();
  }

  void
  TimeSteppingParameters::parse_parameters(ParameterHandler  &prm,
                                           const std::string &prm_file)
  {
    prm.enter_subsection("Time stepping");
    order                   = prm.get("Scheme") == "BDF1" ? 1 : 2;
    initial_step            = prm.get_double("Initial step");
    minimum_step            = prm.get_double("Minimum step");
    maximum_step            = prm.get_double("Maximum step");
    tolerance               = prm.get_double("Tolerance");
    voltage_event_tolerance = prm.get_double("Voltage event tolerance");
    maximum_steps           = prm.get_integer("Maximum steps");
    output_interval         = prm.get_integer("Output interval");
    prm.leave_subsection();
    if (minimum_step > initial_step || initial_step > maximum_step)
      throw InputError(entry_message(prm_file,
                                     "Time stepping",
                                     "Initial step",
                                     "the steps are not ordered",
                                     "Minimum step <= Initial step <= Maximum step"));
  }

  void
  declare_nonlinear_solver_parameters(ParameterHandler &prm)
  {
    const NonlinearSolverParameters d;
    prm.enter_subsection("Nonlinear solver");
    prm.declare_entry("Maximum iterations",
                      std::to_string(d.max_iterations),
                      Patterns::Integer(1),
                      "Newton iterations per time step [-].");
    prm.declare_entry(
        "Potential tolerance",
        "1e-9",
        Patterns::Double(1e-15),
        "Newton converges when every potential update is below this [V] ...");
    prm.declare_entry("Concentration tolerance",
                      "1e-9",
                      Patterns::Double(1e-15),
                      "... and every concentration update relative to its reference "
                      "concentration below this [-].");
    prm.declare_entry(
        "Line search steps",
        "8",
        Patterns::Integer(0, 30),
        "Halvings of the Newton step allowed by the backtracking line search [-].");
    prm.declare_entry("Inexact Newton",
                      d.inexact ? "true" : "false",
                      Patterns::Bool(),
                      "Iterative linear solver: solve each Newton system only as "
                      "accurately as the Newton iteration needs (Eisenstat-Walker "
                      "forcing, relative tolerance between 'Linear tolerance' and "
                      "0.1) instead of to 'Linear tolerance' every time.");
    prm.declare_entry("Extrapolated initial guess",
                      d.extrapolate ? "true" : "false",
                      Patterns::Bool(),
                      "Start Newton from the linear extrapolation of the last two "
                      "time steps (the predictor of the step-size controller; "
                      "within a protocol step under current control, with BDF2) "
                      "instead of from the last step.");
    prm.declare_entry("Contraction estimate",
                      d.contraction_estimate ? "true" : "false",
                      Patterns::Bool(),
                      "Converge when the error left after a Newton update, "
                      "estimated from the contraction theta of the last two full "
                      "updates as theta^2 / (1 - theta) times the last update "
                      "(theta <= 0.5), is below the tolerances, instead of "
                      "waiting for an update below them: saves the last, "
                      "confirming iteration of a step.");
    LinearSystemParameters::declare_entries(prm, d.linear, "coupled Newton system");
    prm.leave_subsection();
  }

  NonlinearSolverParameters
  parse_nonlinear_solver_parameters(ParameterHandler &prm, const std::string &)
  {
    NonlinearSolverParameters p;
    prm.enter_subsection("Nonlinear solver");
    p.max_iterations          = prm.get_integer("Maximum iterations");
    p.potential_tolerance     = prm.get_double("Potential tolerance");
    p.concentration_tolerance = prm.get_double("Concentration tolerance");
    p.line_search_steps       = prm.get_integer("Line search steps");
    p.inexact                 = prm.get_bool("Inexact Newton");
    p.extrapolate             = prm.get_bool("Extrapolated initial guess");
    p.contraction_estimate    = prm.get_bool("Contraction estimate");
    p.linear.parse_entries(prm);
    prm.leave_subsection();
    return p;
  }

  void
  CheckpointParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Checkpoint");
    prm.declare_entry("Interval steps",
                      "0",
                      Patterns::Integer(0),
                      "Write a restart set every this many time steps [-] (0: not by "
                      "steps). 'mesocell --resume FILE.prm' continues the run from "
                      "the last one in the output directory.");
    prm.declare_entry("Interval minutes",
                      "0",
                      Patterns::Double(0),
                      "Write a restart set when this much wall time [min] has passed "
                      "since the last one (0: not by time).");
    prm.leave_subsection();
  }

  void
  CheckpointParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Checkpoint");
    interval_steps   = prm.get_integer("Interval steps");
    interval_minutes = prm.get_double("Interval minutes");
    prm.leave_subsection();
  }
} // namespace MesoCell
