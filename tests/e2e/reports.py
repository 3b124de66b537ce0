#!/usr/bin/env python3
"""End-to-end checks of `ripple report`: the HTML itself, without a browser.

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/reports.py

(run.sh runs it, so `make check-e2e` runs it on the release and the ASan
build; tests/e2e/browser.py opens the same reports in Chromium.) Only the
standard library: the page is parsed with html.parser.

What is checked, for the place reports of datasets/northamptonshire,
datasets/stockton-on-tees (also with --from/--to), tests/e2e/places/hostile,
tiny, quirks (a place without ripples) and the directed reference place of
tests/reference/places; and for the summary across datasets/ (however many
places it holds) and across the three test places:

- structure: one h1, headings never skip a level, every <svg> has a <title>
  and role="img" with an accessible name, every <img> has alt, no element or
  attribute that runs or loads anything (script, iframe, object, embed, link,
  on*), no reference outside the file (http:, https:, //, url() other than
  url(#...), src=, href other than #...), ids unique, every #fragment link
  lands on an id;
- escaping: the hostile place's markup-like labels appear as text (the
  parsed text holds them, the raw file never holds the raw markup);
- numbers: the cards and the tests equal `ripple compare --format json` for the
  same place and waves; the new-ties table equals the new pairs and bridging
  flags this script computes from ties.csv; ripples by capital x order and by
  valence x intended equal the counts this script makes from ripples.csv; the
  summary table equals `ripple batch --format json` row by row, for however
  many places the source holds;
- behaviour: a report is the same bytes each time and from a folder or a
  database; the database is not changed (and a read-only one works); bad usage
  exits 2 with a message and writes nothing.

Prints `ok - name` or `not ok - name: why` per check, a summary, and exits 1
when a check failed.
"""
import csv
import json
import os
import re
import shlex
import shutil
import stat
import sys
import tempfile
import time

import harness
from harness import (DATASETS, HOSTILE, QUIRKS, ROOT, TINY, Fail, Group, Place, db_sum, norm, parse, ripple,
                     ripple_ok, short, sql, structure_problems)

CARDS = {   # card -> (compare JSON section, key, field)
    "actors": ("network", "actors", "from"),
    "ties_before": ("network", "ties", "from"),
    "ties_after": ("network", "ties", "to"),
    "ties_change": ("network", "ties", "change"),
    "density_change": ("network", "density", "change"),
    "ties_new": ("summary", "ties_new", "value"),
    "new_bridging": ("summary", "new_bridging", "value"),
    "new_cross_sector": ("summary", "new_cross_sector", "value"),
    "actors_first_connected": ("summary", "actors_first_connected", "value"),
}
CAPITALS = ["natural", "cultural", "human", "social", "political", "financial", "built"]


# ---- what a report must say -----------------------------------------------------

def compare_json(source, place, *waves):
    args = ["compare", source] + ([place] if place else []) + list(waves) + ["--format", "json"]
    out, _ = ripple_ok(*args)
    return json.loads(out)


def lookup(cmp, section, key, field):
    for row in cmp[section]:
        if row.get("measure", row.get("test")) == key:
            return row[field]
    raise Fail("compare JSON has no %s/%s" % (section, key))


