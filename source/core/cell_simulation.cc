#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/data_out_base.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>

#include <mesocell/core/cell_simulation.h>
#include <mesocell/core/errors.h>
#include <mesocell/interfaces/butler_volmer.h>
#include <mesocell/physics/cell_mechanics.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
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
                          protocol_grammar());
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
    positive_terminal  = Utilities::split_string_list(prm.get("Positive terminal"));
    negative_terminal  = Utilities::split_string_list(prm.get("Negative terminal"));
    foils              = Utilities::split_string_list(prm.get("Li foil boundaries"));
    foil_material      = prm.get("Foil material");
    temperature        = prm.get_double("Temperature");
    initial_lithiation = prm.get_double("Initial lithiation");
    contact_fraction   = prm.get_double("Contact fraction");
    double_layer       = prm.get_bool("Double layer");
    degree             = prm.get_integer("Finite element degree");
    protocol_text      = prm.get("Protocol");
    nominal_capacity   = prm.get_double("Nominal capacity");
    prm.leave_subsection();
    protocol = parse_protocol(
        protocol_text, prm_file + ": subsection 'Electrochemistry', entry 'Protocol'");
    prm.enter_subsection("Contact mechanics");
    const bool contact = prm.get_bool("Enabled");
    prm.leave_subsection();
    for (const auto &step : protocol)
      if (step.kind == ProtocolStep::Kind::impedance)
        throw InputError(
            entry_message(prm_file,
                          "Electrochemistry",
                          "Protocol",
                          "step '" + step.text +
                              "' needs the impedance solver, which this "
                              "version does not have",
                          "rest, charge, discharge, hold and pressure steps"));
      else if (!contact && (step.kind == ProtocolStep::Kind::hot_press ||
                            step.kind == ProtocolStep::Kind::stack_pressure ||
                            step.kind == ProtocolStep::Kind::release_pressure))
        throw InputError(entry_message(
            prm_file,
            "Electrochemistry",
            "Protocol",
            "step '" + step.text + "' needs the contact mechanics",
            "set 'Enabled = true' in subsection 'Contact mechanics', or rest, "
            "charge, discharge and hold steps only"));
    if (phase_materials.empty())
      throw InputError(entry_message(prm_file,
                                     "Electrochemistry",
                                     "Phase materials",
                                     "no phase given",
                                     "'phase: material' pairs, one per mesh phase"));
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
    prm.declare_entry("Linear method",
                      "automatic",
                      Patterns::Selection("automatic|direct|iterative"),
                      "Linear solver of the coupled Newton system: 'direct' (MUMPS LU), "
                      "'iterative' (GMRES with BoomerAMG) or 'automatic' (direct up to "
                      "'Direct solver limit' DoFs).");
    prm.declare_entry("Direct solver limit",
                      "20000",
                      Patterns::Integer(1),
                      "Largest system solved directly with 'automatic' [DoFs].");
    prm.declare_entry("Linear tolerance",
                      "1e-11",
                      Patterns::Double(1e-16, 1),
                      "Relative residual of the iterative linear solver [-].");
    prm.declare_entry("Linear maximum iterations",
                      "1000",
                      Patterns::Integer(1),
                      "Iterations of the iterative linear solver [-].");
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
    p.linear_method           = prm.get("Linear method");
    p.direct_limit            = prm.get_integer("Direct solver limit");
    p.linear_tolerance        = prm.get_double("Linear tolerance");
    p.linear_max_iterations   = prm.get_integer("Linear maximum iterations");
    prm.leave_subsection();
    return p;
  }

  void
  AdaptivityParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Adaptivity");
    prm.declare_entry("Interval",
                      "0",
                      Patterns::Integer(0),
                      "Adapt the mesh every this many time steps [-] (0: never).");
    prm.declare_entry("Refine fraction",
                      "0.2",
                      Patterns::Double(0, 1),
                      "Fraction of cells with the largest indicator refined [-].");
    prm.declare_entry("Coarsen fraction",
                      "0.05",
                      Patterns::Double(0, 1),
                      "Fraction of cells with the smallest indicator coarsened [-].");
    prm.declare_entry("Maximum level",
                      "2",
                      Patterns::Integer(0, 10),
                      "Largest refinement level above the coarse mesh [-].");
    prm.declare_entry("Interface level",
                      "0",
                      Patterns::Integer(0, 10),
                      "Cells at reaction interfaces are kept at least this refined [-].");
    prm.leave_subsection();
  }

  void
  AdaptivityParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Adaptivity");
    interval         = prm.get_integer("Interval");
    refine_fraction  = prm.get_double("Refine fraction");
    coarsen_fraction = prm.get_double("Coarsen fraction");
    maximum_level    = prm.get_integer("Maximum level");
    interface_level  = prm.get_integer("Interface level");
    prm.leave_subsection();
  }

  namespace
  {
    std::string
    fmt(const double x, const int precision = 6)
    {
      std::ostringstream s;
      s << std::setprecision(precision) << x;
      return s.str();
    }

    template <int dim>
    CellSimulationSummary
    run(const CellSimulationInput &in,
        const ParameterHandler    &prm,
        const RunMode              mode,
        TimerOutput               &timer)
    {
      const MPI_Comm     comm = MPI_COMM_WORLD;
      ConditionalOStream pcout(std::cout, Utilities::MPI::this_mpi_process(comm) == 0);
      const auto         entry = [&](const std::string &e,
                             const std::string &problem,
                             const std::string &allowed) {
        return InputError(
            entry_message(in.prm_file, "Electrochemistry", e, problem, allowed));
      };
      CellSimulationSummary summary;

      parallel::distributed::Triangulation<dim> tria(
          comm, Triangulation<dim>::limit_level_difference_at_vertices);
      const PreparedMesh prepared = prepare_mesh(
          in.mesh, in.geometry, in.output, prm, in.prm_file, mode, tria, timer);
      if (prepared.finished)
        return summary;
      const MeshGroups &groups = prepared.groups;

      // Phases and terminals against the mesh's groups.
      ElectrochemistryModel model;
      for (const auto &[name, material] : in.cell.phase_materials)
        {
          const auto it = groups.phases.find(name);
          if (it == groups.phases.end())
            throw entry("Phase materials",
                        "phase '" + name + "' is not a physical group of dimension " +
                            std::to_string(dim) + " in '" + prepared.mesh_file + "'",
                        "the mesh's phases: " + MeshGroups::names(groups.phases));
          model.phase_material[it->second] = in.materials.get(
              material, in.prm_file, "Electrochemistry", "Phase materials");
          model.phase_name[it->second] = name;
        }
      for (const auto &[name, id] : groups.phases)
        if (model.phase_material.count(id) == 0)
          throw entry("Phase materials",
                      "mesh phase '" + name + "' has no material",
                      "one 'phase: material' pair for each mesh phase: " +
                          MeshGroups::names(groups.phases));
      const auto terminal = [&](const std::vector<std::string> &names,
                                const std::string              &e) {
        std::set<types::boundary_id> ids;
        for (const auto &name : names)
          {
            const auto it = groups.boundaries.find(name);
            if (it == groups.boundaries.end())
              throw entry(
                  e,
                  "boundary '" + name + "' is not a physical group of dimension " +
                      std::to_string(dim - 1) + " in '" + prepared.mesh_file + "'",
                  "the mesh's boundaries: " + MeshGroups::names(groups.boundaries));
            ids.insert(it->second);
          }
        return ids;
      };
      model.positive_terminal = terminal(in.cell.positive_terminal, "Positive terminal");
      model.negative_terminal = terminal(in.cell.negative_terminal, "Negative terminal");
      if (model.positive_terminal.empty() || model.negative_terminal.empty())
        throw entry("Positive terminal",
                    "both terminals need at least one boundary group",
                    "boundary names of the mesh");
      model.foil_boundaries = terminal(in.cell.foils, "Li foil boundaries");
      for (const auto id : model.foil_boundaries)
        if (!model.positive_terminal.count(id) && !model.negative_terminal.count(id))
          throw entry(
              "Li foil boundaries",
              "a Li foil boundary is not in 'Positive terminal' or 'Negative terminal'",
              "names listed in one of the two terminals");
      model.foil = in.materials.get(
          in.cell.foil_material, in.prm_file, "Electrochemistry", "Foil material");
      if (model.foil.type != PhaseType::lithium)
        throw entry("Foil material",
                    "'" + in.cell.foil_material + "' is not a lithium metal",
                    "a material of type lithium, e.g. Li");
      model.temperature        = in.cell.temperature;
      model.contact_fraction   = in.cell.contact_fraction;
      model.double_layer       = in.cell.double_layer;
      model.degree             = in.cell.degree;
      model.initial_lithiation = in.cell.initial_lithiation;
      for (const auto &[id, m] : model.phase_material)
        if (m.type == PhaseType::active && in.cell.initial_lithiation >= 0 &&
            !(in.cell.initial_lithiation > 0 && in.cell.initial_lithiation < 1))
          throw entry(
              "Initial lithiation", "must lie strictly between 0 and 1", "(0, 1)");
      if (mode == RunMode::validate)
        {
          pcout << in.prm_file << ": parameters, mesh, materials and protocol are valid"
                << std::endl;
          return summary;
        }

      const std::string     dir = prepared.directory;
      Electrochemistry<dim> cell(tria, model, in.solver);
      // Interface contact: the Li of the gap law is the meshed Li phase if
      // there is one, else the foil.
      std::optional<InterfaceContactModel<dim>> contact;
      if (in.contact.enabled)
        {
          Material li = model.foil;
          for (const auto &[id, m] : model.phase_material)
            if (m.type == PhaseType::lithium)
              li = m;
          contact.emplace(in.contact, li, model.temperature);
          cell.set_interface_contact(
              [&](const Point<dim> &x, const Material &a, const Material &b) {
                return (*contact)(x, a, b);
              });
        }
      std::unique_ptr<CellMechanics<dim>> bulk;
      try
        {
          cell.setup();
          cell.initialize();
          const double Q_nominal = in.cell.nominal_capacity > 0 ? in.cell.nominal_capacity
                                                                : cell.nominal_capacity();
          const double area      = cell.terminal_area();
          for (const auto &ps : in.cell.protocol)
            if ((ps.current == ProtocolStep::Current::c_rate ||
                 ps.until_current == ProtocolStep::Current::c_rate) &&
                !(Q_nominal > 0))
              throw entry(
                  "Protocol",
                  "step '" + ps.text +
                      "' uses a C-rate, but the cell has no active material and no "
                      "'Nominal capacity'",
                  "a current density (mA/cm2) or current (mA), or set 'Nominal "
                  "capacity'");
          if (contact && in.contact.bulk_mechanics)
            {
              const auto ids = [&](const std::vector<std::string> &names,
                                   const std::string              &e) {
                std::set<types::boundary_id> r;
                for (const auto &name : names)
                  {
                    const auto it = groups.boundaries.find(name);
                    if (it == groups.boundaries.end())
                      throw InputError(entry_message(
                          in.prm_file,
                          "Contact mechanics",
                          e,
                          "boundary '" + name + "' is not a physical group of the mesh",
                          "the mesh's boundaries: " +
                              MeshGroups::names(groups.boundaries)));
                    r.insert(it->second);
                  }
                return r;
              };
              if (in.adaptivity.interval > 0)
                throw InputError(
                    entry_message(in.prm_file,
                                  "Contact mechanics",
                                  "Bulk mechanics",
                                  "not available with adaptive refinement yet",
                                  "'Interval = 0' in subsection Adaptivity"));
              std::set<types::material_id> contact_phases;
              for (const auto &name : in.contact.contact_phases)
                {
                  const auto it = groups.phases.find(name);
                  if (it == groups.phases.end())
                    throw InputError(entry_message(
                        in.prm_file,
                        "Contact mechanics",
                        "Contact phases",
                        "phase '" + name + "' is not a physical group of the mesh",
                        "the mesh's phases: " + MeshGroups::names(groups.phases)));
                  contact_phases.insert(it->second);
                }
              bulk = std::make_unique<CellMechanics<dim>>(
                  tria,
                  model,
                  ids(in.contact.pressure_boundaries, "Pressure boundaries"),
                  ids(in.contact.roller_boundaries, "Roller boundaries"),
                  contact_phases);
              contact->set_normal_stress(
                  [&](const Point<dim> &x) { return bulk->normal_stress(x); });
              if (!contact_phases.empty())
                contact->set_mechanical_gap(
                    [&](const Point<dim> &x) { return bulk->gap(x); });
              const MechanicsSolveInfo mi = bulk->update(cell, contact->pressure(), 0);
              contact->update_debonding();
              pcout << "Mechanics: " << bulk->mechanics().n_dofs() << " DoFs, "
                    << mi.newton_iterations << " Newton iterations at the initial stack "
                    << "pressure" << std::endl;
            }
          CellState s0 = cell.state();
          pcout << "Electrochemistry: " << cell.n_dofs() << " DoFs, "
                << tria.n_global_active_cells() << " cells, T = " << model.temperature
                << " K" << std::endl
                << "  nominal capacity " << fmt(Q_nominal / 3.6) << " mAh ("
                << fmt(Q_nominal) << " C), terminal area " << fmt(area)
                << " m^2, active mass " << fmt(s0.active_mass) << " kg" << std::endl
                << "  rest voltage " << fmt(cell.voltage(), 8) << " V" << std::endl;

          CsvWriter    csv(dir + "statistics.csv",
                        {"step",
                            "time_s",
                            "protocol_step",
                            "voltage_V",
                            "current_A",
                            "current_density_A_m2",
                            "capacity_mAh_g",
                            "capacity_mAh_cm2",
                            "charge_C",
                            "mean_lithiation",
                            "utilization",
                            "min_c_e_anode_mol_m3",
                            "mean_overpotential_V",
                            "max_overpotential_V",
                            "reaction_current_active_A",
                            "reaction_current_lithium_A",
                            "lithium_inventory_mol",
                            "newton_iterations",
                            "linear_iterations",
                            "dofs",
                            "dt_s",
                            "wall_time_s",
                            "stack_pressure_Pa",
                            "mean_contact_fraction",
                            "min_contact_fraction",
                            "open_lithium_fraction",
                            "open_active_fraction",
                            "max_interface_tension_Pa",
                            "max_gap_m"});
          const auto   start     = std::chrono::steady_clock::now();
          const double x_initial = s0.mean_lithiation;
          double       x_span    = 0;
          for (const auto &[id, m] : model.phase_material)
            if (m.type == PhaseType::active)
              x_span = m.x_discharged - m.x_charged;
          std::vector<std::pair<double, std::string>> pvd, pvd_interface, pvd_mechanics;
          unsigned int                                n_output     = 0;
          const auto                                  write_output = [&](const double t) {
            // Interface samples as a table (every quadrature point of every
            // reaction or transfer interface and foil), gathered on rank 0.
            {
              std::vector<double> local;
              cell.for_each_interface_sample([&](const InterfaceSample &x) {
                const double kind = x.transfer        ? 2
                                                                     : x.active        ? 1
                                                                     : x.terminal != 0 ? 3
                                                                                       : 0;
                // the bulk mechanics' normal stress and gap at the point
                Point<dim> xp;
                for (unsigned int d = 0; d < dim; ++d)
                  xp[d] = x.point[d];
                const double sn = bulk ? bulk->normal_stress(xp) : 0.0;
                const double gap = bulk ? bulk->gap(xp) : 0.0;
                local.insert(local.end(),
                             {x.point[0],
                              x.point[1],
                              x.point[2],
                              x.j,
                              x.j_total,
                              x.eta,
                              x.theta,
                              x.c_e,
                              x.JxW,
                              kind,
                              sn,
                              gap});
              });
              const auto all = Utilities::MPI::gather(comm, local, 0);
              if (Utilities::MPI::this_mpi_process(comm) == 0)
                {
                  std::ostringstream name;
                  name << dir << "interface_" << std::setw(4) << std::setfill('0')
                       << n_output << ".csv";
                  std::ofstream f(name.str());
                  f << "# t = " << std::setprecision(12) << t
                    << " s; kind: 0 Li, 1 active, 2 polymer|ceramic, 3 Li foil\n"
                    << "x_m,y_m,z_m,j_A_m2,j_total_A_m2,eta_V,theta,c_e_mol_m3,weight_m2,"
                                                        "kind,"
                                                        "normal_stress_Pa,mechanical_gap_m\n";
                  f << std::setprecision(12);
                  for (const auto &v : all)
                    for (unsigned int i = 0; i + 11 < v.size(); i += 12)
                      {
                        for (unsigned int k = 0; k < 12; ++k)
                          f << v[i + k] << (k < 11 ? "," : "\n");
                      }
                }
            }
            if (!in.output.write_vtu)
              {
                ++n_output;
                return;
              }
            if (bulk) // displacement, cell stresses, creep strain, phase
              pvd_mechanics.emplace_back(
                  t, bulk->mechanics().write_vtu(dir, "mechanics", n_output));
            const auto names = cell.write_vtu(dir, n_output++, t);
            pvd.emplace_back(t, names.first);
            pvd_interface.emplace_back(t, names.second);
            if (Utilities::MPI::this_mpi_process(comm) == 0)
              {
                if (bulk)
                  {
                    std::ofstream m(dir + "mechanics.pvd");
                    DataOutBase::write_pvd_record(m, pvd_mechanics);
                  }
                std::ofstream a(dir + "electrochemistry.pvd");
                DataOutBase::write_pvd_record(a, pvd);
                std::ofstream b(dir + "interface.pvd");
                DataOutBase::write_pvd_record(b, pvd_interface);
              }
          };
          write_output(0);

          double       t = 0, charge = 0;
          unsigned int total_newton = 0, total_linear = 0;
          unsigned int step   = 0;
          const auto   record = [&](const unsigned int protocol_index,
                                  const StepResult  &r,
                                  const double       dt) {
            const CellState               s  = cell.state();
            const double                  Ah = charge / 3600.0;
            const InterfaceContactSummary cs =
                contact ? contact->summary(cell) : InterfaceContactSummary();
            csv.add_row(
                {std::to_string(step),
                 CsvWriter::number(t),
                 std::to_string(protocol_index + 1),
                 CsvWriter::number(s.voltage),
                 CsvWriter::number(s.current),
                 CsvWriter::number(s.current / area),
                 CsvWriter::number(s.active_mass > 0 ? Ah * 1e3 / (s.active_mass * 1e3)
                                                     : 0),
                 CsvWriter::number(Ah * 1e3 / (area * 1e4)),
                 CsvWriter::number(charge),
                 CsvWriter::number(s.mean_lithiation),
                 CsvWriter::number(x_span > 0 ? (s.mean_lithiation - x_initial) / x_span
                                              : 0),
                 CsvWriter::number(s.min_salt_at_anode),
                 CsvWriter::number(s.mean_overpotential),
                 CsvWriter::number(s.max_overpotential),
                 CsvWriter::number(s.reaction_current_active),
                 CsvWriter::number(s.reaction_current_lithium),
                 CsvWriter::number(s.lithium_solid + s.salt),
                 std::to_string(r.newton_iterations),
                 std::to_string(r.linear_iterations),
                 std::to_string(cell.n_dofs()),
                 CsvWriter::number(dt),
                 CsvWriter::number(std::chrono::duration<double>(
                                       std::chrono::steady_clock::now() - start)
                                       .count()),
                 CsvWriter::number(contact ? contact->pressure() : 0.0),
                 CsvWriter::number(contact ? cs.mean_theta : model.contact_fraction),
                 CsvWriter::number(contact ? cs.min_theta : model.contact_fraction),
                 CsvWriter::number(cs.open_fraction),
                 CsvWriter::number(cs.open_active_fraction),
                 CsvWriter::number(bulk ? bulk->normal_stress_range().first : 0.0),
                 CsvWriter::number(cs.max_gap)});
            summary.times.push_back(t);
            summary.voltages.push_back(s.voltage);
          };
          summary.times.push_back(0);
          summary.voltages.push_back(cell.voltage());

          const auto  &p                 = in.time;
          const double lithiation_margin = 2e-3;
          for (unsigned int k = 0; k < in.cell.protocol.size(); ++k)
            {
              const ProtocolStep &ps = in.cell.protocol[k];
              if (ps.kind == ProtocolStep::Kind::hot_press ||
                  ps.kind == ProtocolStep::Kind::stack_pressure ||
                  ps.kind == ProtocolStep::Kind::release_pressure)
                {
                  pcout << "Protocol step " << k + 1 << ": " << ps.text << std::endl;
                  StepResult   none;
                  const double t_begin = t;
                  if (ps.kind == ProtocolStep::Kind::hot_press)
                    {
                      // The press acts at open circuit; the cell's own
                      // stack pressure is restored afterwards.
                      const unsigned int n = in.contact.hot_press_stages;
                      for (unsigned int i = 1; i <= n; ++i)
                        {
                          contact->hot_press(
                              ps.temperature, ps.pressure, *ps.duration * i / n);
                          t = t_begin + *ps.duration * i / n;
                          ++step;
                          record(k, none, *ps.duration / n);
                          const InterfaceContactSummary cs = contact->summary(cell);
                          pcout << "  step " << std::setw(5) << step
                                << "  t = " << std::setw(11) << fmt(t) << " s  hot press "
                                << fmt(ps.temperature - 273.15) << " C, "
                                << fmt(ps.pressure / 1e6) << " MPa: mean theta "
                                << fmt(cs.mean_theta) << ", min theta "
                                << fmt(cs.min_theta) << std::endl;
                        }
                    }
                  else
                    {
                      contact->set_pressure(ps.kind == ProtocolStep::Kind::stack_pressure
                                                ? ps.pressure
                                                : 0.0);
                      if (bulk)
                        {
                          bulk->update(cell, contact->pressure(), 0);
                          contact->update_debonding();
                        }
                      ++step;
                      record(k, none, 0);
                      const InterfaceContactSummary cs = contact->summary(cell);
                      pcout << "  step " << std::setw(5) << step << "  stack pressure "
                            << fmt(contact->pressure() / 1e6) << " MPa: mean theta "
                            << fmt(cs.mean_theta) << std::endl;
                    }
                  write_output(t);
                  continue;
                }
              const auto to_current = [&](const ProtocolStep::Current c, const double v) {
                switch (c)
                  {
                  case ProtocolStep::Current::c_rate:
                    return v * Q_nominal / 3600.0;
                  case ProtocolStep::Current::current_density:
                    return v * area;
                  default:
                    return v;
                  }
              };
              Control control = Control::current;
              double  target  = 0;
              if (ps.kind == ProtocolStep::Kind::discharge)
                target = to_current(ps.current, ps.current_value);
              else if (ps.kind == ProtocolStep::Kind::charge)
                target = -to_current(ps.current, ps.current_value);
              else if (ps.kind == ProtocolStep::Kind::hold)
                {
                  control = Control::voltage;
                  target  = ps.voltage;
                }
              const double hold_end =
                  ps.until_current != ProtocolStep::Current::none
                      ? to_current(ps.until_current, ps.until_current_value)
                      : 0.0;
              pcout << "Protocol step " << k + 1 << ": " << ps.text
                    << (control == Control::current ? " (I = " + fmt(target) + " A)" : "")
                    << std::endl;
              const double t_begin  = t;
              double       dt       = p.initial_step;
              double       dt_prev  = dt;
              unsigned int in_step  = 0;
              bool         finished = false;
              while (!finished)
                {
                  if (step >= p.maximum_steps)
                    throw SolverError("the run reached 'Maximum steps' (" +
                                      std::to_string(p.maximum_steps) +
                                      ") in protocol step '" + ps.text + "'");
                  bool last_by_time = false;
                  if (ps.duration && t + dt >= t_begin + *ps.duration * (1 - 1e-12))
                    {
                      dt           = t_begin + *ps.duration - t;
                      last_by_time = true;
                    }
                  const unsigned int order  = (in_step == 0) ? 1 : p.order;
                  const double       V_prev = cell.voltage();
                  StepResult         r;
                  {
                    TimerOutput::Scope ts(timer, "time steps");
                    r = cell.solve_step(t + dt, dt, dt_prev, order, control, target);
                  }
                  if (!r.converged)
                    {
                      cell.reject_step();
                      dt *= 0.25;
                      if (dt < p.minimum_step)
                        throw SolverError(
                            in.prm_file +
                            ": subsection 'Electrochemistry', entry 'Protocol': Newton "
                            "did not converge in protocol step " +
                            std::to_string(k + 1) + " ('" + ps.text + "') at t = " +
                            fmt(t) + " s even with the minimum time step " +
                            fmt(p.minimum_step) + " s: " + r.failure +
                            ". Results up to t = " + fmt(t) + " s are in " + dir +
                            ". Allowed: a gentler protocol step (smaller current, "
                            "higher temperature) or a smaller 'Minimum step' in "
                            "subsection Time stepping");
                      continue;
                    }
                  // Local error estimate from the predictor (not on the first two
                  // steps after a change of operation).
                  double err = 0;
                  if (in_step >= 2)
                    err = dt / (dt + dt_prev) * cell.predictor_difference(dt, dt_prev) /
                          p.tolerance;
                  if (err > 4 && dt > p.minimum_step)
                    {
                      cell.reject_step();
                      dt = std::max(
                          p.minimum_step,
                          dt * std::max(0.2, 0.9 * std::pow(err, -1.0 / (order + 1))));
                      continue;
                    }
                  // Cut-off voltage: land on it by secant steps.
                  const double V     = cell.voltage();
                  bool         event = false;
                  if (ps.until_voltage)
                    {
                      const double Vc = *ps.until_voltage;
                      const bool   crossed =
                          (ps.kind == ProtocolStep::Kind::charge) ? V >= Vc : V <= Vc;
                      if (crossed)
                        {
                          if (std::abs(V - Vc) > p.voltage_event_tolerance &&
                              dt > p.minimum_step && std::abs(V - V_prev) > 0)
                            {
                              cell.reject_step();
                              const double f = (Vc - V_prev) / (V - V_prev);
                              dt             = std::max(p.minimum_step,
                                            dt * std::clamp(f, 0.02, 0.98));
                              continue;
                            }
                          event = true;
                        }
                    }
                  // The active surface reaches full (de)lithiation before the
                  // cut-off: the step ends there (solid-diffusion limitation).
                  std::string limit;
                  if (control == Control::current && target != 0)
                    {
                      const CellState sx = cell.state();
                      if (target > 0 && sx.max_surface_lithiation > 1 - lithiation_margin)
                        limit = "the active surface is fully lithiated (x = " +
                                fmt(sx.max_surface_lithiation) + ")";
                      if (target < 0 && sx.min_surface_lithiation >= 0 &&
                          sx.min_surface_lithiation < lithiation_margin)
                        limit = "the active surface is fully delithiated (x = " +
                                fmt(sx.min_surface_lithiation) + ")";
                      event = event || !limit.empty();
                    }
                  if (control == Control::voltage &&
                      ps.until_current != ProtocolStep::Current::none &&
                      std::abs(cell.current()) <= std::abs(hold_end))
                    event = true;
                  cell.accept_step();
                  if (contact)
                    {
                      if (bulk)
                        {
                          TimerOutput::Scope ts(timer, "mechanics");
                          bulk->update(cell, contact->pressure(), dt);
                          contact->update_debonding();
                        }
                      contact->update_after_step(cell, dt);
                      const InterfaceContactSummary cs = contact->summary(cell);
                      if (cs.lithium_area > 0 && cs.open_fraction >= 0.99 &&
                          control == Control::current && target != 0)
                        {
                          limit = "contact lost: the Li interface is open over " +
                                  fmt(100 * cs.open_fraction, 3) +
                                  " % of its area (gap " + fmt(cs.max_gap) + " m)";
                          event = true;
                        }
                    }
                  charge += cell.current() * dt;
                  t += dt;
                  ++step;
                  ++in_step;
                  record(k, r, dt);
                  total_newton += r.newton_iterations;
                  total_linear += r.linear_iterations;
                  pcout << "  step " << std::setw(5) << step << "  t = " << std::setw(11)
                        << fmt(t) << " s  V = " << std::setw(10) << fmt(cell.voltage(), 7)
                        << " V  I = " << std::setw(11) << fmt(cell.current())
                        << " A  dt = " << std::setw(10) << fmt(dt) << " s  Newton "
                        << r.newton_iterations << "  linear " << r.linear_iterations
                        << std::endl;
                  finished = event || last_by_time;
                  if (!limit.empty())
                    pcout << "  protocol step " << k + 1
                          << " ends before its cut-off: " << limit << std::endl;
                  if (!finished && p.output_interval > 0 && step % p.output_interval == 0)
                    write_output(t);
                  if (!finished && in.adaptivity.interval > 0 &&
                      step % in.adaptivity.interval == 0)
                    cell.adapt_mesh(in.adaptivity.refine_fraction,
                                    in.adaptivity.coarsen_fraction,
                                    in.adaptivity.maximum_level,
                                    in.adaptivity.interface_level);
                  // Next step size.
                  const double growth =
                      err > 0
                          ? std::min(
                                2.0,
                                std::max(0.2, 0.9 * std::pow(err, -1.0 / (order + 1))))
                          : 2.0;
                  dt_prev = dt;
                  dt      = std::min(p.maximum_step, dt * growth);
                }
              write_output(t);
            }
          const CellState s = cell.state();
          pcout << "Finished: " << step << " steps, t = " << fmt(t) << " s ("
                << fmt(t / 3600) << " h), V = " << fmt(cell.voltage(), 7) << " V, charge "
                << fmt(charge / 3.6) << " mAh"
                << (s.active_mass > 0
                        ? ", " + fmt(charge / 3.6 / (s.active_mass * 1e3)) + " mAh/g"
                        : std::string())
                << ", " << cell.n_dofs() << " DoFs" << std::endl
                << "Results in "
                << std::filesystem::absolute(dir).lexically_normal().string()
                << " (statistics.csv, electrochemistry.pvd, interface.pvd)" << std::endl;
          cell.timer().print_summary();
          // Where the time went, for benchmarks: one row per phase.
          {
            const auto times =
                cell.timer().get_summary_data(TimerOutput::total_wall_time);
            const auto   calls = cell.timer().get_summary_data(TimerOutput::n_calls);
            const double assembly =
                times.count("assemble Jacobian") ? times.at("assemble Jacobian") : 0;
            const double solve =
                times.count("linear solve") ? times.at("linear solve") : 0;
            const double newton =
                calls.count("assemble Jacobian") ? calls.at("assemble Jacobian") : 0;
            const double throughput =
                (assembly + solve) > 0 ? cell.n_dofs() * newton / (assembly + solve) : 0;
            CsvWriter timing(dir + "timing.csv", {"phase", "calls", "wall_time_s"});
            for (const auto &[name, time] : times)
              timing.add_row(
                  {name, CsvWriter::number(calls.at(name)), CsvWriter::number(time)});
            if (bulk)
              {
                // the cell mechanics' own phases (setup, assembly, solve)
                auto      &mt     = bulk->mechanics().timer();
                const auto mtimes = mt.get_summary_data(TimerOutput::total_wall_time);
                const auto mcalls = mt.get_summary_data(TimerOutput::n_calls);
                for (const auto &[name, time] : mtimes)
                  timing.add_row({name,
                                  CsvWriter::number(mcalls.at(name)),
                                  CsvWriter::number(time)});
                timing.add_row({"mechanics_dofs",
                                "0",
                                CsvWriter::number(bulk->mechanics().n_dofs())});
                mt.print_summary();
              }
            timing.add_row({"dofs", "0", CsvWriter::number(cell.n_dofs())});
            timing.add_row(
                {"newton_iterations_total", "0", CsvWriter::number(total_newton)});
            timing.add_row(
                {"linear_iterations_total", "0", CsvWriter::number(total_linear)});
            timing.add_row({"dofs_per_second", "0", CsvWriter::number(throughput)});
            pcout
                << "Newton iterations " << total_newton << ", linear iterations "
                << total_linear << ", " << fmt(throughput, 4)
                << " DoFs/s (DoFs x Jacobian assemblies / (assembly + linear solve time))"
                << std::endl;
          }
          summary.steps   = step;
          summary.time    = t;
          summary.voltage = cell.voltage();
          summary.charge  = charge;
          summary.dofs    = cell.n_dofs();
          if (Utilities::MPI::this_mpi_process(comm) == 0)
            {
              std::ofstream used(dir + "parameters.prm");
              prm.print_parameters(used, ParameterHandler::PRM);
            }
          return summary;
        }
      catch (...)
        {
          cell.discard_timer();
          throw;
        }
    }
  } // namespace

  template <int dim>
  CellSimulationSummary
  run_cell_simulation(const CellSimulationInput &input,
                      const ParameterHandler    &prm,
                      const RunMode              mode)
  {
    std::optional<TimerOutput> timer;
    timer.emplace(MPI_COMM_WORLD, std::cout, TimerOutput::never, TimerOutput::wall_times);
    try
      {
        return run<dim>(input, prm, mode, *timer);
      }
    catch (...)
      {
        timer.reset();
        throw;
      }
  }

  template CellSimulationSummary
  run_cell_simulation<2>(const CellSimulationInput &,
                         const ParameterHandler &,
                         const RunMode);
  template CellSimulationSummary
  run_cell_simulation<3>(const CellSimulationInput &,
                         const ParameterHandler &,
                         const RunMode);
} // namespace MesoCell
