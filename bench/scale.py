#!/usr/bin/python3
"""How ripple's time and peak memory grow: ripple alone at three or more sizes of
each dimension, everything else held fixed.

    make bench-scale                 (RIPPLE=PATH measures another binary)
    bench/scale.py [--ripple PATH] [--only actors,ties,...] [--no-results]

Dimensions (generated with datasets/generate.py, seed 1, undirected):
  actors        1 place, 2 waves, mean degree 10 (ties = 5 x actors): `ripple batch
                --permutations 0` (every measure of both waves + the change ledger),
                and its stages: `ripple import` (CSV -> SQLite) and `ripple metrics
                --nodes` of the imported database (both waves)
  ties          1 place of 2,000 actors, 2 waves, 2,500 ... 20,000 ties a wave
  permutations  1 place of 300 actors x 1,500 ties: `ripple compare --permutations P`
                (QAP and the attendee test each run P permutations)
  places        N places of 300 actors x 1,500 ties: `ripple batch --jobs 1`, 1,000
                permutations
  waves         1 place of 2,000 actors x 10,000 ties a wave, W waves: `ripple
                metrics --nodes` (every wave)
Each point is the median of 3 runs when a run takes under 2 s, else 1 run. For
each dimension it prints the log-log slope of time against size over the points
(1: linear, 2: quadratic; a fixed start-up cost pulls it below the true
exponent) and the least-squares line t = a + b size (a: the fixed cost, b: the
cost of one more actor, tie, permutation, place or wave). Writes the table to bench/RESULTS.md
between the `bench:scale` markers.
"""
import argparse
import math
import os
import shutil
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import run as bench  # noqa: E402

WORK = os.path.join(ROOT, "build", "bench", "scale")
START, END = "<!-- bench:scale:start -->", "<!-- bench:scale:end -->"


def timed(cmd, tmp):
    """(median CPU s, max peak MB, median wall s) of cmd: 3 runs when the first
    is under 2 s. CPU (user + system) is what the model uses: the machine is
    shared, and other load stretches wall time far more than CPU time."""
    runs = []
    for i in range(3):
        r = bench.measure(cmd, tmp, "scale")
        if r.rc != 0:
            raise SystemExit("scale: failed (exit %d): %s\n%s" % (
                r.rc, cmd, open(os.path.join(tmp, "scale.err")).read()[-1500:]))
        runs.append(r)
        if r.wall >= 2:
            break
    return (statistics.median(x.cpu for x in runs), max(x.kb for x in runs) / 1024,
            statistics.median(x.wall for x in runs))


def place(name, **size):
    return bench.generated(os.path.join("scale", name), **size)


def point(stage, cmd, tmp):
    return (stage,) + timed(cmd, tmp)


def batch(rp, d, *more):
    return [rp, "batch", d] + list(more) + ["--format", "csv", "-o", os.devnull]


def dim_actors(rp, tmp):
    out = []
    for n in (500, 1000, 2000, 4000):
        d = place("actors-%d" % n, places=1, actors=n, ties=5 * n, waves=2, seed=1)
        db = os.path.join(tmp, "a.db")
        imp = point("import", "rm -f %s && %s import %s %s >/dev/null" % (db, rp, db, d), tmp)
        met = point("metrics --nodes", "%s metrics %s --nodes --format csv >/dev/null" % (rp, db),
                    tmp)
        bat = point("batch", batch(rp, d, "--permutations", "0"), tmp)
        out.append(("%d actors, %d ties a wave" % (n, 5 * n), n, [bat, imp, met]))
    return "actors (ties = 5 x actors, 2 waves)", out


def dim_ties(rp, tmp):
    out = []
    for m in (2500, 5000, 10000, 20000):
        d = place("ties-%d" % m, places=1, actors=2000, ties=m, waves=2, seed=1)
        out.append(("2,000 actors, %d ties a wave" % m, m,
                    [point("batch", batch(rp, d, "--permutations", "0"), tmp)]))
    return "ties (2,000 actors, 2 waves)", out


def dim_permutations(rp, tmp):
    d = place("perm", places=1, actors=300, ties=1500, waves=2, seed=1)
    out = []
    for p in (0, 1000, 10000, 100000):
        out.append(("%d permutations" % p, p, [point("compare", [
            rp, "compare", d, "--permutations", str(p), "--section", "tests", "--format", "csv"],
            tmp)]))
    return "permutations (300 actors x 1,500 ties)", out


