#!/usr/bin/env python3
"""End-to-end check of `ripple waves` on a real network of three waves, Sampson's
monastery, against tests/reference/make_sampson_reference.py (networkx and plain
Python on the DL file's matrices, not on ripple's output).

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/sampson.py

For the place folders tests/reference/places/sampson and sampson-masked (a joiner,
a leaver and a non-respondent), under --missing reconstruct, respondents and census,
runs `ripple waves FOLDER --format csv --section S --missing P` for each section and
compares with tests/reference/expected/waves.sampson.*.csv:

- series: every measure within 1e-9 (CSV prints 12 significant digits), counts
  exact; modularity at least the best of 20 networkx Louvain runs minus 0.03
  (Leiden and Louvain are heuristics, as in test_metrics.c);
- ties: the same pairs in the same order, each pattern, first_wave, last_wave and
  waves_tied exact; and, outside census, every character of a masked pattern that
  is not '?' equals the pair's character in the full network (the truth);
- persistence: the counts exact, share_kept within 1e-9.

Only the standard library. Prints `ok - name` or `not ok - name: why` per check,
and exits 1 when one failed.
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
REF = os.path.join(ROOT, "tests", "reference")
CASES = ("sampson", "sampson-masked")
POLICIES = ("reconstruct", "respondents", "census")


def expected(section):
    path = os.path.join(REF, "expected", f"waves.sampson.{section}.csv")
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def waves(case, section, policy):
    """ripple's rows of one section (the `# name` line skipped), or None and why."""
    cmd = [RIPPLE, "waves", os.path.join(REF, "places", case), "--format", "csv",
           "--section", section, "--missing", policy]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return None, f"exit {p.returncode}: {p.stderr.strip()[:200]}"
    text = "".join(l for l in io.StringIO(p.stdout) if not l.startswith("#"))
    return list(csv.DictReader(io.StringIO(text))), ""


def near(got, want, tol=1e-9):
    if want == "" or got == "":
        return got == want
    return abs(float(got) - float(want)) <= tol


def check_series(case, policy, want):
    got, why = waves(case, "series", policy)
    name = f"{case} --missing {policy}: series"
    if got is None:
        return check(name, False, why)
    bad = []
    if [r["wave"] for r in got] != [r["wave"] for r in want]:
        bad.append(f"waves {[r['wave'] for r in got]}")
    for g, w in zip(got, want):
        if g["policy"] != policy:
            bad.append(f"{w['wave']} policy {g['policy']}")
        for col, value in w.items():
            if col in ("case", "policy", "wave"):
                continue
            if col == "modularity_reference":
                if not g["modularity"] or float(g["modularity"]) < float(value) - 0.03:
                    bad.append(f"{w['wave']} modularity {g['modularity']} < {value} - 0.03")
                if not g["communities"] or int(g["communities"]) < 1:
                    bad.append(f"{w['wave']} communities {g['communities']}")
            elif col not in g:
                bad.append(f"no column {col}")
            elif not near(g[col], value):
                bad.append(f"{w['wave']} {col} {g[col]} != {value}")
    check(name, not bad, "; ".join(bad[:4]))


def check_ties(case, policy, want):
    got, why = waves(case, "ties", policy)
    name = f"{case} --missing {policy}: ties (patterns)"
    if got is None:
        return check(name, False, why)
    bad = []
    gkeys = [(r["source"], r["target"]) for r in got]
    wkeys = [(r["source"], r["target"]) for r in want]
    if gkeys != wkeys:
        extra = [k for k in gkeys if k not in set(wkeys)]
        lack = [k for k in wkeys if k not in set(gkeys)]
        bad.append(f"pairs differ (extra {extra[:3]}, missing {lack[:3]}, or order)")
    for g, w in zip(got, want):
        for col in ("pattern", "first_wave", "last_wave", "waves_tied"):
            if g[col] != w[col]:
                bad.append(f"{w['source']}->{w['target']} {col} {g[col]} != {w[col]}")
    check(name, not bad, "; ".join(bad[:4]))
    if policy == "census":
        return
    # the truth: outside census a masked pattern says nothing false, only '?'
    wrong = [f"{g['source']}->{g['target']} {g['pattern']} (true {w['true_pattern']})"
             for g, w in zip(got, want)
             if any(c != "?" and c != t for c, t in zip(g["pattern"], w["true_pattern"]))]
    unknown = sum(g["pattern"].count("?") for g in got)
    check(f"{case} --missing {policy}: every known character is the true one "
          f"({len(got)} pairs, {unknown} '?')", not wrong, "; ".join(wrong[:4]))


def check_persistence(case, policy, want):
    got, why = waves(case, "persistence", policy)
    name = f"{case} --missing {policy}: persistence"
    if got is None:
        return check(name, False, why)
    bad = []
    if len(got) != len(want):
        bad.append(f"{len(got)} rows, expected {len(want)}")
    for g, w in zip(got, want):
        for col in ("scope", "wave", "next_wave", "new_ties", "observed_next", "kept_next"):
            if g[col] != w[col]:
                bad.append(f"{w['scope']} {w['wave']} {col} {g[col]} != {w[col]}")
        if not near(g["share_kept"], w["share_kept"]):
            bad.append(f"{w['scope']} {w['wave']} share_kept {g['share_kept']} != "
                       f"{w['share_kept']}")
    check(name, not bad, "; ".join(bad[:4]))


def main():
    if not os.access(RIPPLE, os.X_OK):
        print(f"sampson.py: no ripple binary at {RIPPLE}", file=sys.stderr)
        return 1
    series, ties, pers = expected("series"), expected("ties"), expected("persistence")
    for case in CASES:
        for policy in POLICIES:
            def mine(rows):
                return [r for r in rows if r["case"] == case and r["policy"] == policy]
            check_series(case, policy, mine(series))
            check_ties(case, policy, mine(ties))
            check_persistence(case, policy, mine(pers))
    return 1 if harness.FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
