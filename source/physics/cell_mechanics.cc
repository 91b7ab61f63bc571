#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>

#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>

#include <mesocell/core/errors.h>
#include <mesocell/physics/cell_mechanics.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <utility>

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    /// The weakest adhesion between a contact phase and another phase.
    double
    contact_adhesion(const ElectrochemistryModel        &model,
                     const std::set<types::material_id> &contact)
    {
      double strength = std::numeric_limits<double>::infinity();
      for (const auto &[i, a] : model.phase_material)
        for (const auto &[j, b] : model.phase_material)
          if (contact.count(i) && !contact.count(j))
            strength = std::min({strength, a.adhesion_strength, b.adhesion_strength});
      return strength;
    }

    std::map<types::material_id, MechanicalMaterial>
    mechanical_phases(const ElectrochemistryModel &model)
    {
      std::map<types::material_id, MechanicalMaterial> phases;
      for (const auto &[id, m] : model.phase_material)
        {
          if (!(m.youngs_modulus > 0 && m.poisson_ratio >= 0 && m.poisson_ratio < 0.5))
            throw InputError("Contact mechanics: material '" + m.name +
                             "' needs a Young's modulus > 0 and a Poisson's ratio in "
                             "[0, 0.5) for the bulk mechanics (subsection Materials/" +
                             m.name + ")");
          MechanicalMaterial mm;
          mm.youngs_modulus    = m.youngs_modulus;
          mm.poisson_ratio     = m.poisson_ratio;
          mm.thermal_expansion = m.thermal_expansion;
          if (m.creep_law == CreepLaw::power_law)
            {
              mm.creep_prefactor         = m.creep_prefactor;
              mm.creep_exponent          = m.creep_exponent;
              mm.creep_activation_energy = m.creep_activation_energy;
            }
          phases[id] = mm;
        }
      return phases;
    }
  } // namespace

  template <int dim>
  CellMechanics<dim>::CellMechanics(parallel::distributed::Triangulation<dim> &tria,
                                    const Electrochemistry<dim>               &cell,
                                    std::function<double()>             stack_pressure,
                                    const std::set<types::boundary_id> &pressure,
                                    const std::set<types::boundary_id> &rollers,
                                    const std::set<types::material_id> &contact)
    : tria(tria)
    , cell(cell)
    , model(cell.get_model())
    , stack_pressure(std::move(stack_pressure))
    , pressure_boundaries(pressure)
    , mech(tria,
           mechanical_phases(cell.get_model()),
           1,
           contact,
           contact_adhesion(cell.get_model(), contact))
  {
    mech.setup();
    for (const auto b : rollers)
      {
        // A roller holds the displacement along its axis-aligned normal.
        const Tensor<1, dim> n = mech.boundary_normal(b);
        unsigned int         k = 0;
        for (unsigned int d = 1; d < dim; ++d)
          if (std::abs(n[d]) > std::abs(n[k]))
            k = d;
        if (std::abs(std::abs(n[k]) - 1) > 1e-6)
          throw InputError("Contact mechanics: roller boundary " + std::to_string(b) +
                           " is not normal to a coordinate axis");
        bc.fixed[b].push_back(k);
      }
    mech.set_temperature(model.temperature, model.temperature);
  }

  template <int dim>
  void
  CellMechanics<dim>::setup()
  {
    mech.setup();
  }

  template <int dim>
  StepResult
  CellMechanics<dim>::solve_step(const TimeState &ts)
  {
    const double p = stack_pressure();
    for (const auto b : pressure_boundaries)
      bc.pressure[b] = p;
    mech.set_boundary_conditions(bc);
    set_lithiation_strain();
    StepResult r;
    try
      {
        info = mech.solve(ts.dt, solver.tolerance, solver.max_iterations);
      }
    catch (const SolverError &e)
      {
        r.failure = e.what();
        return r;
      }
    r.converged         = true;
    r.newton_iterations = info.newton_iterations;
    return r;
  }

  template <int dim>
  void
  CellMechanics<dim>::accept_step()
  {
    mech.accept_step();
    tabulate_interface();
  }

  template <int dim>
  void
  CellMechanics<dim>::set_lithiation_strain()
  {
    // Lithiation strain of the active phases from c_s at the mechanics'
    // quadrature points, relative to the initial lithiation.
    const DoFHandler<dim>                                 &dh = cell.get_dof_handler();
    const MappingQ1<dim>                                   mapping;
    std::map<unsigned int, std::unique_ptr<FEValues<dim>>> fe_values;
    std::vector<double>                                    c(mech.quadrature().size());
    mech.set_eigenstrain([&](const typename Triangulation<dim>::cell_iterator &tc,
                             std::vector<double>                              &values) {
      std::fill(values.begin(), values.end(), 0.0);
      const Material &m = model.phase_material.at(tc->material_id());
      if (m.type != PhaseType::active ||
          m.lithiation_strain_law == LithiationStrainLaw::none)
        return;
      const typename DoFHandler<dim>::active_cell_iterator dc(
          &tria, tc->level(), tc->index(), &dh);
      auto &fv = fe_values[dc->active_fe_index()];
      if (!fv)
        fv = std::make_unique<FEValues<dim>>(
            mapping, dc->get_fe(), mech.quadrature(), update_values);
      fv->reinit(dc);
      (*fv)[FEValuesExtractors::Scalar(0)].get_function_values(cell.solution(), c);
      const double x_ref =
          model.initial_lithiation >= 0 ? model.initial_lithiation : m.x_charged;
      for (unsigned int q = 0; q < values.size(); ++q)
        values[q] = m.lithiation_strain(c[q] / m.maximum_concentration, x_ref).value;
    });
  }

  template <int dim>
  void
  CellMechanics<dim>::tabulate_interface()
  {
    // Each side's sigma_n and gap contribution at its points (faces, or
    // subfaces towards a finer neighbour), then the neighbours' sides of
    // the ghost cells by one exchange.
    InterfaceData<dim> sides(2);
    mech.for_each_interface_stress(
        QGauss<dim - 1>(model.degree + 1),
        [&](const typename Mechanics<dim>::InterfaceSide &p) {
          double sn = 0;
          for (unsigned int i = 0; i < dim; ++i)
            for (unsigned int j = 0; j < dim; ++j)
              sn += p.normal[i] * p.stress[i][j] * p.normal[j];
          // gap (u_2 - u_1).n_12 across a contact interface: each side adds
          // -u_side . n_out (n_12 = n_out of side 1 = -n_out of side 2)
          const double g =
              mech.in_second_body(p.this_phase) != mech.in_second_body(p.other_phase)
                  ? -(p.displacement * p.normal)
                  : 0.0;
          bool    created;
          double *v = sides.get(id_of(p.cell, p.face, p.q), p.point, created);
          v[0]      = sn;
          v[1]      = g;
        });
    sides.copy_to_ghosts(tria);
    // At the points of the faces the electrochemistry may evaluate (not the
    // coarse side of a refined face): the mean sigma_n of both sides and the
    // sum of their gap contributions.
    interface.clear();
    sides.for_each(
        [&](const InterfacePointId &id, const Point<dim> &x, const double *own) {
          const typename Triangulation<dim>::active_cell_iterator c(
              &tria, id.level, id.index);
          if (!c->is_locally_owned() || c->face(id.face)->has_children())
            return;
          const auto       nb = c->neighbor(id.face);
          InterfacePointId other;
          other.level     = nb->level();
          other.index     = nb->index();
          other.face      = c->neighbor_is_coarser(id.face)
                                ? c->neighbor_of_coarser_neighbor(id.face).first
                                : c->neighbor_of_neighbor(id.face);
          const double *o = sides.nearest(other, x);
          bool          created;
          double       *v = interface.get(id, x, created);
          v[0]            = o ? (own[0] + o[0]) / 2 : own[0];
          v[1]            = o ? own[1] + o[1] : own[1];
        });
  }

  template <int dim>
  InterfacePointId
  CellMechanics<dim>::id_of(const typename Triangulation<dim>::active_cell_iterator &cell,
                            const unsigned int                                       face,
                            const unsigned int                                       q)
  {
    InterfacePointId id;
    id.level = cell->level();
    id.index = cell->index();
    id.face  = face;
    id.q     = q;
    return id;
  }

  template <int dim>
  void
  CellMechanics<dim>::prepare_for_refinement()
  {
    mech.prepare_for_refinement();
  }

  template <int dim>
  void
  CellMechanics<dim>::finish_refinement()
  {
    mech.finish_refinement();
    tabulate_interface();
  }

  template <int dim>
  std::vector<std::pair<std::string, std::string>>
  CellMechanics<dim>::write_output(const std::string &directory,
                                   const unsigned int index,
                                   const double) const
  {
    return {{"mechanics", mech.write_vtu(directory, "mechanics", index)}};
  }

  template <int dim>
  void
  CellMechanics<dim>::save(Checkpoint &checkpoint) const
  {
    mech.save(checkpoint);
    checkpoint.set(name(), {double(mech.n_dofs())});
  }

  template <int dim>
  void
  CellMechanics<dim>::load(const Checkpoint &)
  {
    mech.load();
    tabulate_interface();
  }

  template <int dim>
  double
  CellMechanics<dim>::gap(const InterfacePointId &id) const
  {
    const double *v = interface.find(id);
    return v ? v[1] : 0.0;
  }

  template <int dim>
  double
  CellMechanics<dim>::normal_stress(const InterfacePointId &id) const
  {
    const double *v = interface.find(id);
    return v ? v[0] : 0.0;
  }

  template <int dim>
  std::pair<double, double>
  CellMechanics<dim>::normal_stress_range() const
  {
    double tension = 0, compression = 0;
    interface.for_each(
        [&](const InterfacePointId &, const Point<dim> &, const double *v) {
          tension     = std::max(tension, v[0]);
          compression = std::max(compression, -v[0]);
        });
    return {Utilities::MPI::max(tension, MPI_COMM_WORLD),
            Utilities::MPI::max(compression, MPI_COMM_WORLD)};
  }

  template class CellMechanics<2>;
  template class CellMechanics<3>;
} // namespace MesoCell
