// The flux-jump error indicator of the conduction solution (adaptive cycles
// of the effective-conductivity job).
#include <deal.II/base/quadrature_lib.h>

#include <deal.II/fe/fe_values.h>

#include <mesocell/physics/conduction.h>

#include <algorithm>

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    /**
     * @brief The terms of flux_jump_indicators() on one cell: the cell
     * residual and every face, with the face values of the cell, of its
     * neighbour and of their subfaces.
     */
    template <int dim>
    class FluxJumpEstimator
    {
    public:
      using Cell = typename DoFHandler<dim>::active_cell_iterator;

      FluxJumpEstimator(const ConductionSolver<dim>        &solver,
                        const ConductivityMap              &sigma,
                        const std::set<types::boundary_id> &dirichlet)
        : solver(solver)
        , sigma(sigma)
        , dirichlet(dirichlet)
        , face_quadrature(solver.dof_handler().get_fe().degree + 1)
        , cell_values(solver.mapping(),
                      solver.dof_handler().get_fe(),
                      QGauss<dim>(solver.dof_handler().get_fe().degree + 1),
                      update_hessians | update_JxW_values)
        , here(solver.mapping(),
               solver.dof_handler().get_fe(),
               face_quadrature,
               face_flags())
        , there(solver.mapping(),
                solver.dof_handler().get_fe(),
                face_quadrature,
                face_flags())
        , here_sub(solver.mapping(),
                   solver.dof_handler().get_fe(),
                   face_quadrature,
                   face_flags())
        , there_sub(solver.mapping(),
                    solver.dof_handler().get_fe(),
                    face_quadrature,
                    face_flags())
        , hessians(cell_values.n_quadrature_points)
        , grad_here(face_quadrature.size())
        , grad_there(face_quadrature.size())
      {
      }

      /// eta_K^2 of one locally owned cell.
      double
      indicator(const Cell &cell)
      {
        double eta2 = cell_residual(cell);
        for (const auto f : cell->face_indices())
          eta2 += face_term(cell, f);
        return eta2;
      }

    private:
      static UpdateFlags
      face_flags()
      {
        return update_gradients | update_normal_vectors | update_JxW_values;
      }

      double
      sigma_of(const Cell &cell) const
      {
        return conductivity_of(sigma, cell->material_id());
      }

      /// h_K^2 / sigma_K ||sigma_K lap u_h||^2 (zero for Q1 on parallelograms).
      double
      cell_residual(const Cell &cell)
      {
        cell_values.reinit(cell);
        cell_values.get_function_hessians(solver.solution(), hessians);
        double integral = 0;
        for (unsigned int q = 0; q < hessians.size(); ++q)
          integral += std::pow(trace(hessians[q]), 2) * cell_values.JxW(q);
        return std::pow(cell->diameter(), 2) * sigma_of(cell) * integral;
      }

      /// The term of face @p f of @p cell, split into subfaces where the
      /// neighbour is finer.
      double
      face_term(const Cell &cell, const unsigned int f)
      {
        if (cell->at_boundary(f))
          return boundary_term(cell, f);
        const double s = sigma_of(cell);
        if (cell->neighbor(f)->has_children())
          {
            double sum = 0;
            for (unsigned int sf = 0; sf < cell->face(f)->n_children(); ++sf)
              {
                const Cell child = cell->neighbor_child_on_subface(f, sf);
                here_sub.reinit(cell, f, sf);
                there.reinit(child, cell->neighbor_of_neighbor(f));
                sum += interior_term(here_sub, there, s, sigma_of(child));
              }
            return sum;
          }
        const Cell neighbor = cell->neighbor(f);
        here.reinit(cell, f);
        if (cell->neighbor_is_coarser(f))
          {
            const auto [nf, nsf] = cell->neighbor_of_coarser_neighbor(f);
            there_sub.reinit(neighbor, nf, nsf);
            return interior_term(here, there_sub, s, sigma_of(neighbor));
          }
        there.reinit(neighbor, cell->neighbor_of_neighbor(f));
        return interior_term(here, there, s, sigma_of(neighbor));
      }

      /// 1/2 h_F / max(sigma) ||sigma_a grad u_a . n - sigma_b grad u_b . n||^2
      /// with n the outer normal of side a; the quadrature points of both
      /// sides coincide.
      double
      interior_term(const FEFaceValuesBase<dim> &a,
                    const FEFaceValuesBase<dim> &b,
                    const double                 sigma_a,
                    const double                 sigma_b)
      {
        a.get_function_gradients(solver.solution(), grad_here);
        b.get_function_gradients(solver.solution(), grad_there);
        double integral = 0, area = 0;
        for (unsigned int q = 0; q < face_quadrature.size(); ++q)
          {
            const double jump =
                (sigma_a * grad_here[q] - sigma_b * grad_there[q]) * a.normal_vector(q);
            integral += jump * jump * a.JxW(q);
            area += a.JxW(q);
          }
        return 0.5 * face_diameter(area) / std::max(sigma_a, sigma_b) * integral;
      }

      /// h_F / sigma_K ||sigma_K grad u_h . n||^2 on an insulating face, 0 on
      /// a Dirichlet face.
      double
      boundary_term(const Cell &cell, const unsigned int f)
      {
        if (dirichlet.count(cell->face(f)->boundary_id()) != 0)
          return 0;
        const double s = sigma_of(cell);
        here.reinit(cell, f);
        here.get_function_gradients(solver.solution(), grad_here);
        double integral = 0, area = 0;
        for (unsigned int q = 0; q < face_quadrature.size(); ++q)
          {
            const double flux = s * grad_here[q] * here.normal_vector(q);
            integral += flux * flux * here.JxW(q);
            area += here.JxW(q);
          }
        return face_diameter(area) / s * integral;
      }

      /// The size of a face from its measure (its length in 2D, the side of
      /// the square of its area in 3D).
      static double
      face_diameter(const double measure)
      {
        return dim == 2 ? measure : std::sqrt(measure);
      }

      const ConductionSolver<dim>        &solver;
      const ConductivityMap              &sigma;
      const std::set<types::boundary_id> &dirichlet;
      const QGauss<dim - 1>               face_quadrature;
      FEValues<dim>                       cell_values;
      FEFaceValues<dim>                   here, there;
      FESubfaceValues<dim>                here_sub, there_sub;
      std::vector<Tensor<2, dim>>         hessians;
      std::vector<Tensor<1, dim>>         grad_here, grad_there;
    };
  } // namespace

  template <int dim>
  Vector<double>
  flux_jump_indicators(const ConductionSolver<dim>        &solver,
                       const ConductivityMap              &sigma,
                       const std::set<types::boundary_id> &dirichlet)
  {
    const auto            &dofs = solver.dof_handler();
    Vector<double>         eta2(dofs.get_triangulation().n_active_cells());
    FluxJumpEstimator<dim> estimator(solver, sigma, dirichlet);
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        eta2(cell->active_cell_index()) = estimator.indicator(cell);
    return eta2;
  }

  template Vector<double>
  flux_jump_indicators(const ConductionSolver<2> &,
                       const ConductivityMap &,
                       const std::set<types::boundary_id> &);
  template Vector<double>
  flux_jump_indicators(const ConductionSolver<3> &,
                       const ConductivityMap &,
                       const std::set<types::boundary_id> &);
} // namespace MesoCell
