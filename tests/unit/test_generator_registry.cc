// A generator registered from its own file only: the two-layer box below is
// defined and registered in this test file and nowhere else, and yet it is a
// value of Geometry / Generator, declares and parses its own entries, and is
// meshed by the same generate_mesh as the built-in generators.
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <deal.II/distributed/tria.h>

#include <mesocell/core/application.h>
#include <mesocell/core/registry.h>
#include <mesocell/geometry/generators.h>
#include <mesocell/geometry/gmsh_tools.h>
#include <mesocell/geometry/mesh_import.h>
#include <mesocell/geometry/report.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <unistd.h>

using namespace dealii;
using namespace MesoCell;

namespace
{
  /// Two layers 'bottom' and 'top' filling the electrode thickness; the
  /// bottom one takes the fraction 'Bottom fraction' of it.
  class TwoLayerBox : public Generator
  {
  public:
    void
    declare_parameters(ParameterHandler &prm) const override
    {
      prm.enter_subsection("Two-layer box");
      prm.declare_entry(
          "Bottom fraction",
          "0.5",
          Patterns::Double(0.01, 0.99),
          "Thickness of the bottom layer over the electrode thickness [-].");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm, const std::string &) override
    {
      prm.enter_subsection("Two-layer box");
      bottom_fraction = prm.get_double("Bottom fraction");
      prm.leave_subsection();
    }

    void
    build(const CommonGeometry &c,
          UnitCell             &cell,
          GeneratedMesh        &result,
          const std::string &) const override
    {
      using namespace GmshTools;
      const double h  = c.mesh_size * um;
      const double Hb = bottom_fraction * c.electrode_thickness * um;
      const double Ht = c.electrode_thickness * um - Hb;
      build_stack(
          cell,
          {},
          {{Hb, cells_for(Hb, h)}, {Ht, cells_for(Ht, h)}},
          [](double, double, unsigned int s) { return s == 0 ? "bottom" : "top"; });
      result.analytic_volume_fraction["bottom"] = bottom_fraction;
      result.analytic_volume_fraction["top"]    = 1 - bottom_fraction;
      result.analytic_interface_area[pair_key("bottom", "top")] =
          cell.dim == 3 ? c.width * c.width : c.width;
      result.electrode_top = c.electrode_thickness;
    }

  private:
    double bottom_fraction = 0.5;
  };
} // namespace

MESOCELL_REGISTER(MesoCell::Generator,
                  TwoLayerBox,
                  "two-layer box",
                  "Two planar layers (a test generator).")

namespace
{
  /// Generate the two-layer box from parameter text in @p dim dimensions,
  /// import it and report its geometry.
  template <int dim>
  GeometryReport
  generate_and_report(const std::string &settings, MeshGroups &groups, GeneratedMesh &g)
  {
    ParameterHandler prm;
    GeneratorParameters::declare_parameters(prm);
    prm.parse_input_from_string(settings);
    GeneratorParameters p;
    p.parse_parameters(prm, "test.prm");
    BOOST_TEST(p.generator == "two-layer box");
    BOOST_TEST(dynamic_cast<const TwoLayerBox *>(p.selected.get()) != nullptr);

    const std::string file =
        (std::filesystem::temp_directory_path() /
         ("mesocell-registry-" +
          std::to_string(Utilities::MPI::broadcast(MPI_COMM_WORLD, int(::getpid()), 0)) +
          "-" + std::to_string(dim) + "d.msh"))
            .string();
    g = generate_mesh(p, dim, file, "test.prm");
    MeshParameters mp;
    mp.file        = file;
    mp.prm_file    = "test.prm";
    mp.length_unit = g.length_unit;
    parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
    groups                 = import_mesh(mp, tria);
    const GeometryReport r = make_geometry_report(
        tria, groups, groups.boundaries.at("collector"), g.electrode_top);
    MPI_Barrier(MPI_COMM_WORLD);
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      std::filesystem::remove(file);
    return r;
  }

