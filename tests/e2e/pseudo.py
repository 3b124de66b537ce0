#!/usr/bin/env python3
"""End-to-end check of --pseudonymise and --min-count (docs/PRIVACY.md).

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/pseudo.py [PLACE_FOLDER]

(default: datasets/northamptonshire). Only the standard library. With two
secrets of its own, it runs every command that offers --pseudonymise on the
place and checks, from the place's actors.csv alone:

- no output file (report, every export format, metrics --nodes, every section
  of compare, the ripple map, a network and a change map drawn with every
  actor labelled) holds the id or the label of any person, raw or escaped for
  HTML/XML (a scan of every byte of every file);
- each person's code is P- and the first 10 hex digits of HMAC-SHA256(secret,
  id), computed here with Python's hmac, and it is in the export;
- the same secret gives the same bytes twice; another secret gives other codes;
- organisations and teams stay named with --pseudonymise, and are not with
  --pseudonymise-all;
- the report says it is pseudonymised;
- --min-count writes the small counts of compare's summary as "<N", from the
  counts of an unsuppressed run; usage errors exit 2.

Prints `ok - name` or `not ok - name: why` per check, and exits 1 when one failed.
"""
import csv
import hashlib
import hmac
import html
import json
import os
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RIPPLE = os.environ.get("RIPPLE", os.path.join(ROOT, "build/release/ripple"))


def run(*args):
    return subprocess.run([RIPPLE, *args], capture_output=True)


def code(secret, ident, letter="P"):
    return f"{letter}-" + hmac.new(secret, ident.encode(), hashlib.sha256).hexdigest()[:10]


def forms(text):
    """The ways text can appear in an output: as is, escaped for HTML/XML, in JSON, and
    as Graphviz writes SVG text (XML-escaped, and '-' as &#45;)."""
    escaped = {html.escape(text, quote=True), html.escape(text, quote=False)}
    return {text, json.dumps(text)[1:-1]} | escaped | {e.replace("-", "&#45;") for e in escaped}


def files_under(path):
    if os.path.isfile(path):
        return [path]
    return [os.path.join(d, f) for d, _, fs in os.walk(path) for f in sorted(fs)]


def outputs(place, out, extra):
    """Runs every pseudonymising command into out; returns {name: path} and the failures."""
    os.makedirs(out, exist_ok=True)
    runs = {
        "report": ["report", place, "-o", f"{out}/report.html"],
        "graphml": ["export", place, "--wave", "before", "-o", f"{out}/net.graphml"],
        "gexf": ["export", place, "-o", f"{out}/net.gexf"],
        "dot": ["export", place, "--wave", "after", "-o", f"{out}/net.dot"],
        "csv": ["export", place, "--wave", "after", "-o", f"{out}/net.csv"],
        "kumu": ["export", place, "--format", "kumu", "-o", f"{out}/kumu"],
        "ripplefx": ["export", place, "--format", "ripplefx", "-o", f"{out}/ripplefx"],
        "xmind": ["export", place, "--format", "xmind", "-o", f"{out}/map.xmind"],
        "freemind": ["export", place, "--format", "freemind", "-o", f"{out}/map.mm"],
        # the pictures: every actor labelled, so that a name left would show
        "map": ["map", place, "--page", "natural", "-o", f"{out}/map.svg"],
        "draw": ["draw", place, "--wave", "after", "--labels", "all", "--page", "natural",
                 "-o", f"{out}/draw.svg"],
        "change": ["draw", place, "--from", "before", "--to", "after", "--labels", "all",
                   "--page", "natural", "-o", f"{out}/change.svg"],
    }
    paths, failures = {}, []
    for name, args in runs.items():
        r = run(*args, *extra)
        if r.returncode != 0:
            failures.append(f"{name}: exit {r.returncode}: {r.stderr.decode()[:200]}")
        paths[name] = args[args.index("-o") + 1]
    for name, args in {"metrics": ["metrics", place, "--nodes", "--format", "csv"],
                       "compare": ["compare", place, "--format", "json", "--permutations", "50"]}.items():
        r = run(*args, *extra)
        if r.returncode != 0:
            failures.append(f"{name}: exit {r.returncode}: {r.stderr.decode()[:200]}")
        with open(f"{out}/{name}.out", "wb") as f:
            f.write(r.stdout)
        paths[name] = f"{out}/{name}.out"
    return paths, failures


def leaks(paths, actors):
    """(file, actor id, text) for every id or label of actors found in the files."""
    found = []
    for name, path in paths.items():
        for f in files_under(path):
            if f.endswith(".xmind"):   # a zip: its entries' text
                with zipfile.ZipFile(f) as z:
                    data = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
            else:
                data = open(f, "rb").read().decode("utf-8", "replace")
            for a in actors:
                for text in (a["id"], a.get("label") or a["id"]):
                    if any(form in data for form in forms(text)):
                        found.append((os.path.relpath(f), a["id"], text))
    return found


