#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>

#include <deal.II/dofs/dof_tools.h>

#include <deal.II/fe/fe_values.h>

#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/petsc_precondition.h>
#include <deal.II/lac/petsc_solver.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/sparsity_tools.h>

#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/vector_tools.h>

#include <mesocell/core/errors.h>

#include "conduction_backend.h"

#include <petscsys.h>

namespace MesoCell
{
  using namespace dealii;

  double
  conductivity_of(const ConductivityMap &sigma, const types::material_id id)
  {
    const auto it = sigma.find(id);
    if (it == sigma.end())
      throw InputError("no conductivity given for the phase with material id " +
                       std::to_string(id));
    return it->second;
  }

  namespace
  {
    /**
     * @brief Assembled PETSc matrix preconditioned by hypre BoomerAMG with
     * the coarsening and interpolation options of LinearSolverParameters.
     */
    template <int dim>
    class AMGBackend : public ConductionBackend<dim>
    {
    public:
      using typename ConductionBackend<dim>::VectorType;
      using typename ConductionBackend<dim>::DirichletMap;

      using ConductionBackend<dim>::ConductionBackend;

      void
      solve(const ConductivityMap &sigma,
            const DirichletMap    &dirichlet,
            const Function<dim>   *rhs,
            VectorType            &u,
            ConductionStatistics  &stats) override
      {
        AffineConstraints<double>        constraints;
        PETScWrappers::MPI::SparseMatrix A;
        PETScWrappers::MPI::Vector       b, x;
        {
          PhaseTimer t(this->timer, "setup", stats.time_setup);
          setup_system(dirichlet, constraints, A, b, x);
        }
        {
          PhaseTimer t(this->timer, "assembly", stats.time_assembly);
          assemble_system(sigma, rhs, constraints, A, b);
        }
        PETScWrappers::PreconditionBoomerAMG amg;
        {
          PhaseTimer t(this->timer, "preconditioner", stats.time_preconditioner);
          setup_amg(A, amg);
        }
        {
          PhaseTimer t(this->timer, "solve", stats.time_solve);
          solve_cg(A, b, amg, x, stats);
          constraints.distribute(x);
          const IndexSet owned = this->dofs.locally_owned_dofs();
          u.reinit(owned, this->dofs.get_communicator());
          for (const auto i : owned)
            u(i) = x(i);
        }
      }

    private:
      /// Hanging-node and Dirichlet constraints, matrix and vectors.
      void
      setup_system(const DirichletMap               &dirichlet,
                   AffineConstraints<double>        &constraints,
                   PETScWrappers::MPI::SparseMatrix &A,
                   PETScWrappers::MPI::Vector       &b,
                   PETScWrappers::MPI::Vector       &x) const
      {
        const MPI_Comm comm  = this->dofs.get_communicator();
        const IndexSet owned = this->dofs.locally_owned_dofs();
        IndexSet       relevant;
        DoFTools::extract_locally_relevant_dofs(this->dofs, relevant);
        constraints.reinit(relevant);
        DoFTools::make_hanging_node_constraints(this->dofs, constraints);
        for (const auto &[id, g] : dirichlet)
          VectorTools::interpolate_boundary_values(
              this->mapping, this->dofs, id, *g, constraints);
        constraints.close();
        DynamicSparsityPattern dsp(relevant);
        DoFTools::make_sparsity_pattern(this->dofs, dsp, constraints, false);
        SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
        A.reinit(owned, owned, dsp, comm);
        b.reinit(owned, comm);
        x.reinit(owned, comm);
      }

