#ifndef MESOCELL_MATERIALS_LIBRARY_H
#define MESOCELL_MATERIALS_LIBRARY_H

#include <deal.II/base/parameter_handler.h>

#include <map>
#include <string>
#include <vector>

namespace MesoCell
{
  /**
   * @brief The type of a phase decides which fields live on it
   * (MODEL.md section 1): active (c_s, phi_s), polymer (c_e, phi_e),
   * ceramic (phi_c), conductor and lithium (phi_s).
   */
  enum class PhaseType
  {
    active,
    polymer,
    ceramic,
    conductor,
    lithium
  };

  /// "active", "polymer", ... (for messages and output).
  std::string
  to_string(const PhaseType type);

  /// A value and its derivative with respect to the law's first argument.
  struct ValueAndSlope
  {
    double value;
    double slope;
  };

  /// Temperature laws of the transport coefficients.
  enum class TemperatureLaw
  {
    constant,  ///< no temperature dependence
    arrhenius, ///< exp(-Ea/R (1/T - 1/T_ref))
    vtf        ///< exp(-B/(T - T0) + B/(T_ref - T0)) (Vogel-Tammann-Fulcher)
  };

  /**
   * @brief One material of the built-in library, every value in SI and
   * overridable from the parameter file (subsection Materials, then one
   * subsection per material name). Which members matter depends on the
   * type; the others are left at zero.
   */
  struct Material
  {
    std::string name;
    PhaseType   type = PhaseType::conductor;

    // --- every type -------------------------------------------------------
    double density = 0; ///< [kg/m^3] (active: for capacities in mAh/g)

    // --- electronic conduction (active, conductor, lithium) ----------------
    double electronic_conductivity = 0; ///< sigma_s [S/m]

    // --- active intercalation hosts -----------------------------------------
    double      maximum_concentration = 0; ///< c_s,max [mol/m^3]
    double      x_charged             = 0; ///< lithiation when charged [-]
    double      x_discharged          = 1; ///< lithiation when discharged [-]
    std::string open_circuit_potential;    ///< curve name, see ocp_names()
    double      ocp_constant = 0; ///< U0 for the 'constant' and 'linear' curves [V]
    double      ocp_slope    = 0; ///< dU/dx for the 'linear' curve [V]
    double      entropic_coefficient = 0; ///< dU/dT [V/K]
    double      solid_diffusivity    = 0; ///< D_s at T_ref [m^2/s]

    // --- reaction kinetics of the solid's surface (active, lithium) ----------
    double exchange_current_polymer =
        0; ///< i0 against a polymer at c_ref, x = 1/2 [A/m^2]
    double exchange_current_ceramic = 0;   ///< i0 against a ceramic at x = 1/2 [A/m^2]
    double alpha_a                  = 0.5; ///< anodic transfer coefficient [-]
    double alpha_c                  = 0.5; ///< cathodic transfer coefficient [-]
    double film_resistance          = 0;   ///< R_film, coating/CEI/SEI [Ohm m^2]
    double double_layer_capacitance = 0;   ///< C_dl [F/m^2]
    double molar_volume             = 0;   ///< lithium: Omega_Li [m^3/mol]

    // --- electrolytes (polymer, ceramic) -------------------------------------
    double ionic_conductivity = 0; ///< kappa at T_ref (and c_ref) [S/m]
    /// polymer: kappa(c) shape: "constant", "linear" (c/c_ref) or "peaked"
    /// ((c/c_ref) exp(1 - c/c_ref))
    std::string conductivity_concentration_law = "constant";
    double      reference_concentration = 0; ///< c_ref, also the initial salt [mol/m^3]
    double      salt_diffusivity        = 0; ///< D_e at T_ref [m^2/s]
    double      transference_number     = 0; ///< t+ [-]
    double      thermodynamic_factor    = 1; ///< 1 + dln f/dln c [-]
    double      transfer_resistance     = 0; ///< ceramic: R_pc to a polymer [Ohm m^2]

    // --- temperature dependence of D_s, kappa, D_e, i0 -----------------------
    TemperatureLaw temperature_law       = TemperatureLaw::constant;
    double         activation_energy     = 0;      ///< Arrhenius Ea [J/mol]
    double         vtf_pseudo_energy     = 0;      ///< VTF B [K]
    double         vtf_temperature       = 0;      ///< VTF T0 [K]
    double         reference_temperature = 298.15; ///< T_ref [K]

    /// Factor of the temperature law at @p T (1 at T_ref).
    double
    temperature_factor(const double T) const;

    /// U(x, T) and dU/dx [V] for active materials.
    ValueAndSlope
    ocp(const double x, const double T) const;

    /// kappa(c, T) and d kappa/dc for polymers; kappa(T) for ceramics.
    ValueAndSlope
    conductivity(const double c, const double T) const;

    /// D_s(T) (active) or D_e(T) (polymer) [m^2/s].
    double
    diffusivity(const double T) const;

    /// Theoretical specific capacity of an active material between
    /// x_charged and x_discharged [C/kg].
    double
    specific_capacity() const;
  };

  /// Names of the built-in materials, in library order.
  std::vector<std::string>
  material_names();

  /// Names of the open-circuit-potential curves.
  std::vector<std::string>
  ocp_names();

  /// The built-in material called @p name (with its documented defaults).
  /// Throws std::out_of_range for an unknown name.
  Material
  library_material(const std::string &name);

  /**
   * @brief The material library as the parameter file sees it: subsection
   * Materials with one subsection per built-in material whose entries
   * default to the library values, with units and sources in the help.
   */
  struct MaterialLibrary
  {
    std::map<std::string, Material> materials;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    /// Parse and check every value (ranges, OCP names); @p prm_file for messages.
    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file);

    /// The material called @p name; throws InputError naming @p prm_file,
    /// @p subsection, @p entry and the allowed names if there is none.
    const Material &
    get(const std::string &name,
        const std::string &prm_file,
        const std::string &subsection,
        const std::string &entry) const;
  };
} // namespace MesoCell

#endif
