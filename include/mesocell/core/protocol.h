#ifndef MESOCELL_CORE_PROTOCOL_H
#define MESOCELL_CORE_PROTOCOL_H

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace MesoCell
{
  class ProtocolStepType;

  /**
   * @brief One step of an operating protocol, parsed from plain words and
   * converted to SI: "Rest for 10 minutes", "Discharge at C/5 until 3.0 V",
   * "Charge at 0.5 mA/cm2 for 2 hours", "Hold at 4.3 V until C/50",
   * "Hot press at 80 C and 2 MPa for 30 minutes", "Apply stack pressure
   * 5 MPa", "Release pressure", "Impedance from 1 MHz to 10 mHz, 10 points
   * per decade".
   *
   * Each kind of step is a plug-in (ProtocolStepType, one file in
   * source/simulation/protocol_steps/): @p kind is its registered name and
   * @p type the plug-in object that parsed the step and runs it.
   */
  struct ProtocolStep
  {
    /// How a current is prescribed (charge/discharge) or a hold is ended.
    enum class Current
    {
      none,
      c_rate,          ///< multiples of the nominal capacity per hour [1/h]
      current_density, ///< [A/m^2]
      current          ///< [A]
    };

    std::string kind; ///< registered name of the step kind ("rest", "charge", ...)
    std::string text; ///< the step as written
    /// The plug-in that parsed the step (and holds any data of its own).
    std::shared_ptr<const ProtocolStepType> type;

    Current current       = Current::none; ///< charge/discharge control
    double  current_value = 0;             ///< in the unit of @p current
    double  voltage       = 0;             ///< hold voltage [V]

    std::optional<double> until_voltage;                       ///< cut-off voltage [V]
    Current               until_current       = Current::none; ///< hold end by current
    double                until_current_value = 0;
    std::optional<double> duration; ///< [s]

    double temperature = 0; ///< hot press [K]
    double pressure    = 0; ///< hot press, stack pressure [Pa]

    double       frequency_max     = 0; ///< impedance [Hz]
    double       frequency_min     = 0; ///< impedance [Hz]
    unsigned int points_per_decade = 0;
  };

  /**
   * Parse a protocol: steps separated by ';', and 'N x (step; step; ...)'
   * for N repetitions (nested repetitions allowed). Case does not matter.
   * Every step is read by the registered ProtocolStepType whose form it has.
   * Throws InputError naming @p where, the step and the forms allowed.
   */
  std::vector<ProtocolStep>
  parse_protocol(const std::string &text, const std::string &where);

  /// The forms parse_protocol accepts (for help texts and messages): an
  /// example of every registered step kind and the repetition.
  std::string
  protocol_grammar();

  /// "Steps: 'charge': its grammar. ..." for every registered step kind
  /// (the help of the entry 'Protocol').
  std::string
  protocol_documentation();
} // namespace MesoCell

#endif
