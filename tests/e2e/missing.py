#!/usr/bin/env python3
"""End-to-end checks that a survey with non-response gives honest numbers.

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/missing.py

(run.sh runs it.) Only the standard library. The truth is known: Coleman's two
waves of friendship nominations are complete, and
tests/reference/make_missing_reference.py hides part of them the way a survey
loses it (tests/reference/places/coleman-masked-*/, with a responses.csv saying
who was `missing` or `absent`) and writes what ripple must say to
tests/reference/expected/missing.*.csv, from the full data and the masks alone
(docs/MEASURES.md, "Non-response, checked where the truth is known"). For each masked place:

- `ripple check` accepts the folder.
- `ripple compare --format json` (the default policy, reconstruct): the new,
  lost and kept ties are exactly the full data's ledger restricted to the pairs
  observed at both waves; every other pair tied as reported (imputed ties are
  not reports) is `unknown`, with the reason the script gives (joiner, leaver,
  missing_from, missing_to); the summary counts say the same, and each wave's
  response rate (answered / (answered + missing)); jaccard and hamming are
  those of the honest ledger.
- `ripple compare --missing census`: the naive ledger (the masked ties.csv as if
  everyone answered), exactly, with no unknown; it is inflated: more new and
  more lost ties than the honest ledger, and its share of fall ties lost, share
  of spring ties new and Jaccard are further from the full data's than the
  honest ledger's.
- `ripple export --wave W --format csv -o - --missing reconstruct` and
  `--missing census`: the arcs are exactly the script's reconstructed and naive
  networks; the Hamming distance to the full network (computed here, over the
  ordered pairs of actors not absent) is the script's; the reconstructed
  network is closer to the full one than the naive one in its number of arcs
  and in the missing actors' out-degrees. (In Hamming distance it is not, in 4
  of the 6 waves: Coleman's reciprocity is about one half, so an imputed j -> i
  is right about as often as it is wrong. The check names both distances.)
- a wave whose response rate is below --min-response (0.7 by default) gets a
  warning on stderr, and no other wave does.

Prints `ok - name` or `not ok - name: why` per check, a summary line, and exits
1 when a check failed.
"""
import csv
import json
import os
import subprocess
import sys
import time

import harness
from harness import ROOT, Fail, ripple, ripple_ok, short

REFERENCE = os.path.join(ROOT, "tests", "reference")
SCRIPT = os.path.join(REFERENCE, "make_missing_reference.py")
FULL = os.path.join(REFERENCE, "places", "coleman")
VARIANTS = ("m15", "m30", "absent")
W1, W2 = "fall", "spring"
REASONS = ("joiner", "leaver", "missing_from", "missing_to")
MIN_RESPONSE = 0.7


def folder(variant):
    return os.path.join(REFERENCE, "places", "coleman-masked-" + variant)


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def expected_of(name):
    return rows(os.path.join(REFERENCE, "expected", "missing.%s.csv" % name))


# ---- what ripple says ------------------------------------------------------------

def compare(variant, *policy):
    """(summary {measure: value}, tie rows, stderr) of ripple compare --format json."""
    out, err = ripple_ok("compare", folder(variant), "--from", W1, "--to", W2,
                         "--format", "json", *policy)
    try:
        doc = json.loads(out.decode("utf-8"))
    except ValueError as e:
        raise Fail("compare %s: the JSON does not parse: %s" % (" ".join(policy), e))
    summary = {r["measure"]: r["value"] for r in doc.get("summary", [])}
    return summary, doc.get("ties", []), err


def exported_arcs(variant, wave, policy):
    """The arcs of `ripple export --format csv -o -` (the `# edges` section)."""
    rc, out, err = ripple("export", folder(variant), "--wave", wave, "--format", "csv",
                          "-o", "-", "--missing", policy)
    if rc != 0:
        raise Fail("ripple export --missing %s: exit status %d: %s" % (policy, rc, short(err)))
    text = out.decode("utf-8")
    section, lines = None, []
    for line in text.splitlines():
        if line.startswith("# "):
            section = line[2:].strip()
        elif section == "edges" and line:
            lines.append(line)
    if not lines:
        raise Fail("export --missing %s: no `# edges` section: %s" % (policy, short(text)))
    return {(r["source"], r["target"]) for r in csv.DictReader(lines)}


