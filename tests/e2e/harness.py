"""What the end-to-end Python suites of tests/e2e share.

Each suite (pictures.py, batch.py, export.py, reports.py, hostile.py,
reliability.py, browser.py) is run by run.sh as

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/SUITE.py

and imports this module (its own folder is on sys.path as the script's).
Only the standard library. Here:

- running ripple: run() and ripple() return (status, stdout bytes, stderr
  text); ripple_ok() raises Fail unless ripple exits 0. A command that takes
  longer than TIMEOUT seconds (set per suite by main()) fails the check.
- checks and TAP: a Group runs checks, each a function that returns a list of
  problems (empty: ok) or raises Fail or Skip; run_groups() runs groups side
  by side; report() prints `ok - name`, `ok - name # SKIP why`, `not ok -
  name: why` (and TODO lines for KNOWN_BUGS) per check, then the summary line
  `# SUITE: N passed, N failed, ...`, and returns the exit status.
- main(): reads and checks $RIPPLE, then runs the suite.
- reading what the tests compare against: place folders (read_csv, Place),
  XML and SVG (parse_xml, forbidden_markup), HTML pages (parse,
  structure_problems) and the interpreter that has networkx (find_networkx).
"""
import concurrent.futures
import csv
import hashlib
import html.parser
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATASETS = os.path.join(ROOT, "datasets")
NORTH = os.path.join(DATASETS, "northamptonshire")
STOCKTON = os.path.join(DATASETS, "stockton-on-tees")
TINY = os.path.join(HERE, "places", "tiny")
QUIRKS = os.path.join(HERE, "places", "quirks")      # a place without ripples.csv
HOSTILE = os.path.join(HERE, "places", "hostile")

RIPPLE = None    # the binary under test, absolute: main() sets it from $RIPPLE
TIMEOUT = 120    # seconds a command may run: main() sets it per suite


# ---- running ripple ------------------------------------------------------------

class Fail(Exception):
    """Raised inside a check: the check fails with this reason."""


class Skip(Exception):
    """Raised inside a check that cannot run here: reported as `ok - ... # SKIP why`."""


def short(s, n=300):
    s = s if isinstance(s, str) else repr(s)
    s = s.replace("\n", "|")
    return s if len(s) <= n else s[:n] + "..."