      /// (sigma grad u, grad v) = (f, v), Dirichlet data eliminated.
      void
      assemble_system(const ConductivityMap            &sigma,
                      const Function<dim>              *rhs,
                      const AffineConstraints<double>  &constraints,
                      PETScWrappers::MPI::SparseMatrix &A,
                      PETScWrappers::MPI::Vector       &b) const
      {
        const QGauss<dim>                    quadrature(this->dofs.get_fe().degree + 1);
        FEValues<dim>                        fe_values(this->mapping,
                                this->dofs.get_fe(),
                                quadrature,
                                update_gradients | update_values | update_JxW_values |
                                    update_quadrature_points);
        const unsigned int                   n = this->dofs.get_fe().n_dofs_per_cell();
        FullMatrix<double>                   cell_matrix(n, n);
        Vector<double>                       cell_rhs(n);
        std::vector<types::global_dof_index> indices(n);
        std::vector<double>                  f(quadrature.size(), 0.0);
        for (const auto &cell : this->dofs.active_cell_iterators())
          if (cell->is_locally_owned())
            {
              fe_values.reinit(cell);
              const double s = conductivity_of(sigma, cell->material_id());
              if (rhs != nullptr)
                rhs->value_list(fe_values.get_quadrature_points(), f);
              cell_matrix = 0;
              cell_rhs    = 0;
              for (unsigned int q = 0; q < quadrature.size(); ++q)
                for (unsigned int i = 0; i < n; ++i)
                  {
                    for (unsigned int j = 0; j < n; ++j)
                      cell_matrix(i, j) += s * fe_values.shape_grad(i, q) *
                                           fe_values.shape_grad(j, q) * fe_values.JxW(q);
                    cell_rhs(i) += f[q] * fe_values.shape_value(i, q) * fe_values.JxW(q);
                  }
              cell->get_dof_indices(indices);
              constraints.distribute_local_to_global(
                  cell_matrix, cell_rhs, indices, A, b);
            }
        A.compress(VectorOperation::add);
        b.compress(VectorOperation::add);
      }

      void
      setup_amg(const PETScWrappers::MPI::SparseMatrix &A,
                PETScWrappers::PreconditionBoomerAMG   &amg) const
      {
        PetscOptionsSetValue(nullptr,
                             "-pc_hypre_boomeramg_coarsen_type",
                             this->parameters.amg_coarsen_type.c_str());
        PetscOptionsSetValue(nullptr,
                             "-pc_hypre_boomeramg_interp_type",
                             this->parameters.amg_interpolation_type.c_str());
        PetscOptionsSetValue(
            nullptr,
            "-pc_hypre_boomeramg_P_max",
            std::to_string(this->parameters.amg_max_interpolation_elements).c_str());
        PETScWrappers::PreconditionBoomerAMG::AdditionalData data;
        data.symmetric_operator               = true;
        data.strong_threshold                 = this->parameters.amg_strong_threshold;
        data.aggressive_coarsening_num_levels = this->parameters.amg_aggressive_levels;
        amg.initialize(A, data);
      }

      void
      solve_cg(const PETScWrappers::MPI::SparseMatrix     &A,
               const PETScWrappers::MPI::Vector           &b,
               const PETScWrappers::PreconditionBoomerAMG &amg,
               PETScWrappers::MPI::Vector                 &x,
               ConductionStatistics                       &stats) const
      {
        SolverControl           control(this->parameters.max_iterations,
                              this->parameters.relative_tolerance * b.l2_norm());
        PETScWrappers::SolverCG cg(control, this->dofs.get_communicator());
        try
          {
            if (b.l2_norm() > 0)
              cg.solve(A, x, b, amg);
          }
        catch (const SolverControl::NoConvergence &e)
          {
            throw SolverError("conduction: CG with BoomerAMG did not converge in " +
                              std::to_string(e.last_step) + " iterations (residual " +
                              std::to_string(e.last_residual) +
                              "); raise 'Maximum iterations' in subsection "
                              "'Linear solver' or try Method = GMG");
          }
        stats.n_iterations   = control.last_step();
        stats.final_residual = control.last_value();
      }
    };
  } // namespace

