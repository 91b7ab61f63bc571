#ifndef MESOCELL_PHYSICS_INTERFACE_CONTACT_H
#define MESOCELL_PHYSICS_INTERFACE_CONTACT_H

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <mesocell/coupling/interface_data.h>
#include <mesocell/interfaces/contact_model.h>
#include <mesocell/materials/library.h>
#include <mesocell/physics/electrochemistry.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace MesoCell
{
  /// Settings of the bulk mechanics' semismooth Newton solver (subsection
  /// "Mechanics solver"); its linear systems are solved by MUMPS LU
  /// (PetscLinearSolver).
  struct MechanicsSolverParameters
  {
    unsigned int max_iterations = 40;   ///< Newton iterations per solve [-]
    double       tolerance      = 1e-9; ///< residual relative to the load [-]
  };

  /// Settings of the interface contact mechanics (subsection "Contact
  /// mechanics") and of the bulk mechanics' solver (subsection "Mechanics
  /// solver").
  struct ContactMechanicsParameters
  {
    bool         enabled                  = false;
    double       initial_contact_fraction = 0.05;  ///< theta of the as-assembled cell [-]
    double       minimum_contact_fraction = 1e-3;  ///< theta_min [-]
    bool         stripping_gap            = true;  ///< Li gap growth vs creep closure
    double       closure_length           = 1e-6;  ///< L_c [m]
    double       stack_pressure           = 0;     ///< initial stack pressure [Pa]
    double       critical_gap             = 1e-7;  ///< g_c: contact lost at this gap [m]
    unsigned int hot_press_stages         = 10;    ///< progress lines per hot press [-]
    bool         bulk_mechanics           = false; ///< solve the cell's mechanics
    std::vector<std::string>  pressure_boundaries; ///< platens carrying the pressure
    std::vector<std::string>  contact_phases;      ///< phases with their own displacement
    std::vector<std::string>  roller_boundaries;   ///< zero normal displacement
    MechanicsSolverParameters solver;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm);
  };

  /// Area-weighted interface statistics.
  struct InterfaceContactSummary
  {
    double mean_theta    = 0; ///< over reaction and transfer interfaces [-]
    double min_theta     = 0;
    double open_fraction = 0; ///< largest open area fraction of one Li electrode (foil of
                              ///< a terminal, or meshed Li) [-]
    double max_gap = 0;       ///< [m]
    double open_active_fraction =
        0;                   ///< debonded area / active-material interface area [-]
    double lithium_area = 0; ///< [m^2] (m in 2D)
  };

  /**
   * @brief The contact state of every interface quadrature point of the
   * electrochemistry (doc/model.md section 4), evolved by the protocol:
   *  - the micro-contact fraction theta from Persson's law at the transmitted
   *    normal pressure p (the stack or hot-press pressure), with the
   *    time-relaxed modulus of a polymer side (HotPressLaw);
   *  - irreversible densification: theta keeps its historical maximum after
   *    the pressure is released, until the interface opens;
   *  - at Li interfaces (meshed Li and foils): the gap grows by stripping,
   *    Omega_Li j / F, against closure by Li power-law creep under p; where
   *    the gap g is open theta falls as theta (1 - g/g_c); at the critical
   *    gap g_c the point has lost contact (theta_min) and its densification;
   *  - the Monroe-Newman normal stress sigma_n = -p at Li interfaces.
   * The electrochemistry reads theta and sigma_n through
   * Electrochemistry::set_interface_contact (staggered coupling: the state
   * is updated after every accepted step from the local currents).
   *
   * The normal pressure is the one transmitted through a layered stack, or
   * the local normal stress of a bulk mechanics solve (set_normal_stress()).
   *
   * The state lives with the cells that evaluate the interface points
   * (InterfaceData): distributed with the mesh, carried through refinement
   * (prepare_for_refinement(), finish_refinement()) and checkpoints.
   */
  template <int dim>
  class InterfaceContactModel
  {
  public:
    InterfaceContactModel(const ContactMechanicsParameters &prm,
                          const Material                   &lithium,
                          double                            temperature);

    /// The electrochemistry hook: the contact of point @p id at @p x
    /// between the solid (or polymer) side @p a and the electrolyte (or
    /// ceramic) side @p b.
    InterfaceContact
    operator()(const InterfacePointId   &id,
               const dealii::Point<dim> &x,
               const Material           &a,
               const Material           &b);

    /// Stack pressure [Pa] from now on (0 releases it); the time under load
    /// restarts.
    void
    set_pressure(double p);
    double
    pressure() const
    {
      return p_stack;
    }
    /// Hot press at temperature T [K] and pressure p [Pa] after
    /// @p time_under_load [s]: densifies every closed interface point to
    /// max(theta_max, theta(p, relaxed modulus)).
    void
    hot_press(double T, double p, double time_under_load);
    /// The cell temperature [K] of the electrochemistry steps.
    void
    set_temperature(double T)
    {
      temperature = T;
      ++changes;
    }
    /// Advance the Li gaps by one accepted step of length @p dt, from the
    /// local Faradaic currents of @p cell, and the time under load.
    void
    update_after_step(const Electrochemistry<dim> &cell, double dt);
    /// Take the normal stress sigma_n [Pa] (tension positive) at interface
    /// points from a bulk mechanics solve: the local contact pressure is
    /// then max(0, -sigma_n) instead of the stack pressure, and sigma_n
    /// enters the Monroe-Newman term of Li interfaces.
    void
    set_normal_stress(const std::function<double(const InterfacePointId &)> &f)
    {
      normal_stress = f;
      ++changes;
    }
    /// Take the mechanical normal gap [m] at interface points from a bulk
    /// mechanics solve with contact interfaces: a point whose gap is open
    /// (beyond 1e-3 of the critical gap) has lost its contact.
    void
    set_mechanical_gap(const std::function<double(const InterfacePointId &)> &f)
    {
      mechanical_gap = f;
      ++changes;
    }
    /// Cohesive failure: every closed point whose sigma_n exceeds the
    /// pair's adhesion strength opens (theta_min, densification lost); a
    /// debonded point closes again once it is in compression.
    void
    update_debonding();

    /// Statistics over all ranks.
    InterfaceContactSummary
    summary(const Electrochemistry<dim> &cell) const;

    /// Checkpoints (collective): the stack pressure, the time under load and
    /// the temperature as values, the state of every interface point
    /// attached to its cell (after the physics' attachments). load() runs
    /// after the physics' load() and meets every interface point of @p cell
    /// again, which takes its saved state.
    void
    save(Checkpoint &checkpoint, const Electrochemistry<dim> &cell) const;
    void
    load(const Checkpoint &checkpoint, const Electrochemistry<dim> &cell);

    /// Refinement (collective): attach the point states before the
    /// triangulation refines, and after the physics' finish_refinement()
    /// give every interface point of @p cell the state of the nearest old
    /// point of its face.
    void
    prepare_for_refinement(dealii::parallel::distributed::Triangulation<dim> &tria);
    void
    finish_refinement(dealii::parallel::distributed::Triangulation<dim> &tria,
                      const Electrochemistry<dim>                       &cell);

    /// Number of changes of the contact state so far (each mutator counts
    /// one when it returns): the electrochemistry's diagnostics are
    /// re-evaluated when it moves.
    unsigned long
    version() const
    {
      return changes;
    }

  private:
    /// Counts one change when the mutator it lives in returns.
    struct CountChange
    {
      unsigned long &changes;
      ~CountChange()
      {
        ++changes;
      }
    };
    unsigned long changes = 0;

    /// The state of one interface point, stored as values of InterfaceData.
    struct PointState
    {
      InterfaceContactState state;
      unsigned int          law      = 0; ///< index into laws
      bool                  lithium  = false;
      bool                  debonded = false;

      static constexpr unsigned int n_values = 6;
      static PointState
      read(const double *v);
      void
      write(double *v) const;
    };
    /// The law of the pair (a, b), created when first met.
    unsigned int
    law_of(const Material &a, const Material &b);
    double
    theta(const InterfacePointId &id, const PointState &s) const;
    /// Met again after a mesh change or a load: every interface point of
    /// @p cell takes its state.
    void
    meet_all(const Electrochemistry<dim> &cell);

    ContactMechanicsParameters                      prm;
    LithiumGapLaw                                   gap_law;
    double                                          temperature;
    double                                          p_stack;
    double                                          time_under_load = 0;
    std::map<std::string, unsigned int>             law_index;
    std::vector<HotPressLaw>                        laws;
    std::vector<double>                             adhesion; ///< per law [Pa]
    std::function<double(const InterfacePointId &)> normal_stress, mechanical_gap;
    double
    pressure_at(const InterfacePointId &id) const;
    /// The state of every interface point met so far.
    InterfaceData<dim> points{PointState::n_values};
  };
} // namespace MesoCell

#endif