def run(args, env=None, cwd=None, timeout=None):
    """Runs ripple (or another program) and returns (status, stdout bytes, stderr text).
    env adds to the environment; timeout defaults to TIMEOUT."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env,
                       cwd=cwd, timeout=TIMEOUT if timeout is None else timeout)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def ripple(*args, **kw):
    """run() of ripple with ARGS (each made a string)."""
    return run([RIPPLE] + [str(a) for a in args], **kw)


def ripple_ok(*args, **kw):
    """Runs ripple and raises Fail unless it exits 0; returns (stdout bytes, stderr text)."""
    rc, out, err = ripple(*args, **kw)
    if rc != 0:
        raise Fail("ripple %s: exit status %d: %s" % (" ".join(map(str, args[:4])), rc, short(err)))
    return out, err


# the appendix lines of a report that name the command it was made with (source,
# -o FILE): two reports of the same place made by different commands differ there only
REPORT_COMMANDS = re.compile(rb'<pre class="command" data-fact="[a-z-]*command"><code>.*?</code></pre>',
                             re.S)


def report_without_commands(path):
    """The bytes of the report at path, its command lines left out."""
    with open(path, "rb") as f:
        return REPORT_COMMANDS.sub(b"", f.read())


# The plain style of the smaller suites (level.py, sampson.py, batch_waves.py, ...):
# check() prints one TAP-like line per check and counts the failures in FAILED.
FAILED = 0


def check(name, ok, why=""):
    """Prints `ok - name`, or `not ok - name: why` and counts it in FAILED."""
    global FAILED
    if ok:
        print(f"ok - {name}")
    else:
        FAILED += 1
        print(f"not ok - {name}: {why}")


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def db_sum(path):
    """A fingerprint of a database file and its WAL, if one is left."""
    h = hashlib.sha256()
    for p in (path, path + "-wal"):
        if os.path.exists(p):
            with open(p, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def sql(db, query, args=()):
    con = sqlite3.connect(db)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def refusal_problems(args, cwd, say, status=2, precious=None):
    """Runs ripple with ARGS in the folder CWD and returns the problems: an exit status
    other than STATUS, anything on stdout, SAY missing from stderr, or a file of CWD
    written, changed or removed (ripple refuses before it writes). PRECIOUS names a
    file written into CWD first, for ripple to leave alone."""
    if precious:
        with open(os.path.join(cwd, precious), "wb") as f:
            f.write(b"precious bytes\n")
    before = {f: sha(os.path.join(cwd, f)) for f in os.listdir(cwd)}
    rc, out, err = ripple(*args, cwd=cwd)
    problems = []
    if rc != status:
        problems.append("exit status %d, expected %d (stderr: %s)" % (rc, status, short(err)))
    if out:
        problems.append("stdout: %s" % short(out.decode("utf-8", "replace")))
    if say not in err:
        problems.append("stderr lacks %r: %s" % (say, short(err)))
    after = {f: sha(os.path.join(cwd, f)) for f in os.listdir(cwd)}
    if after != before:
        changed = sorted(f for f in set(before) | set(after) if before.get(f) != after.get(f))
        problems.append("the folder changed: %s" % changed)
    return problems


# ---- checks and TAP --------------------------------------------------------------

class Group:
    """The results of one group of checks, printed in order when all are done."""

    def __init__(self):
        self.results = []   # (name, why or None, skip reason or None)

    def check(self, name, fn, *args):
        """Runs fn(*args): it returns a list of problems (empty: ok) or raises Fail or Skip."""
        skip = None
        try:
            problems = fn(*args) or []
        except Fail as e:
            problems = [str(e)]
        except Skip as e:
            problems, skip = [], str(e)
        except Exception as e:  # a crash of the test itself is a failure, not a stop
            problems = ["%s: %s" % (type(e).__name__, e)]
        why = None
        if problems:
            why = "; ".join(short(p, 200) for p in problems[:3])
            if len(problems) > 3:
                why += " (and %d more)" % (len(problems) - 3)
        self.results.append((name, why, skip))


def run_groups(jobs):
    """Runs each (fn, args) of jobs as fn(group, *args) side by side; returns the
    groups in the order of jobs. A job that raises is one failed check named after fn."""
    groups = [Group() for _ in jobs]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = [pool.submit(fn, grp, *args) for grp, (fn, args) in zip(groups, jobs)]
        for grp, fut, (fn, _) in zip(groups, futures, jobs):
            try:
                fut.result()
            except Exception as e:   # a group that could not even start
                grp.results.append((fn.__name__, "%s: %s" % (type(e).__name__, e), None))
    return groups


# Checks skipped as a whole, out of any group (a library or tool missing): report()
# prints them after every group's results, as `ok - name # SKIP why`.
SKIPS = []


def skip(name, why):
    SKIPS.append((name, why))


def report(label, groups, start, known_bugs=None, skips=True, detail=None, tail=None, suffix=""):
    """Prints each check of the groups as a TAP line, then SKIPS, then the summary line
    `# LABEL: N passed, N failed[, N skipped][, N known bugs (TODO)], N checks[; DETAIL,]
    in S (TAIL)SUFFIX` (TAIL: RIPPLE by default); returns the exit status, 1 when a
    check failed. A check whose name starts with a key of known_bugs is a TODO: it is
    reported but does not fail the run (known_bugs None: no TODO column; skips False:
    no skipped column, for a suite that never skips)."""
    npass = nfail = nskip = ntodo = 0
    for grp in groups:
        for name, why, skipped in grp.results:
            todo = next((v for k, v in (known_bugs or {}).items() if name.startswith(k)), None)
            if todo and why is None:
                npass += 1
                print("ok - %s # TODO fixed? remove it from KNOWN_BUGS" % name)
            elif todo:
                ntodo += 1
                print("not ok - %s: %s # TODO known bug: %s" % (name, why, todo))
            elif why is None and skipped:
                nskip += 1
                print("ok - %s # SKIP %s" % (name, skipped))
            elif why is None:
                npass += 1
                print("ok - %s" % name)
            else:
                nfail += 1
                print("not ok - %s: %s" % (name, why))
    for name, why in SKIPS:
        nskip += 1
        print("ok - %s # SKIP %s" % (name, why))
    columns = ["%d passed" % npass, "%d failed" % nfail]
    if skips:
        columns.append("%d skipped" % nskip)
    if known_bugs is not None:
        columns.append("%d known bugs (TODO)" % ntodo)
    columns.append("%d checks" % (npass + nfail + nskip + ntodo))
    print("# %s: %s%s in %.1fs (%s)%s"
          % (label, ", ".join(columns), "; %s," % detail if detail else "", time.time() - start,
             RIPPLE if tail is None else tail, suffix))
    return 1 if nfail else 0


def main(label, suite, timeout=120):
    """Sets RIPPLE from $RIPPLE (made absolute) and TIMEOUT, then returns suite()'s exit
    status; 1 when $RIPPLE names no executable."""
    global RIPPLE, TIMEOUT
    try:
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    except AttributeError:
        pass
    RIPPLE = os.environ.get("RIPPLE", "")
    if RIPPLE and not os.path.isabs(RIPPLE):
        RIPPLE = os.path.abspath(RIPPLE)
    if not RIPPLE or not os.access(RIPPLE, os.X_OK):
        print("%s.py: no ripple binary at %r (set RIPPLE=/abs/path/to/ripple)" % (label, RIPPLE),
              file=sys.stderr)
        return 1
    TIMEOUT = timeout
    return suite()


# ---- place folders, read by the tests themselves -----------------------------------

def norm(s):
    """Text as ripple draws it: runs of spaces and control characters become one space."""
    return " ".join(w for w in re.split(r"[\x00-\x20\x7f]+", s or "") if w)


def read_table(path):
    """(header, rows as dicts) of a CSV file, names lower-cased and cells stripped, blank
    rows left out; None when there is no such file."""
    if not os.path.exists(path):
        return None
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    rows = [r for r in rows if any(c.strip() for c in r)]
    header = [h.strip().lower() for h in rows[0]]
    return header, [{h: c.strip() for h, c in zip(header, r)} for r in rows[1:]]


def read_csv(path):
    """The rows of read_table(path), or None."""
    table = read_table(path)
    return table[1] if table else None


class Place:
    """A place folder as the test reads it (the same rules as schemas/FORMAT.md)."""

    def __init__(self, folder):
        self.folder = folder
        self.actors = read_csv(os.path.join(folder, "actors.csv"))
        self.ties = read_csv(os.path.join(folder, "ties.csv"))
        self.ripples = read_csv(os.path.join(folder, "ripples.csv")) or []
        meta = (read_csv(os.path.join(folder, "place.csv")) or [{}])[0]
        self.name = meta.get("name") or os.path.basename(folder)
        self.programme = meta.get("programme", "")
        self.directed = meta.get("directed", "no").lower() in ("yes", "y", "true", "1")
        waves = read_csv(os.path.join(folder, "waves.csv"))
        if waves:
            ordered = sorted(enumerate(waves), key=lambda iw: int(iw[1].get("ordinal") or iw[0] + 1))
            self.waves = [w["wave"] for _, w in ordered]
        else:
            self.waves = []
            for t in self.ties:
                if t["wave"] not in self.waves:
                    self.waves.append(t["wave"])
        self.index = {a["id"]: i for i, a in enumerate(self.actors)}
        # responses.csv: (actor, wave) -> missing or absent; not listed: answered
        self.responses = {(self.index[r["actor"]], r["wave"]): r["status"].lower()
                          for r in read_csv(os.path.join(folder, "responses.csv")) or []}
        self.label = [a.get("label") or a["id"] for a in self.actors]
        self.sector = [a.get("sector", "") for a in self.actors]
        rid = {r["id"]: i for i, r in enumerate(self.ripples)}
        self.order = []
        for r in self.ripples:
            depth, p = 1, r.get("parent", "")
            while p:
                depth += 1
                p = self.ripples[rid[p]].get("parent", "")
            self.order.append(depth)

    def capitals(self, i):
        """The capitals of ripple i, lower-case and without repeats."""
        caps = []
        for c in self.ripples[i].get("capital", "").split(";"):
            c = c.strip().lower()
            if c and c not in caps:
                caps.append(c)
        return caps

    def negative(self, i):
        return self.ripples[i].get("valence", "").lower() == "negative"

    def unintended(self, i):
        return self.ripples[i].get("intended", "").lower() in ("no", "n", "false", "0")

    def pairs(self, wave):
        """The ties of a wave as pairs of actor indices (several types count once)."""
        out = set()
        for t in self.ties:
            if t["wave"] == wave:
                a, b = self.index[t["source"]], self.index[t["target"]]
                out.add((a, b) if self.directed else (min(a, b), max(a, b)))
        return out

    def weights(self, wave):
        """pair -> summed weight of its ties at the wave."""
        out = {}
        for t in self.ties:
            if t["wave"] == wave:
                a, b = self.index[t["source"]], self.index[t["target"]]
                key = (a, b) if self.directed else (min(a, b), max(a, b))
                out[key] = out.get(key, 0.0) + float(t.get("weight") or 1)
        return out

    def neighbours(self, wave):
        nb = {i: set() for i in range(len(self.actors))}
        for a, b in self.pairs(wave):
            nb[a].add(b)
            nb[b].add(a)
        return nb

    def response(self, a, wave):
        return self.responses.get((a, wave), "answered")

    def observed(self, wave, a, b):
        """Is the pair's tie known at the wave (docs/MEASURES.md, "Change"): directed,
        a answered; undirected, a or b did; never with an absent end."""
        ra, rb = self.response(a, wave), self.response(b, wave)
        if "absent" in (ra, rb):
            return False
        return ra == "answered" or (not self.directed and rb == "answered")

    def change(self, w1, w2):
        """new, lost, kept and bridging pairs, and the first-connected actors, as
        compare counts them by default (--missing reconstruct): new, lost and kept
        only among the pairs observed at both waves."""
        p1, p2 = self.pairs(w1), self.pairs(w2)
        both = {k for k in p1 | p2 if self.observed(w1, *k) and self.observed(w2, *k)}
        new, lost, kept = (p2 - p1) & both, (p1 - p2) & both, (p1 & p2) & both
        nb = self.neighbours(w1)   # undirected view of W1
        bridging = set()
        for a, b in new:
            near = {a} | nb[a]
            for x in nb[a]:
                near |= nb[x]
            if b not in near:      # different components or more than two steps apart
                bridging.add((a, b))
        earlier = set()
        for w in self.waves[: self.waves.index(w2)]:
            for a, b in self.pairs(w):
                earlier |= {a, b}
        # first connected: tied at W2 by a reported tie, at no wave before; with
        # responses only who answered W1 (known to have had no tie; not a joiner)
        tied2 = {x for pair in p2 for x in pair if self.response(x, w1) == "answered"}
        return new, lost, kept, bridging, tied2 - earlier

    def top_org(self, i):
        while self.actors[i].get("parent"):
            i = self.index[self.actors[i]["parent"]]
        return i

    def org(self, i):
        """An actor's organisation: its topmost ancestor when that is an organisation
        (the default kind), else None (not known)."""
        t = self.top_org(i)
        return t if (self.actors[t].get("kind") or "organisation").lower() == "organisation" else None


# ---- XML and SVG ---------------------------------------------------------------------

def parse_xml(path):
    """The root element of an XML (SVG, GraphML, GEXF) file; Fail when it does not parse."""
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as e:
        raise Fail("%s does not parse as XML: %s" % (os.path.basename(path), e))


def forbidden_markup(root, raw):
    """Elements and attributes that would run or load something (or markup from a label,
    like <b>, which SVG does not have), and '<script' left unescaped in the file."""
    bad = []
    for e in root.iter():
        tag = e.tag.split("}")[-1].lower()
        if tag in ("script", "img", "iframe", "foreignobject", "object", "embed", "b"):
            bad.append("a <%s> element" % tag)
        for k in e.attrib:
            if k.split("}")[-1].lower().startswith("on"):
                bad.append("an attribute %s" % k)
    if re.search(rb"<\s*script", raw, re.I):
        bad.append("'<script' unescaped in the file")
    return bad


def find_networkx():
    """The interpreter to read the files with: the first with networkx and python-igraph,
    else the first with networkx; or None and why."""
    candidates = []
    for exe in (sys.executable, "/usr/bin/python3", shutil.which("python3")):
        if exe and exe not in candidates and os.access(exe, os.X_OK):
            candidates.append(exe)
    for modules in ("networkx, igraph", "networkx"):
        for exe in candidates:
            if subprocess.run([exe, "-c", "import " + modules], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0:
                return exe, None
    return None, "no python with networkx (tried %s; apt-get install python3-networkx)" % ", ".join(candidates)


# ---- HTML pages (ripple report) ---------------------------------------------------------

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
FORBIDDEN = ("script", "iframe", "object", "embed", "link", "base", "frame", "frameset",
             "applet", "foreignobject", "meta-refresh", "audio", "video", "source", "form",
             "input", "button")


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.content = [], []   # content: text and child nodes, in order

    def iter(self):
        yield self
        for c in self.children:
            yield from c.iter()

    def all_text(self):
        return "".join(c if isinstance(c, str) else c.all_text() for c in self.content)

    def find_all(self, tag=None, **attrs):
        for n in self.iter():
            if tag and n.tag != tag:
                continue
            if all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                yield n


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Parser(html.parser.HTMLParser):
    """A tree of the page (tags lower-cased, as a browser's HTML parser does),
    with the problems a strict reader would see: stray end tags, unclosed ones."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.cur = self.root
        self.problems = []
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        self.cur.content.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        self.cur.content.append(n)

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is None:
            self.problems.append("end tag </%s> without a start" % tag)
            return
        if n is not self.cur:
            self.problems.append("<%s> closed by </%s>" % (self.cur.tag, tag))
        self.cur = n.parent

    def handle_data(self, data):
        self.cur.content.append(data)


def parse(path):
    """(the file's bytes, its Parser) of an HTML page."""
    with open(path, "rb") as f:
        raw = f.read()
    p = Parser()
    p.feed(raw.decode("utf-8"))
    p.close()
    if p.cur is not p.root:
        p.problems.append("<%s> never closed" % p.cur.tag)
    return raw, p


def structure_problems(raw, p):
    """Everything a self-contained, accessible page must be; a list of problems."""
    bad = list(p.problems)
    root = p.root
    if not p.doctype or p.doctype.lower() != "doctype html":
        bad.append("no <!DOCTYPE html>")
    htmls = list(root.find_all("html"))
    if len(htmls) != 1 or not htmls[0].attrs.get("lang"):
        bad.append("<html lang=...> missing")
    if not any(m.attrs.get("charset", "").lower() == "utf-8" for m in root.find_all("meta")):
        bad.append("no <meta charset=utf-8>")
    if len(list(root.find_all("title"))) < 1 or not next(root.find_all("title")).all_text().strip():
        bad.append("no page <title>")
    # headings: one h1, never a skipped level
    levels = [int(n.tag[1]) for n in root.iter() if n.tag in HEADINGS]
    if levels.count(1) != 1:
        bad.append("%d <h1> (want 1)" % levels.count(1))
    if levels and levels[0] != 1:
        bad.append("the first heading is h%d" % levels[0])
    for a, b in zip(levels, levels[1:]):
        if b > a + 1:
            bad.append("heading h%d follows h%d (a level skipped)" % (b, a))
            break
    for n in root.iter():
        if n.tag in HEADINGS and not n.all_text().strip():
            bad.append("an empty <%s>" % n.tag)
    # pictures and charts have a text alternative
    for svg in root.find_all("svg"):
        kids = [c for c in svg.children if c.tag == "title"]
        if not kids or not kids[0].all_text().strip():
            bad.append("an <svg id=%r> without a <title> first" % svg.attrs.get("id"))
        elif svg.children[0].tag != "title":
            bad.append("<svg id=%r>: <title> is not its first child" % svg.attrs.get("id"))
        if svg.attrs.get("role") != "img":
            bad.append("<svg id=%r> without role=img" % svg.attrs.get("id"))
        if not (svg.attrs.get("aria-label") or svg.attrs.get("aria-labelledby")):
            bad.append("<svg id=%r> without aria-label(ledby)" % svg.attrs.get("id"))
    for img in root.find_all("img"):
        if not img.attrs.get("alt"):
            bad.append("an <img> without alt")
    # nothing that runs or loads
    for n in root.iter():
        if n.tag in FORBIDDEN:
            bad.append("a <%s> element" % n.tag)
        if n.tag == "meta" and n.attrs.get("http-equiv"):
            bad.append("<meta http-equiv>")
        for k, v in n.attrs.items():
            v = v or ""
            if k.startswith("on"):
                bad.append("an attribute %s on <%s>" % (k, n.tag))
            if k in ("src", "srcset", "data", "poster", "action", "formaction", "background"):
                bad.append("an attribute %s=%r on <%s>" % (k, short(v, 40), n.tag))
            if k in ("href", "xlink:href") and not v.startswith("#"):
                bad.append("a link %s=%r on <%s>" % (k, short(v, 40), n.tag))
            if "url(" in v and not re.fullmatch(r"[^()]*(url\(#[^)]*\)[^()]*)+", v):
                bad.append("url() to outside in %s=%r" % (k, short(v, 40)))
    for s in root.find_all("style"):
        css = s.all_text()
        if "@import" in css or re.search(r"url\((?!#)", css) or "@font-face" in css:
            bad.append("CSS that loads something")
    if re.search(rb"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", raw, re.I):
        bad.append("an http(s):// or //host/ reference in the file")
    # ids unique, fragment links land
    ids = [n.attrs["id"] for n in root.iter() if n.attrs.get("id")]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        bad.append("ids used twice: %s" % ", ".join(dup[:5]))
    for n in root.iter():
        for k in ("href", "xlink:href"):
            v = n.attrs.get(k)
            if v and v.startswith("#") and v[1:] not in ids:
                bad.append("link to missing #%s" % v[1:])
    return bad
