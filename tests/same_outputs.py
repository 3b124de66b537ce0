#!/usr/bin/env python3
"""Do two ripple binaries give byte-identical outputs?

    python3 tests/same_outputs.py [--base BIN | --base-rev REV] [--new BIN] [-k SUBSTR] [-j N]

Runs a matrix of cases (every command, its formats and options, on every
bundled place: each folder of datasets/, the databases made by importing
datasets/ and tests/e2e/places/, tests/reference/places/* and tests/e2e/places/*,
and the refusals of tests/bad/) with both binaries and compares, case by case,
the exit status, stdout, stderr and every file the command wrote or changed.
Prints one line per differing case with the first difference, then
`N cases, K differ`; exits 1 when any case differs, 2 on a usage or setup error.

--base BIN       the reference binary
--base-rev REV   build REV (default: main before issue 16, adf730f) in a temporary git worktree
                 with `make SAN=0 build`, once: the binary is kept in
                 build/same-outputs/<REV>/ripple (with the commit it was built
                 from; a REV that moved is built again)
--new BIN        the binary under test (default build/release/ripple)

How a case runs.  Each case has a folder of its own; the base binary runs in
CASE/w, which is then renamed CASE/base, and the new binary runs in a fresh
CASE/w: both see the same absolute and relative paths, so paths in messages and
in stored source paths match without being rewritten.  CASE/w holds `in`, a
link to one shared copy of the inputs (datasets/, tests/bad/, tests/e2e/places/,
tests/reference/places/, with the generated bad cases generated, and the two
databases imported by the BASE binary), plus a private copy of any database
the case reads, so a command that writes a database (batch, a stored layout)
is seen.  Both are run as argv[0] `ripple`, with stdin /dev/null, LC_ALL=C,
TZ=UTC and TMPDIR=CASE/tmp.

What is masked, and why (nothing else is):
  - SQLite databases are compared as `sqlite3 .dump` text, not as bytes, with
    every 'YYYY-MM-DDTHH:MM:SSZ' value replaced by '<timestamp>': the
    imported_at and created_at columns default to the clock (schemas/schema.sql).
  - PDF files: /CreationDate and /ModDate, which cairo takes from the clock.
  - A -wal, -shm or -journal file left next to a database: only that it exists
    is compared, not its bytes (a WAL header holds random salts).
  - DOT that Graphviz wrote for map and draw (it starts "// drawn by ripple"):
    a node, graph or subgraph ID written as <ID> is read as ID.  That is not
    run-to-run variation the program means to have but a bug it already has
    (pre-issue-16 too): engine/render.c names objects through its own cgraph
    ID discipline with plain strings, and agwrite asks aghtmlstr() of each
    name, which reads the bytes in front of the string as a refstr header:
    heap garbage, so a random name gets HTML-quoted.  Only that quoting is
    undone; the name, and everything else in the file, is still compared.
  - Temporary paths are not masked but made equal: see "How a case runs".
`--help` output is not compared (it may change); neither are the unprivileged
cases of tests/bad (their chmod 000 stops no one when run as root).
"""

import argparse
import concurrent.futures
import difflib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

# main at the end of issue 17, the first that reads the bundled examples as they
# are now (their responses.csv and timed attendance); a full hash, since a clone
# need not carry a tag. Issue 16's base, adf730f, cannot read them any more.
BASE_REV = "9a15e569a0de1bbf5d5c2776aba94a9fc297098d"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 300          # seconds a command may take before it counts as hung
SQLITE_MAGIC = b"SQLite format 3\0"
TIMESTAMP = re.compile(rb"'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'")
PDF_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)")
GV_DOT = b"// drawn by ripple"
# an ID (not an attribute value) that agwrite HTML-quoted at random: after the
# line's indent, after an edge operator, or after (sub)graph/digraph
GV_HTML_ID = re.compile(rb"(^\t*|(?:--|->) |(?:^|\t)(?:strict )?(?:sub|di)?graph )<([A-Za-z0-9_]+)>",
                        re.M)
SIDE_FILES = ("-wal", "-shm", "-journal")


