#ifndef MESOCELL_GEOMETRY_GENERATORS_H
#define MESOCELL_GEOMETRY_GENERATORS_H

#include <deal.II/base/parameter_handler.h>

#include <map>
#include <string>
#include <vector>

namespace MesoCell
{
  /**
   * @brief Settings of the Gmsh-SDK microstructure generators (subsection
   * "Geometry"). All lengths are in metres; the generators draw in
   * micrometres and write a mesh with that length unit.
   *
   * Every generated mesh has the thickness direction along the last axis (z
   * in 3D, y in 2D), the current collector at 0 ("collector"), the opposite
   * face "anode", lateral faces "xmin", "xmax" (and "ymin", "ymax" in 3D),
   * and one named physical group per phase.
   */
  struct GeneratorParameters
  {
    /// "file" (use Mesh file) or the name of a generator.
    std::string  generator = "file";
    unsigned int seed      = 1;
    double       mesh_size = 1e-6;
    double       width     = 20e-6;

    // layers: "name: thickness" pairs, bottom to top
    std::vector<std::pair<std::string, double>> layers;
    std::string                                 graded_layer;
    unsigned int                                graded_sublayers = 1;

    // pillars
    double      pillar_diameter     = 7e-6;
    double      pillar_aspect       = 1.0;
    double      pillar_spacing      = 10e-6;
    std::string pillar_arrangement  = "square";
    double      pillar_height       = 1.0;
    double      electrode_thickness = 30e-6;
    double      separator_thickness = 10e-6;

    // lamellae
    double lamella_thickness = 4e-6;
    double channel_width     = 3e-6;
    double bridge_spacing    = 0;
    double bridge_thickness  = 2e-6;
    double bridge_width      = 5e-6;

    // rGO host
    unsigned int sheet_count     = 5;
    double       sheet_thickness = 1e-6;
    double       gap             = 2e-6;
    double       fill_fraction   = 1.0;

    // particles
    double particle_volume_fraction = 0.3;
    double radius_min               = 3e-6;
    double radius_max               = 4.5e-6;
    double minimum_gap              = 1e-6;
    double filler_volume_fraction   = 0.0;
    double filler_radius            = 1.5e-6;
    double particle_aspect          = 1.0;
    double binder_volume_fraction   = 0.0;
    double binder_radius            = 1e-6;

    // deformation of the meshed structure
    double tilt_angle          = 0;
    double waviness_amplitude  = 0;
    double waviness_wavelength = 10e-6;
    double wrinkle_amplitude   = 0;
    double wrinkle_wavelength  = 10e-6;

    // framework
    double      framework_volume_fraction = 0.15;
    double      strut_spacing             = 5e-6;
    double      strut_probability         = 0.8;
    double      strut_thickness           = 0;
    std::string pore_phase                = "polymer";

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file);
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

    template <class Archive>
    void
    serialize(Archive &ar, const unsigned int)
    {
      ar &file &length_unit &electrode_top &analytic_volume_fraction
          &analytic_interface_area &counts &seconds;
    }
  };

  /**
   * Build the microstructure named in @p p with the Gmsh SDK (OpenCASCADE,
   * boolean fragments for conforming interfaces), mesh it with quadrilaterals
   * (2D) or hexahedra (3D) and write it as ASCII .msh 4.1 to @p file. Runs on
   * rank 0, collective; throws InputError on bad settings.
   */
  GeneratedMesh
  generate_mesh(const GeneratorParameters &p,
                const unsigned int         dim,
                const std::string         &file,
                const std::string         &prm_file);
} // namespace MesoCell

#endif
