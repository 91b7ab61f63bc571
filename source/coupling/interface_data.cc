// Interface quadrature data stored with the cells that own it, carried
// through refinement, repartitioning and checkpoints.
#include <deal.II/base/utilities.h>

#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_tools.h>

#include <mesocell/coupling/interface_data.h>

#include <limits>

namespace MesoCell
{
  using namespace dealii;

  template <int dim>
  InterfaceData<dim>::InterfaceData(const unsigned int n_values)
    : values_per_point(n_values)
  {
  }

  template <int dim>
  std::uint64_t
  InterfaceData<dim>::cell_key(const int level, const int index)
  {
    return (std::uint64_t(level) << 56) | (std::uint64_t(index) << 3);
  }

  template <int dim>
  std::uint64_t
  InterfaceData<dim>::face_key(const InterfacePointId &id)
  {
    return cell_key(id.level, id.index) | id.face;
  }

  template <int dim>
  double *
  InterfaceData<dim>::find(const InterfacePointId &id)
  {
    const auto it = faces.find(face_key(id));
    if (it == faces.end() || id.q >= it->second.stored.size() || !it->second.stored[id.q])
      return nullptr;
    return &it->second.values[id.q * values_per_point];
  }

  template <int dim>
  const double *
  InterfaceData<dim>::find(const InterfacePointId &id) const
  {
    return const_cast<InterfaceData<dim> *>(this)->find(id);
  }

  template <int dim>
  double *
  InterfaceData<dim>::get(const InterfacePointId &id, const Point<dim> &x, bool &created)
  {
    Face &f = faces[face_key(id)];
    if (id.q >= f.stored.size())
      {
        f.points.resize(id.q + 1);
        f.values.resize((id.q + 1) * values_per_point, 0.0);
        f.stored.resize(id.q + 1, 0);
      }
    created = !f.stored[id.q];
    if (created)
      {
        f.stored[id.q] = 1;
        f.points[id.q] = x;
      }
    return &f.values[id.q * values_per_point];
  }

  template <int dim>
  void
  InterfaceData<dim>::for_each(
      const std::function<void(const InterfacePointId &, const Point<dim> &, double *)>
          &fn)
  {
    for (auto &[key, f] : faces)
      for (unsigned int q = 0; q < f.stored.size(); ++q)
        if (f.stored[q])
          {
            InterfacePointId id;
            id.level = int(key >> 56);
            id.index = int((key >> 3) & ((std::uint64_t(1) << 53) - 1));
            id.face  = unsigned(key & 7);
            id.q     = q;
            fn(id, f.points[q], &f.values[q * values_per_point]);
          }
  }

  template <int dim>
  void
  InterfaceData<dim>::for_each(
      const std::function<
          void(const InterfacePointId &, const Point<dim> &, const double *)> &fn) const
  {
    const_cast<InterfaceData<dim> *>(this)->for_each([&](const InterfacePointId &id,
                                                         const Point<dim>       &x,
                                                         double *v) { fn(id, x, v); });
  }

  template <int dim>
  std::size_t
  InterfaceData<dim>::size() const
  {
    std::size_t n = 0;
    for (const auto &[key, f] : faces)
      for (const char s : f.stored)
        n += s;
    return n;
  }

  template <int dim>
  void
  InterfaceData<dim>::clear()
  {
    faces.clear();
    candidates.clear();
  }

  template <int dim>
  bool
  InterfaceData<dim>::restore(const InterfacePointId &id,
                              const Point<dim>       &x,
                              double                 *values) const
  {
    const auto it = candidates.find(cell_key(id.level, id.index));
    if (it == candidates.end())
      return false;
    const std::vector<double> &c      = it->second;
    const unsigned int         stride = 1 + dim + values_per_point;
    double                     best   = std::numeric_limits<double>::max();
    const double              *hit    = nullptr;
    for (std::size_t i = 0; i + stride <= c.size(); i += stride)
      if (unsigned(c[i]) == id.face)
        {
          double d2 = 0;
          for (unsigned int d = 0; d < dim; ++d)
            d2 += (c[i + 1 + d] - x[d]) * (c[i + 1 + d] - x[d]);
          if (d2 < best)
            {
              best = d2;
              hit  = &c[i + 1 + dim];
            }
        }
    if (hit)
      std::copy(hit, hit + values_per_point, values);
    return hit != nullptr;
  }

