#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <mesocell/numerics/linear_solver.h>

#include <petscksp.h>

#include <optional>

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
    prm.declare_entry("Preconditioner",
                      d.preconditioner,
                      Patterns::Selection("AMG|field split"),
                      "Preconditioner of the iterative linear solver: 'AMG' "
                      "(BoomerAMG on the whole matrix: HMIS coarsening, ext+i "
                      "interpolation, P_max 4) or 'field split' (block "
                      "Gauss-Seidel over the physics' fields, BoomerAMG on each).");
    prm.declare_entry("Reuse preconditioner",
                      d.reuse_preconditioner ? "true" : "false",
                      Patterns::Bool(),
                      "Iterative: keep the preconditioner across Newton iterations "
                      "and time steps, and build a new one when a solve needs "
                      "more than 'Preconditioner rebuild factor' times the "
                      "iterations after the last set-up (or fails).");
    prm.declare_entry("Preconditioner rebuild factor",
                      Patterns::Tools::to_string(d.rebuild_factor),
                      Patterns::Double(1),
                      "Iteration growth that triggers a new preconditioner [-].");
    prm.declare_entry("AMG strong threshold",
                      Patterns::Tools::to_string(d.amg_strong_threshold),
                      Patterns::Double(0, 1),
                      "BoomerAMG strong-connection threshold [-]; 0.25 suits 2D, "
                      "0.5 to 0.6 3D.");
  }

  void
  LinearSystemParameters::parse_entries(ParameterHandler &prm)
  {
    method               = prm.get("Linear method");
    direct_limit         = prm.get_integer("Direct solver limit");
    tolerance            = prm.get_double("Linear tolerance");
    max_iterations       = prm.get_integer("Linear maximum iterations");
    preconditioner       = prm.get("Preconditioner");
    reuse_preconditioner = prm.get_bool("Reuse preconditioner");
    rebuild_factor       = prm.get_double("Preconditioner rebuild factor");
    amg_strong_threshold = prm.get_double("AMG strong threshold");
  }

  struct PetscLinearSolver::Implementation
  {
    KSP         ksp = nullptr;
    std::string prefix; ///< options prefix of this solver, unique
    ~Implementation()
    {
      if (ksp)
        KSPDestroy(&ksp);
    }
    /// Set -<prefix><key> <value> in PETSc's options database.
    void
    option(const std::string &key, const std::string &value) const
    {
      PetscOptionsSetValue(nullptr, ("-" + prefix + key).c_str(), value.c_str());
    }
    /// BoomerAMG for 3D-friendly coarsening (measured in TOOLCHAIN.md: HMIS,
    /// ext+i, P_max 4 halve set-up and solve time against the defaults).
    void
    boomeramg(const std::string &sub, const double strong_threshold) const
    {
      option(sub + "pc_type", "hypre");
      option(sub + "pc_hypre_type", "boomeramg");
      option(sub + "pc_hypre_boomeramg_strong_threshold",
             std::to_string(strong_threshold));
      option(sub + "pc_hypre_boomeramg_coarsen_type", "HMIS");
      option(sub + "pc_hypre_boomeramg_interp_type", "ext+i");
      option(sub + "pc_hypre_boomeramg_P_max", "4");
      // Hybrid Gauss-Seidel forward on the way down and backward on the way
      // up (a symmetric V-cycle, so CG keeps working) instead of symmetric
      // sweeps both ways: the same Krylov count at half the smoothing work
      // (1M-DoF composite: 8.7 instead of 10.8 s per Newton iteration).
      option(sub + "pc_hypre_boomeramg_relax_type_down", "SOR/Jacobi");
      option(sub + "pc_hypre_boomeramg_relax_type_up", "backward-SOR/Jacobi");
    }
  };

  PetscLinearSolver::PetscLinearSolver(const LinearSystemParameters &parameters,
                                       const MPI_Comm                comm)
    : parameters(parameters)
    , comm(comm)
  {
  }

  PetscLinearSolver::~PetscLinearSolver() = default;

  void
  PetscLinearSolver::set_fields(
      const std::vector<std::pair<std::string, std::vector<long long>>> &f)
  {
    fields = f;
  }

  void
  PetscLinearSolver::set_relative_tolerance(const double rtol)
  {
    if (impl && !is_direct)
      KSPSetTolerances(impl->ksp, rtol, 1e-300, 1e50, parameters.max_iterations);
  }

  void
  PetscLinearSolver::create(const PETScWrappers::MPI::SparseMatrix &A)
  {
    static unsigned int count = 0;
    impl                      = std::make_unique<Implementation>();
    impl->prefix              = "mesocell" + std::to_string(count++) + "_";
    is_direct                 = parameters.method == "direct" ||
                (parameters.method == "automatic" && A.m() <= parameters.direct_limit);
    AssertThrow(KSPCreate(comm, &impl->ksp) == 0, ExcMessage("KSPCreate failed"));
    KSPSetOptionsPrefix(impl->ksp, impl->prefix.c_str());
    KSPSetOperators(impl->ksp, A, A);
    PC pc;
    KSPGetPC(impl->ksp, &pc);
    if (is_direct)
      {
        KSPSetType(impl->ksp, KSPPREONLY);
        PCSetType(pc, PCLU);
        PCFactorSetMatSolverType(pc, MATSOLVERMUMPS);
        return;
      }
    if (parameters.krylov == "cg")
      KSPSetType(impl->ksp, KSPCG);
    else
      {
        KSPSetType(impl->ksp, KSPGMRES);
        KSPGMRESSetRestart(impl->ksp, 200);
      }
    KSPSetTolerances(
        impl->ksp, parameters.tolerance, 1e-300, 1e50, parameters.max_iterations);
    KSPSetNormType(impl->ksp, KSP_NORM_UNPRECONDITIONED);
    if (parameters.preconditioner == "field split" && fields.size() > 1)
      {
        PCSetType(pc, PCFIELDSPLIT);
        for (const auto &[name, indices] : fields)
          {
            std::vector<PetscInt> idx(indices.begin(), indices.end());
            IS                    is;
            ISCreateGeneral(comm, idx.size(), idx.data(), PETSC_COPY_VALUES, &is);
            PCFieldSplitSetIS(pc, name.c_str(), is);
            ISDestroy(&is);
            impl->option("fieldsplit_" + name + "_ksp_type", "preonly");
            impl->boomeramg("fieldsplit_" + name + "_", parameters.amg_strong_threshold);
          }
        PCFieldSplitSetType(pc, PC_COMPOSITE_MULTIPLICATIVE);
      }
    else
      impl->boomeramg("", parameters.amg_strong_threshold);
    KSPSetFromOptions(impl->ksp);
  }

  bool
  PetscLinearSolver::set_up()
  {
    KSPSetReusePreconditioner(impl->ksp, PETSC_FALSE);
    ++n_setups;
    reused              = false;
    rebuild             = false;
    baseline_iterations = 0;
    return KSPSetUp(impl->ksp) == 0;
  }

  bool
  PetscLinearSolver::update(const PETScWrappers::MPI::SparseMatrix &A)
  {
    n_iterations = 0;
    if (!impl)
      create(A);
    KSPSetOperators(impl->ksp, A, A);
    if (!is_direct && parameters.reuse_preconditioner && !rebuild)
      {
        // the new matrix with the old preconditioner
        KSPSetReusePreconditioner(impl->ksp, PETSC_TRUE);
        reused = true;
        return true;
      }
    return set_up();
  }

  bool
  PetscLinearSolver::solve(const PETScWrappers::MPI::Vector &b,
                           PETScWrappers::MPI::Vector       &x,
                           const bool                        initial_guess)
  {
    Assert(impl, ExcMessage("PetscLinearSolver::solve() before update()"));
    const bool warm = initial_guess && !is_direct;
    KSPSetInitialGuessNonzero(impl->ksp, warm ? PETSC_TRUE : PETSC_FALSE);
    std::optional<PETScWrappers::MPI::Vector> guess; // for a second attempt
    if (warm)
      guess.emplace(x);
    const auto attempt = [&]() {
      if (warm)
        x = *guess;
      else
        x = 0;
      if (KSPSolve(impl->ksp, b, x) != 0)
        return false;
      KSPConvergedReason reason;
      KSPGetConvergedReason(impl->ksp, &reason);
      PetscInt its;
      KSPGetIterationNumber(impl->ksp, &its);
      n_iterations += is_direct ? 1 : its;
      if (!is_direct && !reused)
        baseline_iterations = std::max<unsigned int>(baseline_iterations, its);
      if (!is_direct && reused &&
          its > parameters.rebuild_factor * std::max(baseline_iterations, 5u))
        rebuild = true; // for the next update()
      return reason > 0;
    };
    if (attempt())
      return true;
    // A stale preconditioner may be why: build a fresh one and try again.
    if (is_direct || !reused || !set_up())
      return false;
    return attempt();
  }
} // namespace MesoCell
