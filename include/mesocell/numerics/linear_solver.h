#ifndef MESOCELL_NUMERICS_LINEAR_SOLVER_H
#define MESOCELL_NUMERICS_LINEAR_SOLVER_H

#include <deal.II/base/parameter_handler.h>

#include <string>

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
} // namespace MesoCell

#endif