def die(msg):
    print("same_outputs.py: " + msg, file=sys.stderr)
    sys.exit(2)


# ---- the base binary -------------------------------------------------------

def git(*args, **kw):
    return subprocess.run(["git", "-C", ROOT] + list(args), check=True,
                          stdout=subprocess.PIPE, text=True, **kw).stdout.strip()


def build_rev(rev):
    """Builds REV once; returns the path of its ripple binary."""
    try:
        commit = git("rev-parse", "--verify", rev + "^{commit}")
    except subprocess.CalledProcessError:
        die("no such revision: " + rev)
    cache = os.path.join(ROOT, "build", "same-outputs", re.sub(r"[^A-Za-z0-9._-]", "_", rev))
    binary, stamp = os.path.join(cache, "ripple"), os.path.join(cache, "commit")
    if os.path.exists(binary) and os.path.exists(stamp):
        with open(stamp) as f:
            if f.read().strip() == commit:
                return binary
    print("same_outputs.py: building %s (%s) in a temporary worktree" % (rev, commit[:12]),
          file=sys.stderr)
    tree = tempfile.mkdtemp(prefix="same-outputs-build.")
    os.rmdir(tree)
    git("worktree", "add", "--detach", tree, commit, stderr=subprocess.DEVNULL)
    try:
        r = subprocess.run(["make", "-C", tree, "-j2", "SAN=0", "build"],
                           stdout=subprocess.DEVNULL)
        if r.returncode != 0:
            die("make SAN=0 build failed for " + rev)
        os.makedirs(cache, exist_ok=True)
        shutil.copy2(os.path.join(tree, "build", "release", "ripple"), binary)
        with open(stamp, "w") as f:
            f.write(commit + "\n")
    finally:
        git("worktree", "remove", "--force", tree)
    return binary


# ---- running one command ---------------------------------------------------

