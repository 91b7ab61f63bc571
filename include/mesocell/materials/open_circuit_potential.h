#ifndef MESOCELL_MATERIALS_OPEN_CIRCUIT_POTENTIAL_H
#define MESOCELL_MATERIALS_OPEN_CIRCUIT_POTENTIAL_H

#include <mesocell/core/registry.h>
#include <mesocell/materials/library.h>

#include <string>

namespace MesoCell
{
  /**
   * @brief An open-circuit-potential curve U(x) of an active material, a
   * plug-in registered by name (Registry<OpenCircuitPotential>): the name is
   * a value of the entry 'Open-circuit potential' of every active material,
   * and the registry gives that entry's Selection pattern and help.
   *
   * A new curve is one file in source/materials/laws/ that derives from this
   * class and ends with
   * MESOCELL_REGISTER(OpenCircuitPotential, MyCurve, "name", "description.").
   */
  class OpenCircuitPotential
  {
  public:
    virtual ~OpenCircuitPotential() = default;

    /// U(x) [V vs Li/Li+] and dU/dx [V] at lithiation @p x of the material
    /// @p m (whose 'OCP constant' and 'OCP slope' parametrise simple curves);
    /// exact slope. Throws std::domain_error where the curve is undefined
    /// (x is never clamped).
    virtual ValueAndSlope
    value(const double x, const Material &m) const = 0;
  };

  /// The registered curve @p name (one shared instance per curve, created
  /// once), or nullptr if there is none.
  const OpenCircuitPotential *
  find_open_circuit_potential(const std::string &name);
} // namespace MesoCell

#endif
