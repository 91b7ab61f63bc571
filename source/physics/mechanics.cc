#include <deal.II/base/quadrature_lib.h>

#include <deal.II/distributed/solution_transfer.h>

#include <deal.II/dofs/dof_tools.h>

#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/petsc_solver.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/sparsity_tools.h>

#include <deal.II/numerics/data_out.h>

#include <mesocell/core/constants.h>
#include <mesocell/core/errors.h>
#include <mesocell/interfaces/butler_volmer.h>
#include <mesocell/numerics/linear_solver.h>
#include <mesocell/numerics/newton.h>
#include <mesocell/physics/interface.h>
#include <mesocell/physics/mechanics.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deal.II/hp/fe_values.h>
#include <iostream>
#include <sstream>

namespace MesoCell
{
  using namespace dealii;

  double
  MechanicalMaterial::creep_rate_factor(const double T) const
  {
    if (creep_prefactor <= 0)
      return 0;
    return creep_prefactor * std::exp(-creep_activation_energy / (gas_constant * T));
  }

  double
  MechanicalMaterial::creep_rate(const double q, const double T) const
  {
    return creep_rate_factor(T) * std::pow(q, creep_exponent);
  }

  template <int dim>
  void
  Mechanics<dim>::PointHistory::pack_values(std::vector<double> &values) const
  {
    values.resize(7);
    for (unsigned int k = 0; k < 6; ++k)
      values[k] =
          creep_strain.access_raw_entry(k); // symmetric storage: xx yy zz xy xz yz
    values[6] = eigenstrain;
  }

  template <int dim>
  void
  Mechanics<dim>::PointHistory::unpack_values(const std::vector<double> &values)
  {
    for (unsigned int k = 0; k < 6; ++k)
      creep_strain.access_raw_entry(k) = values[k];
    creep_strain_trial = creep_strain;
    eigenstrain        = values[6];
  }