def run_ripple(binary, args, cwd, tmp):
    env = dict(os.environ, LC_ALL="C", TZ="UTC", TMPDIR=tmp)
    try:
        r = subprocess.run(["ripple"] + args, executable=binary, cwd=cwd, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", e.stdout or b"", e.stderr or b""


def dump_db(path):
    """The database as SQL text, timestamps masked."""
    if shutil.which("sqlite3"):
        r = subprocess.run(["sqlite3", "-readonly", path, ".dump"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        text = r.stdout
    else:
        con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        text = "\n".join(con.iterdump()).encode()
        con.close()
    return TIMESTAMP.sub(b"'<timestamp>'", text)


def mask(data):
    """DOT from Graphviz with its random HTML quoting of names undone (see above)."""
    if data.startswith(GV_DOT):
        data = GV_HTML_ID.sub(rb"\1\2", data)
    return data


def snapshot(w):
    """Every file below W (not through the `in` link), masked as said above."""
    files = {}
    for top, dirs, names in os.walk(w):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(top, name)
            rel = os.path.relpath(path, w)
            if rel == "in":
                continue
            if os.path.islink(path) or not os.path.isfile(path):
                files[rel] = b"<not a regular file>"
                continue
            if name.endswith(SIDE_FILES):
                files[rel] = b"<exists>"
                continue
            with open(path, "rb") as f:
                data = f.read()
            if data.startswith(SQLITE_MAGIC):
                data = dump_db(path)
            elif data.startswith(b"%PDF"):
                data = PDF_DATES.sub(rb"/\1 (<date>)", data)
            files[rel] = mask(data)
    return files


def run_side(binary, case, casedir, inputs):
    w, tmp = os.path.join(casedir, "w"), os.path.join(casedir, "tmp")
    for d in (w, tmp):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    os.symlink(inputs, os.path.join(w, "in"))
    for dst, src in case.get("copy", {}).items():
        shutil.copyfile(os.path.join(inputs, src), os.path.join(w, dst))
    rc, out, err = run_ripple(binary, case["args"], w, tmp)
    return {"status": rc, "stdout": mask(out), "stderr": err, "files": snapshot(w)}


def first_difference(name, a, b):
    """One short line: where A and B first differ."""
    if isinstance(a, int) or isinstance(b, int) or isinstance(a, str) or isinstance(b, str):
        return "%s %s -> %s" % (name, a, b)
    try:
        la, lb = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        at = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        return "%s: binary, %d vs %d bytes, first differ at byte %d" % (name, len(a), len(b), at)
    diff = [l for l in difflib.unified_diff(la, lb, lineterm="", n=0)
            if not l.startswith(("---", "+++"))]
    hunk = next((l for l in diff if l.startswith("@@")), "")
    shown = [l[:160] for l in diff if not l.startswith("@@")][:4]
    return "%s %s %s" % (name, hunk, " | ".join(shown))


def compare(base, new):
    """The differences between two runs, each a short string."""
    out = []
    for key in ("status", "stdout", "stderr"):
        if base[key] != new[key]:
            out.append(first_difference(key, base[key], new[key]))
    fa, fb = base["files"], new["files"]
    for rel in sorted(set(fa) | set(fb)):
        if rel not in fb:
            out.append("file %s: written by base only" % rel)
        elif rel not in fa:
            out.append("file %s: written by new only" % rel)
        elif fa[rel] != fb[rel]:
            out.append(first_difference("file " + rel, fa[rel], fb[rel]))
    return out


def run_case(case, index, work, inputs, base_bin, new_bin):
    casedir = os.path.join(work, "case-%04d" % index)
    os.makedirs(casedir)
    base = run_side(base_bin, case, casedir, inputs)
    os.rename(os.path.join(casedir, "w"), os.path.join(casedir, "base"))
    new = run_side(new_bin, case, casedir, inputs)
    diffs = compare(base, new)
    if base["status"] == "timeout":
        diffs.insert(0, "base timed out")
    shutil.rmtree(casedir, ignore_errors=True)
    return diffs, base["status"]


# ---- the inputs ------------------------------------------------------------

def prepare_inputs(inputs, base_bin):
    """The shared, read-only inputs every case sees as `in/`."""
    os.makedirs(inputs)
    copies = {"datasets": "datasets", "bad": "tests/bad", "e2e": "tests/e2e/places",
              "reference": "tests/reference/places"}
    for dst, src in copies.items():
        shutil.copytree(os.path.join(ROOT, src), os.path.join(inputs, dst), symlinks=True,
                        ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    # the bad cases that cannot be committed (tests/bad/README.md), as run.sh makes them
    for kind in ("place", "kumu", "ripplefx"):
        top = os.path.join(inputs, "bad", kind)
        for name in sorted(os.listdir(top)):
            d = os.path.join(top, name)
            if os.path.exists(os.path.join(d, "generate")) and \
                    not os.path.exists(os.path.join(d, "unprivileged")):
                subprocess.run(["sh", "./generate"], cwd=d, check=True)
    # the databases, imported by the base binary from the paths the cases use
    os.makedirs(os.path.join(inputs, "db"))
    work = os.path.dirname(inputs)
    for db, folders in (("datasets.db", ["datasets"]),
                        ("e2e.db", ["e2e/tiny", "e2e/quirks", "e2e/hostile", "e2e/hostile-matrix"])):
        rc, out, err = run_ripple(base_bin, ["import", "in/db/" + db] + ["in/" + f for f in folders],
                                  work, work)
        if rc != 0:
            die("the base binary could not import %s: %s" % (db, err.decode(errors="replace")))


def places_of(base_bin, inputs, source):
    """[(place name, [waves in order], has ripples)] as the base binary lists them."""
    work = os.path.dirname(inputs)
    rc, out, err = run_ripple(base_bin, ["places", source, "--format", "json"], work, work)
    if rc != 0:
        die("places %s: %s" % (source, err.decode(errors="replace")))
    found = {}
    for row in json.loads(out):
        p = found.setdefault(row["place"], (row["place"], [], row["ripples"] > 0))
        p[1].append(row["wave"])
    return list(found.values())


# ---- the matrix ------------------------------------------------------------

def place_cases(label, src, waves, ripples, full, copy):
    """The cases of one place: SRC is [SOURCE] or [SOURCE, PLACE]."""
    cases = []

    def add(name, args):
        cases.append({"name": "%s: %s" % (label, name), "args": args, "copy": copy})

    first, last = waves[0], waves[-1]
    two = len(waves) >= 2
    fmts = ("table", "csv", "json")
    # metrics
    for f in fmts if full else ("json",):
        add("metrics --format " + f, ["metrics"] + src + ["--format", f])
        add("metrics --nodes --format " + f, ["metrics"] + src + ["--nodes", "--format", f])
    if not full:
        add("metrics --nodes --format csv", ["metrics"] + src + ["--nodes", "--format", "csv"])
    if full:
        add("metrics --wave first", ["metrics"] + src + ["--wave", first])
        add("metrics --wave last --nodes json", ["metrics"] + src + ["--wave", last, "--nodes", "--format", "json"])
        add("metrics --wave last --format csv", ["metrics"] + src + ["--wave", last, "--format", "csv"])
        add("metrics --weighted json", ["metrics"] + src + ["--weighted", "--format", "json"])
        add("metrics --weighted --nodes csv", ["metrics"] + src + ["--weighted", "--nodes", "--format", "csv"])
        add("metrics --directed json", ["metrics"] + src + ["--directed", "--format", "json"])
        add("metrics --directed --nodes csv", ["metrics"] + src + ["--directed", "--nodes", "--format", "csv"])
        add("metrics --seed 42 --nodes csv", ["metrics"] + src + ["--seed", "42", "--nodes", "--format", "csv"])
        add("metrics --jobs 1 csv", ["metrics"] + src + ["--jobs", "1", "--format", "csv"])
        add("metrics --jobs 2 --nodes json", ["metrics"] + src + ["--jobs", "2", "--nodes", "--format", "json"])
        add("metrics --sample 5 --seed 3 json", ["metrics"] + src + ["--sample", "5", "--seed", "3", "--format", "json"])
        add("metrics --sample 0 --nodes csv", ["metrics"] + src + ["--sample", "0", "--nodes", "--format", "csv"])
        add("metrics --wave nosuch (error)", ["metrics"] + src + ["--wave", "no such wave"])
    # compare
    if two:
        for f in fmts if full else ("table", "json"):
            add("compare --format " + f, ["compare"] + src + ["--format", f])
    if two and full:
        for s in ("summary", "tests", "network", "ties", "actors", "gainers", "ripples"):
            add("compare --section " + s, ["compare"] + src + ["--section", s])
            add("compare --section %s csv" % s, ["compare"] + src + ["--section", s, "--format", "csv"])
        add("compare --section tests json", ["compare"] + src + ["--section", "tests", "--format", "json"])
        add("compare --permutations 99 --seed 3 json",
            ["compare"] + src + ["--permutations", "99", "--seed", "3", "--format", "json"])
        add("compare --permutations 0 table", ["compare"] + src + ["--permutations", "0"])
        add("compare --seed 11", ["compare"] + src + ["--seed", "11", "--section", "tests"])
        add("compare --weighted json", ["compare"] + src + ["--weighted", "--format", "json"])
        add("compare --weighted --seed 5 csv", ["compare"] + src + ["--weighted", "--seed", "5", "--format", "csv"])
        add("compare --directed json", ["compare"] + src + ["--directed", "--format", "json"])
        add("compare --jobs 1 --sample 4 --seed 2 json",
            ["compare"] + src + ["--jobs", "1", "--sample", "4", "--seed", "2", "--format", "json"])
        add("compare --from last --to first", ["compare"] + src + ["--from", last, "--to", first])
        add("compare --from only (error)", ["compare"] + src + ["--from", first])
        add("compare --section nosuch (error)", ["compare"] + src + ["--section", "nosuch"])
        if len(waves) >= 3:
            add("compare --from 2nd --to 3rd json",
                ["compare"] + src + ["--from", waves[1], "--to", waves[2], "--format", "json"])
            add("compare --from 1st --to 3rd", ["compare"] + src + ["--from", waves[0], "--to", waves[2]])
    if not two and full:
        add("compare one wave (error)", ["compare"] + src)
    # map
    if ripples or full:
        add("map svg", ["map"] + src + ["-o", "map.svg"])
    if ripples:
        add("map dot", ["map"] + src + ["-o", "map.dot"])
    if ripples and full:
        add("map --timeline svg", ["map"] + src + ["--timeline", "-o", "timeline.svg"])
        add("map --timeline dot", ["map"] + src + ["--timeline", "-o", "timeline.dot"])
        add("map --wrap 12 svg", ["map"] + src + ["--wrap", "12", "-o", "map.svg"])
        add("map png", ["map"] + src + ["-o", "map.png"])
        add("map pdf", ["map"] + src + ["-o", "map.pdf"])
        add("map -o - --format dot", ["map"] + src + ["-o", "-", "--format", "dot"])
        add("map --format svg to .out", ["map"] + src + ["--format", "svg", "-o", "map.out"])
    # draw
    add("draw --wave first svg", ["draw"] + src + ["--wave", first, "-o", "wave.svg"])
    if full:
        add("draw --wave first dot", ["draw"] + src + ["--wave", first, "-o", "wave.dot"])
        add("draw --wave last dot", ["draw"] + src + ["--wave", last, "-o", "wave.dot"])
        add("draw --wave last --size none svg", ["draw"] + src + ["--wave", last, "--size", "none", "-o", "wave.svg"])
        add("draw --wave first --size betweenness dot",
            ["draw"] + src + ["--wave", first, "--size", "betweenness", "-o", "wave.dot"])
        add("draw --wave last --weighted --seed 3 dot",
            ["draw"] + src + ["--wave", last, "--weighted", "--seed", "3", "-o", "wave.dot"])
        add("draw --wave first png", ["draw"] + src + ["--wave", first, "-o", "wave.png"])
        add("draw --wave first -o - --format dot", ["draw"] + src + ["--wave", first, "-o", "-", "--format", "dot"])
        add("draw without -o (error)", ["draw"] + src + ["--wave", first])
    if two:
        add("draw --from --to svg", ["draw"] + src + ["--from", first, "--to", last, "-o", "change.svg"])
    if two and full:
        add("draw --from --to dot", ["draw"] + src + ["--from", first, "--to", last, "-o", "change.dot"])
        add("draw --from --to --size degree dot",
            ["draw"] + src + ["--from", first, "--to", last, "--size", "degree", "-o", "change.dot"])
        add("draw --from last --to first svg", ["draw"] + src + ["--from", last, "--to", first, "-o", "change.svg"])
    # export
    add("export gexf", ["export"] + src + ["-o", "net.gexf"])
    add("export csv --wave first", ["export"] + src + ["--wave", first, "-o", "net.csv"])
    if full:
        add("export graphml --wave first", ["export"] + src + ["--wave", first, "-o", "net.graphml"])
        add("export graphml --wave last --directed", ["export"] + src + ["--wave", last, "--directed", "-o", "net.graphml"])
        add("export dot --wave last", ["export"] + src + ["--wave", last, "-o", "net.dot"])
        add("export csv --wave last --weighted", ["export"] + src + ["--wave", last, "--weighted", "-o", "net.csv"])
        add("export gexf --weighted --seed 3", ["export"] + src + ["--weighted", "--seed", "3", "-o", "net.gexf"])
        add("export kumu", ["export"] + src + ["--format", "kumu", "-o", "kumu"])
        add("export -o - graphml --wave first",
            ["export"] + src + ["--wave", first, "-o", "-", "--format", "graphml"])
        add("export -o - gexf", ["export"] + src + ["-o", "-", "--format", "gexf"])
        add("export --format dot to .txt --wave first",
            ["export"] + src + ["--wave", first, "--format", "dot", "-o", "net.txt"])
        add("export --format ripplefx", ["export"] + src + ["--format", "ripplefx", "-o", "ripplefx"])
        add("export graphml without --wave", ["export"] + src + ["-o", "net.graphml"])
        add("export gexf --wave (error)", ["export"] + src + ["--wave", first, "-o", "net.gexf"])
    # report
    if two:
        add("report html", ["report"] + src + ["-o", "report.html"])
    if two and full:
        add("report --permutations 99 --seed 3", ["report"] + src + ["--permutations", "99", "--seed", "3", "-o", "report.html"])
        add("report --weighted --directed", ["report"] + src + ["--weighted", "--directed", "-o", "report.html"])
        add("report --from last --to first", ["report"] + src + ["--from", last, "--to", first, "-o", "report.html"])
        if len(waves) >= 3:
            add("report --from 2nd --to 3rd", ["report"] + src + ["--from", waves[1], "--to", waves[2], "-o", "report.html"])
    return cases


def source_cases(label, source, copy, multi):
    """The cases of a whole SOURCE (every place in it): places, batch, report --summary."""
    cases = []

    def add(name, args):
        cases.append({"name": "%s: %s" % (label, name), "args": args, "copy": copy})

    for f in ("table", "csv", "json"):
        add("places --format " + f, ["places", source, "--format", f])
    add("places --directed", ["places", source, "--directed"])
    if not multi:
        return cases
    add("batch", ["batch", source])
    add("batch --no-store", ["batch", source, "--no-store"])
    for f in ("csv", "json"):
        add("batch --format " + f, ["batch", source, "--format", f, "--no-store"])
        add("batch -o batch." + f, ["batch", source, "-o", "batch." + f])
    add("batch --long csv", ["batch", source, "--long", "--format", "csv"])
    add("batch --long -o long.json", ["batch", source, "--long", "-o", "long.json", "--no-store"])
    add("batch --summary", ["batch", source, "--summary", "--no-store"])
    add("batch --summary json", ["batch", source, "--summary", "--format", "json"])
    add("batch --summary -o summary.csv", ["batch", source, "--summary", "-o", "summary.csv"])
    add("batch --permutations 99 --seed 2 csv",
        ["batch", source, "--permutations", "99", "--seed", "2", "--format", "csv"])
    add("batch --weighted json", ["batch", source, "--weighted", "--format", "json", "--no-store"])
    add("batch --directed csv", ["batch", source, "--directed", "--format", "csv", "--no-store"])
    add("batch --jobs 1 csv", ["batch", source, "--jobs", "1", "--format", "csv", "--no-store"])
    add("batch --from before --to after csv", ["batch", source, "--from", "before", "--to", "after", "--format", "csv"])
    add("batch --long --summary (error)", ["batch", source, "--long", "--summary"])
    add("report --summary", ["report", source, "--summary", "-o", "summary.html"])
    add("report (no place)", ["report", source, "-o", "summary.html"])
    add("report --summary --permutations 99 --seed 4",
        ["report", source, "--summary", "--permutations", "99", "--seed", "4", "-o", "summary.html"])
    add("metrics (no place) csv", ["metrics", source, "--format", "csv"])
    add("compare (no place)", ["compare", source])
    add("metrics unknown place (error)", ["metrics", source, "No Such Place"])
    return cases


def folder_cases(label, folder, extra=()):
    """check and import of a place folder (or a folder of them)."""
    extra = list(extra)
    return [
        {"name": "%s: check" % label, "args": ["check", folder] + extra},
        {"name": "%s: import" % label, "args": ["import", "new.db", folder] + extra},
    ]


def build_cases(base_bin, inputs):
    cases = []
    db_copy = {"datasets.db": {"datasets.db": "db/datasets.db"}, "e2e.db": {"e2e.db": "db/e2e.db"}}
    full_folders = ["datasets/northamptonshire", "datasets/stockton-on-tees",
                    "e2e/tiny", "e2e/quirks", "e2e/hostile", "e2e/hostile-matrix"]
    lp = sorted(os.listdir(os.path.join(inputs, "datasets", "leading-places")))
    lp = ["datasets/leading-places/" + p for p in lp
          if os.path.isdir(os.path.join(inputs, "datasets", "leading-places", p))]
    reference = ["reference/" + p for p in sorted(os.listdir(os.path.join(inputs, "reference")))]

    # places read from their folders
    for folder, full in [(f, True) for f in full_folders] + [(f, False) for f in lp + reference]:
        [(name, waves, ripples)] = places_of(base_bin, inputs, "in/" + folder)
        src = "in/" + folder
        cases += place_cases(folder, [src], waves, ripples, full, {})
        cases += source_cases(folder, src, {}, False) if full else []
        cases += folder_cases(folder, src)
    # places read from the databases the base binary imported
    for db in ("datasets.db", "e2e.db"):
        for name, waves, ripples in places_of(base_bin, inputs, "in/db/" + db):
            full = db == "e2e.db" or name in ("Northamptonshire", "Stockton-on-Tees")
            cases += place_cases("%s %s" % (db, name), [db, name], waves, ripples, full, db_copy[db])
        cases += source_cases(db, db, db_copy[db], True)
    # folders of place folders
    for folder in ("datasets", "datasets/leading-places"):
        cases += source_cases(folder + "/", "in/" + folder, {}, True)
        cases += folder_cases(folder + "/", "in/" + folder)
    cases.append({"name": "datasets/leading-places/: metrics Bedford",
                  "args": ["metrics", "in/datasets/leading-places", "Bedford", "--format", "json"]})
    # import: options, into an existing database, twice
    more = [
        ("import --name", ["import", "new.db", "in/datasets/northamptonshire", "--name", "Renamed"], {}),
        ("import --directed", ["import", "new.db", "in/e2e/tiny", "--directed"], {}),
        ("import into datasets.db again (error)", ["import", "datasets.db", "in/datasets/northamptonshire"],
         db_copy["datasets.db"]),
        ("import --replace into datasets.db",
         ["import", "datasets.db", "in/datasets/northamptonshire", "--replace"], db_copy["datasets.db"]),
        ("import two folders", ["import", "new.db", "in/e2e/tiny", "in/datasets/stockton-on-tees"], {}),
        ("init", ["init", "new.db"], {}),
        ("init existing", ["init", "datasets.db"], db_copy["datasets.db"]),
        ("check two folders", ["check", "in/e2e/tiny", "in/reference/karate"], {}),
        ("check --directed", ["check", "in/e2e/tiny", "--directed"], {}),
        ("check --name", ["check", "in/e2e/tiny", "--name", "Other"], {}),
    ]
    for name, args, copy in more:
        cases.append({"name": "import: " + name, "args": args, "copy": copy})
    # Kumu and RippleFX exports
    for fmt in ("kumu", "ripplefx"):
        folder = "in/datasets/imports/%s-example" % fmt
        cases += folder_cases("imports/" + fmt, folder, ["--from", fmt])
        cases.append({"name": "imports/%s: import --name" % fmt,
                      "args": ["import", "new.db", folder, "--from", fmt, "--name", "X"]})
    # the bad-input corpus: check and import (stderr, status, and nothing written)
    for kind in ("place", "kumu", "ripplefx"):
        top = os.path.join(inputs, "bad", kind)
        extra = [] if kind == "place" else ["--from", kind]
        for name in sorted(os.listdir(top)):
            if os.path.isdir(os.path.join(top, name)) and \
                    not os.path.exists(os.path.join(top, name, "unprivileged")):
                cases += folder_cases("bad/%s/%s" % (kind, name), "in/bad/%s/%s" % (kind, name), extra)
    # usage errors and sources that are not there
    errors = [
        [], ["nosuch"], ["places"], ["places", "missing.db"], ["places", "in/nosuch"],
        ["metrics", "in/datasets/northamptonshire", "--format", "xml"],
        ["metrics", "in/datasets/northamptonshire", "--jobs", "0"],
        ["metrics", "in/datasets/northamptonshire", "--sample", "-1"],
        ["metrics", "in/datasets/northamptonshire", "--bogus"],
        ["compare", "in/datasets/northamptonshire", "--permutations", "x"],
        ["compare", "in/datasets/northamptonshire", "--to", "after"],
        ["map", "in/datasets/northamptonshire"],
        ["map", "in/datasets/northamptonshire", "-o", "map.xyz"],
        ["map", "in/reference/karate", "-o", "map.svg"],
        ["draw", "in/datasets/northamptonshire", "-o", "d.svg"],
        ["draw", "in/datasets/northamptonshire", "--wave", "before", "--from", "before", "--to", "after", "-o", "d.svg"],
        ["draw", "in/datasets/northamptonshire", "--wave", "before", "--size", "nosuch", "-o", "d.svg"],
        ["export", "in/datasets/northamptonshire", "-o", "-"],
        ["export", "in/datasets/northamptonshire", "-o", "x.unknown"],
        ["export", "in/datasets/northamptonshire", "--format", "kumu"],
        ["export", "in/reference/karate", "--format", "ripplefx", "-o", "rfx"],
        ["batch", "in/datasets", "-o", "batch.txt"],
        ["report", "in/datasets/northamptonshire"],
        ["report", "in/datasets/northamptonshire", "-o", "r.txt"],
        ["report", "in/reference/karate", "-o", "r.html"],
        ["import", "new.db"], ["import", "new.db", "in/nosuch"],
        ["import", "new.db", "in/datasets/imports/kumu-example", "--from", "nosuch"],
        ["check"], ["check", "in/datasets/northamptonshire", "--from", "kumu"],
        ["init"],
    ]
    for args in errors:
        cases.append({"name": "usage: " + " ".join(args), "args": args})
    names = [c["name"] for c in cases]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        die("internal: case names repeat: %s" % sorted(dup))
    return cases


# ---- main ------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(
        description="Check that two ripple binaries give byte-identical outputs "
                    "(exit status, stdout, stderr, files written) over a matrix of cases.")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--base", metavar="BIN", help="the reference binary")
    g.add_argument("--base-rev", metavar="REV", default=BASE_REV,
                   help="build REV once (cached in build/same-outputs/REV/) as the reference "
                        "(default: %(default)s)")
    ap.add_argument("--new", metavar="BIN", default=os.path.join(ROOT, "build", "release", "ripple"),
                    help="the binary under test (default: build/release/ripple)")
    ap.add_argument("-k", metavar="SUBSTR", help="only the cases whose name contains SUBSTR")
    ap.add_argument("-j", metavar="N", type=int, default=2, help="cases at once (default: 2)")
    ap.add_argument("-l", "--list", action="store_true", help="list the case names and stop")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also a line for each case that is the same, with its exit status")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder (its path is printed)")
    a = ap.parse_args()

    base_bin = os.path.abspath(a.base) if a.base else build_rev(a.base_rev)
    new_bin = os.path.abspath(a.new)
    for b in (base_bin, new_bin):
        if not os.access(b, os.X_OK):
            die("no executable at " + b)

    work = tempfile.mkdtemp(prefix="same-outputs.")
    try:
        inputs = os.path.join(work, "in")
        prepare_inputs(inputs, base_bin)
        cases = build_cases(base_bin, inputs)
        if a.k:
            cases = [c for c in cases if a.k in c["name"]]
        if a.list:
            for c in cases:
                print(c["name"])
            return 0
        ndiff = 0
        with concurrent.futures.ThreadPoolExecutor(max(1, a.j)) as pool:
            futures = [pool.submit(run_case, c, i, work, inputs, base_bin, new_bin)
                       for i, c in enumerate(cases)]
            for c, f in zip(cases, futures):
                diffs, status = f.result()
                if not diffs and a.verbose:
                    print("same (exit %s): %s" % (status, c["name"]), flush=True)
                if diffs:
                    ndiff += 1
                    line = "differ: %s: %s" % (c["name"], "; ".join(diffs))
                    print(line.replace(work, "$TMP")[:600], flush=True)
        print("%d cases, %d differ" % (len(cases), ndiff))
        return 1 if ndiff else 0
    finally:
        if a.keep:
            print("scratch folder kept: " + work, file=sys.stderr)
        else:
            # the generated bad cases include a chmod 000 file only when unprivileged (skipped)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
