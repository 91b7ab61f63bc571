// Matrix-free geometric multigrid back end of ConductionSolver
// (patterns of deal.II tutorial step-37, written for a per-phase coefficient,
// inhomogeneous Dirichlet data and an algebraic-multigrid coarse solve).
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>

#include <deal.II/dofs/dof_tools.h>

#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/precondition.h>
#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_sparsity_pattern.h>

#include <deal.II/matrix_free/fe_evaluation.h>
#include <deal.II/matrix_free/matrix_free.h>
#include <deal.II/matrix_free/operators.h>
#include <deal.II/matrix_free/tools.h>

#include <deal.II/multigrid/mg_coarse.h>
#include <deal.II/multigrid/mg_constrained_dofs.h>
#include <deal.II/multigrid/mg_matrix.h>
#include <deal.II/multigrid/mg_smoother.h>
#include <deal.II/multigrid/mg_tools.h>
#include <deal.II/multigrid/mg_transfer_matrix_free.h>
#include <deal.II/multigrid/multigrid.h>

#include <deal.II/numerics/vector_tools.h>

#include <mesocell/core/errors.h>

#include "conduction_backend.h"

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    using VectorType = LinearAlgebra::distributed::Vector<double>;

    /**
     * @brief The operator v -> (sigma grad u, grad v) on one mesh level (or
     * the active mesh), with sigma constant per cell batch lane.
     */
    template <int dim, int degree>
    class ConductionOperator : public MatrixFreeOperators::Base<dim, VectorType>
    {
    public:
      using FEEval = FEEvaluation<dim, degree, degree + 1, 1, double>;

      /// Store sigma of every cell of the matrix-free data.
      void
      set_conductivity(const ConductivityMap &sigma)
      {
        const auto &mf = *this->get_matrix_free();
        coefficient.resize(mf.n_cell_batches());
        for (unsigned int cell = 0; cell < mf.n_cell_batches(); ++cell)
          {
            coefficient[cell] = 0.0;
            for (unsigned int v = 0; v < mf.n_active_entries_per_cell_batch(cell); ++v)
              coefficient[cell][v] =
                  level_conductivity(sigma, mf.get_cell_iterator(cell, v));
          }
      }

      /// sigma of a cell; on a refined (level) cell whose descendants are of
      /// different phases (voxel-image meshes) the mean of its (equal-volume)
      /// children's values, so that the coarse levels see the fine phases.
      template <class Cell>
      static double
      level_conductivity(const ConductivityMap &sigma, const Cell &cell)
      {
        const double own = conductivity_of(sigma, cell->material_id());
        if (!cell->has_children())
          return own;
        double sum     = 0;
        bool   uniform = true;
        for (unsigned int c = 0; c < cell->n_children(); ++c)
          {
            const double s = level_conductivity(sigma, cell->child(c));
            uniform        = uniform && s == own;
            sum += s;
          }
        return uniform ? own : sum / cell->n_children();
      }

      void
      compute_diagonal() override
      {
        this->inverse_diagonal_entries.reset(new DiagonalMatrix<VectorType>());
        VectorType &diagonal = this->inverse_diagonal_entries->get_vector();
        this->data->initialize_dof_vector(diagonal);
        MatrixFreeTools::compute_diagonal(
            *this->data, diagonal, &ConductionOperator::local_compute, this);
        this->set_constrained_entries_to_one(diagonal);
        for (unsigned int i = 0; i < diagonal.locally_owned_size(); ++i)
          diagonal.local_element(i) = 1.0 / diagonal.local_element(i);
      }

      /// Cell kernel on prepared DoF values (diagonal and matrix assembly).
      void
      local_compute(FEEval &phi) const
      {
        const VectorizedArray<double> s = coefficient[phi.get_current_cell_index()];
        phi.evaluate(EvaluationFlags::gradients);
        for (unsigned int q = 0; q < phi.n_q_points; ++q)
          phi.submit_gradient(s * phi.get_gradient(q), q);
        phi.integrate(EvaluationFlags::gradients);
      }

      const AlignedVector<VectorizedArray<double>> &
      get_coefficient() const
      {
        return coefficient;
      }

    private:
      void
      apply_add(VectorType &dst, const VectorType &src) const override
      {
        this->data->cell_loop(&ConductionOperator::local_apply, this, dst, src);
      }

      void
      local_apply(const MatrixFree<dim, double>               &data,
                  VectorType                                  &dst,
                  const VectorType                            &src,
                  const std::pair<unsigned int, unsigned int> &range) const
      {
        FEEval phi(data);
        for (unsigned int cell = range.first; cell < range.second; ++cell)
          {
            phi.reinit(cell);
            phi.gather_evaluate(src, EvaluationFlags::gradients);
            for (unsigned int q = 0; q < phi.n_q_points; ++q)
              phi.submit_gradient(coefficient[cell] * phi.get_gradient(q), q);
            phi.integrate_scatter(EvaluationFlags::gradients, dst);
          }
      }

      AlignedVector<VectorizedArray<double>> coefficient;
    };

    template <int dim, int degree>
    class GMGBackend : public ConductionBackend<dim>
    {
    public:
      using typename ConductionBackend<dim>::DirichletMap;
      using Operator = ConductionOperator<dim, degree>;

      using ConductionBackend<dim>::ConductionBackend;

      void
      solve(const ConductivityMap &sigma,
            const DirichletMap    &dirichlet,
            const Function<dim>   *rhs,
            VectorType            &u,
            ConductionStatistics  &stats) override
      {
        std::set<types::boundary_id> ids;
        for (const auto &[id, g] : dirichlet)
          ids.insert(id);
        if (ids != dirichlet_ids || system_mf == nullptr)
          {
            PhaseTimer t(this->timer, "setup", stats.time_setup);
            setup(ids);
          }

        VectorType b, u_dirichlet;
        {
          PhaseTimer t(this->timer, "assembly", stats.time_assembly);
          system_operator.set_conductivity(sigma);
          assemble_rhs(dirichlet, rhs, u_dirichlet, b);
        }

        // Multigrid: level operators, smoothers, coarse AMG.
        MGSmoother                        smoother;
        TrilinosWrappers::SparseMatrix    coarse_matrix;
        TrilinosWrappers::PreconditionAMG coarse_amg;
        {
          PhaseTimer t(this->timer, "preconditioner", stats.time_preconditioner);
          setup_smoother(sigma, smoother);
          setup_coarse_amg(coarse_matrix, coarse_amg);
        }
        solve_multigrid(b, u_dirichlet, smoother, coarse_amg, u, stats);
      }

    private:
      using Smoother   = PreconditionChebyshev<Operator, VectorType>;
      using MGSmoother = mg::SmootherRelaxation<Smoother, VectorType>;

      /// Chebyshev-Jacobi smoothing on every level, for conductivity @p sigma.
      void
      setup_smoother(const ConductivityMap &sigma, MGSmoother &smoother)
      {
        const unsigned int n_levels = this->dofs.get_triangulation().n_global_levels();
        MGLevelObject<typename Smoother::AdditionalData> smoother_data(0, n_levels - 1);
        for (unsigned int level = 0; level < n_levels; ++level)
          {
            level_operators[level].set_conductivity(sigma);
            level_operators[level].compute_diagonal();
            smoother_data[level].smoothing_range     = 20.;
            smoother_data[level].degree              = this->parameters.smoother_degree;
            smoother_data[level].eig_cg_n_iterations = 12;
            smoother_data[level].preconditioner =
                level_operators[level].get_matrix_diagonal_inverse();
          }
        smoother.initialize(level_operators, smoother_data);
      }

      /// The coarse-level matrix and its algebraic multigrid (ML).
      void
      setup_coarse_amg(TrilinosWrappers::SparseMatrix    &coarse_matrix,
                       TrilinosWrappers::PreconditionAMG &coarse_amg) const
      {
        TrilinosWrappers::SparsityPattern sparsity(this->dofs.locally_owned_mg_dofs(0),
                                                   this->dofs.locally_owned_mg_dofs(0),
                                                   coarse_relevant,
                                                   this->dofs.get_communicator());
        MGTools::make_sparsity_pattern(this->dofs, sparsity, 0);
        sparsity.compress();
        coarse_matrix.reinit(sparsity);
        MatrixFreeTools::compute_matrix(*level_operators[0].get_matrix_free(),
                                        coarse_constraints,
                                        coarse_matrix,
                                        &Operator::local_compute,
                                        &level_operators[0]);
        TrilinosWrappers::PreconditionAMG::AdditionalData amg_data;
        amg_data.elliptic              = true;
        amg_data.higher_order_elements = (degree > 1);
        amg_data.smoother_sweeps       = 2;
        amg_data.aggregation_threshold = 0.02;
        coarse_amg.initialize(coarse_matrix, amg_data);
      }

      /// The V-cycle from the smoother and the coarse solve, and CG with it.
      void
      solve_multigrid(const VectorType                        &b,
                      const VectorType                        &u_dirichlet,
                      MGSmoother                              &smoother,
                      const TrilinosWrappers::PreconditionAMG &coarse_amg,
                      VectorType                              &u,
                      ConductionStatistics                    &stats)
      {
        const unsigned int   n_levels = this->dofs.get_triangulation().n_global_levels();
        ReductionControl     coarse_control(1000, 1e-300, 1e-4, false, false);
        SolverCG<VectorType> coarse_cg(coarse_control);
        MGCoarseGridIterativeSolver<VectorType,
                                    SolverCG<VectorType>,
                                    Operator,
                                    TrilinosWrappers::PreconditionAMG>
            coarse(coarse_cg, level_operators[0], coarse_amg);

        mg::Matrix<VectorType> mg_matrix(level_operators);
        MGLevelObject<MatrixFreeOperators::MGInterfaceOperator<Operator>>
            interface_operators(0, n_levels - 1);
        for (unsigned int level = 0; level < n_levels; ++level)
          interface_operators[level].initialize(level_operators[level]);
        mg::Matrix<VectorType> mg_interface(interface_operators);

        Multigrid<VectorType> mg(mg_matrix, coarse, transfer, smoother, smoother);
        mg.set_edge_matrices(mg_interface, mg_interface);
        PreconditionMG<dim, VectorType, MGTransferMatrixFree<dim, double>> preconditioner(
            this->dofs, mg, transfer);

        PhaseTimer t(this->timer, "solve", stats.time_solve);
        solve_cg(b, u_dirichlet, preconditioner, u, stats);
      }

      template <typename Preconditioner>
      void
      solve_cg(const VectorType     &b,
               const VectorType     &u_dirichlet,
               const Preconditioner &preconditioner,
               VectorType           &u,
               ConductionStatistics &stats)
      {
        VectorType x;
        system_mf->initialize_dof_vector(x);
        SolverControl control(
            this->parameters.max_iterations,
            std::max(this->parameters.relative_tolerance * b.l2_norm(), 1e-300));
        SolverCG<VectorType> cg(control);
        try
          {
            if (b.l2_norm() > 0)
              cg.solve(system_operator, x, b, preconditioner);
          }
        catch (const SolverControl::NoConvergence &e)
          {
            throw SolverError(
                "conduction: CG with geometric multigrid did not converge in " +
                std::to_string(e.last_step) + " iterations (residual " +
                std::to_string(e.last_residual) +
                "); raise 'Maximum iterations' in subsection 'Linear solver' "
                "or try Method = AMG");
          }
        constraints.distribute(x);
        x += u_dirichlet;
        u                    = std::move(x);
        stats.n_iterations   = control.last_step();
        stats.final_residual = control.last_value();
      }

      void
      setup(const std::set<types::boundary_id> &ids)
      {
        dirichlet_ids       = ids;
        const MPI_Comm comm = this->dofs.get_communicator();
        IndexSet       relevant;
        DoFTools::extract_locally_relevant_dofs(this->dofs, relevant);

        hanging.clear();
        hanging.reinit(relevant);
        DoFTools::make_hanging_node_constraints(this->dofs, hanging);
        hanging.close();

        constraints.clear();
        constraints.reinit(relevant);
        constraints.merge(hanging);
        const Functions::ZeroFunction<dim> zero;
        for (const auto id : ids)
          VectorTools::interpolate_boundary_values(
              this->mapping, this->dofs, id, zero, constraints);
        constraints.close();

        typename MatrixFree<dim, double>::AdditionalData data;
        data.tasks_parallel_scheme = MatrixFree<dim, double>::AdditionalData::none;
        data.mapping_update_flags =
            update_gradients | update_JxW_values | update_quadrature_points;
        system_mf = std::make_shared<MatrixFree<dim, double>>();
        system_mf->reinit(
            this->mapping, this->dofs, constraints, QGauss<1>(degree + 1), data);
        system_operator.initialize(system_mf);

        const unsigned int n_levels = this->dofs.get_triangulation().n_global_levels();
        mg_constrained.clear();
        mg_constrained.initialize(this->dofs);
        mg_constrained.make_zero_boundary_constraints(this->dofs, ids);
        level_operators.resize(0, n_levels - 1);
        for (unsigned int level = 0; level < n_levels; ++level)
          {
            IndexSet level_relevant;
            DoFTools::extract_locally_relevant_level_dofs(
                this->dofs, level, level_relevant);
            AffineConstraints<double> level_constraints;
            level_constraints.reinit(level_relevant);
            level_constraints.add_lines(mg_constrained.get_boundary_indices(level));
            level_constraints.close();
            if (level == 0)
              {
                coarse_constraints.copy_from(level_constraints);
                coarse_relevant = level_relevant;
              }
            typename MatrixFree<dim, double>::AdditionalData level_data;
            level_data.tasks_parallel_scheme =
                MatrixFree<dim, double>::AdditionalData::none;
            level_data.mapping_update_flags = update_gradients | update_JxW_values;
            level_data.mg_level             = level;
            auto level_mf                   = std::make_shared<MatrixFree<dim, double>>();
            level_mf->reinit(this->mapping,
                             this->dofs,
                             level_constraints,
                             QGauss<1>(degree + 1),
                             level_data);
            level_operators[level].initialize(level_mf, mg_constrained, level);
          }
        transfer.initialize_constraints(mg_constrained);
        transfer.build(this->dofs);
        (void)comm;
      }

      /// b = (f, v) - (sigma grad u_D, grad v) with u_D the Dirichlet lift.
      void
      assemble_rhs(const DirichletMap  &dirichlet,
                   const Function<dim> *rhs,
                   VectorType          &u_dirichlet,
                   VectorType          &b) const
      {
        system_mf->initialize_dof_vector(u_dirichlet);
        system_mf->initialize_dof_vector(b);
        std::map<types::global_dof_index, double> values;
        for (const auto &[id, g] : dirichlet)
          VectorTools::interpolate_boundary_values(
              this->mapping, this->dofs, id, *g, values);
        for (const auto &[i, v] : values)
          if (u_dirichlet.in_local_range(i))
            u_dirichlet(i) = v;
        hanging.distribute(u_dirichlet);
        u_dirichlet.update_ghost_values();

        const auto &coefficient = system_operator.get_coefficient();
        FEEvaluation<dim, degree, degree + 1, 1, double> phi(*system_mf);
        for (unsigned int cell = 0; cell < system_mf->n_cell_batches(); ++cell)
          {
            phi.reinit(cell);
            phi.read_dof_values_plain(u_dirichlet);
            phi.evaluate(EvaluationFlags::gradients);
            for (unsigned int q = 0; q < phi.n_q_points; ++q)
              {
                phi.submit_gradient(-coefficient[cell] * phi.get_gradient(q), q);
                if (rhs != nullptr)
                  {
                    const auto              p = phi.quadrature_point(q);
                    VectorizedArray<double> f = 0.0;
                    for (unsigned int v = 0; v < VectorizedArray<double>::size(); ++v)
                      {
                        Point<dim> pv;
                        for (unsigned int d = 0; d < dim; ++d)
                          pv[d] = p[d][v];
                        f[v] = rhs->value(pv);
                      }
                    phi.submit_value(f, q);
                  }
              }
            phi.integrate(rhs != nullptr
                              ? (EvaluationFlags::values | EvaluationFlags::gradients)
                              : EvaluationFlags::gradients);
            phi.distribute_local_to_global(b);
          }
        b.compress(VectorOperation::add);
        u_dirichlet.zero_out_ghost_values();
      }

      std::set<types::boundary_id>             dirichlet_ids;
      AffineConstraints<double>                hanging;
      AffineConstraints<double>                constraints;
      std::shared_ptr<MatrixFree<dim, double>> system_mf;
      Operator                                 system_operator;
      MGConstrainedDoFs                        mg_constrained;
      MGLevelObject<Operator>                  level_operators;
      AffineConstraints<double>                coarse_constraints;
      IndexSet                                 coarse_relevant;
      MGTransferMatrixFree<dim, double>        transfer;
    };
  } // namespace

  template <int dim>
  std::unique_ptr<ConductionBackend<dim>>
  make_gmg_backend(const DoFHandler<dim>        &dofs,
                   const Mapping<dim>           &mapping,
                   const LinearSolverParameters &parameters,
                   TimerOutput                  &timer)
  {
    switch (dofs.get_fe().degree)
      {
      case 1:
        return std::make_unique<GMGBackend<dim, 1>>(dofs, mapping, parameters, timer);
      case 2:
        return std::make_unique<GMGBackend<dim, 2>>(dofs, mapping, parameters, timer);
      default:
        throw InputError("Method = GMG supports finite element degree 1 or 2; "
                         "use Method = AMG for other degrees");
      }
  }

  template std::unique_ptr<ConductionBackend<2>>
  make_gmg_backend(const DoFHandler<2> &,
                   const Mapping<2> &,
                   const LinearSolverParameters &,
                   TimerOutput &);
  template std::unique_ptr<ConductionBackend<3>>
  make_gmg_backend(const DoFHandler<3> &,
                   const Mapping<3> &,
                   const LinearSolverParameters &,
                   TimerOutput &);
} // namespace MesoCell
