#ifndef MESOCELL_GEOMETRY_MESH_IMPORT_H
#define MESOCELL_GEOMETRY_MESH_IMPORT_H

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>

#include <deal.II/distributed/tria.h>

#include <mesocell/geometry/curved_surfaces.h>
#include <mesocell/geometry/image.h>

#include <map>
#include <string>

namespace MesoCell
{
  /**
   * @brief Where the mesh comes from and how it is prepared: a Gmsh .msh
   * file (ASCII 4.1 or 2.2), its length unit and the global refinement;
   * or a labelled voxel image (subsection Image, declared and read here too).
   */
  struct MeshParameters
  {
    /// Path as written in the .prm.
    std::string file_entry;
    /// Path resolved against the directory of the parameter file.
    std::string  file;
    double       length_unit        = 1.0;
    unsigned int global_refinements = 0;
    /// Refuse meshes with more cells after global refinement (subsection
    /// Geometry, 'Maximum cells').
    double max_cells = 2e6;
    /// Curved surfaces followed under refinement [m]: from 'Curved
    /// surfaces' for a mesh file, from the generator for a generated mesh.
    std::vector<CurvedSurface> curved_surfaces;
    /// The parameter file, for messages.
    std::string prm_file;
    /// Subsection Image (enabled when its 'Image file' is set).
    ImageParameters image;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file);
  };

  /**
   * @brief The named physical groups of a Gmsh mesh: phases (top-dimensional
   * groups, deal.II material ids) and boundaries (codimension one, deal.II
   * boundary ids), both keyed by the Gmsh physical name.
   */
  struct MeshGroups
  {
    std::map<std::string, dealii::types::material_id> phases;
    std::map<std::string, dealii::types::boundary_id> boundaries;
    /// What attaching the curved surfaces did (import_mesh()).
    CurvedSurfaceReport curved;

    /// Comma-separated list of phase or boundary names (for messages).
    static std::string
    names(const std::map<std::string, unsigned int> &groups);
  };

  /**
   * Read the physical groups of @p p.file with the Gmsh API (on rank 0, the
   * result broadcast) and check the file: it exists, is ASCII .msh, holds
   * only first-order quadrilaterals (dim 2) or hexahedra (dim 3), and every
   * physical group has a name. Throws InputError with a message naming the
   * file, the entry and what is allowed.
   */
  MeshGroups
  read_mesh_groups(const MeshParameters &p, const unsigned int dim);

  /// Wall times of the phases of a mesh import on this rank [s].
  struct ImportTimes
  {
    /// The groups read and checked by the Gmsh API.
    double read = 0;
    /// GridIn's read, the coarse mesh created: deal.II's orientation of the
    /// cells, its Triangulation, p4est's connectivity and forest.
    double triangulation = 0;
    /// Conformity, phases, curved surfaces attached, cell Jacobians, global
    /// refinement.
    double checks = 0;
  };

  /**
   * Import the mesh into @p tria (deal.II's stream parser GridIn::read_msh),
   * scale it by the length unit, check every cell (no inverted or degenerate
   * cells), refine globally and check again. The phase times go to @p times
   * if given.
   */
  template <int dim>
  MeshGroups
  import_mesh(const MeshParameters                              &p,
              dealii::parallel::distributed::Triangulation<dim> &tria,
              ImportTimes                                       *times = nullptr);

  /**
   * Check that every locally owned active cell has a positive Jacobian
   * determinant at all its vertices and quadrature points (no inverted or
   * self-intersecting cells). Collective; throws InputError naming @p where.
   */
  template <int dim>
  void
  check_cells(const dealii::Triangulation<dim> &tria, const std::string &where);

  /// InputError naming 'Global refinements' if @p n_coarse cells refined
  /// p.global_refinements times would exceed p.max_cells.
  void
  check_refined_size(const std::size_t     n_coarse,
                     const unsigned int    dim,
                     const MeshParameters &p);
} // namespace MesoCell

#endif
