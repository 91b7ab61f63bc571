#ifndef MESOCELL_MATERIALS_LAWS_H
#define MESOCELL_MATERIALS_LAWS_H

#include <mesocell/materials/library.h>

#include <string>
#include <utility>
#include <vector>

/**
 * @file
 * The named laws of the material library (source/materials/laws/): the
 * lithiation strain and creep laws, with the names the parameter file uses
 * for them. The open-circuit potentials and the temperature laws are
 * plug-ins (open_circuit_potential.h, temperature_law.h).
 */
namespace MesoCell
{
  namespace Laws
  {
    // --- lithiation strain laws ----------------------------------------------

    /// "none", "Vegard" or "tabulated".
    std::string
    name(const LithiationStrainLaw law);

    /// "none|Vegard|tabulated", for a Patterns::Selection.
    std::string
    lithiation_strain_law_names();

    /// The law called @p name (anything unknown is 'none').
    LithiationStrainLaw
    lithiation_strain_law(const std::string &name);

    /// "x: dV/V" pairs separated by commas, exactly readable back.
    std::string
    table_string(const std::vector<std::pair<double, double>> &table);

    /// Parse "x: dV/V, ..." (a Patterns::Map has checked the form); an empty
    /// string gives an empty table. Throws std::invalid_argument with the
    /// reason if the x are not strictly increasing.
    std::vector<std::pair<double, double>>
    parse_table(const std::string &text);

    /// Monotone piecewise-cubic Hermite interpolation (PCHIP) of @p table at
    /// @p x and its derivative: node slopes by the weighted harmonic mean of
    /// Fritsch and Butland (as boost::math::interpolators::pchip), secant
    /// slopes at the two ends, linear beyond them. Needs at least two points.
    ValueAndSlope
    interpolate_pchip(const std::vector<std::pair<double, double>> &table,
                      const double                                  x);

    // --- creep laws -----------------------------------------------------------

    /// "none" or "power law".
    std::string
    name(const CreepLaw law);

    /// "none|power law", for a Patterns::Selection.
    std::string
    creep_law_names();

    /// The law called @p name (anything unknown is 'none').
    CreepLaw
    creep_law(const std::string &name);

    /// Power-law creep rate A exp(-Q/RT) sigma^m [1/s] at the von Mises stress
    /// @p sigma_vm [Pa] and its derivative with respect to sigma_vm.
    ValueAndSlope
    power_law_creep(const double prefactor,
                    const double exponent,
                    const double activation_energy,
                    const double sigma_vm,
                    const double T);
  } // namespace Laws
} // namespace MesoCell

#endif
