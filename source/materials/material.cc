// Material: the laws of one material evaluated at a state (temperature
// factors, open-circuit potential, conductivity, strains, creep, relaxation).
#include <mesocell/core/constants.h>
#include <mesocell/materials/laws.h>
#include <mesocell/materials/library.h>
#include <mesocell/materials/open_circuit_potential.h>
#include <mesocell/materials/temperature_law.h>

#include "detail.h"

#include <cmath>
#include <stdexcept>

namespace MesoCell
{
  using MaterialDetail::domain_error;
  using MaterialDetail::round_trip_string;

  std::string
  to_string(const PhaseType type)
  {
    switch (type)
      {
      case PhaseType::active:
        return "active";
      case PhaseType::polymer:
        return "polymer";
      case PhaseType::ceramic:
        return "ceramic";
      case PhaseType::conductor:
        return "conductor";
      case PhaseType::lithium:
        return "lithium";
      }
    return "unknown";
  }

  double
  Material::temperature_factor(const double T) const
  {
    const TemperatureLaw *law = find_temperature_law(temperature_law);
    if (law == nullptr)
      throw std::invalid_argument("MesoCell material library: material '" + name +
                                  "' has no temperature law '" + temperature_law + "'");
    return law->factor(T, *this);
  }

  ValueAndSlope
  Material::ocp(const double x, const double T) const
  {
    if (type == PhaseType::lithium)
      return {0.0, 0.0}; // Li metal: U = 0 against a Li reference
    if (!std::isfinite(x))
      domain_error("open-circuit potential of " + name +
                   " at x = " + round_trip_string(x));
    const OpenCircuitPotential *curve =
        find_open_circuit_potential(open_circuit_potential);
    if (curve == nullptr)
      throw std::invalid_argument("MesoCell material library: material '" + name +
                                  "' has no open-circuit potential curve '" +
                                  open_circuit_potential + "'");
    ValueAndSlope u = curve->value(x, *this);
    u.value += entropic_coefficient * (T - reference_temperature);
    if (!std::isfinite(u.value) || !std::isfinite(u.slope))
      domain_error("open-circuit potential '" + open_circuit_potential + "' of " + name +
                   " is not finite at x = " + round_trip_string(x));
    return u;
  }

  ValueAndSlope
  Material::conductivity(const double c, const double T) const
  {
    const double kappa = ionic_conductivity * temperature_factor(T);
    if (type != PhaseType::polymer || conductivity_concentration_law == "constant")
      return {kappa, 0.0};
    if (!(c > 0))
      domain_error("the '" + conductivity_concentration_law + "' conductivity of " +
                   name +
                   " needs a salt concentration c > 0, got c = " + round_trip_string(c));
    const double r = c / reference_concentration;
    if (conductivity_concentration_law == "linear")
      return {kappa * r, kappa / reference_concentration};
    if (conductivity_concentration_law == "peaked")
      {
        const double e = std::exp(1.0 - r);
        return {kappa * r * e, kappa * (1.0 - r) * e / reference_concentration};
      }
    throw std::invalid_argument("MesoCell material library: material '" + name +
                                "' has no conductivity concentration law '" +
                                conductivity_concentration_law + "'");
  }

  double
  Material::diffusivity(const double T) const
  {
    switch (type)
      {
      case PhaseType::active:
        return solid_diffusivity * temperature_factor(T);
      case PhaseType::polymer:
        return salt_diffusivity * temperature_factor(T);
      default:
        return 0.0;
      }
  }

  double
  Material::specific_capacity() const
  {
    if (!(density > 0))
      return 0.0;
    return faraday_constant * maximum_concentration * (x_discharged - x_charged) /
           density;
  }

  double
  Material::shear_modulus() const
  {
    return youngs_modulus / (2 * (1 + poisson_ratio));
  }

  double
  Material::plane_strain_modulus() const
  {
    return youngs_modulus / (1 - poisson_ratio * poisson_ratio);
  }

  double
  Material::lithiation_reference() const
  {
    return reference_lithiation < 0 ? x_charged : reference_lithiation;
  }

  ValueAndSlope
  Material::lithiation_strain(const double x) const
  {
    return lithiation_strain(x, lithiation_reference());
  }

  ValueAndSlope
  Material::lithiation_strain(const double x, const double x_ref) const
  {
    if (type != PhaseType::active || lithiation_strain_law == LithiationStrainLaw::none)
      return {0.0, 0.0};
    if (!std::isfinite(x) || !std::isfinite(x_ref))
      domain_error("lithiation strain of " + name + " at x = " + round_trip_string(x) +
                   ", x_ref = " + round_trip_string(x_ref));
    if (lithiation_strain_law == LithiationStrainLaw::vegard)
      {
        const double k = partial_molar_volume * maximum_concentration / 3.0;
        return {k * (x - x_ref), k};
      }
    if (lithiation_strain_table.size() < 2)
      throw std::invalid_argument("MesoCell material library: material '" + name +
                                  "' has a tabulated lithiation strain with fewer "
                                  "than two points");
    const ValueAndSlope f = Laws::interpolate_pchip(lithiation_strain_table, x);
    const ValueAndSlope r = Laws::interpolate_pchip(lithiation_strain_table, x_ref);
    return {(f.value - r.value) / 3.0, f.slope / 3.0};
  }

  ValueAndSlope
  Material::creep_rate(const double sigma_vm, const double T) const
  {
    if (creep_law == CreepLaw::none)
      return {0.0, 0.0};
    if (!(sigma_vm >= 0) || !std::isfinite(sigma_vm))
      domain_error("creep rate of " + name + " needs a von Mises stress >= 0, got " +
                   round_trip_string(sigma_vm) + " Pa");
    if (!(T > 0))
      domain_error("creep rate of " + name + " at T = " + round_trip_string(T) + " K");
    return Laws::power_law_creep(
        creep_prefactor, creep_exponent, creep_activation_energy, sigma_vm, T);
  }

  double
  Material::relaxation_time(const double T) const
  {
    if (type != PhaseType::polymer)
      return 0.0;
    if (!(T > 0))
      domain_error("relaxation time of " + name + " at T = " + round_trip_string(T) +
                   " K");
    return reference_relaxation_time *
           std::exp(relaxation_activation_energy / gas_constant *
                    (1.0 / T - 1.0 / relaxation_reference_temperature));
  }

  double
  Material::relaxation_modulus(const double t, const double T) const
  {
    if (type != PhaseType::polymer)
      return youngs_modulus;
    if (!(t >= 0))
      domain_error("relaxation modulus of " + name + " at t = " + round_trip_string(t) +
                   " s");
    if (t == 0)
      return youngs_modulus;
    const double tau = relaxation_time(T);
    if (!(tau > 0))
      return relaxed_modulus;
    return relaxed_modulus + (youngs_modulus - relaxed_modulus) * std::exp(-t / tau);
  }
} // namespace MesoCell