def main():
    place = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "datasets/northamptonshire")
    with open(os.path.join(place, "actors.csv"), newline="", encoding="utf-8-sig") as f:
        actors = list(csv.DictReader(f))
    people = [a for a in actors if a.get("kind") == "person"]
    others = [a for a in actors if a.get("kind") != "person"]
    check("the place has people to hide", len(people) > 0, f"no person in {place}")

    with tempfile.TemporaryDirectory() as w:
        k1, k2 = os.urandom(32), os.urandom(32)
        for name, k in (("k1", k1), ("k2", k2)):
            with open(f"{w}/{name}", "wb") as f:
                f.write(k)
        p0, _ = outputs(place, f"{w}/plain", [])
        check("the scan finds the people in outputs not pseudonymised (control)",
              {i for _, i, _ in leaks(p0, people)} == {a["id"] for a in people})
        p1, fail1 = outputs(place, f"{w}/a", ["--pseudonymise", "--secret-file", f"{w}/k1"])
        check("every command runs with --pseudonymise", not fail1, "; ".join(fail1))
        found = leaks(p1, people)
        check("no output names a person (id or label)", not found,
              "; ".join(f"{f}: {i} ({t!r})" for f, i, t in found[:5]))

        csvtext = open(p1["csv"], encoding="utf-8").read()
        missing = [a["id"] for a in people if code(k1, a["id"]) not in csvtext]
        check("each person's code is HMAC-SHA256(secret, id) truncated (Python's hmac)",
              not missing, f"no code for {missing}")
        svg = open(p1["draw"], encoding="utf-8").read()
        missing = [a["id"] for a in people if code(k1, a["id"]).replace("-", "&#45;") not in svg]
        check("each person is drawn under their code (draw --labels all)", not missing,
              f"no code for {missing}")
        kept = [a["id"] for a in others if a["id"] not in csvtext and
                any(a["id"] in (t["source"], t["target"]) for t in
                    csv.DictReader(open(os.path.join(place, "ties.csv"), encoding="utf-8-sig"))
                    if t["wave"] == "after")]
        check("organisations and teams stay named", not kept, f"missing {kept[:5]}")

        report = open(p1["report"], encoding="utf-8").read()
        check("the report says it is pseudonymised",
              'data-fact="pseudonymised" data-scope="people"' in report)

        p1b, _ = outputs(place, f"{w}/b", ["--pseudonymise", "--secret-file", f"{w}/k1"])
        # the report's appendix prints the command that made it, -o FILE included:
        # the two runs differ in their output folder (a, b) and in nothing else
        def same_run(path, out):
            return open(path, "rb").read().replace(out.encode(), b"OUT")
        differ = [n for n in ("graphml", "gexf", "dot", "csv", "metrics", "compare", "report",
                              "map", "draw", "change")
                  if same_run(p1[n], f"{w}/a") != same_run(p1b[n], f"{w}/b")]
        check("the same secret gives the same bytes twice", not differ, f"differ: {differ}")

        p2, fail2 = outputs(place, f"{w}/c", ["--pseudonymise", "--secret-file", f"{w}/k2"])
        csv2 = open(p2["csv"], encoding="utf-8").read()
        check("another secret gives other codes",
              not fail2 and all(code(k2, a["id"]) in csv2 and code(k1, a["id"]) not in csv2
                                for a in people), "; ".join(fail2))

        p3, fail3 = outputs(place, f"{w}/d", ["--pseudonymise-all", "--secret-file", f"{w}/k1"])
        found = leaks({n: p3[n] for n in ("graphml", "gexf", "dot", "csv", "kumu", "metrics")},
                      actors)
        check("--pseudonymise-all names no actor in the exports and tables",
              not fail3 and not found,
              "; ".join(fail3) + "; ".join(f"{f}: {i} ({t!r})" for f, i, t in found[:5]))

        # --min-count against the counts of an unsuppressed run
        full = json.loads(run("compare", place, "--format", "json", "--section", "summary",
                              "--permutations", "0").stdout)
        small = json.loads(run("compare", place, "--format", "json", "--section", "summary",
                               "--permutations", "0", "--min-count", "10").stdout)
        frequencies = {"ties_new", "ties_lost", "ties_kept", "kept_strengthened", "new_bridging"}
        want = [("<10" if r["measure"] in frequencies and 0 < abs(r["value"]) < 10 else r["value"])
                for r in full["summary"]]
        got = [r["value"] for r in small["summary"]]
        check("--min-count 10 writes compare's small counts as <10",
              [g for g, w_ in zip(got, want) if w_ == "<10"] == [w_ for w_ in want if w_ == "<10"]
              and all(g == w_ for g, w_, r in zip(got, want, full["summary"])
                      if r["measure"] in frequencies),
              f"got {got}, want {want}")

        r = run("export", place, "--wave", "after", "-o", f"{w}/x.csv", "--pseudonymise")
        check("--pseudonymise without --secret-file is a usage error",
              r.returncode == 2 and b"--secret-file" in r.stderr, r.stderr.decode()[:200])
        with open(f"{w}/short", "wb") as f:
            f.write(b"too short")
        r = run("export", place, "--wave", "after", "-o", f"{w}/x.csv", "--pseudonymise",
                "--secret-file", f"{w}/short")
        check("a secret under 16 bytes is refused",
              r.returncode == 2 and b"at least 16" in r.stderr and not os.path.exists(f"{w}/x.csv"),
              r.stderr.decode()[:200])
        r = run("metrics", place, "--min-count", "0")
        check("--min-count 0 is a usage error", r.returncode == 2, r.stderr.decode()[:200])
    return 1 if harness.FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
