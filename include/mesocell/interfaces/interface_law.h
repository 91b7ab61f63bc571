#ifndef MESOCELL_INTERFACES_INTERFACE_LAW_H
#define MESOCELL_INTERFACES_INTERFACE_LAW_H

#include <mesocell/core/registry.h>
#include <mesocell/materials/library.h>

#include <string>

namespace MesoCell
{
  /**
   * @brief The interface kernels of the electrochemistry assembly
   * (source/physics/electrochemistry.cc, Assembly::interface()): what an
   * interface law computes at each quadrature point.
   */
  enum class InterfaceCoupling
  {
    none,     ///< no flux across the interface (blocking, or shared fields)
    reaction, ///< first side solid (active/lithium), second electrolyte
    transfer  ///< first side polymer, second ceramic
  };

  /**
   * @brief An interface law between two phase types, a plug-in registered by
   * name (Registry<InterfaceLaw>): one file in source/interfaces/laws/ ending
   * with MESOCELL_REGISTER(InterfaceLaw, MyLaw, "name", "description.").
   *
   * The laws decide, once per pair of phase types, which kernel couples two
   * phases (interface_law()); the assembly resolves it per face, never in
   * the quadrature loop. At most one law may claim a pair.
   */
  class InterfaceLaw
  {
  public:
    virtual ~InterfaceLaw() = default;

    /// Whether the law acts between a phase of type @p first (the side its
    /// kernel calls a) and one of type @p second.
    virtual bool
    applies(const PhaseType first, const PhaseType second) const = 0;

    /// The kernel of the assembly that evaluates the law.
    virtual InterfaceCoupling
    coupling() const = 0;
  };

  /// The law between two phase types, from the registry.
  struct InterfacePair
  {
    InterfaceCoupling coupling = InterfaceCoupling::none;
    /// Whether the two phases must be swapped so that the first is the law's
    /// side a.
    bool swap = false;
    /// The name of the registered law; empty if no law claims the pair.
    std::string law;
  };

  /// The law between phases of types @p a and @p b: a table built once from
  /// the registry (std::logic_error if two laws claim one pair).
  const InterfacePair &
  interface_law(const PhaseType a, const PhaseType b);
} // namespace MesoCell

#endif
