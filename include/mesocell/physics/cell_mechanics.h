#ifndef MESOCELL_PHYSICS_CELL_MECHANICS_H
#define MESOCELL_PHYSICS_CELL_MECHANICS_H

#include <mesocell/physics/electrochemistry.h>
#include <mesocell/physics/interface.h>
#include <mesocell/physics/interface_contact.h>
#include <mesocell/physics/mechanics.h>

#include <functional>
#include <set>

namespace MesoCell
{
  /**
   * @brief The bulk mechanics of a cell, coupled to its electrochemistry
   * (doc/model.md sections 2 and 4): every phase elastic with its library data
   * (Li with power-law creep), the lithiation strain of the active phases
   * from the current c_s (relative to the initial lithiation, so the start
   * is stress free), the stack pressure as traction on the platen
   * boundaries, rollers (zero normal displacement) elsewhere, bonded
   * interfaces. After each solve the normal stress sigma_n (tension
   * positive, the mean of both sides) and the gap at every interface
   * quadrature point of the electrochemistry are stored with the cell that
   * evaluates the point (InterfaceData, one ghost exchange, no global
   * table), for the contact state (debonding, Persson theta) and the
   * Monroe-Newman term.
   */
  template <int dim>
  class CellMechanics : public PhysicsModule<dim>
  {
  public:
    /// The mechanics of @p cell's microstructure; @p stack_pressure gives the
    /// pressure [Pa] on the @p pressure_boundaries at the time of a solve.
    CellMechanics(dealii::parallel::distributed::Triangulation<dim> &tria,
                  const Electrochemistry<dim>                       &cell,
                  std::function<double()>                            stack_pressure,
                  const std::set<dealii::types::boundary_id>        &pressure_boundaries,
                  const std::set<dealii::types::boundary_id>        &roller_boundaries,
                  const std::set<dealii::types::material_id>        &contact_phases = {});

    std::string
    name() const override
    {
      return "mechanics";
    }
    /// Distribute DoFs and allocate the history on the current mesh.
    void
    setup() override;
    /// Solve for the state of the electrochemistry's current c_s under the
    /// stack pressure over ts.dt [s] (creep; 0: elastic).
    StepResult
    solve_step(const TimeState &ts) override;
    /// Commit the creep strain and tabulate the interface stresses and gaps.
    void
    accept_step() override;
    /// Nothing to undo: the next solve starts from the committed history.
    void
    reject_step() override
    {
    }
    void
    prepare_for_refinement() override;
    void
    finish_refinement() override;
    /// The stream "mechanics": displacement, stresses, creep strain, phase.
    std::vector<std::pair<std::string, std::string>>
    write_output(const std::string &directory,
                 const unsigned int index,
                 const double       time) const override;
    /// Displacement, contact active sets, interface pair states and the
    /// quadrature-point history (exact, any rank count on reload).
    void
    save(Checkpoint &checkpoint) const override;
    void
    load(const Checkpoint &checkpoint) override;

    /// Newton settings of the following solves (subsection "Mechanics solver").
    void
    set_solver(const MechanicsSolverParameters &p)
    {
      solver = p;
    }

    /// The Newton statistics of the last solve.
    const MechanicsSolveInfo &
    last_solve() const
    {
      return info;
    }

    /// sigma_n [Pa] at an interface point of the electrochemistry (0 if
    /// the point is not an interface point of the last update, e.g. a foil).
    double
    normal_stress(const InterfacePointId &id) const;

    /// Normal gap [m] at an interface point between the contact phases and
    /// the rest (0 where bonded, closed, or not a contact interface).
    double
    gap(const InterfacePointId &id) const;

    /// Largest interface tension and compression of the last update [Pa]
    /// (collective).
    std::pair<double, double>
    normal_stress_range() const;

    Mechanics<dim> &
    mechanics()
    {
      return mech;
    }

  private:
    /// Lithiation strain of the active phases from the current c_s.
    void
    set_lithiation_strain();
    /// sigma_n and the gap at every interface point of the owned cells.
    void
    tabulate_interface();
    static InterfacePointId
    id_of(const typename dealii::Triangulation<dim>::active_cell_iterator &cell,
          unsigned int                                                     face,
          unsigned int                                                     q);

    dealii::parallel::distributed::Triangulation<dim> &tria;
    const Electrochemistry<dim>                       &cell;
    const ElectrochemistryModel                       &model;
    std::function<double()>                            stack_pressure;
    std::set<dealii::types::boundary_id>               pressure_boundaries;
    Mechanics<dim>                                     mech;
    MechanicsBoundaryConditions                        bc;
    /// (sigma_n, gap) per interface point of the owned cells.
    InterfaceData<dim>        interface = InterfaceData<dim>(2);
    MechanicsSolveInfo        info;
    MechanicsSolverParameters solver;
  };
} // namespace MesoCell

#endif
