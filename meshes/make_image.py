#!/usr/bin/python3
"""Write the labelled voxel images (NumPy .npy) used by the examples and tests.

Usage:
  make_image.py                      write the small images of meshes/ (committed)
  make_image.py --random N OUT.npy   a random two-phase N^3 image (e.g. the 200^3
                                     benchmark image, not committed)

Axis convention (as MesoCell reads them): a 3D image has shape (nz, ny, nx),
a 2D image (ny, nx); x is the last, fastest index (C order). Voxel (i, j, k)
is the box [i h, (i+1) h] x [j h, (j+1) h] x [k h, (k+1) h].

Images written by default:
  image_channels_3d.npy  16^3 uint8: 0 matrix, 1 pillar; a random cross-section
                         extruded along z (straight channels, k_eff along z is
                         exactly sum eps_i sigma_i)
  image_channels_2d.npy  (16, 32) uint8: the same in 2D, channels along y
  image_random_3d.npy    16^3 uint8: two phases (0, 1), smoothed Gaussian
                         noise thresholded at 40 % of phase 1 (blobs a few
                         voxels across), seed 12
  image_random_2d.npy    (48, 48) uint8: the same in 2D, seed 12
  image_half_cell_2d.npy (16, 32) uint8: image_channels_2d.npy with its top 4
                         rows set to 0 (pillars under an electrolyte layer;
                         checkpoint test)
"""
import os
import sys

import numpy as np
from scipy import ndimage


def random_two_phase(shape, seed, fraction=0.4, sigma=1.5):
    """Thresholded periodic Gaussian-smoothed noise: phase 1 on `fraction`."""
    rng = np.random.default_rng(seed)
    field = ndimage.gaussian_filter(rng.standard_normal(shape), sigma, mode="wrap")
    return (field > np.quantile(field, 1.0 - fraction)).astype(np.uint8)


def channels(cross_section_shape, length, seed):
    """A random two-phase cross-section extruded along the first axis."""
    section = random_two_phase(cross_section_shape, seed, fraction=0.35, sigma=1.0)
    return np.ascontiguousarray(np.broadcast_to(section, (length,) + section.shape))


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    if len(argv) == 3 and argv[0] == "--random":
        n = int(argv[1])
        np.save(argv[2], random_two_phase((n, n, n), seed=1, sigma=3.0))
        return
    if argv:
        sys.exit(__doc__)
    np.save(os.path.join(here, "image_channels_3d.npy"), channels((16, 16), 16, seed=3))
    np.save(os.path.join(here, "image_channels_2d.npy"), channels((32,), 16, seed=3))
    np.save(os.path.join(here, "image_random_3d.npy"), random_two_phase((16, 16, 16), 12))
    np.save(os.path.join(here, "image_random_2d.npy"), random_two_phase((48, 48), 12))
    half_cell = channels((32,), 16, seed=3)
    half_cell[12:, :] = 0
    np.save(os.path.join(here, "image_half_cell_2d.npy"), half_cell)


if __name__ == "__main__":
    main(sys.argv[1:])
