#!/usr/bin/env python3
"""Checkpoint/restart check (ctest checkpoint.*).

1. Run PRM uninterrupted (the reference).
2. Run it again, kill it with SIGKILL as soon as a restart set exists and
   before it finishes, then `mesocell --resume PRM`.
3. statistics.csv of the two runs: the same rows (no duplicate, none
   missing) and every column but the wall time equal to 1e-8 relative
   (differences below 1e-12 of a column's largest value count as round-off).
4. A corrupt restart set (restart.txt cut short) gives exit code 2 and one
   clear message.

Usage: check_restart.py MESOCELL PRM WORKDIR [--np N] [--resume-np M]
(with --resume-np the set written on N ranks is resumed on M ranks)
"""
import argparse
import csv
import os
import shutil
import signal
import subprocess
import sys
import time


def launcher(np):
    return ["mpirun", "-np", str(np), "--oversubscribe"] if np > 1 else []


def read_stats(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("exe")
    ap.add_argument("prm")
    ap.add_argument("workdir")
    ap.add_argument("--np", type=int, default=1)
    ap.add_argument("--resume-np", type=int, default=0,
                    help="ranks of the resumed run (default: --np)")
    a = ap.parse_args()
    resume_np = a.resume_np or a.np
    prm = os.path.abspath(a.prm)
    ref_dir = os.path.join(a.workdir, "reference")
    cut_dir = os.path.join(a.workdir, "interrupted")
    for d in (ref_dir, cut_dir):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    # The output directory is relative to the working directory ('output').
    rc, out, err = run(launcher(a.np) + [a.exe, prm], ref_dir)
    if rc != 0:
        print(out, err)
        sys.exit("reference run failed with exit code %d" % rc)
    header, ref_rows = read_stats(os.path.join(ref_dir, "output", "statistics.csv"))
    print("reference run: %d rows" % len(ref_rows))

    # Interrupted run: SIGKILL right after the first restart set appears.
    stats = os.path.join(cut_dir, "output", "statistics.csv")
    restart = os.path.join(cut_dir, "output", "checkpoint", "restart.txt")
    p = subprocess.Popen(launcher(a.np) + [a.exe, prm], cwd=cut_dir,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    t0 = time.time()
    while p.poll() is None and not os.path.exists(restart) and time.time() - t0 < 300:
        time.sleep(0.01)
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    if not os.path.exists(restart):
        sys.exit("no restart set was written before the run ended")
    _, cut_rows = read_stats(stats)
    print("killed after %d complete rows" % len(cut_rows))
    if len(cut_rows) >= len(ref_rows):
        sys.exit("the run finished before it could be killed: nothing was tested")

    rc, out, err = run(launcher(resume_np) + [a.exe, "--resume", prm], cut_dir)
    print(out[-3000:])
    if rc != 0:
        print(err)
        sys.exit("resumed run failed with exit code %d" % rc)
    if "Resuming from" not in out:
        sys.exit("the resumed run did not report its restart set")
    header2, rows = read_stats(stats)
    if header2 != header or len(rows) != len(ref_rows):
        sys.exit("resumed statistics.csv has %d rows, the reference %d" %
                 (len(rows), len(ref_rows)))
    # Relative 1e-8, with a round-off floor of 1e-12 of each column's largest
    # value: quantities that are zero up to round-off (reaction currents and
    # overpotentials at rest) differ in their last bits between 2-rank runs.
    worst = (0.0, "")
    for j, name in enumerate(header):
        if name == "wall_time_s":
            continue
        floor = 1e-12 * max(abs(float(r[j])) for r in ref_rows)
        for i, (r, s) in enumerate(zip(ref_rows, rows)):
            x, y = float(r[j]), float(s[j])
            if abs(x - y) <= floor:
                continue
            d = abs(x - y) / max(abs(x), abs(y))
            if d > worst[0]:
                worst = (d, "row %d column %s: %r vs %r" % (i + 1, name, x, y))
    print("largest relative difference %.3g %s" % worst)
    if worst[0] > 1e-8:
        sys.exit("resumed run differs from the uninterrupted one beyond 1e-8")
    steps = [int(r[0]) for r in rows]
    if steps != sorted(set(steps)):
        sys.exit("duplicated or missing steps in the resumed statistics.csv")

    # A corrupt restart set: cut restart.txt short.
    os.makedirs(os.path.dirname(restart), exist_ok=True)
    shutil.rmtree(os.path.join(cut_dir, "output", "checkpoint.old"), ignore_errors=True)
    with open(restart, "w") as f:
        f.write("mesocell restart set 1\nvalues driver\n13 1 2 3\n")
    rc, out, err = run(launcher(a.np) + [a.exe, "--resume", prm], cut_dir)
    print(err.strip())
    if rc != 2 or err.count("mesocell: error") != 1 or "incomplete or corrupt" not in err:
        sys.exit("a corrupt restart set did not give one clear input error (exit %d)" % rc)
    print("checkpoint/restart: ok")


if __name__ == "__main__":
    main()
