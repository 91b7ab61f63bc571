#ifndef MESOCELL_GEOMETRY_MESH_SETUP_H
#define MESOCELL_GEOMETRY_MESH_SETUP_H

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/timer.h>

#include <deal.II/distributed/tria.h>

#include <mesocell/geometry/generators.h>
#include <mesocell/geometry/mesh_import.h>
#include <mesocell/io/output.h>

#include <string>

namespace MesoCell
{
  /// What to do with a parameter file: run it, only check it, only
  /// build the mesh and its geometry report, or continue a run from its
  /// last restart set.
  enum class RunMode
  {
    run,
    validate,
    generate,
    resume
  };

  /// The mesh of a job, ready to solve on.
  struct PreparedMesh
  {
    MeshGroups  groups;
    std::string mesh_file;        ///< the .msh read (for messages)
    std::string directory;        ///< output directory ("" when only validating)
    bool        finished = false; ///< RunMode::generate: nothing more to do
  };

  /**
   * The mesh step every job shares: prepare the output directory (writable,
   * locked for this run, files of an earlier run removed unless resuming,
   * parameters.prm written; only checked when validating), generate the
   * mesh (subsection Geometry) into it or read the Gmsh file (subsection
   * Mesh), import and check it, print the geometry report and write
   * geometry.csv; in RunMode::generate finish there.
   */
  template <int dim>
  PreparedMesh
  prepare_mesh(const MeshParameters                              &mesh_parameters,
               const GeneratorParameters                         &geometry,
               const OutputParameters                            &output,
               const dealii::ParameterHandler                    &prm,
               const std::string                                 &prm_file,
               const RunMode                                      mode,
               dealii::parallel::distributed::Triangulation<dim> &tria,
               dealii::TimerOutput                               &timer);
} // namespace MesoCell

#endif
