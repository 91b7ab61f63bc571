#!/usr/bin/env python3
"""Output directory safety (ctest robustness.output_directory.*).

1. Files of an earlier run (statistics, interface tables, VTU) are removed,
   other files kept; parameters.prm is written; the lock is gone at exit.
2. A directory locked by a running process (a program named mesocell) is
   refused with one clear message and nothing in it is touched.
3. The lock of a process that no longer exists is taken over (also one
   that is now another program).
4. A run that fails after taking the lock releases it.
5. A directory that cannot be created or written is refused before any
   computation, also by --validate.
6. Two runs at once in one directory: the second is refused.

Usage: check_output_dir.py MPIEXEC MESOCELL SOURCE_DIR WORKDIR [--np N]
"""
import argparse
import os
import shutil
import socket
import subprocess
import sys
import time

PRM = """set Dimension = {dim}
subsection Mesh
  set Mesh file          = {mesh}
  set Global refinements = {refinements}
end
subsection Phases
  set Conductivity = {phases}
end
subsection Effective conductivity
  set Axis            = x
  set Inlet boundary  = xmin
  set Outlet boundary = xmax
end
subsection Output
  set Directory = {directory}
  set Write VTU = {vtu}
end
"""


class Checker:
    def __init__(self, a):
        self.a = a
        self.failed = []

    def prm(self, name, directory="output", phases="layer_a: 1, layer_b: 10, layer_c: 100",
            dim=2, refinements=0, vtu="false"):
        mesh = os.path.join(self.a.source, "meshes", "layered_%dd.msh" % dim)
        path = os.path.join(self.a.workdir, name)
        with open(path, "w") as f:
            f.write(PRM.format(dim=dim, mesh=mesh, refinements=refinements, phases=phases,
                               directory=directory, vtu=vtu))
        return path

    def command(self, *args):
        launcher = [self.a.mpiexec, "-np", str(self.a.np), "--oversubscribe"]
        return (launcher if self.a.np > 1 else []) + [self.a.exe] + list(args)

    def run(self, *args):
        p = subprocess.run(self.command(*args), cwd=self.a.workdir, capture_output=True,
                           text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr

    def check(self, what, ok, detail=""):
        print("%-70s %s" % (what, "ok" if ok else "FAILED " + detail))
        if not ok:
            self.failed.append(what)

    def refused(self, what, rc, err, pattern):
        self.check(what, rc == 2 and err.count("mesocell: error") == 1 and pattern in err,
                   "(exit %d) %s" % (rc, err.strip()[-600:]))


def out(c, *names):
    return os.path.join(c.a.workdir, "output", *names)


def stale_files_and_lock(c):
    os.makedirs(out(c, "checkpoint"))
    for name in ("statistics.csv", "interface_0042.csv", "solution_00000.0000.vtu",
                 "interface_0043.csv.tmp", "notes.txt"):
        with open(out(c, name), "w") as f:
            f.write("from an earlier run\n")
    rc, so, se = c.run(c.prm("run.prm"))
    c.check("a run in a directory with an earlier run's files exits 0", rc == 0, se)
    c.check("  the earlier run's output files are removed",
            not any(os.path.exists(out(c, n)) for n in
                    ("statistics.csv", "interface_0042.csv", "solution_00000.0000.vtu",
                     "interface_0043.csv.tmp", "checkpoint")))
    c.check("  other files are kept", os.path.exists(out(c, "notes.txt")))
    c.check("  it says so in one line", so.count("output files of an earlier run") == 1, so)
    c.check("  parameters.prm and the results are written",
            os.path.exists(out(c, "parameters.prm")) and
            os.path.exists(out(c, "effective_conductivity.csv")))
    c.check("  the lock is released at exit", not os.path.exists(out(c, ".mesocell.lock")))


def locks(c):
    lock = out(c, ".mesocell.lock")
    # a running process named like MesoCell holds the lock
    fake = os.path.join(c.a.workdir, "mesocell")
    shutil.copy("/bin/sleep", fake)
    holder = subprocess.Popen([fake, "60"])
    with open(lock, "w") as f:
        f.write("%d %s\n" % (holder.pid, socket.gethostname()))
    before = sorted(os.listdir(out(c)))
    rc, so, se = c.run(c.prm("run.prm"))
    c.refused("a directory locked by a running process is refused", rc, se,
              "is in use by another MesoCell run (process %d" % holder.pid)
    c.check("  nothing in it is touched", sorted(os.listdir(out(c))) == before and
            open(lock).read().startswith(str(holder.pid)))
    holder.kill()
    holder.wait()
    dead = subprocess.Popen(["true"])
    dead.wait()
    for pid, what in ((dead.pid, "no longer exists"), (os.getpid(), "is another program")):
        with open(lock, "w") as f:
            f.write("%d %s\n" % (pid, socket.gethostname()))
        rc, so, se = c.run(c.prm("run.prm"))
        c.check("the lock of a process that %s is taken over" % what,
                rc == 0 and not os.path.exists(lock), se)
    rc, so, se = c.run(c.prm("bad.prm", phases="layer_a: 1, layer_b: 10"))
    c.check("a run failing with an input error after taking the lock releases it",
            rc == 2 and "has no conductivity" in se and not os.path.exists(lock), se)


def unwritable(c):
    blocker = os.path.join(c.a.workdir, "a_file")
    with open(blocker, "w") as f:
        f.write("not a directory\n")
    for mode in ([], ["--validate"]):
        rc, so, se = c.run(*(mode + [c.prm("blocked.prm", directory="a_file/output")]))
        c.refused("an output directory that cannot be created is refused %s" % " ".join(mode),
                  rc, se, "a_file/output")
    ro = None
    if os.geteuid() != 0:
        ro = os.path.join(c.a.workdir, "read_only")
        os.makedirs(ro)
        os.chmod(ro, 0o555)
    else:  # root writes into chmod 555 directories: take one nobody can write
        for candidate in ("/sys/fs", "/proc/sys", "/proc"):
            try:
                open(os.path.join(candidate, ".mesocell-probe"), "w").close()
                os.remove(os.path.join(candidate, ".mesocell-probe"))
            except OSError:
                ro = candidate
                break
        print("read-only directory as root: %s" % ro)
    if ro is not None:
        for mode in ([], ["--validate"]):
            rc, so, se = c.run(*(mode + [c.prm("ro.prm", directory=ro)]))
            c.refused("a read-only output directory is refused %s" % " ".join(mode), rc, se,
                      os.path.basename(ro))


def concurrent(c):
    shutil.rmtree(out(c), ignore_errors=True)
    slow = c.prm("slow.prm", dim=3, refinements=2, phases="layer_a: 1, layer_b: 10, layer_c: 100",
                 vtu="true")
    first = subprocess.Popen(c.command(slow), cwd=c.a.workdir, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    t0 = time.time()
    while not os.path.exists(out(c, ".mesocell.lock")) and time.time() - t0 < 60:
        time.sleep(0.005)
    rc, so, se = c.run(c.prm("run.prm"))
    busy = first.poll() is None
    o1, e1 = first.communicate(timeout=300)
    if rc == 0 and not busy:
        print("two runs at once: the first run ended too soon, not tested")
        return
    c.refused("a second run while the first one runs is refused", rc, se, "in use by")
    c.check("  the first run completes", first.returncode == 0 and
            os.path.exists(out(c, "effective_conductivity.csv")), e1[-600:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mpiexec")
    ap.add_argument("exe")
    ap.add_argument("source")
    ap.add_argument("workdir")
    ap.add_argument("--np", type=int, default=1)
    a = ap.parse_args()
    shutil.rmtree(a.workdir, ignore_errors=True)
    os.makedirs(a.workdir)
    c = Checker(a)
    stale_files_and_lock(c)
    locks(c)
    unwritable(c)
    concurrent(c)
    if c.failed:
        sys.exit("%d check(s) failed" % len(c.failed))
    print("output directory safety: ok")


if __name__ == "__main__":
    main()
