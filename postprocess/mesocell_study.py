"""Helpers shared by the study scripts: run MesoCell on a variant of a
parameter file and read its results and the parameters it used."""
import csv
import os
import re
import subprocess


def run_variant(exe, base_prm, workdir, name, protocol, np=2, extra=None, replace=None):
    """Run `exe` on `base_prm` with the protocol replaced and the output sent
    to workdir/name. Returns (exit code, rows of statistics.csv, path)."""
    text = open(base_prm).read()
    base_dir = os.path.dirname(os.path.abspath(base_prm))
    out = os.path.abspath(os.path.join(workdir, name))
    os.makedirs(out, exist_ok=True)

    def absolute_mesh(m):
        path = m.group(2).strip()
        if not os.path.isabs(path):
            path = os.path.normpath(os.path.join(base_dir, path))
        return m.group(1) + path

    text = re.sub(r"(set\s+Mesh file\s*=\s*)(.*)", absolute_mesh, text)
    text = re.sub(r"(set\s+Protocol\s*=\s*)(.*)", lambda m: m.group(1) + protocol, text)
    text = re.sub(r"(set\s+Directory\s*=\s*)(.*)", lambda m: m.group(1) + out, text)
    for old, new in (replace or []):
        if old not in text:
            raise ValueError(f"{base_prm}: '{old}' not found")
        text = text.replace(old, new)
    for key, value in (extra or {}).items():
        text = re.sub(r"(set\s+%s\s*=\s*)(.*)" % re.escape(key),
                      lambda m: m.group(1) + value, text)
    prm = os.path.join(out, "input.prm")
    with open(prm, "w") as f:
        f.write(text)
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    cmd = ["mpirun", "-np", str(np), exe, prm] if np > 1 else [exe, prm]
    with open(os.path.join(out, "log.txt"), "w") as log:
        code = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    rows = []
    stats = os.path.join(out, "statistics.csv")
    if os.path.exists(stats):
        with open(stats) as f:
            rows = list(csv.DictReader(f))
    return code, rows, out


def read_prm(path):
    """Entries of a parameter file written by MesoCell, keyed by
    'Subsection/Subsection/Entry'."""
    values, stack = {}, []
    for line in open(path):
        line = line.split("#")[0].strip()
        if line.startswith("subsection "):
            stack.append(line[len("subsection "):].strip())
        elif line == "end":
            stack.pop()
        elif line.startswith("set "):
            key, value = line[4:].split("=", 1)
            values["/".join(stack + [key.strip()])] = value.strip()
    return values


def _vtu_arrays(path):
    """Arrays of one deal.II VTU piece (ascii, or binary base64 with the
    zlib block header of vtkZLibDataCompressor, or raw binary base64)."""
    import base64
    import zlib
    import numpy as np
    text = open(path).read()
    compressed = 'compressor="vtkZLibDataCompressor"' in text
    types = {"Float32": np.float32, "Float64": np.float64, "Int32": np.int32,
             "Int64": np.int64, "UInt8": np.uint8, "UInt32": np.uint32}
    out = {}
    for m in re.finditer(r"<DataArray([^>]*)>(.*?)</DataArray>", text, re.S):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        dtype = np.dtype(types[attrs["type"]])
        body = m.group(2).strip()
        if attrs.get("format", "ascii") == "ascii":
            data = np.array(body.split(), dtype=dtype)
        elif compressed:
            n_blocks = np.frombuffer(base64.b64decode(body[:8])[:4], np.uint32)[0]
            header_chars = 4 * ((4 * (3 + n_blocks) + 2) // 3)
            header = np.frombuffer(base64.b64decode(body[:header_chars]), np.uint32)
            raw = base64.b64decode(body[header_chars:])
            chunks, pos = [], 0
            for size in header[3:3 + n_blocks]:
                chunks.append(zlib.decompress(raw[pos:pos + size]))
                pos += size
            data = np.frombuffer(b"".join(chunks), dtype)
        else:
            raw = base64.b64decode(body)
            data = np.frombuffer(raw[4:], dtype)
        name = attrs.get("Name", "Points" if "NumberOfComponents" in attrs else "")
        comps = int(attrs.get("NumberOfComponents", 1))
        out[name] = data.reshape(-1, comps) if comps > 1 else data
    return out


def read_last_fields(out, name="electrochemistry"):
    """(time, arrays) of the last entry of out/name.pvd, the pieces of all
    ranks concatenated (connectivity offset accordingly): 'Points',
    'connectivity', 'offsets', and every point data array by name."""
    import numpy as np
    pvd = open(os.path.join(out, name + ".pvd")).read()
    last = re.findall(r'timestep="([^"]*)"[^>]*file="([^"]*)"', pvd)[-1]
    pvtu = open(os.path.join(out, last[1])).read()
    pieces = re.findall(r'Piece Source="([^"]*)"', pvtu)
    merged, shift = {}, 0
    for piece in pieces:
        a = _vtu_arrays(os.path.join(out, piece))
        a["connectivity"] = a["connectivity"] + shift
        shift += len(a["Points"])
        for k, v in a.items():
            merged.setdefault(k, []).append(v)
    return float(last[0]), {k: np.concatenate(v) for k, v in merged.items() if k != "TIME"}


def hexahedra(fields):
    """Vertices (n, 8, 3) of the hexahedral cells in VTK order, their volumes
    (2x2x2 Gauss rule on the trilinear map) and the cell means of each
    point data array (n,)."""
    import numpy as np
    conn = fields["connectivity"].reshape(-1, 8)
    x = fields["Points"][conn].astype(float)
    # VTK hexahedron corners 0..7 -> lexicographic (x fastest) order
    lex = x[:, [0, 1, 3, 2, 4, 5, 7, 6]]
    g = 0.5 - 0.5 / np.sqrt(3.0), 0.5 + 0.5 / np.sqrt(3.0)
    volume = np.zeros(len(x))
    for a in g:
        for b in g:
            for c in g:
                d = []
                for axis in range(3):
                    w = [(1 - a, a), (1 - b, b), (1 - c, c)]
                    w[axis] = (-1.0, 1.0)
                    coef = np.array([w[0][i] * w[1][j] * w[2][k]
                                     for k in (0, 1) for j in (0, 1) for i in (0, 1)])
                    d.append(np.einsum("v,nvd->nd", coef, lex))
                volume += np.abs(np.linalg.det(np.stack(d, axis=-1))) / 8
    means = {k: v[conn].mean(axis=1) for k, v in fields.items()
             if k not in ("Points", "connectivity", "offsets", "types")
             and v.ndim == 1 and len(v) == len(fields["Points"])}
    return x, volume, means