def dim_places(rp, tmp):
    out = []
    for k in (10, 20, 40, 80):
        d = place("places-%d" % k, places=k, actors=300, ties=1500, waves=2, seed=1)
        out.append(("%d places" % k, k, [point("batch --jobs 1", batch(
            rp, d, "--jobs", "1", "--permutations", "1000"), tmp)]))
    return "places (300 actors x 1,500 ties x 2 waves, 1,000 permutations)", out


def dim_waves(rp, tmp):
    out = []
    for w in (2, 4, 8):
        d = place("waves-%d" % w, places=1, actors=2000, ties=10000, waves=w, seed=1)
        out.append(("%d waves" % w, w, [point(
            "metrics --nodes", "%s metrics %s --nodes --format csv >/dev/null" % (rp, d), tmp)]))
    return "waves (2,000 actors x 10,000 ties a wave)", out


DIMS = {"actors": dim_actors, "ties": dim_ties, "permutations": dim_permutations,
        "places": dim_places, "waves": dim_waves}


def fit(points, stage):
    """(log-log slope over the sizes > 0, a, b of the least-squares line t = a + b size)."""
    pts = [(s, dict((x[0], x[1]) for x in st)[stage]) for _, s, st in points]
    logs = [(math.log(s), math.log(t)) for s, t in pts if s > 0 and t > 0]
    mx, my = statistics.mean(x for x, _ in logs), statistics.mean(y for _, y in logs)
    slope = sum((x - mx) * (y - my) for x, y in logs) / sum((x - mx) ** 2 for x, _ in logs)
    ms, mt = statistics.mean(s for s, _ in pts), statistics.mean(t for _, t in pts)
    b = sum((s - ms) * (t - mt) for s, t in pts) / sum((s - ms) ** 2 for s, _ in pts)
    return slope, mt - b * ms, b


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ripple", default=os.environ.get("RIPPLE") or
                    os.path.join(ROOT, "build", "release", "ripple"))
    ap.add_argument("--only", default=",".join(DIMS))
    ap.add_argument("--no-results", action="store_true")
    a = ap.parse_args(argv)
    rp = os.path.abspath(a.ripple)
    tmp = os.path.join(WORK, "tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    t0 = time.time()
    lines = ["| dimension | size | command | CPU s | wall s | peak MB |", "|---|---|---|---|---|---|"]
    growth = []
    for name in [x for x in a.only.split(",") if x]:
        title, points = DIMS[name](rp, tmp)
        for label, _, stages in points:
            for stage, t, mb, wall in stages:
                lines.append("| %s | %s | %s | %.3f | %.3f | %.0f |" % (name, label, stage, t,
                                                                      wall, mb))
                print("%-13s %-34s %-16s %9.3f s CPU %9.3f s wall %7.0f MB" % (
                    name, label, stage, t, wall, mb), flush=True)
        for stage in [x[0] for x in points[0][2]]:
            slope, a0, b = fit(points, stage)
            growth.append("- %s, `%s`: CPU time ~ size^%.2f (log-log slope); as a line, "
                          "%.3f s + %.3g s per unit of size" % (title, stage, slope, a0, b))
    took = int(time.time() - t0)
    text = "\n".join(["Measured %s with %s, built from %s; %d min %02d s in all; load "
                      "average at the end %s." % (time.strftime("%Y-%m-%d %H:%M"), rp,
                                                  bench.ripple_source(rp), took // 60, took % 60,
                                                  " ".join(open("/proc/loadavg").read().split()[:3])),
                      ""] + lines + ["", "Growth (log-log slope: 1 linear, 2 quadratic; and the "
                                                 "least-squares line):", ""]
                     + growth)
    print("\n".join(growth))
    if not a.no_results:
        block = START + "\n" + text + "\n" + END
        old = open(bench.RESULTS, encoding="utf-8").read() if os.path.exists(bench.RESULTS) else ""
        if START in old and END in old:
            new = old[:old.index(START)] + block + old[old.index(END) + len(END):]
        else:
            new = old.rstrip("\n") + "\n\n" + block + "\n"
        with open(bench.RESULTS, "w", encoding="utf-8") as f:
            f.write(new)
        print("scale: wrote %s" % bench.RESULTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
