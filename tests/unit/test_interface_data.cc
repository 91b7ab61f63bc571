// Interface data stored with the cells that own it (InterfaceData): the
// neighbours' side through a ghost exchange, and every value carried through
// refinement that moves the evaluating side, repartitioning and a checkpoint.
#include <deal.II/base/quadrature_lib.h>

#include <deal.II/distributed/tria.h>

#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>

#include <deal.II/grid/grid_generator.h>

#include <mesocell/coupling/interface_data.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

using namespace dealii;
using namespace MesoCell;

namespace
{
  // Two phases of the unit square, 1 below y = 0.5 and 2 above (the
  // interface crosses the first level of the p4est partition).
  void
  make_coarse(parallel::distributed::Triangulation<2> &tria)
  {
    GridGenerator::subdivided_hyper_cube(tria, 4);
    for (const auto &cell : tria.active_cell_iterators())
      cell->set_material_id(cell->center()[1] < 0.5 ? 1 : 2);
  }

  // A value per interface face: the x of the face's centre on the coarse
  // mesh of 8 x 8 cells (constant on each of those faces).
  double
  face_value(const Point<2> &x)
  {
    return (std::floor(x[0] * 8) + 0.5) / 8;
  }

  // Calls f(id, x) for every quadrature point of every interface face of the
  // owned cells of phase @p phase whose neighbour is not finer.
  template <typename F>
  void
  for_each_point(const parallel::distributed::Triangulation<2> &tria,
                 const types::material_id                       phase,
                 const F                                       &f)
  {
    const QGauss<1>    q(2);
    const FE_Q<2>      fe(1);
    const MappingQ1<2> mapping;
    FEFaceValues<2>    fv(mapping, fe, q, update_quadrature_points);
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned() && cell->material_id() == phase)
        for (const unsigned int face : cell->face_indices())
          if (!cell->at_boundary(face) && !cell->face(face)->has_children() &&
              cell->neighbor(face)->material_id() != phase)
            {
              fv.reinit(cell, face);
              for (unsigned int p = 0; p < q.size(); ++p)
                {
                  InterfacePointId id;
                  id.level = cell->level();
                  id.index = cell->index();
                  id.face  = face;
                  id.q     = p;
                  f(id, fv.quadrature_point(p), cell->neighbor(face));
                }
            }
  }

  // Largest error of the restored values of the points of @p phase, and
  // their number (all ranks).
  std::pair<double, unsigned int>
  restored_error(const parallel::distributed::Triangulation<2> &tria,
                 InterfaceData<2>                              &data,
                 const types::material_id                       phase)
  {
    double       error = 0;
    unsigned int n     = 0;
    for_each_point(tria, phase, [&](const InterfacePointId &id, const Point<2> &x, auto) {
      bool    created;
      double *v = data.get(id, x, created);
      BOOST_TEST(created);
      if (!data.restore(id, x, v))
        error = 1e300;
      error = std::max(error, std::abs(v[0] - face_value(x)));
      error = std::max(error, std::abs(v[1] - 7.0));
      ++n;
    });
    return {Utilities::MPI::max(error, MPI_COMM_WORLD),
            Utilities::MPI::sum(n, MPI_COMM_WORLD)};
  }
} // namespace

BOOST_AUTO_TEST_CASE(interface_data_ghosts_refinement_checkpoint)
{
  const MPI_Comm                          comm = MPI_COMM_WORLD;
  parallel::distributed::Triangulation<2> tria(comm);
  make_coarse(tria);
  tria.refine_global(1);

  // Phase 1 evaluates the interface (cells of one level).
  InterfaceData<2> data(2);
  for_each_point(tria, 1, [&](const InterfacePointId &id, const Point<2> &x, auto) {
    bool    created;
    double *v = data.get(id, x, created);
    v[0]      = face_value(x);
    v[1]      = 7.0;
  });
  const unsigned int n_points =
      Utilities::MPI::sum(static_cast<unsigned int>(data.size()), comm);
  BOOST_TEST(n_points == 8u * 2u);

  // The other side reads the values of the matching points through the
  // ghost layer (the interface is a partition boundary on 2 ranks).
  InterfaceData<2> sides(data);
  sides.copy_to_ghosts(tria);
  double ghost_error = 0;
  for_each_point(tria, 2, [&](const InterfacePointId &, const Point<2> &x, auto nb) {
    InterfacePointId other;
    other.level     = nb->level();
    other.index     = nb->index();
    other.face      = 3; // the top face of the phase-1 cell below
    const double *v = sides.nearest(other, x);
    ghost_error     = std::max(ghost_error, v ? std::abs(v[0] - face_value(x)) : 1e300);
  });
  ghost_error = Utilities::MPI::max(ghost_error, comm);
  BOOST_TEST(ghost_error == 0.0);

  // Refine the phase-2 cells at the interface: the finer side, phase 2, now
  // evaluates the interface and must find the values phase 1 stored.
  for (const auto &cell : tria.active_cell_iterators())
    if (cell->is_locally_owned() && cell->material_id() == 2 && cell->center()[1] < 0.6)
      cell->set_refine_flag();
  tria.prepare_coarsening_and_refinement();
  data.prepare_for_coarsening_and_refinement(tria);
  tria.execute_coarsening_and_refinement();
  data.unpack_after_coarsening_and_refinement(tria);
  const auto [refined_error, n_refined] = restored_error(tria, data, 2);
  BOOST_TEST(n_refined == 2 * n_points);
  BOOST_TEST(refined_error == 0.0);

  // A checkpoint into a new triangulation (any rank count reads it).
  const std::string file = "interface_data_np" +
                           std::to_string(Utilities::MPI::n_mpi_processes(comm)) +
                           ".mesh";
  data.prepare_for_serialization(tria);
  tria.save(file);
  parallel::distributed::Triangulation<2> tria2(comm);
  make_coarse(tria2);
  tria2.load(file);
  InterfaceData<2> loaded(2);
  loaded.deserialize(tria2);
  const auto [loaded_error, n_loaded] = restored_error(tria2, loaded, 2);
  BOOST_TEST(n_loaded == n_refined);
  BOOST_TEST(loaded_error == 0.0);
  BOOST_TEST_MESSAGE("interface data: " << n_points << " points; ghost error "
                                        << ghost_error << ", after refinement "
                                        << n_refined << " points, error " << refined_error
                                        << ", after load " << loaded_error);
}
