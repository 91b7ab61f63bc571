// The material library: the built-in materials in library order and the
// parameter-file view (subsection Materials).
#include <deal.II/base/exceptions.h>

#include <mesocell/core/errors.h>
#include <mesocell/materials/library.h>

#include "builtin/builtin.h"
#include "detail.h"
#include "material_parameters.h"

#include <stdexcept>

namespace MesoCell
{
  using namespace dealii;

  namespace MaterialDetail
  {
    const std::vector<LibraryEntry> &
    library()
    {
      static const std::vector<LibraryEntry> entries = [] {
        std::vector<LibraryEntry> all;
        for (auto &&group : {active_materials(),
                             polymer_materials(),
                             ceramic_materials(),
                             lithium_materials(),
                             conductor_materials()})
          all.insert(all.end(), group.begin(), group.end());
        return all;
      }();
      return entries;
    }

    const LibraryEntry &
    library_entry(const std::string &name)
    {
      for (const auto &e : library())
        if (e.material.name == name)
          return e;
      throw std::out_of_range("MesoCell: no built-in material '" + name + "'");
    }
  } // namespace MaterialDetail

  using namespace MaterialDetail;

  std::vector<std::string>
  material_names()
  {
    std::vector<std::string> names;
    for (const auto &e : library())
      names.push_back(e.material.name);
    return names;
  }

  Material
  library_material(const std::string &name)
  {
    return library_entry(name).material;
  }

  void
  MaterialLibrary::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Materials");
    for (const auto &e : library())
      {
        prm.enter_subsection(e.material.name);
        declare_material_entries(prm, e, e.material.name);
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }

  void
  MaterialLibrary::parse_parameters(ParameterHandler &prm, const std::string &prm_file)
  {
    materials.clear();
    prm.enter_subsection("Materials");
    for (const auto &e : library())
      {
        Material m = e.material;
        prm.enter_subsection(m.name);
        try
          {
            read_material_entries(prm, m, prm_file);
          }
        catch (...)
          {
            prm.leave_subsection();
            prm.leave_subsection();
            throw;
          }
        prm.leave_subsection();
        materials[m.name] = m;
      }
    prm.leave_subsection();
  }

  const Material &
  MaterialLibrary::get(const std::string &name,
                       const std::string &prm_file,
                       const std::string &subsection,
                       const std::string &entry) const
  {
    const auto it = materials.find(name);
    if (it == materials.end())
      throw InputError(entry_message(prm_file,
                                     subsection,
                                     entry,
                                     "unknown material '" + name + "'",
                                     join(material_names(), ", ")));
    return it->second;
  }
} // namespace MesoCell
