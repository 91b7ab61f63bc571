#ifndef MESOCELL_NUMERICS_LINEAR_SOLVER_H
#define MESOCELL_NUMERICS_LINEAR_SOLVER_H

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace dealii::PETScWrappers
{
  namespace MPI
  {
    class SparseMatrix;
    class Vector;
  } // namespace MPI
} // namespace dealii::PETScWrappers

namespace MesoCell
{
  /**
   * @brief Settings of the Krylov solver and its preconditioner for scalar
   * elliptic problems (conduction): conjugate gradients preconditioned by
   * matrix-free geometric multigrid ("GMG", Chebyshev-Jacobi smoothing, an
   * algebraic multigrid coarse solve) or by PETSc/hypre BoomerAMG on an
   * assembled matrix ("AMG").
   */
  struct LinearSolverParameters
  {
    std::string  method             = "GMG";
    double       relative_tolerance = 1e-10;
    unsigned int max_iterations     = 1000;

    // GMG
    unsigned int smoother_degree = 4;

    // BoomerAMG
    double       amg_strong_threshold           = 0.5;
    unsigned int amg_aggressive_levels          = 1;
    std::string  amg_coarsen_type               = "HMIS";
    std::string  amg_interpolation_type         = "ext+i";
    unsigned int amg_max_interpolation_elements = 4;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm);
  };

  /**
   * @brief Settings of the linear solver of one physics' Newton systems,
   * declared inside that physics' own parameter subsection: MUMPS LU
   * ("direct"), a Krylov method with BoomerAMG ("iterative"), or direct up
   * to a size ("automatic").
   */
  struct LinearSystemParameters
  {
    std::string  method         = "automatic"; ///< automatic|direct|iterative
    unsigned int direct_limit   = 20000;       ///< DoFs
    double       tolerance      = 1e-11;       ///< relative residual [-]
    unsigned int max_iterations = 1000;
    std::string  krylov         = "gmres"; ///< gmres (nonsymmetric) or cg
    /// Iterative: "AMG" (BoomerAMG on the whole matrix) or "field split"
    /// (multiplicative block Gauss-Seidel over the fields the physics names,
    /// BoomerAMG on each block).
    std::string preconditioner = "field split";
    /// Iterative: keep the preconditioner across matrix updates (Newton
    /// iterations, time steps) until a solve needs more than
    /// rebuild_factor times the iterations after its last set-up.
    bool   reuse_preconditioner = false;
    double rebuild_factor       = 2.0;
    /// BoomerAMG strong threshold (0.25 suits 2D, 0.5 3D).
    double amg_strong_threshold = 0.5;

    /// The entries 'Linear method', 'Direct solver limit', 'Linear
    /// tolerance', 'Linear maximum iterations' in the current subsection,
    /// with the defaults of @p defaults; @p system names the system in the
    /// help texts.
    static void
    declare_entries(dealii::ParameterHandler     &prm,
                    const LinearSystemParameters &defaults,
                    const std::string            &system);
    void
    parse_entries(dealii::ParameterHandler &prm);
  };

  /**
   * @brief One PETSc KSP for the systems of one physics: MUMPS LU, or
   * GMRES/CG with hypre BoomerAMG, kept across solves. update() takes a new
   * matrix (factorization or preconditioner set-up); solve() may then be
   * called for several right-hand sides.
   */
  class PetscLinearSolver
  {
  public:
    PetscLinearSolver(const LinearSystemParameters &parameters, MPI_Comm comm);
    ~PetscLinearSolver();
    PetscLinearSolver(const PetscLinearSolver &) = delete;
    PetscLinearSolver &
    operator=(const PetscLinearSolver &) = delete;

    /// Factorize (or set up the preconditioner for) @p A; false on failure.
    /// The first call chooses direct or iterative from the size of @p A.
    bool
    update(const dealii::PETScWrappers::MPI::SparseMatrix &A);
    /// Solve A x = b with the matrix of the last update(); false if the
    /// solver did not converge. With @p initial_guess the Krylov method
    /// starts from the given x (the relative tolerance stays relative to
    /// |b|), otherwise from zero.
    bool
    solve(const dealii::PETScWrappers::MPI::Vector &b,
          dealii::PETScWrappers::MPI::Vector       &x,
          const bool                                initial_guess = false);
    /// Iterative, field split: the locally owned global indices of each
    /// named field (set before the first update(); ignored otherwise).
    void
    set_fields(const std::vector<std::pair<std::string, std::vector<long long>>> &fields);
    /// The relative tolerance of the next solves (inexact Newton); the
    /// parameters' 'Linear tolerance' until called.
    void
    set_relative_tolerance(const double rtol);
    /// Preconditioner set-ups (factorizations) so far.
    unsigned int
    setups() const
    {
      return n_setups;
    }
    /// Krylov iterations since the last update() (a direct solve counts one).
    unsigned int
    iterations() const
    {
      return n_iterations;
    }
    bool
    direct() const
    {
      return is_direct;
    }

  private:
    struct Implementation;
    LinearSystemParameters          parameters;
    MPI_Comm                        comm;
    std::unique_ptr<Implementation> impl;
    bool                            is_direct    = true;
    unsigned int                    n_iterations = 0;
    unsigned int                    n_setups     = 0;
    /// Iterations of the solves with a fresh preconditioner (the baseline
    /// of the rebuild test), whether the current one is reused, and whether
    /// the next update() must build a new one.
    unsigned int                                                baseline_iterations = 0;
    bool                                                        reused  = false;
    bool                                                        rebuild = true;
    std::vector<std::pair<std::string, std::vector<long long>>> fields;

    void
    create(const dealii::PETScWrappers::MPI::SparseMatrix &A);
    bool
    set_up();
  };
} // namespace MesoCell

#endif
