#include <deal.II/base/mpi.h>

#include <mesocell/core/errors.h>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

namespace MesoCell
{
  std::string
  entry_message(const std::string &file,
                const std::string &subsection,
                const std::string &entry,
                const std::string &problem,
                const std::string &allowed)
  {
    std::string msg = file + ": ";
    if (!subsection.empty())
      msg += "subsection '" + subsection + "', ";
    msg += "entry '" + entry + "': " + problem + ".";
    if (!allowed.empty())
      msg += " Allowed: " + allowed + ".";
    return msg;
  }

  std::string
  format_number(const double value)
  {
    std::ostringstream s;
    s << std::setprecision(4) << value;
    return s.str();
  }

  void
  throw_input_error_if_any(const bool failed, const std::string &message)
  {
    const auto messages = dealii::Utilities::MPI::all_gather(
        MPI_COMM_WORLD, failed ? message : std::string());
    for (const auto &m : messages)
      if (!m.empty())
        throw InputError(m);
  }

  namespace
  {
    /// A communicator of its own, so that the failure handshake never
    /// matches a collective of the computation.
    MPI_Comm failure_comm = MPI_COMM_NULL;

    /// Whether every rank reports a failure within @p timeout.
    bool
    all_ranks_failed(const std::chrono::seconds timeout)
    {
      if (failure_comm == MPI_COMM_NULL)
        return true;
      int         one = 1, count = 0, done = 0;
      MPI_Request request;
      MPI_Iallreduce(&one, &count, 1, MPI_INT, MPI_SUM, failure_comm, &request);
      const auto start = std::chrono::steady_clock::now();
      while (!done && std::chrono::steady_clock::now() - start < timeout)
        {
          MPI_Test(&request, &done, MPI_STATUS_IGNORE);
          if (!done)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
      return done != 0;
    }
  } // namespace

  void
  prepare_failure_reports()
  {
    if (dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) > 1)
      MPI_Comm_dup(MPI_COMM_WORLD, &failure_comm);
  }

  int
  report_failure(const std::string &message, const int code)
  {
    const unsigned int rank = dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD);
    if (all_ranks_failed(std::chrono::seconds(10)))
      {
        if (rank == 0)
          std::cerr << message << std::endl;
        return code;
      }
    std::cerr << message << " [on rank " << rank << " only]" << std::endl;
    MPI_Abort(MPI_COMM_WORLD, code);
    return code;
  }
} // namespace MesoCell
