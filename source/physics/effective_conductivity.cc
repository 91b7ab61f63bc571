#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>

#include <deal.II/distributed/grid_refinement.h>

#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_postprocessor.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/report.h>
#include <mesocell/physics/conduction.h>
#include <mesocell/physics/effective_conductivity.h>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <optional>
#include <sstream>
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

    /// The error for entry @p e of subsection @p s of the job's parameter file.
    InputError
    entry_error(const EffectiveConductivityInput &in,
                const std::string                &s,
                const std::string                &e,
                const std::string                &problem,
                const std::string                &allowed)
    {
      return InputError(entry_message(in.prm_file, s, e, problem, allowed));
    }

    /// Checks of the job's settings that need no mesh.
    void
    check_job(const EffectiveConductivityInput &in, const unsigned int dim)
    {
      const auto &p = in.job;
      if (p.axis >= dim)
        throw entry_error(in,
                          "Effective conductivity",
                          "Axis",
                          "axis z does not exist in 2D",
                          "x or y in 2D");
      if (p.voltage == 0.0)
        throw entry_error(in,
                          "Effective conductivity",
                          "Applied voltage",
                          "is zero",
                          "a non-zero potential difference in V");
      if (!(p.blocked_ratio > 0.0))
        throw entry_error(in,
                          "Effective conductivity",
                          "Blocked phase conductivity ratio",
                          "must be positive",
                          "a ratio in (0, 1e-3]");
      if (p.inlet == p.outlet)
        throw entry_error(in,
                          "Effective conductivity",
                          "Outlet boundary",
                          "is the same group as 'Inlet boundary'",
                          "two different boundary groups");
    }

    /// The conductivity of every mesh phase, from the names in the .prm;
    /// also checks the tortuosity phases.
    ConductivityMap
    phase_conductivities(const EffectiveConductivityInput &in,
                         const MeshGroups                 &groups,
                         const std::string                &mesh_file,
                         const unsigned int                dim)
    {
      ConductivityMap sigma;
      for (const auto &[name, value] : in.phases.conductivity)
        {
          const auto it = groups.phases.find(name);
          if (it == groups.phases.end())
            throw entry_error(in,
                              "Phases",
                              "Conductivity",
                              "phase '" + name +
                                  "' is not a physical group of dimension " +
                                  std::to_string(dim) + " in '" + mesh_file + "'",
                              "the mesh's phases: " + MeshGroups::names(groups.phases));
          sigma[it->second] = value;
        }
      for (const auto &[name, id] : groups.phases)
        if (sigma.count(id) == 0)
          throw entry_error(in,
                            "Phases",
                            "Conductivity",
                            "mesh phase '" + name + "' has no conductivity",
                            "one 'name: value' pair for each mesh phase: " +
                                MeshGroups::names(groups.phases));
      return sigma;
    }

    /// The boundary id of group @p name, given in entry @p e.
    types::boundary_id
    boundary_of(const EffectiveConductivityInput &in,
                const MeshGroups                 &groups,
                const std::string                &mesh_file,
                const unsigned int                dim,
                const std::string                &e,
                const std::string                &name)
    {
      const auto it = groups.boundaries.find(name);
      if (it == groups.boundaries.end())
        throw entry_error(in,
                          "Effective conductivity",
                          e,
                          "'" + name + "' is not a physical group of dimension " +
                              std::to_string(dim - 1) + " in '" + mesh_file + "'",
                          "the mesh's boundaries: " +
                              MeshGroups::names(groups.boundaries));
      return it->second;
    }

    void
    check_tortuosity_phases(const EffectiveConductivityInput &in,
                            const MeshGroups                 &groups)
    {
      for (const auto &name : in.job.tortuosity_phases)
        if (groups.phases.count(name) == 0)
          throw entry_error(in,
                            "Effective conductivity",
                            "Tortuosity phases",
                            "'" + name + "' is not a phase of the mesh",
                            "the mesh's phases: " + MeshGroups::names(groups.phases));
    }

    /// Both faces of the potential difference are planes normal to the axis.
    template <int dim>
    void
    check_terminals(const EffectiveConductivityInput &in,
                    const Triangulation<dim>         &tria,
                    const types::boundary_id          inlet,
                    const types::boundary_id          outlet,
                    const double                      length)
    {
      const auto &p     = in.job;
      const auto  where = [&](const std::string &entry, const std::string &name) {
        return in.prm_file + ": subsection 'Effective conductivity', entry '" + entry +
               "' = '" + name + "'";
      };
      check_planar(tria, inlet, p.axis, length, where("Inlet boundary", p.inlet));
      check_planar(tria, outlet, p.axis, length, where("Outlet boundary", p.outlet));
    }

    /// The problem as it was read: mesh, length, cross-section and phases.
    template <int dim>
    void
    print_problem(ConditionalOStream               &pcout,
                  const EffectiveConductivityInput &in,
                  const Triangulation<dim>         &tria,
                  const std::string                &mesh_file,
                  const Geometry                   &geo,
                  const ConductivityMap            &sigma,
                  const MeshGroups                 &groups)
    {
      pcout << "MesoCell effective conductivity, " << dim << "D, "
            << Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) << " MPI rank(s)\n"
            << "  mesh      " << mesh_file << ": " << tria.n_global_active_cells()
            << " cells after " << in.mesh.global_refinements << " refinement(s)\n"
            << "  length along "
            << "xyz"[in.job.axis] << " " << geo.length << " m, cross-section "
            << geo.cross_section << " m^" << dim - 1 << "\n";
      for (const auto &[name, id] : groups.phases)
        pcout << "  phase " << std::setw(16) << std::left << name << std::right
              << " volume fraction " << std::setw(10)
              << geo.phase_volume.at(id) / geo.volume << "  conductivity " << sigma.at(id)
              << " S/m\n";
    }

    /// phases.csv: volume and conductivity of every phase.
    void
    write_phases_csv(const std::string                               &dir,
                     const Geometry                                  &geo,
                     const ConductivityMap                           &sigma,
                     const std::map<types::material_id, std::string> &phase_name)
    {
      CsvWriter phases_csv(
          dir + "phases.csv",
          {"phase", "material_id", "volume", "volume_fraction", "conductivity"});
      for (const auto &[id, name] : phase_name)
        phases_csv.add_row({name,
                            std::to_string(id),
                            CsvWriter::number(geo.phase_volume.at(id)),
                            CsvWriter::number(geo.phase_volume.at(id) / geo.volume),
                            CsvWriter::number(sigma.at(id))});
    }

    /// One solve: the effective conductivity of the whole microstructure
    /// ("bulk") or, with the other phases blocked, of one phase.
    struct CaseResult
    {
      std::string          name, phase;
      double               volume_fraction = 0, reference_sigma = 0;
      double               current = 0, i_in = 0, i_out = 0;
      double               sigma_eff = 0, relative = 0, tau = 0, nm = 0, rate = 0;
      double               estimate   = 0; ///< sum of eta_K^2 / P (adaptive cycles)
      bool                 percolates = false;
      ConductionStatistics stats;
    };

    /// The console report of one case.
    void
    print_case(ConditionalOStream                    &pcout,
               const CaseResult                      &r,
               const char                             axis_name,
               const EffectiveConductivityParameters &p)
    {
      const ConductionStatistics &st = r.stats;
      pcout << "  [" << r.name << (r.phase.empty() ? "" : " " + r.phase) << "] "
            << st.n_dofs << " DoFs, " << st.n_iterations << " CG iterations; "
            << "setup " << st.time_setup << " s, assembly " << st.time_assembly
            << " s, preconditioner " << st.time_preconditioner << " s, solve "
            << st.time_solve << " s; " << static_cast<long>(r.rate) << " DoFs/s\n";
      pcout << "      sigma_eff(" << axis_name << ") = " << std::setprecision(10)
            << r.sigma_eff << " S/m (" << r.relative << " of " << r.reference_sigma
            << " S/m); current " << r.current << " A, inlet " << r.i_in << " A, outlet "
            << r.i_out << " A" << std::setprecision(6) << "\n";
      if (r.name == "bulk")
        return;
      if (r.percolates)
        pcout << "      eps = " << r.volume_fraction
              << ", tortuosity factor tau = " << std::setprecision(10) << r.tau
              << ", MacMullin number N_M = " << r.nm << std::setprecision(6) << "\n";
      else
        pcout << "      phase '" << r.phase << "' does not percolate between '" << p.inlet
              << "' and '" << p.outlet << "'\n";
    }

    /// effective_conductivity.csv with its header.
    CsvWriter
    results_csv(const std::string &dir)
    {
      return CsvWriter(dir + "effective_conductivity.csv",
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
    }

    void
    add_case_row(CsvWriter &csv, const CaseResult &r, const char axis_name)
    {
      const ConductionStatistics &st = r.stats;
      csv.add_row({r.name,
                   r.phase.empty() ? "all" : r.phase,
                   std::string(1, axis_name),
                   CsvWriter::number(r.volume_fraction),
                   CsvWriter::number(r.reference_sigma),
                   CsvWriter::number(r.sigma_eff),
                   CsvWriter::number(r.relative),
                   CsvWriter::number(r.tau),
                   CsvWriter::number(r.nm),
                   r.percolates ? "1" : "0",
                   CsvWriter::number(r.current),
                   CsvWriter::number(r.i_in),
                   CsvWriter::number(r.i_out),
                   std::to_string(st.n_dofs),
                   std::to_string(st.n_iterations),
                   CsvWriter::number(st.time_setup),
                   CsvWriter::number(st.time_assembly),
                   CsvWriter::number(st.time_preconditioner),
                   CsvWriter::number(st.time_solve),
                   CsvWriter::number(r.rate)});
    }

    /// The conduction solves of the job with their report and CSV rows;
    /// keeps the potential of every case of the last cycle for the output
    /// and, in adaptive cycles, the error indicator of all cases.
    template <int dim>
    struct Cases
    {
      using Solver = ConductionSolver<dim>;

      const EffectiveConductivityParameters                           &p;
      const Geometry                                                  &geo;
      const types::boundary_id                                         inlet, outlet;
      Solver                                                          &solver;
      ConditionalOStream                                              &pcout;
      CsvWriter                                                       &csv;
      const Functions::ConstantFunction<dim>                           high;
      const Functions::ZeroFunction<dim>                               zero;
      const typename Solver::DirichletMap                              dirichlet;
      std::vector<std::pair<std::string, typename Solver::VectorType>> fields;
      /// Estimate the error of every solve (adaptive cycles).
      const bool adaptive;
      /// The last cycle: rows of effective_conductivity.csv and fields.
      bool last_cycle = true;
      /// Sum over the percolating cases of eta_K^2 / P, per active cell.
      Vector<double>          indicator;
      std::vector<CaseResult> results; ///< of the current cycle

      Cases(const EffectiveConductivityParameters &p,
            const Geometry                        &geo,
            const types::boundary_id               inlet,
            const types::boundary_id               outlet,
            Solver                                &solver,
            ConditionalOStream                    &pcout,
            CsvWriter                             &csv,
            const bool                             adaptive)
        : p(p)
        , geo(geo)
        , inlet(inlet)
        , outlet(outlet)
        , solver(solver)
        , pcout(pcout)
        , csv(csv)
        , high(p.voltage)
        , dirichlet{{inlet, &high}, {outlet, &zero}}
        , adaptive(adaptive)
      {
      }

      /// Forget the results of the previous cycle (on the previous mesh).
      void
      begin_cycle(const unsigned int n_active_cells, const bool last)
      {
        last_cycle = last;
        results.clear();
        fields.clear();
        indicator.reinit(n_active_cells);
      }

      void
      run(const std::string       &case_name,
          const std::string       &phase,
          const ConductivityMap   &s,
          const double             volume_fraction,
          const double             reference_sigma,
          const types::material_id only = numbers::invalid_material_id)
      {
        CaseResult r;
        r.name            = case_name;
        r.phase           = phase;
        r.volume_fraction = volume_fraction;
        r.reference_sigma = reference_sigma;
        r.stats           = solver.solve(s, dirichlet);
        // Power dissipated (in the chosen phase only for tortuosity, so that
        // the small conductivity of the blocked phases does not add to it).
        const double power = solver.dissipation(s, only);
        evaluate(r, s, power);
        if (adaptive)
          estimate(r, s, power);
        print_case(pcout, r, "xyz"[p.axis], p);
        results.push_back(r);
        if (!last_cycle)
          return;
        add_case_row(csv, r, "xyz"[p.axis]);
        fields.emplace_back(phase.empty() ? "potential" : "potential_" + phase,
                            solver.solution());
      }

    private:
      /// The effective properties of one solve from its power.
      void
      evaluate(CaseResult &r, const ConductivityMap &s, const double power) const
      {
        r.current    = power / p.voltage; // I = P / V
        r.i_in       = -solver.boundary_current(s, inlet);
        r.i_out      = solver.boundary_current(s, outlet);
        r.sigma_eff  = r.current * geo.length / (p.voltage * geo.cross_section);
        r.relative   = r.sigma_eff / r.reference_sigma;
        r.percolates = r.name == "bulk" || r.relative > 100.0 * p.blocked_ratio;
        r.tau        = r.percolates ? r.volume_fraction / r.relative
                                    : std::numeric_limits<double>::infinity();
        r.nm = r.percolates ? 1.0 / r.relative : std::numeric_limits<double>::infinity();
        r.rate = r.stats.n_dofs / r.stats.total_time();
      }

      /// The flux-jump indicators of the solve, relative to its power (the
      /// relative error of sigma_eff they estimate); a phase that does not
      /// percolate does not steer the refinement.
      void
      estimate(CaseResult &r, const ConductivityMap &s, const double power)
      {
        const Vector<double> eta2 = flux_jump_indicators(solver, s, {inlet, outlet});
        r.estimate = Utilities::MPI::sum(eta2.l1_norm(), MPI_COMM_WORLD) / power;
        if (r.percolates && power > 0)
          indicator.add(1.0 / power, eta2);
      }
    };

    /// VTU/PVTU/PVD of the potentials, the current density of the bulk
    /// case, phase and rank.
    template <int dim>
    void
    write_fields(
        const std::string     &dir,
        const DoFHandler<dim> &dofs,
        const std::vector<
            std::pair<std::string, typename ConductionSolver<dim>::VectorType>> &fields,
        const ConductivityMap                                                   &sigma,
        const unsigned int                                                       degree)
    {
      const MPI_Comm comm = MPI_COMM_WORLD;
      DataOut<dim>   data_out;
      data_out.attach_dof_handler(dofs);
      for (const auto &[name, vec] : fields)
        data_out.add_data_vector(vec, name);
      CurrentDensity<dim> current_density(sigma);
      data_out.add_data_vector(fields.front().second, current_density);
      const auto   &tria = dofs.get_triangulation();
      Vector<float> phase(tria.n_active_cells()), rank(tria.n_active_cells());
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            phase(cell->active_cell_index()) = cell->material_id();
            rank(cell->active_cell_index())  = cell->subdomain_id();
          }
      data_out.add_data_vector(phase, "phase");
      data_out.add_data_vector(rank, "rank");
      data_out.build_patches(degree);
      const std::string pvtu =
          data_out.write_vtu_with_pvtu_record(dir, "solution", 0, comm, 4);
      if (Utilities::MPI::this_mpi_process(comm) == 0)
        {
          std::ostringstream pvd;
          DataOutBase::write_pvd_record(pvd, {{0.0, pvtu}});
          write_file_atomically(dir + "solution.pvd", pvd.str());
        }
    }

    /// The bulk case (the volume mean of the phase conductivities as
    /// reference) and one tortuosity case per chosen phase.
    template <int dim>
    void
    run_cases(Cases<dim> &cases, const ConductivityMap &sigma, const MeshGroups &groups)
    {
      const Geometry &geo        = cases.geo;
      double          mean_sigma = 0;
      for (const auto &[id, v] : geo.phase_volume)
        mean_sigma += sigma.at(id) * v / geo.volume;
      cases.run("bulk", "", sigma, 1.0, mean_sigma);

      for (const auto &name : cases.p.tortuosity_phases)
        {
          const types::material_id id = groups.phases.at(name);
          ConductivityMap          s;
          for (const auto &[other, v] : sigma)
            s[other] = (other == id ? 1.0 : cases.p.blocked_ratio);
          cases.run("tortuosity", name, s, geo.phase_volume.at(id) / geo.volume, 1.0, id);
        }
    }

    /// adaptivity.csv with its header: one row per cycle and case.
    CsvWriter
    adaptivity_csv(const std::string &dir)
    {
      return CsvWriter(dir + "adaptivity.csv",
                       {"cycle",
                        "case",
                        "phase",
                        "cells",
                        "dofs",
                        "effective_conductivity",
                        "relative_effective_conductivity",
                        "tortuosity_factor",
                        "macmullin_number",
                        "relative_change",
                        "estimated_relative_error"});
    }

    /// Every case of one cycle: console line and adaptivity.csv row, with
    /// the relative change of sigma_eff from the previous cycle and the
    /// estimated relative error (NaN, "nan" in the CSV, where there is none:
    /// the first cycle, a phase that does not percolate).
    void
    report_cycle(ConditionalOStream            &pcout,
                 CsvWriter                     &csv,
                 const unsigned int             cycle,
                 const types::global_cell_index cells,
                 const std::vector<CaseResult> &now,
                 const std::vector<CaseResult> &before)
    {
      const double none = std::numeric_limits<double>::quiet_NaN();
      for (std::size_t i = 0; i < now.size(); ++i)
        {
          const CaseResult &r        = now[i];
          const double      change   = before.empty() || !r.percolates
                                           ? none
                                           : r.sigma_eff / before[i].sigma_eff - 1.0;
          const double      estimate = r.percolates ? r.estimate : none;
          pcout << "  cycle " << cycle << " [" << r.name
                << (r.phase.empty() ? "" : " " + r.phase) << "] " << cells << " cells, "
                << r.stats.n_dofs << " DoFs: sigma_eff = " << std::setprecision(10)
                << r.sigma_eff << " S/m" << std::setprecision(6);
          if (r.name != "bulk")
            pcout << ", tau = " << r.tau << ", N_M = " << r.nm;
          if (!std::isnan(change))
            pcout << ", change " << 100 * change << " % from cycle " << cycle - 1;
          if (!std::isnan(estimate))
            pcout << ", estimated error " << 100 * estimate << " %";
          pcout << (r.percolates ? "" : " (does not percolate)") << "\n";
          const auto number = [](const double x) {
            return std::isnan(x) ? std::string("nan") : CsvWriter::number(x);
          };
          csv.add_row({std::to_string(cycle),
                       r.name,
                       r.phase.empty() ? "all" : r.phase,
                       std::to_string(cells),
                       std::to_string(r.stats.n_dofs),
                       CsvWriter::number(r.sigma_eff),
                       CsvWriter::number(r.relative),
                       CsvWriter::number(r.tau),
                       CsvWriter::number(r.nm),
                       number(change),
                       number(estimate)});
        }
    }

    /// Mark 'Refine fraction' / 'Coarsen fraction' of the cells by @p
    /// indicator (never merging children of different phases, as on voxel
    /// images), refine and set the solver up on the new mesh.
    template <int dim>
    void
    refine_mesh(parallel::distributed::Triangulation<dim> &tria,
                ConductionSolver<dim>                     &solver,
                const Vector<double>                      &indicator,
                const AdaptivityParameters                &a,
                TimerOutput                               &timer)
    {
      TimerOutput::Scope t(timer, "adapt mesh");
      parallel::distributed::GridRefinement::refine_and_coarsen_fixed_number(
          tria, indicator, a.refine_fraction, a.coarsen_fraction);
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned() && cell->level() > 0 &&
            cell->parent()->material_id() != cell->material_id())
          cell->clear_coarsen_flag();
      tria.prepare_coarsening_and_refinement();
      solver.prepare_for_refinement();
      tria.execute_coarsening_and_refinement();
      solver.finish_refinement();
    }

    /// The solves on the mesh of 'Global refinements' and after each of
    /// 'Steady cycles' adaptive refinements, with their report.
    template <int dim>
    void
    solve_cycles(Cases<dim>                                &cases,
                 parallel::distributed::Triangulation<dim> &tria,
                 const ConductivityMap                     &sigma,
                 const MeshGroups                          &groups,
                 const EffectiveConductivityInput          &in,
                 const std::string                         &dir,
                 TimerOutput                               &timer)
    {
      const unsigned int       n = in.adaptivity.steady_cycles;
      std::optional<CsvWriter> csv;
      if (n > 0)
        csv.emplace(adaptivity_csv(dir));
      std::vector<CaseResult> before;
      for (unsigned int cycle = 0; cycle <= n; ++cycle)
        {
          if (cycle > 0)
            refine_mesh(tria, cases.solver, cases.indicator, in.adaptivity, timer);
          cases.begin_cycle(tria.n_active_cells(), cycle == n);
          if (n > 0)
            cases.pcout << "Adaptive cycle " << cycle << " of " << n << ": "
                        << tria.n_global_active_cells() << " cells\n";
          run_cases(cases, sigma, groups);
          if (n > 0)
            report_cycle(cases.pcout,
                         *csv,
                         cycle,
                         tria.n_global_active_cells(),
                         cases.results,
                         before);
          before = cases.results;
        }
    }

    /// Refuse 'Steady cycles' that would give more than 'Maximum cells'
    /// (an estimate: every cycle refines 'Refine fraction' of the cells).
    template <int dim>
    void
    check_cycles_size(const EffectiveConductivityInput &in,
                      const Triangulation<dim>         &tria)
    {
      const auto  &a      = in.adaptivity;
      const double growth = 1.0 + a.refine_fraction * ((1u << dim) - 1);
      const double n = tria.n_global_active_cells() * std::pow(growth, a.steady_cycles);
      if (n > in.geometry.common.max_cells)
        throw entry_error(
            in,
            "Adaptivity",
            "Steady cycles",
            std::to_string(a.steady_cycles) + " cycles refining " +
                format_number(a.refine_fraction) + " of " +
                std::to_string(tria.n_global_active_cells()) + " cells give about " +
                format_number(n) + " cells, more than 'Maximum cells' = " +
                format_number(in.geometry.common.max_cells) + " (subsection Geometry)",
            "fewer cycles, a smaller 'Refine fraction' or a larger "
            "'Maximum cells'");
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
      const auto        &p = in.job;
      check_job(in, dim);

      parallel::distributed::Triangulation<dim> tria(
          comm,
          Triangulation<dim>::limit_level_difference_at_vertices,
          parallel::distributed::Triangulation<dim>::construct_multigrid_hierarchy);
      const PreparedMesh prepared = prepare_mesh(
          in.mesh, in.geometry, in.output, prm, in.prm_file, mode, tria, timer);
      if (prepared.finished)
        return;
      const MeshGroups  &groups = prepared.groups;
      const std::string &dir    = prepared.directory;
      const std::string &file   = prepared.mesh_file;

      // Names in the .prm against the groups of the mesh.
      const ConductivityMap    sigma = phase_conductivities(in, groups, file, dim);
      const types::boundary_id inlet =
          boundary_of(in, groups, file, dim, "Inlet boundary", p.inlet);
      const types::boundary_id outlet =
          boundary_of(in, groups, file, dim, "Outlet boundary", p.outlet);
      check_tortuosity_phases(in, groups);
      check_cycles_size(in, tria);

      const Geometry geo = measure(tria, p.axis);
      check_terminals(in, tria, inlet, outlet, geo.length);
      std::map<types::material_id, std::string> phase_name;
      for (const auto &[name, id] : groups.phases)
        phase_name[id] = name;
      print_problem(pcout, in, tria, file, geo, sigma, groups);
      if (mode == RunMode::validate)
        {
          pcout << "Validation of " << in.prm_file << ": OK" << std::endl;
          return;
        }

      write_phases_csv(dir, geo, sigma, phase_name);
      CsvWriter             csv = results_csv(dir);
      ConductionSolver<dim> solver(tria, p.degree, in.solver, timer);
      Cases<dim>            cases(
          p, geo, inlet, outlet, solver, pcout, csv, in.adaptivity.steady_cycles > 0);
      solve_cycles(cases, tria, sigma, groups, in, dir, timer);

      if (in.output.write_vtu)
        {
          TimerOutput::Scope t(timer, "output");
          write_fields<dim>(dir, solver.dof_handler(), cases.fields, sigma, p.degree);
        }
      timer.print_wall_time_statistics(comm);
      pcout << "Results written to "
            << std::filesystem::absolute(dir).lexically_normal().string()
            << " (effective_conductivity.csv, "
            << (in.adaptivity.steady_cycles > 0 ? "adaptivity.csv, " : "")
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
