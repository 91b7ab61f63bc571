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

    /**
     * Make the directory the run's own (collective; rank 0 works on disk):
     * create it, check that it is writable, take its lock file (one run per
     * directory; the lock of a process that no longer runs is taken over)
     * and, unless @p resume, remove MesoCell's output files of an earlier
     * run there, except the files in @p keep (an input mesh). Returns the
     * path with a trailing '/'; InputError naming the directory otherwise.
     */
    std::string
    prepare(const std::string              &prm_file,
            const bool                      resume = false,
            const std::vector<std::string> &keep   = {}) const;

    /// For --validate: InputError unless the directory exists and is
    /// writable or can be created (nothing is written).
    void
    check_writable(const std::string &prm_file) const;

    /**
     * Collective: InputError naming the Directory entry unless its disk has
     * at least @p bytes free (for @p what, e.g. "one VTU output"). Returns
     * the free bytes (rank 0's answer on every rank).
     */
    double
    check_free_space(const std::string &prm_file,
                     const double       bytes,
                     const std::string &what) const;
  };

  /// Give up the lock of prepare() (also done at exit).
  void
  release_output_lock();

  /// Write @p text to @p file through a temporary file renamed into place,
  /// so that the file is either the old or the complete new one (rank
  /// calling it only); std::runtime_error naming the file on failure.
  void
  write_file_atomically(const std::string &file, const std::string &text);

  /**
   * @brief A CSV file written by rank 0 only, one row at a time: every row
   * is formatted first and written by one write() call, and a row the disk
   * did not take whole is cut off again, so that the file only ever holds
   * complete rows (a run killed or stopped by a full disk included).
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

    CsvWriter(CsvWriter &&other) noexcept;
    CsvWriter(const CsvWriter &) = delete;
    CsvWriter &
    operator=(const CsvWriter &) = delete;
    ~CsvWriter();

    /// Append one row; numbers are written with 12 significant digits.
    void
    add_row(const std::vector<std::string> &values);

    static std::string
    number(const double x);

  private:
    /// Append @p line whole, or throw (rank 0).
    void
    write_line(const std::string &line);

    std::string file;
    int         fd = -1;
    std::size_t n_columns;
  };
} // namespace MesoCell

#endif
