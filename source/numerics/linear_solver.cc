#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <mesocell/numerics/linear_solver.h>

#include <petscksp.h>

namespace MesoCell
{
  using namespace dealii;

  void
  LinearSolverParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Linear solver");
    prm.declare_entry(
        "Method",
        "GMG",
        Patterns::Selection("GMG|AMG"),
        "Preconditioner of the conjugate-gradient solver. GMG: matrix-free "
        "geometric multigrid on the mesh hierarchy (fastest, needs the mesh "
        "hierarchy of global refinement); AMG: hypre BoomerAMG on the assembled "
        "PETSc matrix.");
    prm.declare_entry("Relative tolerance",
                      "1e-10",
                      Patterns::Double(1e-16, 1e-1),
                      "CG stops when the residual norm has dropped by this "
                      "factor relative to the right-hand side [-].");
    prm.declare_entry("Maximum iterations",
                      "1000",
                      Patterns::Integer(1),
                      "CG iterations before the solve is declared failed [-].");
    prm.declare_entry("Smoother degree",
                      "4",
                      Patterns::Integer(1, 20),
                      "GMG: degree of the Chebyshev-Jacobi smoother (number of "
                      "operator applications per smoothing step) [-].");
    prm.declare_entry("AMG strong threshold",
                      "0.5",
                      Patterns::Double(0.0, 1.0),
                      "AMG: BoomerAMG strong-connection threshold [-]; 0.25 "
                      "suits 2D, 0.5 to 0.6 suits 3D.");
    prm.declare_entry("AMG aggressive coarsening levels",
                      "1",
                      Patterns::Integer(0, 10),
                      "AMG: number of levels with aggressive coarsening [-].");
    prm.declare_entry("AMG coarsen type",
                      "HMIS",
                      Patterns::Selection("HMIS|PMIS|Falgout|CLJP"),
                      "AMG: BoomerAMG coarsening algorithm.");
    prm.declare_entry("AMG interpolation type",
                      "ext+i",
                      Patterns::Selection("ext+i|classical|direct|standard"),
                      "AMG: BoomerAMG interpolation operator.");
    prm.declare_entry("AMG max interpolation elements",
                      "4",
                      Patterns::Integer(0, 20),
                      "AMG: maximum number of elements per row of the "
                      "interpolation (P_max) [-]; 0 means unlimited.");
    prm.leave_subsection();
  }

  void
  LinearSolverParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Linear solver");
    method                         = prm.get("Method");
    relative_tolerance             = prm.get_double("Relative tolerance");
    max_iterations                 = prm.get_integer("Maximum iterations");
    smoother_degree                = prm.get_integer("Smoother degree");
    amg_strong_threshold           = prm.get_double("AMG strong threshold");
    amg_aggressive_levels          = prm.get_integer("AMG aggressive coarsening levels");
    amg_coarsen_type               = prm.get("AMG coarsen type");
    amg_interpolation_type         = prm.get("AMG interpolation type");
    amg_max_interpolation_elements = prm.get_integer("AMG max interpolation elements");
    prm.leave_subsection();
  }

  void
  LinearSystemParameters::declare_entries(ParameterHandler             &prm,
                                          const LinearSystemParameters &d,
                                          const std::string            &system)
  {
    prm.declare_entry("Linear method",
                      d.method,
                      Patterns::Selection("automatic|direct|iterative"),
                      "Linear solver of the " + system +
                          ": 'direct' (MUMPS LU), 'iterative' (" +
                          (d.krylov == "cg" ? "CG" : "GMRES") +
                          " with BoomerAMG) or 'automatic' (direct up to 'Direct "
                          "solver limit' DoFs).");
    prm.declare_entry("Direct solver limit",
                      std::to_string(d.direct_limit),
                      Patterns::Integer(1),
                      "Largest system solved directly with 'automatic' [DoFs].");
    prm.declare_entry("Linear tolerance",
                      Patterns::Tools::to_string(d.tolerance),
                      Patterns::Double(1e-16, 1),
                      "Relative residual of the iterative linear solver [-].");
    prm.declare_entry("Linear maximum iterations",
                      std::to_string(d.max_iterations),
                      Patterns::Integer(1),
                      "Iterations of the iterative linear solver [-].");
  }

  void
  LinearSystemParameters::parse_entries(ParameterHandler &prm)
  {
    method         = prm.get("Linear method");
    direct_limit   = prm.get_integer("Direct solver limit");
    tolerance      = prm.get_double("Linear tolerance");
    max_iterations = prm.get_integer("Linear maximum iterations");
  }

  struct PetscLinearSolver::Implementation
  {
    KSP ksp = nullptr;
    ~Implementation()
    {
      if (ksp)
        KSPDestroy(&ksp);
    }
  };

  PetscLinearSolver::PetscLinearSolver(const LinearSystemParameters &parameters,
                                       const MPI_Comm                comm)
    : parameters(parameters)
    , comm(comm)
  {
  }

  PetscLinearSolver::~PetscLinearSolver() = default;

  bool
  PetscLinearSolver::update(const PETScWrappers::MPI::SparseMatrix &A)
  {
    n_iterations = 0;
    if (!impl)
      {
        impl      = std::make_unique<Implementation>();
        is_direct = parameters.method == "direct" || (parameters.method == "automatic" &&
                                                      A.m() <= parameters.direct_limit);
        AssertThrow(KSPCreate(comm, &impl->ksp) == 0, ExcMessage("KSPCreate failed"));
        KSPSetOperators(impl->ksp, A, A);
        PC pc;
        KSPGetPC(impl->ksp, &pc);
        if (is_direct)
          {
            KSPSetType(impl->ksp, KSPPREONLY);
            PCSetType(pc, PCLU);
            PCFactorSetMatSolverType(pc, MATSOLVERMUMPS);
          }
        else
          {
            if (parameters.krylov == "cg")
              KSPSetType(impl->ksp, KSPCG);
            else
              {
                KSPSetType(impl->ksp, KSPGMRES);
                KSPGMRESSetRestart(impl->ksp, 200);
              }
            PCSetType(pc, PCHYPRE);
            PCHYPRESetType(pc, "boomeramg");
            KSPSetTolerances(
                impl->ksp, parameters.tolerance, 1e-300, 1e50, parameters.max_iterations);
            KSPSetNormType(impl->ksp, KSP_NORM_UNPRECONDITIONED);
          }
      }
    KSPSetOperators(impl->ksp, A, A);
    return KSPSetUp(impl->ksp) == 0;
  }

  bool
  PetscLinearSolver::solve(const PETScWrappers::MPI::Vector &b,
                           PETScWrappers::MPI::Vector       &x)
  {
    Assert(impl, ExcMessage("PetscLinearSolver::solve() before update()"));
    x = 0;
    if (KSPSolve(impl->ksp, b, x) != 0)
      return false;
    KSPConvergedReason reason;
    KSPGetConvergedReason(impl->ksp, &reason);
    PetscInt its;
    KSPGetIterationNumber(impl->ksp, &its);
    n_iterations += is_direct ? 1 : its;
    return reason > 0;
  }
} // namespace MesoCell
