#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/utilities.h>

#include <deal.II/distributed/grid_refinement.h>
#include <deal.II/distributed/solution_transfer.h>

#include <deal.II/dofs/dof_tools.h>

#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values.h>

#include <deal.II/grid/grid_refinement.h>

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_postprocessor.h>
#include <deal.II/numerics/vector_tools.h>

#include <mesocell/core/constants.h>
#include <mesocell/core/errors.h>
#include <mesocell/interfaces/butler_volmer.h>
#include <mesocell/interfaces/interface_law.h>
#include <mesocell/numerics/bdf.h>
#include <mesocell/numerics/newton.h>
#include <mesocell/physics/electrochemistry.h>

#include <petscksp.h>

#include <cmath>
#include <deal.II/differentiation/ad/sacado_number_types.h>
#include <deal.II/hp/fe_values.h>
#include <deal.II/hp/mapping_collection.h>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>

namespace MesoCell
{
  using namespace dealii;
  /// Forward AD types of the local residuals: fixed capacity on the stack
  /// (no heap allocation per number) up to 40 derivatives, which covers Q1
  /// cells and interface pairs (two Q1 cells of two fields and the cell
  /// voltage: 33 in 3D); heap-allocated DFad above (Q2).
  using ADSmall  = Sacado::Fad::SLFad<double, 40>;
  using ADNumber = Sacado::Fad::DFad<double>;

  namespace
  {
    inline double
    val(const double x)
    {
      return x;
    }
    template <typename T>
    inline double
    val(const T &x)
    {
      return x.val();
    }
    /// f + df (arg - arg_value): value and first derivative of a law
    /// evaluated in doubles, carried over to the AD number type.
    template <typename T>
    T
    linearize(const T &arg, const double f, const double df)
    {
      return f + df * (arg - val(arg));
    }

    bool
    is_solid(const PhaseType t)
    {
      return t == PhaseType::active || t == PhaseType::conductor ||
             t == PhaseType::lithium;
    }

    bool
    is_electrolyte(const PhaseType t)
    {
      return t == PhaseType::polymer || t == PhaseType::ceramic;
    }

    using Coupling = InterfaceCoupling;

    /// The coupling of two phases, and whether (a, b) must be swapped so
    /// that the first one is the reaction's solid or the polymer: the
    /// registered interface laws (source/interfaces/laws/), one table lookup.
    std::pair<Coupling, bool>
    coupling(const PhaseType a, const PhaseType b)
    {
      const InterfacePair &pair = interface_law(a, b);
      return {pair.coupling, pair.swap};
    }

    using InterfacePoint = InterfaceSample;
    using PointCallback  = std::function<void(const InterfaceSample &)>;

    /// Field values (and gradients) of one side at one quadrature point.
    template <typename T>
    struct SideValues
    {
      T      value[n_fields];
      double old_value[n_fields]; ///< a1 y_n + a2 y_{n-1}
      bool   present[n_fields];
    };
  } // namespace

  namespace
  {
    /// Call f(cell, local index i, global dof, field) for every dof of every
    /// locally owned cell (dofs shared by cells are visited once per cell).
    template <int dim, typename F>
    void
    for_each_cell_dof(const DoFHandler<dim> &dof_handler, const F &f)
    {
      std::vector<types::global_dof_index> dofs;
      for (const auto &cell : dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            dofs.resize(cell->get_fe().n_dofs_per_cell());
            cell->get_dof_indices(dofs);
            for (unsigned int i = 0; i < dofs.size(); ++i)
              f(cell, dofs[i], cell->get_fe().system_to_component_index(i).first);
          }
    }
  } // namespace

  const std::vector<std::string> &
  field_names()
  {
    static const std::vector<std::string> names{"c_s", "phi_s", "c_e", "phi_e", "phi_c"};
    return names;
  }

  // --------------------------------------------------------------------------
  // Construction and set-up
  // --------------------------------------------------------------------------
  template <int dim>
  Electrochemistry<dim>::Electrochemistry(parallel::distributed::Triangulation<dim> &tria,
                                          const ElectrochemistryModel     &model,
                                          const NonlinearSolverParameters &solver)
    : comm(tria.get_communicator())
    , tria(tria)
    , model(model)
    , prm(solver)
    , dof_handler(tria)
    , pcout(std::cout, Utilities::MPI::this_mpi_process(tria.get_communicator()) == 0)
    , computing_timer(std::make_unique<TimerOutput>(
          comm, pcout, TimerOutput::never, TimerOutput::wall_times))
  {
    if (!(model.temperature > 0))
      throw std::invalid_argument("Electrochemistry: ElectrochemistryModel::temperature "
                                  "is not set (a temperature > 0 K is required)");
    const FE_Q<dim>       fe_q(model.degree);
    const FE_Nothing<dim> nothing;
    const auto            system = [&](const std::vector<unsigned int> &present) {
      std::vector<const FiniteElement<dim> *> fes;
      for (unsigned int k = 0; k < n_fields; ++k)
        fes.push_back(std::find(present.begin(), present.end(), k) != present.end()
                          ? static_cast<const FiniteElement<dim> *>(&fe_q)
                          : &nothing);
      return FESystem<dim>(fes, std::vector<unsigned int>(n_fields, 1));
    };
    fe.push_back(system({c_s, phi_s})); // active
    fe.push_back(system({c_e, phi_e})); // polymer
    fe.push_back(system({phi_c}));      // ceramic
    fe.push_back(system({phi_s}));      // conductor, lithium
    for (unsigned int i = 0; i < fe.size(); ++i)
      {
        q.push_back(QGauss<dim>(model.degree + 1));
        q_face.push_back(QGauss<dim - 1>(model.degree + 1));
      }
  }

  template <int dim>
  Electrochemistry<dim>::~Electrochemistry()
  {
    dof_handler.clear();
  }

  template <int dim>
  unsigned int
  Electrochemistry<dim>::fe_index(const PhaseType t) const
  {
    switch (t)
      {
      case PhaseType::active:
        return 0;
      case PhaseType::polymer:
        return 1;
      case PhaseType::ceramic:
        return 2;
      default:
        return 3;
      }
  }

  template <int dim>
  const Material &
  Electrochemistry<dim>::material(const types::material_id id) const
  {
    const auto it = model.phase_material.find(id);
    if (it == model.phase_material.end())
      throw InputError("the mesh has a phase (material id " + std::to_string(id) +
                       ") without a material");
    return it->second;
  }

  template <int dim>
  void
  Electrochemistry<dim>::set_dirichlet(const types::boundary_id id,
                                       const Function<dim>     *f)
  {
    changed();
    dirichlet[id] = f;
  }

  template <int dim>
  void
  Electrochemistry<dim>::set_forcing(const ManufacturedForcing<dim> *f)
  {
    changed();
    forcing = f;
  }

  template <int dim>
  void
  Electrochemistry<dim>::setup()
  {
    changed();
    TimerOutput::Scope t(*computing_timer, "setup");
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        cell->set_active_fe_index(fe_index(material(cell->material_id()).type));
    linear_solver.reset();
    voltage_column.clear();
    dof_handler.distribute_dofs(fe);
    owned    = dof_handler.locally_owned_dofs();
    relevant = DoFTools::extract_locally_relevant_dofs(dof_handler);
    setup_constraints();
    setup_matrix();
    setup_vectors();
  }

  template <int dim>
  void
  Electrochemistry<dim>::setup_constraints()
  {
    hanging.clear();
    hanging.reinit(relevant);
    DoFTools::make_hanging_node_constraints(dof_handler, hanging);
    hanging.close();

    // Terminal dofs: phi_s on solid faces of the terminals.
    const hp::MappingCollection<dim> mappings(mapping);
    const ComponentMask phi_s_mask = fe.component_mask(FEValuesExtractors::Scalar(phi_s));
    const Functions::ConstantFunction<dim> one(1.0, n_fields);
    const auto terminal_dofs = [&](const std::set<types::boundary_id> &ids) {
      std::map<types::global_dof_index, double>           values;
      std::map<types::boundary_id, const Function<dim> *> functions;
      for (const auto id : ids)
        functions[id] = &one;
      if (!functions.empty())
        VectorTools::interpolate_boundary_values(
            mappings, dof_handler, functions, values, phi_s_mask);
      return values;
    };
    terminal_plus  = terminal_dofs(model.positive_terminal);
    terminal_minus = terminal_dofs(model.negative_terminal);

    constraints.clear();
    constraints.reinit(relevant);
    constraints.merge(hanging);
    const auto add_homogeneous =
        [&](const std::map<types::global_dof_index, double> &dofs) {
          for (const auto &[i, v] : dofs)
            if (constraints.can_store_line(i) && !constraints.is_constrained(i))
              constraints.add_line(i);
        };
    add_homogeneous(terminal_plus);
    add_homogeneous(terminal_minus);
    if (!dirichlet.empty())
      {
        std::map<types::global_dof_index, double> values;
        VectorTools::interpolate_boundary_values(
            mappings, dof_handler, dirichlet, values);
        add_homogeneous(values);
      }
    constraints.close();
  }

