// Private to the library: the two linear-solver back ends of ConductionSolver.
#ifndef MESOCELL_SOURCE_PHYSICS_CONDUCTION_BACKEND_H
#define MESOCELL_SOURCE_PHYSICS_CONDUCTION_BACKEND_H

#include <mesocell/physics/conduction.h>

namespace MesoCell
{
  /**
   * @brief One way to solve the conduction problem on a fixed DoFHandler. A
   * back end may keep its set-up (matrix-free data, sparsity) between solves
   * with the same Dirichlet boundaries.
   */
  template <int dim>
  class ConductionBackend
  {
  public:
    using VectorType   = typename ConductionSolver<dim>::VectorType;
    using DirichletMap = typename ConductionSolver<dim>::DirichletMap;

    virtual ~ConductionBackend() = default;

    /// Solve; @p u is owned by the back end's partition on exit (no ghosts).
    virtual void
    solve(const ConductivityMap       &sigma,
          const DirichletMap          &dirichlet,
          const dealii::Function<dim> *rhs,
          VectorType                  &u,
          ConductionStatistics        &stats) = 0;
  };

  template <int dim>
  std::unique_ptr<ConductionBackend<dim>>
  make_amg_backend(const dealii::DoFHandler<dim> &dofs,
                   const dealii::Mapping<dim>    &mapping,
                   const LinearSolverParameters  &parameters,
                   dealii::TimerOutput           &timer);

  template <int dim>
  std::unique_ptr<ConductionBackend<dim>>
  make_gmg_backend(const dealii::DoFHandler<dim> &dofs,
                   const dealii::Mapping<dim>    &mapping,
                   const LinearSolverParameters  &parameters,
                   dealii::TimerOutput           &timer);
} // namespace MesoCell

#endif