def near(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9 * (1 + abs(float(b)))


def data_value(n):
    v = n.attrs.get("data-value")
    return None if v in (None, "") else float(v)


def card_checks(p, cmp):
    bad = []
    found = {n.attrs["data-measure"]: n for n in p.root.iter() if n.attrs.get("data-measure")
             and (n.attrs.get("class") == "card" or n.tag == "span")}
    for name, (section, key, field) in CARDS.items():
        if name not in found:
            bad.append("no card %s" % name)
            continue
        want = lookup(cmp, section, key, field)
        got = data_value(found[name])
        if not near(got, want):
            bad.append("card %s = %r, compare says %r" % (name, got, want))
        elif found[name].tag == "div":
            # the number shown is the number meant
            shown = found[name].children[0].all_text().replace(",", "").replace("\u2212", "-")
            nums = [float(x) for x in re.findall(r"[-+]?\d+(?:\.\d+)?", shown)]
            if name == "density_change":
                if not nums or abs(nums[0] - want) > 0.0005 + 1e-12:
                    bad.append("card %s shows %r for %r" % (name, shown, want))
            elif name == "ties_change":
                if nums != [lookup(cmp, "network", "ties", "from"), lookup(cmp, "network", "ties", "to")]:
                    bad.append("card %s shows %r" % (name, shown))
            elif nums != [want]:
                bad.append("card %s shows %r for %r" % (name, shown, want))
    return bad


def test_checks(p, cmp):
    bad = []
    tests = {n.attrs["data-test"]: n for n in p.root.find_all("p") if n.attrs.get("data-test")}
    qap, att = tests.get("qap"), tests.get("attendees")
    if qap is None or att is None:
        return ["the QAP or attendee paragraph is missing"]
    r, pv = lookup(cmp, "tests", "qap", "value"), lookup(cmp, "tests", "qap", "p_value")
    n = lookup(cmp, "tests", "qap", "permutations")
    got_r = None if qap.attrs["data-r"] == "" else float(qap.attrs["data-r"])
    got_p = None if qap.attrs["data-p"] == "" else float(qap.attrs["data-p"])
    if not near(got_r, r) or not near(got_p, pv) or int(qap.attrs["data-permutations"]) != n:
        bad.append("QAP r, p, N = %r %r %r; compare says %r %r %r" % (got_r, got_p,
                   qap.attrs["data-permutations"], r, pv, n))
    text = norm(qap.all_text())
    if r is not None:
        if "r = %.2f" % r not in text or "p = %.3f" % pv not in text or "{:,}".format(n) not in text:
            bad.append("QAP sentence does not give r = %.2f, p = %.3f with %s: %r"
                       % (r, pv, "{:,}".format(n), short(text, 160)))
        if (pv < 0.05) != ("far more often than chance" in text) or \
                (pv < 0.05) == ("no more often than chance" in text):
            bad.append("QAP sentence reads p = %.3f the wrong way: %r" % (pv, short(text, 160)))
    d, ap = lookup(cmp, "tests", "attendees", "value"), lookup(cmp, "tests", "attendees", "p_value")
    got_d = None if att.attrs["data-difference"] == "" else float(att.attrs["data-difference"])
    got_ap = None if att.attrs["data-p"] == "" else float(att.attrs["data-p"])
    if not near(got_d, d) or not near(got_ap, ap):
        bad.append("attendee difference, p = %r %r; compare says %r %r" % (got_d, got_ap, d, ap))
    text = norm(att.all_text())
    if d is not None:
        if "p = %.3f" % ap not in text:
            bad.append("attendee sentence lacks p = %.3f: %r" % (ap, short(text, 160)))
        if (ap < 0.05) != ("unlikely to be chance" in text):
            bad.append("attendee sentence reads p = %.3f the wrong way" % ap)
    elif "no test" not in text:
        bad.append("an undefined attendee test is not said to be missing: %r" % short(text, 120))
    return bad


def ledger_checks(p, place, cmp, w1, w2):
    """New ties and their flags against ties.csv; gainers, ripples and joiners against compare."""
    bad = []
    new, lost, kept, bridging, first = place.change(w1, w2)
    rows = [n for n in p.root.find_all("tr") if n.attrs.get("data-source")]
    got = {}
    for n in rows:
        a, b = place.index[n.attrs["data-source"]], place.index[n.attrs["data-target"]]
        key = (a, b) if place.directed else (min(a, b), max(a, b))
        flags = {c.attrs["data-flag"]: c.all_text() for c in n.find_all("td") if c.attrs.get("data-flag")}
        got[key] = flags
    if set(got) != new:
        bad.append("new-ties table has %d pairs, ties.csv gives %d new (%s)" % (
            len(got), len(new), short(sorted(set(got) ^ new), 80)))
    for key, flags in got.items():
        want = "yes" if key in bridging else "no"
        if flags.get("bridging") != want:
            bad.append("tie %s: bridging %r, want %r" % (key, flags.get("bridging"), want))
        sa, sb = place.sector[key[0]], place.sector[key[1]]
        want = "not known" if not sa or not sb else "yes" if sa != sb else "no"
        if flags.get("cross_sector") != want:
            bad.append("tie %s: cross_sector %r, want %r" % (key, flags.get("cross_sector"), want))
        oa, ob = place.org(key[0]), place.org(key[1])
        want = "not known" if oa is None or ob is None else "yes" if oa != ob else "no"
        if flags.get("cross_organisation") != want:
            bad.append("tie %s: cross_organisation %r, want %r" % (key, flags.get("cross_organisation"), want))
    # bridging ones first
    order = [got[(lambda a, b: (a, b) if place.directed else (min(a, b), max(a, b)))(
        place.index[n.attrs["data-source"]], place.index[n.attrs["data-target"]])]["bridging"] for n in rows]
    if order != sorted(order, key=lambda f: f != "yes"):
        bad.append("bridging ties are not listed first")
    # gainers: the same actors, in the same order, as compare's
    for measure in ("degree", "betweenness", "harmonic_closeness"):
        want = [g["actor"] for g in cmp["gainers"] if g["measure"] == measure]
        have = [n.attrs["data-actor"] for n in p.root.find_all("tr") if n.attrs.get("data-measure") == measure
                and n.attrs.get("data-actor")]
        if have != want:
            bad.append("gainers in %s: %r, compare: %r" % (measure, have, want))
    # ripples resting on new ties
    want = {r["ripple"]: r["joined_by"] for r in cmp["ripples"]}
    have = {n.attrs["data-ripple"]: n.attrs["data-joined"] for n in p.root.find_all("tr")
            if n.attrs.get("data-ripple")}
    if have != want:
        bad.append("ripples on new ties: %s, compare: %s" % (short(have, 100), short(want, 100)))
    # methods: joiners and leavers
    for fact, key in (("joiners", "joiners"), ("leavers", "leavers")):
        n = next((x for x in p.root.iter() if x.attrs.get("data-fact") == fact), None)
        if n is None or float(n.attrs["data-value"]) != lookup(cmp, "summary", key, "value"):
            bad.append("methods: %s missing or not %r" % (fact, lookup(cmp, "summary", key, "value")))
    ties = next((x for x in p.root.iter() if x.attrs.get("data-fact") == "ties"), None)
    unknown = lookup(cmp, "summary", "ties_unknown", "value")
    want = "%s at %s, %s at %s; %s new, %s lost, %s kept%s." % (
        "{:,}".format(lookup(cmp, "network", "ties", "from")), w1,
        "{:,}".format(lookup(cmp, "network", "ties", "to")), w2,
        "{:,}".format(lookup(cmp, "summary", "ties_new", "value")),
        "{:,}".format(lookup(cmp, "summary", "ties_lost", "value")),
        "{:,}".format(lookup(cmp, "summary", "ties_kept", "value")),
        ", {:,} not known".format(unknown) if unknown else "")
    if ties is None or norm(ties.all_text()) != norm(want):
        bad.append("methods ties: %r, want %r" % (ties and norm(ties.all_text()), want))
    waves = next((x for x in p.root.iter() if x.attrs.get("data-fact") == "waves"), None)
    if waves is None or w1 not in waves.all_text() or w2 not in waves.all_text():
        bad.append("methods does not name the waves compared")
    return bad


def story_checks(p, place, cmp, w1, w2, args):
    """The three opening sentences: ties at both waves and the turning point between them
    counted from ties.csv, new and bridging ties as this script computes them, the attendee
    means and the ripples as compare says; the before | after figure; the command line."""
    bad = []
    story = next((n for n in p.root.find_all("section") if n.attrs.get("id") == "story"), None)
    if story is None:
        return ["no story section"]
    main = next(p.root.find_all("main"), None)
    if main is None or not main.children or main.children[0] is not story:
        bad.append("the story is not the first thing in <main>")
    parts = {n.attrs.get("data-story"): norm(n.all_text()) for n in story.find_all("p")}
    if list(parts) != ["network", "attendees", "ripples"]:
        return bad + ["story sentences are %r" % list(parts)]
    ties = {w: len(place.pairs(w)) for w in place.waves}
    new, lost, kept, bridging, first = place.change(w1, w2)
    text = parts["network"]
    if "from {:,} to {:,} working ties".format(ties[w1], ties[w2]) not in text:
        bad.append("network sentence does not say %d to %d ties: %r" % (ties[w1], ties[w2], short(text, 200)))
    i, j = sorted((place.waves.index(w1), place.waves.index(w2)))
    between = place.waves[i + 1:j]
    peak = max(between, key=lambda w: ties[w], default=None)
    if peak and ties[peak] > max(ties[w1], ties[w2]):
        if "peaking at {:,} at the {} wave".format(ties[peak], peak) not in text:
            bad.append("network sentence misses the peak of %d at %s: %r" % (ties[peak], peak, short(text, 200)))
    elif "peaking" in text:
        bad.append("a peak that is not there: %r" % short(text, 200))
    if len(new) == 1:
        want = "the one new tie " + ("bridges" if bridging else "joins actors who were already close")
    elif not bridging:
        want = "none of the {:,} new ties bridges".format(len(new))
    elif len(bridging) == len(new):
        want = "all {:,} new ties bridge".format(len(new))
    else:
        want = "{:,} of the {:,} new ties bridge".format(len(bridging), len(new))
    if new and want not in text:
        bad.append("network sentence does not give %d of %d new ties bridging: %r"
                   % (len(bridging), len(new), short(text, 200)))
    att = next(t for t in cmp["tests"] if t["test"] == "attendees")
    text = parts["attendees"]
    if att["mean_attended"] is None or not att["attended"] or not att["others"]:
        if "no test" not in text:
            bad.append("attendee sentence: %r" % short(text, 200))
    elif "gained %.2f new ties each against %.2f for the others" % (att["mean_attended"], att["mean_others"]) \
            not in text or "p = %.3f" % att["p_value"] not in text:
        bad.append("attendee sentence does not give %.2f, %.2f, p = %.3f: %r"
                   % (att["mean_attended"], att["mean_others"], att["p_value"], short(text, 200)))
    text = parts["ripples"]
    links = cmp["ripples"]
    on_new = sum(1 for r in links if r["joined_by"] == "new")
    if place.ripples and links and "{:,} of the {:,} ripples".format(on_new, len(links)) not in text:
        bad.append("ripple sentence does not give %d of %d: %r" % (on_new, len(links), short(text, 200)))
    # before | after: one figure, two drawings, one legend; drawn for an A4 page (the
    # small multiples of the two waves, each panel titled "wave: N ties") or, when they
    # do not fit one, the two natural-size drawings side by side
    fig = next((n for n in p.root.find_all("figure") if n.attrs.get("class") == "pair"), None)
    page = next((n for n in p.root.find_all("figure") if n.attrs.get("class") == "page" and
                 any(m.attrs.get("id") == "pair-legend" for m in n.iter())), None)
    if page is not None:
        ids = [n.attrs.get("id", "") for n in page.iter()]
        panels = [i for i in ids if re.fullmatch(r"pair-wave\d+", i)]
        legends = [i for i in ids if i.endswith("-legend")]
        text = norm(page.all_text())
        if fig is not None:
            bad.append("both a page-fitted and a natural-size before | after figure")
        if panels != ["pair-wave0", "pair-wave1"] or legends != ["pair-legend"]:
            bad.append("before | after page: panels %r, legends %r" % (panels, legends))
        elif not re.search(r"(^|\s)%s: \d+ ties" % re.escape(w1), text) or \
                not re.search(r"(^|\s)%s: \d+ ties" % re.escape(w2), text):
            bad.append("before | after page does not title its panels %s and %s" % (w1, w2))
    elif fig is None:
        bad.append("no before | after figure")
    else:
        halves = [n.attrs.get("data-wave") for n in fig.iter() if n.attrs.get("class") == "pair-half"]
        if halves != [w1, w2]:
            bad.append("before | after halves are %r, want %r" % (halves, [w1, w2]))
        ids = [n.attrs.get("id", "") for n in fig.iter()]
        legends = [i for i in ids if i.endswith("-legend")]
        if legends != ["after-legend"]:
            bad.append("before | after legends: %r, want one" % legends)
    # the appendix: the command as given, no placeholder
    cmd = next((n for n in p.root.find_all("pre") if n.attrs.get("data-fact") == "command"), None)
    want = "ripple " + " ".join(shlex.quote(a) for a in args)
    if cmd is None or norm(cmd.all_text()) != norm(want):
        bad.append("the command is %r, want %r" % (cmd and cmd.all_text(), want))
    cmp_line = next((n for n in p.root.find_all("pre") if n.attrs.get("data-fact") == "compare-command"), None)
    if cmp_line is None:
        bad.append("no compare command")
    else:
        words = shlex.split(cmp_line.all_text())
        if words[:3] != ["ripple", "compare", args[1]] or words[3] != place.name or \
                words[words.index("--from") + 1] != w1 or words[words.index("--to") + 1] != w2:
            bad.append("compare command %r" % cmp_line.all_text())
    if "ripple draw" in p.root.all_text():
        bad.append("the report still sends the reader to ripple draw")
    return bad


def capital_checks(p, place):
    """Ripples by capital x order and by valence x intended, counted here from ripples.csv."""
    bad = []
    cells = {}
    for n in p.root.find_all("td"):
        if n.attrs.get("data-capital"):
            cells[(n.attrs["data-capital"], n.attrs["data-order"])] = int(n.all_text().replace(",", ""))
    orders = max(place.order) if place.order else 0
    want = {}
    for i in range(len(place.ripples)):
        caps = [c for c in CAPITALS if c in place.capitals(i)] or ["none"]
        for c in caps:
            for o in (str(place.order[i]), "all"):
                want[(c, o)] = want.get((c, o), 0) + 1
        for o in (str(place.order[i]), "all"):
            want[("all", o)] = want.get(("all", o), 0) + 1
    rows = CAPITALS + (["none"] if ("none", "all") in want else [])
    for c in rows:
        for o in [str(k) for k in range(1, orders + 1)] + ["all"]:
            want.setdefault((c, o), 0)
    if cells != want:
        diff = sorted(k for k in set(cells) | set(want) if cells.get(k) != want.get(k))
        bad.append("capital x order: %s" % ", ".join("%s/%s %r != %r" % (k[0], k[1], cells.get(k), want.get(k))
                                                       for k in diff[:6]))
    vi = {}
    for n in p.root.find_all("td"):
        if n.attrs.get("data-valence"):
            vi[(n.attrs["data-valence"], n.attrs["data-intended"])] = int(n.all_text())
    want = {(v, i): 0 for v in ("positive", "negative") for i in ("yes", "no", "unknown", "all")}
    for i, r in enumerate(place.ripples):
        v = "negative" if place.negative(i) else "positive"
        it = (r.get("intended") or "unknown").lower()
        it = "yes" if it in ("yes", "y", "true", "1") else "no" if it in ("no", "n", "false", "0") else "unknown"
        want[(v, it)] += 1
        want[(v, "all")] += 1
    if vi != want:
        bad.append("valence x intended: %r != %r" % (vi, want))
    # every ripple, listed in tree order (each followed by what grew from it)
    rid = {r["id"]: i for i, r in enumerate(place.ripples)}
    want_order = []

    def visit(i):
        want_order.append(i)
        for j, r in enumerate(place.ripples):
            if r.get("parent") and rid[r["parent"]] == i:
                visit(j)

    for i, r in enumerate(place.ripples):
        if not r.get("parent"):
            visit(i)
    rows = [n for n in p.root.find_all("tr") if n.attrs.get("data-code") is not None]
    have = [(n.attrs["data-code"], norm(n.children[1].all_text())) for n in rows]
    want_rows = [(place.ripples[i]["id"], norm(place.ripples[i]["label"])) for i in want_order]
    if have != want_rows:
        bad.append("every-ripple list: %s, want %s" % (short(have, 120), short(want_rows, 120)))
    for n, i in zip(rows, want_order):
        if int(n.attrs["data-order"]) != place.order[i]:
            bad.append("ripple %s listed at order %s, is %d" % (n.attrs["data-code"], n.attrs["data-order"],
                                                                place.order[i]))
    # the chart: one bar per capital (and "none" when a ripple is not coded), the same counts
    bars = {n.attrs["data-key"]: data_value(n) for n in p.root.find_all("g")
            if n.attrs.get("data-key") and n.parent.attrs.get("id") == "capital-chart-svg"}
    want_bars = {c: float(want_c) for (c, o), want_c in cells.items() if o == "all" and c != "all"}
    if bars != want_bars:
        bad.append("capital chart %r != table %r" % (bars, want_bars))
    return bad


# ---- the groups of checks -----------------------------------------------------------

def file_name(tag):
    return re.sub(r"[^a-z0-9.-]+", "-", tag.lower()) + ".html"


def place_checks(grp, tag, folder, work, waves=()):
    place = Place(folder)
    out = os.path.join(work, file_name(tag))
    args = ["report", folder, "-o", out] + list(waves)
    state = {}

    def make():
        ripple_ok(*args)
        state["raw"], state["p"] = parse(out)
        w = list(waves)
        state["w1"] = w[w.index("--from") + 1] if w else place.waves[0]
        state["w2"] = w[w.index("--to") + 1] if w else place.waves[-1]
        state["cmp"] = compare_json(folder, None, *waves)

    grp.check("%s: ripple report writes the page" % tag, make)
    if "p" not in state:
        return
    raw, p, cmp = state["raw"], state["p"], state["cmp"]
    grp.check("%s: structure (one h1, heading order, svg titles, nothing external)" % tag,
              structure_problems, raw, p)
    grp.check("%s: cards equal ripple compare --format json" % tag, card_checks, p, cmp)
    grp.check("%s: QAP and attendee tests in words, with compare's numbers" % tag, test_checks, p, cmp)
    grp.check("%s: new ties, gainers, ripples on new ties, joiners" % tag, ledger_checks, p, place,
              cmp, state["w1"], state["w2"])
    grp.check("%s: opens with the story in three sentences; before | after; the command" % tag,
              story_checks, p, place, cmp, state["w1"], state["w2"], args)

    def pictures_present():
        svgs = {n.attrs.get("id", "") for s in p.root.find_all("svg") for n in s.iter()}
        bad = []
        if "change-graph0" not in svgs:
            bad.append("no change map (svg id change-graph0)")
        if place.ripples and "map-graph0" not in svgs:
            bad.append("no ripple map (svg id map-graph0)")
        if not place.ripples:
            if "map-graph0" in svgs:
                bad.append("a ripple map for a place without ripples")
            if not any(n.attrs.get("class") == "no-ripples" for n in p.root.find_all("p")):
                bad.append("the report does not say that there are no ripples")
        if raw.count(b"<?xml") or raw.count(b"<!DOCTYPE svg") or raw.count(b"<!--"):
            bad.append("an XML prolog, SVG DOCTYPE or comment left in the page")
        # the change map's title names the waves
        if not all(w in norm(p.root.all_text()) for w in (state["w1"], state["w2"])):
            bad.append("the waves compared are not named")
        return bad

    grp.check("%s: change map and ripple map inline (or why not)" % tag, pictures_present)
    if place.ripples:
        grp.check("%s: ripples by capital x order and valence x intended equal ripples.csv" % tag,
                  capital_checks, p, place)

    def same_again():
        # the same command again (the report prints its own command line, -o FILE included)
        ripple_ok(*args)
        with open(out, "rb") as f:
            if f.read() != raw:
                raise Fail("a second report of the same place differs")

    grp.check("%s: the same bytes every time" % tag, same_again)


def hostile_checks(grp, work):
    place = Place(HOSTILE)
    out = os.path.join(work, "hostile.html")
    ripple_ok("report", HOSTILE, "-o", out)
    raw, p = parse(out)
    text = p.root.all_text()
    ntext = norm(text)

    def escaped():
        bad = []
        for s in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>bold</b>",
                  "<![CDATA["):
            if s.encode() in raw:
                bad.append("%r appears raw in the file" % s)
        if b"&lt;script&gt;alert(1)&lt;/script&gt;" not in raw:
            bad.append("&lt;script&gt;alert(1)&lt;/script&gt; is not in the file")
        if b"&quot;&amp;&#39;&lt;&gt;" not in raw:
            bad.append("the sector \"&'<> is not escaped as &quot;&amp;&#39;&lt;&gt; anywhere")
        if not any(n.tag == "b" for n in p.root.iter()):
            pass
        else:
            bad.append("a <b> element (from a sector name)")
        return bad

    def shown_as_written():
        bad = []
        h1 = norm(next(p.root.find_all("h1")).all_text())
        if norm(place.name) not in h1:
            bad.append("h1 %r does not show the place name %r" % (short(h1, 80), place.name))
        for s in ["<script>alert(1)</script>", "\"&'<>", "a\\N b\\G \\n c", "&amp; &lt;",
                  "'; DROP TABLE actor; --", "Caf\u00e9 \u4e2d\u6587 \U0001f389", "<![CDATA[ x ]]>"]:
            if norm(s) not in ntext:
                bad.append("%r is not in the page's text" % s)
        # wave names, with their markup, in the methods' waves line
        waves = next((x for x in p.root.iter() if x.attrs.get("data-fact") == "waves"), None)
        for w in place.waves:
            if waves is None or norm(w) not in norm(waves.all_text()):
                bad.append("wave %r not shown as written" % w)
        return bad

    grp.check("hostile: markup in labels, names, sectors and waves is escaped", escaped)
    grp.check("hostile: the text shows exactly what the CSV says", shown_as_written)
    grp.check("hostile: structure", structure_problems, raw, p)


