#include <mesocell/interfaces/butler_volmer.h>
#include <mesocell/interfaces/contact_model.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace MesoCell
{
  namespace
  {
    void
    require(const bool ok, const std::string &what)
    {
      if (!ok)
        throw std::invalid_argument("contact model: " + what);
    }

    void
    check_elastic(const double E, const double nu, const std::string &name)
    {
      require(E > 0, name + " Young's modulus must be > 0 Pa, got " + std::to_string(E));
      require(nu > -1 && nu <= 0.5,
              name + " Poisson ratio must be in (-1, 0.5], got " + std::to_string(nu));
    }

    void
    check_temperature(const double T)
    {
      require(T > 0 && std::isfinite(T),
              "temperature must be > 0 K, got " + std::to_string(T));
    }

    void
    check_persson(const double E_star, const double rms_slope, const double theta_min)
    {
      require(E_star > 0, "contact modulus E* must be > 0 Pa");
      require(rms_slope > 0 && std::isfinite(rms_slope), "rms slope must be > 0");
      require(theta_min > 0 && theta_min <= 1, "theta_min must be in (0, 1]");
    }
  } // namespace

  double
  effective_modulus(const double E1, const double nu1, const double E2, const double nu2)
  {
    check_elastic(E1, nu1, "first body");
    check_elastic(E2, nu2, "second body");
    require(std::isfinite(E1) || std::isfinite(E2),
            "effective_modulus: at most one body may be rigid");
    // (1 - nu^2)/inf = 0 for a rigid body.
    const double compliance = (1 - nu1 * nu1) / E1 + (1 - nu2 * nu2) / E2;
    return 1 / compliance;
  }

  ContactFraction
  persson_contact_fraction_with_derivative(const double p_n,
                                           const double E_star,
                                           const double rms_slope,
                                           const double theta_min)
  {
    check_persson(E_star, rms_slope, theta_min);
    if (!(p_n > 0))
      return {theta_min, 0};
    const double scale = std::sqrt(2.0) / (E_star * rms_slope); // dx/dp [1/Pa]
    const double x     = scale * p_n;
    const double erf_x = std::erf(x);
    if (erf_x <= theta_min)
      return {theta_min, 0};
    constexpr double pi               = 3.14159265358979323846;
    const double     two_over_sqrt_pi = 2 / std::sqrt(pi);
    return {erf_x, two_over_sqrt_pi * std::exp(-x * x) * scale};
  }

  double
  persson_contact_fraction(const double p_n,
                           const double E_star,
                           const double rms_slope,
                           const double theta_min)
  {
    return persson_contact_fraction_with_derivative(p_n, E_star, rms_slope, theta_min)
        .value;
  }

  double
  RelaxationLaw::relaxation_time(const double temperature) const
  {
    check_temperature(temperature);
    require(reference_relaxation_time > 0, "relaxation time must be > 0 s");
    require(reference_temperature > 0, "reference temperature must be > 0 K");
    require(activation_energy >= 0, "activation energy must be >= 0 J/mol");
    return reference_relaxation_time *
           std::exp(activation_energy / gas_constant *
                    (1 / temperature - 1 / reference_temperature));
  }

  double
  RelaxationLaw::modulus(const double time_under_load, const double temperature) const
  {
    require(relaxed_modulus > 0 && relaxed_modulus <= unrelaxed_modulus,
            "relaxation law needs 0 < E_inf <= E_0");
    const double tau = relaxation_time(temperature);
    const double t   = std::max(0.0, time_under_load);
    return relaxed_modulus + (unrelaxed_modulus - relaxed_modulus) * std::exp(-t / tau);
  }

  double
  HotPressLaw::pair_modulus(const double time_under_load, const double temperature) const
  {
    return effective_modulus(polymer.modulus(time_under_load, temperature),
                             polymer_poisson_ratio,
                             counterface_modulus,
                             counterface_poisson_ratio);
  }

  double
  HotPressLaw::contact_fraction(const double p_n,
                                const double time_under_load,
                                const double temperature) const
  {
    return persson_contact_fraction(p_n,
                                    pair_modulus(time_under_load, temperature),
                                    rms_slope,
                                    minimum_contact_fraction);
  }

  InterfaceContactState
  HotPressLaw::initial_state() const
  {
    InterfaceContactState state;
    state.theta_max = minimum_contact_fraction;
    state.open      = false;
    state.gap       = 0;
    return state;
  }

  double
  HotPressLaw::update(InterfaceContactState &state,
                      const double           p_n,
                      const double           gap,
                      const double           temperature,
                      const double           time_under_load) const
  {
    state.gap  = gap;
    state.open = (gap > 0) || (p_n < 0);
    if (state.open)
      {
        // Contact is lost; densification has to be rebuilt by pressing.
        state.theta_max = minimum_contact_fraction;
        return minimum_contact_fraction;
      }
    const double theta_now = contact_fraction(p_n, time_under_load, temperature);
    state.theta_max        = std::max(state.theta_max, theta_now);
    return effective_contact_fraction(state, theta_now);
  }

  double
  HotPressLaw::effective_contact_fraction(const InterfaceContactState &state,
                                          const double                 theta_now) const
  {
    return state.open ? minimum_contact_fraction : std::max(state.theta_max, theta_now);
  }

  double
  HotPressLaw::effective_contact_fraction(const InterfaceContactState &state) const
  {
    return state.open ? minimum_contact_fraction
                      : std::max(state.theta_max, minimum_contact_fraction);
  }

  double
  LithiumGapLaw::creep_strain_rate(const double pressure, const double temperature) const
  {
    check_temperature(temperature);
    require(creep_prefactor >= 0, "Li creep prefactor must be >= 0");
    require(creep_exponent > 0, "Li creep exponent must be > 0");
    require(activation_energy >= 0, "Li creep activation energy must be >= 0 J/mol");
    if (!(pressure > 0))
      return 0;
    return creep_prefactor * std::exp(-activation_energy / (gas_constant * temperature)) *
           std::pow(pressure, creep_exponent);
  }

  double
  LithiumGapLaw::closure_velocity(const double pressure, const double temperature) const
  {
    require(closure_length >= 0, "closure length must be >= 0 m");
    return closure_length * creep_strain_rate(pressure, temperature);
  }

  double
  LithiumGapLaw::stripping_velocity(const double current_density) const
  {
    require(molar_volume > 0, "Li molar volume must be > 0 m^3/mol");
    return molar_volume * current_density / faraday_constant;
  }

  double
  LithiumGapLaw::gap_rate(const double current_density,
                          const double pressure,
                          const double temperature) const
  {
    return stripping_velocity(current_density) - closure_velocity(pressure, temperature);
  }

  double
  LithiumGapLaw::update_gap(const double gap_old,
                            const double current_density,
                            const double pressure,
                            const double temperature,
                            const double dt) const
  {
    require(dt >= 0, "time step must be >= 0 s");
    require(gap_old >= 0, "gap must be >= 0 m");
    return std::max(0.0, gap_old + dt * gap_rate(current_density, pressure, temperature));
  }

  double
  LithiumGapLaw::critical_stripping_current(const double pressure,
                                            const double temperature) const
  {
    require(molar_volume > 0, "Li molar volume must be > 0 m^3/mol");
    return faraday_constant * closure_velocity(pressure, temperature) / molar_volume;
  }

  double
  interfacial_resistance(const double full_contact_resistance, const double theta)
  {
    require(full_contact_resistance >= 0, "interface resistance must be >= 0 Ohm m^2");
    require(theta > 0 && theta <= 1, "contact fraction must be in (0, 1]");
    return full_contact_resistance / theta;
  }
} // namespace MesoCell
