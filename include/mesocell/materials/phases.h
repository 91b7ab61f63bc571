#ifndef MESOCELL_MATERIALS_PHASES_H
#define MESOCELL_MATERIALS_PHASES_H

#include <deal.II/base/parameter_handler.h>

#include <map>
#include <string>

namespace MesoCell
{
  /**
   * @brief Bulk properties of each phase, keyed by the Gmsh physical-group
   * name of the phase: for now its electrical/ionic conductivity.
   */
  struct PhaseParameters
  {
    std::map<std::string, double> conductivity;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    /// Parse and check (every conductivity > 0); @p prm_file for messages.
    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file);
  };
} // namespace MesoCell

#endif