def per_actor(r):
    """Mean new ties each actor gained: a new tie counts for both its actors."""
    return 2 * r["ties_new"] / r["actors_to"] if r["actors_to"] else None


def pct(part, whole):
    return 100.0 * part / whole if whole else None


def ordered(batch):
    """The summary's order: most new ties per actor first, then by name."""
    return sorted(batch, key=lambda r: (per_actor(r) is None, -(per_actor(r) or 0), r["place"]))


def summary_rows(p):
    """place -> measure -> <td>, from both tables of results."""
    rows = {}
    for tr in p.root.find_all("tr"):
        if tr.attrs.get("data-place") is None:
            continue
        cells = rows.setdefault(tr.attrs["data-place"], {})
        for td in tr.find_all("td"):
            if td.attrs.get("data-measure"):
                cells[td.attrs["data-measure"]] = td
    return rows


def summary_checks(grp, tag, source, work):
    out = os.path.join(work, file_name(tag))
    state = {}

    def make():
        ripple_ok("report", source, "-o", out)
        state["raw"], state["p"] = parse(out)
        o, _ = ripple_ok("batch", source, "--format", "json", "--no-store")
        state["batch"] = json.loads(o)
        o, _ = ripple_ok("places", source, "--format", "json")
        state["places"] = sorted({r["place"] for r in json.loads(o)})

    grp.check("%s: ripple report SOURCE writes a summary" % tag, make)
    if "p" not in state:
        return
    raw, p, batch = state["raw"], state["p"], state["batch"]
    grp.check("%s: structure" % tag, structure_problems, raw, p)

    def rows_equal_batch():
        bad = []
        rows = summary_rows(p)
        for cls in ("summary", "summary-tests"):
            table = next((t for t in p.root.find_all("table") if t.attrs.get("class") == cls), None)
            names = [tr.attrs["data-place"] for tr in table.find_all("tr")
                     if tr.attrs.get("data-place")] if table else []
            if names != [r["place"] for r in ordered(batch)]:
                bad.append("table %s: places %r, want %r" % (cls, names, [r["place"] for r in ordered(batch)]))
        if sorted(names) != state["places"]:
            bad.append("the summary has %d places, the source %d" % (len(names), len(state["places"])))
        if "\u25b2" in raw.decode() or "aria-sort" in raw.decode():
            bad.append("a sort arrow on a table that cannot be sorted")
        for r in batch:
            cells = rows.get(r["place"], {})
            for m in ("actors_from", "density_change", "ties_new", "new_bridging", "new_cross_sector",
                      "actors_first_connected", "qap_r", "qap_p", "attendee_difference", "attendee_p",
                      "ripples_on_new_ties", "ties_unknown", "response_rate_from"):
                key = "actors" if m == "actors_from" else m
                if key not in cells:
                    bad.append("%s: no %s cell" % (r["place"], key))
                elif not near(data_value(cells[key]), r[m]):
                    bad.append("%s: %s = %r, batch %r" % (r["place"], key, data_value(cells[key]), r[m]))
            if not near(data_value(cells.get("ties_new_per_actor")), per_actor(r)):
                bad.append("%s: new ties per actor %r, want %r" % (r["place"], data_value(cells.get(
                    "ties_new_per_actor")), per_actor(r)))
        return bad

    def charts():
        bad = []
        rows = ordered(batch)
        names = [r["place"] for r in rows]
        for cid, value in (("chart-new-svg", per_actor),
                           ("chart-bridging-svg", lambda r: pct(r["new_bridging"], r["ties_new"])),
                           ("chart-sector-svg", lambda r: pct(r["new_cross_sector"], r["ties_new"])),
                           ("chart-first-svg", lambda r: pct(r["actors_first_connected"], r["actors_to"])),
                           ("chart-density-svg", lambda r: r["density_change"])):
            svg = next((s for s in p.root.find_all("svg") if s.attrs.get("id") == cid), None)
            if svg is None:
                bad.append("no chart %s" % cid)
                continue
            bars = [(g.attrs["data-key"], data_value(g)) for g in svg.find_all("g") if g.attrs.get("data-key")]
            if [b[0] for b in bars] != names:
                bad.append("%s: bars for %r" % (cid, [b[0] for b in bars]))
            for (name, v), r in zip(bars, rows):
                if not near(v, value(r)):
                    bad.append("%s: %s = %r, want %r" % (cid, name, v, value(r)))
        return bad

    grp.check("%s: one row per place, equal to ripple batch --format json" % tag, rows_equal_batch)
    grp.check("%s: a chart per change measure, one bar per place, batch's values" % tag, charts)


