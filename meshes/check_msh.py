#!/usr/bin/env python3
"""Minimal checker for ASCII Gmsh msh 4.1 files used by MesoCell.

Usage: python3 check_msh.py FILE.msh [...]

Prints, per physical group, its dim, tag, name, element counts by type, and
for top-dimensional elements the sign of the Jacobian determinant at the
corners (quads: 4 corners; hexes: 8 corners). Exit status 1 if a file has
a problem: top-dim elements that are not type 3 (quad) / 5 (hex), boundary
elements that are not type 1 (line) / 3 (quad), an empty physical group,
or a non-ASCII / non-4.1 file.
"""
import sys
from collections import defaultdict, Counter

TYPE_NAMES = {1: "line2", 2: "tri3", 3: "quad4", 4: "tet4", 5: "hex8",
              6: "prism6", 7: "pyr5", 15: "point"}


def parse(fname):
    with open(fname) as f:
        lines = [l.strip() for l in f]
    sec = {}
    i = 0
    while i < len(lines):
        if lines[i].startswith("$") and not lines[i].startswith("$End"):
            name = lines[i][1:]
            j = lines.index("$End" + name, i)
            sec[name] = lines[i + 1:j]
            i = j + 1
        else:
            i += 1
    fmt = sec["MeshFormat"][0].split()
    assert fmt[0] == "4.1" and fmt[1] == "0", "not ASCII msh 4.1: %s" % fmt
    names = {}
    for l in sec.get("PhysicalNames", [])[1:]:
        d, t, n = l.split(maxsplit=2)
        names[(int(d), int(t))] = n.strip('"')
    # entities -> physical tags
    ent_phys = {}
    ent = sec["Entities"]
    counts = list(map(int, ent[0].split()))
    k = 1
    for dim in range(4):
        for _ in range(counts[dim]):
            v = ent[k].split(); k += 1
            tag = int(v[0])
            off = 4 if dim == 0 else 7
            nph = int(v[off])
            ent_phys[(dim, tag)] = [int(x) for x in v[off + 1:off + 1 + nph]]
    # nodes
    nodes = {}
    nd = sec["Nodes"]
    nblocks = int(nd[0].split()[0]); k = 1
    for _ in range(nblocks):
        _, _, param, n = map(int, nd[k].split()); k += 1
        tags = [int(x) for x in nd[k:k + n]]; k += n
        for t in tags:
            nodes[t] = tuple(map(float, nd[k].split()[:3])); k += 1
    # elements
    elems = []  # (dim, entity, type, [nodes])
    el = sec["Elements"]
    nblocks = int(el[0].split()[0]); k = 1
    for _ in range(nblocks):
        d, et, ty, n = map(int, el[k].split()); k += 1
        for _ in range(n):
            v = list(map(int, el[k].split())); k += 1
            elems.append((d, et, ty, v[1:]))
    return names, ent_phys, nodes, elems


def det3(a, b, c):
    return (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0])
            + a[2] * (b[0] * c[1] - b[1] * c[0]))


def sub(p, q):
    return (p[0] - q[0], p[1] - q[1], p[2] - q[2])


def quad_corner_dets(P):
    # Gmsh quad4 node order is counter-clockwise: 0,1,2,3
    out = []
    for i in range(4):
        a = sub(P[(i + 1) % 4], P[i]); b = sub(P[(i - 1) % 4], P[i])
        out.append(a[0] * b[1] - a[1] * b[0])
    return out


HEX_NEIGH = {0: (1, 3, 4), 1: (2, 0, 5), 2: (3, 1, 6), 3: (0, 2, 7),
             4: (7, 5, 0), 5: (4, 6, 1), 6: (5, 7, 2), 7: (6, 4, 3)}


def hex_corner_dets(P):
    return [det3(sub(P[a], P[i]), sub(P[b], P[i]), sub(P[c], P[i]))
            for i, (a, b, c) in HEX_NEIGH.items()]


G = (0.5 - 0.5 / 3 ** 0.5, 0.5 + 0.5 / 3 ** 0.5)


def measure(ty, P):
    """Area (quad4, 2x2 Gauss) or volume (hex8, 2x2x2 Gauss) of a cell."""
    m = 0.0
    if ty == 3:
        for u in G:
            for v in G:
                dxu = [(1 - v) * (P[1][k] - P[0][k]) + v * (P[2][k] - P[3][k]) for k in range(2)]
                dxv = [(1 - u) * (P[3][k] - P[0][k]) + u * (P[2][k] - P[1][k]) for k in range(2)]
                m += 0.25 * (dxu[0] * dxv[1] - dxu[1] * dxv[0])
    elif ty == 5:
        for u in G:
            for v in G:
                for w in G:
                    du = [(1-v)*(1-w)*(P[1][k]-P[0][k]) + v*(1-w)*(P[2][k]-P[3][k])
                          + (1-v)*w*(P[5][k]-P[4][k]) + v*w*(P[6][k]-P[7][k]) for k in range(3)]
                    dv = [(1-u)*(1-w)*(P[3][k]-P[0][k]) + u*(1-w)*(P[2][k]-P[1][k])
                          + (1-u)*w*(P[7][k]-P[4][k]) + u*w*(P[6][k]-P[5][k]) for k in range(3)]
                    dw = [(1-u)*(1-v)*(P[4][k]-P[0][k]) + u*(1-v)*(P[5][k]-P[1][k])
                          + (1-u)*v*(P[7][k]-P[3][k]) + u*v*(P[6][k]-P[2][k]) for k in range(3)]
                    m += 0.125 * det3(du, dv, dw)
    return m


