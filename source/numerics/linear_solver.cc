#include <mesocell/numerics/linear_solver.h>

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
} // namespace MesoCell
