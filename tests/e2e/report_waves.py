#!/usr/bin/env python3
"""End-to-end checks of the place report's every-wave and sector-mixing sections.

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/report_waves.py

(run.sh runs it.) The numbers are checked against references made without ripple:

- Stockton-on-Tees (datasets/, four waves): the ties of each wave, the ties new and
  lost since the wave before (from the tie patterns) and the persistence of new ties
  against tests/reference/expected/waves.*.csv (tests/reference/make_waves_reference.py),
  under the default policy (reconstruct) and under --missing census; the sector x
  sector cells at before and 6-month, and each sector's ties with the other sectors at
  every wave, against tests/reference/expected/mixing.csv
  (tests/reference/make_mixing_reference.py);
- --level organisation: the ties of every wave against a roll-up of the CSVs
  (level.py's, itself independent of ripple), and the level named in the title and
  the methods;
- tiny (two waves): the section is there, short, and says persistence needs a third
  wave; no every-wave sector table;
- hostile: wave and sector names full of markup show as text in the new sections.

Only the standard library. Prints `ok - name` or `not ok - name: why` per check.
"""
import csv
import os
import sys
import tempfile
import time

import harness
import level
from harness import DATASETS, HOSTILE, ROOT, TINY, Fail, parse, ripple_ok, structure_problems

EXPECTED = os.path.join(ROOT, "tests", "reference", "expected")
STOCKTON = os.path.join(DATASETS, "stockton-on-tees")


