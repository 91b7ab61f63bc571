#ifndef MESOCELL_INTERFACES_CONTACT_MODEL_H
#define MESOCELL_INTERFACES_CONTACT_MODEL_H

/**
 * @file
 * Pointwise contact laws of a MesoCell contact interface (doc/model.md section 4):
 * the plane-strain contact modulus of a pair, Persson's micro-contact fraction
 * theta(p_n), the stress relaxation of a polymer during hot pressing, the
 * irreversible densification history of an interface point, the Li stripping
 * gap against creep closure, and the resistance of a partly touching interface.
 *
 * Everything here is evaluated at one quadrature point of an interface; no
 * deal.II objects are involved. SI units throughout: pressures and moduli in
 * Pa, times in s, temperatures in K, lengths in m, current densities in A/m^2.
 * Invalid parameters (non-positive moduli, Poisson ratios outside (-1, 0.5],
 * non-positive temperatures, ...) throw std::invalid_argument.
 */

namespace MesoCell
{
  /**
   * Plane-strain contact modulus E* of two elastic bodies [Pa]:
   *   1/E* = (1 - nu1^2)/E1 + (1 - nu2^2)/E2.
   * A rigid counter-face is E2 = std::numeric_limits<double>::infinity()
   * (its term vanishes); at most one of the two may be rigid.
   *
   * @param E1,E2 Young's moduli [Pa], > 0 (or +infinity).
   * @param nu1,nu2 Poisson ratios [-], in (-1, 0.5].
   */
  double
  effective_modulus(const double E1, const double nu1, const double E2, const double nu2);

  /**
   * A contact fraction and its derivative with respect to the normal
   * pressure, for a Newton method on the fields.
   */
  struct ContactFraction
  {
    double value;      ///< theta [-], in [theta_min, 1]
    double derivative; ///< d theta / d p_n [1/Pa]
  };

  /**
   * Persson's micro-contact fraction of two rough surfaces in contact:
   *   theta(p_n) = max(theta_min, erf(sqrt(2) p_n / (E* h'_rms)))  for p_n > 0,
   *   theta(p_n) = theta_min                                         for p_n <= 0,
   * where h'_rms is the rms slope of the combined roughness.
   *
   * @param p_n normal contact pressure [Pa], compressive positive.
   * @param E_star plane-strain contact modulus of the pair [Pa], > 0.
   * @param rms_slope rms surface slope h'_rms [-], > 0.
   * @param theta_min floor of the contact fraction [-], in (0, 1]; it keeps
   *        the interface conductance positive where the surfaces are apart.
   */
  double
  persson_contact_fraction(const double p_n,
                           const double E_star,
                           const double rms_slope,
                           const double theta_min);

  /**
   * persson_contact_fraction() together with d theta / d p_n:
   *   d theta/d p_n = (2/sqrt(pi)) exp(-x^2) sqrt(2)/(E* h'_rms),
   *   x = sqrt(2) p_n/(E* h'_rms),
   * where the erf branch is active (p_n > 0 and erf(x) > theta_min), and 0
   * where theta is clipped to theta_min (the one-sided derivative of the
   * active branch is returned at the kink).
   */
  ContactFraction
  persson_contact_fraction_with_derivative(const double p_n,
                                           const double E_star,
                                           const double rms_slope,
                                           const double theta_min);

  /**
   * Stress relaxation of a polymer (electrolyte) under a constant contact
   * load, a standard-linear-solid (Zener) relaxation modulus with an
   * Arrhenius relaxation time:
   *   E(t, T)  = E_inf + (E_0 - E_inf) exp(-t / tau(T)),
   *   tau(T)   = tau_ref exp( Q/R (1/T - 1/T_ref) ).
   * E(t, T) is the effective (secant) modulus that the micro-contacts see
   * after a time t under load at the temperature T: it falls from E_0 to
   * E_inf, faster at higher T. The argument t is the time spent under load
   * at the (constant) temperature T of the stage; for a non-isothermal
   * history pass the reduced time  sum dt_k tau_ref/tau(T_k)  with T = T_ref
   * (time-temperature superposition). Poisson's ratio is kept constant.
   */
  struct RelaxationLaw
  {
    double unrelaxed_modulus; ///< E_0 [Pa], instantaneous (glassy/short-time) modulus
    double relaxed_modulus;   ///< E_inf [Pa], 0 < E_inf <= E_0, long-time modulus
    double reference_relaxation_time; ///< tau_ref [s] at T_ref, > 0
    double reference_temperature;     ///< T_ref [K], > 0
    double activation_energy;         ///< Q [J/mol], >= 0

    /// tau(T) [s].
    double
    relaxation_time(const double temperature) const;

    /// E(t, T) [Pa]; t <= 0 gives E_0.
    double
    modulus(const double time_under_load, const double temperature) const;
  };

  /**
   * History of one contact interface point.
   *
   * theta_max is the historical maximum of the contact fraction reached while
   * the interface stayed closed: densification by (hot) pressing is
   * irreversible, so releasing the pressure keeps it. Opening the interface
   * destroys it: theta_max is reset to theta_min and contact has to be
   * rebuilt by pressing again.
   */
  struct InterfaceContactState
  {
    double theta_max = 0;     ///< historical maximum of theta while closed [-]
    bool   open      = false; ///< the surfaces are apart (gap > 0 or tension)
    double gap       = 0;     ///< normal gap g_n [m], > 0 where open
  };

