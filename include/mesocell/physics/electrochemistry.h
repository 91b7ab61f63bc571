#ifndef MESOCELL_PHYSICS_ELECTROCHEMISTRY_H
#define MESOCELL_PHYSICS_ELECTROCHEMISTRY_H

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/function.h>
#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>
#include <deal.II/base/timer.h>

#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/distributed/tria.h>

#include <deal.II/dofs/dof_handler.h>

#include <deal.II/fe/mapping_q1.h>

#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <mesocell/coupling/interface_data.h>
#include <mesocell/materials/library.h>
#include <mesocell/numerics/linear_solver.h>
#include <mesocell/physics/interface.h>

#include <deal.II/hp/fe_collection.h>
#include <deal.II/hp/q_collection.h>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace MesoCell
{
  /// The fields of the electrochemistry, in the order of the FE components.
  enum Field : unsigned int
  {
    c_s      = 0, ///< Li concentration in active material [mol/m^3]
    phi_s    = 1, ///< electronic potential [V]
    c_e      = 2, ///< salt concentration in polymer electrolytes [mol/m^3]
    phi_e    = 3, ///< Li+ potential in polymers, vs a Li reference [V]
    phi_c    = 4, ///< Li+ potential in ceramics [V]
    n_fields = 5
  };

  /// Names of the fields, as written to VTU ("c_s", "phi_s", ...).
  const std::vector<std::string> &
  field_names();

  /**
   * @brief Verification hook: source terms added to the bulk equations and
   * fluxes added to the interface conditions, for manufactured solutions.
   * Both are in the units of the residual: for the concentration equations
   * multiplied by F (A/m^3 and A/m^2), for the potentials A/m^3 and A/m^2.
   */
  template <int dim>
  class ManufacturedForcing
  {
  public:
    virtual ~ManufacturedForcing() = default;
    /// f in  (strong operator of field k) = f  inside phase type @p type.
    virtual double
    source(const Field               k,
           const PhaseType           type,
           const dealii::Point<dim> &p,
           const double              t) const = 0;
    /// g added to the flux of field k out of its phase through an interface
    /// (n points out of that phase).
    virtual double
    interface_flux(const Field                   k,
                   const dealii::Point<dim>     &p,
                   const dealii::Tensor<1, dim> &n,
                   const double                  t) const = 0;
  };

  /**
   * @brief What the electrochemistry solves: the material of every phase,
   * the terminals and the operating temperature. Built from the parameter
   * file (ElectrochemistryParameters) or directly by tests.
   */
  struct ElectrochemistryModel
  {
    /// Material of every phase (deal.II material id).
    std::map<dealii::types::material_id, Material>    phase_material;
    std::map<dealii::types::material_id, std::string> phase_name;
    /// Boundaries at the cell voltage V: Dirichlet phi_s = V on solid faces,
    /// a Li foil electrode at potential V on electrolyte faces.
    std::set<dealii::types::boundary_id> positive_terminal;
    /// Boundaries at 0 V (the reference): the same at phi_s = 0.
    std::set<dealii::types::boundary_id> negative_terminal;
    /// Terminal boundaries whose electrolyte faces are Li foil electrodes
    /// (elsewhere an electrolyte face of a terminal is blocking).
    std::set<dealii::types::boundary_id> foil_boundaries;
    /// The metal of Li foil electrodes on electrolyte faces of a terminal.
    Material foil;
    /// Cell temperature [K]; no default here (the parameter file's default
    /// is ElectrochemistryParameters::temperature): a model built in code
    /// must set it.
    double temperature      = std::numeric_limits<double>::quiet_NaN();
    double contact_fraction = 1.0;   ///< theta of every reaction interface [-]
    bool   double_layer     = false; ///< C_dl d(phi_s - phi_l)/dt on reaction interfaces
    unsigned int degree     = 1;
    double       initial_lithiation = -1; ///< x0 of active phases; < 0: x_charged
  };

  /// Newton and linear-solver settings of the coupled system.
  struct NonlinearSolverParameters
  {
    unsigned int max_iterations          = 25;
    double       potential_tolerance     = 1e-9; ///< max |d phi| [V]
    double       concentration_tolerance = 1e-9; ///< max |dc| / c_ref [-]
    unsigned int line_search_steps       = 8;
    /// Iterative linear solver: relative tolerance by Eisenstat-Walker
    /// (inexact Newton) between linear.tolerance and 0.1.
    bool inexact = true;
    /// start Newton from the linear extrapolation of the last two steps
    bool extrapolate = true;
    /// Stop on the error estimated from the contraction of the updates.
    bool                   contraction_estimate = false;
    LinearSystemParameters linear; ///< GMRES when iterative
  };

  /// How the terminals are driven.
  enum class Control
  {
    current, ///< galvanostatic: total current I (discharge positive), V unknown
    voltage, ///< potentiostatic: V given
    none     ///< no terminals (verification with Dirichlet data)
  };

  /// Values at one quadrature point of a reaction or transfer interface
  /// (or a Li foil), for statistics and interface output.
  struct InterfaceSample
  {
    dealii::Point<3> point;
    InterfacePointId id; ///< the evaluating cell, its face and the point's index
    double           j = 0, j_total = 0, eta = 0, theta = 0, c_e = 0, JxW = 0;
    double           lithiation = -1;    ///< surface x of an active solid
    bool             active     = false; ///< the solid is an active material
    bool             transfer   = false; ///< polymer|ceramic transfer
    int              terminal   = 0;     ///< +1/-1 for a foil on the +/- terminal, else 0
  };

  /// Mechanical state of an interface point seen by the electrochemistry
  /// (doc/model.md sections 3 and 4): the micro-contact fraction theta, which
  /// scales the exchange current, the film conductance and the
  /// polymer|ceramic transfer conductance, and the normal stress
  /// sigma_n [Pa] (tension positive) of the Monroe-Newman term
  /// -Omega_M sigma_n / F in the overpotential of Li interfaces.
  struct InterfaceContact
  {
    double theta         = 1;
    double normal_stress = 0;
  };

  /// Integral quantities of the current state.
  struct CellState
  {
    double voltage = 0, current = 0;           ///< V, I (discharge positive) [V], [A]
    double lithium_solid = 0, salt = 0;        ///< inventories [mol]
    double active_volume = 0, active_mass = 0; ///< [m^3], [kg]
    double mean_lithiation          = 0;       ///< volume mean of c_s/c_s,max [-]
    double reaction_current_active  = 0; ///< integral of j_total on active interfaces [A]
    double faradaic_current_active  = 0; ///< integral of j on active interfaces [A]
    double reaction_current_lithium = 0; ///< the same on Li interfaces and foils [A]
    double mean_overpotential = 0, max_overpotential = 0; ///< active interfaces [V]
    double min_salt_at_anode      = 0; ///< min c_e on Li interfaces and foils [mol/m^3]
    double active_interface_area  = 0;
    double min_surface_lithiation = 0,
           max_surface_lithiation = 0; ///< active interfaces [-]
  };

  /**
   * @brief The coupled electrochemistry of doc/model.md sections 2, 3 and 5 on a
   * multi-phase mesh: c_s, phi_s, c_e, phi_e, phi_c on their phases (one
   * DoFHandler, hp::FECollection with FE_Nothing where a field is absent),
   * Butler-Volmer, film, polymer|ceramic and Li-foil interface conditions,
   * equipotential terminals, BDF1/BDF2 in time with variable steps, Newton
   * with line search and an exact (automatic-differentiation) Jacobian, a
   * bordered solve for the galvanostatic constraint, adaptive refinement
   * with solution transfer.
   */
  template <int dim>
  class Electrochemistry : public PhysicsModule<dim>
  {
  public:
    Electrochemistry(dealii::parallel::distributed::Triangulation<dim> &tria,
                     const ElectrochemistryModel                       &model,
                     const NonlinearSolverParameters                   &solver);
    ~Electrochemistry();

    /// Per-point interface contact: f(point id, point, solid or polymer
    /// side material, electrolyte or ceramic side material). Replaces the
    /// model's uniform contact_fraction while set; an empty function
    /// restores it.
    using InterfaceContactFunction =
        std::function<InterfaceContact(const InterfacePointId &,
                                       const dealii::Point<dim> &,
                                       const Material &,
                                       const Material &)>;
    /// @p version counts the changes of the contact state behind @p f (the
    /// interface diagnostics are re-evaluated when it changes).
    void
    set_interface_contact(const InterfaceContactFunction       &f,
                          const std::function<unsigned long()> &version = {})
    {
      interface_contact = f;
      contact_version   = version;
      changed();
    }

    /// Call @p f for every quadrature point of every reaction and transfer
    /// interface and Li foil of this rank, at the current solution.
    void
    for_each_interface_sample(
        const std::function<void(const InterfaceSample &)> &f) const;

    /// Distribute DoFs, build constraints and the sparsity pattern.
    void
    setup() override;
    /// Uniform initial state (x0, c_ref, potentials at rest) and a
    /// consistent solve of the potentials at zero current.
    void
    initialize();

    /// Dirichlet data (all fields living on the face's phase) for
    /// verification; evaluated at the new time of each step.
    void
    set_dirichlet(const dealii::types::boundary_id id, const dealii::Function<dim> *f);
    void
    set_forcing(const ManufacturedForcing<dim> *f);
    /// Interpolate @p f (n_fields components) into the current and old states.
    void
    interpolate_state(const dealii::Function<dim> &f);

    /**
     * Solve for the state at @p time = t_n + dt with BDF of order @p order
     * (1 or 2; 2 needs one previous step of size @p dt_previous). The
     * state is not accepted until accept_step().
     */
    StepResult
    solve_step(const double       time,
               const double       dt,
               const double       dt_previous,
               const unsigned int order,
               const Control      control,
               const double       target);
    /// Make the last solved state the new old state.
    void
    accept_step() override;
    /// Go back to the last accepted state.
    void
    reject_step() override;

    /// @name The physics contract (PhysicsModule)
    /// @{
    std::string
    name() const override
    {
      return "electrochemistry";
    }
    /// The operation of the following steps: current or voltage control and
    /// its target (A or V).
    void
    set_operation(const Control control, const double target)
    {
      operation_control = control;
      operation_target  = target;
    }
    /// solve_step() with the operation of set_operation().
    StepResult
    solve_step(const TimeState &ts) override;
    void
    prepare_for_refinement() override;
    void
    finish_refinement() override;
    /// write_vtu() as streams "electrochemistry" and "interface".
    std::vector<std::pair<std::string, std::string>>
    write_output(const std::string &directory,
                 const unsigned int index,
                 const double       time) const override;
    /// The current and two old states (attached to the triangulation) and
    /// V, V_old, V_old2, I, t.
    void
    save(Checkpoint &checkpoint) const override;
    void
    load(const Checkpoint &checkpoint) override;
    /// @}

    /// Set refinement and coarsening flags (indicator of adapt_mesh()).
    void
    mark_for_refinement(const double       refine_fraction,
                        const double       coarsen_fraction,
                        const unsigned int max_level,
                        const unsigned int interface_level);

    /// Weighted max-norm of (state - extrapolation from the last two
    /// accepted states): concentrations over their reference, potentials
    /// in volts. The time-step controller's error estimate.
    double
    predictor_difference(const double dt, const double dt_previous) const;

    /// Integral quantities of the current state (collective).
    CellState
    state() const;
    /// Theoretical capacity of the active phases between x_charged and
    /// x_discharged [C]; and the cross-section for areal capacities [m^2].
    double
    nominal_capacity() const;
    double
    terminal_area() const;

    double
    voltage() const
    {
      return V;
    }
    /// The triangulation this physics lives on.
    dealii::parallel::distributed::Triangulation<dim> &
    triangulation() const
    {
      return tria;
    }
    double
    current() const
    {
      return I;
    }

    /// Refine and coarsen: indicator h |grad u| per field, normalised by the
    /// field's range, plus cells at reaction interfaces up to
    /// @p interface_level. State and history are transferred.
    void
    adapt_mesh(const double       refine_fraction,
               const double       coarsen_fraction,
               const unsigned int max_level,
               const unsigned int interface_level);

    /// Pointwise L2 and H1-seminorm errors of field @p k against @p exact
    /// (n_fields components) on the cells where field @p k lives.
    std::pair<double, double>
    field_error(const Field k, const dealii::Function<dim> &exact) const;

    /// VTU/PVTU of every field, current densities, phase and rank; an
    /// interface file (j, eta, theta) on reaction interfaces. Returns the
    /// .pvtu names (bulk, interface).
    std::pair<std::string, std::string>
    write_vtu(const std::string &directory,
              const unsigned int index,
              const double       time) const;

    dealii::types::global_dof_index
    n_dofs() const
    {
      return dof_handler.n_dofs();
    }
    const dealii::DoFHandler<dim> &
    get_dof_handler() const
    {
      return dof_handler;
    }
    /// The model (phases, materials, terminals, temperature) as built.
    const ElectrochemistryModel &
    get_model() const
    {
      return model;
    }
    const dealii::PETScWrappers::MPI::Vector &
    solution() const
    {
      return x_ghost;
    }
    dealii::TimerOutput &
    timer()
    {
      return *computing_timer;
    }
    /// Destroy the timer without its summary (call while handling an
    /// exception, so that it does not warn about skipped MPI communication).
    void
    discard_timer()
    {
      computing_timer.reset();
    }

  private:
    struct Assembly;
    struct NewtonSystem;
    struct Assembler;

    MPI_Comm                                           comm;
    dealii::parallel::distributed::Triangulation<dim> &tria;
    ElectrochemistryModel                              model;
    NonlinearSolverParameters                          prm;
    dealii::MappingQ1<dim>                             mapping;
    dealii::hp::FECollection<dim>                      fe;
    dealii::hp::QCollection<dim>                       q;
    dealii::hp::QCollection<dim - 1>                   q_face;
    dealii::DoFHandler<dim>                            dof_handler;
    dealii::IndexSet                                   owned, relevant;
    dealii::AffineConstraints<double>                  hanging, constraints;
    std::map<dealii::types::global_dof_index, double>  terminal_plus, terminal_minus;
    std::map<dealii::types::boundary_id, const dealii::Function<dim> *> dirichlet;
    const ManufacturedForcing<dim>                                     *forcing = nullptr;
    dealii::PETScWrappers::MPI::SparseMatrix                            matrix;
    /// x: iterate (owned), x_ghost: its ghosted copy; old states ghosted.
    dealii::PETScWrappers::MPI::Vector x, x_ghost, x_old, x_old2, lift, lift_ghost, scale;
    double                             V = 0, V_old = 0, V_old2 = 0, I = 0;
    /// BDF coefficients of the current step: dy/dt = a0 y + a1 y_n + a2 y_{n-1}.
    double a0 = 0, a1 = 0, a2 = 0, time = 0;
    bool   in_initialization = false;
    /// Kept between Newton iterations and steps (same sparsity: only the
    /// numeric factorization or preconditioner is redone).
    std::unique_ptr<PetscLinearSolver>   linear_solver;
    /// The last voltage column w1 = J^-1 dR/dV of the bordered system: the
    /// initial guess of the next one (Newton iterations and steps change J
    /// little). Empty after setup() (new DoFs).
    dealii::PETScWrappers::MPI::Vector voltage_column;
    dealii::ConditionalOStream           pcout;
    std::unique_ptr<dealii::TimerOutput> computing_timer;

    unsigned int
    fe_index(const PhaseType t) const;
    const Material &
    material(const dealii::types::material_id id) const;
    void
    apply_terminal_values(dealii::PETScWrappers::MPI::Vector &v,
                          const double                        voltage) const;
    /// Residual (and Jacobian, lift column and current gradient); returns
    /// the norm of the constrained residual. Throws std::domain_error when
    /// the state is outside the laws' range (c <= 0, x outside (0,1)).
    double
    assemble(const bool                                          jacobian,
             dealii::PETScWrappers::MPI::Vector                 *rhs,
             dealii::PETScWrappers::MPI::Vector                 *lift_rhs,
             dealii::PETScWrappers::MPI::Vector                 *current_gradient,
             double                                             *current_value,
             double                                             *current_dV,
             const std::function<void(const InterfaceSample &)> *callback = nullptr);
    /// The owned dofs of the potentials and of the concentrations (the
    /// blocks of the field-split preconditioner).
    std::vector<std::pair<std::string, std::vector<long long>>>
    field_split() const;
    double
    update_norm(const dealii::PETScWrappers::MPI::Vector &dx, const double dV) const;
    /// Parts of setup(): hanging-node, terminal and Dirichlet constraints;
    /// the matrix, with the couplings across interfaces; the vectors, the
    /// lift of the terminal voltage and the weights of the norms.
    void
    setup_constraints();
    void
    setup_matrix();
    void
    setup_vectors();
    /// Parts of state() and adapt_mesh(): the inventories of the bulk of
    /// this rank; the indicator h |grad u_k| / range_k summed over the fields.
    void
    add_bulk_state(CellState &s, double &lithiation) const;
    dealii::Vector<float>
    refinement_indicator(const double *range) const;

    /// The interface samples and the cell state of one state, from one
    /// residual evaluation: state(), for_each_interface_sample() and the
    /// output share it until the state or the contact state changes.
    struct Diagnostics
    {
      std::vector<InterfaceSample> samples;
      CellState                    state;
      unsigned long                version = 0, contact_version = 0;
    };
    const Diagnostics &
    diagnostics() const;
    /// The state changed: the diagnostics are stale.
    void
    changed()
    {
      ++version;
    }
    unsigned long                        version = 1;
    mutable std::unique_ptr<Diagnostics> diagnostics_cache;
    std::function<unsigned long()>       contact_version;

    InterfaceContactFunction interface_contact;
    Control                  operation_control = Control::none;
    double                   operation_target  = 0;
    /// Solution transfer between prepare_ and finish_refinement().
    std::unique_ptr<dealii::parallel::distributed::
                        SolutionTransfer<dim, dealii::PETScWrappers::MPI::Vector>>
        transfer;
    /// Owned dofs that are concentrations (for the norms).
    std::vector<bool> concentration_dof;
  };
} // namespace MesoCell

#endif
