#!/usr/bin/env python3
"""End-to-end checks of focus and filters and of small multiples (docs/PICTURES.md,
"Focus and filters", "Small multiples").

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/focus.py

Every expected value is computed here from Stockton-on-Tees's CSVs (ties.csv,
responses.csv, actors.csv, ripples.csv), never read from ripple's output:

- draw --show new / bridging-free kinds: the change map's edges are exactly the
  pairs new from before to after (tied at after, not at before, both ends part of
  the survey at both waves), and the legend counts that many;
- draw --focus: the actors faded are exactly those neither in the focus nor tied
  to it at the wave drawn (an organisation's focus holds its members);
- map --capital, --order, --on-new-ties: the ripples drawn are those passing and
  their ancestors, the ancestors that do not pass marked "context";
- draw --waves all: one panel per wave, each with that wave's number of tied pairs,
  and on a4-landscape and slide no text under 7 pt (measured as pages.py does).
"""
import csv
import os
import re
import sys
import tempfile

import harness
from harness import STOCKTON, Fail, parse_xml, ripple_ok

SVG = "{http://www.w3.org/2000/svg}"
FAILS = []


def rows(name):
    with open(os.path.join(STOCKTON, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def pairs_at(wave):
    return {tuple(sorted((t["source"], t["target"]))) for t in rows("ties.csv")
            if t["wave"] == wave and t["source"] != t["target"]}


def away(wave):
    """Actors not answering at wave (missing or absent in responses.csv)."""
    return {r["actor"] for r in rows("responses.csv") if r["wave"] == wave and r["status"] != "answered"}


def classes(root, kind):
    """{svg id: class} of the <g> elements whose class has word kind."""
    out = {}
    for g in root.iter(SVG + "g"):
        cls = g.get("class", "")
        if kind in cls.split():
            out[g.get("id")] = cls.split()
    return out


def check(name, fn):
    try:
        fn()
        print("ok - %s" % name)
    except Fail as e:
        FAILS.append(name)
        print("not ok - %s: %s" % (name, e))


def actor_index():
    return {a["id"]: i for i, a in enumerate(rows("actors.csv"))}


def show_new(tmp):
    out = os.path.join(tmp, "new.svg")
    ripple_ok("draw", STOCKTON, "--from", "before", "--to", "after", "--show", "new",
              "--page", "natural", "-o", out)
    gone = away("before") | away("after")
    new = {p for p in pairs_at("after") - pairs_at("before") if not (set(p) & gone)}
    root = parse_xml(out)
    edges = classes(root, "tie")
    if any("new" not in c for c in edges.values()):
        raise Fail("--show new draws ties that are not new: %s" %
                   sorted({" ".join(c) for c in edges.values() if "new" not in c}))
    if len(edges) != len(new):
        raise Fail("--show new draws %d ties, the CSVs give %d new" % (len(edges), len(new)))
    text = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    if "kept (" in text or "lost (" in text:
        raise Fail("the legend still counts kept or lost ties it does not draw")


def show_lost(tmp):
    out = os.path.join(tmp, "lost.svg")
    ripple_ok("draw", STOCKTON, "--from", "before", "--to", "after", "--show", "lost,kept",
              "--page", "natural", "-o", out)
    gone = away("before") | away("after")
    b, a = pairs_at("before"), pairs_at("after")
    want = {p for p in b if not (set(p) & gone)}   # lost or kept: tied before, observed at both
    edges = classes(parse_xml(out), "tie")
    if len(edges) != len(want) or any("new" in c or "unknown" in c for c in edges.values()):
        raise Fail("--show lost,kept draws %d ties (%s), the CSVs give %d" %
                   (len(edges), sorted({" ".join(c) for c in edges.values()}), len(want)))


def focus(tmp, what, members):
    out = os.path.join(tmp, "focus.svg")
    ripple_ok("draw", STOCKTON, "--wave", "after", "--focus", what, "--page", "natural", "-o", out)
    idx = actor_index()
    near = set(members)
    for p in pairs_at("after"):
        if p[0] in members:
            near.add(p[1])
        if p[1] in members:
            near.add(p[0])
    want = {"actor%d" % idx[a] for a in idx if a not in near}
    actors = classes(parse_xml(out), "actor")
    faded = {k for k, c in actors.items() if "faded" in c}
    focused = {k for k, c in actors.items() if "focus" in c}
    if faded != want:
        raise Fail("--focus %s fades %s; the CSVs say %s" % (what, sorted(faded), sorted(want)))
    if focused != {"actor%d" % idx[a] for a in members}:
        raise Fail("--focus %s marks %s as the focus" % (what, sorted(focused)))


def focus_org():
    acts = rows("actors.csv")
    parent = {a["id"]: a["parent"] for a in acts}
    def under(a, org):
        while a:
            if a == org:
                return True
            a = parent.get(a)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        focus(tmp, "sbc", {a["id"] for a in acts if under(a["id"], "sbc")})
        focus(tmp, "sector:vcse", {a["id"] for a in acts if a["sector"].lower() == "vcse"})


def ripple_tree():
    rs = rows("ripples.csv")
    by_id = {r["id"]: r for r in rs}
    def order(r):
        k = 1
        while r["parent"]:
            r = by_id[r["parent"]]
            k += 1
        return k
    return rs, by_id, order


def map_filter(tmp, args, passes):
    rs, by_id, _ = ripple_tree()
    out = os.path.join(tmp, "map.svg")
    ripple_ok("map", STOCKTON, "--page", "natural", "-o", out, *args)
    keep = set()
    for i, r in enumerate(rs):
        if passes(r):
            while r:
                keep.add(r["id"])
                r = by_id.get(r["parent"])
    want = {"r%d" % i for i, r in enumerate(rs) if r["id"] in keep}
    want_ctx = {"r%d" % i for i, r in enumerate(rs) if r["id"] in keep and not passes(r)}
    drawn = classes(parse_xml(out), "ripple")
    if set(drawn) != want:
        raise Fail("map %s draws %s; the CSVs give %s" % (" ".join(args), sorted(drawn), sorted(want)))
    ctx = {k for k, c in drawn.items() if "context" in c}
    if ctx != want_ctx:
        raise Fail("map %s greys %s; the CSVs give %s" % (" ".join(args), sorted(ctx), sorted(want_ctx)))


def map_filters():
    _, _, order = ripple_tree()
    new = pairs_at("after") - pairs_at("before")
    gone = away("before") | away("after")
    new = {p for p in new if not (set(p) & gone)}
    def on_new(r):
        names = [a for a in r["actors"].split(";") if a]
        return any(tuple(sorted((x, y))) in new for x in names for y in names if x < y)
    with tempfile.TemporaryDirectory() as tmp:
        map_filter(tmp, ["--capital", "social"], lambda r: "social" in r["capital"].split(";"))
        map_filter(tmp, ["--capital", "Political,financial"],
                   lambda r: bool({"political", "financial"} & set(r["capital"].split(";"))))
        map_filter(tmp, ["--order", "1"], lambda r: order(r) <= 1)
        map_filter(tmp, ["--on-new-ties", "before:after"], on_new)
        map_filter(tmp, ["--on-new-ties", "before:after", "--capital", "social"],
                   lambda r: on_new(r) and "social" in r["capital"].split(";"))


def multiples():
    waves = [w["wave"] for w in sorted(rows("waves.csv"), key=lambda w: int(w["ordinal"]))]
    import pages
    with tempfile.TemporaryDirectory() as tmp:
        for page in ("a4-landscape", "slide"):
            out = os.path.join(tmp, "sm-%s.svg" % page)
            ripple_ok("draw", STOCKTON, "--waves", "all", "--page", page, "-o", out)
            root = parse_xml(out)
            panels = classes(root, "panel")
            if sorted(panels) != ["wave%d" % k for k in range(len(waves))]:
                raise Fail("%s: panels %s, want one per wave (%d)" % (page, sorted(panels), len(waves)))
            edges = classes(root, "tie")
            for k, w in enumerate(waves):
                got = sum(1 for e in edges if e.startswith("wave%d-" % k))
                if got != len(pairs_at(w)):
                    raise Fail("%s: panel of %s draws %d ties, ties.csv has %d pairs" %
                               (page, w, got, len(pairs_at(w))))
                fresh = sum(1 for e, c in edges.items() if e.startswith("wave%d-" % k) and "new" in c)
                want = len(pairs_at(w) - pairs_at(waves[k - 1])) if k else 0
                if fresh != want:
                    raise Fail("%s: panel of %s marks %d ties new, want %d" % (page, w, fresh, want))
            pw, ph = pages.PAGES[page]
            w, h, small, _ = pages.measure(out)
            if abs(w - pw) > 0.5 or abs(h - ph) > 0.5 or small < pages.MIN_TEXT - 1e-6:
                raise Fail("%s: %.1f x %.1f pt, smallest text %.2f pt" % (page, w, h, small))


def refusals():
    for args in (["--wave", "after", "--show", "new"], ["--wave", "after", "--focus", "nobody"],
                 ["--wave", "after", "--waves", "all"], ["--from", "before", "--to", "after",
                                                         "--show", "everything"]):
        rc, _, err = harness.ripple("draw", STOCKTON, "-o", "/dev/null", *args)
        if rc != 2 or not err.strip():
            raise Fail("draw %s: exit %d (%s), want 2 with a message" % (" ".join(args), rc, err))
    rc, _, err = harness.ripple("map", STOCKTON, "-o", "/dev/null", "--capital", "nope")
    if rc != 2:
        raise Fail("map --capital nope: exit %d" % rc)


def suite():
    with tempfile.TemporaryDirectory() as tmp:
        check("draw --show new draws exactly the new ties", lambda: show_new(tmp))
        check("draw --show lost,kept draws exactly the ties of before seen at both", lambda: show_lost(tmp))
    check("draw --focus fades exactly what is more than one tie away", focus_org)
    check("map --capital, --order, --on-new-ties keep the right ripples", map_filters)
    check("draw --waves all: one panel per wave with its ties, text >= 7 pt", multiples)
    check("draw and map refuse bad focus and filters with exit 2", refusals)
    print("# focus.py: %d failed" % len(FAILS))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(harness.main("focus", suite))
