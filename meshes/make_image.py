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
  image_rate_pillars_3d.npy, image_rate_composite_3d.npy
                         (40, 20, 20) uint8, voxels of 1 um: 0 matrix, 1 active,
                         2 separator (z >= 30 um). Study (e), rate capability:
                         four NMC811 pillars (52-voxel discs, 10 um apart)
                         through the 30 um electrode, and a dense composite of
                         spheres (radius 3-4 um before a common scaling, seed 5)
                         fused through necks, grown from the collector so that
                         every particle is connected to it, with exactly as
                         many active voxels (6240, 0.52 of the electrode).
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


RATE_SHAPE = (40, 20, 20)  # (nz, ny, nx) voxels of 1 um
RATE_ELECTRODE = 30        # electrode thickness [voxels]; separator above


def rate_pillars():
    """Four pillars (discs of the voxels within 4 of the centre, 52 each)
    on a square lattice of 10 through the electrode, separator above."""
    nz, ny, nx = RATE_SHAPE
    image = np.zeros(RATE_SHAPE, np.uint8)
    y, x = np.mgrid[0:ny, 0:nx] + 0.5
    u, v = np.mod(x, 10) - 5, np.mod(y, 10) - 5
    image[:RATE_ELECTRODE, u * u + v * v <= 16] = 1
    image[RATE_ELECTRODE:] = 2
    return image


def rate_composite(target, seed=5, rmin=3.0, rmax=4.0, neck=1.0, tries=20000):
    """Spheres (periodic in x and y) grown from the collector: a sphere is
    accepted when it overlaps the collector or a placed sphere by at least
    `neck` (a neck of at least one voxel) and every other one by at most
    0.4 of the smaller radius, and stays below the separator. Then one
    common radius scale is bisected to `target` active voxels (each scale
    is voxelised; face-connected clusters not touching the collector become
    matrix, as slivers of particles cut by the lateral faces, and matrix
    pores closed off from the separator become active)."""
    from scipy import ndimage
    nz, ny, nx = RATE_SHAPE
    rng = np.random.default_rng(seed)
    balls = []
    for _ in range(tries):
        r = rng.uniform(rmin, rmax)
        c = np.array([rng.uniform(0, nx), rng.uniform(0, ny),
                      rng.uniform(0.4 * r, RATE_ELECTRODE - r - 0.5)])
        touches = c[2] < r - neck
        ok = True
        for b in balls:
            d = c - b[:3]
            d[:2] -= np.round(d[:2] / (nx, ny)) * (nx, ny)
            dist = np.linalg.norm(d)
            if r + b[3] - dist > 0.4 * min(r, b[3]):
                ok = False
                break
            touches = touches or dist < r + b[3] - neck
        if ok and touches:
            balls.append(np.array([*c, r]))
    z, y, x = np.mgrid[0:nz, 0:ny, 0:nx] + 0.5

    def voxelise(scale):
        image = np.zeros(RATE_SHAPE, np.uint8)
        for b in balls:
            dx = x - b[0]
            dy = y - b[1]
            dx -= np.round(dx / nx) * nx
            dy -= np.round(dy / ny) * ny
            image[dx * dx + dy * dy + (z - b[2]) ** 2 <= (scale * b[3]) ** 2] = 1
        image[RATE_ELECTRODE:] = 2
        labels, _ = ndimage.label(image == 1)
        connected = np.unique(labels[0][labels[0] > 0])
        image[(image == 1) & ~np.isin(labels, connected)] = 0
        # pores closed off from the separator hold no working electrolyte:
        # fill them with active material (few voxels)
        labels, _ = ndimage.label(image != 1)
        open_ = np.unique(labels[-1])
        image[(image == 0) & ~np.isin(labels, open_)] = 1
        return image

    lo, hi = 0.5, 1.2
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if (voxelise(mid) == 1).sum() < target:
            lo = mid
        else:
            hi = mid
    return voxelise(hi), balls, hi


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
    pillars = rate_pillars()
    np.save(os.path.join(here, "image_rate_pillars_3d.npy"), pillars)
    composite = rate_composite(int((pillars == 1).sum()))[0]
    np.save(os.path.join(here, "image_rate_composite_3d.npy"), composite)


if __name__ == "__main__":
    main(sys.argv[1:])
