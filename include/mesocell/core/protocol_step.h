#ifndef MESOCELL_CORE_PROTOCOL_STEP_H
#define MESOCELL_CORE_PROTOCOL_STEP_H

#include <mesocell/core/protocol.h>
#include <mesocell/core/registry.h>

#include <string>

namespace MesoCell
{
  /**
   * @brief What a protocol step can make the cell do: the operations of the
   * cell simulation driver (CellSimulation<dim>) that step kinds compose.
   * Each prints the step's header line, advances time and records the
   * statistics; @p k is the index of the step in the protocol.
   */
  class ProtocolDriver
  {
  public:
    virtual ~ProtocolDriver() = default;

    /// The current [A] of @p value in the unit @p kind (C-rate, A/m^2, A).
    virtual double
    current(const ProtocolStep::Current kind, const double value) const = 0;

    /// Run step @p k at the total current @p current [A] (discharge
    /// positive; 0 is a rest) under adaptive time steps until its end: its
    /// duration, its cut-off voltage (crossed upwards when @p current < 0,
    /// downwards otherwise) or a limit of the cell.
    virtual void
    run_current(const unsigned int k, const double current) = 0;

    /// Run step @p k at the terminal voltage @p voltage [V] until its
    /// duration or its end current.
    virtual void
    run_voltage(const unsigned int k, const double voltage) = 0;

    /// Set the stack pressure to @p pressure [Pa] at open circuit (contact
    /// and bulk mechanics), one recorded step.
    virtual void
    apply_pressure(const unsigned int k, const double pressure) = 0;

    /// Hot press at @p temperature [K] and @p pressure [Pa] for @p duration
    /// [s] at open circuit, in stages; the stack pressure is kept.
    virtual void
    hot_press(const unsigned int k,
              const double       temperature,
              const double       pressure,
              const double       duration) = 0;
  };

  /// What the cell simulation offers, for ProtocolStepType::check().
  struct ProtocolContext
  {
    std::string prm_file;          ///< for messages
    bool        contact_mechanics; ///< subsection Contact mechanics enabled
  };

  /**
   * @brief A kind of protocol step, a plug-in registered by name
   * (Registry<ProtocolStepType>): one file in
   * source/simulation/protocol_steps/ that parses its plain-word form and
   * runs it through the ProtocolDriver, ending with
   * MESOCELL_REGISTER(ProtocolStepType, MyStep, "name", "grammar.").
   * The description (its plain-word grammar) and example() go into the help
   * of the entry 'Protocol' and every protocol error message.
   *
   * parse_protocol() creates one object per step it reads, so a kind may
   * keep data of its own in members set by parse().
   */
  class ProtocolStepType
  {
  public:
    virtual ~ProtocolStepType() = default;

    /// One example in plain words, e.g. "Rest for 10 minutes".
    virtual std::string
    example() const = 0;

    /**
     * Read @p words (the step trimmed and in lower case; @p step.text is the
     * step as written) into @p step. Return false if the step does not have
     * this kind's form; throw ProtocolWords::SyntaxError if it has the form
     * but a value is wrong. Durations must be positive (checked afterwards
     * for every kind).
     */
    virtual bool
    parse(const std::string &words, ProtocolStep &step) = 0;

    /// Throw InputError (entry 'Protocol' of subsection 'Electrochemistry')
    /// if the simulation cannot run @p step, e.g. without contact mechanics.
    virtual void
    check(const ProtocolStep &, const ProtocolContext &) const
    {
    }

    /// Run step @p k (@p step) of the protocol.
    virtual void
    run(ProtocolDriver &driver, const ProtocolStep &step, const unsigned int k) const = 0;

    /// Whether the step advances in time steps of the step-size control
    /// (its duration counts against 'Maximum steps'); pressure steps run in
    /// stages or at once.
    virtual bool
    time_stepped() const
    {
      return true;
    }
  };

  /**
   * @brief The plain-word pieces of steps, shared by the step kinds: numbers
   * with units converted to SI. Each throws SyntaxError with the reason.
   * Arguments are trimmed and in lower case unless said otherwise.
   */
  namespace ProtocolWords
  {
    /// A step that has a kind's form but cannot be read; parse_protocol()
    /// adds the step, the entry and the forms allowed.
    struct SyntaxError
    {
      std::string problem;
    };

    /// A regular expression of a non-negative number (one capture group).
    extern const std::string number;

    /// @p s without leading and trailing white space.
    std::string
    trim(const std::string &s);

    /// "10 minutes", "2 h", "30 s" [s].
    double
    time(const std::string &s);

    /// "3.0 V", "300 mV" [V].
    double
    voltage(const std::string &s);

    /// "2 MPa", "5 bar" [Pa].
    double
    pressure(const std::string &s);

    /// "80 C", "353 K" [K].
    double
    temperature(const std::string &s);

    /// "1 MHz", "10 mHz" [Hz], from the text as written (@p raw: MHz and
    /// mHz differ by case only).
    double
    frequency(const std::string &raw);

    /// A current: C-rate ("C/5", "2C"), current density ("0.5 mA/cm2") or
    /// current ("1 mA"), as @p kind and @p value in that unit.
    void
    current(const std::string &s, ProtocolStep::Current &kind, double &value);

    /// The ends "until X" and "for T" (joined by "or"/"and") after a
    /// current (@p hold false: X a voltage) or a hold (X a current); at
    /// least one is required.
    void
    limits(const std::string &s, ProtocolStep &step, const bool hold);
  } // namespace ProtocolWords
} // namespace MesoCell

#endif
