#!/usr/bin/python3
"""Independent finite-volume effective conductivity of a labelled voxel image.

Usage: fv_reference.py IMAGE.npy AXIS 'label: sigma, ...' [--refine R ...]

One unknown per voxel (cell-centred), two-point fluxes with the harmonic mean
of the two voxel conductivities, phi = 1 on the face at 0 of AXIS and 0 on the
opposite face (half-voxel distance), insulated elsewhere; scipy.sparse direct
solve. sigma_eff = I L / (V A). With --refine R every voxel is split into R^dim
sub-voxels (the same geometry, a finer FV grid), to see the FV discretisation
error. Axis convention as MesoCell: shape (nz, ny, nx) / (ny, nx), x last.
"""
import argparse

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def fv_effective_conductivity(labels, sigma, axis, refine=1):
    """labels: int array (nz, ny, nx) or (ny, nx); sigma: dict label -> S/m;
    axis: 0 = x, 1 = y, 2 = z. Returns sigma_eff [S/m] (voxel size cancels)."""
    dim = labels.ndim
    for a in range(dim):
        labels = np.repeat(labels, refine, axis=a)
    s = np.vectorize(lambda l: float(sigma[int(l)]))(labels)
    ax = dim - 1 - axis  # numpy axis of the transport direction
    n = s.size
    index = np.arange(n).reshape(s.shape)
    rows, cols, vals = [], [], []
    diag = np.zeros(n)
    rhs = np.zeros(n)
    for a in range(dim):  # interior faces, h = 1 (conductance sigma h^(d-2))
        lo = [slice(None)] * dim
        hi = [slice(None)] * dim
        lo[a] = slice(0, -1)
        hi[a] = slice(1, None)
        s1, s2 = s[tuple(lo)], s[tuple(hi)]
        g = (2 * s1 * s2 / (s1 + s2)).ravel()
        i, j = index[tuple(lo)].ravel(), index[tuple(hi)].ravel()
        rows += [i, j]
        cols += [j, i]
        vals += [-g, -g]
        np.add.at(diag, i, g)
        np.add.at(diag, j, g)
    first = [slice(None)] * dim
    last = [slice(None)] * dim
    first[ax] = 0
    last[ax] = -1
    g_in = 2 * s[tuple(first)].ravel()  # half-voxel distance to the face
    g_out = 2 * s[tuple(last)].ravel()
    np.add.at(diag, index[tuple(first)].ravel(), g_in)
    np.add.at(diag, index[tuple(last)].ravel(), g_out)
    rhs[index[tuple(first)].ravel()] += g_in * 1.0
    A = sp.csr_matrix(
        (np.concatenate(vals + [diag]),
         (np.concatenate(rows + [np.arange(n)]), np.concatenate(cols + [np.arange(n)]))),
        shape=(n, n))
    phi = spla.spsolve(A.tocsc(), rhs)
    current = np.sum(g_in * (1.0 - phi[index[tuple(first)].ravel()]))
    length = s.shape[ax]
    cross = s.size / length
    return current * length / cross


def parse_sigma(text):
    return {int(k): float(v) for k, v in (p.split(":") for p in text.split(","))}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("image")
    ap.add_argument("axis", choices="xyz")
    ap.add_argument("sigma")
    ap.add_argument("--refine", type=int, nargs="*", default=[1])
    args = ap.parse_args()
    image = np.load(args.image)
    for r in args.refine:
        k = fv_effective_conductivity(image, parse_sigma(args.sigma), "xyz".index(args.axis), r)
        print(f"refine {r}: sigma_eff {k:.8g}")
