#ifndef MESOCELL_GEOMETRY_IMAGE_H
#define MESOCELL_GEOMETRY_IMAGE_H

#include <deal.II/base/parameter_handler.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace MesoCell
{
  /**
   * @brief Subsection "Image": a labelled voxel image (NumPy .npy of integer
   * labels) as the mesh source, its voxel size, the phase name of every label
   * and the size of the coarse blocks.
   */
  struct ImageParameters
  {
    /// Path as written in the .prm ("" when no image is used).
    std::string file_entry;
    /// Path resolved against the directory of the parameter file.
    std::string file;
    double      voxel_size = 1e-6;
    /// label -> phase name, as given in 'Labels'
    std::map<std::int64_t, std::string> labels;
    /// edge of a coarse block in voxels (0: automatic)
    unsigned int block_size = 0;
    /// The parameter file, for messages.
    std::string prm_file;

    /// True when 'Image file' is set.
    bool
    enabled() const
    {
      return !file_entry.empty();
    }

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    /// Read and check the entries (InputError naming @p prm_file).
    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &prm_file);
  };

  /**
   * @brief A labelled voxel image mapped to phases: n[0] voxels along x,
   * n[1] along y (and n[2] along z in 3D), each holding the index of its
   * phase in @p phase_names. Voxel (i, j, k) is the box
   * [i h, (i+1) h] x [j h, (j+1) h] x [k h, (k+1) h], h the voxel size.
   */
  struct VoxelImage
  {
    unsigned int                dim        = 3;
    std::array<unsigned int, 3> n          = {{1, 1, 1}};
    double                      voxel_size = 1.0;
    std::vector<std::uint16_t>  phase; ///< phase index per voxel, x fastest
    std::vector<std::string>    phase_names;

    /// Index into @p phase of voxel (i, j, k).
    std::size_t
    index(const unsigned int i, const unsigned int j, const unsigned int k) const
    {
      return i + std::size_t(n[0]) * (j + std::size_t(n[1]) * k);
    }

    /// Number of voxels.
    std::size_t
    size() const
    {
      return std::size_t(n[0]) * n[1] * n[2];
    }
  };

  /// The raw content of a .npy file: shape (as stored) and the labels in C
  /// order of that shape.
  struct NpyArray
  {
    std::vector<std::size_t>  shape;
    std::vector<std::int64_t> values;
  };

  /**
   * Read a NumPy .npy file (format version 1.0, 2.0 or 3.0) of integer
   * labels: dtype bool, int8/16/32/64 or uint8/16/32/64, little-endian,
   * C or Fortran order. Returns the values in C order of the shape. Throws
   * InputError naming @p where (file, subsection and entry) on a missing
   * file, a bad header or an unsupported dtype.
   */
  NpyArray
  read_npy(const std::string &file, const std::string &where);

  /**
   * Read the image of @p p for dimension @p dim: a .npy array of shape
   * (nz, ny, nx) in 3D or (ny, nx) in 2D, every label listed in p.labels.
   * Throws InputError naming the file and entry otherwise.
   */
  VoxelImage
  read_image(const ImageParameters &p, const unsigned int dim);

} // namespace MesoCell

#endif