  /**
   * Micro-contact of a polymer (through its RelaxationLaw) pressed against an
   * elastic counter-face (ceramic electrolyte, active material, Li, current
   * collector; infinite modulus for a rigid one), with Persson's law for the
   * contact fraction and irreversible densification.
   *
   * At a time t under load and temperature T the pair modulus is
   *   E*(t, T) = effective_modulus(E_polymer(t, T), nu_polymer, E_c, nu_c)
   * and the current contact fraction is
   *   theta_now = persson_contact_fraction(p_n, E*(t, T), h'_rms, theta_min).
   * update() advances an InterfaceContactState:
   *  - the point is open if gap > 0 or p_n < 0 (tension on a unilateral,
   *    debonded contact); p_n = 0 with gap <= 0 is closed (touching);
   *  - open: theta_max = theta_min (the history is lost);
   *  - closed: theta_max = max(theta_max, theta_now).
   * effective_contact_fraction() is the theta the electrochemistry uses:
   *   open ? theta_min : max(theta_max, theta_now)   (= theta_max after update()).
   */
  struct HotPressLaw
  {
    RelaxationLaw polymer;               ///< polymer relaxation modulus
    double        polymer_poisson_ratio; ///< nu of the polymer [-]
    double        counterface_modulus; ///< E of the counter-face [Pa] (may be +infinity)
    double        counterface_poisson_ratio; ///< nu of the counter-face [-]
    double        rms_slope;                 ///< h'_rms [-]
    double        minimum_contact_fraction;  ///< theta_min [-]

    /// E*(t, T) [Pa] of the pair after a time t under load at temperature T.
    double
    pair_modulus(const double time_under_load, const double temperature) const;

    /// theta_now(p_n, t, T) [-] (Persson with the relaxed pair modulus).
    double
    contact_fraction(const double p_n,
                     const double time_under_load,
                     const double temperature) const;

    /// A fresh state: closed, no gap, theta_max = theta_min.
    InterfaceContactState
    initial_state() const;

    /**
     * Advance @p state to the pressure @p p_n [Pa] (compressive positive) and
     * normal gap @p gap [m] (positive where apart) at the temperature @p
     * temperature [K], after the time @p time_under_load [s] under the current
     * load (see RelaxationLaw for its meaning). Returns the effective theta.
     */
    double
    update(InterfaceContactState &state,
           const double           p_n,
           const double           gap,
           const double           temperature,
           const double           time_under_load) const;

    /// open ? theta_min : max(theta_max, theta_now) for the given current theta.
    double
    effective_contact_fraction(const InterfaceContactState &state,
                               const double                 theta_now) const;

    /// open ? theta_min : theta_max (the value after update()).
    double
    effective_contact_fraction(const InterfaceContactState &state) const;
  };

  /**
   * Gap at a Li | electrolyte interface point: stripping removes Li, power-law
   * creep of Li under the stack pressure closes the gap (doc/model.md section 4):
   *   dg/dt = Omega_Li j / F - v_close,
   *   v_close = L_c A exp(-Q/(R T)) p^m  for p > 0,  0 for p <= 0,
   * with g >= 0, j > 0 for stripping (anodic current, Li leaves the metal into
   * the electrolyte; plating, j < 0, fills the gap as well), A exp(-Q/RT) p^m
   * the creep strain rate of Li and L_c the length (asperity / void size)
   * over which that strain rate closes a gap. Where the gap stays open the
   * contact is lost (InterfaceContactState::open); the critical stripping
   * current F v_close / Omega_Li grows like p^m.
   *
   * Literature values are order-of-magnitude: Omega_Li = 1.30e-5 m^3/mol;
   * Masias et al. (J. Mater. Sci. 2019): m ~ 6.6, Q ~ 37 kJ/mol,
   * A ~ 1.3e4 MPa^-6.6 s^-1 = 1.3e4 (1e-6)^6.6 Pa^-6.6 s^-1 (~, to be checked).
   */
  struct LithiumGapLaw
  {
    double molar_volume      = 1.30e-5; ///< Omega_Li [m^3/mol]
    double creep_prefactor   = 0;       ///< A [Pa^-m s^-1], >= 0
    double creep_exponent    = 6.6;     ///< m [-], > 0
    double activation_energy = 3.7e4;   ///< Q [J/mol], >= 0
    double closure_length    = 1e-6;    ///< L_c [m], >= 0

    /// Creep strain rate A exp(-Q/(R T)) p^m [1/s] (0 for p <= 0).
    double
    creep_strain_rate(const double pressure, const double temperature) const;

    /// v_close = L_c x creep_strain_rate [m/s].
    double
    closure_velocity(const double pressure, const double temperature) const;

    /// Omega_Li j / F [m/s], the rate at which stripping opens the gap.
    double
    stripping_velocity(const double current_density) const;

    /// dg/dt = Omega_Li j / F - v_close [m/s] (without the constraint g >= 0).
    double
    gap_rate(const double current_density,
             const double pressure,
             const double temperature) const;

    /**
     * One step of length @p dt [s] with j, p, T held over the step:
     *   g_new = max(0, g_old + dt (Omega_Li j / F - v_close)).
     * This is the backward-Euler step of the constrained evolution
     * dg/dt in rate - N_{g >= 0}(g) (a projection onto g >= 0); it is exact
     * for constant data and unconditionally stable (non-expansive in g for
     * any dt, never negative).
     */
    double
    update_gap(const double gap_old,
               const double current_density,
               const double pressure,
               const double temperature,
               const double dt) const;

    /// F v_close / Omega_Li [A/m^2]: the stripping current creep just balances.
    double
    critical_stripping_current(const double pressure, const double temperature) const;
  };

  /**
   * Resistance of a partly touching interface [Ohm m^2]: R_full / theta,
   * with R_full the area-specific resistance at full contact and theta in
   * (0, 1]. (The electrochemistry scales i0 and the film conductance by
   * theta, which is the same thing.)
   */
  double
  interfacial_resistance(const double full_contact_resistance, const double theta);
} // namespace MesoCell

#endif