def behaviour_checks(grp, work):
    north = os.path.join(DATASETS, "northamptonshire")
    db = os.path.join(work, "study.db")

    def folder_equals_db():
        ripple_ok("import", db, DATASETS)
        a, b = os.path.join(work, "a.html"), os.path.join(work, "b.html")
        ripple_ok("report", north, "-o", a)
        ripple_ok("report", db, "Northamptonshire", "-o", b)
        # the same but for the lines that name the command given
        if harness.report_without_commands(a) != harness.report_without_commands(b):
            raise Fail("the report from the folder and from the database differ")

    def db_untouched():
        before = db_sum(db)
        ripple_ok("report", db, "Stockton-on-Tees", "-o", os.path.join(work, "s.html"))
        ripple_ok("report", db, "-o", os.path.join(work, "sum.html"))
        if db_sum(db) != before:
            raise Fail("ripple report changed the database")
        layouts = sql(db, "select count(*) from layout")[0][0]
        if layouts != 0:
            raise Fail("ripple report stored a layout")

    def read_only_db():
        ro = os.path.join(work, "ro.db")
        shutil.copy(db, ro)
        os.chmod(ro, stat.S_IRUSR | stat.S_IRGRP)
        try:
            ripple_ok("report", ro, "Northamptonshire", "-o", os.path.join(work, "ro.html"))
        finally:
            os.chmod(ro, stat.S_IRUSR | stat.S_IWUSR)

    def one_place_no_place_name():
        out = os.path.join(work, "one.html")
        ripple_ok("report", north, "-o", out)
        _, p = parse(out)
        if not norm(next(p.root.find_all("h1")).all_text()).startswith("Ripple report: Northamptonshire"):
            raise Fail("a source with one place and no PLACE did not give that place's report")
        ripple_ok("report", north, "--summary", "-o", out)
        _, p = parse(out)
        if not norm(next(p.root.find_all("h1")).all_text()).startswith("Ripple summary: 1 place"):
            raise Fail("--summary on one place did not give a summary")

    def stdout():
        out, _ = ripple_ok("report", north, "-o", "-", "--permutations", "99")
        if not out.startswith(b"<!DOCTYPE html>") or b"99 permutations" not in out:
            raise Fail("-o - did not write the page to stdout")

    def bad_usage():
        bad = []
        target = os.path.join(work, "never.html")
        cases = [
            (["report", north], "-o FILE.html"),
            (["report", db, "-o", target], None),  # ok: summary; checked below not to be an error
            (["report", db, "Nowhere", "-o", target], "Nowhere"),
            (["report", db, "Northamptonshire", "--summary", "-o", target], "--summary"),
            (["report", north, "--from", "before", "-o", target], "--from and --to"),
            (["report", north, "--from", "before", "--to", "later", "-o", target], "later"),
            (["report", north, "--from", "before", "--to", "before", "-o", target], "same wave"),
            (["report", north, "--permutations", "x", "-o", target], "--permutations"),
            (["report", north, "--bogus", "-o", target], "--bogus"),
            (["report", QUIRKS, "--from", "a", "--to", "b", "-o", os.path.join(work, "nodir", "x.html")], None),
        ]
        for args, say in cases:
            if say is None:
                continue
            rc, out, err = ripple(*args)
            if rc != 2 or say not in err:
                bad.append("%s: exit %d, stderr %r (want 2 and %r)" % (" ".join(args[1:]), rc, short(err, 100), say))
        if os.path.exists(target):
            bad.append("a refused report wrote %s" % target)
        # a place with one wave
        one = os.path.join(work, "onewave")
        os.mkdir(one)
        shutil.copy(os.path.join(TINY, "actors.csv"), one)
        with open(os.path.join(TINY, "ties.csv")) as f:
            lines = f.read().splitlines()
        wave = lines[1].split(",")[2]
        with open(os.path.join(one, "ties.csv"), "w") as f:
            f.write("\n".join([lines[0]] + [ln for ln in lines[1:] if ln.split(",")[2] == wave]) + "\n")
        rc, out, err = ripple("report", one, "-o", target)
        if rc != 2 or "compares two" not in err:
            bad.append("a place with one wave: exit %d, %r" % (rc, short(err, 100)))
        return bad

    grp.check("behaviour: a report from a folder equals the one from a database", folder_equals_db)
    grp.check("behaviour: the database is only read (no layout stored, bytes unchanged)", db_untouched)
    grp.check("behaviour: a read-only database file gives a report", read_only_db)
    grp.check("behaviour: one place and no PLACE gives its report; --summary a summary",
              one_place_no_place_name)
    grp.check("behaviour: -o - writes the page to stdout; --permutations shows in it", stdout)
    grp.check("behaviour: bad usage exits 2, says why, writes nothing", bad_usage)


