#include <deal.II/base/mpi.h>

#include <mesocell/core/errors.h>
#include <mesocell/io/output.h>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

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

  std::string
  OutputParameters::prepare() const
  {
    std::string error;
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      {
        std::error_code ec;
        std::filesystem::create_directories(directory, ec);
        if (ec)
          error = "subsection 'Output', entry 'Directory': cannot create '" + directory +
                  "': " + ec.message();
      }
    throw_input_error_if_any(!error.empty(), error);
    return directory + "/";
  }

  CsvWriter::CsvWriter(const std::string              &file,
                       const std::vector<std::string> &columns,
                       const std::size_t               rows)
    : n_columns(columns.size())
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
            const std::string tmp = file + ".tmp";
            {
              std::ofstream o(tmp);
              for (const auto &l : kept)
                o << l << '\n';
            }
            std::filesystem::rename(tmp, file);
            out.open(file, std::ios::app);
          }
      }
    throw_input_error_if_any(!error.empty(), error);
  }

  CsvWriter::CsvWriter(const std::string &file, const std::vector<std::string> &columns)
    : n_columns(columns.size())
  {
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) != 0)
      return;
    out.open(file);
    for (std::size_t i = 0; i < columns.size(); ++i)
      out << (i ? "," : "") << columns[i];
    out << std::endl;
  }

  void
  CsvWriter::add_row(const std::vector<std::string> &values)
  {
    if (!out.is_open())
      return;
    for (std::size_t i = 0; i < values.size() && i < n_columns; ++i)
      out << (i ? "," : "") << values[i];
    out << std::endl;
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
