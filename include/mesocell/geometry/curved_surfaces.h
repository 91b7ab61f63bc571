#ifndef MESOCELL_GEOMETRY_CURVED_SURFACES_H
#define MESOCELL_GEOMETRY_CURVED_SURFACES_H

#include <string>
#include <utility>
#include <vector>

namespace dealii
{
  template <int dim, int spacedim>
  class Triangulation;
}

namespace MesoCell
{
  /**
   * @brief A curved surface of the microstructure, a quadric
   * (x - c)^T A (x - c) = 1: an ellipsoid (sphere, spheroid; A positive
   * definite) or a cylinder of elliptic cross-section (A singular along
   * the unit vector @p axis). Generators record the spheres, spheroids and
   * cylinders they draw; for a mesh file the user lists them (subsection
   * Mesh, 'Curved surfaces'). Lengths in the unit of the coordinates they
   * are used with (metres once scaled).
   */
  struct CurvedSurface
  {
    double center[3] = {0, 0, 0};
    /// symmetric, row-major
    double A[9] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    /// unit axis of a cylinder; zero for an ellipsoid
    double axis[3] = {0, 0, 0};

    /// A sphere (a circle in 2D: z ignored).
    static CurvedSurface
    sphere(const double x, const double y, const double z, const double r);
    /// An ellipsoid with three orthogonal semi-axis vectors (their lengths
    /// are the semi-axes).
    static CurvedSurface
    ellipsoid(const double x,
              const double y,
              const double z,
              const double (&semi_axes)[3][3]);
    /// A cylinder through (x, y, z) along the unit vector @p axis with
    /// two orthogonal semi-axis vectors of its cross-section.
    static CurvedSurface
    cylinder(const double x,
             const double y,
             const double z,
             const double (&axis)[3],
             const double (&u)[3],
             const double (&v)[3]);

    /// Multiply every length by @p factor.
    void
    scale(const double factor);
    /// sqrt((x-c)^T A (x-c)): 1 on the surface, below 1 inside.
    double
    level(const double (&x)[3]) const;
    /// The point on the surface in the direction of @p x from the centre
    /// (from the axis for a cylinder), written into @p x.
    void
    project(double (&x)[3]) const;
    /// Largest semi-axis (the radius of a sphere).
    double
    size() const;
    /// Smallest and largest semi-axis (of the cross-section of a cylinder).
    std::pair<double, double>
    semi_axes() const;
    /// Distance of @p x from the surface along the ray from the centre
    /// (from the axis).
    double
    radial_distance(const double (&x)[3]) const;

    template <class Archive>
    void
    serialize(Archive &ar, const unsigned int)
    {
      ar &center &A &axis;
    }
  };

  /**
   * Parse the entry 'Curved surfaces' of subsection Mesh: shapes separated
   * by ';', each "sphere: x, y, z, r" or "cylinder: x, y, z, ax, ay, az, r"
   * (a point on the axis, the axis direction and the radius) in mesh-file
   * units, scaled by @p length_unit to metres. Throws InputError naming
   * @p prm_file and the entry on a malformed shape.
   */
  std::vector<CurvedSurface>
  parse_curved_surfaces(const std::string &text,
                        const double       length_unit,
                        const std::string &prm_file);

  /// What attach_curved_surfaces() did.
  struct CurvedSurfaceReport
  {
    unsigned int faces = 0, lines = 0, vertices_moved = 0;
    /// largest vertex move relative to the surface size
    double max_move = 0;
    /// coarse cells the vertex moves inverted and smoothing could not
    /// untangle: then nothing is curved
    unsigned int still_inverted = 0;
    /// vertices of cells that stayed inverted moved back towards their
    /// place on the coarse facets
    unsigned int pulled_back = 0;
    /// curved faces left flat because one refinement would have inverted
    /// the cells next to them
    unsigned int flattened = 0;
  };

  /**
   * Follow @p surfaces under refinement: every coarse face whose vertices
   * (and centre, to the chord's sag) lie on one of them gets a manifold that
   * places new points on that surface; edges where it meets another curved
   * surface or a plane face of the boundary get the intersection; coarse
   * vertices on a surface are moved onto it. Call on the coarse mesh,
   * identically on every rank, before any refinement (and before loading a
   * refined mesh). Faces that are not on any surface stay flat.
   */
  template <int dim>
  CurvedSurfaceReport
  attach_curved_surfaces(dealii::Triangulation<dim, dim>  &tria,
                         const std::vector<CurvedSurface> &surfaces);
} // namespace MesoCell

#endif
