#ifndef MESOCELL_GEOMETRY_GENERATORS_H
#define MESOCELL_GEOMETRY_GENERATORS_H

#include <deal.II/base/parameter_handler.h>

#include <mesocell/geometry/generator.h>

#include <memory>
#include <string>

namespace MesoCell
{
  /**
   * @brief Subsection "Geometry": where the mesh comes from ("file" or a
   * registered Generator), the settings all generators share and the chosen
   * generator with its own settings. All lengths are in metres; the
   * generators draw in micrometres and write a mesh with that length unit.
   *
   * Every generated mesh has the thickness direction along the last axis (z
   * in 3D, y in 2D), the current collector at 0 ("collector"), the opposite
   * face "anode", lateral faces "xmin", "xmax" (and "ymin", "ymax" in 3D),
   * and one named physical group per phase.
   */
  struct GeneratorParameters
  {
    /// "file" (use Mesh file) or the name of a registered generator.
    std::string    generator = "file";
    CommonGeometry common;
    /// The chosen generator with its parsed settings (null for "file").
    std::shared_ptr<const Generator> selected;

    /// Declares Generator, the common entries and the entries of every
    /// registered generator.
    static void
    declare_parameters(dealii::ParameterHandler &prm);
    /// Reads Generator, the common entries and the chosen generator's.
    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file);
  };

  /**
   * Build the microstructure of the generator chosen in @p p with the Gmsh
   * SDK (OpenCASCADE, boolean fragments for conforming interfaces), mesh it
   * with quadrilaterals (2D) or hexahedra (3D) and write it as ASCII .msh
   * 4.1 to @p file. Runs on rank 0, collective; throws InputError on bad
   * settings.
   */
  GeneratedMesh
  generate_mesh(const GeneratorParameters &p,
                const unsigned int         dim,
                const std::string         &file,
                const std::string         &prm_file);
} // namespace MesoCell

#endif
