#ifndef MESOCELL_PHYSICS_CONDUCTION_H
#define MESOCELL_PHYSICS_CONDUCTION_H

#include <deal.II/base/function.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/types.h>

#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/distributed/tria.h>

#include <deal.II/dofs/dof_handler.h>

#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/mapping_q1.h>

#include <deal.II/lac/la_parallel_vector.h>
#include <deal.II/lac/vector.h>

#include <mesocell/numerics/linear_solver.h>
#include <mesocell/physics/interface.h>

#include <map>
#include <memory>
#include <set>

namespace MesoCell
{
  template <int dim>
  class ConductionBackend;

  /// Conductivity [S/m] of every phase, keyed by deal.II material id.
  using ConductivityMap = std::map<dealii::types::material_id, double>;

  /// Conductivity of a material id; throws InputError if it has none.
  double
  conductivity_of(const ConductivityMap &sigma, const dealii::types::material_id id);

  /// Wall-clock seconds and counts of one conduction solve.
  struct ConductionStatistics
  {
    dealii::types::global_dof_index n_dofs              = 0;
    unsigned int                    n_iterations        = 0;
    double                          final_residual      = 0;
    double                          time_setup          = 0;
    double                          time_assembly       = 0;
    double                          time_preconditioner = 0;
    double                          time_solve          = 0;

    double
    total_time() const
    {
      return time_setup + time_assembly + time_preconditioner + time_solve;
    }
  };

  /**
   * @brief Steady conduction -div(sigma grad u) = f with a piecewise constant
   * conductivity per phase, Dirichlet values on chosen boundaries and
   * insulation elsewhere, continuous Lagrange elements of a given degree,
   * solved by CG with matrix-free geometric multigrid or BoomerAMG.
   *
   * The same solver serves the effective-conductivity job and the
   * convergence tests. As a PhysicsModule it solves the problem of
   * set_problem() in solve_step() (steady: the time is ignored), carries its
   * potential through refinement and checkpoints and writes it as the
   * stream "conduction".
   */
  template <int dim>
  class ConductionSolver : public PhysicsModule<dim>
  {
  public:
    using VectorType = dealii::LinearAlgebra::distributed::Vector<double>;
    using DirichletMap =
        std::map<dealii::types::boundary_id, const dealii::Function<dim> *>;

    ConductionSolver(const dealii::parallel::distributed::Triangulation<dim> &tria,
                     const unsigned int                                       degree,
                     const LinearSolverParameters &solver_parameters,
                     dealii::TimerOutput          &timer);
    ~ConductionSolver();

    /**
     * Solve with conductivity @p sigma (every material id of the mesh must be
     * present), Dirichlet data @p dirichlet and source @p rhs (may be null).
     * Throws SolverError if CG does not converge.
     */
    ConductionStatistics
    solve(const ConductivityMap       &sigma,
          const DirichletMap          &dirichlet,
          const dealii::Function<dim> *rhs = nullptr);

    /// The problem solve_step() solves (@p dirichlet and @p rhs are kept by
    /// pointer).
    void
    set_problem(const ConductivityMap       &sigma,
                const DirichletMap          &dirichlet,
                const dealii::Function<dim> *rhs = nullptr);

    std::string
    name() const override
    {
      return "conduction";
    }
    /// DoFs (and multigrid levels) and the solver back end on the current
    /// mesh; solve() calls it on first use.
    void
    setup() override;
    /// solve() of the problem of set_problem(); a CG failure is a failed step.
    StepResult
    solve_step(const TimeState &) override;
    /// Steady: nothing to accept or undo.
    void
    accept_step() override
    {
    }
    void
    reject_step() override
    {
    }
    void
    prepare_for_refinement() override;
    /// New DoFs and back end; the potential interpolated to the new mesh.
    void
    finish_refinement() override;
    std::vector<std::pair<std::string, std::string>>
    write_output(const std::string &directory,
                 const unsigned int index,
                 const double       time) const override;
    void
    save(Checkpoint &checkpoint) const override;
    void
    load(const Checkpoint &checkpoint) override;

    /// The last solution with ghost values on locally relevant DoFs.
    const VectorType &
    solution() const;

    const dealii::DoFHandler<dim> &
    dof_handler() const;

    const dealii::Mapping<dim> &
    mapping() const;

    /**
     * The dissipated power, the integral of sigma |grad u|^2 over the domain
     * (or over the cells of @p only_phase) [W], and the current out of a
     * boundary, the integral of -sigma grad u . n over its faces [A].
     */
    double
    dissipation(const ConductivityMap           &sigma,
                const dealii::types::material_id only_phase =
                    dealii::numbers::invalid_material_id) const;
    double
    boundary_current(const ConductivityMap           &sigma,
                     const dealii::types::boundary_id boundary) const;

  private:
    const dealii::parallel::distributed::Triangulation<dim> &tria;
    const dealii::FE_Q<dim>                                  fe;
    const dealii::MappingQ1<dim>                             mapping_q1;
    dealii::DoFHandler<dim>                                  dofs;
    const LinearSolverParameters                             parameters;
    dealii::TimerOutput                                     &timer;
    VectorType                                               u;
    std::unique_ptr<ConductionBackend<dim>>                  backend;
    /// The problem of solve_step().
    ConductivityMap              problem_sigma;
    DirichletMap                 problem_dirichlet;
    const dealii::Function<dim> *problem_rhs = nullptr;
    /// The potential between prepare_ and finish_refinement().
    std::unique_ptr<dealii::parallel::distributed::SolutionTransfer<dim, VectorType>>
        transfer;
  };

  /**
   * Error indicators eta_K^2 [W] of the last solution of @p solver, one per
   * active cell (0 on cells not locally owned), for the source-free problem
   * with conductivity @p sigma, Dirichlet data on the boundaries @p dirichlet
   * and insulation elsewhere: the residual estimator of the energy norm
   * that is robust for piecewise constant conductivities,
   *
   *   eta_K^2 = h_K^2 / sigma_K ||sigma_K lap u_h||_K^2
   *           + sum over the faces F of K of  w_F h_F / sigma_F ||J_F||_F^2,
   *
   * with J_F = [sigma grad u_h . n] the jump of the normal current across an
   * interior face (sigma jumps between phases, so the current, not the
   * gradient, is the continuous quantity), sigma_F the larger conductivity
   * of the two sides and w_F = 1/2 (each side takes half), and on an
   * insulating face J_F = sigma_K grad u_h . n, w_F = 1. Hanging faces are
   * integrated on the finer side's faces. The sum over all cells estimates
   * ||sigma^(1/2) grad(u - u_h)||^2, which is exactly the error P_h - P of
   * the dissipated power P that the effective conductivity is computed
   * from, so marking by eta_K^2 is goal-oriented for sigma_eff.
   */
  template <int dim>
  dealii::Vector<double>
  flux_jump_indicators(const ConductionSolver<dim>                &solver,
                       const ConductivityMap                      &sigma,
                       const std::set<dealii::types::boundary_id> &dirichlet);
} // namespace MesoCell

#endif
