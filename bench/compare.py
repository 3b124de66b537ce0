#!/usr/bin/python3
"""Does ripple's output equal a peer's? A fast wrong answer does not count.

    bench/compare.py KIND RIPPLE.csv PEER.csv [--permutations N] [--quiet]

KIND names the key columns of a row: `batch` (place), `nodes` (place, wave,
actor), `network` (place, wave), `tests` (ripple compare --section tests against
peer_qap.R's one row). Every column the two files share is compared, cell by
cell, on the rows they share; both files must have the same rows.

Tolerances (the same as the unit tests' against networkx and R sna):
  - numbers: |ripple - peer| <= 1e-9 (1 + |peer|); eigenvector 1e-6, PageRank 1e-8;
    an empty cell (null) must be empty on both sides;
  - permutation p-values (qap_p, attendee_p, p_value): the two are independent
    Monte Carlo estimates of one p, so they must agree within four standard
    errors of their difference, 4 sqrt(2 p (1 - p) / N) + 1 / (N + 1);
  - modularity (the community search is randomised, and the two draw from
    different generators or, against networkx, which has no Leiden, use
    another method): ripple's may be higher, since Q of a partition is exact
    and a higher Q is a better answer, but no more than 0.05 lower in any wave
    and no more than 0.01 lower on average over all waves (as the unit tests
    ask ripple's to be at most 0.03 below networkx's best of 20 runs);
    modularity_change within 0.1 either way. One Leiden run against another
    on the 300-actor batch differed by 0.008 (standard deviation, 160 waves),
    at most 0.032, with a mean of 0.0005;
  - communities (the count of groups found): not compared; the number of
    differing cells is reported.
Prints one line (and the first mismatches); exit 0 when equal, 1 when not.
"""
import argparse
import csv
import math
import sys

KEYS = {"batch": ["place"], "nodes": ["place", "wave", "actor"], "network": ["place", "wave"],
        "tests": ["place"]}
SKIP = {"label", "sector", "community", "from", "to", "directed", "permutations", "seed",
        "test", "statistic", "sna"}


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def tolerance(col):
    """(kind, tol) for a column: 'rel' numbers, 'p' p-values, 'abs' modularity, 'skip'."""
    base = col
    for suffix in ("_from", "_to", "_change"):
        if col.endswith(suffix):
            base = col[: -len(suffix)]
    if base.startswith("communities"):
        return "skip", 0
    if base == "modularity":
        return ("abs", 0.1) if col.endswith("_change") else ("atleast", 0.05)
    if col in ("qap_p", "attendee_p", "p_value"):
        return "p", 0
    if base == "eigenvector" or col.startswith("eigenvector"):
        return "rel", 1e-6
    if base == "pagerank" or col.startswith("pagerank"):
        return "rel", 1e-8
    return "rel", 1e-9


def cell_equal(kind, tol, a, b, n_perm):
    if a == "" or b == "":
        return a == b
    try:
        x, y = float(a), float(b)
    except ValueError:
        return a == b
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if kind == "rel":
        return abs(x - y) <= tol * (1 + abs(y))
    if kind == "abs":
        return abs(x - y) <= tol
    if kind == "atleast":      # ripple may be higher, not lower by more than tol
        return x >= y - tol
    # p-values: (1 + k) / (1 + N) from two generators
    p = (x + y) / 2
    return abs(x - y) <= 4 * math.sqrt(2 * p * (1 - p) / n_perm) + 1 / (n_perm + 1)


def compare(kind, ripple_path, peer_path, n_perm):
    rcols, rrows = read(ripple_path)
    pcols, prows = read(peer_path)
    keys = KEYS[kind]
    key = (lambda row: tuple(row[k] for k in keys))
    if kind == "tests":      # ripple compare --section tests: the QAP row only
        rrows = [r for r in rrows if r.get("test") == "qap"]
        rrows = [{"place": r["place"], "statistic_value": r["value"], "p_value": r["p_value"]}
                 for r in rrows]
        rcols = ["place", "statistic_value", "p_value"]
    rmap = {key(r): r for r in rrows}
    pmap = {key(r): r for r in prows}
    problems = []
    if rmap.keys() != pmap.keys():
        only_r = sorted(rmap.keys() - pmap.keys())[:3]
        only_p = sorted(pmap.keys() - rmap.keys())[:3]
        problems.append("rows differ: only in ripple %s, only in the peer %s" % (only_r, only_p))
    cols = [c for c in rcols if c in pcols and c not in SKIP and c not in keys]
    missing = [c for c in pcols if c not in rcols and c not in keys and c not in SKIP]
    cells = skipped_diff = 0
    mod = []       # ripple - peer of every modularity level
    for k in sorted(rmap.keys() & pmap.keys()):
        r, p = rmap[k], pmap[k]
        for c in cols:
            kind_c, tol = tolerance(c)
            if kind_c == "skip":
                skipped_diff += r[c] != p[c]
                continue
            cells += 1
            if c in ("modularity", "modularity_from", "modularity_to") and r[c] and p[c]:
                mod.append(float(r[c]) - float(p[c]))
            if not cell_equal(kind_c, tol, r[c], p[c], n_perm):
                problems.append("%s %s: ripple %s, peer %s" % ("/".join(k), c, r[c] or "null",
                                                              p[c] or "null"))
    mod_mean = sum(mod) / len(mod) if mod else None
    if mod_mean is not None and mod_mean < -0.01:
        problems.append("modularity: ripple's is %.4f below the peer's on average (%d waves)"
                        % (-mod_mean, len(mod)))
    return {"rows": len(rmap.keys() & pmap.keys()), "columns": len(cols), "cells": cells,
            "problems": problems, "communities_differ": skipped_diff, "peer_only": missing,
            "modularity": (mod_mean, max((abs(x) for x in mod), default=0), len(mod))}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=sorted(KEYS))
    ap.add_argument("ripple")
    ap.add_argument("peer")
    ap.add_argument("--permutations", type=int, default=1000)
    a = ap.parse_args(argv)
    res = compare(a.kind, a.ripple, a.peer, a.permutations)
    bad = res["problems"]
    line = "%s: %d rows x %d columns, %d cells compared, %d differ" % (
        a.kind, res["rows"], res["columns"], res["cells"], len(bad))
    if res["communities_differ"]:
        line += "; community counts differ in %d cells (randomised search, not compared)" % res["communities_differ"]
    mean, worst, count = res["modularity"]
    if count:
        line += "; modularity ripple - peer: mean %+.4f, largest |difference| %.4f (%d waves)" % (
            mean, worst, count)
    if res["peer_only"]:
        line += "; peer-only columns: %s" % ",".join(res["peer_only"])
    print(line)
    for p in bad[:10]:
        print("  " + p)
    if len(bad) > 10:
        print("  ... %d more" % (len(bad) - 10))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
