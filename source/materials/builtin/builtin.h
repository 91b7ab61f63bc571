// The built-in materials, one file per type (private to source/materials/).
#ifndef MESOCELL_SOURCE_MATERIALS_BUILTIN_BUILTIN_H
#define MESOCELL_SOURCE_MATERIALS_BUILTIN_BUILTIN_H

#include <mesocell/core/constants.h>
#include <mesocell/materials/library.h>

#include <map>
#include <string>
#include <vector>

namespace MesoCell
{
  namespace MaterialDetail
  {
    /// A built-in material and, per parameter entry, the source of its
    /// default (quoted in the help texts and in doc/manual.md).
    struct LibraryEntry
    {
      Material                           material;
      std::map<std::string, std::string> source;
    };

    /// The source of values without a specific one.
    inline const std::string typical = "typical literature value (~)";

    /// Reference temperatures of the library values [K].
    constexpr double t_25C = zero_celsius + 25.0; // 298.15 K
    constexpr double t_70C = zero_celsius + 70.0; // 343.15 K

    /// Active materials: NMC811, LFP, LCO (builtin/active.cc).
    std::vector<LibraryEntry>
    active_materials();

    /// Polymer electrolytes: PEO-LiTFSI, PVDF-HFP CPE (builtin/polymers.cc).
    std::vector<LibraryEntry>
    polymer_materials();

    /// Ceramic electrolytes: LLZO, LLZTO, LATP (builtin/ceramics.cc).
    std::vector<LibraryEntry>
    ceramic_materials();

    /// Lithium metal: Li (builtin/lithium.cc).
    std::vector<LibraryEntry>
    lithium_materials();

    /// Electronic conductors: rGO, carbon-binder (builtin/conductors.cc).
    std::vector<LibraryEntry>
    conductor_materials();

    /// Every built-in material in library order: active, polymer, ceramic,
    /// lithium, conductor (library.cc).
    const std::vector<LibraryEntry> &
    library();

    /// The built-in @p name; std::out_of_range if there is none.
    const LibraryEntry &
    library_entry(const std::string &name);
  } // namespace MaterialDetail
} // namespace MesoCell

#endif
