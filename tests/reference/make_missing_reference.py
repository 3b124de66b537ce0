#!/usr/bin/env python3
"""Non-response where the truth is known: Coleman's two waves, masked.

    python3 tests/reference/make_missing_reference.py            # write fixtures + expected
    python3 tests/reference/make_missing_reference.py --summary  # print the side-by-side table
    python3 tests/reference/make_missing_reference.py --check    # the committed files are current

Only the standard library; nothing here reads ripple's code or output, so the
check is independent of what it checks (tests/e2e/missing.py runs ripple and
compares). Coleman's friendship nominations (tests/reference/places/coleman/:
73 boys, directed, waves fall and spring) are complete: every boy answered
both times. Each variant below hides part of that truth the way a real survey
loses it, and writes the masked place folder to
tests/reference/places/coleman-masked-<variant>/ (its responses.csv saying who
is `missing` or `absent`):

- `missing` at a wave: the actor's reports at that wave (the arcs it sent) are
  removed from ties.csv. The arcs others sent to it stay.
- `absent` at a wave: every arc of the actor at that wave, sent or received, is
  removed (it was not part of the place then: a joiner when absent at fall, a
  leaver when absent at spring).

The variants (seeded, so the folders are the same on every run):

    m15      15% of the 73 (11) missing at fall and, drawn again, 11 at spring;
             responses.csv lists every actor x wave, `answered` rows included
    m30      30% (22) missing at each wave; responses.csv lists only the others
    absent   the m15 masks, plus 3 actors absent at fall (joiners) and 3 absent
             at spring (leavers), drawn among actors with ties at that wave and
             not missing then

What is expected (tests/reference/expected/missing.*.csv), from the full data
and the masks alone, following docs/MEASURES.md ("Observed pairs and unknown ties"):

- An arc i->j is observed at a wave when i answered then and j was not absent.
  A pair is comparable when observed at both waves.
- missing.ties.csv, the honest ledger: every ordered pair tied at fall or
  spring in the FULL data and comparable in the masked data, with its status in
  the full data (new, lost, kept); then every pair not comparable that carries
  a tie at either wave as reported (in the masked ties.csv: a tie that
  reconstruct imputes is an estimate, not a report, and makes no row), status
  `unknown`, with its reason: `joiner` (an end absent at fall and present at spring), `leaver`
  (present at fall, absent at spring), `missing_from` (the source missing at
  fall), `missing_to` (the source missing at spring), the first that applies.
  Rows with policy `census`: the naive ledger, the masked ties.csv compared as
  if everyone had answered (ripple compare --missing census).
- missing.summary.csv: the counts of both ledgers and of the full data's
  ledger, per variant, and the rows the side-by-side table shows.
- missing.networks.csv: per variant and wave, the network under `reconstruct`
  (members: every actor not absent; arcs: what respondents reported, plus, for
  each missing actor i, i->j for every j->i reported by an answered j; arcs
  between two missing actors stay unknown, i.e. absent) and under `census`
  (the masked ties.csv as it is), with the Hamming distance of each to the full
  network over the ordered pairs of members (both ends members under
  reconstruct; the same pairs for census, so the two distances compare).
- missing.edges.csv: the arcs of each of those networks, for an exact check.
"""
import argparse
import csv
import io
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PLACES = os.path.join(HERE, "places")
EXPECTED = os.path.join(HERE, "expected")
COLEMAN = os.path.join(PLACES, "coleman")
W1, W2 = "fall", "spring"
WAVES = (W1, W2)
SEED = 17

REASONS = ("joiner", "leaver", "missing_from", "missing_to")


# ---- reading and writing ---------------------------------------------------------

