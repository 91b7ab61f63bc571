// The parameter-file view of one material (private to source/materials/):
// its entries, their help texts, reading them and checking the values.
#ifndef MESOCELL_SOURCE_MATERIALS_MATERIAL_PARAMETERS_H
#define MESOCELL_SOURCE_MATERIALS_MATERIAL_PARAMETERS_H

#include <deal.II/base/parameter_handler.h>

#include <mesocell/materials/library.h>

#include "builtin/builtin.h"

#include <string>

namespace MesoCell
{
  namespace MaterialDetail
  {
    /// Declare the entries of a material of @p e's type in the current
    /// subsection, with @p e's values as defaults; every help text starts with
    /// @p label and ends with @p e's source of the value.
    void
    declare_material_entries(dealii::ParameterHandler &prm,
                             const LibraryEntry       &e,
                             const std::string        &label);

    /**
     * Read the entries of the current subsection into @p m (whose type
     * decides which entries exist) and check the ranges the patterns cannot
     * express. Throws InputError naming @p prm_file, the subsection
     * "Materials/<name>" and the entry.
     */
    void
    read_material_entries(dealii::ParameterHandler &prm,
                          Material                 &m,
                          const std::string        &prm_file);

    /// Throw InputError for values of @p m out of their ranges (those the
    /// patterns cannot express); @p prm_file and "Materials/<name>" in the
    /// message.
    void
    check_material(const Material &m, const std::string &prm_file);
  } // namespace MaterialDetail
} // namespace MesoCell

#endif
