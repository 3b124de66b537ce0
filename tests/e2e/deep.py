#!/usr/bin/env python3
"""Deeply nested actors (issue 22, defect 4): a chain of actors, each the parent
of the next, that check accepts, is drawn and reported without a crash.

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/deep.py [--all]

For a 5,000-deep chain: `check` accepts it; `draw --wave before --page natural
-o x.svg` finishes within LIMIT seconds, exit 0, no signal, an SVG that parses
with at most BOX_DEPTH (8) organisation boxes; `draw --wave before -o x.svg`
(the page) and `report -o x.html` exit 0 with no signal within SLOW seconds
and write a parsable SVG / an HTML page. Main overflows the stack (50,000)
or does not finish in 120 s (5,000). --all adds the 20,000- and 50,000-deep
chains, with no time limit but SLOW (they spend most of it in the measures
of 50,000 actors, not in the drawing: see the report of the branch i22-deep).

A sanitizer build (ASan) gets four times the time.

Prints `ok - name` / `not ok - name: why`; exits 1 when a check failed.
Only the standard library.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

LIMIT = 10     # seconds: draw on its natural page
SLOW = 120     # seconds: the page fitting of draw and the report (see above)
BOX_DEPTH = 8  # engine/draw.c


def write_chain(d, n):
    """A place of n actors, actor i the parent of actor i+1, two waves, 29 ties
    from the top actor (a star: the measures stay quick)."""
    os.makedirs(d)
    with open(os.path.join(d, "place.csv"), "w") as f:
        f.write("name,programme,directed\nDeep,Deep programme,no\n")
    with open(os.path.join(d, "waves.csv"), "w") as f:
        f.write("wave,ordinal,date\nbefore,1,2024-01-01\nafter,2,2025-01-01\n")
    with open(os.path.join(d, "actors.csv"), "w") as f:
        f.write("id,label,kind,parent,sector,town,attended\n")
        for i in range(n):
            f.write("a%d,Actor %d,organisation,%s,VCSE,Town,yes\n" % (i, i, "a%d" % (i - 1) if i else ""))
    with open(os.path.join(d, "ties.csv"), "w") as f:
        f.write("source,target,wave,type,weight,trust\n")
        for i in range(1, min(n, 30)):
            for w in ("before", "after"):
                f.write("a0,a%d,%s,information,1,3\n" % (i, w))


def run(args, limit):
    """(problem or None, seconds)."""
    t0 = time.monotonic()
    try:
        p = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=limit)
    except subprocess.TimeoutExpired:
        return "did not finish in %d s" % limit, time.monotonic() - t0
    took = time.monotonic() - t0
    if p.returncode < 0:
        return "killed by %s" % signal.Signals(-p.returncode).name, took
    if p.returncode != 0:
        return "exit %d: %s" % (p.returncode, p.stderr.decode(errors="replace")[:300]), took
    return None, took


def svg_problem(path):
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        return "not a parsable SVG: %s" % e
    boxes = [g for g in root.iter("{http://www.w3.org/2000/svg}g")
             if "organisation" in (g.get("class") or "").split()]
    if not boxes:
        return "no organisation box"
    if len(boxes) > BOX_DEPTH:
        return "%d organisation boxes, more than %d" % (len(boxes), BOX_DEPTH)
    return None


def html_problem(path):
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as e:
        return str(e)
    if not text.lstrip().lower().startswith("<!doctype html") or "</html>" not in text:
        return "not a whole HTML page"
    return None


def main():
    ripple = os.path.abspath(os.environ.get("RIPPLE", ""))
    if not os.access(ripple, os.X_OK):
        print("deep.py: set RIPPLE=/abs/path/to/ripple", file=sys.stderr)
        return 1
    global LIMIT, SLOW
    with open(ripple, "rb") as f:   # a sanitizer build runs several times slower
        if b"__asan_init" in f.read():
            LIMIT, SLOW = 4 * LIMIT, 4 * SLOW
    sizes = [5000] + ([20000, 50000] if "--all" in sys.argv else [])
    failed = 0
    tmp = tempfile.mkdtemp(prefix="ripple-deep-")
    try:
        for n in sizes:
            place = os.path.join(tmp, "chain%d" % n)
            write_chain(place, n)
            checks = [
                ("check accepts", [ripple, "check", place], SLOW, None),
                ("draw --page natural", [ripple, "draw", place, "--wave", "before", "--page", "natural",
                                         "-o", place + "-n.svg"],
                 LIMIT if n <= 5000 else SLOW, lambda: svg_problem(place + "-n.svg")),
                ("draw (the page)", [ripple, "draw", place, "--wave", "before", "-o", place + ".svg"],
                 SLOW, lambda: svg_problem(place + ".svg")),
                ("report", [ripple, "report", place, "-o", place + ".html"], SLOW,
                 lambda: html_problem(place + ".html")),
            ]
            for name, args, limit, after in checks:
                why, took = run(args, limit)
                if why is None and after:
                    why = after()
                label = "%d-deep chain: %s (%.1f s)" % (n, name, took)
                if why:
                    failed += 1
                    print("not ok - %s: %s" % (label, why))
                else:
                    print("ok - %s" % label)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("# deep: %d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
