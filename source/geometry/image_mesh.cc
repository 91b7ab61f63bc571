// A labelled voxel image as a hexahedral (quadrilateral) p4est mesh: coarse
// blocks refined while they hold more than one phase; the geometry report on
// the voxels.
#include <deal.II/grid/grid_generator.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/image_mesh.h>

#include <cmath>
#include <memory>

namespace MesoCell
{
  using namespace dealii;

  MeshGroups
  image_groups(const VoxelImage &image, const unsigned int dim)
  {
    MeshGroups groups;
    for (unsigned int i = 0; i < image.phase_names.size(); ++i)
      groups.phases[image.phase_names[i]] = i + 1;
    const char *axes = "xyz";
    for (unsigned int d = 0; d < dim; ++d)
      {
        groups.boundaries[std::string(1, axes[d]) + "min"] = 2 * d;
        groups.boundaries[std::string(1, axes[d]) + "max"] = 2 * d + 1;
      }
    groups.boundaries["collector"] = 2 * (dim - 1);
    groups.boundaries["anode"]     = 2 * (dim - 1) + 1;
    return groups;
  }

  namespace
  {
    /// The edge of a coarse block in voxels: the given one (checked) or the
    /// largest power of two up to 16 that divides every image dimension.
    unsigned int
    block_size(const VoxelImage &image, const ImageParameters &p)
    {
      const auto divides = [&](const unsigned int b) {
        for (unsigned int d = 0; d < image.dim; ++d)
          if (image.n[d] % b != 0)
            return false;
        return true;
      };
      unsigned int automatic = 1;
      while (automatic < 16 && divides(2 * automatic))
        automatic *= 2;
      if (p.block_size == 0)
        return automatic;
      if (!divides(p.block_size))
        {
          std::string size = std::to_string(image.n[0]);
          for (unsigned int d = 1; d < image.dim; ++d)
            size += " x " + std::to_string(image.n[d]);
          throw InputError(entry_message(
              p.prm_file,
              "Image",
              "Block size",
              std::to_string(p.block_size) + " does not divide the image size " + size +
                  " voxels",
              "0 (automatic) or a power of two dividing every image dimension, "
              "e.g. " +
                  std::to_string(automatic)));
        }
      return p.block_size;
    }

    /// The voxel index range [lo, hi) of @p cell along each axis: the
    /// voxels it covers, or the one voxel it lies in (cells below voxel
    /// size after global refinement).
    template <int dim, class Cell>
    std::array<std::array<unsigned int, 2>, 3>
    voxel_range(const Cell &cell, const double h)
    {
      std::array<std::array<unsigned int, 2>, 3> r  = {{{{0, 1}}, {{0, 1}}, {{0, 1}}}};
      const Point<dim>                           lo = cell->vertex(0);
      const Point<dim> hi = cell->vertex(GeometryInfo<dim>::vertices_per_cell - 1);
      for (unsigned int d = 0; d < dim; ++d)
        {
          const auto first = static_cast<unsigned int>(std::floor(lo[d] / h + 1e-6));
          const auto end   = static_cast<unsigned int>(std::ceil(hi[d] / h - 1e-6));
          r[d]             = {{first, std::max(end, first + 1)}};
        }
      return r;
    }

    /// Voxel count of every phase inside @p cell.
    template <int dim, class Cell>
    std::vector<unsigned int>
    phase_counts(const VoxelImage &image, const Cell &cell)
    {
      std::vector<unsigned int> count(image.phase_names.size(), 0);
      const auto                r = voxel_range<dim>(cell, image.voxel_size);
      for (unsigned int k = r[2][0]; k < r[2][1]; ++k)
        for (unsigned int j = r[1][0]; j < r[1][1]; ++j)
          for (unsigned int i = r[0][0]; i < r[0][1]; ++i)
            ++count[image.phase[image.index(i, j, k)]];
      return count;
    }

    /// True if @p cell holds voxels of more than one phase.
    template <int dim, class Cell>
    bool
    is_mixed(const VoxelImage &image, const Cell &cell)
    {
      const auto          r     = voxel_range<dim>(cell, image.voxel_size);
      const std::uint16_t first = image.phase[image.index(r[0][0], r[1][0], r[2][0])];
      for (unsigned int k = r[2][0]; k < r[2][1]; ++k)
        for (unsigned int j = r[1][0]; j < r[1][1]; ++j)
          for (unsigned int i = r[0][0]; i < r[0][1]; ++i)
            if (image.phase[image.index(i, j, k)] != first)
              return true;
      return false;
    }

    /// True if the voxels of phase @p ph connect (through faces) the first
    /// and the last layer along the last axis.
    bool
    percolates(const VoxelImage &image, const std::uint16_t ph)
    {
      const std::array<std::size_t, 3> stride = {
          {1, image.n[0], std::size_t(image.n[0]) * image.n[1]}};
      const unsigned int       axis  = image.dim - 1;
      const std::size_t        layer = stride[axis];
      std::vector<char>        seen(image.size(), 0);
      std::vector<std::size_t> front;
      for (std::size_t n = 0; n < layer; ++n)
        if (image.phase[n] == ph)
          {
            seen[n] = 1;
            front.push_back(n);
          }
      while (!front.empty())
        {
          const std::size_t n = front.back();
          front.pop_back();
          if (n / layer == image.n[axis] - 1)
            return true;
          const std::array<unsigned int, 3> ijk = {
              {unsigned(n % image.n[0]),
               unsigned((n / image.n[0]) % image.n[1]),
               unsigned(n / (std::size_t(image.n[0]) * image.n[1]))}};
          for (unsigned int d = 0; d < image.dim; ++d)
            for (const int s : {-1, 1})
              {
                if ((s < 0 && ijk[d] == 0) || (s > 0 && ijk[d] + 1 == image.n[d]))
                  continue;
                const std::size_t m = s < 0 ? n - stride[d] : n + stride[d];
                if (!seen[m] && image.phase[m] == ph)
                  {
                    seen[m] = 1;
                    front.push_back(m);
                  }
              }
        }
      return false;
    }
  } // namespace

