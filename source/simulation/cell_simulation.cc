// Cell simulation: the run, phase by phase, and the job's entry point.
#include <mesocell/core/errors.h>

#include "cell_simulation_driver.h"

namespace MesoCell
{
  using namespace dealii;

  template <int dim>
  CellSimulationSummary
  CellSimulation<dim>::run()
  {
    // A resumed run starts from the coarse mesh: the restart set carries
    // the refined triangulation.
    MeshParameters mesh = in.mesh;
    if (mode == RunMode::resume)
      mesh.global_refinements = 0;
    prepared =
        prepare_mesh(mesh, in.geometry, in.output, prm, in.prm_file, mode, tria, timer);
    if (prepared.finished)
      return summary;
    build_model();
    if (mode == RunMode::validate)
      {
        pcout << in.prm_file << ": parameters, mesh, materials and protocol are valid"
              << std::endl;
        return summary;
      }
    dir = prepared.directory;
    setup_physics();
    try
      {
        if (contact && in.contact.bulk_mechanics)
          setup_bulk_mechanics();
        std::optional<ResumePoint> resume;
        if (mode == RunMode::resume)
          resume = read_checkpoint();
        else
          {
            cell->setup();
            cell->initialize();
          }
        Q_nominal = in.cell.nominal_capacity > 0 ? in.cell.nominal_capacity
                                                 : cell->nominal_capacity();
        area      = cell->terminal_area();
        check_protocol_currents();
        if (bulk && !resume)
          initial_mechanics();
        const double x_resumed = x_initial;
        print_cell_summary();
        if (resume)
          x_initial = x_resumed;
        open_statistics(resume.has_value());
        if (!resume)
          write_output(0);
        summary.times.push_back(t);
        summary.voltages.push_back(cell->voltage());
        run_protocol(resume);
        finish();
        return summary;
      }
    catch (...)
      {
        // timing.csv of the failed run too (where did the time go before
        // it failed), unless writing is what failed
        if (!dir.empty())
          try
            {
              write_timing(false);
            }
          catch (...)
            {
            }
        cell->discard_timer();
        throw;
      }
  }

  template <int dim>
  CellSimulationSummary
  run_cell_simulation(const CellSimulationInput &input,
                      const ParameterHandler    &prm,
                      const RunMode              mode)
  {
    check_cell_simulation_input(input);
    std::optional<TimerOutput> timer;
    timer.emplace(MPI_COMM_WORLD, std::cout, TimerOutput::never, TimerOutput::wall_times);
    try
      {
        CellSimulation<dim> simulation(input, prm, mode, *timer);
        return simulation.run();
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
