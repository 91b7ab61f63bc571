#ifndef MESOCELL_MATERIALS_LIBRARY_H
#define MESOCELL_MATERIALS_LIBRARY_H

#include <deal.II/base/parameter_handler.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace MesoCell
{
  /**
   * @brief The type of a phase decides which fields live on it
   * (doc/model.md section 1): active (c_s, phi_s), polymer (c_e, phi_e),
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

  /// Lithiation (chemical) strain laws of active materials (doc/model.md section 2).
  enum class LithiationStrainLaw
  {
    none,     ///< no lithiation strain
    vegard,   ///< eps_ch = Omega_s/3 (c_s - c_ref) I
    tabulated ///< eps_ch = (f(x) - f(x_ref))/3 I, f = dV/V from a table
  };

  /// Creep laws (doc/model.md section 2).
  enum class CreepLaw
  {
    none,     ///< no creep
    power_law ///< eps_dot = A exp(-Q/RT) sigma_vm^m
  };

  /**
   * @brief One material of the library, every value in SI and overridable
   * from the parameter file (subsection Materials, then one subsection per
   * material name): a built-in material or a user material derived from one.
   * Which members matter depends on the type; the others are left at zero.
   */
  struct Material
  {
    std::string name;
    /// User materials: the built-in material it derives from (the source of
    /// every value not overridden); empty for built-in materials.
    std::string parent;
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
    /// lithium: Omega_M [m^3/mol] of the Monroe-Newman stress term and the
    /// stripping gap rate Omega_M j/F
    double molar_volume = 0;

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
    /// name of a registered TemperatureLaw (temperature_law.h): "constant",
    /// "Arrhenius", "VTF", ...
    std::string temperature_law       = "constant";
    double      activation_energy     = 0;      ///< Arrhenius Ea [J/mol]
    double      vtf_pseudo_energy     = 0;      ///< VTF B [K]
    double      vtf_temperature       = 0;      ///< VTF T0 [K]
    double      reference_temperature = 298.15; ///< T_ref [K]

    // --- mechanics (every type) ----------------------------------------------
    double youngs_modulus    = 0;   ///< E [Pa] (polymers: unrelaxed, instantaneous)
    double poisson_ratio     = 0;   ///< nu [-], 0 <= nu < 1/2
    double thermal_expansion = 0;   ///< linear thermal expansion coefficient alpha [1/K]
    double adhesion_strength = 0;   ///< tensile strength of a bonded interface [Pa]
    double surface_slope     = 0.1; ///< rms surface slope h'_rms (Persson) [-]

    // --- lithiation strain (active) -------------------------------------------
    LithiationStrainLaw lithiation_strain_law = LithiationStrainLaw::none;
    double              partial_molar_volume  = 0; ///< Vegard Omega_s [m^3/mol]
    /// Stress-free lithiation x_ref [-]; negative: x_charged (the default
    /// initial lithiation of a simulation).
    double reference_lithiation = -1;
    /// 'tabulated' law: (x, dV/V) points, x strictly increasing; dV/V is the
    /// volumetric strain relative to any fixed state (only differences matter).
    std::vector<std::pair<double, double>> lithiation_strain_table;

    // --- creep (lithium; allowed for polymers) --------------------------------
    CreepLaw creep_law               = CreepLaw::none;
    double   creep_prefactor         = 0; ///< A [Pa^-m s^-1] (stress in Pa)
    double   creep_exponent          = 1; ///< stress exponent m [-]
    double   creep_activation_energy = 0; ///< Q [J/mol]

    // --- stress relaxation (polymer) -------------------------------------------
    double relaxed_modulus                  = 0; ///< 0 < E_inf <= E [Pa]
    double reference_relaxation_time        = 0; ///< tau at T_relax [s]
    double relaxation_reference_temperature = 0; ///< T_relax [K]
    double relaxation_activation_energy     = 0; ///< Arrhenius energy of tau [J/mol]

    /// Factor of the temperature law at @p T (1 at T_ref); throws
    /// std::invalid_argument if no law of that name is registered.
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

    /// Shear modulus G = E / (2 (1 + nu)) [Pa].
    double
    shear_modulus() const;

    /// Plane-strain modulus E / (1 - nu^2) [Pa]; the pair's E* of the
    /// micro-contact law is 1/E* = 1/E1' + 1/E2'.
    double
    plane_strain_modulus() const;

    /// Stress-free lithiation: reference_lithiation, or x_charged when that is
    /// negative.
    double
    lithiation_reference() const;

    /// Isotropic LINEAR lithiation strain eps (eps_ch = eps I; one third of the
    /// volumetric strain) at lithiation @p x relative to lithiation_reference(),
    /// and d eps/dx. Zero for the 'none' law and for materials that are not
    /// active.
    ValueAndSlope
    lithiation_strain(const double x) const;

    /// As above, relative to the lithiation @p x_ref (e.g. a simulation's
    /// initial lithiation).
    ValueAndSlope
    lithiation_strain(const double x, const double x_ref) const;

    /// Equivalent (von Mises) creep strain rate A exp(-Q/RT) sigma_vm^m [1/s]
    /// at von Mises stress @p sigma_vm [Pa] >= 0 and temperature @p T [K], and
    /// its derivative with respect to sigma_vm [1/(Pa s)]. Zero for 'none'.
    ValueAndSlope
    creep_rate(const double sigma_vm, const double T) const;

    /// Relaxation time tau(T) = tau_ref exp(Q/R (1/T - 1/T_relax)) [s] of a
    /// polymer; 0 for other types.
    double
    relaxation_time(const double T) const;

    /// Relaxation modulus E(t) = E_inf + (E - E_inf) exp(-t/tau(T)) [Pa] after a
    /// time @p t [s] at constant temperature @p T (standard linear solid);
    /// E for materials that are not polymers.
    double
    relaxation_modulus(const double t, const double T) const;
  };

  /// Names of the built-in materials, in library order.
  std::vector<std::string>
  material_names();

  /// Names of the open-circuit-potential curves (the registered
  /// OpenCircuitPotential plug-ins, alphabetical).
  std::vector<std::string>
  ocp_names();

  /// The built-in material called @p name (with its documented defaults).
  /// Throws std::out_of_range for an unknown name.
  Material
  library_material(const std::string &name);

  /**
   * @brief A user material of the parameter file: a new @p name whose values
   * start from the built-in @p parent (one 'name: parent' pair of
   * Materials / User materials).
   */
  struct UserMaterial
  {
    std::string name;
    std::string parent;
  };

  /**
   * The user materials listed in @p list, "name: parent, name: parent" (the
   * value of Materials / User materials; empty: none). Throws InputError
   * naming @p prm_file, subsection 'Materials', entry 'User materials' and
   * what is allowed for a malformed pair, a name that is a built-in or
   * repeated, or a parent that is not a built-in material.
   */
  std::vector<UserMaterial>
  parse_user_materials(const std::string &list, const std::string &prm_file);

  /**
   * @brief The material library as the parameter file sees it: subsection
   * Materials with the entry 'User materials' and one subsection per built-in
   * material and per user material, whose entries default to the library
   * values (of the parent, for a user material), with units and sources in
   * the help.
   *
   * ParameterHandler needs every subsection declared before a file is parsed,
   * so a file with user materials is read in two passes:
   * @code
   *   ParameterHandler prm;
   *   MaterialLibrary::declare_parameters(
   *     prm, MaterialLibrary::read_user_materials(prm_file)); // first pass
   *   prm.parse_input(prm_file);                               // second pass
   *   MaterialLibrary library;
   *   library.parse_parameters(prm, prm_file);
   * @endcode
   */
  struct MaterialLibrary
  {
    /// Every material by name: the built-ins and the user materials.
    std::map<std::string, Material> materials;
    /// The user materials, in the order of the parameter file.
    std::vector<UserMaterial> user_materials;

    /// Declare subsection Materials: 'User materials', one subsection per
    /// built-in and one per entry of @p user (with its parent's entries and
    /// built-in defaults).
    static void
    declare_parameters(dealii::ParameterHandler        &prm,
                       const std::vector<UserMaterial> &user = {});

    /// Declare only Materials / User materials (the first pass).
    static void
    declare_user_materials_entry(dealii::ParameterHandler &prm);

    /// First pass over the parameter file @p prm_file (any format
    /// ParameterHandler reads): its user materials, every other entry and
    /// subsection skipped. Throws InputError for a bad 'User materials' entry
    /// and dealii::ExceptionBase if the file cannot be read or parsed.
    static std::vector<UserMaterial>
    read_user_materials(const std::string &prm_file);

    /// As above, from the text @p text of a .prm file; @p prm_file names it
    /// in messages.
    static std::vector<UserMaterial>
    read_user_materials_from_string(const std::string &text, const std::string &prm_file);

    /// Parse and check every value (ranges, OCP names) of every built-in and
    /// user material; @p prm_file for messages. The user materials listed in
    /// @p prm must have been declared (declare_parameters()).
    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file);

    /// Names of the built-in materials, then of the user materials.
    std::vector<std::string>
    names() const;

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
