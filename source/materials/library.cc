// The material library: the built-in materials in library order, the user
// materials derived from them, and the parameter-file view (subsection
// Materials).
#include <deal.II/base/exceptions.h>
#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>
#include <mesocell/materials/library.h>

#include "builtin/builtin.h"
#include "detail.h"
#include "material_parameters.h"

#include <algorithm>
#include <set>
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

  namespace
  {
    using namespace MaterialDetail;

    const std::string user_materials_entry = "User materials";

    /// What 'User materials' allows, for messages.
    std::string
    user_materials_allowed()
    {
      return "'name: parent' pairs separated by commas, each name new (not a built-in "
             "material, not 'User materials', not repeated) and each parent a built-in "
             "material: " +
             join(material_names(), ", ");
    }

    /// "a, b" split at commas, each item trimmed; an empty or blank text gives
    /// no items, an empty item stays (and is reported).
    std::vector<std::string>
    split_items(const std::string &text)
    {
      std::vector<std::string> items;
      if (text.find_first_not_of(" \t") == std::string::npos)
        return items;
      std::size_t begin = 0;
      while (true)
        {
          const std::size_t end = text.find(',', begin);
          items.push_back(Utilities::trim(text.substr(begin, end - begin)));
          if (end == std::string::npos)
            return items;
          begin = end + 1;
        }
    }

    /// The built-in entry of @p u's parent, named and labelled as @p u.
    LibraryEntry
    user_entry(const UserMaterial &u)
    {
      LibraryEntry e    = library_entry(u.parent);
      e.material.name   = u.name;
      e.material.parent = u.parent;
      return e;
    }
  } // namespace

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

  std::vector<UserMaterial>
  parse_user_materials(const std::string &list, const std::string &prm_file)
  {
    const auto fail = [&](const std::string &problem) {
      throw InputError(entry_message(prm_file,
                                     "Materials",
                                     user_materials_entry,
                                     problem,
                                     user_materials_allowed()));
    };
    const std::vector<std::string> builtins = material_names();
    const auto                     builtin  = [&](const std::string &name) {
      return std::find(builtins.begin(), builtins.end(), name) != builtins.end();
    };
    std::vector<UserMaterial> user;
    std::set<std::string>     seen;
    for (const std::string &item : split_items(list))
      {
        const auto colon = item.find(':');
        if (colon == std::string::npos || item.find(':', colon + 1) != std::string::npos)
          fail("'" + item + "' is not a 'name: parent' pair");
        const UserMaterial u{Utilities::trim(item.substr(0, colon)),
                             Utilities::trim(item.substr(colon + 1))};
        if (u.name.empty() || u.parent.empty())
          fail("'" + item + "' is not a 'name: parent' pair");
        if (builtin(u.name))
          fail("'" + u.name +
               "' is a built-in material; a user material needs a new name");
        if (u.name == user_materials_entry)
          fail("'" + u.name + "' is the name of this entry");
        if (!seen.insert(u.name).second)
          fail("the user material '" + u.name + "' is declared twice");
        if (!builtin(u.parent))
          fail("the parent '" + u.parent + "' of '" + u.name +
               "' is not a built-in material" +
               (seen.count(u.parent) ? " (user materials derive from built-ins only)"
                                     : ""));
        user.push_back(u);
      }
    return user;
  }

  void
  MaterialLibrary::declare_user_materials_entry(ParameterHandler &prm)
  {
    prm.enter_subsection("Materials");
    prm.declare_entry(
        user_materials_entry,
        "",
        Patterns::Anything(),
        "New materials derived from built-in ones, as 'name: parent' pairs separated by "
        "commas, e.g. 'NMC811-coated: NMC811, PEO-dry: PEO-LiTFSI'. Each user material "
        "gets a subsection here with the entries of its parent, defaulting to the "
        "parent's built-in values (not to values set in the parent's subsection), and "
        "is used by its name like a built-in, also side by side with its parent. Names "
        "are new: not a built-in, not repeated.");
    prm.leave_subsection();
  }

  void
  MaterialLibrary::declare_parameters(ParameterHandler                &prm,
                                      const std::vector<UserMaterial> &user)
  {
    declare_user_materials_entry(prm);
    prm.enter_subsection("Materials");
    for (const auto &e : library())
      {
        prm.enter_subsection(e.material.name);
        declare_material_entries(prm, e, e.material.name);
        prm.leave_subsection();
      }
    for (const auto &u : user)
      {
        prm.enter_subsection(u.name);
        declare_material_entries(
            prm, user_entry(u), u.name + " (user material from " + u.parent + ")");
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }

  std::vector<UserMaterial>
  MaterialLibrary::read_user_materials(const std::string &prm_file)
  {
    ParameterHandler first;
    declare_user_materials_entry(first);
    first.parse_input(prm_file, "", true, false);
    first.enter_subsection("Materials");
    const std::string list = first.get(user_materials_entry);
    first.leave_subsection();
    return parse_user_materials(list, prm_file);
  }

  std::vector<UserMaterial>
  MaterialLibrary::read_user_materials_from_string(const std::string &text,
                                                   const std::string &prm_file)
  {
    ParameterHandler first;
    declare_user_materials_entry(first);
    first.parse_input_from_string(text, "", true);
    first.enter_subsection("Materials");
    const std::string list = first.get(user_materials_entry);
    first.leave_subsection();
    return parse_user_materials(list, prm_file);
  }

  void
  MaterialLibrary::parse_parameters(ParameterHandler &prm, const std::string &prm_file)
  {
    materials.clear();
    prm.enter_subsection("Materials");
    try
      {
        user_materials   = parse_user_materials(prm.get(user_materials_entry), prm_file);
        const auto parse = [&](Material m) {
          if (!prm.subsection_path_exists({m.name}))
            throw std::logic_error("MesoCell material library: the user material '" +
                                   m.name +
                                   "' was not declared (MaterialLibrary::"
                                   "declare_parameters without it)");
          prm.enter_subsection(m.name);
          try
            {
              read_material_entries(prm, m, prm_file);
            }
          catch (...)
            {
              prm.leave_subsection();
              throw;
            }
          prm.leave_subsection();
          materials[m.name] = m;
        };
        for (const auto &e : library())
          parse(e.material);
        for (const auto &u : user_materials)
          parse(user_entry(u).material);
      }
    catch (...)
      {
        prm.leave_subsection();
        throw;
      }
    prm.leave_subsection();
  }

  std::vector<std::string>
  MaterialLibrary::names() const
  {
    std::vector<std::string> all = material_names();
    for (const auto &u : user_materials)
      all.push_back(u.name);
    return all;
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
                                     join(names(), ", ")));
    return it->second;
  }
} // namespace MesoCell
