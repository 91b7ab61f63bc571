#ifndef MESOCELL_MATERIALS_TEMPERATURE_LAW_H
#define MESOCELL_MATERIALS_TEMPERATURE_LAW_H

#include <mesocell/core/registry.h>
#include <mesocell/materials/library.h>

#include <string>

namespace MesoCell
{
  /**
   * @brief A temperature law of the transport coefficients (D_s, kappa, D_e,
   * i0), a plug-in registered by name (Registry<TemperatureLaw>): the name is
   * a value of the entry 'Temperature law' of every material that is not a
   * conductor, and the registry gives that entry's Selection pattern and
   * help.
   *
   * A new law is one file in source/materials/laws/ that derives from this
   * class and ends with
   * MESOCELL_REGISTER(TemperatureLaw, MyLaw, "name", "formula and parameters.").
   */
  class TemperatureLaw
  {
  public:
    /// A parameter of a material that the law cannot use.
    struct Problem
    {
      std::string entry;   ///< the material's entry; empty: no problem
      std::string problem; ///< what is wrong with its value
      std::string allowed; ///< what is allowed
    };

    virtual ~TemperatureLaw() = default;

    /// Factor of the law at @p T [K] for the material @p m [-], 1 at
    /// m.reference_temperature. Throws std::domain_error
    /// (MaterialDetail::domain_error) where the law is undefined.
    virtual double
    factor(const double T, const Material &m) const = 0;

    /// The first parameter of @p m the law cannot use (checked when the
    /// material library is read); none by default.
    virtual Problem
    check(const Material &) const
    {
      return {};
    }
  };

  /// The registered law @p name (one shared instance per law, created once),
  /// or nullptr if there is none.
  const TemperatureLaw *
  find_temperature_law(const std::string &name);
} // namespace MesoCell

#endif
