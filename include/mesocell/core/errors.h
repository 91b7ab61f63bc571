#ifndef MESOCELL_CORE_ERRORS_H
#define MESOCELL_CORE_ERRORS_H

#include <stdexcept>
#include <string>

namespace MesoCell
{
  /**
   * @brief Bad user input: a parameter file, an entry or a mesh that cannot be
   * used. The message names the file, the entry and what is allowed; the
   * application prints it once and exits with code 2.
   */
  class InputError : public std::runtime_error
  {
  public:
    using std::runtime_error::runtime_error;
  };

  /**
   * @brief A numerical failure (linear solver without convergence, ...). The
   * application prints it once and exits with code 3.
   */
  class SolverError : public std::runtime_error
  {
  public:
    using std::runtime_error::runtime_error;
  };

  /**
   * Build the standard message for a bad entry:
   * "FILE: subsection 'S', entry 'E': PROBLEM. Allowed: ALLOWED".
   */
  std::string
  entry_message(const std::string &file,
                const std::string &subsection,
                const std::string &entry,
                const std::string &problem,
                const std::string &allowed = "");

  /// @p value with 4 significant digits, for messages ("2e-05", "0.3").
  std::string
  format_number(const double value);

  /**
   * Throw an InputError on every rank if @p failed is true on any rank; the
   * message is the one of the lowest rank that failed.
   */
  void
  throw_input_error_if_any(const bool failed, const std::string &message);

  /// Set up report_failure() (collective, once after MPI_Init).
  void
  prepare_failure_reports();

  /**
   * Print the error @p message once and return the exit code @p code. When
   * every rank failed (the usual case: input is checked on every rank)
   * only rank 0 prints; when after 10 s some ranks have not failed (an
   * error on one rank only), each failing rank prints with its rank number
   * and the job is aborted, so that the other ranks do not wait forever.
   */
  int
  report_failure(const std::string &message, const int code);
} // namespace MesoCell

#endif