  namespace
  {
    /// The 3D strain of a dim-dimensional symmetric gradient (plane strain
    /// in 2D: eps_zz = eps_xz = eps_yz = 0).
    template <int dim>
    SymmetricTensor<2, 3>
    embed(const SymmetricTensor<2, dim> &e)
    {
      SymmetricTensor<2, 3> r;
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = i; j < dim; ++j)
          r[i][j] = e[i][j];
      return r;
    }
  } // namespace

  template <int dim>
  Mechanics<dim>::Mechanics(
      parallel::distributed::Triangulation<dim>              &tria,
      const std::map<types::material_id, MechanicalMaterial> &phases,
      const unsigned int                                      degree,
      const std::set<types::material_id>                     &second_body,
      const double                                            adhesion_strength)
    : comm(tria.get_communicator())
    , tria(tria)
    , phases(phases)
    , second_body(second_body)
    , adhesion_strength(adhesion_strength)
    , n_components(second_body.empty() ? dim : 2 * dim)
    , mapping(degree)
    , mappings(mapping)
    , cell_quadrature(std::make_unique<QGauss<dim>>(degree + 1))
    , dof_handler(tria)
    , timer_output(std::make_unique<TimerOutput>(
          comm, std::cout, TimerOutput::never, TimerOutput::wall_times))
  {
    for (const auto &p : phases)
      reference_modulus = std::max(reference_modulus, p.second.youngs_modulus);
    if (second_body.empty())
      fe.push_back(FESystem<dim>(FE_Q<dim>(degree), dim));
    else
      {
        fe.push_back(FESystem<dim>(FE_Q<dim>(degree), dim, FE_Nothing<dim>(), dim));
        fe.push_back(FESystem<dim>(FE_Nothing<dim>(), dim, FE_Q<dim>(degree), dim));
      }
  }

  template <int dim>
  Mechanics<dim>::~Mechanics()
  {
    history_transfer.reset();
    displacement_transfer.reset();
    history.clear();
    dof_handler.clear();
  }

  template <int dim>
  double
  Mechanics<dim>::material_for(const types::material_id   id,
                               const MechanicalMaterial **m) const
  {
    const auto it = phases.find(id);
    if (it == phases.end())
      throw InputError("mechanics: no mechanical data for material id " +
                       std::to_string(id));
    *m = &it->second;
    return it->second.youngs_modulus;
  }

  template <int dim>
  void
  Mechanics<dim>::setup()
  {
    TimerOutput::Scope scope(*timer_output, "mechanics: setup");
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        cell->set_active_fe_index(second_body.empty() ? 0 : body(cell->material_id()));
    dof_handler.distribute_dofs(fe);
    owned    = dof_handler.locally_owned_dofs();
    relevant = DoFTools::extract_locally_relevant_dofs(dof_handler);
    hanging.clear();
    hanging.reinit(relevant);
    DoFTools::make_hanging_node_constraints(dof_handler, hanging);
    hanging.close();
    u.reinit(owned, relevant, comm);
    active.reinit(owned, comm);
    weights.reinit(owned, comm);
    residual_ghosted.reinit(owned, relevant, comm);
    find_interface_pairs();
    const unsigned int n_q = cell_quadrature->size();
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        history.template initialize<PointHistory>(cell, n_q);
    compute_contact_weights();
  }

  template <int dim>
  void
  Mechanics<dim>::set_boundary_conditions(const MechanicsBoundaryConditions &b)
  {
    bc = b;
    for (const auto &p : bc.platens)
      if (!(p.direction < dim && (p.sign == 1 || p.sign == -1)))
        throw InputError("mechanics: a platen needs a coordinate direction < dim and "
                         "sign +1 or -1");
    if (dof_handler.has_active_dofs())
      compute_contact_weights();
  }

  template <int dim>
  void
  Mechanics<dim>::set_temperature(const double T, const double T_ref)
  {
    temperature           = T;
    reference_temperature = T_ref;
  }

  template <int dim>
  void
  Mechanics<dim>::set_eigenstrain(const EigenstrainFunction &f)
  {
    hp::FEValues<dim> hfv(
        mappings, fe, hp::QCollection<dim>(*cell_quadrature), update_quadrature_points);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          hfv.reinit(cell);
          const FEValues<dim> &fv   = hfv.get_present_fe_values();
          const auto           data = history.get_data(cell);
          for (unsigned int q = 0; q < data.size(); ++q)
            data[q]->eigenstrain = f(fv.quadrature_point(q), cell->material_id());
        }
  }

  template <int dim>
  void
  Mechanics<dim>::set_eigenstrain(
      const std::function<void(const typename Triangulation<dim>::cell_iterator &,
                               std::vector<double> &)> &f)
  {
    std::vector<double> values(cell_quadrature->size());
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          f(cell, values);
          const auto data = history.get_data(cell);
          for (unsigned int q = 0; q < data.size(); ++q)
            data[q]->eigenstrain = values[q];
        }
  }

  namespace
  {
    /// A point on a picometre grid: the key that matches the nodes of two
    /// bodies at the same position.
    template <int dim>
    std::array<long long, 3>
    point_key(const Point<dim> &x)
    {
      std::array<long long, 3> k{{0, 0, 0}};
      for (unsigned int d = 0; d < dim; ++d)
        k[d] = std::llround(x[d] * 1e12);
      return k;
    }

    /// The normal at the point of @p nv nearest to @p x.
    template <int dim>
    Tensor<1, dim>
    nearest_normal(const FEFaceValues<dim> &nv, const Point<dim> &x)
    {
      unsigned int best = 0;
      for (unsigned int q = 1; q < nv.n_quadrature_points; ++q)
        if (nv.quadrature_point(q).distance(x) < nv.quadrature_point(best).distance(x))
          best = q;
      return nv.normal_vector(best);
    }

    /// The integral of shape function @p k over the face of @p fv.
    template <int dim>
    double
    face_weight(const FEFaceValues<dim> &fv, const unsigned int k)
    {
      double w = 0;
      for (unsigned int q = 0; q < fv.n_quadrature_points; ++q)
        w += fv.shape_value(k, q) * fv.JxW(q);
      return w;
    }

    /// @p pair with the unit normal along @p normal and the component k of
    /// its normal constraint (the largest |n_k|).
    template <typename Pair, int dim>
    Pair
    oriented(Pair pair, const Tensor<1, dim> &normal)
    {
      pair.n = normal / normal.norm();
      for (unsigned int d = 1; d < dim; ++d)
        if (std::abs(pair.n[d]) > std::abs(pair.n[pair.k]))
          pair.k = d;
      return pair;
    }
  } // namespace

  template <int dim>
  void
  Mechanics<dim>::find_interface_pairs()
  {
    pairs.clear();
    pair_state.reinit(owned, comm);
    pair_weights.reinit(owned, comm);
    if (second_body.empty())
      return;
    std::map<types::global_dof_index, Point<dim>> support;
    DoFTools::map_dofs_to_support_points(mappings, dof_handler, support);
    const QGauss<dim - 1> fq(fe[0].degree + 1);
    hp::FEFaceValues<dim> hfv(mappings,
                              fe,
                              hp::QCollection<dim - 1>(fq),
                              update_values | update_JxW_values | update_normal_vectors);
    // normals at the face support points themselves (exact on curved faces)
    const std::vector<Point<dim - 1>> &face_points =
        fe[0].base_element(0).get_unit_face_support_points();
    hp::FEFaceValues<dim> hnv(mappings,
                              fe,
                              hp::QCollection<dim - 1>(Quadrature<dim - 1>(face_points)),
                              update_normal_vectors | update_quadrature_points);
    struct Partial
    {
      InterfacePair             pair;
      std::array<bool, 2 * dim> seen{};
      Tensor<1, dim>            normal;
    };
    std::map<std::array<long long, 3>, Partial> found;
    std::vector<types::global_dof_index>        dofs;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
        for (const auto f : cell->face_indices())
          {
            if (cell->at_boundary(f) || cell->face(f)->has_children() ||
                cell->neighbor_is_coarser(f) || cell->neighbor(f)->is_artificial())
              continue;
            const unsigned int b = body(cell->material_id());
            if (b == body(cell->neighbor(f)->material_id()))
              continue;
            const FiniteElement<dim> &cfe = cell->get_fe();
            dofs.resize(cfe.n_dofs_per_cell());
            cell->get_dof_indices(dofs);
            hfv.reinit(cell, f);
            const FEFaceValues<dim> &fv = hfv.get_present_fe_values();
            hnv.reinit(cell, f);
            const FEFaceValues<dim> &nv = hnv.get_present_fe_values();
            for (unsigned int k = 0; k < dofs.size(); ++k)
              if (cfe.has_support_on_face(k, f))
                {
                  const unsigned int comp = cfe.system_to_component_index(k).first;
                  const unsigned int c    = comp % dim;
                  const Point<dim>  &x    = support.at(dofs[k]);
                  Partial           &e    = found[point_key(x)];
                  (b == 0 ? e.pair.dof0 : e.pair.dof1)[c] = dofs[k];
                  e.seen[b * dim + c]                     = true;
                  e.pair.x                                = x;
                  if (c == 0) // normal from body 0 to body 1 at this node
                    e.normal += (b == 0 ? 1. : -1.) * nearest_normal(nv, x);
                  if (b == 1 && cell->is_locally_owned())
                    pair_weights(dofs[k]) += face_weight(fv, k);
                }
          }
    pair_weights.compress(VectorOperation::add);
    for (auto &[k, e] : found)
      if (std::all_of(e.seen.begin(), e.seen.end(), [](bool v) { return v; }) &&
          e.normal.norm() > 0)
        {
          const InterfacePair pr = oriented(e.pair, e.normal);
          pairs.push_back(pr);
          if (owned.is_element(pr.dof1[pr.k]))
            pair_state(pr.dof1[pr.k]) = adhesion_strength > 0 ? 2. : 1.;
        }
    pair_state.compress(VectorOperation::insert);
  }

  template <int dim>
  double
  Mechanics<dim>::pair_pressure(const InterfacePair &pr) const
  {
    double f = 0;
    for (unsigned int j = 0; j < dim; ++j)
      f += residual_ghosted(pr.dof1[j]) * pr.n[j];
    return f / pair_weights(pr.dof1[pr.k]);
  }

  template <int dim>
  double
  Mechanics<dim>::pair_gap(const InterfacePair &pr) const
  {
    double g = 0;
    for (unsigned int j = 0; j < dim; ++j)
      g += (u(pr.dof1[j]) - u(pr.dof0[j])) * pr.n[j];
    return g;
  }

  template <int dim>
  void
  Mechanics<dim>::compute_contact_weights()
  {
    contact_dofs.assign(bc.platens.size(), {});
    weights = 0;
    if (bc.platens.empty())
      return;
    std::map<types::global_dof_index, Point<dim>> support;
    DoFTools::map_dofs_to_support_points(mapping, dof_handler, support);
    const QGauss<dim - 1> fq(fe[0].degree + 1);
    hp::FEFaceValues<dim> hfv(
        mappings, fe, hp::QCollection<dim - 1>(fq), update_values | update_JxW_values);
    std::vector<types::global_dof_index> dofs;
    for (unsigned int i = 0; i < bc.platens.size(); ++i)
      {
        const RigidPlaten &platen = bc.platens[i];
        for (const auto &cell : dof_handler.active_cell_iterators())
          if (!cell->is_artificial())
            for (const auto f : cell->face_indices())
              if (cell->at_boundary(f) && cell->face(f)->boundary_id() == platen.boundary)
                {
                  const unsigned int n = cell->get_fe().n_dofs_per_cell();
                  dofs.resize(n);
                  cell->get_dof_indices(dofs);
                  if (cell->is_locally_owned())
                    hfv.reinit(cell, f);
                  for (unsigned int k = 0; k < n; ++k)
                    if (cell->get_fe().system_to_component_index(k).first % dim ==
                            platen.direction &&
                        cell->get_fe().has_support_on_face(k, f))
                      {
                        contact_dofs[i][dofs[k]] = support.at(dofs[k]);
                        if (cell->is_locally_owned())
                          {
                            const FEFaceValues<dim> &fv = hfv.get_present_fe_values();
                            double                   w  = 0;
                            for (unsigned int q = 0; q < fq.size(); ++q)
                              w += fv.shape_value(k, q) * fv.JxW(q);
                            weights(dofs[k]) += w;
                          }
                      }
                }
      }
    weights.compress(VectorOperation::add);
    // A component held by a support is not a contact unknown.
    for (const auto &[b, comps] : bc.fixed)
      {
        ComponentMask mask(n_components, false);
        for (const unsigned int c : comps)
          for (unsigned int b = 0; b < n_components / dim; ++b)
            mask.set(c + b * dim, true);
        for (const auto dof : DoFTools::extract_boundary_dofs(
                 dof_handler, mask, std::set<types::boundary_id>{b}))
          for (auto &dofs_of_platen : contact_dofs)
            dofs_of_platen.erase(dof);
      }
  }

  template <int dim>
  typename Mechanics<dim>::Response
  Mechanics<dim>::constitutive(const MechanicalMaterial    &m,
                               const SymmetricTensor<2, 3> &eps,
                               const PointHistory          &h,
                               const double                 dt) const
  {
    const double lambda = m.lambda(), mu = m.mu(), K = lambda + 2. / 3. * mu;
    const double thermal = m.thermal_expansion * (temperature - reference_temperature);
    const SymmetricTensor<2, 3> I = unit_symmetric_tensor<3>();
    const SymmetricTensor<2, 3> e_trial =
        eps - h.creep_strain - (h.eigenstrain + thermal) * I;
    Response r;
    r.stress       = lambda * trace(e_trial) * I + 2 * mu * e_trial;
    r.tangent      = lambda * outer_product(I, I) + 2 * mu * identity_tensor<3>();
    r.creep_strain = h.creep_strain;
    const double B = m.creep_rate_factor(temperature);
    if (B <= 0 || dt <= 0)
      return r;
    const SymmetricTensor<2, 3> s_trial = deviator(r.stress);
    const double                norm_s  = s_trial.norm();
    const double                q_trial = std::sqrt(1.5) * norm_s;
    if (q_trial <= 1e-14 * m.youngs_modulus)
      return r;
    // Backward Euler radial return: q + 3 mu dt B q^m = q_trial. f is convex
    // and increasing, so Newton from an upper bound of the root converges
    // monotonically.
    const double a   = 3 * mu * dt * B;
    const double exp = m.creep_exponent;
    double       q   = std::min(q_trial, std::pow(q_trial / a, 1. / exp));
    for (unsigned int it = 0; it < 200; ++it)
      {
        const double f  = q + a * std::pow(q, exp) - q_trial;
        const double df = 1 + a * exp * std::pow(q, exp - 1);
        const double dq = f / df;
        q -= dq;
        if (std::abs(dq) <= 1e-15 * q_trial)
          break;
      }
    const double                beta   = q / q_trial;
    const double                dq_dqt = 1. / (1 + a * exp * std::pow(q, exp - 1));
    const SymmetricTensor<2, 3> N      = s_trial / norm_s;
    r.stress                           = K * trace(e_trial) * I + beta * s_trial;
    r.creep_strain                     = h.creep_strain + (1 - beta) / (2 * mu) * s_trial;
    r.tangent                          = K * outer_product(I, I) +
                2 * mu * beta * (identity_tensor<3>() - 1. / 3. * outer_product(I, I)) +
                2 * mu * (dq_dqt - beta) * outer_product(N, N);
    return r;
  }

  template <int dim>
  void
  Mechanics<dim>::make_constraints(const PETScWrappers::MPI::Vector &active_ghosted)
  {
    constraints.clear();
    constraints.reinit(relevant);
    constraints.merge(hanging);
    for (const auto &[b, comps] : bc.fixed)
      {
        ComponentMask mask(n_components, false);
        for (const unsigned int c : comps)
          for (unsigned int b = 0; b < n_components / dim; ++b)
            mask.set(c + b * dim, true);
        const IndexSet fixed = DoFTools::extract_boundary_dofs(
            dof_handler, mask, std::set<types::boundary_id>{b});
        for (const auto dof : fixed)
          if (relevant.is_element(dof) && !constraints.is_constrained(dof))
            {
              // increment that brings the component back to zero
              constraints.add_line(dof);
              constraints.set_inhomogeneity(dof, -u(dof));
            }
      }
    for (unsigned int i = 0; i < bc.platens.size(); ++i)
      {
        const RigidPlaten &platen = bc.platens[i];
        for (const auto &[dof, x] : contact_dofs[i])
          if (active_ghosted(dof) > 0.5 && !constraints.is_constrained(dof))
            {
              constraints.add_line(dof);
              constraints.set_inhomogeneity(
                  dof, platen.position - x[platen.direction] - u(dof));
            }
      }
    if (!pairs.empty())
      {
        PETScWrappers::MPI::Vector state(owned, relevant, comm);
        state = pair_state;
        for (const auto &pr : pairs)
          {
            const double st = state(pr.dof1[pr.k]);
            if (st > 1.5) // bonded: u1 = u0
              {
                for (unsigned int c = 0; c < dim; ++c)
                  if (!constraints.is_constrained(pr.dof1[c]) &&
                      !constraints.is_constrained(pr.dof0[c]))
                    {
                      constraints.add_line(pr.dof1[c]);
                      constraints.add_entry(pr.dof1[c], pr.dof0[c], 1.);
                      constraints.set_inhomogeneity(pr.dof1[c],
                                                    u(pr.dof0[c]) - u(pr.dof1[c]));
                    }
              }
            else if (st > 0.5 &&
                     !constraints.is_constrained(pr.dof1[pr.k])) // (u1-u0).n = 0
              {
                const types::global_dof_index d = pr.dof1[pr.k];
                constraints.add_line(d);
                constraints.add_entry(d, pr.dof0[pr.k], 1.);
                for (unsigned int j = 0; j < dim; ++j)
                  if (j != pr.k)
                    {
                      constraints.add_entry(d, pr.dof0[j], pr.n[j] / pr.n[pr.k]);
                      constraints.add_entry(d, pr.dof1[j], -pr.n[j] / pr.n[pr.k]);
                    }
                constraints.set_inhomogeneity(d, -pair_gap(pr) / pr.n[pr.k]);
              }
          }
      }
    constraints.close();
  }

  /**
   * One mechanics solve as a NewtonSolver problem: full Newton steps (MUMPS
   * on the system with the constraints of the current active set),
   * convergence on the free residual relative to the force scale, and the
   * semismooth active set (platen nodes, interface node pairs) updated after
   * every step, before the convergence test.
   */
  template <int dim>
  struct Mechanics<dim>::NewtonSystem
  {
    using CellIterator = typename DoFHandler<dim>::active_cell_iterator;

    Mechanics<dim>                      &m;
    const double                         dt, tolerance;
    const bool                           contact;
    const unsigned int                   n_q;
    hp::FEValues<dim>                    hfv;
    const QGauss<dim - 1>                fq;
    hp::FEFaceValues<dim>                hffv;
    std::vector<types::global_dof_index> dofs;
    std::vector<SymmetricTensor<2, dim>> grad_u;
    std::vector<SymmetricTensor<2, 3>>   eps_i, c_eps;
    FullMatrix<double>                   Ke;
    Vector<double>                       re, fe_int;
    PETScWrappers::MPI::Vector           active_ghosted, residual, internal, condensed;
    PETScWrappers::MPI::Vector           rhs, du, u_owned, u_start;
    PETScWrappers::MPI::SparseMatrix     K;
    /// Force scale of the convergence test: the internal forces at the start
    /// (the eigenstrain load) or at the current state, whichever is larger;
    /// at an unloaded solution (a freely shrinking part) the latter vanishes.
    double initial_scale = -1, norm = 0, scale = 1;

    NewtonSystem(Mechanics<dim> &m, const double dt, const double tolerance)
      : m(m)
      , dt(dt)
      , tolerance(tolerance)
      , contact(!m.bc.platens.empty() || !m.pairs.empty())
      , n_q(m.cell_quadrature->size())
      , hfv(m.mappings,
            m.fe,
            hp::QCollection<dim>(*m.cell_quadrature),
            update_gradients | update_JxW_values)
      , fq(m.fe[0].degree + 1)
      , hffv(m.mappings,
             m.fe,
             hp::QCollection<dim - 1>(fq),
             update_values | update_normal_vectors | update_JxW_values)
      , dofs(m.fe.max_dofs_per_cell())
      , grad_u(n_q)
      , eps_i(m.fe.max_dofs_per_cell())
      , c_eps(m.fe.max_dofs_per_cell())
      , active_ghosted(m.owned, m.relevant, m.comm)
      , residual(m.owned, m.comm)
      , internal(m.owned, m.comm)
      , condensed(m.owned, m.comm)
      , rhs(m.owned, m.comm)
      , du(m.owned, m.comm)
      , u_owned(m.owned, m.comm)
      , u_start(m.owned, m.comm)
    {
    }

    void
    make_constraints()
    {
      active_ghosted = m.active;
      m.make_constraints(active_ghosted);
    }

    /// Evaluate at the current u: (a) the Newton system with the constraints
    /// (if @p system), (b) the residual with hanging-node constraints only,
    /// the internal forces, and the residual of the constrained problem.
    void
    evaluate(const bool system)
    {
      if (system)
        {
          // the pattern follows the constraints: node pairs couple the bodies
          DynamicSparsityPattern dsp(m.relevant);
          DoFTools::make_sparsity_pattern(m.dof_handler, dsp, m.constraints, false);
          SparsityTools::distribute_sparsity_pattern(dsp, m.owned, m.comm, m.relevant);
          K.reinit(m.owned, m.owned, dsp, m.comm);
          rhs = 0;
        }
      residual  = 0;
      internal  = 0;
      condensed = 0;
      for (const auto &cell : m.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          cell_terms(cell, system);
      residual.compress(VectorOperation::add);
      internal.compress(VectorOperation::add);
      condensed.compress(VectorOperation::add);
      if (system)
        {
          K.compress(VectorOperation::add);
          rhs.compress(VectorOperation::add);
        }
    }

    void
    cell_terms(const CellIterator &cell, const bool system)
    {
      const MechanicalMaterial *mat;
      m.material_for(cell->material_id(), &mat);
      hfv.reinit(cell);
      const FEValues<dim>             &fv = hfv.get_present_fe_values();
      const FEValuesExtractors::Vector disp(dim * m.body(cell->material_id()));
      const unsigned int               n = cell->get_fe().n_dofs_per_cell();
      dofs.resize(n);
      eps_i.resize(n);
      c_eps.resize(n);
      Ke.reinit(n, n);
      re.reinit(n);
      fe_int.reinit(n);
      fv[disp].get_function_symmetric_gradients(m.u, grad_u);
      const auto data = m.history.get_data(cell);
      for (unsigned int q = 0; q < n_q; ++q)
        point_terms(fv, disp, *mat, *data[q], q, system);
      fe_int = re;
      pressure_terms(cell, disp);
      cell->get_dof_indices(dofs);
      m.hanging.distribute_local_to_global(re, dofs, residual);
      m.hanging.distribute_local_to_global(fe_int, dofs, internal);
      // the residual of the constrained problem (node-pair constraints
      // combine the equations of both bodies)
      m.constraints.distribute_local_to_global(re, dofs, condensed);
      if (system)
        {
          Vector<double> minus_re(re);
          minus_re *= -1;
          m.constraints.distribute_local_to_global(Ke, minus_re, dofs, K, rhs);
        }
    }

    /// Internal forces (and the tangent) at quadrature point q.
    void
    point_terms(const FEValues<dim>              &fv,
                const FEValuesExtractors::Vector &disp,
                const MechanicalMaterial         &mat,
                PointHistory                     &history,
                const unsigned int                q,
                const bool                        system)
    {
      const unsigned int n = re.size();
      const Response     r = m.constitutive(mat, embed<dim>(grad_u[q]), history, dt);
      history.creep_strain_trial = r.creep_strain;
      for (unsigned int i = 0; i < n; ++i)
        {
          eps_i[i] = embed<dim>(fv[disp].symmetric_gradient(i, q));
          re[i] += (r.stress * eps_i[i]) * fv.JxW(q);
        }
      if (system)
        {
          for (unsigned int j = 0; j < n; ++j)
            c_eps[j] = r.tangent * eps_i[j];
          for (unsigned int i = 0; i < n; ++i)
            for (unsigned int j = 0; j < n; ++j)
              Ke(i, j) += (eps_i[i] * c_eps[j]) * fv.JxW(q);
        }
    }

    /// Normal pressure on the boundary faces of @p cell.
    void
    pressure_terms(const CellIterator &cell, const FEValuesExtractors::Vector &disp)
    {
      for (const auto f : cell->face_indices())
        if (cell->at_boundary(f))
          {
            const auto it = m.bc.pressure.find(cell->face(f)->boundary_id());
            if (it == m.bc.pressure.end() || it->second == 0)
              continue;
            hffv.reinit(cell, f);
            const FEFaceValues<dim> &ffv = hffv.get_present_fe_values();
            for (unsigned int q = 0; q < fq.size(); ++q)
              for (unsigned int i = 0; i < re.size(); ++i)
                re[i] += it->second * (ffv.normal_vector(q) * ffv[disp].value(i, q)) *
                         ffv.JxW(q);
          }
    }

    /// Free residual norm (constrained dofs excluded).
    double
    free_norm() const
    {
      double s = 0;
      for (const auto dof : m.owned)
        if (!m.constraints.is_constrained(dof))
          s += condensed(dof) * condensed(dof);
      return std::sqrt(Utilities::MPI::sum(s, m.comm));
    }

    /// Platen nodes: active when p - c gap > 0 with c = E / h.
    unsigned int
    update_platens(const bool initial)
    {
      unsigned int changes = 0;
      for (unsigned int i = 0; i < m.bc.platens.size(); ++i)
        {
          const RigidPlaten &platen = m.bc.platens[i];
          for (const auto &[dof, x] : m.contact_dofs[i])
            if (m.owned.is_element(dof) && !m.hanging.is_constrained(dof))
              {
                const double w = m.weights(dof);
                const double h = std::pow(w, 1. / (dim - 1));
                const double p = -platen.sign * residual(dof) / w;
                const double gap =
                    platen.sign * (platen.position - x[platen.direction] - m.u(dof));
                // initially, touching nodes start in contact, so that a
                // body held only by its platen is supported
                const bool now = p - m.reference_modulus / h * gap > 0 ||
                                 (initial && gap <= 1e-12 * h);
                if (now != (m.active(dof) > 0.5))
                  ++changes;
                m.active(dof) = now ? 1. : 0.;
              }
        }
      m.active.compress(VectorOperation::insert);
      return changes;
    }

    /// Interface node pairs: bonded until the tension exceeds the adhesion
    /// (only at an equilibrium of the current set), then unilateral.
    unsigned int
    update_pairs(const bool initial, const bool allow_debonding)
    {
      unsigned int changes = 0;
      m.residual_ghosted   = residual;
      for (const auto &pr : m.pairs)
        {
          const types::global_dof_index d = pr.dof1[pr.k];
          if (!m.owned.is_element(d) || m.hanging.is_constrained(d))
            continue;
          const double w  = m.pair_weights(d);
          const double h  = std::pow(w, 1. / (dim - 1));
          const double p  = m.pair_pressure(pr);
          const double g  = m.pair_gap(pr);
          const double st = m.pair_state(d);
          double       now;
          if (st > 1.5)
            now =
                allow_debonding && -p > m.adhesion_strength ? 0. : 2.; // cohesive failure
          else
            now = (p - m.reference_modulus / h * g > 0 || (initial && g <= 1e-12 * h))
                      ? 1.
                      : 0.;
          if (now != st)
            ++changes;
          m.pair_state(d) = now;
        }
      m.pair_state.compress(VectorOperation::insert);
      return changes;
    }

    /// The active-set hook: at the initial guess, touching nodes start in
    /// contact; after a step, bonded pairs may fail (cohesive) only at an
    /// equilibrium of the current set. The constraints follow the new set.
    unsigned int
    update_active_set(const NewtonIterate &it)
    {
      const bool   initial = it.iteration == 0;
      unsigned int changes = 0;
      if (contact)
        {
          changes = update_platens(initial);
          if (!m.pairs.empty())
            changes += update_pairs(initial, !initial && it.residual.converged());
          changes = Utilities::MPI::sum(changes, m.comm);
        }
      if (!initial)
        make_constraints();
      return changes;
    }

    bool
    residual_norm(NewtonResidual &r)
    {
      {
        TimerOutput::Scope scope(*m.timer_output, "mechanics: assembly");
        evaluate(false);
      }
      if (initial_scale < 0)
        initial_scale = internal.l2_norm();
      norm        = free_norm();
      scale       = std::max({internal.l2_norm(), initial_scale, 1e-300});
      r.merit     = norm;
      r.tolerance = tolerance * scale;
      return true;
    }

    bool
    solve_linearized(unsigned int &iterations)
    {
      make_constraints();
      {
        TimerOutput::Scope scope(*m.timer_output, "mechanics: assembly");
        evaluate(true);
      }
      {
        TimerOutput::Scope     scope(*m.timer_output, "mechanics: linear solve");
        LinearSystemParameters direct;
        direct.method = "direct";
        PetscLinearSolver solver(direct, m.comm);
        if (!solver.update(K) || !solver.solve(rhs, du))
          return false;
      }
      m.constraints.distribute(du);
      u_start    = m.u;
      iterations = 1;
      return true;
    }

    void
    apply_step(const double lambda)
    {
      u_owned = u_start;
      u_owned.add(lambda, du);
      m.u = u_owned;
    }

    NewtonSolver
    solver()
    {
      NewtonSolver newton;
      newton.residual = [this](NewtonResidual &r, std::string &) {
        return residual_norm(r);
      };
      newton.solve_linearized = [this](unsigned int &iterations, std::string &) {
        return solve_linearized(iterations);
      };
      newton.apply_step        = [this](const double lambda) { apply_step(lambda); };
      newton.update_active_set = [this](const NewtonIterate &it) {
        return update_active_set(it);
      };
      return newton;
    }
  };

  template <int dim>
  MechanicsSolveInfo
  Mechanics<dim>::solve(const double       dt,
                        const double       tolerance,
                        const unsigned int max_iterations)
  {
    NewtonSystem system(*this, dt, tolerance);
    system.make_constraints();
    NewtonControl control;
    control.max_iterations     = max_iterations;
    control.line_search        = false;
    const NewtonStatistics out = system.solver().solve(control);

    MechanicsSolveInfo info;
    info.newton_iterations = out.newton_iterations;
    info.residual          = system.norm / system.scale;
    if (!out.converged)
      {
        std::ostringstream msg;
        msg << "mechanics: Newton did not converge in " << max_iterations
            << " iterations (relative residual " << info.residual << ", tolerance "
            << tolerance << "). Reduce the time step or the load increment.";
        throw SolverError(msg.str());
      }
    for (const auto dof : owned)
      if (active(dof) > 0.5)
        ++info.active_set_size;
    info.active_set_size = Utilities::MPI::sum(info.active_set_size, comm);
    residual_ghosted     = system.residual;
    return info;
  }

  template <int dim>
  void
  Mechanics<dim>::accept_step()
  {
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto &h : history.get_data(cell))
          h->creep_strain = h->creep_strain_trial;
  }

  template <int dim>
  std::vector<ContactNode>
  Mechanics<dim>::contact_nodes(const unsigned int i) const
  {
    std::vector<ContactNode> nodes;
    const RigidPlaten       &platen = bc.platens.at(i);
    for (const auto &[dof, x] : contact_dofs[i])
      if (owned.is_element(dof) && !hanging.is_constrained(dof))
        {
          ContactNode node;
          for (unsigned int d = 0; d < dim; ++d)
            node.position[d] = x[d];
          node.pressure = -platen.sign * residual_ghosted(dof) / weights(dof);
          node.gap      = platen.sign * (platen.position - x[platen.direction] - u(dof));
          node.active   = active(dof) > 0.5;
          nodes.push_back(node);
        }
    return nodes;
  }

  template <int dim>
  ContactReport
  Mechanics<dim>::contact_report(const unsigned int i) const
  {
    ContactReport       r;
    double              max_p = 0;
    std::vector<double> compl_values;
    const RigidPlaten  &platen = bc.platens.at(i);
    for (const auto &[dof, x] : contact_dofs[i])
      if (owned.is_element(dof) && !hanging.is_constrained(dof))
        {
          const double w = weights(dof);
          const double p = -platen.sign * residual_ghosted(dof) / w;
          const double gap =
              platen.sign * (platen.position - x[platen.direction] - u(dof));
          const double c    = reference_modulus / std::pow(w, 1. / (dim - 1));
          r.max_penetration = std::max(r.max_penetration, -gap);
          if (active(dof) > 0.5)
            {
              ++r.n_active;
              r.max_tension = std::max(r.max_tension, -p);
            }
          else
            r.max_open_force = std::max(r.max_open_force, std::abs(p));
          max_p             = std::max(max_p, p);
          r.complementarity = std::max(r.complementarity, std::abs(std::min(p, c * gap)));
          r.total_force += p * w;
        }
    r.n_active        = Utilities::MPI::sum(r.n_active, comm);
    r.max_penetration = Utilities::MPI::max(r.max_penetration, comm);
    r.max_tension     = Utilities::MPI::max(r.max_tension, comm);
    r.max_open_force  = Utilities::MPI::max(r.max_open_force, comm);
    max_p             = Utilities::MPI::max(max_p, comm);
    r.complementarity = Utilities::MPI::max(r.complementarity, comm) /
                        std::max(max_p, 1e-12 * reference_modulus);
    r.total_force = Utilities::MPI::sum(r.total_force, comm);
    return r;
  }

  template <int dim>
  std::vector<ContactNode>
  Mechanics<dim>::interface_nodes() const
  {
    std::vector<ContactNode> nodes;
    for (const auto &pr : pairs)
      if (owned.is_element(pr.dof1[pr.k]) && !hanging.is_constrained(pr.dof1[pr.k]))
        {
          ContactNode node;
          for (unsigned int d = 0; d < dim; ++d)
            node.position[d] = pr.x[d];
          node.pressure = pair_pressure(pr);
          node.gap      = pair_gap(pr);
          node.active   = pair_state(pr.dof1[pr.k]) > 0.5;
          nodes.push_back(node);
        }
    return nodes;
  }

  template <int dim>
  ContactReport
  Mechanics<dim>::interface_report(unsigned int *bonded) const
  {
    ContactReport r;
    double        max_p    = 0;
    unsigned int  n_bonded = 0;
    for (const auto &pr : pairs)
      {
        const types::global_dof_index d = pr.dof1[pr.k];
        if (!owned.is_element(d) || hanging.is_constrained(d))
          continue;
        const double w  = pair_weights(d);
        const double p  = pair_pressure(pr);
        const double g  = pair_gap(pr);
        const double st = pair_state(d);
        r.total_force += p * w;
        if (st > 1.5)
          {
            ++n_bonded;
            continue;
          }
        const double c    = reference_modulus / std::pow(w, 1. / (dim - 1));
        r.max_penetration = std::max(r.max_penetration, -g);
        if (st > 0.5)
          {
            ++r.n_active;
            r.max_tension = std::max(r.max_tension, -p);
          }
        else
          r.max_open_force = std::max(r.max_open_force, std::abs(p));
        max_p             = std::max(max_p, p);
        r.complementarity = std::max(r.complementarity, std::abs(std::min(p, c * g)));
      }
    r.n_active        = Utilities::MPI::sum(r.n_active, comm);
    r.max_penetration = Utilities::MPI::max(r.max_penetration, comm);
    r.max_tension     = Utilities::MPI::max(r.max_tension, comm);
    r.max_open_force  = Utilities::MPI::max(r.max_open_force, comm);
    max_p             = Utilities::MPI::max(max_p, comm);
    r.complementarity = Utilities::MPI::max(r.complementarity, comm) /
                        std::max(max_p, 1e-12 * reference_modulus);
    r.total_force = Utilities::MPI::sum(r.total_force, comm);
    if (bonded)
      *bonded = Utilities::MPI::sum(n_bonded, comm);
    return r;
  }

  template <int dim>
  double
  Mechanics<dim>::boundary_reaction(const types::boundary_id b,
                                    const unsigned int       component) const
  {
    ComponentMask mask(n_components, false);
    for (unsigned int k = 0; k < n_components / dim; ++k)
      mask.set(component + k * dim, true);
    const IndexSet dofs = DoFTools::extract_boundary_dofs(
        dof_handler, mask, std::set<types::boundary_id>{b});
    double s = 0;
    for (const auto dof : dofs)
      if (owned.is_element(dof))
        s += residual_ghosted(dof);
    return Utilities::MPI::sum(s, comm);
  }

  template <int dim>
  double
  Mechanics<dim>::mean_boundary_displacement(const types::boundary_id b,
                                             const unsigned int       component) const
  {
    const QGauss<dim - 1> fq(fe[0].degree + 1);
    hp::FEFaceValues<dim> hfv(
        mappings, fe, hp::QCollection<dim - 1>(fq), update_values | update_JxW_values);
    std::vector<Vector<double>> values(fq.size(), Vector<double>(n_components));
    double                      integral = 0, area = 0;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto f : cell->face_indices())
          if (cell->at_boundary(f) && cell->face(f)->boundary_id() == b)
            {
              hfv.reinit(cell, f);
              const FEFaceValues<dim> &fv = hfv.get_present_fe_values();
              fv.get_function_values(u, values);
              const unsigned int c = component + dim * body(cell->material_id());
              for (unsigned int q = 0; q < fq.size(); ++q)
                {
                  integral += values[q][c] * fv.JxW(q);
                  area += fv.JxW(q);
                }
            }
    integral = Utilities::MPI::sum(integral, comm);
    area     = Utilities::MPI::sum(area, comm);
    if (!(area > 0))
      throw InputError("mechanics: boundary " + std::to_string(b) + " is empty");
    return integral / area;
  }

  template <int dim>
  void
  Mechanics<dim>::for_each_cell_stress(
      const std::function<void(const typename DoFHandler<dim>::active_cell_iterator &,
                               const Point<dim> &,
                               double,
                               const SymmetricTensor<2, 3> &,
                               const SymmetricTensor<2, 3> &)> &f) const
  {
    hp::FEValues<dim>                    hfv(mappings,
                          fe,
                          hp::QCollection<dim>(*cell_quadrature),
                          update_gradients | update_quadrature_points |
                              update_JxW_values);
    std::vector<SymmetricTensor<2, dim>> grad_u(cell_quadrature->size());
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const MechanicalMaterial *m;
          material_for(cell->material_id(), &m);
          hfv.reinit(cell);
          const FEValues<dim>             &fv = hfv.get_present_fe_values();
          const FEValuesExtractors::Vector disp(dim * body(cell->material_id()));
          fv[disp].get_function_symmetric_gradients(u, grad_u);
          const auto data = history.get_data(cell);
          for (unsigned int q = 0; q < grad_u.size(); ++q)
            {
              // the stress of the last solve (trial creep strain, no increment)
              PointHistory h;
              h.creep_strain   = data[q]->creep_strain_trial;
              h.eigenstrain    = data[q]->eigenstrain;
              const Response r = constitutive(*m, embed<dim>(grad_u[q]), h, 0);
              f(cell, fv.quadrature_point(q), fv.JxW(q), r.stress, h.creep_strain);
            }
        }
  }

  template <int dim>
  void
  Mechanics<dim>::for_each_stress(
      const std::function<void(const Point<dim> &,
                               types::material_id,
                               const SymmetricTensor<2, 3> &,
                               const SymmetricTensor<2, 3> &)> &f) const
  {
    for_each_cell_stress([&](const typename DoFHandler<dim>::active_cell_iterator &cell,
                             const Point<dim>                                     &x,
                             double,
                             const SymmetricTensor<2, 3> &stress,
                             const SymmetricTensor<2, 3> &creep) {
      f(x, cell->material_id(), stress, creep);
    });
  }

  template <int dim>
  void
  Mechanics<dim>::for_each_interface_stress(
      const Quadrature<dim - 1>                        &fq,
      const std::function<void(const InterfaceSide &)> &f) const
  {
    const UpdateFlags flags = update_values | update_gradients |
                              update_quadrature_points | update_normal_vectors;
    hp::FEFaceValues<dim>    hfv(mappings, fe, hp::QCollection<dim - 1>(fq), flags);
    hp::FESubfaceValues<dim> hsv(mappings, fe, hp::QCollection<dim - 1>(fq), flags);
    std::vector<SymmetricTensor<2, dim>> grad_u(fq.size());
    std::vector<Tensor<1, dim>>          u_side(fq.size());
    InterfaceSide                        side;
    // The points of one face or subface on the side of cell.
    const auto visit = [&](const FEValuesBase<dim> &fv, const unsigned int first) {
      const FEValuesExtractors::Vector disp(dim * body(side.this_phase));
      fv[disp].get_function_symmetric_gradients(u, grad_u);
      fv[disp].get_function_values(u, u_side);
      const MechanicalMaterial *m;
      material_for(side.this_phase, &m);
      // The eigenstrain and creep strain of the side: their cell averages
      // (they vary smoothly within a phase).
      const auto   data = history.get_data(side.cell);
      PointHistory h;
      for (const auto &d : data)
        {
          h.creep_strain += d->creep_strain_trial / double(data.size());
          h.eigenstrain += d->eigenstrain / data.size();
        }
      for (unsigned int q = 0; q < fq.size(); ++q)
        {
          side.q            = first + q;
          side.point        = fv.quadrature_point(q);
          side.normal       = fv.normal_vector(q);
          side.stress       = constitutive(*m, embed<dim>(grad_u[q]), h, 0).stress;
          side.displacement = u_side[q];
          f(side);
        }
    };
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto face : cell->face_indices())
          {
            if (cell->at_boundary(face))
              continue;
            side.cell       = cell;
            side.face       = face;
            side.this_phase = cell->material_id();
            if (!cell->face(face)->has_children())
              {
                side.other_phase = cell->neighbor(face)->material_id();
                if (side.other_phase == side.this_phase)
                  continue;
                hfv.reinit(cell, face);
                visit(hfv.get_present_fe_values(), 0);
                continue;
              }
            for (unsigned int s = 0; s < cell->face(face)->n_children(); ++s)
              {
                side.other_phase =
                    cell->neighbor_child_on_subface(face, s)->material_id();
                if (side.other_phase == side.this_phase)
                  continue;
                hsv.reinit(cell, face, s);
                visit(hsv.get_present_fe_values(), s * fq.size());
              }
          }
  }

  template <int dim>
  Tensor<1, dim>
  Mechanics<dim>::boundary_normal(const types::boundary_id b) const
  {
    const QGauss<dim - 1> fq(1);
    hp::FEFaceValues<dim> hfv(
        mappings, fe, hp::QCollection<dim - 1>(fq), update_normal_vectors);
    std::vector<double> n(dim + 1, 0.0);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned() && n[dim] == 0)
        for (const auto face : cell->face_indices())
          if (cell->at_boundary(face) && cell->face(face)->boundary_id() == b)
            {
              hfv.reinit(cell, face);
              for (unsigned int d = 0; d < dim; ++d)
                n[d] = hfv.get_present_fe_values().normal_vector(0)[d];
              n[dim] = 1;
              break;
            }
    // the lowest rank that has the boundary decides
    const unsigned int rank  = Utilities::MPI::this_mpi_process(comm);
    const unsigned int owner = Utilities::MPI::min(n[dim] > 0 ? rank : 1u << 30, comm);
    if (owner == 1u << 30)
      throw InputError("mechanics: boundary " + std::to_string(b) + " has no faces");
    n = Utilities::MPI::broadcast(comm, n, owner);
    Tensor<1, dim> r;
    for (unsigned int d = 0; d < dim; ++d)
      r[d] = n[d];
    return r;
  }

  template <int dim>
  void
  Mechanics<dim>::prepare_for_refinement()
  {
    history_transfer = std::make_unique<
        parallel::distributed::ContinuousQuadratureDataTransfer<dim, PointHistory>>(
        FE_Q<dim>(1), QGauss<dim>(2), *cell_quadrature);
    history_transfer->prepare_for_coarsening_and_refinement(tria, history);
    displacement_transfer = std::make_unique<
        parallel::distributed::SolutionTransfer<dim, PETScWrappers::MPI::Vector>>(
        dof_handler);
    displacement_transfer->prepare_for_coarsening_and_refinement(u);
  }

  template <int dim>
  void
  Mechanics<dim>::finish_refinement()
  {
    setup();
    history_transfer->interpolate();
    PETScWrappers::MPI::Vector tmp(owned, comm);
    displacement_transfer->interpolate(tmp);
    hanging.distribute(tmp);
    u = tmp;
    history_transfer.reset();
    displacement_transfer.reset();
  }

  template <int dim>
  void
  Mechanics<dim>::save(Checkpoint &checkpoint) const
  {
    // The transfer reads ghosted vectors when the triangulation is saved.
    auto state = std::make_shared<std::array<PETScWrappers::MPI::Vector, 2>>();
    (*state)[0].reinit(owned, relevant, comm);
    (*state)[0] = active;
    (*state)[1].reinit(owned, relevant, comm);
    (*state)[1]   = pair_state;
    auto transfer = std::make_shared<
        parallel::distributed::SolutionTransfer<dim, PETScWrappers::MPI::Vector>>(
        dof_handler);
    transfer->prepare_for_serialization(
        std::vector<const PETScWrappers::MPI::Vector *>{&u, &(*state)[0], &(*state)[1]});
    checkpoint.keep_alive.push_back(state);
    checkpoint.keep_alive.push_back(transfer);
    // The history by value at every quadrature point (no projection, so a
    // restart continues exactly).
    tria.register_data_attach(
        [this](const typename Triangulation<dim>::cell_iterator &cell,
               const typename parallel::distributed::Triangulation<dim>::CellStatus) {
          std::vector<double> values, point;
          for (const auto &h : history.get_data(cell))
            {
              h->pack_values(point);
              values.insert(values.end(), point.begin(), point.end());
            }
          return Utilities::pack(values, false);
        },
        true);
  }

  template <int dim>
  void
  Mechanics<dim>::load()
  {
    setup();
    parallel::distributed::SolutionTransfer<dim, PETScWrappers::MPI::Vector> transfer(
        dof_handler);
    PETScWrappers::MPI::Vector n0(owned, comm), n1(owned, comm), n2(owned, comm);
    std::vector<PETScWrappers::MPI::Vector *> out{&n0, &n1, &n2};
    transfer.deserialize(out);
    hanging.distribute(n0);
    u                         = n0;
    active                    = n1;
    pair_state                = n2;
    const unsigned int handle = tria.register_data_attach(
        [](const typename Triangulation<dim>::cell_iterator &,
           const typename parallel::distributed::Triangulation<dim>::CellStatus) {
          return std::vector<char>();
        },
        true);
    tria.notify_ready_to_unpack(
        handle,
        [this](const typename Triangulation<dim>::cell_iterator &cell,
               const typename parallel::distributed::Triangulation<dim>::CellStatus,
               const boost::iterator_range<std::vector<char>::const_iterator> &data) {
          const auto values =
              Utilities::unpack<std::vector<double>>(data.begin(), data.end(), false);
          const auto         points = history.get_data(cell);
          const unsigned int n      = PointHistory().number_of_values();
          AssertThrow(values.size() == n * points.size(),
                      ExcMessage("the restart set's quadrature history does not "
                                 "match the mechanics' quadrature"));
          for (unsigned int q = 0; q < points.size(); ++q)
            points[q]->unpack_values(std::vector<double>(values.begin() + n * q,
                                                         values.begin() + n * (q + 1)));
        });
  }

  template <int dim>
  std::string
  Mechanics<dim>::write_vtu(const std::string &directory,
                            const std::string &base,
                            const unsigned int index) const
  {
    const unsigned int         n_cells = tria.n_active_cells();
    std::vector<Vector<float>> cell_fields(8, Vector<float>(n_cells));
    const char                *names[] = {"sigma_xx",
                                          "sigma_yy",
                                          "sigma_zz",
                                          "sigma_xy",
                                          "von_mises",
                                          "pressure",
                                          "creep_strain_eq",
                                          "material_id"};
    // cell averages of the stress and the creep strain
    std::vector<SymmetricTensor<2, 3>> s_cell(n_cells), e_cell(n_cells);
    std::vector<double>                volume(n_cells, 0.0);
    for_each_cell_stress([&](const typename DoFHandler<dim>::active_cell_iterator &cell,
                             const Point<dim> &,
                             const double                 JxW,
                             const SymmetricTensor<2, 3> &stress,
                             const SymmetricTensor<2, 3> &creep) {
      const unsigned int k = cell->active_cell_index();
      s_cell[k] += stress * JxW;
      e_cell[k] += creep * JxW;
      volume[k] += JxW;
    });
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const unsigned int          k   = cell->active_cell_index();
          const SymmetricTensor<2, 3> s   = s_cell[k] / volume[k],
                                      ecr = e_cell[k] / volume[k];
          cell_fields[0][k]               = s[0][0];
          cell_fields[1][k]               = s[1][1];
          cell_fields[2][k]               = s[2][2];
          cell_fields[3][k]               = s[0][1];
          cell_fields[4][k]               = std::sqrt(1.5) * deviator(s).norm();
          cell_fields[5][k]               = -trace(s) / 3;
          cell_fields[6][k]               = std::sqrt(2. / 3.) * ecr.norm();
          cell_fields[7][k]               = cell->material_id();
        }
    DataOut<dim> out;
    out.attach_dof_handler(dof_handler);
    std::vector<DataComponentInterpretation::DataComponentInterpretation> interp(
        n_components, DataComponentInterpretation::component_is_part_of_vector);
    std::vector<std::string> field_names(dim, "displacement");
    if (n_components > dim)
      field_names.resize(n_components, "displacement_second_body");
    out.add_data_vector(u, field_names, DataOut<dim>::type_dof_data, interp);
    for (unsigned int i = 0; i < cell_fields.size(); ++i)
      out.add_data_vector(cell_fields[i], names[i]);
    out.build_patches(mapping, fe[0].degree);
    return out.write_vtu_with_pvtu_record(directory + "/", base, index, comm, 4);
  }

  template class Mechanics<2>;
  template class Mechanics<3>;
} // namespace MesoCell