def check(fname):
    names, ent_phys, nodes, elems = parse(fname)
    ok = True
    topdim = max(d for d, _, _, _ in elems)
    groups = defaultdict(Counter)
    bad_jac = Counter(); ncells = 0; minrel = 1e300
    meas = defaultdict(float)
    for d, et, ty, nl in elems:
        for p in ent_phys.get((d, et), []):
            groups[(d, p)][ty] += 1
        if d == topdim:
            ncells += 1
            P = [nodes[n] for n in nl]
            if ty in (3, 5):
                for p in ent_phys.get((d, et), []):
                    meas[p] += measure(ty, P)
            if ty == 3:
                dets = quad_corner_dets(P)
            elif ty == 5:
                dets = hex_corner_dets(P)
            else:
                dets = None
            if dets is not None:
                if min(dets) <= 0 < max(dets):
                    bad_jac["mixed-sign"] += 1
                elif max(dets) <= 0:
                    bad_jac["negative"] += 1
                if max(dets) > 0:
                    minrel = min(minrel, min(dets) / max(dets))
    print("== %s: topdim %d, %d nodes, %d top-dim cells" % (fname, topdim, len(nodes), ncells))
    for key in sorted(set(groups) | set(names)):
        d, t = key
        c = groups.get(key, Counter())
        desc = ", ".join("%s:%d" % (TYPE_NAMES.get(ty, ty), n) for ty, n in sorted(c.items()))
        extra = "  (%s %.6g)" % ("area" if d == 2 else "volume", meas[t]) if d == topdim and t in meas else ""
        print("  dim %d tag %3d %-12s %s%s" % (d, t, '"%s"' % names.get(key, "?"), desc or "EMPTY", extra))
        if not c or key not in names:
            ok = False
        allowed = {3} if (d == topdim and d == 2) else {5} if d == topdim else {1} if d == 1 else {3}
        if set(c) - allowed:
            print("    -> element types not allowed here")
            ok = False
    # conformity: every facet used by exactly one top-dim cell must lie on the
    # bounding box of the mesh (all meshes here are boxes/rectangles)
    FACETS = {3: [(0, 1), (1, 2), (2, 3), (3, 0)],
              5: [(0, 3, 2, 1), (4, 5, 6, 7), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7)]}
    fcount = Counter()
    for d, et, ty, nl in elems:
        if d == topdim and ty in FACETS:
            for f in FACETS[ty]:
                fcount[tuple(sorted(nl[i] for i in f))] += 1
    lo = [min(p[k] for p in nodes.values()) for k in range(3)]
    hi = [max(p[k] for p in nodes.values()) for k in range(3)]
    tol = 1e-6 * max(h - l for h, l in zip(hi, lo))
    def on_bbox(face):
        return any(all(abs(nodes[n][k] - b) < tol for n in face)
                   for k in range(topdim) for b in (lo[k], hi[k]))
    n_over = sum(1 for c in fcount.values() if c > 2)
    n_hang = sum(1 for f, c in fcount.items() if c == 1 and not on_bbox(f))
    n_bdry = sum(1 for f, c in fcount.items() if c == 1)
    # boundary facets covered by physical boundary elements
    bel = set(tuple(sorted(nl)) for d, et, ty, nl in elems if d == topdim - 1 and ent_phys.get((d, et)))
    n_unlab = sum(1 for f, c in fcount.items() if c == 1 and f not in bel)
    print("  conformity: %d outer facets, %d interior facets not shared (should be 0), "
          "%d facets in >2 cells (should be 0), %d outer facets without boundary element" %
          (n_bdry, n_hang, n_over, n_unlab))
    if n_hang or n_over:
        ok = False
    if bad_jac:
        ok = False
    if minrel > 1e299:
        print("  corner-Jacobian check: n/a (no quad/hex cells)")
    else:
        print("  corner-Jacobian check: %s; min corner det ratio %.3g" %
              (dict(bad_jac) or "all positive", minrel))
    print("  RESULT: %s" % ("OK" if ok else "PROBLEM (expected only for triangles_2d / inverted_2d)"))
    return ok


if __name__ == "__main__":
    res = [check(f) for f in sys.argv[1:]]
    sys.exit(0 if all(res) else 1)