  template <int dim>
  std::unique_ptr<ConductionBackend<dim>>
  make_amg_backend(const DoFHandler<dim>        &dofs,
                   const Mapping<dim>           &mapping,
                   const LinearSolverParameters &parameters,
                   TimerOutput                  &timer)
  {
    return std::make_unique<AMGBackend<dim>>(dofs, mapping, parameters, timer);
  }

  template std::unique_ptr<ConductionBackend<2>>
  make_amg_backend(const DoFHandler<2> &,
                   const Mapping<2> &,
                   const LinearSolverParameters &,
                   TimerOutput &);
  template std::unique_ptr<ConductionBackend<3>>
  make_amg_backend(const DoFHandler<3> &,
                   const Mapping<3> &,
                   const LinearSolverParameters &,
                   TimerOutput &);

  template <int dim>
  ConductionSolver<dim>::ConductionSolver(
      const parallel::distributed::Triangulation<dim> &tria,
      const unsigned int                               degree,
      const LinearSolverParameters                    &solver_parameters,
      TimerOutput                                     &timer)
    : tria(tria)
    , fe(degree)
    , dofs(tria)
    , parameters(solver_parameters)
    , timer(timer)
  {
  }

  template <int dim>
  ConductionSolver<dim>::~ConductionSolver() = default;

  template <int dim>
  ConductionStatistics
  ConductionSolver<dim>::solve(const ConductivityMap &sigma,
                               const DirichletMap    &dirichlet,
                               const Function<dim>   *rhs)
  {
    ConductionStatistics stats;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const double s = conductivity_of(sigma, cell->material_id());
          AssertThrow(s > 0, ExcMessage("conductivity must be positive"));
        }
    if (backend == nullptr)
      {
        PhaseTimer t(timer, "setup", stats.time_setup);
        setup();
      }
    stats.n_dofs = dofs.n_dofs();

    VectorType x;
    backend->solve(sigma, dirichlet, rhs, x, stats);

