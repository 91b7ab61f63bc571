#ifndef MESOCELL_GEOMETRY_IMAGE_MESH_H
#define MESOCELL_GEOMETRY_IMAGE_MESH_H

#include <deal.II/distributed/tria.h>

#include <mesocell/geometry/image.h>
#include <mesocell/geometry/mesh_import.h>
#include <mesocell/geometry/report.h>

namespace MesoCell
{
  /**
   * The phase and boundary names of an image mesh: phases with ids
   * 1..n in the order of VoxelImage::phase_names; boundaries xmin, xmax,
   * ymin, ymax (zmin, zmax) with ids 0..2 dim-1, and the aliases
   * "collector" (the face at 0 of the last axis) and "anode" (the opposite
   * face), as the generators name them.
   */
  MeshGroups
  image_groups(const VoxelImage &image, const unsigned int dim);

  /**
   * Mesh the image into @p tria (empty on entry): coarse blocks of B^dim
   * voxels (B = p.block_size, or automatic), refined while a cell holds more
   * than one phase, so that every active cell is one phase and uniform
   * blocks stay coarse; material ids of all cells (the majority phase on
   * cells that are not active; set again by @p tria's signals after every
   * later refinement, repartition and load), colourised boundary ids. Then
   * @p global_refinements uniform refinements. With @p coarse_only only the
   * blocks (the coarse mesh a restart set is loaded into). Collective; every
   * rank reads the image itself.
   */
  template <int dim>
  void
  build_image_mesh(const VoxelImage                                  &image,
                   const ImageParameters                             &p,
                   const unsigned int                                 global_refinements,
                   dealii::parallel::distributed::Triangulation<dim> &tria,
                   const bool coarse_only = false);

  /**
   * Material ids of all cells of @p tria from the voxels: the phase of an
   * active cell (exact when it lies inside one phase), the majority phase of
   * the voxels of any other cell. Called by build_image_mesh and connected
   * to the triangulation's post_distributed_refinement, _repartition and
   * _load signals (new cells inherit the phase of their parent).
   */
  template <int dim>
  void
  set_image_phases(const VoxelImage &image, dealii::Triangulation<dim> &tria);

  /**
   * Geometry report computed on the voxels: volume fractions, interface
   * areas (voxel faces between two phases), percolation of every phase
   * between the faces at 0 and at the end of the last axis (face-connected
   * voxels), with @p n_cells the number of active cells of the mesh.
   */
  GeometryReport
  image_geometry_report(const VoxelImage &image, const unsigned int n_cells);
} // namespace MesoCell

#endif
