#ifndef MESOCELL_CORE_APPLICATION_H
#define MESOCELL_CORE_APPLICATION_H

#include <deal.II/base/parameter_handler.h>

#include <mesocell/materials/library.h>
#include <mesocell/physics/effective_conductivity.h>

#include <ostream>
#include <string>
#include <vector>

namespace MesoCell
{
  /// Declare every parameter of every problem MesoCell solves, with one
  /// subsection of Materials per user material of @p user_materials (read
  /// from the parameter file by MaterialLibrary::read_user_materials()).
  void
  declare_parameters(dealii::ParameterHandler        &prm,
                     const std::vector<UserMaterial> &user_materials = {});

  /// Write the parameter reference (every entry with default, allowed
  /// values and help) as Markdown.
  void
  write_parameter_reference(const dealii::ParameterHandler &prm, std::ostream &out);

  /// Write every entry as a commented parameter file (help, allowed
  /// values, default): what `mesocell --print-parameters` prints.
  void
  write_parameter_template(const dealii::ParameterHandler &prm, std::ostream &out);

  /**
   * Parse @p prm_file, check it and run the problem it describes (or only
   * only check it, or only build the mesh and its geometry report, as
   * @p mode says). Throws InputError or SolverError.
   */
  void
  run_parameter_file(const std::string &prm_file, const RunMode mode);

  /// The command line: mesocell [--help | --print-parameters [markdown] |
  /// --validate FILE.prm | FILE.prm]. Returns the process exit code.
  int
  main(int argc, char **argv);
} // namespace MesoCell

#endif
