#ifndef MESOCELL_PHYSICS_ELASTICITY_H
#define MESOCELL_PHYSICS_ELASTICITY_H

#include <deal.II/base/function.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/base/symmetric_tensor.h>

#include <deal.II/distributed/tria.h>

#include <deal.II/dofs/dof_handler.h>

#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping_q.h>

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
   * (doc/model.md section 2): div sigma + f = 0, sigma = C : (eps(u) - eps*),
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

    /// Callback of for_each_stress(): (point, material id, stress [Pa]).
    using StressVisitor = std::function<void(const dealii::Point<dim> &,
                                             dealii::types::material_id,
                                             const dealii::SymmetricTensor<2, dim> &)>;

    /**
     * FE_Q(@p degree)^dim on @p tria with a MappingQ(@p mapping_degree). The
     * default mapping degree 1 is the bilinear/trilinear mapping (straight-sided
     * cells); pass @p mapping_degree = @p degree for an isoparametric
     * description of curved boundaries and interfaces (the manifolds attached to
     * @p tria are then used inside the cells as well). With mapping_degree > 1
     * and curved interfaces, attach the manifolds so that the cells on both
     * sides of a curved face take its support points from the face's manifold
     * (MappingQ instead uses the cell's manifold for all points of a cell with
     * a TransfiniteInterpolationManifold, or whose faces and lines share the
     * cell's manifold, which on refined meshes parametrises the shared face
     * differently from the neighbour); tests/mechanics/test_swelling.cc shows
     * a consistent setup for a spherical inclusion.
     */
    Elasticity(dealii::parallel::distributed::Triangulation<dim>            &tria,
               const std::map<dealii::types::material_id, ElasticConstants> &phases,
               const unsigned int                                            degree,
               const unsigned int mapping_degree = 1);
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

    /**
     * Evaluate the stress sigma = C : (eps(u) - eps*) of the last solve() at
     * the points of @p quadrature (default, null: the Gauss rule of degree+1
     * used by the assembly) of every locally owned cell, and call @p visit with
     * the mapped point, the cell's material id and the stress. @p eigenstrain
     * should be the one passed to solve(). Each point is visited on exactly one
     * rank (the owner of its cell); reductions over ranks are up to the caller.
     * In 2D (plane strain) the in-plane components are returned, computed with
     * the in-plane eigenstrain only, consistently with solve(); the
     * out-of-plane stress is then sigma_zz = lambda tr(eps(u) - eps*).
     */
    void
    for_each_stress(const Eigenstrain             &eigenstrain,
                    const StressVisitor           &visit,
                    const dealii::Quadrature<dim> *quadrature = nullptr) const;

  private:
    MPI_Comm                                               comm;
    dealii::parallel::distributed::Triangulation<dim>     &tria;
    std::map<dealii::types::material_id, ElasticConstants> phases;
    dealii::FESystem<dim>                                  fe;
    dealii::MappingQ<dim>                                  mapping;
    dealii::DoFHandler<dim>                                dof_handler;
    dealii::PETScWrappers::MPI::Vector                     u;
  };
} // namespace MesoCell

#endif
