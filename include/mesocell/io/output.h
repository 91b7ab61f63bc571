#ifndef MESOCELL_IO_OUTPUT_H
#define MESOCELL_IO_OUTPUT_H

#include <deal.II/base/parameter_handler.h>

#include <fstream>
#include <string>
#include <vector>

namespace MesoCell
{
  /// @brief Where and what to write.
  struct OutputParameters
  {
    std::string directory = "output";
    bool        write_vtu = true;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Create the directory (rank 0) and return its path with a trailing '/'.
    std::string
    prepare() const;
  };

  /**
   * @brief A CSV file written by rank 0 only, one row at a time and flushed
   * after each, so that rows already written survive a later failure.
   */
  class CsvWriter
  {
  public:
    CsvWriter(const std::string &file, const std::vector<std::string> &columns);

    /// Continue @p file after its header and its first @p rows data rows
    /// (a resumed run): later rows, and a partial last line, are dropped.
    CsvWriter(const std::string              &file,
              const std::vector<std::string> &columns,
              const std::size_t               rows);

    /// Append one row; numbers are written with 12 significant digits.
    void
    add_row(const std::vector<std::string> &values);

    static std::string
    number(const double x);

  private:
    std::ofstream out;
    std::size_t   n_columns;
  };
} // namespace MesoCell

#endif
