#include <deal.II/base/mpi.h>

#include <mesocell/core/errors.h>
#include <mesocell/io/output.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <set>
#include <signal.h>
#include <sstream>
#include <sys/statvfs.h>
#include <thread>
#include <unistd.h>

namespace MesoCell
{
  using namespace dealii;

  void
  OutputParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    prm.declare_entry("Directory",
                      "output",
                      Patterns::DirectoryName(),
                      "Directory for all results (VTU/PVTU/PVD fields, CSV "
                      "statistics, the parameters used), relative to the "
                      "working directory; created if missing.");
    prm.declare_entry("Write VTU",
                      "true",
                      Patterns::Bool(),
                      "Write the fields as VTU/PVTU with a .pvd record for "
                      "ParaView.");
    prm.leave_subsection();
  }

  void
  OutputParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    directory = prm.get("Directory");
    write_vtu = prm.get_bool("Write VTU");
    prm.leave_subsection();
  }

  namespace
  {
    namespace fs = std::filesystem;

    /// The lock file of the output directory this process owns.
    struct OutputLock
    {
      std::string file;

      ~OutputLock()
      {
        release();
      }

      void
      release()
      {
        if (!file.empty())
          ::unlink(file.c_str());
        file.clear();
      }
    } output_lock;

    std::string
    host_name()
    {
      char name[256] = {};
      ::gethostname(name, sizeof(name) - 1);
      return name;
    }

    /// The name of process @p pid and its state letter from /proc ("" if
    /// unknown).
    std::pair<std::string, char>
    process_name_and_state(const std::string &pid)
    {
      std::ifstream stat("/proc/" + pid + "/stat");
      std::string   text((std::istreambuf_iterator<char>(stat)),
                       std::istreambuf_iterator<char>());
      const auto    open = text.find('('), close = text.rfind(')');
      if (open == std::string::npos || close == std::string::npos ||
          close + 2 >= text.size())
        return {"", '?'};
      return {text.substr(open + 1, close - open - 1), text[close + 2]};
    }

    /// Whether process @p pid of this host runs (a zombie, or another
    /// program that got the number of a finished run, does not).
    bool
    is_running(const long pid)
    {
      if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
        return false;
      const auto [name, state] = process_name_and_state(std::to_string(pid));
      if (state == 'Z' || state == 'X')
        return false;
      const auto self = process_name_and_state("self");
      return name.empty() || self.first.empty() || name == self.first;
    }

    /// Who holds @p lock ("" if nobody any more: a process of this host
    /// that no longer runs, or an unreadable lock file). A killed run's
    /// processes may take a moment to end: asked again for up to 2 s.
    std::string
    lock_holder(const std::string &lock)
    {
      std::ifstream in(lock);
      long          pid = 0;
      std::string   host;
      if (!(in >> pid >> host) || pid <= 0)
        return "";
      for (int i = 0; host == host_name() && i < 20; ++i)
        {
          if (!is_running(pid))
            return "";
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      return "process " + std::to_string(pid) + " on host " + host;
    }

    /// Take the lock of @p dir (rank 0); the error message, if any.
    std::string
    take_lock(const std::string &dir)
    {
      const std::string lock = dir + "/.mesocell.lock";
      if (output_lock.file == lock)
        return "";
      for (int attempt = 0; attempt < 2; ++attempt)
        {
          const int fd = ::open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
          if (fd >= 0)
            {
              const std::string me =
                  std::to_string(::getpid()) + " " + host_name() + "\n";
              const bool ok =
                  ::write(fd, me.data(), me.size()) == static_cast<ssize_t>(me.size());
              ::close(fd);
              output_lock.release();
              output_lock.file = lock;
              if (ok)
                return "";
              return "cannot write in '" + dir + "': " + std::strerror(errno);
            }
          if (errno != EEXIST)
            return "cannot write in '" + dir + "': " + std::strerror(errno);
          const std::string holder = lock_holder(lock);
          if (!holder.empty())
            return "'" + dir + "' is in use by another MesoCell run (" + holder +
                   ", lock file " + lock +
                   "; wait for that run, or remove the lock file if that run is gone)";
          ::unlink(lock.c_str()); // the lock of a run that no longer exists
        }
      return "cannot take the lock file " + lock;
    }

    /// Whether @p name is a file MesoCell writes into an output directory
    /// (or the temporary file of one, left by a killed run).
    bool
    is_output_name(const fs::path &name)
    {
      const std::string n = name.string(), ext = name.extension().string();
      static const std::set<std::string> known = {"statistics.csv",
                                                  "timing.csv",
                                                  "geometry.csv",
                                                  "phases.csv",
                                                  "effective_conductivity.csv",
                                                  "parameters.prm",
                                                  "mesh.msh"};
      if (ext == ".tmp")
        return is_output_name(name.stem());
      return known.count(n) > 0 || ext == ".vtu" || ext == ".pvtu" || ext == ".pvd" ||
             (n.rfind("interface_", 0) == 0 && ext == ".csv");
    }

    bool
    is_output_file(const fs::directory_entry &e)
    {
      const fs::path name = e.path().filename();
      if (e.is_directory())
        return name == "checkpoint" || name == "checkpoint.tmp" ||
               name == "checkpoint.old";
      return is_output_name(name);
    }

    /// Remove the output files of an earlier run from @p dir but @p keep;
    /// returns how many.
    unsigned int
    remove_earlier_output(const std::string &dir, const std::vector<std::string> &keep)
    {
      unsigned int    n = 0;
      std::error_code ec;
      for (const auto &e : fs::directory_iterator(dir, ec))
        {
          bool kept = false;
          for (const auto &k : keep)
            kept = kept || fs::equivalent(e.path(), k, ec);
          if (!kept && is_output_file(e))
            n += fs::remove_all(e.path(), ec) > 0;
        }
      return n;
    }

    /**
     * An output file cannot be written. Only rank 0 writes, so only it
     * knows: with one rank an InputError as usual; with several, print,
     * give up the lock and abort the job (unwinding on one rank would wait
     * forever in the collective destructors of the solvers while the other
     * ranks compute on).
     */
    [[noreturn]] void
    output_failure(const std::string &message)
    {
      if (Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) == 1)
        throw InputError(message);
      std::cerr << "mesocell: error: " << message << std::endl;
      output_lock.release();
      MPI_Abort(MPI_COMM_WORLD, 2);
      std::abort(); // MPI_Abort does not return
    }
  } // namespace

  std::string
  OutputParameters::prepare(const std::string              &prm_file,
                            const bool                      resume,
                            const std::vector<std::string> &keep) const
  {
    std::string error;
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      {
        std::error_code ec;
        fs::create_directories(directory, ec);
        if (ec)
          error = "cannot create '" + directory + "': " + ec.message();
        else
          error = take_lock(directory);
        if (error.empty() && !resume)
          if (const unsigned int n = remove_earlier_output(directory, keep))
            std::cout << "Output directory '" << directory << "': removed " << n
                      << " output files of an earlier run (MesoCell's CSV, VTU, mesh "
                         "and restart sets; other files are kept)"
                      << std::endl;
      }
    if (!error.empty())
      error = entry_message(prm_file,
                            "Output",
                            "Directory",
                            error,
                            "a directory this user can create and write, that no "
                            "other run uses");
    throw_input_error_if_any(!error.empty(), error);
    return directory + "/";
  }

  void
  OutputParameters::check_writable(const std::string &prm_file) const
  {
    // The directory, or the nearest existing directory above it.
    fs::path        p = fs::absolute(directory).lexically_normal();
    std::error_code ec;
    while (!fs::exists(p, ec) && p.has_parent_path() && p != p.parent_path())
      p = p.parent_path();
    std::string problem;
    if (!fs::is_directory(p, ec))
      problem = "'" + p.string() + "' is not a directory";
    else
      {
        // Try it: access() says yes to root even where writing fails
        // (sysfs, procfs, read-only mounts).
        const fs::path probe =
            p / (".mesocell-write-test." + std::to_string(::getpid()) + "." +
                 std::to_string(Utilities::MPI::this_mpi_process(MPI_COMM_WORLD)));
        const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0)
          problem = "'" + p.string() + "' is not writable (" + std::strerror(errno) + ")";
        else
          {
            ::close(fd);
            ::unlink(probe.c_str());
          }
      }
    if (!problem.empty())
      throw InputError(entry_message(prm_file,
                                     "Output",
                                     "Directory",
                                     "'" + directory + "' cannot be written: " + problem,
                                     "a directory this user can create and write"));
  }

  double
  OutputParameters::check_free_space(const std::string &prm_file,
                                     const double       bytes,
                                     const std::string &what) const
  {
    double free = std::numeric_limits<double>::max();
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      {
        struct statvfs s;
        if (::statvfs(directory.c_str(), &s) == 0)
          free = double(s.f_bavail) * double(s.f_frsize);
      }
    free = Utilities::MPI::broadcast(MPI_COMM_WORLD, free, 0);
    if (free < bytes)
      throw InputError(
          entry_message(prm_file,
                        "Output",
                        "Directory",
                        "the disk of '" + directory + "' has " +
                            format_number(free / 1e6) + " MB free, less than the about " +
                            format_number(bytes / 1e6) + " MB needed for " + what,
                        "a directory on a disk with free space (or "
                        "'Write VTU = false')"));
    return free;
  }

  void
  release_output_lock()
  {
    output_lock.release();
  }

  void
  write_file_atomically(const std::string &file, const std::string &text)
  {
    const std::string tmp = file + ".tmp";
    {
      std::ofstream out(tmp);
      out << text;
      out.flush();
      if (!out)
        {
          std::error_code ec;
          fs::remove(tmp, ec);
          output_failure(file + ": cannot be written (" + std::strerror(errno) +
                         "). Allowed: an output directory (subsection 'Output', entry "
                         "'Directory') on a disk with free space");
        }
    }
    fs::rename(tmp, file);
  }

  CsvWriter::CsvWriter(const std::string              &file,
                       const std::vector<std::string> &columns,
                       const std::size_t               rows)
    : file(file)
    , n_columns(columns.size())
  {
    std::string error;
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      {
        std::vector<std::string> kept;
        {
          std::ifstream in(file);
          std::string   line;
          // complete lines only: a last line without its newline is partial
          while (kept.size() < rows + 1 && std::getline(in, line) && !in.eof())
            kept.push_back(line);
        }
        if (kept.size() != rows + 1)
          error = file + ": has " + std::to_string(kept.size()) +
                  " complete lines, but the restart set needs its header and " +
                  std::to_string(rows) +
                  " rows. Allowed: the statistics.csv of the "
                  "run that wrote the restart set";
        else
          {
            std::string text;
            for (const auto &l : kept)
              text += l + '\n';
            write_file_atomically(file, text);
            fd = ::open(file.c_str(), O_WRONLY | O_APPEND);
          }
      }
    throw_input_error_if_any(!error.empty(), error);
  }

  CsvWriter::CsvWriter(const std::string &file, const std::vector<std::string> &columns)
    : file(file)
    , n_columns(columns.size())
  {
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) != 0)
      return;
    fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    if (fd < 0)
      output_failure(file + ": cannot be created (" + std::strerror(errno) +
                     "). Allowed: a writable output directory (subsection 'Output', "
                     "entry 'Directory')");
    std::string header;
    for (std::size_t i = 0; i < columns.size(); ++i)
      header += (i ? "," : "") + columns[i];
    write_line(header);
  }

  CsvWriter::CsvWriter(CsvWriter &&other) noexcept
    : file(std::move(other.file))
    , fd(other.fd)
    , n_columns(other.n_columns)
  {
    other.fd = -1;
  }

  CsvWriter::~CsvWriter()
  {
    if (fd >= 0)
      ::close(fd);
  }

  void
  CsvWriter::write_line(const std::string &line)
  {
    const std::string text = line + '\n';
    const off_t       size = ::lseek(fd, 0, SEEK_END);
    const ssize_t     n    = ::write(fd, text.data(), text.size());
    if (n == static_cast<ssize_t>(text.size()))
      return;
    const std::string why =
        n < 0 ? std::strerror(errno) : "only part of it fit, disk full?";
    if (n > 0 && size >= 0 && ::ftruncate(fd, size) != 0) // no partial row
      std::cerr << "mesocell: could not cut the partial row off " << file << std::endl;
    output_failure(file + ": cannot write a row (" + why +
                   "); the rows before it are complete. Allowed: an output directory "
                   "(subsection 'Output', entry 'Directory') on a disk with free space");
  }

  void
  CsvWriter::add_row(const std::vector<std::string> &values)
  {
    if (fd < 0)
      return;
    std::string row;
    for (std::size_t i = 0; i < values.size() && i < n_columns; ++i)
      row += (i ? "," : "") + values[i];
    write_line(row);
  }

  std::string
  CsvWriter::number(const double x)
  {
    if (std::isinf(x))
      return x > 0 ? "inf" : "-inf";
    std::ostringstream s;
    s << std::setprecision(12) << x;
    return s.str();
  }
} // namespace MesoCell