def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def csv_text(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def read_full():
    """Coleman: actor ids in actors.csv order, and the arcs {wave: set((i, j))}."""
    ids = [r["id"] for r in read_rows(os.path.join(COLEMAN, "actors.csv"))]
    arcs = {w: set() for w in WAVES}
    for r in read_rows(os.path.join(COLEMAN, "ties.csv")):
        arcs[r["wave"]].add((r["source"], r["target"]))
    return ids, arcs


# ---- the masks -------------------------------------------------------------------

def draw_masks(ids, arcs):
    """{variant: {wave: {actor: 'missing' | 'absent'}}}, seeded."""
    rnd = random.Random(SEED)
    n = len(ids)

    def missing(frac, exclude=()):
        pool = [a for a in ids if a not in exclude]
        return set(rnd.sample(pool, round(frac * n)))

    m15 = {w: missing(0.15) for w in WAVES}
    m30 = {w: missing(0.30) for w in WAVES}
    absent = {W1: set()}
    for w in WAVES:     # each absent at one wave only: 3 joiners, then 3 leavers
        tied = sorted({x for arc in arcs[w] for x in arc} - m15[w] - absent[W1])
        absent[w] = set(rnd.sample(tied, 3))
    variants = {
        "m15": {w: {a: "missing" for a in m15[w]} for w in WAVES},
        "m30": {w: {a: "missing" for a in m30[w]} for w in WAVES},
        "absent": {w: dict({a: "missing" for a in m15[w]}, **{a: "absent" for a in absent[w]})
                   for w in WAVES},
    }
    return variants


def masked_arcs(arcs, status):
    """The arcs a survey with these statuses would have collected."""
    out = {}
    for w in WAVES:
        st = status[w]
        out[w] = {(i, j) for i, j in arcs[w]
                  if st.get(i) is None and st.get(j) != "absent"}
    return out


# ---- what is expected ------------------------------------------------------------

def observed(status, w, i, j):
    """Arc i->j observed at wave w: i answered and j is part of the wave."""
    return status[w].get(i) is None and status[w].get(j) != "absent"


def reason(status, i, j):
    """Why pair i->j is not comparable (the first that applies), or None."""
    a1 = lambda x: status[W1].get(x) == "absent"
    a2 = lambda x: status[W2].get(x) == "absent"
    if (a1(i) and not a2(i)) or (a1(j) and not a2(j)):
        return "joiner"
    if (a2(i) and not a1(i)) or (a2(j) and not a1(j)):
        return "leaver"
    if a1(i) or a1(j):   # absent at both waves: never tied in the masked data
        return "absent"
    if status[W1].get(i) == "missing":
        return "missing_from"
    if status[W2].get(i) == "missing":
        return "missing_to"
    assert observed(status, W1, i, j) and observed(status, W2, i, j)
    return None


def ledger(a1, a2):
    """{(i, j): new | lost | kept} over the pairs tied at either wave."""
    out = {}
    for p in a1 | a2:
        out[p] = "kept" if p in a1 and p in a2 else ("lost" if p in a1 else "new")
    return out


def reconstruct(ids, masked, status, w):
    """(members, arcs) of wave w under the reconstruct policy."""
    st = status[w]
    members = [a for a in ids if st.get(a) != "absent"]
    arcs = set(masked[w])
    for j, i in masked[w]:   # j answered (it reported); i missing: impute i -> j
        if st.get(i) == "missing":
            arcs.add((i, j))
    return members, arcs


def outdegree_error(arcs, truth, actors):
    """Sum over actors of |out-degree in arcs - out-degree in truth|."""
    return sum(abs(sum(1 for i, _ in arcs if i == a) - sum(1 for i, _ in truth if i == a))
               for a in actors)


def expected(ids, full, variant, status):
    """Rows of missing.ties.csv, missing.networks.csv, missing.edges.csv and the
    summary counts of one variant."""
    masked = masked_arcs(full, status)
    truth = ledger(full[W1], full[W2])
    recon = {w: reconstruct(ids, masked, status, w) for w in WAVES}
    tie_rows, net_rows, edge_rows = [], [], []
    counts = {"truth": {s: 0 for s in ("new", "lost", "kept")},
              "honest": {s: 0 for s in ("new", "lost", "kept") + REASONS},
              "census": {s: 0 for s in ("new", "lost", "kept")}}
    for p, s in truth.items():
        counts["truth"][s] += 1
    # what the identity rests on: on a comparable pair the masked data says what
    # the full data says
    mledger = ledger(masked[W1], masked[W2])
    for p in set(truth) | set(mledger):
        if reason(status, *p) is None:
            assert truth.get(p) == mledger.get(p), (variant, p)
    # the honest ledger: the truth on the comparable pairs ...
    for (i, j), s in sorted(truth.items()):
        if reason(status, i, j) is None:
            tie_rows.append([variant, "reconstruct", i, j, s, ""])
            counts["honest"][s] += 1
    # ... and the pairs tied as reported that are not comparable
    for i, j in sorted(masked[W1] | masked[W2]):
        r = reason(status, i, j)
        if r is not None:
            tie_rows.append([variant, "reconstruct", i, j, "unknown", r])
            counts["honest"][r] += 1
    # (not what ripple is asked for: the unknown pairs had compare listed the ties
    # of the reconstructed networks, imputed ones included; tests/e2e/missing.py
    # names it when ripple's counts match these instead)
    counts["imputed"] = {r: 0 for r in REASONS}
    for i, j in recon[W1][1] | recon[W2][1]:
        r = reason(status, i, j)
        if r is not None:
            counts["imputed"][r] += 1
    # the naive ledger: the masked ties.csv as a census
    for (i, j), s in sorted(ledger(masked[W1], masked[W2]).items()):
        tie_rows.append([variant, "census", i, j, s, ""])
        counts["census"][s] += 1
    # the networks of each wave against the full one, over the pairs of members
    for w in WAVES:
        members, rarcs = recon[w]
        ms = set(members)
        truth_w = {(i, j) for i, j in full[w] if i in ms and j in ms}
        missing = [a for a in members if status[w].get(a) == "missing"]
        for policy, arcs in (("reconstruct", rarcs), ("census", masked[w])):
            inside = {(i, j) for i, j in arcs if i in ms and j in ms}
            net_rows.append([variant, w, policy, len(members), len(missing), len(arcs),
                             len(arcs - masked[w]), len(truth_w), len(inside ^ truth_w),
                             outdegree_error(inside, truth_w, missing)])
            for i, j in sorted(arcs):
                edge_rows.append([variant, w, policy, i, j])
    # for the summary: naive changes that are artefacts, the pair kept in the full
    # data (a masked arc is a full one, so a naive new or lost one that is not new
    # or lost in the full data can only be kept there)
    naive = ledger(masked[W1], masked[W2])
    for p, t in naive.items():
        assert t == "kept" or truth[p] in (t, "kept"), (variant, p)
    counts["artefacts"] = {s: sum(1 for p, t in naive.items() if t == s and truth[p] == "kept")
                           for s in ("new", "lost")}
    return tie_rows, net_rows, edge_rows, counts


# ---- the place folders -----------------------------------------------------------

def place_files(variant, ids, full, status):
    """{file name: text} of the masked place folder."""
    masked = masked_arcs(full, status)
    files = {}
    for name in ("actors.csv", "waves.csv"):
        with open(os.path.join(COLEMAN, name), encoding="utf-8") as f:
            files[name] = f.read()
    files["place.csv"] = csv_text(["name", "programme", "directed"],
                                  [["coleman-masked-" + variant, "reference", "yes"]])
    files["ties.csv"] = csv_text(["source", "target", "wave"],
                                 [[i, j, w] for w in WAVES for i, j in sorted(masked[w])])
    rows = []
    for w in WAVES:
        for a in ids:
            s = status[w].get(a, "answered")
            if s != "answered" or variant == "m15":
                rows.append([a, w, s])
    files["responses.csv"] = csv_text(["actor", "wave", "status"], rows)
    return files


# ---- all of it -------------------------------------------------------------------

def build():
    """{path: text} of every file this script writes, and the summary counts."""
    ids, full = read_full()
    variants = draw_masks(ids, full)
    out, ties, nets, edges, summary = {}, [], [], [], {}
    for variant, status in variants.items():
        folder = os.path.join(PLACES, "coleman-masked-" + variant)
        for name, text in place_files(variant, ids, full, status).items():
            out[os.path.join(folder, name)] = text
        t, n, e, c = expected(ids, full, variant, status)
        ties += t
        nets += n
        edges += e
        c["masked"] = {w: (sum(1 for s in status[w].values() if s == "missing"),
                           sum(1 for s in status[w].values() if s == "absent")) for w in WAVES}
        c["networks"] = n
        summary[variant] = c
    out[os.path.join(EXPECTED, "missing.ties.csv")] = csv_text(
        ["variant", "policy", "source", "target", "status", "unknown_reason"], ties)
    out[os.path.join(EXPECTED, "missing.networks.csv")] = csv_text(
        ["variant", "wave", "policy", "members", "missing", "arcs", "imputed", "full_arcs",
         "hamming_to_full", "outdegree_error_missing"], nets)
    out[os.path.join(EXPECTED, "missing.edges.csv")] = csv_text(
        ["variant", "wave", "policy", "source", "target"], edges)
    srows = []
    for variant, c in summary.items():
        for policy, key in (("truth", "truth"), ("reconstruct", "honest"), ("census", "census"),
                            ("imputed-included", "imputed")):
            row = [variant, policy] + [c[key].get(s, "") for s in ("new", "lost", "kept")]
            row += [c[key].get(r, 0) for r in REASONS]
            srows.append(row)
    out[os.path.join(EXPECTED, "missing.summary.csv")] = csv_text(
        ["variant", "ledger", "ties_new", "ties_lost", "ties_kept"]
        + ["unknown_" + r for r in REASONS], srows)
    return out, summary


def pct(a, b):
    return "%.0f%%" % (100.0 * a / b) if b else "-"


def table(summary):
    """The side-by-side numbers, as a Markdown table."""
    lines = ["| masked | ledger | new | lost | kept | unknown (joiner/leaver/missing from/to) "
             "| lost / fall ties | new / spring ties | Jaccard |",
             "|---|---|---:|---:|---:|---|---:|---:|---:|"]
    for variant, c in summary.items():
        m = c["masked"]
        what = "%s: missing %d+%d" % (variant, m[W1][0], m[W2][0])
        if m[W1][1] or m[W2][1]:
            what += ", absent %d+%d" % (m[W1][1], m[W2][1])
        for label, key in (("truth (full data)", "truth"), ("naive (census)", "census"),
                           ("honest (reconstruct)", "honest")):
            k = c[key]
            unk = "-"
            if key == "honest":
                unk = "%d (%s)" % (sum(k[r] for r in REASONS), "/".join(str(k[r]) for r in REASONS))
            lines.append("| %s | %s | %d | %d | %d | %s | %s | %s | %.3f |" % (
                what if key == "truth" else "", label, k["new"], k["lost"], k["kept"], unk,
                pct(k["lost"], k["lost"] + k["kept"]), pct(k["new"], k["new"] + k["kept"]),
                k["kept"] / (k["new"] + k["lost"] + k["kept"])))
        a = c["artefacts"]
        lines.append("| | naive's artefacts | %d | %d | | (kept in the full data) "
                     "| | | |" % (a["new"], a["lost"]))
    lines += ["", "| masked | wave | arcs: full | naive | reconstruct (imputed) "
              "| Hamming to full: naive | reconstruct | out-degree error of the missing: "
              "naive | reconstruct |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for variant, c in summary.items():
        by = {(r[1], r[2]): r for r in c["networks"]}
        for w in WAVES:
            n, r = by[(w, "census")], by[(w, "reconstruct")]
            lines.append("| %s | %s | %d | %d | %d (%d) | %d | %d | %d | %d |" % (
                variant, w, r[7], n[5], r[5], r[6], n[8], r[8], n[9], r[9]))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--summary", action="store_true", help="print the side-by-side table")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when a committed file differs from what this script makes")
    args = ap.parse_args()
    out, summary = build()
    if args.summary:
        print(table(summary))
        return 0
    if args.check:
        stale = []
        for path, text in sorted(out.items()):
            try:
                with open(path, encoding="utf-8") as f:
                    same = f.read() == text
            except OSError:
                same = False
            if not same:
                stale.append(os.path.relpath(path, os.path.dirname(os.path.dirname(HERE))))
        for p in stale:
            print("stale: " + p, file=sys.stderr)
        return 1 if stale else 0
    for path, text in sorted(out.items()):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    print("wrote %d files" % len(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
