#ifndef MESOCELL_CORE_REGISTRY_H
#define MESOCELL_CORE_REGISTRY_H

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

namespace MesoCell
{
  /**
   * @brief Plug-ins of one kind (generators, OCP curves, protocol steps, ...)
   * registered by name, the ASPECT way.
   *
   * A plug-in is one .cc file that ends with MESOCELL_REGISTER(...); its name
   * and description become the Selection pattern of the parameter that
   * chooses it and the text of doc/parameters.md. The core is a shared
   * library, so the registering objects are never dropped by the linker.
   *
   * @tparam Interface the abstract base class of the plug-ins.
   */
  template <class Interface>
  class Registry
  {
  public:
    using Factory = std::function<std::unique_ptr<Interface>()>;

    /// One registered plug-in.
    struct Entry
    {
      std::string description;
      Factory     create;
    };

    /// The registry of this kind of plug-in (one per program: a function-
    /// local static of an inline function is unique across shared objects).
    static Registry &
    instance()
    {
      static Registry registry;
      return registry;
    }

    /// Register @p name; a second plug-in of the same name is a programming
    /// error.
    bool
    add(const std::string &name, const std::string &description, Factory create)
    {
      if (!entries_.emplace(name, Entry{description, std::move(create)}).second)
        throw std::logic_error("two plug-ins registered as '" + name + "'");
      return true;
    }

    bool
    has(const std::string &name) const
    {
      return entries_.count(name) > 0;
    }

    /// A new object of the plug-in @p name (std::out_of_range when unknown:
    /// callers check has() and report the input error themselves).
    std::unique_ptr<Interface>
    create(const std::string &name) const
    {
      return entries_.at(name).create();
    }

    /// "a|b|c" in alphabetical order, @p first (if given) in front.
    std::string
    selection(const std::string &first = "") const
    {
      std::string s = first;
      for (const auto &[name, e] : entries_)
        s += (s.empty() ? "" : "|") + name;
      return s;
    }

    /// "'a': description. 'b': description." for help texts.
    std::string
    documentation() const
    {
      std::string s;
      for (const auto &[name, e] : entries_)
        s += (s.empty() ? "'" : " '") + name + "': " + e.description;
      return s;
    }

    const std::map<std::string, Entry> &
    entries() const
    {
      return entries_;
    }

  private:
    Registry() = default;
    std::map<std::string, Entry> entries_;
  };
} // namespace MesoCell

#define MESOCELL_REGISTRY_CONCAT2(a, b) a##b
#define MESOCELL_REGISTRY_CONCAT(a, b) MESOCELL_REGISTRY_CONCAT2(a, b)

/**
 * Register the plug-in class @p Class (default-constructible, derived from
 * @p Interface) under @p name with @p description. Place it at namespace
 * scope at the end of the plug-in's .cc file.
 */
#define MESOCELL_REGISTER(Interface, Class, name, description)                  \
  namespace                                                                     \
  {                                                                             \
    const bool MESOCELL_REGISTRY_CONCAT(mesocell_registered_, __LINE__) =       \
        ::MesoCell::Registry<Interface>::instance().add(name, description, [] { \
          return std::make_unique<Class>();                                     \
        });                                                                     \
  }

#endif
