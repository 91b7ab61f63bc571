// Voxel images: the .npy reader (versions, dtypes, C and Fortran order, bad
// files), labels to phases, and the mesh (one phase per active cell, uniform
// blocks kept coarse, exact phase volumes, named faces).
#include <deal.II/base/mpi.h>

#include <deal.II/distributed/tria.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/image_mesh.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>

using namespace dealii;
using namespace MesoCell;

namespace
{
  /// A .npy file of @p bytes per value (little-endian) with the given
  /// header fields, in the temporary directory (one per rank).
  std::string
  write_npy(const std::string               &name,
            const std::string               &descr,
            const std::string               &shape,
            const bool                       fortran,
            const std::vector<std::int64_t> &values,
            const unsigned int               bytes,
            const int                        version = 1)
  {
    const std::string file =
        (std::filesystem::temp_directory_path() /
         (name + "." + std::to_string(Utilities::MPI::this_mpi_process(MPI_COMM_WORLD)) +
          ".npy"))
            .string();
    std::string header = "{'descr': '" + descr +
                         "', 'fortran_order': " + (fortran ? "True" : "False") +
                         ", 'shape': " + shape + ", }";
    const unsigned int prefix = version == 1 ? 10 : 12;
    while ((prefix + header.size() + 1) % 64 != 0)
      header += ' ';
    header += '\n';
    std::ofstream out(file, std::ios::binary);
    out.write("\x93NUMPY", 6);
    out.put(char(version));
    out.put(0);
    const std::size_t n = header.size();
    for (unsigned int b = 0; b < (version == 1 ? 2u : 4u); ++b)
      out.put(char((n >> (8 * b)) & 0xff));
    out << header;
    for (const auto v : values)
      for (unsigned int b = 0; b < bytes; ++b)
        out.put(char((std::uint64_t(v) >> (8 * b)) & 0xff));
    return file;
  }

  std::string
  npy_error(const std::string &file)
  {
    try
      {
        read_npy(file, "test.prm: ");
      }
    catch (const InputError &e)
      {
        return e.what();
      }
    return "";
  }

  ImageParameters
  image_parameters(const std::string &file, const unsigned int block)
  {
    ImageParameters p;
    p.file = p.file_entry = file;
    p.prm_file            = "test.prm";
    p.voxel_size          = 0.5e-6;
    p.labels              = {{0, "matrix"}, {3, "pillar"}, {7, "pillar"}};
    p.block_size          = block;
    return p;
  }
} // namespace

BOOST_AUTO_TEST_SUITE(image)

BOOST_AUTO_TEST_CASE(npy_reader_orders_and_dtypes)
{
  // shape (2, 3): C order 0 1 2 / 3 4 5
  const std::vector<std::int64_t> c = {0, 1, 2, 3, 4, 5};
  NpyArray a = read_npy(write_npy("c_u2", "<u2", "(2, 3)", false, c, 2), "");
  BOOST_TEST((a.shape == std::vector<std::size_t>{2, 3}));
  BOOST_TEST(a.values == c);
  // The same array stored in Fortran order (columns first), int32, v2.0.
  a = read_npy(write_npy("f_i4", "<i4", "(2, 3)", true, {0, 3, 1, 4, 2, 5}, 4, 2), "");
  BOOST_TEST(a.values == c);
  // Signed values and single bytes.
  a = read_npy(write_npy("i1", "|i1", "(3,)", false, {-1, 0, 100}, 1), "");
  BOOST_TEST((a.values == std::vector<std::int64_t>{-1, 0, 100}));
  a = read_npy(write_npy("u8", "<u8", "(1, 2)", false, {65536, 7}, 8), "");
  BOOST_TEST((a.values == std::vector<std::int64_t>{65536, 7}));
}

