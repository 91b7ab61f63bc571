#include <deal.II/base/mpi.h>

#include <mesocell/core/errors.h>

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

  void
  throw_input_error_if_any(const bool failed, const std::string &message)
  {
    const auto messages = dealii::Utilities::MPI::all_gather(
        MPI_COMM_WORLD, failed ? message : std::string());
    for (const auto &m : messages)
      if (!m.empty())
        throw InputError(m);
  }
} // namespace MesoCell
