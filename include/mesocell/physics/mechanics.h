#ifndef MESOCELL_PHYSICS_MECHANICS_H
#define MESOCELL_PHYSICS_MECHANICS_H

#include <deal.II/base/point.h>
#include <deal.II/base/quadrature_point_data.h>
#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/timer.h>

#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/distributed/tria.h>

#include <deal.II/dofs/dof_handler.h>

#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping_q.h>

#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/petsc_vector.h>

#include <array>
#include <deal.II/hp/fe_collection.h>
#include <deal.II/hp/mapping_collection.h>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace MesoCell
{
  struct Checkpoint;

  /**
   * @brief Mechanical data of one phase (doc/model.md section 2): isotropic
   * elasticity, thermal expansion and power-law creep
   *   d(eps_cr)/dt = (3/2) A exp(-Q/(R T)) sigma_vm^(m-1) s,
   * with s the stress deviator and sigma_vm the von Mises stress. A = 0
   * switches creep off.
   */
  struct MechanicalMaterial
  {
    double youngs_modulus          = 1e9; ///< E [Pa]
    double poisson_ratio           = 0.3; ///< nu [-]
    double thermal_expansion       = 0;   ///< alpha [1/K]
    double creep_prefactor         = 0;   ///< A [Pa^-m s^-1]
    double creep_exponent          = 1;   ///< m [-]
    double creep_activation_energy = 0;   ///< Q [J/mol]

    double
    lambda() const
    {
      return youngs_modulus * poisson_ratio /
             ((1 + poisson_ratio) * (1 - 2 * poisson_ratio));
    }
    double
    mu() const
    {
      return youngs_modulus / (2 * (1 + poisson_ratio));
    }
    /// A exp(-Q/(R T)) [Pa^-m s^-1].
    double
    creep_rate_factor(double temperature) const;
    /// Uniaxial creep strain rate at von Mises stress @p q [1/s].
    double
    creep_rate(double q, double temperature) const;
  };

  /**
   * @brief A flat rigid platen normal to a coordinate axis, in frictionless
   * unilateral contact with the nodes of one boundary:
   *   gap = sign (position - (x + u)_direction) >= 0,  p >= 0,  p gap = 0.
   * sign = +1 for a platen on the high side of the body (outward normal
   * +e_direction), -1 for one on the low side.
   */
  struct RigidPlaten
  {
    dealii::types::boundary_id boundary  = 0;
    unsigned int               direction = 0;
    double                     sign      = 1;
    double                     position  = 0; ///< [m]
  };

  /// Boundary conditions of the mechanics: fixed displacement components
  /// (clamps, rollers and symmetry planes), normal pressures (stack and
  /// hot-press pressure as traction) and rigid platens in contact.
  struct MechanicsBoundaryConditions
  {
    /// boundary -> displacement components held at zero
    std::map<dealii::types::boundary_id, std::vector<unsigned int>> fixed;
    /// boundary -> compressive normal pressure [Pa] (traction -p n)
    std::map<dealii::types::boundary_id, double> pressure;
    std::vector<RigidPlaten>                     platens;
  };

  /// One contact node of a rigid platen after a solve.
  struct ContactNode
  {
    dealii::Point<3> position; ///< reference position (third coordinate 0 in 2D)
    double           pressure; ///< p = contact force / nodal boundary weight [Pa]
    double           gap;      ///< [m], negative = penetration
    bool             active;
  };

  /// Satisfaction of the contact constraints after a solve.
  struct ContactReport
  {
    unsigned int n_active        = 0;
    double       max_penetration = 0; ///< max(-gap, 0) over all contact nodes [m]
    double       max_tension     = 0; ///< max(-p, 0) over active nodes [Pa]
    double       max_open_force  = 0; ///< max |p| over inactive nodes [Pa]
    /// max |min(p, c gap)| / max(p) with c = E / h: zero iff complementarity
    double complementarity = 0;
    double total_force     = 0; ///< sum of the contact forces [N, or N/m in 2D]
  };

  /// Newton statistics of one mechanics solve.
  struct MechanicsSolveInfo
  {
    unsigned int newton_iterations = 0;
    unsigned int active_set_size   = 0;
    double       residual          = 0;
  };

  /**
   * @brief Quasi-static small-strain mechanics of a multi-phase
   * microstructure (doc/model.md sections 2 and 4):
   *   div sigma = 0,  sigma = C : (eps(u) - eps* - eps_th - eps_cr),
   * with isotropic C per material id, a prescribed isotropic eigenstrain eps*
   * (lithiation, Vegard or tabulated, set per quadrature point by the
   * caller), thermal strain alpha (T - T_ref) and power-law creep integrated
   * by backward Euler with a radial return and its consistent tangent.
   * 2D is plane strain: the constitutive update is done in 3D with
   * eps_zz = 0, so that the out-of-plane stress and creep strain are exact.
   *
   * Rigid platens act by frictionless unilateral contact on boundary nodes,
   * solved together with the material nonlinearity by a semismooth
   * (primal-dual active set) Newton method: a node is active when
   * p - c gap > 0, with c = E / h; active nodes carry the exact constraint,
   * so penetration is zero to round-off.
   *
   * The creep strain is quadrature-point history, committed by accept_step()
   * and carried through mesh refinement by
   * parallel::distributed::ContinuousQuadratureDataTransfer.
   */
  template <int dim>
  class Mechanics
  {
  public:
    /// Per-quadrature-point history: the committed creep strain.
    struct PointHistory : public dealii::TransferableQuadraturePointData
    {
      dealii::SymmetricTensor<2, 3> creep_strain;       ///< committed
      dealii::SymmetricTensor<2, 3> creep_strain_trial; ///< last solve
      double                        eigenstrain = 0;    ///< isotropic eps*, set by caller

      unsigned int
      number_of_values() const override
      {
        return 7;
      }
      void
      pack_values(std::vector<double> &values) const override;
      void
      unpack_values(const std::vector<double> &values) override;
    };

    /// Isotropic eigenstrain at a point of a phase (e.g. lithiation strain).
    using EigenstrainFunction =
        std::function<double(const dealii::Point<dim> &, dealii::types::material_id)>;

    /**
     * With an empty @p second_body every interface is bonded. Otherwise the
     * phases in @p second_body carry their own displacement field
     * (hp::FECollection with FE_Nothing), and every conforming interface
     * between them and the other phases is a contact interface: bonded
     * (cohesive) until its normal tension exceeds @p adhesion_strength [Pa],
     * then frictionless unilateral contact (g_n >= 0, p_n >= 0, p_n g_n = 0)
     * in the same semismooth Newton as the platens; adhesion_strength = 0
     * makes it unilateral from the start.
     */
    Mechanics(dealii::parallel::distributed::Triangulation<dim>              &tria,
              const std::map<dealii::types::material_id, MechanicalMaterial> &phases,
              unsigned int                                                    degree,
              const std::set<dealii::types::material_id> &second_body = {},
              double adhesion_strength = std::numeric_limits<double>::infinity());
    ~Mechanics();

    /// Distribute DoFs and allocate history (call once, and after refinement
    /// through the refinement hooks).
    void
    setup();

    void
    set_boundary_conditions(const MechanicsBoundaryConditions &bc);
    /// Uniform temperature [K] and the stress-free reference temperature [K].
    void
    set_temperature(double temperature, double reference_temperature);
    /// Evaluate @p f at every quadrature point into the history.
    void
    set_eigenstrain(const EigenstrainFunction &f);
    /// Set the eigenstrain from a callback on each locally owned cell that
    /// fills one value per quadrature point of quadrature().
    void
    set_eigenstrain(const std::function<
                    void(const typename dealii::Triangulation<dim>::cell_iterator &,
                         std::vector<double> &)> &f);

    /**
     * Solve for the displacement at the end of a step of length @p dt (0:
     * purely elastic, no creep increment). Throws SolverError if Newton does
     * not converge in @p max_iterations.
     */
    MechanicsSolveInfo
    solve(double dt, double tolerance = 1e-10, unsigned int max_iterations = 40);
    /// Commit the creep strain of the last solve.
    void
    accept_step();

    /// Contact nodes of platen @p i (on this rank's owned DoFs).
    std::vector<ContactNode>
    contact_nodes(unsigned int i) const;
    /// Global contact-constraint report for platen @p i.
    ContactReport
    contact_report(unsigned int i) const;

    /// Node pairs of the contact interfaces (owned ones): reference
    /// position, normal pressure p = -sigma_n [Pa], normal gap [m] and
    /// whether the pair is closed (bonded or in contact).
    std::vector<ContactNode>
    interface_nodes() const;
    /// The same report as for a platen, over the unilateral (debonded)
    /// node pairs of the contact interfaces; n_active counts the pairs in
    /// contact, and `bonded` the pairs still bonded.
    ContactReport
    interface_report(unsigned int *bonded = nullptr) const;

    /// Reaction force component @p component on @p boundary (sum of the
    /// residual of the internal forces) [N, N/m in 2D].
    double
    boundary_reaction(dealii::types::boundary_id boundary, unsigned int component) const;
    /// Mean displacement component on a boundary [m].
    double
    mean_boundary_displacement(dealii::types::boundary_id boundary,
                               unsigned int               component) const;

    /// Loop over owned cells and quadrature points: callback(point,
    /// material id, 3D stress [Pa], committed creep strain).
    void
    for_each_stress(
        const std::function<void(const dealii::Point<dim> &,
                                 dealii::types::material_id,
                                 const dealii::SymmetricTensor<2, 3> &,
                                 const dealii::SymmetricTensor<2, 3> &)> &f) const;

    /// One side of one interface quadrature point (for_each_interface_stress).
    struct InterfaceSide
    {
      typename dealii::Triangulation<dim>::active_cell_iterator cell;
      unsigned int                                              face = 0;
      unsigned int                  q = 0; ///< index on the face (subface s: s n_q + q)
      dealii::Point<dim>            point;
      dealii::Tensor<1, dim>        normal;       ///< unit normal out of this cell
      dealii::SymmetricTensor<2, 3> stress;       ///< of this cell's side (3D)
      dealii::Tensor<1, dim>        displacement; ///< of this cell's side
      dealii::types::material_id    this_phase = 0, other_phase = 0;
    };
    /// Loop over the faces between different materials of the locally
    /// owned cells, on this cell's side, at the points of
    /// @p face_quadrature on the face, or on each subface where the
    /// neighbour is finer.
    void
    for_each_interface_stress(const dealii::Quadrature<dim - 1> &face_quadrature,
                              const std::function<void(const InterfaceSide &)> &f) const;
    /// Whether phase @p id carries the second displacement field.
    bool
    in_second_body(const dealii::types::material_id id) const
    {
      return second_body.count(id) > 0;
    }

    /// Unit outward normal of boundary @p b (the first face found on any
    /// rank; for axis-aligned platens and rollers).
    dealii::Tensor<1, dim>
    boundary_normal(dealii::types::boundary_id b) const;

    /// The cell quadrature of the history and of set_eigenstrain().
    const dealii::Quadrature<dim> &
    quadrature() const
    {
      return *cell_quadrature;
    }

    /// Refinement hooks: history and displacement transfer.
    void
    prepare_for_refinement();
    void
    finish_refinement();

    /// Checkpoint: attach the displacement, the platen active set, the
    /// interface pair states and the quadrature-point history (exact values)
    /// to the triangulation's next save(); the transfers are kept alive in
    /// @p checkpoint.
    void
    save(Checkpoint &checkpoint) const;
    /// After Triangulation::load(), in the order of save(): set up and
    /// restore what save() attached.
    void
    load();

    /// Write displacement, cell-averaged stress, von Mises, creep strain and
    /// phase to @p directory/@p base_NNNN.pvtu; returns the .pvtu name.
    std::string
    write_vtu(const std::string &directory,
              const std::string &base,
              unsigned int       index) const;

    dealii::types::global_dof_index
    n_dofs() const
    {
      return dof_handler.n_dofs();
    }
    const dealii::PETScWrappers::MPI::Vector &
    displacement() const
    {
      return u;
    }
    dealii::TimerOutput &
    timer()
    {
      return *timer_output;
    }

  private:
    struct NewtonSystem;
    struct Response
    {
      dealii::SymmetricTensor<2, 3> stress;
      dealii::SymmetricTensor<4, 3> tangent;
      dealii::SymmetricTensor<2, 3> creep_strain;
    };
    Response
    constitutive(const MechanicalMaterial            &m,
                 const dealii::SymmetricTensor<2, 3> &total_strain,
                 const PointHistory                  &h,
                 double                               dt) const;

    void
    make_constraints(const dealii::PETScWrappers::MPI::Vector &active_ghosted);
    /// Stress of the last solve at every owned quadrature point:
    /// f(cell, point, JxW, 3D stress, creep strain).
    void
    for_each_cell_stress(
        const std::function<
            void(const typename dealii::DoFHandler<dim>::active_cell_iterator &,
                 const dealii::Point<dim> &,
                 double,
                 const dealii::SymmetricTensor<2, 3> &,
                 const dealii::SymmetricTensor<2, 3> &)> &f) const;
    void
    compute_contact_weights();
    double
    material_for(dealii::types::material_id id, const MechanicalMaterial **m) const;

    MPI_Comm                                                 comm;
    dealii::parallel::distributed::Triangulation<dim>       &tria;
    std::map<dealii::types::material_id, MechanicalMaterial> phases;
    std::set<dealii::types::material_id>                     second_body;
    double                                                   adhesion_strength;
    unsigned int                                             n_components;
    dealii::hp::FECollection<dim>                            fe;
    dealii::MappingQ<dim>                                    mapping;
    dealii::hp::MappingCollection<dim>                       mappings;
    /// A node pair of a contact interface: the dofs of both bodies, the
    /// reference position, the unit normal from body 0 to body 1, and the
    /// component k of the normal constraint (largest |n_k|).
    struct InterfacePair
    {
      std::array<dealii::types::global_dof_index, dim> dof0, dof1;
      dealii::Point<dim>                               x;
      dealii::Tensor<1, dim>                           n;
      unsigned int                                     k = 0;
    };
    std::vector<InterfacePair> pairs;
    dealii::PETScWrappers::MPI::Vector
        pair_state; ///< at dof1[k]: 2 bonded, 1 contact, 0 open
    dealii::PETScWrappers::MPI::Vector pair_weights;
    unsigned int
    body(const dealii::types::material_id id) const
    {
      return second_body.count(id) ? 1 : 0;
    }
    void
    find_interface_pairs();
    double
    pair_pressure(const InterfacePair &pr) const;
    double
                                             pair_gap(const InterfacePair &pr) const;
    std::unique_ptr<dealii::Quadrature<dim>> cell_quadrature;
    dealii::DoFHandler<dim>                  dof_handler;
    dealii::IndexSet                         owned, relevant;
    dealii::AffineConstraints<double>        hanging, constraints;
    dealii::PETScWrappers::MPI::Vector       u;       ///< ghosted
    dealii::PETScWrappers::MPI::Vector       active;  ///< owned, 1 = contact
    dealii::PETScWrappers::MPI::Vector       weights; ///< nodal boundary weights
    dealii::PETScWrappers::MPI::Vector       residual_ghosted;
    std::vector<std::map<dealii::types::global_dof_index, dealii::Point<dim>>>
        contact_dofs;
    dealii::CellDataStorage<typename dealii::Triangulation<dim>::cell_iterator,
                            PointHistory>
        history;
    std::unique_ptr<dealii::parallel::distributed::
                        ContinuousQuadratureDataTransfer<dim, PointHistory>>
        history_transfer;
    std::unique_ptr<dealii::parallel::distributed::
                        SolutionTransfer<dim, dealii::PETScWrappers::MPI::Vector>>
                                displacement_transfer;
    MechanicsBoundaryConditions bc;
    double                      temperature = 298.15, reference_temperature = 298.15;
    double                      reference_modulus = 1;
    std::unique_ptr<dealii::TimerOutput> timer_output;
  };
} // namespace MesoCell

#endif