BOOST_AUTO_TEST_CASE(npy_reader_refuses_bad_files)
{
  BOOST_TEST(npy_error("/nonexistent/x.npy").find("does not exist") != std::string::npos);
  const std::string f8 = write_npy("f8", "<f8", "(2,)", false, {0, 0}, 8);
  BOOST_TEST(npy_error(f8).find("dtype '<f8'") != std::string::npos);
  const std::string be = write_npy("be", ">i4", "(2,)", false, {0, 0}, 4);
  BOOST_TEST(npy_error(be).find("dtype '>i4'") != std::string::npos);
  const std::string shortfile = write_npy("short", "<i4", "(4,)", false, {0, 1}, 4);
  BOOST_TEST(npy_error(shortfile).find("truncated") != std::string::npos);
  const std::string text =
      (std::filesystem::temp_directory_path() /
       ("text" + std::to_string(Utilities::MPI::this_mpi_process(MPI_COMM_WORLD)) +
        ".npy"))
          .string();
  std::ofstream(text) << "0 1 2\n";
  BOOST_TEST(npy_error(text).find("not a .npy file") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(labels_to_phases_and_errors)
{
  // (ny, nx) = (2, 4); labels 3 and 7 are both 'pillar'
  const std::string file =
      write_npy("labels", "|u1", "(2, 4)", false, {0, 0, 3, 7, 0, 0, 7, 7}, 1);
  const VoxelImage image = read_image(image_parameters(file, 0), 2);
  BOOST_TEST(image.n[0] == 4u);
  BOOST_TEST(image.n[1] == 2u);
  BOOST_TEST((image.phase_names == std::vector<std::string>{"matrix", "pillar"}));
  BOOST_TEST(image.phase[image.index(2, 0, 0)] == 1);
  BOOST_TEST(image.phase[image.index(1, 1, 0)] == 0);

  ImageParameters p = image_parameters(file, 0);
  p.labels.erase(7);
  std::string message;
  try
    {
      read_image(p, 2);
    }
  catch (const InputError &e)
    {
      message = e.what();
    }
  BOOST_TEST(message.find("entry 'Labels'") != std::string::npos);
  BOOST_TEST(message.find("label(s) 7 without a phase name") != std::string::npos);
  message.clear();
  try
    {
      read_image(image_parameters(file, 0), 3);
    }
  catch (const InputError &e)
    {
      message = e.what();
    }
  BOOST_TEST(message.find("shape (2, 4)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mesh_resolves_voxels_and_keeps_uniform_blocks_coarse)
{
  // (ny, nx) = (4, 8): the left 4x4 block is matrix, the right one holds
  // one pillar voxel at (i, j) = (5, 2).
  std::vector<std::int64_t> labels(32, 0);
  labels[2 * 8 + 5]           = 3;
  const std::string     file  = write_npy("mesh", "<i4", "(4, 8)", false, labels, 4);
  const ImageParameters p     = image_parameters(file, 4);
  const VoxelImage      image = read_image(p, 2);

  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  build_image_mesh(image, p, 0, tria);
  const MeshGroups groups = image_groups(image, 2);
  BOOST_TEST(groups.phases.at("pillar") == 2u);
  BOOST_TEST(groups.boundaries.at("collector") == groups.boundaries.at("ymin"));
  // left block: 1 cell; right block: refined twice around the pillar
  // voxel (4 + 3 cells, some neighbours further by the 2:1 balance).
  BOOST_TEST(tria.n_global_active_cells() < 32u);
  BOOST_TEST(tria.n_global_active_cells() >= 8u);

  const double h      = p.voxel_size;
  double       pillar = 0, matrix = 0, xmax_length = 0;
  for (const auto &cell : tria.active_cell_iterators())
    if (cell->is_locally_owned())
      {
        const auto         c = cell->center();
        const unsigned int i = std::floor(c[0] / h), j = std::floor(c[1] / h);
        BOOST_TEST(cell->material_id() == 1u + image.phase[image.index(i, j, 0)]);
        (cell->material_id() == 2 ? pillar : matrix) += cell->measure();
        for (const auto f : cell->face_indices())
          if (cell->at_boundary(f) && cell->face(f)->boundary_id() == 1)
            xmax_length += cell->face(f)->measure();
      }
  BOOST_TEST(Utilities::MPI::sum(pillar, MPI_COMM_WORLD) == h * h,
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(Utilities::MPI::sum(matrix, MPI_COMM_WORLD) == 31 * h * h,
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(Utilities::MPI::sum(xmax_length, MPI_COMM_WORLD) == 4 * h,
             boost::test_tools::tolerance(1e-12));

  // Below voxel size (Global refinements = 1) every cell keeps its voxel's
  // phase, also after the repartition of the refinement.
  parallel::distributed::Triangulation<2> fine(MPI_COMM_WORLD);
  build_image_mesh(image, p, 1, fine);
  BOOST_TEST(fine.n_global_active_cells() == 4 * tria.n_global_active_cells());
  double fine_pillar = 0;
  for (const auto &cell : fine.active_cell_iterators())
    if (cell->is_locally_owned())
      {
        const auto         c = cell->center();
        const unsigned int i = std::floor(c[0] / h), j = std::floor(c[1] / h);
        BOOST_TEST(cell->material_id() == 1u + image.phase[image.index(i, j, 0)]);
        if (cell->material_id() == 2)
          fine_pillar += cell->measure();
      }
  BOOST_TEST(Utilities::MPI::sum(fine_pillar, MPI_COMM_WORLD) == h * h,
             boost::test_tools::tolerance(1e-12));

  const GeometryReport r = image_geometry_report(image, tria.n_global_active_cells());
  BOOST_TEST(r.volume_fraction.at("pillar") == 1.0 / 32,
             boost::test_tools::tolerance(1e-14));
  BOOST_TEST(r.interface_area.at("matrix|pillar") == 4 * h,
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(r.percolates.at("matrix"));
  BOOST_TEST(!r.percolates.at("pillar"));
}

BOOST_AUTO_TEST_CASE(block_size_must_divide_the_image)
{
  const std::string file =
      write_npy("block", "|u1", "(4, 6)", false, std::vector<std::int64_t>(24, 0), 1);
  const ImageParameters                   p     = image_parameters(file, 4);
  const VoxelImage                        image = read_image(p, 2);
  parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  std::string                             message;
  try
    {
      build_image_mesh(image, p, 0, tria);
    }
  catch (const InputError &e)
    {
      message = e.what();
    }
  BOOST_TEST(message.find("entry 'Block size': 4 does not divide the image size 6 x 4") !=
             std::string::npos);
  BOOST_TEST(message.find("e.g. 2") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