  template <int dim>
  void
  Electrochemistry<dim>::setup_matrix()
  {
    DynamicSparsityPattern dsp(relevant);
    DoFTools::make_sparsity_pattern(dof_handler, dsp, constraints, false);
    // Couplings across interfaces (both cells' dofs).
    std::vector<types::global_dof_index> a, b;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int f : cell->face_indices())
          if (!cell->at_boundary(f) && !cell->neighbor(f)->has_children())
            {
              const auto neighbor = cell->neighbor(f);
              if (coupling(material(cell->material_id()).type,
                           material(neighbor->material_id()).type)
                      .first == Coupling::none)
                continue;
              a.resize(cell->get_fe().n_dofs_per_cell());
              b.resize(neighbor->get_fe().n_dofs_per_cell());
              cell->get_dof_indices(a);
              neighbor->get_dof_indices(b);
              a.insert(a.end(), b.begin(), b.end());
              constraints.add_entries_local_to_global(a, dsp, false);
            }
    SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
    matrix.reinit(owned, owned, dsp, comm);
  }

  template <int dim>
  void
  Electrochemistry<dim>::setup_vectors()
  {
    x.reinit(owned, comm);
    x_ghost.reinit(owned, relevant, comm);
    x_old.reinit(owned, relevant, comm);
    x_old2.reinit(owned, relevant, comm);
    lift.reinit(owned, comm);
    lift_ghost.reinit(owned, relevant, comm);
    scale.reinit(owned, comm);

    for (const auto &[i, v] : terminal_plus)
      if (owned.is_element(i))
        lift[i] = 1.0;
    lift.compress(VectorOperation::insert);
    hanging.distribute(lift);
    lift_ghost = lift;

    // Per-dof weights of the update and error norms.
    const auto range = scale.local_range();
    concentration_dof.assign(range.second - range.first, false);
    for_each_cell_dof(dof_handler,
                      [&](const auto &cell, const auto dof, const unsigned int k) {
                        if (!owned.is_element(dof))
                          return;
                        const Material &m = material(cell->material_id());
                        concentration_dof[dof - range.first] = k == c_s || k == c_e;
                        scale[dof] = k == c_s   ? 1.0 / m.maximum_concentration
                                     : k == c_e ? 1.0 / m.reference_concentration
                                                : 1.0;
                      });
    scale.compress(VectorOperation::insert);
  }

  template <int dim>
  void
  Electrochemistry<dim>::apply_terminal_values(PETScWrappers::MPI::Vector &v,
                                               const double                voltage) const
  {
    for (const auto &[i, value] : terminal_plus)
      if (owned.is_element(i))
        v[i] = voltage;
    for (const auto &[i, value] : terminal_minus)
      if (owned.is_element(i))
        v[i] = 0.0;
    if (!dirichlet.empty())
      {
        std::map<types::global_dof_index, double> values;
        for (const auto &[id, f] : dirichlet)
          const_cast<Function<dim> *>(f)->set_time(time);
        VectorTools::interpolate_boundary_values(
            hp::MappingCollection<dim>(mapping), dof_handler, dirichlet, values);
        for (const auto &[i, value] : values)
          if (owned.is_element(i))
            v[i] = value;
      }
    v.compress(VectorOperation::insert);
    hanging.distribute(v);
  }

  template <int dim>
  void
  Electrochemistry<dim>::initialize()
  {
    changed();
    // Uniform state at rest.
    double V0          = 0;
    bool   have_active = false;
    for (const auto &[id, m] : model.phase_material)
      if (m.type == PhaseType::active && !have_active)
        {
          const double x0 =
              model.initial_lithiation < 0 ? m.x_charged : model.initial_lithiation;
          V0          = m.ocp(x0, model.temperature).value;
          have_active = true;
        }
    // phi_s starts at the rest potential of the first active material (0 in
    // Li); potentials are solved consistently right after.
    for_each_cell_dof(
        dof_handler, [&](const auto &cell, const auto dof, const unsigned int k) {
          if (!owned.is_element(dof))
            return;
          const Material &m = material(cell->material_id());
          const double    x0 =
              model.initial_lithiation < 0 ? m.x_charged : model.initial_lithiation;
          x[dof] = k == c_s     ? m.maximum_concentration * x0
                   : k == c_e   ? m.reference_concentration
                   : k == phi_s ? (m.type == PhaseType::lithium ? 0.0 : V0)
                                : 0.0;
        });
    x.compress(VectorOperation::insert);
    V = V0;
    apply_terminal_values(x, V);
    x_ghost = x;
    x_old   = x;
    x_old2  = x;
    V_old = V_old2 = V;

    if (model.positive_terminal.empty() && model.negative_terminal.empty())
      return;
    // Potentials consistent with the concentrations at zero current: one
    // step so short that the concentrations cannot move.
    in_initialization  = true;
    const StepResult r = solve_step(0.0, 1e-9, 1e-9, 1, Control::current, 0.0);
    in_initialization  = false;
    if (!r.converged)
      throw SolverError("the initial potentials (at rest) could not be computed: " +
                        r.failure);
    accept_step();
    x_old2 = x_old;
    V_old2 = V_old;
  }

  template <int dim>
  void
  Electrochemistry<dim>::interpolate_state(const Function<dim> &f)
  {
    changed();
    VectorTools::interpolate(hp::MappingCollection<dim>(mapping), dof_handler, f, x);
    x_ghost = x;
    x_old   = x;
    x_old2  = x;
  }

  // --------------------------------------------------------------------------
  // Local residuals
  // --------------------------------------------------------------------------
  namespace
  {
    /// Values and gradients of the fields at one quadrature point of a cell.
    template <int dim, typename Number>
    struct CellPointValues
    {
      Number value[n_fields];
      Number grad[n_fields][dim];
      double old_value[n_fields]; ///< a1 y_n + a2 y_{n-1}
    };

    /// Time derivative and flux (the one whose divergence balances) of every
    /// field at one quadrature point, in the units of the residual.
    template <int dim, typename Number>
    struct BulkTerms
    {
      Number dcdt[n_fields];
      Number flux[n_fields][dim];
    };

    /// A field-major order of the local dofs of a finite element of the
    /// collection: local dof i is the element's dof shape[i]; the dofs of
    /// fields[a] are [start[a], start[a + 1]).
    struct FieldOrder
    {
      std::vector<unsigned int> shape, fields, start;
    };
  } // namespace

  template <int dim>
  struct Electrochemistry<dim>::Assembly
  {
    const Electrochemistry<dim> &s;
    const double                 T;

    /// Values of the fields at quadrature point q of one side; @p u are the
    /// side's dof values, @p old the matching a1 u_n + a2 u_{n-1}.
    template <typename Number>
    void
    side_values(const FEValuesBase<dim> &fv,
                const unsigned int       q,
                const Number            *u,
                const double            *old,
                SideValues<Number>      &out) const
    {
      const FiniteElement<dim> &fe = fv.get_fe();
      for (unsigned int k = 0; k < n_fields; ++k)
        {
          out.value[k]     = 0;
          out.old_value[k] = 0;
          out.present[k]   = false;
        }
      for (unsigned int i = 0; i < fe.n_dofs_per_cell(); ++i)
        {
          const unsigned int k  = fe.system_to_component_index(i).first;
          const double       ph = fv.shape_value(i, q);
          out.value[k] += u[i] * ph;
          out.old_value[k] += old[i] * ph;
          out.present[k] = true;
        }
    }

    /// Values and gradients at quadrature point q of a cell whose dof i
    /// belongs to field comp[i].
    template <typename Number>
    static void
    point_values(const FEValuesBase<dim>         &fv,
                 const unsigned int               q,
                 const std::vector<unsigned int> &comp,
                 const Number                    *u,
                 const double                    *old,
                 CellPointValues<dim, Number>    &p)
    {
      for (unsigned int k = 0; k < n_fields; ++k)
        {
          p.value[k]     = 0;
          p.old_value[k] = 0;
          for (unsigned int d = 0; d < dim; ++d)
            p.grad[k][d] = 0;
        }
      for (unsigned int i = 0; i < comp.size(); ++i)
        {
          const double          ph = fv.shape_value(i, q);
          const Tensor<1, dim> &g  = fv.shape_grad(i, q);
          p.value[comp[i]] += u[i] * ph;
          p.old_value[comp[i]] += old[i] * ph;
          for (unsigned int d = 0; d < dim; ++d)
            p.grad[comp[i]][d] += u[i] * g[d];
        }
    }

    /// Active material: Fickian diffusion of c_s, Ohm's law for phi_s.
    template <typename Number>
    void
    active_terms(const Material                     &m,
                 const CellPointValues<dim, Number> &p,
                 BulkTerms<dim, Number>             &b) const
    {
      const double F = faraday_constant;
      const double D = m.diffusivity(T);
      b.dcdt[c_s]    = F * (s.a0 * p.value[c_s] + p.old_value[c_s]);
      for (unsigned int d = 0; d < dim; ++d)
        {
          b.flux[c_s][d]   = F * D * p.grad[c_s][d];
          b.flux[phi_s][d] = m.electronic_conductivity * p.grad[phi_s][d];
        }
    }

    /// Polymer: concentrated-solution theory for c_e and phi_e.
    template <typename Number>
    void
    polymer_terms(const Material                     &m,
                  const CellPointValues<dim, Number> &p,
                  BulkTerms<dim, Number>             &b) const
    {
      const double  F = faraday_constant;
      const Number &c = p.value[c_e];
      if (!(val(c) > 0))
        throw std::domain_error("salt concentration " + std::to_string(val(c)) +
                                " mol/m^3 <= 0 in " + m.name);
      const ValueAndSlope kv    = m.conductivity(val(c), T);
      const Number        kappa = linearize(c, kv.value, kv.slope);
      const Number kD = 2 * kappa * gas_constant * T / F * (1 - m.transference_number) *
                        m.thermodynamic_factor;
      const double D = m.diffusivity(T);
      b.dcdt[c_e]    = F * (s.a0 * c + p.old_value[c_e]);
      for (unsigned int d = 0; d < dim; ++d)
        {
          b.flux[c_e][d]   = F * D * p.grad[c_e][d];
          b.flux[phi_e][d] = kappa * p.grad[phi_e][d] - kD * p.grad[c_e][d] / c;
        }
    }

    /// The bulk terms of the phase type of @p m.
    template <typename Number>
    void
    bulk_terms(const Material                     &m,
               const CellPointValues<dim, Number> &p,
               BulkTerms<dim, Number>             &b) const
    {
      for (unsigned int k = 0; k < n_fields; ++k)
        {
          b.dcdt[k] = 0;
          for (unsigned int d = 0; d < dim; ++d)
            b.flux[k][d] = 0;
        }
      switch (m.type)
        {
        case PhaseType::active:
          active_terms(m, p, b);
          break;
        case PhaseType::polymer:
          polymer_terms(m, p, b);
          break;
        case PhaseType::ceramic:
          {
            const double kappa = m.conductivity(0.0, T).value;
            for (unsigned int d = 0; d < dim; ++d)
              b.flux[phi_c][d] = kappa * p.grad[phi_c][d];
            break;
          }
        default:
          for (unsigned int d = 0; d < dim; ++d)
            b.flux[phi_s][d] = m.electronic_conductivity * p.grad[phi_s][d];
        }
    }

    /// Bulk residual of one cell, in the units of the residual (A).
    template <typename Number>
    void
    cell(const FEValuesBase<dim>         &fv,
         const Material                  &m,
         const std::vector<unsigned int> &comp,
         const Number                    *u,
         const double                    *old,
         Number                          *R) const
    {
      const unsigned int n = comp.size();
      for (unsigned int q = 0; q < fv.n_quadrature_points; ++q)
        {
          CellPointValues<dim, Number> p;
          point_values(fv, q, comp, u, old, p);
          BulkTerms<dim, Number> b;
          bulk_terms(m, p, b);
          double source[n_fields] = {0, 0, 0, 0, 0};
          if (s.forcing)
            for (unsigned int k = 0; k < n_fields; ++k)
              source[k] =
                  s.forcing->source(Field(k), m.type, fv.quadrature_point(q), s.time);
          const double JxW = fv.JxW(q);
          for (unsigned int i = 0; i < n; ++i)
            {
              const unsigned int    k  = comp[i];
              const double          ph = fv.shape_value(i, q);
              const Tensor<1, dim> &g  = fv.shape_grad(i, q);
              Number                r  = (b.dcdt[k] - source[k]) * ph;
              for (unsigned int d = 0; d < dim; ++d)
                r += b.flux[k][d] * g[d];
              R[i] += r * JxW;
            }
        }
    }

    /**
     * Bulk residual and Jacobian of one cell, with forward AD only at the
     * quadrature-point laws: the independents are the values and gradients
     * of the (at most two) fields of the phase at the point, and the finite
     * element chain rule dR_i/du_j is applied by hand, block by block of
     * fields, skipping the blocks a law does not couple. The local dofs are
     * in the field-major order of @p order (order.shape[i]: the finite
     * element's index of local dof i). Same numbers as AD over all dofs of
     * the cell at a fraction of the cost.
     */
    void
    cell_jacobian(const FEValuesBase<dim> &fv,
                  const Material          &m,
                  const FieldOrder        &order,
                  const double            *u,
                  const double            *old,
                  double                  *R,
                  FullMatrix<double>      &A) const
    {
      constexpr unsigned int per_field = 1 + dim;
      using PointAD                    = Sacado::Fad::SFad<double, 2 * per_field>;
      const unsigned int n             = order.shape.size();
      const unsigned int n_present     = order.fields.size();
      AssertThrow(n_present <= 2, ExcInternalError());
      A.reinit(n, n);
      // shape values and gradients in the local order: S[r * n + i]
      std::vector<double> S(per_field * n), W(n_present * per_field * n);
      for (unsigned int q = 0; q < fv.n_quadrature_points; ++q)
        {
          for (unsigned int i = 0; i < n; ++i)
            {
              S[i]                    = fv.shape_value(order.shape[i], q);
              const Tensor<1, dim> &g = fv.shape_grad(order.shape[i], q);
              for (unsigned int d = 0; d < dim; ++d)
                S[(1 + d) * n + i] = g[d];
            }
          CellPointValues<dim, PointAD> p;
          for (unsigned int k = 0; k < n_fields; ++k)
            {
              p.value[k]     = 0;
              p.old_value[k] = 0;
              for (unsigned int d = 0; d < dim; ++d)
                p.grad[k][d] = 0;
            }
          for (unsigned int a = 0; a < n_present; ++a)
            {
              const unsigned int k = order.fields[a];
              double             v = 0, vo = 0, g[dim] = {};
              for (unsigned int i = order.start[a]; i < order.start[a + 1]; ++i)
                {
                  v += u[i] * S[i];
                  vo += old[i] * S[i];
                  for (unsigned int d = 0; d < dim; ++d)
                    g[d] += u[i] * S[(1 + d) * n + i];
                }
              p.value[k]     = PointAD(2 * per_field, a * per_field, v);
              p.old_value[k] = vo;
              for (unsigned int d = 0; d < dim; ++d)
                p.grad[k][d] = PointAD(2 * per_field, a * per_field + 1 + d, g[d]);
            }
          BulkTerms<dim, PointAD> b;
          bulk_terms(m, p, b);
          const double JxW = fv.JxW(q);
          for (unsigned int a = 0; a < n_present; ++a)
            {
              const unsigned int k = order.fields[a];
              const double       source =
                  s.forcing ? s.forcing->source(
                                  Field(k), m.type, fv.quadrature_point(q), s.time)
                                  : 0.0;
              for (unsigned int i = order.start[a]; i < order.start[a + 1]; ++i)
                {
                  double r = (b.dcdt[k].val() - source) * S[i];
                  for (unsigned int d = 0; d < dim; ++d)
                    r += b.flux[k][d].val() * S[(1 + d) * n + i];
                  R[i] += r * JxW;
                }
              for (unsigned int c = 0; c < n_present; ++c)
                add_block(b, order, a, c, S, JxW, W, A);
            }
        }
    }

    /// The Jacobian block of the rows of field a and the columns of field c
    /// at one quadrature point: W[r * n + j] = d(row r)/d(dof j), rows being
    /// dc/dt and the flux components, then A(i, j) += sum_r S_r(i) W_r(j).
    template <typename PointAD>
    static void
    add_block(const BulkTerms<dim, PointAD> &b,
              const FieldOrder              &order,
              const unsigned int             a,
              const unsigned int             c,
              const std::vector<double>     &S,
              const double                   JxW,
              std::vector<double>           &W,
              FullMatrix<double>            &A)
    {
      constexpr unsigned int per_field = 1 + dim;
      const unsigned int     n         = order.shape.size();
      const unsigned int     k         = order.fields[a];
      const unsigned int     o         = c * per_field;
      // dy[r][e]: derivative of row r by the value (e = 0) and gradient of c
      double dy[per_field][per_field];
      bool   coupled = false;
      for (unsigned int r = 0; r < per_field; ++r)
        {
          const PointAD &y = r == 0 ? b.dcdt[k] : b.flux[k][r - 1];
          for (unsigned int e = 0; e < per_field; ++e)
            {
              dy[r][e] = y.fastAccessDx(o + e) * JxW;
              coupled  = coupled || dy[r][e] != 0;
            }
        }
      if (!coupled)
        return;
      const unsigned int j0 = order.start[c], j1 = order.start[c + 1];
      for (unsigned int r = 0; r < per_field; ++r)
        for (unsigned int j = j0; j < j1; ++j)
          {
            double w = 0;
            for (unsigned int e = 0; e < per_field; ++e)
              w += dy[r][e] * S[e * n + j];
            W[r * n + j] = w;
          }
      for (unsigned int i = order.start[a]; i < order.start[a + 1]; ++i)
        {
          double *Ai = &A(i, 0);
          for (unsigned int r = 0; r < per_field; ++r)
            {
              const double  si = S[r * n + i];
              const double *Wr = &W[r * n];
              for (unsigned int j = j0; j < j1; ++j)
                Ai[j] += si * Wr[j];
            }
        }
    }

    /// Contact state at an interface point: the model's uniform fraction,
    /// or the per-point hook when set.
    InterfaceContact
    contact_at(const InterfacePointId &id,
               const Point<dim>       &p,
               const Material         &ma,
               const Material         &mb) const
    {
      InterfaceContact contact;
      contact.theta = s.model.contact_fraction;
      if (s.interface_contact)
        contact = s.interface_contact(id, p, ma, mb);
      return contact;
    }

    /// Side values of a Li foil: only phi_s, the metal's potential.
    template <typename Number>
    static void
    foil_values(const Number &potential, const double old, SideValues<Number> &A)
    {
      for (unsigned int k = 0; k < n_fields; ++k)
        {
          A.value[k]     = 0;
          A.old_value[k] = 0;
          A.present[k]   = false;
        }
      A.value[phi_s]     = potential;
      A.old_value[phi_s] = old;
    }

    /// The factors of the exchange current density @p i0 that depend on
    /// the state (surface lithiation, salt concentration), and the open
    /// circuit potential @p U of an active solid.
    template <typename Number>
    void
    surface_state(const Material           &ma,
                  const Material           &mb,
                  const SideValues<Number> &A,
                  const SideValues<Number> &B,
                  Number                   &U,
                  Number                   &i0) const
    {
      using std::pow;
      if (ma.type == PhaseType::active)
        {
          const Number x = A.value[c_s] / ma.maximum_concentration;
          if (!(val(x) > 0 && val(x) < 1))
            throw std::domain_error("lithiation " + std::to_string(val(x)) +
                                    " outside (0,1) at the surface of " + ma.name);
          const ValueAndSlope u = ma.ocp(val(x), T);
          U                     = linearize(x, u.value, u.slope);
          i0 *= pow((1 - x) / 0.5, ma.alpha_a) * pow(x / 0.5, ma.alpha_c);
        }
      if (mb.type == PhaseType::polymer)
        {
          const Number &c = B.value[c_e];
          if (!(val(c) > 0))
            throw std::domain_error("salt concentration " + std::to_string(val(c)) +
                                    " mol/m^3 <= 0 at a reaction interface");
          i0 *= pow(c / mb.reference_concentration, ma.alpha_a);
        }
    }

    /// Reaction (Butler-Volmer with film resistance, double layer) between
    /// the solid a (active or lithium) and the electrolyte b.
    template <typename Number>
    void
    reaction(const Material           &ma,
             const Material           &mb,
             const SideValues<Number> &A,
             const SideValues<Number> &B,
             const InterfaceContact   &contact,
             Number                   *flux_a,
             Number                   *flux_b,
             InterfacePoint           *info) const
    {
      const bool    polymer = mb.type == PhaseType::polymer;
      const Number &phi_l   = polymer ? B.value[phi_e] : B.value[phi_c];
      Number        U       = 0;
      Number i0 = (polymer ? ma.exchange_current_polymer : ma.exchange_current_ceramic) *
                  ma.temperature_factor(T);
      surface_state(ma, mb, A, B, U, i0);
      Number delta = A.value[phi_s] - phi_l - U;
      // Monroe-Newman: the normal stress shifts the driving force of Li
      // deposition; compression (sigma_n < 0) favours stripping.
      if (ma.type == PhaseType::lithium)
        delta -= ma.molar_volume * contact.normal_stress / faraday_constant;
      const auto   bv = butler_volmer(val(delta),
                                    val(i0),
                                    contact.theta,
                                    ma.alpha_a,
                                    ma.alpha_c,
                                    ma.film_resistance,
                                    T);
      const Number j =
          bv.j + bv.dj_ddelta * (delta - val(delta)) + bv.dj_di0 * (i0 - val(i0));
      Number j_total = j;
      if (s.model.double_layer && !s.in_initialization)
        {
          const double old_dphi =
              A.old_value[phi_s] - (polymer ? B.old_value[phi_e] : B.old_value[phi_c]);
          j_total +=
              ma.double_layer_capacitance * (s.a0 * (A.value[phi_s] - phi_l) + old_dphi);
        }
      flux_a[c_s]   = j; // F (j/F)
      flux_a[phi_s] = j_total;
      if (polymer)
        {
          flux_b[c_e]   = -(1 - mb.transference_number) * j;
          flux_b[phi_e] = -j_total;
        }
      else
        flux_b[phi_c] = -j_total;
      if (info)
        {
          info->j       = val(j);
          info->j_total = val(j_total);
          info->eta     = bv.eta;
          info->theta   = contact.theta;
          info->c_e     = polymer ? val(B.value[c_e]) : 0.0;
          info->active  = ma.type == PhaseType::active;
          if (info->active)
            info->lithiation = val(A.value[c_s]) / ma.maximum_concentration;
        }
    }

    /// Li+ transfer between the polymer a and the ceramic b.
    template <typename Number>
    static void
    transfer(const Material           &ma,
             const Material           &mb,
             const SideValues<Number> &A,
             const SideValues<Number> &B,
             const double              theta,
             Number                   *flux_a,
             Number                   *flux_b,
             InterfacePoint           *info)
    {
      const Number i = theta * (A.value[phi_e] - B.value[phi_c]) / mb.transfer_resistance;
      flux_a[phi_e]  = i;
      flux_a[c_e]    = (1 - ma.transference_number) * i;
      flux_b[phi_c]  = -i;
      if (info)
        {
          info->j        = val(i);
          info->j_total  = val(i);
          info->eta      = val(A.value[phi_e] - B.value[phi_c]);
          info->theta    = theta;
          info->transfer = true;
        }
    }

    /// The test functions of both sides times the fluxes at point q.
    template <typename Number>
    static void
    add_fluxes(const FEValuesBase<dim> *fa,
               const FEValuesBase<dim> &fb,
               const unsigned int       q,
               const Number            *flux_a,
               const Number            *flux_b,
               Number                  *Ra,
               Number                  *Rb)
    {
      const double JxW = fb.JxW(q);
      if (fa)
        for (unsigned int i = 0; i < fa->get_fe().n_dofs_per_cell(); ++i)
          Ra[i] += flux_a[fa->get_fe().system_to_component_index(i).first] *
                   fa->shape_value(i, q) * JxW;
      for (unsigned int i = 0; i < fb.get_fe().n_dofs_per_cell(); ++i)
        Rb[i] += flux_b[fb.get_fe().system_to_component_index(i).first] *
                 fb.shape_value(i, q) * JxW;
    }

    /**
     * Residual of one interface (or Li-foil boundary) face. Side a is the
     * reaction's solid (active or lithium) or the polymer of a transfer
     * interface; side b the electrolyte or the ceramic. For a foil, @p fa
     * is null and @p foil_potential is the metal's phi_s.
     */
    template <typename Number>
    void
    interface(const FEValuesBase<dim> *fa,
              const FEValuesBase<dim> &fb,
              const Material          &ma,
              const Material          &mb,
              const Coupling           kind,
              InterfacePointId         where,
              const Number            *ua,
              const double            *olda,
              const Number            *ub,
              const double            *oldb,
              const Number            *foil_potential,
              const double             foil_old,
              Number                  *Ra,
              Number                  *Rb,
              const PointCallback     *callback) const
    {
      for (unsigned int q = 0; q < fb.n_quadrature_points; ++q)
        {
          where.q = q;
          const InterfaceContact contact =
              contact_at(where, fb.quadrature_point(q), ma, mb);
          SideValues<Number> A, B;
          if (fa)
            side_values(*fa, q, ua, olda, A);
          else
            foil_values(*foil_potential, foil_old, A);
          side_values(fb, q, ub, oldb, B);
          // Normal out of side a = into side b.
          const Tensor<1, dim> n = -fb.normal_vector(q);
          const Point<dim>    &p = fb.quadrature_point(q);
          Number               flux_a[n_fields], flux_b[n_fields];
          for (unsigned int k = 0; k < n_fields; ++k)
            flux_a[k] = flux_b[k] = 0;
          InterfacePoint  info;
          InterfacePoint *sample = callback ? &info : nullptr;
          if (kind == Coupling::reaction)
            reaction(ma, mb, A, B, contact, flux_a, flux_b, sample);
          else // polymer | ceramic transfer
            transfer(ma, mb, A, B, contact.theta, flux_a, flux_b, sample);
          if (s.forcing)
            for (unsigned int k = 0; k < n_fields; ++k)
              {
                if (A.present[k])
                  flux_a[k] += s.forcing->interface_flux(Field(k), p, n, s.time);
                if (B.present[k])
                  flux_b[k] += s.forcing->interface_flux(Field(k), p, -n, s.time);
              }
          add_fluxes(fa, fb, q, flux_a, flux_b, Ra, Rb);
          if (callback)
            {
              for (unsigned int d = 0; d < dim; ++d)
                info.point[d] = p[d];
              info.JxW = fb.JxW(q);
              info.id  = where;
              (*callback)(info);
            }
        }
    }
  };

  // --------------------------------------------------------------------------
  // Assembly of residual, Jacobian, lift column and current functional
  // --------------------------------------------------------------------------
  /**
   * The loops of assemble(): bulk cells, interfaces and Li foils, each
   * evaluating a local residual (with the Jacobian by forward AD) and
   * scattering it into the global system, the lift column b1 = -dR/dV and
   * the current functional I(x, V) with its gradient g.
   */
  template <int dim>
  struct Electrochemistry<dim>::Assembler
  {
    using CellIterator = typename DoFHandler<dim>::active_cell_iterator;

    Electrochemistry<dim>               &s;
    const bool                           jacobian;
    PETScWrappers::MPI::Vector          *rhs, *lift_rhs, *g;
    const PointCallback                 *callback;
    const bool                           want_current;
    const hp::MappingCollection<dim>     mappings;
    hp::FEValues<dim>                    hp_fv;
    hp::FEFaceValues<dim>                hp_fa, hp_fb;
    hp::FESubfaceValues<dim>             hp_sub;
    const Assembly                       as;
    double                               I_local = 0, IdV_local = 0;
    std::vector<types::global_dof_index> dofs, dofs_b;
    std::vector<double>                  u, old, ub, oldb, R;
    mutable std::vector<double>          scratch;
    /// comp[i] = field of dof i, per finite element of the collection
    std::map<const FiniteElement<dim> *, std::vector<unsigned int>> comps;
    std::map<const FiniteElement<dim> *, FieldOrder>                orders;
    FullMatrix<double>                                              A;

    static UpdateFlags
    face_flags()
    {
      return update_values | update_quadrature_points | update_JxW_values |
             update_normal_vectors;
    }

    Assembler(Electrochemistry<dim>      &s,
              const bool                  jacobian,
              PETScWrappers::MPI::Vector *rhs,
              PETScWrappers::MPI::Vector *lift_rhs,
              PETScWrappers::MPI::Vector *g,
              const PointCallback        *callback)
      : s(s)
      , jacobian(jacobian)
      , rhs(rhs)
      , lift_rhs(lift_rhs)
      , g(g)
      , callback(callback)
      , want_current(jacobian && g != nullptr)
      , mappings(s.mapping)
      , hp_fv(mappings,
              s.fe,
              s.q,
              update_values | update_gradients | update_quadrature_points |
                  update_JxW_values)
      , hp_fa(mappings, s.fe, s.q_face, face_flags())
      , hp_fb(mappings, s.fe, s.q_face, face_flags())
      , hp_sub(mappings, s.fe, s.q_face, face_flags())
      , as{s, s.model.temperature}
    {
    }

    /// The field of each dof of @p fe.
    const std::vector<unsigned int> &
    components(const FiniteElement<dim> &fe)
    {
      auto &c = comps[&fe];
      if (c.empty())
        for (unsigned int i = 0; i < fe.n_dofs_per_cell(); ++i)
          c.push_back(fe.system_to_component_index(i).first);
      return c;
    }

    /// The field-major order of the dofs of @p fe.
    const FieldOrder &
    field_order(const FiniteElement<dim> &fe)
    {
      FieldOrder &o = orders[&fe];
      if (!o.shape.empty())
        return o;
      const std::vector<unsigned int> &comp = components(fe);
      for (unsigned int k = 0; k < n_fields; ++k)
        {
          const unsigned int first = o.shape.size();
          for (unsigned int i = 0; i < comp.size(); ++i)
            if (comp[i] == k)
              o.shape.push_back(i);
          if (o.shape.size() > first)
            {
              o.fields.push_back(k);
              o.start.push_back(first);
            }
        }
      o.start.push_back(o.shape.size());
      return o;
    }

    /// Dof values of the iterate and a1 u_n + a2 u_{n-1}.
    void
    dof_values(const std::vector<types::global_dof_index> &d,
               std::vector<double>                        &values,
               std::vector<double>                        &old_values) const
    {
      // One access per vector and cell (element access costs a PETSc
      // local-form round trip per entry).
      const unsigned int n = d.size();
      values.resize(n);
      old_values.resize(n);
      scratch.resize(n);
      s.x_ghost.extract_subvector_to(d.begin(), d.end(), values.begin());
      s.x_old.extract_subvector_to(d.begin(), d.end(), old_values.begin());
      s.x_old2.extract_subvector_to(d.begin(), d.end(), scratch.begin());
      for (unsigned int i = 0; i < n; ++i)
        old_values[i] = s.a1 * old_values[i] + s.a2 * scratch[i];
    }

    /**
     * R = local(values, voltage) and, with the Jacobian, A = dR/d(values)
     * by forward AD with @p n_independent derivatives: the values, then
     * the cell voltage when @p voltage is given (into @p dRdV); without
     * @p voltage the voltage is the constant 0.
     */
    template <typename Local>
    void
    local_residual(const std::vector<double> &values,
                   const unsigned int         n_independent,
                   const double              *voltage,
                   const Local               &local,
                   std::vector<double>       *dRdV = nullptr)
    {
      const unsigned int n = values.size();
      R.assign(n, 0.0);
      if (!jacobian)
        {
          const double v = voltage ? *voltage : 0.0;
          local(values.data(), &v, R.data());
          return;
        }
      if (n_independent <= 40)
        ad_residual<ADSmall>(values, n_independent, voltage, local, dRdV);
      else
        ad_residual<ADNumber>(values, n_independent, voltage, local, dRdV);
    }

    /// local_residual() with the Jacobian, in the AD type @p AD.
    template <typename AD, typename Local>
    void
    ad_residual(const std::vector<double> &values,
                const unsigned int         n_independent,
                const double              *voltage,
                const Local               &local,
                std::vector<double>       *dRdV)
    {
      const unsigned int n = values.size();
      std::vector<AD>    ua(n), Ra(n, AD(0.0));
      for (unsigned int i = 0; i < n; ++i)
        ua[i] = AD(n_independent, i, values[i]);
      const AD v = voltage ? AD(n_independent, n, *voltage) : AD(0.0);
      local(ua.data(), &v, Ra.data());
      A.reinit(n, n);
      for (unsigned int i = 0; i < n; ++i)
        {
          R[i] = Ra[i].val();
          for (unsigned int j = 0; j < n; ++j)
            A(i, j) = Ra[i].dx(j);
          if (dRdV)
            (*dRdV)[i] = Ra[i].dx(n);
        }
    }

    /**
     * Scatter the local residual R (and Jacobian A); with the current
     * functional also the lift column and the current (dRdV: derivative of
     * R with respect to the cell voltage; Ix, dIx, dIx_dV: an explicit
     * contribution to the current functional).
     */
    void
    scatter(const std::vector<types::global_dof_index> &d,
            const std::vector<double>                  *dRdV   = nullptr,
            const double                                Ix     = 0,
            const std::vector<double>                  *dIx    = nullptr,
            const double                                dIx_dV = 0)
    {
      const unsigned int n = d.size();
      Vector<double>     rl(n);
      for (unsigned int i = 0; i < n; ++i)
        rl[i] = -R[i];
      if (jacobian)
        s.constraints.distribute_local_to_global(A, rl, d, s.matrix, *rhs);
      else
        s.constraints.distribute_local_to_global(rl, d, *rhs);
      if (want_current)
        add_current(d, dRdV, Ix, dIx, dIx_dV);
    }

    /// I = -sum over the + terminal dofs (lift e) of R, plus the explicit
    /// part; its gradient g and dI/dV; the lift column -(A e + dR/dV).
    void
    add_current(const std::vector<types::global_dof_index> &d,
                const std::vector<double>                  *dRdV,
                const double                                Ix,
                const std::vector<double>                  *dIx,
                const double                                dIx_dV)
    {
      const unsigned int  n = d.size();
      std::vector<double> e(n);
      s.lift_ghost.extract_subvector_to(d.begin(), d.end(), e.begin());
      bool any = false;
      for (unsigned int i = 0; i < n; ++i)
        any = any || e[i] != 0;
      if (lift_rhs && (any || dRdV))
        add_lift_column(d, e, dRdV);
      if (!any && !dIx)
        return;
      std::vector<double> gl(n, 0.0);
      if (any)
        for (unsigned int i = 0; i < n; ++i)
          if (e[i] != 0)
            {
              I_local -= e[i] * R[i];
              if (dRdV)
                IdV_local -= e[i] * (*dRdV)[i];
              for (unsigned int j = 0; j < n; ++j)
                gl[j] -= e[i] * A(i, j);
            }
      if (dIx)
        {
          I_local += Ix;
          IdV_local += dIx_dV;
          for (unsigned int j = 0; j < n; ++j)
            gl[j] += (*dIx)[j];
        }
      std::vector<PetscScalar>             glp(gl.begin(), gl.end());
      std::vector<types::global_dof_index> dd(d.begin(), d.end());
      g->add(dd, glp);
    }

    void
    add_lift_column(const std::vector<types::global_dof_index> &d,
                    const std::vector<double>                  &e,
                    const std::vector<double>                  *dRdV)
    {
      const unsigned int n = d.size();
      Vector<double>     b(n);
      for (unsigned int i = 0; i < n; ++i)
        {
          double sum = dRdV ? (*dRdV)[i] : 0.0;
          for (unsigned int j = 0; j < n; ++j)
            sum += A(i, j) * e[j];
          b[i] = -sum;
        }
      s.constraints.distribute_local_to_global(b, d, *lift_rhs);
    }

    void
    bulk()
    {
      std::vector<types::global_dof_index> cell_dofs;
      for (const auto &cell : s.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            hp_fv.reinit(cell);
            const FEValues<dim> &fv = hp_fv.get_present_fe_values();
            const Material      &m  = s.material(cell->material_id());
            cell_dofs.resize(cell->get_fe().n_dofs_per_cell());
            cell->get_dof_indices(cell_dofs);
            if (jacobian)
              {
                const FieldOrder &order = field_order(cell->get_fe());
                dofs.resize(cell_dofs.size());
                for (unsigned int i = 0; i < dofs.size(); ++i)
                  dofs[i] = cell_dofs[order.shape[i]];
                dof_values(dofs, u, old);
                R.assign(dofs.size(), 0.0);
                as.cell_jacobian(fv, m, order, u.data(), old.data(), R.data(), A);
              }
            else
              {
                dofs = cell_dofs;
                dof_values(dofs, u, old);
                R.assign(dofs.size(), 0.0);
                as.cell(
                    fv, m, components(cell->get_fe()), u.data(), old.data(), R.data());
              }
            scatter(dofs);
          }
    }

    /// The first point of face @p f of the evaluating cell @p cell.
    static InterfacePointId
    point_id(const CellIterator &cell, const unsigned int f)
    {
      InterfacePointId id;
      id.level = cell->level();
      id.index = cell->index();
      id.face  = f;
      return id;
    }

    /// Interfaces: each face once, from the finer side, or from side a (the
    /// solid or polymer) between cells of the same level.
    void
    interfaces()
    {
      for (const auto &cell : s.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const unsigned int f : cell->face_indices())
            if (!cell->at_boundary(f) && !cell->neighbor(f)->has_children())
              interface_face(cell, f);
    }

    /// The neighbour's side of face @p f of @p cell (a subface of a coarser
    /// neighbour).
    const FEFaceValuesBase<dim> &
    neighbor_values(const CellIterator &cell, const unsigned int f, const bool coarser)
    {
      const auto neighbor = cell->neighbor(f);
      if (coarser)
        {
          const auto [nf, sub] = cell->neighbor_of_coarser_neighbor(f);
          hp_sub.reinit(neighbor, nf, sub);
          return hp_sub.get_present_fe_values();
        }
      hp_fb.reinit(neighbor, cell->neighbor_of_neighbor(f));
      return hp_fb.get_present_fe_values();
    }

    static void
    check_matching(const CellIterator          &cell,
                   const FEFaceValuesBase<dim> &fc,
                   const FEFaceValuesBase<dim> &fn)
    {
      for (unsigned int qp = 0; qp < fc.n_quadrature_points; ++qp)
        if (fc.quadrature_point(qp).distance(fn.quadrature_point(qp)) >
            1e-8 * cell->diameter())
          throw SolverError("interface quadrature points of two cells do not match "
                            "(unsupported face orientation)");
    }

    void
    interface_face(const CellIterator &cell, const unsigned int f)
    {
      const auto      neighbor = cell->neighbor(f);
      const Material &mc       = s.material(cell->material_id());
      const Material &mn       = s.material(neighbor->material_id());
      const auto      cp       = coupling(mc.type, mn.type);
      const Coupling  kind     = cp.first;
      const bool      swap     = cp.second;
      if (kind == Coupling::none)
        return;
      const bool coarser = cell->neighbor_is_coarser(f);
      if (!coarser && swap)
        return;
      hp_fa.reinit(cell, f);
      const FEFaceValuesBase<dim> &fc = hp_fa.get_present_fe_values();
      const FEFaceValuesBase<dim> &fn = neighbor_values(cell, f, coarser);
      check_matching(cell, fc, fn);
      const FEFaceValuesBase<dim> &fva    = swap ? fn : fc;
      const FEFaceValuesBase<dim> &fvb    = swap ? fc : fn;
      const auto                   cell_a = swap ? neighbor : cell;
      const auto                   cell_b = swap ? cell : neighbor;
      const Material              &ma     = swap ? mn : mc;
      const Material              &mb     = swap ? mc : mn;
      const unsigned int           na     = cell_a->get_fe().n_dofs_per_cell();
      dofs.resize(na);
      dofs_b.resize(cell_b->get_fe().n_dofs_per_cell());
      cell_a->get_dof_indices(dofs);
      cell_b->get_dof_indices(dofs_b);
      dof_values(dofs, u, old);
      dof_values(dofs_b, ub, oldb);
      std::vector<types::global_dof_index> joint(dofs);
      joint.insert(joint.end(), dofs_b.begin(), dofs_b.end());
      std::vector<double> values(u);
      values.insert(values.end(), ub.begin(), ub.end());
      local_residual(
          values, joint.size(), nullptr, [&](const auto *x, const auto *v, auto *r) {
            as.interface(&fva,
                         fvb,
                         ma,
                         mb,
                         kind,
                         point_id(cell, f),
                         x,
                         old.data(),
                         x + na,
                         oldb.data(),
                         v,
                         0.0,
                         r,
                         r + na,
                         callback);
          });
      scatter(joint);
    }

    /// Li foil electrodes on electrolyte faces of the terminals.
    void
    foils()
    {
      for (const auto &cell : s.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned() &&
            is_electrolyte(s.material(cell->material_id()).type))
          for (const unsigned int f : cell->face_indices())
            if (cell->at_boundary(f))
              foil_face(cell, f);
    }

    void
    foil_face(const CellIterator &cell, const unsigned int f)
    {
      const types::boundary_id id   = cell->face(f)->boundary_id();
      const bool               plus = s.model.positive_terminal.count(id) > 0;
      if ((!plus && s.model.negative_terminal.count(id) == 0) ||
          s.model.foil_boundaries.count(id) == 0)
        return;
      hp_fb.reinit(cell, f);
      const FEFaceValuesBase<dim> &fvb = hp_fb.get_present_fe_values();
      const Material              &mb  = s.material(cell->material_id());
      const unsigned int           n   = cell->get_fe().n_dofs_per_cell();
      dofs.resize(n);
      cell->get_dof_indices(dofs);
      dof_values(dofs, u, old);
      const double  foil_old = plus ? s.a1 * s.V_old + s.a2 * s.V_old2 : 0.0;
      PointCallback tagged;
      if (callback)
        tagged = [&](const InterfaceSample &p) {
          InterfaceSample t = p;
          t.terminal        = plus ? 1 : -1;
          (*callback)(t);
        };
      std::vector<double> dRdV(n);
      local_residual(
          u,
          n + 1,
          plus ? &s.V : nullptr,
          [&](const auto *x, const auto *v, auto *r) {
            as.interface(static_cast<const FEValuesBase<dim> *>(nullptr),
                         fvb,
                         s.model.foil,
                         mb,
                         Coupling::reaction,
                         point_id(cell, f),
                         decltype(x)(),
                         nullptr,
                         x,
                         old.data(),
                         v,
                         foil_old,
                         decltype(r)(),
                         r,
                         callback ? &tagged : nullptr);
          },
          &dRdV);
      if (!jacobian || !plus)
        {
          scatter(dofs);
          return;
        }
      // I = -(integral of j_total over the + foil): the residuals of the
      // phi_l dofs sum to -(integral of j_total).
      const unsigned int  phi_l = mb.type == PhaseType::polymer ? phi_e : phi_c;
      std::vector<double> dIx(n, 0.0);
      double              Ix = 0, dIx_dV = 0;
      for (unsigned int i = 0; i < n; ++i)
        if (cell->get_fe().system_to_component_index(i).first == phi_l)
          {
            Ix += R[i];
            dIx_dV += dRdV[i];
            for (unsigned int j = 0; j < n; ++j)
              dIx[j] += A(i, j);
          }
      scatter(dofs, &dRdV, Ix, &dIx, dIx_dV);
    }
  };

  template <int dim>
  double
  Electrochemistry<dim>::assemble(const bool                  jacobian,
                                  PETScWrappers::MPI::Vector *rhs,
                                  PETScWrappers::MPI::Vector *lift_rhs,
                                  PETScWrappers::MPI::Vector *g,
                                  double                     *current_value,
                                  double                     *current_dV,
                                  const PointCallback        *callback)
  {
    TimerOutput::Scope timer_scope(*computing_timer,
                                   jacobian ? "assemble Jacobian" : "assemble residual");
    if (jacobian)
      matrix = 0;
    *rhs = 0;
    if (lift_rhs)
      *lift_rhs = 0;
    if (g)
      *g = 0;
    Assembler   assembler(*this, jacobian, rhs, lift_rhs, g, callback);
    std::string failure;
    try
      {
        assembler.bulk();
        assembler.interfaces();
        assembler.foils();
      }
    catch (const std::domain_error &e)
      {
        failure = e.what();
      }
    // Collective: every rank finishes the parallel assembly, then all fail
    // together if one failed.
    if (jacobian)
      matrix.compress(VectorOperation::add);
    rhs->compress(VectorOperation::add);
    if (lift_rhs)
      lift_rhs->compress(VectorOperation::add);
    if (g)
      g->compress(VectorOperation::add);
    const unsigned int failed = Utilities::MPI::max(failure.empty() ? 0u : 1u, comm);
    if (failed)
      {
        const std::string message =
            failure.empty() ? "state outside the laws' range" : failure;
        throw std::domain_error(message);
      }
    if (current_value)
      *current_value = Utilities::MPI::sum(assembler.I_local, comm);
    if (current_dV)
      *current_dV =
          Utilities::MPI::sum(assembler.IdV_local, comm) + (g ? (*g) * lift : 0.0);
    return rhs->l2_norm();
  }
  // --------------------------------------------------------------------------
  // Newton with line search, bordered for the galvanostatic constraint
  // --------------------------------------------------------------------------
  template <int dim>
  std::vector<std::pair<std::string, std::vector<long long>>>
  Electrochemistry<dim>::field_split() const
  {
    std::vector<long long> potentials, concentrations;
    const auto             range = scale.local_range();
    for (auto i = range.first; i < range.second; ++i)
      (concentration_dof[i - range.first] ? concentrations : potentials).push_back(i);
    return {{"potential", potentials}, {"concentration", concentrations}};
  }

  template <int dim>
  double
  Electrochemistry<dim>::update_norm(const PETScWrappers::MPI::Vector &dx,
                                     const double                      dV) const
  {
    double     m     = std::abs(dV) / prm.potential_tolerance;
    const auto range = dx.local_range();
    for (auto i = range.first; i < range.second; ++i)
      {
        const bool   conc = concentration_dof[i - range.first];
        const double w =
            conc ? scale(i) / prm.concentration_tolerance : 1.0 / prm.potential_tolerance;
        m = std::max(m, std::abs(dx(i)) * w);
      }
    return Utilities::MPI::max(m, comm);
  }

  /**
   * One time step as a NewtonSolver problem. The residual evaluation
   * assembles the Jacobian too, so that a step is linearised at the last
   * accepted state. Galvanostatic, the cell voltage V is an extra unknown
   * with the constraint G = I(x, V) - target = 0: the bordered system
   *   [J  b1; g^T  dI/dV] (dx, dV) = (rhs, -G)
   * is solved with two solves by J, w0 = J^-1 rhs and w1 = J^-1 b1, and the
   * Schur complement  dV = -(G + g.w0) / (dI/dV + g.w1),  dx = w0 + dV (w1 + lift).
   */
  template <int dim>
  struct Electrochemistry<dim>::NewtonSystem
  {
    Electrochemistry<dim>     &s;
    const bool                 galvanostatic;
    const double               target;
    PETScWrappers::MPI::Vector rhs, b1, g, w0, w1, dx, x_start;
    double                     Ival = 0, IdV = 0, dV = 0, V_start = 0;
    double                     rtol = -1; ///< of the next linear solves (inexact)

    NewtonSystem(Electrochemistry<dim> &s, const Control control, const double target)
      : s(s)
      , galvanostatic(control == Control::current)
      , target(target)
      , rhs(s.owned, s.comm)
      , b1(s.owned, s.comm)
      , g(s.owned, s.comm)
      , w0(s.owned, s.comm)
      , w1(s.owned, s.comm)
      , dx(s.owned, s.comm)
      , x_start(s.owned, s.comm)
    {
    }

    /// Merit sqrt(|R|^2 + G^2); false on a state outside the laws' range.
    bool
    residual(NewtonResidual &r, std::string &message)
    {
      try
        {
          const double norm =
              s.assemble(true, &rhs, galvanostatic ? &b1 : nullptr, &g, &Ival, &IdV);
          const double G = galvanostatic ? Ival - target : 0.0;
          r.merit        = std::sqrt(norm * norm + G * G);
          // the applied current met to 1e-10 before stopping early: the
          // charge balance stays exact (a potential error of 1e-9 V alone
          // would move a Butler-Volmer current by about 4e-8 of itself)
          r.contraction_stop_allowed =
              std::abs(G) <= 1e-10 * std::max(std::abs(target), 1e-300);
          return true;
        }
      catch (const std::domain_error &e)
        {
          message = e.what();
          return false;
        }
    }

    bool
    solve_linearized(unsigned int &iterations, std::string &message)
    {
      TimerOutput::Scope timer_scope(*s.computing_timer, "linear solve");
      if (!s.linear_solver)
        {
          s.linear_solver = std::make_unique<PetscLinearSolver>(s.prm.linear, s.comm);
          if (s.prm.linear.preconditioner == "field split")
            s.linear_solver->set_fields(s.field_split());
        }
      PetscLinearSolver &solver = *s.linear_solver;
      bool               updated;
      {
        TimerOutput::Scope setup_scope(*s.computing_timer, "preconditioner setup");
        updated = solver.update(s.matrix);
      }
      if (!updated)
        {
          message = "the factorization of the Newton system failed";
          return false;
        }
      if (rtol > 0)
        solver.set_relative_tolerance(rtol);
      if (!solver.solve(rhs, w0))
        {
          message = "the linear solver did not converge";
          return false;
        }
      s.constraints.distribute(w0);
      dx = w0;
      dV = 0;
      if (galvanostatic)
        {
          // w1 enters the Schur complement of the voltage: solved to a
          // relative 1e-6 (or 'Linear tolerance' if looser). Measured at 66k
          // DoFs over 12 C/5 steps: 23 % fewer Krylov iterations than at
          // 1e-11, the same Newton iterations, voltages within 8e-10 V; at
          // 1e-4 they moved by 1.7e-7 V. Reusing the first iteration's w1
          // for the rest of a step was tried too: 261 instead of 119 Newton
          // iterations on regression.electrochemistry_pillars_3d.
          constexpr double voltage_column_tolerance = 1e-6;
          solver.set_relative_tolerance(
              std::max(s.prm.linear.tolerance, voltage_column_tolerance));
          // started from the last step's or iteration's column
          const bool warm = s.voltage_column.size() == w1.size();
          if (warm)
            w1 = s.voltage_column;
          if (!solver.solve(b1, w1, warm))
            {
              message = "the linear solver did not converge";
              return false;
            }
          s.constraints.distribute(w1);
          s.voltage_column = w1;
          const double G   = Ival - target;
          dV               = -(G + g * w0) / (IdV + g * w1);
          dx.add(dV, w1);
          dx.add(dV, s.lift);
        }
      iterations = solver.iterations(); // both solves (since update())
      x_start    = s.x;
      V_start    = s.V;
      return true;
    }

    void
    apply_step(const double lambda)
    {
      s.x = x_start;
      s.x.add(lambda, dx);
      s.V       = V_start + lambda * dV;
      s.x_ghost = s.x;
    }

    NewtonSolver
    solver()
    {
      NewtonSolver newton;
      newton.residual = [this](NewtonResidual &r, std::string &message) {
        return residual(r, message);
      };
      newton.solve_linearized = [this](unsigned int &iterations, std::string &message) {
        return solve_linearized(iterations, message);
      };
      newton.apply_step           = [this](const double lambda) { apply_step(lambda); };
      newton.update_norm          = [this]() { return s.update_norm(dx, dV); };
      newton.set_linear_tolerance = [this](const double eta) { rtol = eta; };
      return newton;
    }
  };

  template <int dim>
  StepResult
  Electrochemistry<dim>::solve_step(const double       t,
                                    const double       dt,
                                    const double       dt_previous,
                                    const unsigned int order,
                                    const Control      control,
                                    const double       target)
  {
    changed();
    time = t;
    const BDFCoefficients bdf(order, dt, dt_previous);
    a0 = bdf.a0;
    a1 = bdf.a1;
    a2 = bdf.a2;
    V  = control == Control::voltage ? target : V_old;
    x  = x_old;
    // BDF2 runs within a protocol step (the controller restarts with BDF1
    // after a change of current or control): extrapolate the last two.
    if (prm.extrapolate && order >= 2 && control != Control::voltage && dt_previous > 0)
      {
        const double r = dt / dt_previous;
        x.add(r, x_old, -r, x_old2);
        V = V_old + r * (V_old - V_old2);
      }
    apply_terminal_values(x, V);
    x_ghost = x;

    NewtonSystem  system(*this, control, target);
    NewtonControl newton;
    newton.max_iterations       = prm.max_iterations;
    newton.line_search_steps    = prm.line_search_steps;
    newton.inexact              = prm.inexact;
    newton.contraction_estimate = prm.contraction_estimate;
    newton.forcing_min          = prm.linear.tolerance;
    // the 2-norm of the residual mixes concentrations (mol/m^3) with
    // potentials: a loose relative tolerance leaves the potentials unsolved
    newton.forcing_max         = 1e-4;
    const NewtonStatistics out = system.solver().solve(newton);
    if (out.converged)
      I = system.galvanostatic ? target : system.Ival;
    changed();
    StepResult result;
    result.converged         = out.converged;
    result.newton_iterations = out.newton_iterations;
    result.linear_iterations = out.linear_iterations;
    result.failure           = out.failure;
    return result;
  }

  template <int dim>
  void
  Electrochemistry<dim>::accept_step()
  {
    changed();
    x_old2 = x_old;
    x_old  = x;
    V_old2 = V_old;
    V_old  = V;
  }

  template <int dim>
  void
  Electrochemistry<dim>::reject_step()
  {
    changed();
    x       = x_old;
    x_ghost = x;
    V       = V_old;
  }

  template <int dim>
  double
  Electrochemistry<dim>::predictor_difference(const double dt,
                                              const double dt_previous) const
  {
    const double r     = dt / dt_previous;
    double       m     = std::abs(V - (V_old + r * (V_old - V_old2)));
    const auto   range = x.local_range();
    for (auto i = range.first; i < range.second; ++i)
      {
        const double pred = x_old(i) + r * (x_old(i) - x_old2(i));
        m                 = std::max(m, std::abs(x(i) - pred) * scale(i));
      }
    return Utilities::MPI::max(m, comm);
  }

  // --------------------------------------------------------------------------
  // Integral quantities
  // --------------------------------------------------------------------------
  template <int dim>
  void
  Electrochemistry<dim>::add_bulk_state(CellState &s, double &lithiation) const
  {
    const hp::MappingCollection<dim> mappings(mapping);
    hp::FEValues<dim>   hp_fv(mappings, fe, q, update_values | update_JxW_values);
    std::vector<double> values;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const Material &m = material(cell->material_id());
          if (m.type != PhaseType::active && m.type != PhaseType::polymer)
            continue;
          hp_fv.reinit(cell);
          const FEValues<dim> &fv = hp_fv.get_present_fe_values();
          const unsigned int   k  = m.type == PhaseType::active ? c_s : c_e;
          values.resize(fv.n_quadrature_points);
          fv[FEValuesExtractors::Scalar(k)].get_function_values(x_ghost, values);
          for (unsigned int qp = 0; qp < fv.n_quadrature_points; ++qp)
            if (m.type == PhaseType::active)
              {
                s.lithium_solid += values[qp] * fv.JxW(qp);
                s.active_volume += fv.JxW(qp);
                s.active_mass += m.density * fv.JxW(qp);
                lithiation += values[qp] / m.maximum_concentration * fv.JxW(qp);
              }
            else
              s.salt += values[qp] * fv.JxW(qp);
        }
  }

  template <int dim>
  const typename Electrochemistry<dim>::Diagnostics &
  Electrochemistry<dim>::diagnostics() const
  {
    const unsigned long cv = contact_version ? contact_version() : 0;
    if (diagnostics_cache && diagnostics_cache->version == version &&
        diagnostics_cache->contact_version == cv)
      return *diagnostics_cache;
    auto d             = std::make_unique<Diagnostics>();
    d->version         = version;
    d->contact_version = cv;
    CellState &s       = d->state;
    s.voltage          = V;
    s.current          = I;
    double lithiation  = 0;
    add_bulk_state(s, lithiation);
    double eta_sum = 0, eta_max = 0, min_c = std::numeric_limits<double>::max();
    double x_min = 2, x_max = -1;
    const PointCallback collect = [&](const InterfaceSample &p) {
      d->samples.push_back(p);
      if (p.transfer)
        return;
      if (p.active)
        {
          s.reaction_current_active += p.j_total * p.JxW;
          s.faradaic_current_active += p.j * p.JxW;
          s.active_interface_area += p.JxW;
          eta_sum += p.eta * p.JxW;
          eta_max = std::max(eta_max, std::abs(p.eta));
          x_min   = std::min(x_min, p.lithiation);
          x_max   = std::max(x_max, p.lithiation);
        }
      else if (p.terminal <= 0)
        {
          s.reaction_current_lithium += p.j_total * p.JxW;
          if (p.c_e > 0)
            min_c = std::min(min_c, p.c_e);
        }
    };
    PETScWrappers::MPI::Vector rhs(owned, comm);
    auto                      *self = const_cast<Electrochemistry<dim> *>(this);
    self->assemble(false, &rhs, nullptr, nullptr, nullptr, nullptr, &collect);
    const std::vector<double> local{s.lithium_solid,
                                    s.salt,
                                    s.active_volume,
                                    s.active_mass,
                                    lithiation,
                                    s.reaction_current_active,
                                    s.faradaic_current_active,
                                    s.active_interface_area,
                                    eta_sum,
                                    s.reaction_current_lithium};
    std::vector<double>       sums(local.size());
    Utilities::MPI::sum(ArrayView<const double>(local), comm, ArrayView<double>(sums));
    s.lithium_solid            = sums[0];
    s.salt                     = sums[1];
    s.active_volume            = sums[2];
    s.active_mass              = sums[3];
    s.mean_lithiation          = sums[2] > 0 ? sums[4] / sums[2] : 0;
    s.reaction_current_active  = sums[5];
    s.faradaic_current_active  = sums[6];
    s.active_interface_area    = sums[7];
    s.mean_overpotential       = sums[7] > 0 ? sums[8] / sums[7] : 0;
    s.reaction_current_lithium = sums[9];
    s.max_overpotential        = Utilities::MPI::max(eta_max, comm);
    s.min_surface_lithiation   = Utilities::MPI::min(x_min, comm);
    s.max_surface_lithiation   = Utilities::MPI::max(x_max, comm);
    s.min_salt_at_anode        = Utilities::MPI::min(min_c, comm);
    if (s.min_salt_at_anode == std::numeric_limits<double>::max())
      s.min_salt_at_anode = 0;
    diagnostics_cache = std::move(d);
    return *diagnostics_cache;
  }

  template <int dim>
  CellState
  Electrochemistry<dim>::state() const
  {
    return diagnostics().state;
  }

  template <int dim>
  void
  Electrochemistry<dim>::for_each_interface_sample(
      const std::function<void(const InterfaceSample &)> &f) const
  {
    for (const InterfaceSample &p : diagnostics().samples)
      f(p);
  }

  template <int dim>
  double
  Electrochemistry<dim>::nominal_capacity() const
  {
    double Q = 0;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const Material &m = material(cell->material_id());
          if (m.type == PhaseType::active)
            Q += faraday_constant * m.maximum_concentration *
                 (m.x_discharged - m.x_charged) * cell->measure();
        }
    return Utilities::MPI::sum(Q, comm);
  }

  template <int dim>
  double
  Electrochemistry<dim>::terminal_area() const
  {
    const auto &ids  = model.positive_terminal.empty() ? model.negative_terminal
                                                       : model.positive_terminal;
    double      area = 0;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int f : cell->face_indices())
          if (cell->at_boundary(f) && ids.count(cell->face(f)->boundary_id()))
            area += cell->face(f)->measure();
    return Utilities::MPI::sum(area, comm);
  }

  // --------------------------------------------------------------------------
  // Adaptivity
  // --------------------------------------------------------------------------
  template <int dim>
  Vector<float>
  Electrochemistry<dim>::refinement_indicator(const double *range) const
  {
    const hp::MappingCollection<dim> mappings(mapping);
    hp::FEValues<dim> hp_fv(mappings, fe, q, update_gradients | update_JxW_values);
    Vector<float>     indicator(tria.n_active_cells());
    std::vector<Tensor<1, dim>> grads;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          hp_fv.reinit(cell);
          const FEValues<dim> &fv = hp_fv.get_present_fe_values();
          grads.resize(fv.n_quadrature_points);
          double eta = 0;
          for (unsigned int k = 0; k < n_fields; ++k)
            {
              if (cell->get_fe()
                      .component_mask(FEValuesExtractors::Scalar(k))
                      .n_selected_components() == 0)
                continue;
              bool present = false;
              for (unsigned int i = 0; i < cell->get_fe().n_dofs_per_cell(); ++i)
                present =
                    present || cell->get_fe().system_to_component_index(i).first == k;
              if (!present)
                continue;
              fv[FEValuesExtractors::Scalar(k)].get_function_gradients(x_ghost, grads);
              double s = 0;
              for (unsigned int qp = 0; qp < grads.size(); ++qp)
                s += grads[qp].norm_square() * fv.JxW(qp);
              eta += cell->diameter() * std::sqrt(s) / range[k];
            }
          indicator[cell->active_cell_index()] = eta;
        }
    return indicator;
  }

  template <int dim>
  void
  Electrochemistry<dim>::adapt_mesh(const double       refine_fraction,
                                    const double       coarsen_fraction,
                                    const unsigned int max_level,
                                    const unsigned int interface_level)
  {
    TimerOutput::Scope timer_scope(*computing_timer, "adapt mesh");
    mark_for_refinement(refine_fraction, coarsen_fraction, max_level, interface_level);
    tria.prepare_coarsening_and_refinement();
    prepare_for_refinement();
    tria.execute_coarsening_and_refinement();
    finish_refinement();
  }

  template <int dim>
  void
  Electrochemistry<dim>::mark_for_refinement(const double       refine_fraction,
                                             const double       coarsen_fraction,
                                             const unsigned int max_level,
                                             const unsigned int interface_level)
  {
    // Range of every field, for a dimensionless indicator.
    double lo[n_fields], hi[n_fields];
    for (unsigned int k = 0; k < n_fields; ++k)
      {
        lo[k] = std::numeric_limits<double>::max();
        hi[k] = -lo[k];
      }
    for_each_cell_dof(dof_handler,
                      [&](const auto &, const auto dof, const unsigned int k) {
                        lo[k] = std::min(lo[k], static_cast<double>(x_ghost(dof)));
                        hi[k] = std::max(hi[k], static_cast<double>(x_ghost(dof)));
                      });
    double range[n_fields];
    for (unsigned int k = 0; k < n_fields; ++k)
      {
        const double l = Utilities::MPI::min(lo[k], comm),
                     h = Utilities::MPI::max(hi[k], comm);
        const double floor =
            (k == c_s || k == c_e) ? 1e-3 * std::max(std::abs(h), 1.0) : 1e-3;
        range[k] = std::max(h - l, floor);
      }
    const Vector<float> indicator = refinement_indicator(range);
    parallel::distributed::GridRefinement::refine_and_coarsen_fixed_number(
        tria, indicator, refine_fraction, coarsen_fraction);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          bool at_interface = false;
          for (const unsigned int f : cell->face_indices())
            if (!cell->at_boundary(f) &&
                coupling(material(cell->material_id()).type,
                         material(cell->neighbor(f)->material_id()).type)
                        .first != Coupling::none)
              at_interface = true;
          if (at_interface && cell->level() < static_cast<int>(interface_level))
            {
              cell->clear_coarsen_flag();
              cell->set_refine_flag();
            }
          if (at_interface && cell->level() <= static_cast<int>(interface_level))
            cell->clear_coarsen_flag();
          if (cell->level() >= static_cast<int>(max_level))
            cell->clear_refine_flag();
          // Never merge children of different phases (voxel-image meshes
          // resolve phases below the coarse level; the parent holds only the
          // majority phase).
          if (cell->level() > 0 && cell->parent()->material_id() != cell->material_id())
            cell->clear_coarsen_flag();
        }
  }

  template <int dim>
  void
  Electrochemistry<dim>::prepare_for_refinement()
  {
    transfer = std::make_unique<
        parallel::distributed::SolutionTransfer<dim, PETScWrappers::MPI::Vector>>(
        dof_handler);
    transfer->prepare_for_coarsening_and_refinement(
        std::vector<const PETScWrappers::MPI::Vector *>{&x_ghost, &x_old, &x_old2});
  }

  template <int dim>
  void
  Electrochemistry<dim>::finish_refinement()
  {
    changed();
    setup();
    PETScWrappers::MPI::Vector n0(owned, comm), n1(owned, comm), n2(owned, comm);
    std::vector<PETScWrappers::MPI::Vector *> out{&n0, &n1, &n2};
    transfer->interpolate(out);
    transfer.reset();
    for (auto *v : out)
      hanging.distribute(*v);
    x       = n0;
    x_ghost = n0;
    x_old   = n1;
    x_old2  = n2;
  }

  template <int dim>
  std::pair<double, double>
  Electrochemistry<dim>::field_error(const Field k, const Function<dim> &exact) const
  {
    const hp::MappingCollection<dim> mappings(mapping);
    hp::QCollection<dim>             qe;
    for (unsigned int i = 0; i < fe.size(); ++i)
      qe.push_back(QGauss<dim>(model.degree + 3));
    hp::FEValues<dim>           hp_fv(mappings,
                            fe,
                            qe,
                            update_values | update_gradients | update_quadrature_points |
                                update_JxW_values);
    std::vector<double>         values;
    std::vector<Tensor<1, dim>> grads;
    double                      l2 = 0, h1 = 0;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          bool present = false;
          for (unsigned int i = 0; i < cell->get_fe().n_dofs_per_cell(); ++i)
            present = present || cell->get_fe().system_to_component_index(i).first == k;
          if (!present)
            continue;
          hp_fv.reinit(cell);
          const FEValues<dim> &fv = hp_fv.get_present_fe_values();
          values.resize(fv.n_quadrature_points);
          grads.resize(fv.n_quadrature_points);
          fv[FEValuesExtractors::Scalar(k)].get_function_values(x_ghost, values);
          fv[FEValuesExtractors::Scalar(k)].get_function_gradients(x_ghost, grads);
          for (unsigned int qp = 0; qp < fv.n_quadrature_points; ++qp)
            {
              const Point<dim> &p = fv.quadrature_point(qp);
              l2 += std::pow(values[qp] - exact.value(p, k), 2) * fv.JxW(qp);
              h1 += (grads[qp] - exact.gradient(p, k)).norm_square() * fv.JxW(qp);
            }
        }
    return {std::sqrt(Utilities::MPI::sum(l2, comm)),
            std::sqrt(Utilities::MPI::sum(h1, comm))};
  }

  // --------------------------------------------------------------------------
  // Output
  // --------------------------------------------------------------------------
  namespace
  {
    /// Current densities: i_s = -sigma grad phi_s in solids, i_l in
    /// electrolytes (polymer with the diffusion potential).
    template <int dim>
    class CurrentDensity : public DataPostprocessor<dim>
    {
    public:
      CurrentDensity(const ElectrochemistryModel &model)
        : model(model)
      {
      }
      void
      evaluate_vector_field(const DataPostprocessorInputs::Vector<dim> &inputs,
                            std::vector<Vector<double>> &computed) const override
      {
        const auto      cell = inputs.template get_cell<dim>();
        const Material &m    = model.phase_material.at(cell->material_id());
        const double    T    = model.temperature;
        for (unsigned int qp = 0; qp < computed.size(); ++qp)
          {
            Tensor<1, dim> i_s, i_l;
            const auto    &g = inputs.solution_gradients[qp];
            const auto    &v = inputs.solution_values[qp];
            if (is_solid(m.type))
              i_s = -m.electronic_conductivity * g[phi_s];
            else if (m.type == PhaseType::ceramic)
              i_l = -m.conductivity(0, T).value * g[phi_c];
            else if (v[c_e] > 0)
              {
                const double kappa = m.conductivity(v[c_e], T).value;
                const double kD    = 2 * kappa * gas_constant * T / faraday_constant *
                                  (1 - m.transference_number) * m.thermodynamic_factor;
                i_l = -kappa * g[phi_e] + kD * g[c_e] / v[c_e];
              }
            for (unsigned int d = 0; d < dim; ++d)
              {
                computed[qp][d]       = i_s[d];
                computed[qp][dim + d] = i_l[d];
              }
          }
      }
      std::vector<std::string>
      get_names() const override
      {
        std::vector<std::string> names(dim, "electronic_current_density");
        for (unsigned int d = 0; d < dim; ++d)
          names.push_back("ionic_current_density");
        return names;
      }
      std::vector<DataComponentInterpretation::DataComponentInterpretation>
      get_data_component_interpretation() const override
      {
        return std::vector<DataComponentInterpretation::DataComponentInterpretation>(
            2 * dim, DataComponentInterpretation::component_is_part_of_vector);
      }
      UpdateFlags
      get_needed_update_flags() const override
      {
        return update_values | update_gradients;
      }

    private:
      const ElectrochemistryModel &model;
    };

    /// Interface samples as a point cloud (one VTU vertex per quadrature point).
    template <int dim>
    class InterfaceOutput : public DataOutInterface<0, dim>
    {
    public:
      std::vector<DataOutBase::Patch<0, dim>> patches;
      const std::vector<DataOutBase::Patch<0, dim>> &
      get_patches() const override
      {
        return patches;
      }
      std::vector<std::string>
      get_dataset_names() const override
      {
        return {"j", "j_total", "eta", "theta", "c_e", "kind"};
      }
    };
  } // namespace

  template <int dim>
  std::pair<std::string, std::string>
  Electrochemistry<dim>::write_vtu(const std::string &directory,
                                   const unsigned int index,
                                   const double       time_value) const
  {
    TimerOutput::Scope timer_scope(*computing_timer, "output");
    DataOut<dim>       data_out;
    data_out.attach_dof_handler(dof_handler);
    data_out.add_data_vector(x_ghost, field_names());
    CurrentDensity<dim> current(model);
    data_out.add_data_vector(x_ghost, current);
    Vector<float> phase(tria.n_active_cells()), rank(tria.n_active_cells());
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          phase[cell->active_cell_index()] = cell->material_id();
          rank[cell->active_cell_index()]  = tria.locally_owned_subdomain();
        }
    data_out.add_data_vector(phase, "phase");
    data_out.add_data_vector(rank, "rank");
    DataOutBase::VtkFlags flags;
    flags.time = time_value;
    data_out.set_flags(flags);
    data_out.build_patches(mapping, model.degree);
    const std::string bulk = data_out.write_vtu_with_pvtu_record(
        directory, "electrochemistry", index, comm, 4);

    InterfaceOutput<dim> out;
    const PointCallback  collect = [&](const InterfaceSample &p) {
      DataOutBase::Patch<0, dim> patch;
      for (unsigned int d = 0; d < dim; ++d)
        patch.vertices[0][d] = p.point[d];
      patch.data.reinit(6, 1);
      patch.data(0, 0)  = p.j;
      patch.data(1, 0)  = p.j_total;
      patch.data(2, 0)  = p.eta;
      patch.data(3, 0)  = p.theta;
      patch.data(4, 0)  = p.c_e;
      patch.data(5, 0)  = p.transfer ? 2 : p.active ? 1 : p.terminal != 0 ? 3 : 0;
      patch.patch_index = out.patches.size();
      out.patches.push_back(patch);
    };
    for_each_interface_sample(collect);
    const std::string name = "interface_" + Utilities::int_to_string(index, 4) + ".vtu";
    out.write_vtu_in_parallel(directory + name, comm);
    return {bulk, name};
  }

  // --------------------------------------------------------------------------
  // The physics contract
  // --------------------------------------------------------------------------
  template <int dim>
  StepResult
  Electrochemistry<dim>::solve_step(const TimeState &ts)
  {
    return solve_step(
        ts.time, ts.dt, ts.dt_previous, ts.order, operation_control, operation_target);
  }

  template <int dim>
  std::vector<std::pair<std::string, std::string>>
  Electrochemistry<dim>::write_output(const std::string &directory,
                                      const unsigned int index,
                                      const double       t) const
  {
    const auto names = write_vtu(directory, index, t);
    return {{"electrochemistry", names.first}, {"interface", names.second}};
  }

  template <int dim>
  void
  Electrochemistry<dim>::save(Checkpoint &checkpoint) const
  {
    using Transfer =
        parallel::distributed::SolutionTransfer<dim, PETScWrappers::MPI::Vector>;
    auto transfer_out = std::make_shared<Transfer>(dof_handler);
    transfer_out->prepare_for_serialization(
        std::vector<const PETScWrappers::MPI::Vector *>{&x_ghost, &x_old, &x_old2});
    checkpoint.keep_alive.push_back(transfer_out);
    checkpoint.set(name(), {V, V_old, V_old2, I, time});
  }

  template <int dim>
  void
  Electrochemistry<dim>::load(const Checkpoint &checkpoint)
  {
    changed();
    setup();
    parallel::distributed::SolutionTransfer<dim, PETScWrappers::MPI::Vector> transfer_in(
        dof_handler);
    PETScWrappers::MPI::Vector n0(owned, comm), n1(owned, comm), n2(owned, comm);
    std::vector<PETScWrappers::MPI::Vector *> out{&n0, &n1, &n2};
    transfer_in.deserialize(out);
    for (auto *v : out)
      hanging.distribute(*v);
    x                            = n0;
    x_ghost                      = n0;
    x_old                        = n1;
    x_old2                       = n2;
    const std::vector<double> &v = checkpoint.get(name());
    V                            = v.at(0);
    V_old                        = v.at(1);
    V_old2                       = v.at(2);
    I                            = v.at(3);
    time                         = v.at(4);
  }

  template class Electrochemistry<2>;
  template class Electrochemistry<3>;
} // namespace MesoCell
