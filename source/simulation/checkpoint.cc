// Cell simulation, checkpoints: atomic restart sets written during a run
// (subsection Checkpoint) and read by `mesocell --resume FILE.prm`.
//
// A restart set is the directory OUTPUT/checkpoint/: the triangulation with
// every physics' vectors attached (p4est serialization: mesh, mesh.info,
// mesh_fixed.data, mesh_variable.data) and restart.txt, the named values of
// every physics and of the driver, ending with the line "end". It is written
// into checkpoint.tmp/ and renamed into place, so a run killed at any moment
// leaves either the previous set (checkpoint/ or checkpoint.old/) or the new
// one, never a mixed one.
#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>

#include "cell_simulation_driver.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace MesoCell
{
  using namespace dealii;
  namespace fs = std::filesystem;

  namespace
  {
    constexpr const char *header = "mesocell restart set 1";

    void
    write_values(const Checkpoint &cp, const std::string &file)
    {
      std::ofstream f(file);
      f << header << '\n' << std::setprecision(17);
      for (const auto &[name, v] : cp.values)
        {
          f << "values " << name << '\n' << v.size();
          for (const double x : v)
            f << ' ' << x;
          f << '\n';
        }
      for (const auto &[name, v] : cp.texts)
        {
          f << "texts " << name << '\n' << v.size() << '\n';
          for (const auto &x : v)
            f << x << '\n';
        }
      f << "end\n";
      f.flush();
      if (!f)
        throw SolverError("could not write the restart set " + file +
                          " (disk full?); the previous restart set is kept");
    }

    /// Read restart.txt; an empty optional when it is missing or incomplete.
    std::optional<Checkpoint>
    read_values(const std::string &file, std::string &problem)
    {
      std::ifstream f(file);
      std::string   line;
      if (!f || !std::getline(f, line) || line != header)
        {
          problem = f ? "it does not start with '" + std::string(header) + "'"
                      : "it is missing";
          return {};
        }
      Checkpoint cp;
      while (std::getline(f, line))
        {
          if (line == "end")
            return cp;
          std::size_t n = 0;
          if (line.rfind("values ", 0) == 0)
            {
              auto &v = cp.values[line.substr(7)];
              f >> n;
              v.resize(n);
              for (auto &x : v)
                f >> x;
              std::getline(f, line);
            }
          else if (line.rfind("texts ", 0) == 0)
            {
              auto &v = cp.texts[line.substr(6)];
              f >> n;
              std::getline(f, line);
              v.resize(n);
              for (auto &x : v)
                std::getline(f, x);
            }
          else
            break;
          if (!f)
            break;
        }
      problem = "it is incomplete or corrupt (no 'end' line after its last entry)";
      return {};
    }
  } // namespace

  template <int dim>
  bool
  CellSimulation<dim>::checkpoint_due()
  {
    const CheckpointParameters &c = in.checkpoint;
    bool due                      = c.interval_steps > 0 && step % c.interval_steps == 0;
    if (c.interval_minutes > 0)
      {
        // rank 0's clock decides for all
        const double minutes = std::chrono::duration<double>(
                                   std::chrono::steady_clock::now() - last_checkpoint)
                                   .count() /
                               60;
        const int by_time =
            Utilities::MPI::this_mpi_process(comm) == 0 && minutes >= c.interval_minutes;
        due = due || Utilities::MPI::max(by_time, comm) > 0;
      }
    return due;
  }

  template <int dim>
  void
  CellSimulation<dim>::write_checkpoint(const unsigned int    k,
                                        const StepController &controller)
  {
    const bool        root = Utilities::MPI::this_mpi_process(comm) == 0;
    const std::string tmp = dir + "checkpoint.tmp/", final = dir + "checkpoint/",
                      old = dir + "checkpoint.old/";
    if (root)
      {
        fs::remove_all(tmp);
        fs::create_directories(tmp);
      }
    MPI_Barrier(comm);
    Checkpoint cp;
    for (const PhysicsModule<dim> *p : physics())
      p->save(cp);
    if (contact)
      contact->save(cp, *cell);
    const StepController::State cs = controller.state();
    cp.set("driver",
           {double(k),
            double(step),
            t,
            charge,
            double(total_newton),
            double(total_linear),
            double(n_output),
            x_initial,
            cs.dt,
            cs.dt_previous,
            cs.t_begin,
            double(cs.in_step),
            double(tria.n_cells(0))});
    for (const auto &[stream, records] : pvd)
      {
        std::vector<double>      times;
        std::vector<std::string> files;
        for (const auto &[time, file] : records)
          {
            times.push_back(time);
            files.push_back(file);
          }
        cp.set("output times " + stream, times);
        cp.texts["output files " + stream] = files;
      }
    tria.save(tmp + "mesh");
    cp.keep_alive.clear();
    std::string error;
    if (root)
      try
        {
          write_values(cp, tmp + "restart.txt");
          if (fs::exists(final))
            fs::rename(final, old);
          fs::rename(tmp, final);
          fs::remove_all(old);
        }
      catch (const std::exception &e)
        {
          error = e.what();
        }
    if (Utilities::MPI::max(error.empty() ? 0 : 1, comm) > 0)
      throw SolverError(root ? error : "could not write the restart set");
    last_checkpoint = std::chrono::steady_clock::now();
    pcout << "  restart set written at step " << step << " (t = " << t << " s) to "
          << final << std::endl;
  }

  template <int dim>
  std::string
  CellSimulation<dim>::find_restart_set() const
  {
    std::string problem;
    for (const std::string &set : {dir + "checkpoint/", dir + "checkpoint.old/"})
      if (fs::exists(set + "restart.txt"))
        {
          if (read_values(set + "restart.txt", problem))
            return set;
          problem = set + "restart.txt: " + problem;
        }
    throw InputError(
        in.prm_file + ": --resume: " +
        (problem.empty() ? "no restart set in '" + dir + "checkpoint/'" : problem) +
        ". Allowed: a complete restart set written by a run of this parameter "
        "file with 'Interval steps' or 'Interval minutes' in subsection Checkpoint");
  }

  template <int dim>
  typename CellSimulation<dim>::ResumePoint
  CellSimulation<dim>::read_checkpoint()
  {
    const std::string set = find_restart_set();
    std::string       problem;
    const Checkpoint  cp  = *read_values(set + "restart.txt", problem);
    const auto        bad = [&](const std::string &what) {
      return InputError(in.prm_file + ": --resume: " + set + ": " + what +
                        ". Allowed: the restart set of a run of this parameter file");
    };
    bool complete = cp.values.count("driver") && cp.get("driver").size() == 13 &&
                    (!contact || cp.values.count("interface contact"));
    for (const PhysicsModule<dim> *p : physics())
      complete = complete && cp.values.count(p->name());
    if (!complete)
      throw bad("restart.txt lacks the state of the driver or of a physics");
    const std::vector<double> &d = cp.get("driver");
    if (d[12] != double(tria.n_cells(0)))
      throw bad("it was written on a mesh of " + std::to_string(std::llround(d[12])) +
                " coarse cells, this mesh has " + std::to_string(tria.n_cells(0)));
    for (const char *f : {"mesh", "mesh.info", "mesh_fixed.data"})
      if (!fs::exists(set + f))
        throw bad(std::string("the file '") + f + "' is missing");
    try
      {
        tria.load(set + "mesh");
      }
    catch (const ExceptionBase &e)
      {
        std::ostringstream s;
        e.print_info(s);
        throw bad("the triangulation could not be read: " + s.str());
      }
    for (PhysicsModule<dim> *p : physics())
      p->load(cp);
    if (contact)
      contact->load(cp, *cell);
    step         = std::llround(d[1]);
    t            = d[2];
    charge       = d[3];
    total_newton = std::llround(d[4]);
    total_linear = std::llround(d[5]);
    n_output     = std::llround(d[6]);
    x_initial    = d[7];
    for (const auto &[name, files] : cp.texts)
      if (name.rfind("output files ", 0) == 0)
        {
          const std::string          stream = name.substr(13);
          const std::vector<double> &times  = cp.get("output times " + stream);
          for (unsigned int i = 0; i < files.size() && i < times.size(); ++i)
            pvd[stream].emplace_back(times[i], files[i]);
        }
    pcout << "Resuming from " << set << ": step " << step << ", t = " << t << " s"
          << std::endl;
    ResumePoint r;
    r.protocol_step          = std::llround(d[0]);
    r.controller.dt          = d[8];
    r.controller.dt_previous = d[9];
    r.controller.t_begin     = d[10];
    r.controller.in_step     = std::llround(d[11]);
    return r;
  }

  // Explicit instantiation of the members defined in this file.
  template bool
  CellSimulation<2>::checkpoint_due();
  template void
  CellSimulation<2>::write_checkpoint(const unsigned int, const StepController &);
  template std::string
  CellSimulation<2>::find_restart_set() const;
  template CellSimulation<2>::ResumePoint
  CellSimulation<2>::read_checkpoint();
  template bool
  CellSimulation<3>::checkpoint_due();
  template void
  CellSimulation<3>::write_checkpoint(const unsigned int, const StepController &);
  template std::string
  CellSimulation<3>::find_restart_set() const;
  template CellSimulation<3>::ResumePoint
  CellSimulation<3>::read_checkpoint();
} // namespace MesoCell
