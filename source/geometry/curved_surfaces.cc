// Curved surfaces that refinement follows: quadrics (spheres, spheroids,
// cylinders) recorded by the generators or listed by the user, attached to
// the coarse mesh as deal.II manifolds. New points on a curved face are the
// flat average of their parents projected onto the surface; on an edge
// where the surface meets another one or a plane face, alternating
// projections onto all of them (converging to the intersection curve).

#include <deal.II/base/mpi.h>
#include <deal.II/base/symmetric_tensor.h>

#include <deal.II/grid/manifold.h>
#include <deal.II/grid/tria_accessor.h>
#include <deal.II/grid/tria_iterator.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/curved_surfaces.h>

#include <boost/algorithm/string.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    using Vec = std::array<double, 3>;

    double
    dot(const double *a, const double *b)
    {
      return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    /// A += s u u^T
    void
    add_outer(double (&A)[9], const double *u, const double s)
    {
      for (unsigned int i = 0; i < 3; ++i)
        for (unsigned int j = 0; j < 3; ++j)
          A[3 * i + j] += s * u[i] * u[j];
    }
  } // namespace

  CurvedSurface
  CurvedSurface::sphere(const double x, const double y, const double z, const double r)
  {
    const double axes[3][3] = {{r, 0, 0}, {0, r, 0}, {0, 0, r}};
    return ellipsoid(x, y, z, axes);
  }

  CurvedSurface
  CurvedSurface::ellipsoid(const double x,
                           const double y,
                           const double z,
                           const double (&semi_axes)[3][3])
  {
    CurvedSurface s;
    s.center[0] = x, s.center[1] = y, s.center[2] = z;
    for (const auto &u : semi_axes)
      {
        const double l2 = dot(u, u);
        add_outer(s.A, u, 1.0 / (l2 * l2)); // (u/|u|)(u/|u|)^T / |u|^2
      }
    return s;
  }

  CurvedSurface
  CurvedSurface::cylinder(const double x,
                          const double y,
                          const double z,
                          const double (&axis)[3],
                          const double (&u)[3],
                          const double (&v)[3])
  {
    CurvedSurface s;
    s.center[0] = x, s.center[1] = y, s.center[2] = z;
    const double l = std::sqrt(dot(axis, axis));
    for (unsigned int i = 0; i < 3; ++i)
      s.axis[i] = axis[i] / l;
    for (const double *w : {u, v})
      {
        const double l2 = dot(w, w);
        add_outer(s.A, w, 1.0 / (l2 * l2));
      }
    return s;
  }

  void
  CurvedSurface::scale(const double factor)
  {
    for (double &c : center)
      c *= factor;
    for (double &a : A)
      a /= factor * factor;
  }

  double
  CurvedSurface::level(const double (&x)[3]) const
  {
    const double d[3] = {x[0] - center[0], x[1] - center[1], x[2] - center[2]};
    double       q    = 0;
    for (unsigned int i = 0; i < 3; ++i)
      q += d[i] * dot(&A[3 * i], d);
    return std::sqrt(std::max(q, 0.0));
  }

  void
  CurvedSurface::project(double (&x)[3]) const
  {
    const double a = (x[0] - center[0]) * axis[0] + (x[1] - center[1]) * axis[1] +
                     (x[2] - center[2]) * axis[2];
    const double l = level(x); // the axial part lies in the null space of A
    if (!(l > 0))
      return; // on the centre or the axis: no direction
    for (unsigned int i = 0; i < 3; ++i)
      {
        const double along = center[i] + a * axis[i];
        x[i]               = along + (x[i] - along) / l;
      }
  }

  std::pair<double, double>
  CurvedSurface::semi_axes() const
  {
    SymmetricTensor<2, 3> a;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = i; j < 3; ++j)
        a[i][j] = A[3 * i + j];
    const auto   lambda = eigenvalues(a); // descending
    const double small  = 1 / std::sqrt(lambda[0]);
    // a cylinder's zero eigenvalue (its axis) does not bound it
    const double large = 1 / std::sqrt(dot(axis, axis) > 0 ? lambda[1] : lambda[2]);
    return {small, large};
  }

  double
  CurvedSurface::size() const
  {
    return semi_axes().second;
  }

  double
  CurvedSurface::radial_distance(const double (&x)[3]) const
  {
    const double l = level(x);
    double       d[3];
    const double a = (x[0] - center[0]) * axis[0] + (x[1] - center[1]) * axis[1] +
                     (x[2] - center[2]) * axis[2];
    for (unsigned int i = 0; i < 3; ++i)
      d[i] = x[i] - center[i] - a * axis[i];
    return l > 0 ? std::abs(l - 1) * std::sqrt(dot(d, d)) / l : size();
  }

  std::vector<CurvedSurface>
  parse_curved_surfaces(const std::string &text,
                        const double       length_unit,
                        const std::string &prm_file)
  {
    std::vector<CurvedSurface> surfaces;
    std::vector<std::string>   shapes;
    boost::split(shapes, text, boost::is_any_of(";"));
    for (std::string shape : shapes)
      {
        boost::trim(shape);
        if (shape.empty())
          continue;
        const auto bad = [&](const std::string &problem) {
          return InputError(entry_message(
              prm_file,
              "Mesh",
              "Curved surfaces",
              "'" + shape + "' " + problem,
              "shapes separated by ';', each 'sphere: x, y, z, r' or "
              "'cylinder: x, y, z, ax, ay, az, r' in mesh-file units (a point "
              "on the axis, its direction, the radius > 0)"));
        };
        const auto colon = shape.find(':');
        if (colon == std::string::npos)
          throw bad("has no ':'");
        const std::string   kind = boost::trim_copy(shape.substr(0, colon));
        std::vector<double> v;
        std::string         rest = shape.substr(colon + 1);
        std::replace(rest.begin(), rest.end(), ',', ' ');
        std::istringstream in(rest);
        for (double x; in >> x;)
          v.push_back(x * length_unit);
        if (!in.eof())
          throw bad("holds something that is not a number");
        if (kind == "sphere" && v.size() == 4 && v[3] > 0)
          surfaces.push_back(CurvedSurface::sphere(v[0], v[1], v[2], v[3]));
        else if (kind == "cylinder" && v.size() == 7 && v[6] > 0)
          {
            const double a[3] = {v[3], v[4], v[5]};
            const double n    = std::sqrt(dot(a, a));
            if (!(n > 0))
              throw bad("has a zero axis");
            // two unit vectors normal to the axis
            const double helper[3] = {std::abs(a[0]) < 0.9 * n ? 1.0 : 0.0,
                                      std::abs(a[0]) < 0.9 * n ? 0.0 : 1.0,
                                      0};
            double       u[3] = {a[1] * helper[2] - a[2] * helper[1],
                                 a[2] * helper[0] - a[0] * helper[2],
                                 a[0] * helper[1] - a[1] * helper[0]};
            const double nu   = std::sqrt(dot(u, u));
            for (double &x : u)
              x *= v[6] / nu;
            double w[3] = {(a[1] * u[2] - a[2] * u[1]) / n,
                           (a[2] * u[0] - a[0] * u[2]) / n,
                           (a[0] * u[1] - a[1] * u[0]) / n};
            surfaces.push_back(CurvedSurface::cylinder(v[0], v[1], v[2], a, u, w));
          }
        else
          throw bad("is not a sphere of 4 or a cylinder of 7 numbers with a "
                    "positive radius");
      }
    return surfaces;
  }

  namespace
  {
    /// One surface a new point is projected onto: a quadric or a plane.
    struct Constraint
    {
      const CurvedSurface *quadric = nullptr;
      double               normal[3]{}, offset = 0; // plane normal . x = offset

      void
      project(double (&x)[3]) const
      {
        if (quadric)
          return quadric->project(x);
        const double d = dot(normal, x) - offset;
        for (unsigned int i = 0; i < 3; ++i)
          x[i] -= d * normal[i];
      }
    };

    /// Alternating projections onto every constraint, until the point no
    /// longer moves (to round-off of @p scale).
    void
    project_all(const std::vector<Constraint> &c, double (&x)[3], const double scale)
    {
      for (unsigned int it = 0; it < (c.size() == 1 ? 1 : 100); ++it)
        {
          const double old[3] = {x[0], x[1], x[2]};
          for (const auto &k : c)
            k.project(x);
          const double d[3] = {x[0] - old[0], x[1] - old[1], x[2] - old[2]};
          if (std::sqrt(dot(d, d)) < 1e-13 * scale)
            break;
        }
    }

    /**
     * @brief New points on a curved face or edge: the flat weighted average
     * of the surrounding points, projected onto the surface (onto the
     * intersection of several). deal.II's refinement calls get_new_point.
     */
    template <int dim>
    class SurfaceManifold : public Manifold<dim>
    {
    public:
      SurfaceManifold(std::vector<Constraint> constraints, const double scale)
        : constraints(std::move(constraints))
        , scale(scale)
      {
      }

      std::unique_ptr<Manifold<dim>>
      clone() const override
      {
        return std::make_unique<SurfaceManifold<dim>>(constraints, scale);
      }

      Point<dim>
      get_new_point(const ArrayView<const Point<dim>> &points,
                    const ArrayView<const double>     &weights) const override
      {
        double x[3] = {0, 0, 0};
        for (unsigned int i = 0; i < points.size(); ++i)
          for (unsigned int d = 0; d < dim; ++d)
            x[d] += weights[i] * points[i][d];
        project_all(constraints, x, scale);
        Point<dim> p;
        for (unsigned int d = 0; d < dim; ++d)
          p[d] = x[d];
        return p;
      }

    private:
      std::vector<Constraint> constraints;
      double                  scale;
    };

    template <int dim>
    void
    to_array(const Point<dim> &p, double (&x)[3])
    {
      x[0] = x[1] = x[2] = 0;
      for (unsigned int d = 0; d < dim; ++d)
        x[d] = p[d];
    }

    /// Unit normal of a face (a line in 2D, a quadrilateral in 3D) from its
    /// vertices; zero if degenerate.
    template <int dim>
    std::array<double, 3>
    face_normal(const typename Triangulation<dim>::face_iterator &f)
    {
      double                a[3], b[3], c[3], d[3];
      std::array<double, 3> n{{0, 0, 0}};
      if (dim == 2)
        {
          to_array(f->vertex(0), a);
          to_array(f->vertex(1), b);
          n = {{-(b[1] - a[1]), b[0] - a[0], 0}};
        }
      else
        {
          // diagonals 0-3 and 1-2 of deal.II's vertex numbering
          to_array(f->vertex(0), a);
          to_array(f->vertex(3), b);
          to_array(f->vertex(1), c);
          to_array(f->vertex(2), d);
          const double p[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
          const double q[3] = {d[0] - c[0], d[1] - c[1], d[2] - c[2]};
          n                 = {{p[1] * q[2] - p[2] * q[1],
                                p[2] * q[0] - p[0] * q[2],
                                p[0] * q[1] - p[1] * q[0]}};
        }
      const double l = std::sqrt(dot(n.data(), n.data()));
      for (double &x : n)
        x = l > 0 ? x / l : 0;
      return n;
    }

    /// The surfaces each coarse vertex lies on (within a relative
    /// tolerance), found through a bucket grid of the vertices.
    template <int dim>
    std::vector<std::vector<unsigned int>>
    vertices_on_surfaces(const Triangulation<dim>         &tria,
                         const std::vector<CurvedSurface> &surfaces,
                         const double                      tolerance)
    {
      const auto                            &vertices = tria.get_vertices();
      const auto                            &used     = tria.get_used_vertices();
      std::vector<std::vector<unsigned int>> on(vertices.size());
      double lo[3] = {1e300, 1e300, 1e300}, hi[3] = {-1e300, -1e300, -1e300};
      for (unsigned int v = 0; v < vertices.size(); ++v)
        if (used[v])
          for (unsigned int d = 0; d < dim; ++d)
            lo[d] = std::min(lo[d], vertices[v][d]),
            hi[d] = std::max(hi[d], vertices[v][d]);
      if (dim == 2)
        lo[2] = hi[2] = 0;
      double typical = 0;
      for (const auto &s : surfaces)
        typical += s.size() / surfaces.size();
      const double h = std::max(typical, 1e-300);
      int          n[3];
      for (unsigned int d = 0; d < 3; ++d)
        n[d] = std::max(1, std::min(200, int(std::ceil((hi[d] - lo[d]) / h))));
      const auto bucket_of = [&](const double x, const unsigned int d) {
        return std::clamp(
            int((x - lo[d]) / (hi[d] - lo[d] + 1e-300) * n[d]), 0, n[d] - 1);
      };
      std::vector<std::vector<unsigned int>> buckets(n[0] * n[1] * n[2]);
      for (unsigned int v = 0; v < vertices.size(); ++v)
        if (used[v])
          {
            double x[3];
            to_array(vertices[v], x);
            buckets[(bucket_of(x[2], 2) * n[1] + bucket_of(x[1], 1)) * n[0] +
                    bucket_of(x[0], 0)]
                .push_back(v);
          }
      for (unsigned int k = 0; k < surfaces.size(); ++k)
        {
          const auto  &s = surfaces[k];
          const double r = 1.05 * s.size();
          int          b0[3], b1[3];
          for (unsigned int d = 0; d < 3; ++d)
            {
              const bool along = std::abs(s.axis[d]) > 1e-12; // unbounded
              b0[d]            = along ? 0 : bucket_of(s.center[d] - r, d);
              b1[d]            = along ? n[d] - 1 : bucket_of(s.center[d] + r, d);
            }
          for (int i2 = b0[2]; i2 <= b1[2]; ++i2)
            for (int i1 = b0[1]; i1 <= b1[1]; ++i1)
              for (int i0 = b0[0]; i0 <= b1[0]; ++i0)
                for (const unsigned int v : buckets[(i2 * n[1] + i1) * n[0] + i0])
                  {
                    double x[3];
                    to_array(vertices[v], x);
                    if (std::abs(s.level(x) - 1) * s.size() <= tolerance * s.size())
                      on[v].push_back(k);
                  }
        }
      return on;
    }
  } // namespace

  namespace
  {
    /// Constraint sets of the faces, edges and vertices of the coarse mesh:
    /// indices < n_surfaces are surfaces, the others planes.
    struct Assignment
    {
      std::map<unsigned int, unsigned int>             face_surface;
      std::map<unsigned int, std::set<unsigned int>>   line_set, vertex_set;
      std::vector<Constraint>                          planes;
      std::map<std::array<long long, 4>, unsigned int> plane_index;

      unsigned int
      plane(const std::array<double, 3> &n, const double offset, const double scale)
      {
        // one plane per orientation and position (to 1e-9 of the scale)
        const double sign = (n[0] + 1e-3 * n[1] + 1e-6 * n[2]) < 0 ? -1 : 1;
        const std::array<long long, 4> key = {
            {std::llround(sign * n[0] * 1e9),
             std::llround(sign * n[1] * 1e9),
             std::llround(sign * n[2] * 1e9),
             std::llround(sign * offset / scale * 1e9)}};
        const auto it = plane_index.find(key);
        if (it != plane_index.end())
          return it->second;
        Constraint c;
        for (unsigned int i = 0; i < 3; ++i)
          c.normal[i] = n[i];
        c.offset = offset;
        planes.push_back(c);
        return plane_index[key] = planes.size() - 1;
      }
    };

    /**
     * How far face @p f lies from surface @p s: the largest radial distance
     * of its vertices and centre, if each is within the sag of a chord of
     * the face's diameter on the surface's sharpest curvature (times 8: the
     * centroid of a subdivided surface triangle, which Gmsh leaves inside
     * the surface, lies about 4 sags deep) and its normal along the
     * surface's;
     * negative otherwise.
     */
    template <int dim>
    double
    distance_to_surface(const typename Triangulation<dim>::face_iterator &f,
                        const CurvedSurface                              &s)
    {
      double c[3];
      to_array(f->center(), c);
      const double d[3] = {c[0] - s.center[0], c[1] - s.center[1], c[2] - s.center[2]};
      double       g[3]; // gradient of the quadric: A d
      for (unsigned int i = 0; i < 3; ++i)
        g[i] = dot(&s.A[3 * i], d);
      const auto   n  = face_normal<dim>(f);
      const double lg = std::sqrt(dot(g, g));
      if (!(lg > 0) || std::abs(dot(g, n.data())) < 0.5 * lg)
        return -1;
      const auto [small, large] = s.semi_axes();
      const double diameter     = f->diameter();
      const double sag          = diameter * diameter / (8 * small * small / large);
      const double allowed      = 8 * sag + 1e-9 * large;
      double       worst        = s.radial_distance(c);
      for (unsigned int v = 0; v < f->n_vertices(); ++v)
        {
          double x[3];
          to_array(f->vertex(v), x);
          worst = std::max(worst, s.radial_distance(x));
        }
      return worst <= allowed ? worst : -1;
    }

    /// Surface of a face, if it is a curved interface face.
    template <int dim>
    int
    surface_of_face(const typename Triangulation<dim>::face_iterator &f,
                    const std::vector<std::vector<unsigned int>>     &on,
                    const std::vector<CurvedSurface>                 &surfaces)
    {
      std::vector<unsigned int> common = on[f->vertex_index(0)];
      for (unsigned int v = 1; v < f->n_vertices() && !common.empty(); ++v)
        {
          const auto               &next = on[f->vertex_index(v)];
          std::vector<unsigned int> both;
          std::set_intersection(common.begin(),
                                common.end(),
                                next.begin(),
                                next.end(),
                                std::back_inserter(both));
          common.swap(both);
        }
      int    best    = -1;
      double closest = 0;
      for (const unsigned int k : common)
        {
          const double d = distance_to_surface<dim>(f, surfaces[k]);
          if (d >= 0 && (best < 0 || d < closest))
            best = k, closest = d;
        }
      return best;
    }
  } // namespace

  namespace
  {
    /// Manifold ids of the curved faces and edges start here.
    constexpr types::manifold_id first_curved_manifold_id = 100;

    /// Move the coarse vertices on curved surfaces onto them (onto the
    /// intersection of all their constraints), where the constraints agree
    /// to round-off after the alternating projections.
    template <int dim, class ConstraintsOf>
    void
    move_vertices(Triangulation<dim>  &tria,
                  const Assignment    &a,
                  const ConstraintsOf &constraints_of,
                  const double         scale,
                  CurvedSurfaceReport &report)
    {
      std::vector<bool> moved(tria.n_vertices(), false);
      for (const auto &cell : tria.cell_iterators_on_level(0))
        for (const unsigned int v : cell->vertex_indices())
          {
            const unsigned int i  = cell->vertex_index(v);
            const auto         it = a.vertex_set.find(i);
            if (moved[i] || it == a.vertex_set.end())
              continue;
            moved[i]                        = true;
            const std::vector<Constraint> c = constraints_of(it->second);
            double                        x[3], y[3];
            to_array(cell->vertex(v), x);
            std::copy(x, x + 3, y);
            project_all(c, y, scale);
            bool agree = true; // every constraint met by the projected point
            for (const auto &k : c)
              {
                double z[3] = {y[0], y[1], y[2]};
                k.project(z);
                const double d[3] = {z[0] - y[0], z[1] - y[1], z[2] - y[2]};
                agree             = agree && std::sqrt(dot(d, d)) < 1e-10 * scale;
              }
            if (!agree)
              continue;
            const double d[3] = {y[0] - x[0], y[1] - x[1], y[2] - x[2]};
            const double move = std::sqrt(dot(d, d));
            if (move > 0)
              ++report.vertices_moved;
            report.max_move = std::max(report.max_move, move / scale);
            for (unsigned int k = 0; k < dim; ++k)
              cell->vertex(v)[k] = y[k];
          }
    }
  } // namespace

  namespace
  {
    /// Whether a cell has a non-positive corner Jacobian (deal.II's
    /// lexicographic vertex numbering: the neighbours of corner v along the
    /// axes are v ^ 1, v ^ 2, v ^ 4).
    template <class CellIterator>
    bool
    inverted(const CellIterator &cell)
    {
      constexpr int dim = CellIterator::AccessorType::dimension;
      for (const unsigned int v : cell->vertex_indices())
        {
          Tensor<2, dim> J;
          for (unsigned int d = 0; d < dim; ++d)
            {
              const unsigned int w    = v ^ (1u << d);
              const double       sign = (v & (1u << d)) ? -1 : 1;
              for (unsigned int c = 0; c < dim; ++c)
                J[c][d] = sign * (cell->vertex(w)[c] - cell->vertex(v)[c]);
            }
          if (!(determinant(J) > 0))
            return true;
        }
      return false;
    }

    /// Indices of the inverted coarse cells.
    template <int dim>
    std::vector<unsigned int>
    inverted_cells(const Triangulation<dim> &tria)
    {
      std::vector<unsigned int> bad;
      for (const auto &cell : tria.cell_iterators_on_level(0))
        if (inverted(cell))
          bad.push_back(cell->index());
      return bad;
    }

    /// Whether a face or (3D) an edge of @p cell is curved.
    template <class CellIterator>
    bool
    touches_curved(const CellIterator &cell)
    {
      for (const unsigned int f : cell->face_indices())
        if (cell->face(f)->manifold_id() != numbers::flat_manifold_id)
          return true;
      for (unsigned int l = 0;
           CellIterator::AccessorType::dimension == 3 && l < cell->n_lines();
           ++l)
        if (cell->line(l)->manifold_id() != numbers::flat_manifold_id)
          return true;
      return false;
    }

    /**
     * Refine the cells next to curved faces and edges twice, on a serial
     * copy of the coarse mesh, and return the coarse cells with an
     * inverted descendant: where the surfaces bend more than the cells next
     * to them can follow. (Deeper levels bend less: the sag of a face
     * falls with its size squared, the cells only with their size.)
     */
    template <int dim>
    std::vector<unsigned int>
    trial_refinement(const Triangulation<dim> &tria)
    {
      Triangulation<dim> copy;
      copy.copy_triangulation(tria);
      for (unsigned int level = 0; level < 2; ++level)
        {
          for (const auto &cell : copy.active_cell_iterators())
            if (cell->level() == int(level) && touches_curved(cell))
              cell->set_refine_flag();
          copy.execute_coarsening_and_refinement();
        }
      std::set<unsigned int> bad;
      for (const auto &cell : copy.active_cell_iterators())
        if (cell->level() > 0 && inverted(cell))
          {
            auto coarse = cell->parent();
            while (coarse->level() > 0)
              coarse = coarse->parent();
            bad.insert(coarse->index());
          }
      return {bad.begin(), bad.end()};
    }

    /// Make the curved faces and edges of the coarse cells @p cells flat
    /// again (they keep the vertices moved onto the surfaces).
    template <int dim>
    unsigned int
    flatten(Triangulation<dim> &tria, const std::vector<unsigned int> &cells)
    {
      unsigned int n = 0;
      for (const unsigned int c : cells)
        {
          const typename Triangulation<dim>::cell_iterator cell(&tria, 0, c);
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->manifold_id() != numbers::flat_manifold_id)
              {
                cell->face(f)->set_manifold_id(numbers::flat_manifold_id);
                ++n;
              }
          if (dim == 3)
            for (unsigned int l = 0; l < cell->n_lines(); ++l)
              cell->line(l)->set_manifold_id(numbers::flat_manifold_id);
        }
      return n;
    }

    /**
     * Untangle the coarse cells the vertex moves inverted: Laplace
     * smoothing (each vertex to the mean of its edge neighbours) of the
     * vertices inside a phase (on no boundary and no interface) of the
     * inverted cells and, while cells stay inverted, of a growing ring of
     * cells around them. Returns the number of cells still inverted.
     */
    template <int dim>
    unsigned int
    untangle(Triangulation<dim> &tria)
    {
      std::vector<unsigned int> bad = inverted_cells(tria);
      if (bad.empty())
        return 0;
      const unsigned int                                      n = tria.n_vertices();
      std::vector<bool>                                       fixed(n, false);
      std::vector<std::set<unsigned int>>                     neighbours(n);
      std::vector<std::vector<unsigned int>>                  cells_of(n);
      std::vector<std::pair<unsigned int, unsigned int>>      writer(n, {0, 0});
      std::vector<typename Triangulation<dim>::cell_iterator> cells;
      for (const auto &cell : tria.cell_iterators_on_level(0))
        {
          cells.push_back(cell);
          for (const unsigned int v : cell->vertex_indices())
            {
              cells_of[cell->vertex_index(v)].push_back(cell->index());
              writer[cell->vertex_index(v)] = {cell->index(), v};
            }
          for (const unsigned int f : cell->face_indices())
            if (cell->at_boundary(f) ||
                cell->neighbor(f)->material_id() != cell->material_id())
              for (unsigned int v = 0; v < cell->face(f)->n_vertices(); ++v)
                fixed[cell->face(f)->vertex_index(v)] = true;
          for (unsigned int l = 0; l < cell->n_lines(); ++l)
            {
              const unsigned int a = cell->line(l)->vertex_index(0),
                                 b = cell->line(l)->vertex_index(1);
              neighbours[a].insert(b);
              neighbours[b].insert(a);
            }
        }
      std::set<unsigned int> region; // free vertices being smoothed
      for (unsigned int sweep = 0; sweep < 200 && !bad.empty(); ++sweep)
        {
          if (sweep % 20 == 0) // grow the region by the cells still inverted
            {
              std::set<unsigned int> grown = region;
              for (const unsigned int c : bad)
                for (const unsigned int v : cells[c]->vertex_indices())
                  for (const unsigned int w : neighbours[cells[c]->vertex_index(v)])
                    for (const unsigned int x : {cells[c]->vertex_index(v), w})
                      if (!fixed[x])
                        grown.insert(x);
              region.swap(grown);
            }
          std::map<unsigned int, Point<dim>> next;
          for (const unsigned int v : region)
            {
              Point<dim> mean;
              for (const unsigned int w : neighbours[v])
                mean += cells[writer[w].first]->vertex(writer[w].second) /
                        double(neighbours[v].size());
              next[v] = mean;
            }
          for (const auto &[v, x] : next)
            cells[writer[v].first]->vertex(writer[v].second) = x;
          bad = inverted_cells(tria);
        }
      return bad.size();
    }
  } // namespace

  namespace
  {
    /// The curved faces of the coarse mesh and the constraint sets of
    /// their edges and vertices.
    template <int dim>
    Assignment
    classify(const Triangulation<dim>         &tria,
             const std::vector<CurvedSurface> &surfaces,
             const double                      scale)
    {
      // candidates: vertices within a quarter of the size of a surface
      const auto         on         = vertices_on_surfaces(tria, surfaces, 0.25);
      const unsigned int n_surfaces = surfaces.size();
      // Curved faces: faces between two phases lying on a surface; plane
      // faces of the boundary next to them give their planes to the shared
      // edges and vertices. (Not the flat interface faces: those may be
      // facets of a surface not listed, whose planes cut the curved one
      // almost tangentially.)
      Assignment                                              a;
      std::vector<typename Triangulation<dim>::face_iterator> flat;
      for (const auto &cell : tria.cell_iterators_on_level(0))
        for (const unsigned int f : cell->face_indices())
          {
            const auto face     = cell->face(f);
            const bool boundary = cell->at_boundary(f);
            if (!boundary && cell->neighbor(f)->material_id() == cell->material_id())
              continue;
            if (!boundary && cell->neighbor_index(f) < cell->index())
              continue; // each interface face once
            const int k = boundary ? -1 : surface_of_face<dim>(face, on, surfaces);
            if (boundary)
              flat.push_back(face);
            else if (k >= 0)
              a.face_surface[face->index()] = k;
          }
      const auto add_to_edges =
          [&](const typename Triangulation<dim>::face_iterator &face,
              const unsigned int                                c,
              const bool                                        only_curved) {
            for (unsigned int v = 0; v < face->n_vertices(); ++v)
              if (!only_curved || a.vertex_set.count(face->vertex_index(v)))
                a.vertex_set[face->vertex_index(v)].insert(c);
            if (dim == 3)
              for (unsigned int l = 0; l < face->n_lines(); ++l)
                if (!only_curved || a.line_set.count(face->line(l)->index()))
                  a.line_set[face->line(l)->index()].insert(c);
          };
      for (auto cell = tria.begin(0); cell != tria.end(0); ++cell)
        for (const unsigned int f : cell->face_indices())
          {
            const auto it = a.face_surface.find(cell->face(f)->index());
            if (it != a.face_surface.end())
              add_to_edges(cell->face(f), it->second, false);
          }
      for (const auto &face : flat)
        {
          double c[3];
          to_array(face->center(), c);
          const auto n = face_normal<dim>(face);
          add_to_edges(face, n_surfaces + a.plane(n, dot(n.data(), c), scale), true);
        }
      return a;
    }

    /// Pull the vertices of coarse cells still inverted back towards
    /// @p original.
    template <int dim>
    void
    pull_back(Triangulation<dim>            &tria,
              const std::vector<Point<dim>> &original,
              CurvedSurfaceReport           &report)
    {
      // Cells still inverted: pull their vertices back towards where they
      // were (halfway, a quarter, all the way, then all the way for the
      // neighbours this inverts); refinement still puts the new points on
      // the surfaces.
      for (const double keep : {0.5, 0.25, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0})
        {
          const auto bad        = inverted_cells(tria);
          report.still_inverted = bad.size();
          if (bad.empty())
            break;
          std::set<unsigned int> pulled;
          for (const unsigned int c : bad)
            {
              const auto cell = typename Triangulation<dim>::cell_iterator(&tria, 0, c);
              for (const unsigned int v : cell->vertex_indices())
                if (pulled.insert(cell->vertex_index(v)).second)
                  {
                    const Point<dim> &x0 = original[cell->vertex_index(v)];
                    cell->vertex(v)      = x0 + keep * (cell->vertex(v) - x0);
                  }
            }
          report.pulled_back += pulled.size();
        }
    }
  } // namespace

  template <int dim>
  CurvedSurfaceReport
  attach_curved_surfaces(Triangulation<dim>               &tria,
                         const std::vector<CurvedSurface> &surfaces)
  {
    CurvedSurfaceReport report;
    if (surfaces.empty())
      return report;
    const unsigned int n_surfaces = surfaces.size();
    double             scale      = 0;
    for (const auto &s : surfaces)
      scale = std::max(scale, s.size());

    const Assignment a = classify(tria, surfaces, scale);
    report.faces       = a.face_surface.size();
    report.lines       = a.line_set.size();

    // One manifold per constraint set (faces: their surface alone).
    std::map<std::set<unsigned int>, types::manifold_id> ids;
    const auto constraints_of = [&](const std::set<unsigned int> &set) {
      std::vector<Constraint> c;
      for (const unsigned int i : set)
        if (i < n_surfaces)
          c.push_back(Constraint{&surfaces[i], {0, 0, 0}, 0});
        else
          c.push_back(a.planes[i - n_surfaces]);
      return c;
    };
    const auto id_of = [&](const std::set<unsigned int> &set) {
      const auto it = ids.find(set);
      if (it != ids.end())
        return it->second;
      const types::manifold_id id = first_curved_manifold_id + ids.size();
      tria.set_manifold(id, SurfaceManifold<dim>(constraints_of(set), scale));
      return ids[set] = id;
    };
    for (auto cell = tria.begin(0); cell != tria.end(0); ++cell)
      for (const unsigned int f : cell->face_indices())
        {
          const auto face = cell->face(f);
          const auto it   = a.face_surface.find(face->index());
          if (it != a.face_surface.end())
            face->set_manifold_id(id_of({it->second}));
          if (dim == 3)
            for (unsigned int l = 0; l < face->n_lines(); ++l)
              {
                const auto line = face->line(l);
                const auto ls   = a.line_set.find(line->index());
                if (ls != a.line_set.end())
                  line->set_manifold_id(id_of(ls->second));
              }
        }
    const std::vector<Point<dim>> original = tria.get_vertices();
    move_vertices(tria, a, constraints_of, scale, report);
    report.still_inverted = untangle(tria);
    pull_back(tria, original, report);
    report.still_inverted = inverted_cells(tria).size();
    // Where one refinement would invert cells, the faces stay flat.
    for (unsigned int trial = 0; trial < 4 && report.still_inverted == 0; ++trial)
      {
        const auto bad = trial_refinement(tria);
        if (bad.empty())
          break;
        if (trial == 3)
          report.still_inverted = bad.size();
        else
          report.flattened += flatten(tria, bad);
      }
    if (report.still_inverted > 0)
      {
        // give up: the coarse mesh as it was, every face flat
        for (const auto &cell : tria.cell_iterators_on_level(0))
          {
            for (const unsigned int v : cell->vertex_indices())
              cell->vertex(v) = original[cell->vertex_index(v)];
            cell->set_all_manifold_ids(numbers::flat_manifold_id);
          }
        tria.reset_all_manifolds();
        report.faces = report.lines = report.vertices_moved = 0;
      }
    return report;
  }

  template CurvedSurfaceReport
  attach_curved_surfaces(Triangulation<2> &, const std::vector<CurvedSurface> &);
  template CurvedSurfaceReport
  attach_curved_surfaces(Triangulation<3> &, const std::vector<CurvedSurface> &);
} // namespace MesoCell
