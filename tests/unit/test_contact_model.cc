// Pointwise contact laws (doc/model.md section 4): the pair modulus, Persson's
// contact fraction and its derivative, polymer relaxation during hot pressing,
// irreversible densification, the Li stripping gap against creep closure, and
// the resistance of a partly touching interface.
#include <mesocell/interfaces/butler_volmer.h>
#include <mesocell/interfaces/contact_model.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace MesoCell;
namespace tt = boost::test_tools;

namespace
{
  constexpr double rigid = std::numeric_limits<double>::infinity();

  /// PEO-LiTFSI relaxation: E_0 = 0.26 MPa (Fu et al.; doc/manual.md, Material
  /// library); E_inf, tau_ref and Q are order-of-magnitude assumptions (~).
  RelaxationLaw
  peo_relaxation()
  {
    RelaxationLaw law;
    law.unrelaxed_modulus         = 0.26e6;  // Pa
    law.relaxed_modulus           = 0.026e6; // Pa (~)
    law.reference_relaxation_time = 600;     // s at T_ref (~)
    law.reference_temperature     = 298.15;  // K
    law.activation_energy         = 50e3;    // J/mol (~)
    return law;
  }

  /// PEO (nu ~ 0.45) pressed on LLZO (E ~ 150 GPa, nu ~ 0.26; doc/manual.md,
  /// Material library), h'_rms = 0.1, theta_min = 1e-3.
  HotPressLaw
  peo_on_llzo()
  {
    HotPressLaw law;
    law.polymer                   = peo_relaxation();
    law.polymer_poisson_ratio     = 0.45;
    law.counterface_modulus       = 150e9;
    law.counterface_poisson_ratio = 0.26;
    law.rms_slope                 = 0.1;
    law.minimum_contact_fraction  = 1e-3;
    return law;
  }

  /// Li metal: Omega_Li = 1.30e-5 m^3/mol; power-law creep after Masias et
  /// al. 2019 (~): A = 1.3e4 MPa^-6.6 s^-1 in Pa units, m = 6.6, Q = 37 kJ/mol;
  /// closure length 1 um (~).
  LithiumGapLaw
  lithium()
  {
    LithiumGapLaw law;
    law.molar_volume      = 1.30e-5;
    law.creep_exponent    = 6.6;
    law.creep_prefactor   = 1.3e4 * std::pow(1e-6, law.creep_exponent);
    law.activation_energy = 37e3;
    law.closure_length    = 1e-6;
    return law;
  }

  constexpr double T_room = 298.15; // K
  constexpr double T_hp   = 353.15; // K, 80 C hot press
  // Hot-press pressure, low enough that theta is not saturated for the soft
  // PEO (E* h' ~ 33 kPa unrelaxed, ~3.3 kPa relaxed).
  constexpr double p_hp = 5e3; // Pa

  /// Smallest time under load at which theta(p, t, T) reaches @p target
  /// (bisection; theta grows monotonically with t).
  double
  time_to_reach(const HotPressLaw &law,
                const double       target,
                const double       p,
                const double       T)
  {
    double lo = 0, hi = 100 * law.polymer.relaxation_time(T);
    BOOST_REQUIRE(law.contact_fraction(p, hi, T) > target);
    for (unsigned int it = 0; it < 200; ++it)
      {
        const double mid                                     = 0.5 * (lo + hi);
        (law.contact_fraction(p, mid, T) < target ? lo : hi) = mid;
      }
    return 0.5 * (lo + hi);
  }
} // namespace

BOOST_AUTO_TEST_SUITE(contact_model)

