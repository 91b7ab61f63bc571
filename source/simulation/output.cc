// Cell simulation, output: statistics.csv (one complete row per step),
// interface tables, VTU and pvd records, the final summary and timing.csv
// (parameters.prm is written when the output directory is prepared).
#include <deal.II/base/data_out_base.h>
#include <deal.II/base/utilities.h>

#include "cell_simulation_driver.h"

#include <filesystem>
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

    const std::vector<std::string> statistics_columns = {"step",
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
                                                         "max_gap_m"};

    /// Columns of the interface tables (one row per interface quadrature point).
    constexpr unsigned int interface_columns = 12;
  } // namespace

  template <int dim>
  void
  CellSimulation<dim>::open_statistics(const bool resumed)
  {
    // A resumed run keeps the rows up to its restart set and continues them.
    csv             = resumed
                          ? std::make_unique<CsvWriter>(
                    dir + "statistics.csv", statistics_columns, step)
                          : std::make_unique<CsvWriter>(dir + "statistics.csv", statistics_columns);
    start           = std::chrono::steady_clock::now();
    last_checkpoint = start;
  }

  template <int dim>
  void
  CellSimulation<dim>::record(const unsigned int protocol_index,
                              const StepResult  &r,
                              const double       dt)
  {
    using N                          = CsvWriter;
    const CellState               s  = cell->state();
    const double                  Ah = charge / 3600.0;
    const InterfaceContactSummary cs =
        contact ? contact->summary(*cell) : InterfaceContactSummary();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    csv->add_row({std::to_string(step),
                  N::number(t),
                  std::to_string(protocol_index + 1),
                  N::number(s.voltage),
                  N::number(s.current),
                  N::number(s.current / area),
                  N::number(s.active_mass > 0 ? Ah * 1e3 / (s.active_mass * 1e3) : 0),
                  N::number(Ah * 1e3 / (area * 1e4)),
                  N::number(charge),
                  N::number(s.mean_lithiation),
                  N::number(x_span > 0 ? (s.mean_lithiation - x_initial) / x_span : 0),
                  N::number(s.min_salt_at_anode),
                  N::number(s.mean_overpotential),
                  N::number(s.max_overpotential),
                  N::number(s.reaction_current_active),
                  N::number(s.reaction_current_lithium),
                  N::number(s.lithium_solid + s.salt),
                  std::to_string(r.newton_iterations),
                  std::to_string(r.linear_iterations),
                  std::to_string(cell->n_dofs()),
                  N::number(dt),
                  N::number(wall),
                  N::number(contact ? contact->pressure() : 0.0),
                  N::number(contact ? cs.mean_theta : model.contact_fraction),
                  N::number(contact ? cs.min_theta : model.contact_fraction),
                  N::number(cs.open_fraction),
                  N::number(cs.open_active_fraction),
                  N::number(bulk ? bulk->normal_stress_range().first : 0.0),
                  N::number(cs.max_gap)});
    summary.times.push_back(t);
    summary.voltages.push_back(s.voltage);
  }

  template <int dim>
  void
  CellSimulation<dim>::print_step(const StepResult &r, const double dt) const
  {
    pcout << "  step " << std::setw(5) << step << "  t = " << std::setw(11) << fmt(t)
          << " s  V = " << std::setw(10) << fmt(cell->voltage(), 7)
          << " V  I = " << std::setw(11) << fmt(cell->current())
          << " A  dt = " << std::setw(10) << fmt(dt) << " s  Newton "
          << r.newton_iterations << "  linear " << r.linear_iterations << std::endl;
  }

  template <int dim>
  void
  CellSimulation<dim>::write_interface_table(const double time) const
  {
    // Every quadrature point of every reaction or transfer interface and
    // foil, gathered on rank 0.
    std::vector<double> local;
    cell->for_each_interface_sample([&](const InterfaceSample &x) {
      const double kind = x.transfer ? 2 : x.active ? 1 : x.terminal != 0 ? 3 : 0;
      // the bulk mechanics' normal stress and gap at the point
      const double sn  = bulk ? bulk->normal_stress(x.id) : 0.0;
      const double gap = bulk ? bulk->gap(x.id) : 0.0;
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
    if (Utilities::MPI::this_mpi_process(comm) != 0)
      return;
    std::ostringstream name;
    name << dir << "interface_" << std::setw(4) << std::setfill('0') << n_output
         << ".csv";
    // The whole table first, then one write renamed into place: a killed
    // run leaves complete tables only.
    std::ostringstream f;
    f << "# t = " << std::setprecision(12) << time
      << " s; kind: 0 Li, 1 active, 2 polymer|ceramic, 3 Li foil\n"
      << "x_m,y_m,z_m,j_A_m2,j_total_A_m2,eta_V,theta,c_e_mol_m3,weight_m2,kind,"
         "normal_stress_Pa,mechanical_gap_m\n";
    f << std::setprecision(12);
    for (const auto &v : all)
      for (unsigned int i = 0; i + interface_columns - 1 < v.size();
           i += interface_columns)
        for (unsigned int k = 0; k < interface_columns; ++k)
          f << v[i + k] << (k < interface_columns - 1 ? "," : "\n");
    write_file_atomically(name.str(), f.str());
  }

  template <int dim>
  void
  CellSimulation<dim>::write_vtu(const double time)
  {
    for (const PhysicsModule<dim> *p : physics())
      for (const auto &[stream, file] : p->write_output(dir, n_output, time))
        pvd[stream].emplace_back(time, file);
    if (Utilities::MPI::this_mpi_process(comm) != 0)
      return;
    for (const auto &[stream, records] : pvd)
      {
        std::ostringstream f;
        DataOutBase::write_pvd_record(f, records);
        write_file_atomically(dir + stream + ".pvd", f.str());
      }
  }

  template <int dim>
  void
  CellSimulation<dim>::write_output(const double time)
  {
    write_interface_table(time);
    if (in.output.write_vtu)
      write_vtu(time);
    ++n_output;
  }

  template <int dim>
  void
  CellSimulation<dim>::write_timing(const bool final) const
  {
    // Where the time went, for benchmarks: one row per phase. Not final:
    // a run that failed, so no collective summary (the ranks may no longer
    // meet), this rank's times only.
    const auto times = cell->timer().get_summary_data(TimerOutput::total_wall_time);
    const auto calls = cell->timer().get_summary_data(TimerOutput::n_calls);
    const auto total = [&](const std::string &name) {
      return times.count(name) ? times.at(name) : 0.0;
    };
    const double assembly = total("assemble Jacobian");
    const double solve    = total("linear solve");
    const double newton =
        calls.count("assemble Jacobian") ? calls.at("assemble Jacobian") : 0;
    const double throughput =
        (assembly + solve) > 0 ? cell->n_dofs() * newton / (assembly + solve) : 0;
    CsvWriter timing(dir + "timing.csv", {"phase", "calls", "wall_time_s"});
    for (const auto &[name, time] : times)
      timing.add_row({name, CsvWriter::number(calls.at(name)), CsvWriter::number(time)});
    if (bulk)
      {
        // the cell mechanics' own phases (setup, assembly, solve)
        auto      &mt     = bulk->mechanics().timer();
        const auto mtimes = mt.get_summary_data(TimerOutput::total_wall_time);
        const auto mcalls = mt.get_summary_data(TimerOutput::n_calls);
        for (const auto &[name, time] : mtimes)
          timing.add_row(
              {name, CsvWriter::number(mcalls.at(name)), CsvWriter::number(time)});
        timing.add_row(
            {"mechanics_dofs", "0", CsvWriter::number(bulk->mechanics().n_dofs())});
        if (final)
          mt.print_summary();
      }
    timing.add_row({"dofs", "0", CsvWriter::number(cell->n_dofs())});
    timing.add_row({"cells", "0", CsvWriter::number(tria.n_global_active_cells())});
    // peak resident memory of this process (every rank's maximum at the end)
    Utilities::System::MemoryStats memory;
    Utilities::System::get_memory_stats(memory);
    const double peak_mb = memory.VmHWM / 1024.0;
    timing.add_row({"memory_per_rank_MB",
                    "0",
                    CsvWriter::number(final ? Utilities::MPI::max(peak_mb, MPI_COMM_WORLD)
                                            : peak_mb)});
    timing.add_row({"newton_iterations_total", "0", CsvWriter::number(total_newton)});
    timing.add_row({"linear_iterations_total", "0", CsvWriter::number(total_linear)});
    timing.add_row({"dofs_per_second", "0", CsvWriter::number(throughput)});
    if (final)
      pcout << "Newton iterations " << total_newton << ", linear iterations "
            << total_linear << ", " << fmt(throughput, 4)
            << " DoFs/s (DoFs x Jacobian assemblies / (assembly + linear solve time))"
            << std::endl;
  }

  template <int dim>
  void
  CellSimulation<dim>::finish()
  {
    const CellState s = cell->state();
    pcout << "Finished: " << step << " steps, t = " << fmt(t) << " s (" << fmt(t / 3600)
          << " h), V = " << fmt(cell->voltage(), 7) << " V, charge " << fmt(charge / 3.6)
          << " mAh"
          << (s.active_mass > 0
                  ? ", " + fmt(charge / 3.6 / (s.active_mass * 1e3)) + " mAh/g"
                  : std::string())
          << ", " << cell->n_dofs() << " DoFs" << std::endl
          << "Results in " << std::filesystem::absolute(dir).lexically_normal().string()
          << " (statistics.csv, electrochemistry.pvd, interface.pvd)" << std::endl;
    cell->timer().print_summary();
    write_timing();
    summary.steps   = step;
    summary.time    = t;
    summary.voltage = cell->voltage();
    summary.charge  = charge;
    summary.dofs    = cell->n_dofs();
  }

  // Explicit instantiation of the members defined in this file.
  template void
  CellSimulation<2>::open_statistics(const bool);
  template void
  CellSimulation<2>::record(const unsigned int, const StepResult &, const double);
  template void
  CellSimulation<2>::print_step(const StepResult &, const double) const;
  template void
  CellSimulation<2>::write_interface_table(const double) const;
  template void
  CellSimulation<2>::write_vtu(const double);
  template void
  CellSimulation<2>::write_output(const double);
  template void
  CellSimulation<2>::write_timing(const bool) const;
  template void
  CellSimulation<2>::finish();
  template void
  CellSimulation<3>::open_statistics(const bool);
  template void
  CellSimulation<3>::record(const unsigned int, const StepResult &, const double);
  template void
  CellSimulation<3>::print_step(const StepResult &, const double) const;
  template void
  CellSimulation<3>::write_interface_table(const double) const;
  template void
  CellSimulation<3>::write_vtu(const double);
  template void
  CellSimulation<3>::write_output(const double);
  template void
  CellSimulation<3>::write_timing(const bool) const;
  template void
  CellSimulation<3>::finish();
} // namespace MesoCell
