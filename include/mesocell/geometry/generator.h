#ifndef MESOCELL_GEOMETRY_GENERATOR_H
#define MESOCELL_GEOMETRY_GENERATOR_H

#include <deal.II/base/parameter_handler.h>

#include <mesocell/geometry/curved_surfaces.h>

#include <map>
#include <string>
#include <vector>

namespace MesoCell
{
  /**
   * @brief Settings every microstructure generator shares: the entries Seed,
   * Mesh size and Width of subsection "Geometry" and its subsections
   * "Electrode" and "Deformation". All lengths in metres.
   */
  struct CommonGeometry
  {
    unsigned int seed      = 1;
    double       mesh_size = 1e-6;
    double       width     = 20e-6;

    // the structured electrode region and the separator on top of it
    double electrode_thickness = 30e-6;
    double separator_thickness = 10e-6;

    // deformation of the meshed structure
    double tilt_angle          = 0;
    double waviness_amplitude  = 0;
    double waviness_wavelength = 10e-6;
    double wrinkle_amplitude   = 0;
    double wrinkle_wavelength  = 10e-6;

    /// upper bound of the estimated coarse cells of a generated mesh
    double max_cells = 2e6;
    /// refinement follows the drawn curved surfaces
    bool follow_curved_surfaces = true;

    /// Declare the entries; @p prm is inside subsection Geometry.
    static void
    declare_parameters(dealii::ParameterHandler &prm);
    /// Read the entries; @p prm is inside subsection Geometry.
    void
    parse_parameters(dealii::ParameterHandler &prm);
  };

  /// What a generator reports besides the mesh.
  struct GeneratedMesh
  {
    std::string file;
    double      length_unit = 1e-6;
    /// Height of the electrode region (top of the phases whose percolation
    /// is reported) [m].
    double electrode_top = 0;
    /// Analytic volume fractions of the phases where the shape has one.
    std::map<std::string, double> analytic_volume_fraction;
    /// Analytic interface areas [m^2] keyed "phaseA|phaseB" (sorted names).
    std::map<std::string, double> analytic_interface_area;
    /// Counts of generated objects (particles, struts, ...).
    std::map<std::string, unsigned int> counts;
    double                              seconds = 0;
    /// What the generator changed or ignored of the input (a width rounded
    /// to whole periods, an entry it does not use), printed with the report.
    std::vector<std::string> notes;
    /// The spheres, spheroids and cylinders drawn (in the drawing unit,
    /// micrometres, until generate_mesh() scales them to metres), followed
    /// by refinement.
    std::vector<CurvedSurface> curved_surfaces;

    template <class Archive>
    void
    serialize(Archive &ar, const unsigned int)
    {
      ar &file &length_unit &electrode_top &analytic_volume_fraction
          &analytic_interface_area &counts &seconds &notes &curved_surfaces;
    }
  };

  /**
   * @brief The unit cell a generator draws into the current Gmsh model, in
   * micrometres: its size (a generator may round lx and ly to whole
   * periods) and the model entities of each phase.
   */
  struct UnitCell
  {
    unsigned int dim;
    double       lx, ly, height;
    /// phase name -> tags of its entities of dimension dim
    std::map<std::string, std::vector<int>> phases;
    /// phase names in the order of their first entity (physical group tags)
    std::vector<std::string> phase_order;

    void
    add(const std::string &phase, const int tag)
    {
      if (phases.count(phase) == 0)
        phase_order.push_back(phase);
      phases[phase].push_back(tag);
    }
  };

  /**
   * @brief How a generated model is meshed into quadrilaterals/hexahedra.
   *
   * extruded: cross-sections meshed with quads and extruded in structured,
   * recombined layers (build_stack); free_shapes: boolean fragments meshed
   * with simplices and subdivided.
   */
  enum class MeshRoute
  {
    extruded,
    free_shapes
  };

  /**
   * @brief A microstructure generator: a plug-in of subsection Geometry,
   * chosen by the entry "Generator".
   *
   * One .cc file under source/geometry/generators/ per generator, ending
   * with MESOCELL_REGISTER(Generator, Class, "name", "Description."). The
   * name becomes a value of "Generator", the description part of its help.
   * Every registered generator declares its entries (usually in a
   * subsection of Geometry of its own); only the chosen one is parsed and
   * built. generate_mesh() sets Gmsh up, calls build(), adds the physical
   * groups, meshes, applies the deformations of CommonGeometry and writes
   * the mesh.
   */
  class Generator
  {
  public:
    virtual ~Generator() = default;

    /// Declare the generator's own entries; @p prm is inside subsection
    /// Geometry.
    virtual void
    declare_parameters(dealii::ParameterHandler &prm) const = 0;

    /// Read and check them (InputError naming @p prm_file on bad values);
    /// @p prm is inside subsection Geometry.
    virtual void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file) = 0;

    /// The meshing route of the drawn shapes.
    virtual MeshRoute
    route() const
    {
      return MeshRoute::extruded;
    }

    /**
     * Draw the microstructure into the current Gmsh model (micrometres,
     * thickness along the last axis from 0), give every entity of dimension
     * cell.dim a phase with cell.add(), set cell.height (and lx, ly when
     * rounded to whole periods), synchronize the model, and fill the
     * analytic values and electrode_top [m] of @p result. Runs on rank 0
     * only; throws InputError naming @p prm_file on settings that cannot be
     * built.
     */
    virtual void
    build(const CommonGeometry &common,
          UnitCell             &cell,
          GeneratedMesh        &result,
          const std::string    &prm_file) const = 0;
  };
} // namespace MesoCell

#endif