  template <int dim>
  void
  InterfaceData<dim>::append_entries(const Face          &f,
                                     const unsigned int   face_no,
                                     std::vector<double> &out) const
  {
    for (unsigned int q = 0; q < f.stored.size(); ++q)
      if (f.stored[q])
        {
          out.push_back(face_no);
          for (unsigned int d = 0; d < dim; ++d)
            out.push_back(f.points[q][d]);
          out.insert(out.end(),
                     f.values.begin() + q * values_per_point,
                     f.values.begin() + (q + 1) * values_per_point);
        }
  }

  template <int dim>
  std::vector<double>
  InterfaceData<dim>::pack_cell(const int level, const int index) const
  {
    std::vector<double> out;
    for (unsigned int f = 0; f < GeometryInfo<dim>::faces_per_cell; ++f)
      if (const auto it = faces.find(cell_key(level, index) | f); it != faces.end())
        append_entries(it->second, f, out);
    return out;
  }

  namespace
  {
    /// The face of @p other that touches face @p f of @p cell, for a
    /// neighbour of the same level, a coarser one or a child of a finer one.
    template <int dim>
    unsigned int
    facing_face(const typename Triangulation<dim>::active_cell_iterator &cell,
                const unsigned int                                       f)
    {
      return cell->neighbor_is_coarser(f) ? cell->neighbor_of_coarser_neighbor(f).first
                                          : cell->neighbor_of_neighbor(f);
    }
  } // namespace