  template <int dim>
  void
  build_image_mesh(const VoxelImage                          &image,
                   const ImageParameters                     &p,
                   const unsigned int                         global_refinements,
                   parallel::distributed::Triangulation<dim> &tria,
                   const bool                                 coarse_only)
  {
    const unsigned int        b = block_size(image, p);
    const double              h = image.voxel_size;
    std::vector<unsigned int> blocks(dim);
    Point<dim>                end;
    for (unsigned int d = 0; d < dim; ++d)
      {
        blocks[d] = image.n[d] / b;
        end[d]    = image.n[d] * h;
      }
    GridGenerator::subdivided_hyper_rectangle(tria, blocks, Point<dim>(), end, true);

    // Refine the blocks that hold more than one phase, level by level, down
    // to the voxels (every rank runs the same number of rounds).
    const unsigned int levels = coarse_only ? 0 : std::lround(std::log2(double(b)));
    for (unsigned int level = 0; level < levels; ++level)
      {
        for (const auto &cell : tria.active_cell_iterators())
          if (cell->is_locally_owned() && cell->level() == int(level) &&
              is_mixed<dim>(image, cell))
            cell->set_refine_flag();
        tria.execute_coarsening_and_refinement();
      }

    // Cells that reach a rank by refinement or repartitioning are created
    // from its (artificial) copy of their parent and inherit its majority
    // phase; so every later refinement, repartition and load (restart sets)
    // sets the phases from the voxels again.
    set_image_phases(image, tria);
    const auto voxels = std::make_shared<const VoxelImage>(image);
    const auto reset  = [voxels, &tria]() { set_image_phases(*voxels, tria); };
    tria.signals.post_distributed_refinement.connect(reset);
    tria.signals.post_distributed_repartition.connect(reset);
    tria.signals.post_distributed_load.connect(reset);
    if (global_refinements > 0 && !coarse_only)
      tria.refine_global(global_refinements);
  }

  template <int dim>
  void
  set_image_phases(const VoxelImage &image, Triangulation<dim> &tria)
  {
    // Exact on the active cells (one phase each), the majority on coarser
    // levels (the GMG level operators average the children instead).
    for (const auto &cell : tria.cell_iterators())
      {
        const auto count = phase_counts<dim>(image, cell);
        const auto major = std::max_element(count.begin(), count.end());
        cell->set_material_id(1 + (major - count.begin()));
      }
  }

  GeometryReport
  image_geometry_report(const VoxelImage &image, const unsigned int n_cells)
  {
    GeometryReport r;
    r.dimension           = image.dim;
    r.n_cells             = n_cells;
    r.min_scaled_jacobian = 1.0;
    r.has_percolation     = true;
    const double h        = image.voxel_size;
    const double voxel    = std::pow(h, image.dim);
    const double face     = std::pow(h, image.dim - 1);
    const auto  &names    = image.phase_names;

    std::vector<std::size_t> count(names.size(), 0);
    for (const auto ph : image.phase)
      ++count[ph];
    r.volume = image.size() * voxel;
    for (unsigned int i = 0; i < names.size(); ++i)
      r.volume_fraction[names[i]] = double(count[i]) / image.size();

    // Interface area: voxel faces between two phases.
    const std::size_t          np = names.size();
    std::vector<std::size_t>   faces(np * np, 0);
    std::array<std::size_t, 3> stride = {
        {1, image.n[0], std::size_t(image.n[0]) * image.n[1]}};
    for (unsigned int k = 0; k < image.n[2]; ++k)
      for (unsigned int j = 0; j < image.n[1]; ++j)
        for (unsigned int i = 0; i < image.n[0]; ++i)
          {
            const std::array<unsigned int, 3> ijk = {{i, j, k}};
            const std::size_t                 n   = image.index(i, j, k);
            for (unsigned int d = 0; d < image.dim; ++d)
              if (ijk[d] + 1 < image.n[d])
                ++faces[image.phase[n] * np + image.phase[n + stride[d]]];
          }
    for (std::size_t a = 0; a < np; ++a)
      for (std::size_t c = 0; c < np; ++c)
        if (a != c && faces[a * np + c] > 0)
          {
            const std::string &x = names[a], &y = names[c];
            r.interface_area[x < y ? x + "|" + y : y + "|" + x] +=
                faces[a * np + c] * face;
          }

    // Percolation along the last axis.
    for (unsigned int ph = 0; ph < names.size(); ++ph)
      r.percolates[names[ph]] = percolates(image, ph);
    return r;
  }

  template void
  build_image_mesh(const VoxelImage &,
                   const ImageParameters &,
                   unsigned int,
                   parallel::distributed::Triangulation<2> &,
                   bool);
  template void
  set_image_phases(const VoxelImage &, Triangulation<2> &);
  template void
  set_image_phases(const VoxelImage &, Triangulation<3> &);
  template void
  build_image_mesh(const VoxelImage &,
                   const ImageParameters &,
                   unsigned int,
                   parallel::distributed::Triangulation<3> &,
                   bool);
} // namespace MesoCell