  const char *settings = "subsection Geometry\n"
                         "  set Generator = two-layer box\n"
                         "  set Width     = 4e-6\n"
                         "  set Mesh size = 1e-6\n"
                         "  subsection Electrode\n"
                         "    set Electrode thickness = 4e-6\n"
                         "  end\n"
                         "  subsection Two-layer box\n"
                         "    set Bottom fraction = 0.25\n"
                         "  end\n"
                         "end\n";
} // namespace

BOOST_AUTO_TEST_CASE(generator_registered_in_its_own_file)
{
  const auto &registry = Registry<Generator>::instance();
  BOOST_TEST(registry.has("two-layer box"));
  // The built-ins are there too, each from its own file.
  for (const char *name :
       {"layers", "pillars", "lamellae", "rgo host", "particles", "framework"})
    BOOST_TEST(registry.has(name), name);
  const std::string selection = registry.selection("file");
  BOOST_TEST(selection.rfind("file|", 0) == 0);
  BOOST_TEST(selection.find("|two-layer box") != std::string::npos);

  // Its name, help and own entries are in the parameter reference.
  ParameterHandler prm;
  MesoCell::declare_parameters(prm);
  std::ostringstream reference;
  write_parameter_reference(prm, reference);
  BOOST_TEST(reference.str().find("two-layer box") != std::string::npos);
  BOOST_TEST(reference.str().find("Two planar layers (a test generator).") !=
             std::string::npos);
  BOOST_TEST(reference.str().find("## Geometry / Two-layer box") != std::string::npos);
  BOOST_TEST(reference.str().find("`Bottom fraction`") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(registered_generator_builds_3d)
{
  MeshGroups           groups;
  GeneratedMesh        g;
  const GeometryReport r = generate_and_report<3>(settings, groups, g);
  for (const char *name : {"bottom", "top"})
    BOOST_TEST(groups.phases.count(name) == 1, name);
  for (const char *name : {"collector", "anode", "xmin", "xmax", "ymin", "ymax"})
    BOOST_TEST(groups.boundaries.count(name) == 1, name);
  BOOST_TEST(groups.phases.size() == 2);
  BOOST_TEST(groups.boundaries.size() == 6);
  // Flat layers: the mesh holds the analytic values exactly.
  BOOST_TEST(r.volume == 64e-18, boost::test_tools::tolerance(1e-10));
  BOOST_TEST(r.volume_fraction.at("bottom") == 0.25, boost::test_tools::tolerance(1e-10));
  BOOST_TEST(r.volume_fraction.at("top") == 0.75, boost::test_tools::tolerance(1e-10));
  BOOST_TEST(r.interface_area.at("bottom|top") == 16e-12,
             boost::test_tools::tolerance(1e-10));
  BOOST_TEST(g.analytic_volume_fraction.at("bottom") == 0.25);
  BOOST_TEST(g.analytic_interface_area.at("bottom|top") == 16e-12,
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(r.percolates.at("bottom") == false); // does not reach the top
  BOOST_TEST(r.percolates.at("top") == false);    // does not touch the collector
  // Extruded in 1 + 3 structured cell layers of one quadrilateral section.
  BOOST_TEST(r.n_cells % 4 == 0u);
  BOOST_TEST(r.min_scaled_jacobian > 0.1);
}

BOOST_AUTO_TEST_CASE(registered_generator_builds_2d)
{
  MeshGroups           groups;
  GeneratedMesh        g;
  const GeometryReport r = generate_and_report<2>(settings, groups, g);
  BOOST_TEST(groups.phases.size() == 2);
  for (const char *name : {"collector", "anode", "xmin", "xmax"})
    BOOST_TEST(groups.boundaries.count(name) == 1, name);
  BOOST_TEST(groups.boundaries.size() == 4);
  BOOST_TEST(r.volume_fraction.at("bottom") == 0.25, boost::test_tools::tolerance(1e-10));
  BOOST_TEST(r.volume_fraction.at("top") == 0.75, boost::test_tools::tolerance(1e-10));
  BOOST_TEST(r.interface_area.at("bottom|top") == 4e-6,
             boost::test_tools::tolerance(1e-10));
  BOOST_TEST(r.n_cells % 4 == 0u);
  BOOST_TEST(r.min_scaled_jacobian > 0.1);
}