def response_warning_checks(grp, work):
    """A wave answered by fewer than --min-response is named on the page and on stderr, in a
    place report and in a summary; at the default threshold nothing is said. Northamptonshire's
    responses.csv has 4 of its 38 actors missing at "before" (34/38 = 89%)."""
    nn = os.path.join(DATASETS, "northamptonshire")
    rows = list(csv.DictReader(open(os.path.join(nn, "responses.csv"), encoding="utf-8")))
    missing = sum(1 for r in rows if r["wave"] == "before" and r["status"] == "missing")

    def check(source, extra):
        out = os.path.join(work, "warn.html")
        bad = []
        for threshold, want in (("0.95", True), ("0.7", False)):
            _, err = ripple_ok("report", source, "-o", out, "--min-response", threshold, *extra)
            page = open(out, encoding="utf-8").read()
            said = "Northamptonshire wave before: response rate" in err
            shown = 'data-warning="response-rate"' in page
            if said != want or shown != want:
                bad.append("--min-response %s: stderr %s, page %s; want %s" % (threshold, said, shown, want))
            if want and "%d of the 38 actors asked answered" % (38 - missing) not in err:
                bad.append("stderr does not count who answered: %r" % short(err))
        return bad

    grp.check("a place report warns below --min-response, on the page and on stderr",
              check, nn, ())
    grp.check("a summary warns below --min-response, on the page and on stderr, and names the policy",
              check, DATASETS, ("--summary",))


