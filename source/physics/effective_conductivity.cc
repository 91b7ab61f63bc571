#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>

#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_postprocessor.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/report.h>
#include <mesocell/physics/conduction.h>
#include <mesocell/physics/effective_conductivity.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
#include <unistd.h>

namespace MesoCell
{
  using namespace dealii;

  void
  EffectiveConductivityParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Effective conductivity");
    prm.declare_entry("Axis",
                      "x",
                      Patterns::Selection("x|y|z"),
                      "Axis along which the potential difference is applied "
                      "and the effective conductivity is measured (z only in "
                      "3D). The length along this axis and the cross-section "
                      "normal to it come from the mesh's bounding box.");
    prm.declare_entry("Inlet boundary",
                      "xmin",
                      Patterns::Anything(),
                      "Gmsh physical-group name of the face held at the "
                      "applied voltage; a plane normal to the axis.");
    prm.declare_entry("Outlet boundary",
                      "xmax",
                      Patterns::Anything(),
                      "Gmsh physical-group name of the face held at 0 V; a "
                      "plane normal to the axis. All other faces are "
                      "insulating.");
    prm.declare_entry("Applied voltage",
                      "1e-3",
                      Patterns::Double(),
                      "Potential difference between inlet and outlet [V]; "
                      "non-zero. The problem is linear, so the effective "
                      "properties do not depend on it.");
    prm.declare_entry("Tortuosity phases",
                      "",
                      Patterns::List(Patterns::Anything()),
                      "Comma-separated phase names for which the tortuosity "
                      "factor tau = eps D / D_eff and the MacMullin number "
                      "N_M = D / D_eff = tau / eps are computed (TauFactor's "
                      "definitions), from a conduction solve in that phase "
                      "alone.");
    prm.declare_entry("Blocked phase conductivity ratio",
                      "1e-8",
                      Patterns::Double(0.0, 1e-3),
                      "For the tortuosity solves: conductivity of all other "
                      "phases relative to the chosen phase [-]. Small but "
                      "positive keeps isolated clusters solvable; it biases "
                      "D_eff/D by about this amount. A phase whose D_eff/D "
                      "is below 100 times this ratio is reported as not "
                      "percolating.");
    prm.leave_subsection();
    prm.enter_subsection("Discretization");
    prm.declare_entry("Finite element degree",
                      "1",
                      Patterns::Integer(1, 2),
                      "Polynomial degree of the continuous Lagrange elements "
                      "for the potential [-].");
    prm.leave_subsection();
  }

  void
  EffectiveConductivityParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Effective conductivity");
    const std::string a = prm.get("Axis");
    axis                = (a == "x" ? 0 : a == "y" ? 1 : 2);
    inlet               = prm.get("Inlet boundary");
    outlet              = prm.get("Outlet boundary");
    voltage             = prm.get_double("Applied voltage");
    tortuosity_phases   = Utilities::split_string_list(prm.get("Tortuosity phases"));
    blocked_ratio       = prm.get_double("Blocked phase conductivity ratio");
    prm.leave_subsection();
    prm.enter_subsection("Discretization");
    degree = prm.get_integer("Finite element degree");
    prm.leave_subsection();
  }

  namespace
  {
    /// Current density -sigma grad phi as a cell-wise postprocessed vector.
    template <int dim>
    class CurrentDensity : public DataPostprocessorVector<dim>
    {
    public:
      CurrentDensity(const ConductivityMap &sigma)
        : DataPostprocessorVector<dim>("current_density", update_gradients)
        , sigma(sigma)
      {
      }

      void
      evaluate_scalar_field(const DataPostprocessorInputs::Scalar<dim> &inputs,
                            std::vector<Vector<double>> &out) const override
      {
        const double s =
            conductivity_of(sigma, inputs.template get_cell<dim>()->material_id());
        for (unsigned int q = 0; q < out.size(); ++q)
          for (unsigned int d = 0; d < dim; ++d)
            out[q](d) = -s * inputs.solution_gradients[q][d];
      }

    private:
      const ConductivityMap sigma;
    };

    struct Geometry
    {
      double length        = 0; // along the axis [m]
      double cross_section = 0; // volume / length [m^(dim-1)]
      double volume        = 0;
      std::map<types::material_id, double> phase_volume;
    };

    template <int dim>
    Geometry
    measure(const Triangulation<dim> &tria, const unsigned int axis)
    {
      Geometry g;
      double   lo = std::numeric_limits<double>::max(), hi = -lo;
      std::map<types::material_id, double> local;
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            local[cell->material_id()] += cell->measure();
            for (const auto v : cell->vertex_indices())
              {
                lo = std::min(lo, cell->vertex(v)[axis]);
                hi = std::max(hi, cell->vertex(v)[axis]);
              }
          }
      const MPI_Comm comm = MPI_COMM_WORLD;
      lo                  = Utilities::MPI::min(lo, comm);
      hi                  = Utilities::MPI::max(hi, comm);
      for (const auto &m : Utilities::MPI::all_gather(comm, local))
        for (const auto &[id, v] : m)
          g.phase_volume[id] += v;
      for (const auto &[id, v] : g.phase_volume)
        g.volume += v;
      g.length        = hi - lo;
      g.cross_section = g.volume / g.length;
      return g;
    }

    /// Throw unless the faces of @p b all lie in one plane normal to the axis.
    template <int dim>
    void
    check_planar(const Triangulation<dim> &tria,
                 const types::boundary_id  b,
                 const unsigned int        axis,
                 const double              length,
                 const std::string        &where)
    {
      double       lo = std::numeric_limits<double>::max(), hi = -lo;
      unsigned int n = 0;
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const auto f : cell->face_indices())
            if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == b)
              {
                ++n;
                lo = std::min(lo, cell->face(f)->center()[axis]);
                hi = std::max(hi, cell->face(f)->center()[axis]);
              }
      n  = Utilities::MPI::sum(n, MPI_COMM_WORLD);
      lo = Utilities::MPI::min(lo, MPI_COMM_WORLD);
      hi = Utilities::MPI::max(hi, MPI_COMM_WORLD);
      if (n == 0)
        throw InputError(where + ": the group has no boundary faces in the mesh. "
                                 "Allowed: a physical group on the outer boundary");
      if (hi - lo > 1e-6 * length)
        throw InputError(where +
                         ": the faces are not one plane normal to the "
                         "chosen axis (they span " +
                         std::to_string(hi - lo) +
                         " m along it). Allowed: "
                         "a planar face normal to 'Axis'");
    }

    template <int dim>
    void
    run(const EffectiveConductivityInput &in,
        const ParameterHandler           &prm,
        const RunMode                     mode,
        TimerOutput                      &timer)
    {
      const MPI_Comm     comm = MPI_COMM_WORLD;
      ConditionalOStream pcout(std::cout, Utilities::MPI::this_mpi_process(comm) == 0);
      const auto        &p     = in.job;
      const auto         entry = [&](const std::string &s,
                             const std::string &e,
                             const std::string &problem,
                             const std::string &allowed) {
        return InputError(entry_message(in.prm_file, s, e, problem, allowed));
      };

      if (p.axis >= dim)
        throw entry("Effective conductivity",
                    "Axis",
                    "axis z does not exist in 2D",
                    "x or y in 2D");
      if (p.voltage == 0.0)
        throw entry("Effective conductivity",
                    "Applied voltage",
                    "is zero",
                    "a non-zero potential difference in V");
      if (!(p.blocked_ratio > 0.0))
        throw entry("Effective conductivity",
                    "Blocked phase conductivity ratio",
                    "must be positive",
                    "a ratio in (0, 1e-3]");
      if (p.inlet == p.outlet)
        throw entry("Effective conductivity",
                    "Outlet boundary",
                    "is the same group as 'Inlet boundary'",
                    "two different boundary groups");

      parallel::distributed::Triangulation<dim> tria(
          comm,
          Triangulation<dim>::limit_level_difference_at_vertices,
          parallel::distributed::Triangulation<dim>::construct_multigrid_hierarchy);
      const PreparedMesh prepared = prepare_mesh(
          in.mesh, in.geometry, in.output, prm, in.prm_file, mode, tria, timer);
      if (prepared.finished)
        return;
      const MeshGroups &groups = prepared.groups;
      std::string       dir    = prepared.directory;
      MeshParameters    mesh   = in.mesh;
      mesh.file                = prepared.mesh_file;

      // Names in the .prm against the groups of the mesh.
      ConductivityMap sigma;
      for (const auto &[name, value] : in.phases.conductivity)
        {
          const auto it = groups.phases.find(name);
          if (it == groups.phases.end())
            throw entry("Phases",
                        "Conductivity",
                        "phase '" + name + "' is not a physical group of dimension " +
                            std::to_string(dim) + " in '" + mesh.file + "'",
                        "the mesh's phases: " + MeshGroups::names(groups.phases));
          sigma[it->second] = value;
        }
      for (const auto &[name, id] : groups.phases)
        if (sigma.count(id) == 0)
          throw entry("Phases",
                      "Conductivity",
                      "mesh phase '" + name + "' has no conductivity",
                      "one 'name: value' pair for each mesh phase: " +
                          MeshGroups::names(groups.phases));
      const auto boundary_id = [&](const std::string &e, const std::string &name) {
        const auto it = groups.boundaries.find(name);
        if (it == groups.boundaries.end())
          throw entry("Effective conductivity",
                      e,
                      "'" + name + "' is not a physical group of dimension " +
                          std::to_string(dim - 1) + " in '" + mesh.file + "'",
                      "the mesh's boundaries: " + MeshGroups::names(groups.boundaries));
        return it->second;
      };
      const types::boundary_id inlet  = boundary_id("Inlet boundary", p.inlet);
      const types::boundary_id outlet = boundary_id("Outlet boundary", p.outlet);
      for (const auto &name : p.tortuosity_phases)
        if (groups.phases.count(name) == 0)
          throw entry("Effective conductivity",
                      "Tortuosity phases",
                      "'" + name + "' is not a phase of the mesh",
                      "the mesh's phases: " + MeshGroups::names(groups.phases));

      const Geometry geo       = measure(tria, p.axis);
      const char     axis_name = "xyz"[p.axis];
      check_planar(tria,
                   inlet,
                   p.axis,
                   geo.length,
                   in.prm_file +
                       ": subsection 'Effective conductivity', entry "
                       "'Inlet boundary' = '" +
                       p.inlet + "'");
      check_planar(tria,
                   outlet,
                   p.axis,
                   geo.length,
                   in.prm_file +
                       ": subsection 'Effective conductivity', entry "
                       "'Outlet boundary' = '" +
                       p.outlet + "'");

      pcout << "MesoCell effective conductivity, " << dim << "D, "
            << Utilities::MPI::n_mpi_processes(comm) << " MPI rank(s)\n"
            << "  mesh      " << mesh.file << ": " << tria.n_global_active_cells()
            << " cells after " << in.mesh.global_refinements << " refinement(s)\n"
            << "  length along " << axis_name << " " << geo.length << " m, cross-section "
            << geo.cross_section << " m^" << dim - 1 << "\n";
      std::map<types::material_id, std::string> phase_name;
      for (const auto &[name, id] : groups.phases)
        {
          phase_name[id] = name;
          pcout << "  phase " << std::setw(16) << std::left << name << std::right
                << " volume fraction " << std::setw(10)
                << geo.phase_volume.at(id) / geo.volume << "  conductivity "
                << sigma.at(id) << " S/m\n";
        }
      if (mode == RunMode::validate)
        {
          pcout << "Validation of " << in.prm_file << ": OK" << std::endl;
          return;
        }

      if (Utilities::MPI::this_mpi_process(comm) == 0)
        {
          std::ofstream used(dir + "parameters.prm");
          prm.print_parameters(used, ParameterHandler::PRM);
        }

      CsvWriter phases_csv(
          dir + "phases.csv",
          {"phase", "material_id", "volume", "volume_fraction", "conductivity"});
      for (const auto &[id, name] : phase_name)
        phases_csv.add_row({name,
                            std::to_string(id),
                            CsvWriter::number(geo.phase_volume.at(id)),
                            CsvWriter::number(geo.phase_volume.at(id) / geo.volume),
                            CsvWriter::number(sigma.at(id))});
      CsvWriter csv(dir + "effective_conductivity.csv",
                    {"case",
                     "phase",
                     "axis",
                     "volume_fraction",
                     "conductivity",
                     "effective_conductivity",
                     "relative_effective_conductivity",
                     "tortuosity_factor",
                     "macmullin_number",
                     "percolates",
                     "current",
                     "current_inlet",
                     "current_outlet",
                     "dofs",
                     "cg_iterations",
                     "time_setup",
                     "time_assembly",
                     "time_preconditioner",
                     "time_solve",
                     "dofs_per_second"});

      ConductionSolver<dim>                  solver(tria, p.degree, in.solver, timer);
      const Functions::ConstantFunction<dim> high(p.voltage);
      const Functions::ZeroFunction<dim>     zero;
      const typename ConductionSolver<dim>::DirichletMap dirichlet = {{inlet, &high},
                                                                      {outlet, &zero}};

      std::vector<std::pair<std::string, typename ConductionSolver<dim>::VectorType>>
                 fields;
      const auto run_case = [&](const std::string       &case_name,
                                const std::string       &phase,
                                const ConductivityMap   &s,
                                const double             volume_fraction,
                                const double             reference_sigma,
                                const types::material_id only =
                                    numbers::invalid_material_id) {
        const ConductionStatistics st = solver.solve(s, dirichlet);
        // Power dissipated (in the chosen phase only for tortuosity, so that
        // the small conductivity of the blocked phases does not add to it).
        const double power     = solver.dissipation(s, only);
        const double current   = power / p.voltage; // I = P / V
        const double i_in      = -solver.boundary_current(s, inlet);
        const double i_out     = solver.boundary_current(s, outlet);
        const double sigma_eff = current * geo.length / (p.voltage * geo.cross_section);
        const double relative  = sigma_eff / reference_sigma;
        const bool percolates = case_name == "bulk" || relative > 100.0 * p.blocked_ratio;
        const double tau      = percolates ? volume_fraction / relative
                                           : std::numeric_limits<double>::infinity();
        const double nm =
            percolates ? 1.0 / relative : std::numeric_limits<double>::infinity();
        const double rate = st.n_dofs / st.total_time();
        pcout << "  [" << case_name << (phase.empty() ? "" : " " + phase) << "] "
              << st.n_dofs << " DoFs, " << st.n_iterations << " CG iterations; "
              << "setup " << st.time_setup << " s, assembly " << st.time_assembly
              << " s, preconditioner " << st.time_preconditioner << " s, solve "
              << st.time_solve << " s; " << static_cast<long>(rate) << " DoFs/s\n";
        pcout << "      sigma_eff(" << axis_name << ") = " << std::setprecision(10)
              << sigma_eff << " S/m (" << relative << " of " << reference_sigma
              << " S/m); current " << current << " A, inlet " << i_in << " A, outlet "
              << i_out << " A" << std::setprecision(6) << "\n";
        if (case_name != "bulk")
          {
            if (percolates)
              pcout << "      eps = " << volume_fraction
                    << ", tortuosity factor tau = " << std::setprecision(10) << tau
                    << ", MacMullin number N_M = " << nm << std::setprecision(6) << "\n";
            else
              pcout << "      phase '" << phase << "' does not percolate between '"
                    << p.inlet << "' and '" << p.outlet << "'\n";
          }
        csv.add_row({case_name,
                     phase.empty() ? "all" : phase,
                     std::string(1, axis_name),
                     CsvWriter::number(volume_fraction),
                     CsvWriter::number(reference_sigma),
                     CsvWriter::number(sigma_eff),
                     CsvWriter::number(relative),
                     CsvWriter::number(tau),
                     CsvWriter::number(nm),
                     percolates ? "1" : "0",
                     CsvWriter::number(current),
                     CsvWriter::number(i_in),
                     CsvWriter::number(i_out),
                     std::to_string(st.n_dofs),
                     std::to_string(st.n_iterations),
                     CsvWriter::number(st.time_setup),
                     CsvWriter::number(st.time_assembly),
                     CsvWriter::number(st.time_preconditioner),
                     CsvWriter::number(st.time_solve),
                     CsvWriter::number(rate)});
        fields.emplace_back(phase.empty() ? "potential" : "potential_" + phase,
                            solver.solution());
      };

      // Bulk: the arithmetic mean of the phase conductivities as reference.
      double mean_sigma = 0;
      for (const auto &[id, v] : geo.phase_volume)
        mean_sigma += sigma.at(id) * v / geo.volume;
      run_case("bulk", "", sigma, 1.0, mean_sigma);

      for (const auto &name : p.tortuosity_phases)
        {
          const types::material_id id = groups.phases.at(name);
          ConductivityMap          s;
          for (const auto &[other, v] : sigma)
            s[other] = (other == id ? 1.0 : p.blocked_ratio);
          run_case("tortuosity", name, s, geo.phase_volume.at(id) / geo.volume, 1.0, id);
        }

      if (in.output.write_vtu)
        {
          TimerOutput::Scope t(timer, "output");
          DataOut<dim>       data_out;
          data_out.attach_dof_handler(solver.dof_handler());
          for (const auto &[name, vec] : fields)
            data_out.add_data_vector(vec, name);
          CurrentDensity<dim> current_density(sigma);
          data_out.add_data_vector(fields.front().second, current_density);
          Vector<float> phase(tria.n_active_cells()), rank(tria.n_active_cells());
          for (const auto &cell : tria.active_cell_iterators())
            if (cell->is_locally_owned())
              {
                phase(cell->active_cell_index()) = cell->material_id();
                rank(cell->active_cell_index())  = cell->subdomain_id();
              }
          data_out.add_data_vector(phase, "phase");
          data_out.add_data_vector(rank, "rank");
          data_out.build_patches(p.degree);
          const std::string pvtu =
              data_out.write_vtu_with_pvtu_record(dir, "solution", 0, comm, 4);
          if (Utilities::MPI::this_mpi_process(comm) == 0)
            {
              std::ofstream pvd(dir + "solution.pvd");
              DataOutBase::write_pvd_record(pvd, {{0.0, pvtu}});
            }
        }
      timer.print_wall_time_statistics(comm);
      pcout << "Results written to "
            << std::filesystem::absolute(dir).lexically_normal().string()
            << " (effective_conductivity.csv, "
            << "phases.csv, solution.pvd, parameters.prm)" << std::endl;
    }

  } // namespace

  template <int dim>
  void
  run_effective_conductivity(const EffectiveConductivityInput &in,
                             const ParameterHandler           &prm,
                             const RunMode                     mode)
  {
    ConditionalOStream         pcout(std::cout,
                             Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0);
    std::optional<TimerOutput> timer;
    timer.emplace(MPI_COMM_WORLD, pcout, TimerOutput::never, TimerOutput::wall_times);
    try
      {
        run<dim>(in, prm, mode, *timer);
      }
    catch (...)
      {
        // Destroy the timer while the exception is caught, so that it does
        // not print its warning about skipped MPI synchronisation.
        timer.reset();
        throw;
      }
  }

  template void
  run_effective_conductivity<2>(const EffectiveConductivityInput &,
                                const ParameterHandler &,
                                RunMode);
  template void
  run_effective_conductivity<3>(const EffectiveConductivityInput &,
                                const ParameterHandler &,
                                RunMode);
} // namespace MesoCell
