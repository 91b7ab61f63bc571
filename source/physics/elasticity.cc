#include <deal.II/base/quadrature_lib.h>

#include <deal.II/dofs/dof_tools.h>

#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/petsc_solver.h>
#include <deal.II/lac/sparsity_tools.h>

#include <deal.II/numerics/vector_tools.h>

#include <mesocell/core/errors.h>
#include <mesocell/numerics/linear_solver.h>
#include <mesocell/physics/elasticity.h>

namespace MesoCell
{
  using namespace dealii;

  template <int dim>
  Elasticity<dim>::Elasticity(
      parallel::distributed::Triangulation<dim>            &tria,
      const std::map<types::material_id, ElasticConstants> &phases,
      const unsigned int                                    degree,
      const unsigned int                                    mapping_degree)
    : comm(tria.get_communicator())
    , tria(tria)
    , phases(phases)
    , fe(FE_Q<dim>(degree), dim)
    , mapping(mapping_degree)
    , dof_handler(tria)
  {
  }

  template <int dim>
  Elasticity<dim>::~Elasticity()
  {
    dof_handler.clear();
  }

  namespace
  {
    /// Cell matrix and right-hand side of isotropic elasticity with the
    /// eigenstress of @p eigenstrain and the body force (may be null).
    template <int dim, typename EigenstrainFunction>
    void
    cell_system(const FEValues<dim>       &fv,
                const ElasticConstants    &constants,
                const types::material_id   id,
                const EigenstrainFunction &eigenstrain,
                const Function<dim>       *body_force,
                FullMatrix<double>        &Ke,
                Vector<double>            &fe_rhs)
    {
      const double                     lambda = constants.lambda(), mu = constants.mu();
      const unsigned int               n = fv.get_fe().n_dofs_per_cell();
      const FEValuesExtractors::Vector disp(0);
      Vector<double>                   f(dim);
      for (unsigned int q = 0; q < fv.n_quadrature_points; ++q)
        {
          const Point<dim>             &p  = fv.quadrature_point(q);
          const SymmetricTensor<2, dim> e0 = eigenstrain(p, id);
          const SymmetricTensor<2, dim> s0 =
              lambda * trace(e0) * unit_symmetric_tensor<dim>() + 2 * mu * e0;
          if (body_force)
            body_force->vector_value(p, f);
          for (unsigned int i = 0; i < n; ++i)
            {
              const SymmetricTensor<2, dim> ei = fv[disp].symmetric_gradient(i, q);
              const Tensor<1, dim>          vi = fv[disp].value(i, q);
              for (unsigned int j = 0; j < n; ++j)
                {
                  const SymmetricTensor<2, dim> ej = fv[disp].symmetric_gradient(j, q);
                  Ke(i, j) +=
                      (lambda * trace(ei) * trace(ej) + 2 * mu * (ei * ej)) * fv.JxW(q);
                }
              double r = s0 * ei;
              if (body_force)
                for (unsigned int d = 0; d < dim; ++d)
                  r += f[d] * vi[d];
              fe_rhs[i] += r * fv.JxW(q);
            }
        }
    }
  } // namespace

  template <int dim>
  types::global_dof_index
  Elasticity<dim>::solve(
      const std::map<types::boundary_id, const Function<dim> *> &dirichlet,
      const Eigenstrain                                         &eigenstrain,
      const Function<dim>                                       *body_force)
  {
    dof_handler.distribute_dofs(fe);
    const IndexSet owned    = dof_handler.locally_owned_dofs();
    const IndexSet relevant = DoFTools::extract_locally_relevant_dofs(dof_handler);
    AffineConstraints<double> constraints(relevant);
    DoFTools::make_hanging_node_constraints(dof_handler, constraints);
    VectorTools::interpolate_boundary_values(
        mapping, dof_handler, dirichlet, constraints);
    constraints.close();

    DynamicSparsityPattern dsp(relevant);
    DoFTools::make_sparsity_pattern(dof_handler, dsp, constraints, false);
    SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
    PETScWrappers::MPI::SparseMatrix K;
    K.reinit(owned, owned, dsp, comm);
    PETScWrappers::MPI::Vector rhs(owned, comm);

    const QGauss<dim>                    quadrature(fe.degree + 1);
    FEValues<dim>                        fv(mapping,
                     fe,
                     quadrature,
                     update_values | update_gradients | update_quadrature_points |
                         update_JxW_values);
    const unsigned int                   n = fe.n_dofs_per_cell();
    FullMatrix<double>                   Ke(n, n);
    Vector<double>                       fe_rhs(n);
    std::vector<types::global_dof_index> dofs(n);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const auto it = phases.find(cell->material_id());
          if (it == phases.end())
            throw InputError("elasticity: no elastic constants for material id " +
                             std::to_string(cell->material_id()));
          fv.reinit(cell);
          Ke     = 0;
          fe_rhs = 0;
          cell_system(
              fv, it->second, cell->material_id(), eigenstrain, body_force, Ke, fe_rhs);
          cell->get_dof_indices(dofs);
          constraints.distribute_local_to_global(Ke, fe_rhs, dofs, K, rhs);
        }
    K.compress(VectorOperation::add);
    rhs.compress(VectorOperation::add);

