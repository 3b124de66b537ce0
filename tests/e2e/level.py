#!/usr/bin/env python3
"""End-to-end check of --level organisation against the place's own CSVs.

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/level.py [PLACE_FOLDER...]

(default: datasets/northamptonshire and datasets/stockton-on-tees when present).
Only the standard library. The rolled-up network is computed here from
actors.csv, ties.csv, waves.csv and responses.csv alone, by the definition in
docs/MEASURES.md ("Organisation level"): each actor stands for its topmost
ancestor when that is an organisation, else for itself; a tie between two
actors kept exists at a wave when any tie of the wave joins them once rolled
up (unordered in an undirected place), weighted by how many; ties inside one
are dropped. An actor kept answered a wave when any actor rolled up to it did,
was absent when all were absent, else missing. Then, per wave:

- `ripple export --level organisation --missing census --format csv --wave W -o -`:
  the edges (source, target, weight) are exactly those computed here;
- `ripple metrics --level organisation --missing census --format csv`: actors
  (the actors kept), ties, answered, missing and absent are those computed here.

Prints `ok - name` or `not ok - name: why` per check, and exits 1 when one failed.
"""
import csv
import io
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RIPPLE = os.environ.get("RIPPLE", os.path.join(ROOT, "build/release/ripple"))


def rows(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def truthy(s):
    return (s or "").strip().lower() in ("yes", "true", "1", "y")


def expected(folder):
    """(directed, kept actor ids, {wave: {(s, t): weight}}, {wave: (answered, missing, absent)})."""
    place = rows(folder, "place.csv")
    directed = bool(place) and truthy(place[0].get("directed"))
    actors = rows(folder, "actors.csv")
    kind = {a["id"]: (a.get("kind") or "organisation").strip() or "organisation" for a in actors}
    parent = {a["id"]: (a.get("parent") or "").strip() for a in actors}

    def top(a):
        seen = {a}
        while parent[a]:
            a = parent[a]
            assert a not in seen, "cycle"
            seen.add(a)
        return a

    to = {}
    for a in kind:
        t = top(a)
        to[a] = t if kind[t] == "organisation" else a
    kept = [a["id"] for a in actors if to[a["id"]] == a["id"]]

    waves = [w["wave"] for w in sorted(rows(folder, "waves.csv"),
                                       key=lambda w: int(w.get("ordinal") or 0))]
    edges = {w: {} for w in waves}
    for t in rows(folder, "ties.csv"):
        s, d = to[t["source"]], to[t["target"]]
        if s == d:
            continue
        if not directed:
            s, d = sorted((s, d), key=lambda x: [a["id"] for a in actors].index(x))
        e = edges[t["wave"]]
        e[(s, d)] = e.get((s, d), 0) + 1

    status = {(r["actor"], r["wave"]): r["status"] for r in rows(folder, "responses.csv")}
    counts = {}
    for w in waves:
        rolled = {k: "absent" for k in kept}
        for a in kind:
            st = status.get((a, w), "answered")
            k = to[a]
            if st == "answered" or (st == "missing" and rolled[k] == "absent"):
                rolled[k] = st
        counts[w] = tuple(sum(1 for k in kept if rolled[k] == x)
                          for x in ("answered", "missing", "absent"))
    return directed, kept, edges, counts


def run(args):
    p = subprocess.run([RIPPLE] + args, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"ripple {' '.join(args)} exited {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def check_place(folder):
    name = os.path.basename(folder.rstrip("/"))
    directed, kept, edges, counts = expected(folder)
    nactors = len(rows(folder, "actors.csv"))
    check(f"{name}: the place has actors to roll up ({nactors} actors, {len(kept)} kept)",
          len(kept) < nactors, "every actor stands for itself: the check would prove nothing")
    for w, want in edges.items():
        out = run(["export", folder, "--level", "organisation", "--missing", "census",
                   "--format", "csv", "--wave", w, "-o", "-"])
        section = out.split("# edges\n", 1)[1].split("\n#", 1)[0]   # the edges table only
        got = {}
        for r in csv.DictReader(io.StringIO(section)):
            s, d = r["source"], r["target"]
            if not directed and (d, s) in want:
                s, d = d, s
            got[(s, d)] = float(r["weight"])
        want_f = {k: float(v) for k, v in want.items()}
        diff = sorted(set(got.items()) ^ set(want_f.items()))[:4]
        check(f"{name} {w}: export --level organisation has the {len(want)} rolled-up edges "
              "and weights", got == want_f, f"differences (first 4): {diff}")
    out = run(["metrics", folder, "--level", "organisation", "--missing", "census",
               "--format", "csv"])
    for r in csv.DictReader(io.StringIO(out)):
        w = r["wave"]
        got = (int(r["actors"]), int(r["ties"]), int(r["answered"]), int(r["missing"]),
               int(r["absent"]))
        want = (len(kept), len(edges[w])) + counts[w]
        check(f"{name} {w}: metrics --level organisation counts actors, ties and responses",
              got == want, f"got {got}, want {want} (actors, ties, answered, missing, absent)")


def main():
    folders = sys.argv[1:] or [os.path.join(ROOT, "datasets", d)
                               for d in ("northamptonshire", "stockton-on-tees")
                               if os.path.isdir(os.path.join(ROOT, "datasets", d))]
    for f in folders:
        try:
            check_place(f)
        except RuntimeError as e:
            check(os.path.basename(f), False, str(e))
    print(f"# level.py: {harness.FAILED} failed")
    return 1 if harness.FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
