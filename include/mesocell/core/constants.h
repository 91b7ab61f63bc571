#ifndef MESOCELL_CORE_CONSTANTS_H
#define MESOCELL_CORE_CONSTANTS_H

/**
 * @file
 * Physical constants, SI, CODATA 2018 exact values: the one place they are
 * written. (doc/model.md: SI units everywhere.)
 */
namespace MesoCell
{
  /// Faraday constant F [C/mol].
  constexpr double faraday_constant = 96485.33212;
  /// Molar gas constant R [J/(mol K)].
  constexpr double gas_constant = 8.314462618;
  /// 0 degrees Celsius [K].
  constexpr double zero_celsius = 273.15;
  /// Seconds per hour [s/h] (C-rates, mAh).
  constexpr double seconds_per_hour = 3600.0;
} // namespace MesoCell

#endif