    IndexSet relevant;
    DoFTools::extract_locally_relevant_dofs(dofs, relevant);
    u.reinit(dofs.locally_owned_dofs(), relevant, dofs.get_communicator());
    u.copy_locally_owned_data_from(x);
    u.update_ghost_values();
    return stats;
  }

  template <int dim>
  void
  ConductionSolver<dim>::setup()
  {
    dofs.distribute_dofs(fe);
    if (parameters.method == "GMG")
      {
        if (!tria.is_multilevel_hierarchy_constructed())
          throw SolverError("GMG needs a triangulation with the multigrid "
                            "hierarchy");
        dofs.distribute_mg_dofs();
        backend = make_gmg_backend(dofs, mapping_q1, parameters, timer);
      }
    else
      backend = make_amg_backend(dofs, mapping_q1, parameters, timer);
  }

  template <int dim>
  void
  ConductionSolver<dim>::set_problem(const ConductivityMap &sigma,
                                     const DirichletMap    &dirichlet,
                                     const Function<dim>   *rhs)
  {
    problem_sigma     = sigma;
    problem_dirichlet = dirichlet;
    problem_rhs       = rhs;
  }

  template <int dim>
  StepResult
  ConductionSolver<dim>::solve_step(const TimeState &)
  {
    StepResult r;
    try
      {
        const ConductionStatistics s =
            solve(problem_sigma, problem_dirichlet, problem_rhs);
        r.converged         = true;
        r.linear_iterations = s.n_iterations;
      }
    catch (const SolverError &e)
      {
        r.failure = e.what();
      }
    return r;
  }

  template <int dim>
  void
  ConductionSolver<dim>::prepare_for_refinement()
  {
    transfer =
        std::make_unique<parallel::distributed::SolutionTransfer<dim, VectorType>>(dofs);
    transfer->prepare_for_coarsening_and_refinement(u);
  }

  template <int dim>
  void
  ConductionSolver<dim>::finish_refinement()
  {
    setup();
    u.reinit(dofs.locally_owned_dofs(),
             DoFTools::extract_locally_relevant_dofs(dofs),
             dofs.get_communicator());
    transfer->interpolate(u);
    transfer.reset();
    u.update_ghost_values();
  }

  template <int dim>
  std::vector<std::pair<std::string, std::string>>
  ConductionSolver<dim>::write_output(const std::string &directory,
                                      const unsigned int index,
                                      const double) const
  {
    DataOut<dim> out;
    out.attach_dof_handler(dofs);
    out.add_data_vector(u, "potential");
    out.build_patches(mapping_q1, fe.degree);
    return {{name(),
             out.write_vtu_with_pvtu_record(
                 directory, "conduction", index, dofs.get_communicator(), 4)}};
  }

  template <int dim>
  void
  ConductionSolver<dim>::save(Checkpoint &checkpoint) const
  {
    auto out =
        std::make_shared<parallel::distributed::SolutionTransfer<dim, VectorType>>(dofs);
    out->prepare_for_serialization(u);
    checkpoint.keep_alive.push_back(out);
    checkpoint.set(name(), {double(dofs.n_dofs())});
  }

  template <int dim>
  void
  ConductionSolver<dim>::load(const Checkpoint &)
  {
    setup();
    parallel::distributed::SolutionTransfer<dim, VectorType> in(dofs);
    u.reinit(dofs.locally_owned_dofs(),
             DoFTools::extract_locally_relevant_dofs(dofs),
             dofs.get_communicator());
    in.deserialize(u);
    u.update_ghost_values();
  }

  template <int dim>
  const typename ConductionSolver<dim>::VectorType &
  ConductionSolver<dim>::solution() const
  {
    return u;
  }

  template <int dim>
  const DoFHandler<dim> &
  ConductionSolver<dim>::dof_handler() const
  {
    return dofs;
  }

  template <int dim>
  const Mapping<dim> &
  ConductionSolver<dim>::mapping() const
  {
    return mapping_q1;
  }

  template <int dim>
  double
  ConductionSolver<dim>::dissipation(const ConductivityMap   &sigma,
                                     const types::material_id only_phase) const
  {
    const QGauss<dim> quadrature(fe.degree + 1);
    FEValues<dim>     fe_values(
        mapping_q1, fe, quadrature, update_gradients | update_JxW_values);
    std::vector<Tensor<1, dim>> grad(quadrature.size());
    double                      local = 0;
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned() && (only_phase == numbers::invalid_material_id ||
                                       cell->material_id() == only_phase))
        {
          fe_values.reinit(cell);
          fe_values.get_function_gradients(u, grad);
          const double s = conductivity_of(sigma, cell->material_id());
          for (unsigned int q = 0; q < quadrature.size(); ++q)
            local += s * grad[q].norm_square() * fe_values.JxW(q);
        }
    return Utilities::MPI::sum(local, dofs.get_communicator());
  }

  template <int dim>
  double
  ConductionSolver<dim>::boundary_current(const ConductivityMap   &sigma,
                                          const types::boundary_id boundary) const
  {
    const QGauss<dim - 1>       quadrature(fe.degree + 1);
    FEFaceValues<dim>           fe_values(mapping_q1,
                                fe,
                                quadrature,
                                update_gradients | update_JxW_values |
                                    update_normal_vectors);
    std::vector<Tensor<1, dim>> grad(quadrature.size());
    double                      local = 0;
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned() && cell->at_boundary())
        for (const auto f : cell->face_indices())
          if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == boundary)
            {
              fe_values.reinit(cell, f);
              fe_values.get_function_gradients(u, grad);
              const double s = conductivity_of(sigma, cell->material_id());
              for (unsigned int q = 0; q < quadrature.size(); ++q)
                local -= s * grad[q] * fe_values.normal_vector(q) * fe_values.JxW(q);
            }
    return Utilities::MPI::sum(local, dofs.get_communicator());
  }

  template class ConductionSolver<2>;
  template class ConductionSolver<3>;
} // namespace MesoCell