BOOST_AUTO_TEST_CASE(effective_modulus_hand_values)
{
  // Equal bodies, nu = 0: 1/E* = 2/E.
  const double equal = effective_modulus(2e9, 0, 2e9, 0);
  BOOST_TEST(equal == 1e9, tt::tolerance(1e-14));
  // Rigid counter-face: E* = E/(1 - nu^2) = 1e9/0.75.
  const double on_rigid = effective_modulus(1e9, 0.5, rigid, 0.3);
  BOOST_TEST(on_rigid == 4e9 / 3, tt::tolerance(1e-14));
  BOOST_TEST(effective_modulus(rigid, 0.3, 1e9, 0.5) == on_rigid, tt::tolerance(1e-14));
  // LLZO | Li: 0.9324/150e9 + 0.8236/4.9e9 = 6.216e-12 + 1.6808163265306e-10
  //          = 1.7429763265306e-10 1/Pa -> E* = 5.7373125772e9 Pa.
  const double llzo_li = effective_modulus(150e9, 0.26, 4.9e9, 0.42);
  BOOST_TEST(llzo_li == 5.737312577219543e9, tt::tolerance(1e-12));
  BOOST_TEST(effective_modulus(4.9e9, 0.42, 150e9, 0.26) == llzo_li,
             tt::tolerance(1e-14));
  // PEO | LLZO is dominated by the polymer: just below 0.26e6/0.7975.
  const double peo_llzo = effective_modulus(0.26e6, 0.45, 150e9, 0.26);
  BOOST_TEST(peo_llzo == 326018.14809092134, tt::tolerance(1e-12));
  BOOST_TEST(peo_llzo < 0.26e6 / 0.7975);
  BOOST_TEST_MESSAGE("E*: equal " << equal << " Pa, on rigid " << on_rigid
                                  << " Pa, LLZO|Li " << llzo_li << " Pa, PEO|LLZO "
                                  << peo_llzo << " Pa");

  BOOST_CHECK_THROW(effective_modulus(rigid, 0.3, rigid, 0.3), std::invalid_argument);
  BOOST_CHECK_THROW(effective_modulus(1e9, 0.6, 1e9, 0.3), std::invalid_argument);
  BOOST_CHECK_THROW(effective_modulus(0, 0.3, 1e9, 0.3), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(persson_values_and_clipping)
{
  // E* h' = 1e5 Pa: p = k 1e5/sqrt(2) gives the erf argument k.
  const double E_star = 1e6, slope = 0.1, theta_min = 1e-3;
  struct Case
  {
    double k;
    double erf_k; // reference values of erf(k)
  };
  for (const Case c : {Case{0.25, 0.2763263901682369},
                       Case{0.5, 0.5204998778130465},
                       Case{1.0, 0.8427007929497149},
                       Case{2.0, 0.9953222650189527}})
    {
      const double p     = c.k * 1e5 / std::sqrt(2.0);
      const double theta = persson_contact_fraction(p, E_star, slope, theta_min);
      BOOST_TEST_MESSAGE("Persson: p = " << p << " Pa, theta = " << theta << ", erf("
                                         << c.k << ") = " << c.erf_k);
      BOOST_TEST(theta == c.erf_k, tt::tolerance(1e-14));
      BOOST_TEST(theta == std::erf(c.k), tt::tolerance(1e-14));
    }

  // Clipping: erf(1e-4) ~ 1.13e-4 < theta_min, erf(1e-2) ~ 1.13e-2 > theta_min.
  const double p_small = 1e-4 * 1e5 / std::sqrt(2.0);
  const double p_above = 1e-2 * 1e5 / std::sqrt(2.0);
  BOOST_TEST(persson_contact_fraction(p_small, E_star, slope, theta_min) == theta_min);
  BOOST_TEST(persson_contact_fraction(0, E_star, slope, theta_min) == theta_min);
  BOOST_TEST(persson_contact_fraction(-1e4, E_star, slope, theta_min) == theta_min);
  BOOST_TEST(persson_contact_fraction(p_above, E_star, slope, theta_min) ==
                 std::erf(1e-2),
             tt::tolerance(1e-12));
  BOOST_TEST(persson_contact_fraction_with_derivative(p_small, E_star, slope, theta_min)
                 .derivative == 0);
  BOOST_TEST(persson_contact_fraction_with_derivative(-1e4, E_star, slope, theta_min)
                 .derivative == 0);
  // A large floor clips the erf branch too.
  const double p_quarter = 0.25 * 1e5 / std::sqrt(2.0);
  BOOST_TEST(persson_contact_fraction(p_quarter, E_star, slope, 0.5) == 0.5);
  BOOST_TEST_MESSAGE("Persson clipping: theta("
                     << p_small << " Pa) = "
                     << persson_contact_fraction(p_small, E_star, slope, theta_min)
                     << ", theta(" << p_above << " Pa) = "
                     << persson_contact_fraction(p_above, E_star, slope, theta_min));

  BOOST_CHECK_THROW(persson_contact_fraction(1e3, 0, slope, theta_min),
                    std::invalid_argument);
  BOOST_CHECK_THROW(persson_contact_fraction(1e3, E_star, 0, theta_min),
                    std::invalid_argument);
  BOOST_CHECK_THROW(persson_contact_fraction(1e3, E_star, slope, 0),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(persson_derivative_matches_finite_differences)
{
  const double E_star = 326018.14809092134, slope = 0.1, theta_min = 1e-3;
  for (const double p : {50.0, 500.0, 5e3, 2e4, 6e4})
    {
      const auto r =
          persson_contact_fraction_with_derivative(p, E_star, slope, theta_min);
      const double h  = 1e-4 * p;
      const double fd = (persson_contact_fraction(p + h, E_star, slope, theta_min) -
                         persson_contact_fraction(p - h, E_star, slope, theta_min)) /
                        (2 * h);
      BOOST_TEST_MESSAGE("Persson derivative: p = " << p << " Pa, theta = " << r.value
                                                    << ", dtheta/dp = " << r.derivative
                                                    << " 1/Pa, central FD = " << fd);
      BOOST_TEST(r.value == persson_contact_fraction(p, E_star, slope, theta_min));
      BOOST_TEST(r.derivative > 0);
      BOOST_TEST(r.derivative == fd, tt::tolerance(1e-6));
    }
}

BOOST_AUTO_TEST_CASE(relaxation_law)
{
  const RelaxationLaw law = peo_relaxation();
  BOOST_TEST(law.relaxation_time(law.reference_temperature) ==
                 law.reference_relaxation_time,
             tt::tolerance(1e-14));
  const double tau_hp = law.relaxation_time(T_hp);
  // tau(T) = tau_ref exp(Q/R (1/T - 1/T_ref)).
  BOOST_TEST(tau_hp == 600 * std::exp(50e3 / gas_constant * (1 / T_hp - 1 / T_room)),
             tt::tolerance(1e-14));
  BOOST_TEST(tau_hp < law.reference_relaxation_time);
  BOOST_TEST(law.modulus(0, T_hp) == 0.26e6);
  BOOST_TEST(law.modulus(tau_hp, T_hp) == 0.026e6 + 0.234e6 * std::exp(-1.0),
             tt::tolerance(1e-14));
  BOOST_TEST(law.modulus(1e3 * tau_hp, T_hp) == 0.026e6, tt::tolerance(1e-14));
  BOOST_TEST(law.modulus(60, T_hp) < law.modulus(60, T_room));
  BOOST_TEST_MESSAGE("PEO relaxation: tau("
                     << T_room << " K) = " << law.relaxation_time(T_room) << " s, tau("
                     << T_hp << " K) = " << tau_hp
                     << " s, E(tau_hp) = " << law.modulus(tau_hp, T_hp) << " Pa");
  RelaxationLaw bad   = law;
  bad.relaxed_modulus = 2 * law.unrelaxed_modulus;
  BOOST_CHECK_THROW(bad.modulus(1, T_hp), std::invalid_argument);
  BOOST_CHECK_THROW(law.modulus(1, 0), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(hot_press_theta_grows_with_time_pressure_and_temperature)
{
  const HotPressLaw law    = peo_on_llzo();
  const double      tau_hp = law.polymer.relaxation_time(T_hp);

  // 20 times over 3 tau at fixed p and T: strictly increasing.
  std::vector<double> theta_t;
  for (unsigned int k = 0; k < 20; ++k)
    {
      const double t = 3 * tau_hp * k / 19.0;
      theta_t.push_back(law.contact_fraction(p_hp, t, T_hp));
      // Persson with the relaxed pair modulus, evaluated independently.
      const double E_p    = 0.026e6 + 0.234e6 * std::exp(-t / tau_hp);
      const double E_star = 1 / ((1 - 0.45 * 0.45) / E_p + (1 - 0.26 * 0.26) / 150e9);
      BOOST_TEST(theta_t.back() == std::erf(std::sqrt(2.0) * p_hp / (E_star * 0.1)),
                 tt::tolerance(1e-12));
    }
  for (unsigned int k = 1; k < theta_t.size(); ++k)
    BOOST_TEST(theta_t[k] > theta_t[k - 1]);
  BOOST_TEST_MESSAGE("hot press at "
                     << p_hp << " Pa, " << T_hp << " K: theta(0) = " << theta_t.front()
                     << ", theta(3 tau = " << 3 * tau_hp << " s) = " << theta_t.back());

  // 20 pressures at fixed time: strictly increasing.
  std::vector<double> theta_p;
  for (unsigned int k = 0; k < 20; ++k)
    theta_p.push_back(law.contact_fraction(500.0 + 500.0 * k, tau_hp, T_hp));
  for (unsigned int k = 1; k < theta_p.size(); ++k)
    BOOST_TEST(theta_p[k] > theta_p[k - 1]);
  BOOST_TEST_MESSAGE("at t = tau: theta(500 Pa) = "
                     << theta_p.front() << ", theta(1e4 Pa) = " << theta_p.back());

  // A hotter press reaches theta = 0.9 sooner; theta depends on t/tau(T)
  // only, so the times are in the ratio of the relaxation times.
  const double T_cool = 333.15, target = 0.9;
  BOOST_TEST(law.contact_fraction(p_hp, 0, T_hp) < target);
  const double t_cool = time_to_reach(law, target, p_hp, T_cool);
  const double t_hot  = time_to_reach(law, target, p_hp, T_hp);
  BOOST_TEST(t_hot < t_cool);
  BOOST_TEST(t_cool / t_hot ==
                 law.polymer.relaxation_time(T_cool) / law.polymer.relaxation_time(T_hp),
             tt::tolerance(1e-9));
  for (unsigned int k = 1; k < 20; ++k)
    BOOST_TEST(law.contact_fraction(p_hp, 10.0 * k, T_hp) >
               law.contact_fraction(p_hp, 10.0 * k, T_cool));
  BOOST_TEST_MESSAGE("time to theta = " << target << " at " << p_hp << " Pa: " << t_cool
                                        << " s at " << T_cool << " K, " << t_hot
                                        << " s at " << T_hp << " K");
}

BOOST_AUTO_TEST_CASE(densification_is_irreversible_until_opening)
{
  const HotPressLaw     law    = peo_on_llzo();
  const double          tau_hp = law.polymer.relaxation_time(T_hp);
  const double          t_hp   = 3 * tau_hp;
  InterfaceContactState state  = law.initial_state();
  BOOST_TEST(law.effective_contact_fraction(state) == 1e-3);

  // Hot press.
  const double theta_hp = law.update(state, p_hp, 0, T_hp, t_hp);
  BOOST_TEST(!state.open);
  BOOST_TEST(theta_hp == law.contact_fraction(p_hp, t_hp, T_hp));
  BOOST_TEST(theta_hp > law.contact_fraction(p_hp, 0, T_hp));
  BOOST_TEST(state.theta_max == theta_hp);

  // Release to 0.1 p_hp at room temperature, still closed: theta keeps the maximum.
  const double theta_low_now = law.contact_fraction(0.1 * p_hp, 0, T_room);
  const double theta_release = law.update(state, 0.1 * p_hp, 0, T_room, 0);
  BOOST_TEST(theta_low_now < theta_hp);
  BOOST_TEST(theta_release == theta_hp);
  BOOST_TEST(law.effective_contact_fraction(state, theta_low_now) == theta_hp);
  // Touching without pressure (p = 0, gap = 0) is still closed.
  BOOST_TEST(law.update(state, 0, 0, T_room, 0) == theta_hp);
  BOOST_TEST(!state.open);

  // Open the interface: contact and its history are lost.
  const double theta_open = law.update(state, 0, 1e-8, T_room, 0);
  BOOST_TEST(state.open);
  BOOST_TEST(state.gap == 1e-8);
  BOOST_TEST(theta_open == 1e-3);
  BOOST_TEST(state.theta_max == 1e-3);
  BOOST_TEST(law.effective_contact_fraction(state, 0.5) == 1e-3);

  // Re-close at the low pressure: the low-pressure value, not the old maximum.
  const double theta_reclosed = law.update(state, 0.1 * p_hp, 0, T_room, 0);
  BOOST_TEST(!state.open);
  BOOST_TEST(theta_reclosed == theta_low_now);
  BOOST_TEST(theta_reclosed < theta_hp);

  // Tension on the unilateral contact opens it as well.
  BOOST_TEST(law.update(state, -1e3, 0, T_room, 0) == 1e-3);
  BOOST_TEST(state.open);

  BOOST_TEST_MESSAGE("irreversibility: pressed theta = "
                     << theta_hp << ", released to 0.1 p_hp: " << theta_release
                     << " (instantaneous " << theta_low_now << "), opened: " << theta_open
                     << ", re-closed at 0.1 p_hp: " << theta_reclosed);
}

BOOST_AUTO_TEST_CASE(resistance_scales_with_inverse_theta)
{
  // LLZO | PEO ~ 9 kOhm cm^2 = 0.9 Ohm m^2 at full contact (Langer et al. 2017).
  const double      R_full = 0.9;
  const HotPressLaw law    = peo_on_llzo();
  double            R_prev = std::numeric_limits<double>::infinity();
  for (unsigned int k = 0; k < 20; ++k)
    {
      const double p     = 200.0 * (k + 1);
      const double theta = law.contact_fraction(p, 0, T_room);
      const double R     = interfacial_resistance(R_full, theta);
      BOOST_TEST(R * theta == R_full, tt::tolerance(1e-14));
      BOOST_TEST(R < R_prev);
      R_prev = R;
      if (k % 5 == 0)
        BOOST_TEST_MESSAGE("p = " << p << " Pa: theta = " << theta << ", R = " << R
                                  << " Ohm m^2, R theta = " << R * theta);
    }
  BOOST_TEST(interfacial_resistance(R_full, 1e-3) == 900, tt::tolerance(1e-14));
  BOOST_TEST(interfacial_resistance(R_full, 1) == R_full);
  BOOST_CHECK_THROW(interfacial_resistance(R_full, 0), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(lithium_gap_without_stack_pressure)
{
  const LithiumGapLaw law = lithium();
  const double        j   = 10;   // A/m^2 = 1 mA/cm^2, stripping
  const double        t   = 3600; // s
  double              g   = 0;
  for (unsigned int n = 0; n < 100; ++n)
    g = law.update_gap(g, j, 0, T_room, t / 100);
  const double expected = 1.30e-5 * j * t / faraday_constant;
  BOOST_TEST(g == expected, tt::tolerance(1e-12));
  // One step is the same (exact for constant data); tension does not close.
  BOOST_TEST(law.update_gap(0, j, 0, T_room, t) == expected, tt::tolerance(1e-14));
  BOOST_TEST(law.update_gap(0, j, -1e6, T_room, t) == expected, tt::tolerance(1e-14));
  BOOST_TEST(law.closure_velocity(0, T_room) == 0);
  BOOST_TEST(law.critical_stripping_current(0, T_room) == 0);
  // Plating fills the gap back, never below zero.
  BOOST_TEST(law.update_gap(g, -j, 0, T_room, t) <= 1e-18);
  BOOST_TEST(law.update_gap(g, -j, 0, T_room, 10 * t) == 0);
  BOOST_TEST_MESSAGE("Li gap after 1 mA/cm^2 x 1 h without pressure: "
                     << g << " m (Omega j t/F = " << expected << " m)");
}

BOOST_AUTO_TEST_CASE(lithium_gap_creep_closure)
{
  const LithiumGapLaw law    = lithium();
  const double        p      = 2e6; // Pa
  const double        j_crit = law.critical_stripping_current(p, T_room);
  const double        v      = law.closure_velocity(p, T_room);
  BOOST_TEST(j_crit > 0);
  BOOST_TEST(j_crit == faraday_constant * v / 1.30e-5, tt::tolerance(1e-14));
  BOOST_TEST(v == 1e-6 * 1.3e4 * std::pow(p * 1e-6, 6.6) *
                      std::exp(-37e3 / (gas_constant * T_room)),
             tt::tolerance(1e-12));
  BOOST_TEST(std::abs(law.gap_rate(j_crit, p, T_room)) <= 1e-12 * v);

  // Closure greater than stripping: the gap stays 0, for any step.
  double g = 0;
  for (unsigned int n = 0; n < 100; ++n)
    g = law.update_gap(g, 0.5 * j_crit, p, T_room, 36);
  BOOST_TEST(g == 0);
  BOOST_TEST(law.update_gap(0, 0.5 * j_crit, p, T_room, 1e9) == 0);
  // An existing gap closes at v_close - Omega j/F, and stays closed.
  const double g0      = 1e-7;
  const double closing = v - 1.30e-5 * 0.5 * j_crit / faraday_constant;
  const double t_half  = 0.5 * g0 / closing;
  BOOST_TEST(law.update_gap(g0, 0.5 * j_crit, p, T_room, t_half) == 0.5 * g0,
             tt::tolerance(1e-9));
  BOOST_TEST(law.update_gap(g0, 0.5 * j_crit, p, T_room, 3 * t_half) == 0);

  // Stripping above the critical current opens a gap at the net rate.
  const double t = 100;
  g              = 0;
  for (unsigned int n = 0; n < 10; ++n)
    g = law.update_gap(g, 2 * j_crit, p, T_room, t / 10);
  BOOST_TEST(g == 1.30e-5 * j_crit * t / faraday_constant, tt::tolerance(1e-10));
  BOOST_TEST_MESSAGE("Li at " << p << " Pa, " << T_room << " K: v_close = " << v
                              << " m/s, critical stripping current = " << j_crit
                              << " A/m^2; gap after " << t << " s at 2 j_crit = " << g
                              << " m");
}

BOOST_AUTO_TEST_CASE(critical_stripping_current_scaling)
{
  const LithiumGapLaw law = lithium();
  for (const double p : {0.5e6, 1e6, 2e6, 4e6})
    {
      const double ratio = law.critical_stripping_current(2 * p, T_room) /
                           law.critical_stripping_current(p, T_room);
      BOOST_TEST(ratio == std::pow(2.0, 6.6), tt::tolerance(1e-12));
      BOOST_TEST_MESSAGE("j_crit("
                         << p << " Pa) = " << law.critical_stripping_current(p, T_room)
                         << " A/m^2, j_crit(2p)/j_crit(p) = " << ratio
                         << " (2^6.6 = " << std::pow(2.0, 6.6) << ")");
    }
  double j_prev = 0;
  for (const double T : {273.15, 298.15, 313.15, 333.15, 353.15})
    {
      const double j = law.critical_stripping_current(1e6, T);
      BOOST_TEST(j > j_prev);
      BOOST_TEST(j / law.critical_stripping_current(1e6, T_room) ==
                     std::exp(37e3 / gas_constant * (1 / T_room - 1 / T)),
                 tt::tolerance(1e-12));
      BOOST_TEST_MESSAGE("j_crit(1 MPa, " << T << " K) = " << j << " A/m^2");
      j_prev = j;
    }
  BOOST_CHECK_THROW(law.update_gap(0, 1, 1e6, T_room, -1), std::invalid_argument);
  BOOST_CHECK_THROW(law.critical_stripping_current(1e6, 0), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
