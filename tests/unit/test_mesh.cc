// Gmsh import: physical names become phases and boundaries, measures are
// right before and after refinement, and bad meshes are refused clearly.
#include <deal.II/distributed/tria.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/coarse_cell_order.h>
#include <mesocell/geometry/mesh_import.h>

#include <boost/test/unit_test.hpp>

using namespace dealii;
using namespace MesoCell;

namespace
{
  MeshParameters
  mesh(const std::string &name, const unsigned int refinements = 0)
  {
    MeshParameters p;
    p.file               = std::string(MESOCELL_SOURCE_DIR) + "/meshes/" + name;
    p.file_entry         = p.file;
    p.prm_file           = "test.prm";
    p.global_refinements = refinements;
    return p;
  }

  template <int dim>
  std::map<types::material_id, double>
  phase_volumes(const Triangulation<dim> &tria)
  {
    std::map<types::material_id, double> v;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          BOOST_TEST(cell->measure() > 0);
          v[cell->material_id()] += cell->measure();
        }
    std::map<types::material_id, double> total;
    for (const auto &m : Utilities::MPI::all_gather(MPI_COMM_WORLD, v))
      for (const auto &[id, x] : m)
        total[id] += x;
    return total;
  }

  /// Run @p f and return the InputError message it throws ("" if none).
  template <typename F>
  std::string
  input_error(F &&f)
  {
    try
      {
        f();
      }
    catch (const InputError &e)
      {
        return e.what();
      }
    return "";
  }
} // namespace

BOOST_AUTO_TEST_CASE(groups_by_name)
{
  const MeshGroups g = read_mesh_groups(mesh("layered_2d.msh"), 2);
  BOOST_TEST(g.phases.size() == 3u);
  BOOST_TEST(g.phases.at("layer_a") == 1u);
  BOOST_TEST(g.phases.at("layer_c") == 3u);
  BOOST_TEST(g.boundaries.size() == 4u);
  BOOST_TEST(g.boundaries.count("xmin") == 1u);
  BOOST_TEST(g.boundaries.count("ymax") == 1u);
}

BOOST_AUTO_TEST_CASE(layered_3d_ids_and_measures_after_refinement)
{
  for (const unsigned int r : {0u, 1u})
    {
      parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
      const MeshGroups g = import_mesh(mesh("layered_3d.msh", r), tria);
      BOOST_TEST(tria.n_global_active_cells() == 500u * (r ? 8u : 1u));
      const auto v = phase_volumes(tria);
      BOOST_TEST(v.at(g.phases.at("layer_a")) == 0.2,
                 boost::test_tools::tolerance(1e-12));
      BOOST_TEST(v.at(g.phases.at("layer_b")) == 0.3,
                 boost::test_tools::tolerance(1e-12));
      BOOST_TEST(v.at(g.phases.at("layer_c")) == 0.5,
                 boost::test_tools::tolerance(1e-12));
      // Boundary ids: the xmin face has area 1.
      double area = 0;
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const auto f : cell->face_indices())
            if (cell->face(f)->at_boundary() &&
                cell->face(f)->boundary_id() == g.boundaries.at("xmin"))
              area += cell->face(f)->measure();
      BOOST_TEST(Utilities::MPI::sum(area, MPI_COMM_WORLD) == 1.0,
                 boost::test_tools::tolerance(1e-12));
    }
}

// MesoCell's p4est tree order (Cuthill-McKee, replacing deal.II 9.4's slow
// reorder_hierarchical) is the one deal.II uses, and both orders give the same
// mesh: every rank owns a connected, contiguous block of cells of the same size.
BOOST_AUTO_TEST_CASE(coarse_cell_order_replaces_deal_ii)
{
  const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD);
  for (const auto order : {CoarseCellOrder::hierarchical, CoarseCellOrder::cuthill_mckee})
    {
      set_coarse_cell_order(order);
      parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
      GridGenerator::subdivided_hyper_cube(tria, 12);
      BOOST_TEST(coarse_cell_order_replaced());
      BOOST_TEST(tria.n_global_active_cells() == 1728u);
      // Each rank's cells as one connected patch: its faces to other ranks
      // are few (a plane cut of a 12^3 block has 144 faces; a scattered
      // partition would have thousands).
      unsigned int owned = 0, cut_faces = 0;
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            ++owned;
            for (const auto f : cell->face_indices())
              if (!cell->at_boundary(f) && !cell->neighbor(f)->is_locally_owned())
                ++cut_faces;
          }
      BOOST_TEST(Utilities::MPI::sum(owned, MPI_COMM_WORLD) == 1728u);
      BOOST_TEST(owned == 1728u / n_ranks);
      BOOST_TEST(cut_faces <= (n_ranks > 1 ? 400u : 0u));
      BOOST_TEST_MESSAGE("coarse cell order "
                         << (order == CoarseCellOrder::hierarchical ? "hierarchical"
                                                                    : "Cuthill-McKee")
                         << ": " << owned << " cells, " << cut_faces
                         << " faces to other ranks, ordered in "
                         << last_coarse_cell_order_time() << " s");
    }
  set_coarse_cell_order(CoarseCellOrder::cuthill_mckee);
}

BOOST_AUTO_TEST_CASE(quad_mesh_refines_cleanly_in_2d)
{
  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  import_mesh(mesh("layered_2d.msh", 3), tria);
  const auto v = phase_volumes(tria);
  BOOST_TEST(v.at(2) == 0.3, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(length_unit_scales_the_mesh)
{
  parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
  MeshParameters                          p = mesh("pillars_3d.msh");
  p.length_unit                             = 1e-6;
  import_mesh(p, tria);
  double total = 0;
  for (const auto &[id, v] : phase_volumes(tria))
    total += v;
  BOOST_TEST(total == 20e-6 * 20e-6 * 40e-6, boost::test_tools::tolerance(1e-10));
}

BOOST_AUTO_TEST_CASE(triangles_are_refused)
{
  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  const std::string                       msg =
      input_error([&] { import_mesh(mesh("triangles_2d.msh"), tria); });
  BOOST_TEST_MESSAGE(msg);
  BOOST_TEST(msg.find("Triangle") != std::string::npos);
  BOOST_TEST(msg.find("Mesh file") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(inverted_cell_is_refused)
{
  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  const std::string                       msg =
      input_error([&] { import_mesh(mesh("inverted_2d.msh"), tria); });
  BOOST_TEST_MESSAGE(msg);
  BOOST_TEST(msg.find("inverted") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_file_and_wrong_dimension)
{
  BOOST_TEST(input_error([] {
               read_mesh_groups(mesh("no_such.msh"), 3);
             }).find("does not exist") != std::string::npos);
  BOOST_TEST(input_error([] {
               read_mesh_groups(mesh("layered_2d.msh"), 3);
             }).find("no 3-dimensional elements") != std::string::npos);
}
