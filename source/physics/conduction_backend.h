// Private to the library: the two linear-solver back ends of ConductionSolver.
#ifndef MESOCELL_SOURCE_PHYSICS_CONDUCTION_BACKEND_H
#define MESOCELL_SOURCE_PHYSICS_CONDUCTION_BACKEND_H

#include <deal.II/base/timer.h>

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

    ConductionBackend(const dealii::DoFHandler<dim> &dofs,
                      const dealii::Mapping<dim>    &mapping,
                      const LinearSolverParameters  &parameters,
                      dealii::TimerOutput           &timer)
      : dofs(dofs)
      , mapping(mapping)
      , parameters(parameters)
      , timer(timer)
    {
    }

    virtual ~ConductionBackend() = default;

    /// Solve; @p u is owned by the back end's partition on exit (no ghosts).
    virtual void
    solve(const ConductivityMap       &sigma,
          const DirichletMap          &dirichlet,
          const dealii::Function<dim> *rhs,
          VectorType                  &u,
          ConductionStatistics        &stats) = 0;

  protected:
    const dealii::DoFHandler<dim> &dofs;
    const dealii::Mapping<dim>    &mapping;
    const LinearSolverParameters  &parameters;
    dealii::TimerOutput           &timer;
  };

  /**
   * @brief A TimerOutput section that also adds its wall time to one entry
   * of ConductionStatistics.
   */
  class PhaseTimer
  {
  public:
    PhaseTimer(dealii::TimerOutput &out, const std::string &section, double &accumulator)
      : scope(out, section)
      , accumulator(accumulator)
    {
    }
    ~PhaseTimer()
    {
      accumulator += timer.wall_time();
    }

  private:
    dealii::TimerOutput::Scope scope;
    dealii::Timer              timer;
    double                    &accumulator;
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
