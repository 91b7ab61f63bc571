#ifndef MESOCELL_PHYSICS_CELL_MECHANICS_H
#define MESOCELL_PHYSICS_CELL_MECHANICS_H

#include <mesocell/physics/electrochemistry.h>
#include <mesocell/physics/mechanics.h>

#include <array>
#include <map>
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
   * positive) at every interface quadrature point of the electrochemistry is
   * available by point, for the contact state (debonding, Persson theta) and
   * the Monroe-Newman term.
   */
  template <int dim>
  class CellMechanics
  {
  public:
    CellMechanics(dealii::parallel::distributed::Triangulation<dim> &tria,
                  const ElectrochemistryModel                       &model,
                  const std::set<dealii::types::boundary_id>        &pressure_boundaries,
                  const std::set<dealii::types::boundary_id>        &roller_boundaries,
                  const std::set<dealii::types::material_id>        &contact_phases = {});

    /// Solve for the state of @p cell under the stack pressure @p p [Pa]
    /// over a step @p dt [s] (creep), and tabulate the interface stresses.
    MechanicsSolveInfo
    update(const Electrochemistry<dim> &cell, double p, double dt);

    /// sigma_n [Pa] at an interface point of the electrochemistry (0 if
    /// the point is not an interface point of the last update).
    double
    normal_stress(const dealii::Point<dim> &x) const;

    /// Normal gap [m] at an interface point between the contact phases and
    /// the rest (0 where bonded, closed, or not a contact interface).
    double
    gap(const dealii::Point<dim> &x) const;

    /// Largest interface tension and compression of the last update [Pa].
    std::pair<double, double>
    normal_stress_range() const;

    Mechanics<dim> &
    mechanics()
    {
      return mech;
    }

  private:
    using Key = std::array<long long, 3>;
    static Key
    key(const dealii::Point<dim> &x);

    dealii::parallel::distributed::Triangulation<dim> &tria;
    const ElectrochemistryModel                       &model;
    std::set<dealii::types::boundary_id>               pressure_boundaries;
    Mechanics<dim>                                     mech;
    MechanicsBoundaryConditions                        bc;
    std::map<Key, double>                              sigma_n, gaps;
    double
         lookup(const std::map<Key, double> &table, const dealii::Point<dim> &x) const;
    bool initialized = false;
  };
} // namespace MesoCell

#endif
