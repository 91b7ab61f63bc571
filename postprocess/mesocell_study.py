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
