// Generated pillars converge to the drawn geometry under mesh refinement.
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <deal.II/distributed/tria.h>

#include <mesocell/geometry/generators.h>
#include <mesocell/geometry/mesh_import.h>
#include <mesocell/geometry/report.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <unistd.h>

using namespace dealii;
using namespace MesoCell;

BOOST_AUTO_TEST_CASE(pillar_fractions_converge_under_refinement)
{
  ParameterHandler prm;
  GeneratorParameters::declare_parameters(prm);
  // Thin: the error lives in the cross-section.
  prm.parse_input_from_string("subsection Geometry\n"
                              "  set Generator = pillars\n"
                              "  subsection Electrode\n"
                              "    set Electrode thickness = 2e-6\n"
                              "    set Separator thickness = 0\n"
                              "  end\n"
                              "end\n");
  GeneratorParameters p;
  p.parse_parameters(prm, "test.prm");
  const std::string dir =
      (std::filesystem::temp_directory_path() /
       ("mesocell-unit-" +
        std::to_string(Utilities::MPI::broadcast(MPI_COMM_WORLD, int(::getpid()), 0))))
          .string();
  if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    std::filesystem::create_directories(dir);
  std::vector<double> volume_error, area_error;
  for (const double h : {0.6e-6, 0.3e-6})
    {
      p.common.mesh_size = h;
      const std::string file =
          dir + "/pillars_" + std::to_string(volume_error.size()) + ".msh";
      const GeneratedMesh g = generate_mesh(p, 3, file, "test.prm");
      MeshParameters      mp;
      mp.file        = file;
      mp.prm_file    = "test.prm";
      mp.length_unit = g.length_unit;
      parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
      const MeshGroups                        groups = import_mesh(mp, tria);
      const GeometryReport                    r      = make_geometry_report(
          tria, groups, groups.boundaries.at("collector"), g.electrode_top);
      volume_error.push_back(std::abs(
          r.volume_fraction.at("pillar") / g.analytic_volume_fraction.at("pillar") - 1));
      area_error.push_back(std::abs(r.interface_area.at("matrix|pillar") /
                                        g.analytic_interface_area.at("matrix|pillar") -
                                    1));
      BOOST_TEST_MESSAGE("mesh size " << h << ": pillar volume fraction error "
                                      << volume_error.back() << ", interface area error "
                                      << area_error.back());
      BOOST_TEST(r.percolates.at("pillar"));
    }
  BOOST_TEST(volume_error[0] < 0.01);
  BOOST_TEST(area_error[0] < 0.03);
  // Halving the cell size (below the curvature limit) cuts the error by ~4.
  BOOST_TEST(volume_error[1] < 0.5 * volume_error[0]);
  BOOST_TEST(area_error[1] < 0.5 * area_error[0]);
  if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    std::filesystem::remove_all(dir);
}