def read(name):
    with open(os.path.join(EXPECTED, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def report(tmp, name, folder, *args):
    out = os.path.join(tmp, name + ".html")
    ripple_ok("report", folder, "-o", out, "--permutations", "9", *args)
    raw, p = parse(out)
    return raw.decode("utf-8"), p


def waves_table(p):
    """{wave: {measure: data-value}} of the every-wave table."""
    got = {}
    for tr in p.root.find_all("tr"):
        w = tr.attrs.get("data-wave")
        if w is None or not any(True for _ in tr.find_all("td")):
            continue
        cells = {td.attrs["data-wave-measure"]: td.attrs.get("data-value")
                 for td in tr.find_all("td") if "data-wave-measure" in td.attrs}
        if cells:
            got[w] = cells
    return got


def check_series(p, policy):
    bad = []
    series = [r for r in read("waves.series.csv") if r["policy"] == policy]
    ties = [r for r in read("waves.ties.csv") if r["policy"] == policy]
    got = waves_table(p)
    names = [r["wave"] for r in series]
    if list(got) != names:
        return ["waves %s, expected %s" % (list(got), names)]
    for k, r in enumerate(series):
        if got[r["wave"]].get("ties") != r["ties"]:
            bad.append("%s: ties %s, expected %s" % (r["wave"], got[r["wave"]].get("ties"), r["ties"]))
        if k == 0:
            continue
        new = sum(1 for t in ties if t["pattern"][k - 1] == "0" and t["pattern"][k] == "1")
        lost = sum(1 for t in ties if t["pattern"][k - 1] == "1" and t["pattern"][k] == "0")
        if (got[r["wave"]].get("ties_new"), got[r["wave"]].get("ties_lost")) != (str(new), str(lost)):
            bad.append("%s: new/lost %s/%s, expected %d/%d" % (
                r["wave"], got[r["wave"]].get("ties_new"), got[r["wave"]].get("ties_lost"), new, lost))
    return bad


def check_persistence(p, policy):
    overall = [r for r in read("waves.persistence.csv") if r["policy"] == policy and not r["wave"]][0]
    facts = list(p.root.find_all("p", data_fact="persistence"))
    if len(facts) != 1:
        raise Fail("%d persistence sentences" % len(facts))
    a = facts[0].attrs
    want = (overall["new_ties"], overall["observed_next"], overall["kept_next"])
    got = (a.get("data-formed"), a.get("data-observed"), a.get("data-kept"))
    if got != want:
        return ["persistence (formed, observed, kept) %s, expected %s" % (got, want)]
    text = " ".join(facts[0].all_text().split())
    share = "%.0f%%" % (100.0 * int(overall["kept_next"]) / int(overall["observed_next"]))
    phrase = "%s of %s (%s)" % (overall["kept_next"], overall["observed_next"], share)
    for r in read("waves.persistence.csv"):
        if r["policy"] == policy and r["wave"] and int(r["new_ties"]) > 1:
            want_part = "of the %s ties new at %s, %s were still there at %s" % (
                r["new_ties"], r["wave"], r["kept_next"], r["next_wave"])
            if want_part not in text and r["kept_next"] != r["new_ties"]:
                return ["the sentence lacks %r: %r" % (want_part, text)]
    return [] if phrase in text else ["the sentence lacks %r: %r" % (phrase, text)]


def check_mixing(p):
    bad = []
    ref = {}
    for r in read("mixing.csv"):
        ref[(r["wave"], r["sector_a"], r["sector_b"])] = int(r["ties"])
    cells = [td for td in p.root.find_all("td") if "data-from" in td.attrs]
    if not cells:
        return ["no mixing cells"]
    seen = set()
    for td in cells:
        a, b = td.attrs["data-sector-a"], td.attrs["data-sector-b"]
        key = (min(a, b), max(a, b)) if "" not in (a, b) else (a, b) if b == "" else (b, a)
        seen.add(key)
        for wave, attr in (("before", "data-from"), ("6-month", "data-to")):
            want = ref.get((wave,) + key)
            if want is None or int(td.attrs[attr]) != want:
                bad.append("%s x %s at %s: %s, expected %s" % (a, b, wave, td.attrs[attr], want))
    want_cells = {(a, b) for (w, a, b) in ref if w == "before"}
    if seen != want_cells:
        bad.append("cells %d, expected the %d of the reference" % (len(seen), len(want_cells)))
    # the sentence names the largest growth
    g = list(p.root.find_all("p", data_fact="mixing-growth"))
    growth = {k: ref[("6-month",) + k] - ref[("before",) + k] for k in want_cells}
    top = max(growth.values())
    if len(g) != 1 or growth.get((g[0].attrs.get("data-sector-a"), g[0].attrs.get("data-sector-b"))) != top \
            or g[0].attrs.get("data-value") != str(top):
        bad.append("growth sentence %s, the largest growth is %d" % (g and g[0].attrs, top))
    # each sector's ties with the others at every wave
    sectors = sorted({a for (w, a, b) in ref} | {b for (w, a, b) in ref})
    for tr in p.root.find_all("tr"):
        s = tr.attrs.get("data-sector")
        if s is None:
            continue
        for td in tr.find_all("td"):
            w = td.attrs["data-wave"]
            want = sum(ref.get((w, min(s, t), max(s, t)), 0) for t in sectors if t != s)
            if td.attrs.get("data-value") != str(want):
                bad.append("%s with the others at %s: %s, expected %d" % (s, w, td.attrs.get("data-value"), want))
    return bad


def check_organisation(tmp):
    text, p = report(tmp, "stockton-org", STOCKTON, "--level", "organisation")
    bad = []
    _, _, edges, _ = level.expected(STOCKTON)
    got = waves_table(p)
    for w, e in edges.items():
        if got.get(w, {}).get("ties") != str(len(e)):
            bad.append("%s: ties %s, expected %d from the roll-up" % (w, got.get(w, {}).get("ties"), len(e)))
    h1 = [n.all_text() for n in p.root.find_all("h1")]
    if h1 != ["Ripple report: Stockton-on-Tees (organisations)"]:
        bad.append("h1 %s" % h1)
    if not list(p.root.find_all("dd", data_fact="level", data_level="organisation")):
        bad.append("the methods do not name the level")
    if "--level organisation" not in text:
        bad.append("the command to reproduce lacks --level organisation")
    return bad + structure_problems(text.encode("utf-8"), p)


def check_two_waves(tmp):
    text, p = report(tmp, "tiny", TINY)
    bad = []
    if len(list(p.root.find_all("h2", id="waves"))) != 1:
        bad.append("no every-wave section")
    if len(waves_table(p)) != 2:
        bad.append("%d wave rows" % len(waves_table(p)))
    if "needs a third wave" not in text:
        bad.append("the persistence sentence does not say a third wave is needed")
    if "mixing-waves" in text:
        bad.append("an every-wave sector table with two waves")
    return bad


def check_hostile(tmp):
    text, p = report(tmp, "hostile", HOSTILE)
    bad = []
    # the hostile wave name appears as text in the every-wave table and its chart
    body = [n for n in p.root.find_all("table") if n.attrs.get("class") == "waves"]
    if not body or 'before <&"\'>' not in body[0].all_text():
        bad.append("the hostile wave name is not in the every-wave table as text")
    if '"&\'<>' not in "".join(n.all_text() for n in p.root.find_all("table")
                               if n.attrs.get("class") == "mixing"):
        bad.append("the hostile sector is not in the mixing table as text")
    if "<script>alert" in text or 'before <&"' in text:
        bad.append("raw markup in the file")
    return bad + structure_problems(text.encode("utf-8"), p)


def suite():
    start = time.time()
    g = harness.Group()
    with tempfile.TemporaryDirectory() as tmp:
        for policy, args in (("reconstruct", ()), ("census", ("--missing", "census"))):
            _, p = report(tmp, "stockton-" + policy, STOCKTON, *args)
            g.check("stockton %s: ties, new and lost of every wave equal waves.series/ties.csv" % policy,
                    check_series, p, policy)
            g.check("stockton %s: persistence equals waves.persistence.csv" % policy,
                    check_persistence, p, policy)
            if policy == "reconstruct":
                g.check("stockton: every mixing cell equals mixing.csv at before and 6-month",
                        check_mixing, p)
        g.check("stockton --level organisation: ties per wave equal the roll-up; level named",
                check_organisation, tmp)
        g.check("tiny: two waves give a short every-wave section", check_two_waves, tmp)
        g.check("hostile: wave and sector names are text in the new sections", check_hostile, tmp)
    return harness.report("report_waves", [g], start)


if __name__ == "__main__":
    sys.exit(harness.main("report_waves", suite))
