#ifndef MESOCELL_PHYSICS_ELASTICITY_H
#define MESOCELL_PHYSICS_ELASTICITY_H

#include <deal.II/base/function.h>
#include <deal.II/base/symmetric_tensor.h>

#include <deal.II/distributed/tria.h>

#include <deal.II/dofs/dof_handler.h>

#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping_q1.h>

#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <functional>
#include <map>

namespace MesoCell
{
  /// Isotropic elastic constants of one phase: Young's modulus [Pa] and
  /// Poisson's ratio [-].
  struct ElasticConstants
  {
    double youngs_modulus = 1;
    double poisson_ratio  = 0.3;
    double
    lambda() const
    {
      return youngs_modulus * poisson_ratio /
             ((1 + poisson_ratio) * (1 - 2 * poisson_ratio));
    }
    double
    mu() const
    {
      return youngs_modulus / (2 * (1 + poisson_ratio));
    }
  };

  /**
   * @brief Small-strain, quasi-static linear elasticity with an eigenstrain
   * (MODEL.md section 2): div sigma + f = 0, sigma = C : (eps(u) - eps*),
   * with piecewise isotropic C per material id (plane strain in 2D), Dirichlet
   * displacements on chosen boundaries, traction-free elsewhere. The
   * eigenstrain carries the lithiation (Vegard), thermal and creep strains of
   * the coupled problem; this class is the linear building block of the
   * mechanics (issue 5) and is verified on its own.
   */
  template <int dim>
  class Elasticity
  {
  public:
    using Eigenstrain = std::function<dealii::SymmetricTensor<2, dim>(
        const dealii::Point<dim> &, dealii::types::material_id)>;

    Elasticity(dealii::parallel::distributed::Triangulation<dim>            &tria,
               const std::map<dealii::types::material_id, ElasticConstants> &phases,
               const unsigned int                                            degree);
    ~Elasticity();

    /**
     * Solve with displacement data @p dirichlet (dim components) on its
     * boundaries, eigenstrain @p eigenstrain and body force @p body_force
     * (dim components, may be null) by MUMPS. Returns the number of DoFs.
     */
    dealii::types::global_dof_index
    solve(const std::map<dealii::types::boundary_id, const dealii::Function<dim> *>
                                      &dirichlet,
          const Eigenstrain           &eigenstrain,
          const dealii::Function<dim> *body_force);

    /// L2 and H1-seminorm errors of the displacement against @p exact.
    std::pair<double, double>
    error(const dealii::Function<dim> &exact) const;

  private:
    MPI_Comm                                               comm;
    dealii::parallel::distributed::Triangulation<dim>     &tria;
    std::map<dealii::types::material_id, ElasticConstants> phases;
    dealii::FESystem<dim>                                  fe;
    dealii::MappingQ1<dim>                                 mapping;
    dealii::DoFHandler<dim>                                dof_handler;
    dealii::PETScWrappers::MPI::Vector                     u;
  };
} // namespace MesoCell

#endif
