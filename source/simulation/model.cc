// Cell simulation, model building: phases and terminals against the mesh,
// the physics (electrochemistry, interface contact, bulk mechanics) set up.
#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/report.h>

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
  } // namespace

  template <int dim>
  CellSimulation<dim>::CellSimulation(const CellSimulationInput &input,
                                      const ParameterHandler    &prm,
                                      const RunMode              mode,
                                      TimerOutput               &timer)
    : in(input)
    , prm(prm)
    , mode(mode)
    , timer(timer)
    , comm(MPI_COMM_WORLD)
    , pcout(std::cout, Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    , tria(comm, Triangulation<dim>::limit_level_difference_at_vertices)
  {
  }

  template <int dim>
  InputError
  CellSimulation<dim>::entry_error(const std::string &entry,
                                   const std::string &problem,
                                   const std::string &allowed) const
  {
    return InputError(
        entry_message(in.prm_file, "Electrochemistry", entry, problem, allowed));
  }

  template <int dim>
  std::set<types::boundary_id>
  CellSimulation<dim>::boundary_ids(const std::vector<std::string> &names,
                                    const std::string              &subsection,
                                    const std::string              &entry) const
  {
    const MeshGroups            &groups = prepared.groups;
    std::set<types::boundary_id> ids;
    for (const auto &name : names)
      {
        const auto it = groups.boundaries.find(name);
        if (it == groups.boundaries.end())
          {
            const std::string problem =
                subsection == "Electrochemistry"
                    ? "boundary '" + name + "' is not a physical group of dimension " +
                          std::to_string(dim - 1) + " in '" + prepared.mesh_file + "'"
                    : "boundary '" + name + "' is not a physical group of the mesh";
            throw InputError(entry_message(in.prm_file,
                                           subsection,
                                           entry,
                                           problem,
                                           "the mesh's boundaries: " +
                                               MeshGroups::names(groups.boundaries)));
          }
        ids.insert(it->second);
      }
    return ids;
  }

  template <int dim>
  void
  CellSimulation<dim>::build_model()
  {
    const MeshGroups &groups = prepared.groups;
    for (const auto &[name, material] : in.cell.phase_materials)
      {
        const auto it = groups.phases.find(name);
        if (it == groups.phases.end())
          throw entry_error("Phase materials",
                            "phase '" + name + "' is not a physical group of dimension " +
                                std::to_string(dim) + " in '" + prepared.mesh_file + "'",
                            "the mesh's phases: " + MeshGroups::names(groups.phases));
        model.phase_material[it->second] = in.materials.get(
            material, in.prm_file, "Electrochemistry", "Phase materials");
        model.phase_name[it->second] = name;
      }
    for (const auto &[name, id] : groups.phases)
      if (model.phase_material.count(id) == 0)
        throw entry_error("Phase materials",
                          "mesh phase '" + name + "' has no material",
                          "one 'phase: material' pair for each mesh phase: " +
                              MeshGroups::names(groups.phases));
    assign_terminals();
    model.foil = in.materials.get(
        in.cell.foil_material, in.prm_file, "Electrochemistry", "Foil material");
    if (model.foil.type != PhaseType::lithium)
      throw entry_error("Foil material",
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
        throw entry_error(
            "Initial lithiation", "must lie strictly between 0 and 1", "(0, 1)");
    check_temperature_laws();
    voltage_window();
  }

  template <int dim>
  void
  CellSimulation<dim>::assign_terminals()
  {
    model.positive_terminal =
        boundary_ids(in.cell.positive_terminal, "Electrochemistry", "Positive terminal");
    model.negative_terminal =
        boundary_ids(in.cell.negative_terminal, "Electrochemistry", "Negative terminal");
    if (model.positive_terminal.empty() || model.negative_terminal.empty())
      throw entry_error("Positive terminal",
                        "both terminals need at least one boundary group",
                        "boundary names of the mesh");
    model.foil_boundaries =
        boundary_ids(in.cell.foils, "Electrochemistry", "Li foil boundaries");
    for (const auto id : model.foil_boundaries)
      if (!model.positive_terminal.count(id) && !model.negative_terminal.count(id))
        throw entry_error(
            "Li foil boundaries",
            "a Li foil boundary is not in 'Positive terminal' or 'Negative terminal'",
            "names listed in one of the two terminals");
    for (const auto id : model.positive_terminal)
      if (model.negative_terminal.count(id))
        throw entry_error("Negative terminal",
                          "boundary '" + boundary_name(id) +
                              "' is also in 'Positive terminal': the cell would be "
                              "short-circuited",
                          "boundaries of the mesh that are not in 'Positive terminal'");
    // (A resumed run starts from the coarse mesh, whose voxel-image blocks
    // carry only their majority phase; its first run made this check.)
    if (mode != RunMode::resume)
      {
        check_terminal_contact(model.positive_terminal, "Positive terminal");
        check_terminal_contact(model.negative_terminal, "Negative terminal");
      }
    // on resume too: isolated regions turned into electrolyte must be so
    // again before the refined mesh is loaded (children take the phase of
    // their coarse cell)
    if (!in.mesh.image.enabled()) // voxel blocks carry their majority phase
      check_electronic_connectivity();
  }

  template <int dim>
  void
  CellSimulation<dim>::check_electronic_connectivity()
  {
    std::set<types::material_id> conducting;
    std::set<types::boundary_id> terminals = model.positive_terminal;
    terminals.insert(model.negative_terminal.begin(), model.negative_terminal.end());
    for (const auto &[id, m] : model.phase_material)
      if (m.type == PhaseType::active || m.type == PhaseType::conductor ||
          m.type == PhaseType::lithium)
        conducting.insert(id);
    std::map<types::material_id, std::pair<unsigned int, double>> isolated;
    std::map<std::string, double>                                 converted;
    for (const auto &c : electronic_clusters(tria, conducting, terminals))
      if (!c.touches_terminal)
        {
          if (in.cell.isolated_regions == "electrolyte")
            {
              double v = 0;
              for (const auto &[id, vi] : c.volume)
                v += vi;
              converted[make_electrolyte(c.cells, conducting)] += v;
              continue;
            }
          for (const auto &[id, v] : c.volume)
            if (model.phase_material.at(id).type != PhaseType::conductor)
              {
                ++isolated[id].first;
                isolated[id].second += v;
              }
        }
    for (const auto &[name, v] : converted)
      pcout << "Isolated regions: " << fmt(v, 3) << " m^" << dim
            << " of electron conductors without a path to a terminal turned into '"
            << name << "' ('Isolated regions = electrolyte')" << std::endl;
    if (isolated.empty())
      return;
    const auto &[id, what] = *isolated.begin();
    throw entry_error("Phase materials",
                      std::to_string(what.first) + " region(s) of phase '" +
                          model.phase_name.at(id) + "' (" +
                          model.phase_material.at(id).name + ", volume " +
                          fmt(what.second, 3) + " m^" + std::to_string(dim) +
                          ") are electronically isolated: no electron conductor "
                          "(active, conductor, lithium phase) connects them to a "
                          "terminal, so their potential is undefined",
                      "a mesh whose active regions touch a terminal through electron "
                      "conductors: with the particles generator, a 'Neck overlap' > 0 "
                      "(fused particles, fused with the collector) or carbon binder "
                      "('Binder volume fraction')");
  }

  template <int dim>
  std::string
  CellSimulation<dim>::make_electrolyte(const std::vector<unsigned int>    &cells,
                                        const std::set<types::material_id> &conducting)
  {
    // the most common non-conducting neighbour phase (the same on every
    // rank: level 0 is everywhere)
    std::map<types::material_id, unsigned int> votes;
    for (const unsigned int index : cells)
      {
        const typename Triangulation<dim>::cell_iterator cell(&tria, 0, index);
        for (const auto f : cell->face_indices())
          if (!cell->at_boundary(f) &&
              !conducting.count(cell->neighbor(f)->material_id()))
            ++votes[cell->neighbor(f)->material_id()];
      }
    if (votes.empty())
      throw entry_error("Isolated regions",
                        "an isolated region has no electrolyte neighbour to become",
                        "'refuse'");
    const auto best = std::max_element(votes.begin(), votes.end(), [](auto &a, auto &b) {
                        return a.second < b.second;
                      })->first;
    const std::function<void(const typename Triangulation<dim>::cell_iterator &)> set =
        [&](const auto &cell) {
          cell->set_material_id(best);
          if (cell->has_children())
            for (unsigned int k = 0; k < cell->n_children(); ++k)
              set(cell->child(k));
        };
    for (const unsigned int index : cells)
      set(typename Triangulation<dim>::cell_iterator(&tria, 0, index));
    return model.phase_name.at(best);
  }

  template <int dim>
  std::string
  CellSimulation<dim>::boundary_name(const types::boundary_id id) const
  {
    for (const auto &[name, b] : prepared.groups.boundaries)
      if (b == id)
        return name;
    return std::to_string(id);
  }

  template <int dim>
  void
  CellSimulation<dim>::check_terminal_contact(const std::set<types::boundary_id> &ids,
                                              const std::string &entry) const
  {
    // Each terminal boundary needs an electronic conductor (active,
    // conductor, Li) on its faces, or a Li foil on its electrolyte faces.
    for (const auto id : ids)
      {
        int                   electronic = 0, faces = 0;
        std::set<std::string> electrolytes;
        for (const auto &cell : tria.active_cell_iterators())
          if (cell->is_locally_owned())
            for (const unsigned int f : cell->face_indices())
              if (cell->at_boundary(f) && cell->face(f)->boundary_id() == id)
                {
                  ++faces;
                  const auto m = model.phase_material.find(cell->material_id());
                  if (m == model.phase_material.end())
                    continue;
                  if (m->second.type == PhaseType::polymer ||
                      m->second.type == PhaseType::ceramic)
                    electrolytes.insert(m->second.name);
                  else
                    electronic = 1;
                }
        faces      = Utilities::MPI::sum(faces, tria.get_communicator());
        electronic = Utilities::MPI::max(electronic, tria.get_communicator());
        if (faces == 0 || electronic || model.foil_boundaries.count(id))
          continue;
        std::set<std::string> all; // the electrolytes seen by any rank
        for (const auto &v : Utilities::MPI::all_gather(
                 tria.get_communicator(),
                 std::vector<std::string>(electrolytes.begin(), electrolytes.end())))
          all.insert(v.begin(), v.end());
        std::string names;
        for (const auto &n : all)
          names += (names.empty() ? "" : ", ") + n;
        throw entry_error(entry,
                          "boundary '" + boundary_name(id) +
                              "' touches only electrolyte" +
                              (names.empty() ? std::string() : " (" + names + ")") +
                              " and is not in 'Li foil boundaries': no electrode "
                              "carries the current there",
                          "a boundary on an electrode phase (active, conductor, "
                          "lithium), or list it in 'Li foil boundaries' (a Li foil "
                          "on the electrolyte)");
      }
  }

  template <int dim>
  void
  CellSimulation<dim>::check_temperature_laws() const
  {
    std::vector<const Material *> materials{&model.foil};
    for (const auto &[id, m] : model.phase_material)
      materials.push_back(&m);
    for (const Material *m : materials)
      try
        {
          m->temperature_factor(model.temperature);
        }
      catch (const std::exception &e)
        {
          std::string why = e.what();
          if (why.rfind("MesoCell material library: ", 0) == 0)
            why = why.substr(27);
          throw entry_error("Temperature",
                            "T = " + fmt(model.temperature) +
                                " K lies outside the temperature law of material '" +
                                m->name + "' (" + why + "); its transport vanishes there",
                            "a temperature where every material's law holds, or another "
                            "'Temperature law' or 'VTF temperature' in subsection "
                            "Materials/" +
                                m->name);
        }
  }

  template <int dim>
  void
  CellSimulation<dim>::voltage_window()
  {
    double lo = std::numeric_limits<double>::max(), hi = -lo;
    for (const auto &[id, m] : model.phase_material)
      if (m.type == PhaseType::active)
        {
          const double a =
              std::clamp(std::min(m.x_charged, m.x_discharged), 1e-3, 1 - 1e-3);
          const double b =
              std::clamp(std::max(m.x_charged, m.x_discharged), 1e-3, 1 - 1e-3);
          for (unsigned int k = 0; k <= 100; ++k)
            try
              {
                const double U = m.ocp(a + (b - a) * k / 100, model.temperature).value;
                lo             = std::min(lo, U);
                hi             = std::max(hi, U);
              }
            catch (const std::exception &)
              {
                // outside the curve's own range: not part of the window
              }
        }
    if (lo > hi) // no active material: Li | electrolyte | Li
      lo = hi = 0;
    plausible_voltage = {lo - in.cell.plausible_overpotential,
                         hi + in.cell.plausible_overpotential};
    for (const ProtocolStep &ps : in.cell.protocol)
      if (ps.kind == "hold" &&
          (ps.voltage < plausible_voltage.first || ps.voltage > plausible_voltage.second))
        throw entry_error("Protocol",
                          "step '" + ps.text + "' holds " + fmt(ps.voltage) +
                              " V, outside the plausible window [" +
                              fmt(plausible_voltage.first) + ", " +
                              fmt(plausible_voltage.second) +
                              "] V of the cell's materials (their OCP range widened "
                              "by 'Plausible overpotential')",
                          "a voltage inside that window, or a larger 'Plausible "
                          "overpotential'");
  }

  template <int dim>
  std::string
  CellSimulation<dim>::implausible_voltage() const
  {
    const double V = cell->voltage();
    if (std::isfinite(V) && V >= plausible_voltage.first && V <= plausible_voltage.second)
      return "";
    // The likely cause: the least conductive electrolyte at this temperature.
    std::string slowest;
    double      kappa_min = std::numeric_limits<double>::max();
    for (const auto &[id, m] : model.phase_material)
      if (m.type == PhaseType::polymer || m.type == PhaseType::ceramic)
        try
          {
            const double k =
                m.conductivity(m.reference_concentration, model.temperature).value;
            if (k < kappa_min)
              {
                kappa_min = k;
                slowest   = m.name + " conducts " + fmt(k) + " S/m at " +
                          fmt(model.temperature) + " K";
              }
          }
        catch (const std::exception &)
          {
          }
    return "the cell voltage " + fmt(V) + " V lies outside the plausible window [" +
           fmt(plausible_voltage.first) + ", " + fmt(plausible_voltage.second) +
           "] V (the OCP range of the active materials, 0 V for Li metal, widened by "
           "'Plausible overpotential' = " +
           fmt(in.cell.plausible_overpotential) +
           " V): the overpotentials are unphysical, the current is far too large for "
           "the transport of this cell" +
           (slowest.empty() ? std::string() : " (" + slowest + ")");
  }

  template <int dim>
  void
  CellSimulation<dim>::setup_physics()
  {
    cell = std::make_unique<Electrochemistry<dim>>(tria, model, in.solver);
    // Interface contact: the Li of the gap law is the meshed Li phase if
    // there is one, else the foil.
    if (in.contact.enabled)
      {
        Material li = model.foil;
        for (const auto &[id, m] : model.phase_material)
          if (m.type == PhaseType::lithium)
            li = m;
        contact.emplace(in.contact, li, model.temperature);
        cell->set_interface_contact(
            [this](const InterfacePointId &id,
                   const Point<dim>       &x,
                   const Material         &a,
                   const Material         &b) { return (*contact)(id, x, a, b); },
            [this]() { return contact->version(); });
      }
  }

  template <int dim>
  std::vector<PhysicsModule<dim> *>
  CellSimulation<dim>::physics() const
  {
    std::vector<PhysicsModule<dim> *> modules{cell.get()};
    if (bulk)
      modules.push_back(bulk.get());
    return modules;
  }

  template <int dim>
  void
  CellSimulation<dim>::adapt_mesh()
  {
    TimerOutput::Scope ts(timer, "adapt mesh");
    cell->mark_for_refinement(in.adaptivity.refine_fraction,
                              in.adaptivity.coarsen_fraction,
                              in.adaptivity.maximum_level,
                              in.adaptivity.interface_level);
    tria.prepare_coarsening_and_refinement();
    for (PhysicsModule<dim> *p : physics())
      p->prepare_for_refinement();
    if (contact)
      contact->prepare_for_refinement(tria);
    tria.execute_coarsening_and_refinement();
    for (PhysicsModule<dim> *p : physics())
      p->finish_refinement();
    if (contact)
      contact->finish_refinement(tria, *cell);
  }

  template <int dim>
  void
  CellSimulation<dim>::check_protocol_currents() const
  {
    for (const auto &ps : in.cell.protocol)
      if ((ps.current == ProtocolStep::Current::c_rate ||
           ps.until_current == ProtocolStep::Current::c_rate) &&
          !(Q_nominal > 0))
        throw entry_error("Protocol",
                          "step '" + ps.text +
                              "' uses a C-rate, but the cell has no active material and "
                              "no 'Nominal capacity'",
                          "a current density (mA/cm2) or current (mA), or set 'Nominal "
                          "capacity'");
  }

  template <int dim>
  void
  CellSimulation<dim>::setup_bulk_mechanics()
  {
    if (in.adaptivity.interval > 0)
      throw InputError(entry_message(in.prm_file,
                                     "Contact mechanics",
                                     "Bulk mechanics",
                                     "not available with adaptive refinement yet",
                                     "'Interval = 0' in subsection Adaptivity"));
    const MeshGroups            &groups = prepared.groups;
    std::set<types::material_id> contact_phases;
    for (const auto &name : in.contact.contact_phases)
      {
        const auto it = groups.phases.find(name);
        if (it == groups.phases.end())
          throw InputError(
              entry_message(in.prm_file,
                            "Contact mechanics",
                            "Contact phases",
                            "phase '" + name + "' is not a physical group of the mesh",
                            "the mesh's phases: " + MeshGroups::names(groups.phases)));
        contact_phases.insert(it->second);
      }
    bulk = std::make_unique<CellMechanics<dim>>(
        tria,
        *cell,
        [this]() { return contact->pressure(); },
        boundary_ids(
            in.contact.pressure_boundaries, "Contact mechanics", "Pressure boundaries"),
        boundary_ids(
            in.contact.roller_boundaries, "Contact mechanics", "Roller boundaries"),
        contact_phases);
    bulk->set_solver(in.contact.solver);
    contact->set_normal_stress(
        [this](const InterfacePointId &id) { return bulk->normal_stress(id); });
    if (!contact_phases.empty())
      contact->set_mechanical_gap(
          [this](const InterfacePointId &id) { return bulk->gap(id); });
  }

  template <int dim>
  void
  CellSimulation<dim>::initial_mechanics()
  {
    update_mechanics(0);
    pcout << "Mechanics: " << bulk->mechanics().n_dofs() << " DoFs, "
          << bulk->last_solve().newton_iterations << " Newton iterations at the "
          << "initial stack pressure" << std::endl;
  }

  template <int dim>
  void
  CellSimulation<dim>::update_mechanics(const double dt)
  {
    TimeState ts;
    ts.time            = t;
    ts.dt              = dt;
    const StepResult r = bulk->solve_step(ts);
    if (!r.converged)
      throw SolverError(r.failure);
    bulk->accept_step();
    contact->update_debonding();
  }

  template <int dim>
  void
  CellSimulation<dim>::print_cell_summary()
  {
    const CellState s0 = cell->state();
    pcout << "Electrochemistry: " << cell->n_dofs() << " DoFs, "
          << tria.n_global_active_cells() << " cells, T = " << model.temperature << " K"
          << std::endl
          << "  nominal capacity " << fmt(Q_nominal / 3.6) << " mAh (" << fmt(Q_nominal)
          << " C), terminal area " << fmt(area) << " m^2, active mass "
          << fmt(s0.active_mass) << " kg" << std::endl
          << "  rest voltage " << fmt(cell->voltage(), 8) << " V" << std::endl;
    if (in.output.write_vtu)
      {
        // An upper estimate of one VTU output (cells written vertex by
        // vertex in double precision, about 10 fields); refuse a disk
        // that cannot hold three of them.
        const double bytes = 8.0 * tria.n_global_active_cells() *
                             GeometryInfo<dim>::vertices_per_cell * (dim + 11);
        const double free =
            in.output.check_free_space(in.prm_file, 3 * bytes, "three VTU outputs");
        pcout << "  output: about " << fmt(bytes / 1e6, 3) << " MB per VTU output, "
              << fmt(free / 1e9, 3) << " GB free on its disk" << std::endl;
      }
    x_initial = s0.mean_lithiation;
    for (const auto &[id, m] : model.phase_material)
      if (m.type == PhaseType::active)
        x_span = m.x_discharged - m.x_charged;
  }

  // Explicit instantiation of the members defined in this file.
  template CellSimulation<2>::CellSimulation(const CellSimulationInput &,
                                             const ParameterHandler &,
                                             const RunMode,
                                             TimerOutput &);
  template InputError
  CellSimulation<2>::entry_error(const std::string &,
                                 const std::string &,
                                 const std::string &) const;
  template std::set<types::boundary_id>
  CellSimulation<2>::boundary_ids(const std::vector<std::string> &,
                                  const std::string &,
                                  const std::string &) const;
  template void
  CellSimulation<2>::build_model();
  template void
  CellSimulation<2>::assign_terminals();
  template void
  CellSimulation<2>::check_temperature_laws() const;
  template std::string
  CellSimulation<2>::boundary_name(const types::boundary_id) const;
  template void
  CellSimulation<2>::check_terminal_contact(const std::set<types::boundary_id> &,
                                            const std::string &) const;
  template void
  CellSimulation<2>::check_electronic_connectivity();
  template std::string
  CellSimulation<2>::make_electrolyte(const std::vector<unsigned int> &,
                                      const std::set<types::material_id> &);
  template void
  CellSimulation<2>::voltage_window();
  template std::string
  CellSimulation<2>::implausible_voltage() const;
  template void
  CellSimulation<2>::setup_physics();
  template void
  CellSimulation<2>::check_protocol_currents() const;
  template void
  CellSimulation<2>::setup_bulk_mechanics();
  template void
  CellSimulation<2>::initial_mechanics();
  template void
  CellSimulation<2>::update_mechanics(const double);
  template std::vector<PhysicsModule<2> *>
  CellSimulation<2>::physics() const;
  template void
  CellSimulation<2>::adapt_mesh();
  template void
  CellSimulation<2>::print_cell_summary();
  template CellSimulation<3>::CellSimulation(const CellSimulationInput &,
                                             const ParameterHandler &,
                                             const RunMode,
                                             TimerOutput &);
  template InputError
  CellSimulation<3>::entry_error(const std::string &,
                                 const std::string &,
                                 const std::string &) const;
  template std::set<types::boundary_id>
  CellSimulation<3>::boundary_ids(const std::vector<std::string> &,
                                  const std::string &,
                                  const std::string &) const;
  template void
  CellSimulation<3>::build_model();
  template void
  CellSimulation<3>::assign_terminals();
  template void
  CellSimulation<3>::check_temperature_laws() const;
  template std::string
  CellSimulation<3>::boundary_name(const types::boundary_id) const;
  template void
  CellSimulation<3>::check_terminal_contact(const std::set<types::boundary_id> &,
                                            const std::string &) const;
  template void
  CellSimulation<3>::check_electronic_connectivity();
  template std::string
  CellSimulation<3>::make_electrolyte(const std::vector<unsigned int> &,
                                      const std::set<types::material_id> &);
  template void
  CellSimulation<3>::voltage_window();
  template std::string
  CellSimulation<3>::implausible_voltage() const;
  template void
  CellSimulation<3>::setup_physics();
  template void
  CellSimulation<3>::check_protocol_currents() const;
  template void
  CellSimulation<3>::setup_bulk_mechanics();
  template void
  CellSimulation<3>::initial_mechanics();
  template void
  CellSimulation<3>::update_mechanics(const double);
  template std::vector<PhysicsModule<3> *>
  CellSimulation<3>::physics() const;
  template void
  CellSimulation<3>::adapt_mesh();
  template void
  CellSimulation<3>::print_cell_summary();
} // namespace MesoCell
