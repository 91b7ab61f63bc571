#ifndef MESOCELL_GEOMETRY_GMSH_TOOLS_H
#define MESOCELL_GEOMETRY_GMSH_TOOLS_H

#include <mesocell/geometry/generator.h>

#include <functional>
#include <string>
#include <vector>

/**
 * @brief What the microstructure generators share on the Gmsh SDK: the
 * extruded-stack builder, cell counts, interface keys, physical groups,
 * mesh options, the deformations and the Gmsh session around a build.
 *
 * Geometry is drawn in micrometres (OpenCASCADE tolerances are absolute).
 */
namespace MesoCell::GmshTools
{
  /// Metres to micrometres.
  constexpr double um = 1e6;

  /// A shape of the cross-section (micrometres). Disk: centre, radii;
  /// box: lower corner and size.
  struct Shape
  {
    bool   disk;
    double x, y, a, b;
  };

  /// One segment of an extruded stack: height and number of cell layers.
  struct Segment
  {
    double       height;
    unsigned int cells;
  };

  /// Phase of an extruded piece from its cross-section centre and segment.
  using Classifier = std::function<std::string(
      const double x, const double y, const unsigned int segment)>;

  /// Number of cells of size about @p h along @p length (at least 1).
  unsigned int
  cells_for(const double length, const double h);

  /// Sorted pair key "a|b" for interface areas.
  std::string
  pair_key(const std::string &a, const std::string &b);

  /// The electrode region and (if any) the separator as segments of cell
  /// size @p h (micrometres).
  std::vector<Segment>
  electrode_segments(const CommonGeometry &c, const double h);

  /**
   * Extrude a cross-section through @p segments and classify the pieces:
   * in 3D the shapes are fragmented with the base rectangle lx x ly (what
   * lies outside is removed); in 2D the shapes' x-extents break the base
   * line. Sets cell.height and synchronizes the model.
   */
  void
  build_stack(UnitCell                   &cell,
              const std::vector<Shape>   &shapes,
              const std::vector<Segment> &segments,
              const Classifier           &classify);

  /// Physical groups: one per phase, then collector, anode, xmin, xmax (and
  /// ymin, ymax in 3D).
  void
  add_groups(const UnitCell &cell);

  /// Gmsh mesh options for cell size @p h (micrometres) and the route.
  void
  set_mesh_options(const double h, const unsigned int dim, const MeshRoute route);

  /// Number of quadrilaterals of the current 2D mesh folded over: turned
  /// the other way round than most of their surface's elements (they
  /// overlap their neighbours; deal.II would turn them over on import and
  /// get a non-conforming mesh).
  std::size_t
  count_folded_quads();

  /// Mesh the current 2D model, and, if Gmsh's recombination folded
  /// quadrilaterals over (a sliver between shapes that nearly touch), mesh
  /// it again with every triangle split into three quadrilaterals, which
  /// cannot fold; InputError naming @p prm_file if folds remain.
  void
  generate_2d_without_folds(const std::string &prm_file);

  /**
   * Tilt, waviness and wrinkles of CommonGeometry as maps of the mesh nodes
   * below the electrode top @p He (micrometres): x += f(z) is a shear
   * (volumes kept); z += A sin(2 pi x / l) sin(pi z / H) keeps the collector
   * and the top of the electrode flat.
   */
  void
  deform(const CommonGeometry &c,
         const UnitCell       &cell,
         const double          He,
         const std::string    &prm_file);

  /// Throws std::runtime_error with Gmsh's last logged error, if any.
  void
  throw_last_error();

  /**
   * A Gmsh session on this process: initialize (quiet, one thread, errors
   * logged rather than aborting) and add a model; finalize on destruction.
   */
  class Session
  {
  public:
    Session();
    ~Session();
    Session(const Session &) = delete;
    Session &
    operator=(const Session &) = delete;
  };

  /// Write the meshed model as ASCII .msh 4.1.
  void
  write_msh(const std::string &file);
} // namespace MesoCell::GmshTools

#endif
