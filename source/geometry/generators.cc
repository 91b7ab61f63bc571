// Subsection Geometry: the choice of the mesh source among "file" and the
// registered generators (source/geometry/generators/*.cc), the settings they
// share, and the Gmsh session around the chosen generator's build.
#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>
#include <mesocell/core/registry.h>
#include <mesocell/geometry/generators.h>
#include <mesocell/geometry/gmsh_tools.h>

#include <boost/serialization/map.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <gmsh.h>

#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace MesoCell
{
  using namespace dealii;

  namespace
  {
    const char *section = "Geometry";
  } // namespace

  void
  CommonGeometry::declare_parameters(ParameterHandler &prm)
  {
    prm.declare_entry("Seed",
                      "1",
                      Patterns::Integer(0),
                      "Seed of the random generators (particles, framework) [-]; "
                      "the same seed gives the same mesh.");
    prm.declare_entry("Mesh size",
                      "1e-6",
                      Patterns::Double(1e-9),
                      "Target cell size of the generated coarse mesh [m].");
    prm.declare_entry("Width",
                      "20e-6",
                      Patterns::Double(1e-9),
                      "Lateral size of the generated unit cell (x and y) [m].");

    prm.declare_entry("Maximum cells",
                      "2e6",
                      Patterns::Double(1),
                      "Upper bound of the number of cells [-]: of a generated "
                      "mesh, estimated from the size of the cell and the Mesh "
                      "size before Gmsh meshes (a length typed in micrometres "
                      "instead of metres would otherwise make Gmsh run out of "
                      "memory), and of any mesh or image after its global "
                      "refinements (subsection Mesh). Keep generated meshes near "
                      "1e5 cells and refine from there.");
    prm.declare_entry("Follow curved surfaces",
                      "true",
                      Patterns::Bool(),
                      "Whether refinement moves the faces of the drawn spheres, "
                      "spheroids and cylinders onto the true surfaces (so that "
                      "volume fractions and interface areas converge to the "
                      "drawn values, at second order) instead of keeping the "
                      "coarse facets. Coarse vertices are moved onto the "
                      "surfaces too; faces where one refinement would invert a "
                      "cell stay flat (the geometry report says how many).");

    prm.enter_subsection("Electrode");
    prm.declare_entry("Electrode thickness",
                      "30e-6",
                      Patterns::Double(1e-9),
                      "Thickness of the structured electrode region (pillars, "
                      "lamellae, particles, framework, rGO host) [m].");
    prm.declare_entry("Separator thickness",
                      "10e-6",
                      Patterns::Double(0),
                      "Thickness of the electrolyte layer 'separator' on top "
                      "of the electrode region [m]; 0 for none.");
    prm.leave_subsection();

    prm.enter_subsection("Deformation");
    prm.declare_entry("Tilt angle",
                      "0",
                      Patterns::Double(-1.2, 1.2),
                      "Tilt of the electrode structure from the thickness axis "
                      "towards x [rad]: x -> x + tan(angle) z inside the "
                      "electrode region (pillars, lamellae grown at an angle). "
                      "A shear, so volume fractions do not change.");
    prm.declare_entry("Waviness amplitude",
                      "0",
                      Patterns::Double(0),
                      "Amplitude of a lateral waviness of the electrode "
                      "structure [m]: x -> x + A sin(2 pi z / wavelength) "
                      "(wavy pillars or lamellae); volume-preserving.");
    prm.declare_entry("Waviness wavelength",
                      "10e-6",
                      Patterns::Double(1e-9),
                      "Wavelength of the waviness along the thickness [m].");
    prm.declare_entry("Wrinkle amplitude",
                      "0",
                      Patterns::Double(0),
                      "Amplitude of wrinkles of horizontal layers (rGO sheets) "
                      "[m]: z -> z + A sin(2 pi x / wavelength) sin(pi z / H) "
                      "inside the electrode region of height H; the collector "
                      "and the top of the electrode stay flat. Needs A pi / H "
                      "< 1.");
    prm.declare_entry("Wrinkle wavelength",
                      "10e-6",
                      Patterns::Double(1e-9),
                      "Wavelength of the wrinkles along x [m].");
    prm.leave_subsection();
  }

  void
  CommonGeometry::parse_parameters(ParameterHandler &prm)
  {
    seed                   = prm.get_integer("Seed");
    mesh_size              = prm.get_double("Mesh size");
    width                  = prm.get_double("Width");
    max_cells              = prm.get_double("Maximum cells");
    follow_curved_surfaces = prm.get_bool("Follow curved surfaces");

    prm.enter_subsection("Electrode");
    electrode_thickness = prm.get_double("Electrode thickness");
    separator_thickness = prm.get_double("Separator thickness");
    prm.leave_subsection();

    prm.enter_subsection("Deformation");
    tilt_angle          = prm.get_double("Tilt angle");
    waviness_amplitude  = prm.get_double("Waviness amplitude");
    waviness_wavelength = prm.get_double("Waviness wavelength");
    wrinkle_amplitude   = prm.get_double("Wrinkle amplitude");
    wrinkle_wavelength  = prm.get_double("Wrinkle wavelength");
    prm.leave_subsection();
  }

  void
  GeneratorParameters::declare_parameters(ParameterHandler &prm)
  {
    const auto &generators = Registry<Generator>::instance();
    prm.enter_subsection(section);
    prm.declare_entry(
        "Generator",
        "file",
        Patterns::Selection(generators.selection("file")),
        "Where the mesh comes from. 'file': the Mesh file of subsection Mesh. "
        "Otherwise a generator builds the microstructure with the Gmsh SDK and "
        "writes it to the output directory: " +
            generators.documentation() +
            " Generated meshes have the boundaries collector (at 0 along the last "
            "axis), anode (opposite face), xmin, xmax, ymin, ymax.");
    CommonGeometry::declare_parameters(prm);
    for (const auto &[name, entry] : generators.entries())
      entry.create()->declare_parameters(prm);
    prm.leave_subsection();
  }

  void
  GeneratorParameters::parse_parameters(ParameterHandler  &prm,
                                        const std::string &prm_file)
  {
    prm.enter_subsection(section);
    generator = prm.get("Generator");
    common.parse_parameters(prm);
    selected.reset();
    if (generator != "file")
      {
        // The Selection pattern admits registered names only.
        auto chosen = Registry<Generator>::instance().create(generator);
        chosen->parse_parameters(prm, prm_file);
        selected = std::move(chosen);
      }
    prm.leave_subsection();
  }

  namespace
  {
    /**
     * Throw an InputError if a cell of lx x ly x height (micrometres; ly
     * unused in 2D), meshed with size h along @p route, would have more
     * than 'Maximum cells' coarse cells. A lower estimate: one cell per
     * h^dim for extruded stacks; free shapes are simplices subdivided into
     * quadrilaterals/hexahedra, about 4 cells per h^2 and 24 per h^3 at a
     * uniform size h (refinement near curved surfaces adds more: 2D
     * particles of radius h/2 give about 40 per h^2).
     */
    void
    check_cell_estimate(const GeneratorParameters &p,
                        const UnitCell            &cell,
                        const double               h,
                        const std::string         &prm_file)
    {
      const bool   free_shapes = p.selected->route() == MeshRoute::free_shapes;
      const double per_cell    = free_shapes ? (cell.dim == 3 ? 24.0 : 4.0) : 1.0;
      const double estimate    = per_cell * (cell.lx / h) * (cell.height / h) *
                              (cell.dim == 3 ? cell.ly / h : 1.0);
      if (!(estimate <= p.common.max_cells))
        {
          std::ostringstream what;
          what << std::setprecision(3) << "the generated mesh would have at least about "
               << estimate << " coarse cells (a cell of " << cell.lx / GmshTools::um;
          if (cell.dim == 3)
            what << " x " << cell.ly / GmshTools::um;
          what << " x " << cell.height / GmshTools::um
               << " m with 'Mesh size' = " << p.common.mesh_size
               << " m), more than 'Maximum cells' = " << p.common.max_cells;
          throw InputError(entry_message(prm_file,
                                         section,
                                         "Maximum cells",
                                         what.str(),
                                         "lengths in metres (1e-6 for a micrometre) "
                                         "and a Mesh size giving fewer cells, or a "
                                         "larger 'Maximum cells'"));
        }
    }

    /// A note when the generator rounded the cell to whole periods.
    void
    note_rounded_width(const CommonGeometry &c, const UnitCell &cell, GeneratedMesh &g)
    {
      const double w       = c.width * GmshTools::um;
      const auto   changed = [&](double l) { return std::abs(l - w) > 1e-6 * w; };
      if (!changed(cell.lx) && !(cell.dim == 3 && changed(cell.ly)))
        return;
      std::ostringstream s;
      s << std::setprecision(4) << "the cell is " << cell.lx / GmshTools::um;
      if (cell.dim == 3)
        s << " x " << cell.ly / GmshTools::um;
      s << " m across: 'Width' (" << c.width
        << " m) rounded to whole periods of the structure";
      g.notes.push_back(s.str());
    }

    /// Draw, group, mesh, deform and write (rank 0, inside a Gmsh session).
    void
    build_and_write(const GeneratorParameters &p,
                    const unsigned int         dim,
                    const std::string         &file,
                    const std::string         &prm_file,
                    GeneratedMesh             &g)
    {
      if (!p.selected)
        throw std::logic_error("generator '" + p.generator + "' was not parsed");
      const CommonGeometry &c = p.common;
      UnitCell     cell{dim, c.width * GmshTools::um, c.width * GmshTools::um, 0, {}, {}};
      const double h = c.mesh_size * GmshTools::um;
      // the estimate from the common sizes before drawing, from the drawn
      // cell (generators may set its height themselves) before meshing
      cell.height = (c.electrode_thickness + c.separator_thickness) * GmshTools::um;
      check_cell_estimate(p, cell, h, prm_file);
      p.selected->build(c, cell, g, prm_file);
      note_rounded_width(c, cell, g);
      check_cell_estimate(p, cell, h, prm_file);
      GmshTools::add_groups(cell);
      GmshTools::throw_last_error();

      GmshTools::set_mesh_options(h, dim, p.selected->route());
      if (dim == 2)
        GmshTools::generate_2d_without_folds(prm_file);
      else
        {
          gmsh::model::mesh::generate(dim);
          GmshTools::throw_last_error();
        }
      GmshTools::deform(c, cell, g.electrode_top * GmshTools::um, prm_file);
      if (!g.curved_surfaces.empty() &&
          (c.tilt_angle != 0 || c.waviness_amplitude != 0 || c.wrinkle_amplitude != 0))
        {
          g.curved_surfaces.clear();
          g.notes.push_back("the deformed shapes are not followed under refinement "
                            "(their surfaces stay at the coarse facets)");
        }
      GmshTools::write_msh(file);
    }

    /// The generation on this process; returns the error message, if any.
    std::string
    generate_here(const GeneratorParameters &p,
                  const unsigned int         dim,
                  const std::string         &file,
                  const std::string         &prm_file,
                  GeneratedMesh             &g)
    {
      Timer       timer;
      std::string error;
      {
        GmshTools::Session session;
        const auto         failed = [&](const std::string &what) {
          return entry_message(prm_file,
                               section,
                               "Generator",
                               "Gmsh failed to build '" + p.generator + "': " + what,
                               "settings whose shapes fit in the cell");
        };
        try
          {
            build_and_write(p, dim, file, prm_file, g);
          }
        catch (const InputError &e)
          {
            error = e.what();
          }
        catch (const std::exception &e)
          {
            error = failed(e.what());
          }
        catch (...)
          {
            std::string last;
            gmsh::logger::getLastError(last);
            error = failed(last);
          }
      }
      g.seconds = timer.wall_time();
      return error;
    }
  } // namespace

  GeneratedMesh
  generate_mesh(const GeneratorParameters &p,
                const unsigned int         dim,
                const std::string         &file,
                const std::string         &prm_file)
  {
    GeneratedMesh g;
    std::string   error;
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      error = generate_here(p, dim, file, prm_file, g);
    throw_input_error_if_any(!error.empty(), error);
    g             = Utilities::MPI::broadcast(MPI_COMM_WORLD, g, 0);
    g.file        = file;
    g.length_unit = 1e-6;
    for (auto &s : g.curved_surfaces)
      s.scale(g.length_unit);
    return g;
  }
} // namespace MesoCell