  template <int dim>
  std::unordered_map<std::uint64_t, std::vector<double>>
  InterfaceData<dim>::outgoing(const Triangulation &tria,
                               const bool           with_neighbours) const
  {
    std::unordered_map<std::uint64_t, std::vector<double>> out, ghost;
    if (with_neighbours)
      ghost = ghost_entries(tria);
    // The entries of a neighbour's face that touches face f of a cell, as
    // entries of face f.
    const auto mirror = [&](const std::vector<double> &src,
                            const unsigned int         from_face,
                            const unsigned int         to_face,
                            std::vector<double>       &dst) {
      const unsigned int stride = 1 + dim + values_per_point;
      for (std::size_t i = 0; i + stride <= src.size(); i += stride)
        if (unsigned(src[i]) == from_face)
          {
            dst.push_back(to_face);
            dst.insert(dst.end(), src.begin() + i + 1, src.begin() + i + stride);
          }
    };
    const auto entries_of = [&](const typename Triangulation::active_cell_iterator &c) {
      if (c->is_locally_owned())
        return pack_cell(c->level(), c->index());
      const auto it = ghost.find(cell_key(c->level(), c->index()));
      return it == ghost.end() ? std::vector<double>() : it->second;
    };
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          std::vector<double> v = pack_cell(cell->level(), cell->index());
          if (with_neighbours)
            for (const unsigned int f : cell->face_indices())
              if (!cell->at_boundary(f))
                {
                  const auto nb = cell->neighbor(f);
                  if (!nb->has_children())
                    {
                      if (!nb->is_artificial())
                        mirror(entries_of(nb), facing_face<dim>(cell, f), f, v);
                    }
                  else
                    for (unsigned int s = 0; s < cell->face(f)->n_children(); ++s)
                      {
                        const auto child = cell->neighbor_child_on_subface(f, s);
                        if (!child->is_artificial())
                          mirror(entries_of(child), cell->neighbor_of_neighbor(f), f, v);
                      }
                }
          if (!v.empty())
            out[cell_key(cell->level(), cell->index())] = std::move(v);
        }
    return out;
  }

  template <int dim>
  std::unordered_map<std::uint64_t, std::vector<double>>
  InterfaceData<dim>::ghost_entries(const Triangulation &tria) const
  {
    std::unordered_map<std::uint64_t, std::vector<double>> ghost;
    GridTools::exchange_cell_data_to_ghosts<std::vector<double>, Triangulation>(
        tria,
        [&](const typename Triangulation::active_cell_iterator &cell)
            -> std_cxx17::optional<std::vector<double>> {
          std::vector<double> v = pack_cell(cell->level(), cell->index());
          if (v.empty())
            return {};
          return v;
        },
        [&](const typename Triangulation::active_cell_iterator &cell,
            const std::vector<double>                          &v) {
          ghost[cell_key(cell->level(), cell->index())] = v;
        });
    return ghost;
  }

  template <int dim>
  void
  InterfaceData<dim>::copy_to_ghosts(const Triangulation &tria)
  {
    const unsigned int stride = 1 + dim + values_per_point;
    for (const auto &[key, v] : ghost_entries(tria))
      for (std::size_t i = 0; i + stride <= v.size(); i += stride)
        {
          Face &f = faces[key | unsigned(v[i])];
          f.points.emplace_back();
          for (unsigned int d = 0; d < dim; ++d)
            f.points.back()[d] = v[i + 1 + d];
          f.values.insert(
              f.values.end(), v.begin() + i + 1 + dim, v.begin() + i + stride);
          f.stored.push_back(1);
        }
  }

  template <int dim>
  const double *
  InterfaceData<dim>::nearest(const InterfacePointId &id, const Point<dim> &x) const
  {
    const auto it = faces.find(face_key(id));
    if (it == faces.end())
      return nullptr;
    const Face   &f    = it->second;
    double        best = std::numeric_limits<double>::max();
    const double *hit  = nullptr;
    for (unsigned int q = 0; q < f.stored.size(); ++q)
      if (f.stored[q] && f.points[q].distance_square(x) < best)
        {
          best = f.points[q].distance_square(x);
          hit  = &f.values[q * values_per_point];
        }
    return hit;
  }

  template <int dim>
  unsigned int
  InterfaceData<dim>::attach(Triangulation &tria, const bool with_neighbours) const
  {
    packed = outgoing(tria, with_neighbours);
    return tria.register_data_attach(
        [this](const typename Triangulation::cell_iterator &cell,
               const typename Triangulation::CellStatus     status) {
          std::vector<double> v;
          const auto          add = [&](const auto &c) {
            const auto it = packed.find(cell_key(c->level(), c->index()));
            if (it != packed.end())
              v.insert(v.end(), it->second.begin(), it->second.end());
          };
          if (status == Triangulation::CELL_COARSEN)
            for (const auto &child : cell->child_iterators())
              add(child);
          else
            add(cell);
          return Utilities::pack(v, false);
        },
        true);
  }

  template <int dim>
  void
  InterfaceData<dim>::unpack(Triangulation &tria, const unsigned int h)
  {
    faces.clear();
    candidates.clear();
    packed.clear();
    tria.notify_ready_to_unpack(
        h,
        [this](const typename Triangulation::cell_iterator &cell,
               const typename Triangulation::CellStatus,
               const boost::iterator_range<std::vector<char>::const_iterator> &data) {
          std::vector<double> v =
              Utilities::unpack<std::vector<double>>(data.begin(), data.end(), false);
          if (v.empty())
            return;
          if (cell->has_children())
            for (const auto &child : cell->child_iterators())
              candidates[cell_key(child->level(), child->index())] = v;
          else
            candidates[cell_key(cell->level(), cell->index())] = std::move(v);
        });
  }

  template <int dim>
  void
  InterfaceData<dim>::prepare_for_coarsening_and_refinement(Triangulation &tria)
  {
    handle = attach(tria, true);
  }

  template <int dim>
  void
  InterfaceData<dim>::unpack_after_coarsening_and_refinement(Triangulation &tria)
  {
    unpack(tria, handle);
  }

  template <int dim>
  void
  InterfaceData<dim>::prepare_for_serialization(Triangulation &tria) const
  {
    attach(tria, false);
  }

  template <int dim>
  void
  InterfaceData<dim>::deserialize(Triangulation &tria)
  {
    // The attachment of the load, in the order of the save.
    const unsigned int h = tria.register_data_attach(
        [](const typename Triangulation::cell_iterator &,
           const typename Triangulation::CellStatus) { return std::vector<char>(); },
        true);
    unpack(tria, h);
  }

  template class InterfaceData<2>;
  template class InterfaceData<3>;
} // namespace MesoCell