def diff_text(want, got, n=4):
    missing, extra = sorted(want - got), sorted(got - want)
    return "%d expected not given %s, %d given not expected %s" % (
        len(missing), missing[:n], len(extra), extra[:n])


# ---- the checks of one masked place ----------------------------------------------------

def variant_checks(grp, variant, exp):
    ties = [r for r in exp["ties"] if r["variant"] == variant]
    summ = {r["ledger"]: r for r in exp["summary"] if r["variant"] == variant}
    honest = {(r["source"], r["target"], r["status"]) for r in ties
              if r["policy"] == "reconstruct" and r["status"] != "unknown"}
    unknown = {(r["source"], r["target"], r["unknown_reason"]) for r in ties
               if r["policy"] == "reconstruct" and r["status"] == "unknown"}
    naive = {(r["source"], r["target"], r["status"]) for r in ties if r["policy"] == "census"}
    status = {(r["actor"], r["wave"]): r["status"] for r in rows(os.path.join(folder(variant),
                                                                             "responses.csv"))}
    full = {w: set() for w in (W1, W2)}
    for r in rows(os.path.join(FULL, "ties.csv")):
        full[r["wave"]].add((r["source"], r["target"]))
    ids = [r["id"] for r in rows(os.path.join(FULL, "actors.csv"))]
    cache = {}

    def run(policy):
        if policy not in cache:
            cache[policy] = compare(variant, "--missing", policy) if policy else compare(variant)
        return cache[policy]

    def check_ok():
        ripple_ok("check", folder(variant))
    grp.check("%s: ripple check accepts the masked place (responses.csv, ties consistent)"
              % variant, check_ok)

    # -- the honest ledger ------------------------------------------------------------
    def ledger_rows():
        _, tie_rows, _ = run(None)
        got = {(t["source"], t["target"], t["status"]) for t in tie_rows
               if t.get("status") in ("new", "lost", "kept")}
        return [] if got == honest else [
            "new/lost/kept rows are not the full data's ledger on the comparable pairs: "
            + diff_text(honest, got)]
    grp.check("%s: compare (default policy): the new, lost and kept ties are the full data's "
              "ledger restricted to the pairs observed at both waves (%d rows)"
              % (variant, len(honest)), ledger_rows)

    def unknown_rows():
        _, tie_rows, _ = run(None)
        got = {(t["source"], t["target"], t.get("unknown_reason")) for t in tie_rows
               if t.get("status") == "unknown"}
        if got == unknown:
            return []
        why = "unknown rows (source, target, reason): " + diff_text(unknown, got)
        rep = summ["imputed-included"]
        count = {r: sum(1 for x in got if x[2] == r) for r in REASONS}
        if all(count[r] == int(rep["unknown_" + r]) for r in REASONS):
            why = "the counts are those of the reconstructed ties, imputed ones included; " + why
        return [why]
    grp.check("%s: compare: every other pair tied as reported is unknown, with its reason "
              "(%d: %s)" % (
        variant, len(unknown), ", ".join("%s %s" % (r, summ["reconstruct"]["unknown_" + r])
                                         for r in REASONS)), unknown_rows)

    def summary_counts():
        summary, _, _ = run(None)
        want = {m: int(summ["reconstruct"][m]) for m in ("ties_new", "ties_lost", "ties_kept")}
        for r in REASONS:
            want["unknown_" + r] = int(summ["reconstruct"]["unknown_" + r])
        want["ties_unknown"] = sum(want["unknown_" + r] for r in REASONS)
        return ["summary %s: expected %s, got %s" % (m, v, summary.get(m))
                for m, v in want.items() if summary.get(m) != v]
    grp.check("%s: compare: the summary counts ties_new/lost/kept/unknown and unknown_<reason>"
              % variant, summary_counts)

    def response_rates():
        summary, _, _ = run(None)
        problems = []
        for wave, m in ((W1, "response_rate_from"), (W2, "response_rate_to")):
            answered = sum(1 for a in ids if status.get((a, wave), "answered") == "answered")
            asked = answered + sum(1 for a in ids if status.get((a, wave)) == "missing")
            got = summary.get(m)
            if not isinstance(got, (int, float)) or abs(got - answered / asked) > 1e-9:
                problems.append("%s: expected %d/%d, got %s" % (m, answered, asked, got))
        return problems
    grp.check("%s: compare: the summary's response_rate_from and _to are answered / (answered "
              "+ missing) at each wave" % variant, response_rates)

    def change_measures():
        summary, _, _ = run(None)
        s = summ["reconstruct"]
        new, lost, kept = int(s["ties_new"]), int(s["ties_lost"]), int(s["ties_kept"])
        problems = []
        if summary.get("hamming") != new + lost:
            problems.append("hamming: expected %d (new + lost over observed pairs), got %s"
                            % (new + lost, summary.get("hamming")))
        j = summary.get("jaccard")
        if not isinstance(j, (int, float)) or abs(j - kept / (new + lost + kept)) > 1e-9:
            problems.append("jaccard: expected %.12g, got %s" % (kept / (new + lost + kept), j))
        return problems
    grp.check("%s: compare: jaccard and hamming are those of the honest ledger" % variant,
              change_measures)

    # -- the naive ledger ---------------------------------------------------------------
    def census_rows():
        summary, tie_rows, _ = run("census")
        got = {(t["source"], t["target"], t["status"]) for t in tie_rows}
        problems = [] if got == naive else [
            "rows are not the naive ledger of the masked ties.csv: " + diff_text(naive, got)]
        for m in ("ties_new", "ties_lost", "ties_kept"):
            if summary.get(m) != int(summ["census"][m]):
                problems.append("summary %s: expected %s, got %s"
                                % (m, summ["census"][m], summary.get(m)))
        if summary.get("ties_unknown", 0) != 0:
            problems.append("ties_unknown: expected 0, got %s" % summary.get("ties_unknown"))
        return problems
    grp.check("%s: compare --missing census: the naive ledger, exactly (new %s, lost %s, kept %s)"
              % (variant, summ["census"]["ties_new"], summ["census"]["ties_lost"],
                 summ["census"]["ties_kept"]), census_rows)

    def inflated():
        h, _, _ = run(None)
        c, _, _ = run("census")
        t = {m: int(summ["truth"][m]) for m in ("ties_new", "ties_lost", "ties_kept")}
        problems = []
        for m in ("ties_new", "ties_lost"):
            if not (isinstance(c.get(m), int) and isinstance(h.get(m), int) and c[m] > h[m]):
                problems.append("%s: census %s is not more than the honest %s"
                                % (m, c.get(m), h.get(m)))
        if problems:
            return problems

        def shares(x):
            n, l, k = x["ties_new"], x["ties_lost"], x["ties_kept"]
            return {"lost / fall ties": l / (l + k), "new / spring ties": n / (n + k),
                    "Jaccard": k / (n + l + k)}
        st, sh, sc = shares(t), shares(h), shares(c)
        return ["%s: honest %.3f is no closer to the full data's %.3f than census %.3f"
                % (k, sh[k], st[k], sc[k]) for k in st if abs(sh[k] - st[k]) >= abs(sc[k] - st[k])]
    grp.check("%s: the naive ledger is inflated: more new and lost ties than the honest one, "
              "its rates further from the truth" % variant, inflated)

    # -- the networks of each wave ----------------------------------------------------------
    nets = {(r["wave"], r["policy"]): r for r in exp["networks"] if r["variant"] == variant}
    for wave in (W1, W2):
        members = {a for a in ids if status.get((a, wave)) != "absent"}
        missing = {a for a in ids if status.get((a, wave)) == "missing"}
        truth = {(i, j) for i, j in full[wave] if i in members and j in members}
        want = {p: {(r["source"], r["target"]) for r in exp["edges"] if r["variant"] == variant
                    and r["wave"] == wave and r["policy"] == p} for p in ("reconstruct", "census")}
        got = {}

        def arcs(policy, wave=wave, want=want, got=got):
            got[policy] = exported_arcs(variant, wave, policy)
            return [] if got[policy] == want[policy] else [
                "arcs: " + diff_text(want[policy], got[policy])]
        for policy, what in (("reconstruct", "respondents' arcs + i->j for each j->i reported "
                              "about a missing i"), ("census", "the masked ties.csv")):
            grp.check("%s %s: export --missing %s: the arcs are %s (%s)"
                      % (variant, wave, policy, what, nets[(wave, policy)]["arcs"]),
                      arcs, policy)

        def distances(members=members, missing=missing, truth=truth, got=got, wave=wave):
            if set(got) != {"reconstruct", "census"}:
                raise Fail("the exports did not run (see above)")
            problems = []
            d = {}
            for p in ("reconstruct", "census"):
                inside = {(i, j) for i, j in got[p] if i in members and j in members}
                out = lambda s, a: sum(1 for i, _ in s if i == a)
                d[p] = (abs(len(inside) - len(truth)), len(inside ^ truth),
                        sum(abs(out(inside, a) - out(truth, a)) for a in missing))
                if d[p][1] != int(nets[(wave, p)]["hamming_to_full"]):
                    problems.append("%s: Hamming to the full network %d, the script says %s"
                                    % (p, d[p][1], nets[(wave, p)]["hamming_to_full"]))
            if not d["reconstruct"][0] < d["census"][0]:
                problems.append("arcs: reconstruct is %d from the full network's %d, census %d"
                                % (d["reconstruct"][0], len(truth), d["census"][0]))
            if not d["reconstruct"][2] < d["census"][2]:
                problems.append("out-degree error of the missing: reconstruct %d, census %d"
                                % (d["reconstruct"][2], d["census"][2]))
            return problems
        n, r = nets[(wave, "census")], nets[(wave, "reconstruct")]
        grp.check("%s %s: reconstruct is closer to the full network than census in arcs %s vs %s "
                  "(full %s) and missing actors' out-degree error %s vs %s; Hamming to the full "
                  "network %s vs %s, reported, not asserted (an imputed arc is a guess per pair)"
                  % (variant, wave, r["arcs"], n["arcs"], r["full_arcs"],
                     r["outdegree_error_missing"], n["outdegree_error_missing"],
                     r["hamming_to_full"], n["hamming_to_full"]), distances)

    # -- the response-rate warning -------------------------------------------------------------
    def warning():
        _, _, err = run(None)
        problems = []
        for wave in (W1, W2):
            answered = sum(1 for a in ids if status.get((a, wave), "answered") == "answered")
            missing = sum(1 for a in ids if status.get((a, wave)) == "missing")
            low = answered / (answered + missing) < MIN_RESPONSE
            said = [ln for ln in err.splitlines() if "warning" in ln and "response rate" in ln
                    and ("wave %s:" % wave) in ln]
            if low and not said:
                problems.append("wave %s: response rate %d/%d is below %.2f, no warning on "
                                "stderr (%s)" % (wave, answered, answered + missing,
                                                 MIN_RESPONSE, short(err)))
            if not low and said:
                problems.append("wave %s: response rate %d/%d, warned: %s"
                                % (wave, answered, answered + missing, said[0]))
        return problems
    grp.check("%s: compare warns on stderr for each wave whose response rate is below %.1f, "
              "and only then" % (variant, MIN_RESPONSE), warning)


def suite():
    start = time.time()
    fixtures = harness.Group()

    def current():
        p = subprocess.run([sys.executable, SCRIPT, "--check"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        return [] if p.returncode == 0 else [
            "make_missing_reference.py --check: %s" % short(p.stdout.decode())]
    fixtures.check("the masked places and missing.*.csv are what make_missing_reference.py "
                   "writes", current)
    exp = {name: expected_of(name) for name in ("ties", "summary", "networks", "edges")}
    groups = harness.run_groups([(variant_checks, (v, exp)) for v in VARIANTS])
    return harness.report("missing", [fixtures] + groups, start)


if __name__ == "__main__":
    sys.exit(harness.main("missing", suite))