    PETScWrappers::MPI::Vector x(owned, comm);
    LinearSystemParameters     direct;
    direct.method = "direct";
    PetscLinearSolver solver(direct, comm);
    AssertThrow(solver.update(K) && solver.solve(rhs, x),
                ExcMessage("elasticity: the direct solve failed"));
    constraints.distribute(x);
    u.reinit(owned, relevant, comm);
    u = x;
    return dof_handler.n_dofs();
  }

  template <int dim>
  std::pair<double, double>
  Elasticity<dim>::error(const Function<dim> &exact) const
  {
    const QGauss<dim>                        quadrature(fe.degree + 3);
    FEValues<dim>                            fv(mapping,
                     fe,
                     quadrature,
                     update_values | update_gradients | update_quadrature_points |
                         update_JxW_values);
    const FEValuesExtractors::Vector         disp(0);
    std::vector<Tensor<1, dim>>              values(quadrature.size());
    std::vector<Tensor<2, dim>>              grads(quadrature.size());
    std::vector<Vector<double>>              ev(quadrature.size(), Vector<double>(dim));
    std::vector<std::vector<Tensor<1, dim>>> eg(quadrature.size(),
                                                std::vector<Tensor<1, dim>>(dim));
    double                                   l2 = 0, h1 = 0;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          fv.reinit(cell);
          fv[disp].get_function_values(u, values);
          fv[disp].get_function_gradients(u, grads);
          exact.vector_value_list(fv.get_quadrature_points(), ev);
          exact.vector_gradient_list(fv.get_quadrature_points(), eg);
          for (unsigned int q = 0; q < quadrature.size(); ++q)
            for (unsigned int d = 0; d < dim; ++d)
              {
                l2 += std::pow(values[q][d] - ev[q][d], 2) * fv.JxW(q);
                h1 += (grads[q][d] - eg[q][d]).norm_square() * fv.JxW(q);
              }
        }
    return {std::sqrt(Utilities::MPI::sum(l2, comm)),
            std::sqrt(Utilities::MPI::sum(h1, comm))};
  }

  template <int dim>
  void
  Elasticity<dim>::for_each_stress(const Eigenstrain     &eigenstrain,
                                   const StressVisitor   &visit,
                                   const Quadrature<dim> *quadrature) const
  {
    const QGauss<dim>      gauss(fe.degree + 1);
    const Quadrature<dim> &rule = quadrature ? *quadrature : gauss;
    FEValues<dim> fv(mapping, fe, rule, update_gradients | update_quadrature_points);
    const FEValuesExtractors::Vector     disp(0);
    std::vector<SymmetricTensor<2, dim>> strains(rule.size());
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const auto it = phases.find(cell->material_id());
          if (it == phases.end())
            throw InputError("elasticity: no elastic constants for material id " +
                             std::to_string(cell->material_id()));
          const double lambda = it->second.lambda(), mu = it->second.mu();
          fv.reinit(cell);
          fv[disp].get_function_symmetric_gradients(u, strains);
          for (unsigned int q = 0; q < rule.size(); ++q)
            {
              const Point<dim>             &p = fv.quadrature_point(q);
              const SymmetricTensor<2, dim> e =
                  strains[q] - eigenstrain(p, cell->material_id());
              visit(p,
                    cell->material_id(),
                    lambda * trace(e) * unit_symmetric_tensor<dim>() + 2 * mu * e);
            }
        }
  }

  template class Elasticity<2>;
  template class Elasticity<3>;
} // namespace MesoCell