def suite():
    start = time.time()
    tmp = tempfile.mkdtemp(prefix="ripple-reports.")
    grp = Group()
    try:
        place_checks(grp, "northamptonshire", os.path.join(DATASETS, "northamptonshire"), tmp)
        place_checks(grp, "stockton-on-tees", os.path.join(DATASETS, "stockton-on-tees"), tmp)
        place_checks(grp, "stockton after->6-month", os.path.join(DATASETS, "stockton-on-tees"), tmp,
                     ("--from", "after", "--to", "6-month"))
        place_checks(grp, "tiny", TINY, tmp)
        place_checks(grp, "directed (reference place)", os.path.join(ROOT, "tests", "reference",
                                                                     "places", "directed"), tmp)
        place_checks(grp, "quirks (no ripples)", QUIRKS, tmp)
        place_checks(grp, "hostile", HOSTILE, tmp)
        hostile_checks(grp, tmp)
        summary_checks(grp, "summary of datasets/", DATASETS, tmp)
        both = os.path.join(tmp, "two")
        os.mkdir(both)
        for d in (HOSTILE, TINY, QUIRKS):
            shutil.copytree(d, os.path.join(both, os.path.basename(d)))
        summary_checks(grp, "summary of hostile, tiny, quirks", both, tmp)
        response_warning_checks(grp, tmp)
        behaviour_checks(grp, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return harness.report("reports", [grp], start, skips=False)


if __name__ == "__main__":
    sys.exit(harness.main("reports", suite))
