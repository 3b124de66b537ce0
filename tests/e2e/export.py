#!/usr/bin/env python3
"""End-to-end checks of `ripple export` (GraphML, GEXF, DOT, CSV).

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/export.py

(run.sh runs it after pictures.py, so `make check-e2e` runs it on the release
and the ASan build.) Every expected value is computed here from the CSV files
of the place (actors, pairs tied at a wave, summed weights, types, trust means,
degrees, the waves each pair is tied at), never taken from ripple's output,
except the measures, which must equal what `ripple metrics --nodes` prints.

The files are read with the standard library (ElementTree, csv). Whether
GraphML and GEXF open in networkx (and GraphML in python-igraph) is checked
with the first interpreter that has networkx: this one, or Debian's
/usr/bin/python3. When none has it those checks print `# SKIP` with the
reason; they never pass silently. DOT is read back by Graphviz's `dot`, and
the CSV by R's read.csv when Rscript is there (else `# SKIP`).

Places: datasets/northamptonshire, datasets/stockton-on-tees,
tests/e2e/places/hostile (labels made to break escaping), `surveyed`, written
here with a responses.csv (a joiner, a leaver and non-respondents: who is
written at each wave and with which response, in every format, and through
Kumu and back), and `odd`, written here: a directed place with extra actor and tie columns (one named like a
measure, one like an edge column), two typed ties on one ordered pair, control
characters that XML cannot carry, and no waves.csv (so GEXF time is the
ordinal). Import refuses control characters, so `odd` is imported with
placeholders that SQL then turns into them, as a database edited by hand (or
written by an older ripple) may hold; its exports are made from that database.

Prints `ok - name`, `ok - name # SKIP why` or `not ok - name: why` per check,
a summary, and exits 1 when a check failed.
"""
import copy
import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import harness
from harness import (HOSTILE, NORTH, ROOT, STOCKTON, Fail, find_networkx, parse_xml, read_csv, ripple_ok,
                     run, short)

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
SVG = "{http://www.w3.org/2000/svg}"


# ---- the place, as the test reads it ---------------------------------------------

class Place(harness.Place):
    """harness.Place plus what export needs: wave times, types, trust, extra columns."""

    def __init__(self, folder):
        super().__init__(folder)
        rows = read_csv(os.path.join(folder, "waves.csv"))
        if rows:
            self.ordinal = {w["wave"]: int(w.get("ordinal") or i + 1) for i, w in enumerate(rows)}
            self.date = {w["wave"]: w.get("date", "") for w in rows}
        else:
            self.ordinal = {w: i + 1 for i, w in enumerate(self.waves)}
            self.date = {w: "" for w in self.waves}
        dates = [self.date[w] for w in self.waves]
        self.dated = bool(dates) and all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates) \
            and all(a < b for a, b in zip(dates, dates[1:]))
        self.ids = [a["id"] for a in self.actors]
        rows = read_csv(os.path.join(folder, "responses.csv"))
        self.has_responses = rows is not None
        self.responses = {(r["actor"], r["wave"]): r["status"] for r in rows or []}

    def response(self, actor, wave):
        """answered, missing or absent (responses.csv; not listed: answered)."""
        return self.responses.get((actor, wave), "answered")

    def at(self, waves):
        """The place as an export of these waves holds it: the actors present at one of them
        (not absent, schemas/FORMAT.md), in actors.csv order; itself when that is every actor."""
        keep = [a for a in self.actors if any(self.response(a["id"], w) != "absent" for w in waves)]
        if len(keep) == len(self.actors):
            return self
        p = copy.copy(self)
        p.actors = keep
        p.ids = [a["id"] for a in keep]
        p.index = {i: k for k, i in enumerate(p.ids)}
        p.label = [a.get("label") or a["id"] for a in keep]
        p.sector = [a.get("sector", "") for a in keep]
        return p

    def time(self, wave):
        """The time of a wave in GEXF: its date when every wave has one, else its ordinal."""
        return self.date[wave] if self.dated else str(self.ordinal[wave])

    def key(self, t):
        a, b = self.index[t["source"]], self.index[t["target"]]
        return (a, b) if self.directed else (min(a, b), max(a, b))

    def rows(self, wave):
        """pair -> its ties.csv rows at the wave, in file order."""
        out = {}
        for t in self.ties:
            if t["wave"] == wave:
                out.setdefault(self.key(t), []).append(t)
        return out

    def types(self, wave):
        out = {}
        for pair, rows in self.rows(wave).items():
            seen = []
            for t in rows:
                if t.get("type") and t["type"] not in seen:
                    seen.append(t["type"])
            out[pair] = ";".join(seen)
        return out

    def mean(self, wave, column):
        """pair -> mean of the numeric column over its ties that have it (absent: none)."""
        out = {}
        for pair, rows in self.rows(wave).items():
            vals = [float(t[column]) for t in rows if t.get(column)]
            if vals:
                out[pair] = sum(vals) / len(vals)
        return out

    def degree(self, wave):
        """Edges at each actor: partners, or in + out ordered pairs when directed."""
        deg = [0] * len(self.actors)
        for a, b in self.pairs(wave):
            deg[a] += 1
            deg[b] += 1
        return deg

    def spells(self):
        """pair -> the times of the waves it is tied at, in wave order."""
        out = {}
        for w in self.waves:
            for pair in sorted(self.pairs(w)):
                out.setdefault(pair, []).append(self.time(w))
        return out


def xml_text(s):
    """What XML can carry of s, as ripple writes it: other control characters become spaces."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", s)


def near(a, b, tol=1e-9):
    return abs(float(a) - float(b)) <= tol * (1 + abs(float(b)))


def metrics_nodes(place, wave):
    """`ripple metrics --nodes` of one wave: actor id -> {column: text}."""
    out, _ = ripple_ok("metrics", place.folder, "--nodes", "--wave", wave, "--format", "csv",
                       *(["--directed"] if place.directed else []))
    rows = list(csv.DictReader(out.decode("utf-8").splitlines(True)))
    return {r["actor"]: r for r in rows}


# not actor measures: who the row is, and the wave's response columns (`response` is checked
# where the place has a responses.csv, by surveyed_checks)
MEASURES_SKIPPED = {"place", "wave", "actor", "label", "sector", "response", "response_rate", "policy"}


# ---- GraphML ---------------------------------------------------------------------

def graphml_read(path):
    """(directed, nodes: [{name: value}], edges: [(source, target, {name: value})]) by ElementTree."""
    root = parse_xml(path)
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(GRAPHML + "key")}
    graph = root.find(GRAPHML + "graph")
    if graph is None:
        raise Fail("no <graph>")
    def data(e):
        return {keys[d.get("key")]: d.text or "" for d in e.findall(GRAPHML + "data")}
    nodes, ids = [], {}
    for i, n in enumerate(graph.findall(GRAPHML + "node")):
        ids[n.get("id")] = i
        nodes.append(data(n))
    edges = [(ids[e.get("source")], ids[e.get("target")], data(e)) for e in graph.findall(GRAPHML + "edge")]
    return graph.get("edgedefault") == "directed", nodes, edges


def graphml_checks(grp, tag, place, wave, work):
    path = os.path.join(work, "%s.graphml" % tag)
    state = {}

    def produce():
        ripple_ok("export", place.folder, "--wave", wave, "-o", path)
        state["g"] = graphml_read(path)
    grp.check("graphml %s --wave %s: written, parses as XML" % (tag, wave), produce)

    def need():
        if "g" not in state:
            raise Fail("no file")
        return state["g"]

    def shape():
        directed, nodes, edges = need()
        problems = []
        if directed != place.directed:
            problems.append("edgedefault directed=%s, the place %s" % (directed, place.directed))
        if len(nodes) != len(place.actors):
            problems.append("%d nodes, %d actors" % (len(nodes), len(place.actors)))
        pairs = place.pairs(wave)
        got = [(a, b) if place.directed else (min(a, b), max(a, b)) for a, b, _ in edges]
        if len(got) != len(pairs) or set(got) != pairs:
            problems.append("%d edges, expected the %d distinct pairs tied at %s" % (len(got), len(pairs), wave))
        return problems
    grp.check("graphml %s: one node per actor, one edge per pair tied at %s, direction of the place"
              % (tag, wave), shape)

    def attributes():
        _, nodes, edges = need()
        problems = []
        for i, (n, a) in enumerate(zip(nodes, place.actors)):
            want = {"name": a["id"], "label": place.label[i], "kind": a.get("kind") or "organisation",
                    "parent": a.get("parent", ""), "sector": a.get("sector", ""), "town": a.get("town", "")}
            for k, v in want.items():
                if n.get(k) != xml_text(v):
                    problems.append("node %d %s=%r, expected %r" % (i, k, n.get(k), v))
        deg = place.degree(wave)
        for i, n in enumerate(nodes):
            if not near(n.get("degree", "nan"), deg[i]):
                problems.append("%s degree %s, %d partners in ties.csv" % (place.ids[i], n.get("degree"), deg[i]))
        weights, types = place.weights(wave), place.types(wave)
        for a, b, d in edges:
            key = (a, b) if place.directed else (min(a, b), max(a, b))
            if not near(d.get("weight", "nan"), weights[key]):
                problems.append("edge %s weight %s, expected %s" % (key, d.get("weight"), weights[key]))
            if d.get("type") != xml_text(types[key]):
                problems.append("edge %s type %r, expected %r" % (key, d.get("type"), types[key]))
            if not near(d.get("ties", "nan"), len(place.rows(wave)[key])):
                problems.append("edge %s ties %s" % (key, d.get("ties")))
        return problems
    grp.check("graphml %s: actor attributes, degree = partners in ties.csv, edge weight/type/ties"
              % tag, attributes)

    def measures():
        _, nodes, _ = need()
        want = metrics_nodes(place, wave)
        problems = []
        for i, n in enumerate(nodes):
            for col, v in want[place.ids[i]].items():
                if col in MEASURES_SKIPPED:
                    continue
                if v == "":
                    if col in n:
                        problems.append("%s %s=%s, metrics says null" % (place.ids[i], col, n[col]))
                elif col not in n or not near(n[col], v):
                    problems.append("%s %s=%s, metrics says %s" % (place.ids[i], col, n.get(col), v))
        return problems
    grp.check("graphml %s: every actor measure equals ripple metrics --nodes" % tag, measures)
    return path


# ---- GEXF ------------------------------------------------------------------------

def gexf_checks(grp, tag, place, work):
    path = os.path.join(work, "%s.gexf" % tag)
    state = {}

    def produce():
        ripple_ok("export", place.folder, "-o", path)
        state["root"] = parse_xml(path)
    grp.check("gexf %s: written without --wave, parses as XML" % tag, produce)

    def need():
        if "root" not in state:
            raise Fail("no file")
        root = state["root"]
        graph = root.find(GEXF + "graph")
        if graph is None:
            raise Fail("no <graph> in the GEXF 1.2 namespace")
        return graph

    def header():
        g = need()
        problems = []
        want = {"mode": "dynamic", "timeformat": "date" if place.dated else "integer",
                "defaultedgetype": "directed" if place.directed else "undirected"}
        for k, v in want.items():
            if g.get(k) != v:
                problems.append("graph %s=%r, expected %r" % (k, g.get(k), v))
        return problems
    grp.check("gexf %s: mode dynamic, timeformat %s, edge type of the place"
              % (tag, "date" if place.dated else "integer"), header)

    def nodes():
        g = need()
        got = [(n.get("id"), n.get("label")) for n in g.iter(GEXF + "node")]
        want = [(xml_text(i), xml_text(l)) for i, l in zip(place.ids, place.label)]
        if got != want:
            return ["%d nodes %s, expected %d actors %s" % (len(got), short(got, 150), len(want),
                                                            short(want, 150))]
    grp.check("gexf %s: one node per actor, id and label as in actors.csv" % tag, nodes)

    def spells():
        g = need()
        want = place.spells()
        index = {xml_text(i): k for k, i in enumerate(place.ids)}
        got = {}
        problems = []
        for e in g.iter(GEXF + "edge"):
            a, b = index[e.get("source")], index[e.get("target")]
            key = (a, b) if place.directed else (min(a, b), max(a, b))
            if key in got:
                problems.append("two edges for %s" % (key,))
            times = [(s.get("start"), s.get("end")) for s in e.iter(GEXF + "spell")]
            if any(s != t for s, t in times):
                problems.append("edge %s has a spell that is not one wave: %s" % (key, times))
            got[key] = [s for s, _ in times]
            # the weight at each wave it is tied at
            for av in e.iter(GEXF + "attvalue"):
                if av.get("for") == "weight":
                    wave = next(w for w in place.waves if place.time(w) == av.get("start"))
                    if not near(av.get("value"), place.weights(wave)[key]):
                        problems.append("edge %s weight %s at %s" % (key, av.get("value"), wave))
        if set(got) != set(want):
            problems.append("%d edges, expected %d pairs tied at some wave" % (len(got), len(want)))
        for key in set(got) & set(want):
            if got[key] != want[key]:
                problems.append("edge %s spells %s, tied at %s" % (key, got[key], want[key]))
        return problems
    grp.check("gexf %s: one edge per pair, with a spell for each wave it is tied at (from ties.csv)"
              % tag, spells)

    def degree():
        g = need()
        problems = []
        for w in place.waves:
            deg = place.degree(w)
            for i, n in enumerate(g.iter(GEXF + "node")):
                vals = [av.get("value") for av in n.iter(GEXF + "attvalue")
                        if av.get("for") == "degree" and av.get("start") == place.time(w)]
                if place.response(place.ids[i], w) == "absent":
                    if vals:
                        problems.append("%s absent at %s has a degree then: %s" % (place.ids[i], w, vals))
                elif vals != [str(deg[i])]:
                    problems.append("%s degree at %s: %s, expected %d" % (place.ids[i], w, vals, deg[i]))
        return problems
    grp.check("gexf %s: each actor's degree at each wave as a dynamic value" % tag, degree)
    return path


# ---- DOT -------------------------------------------------------------------------

def dot_checks(grp, tag, place, wave, work):
    path = os.path.join(work, "%s.gv" % tag)       # .gv: the other DOT extension

    def check():
        ripple_ok("export", place.folder, "--wave", wave, "-o", path)
        p = subprocess.run(["dot", "-Tsvg", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise Fail("dot -Tsvg: exit %d: %s" % (p.returncode, short(p.stderr.decode("utf-8", "replace"))))
        root = ET.fromstring(p.stdout)
        nodes = [g for g in root.iter(SVG + "g") if "node" in (g.get("class") or "").split()]
        edges = [g for g in root.iter(SVG + "g") if "edge" in (g.get("class") or "").split()]
        problems = []
        if len(nodes) != len(place.actors):
            problems.append("%d nodes drawn, %d actors" % (len(nodes), len(place.actors)))
        if len(edges) != len(place.pairs(wave)):
            problems.append("%d edges drawn, %d pairs" % (len(edges), len(place.pairs(wave))))
        # dot places nodes by rank: find each actor by its node name, the <title>
        drawn = {g.findtext(SVG + "title"): g for g in nodes}
        if sorted(drawn) != sorted(place.ids):
            problems.append("node names %s, expected the actor ids" % short(sorted(drawn), 150))
        for actor, label in zip(place.ids, place.label):
            g = drawn.get(actor)
            if g is None:
                continue
            lines = ["".join(t.itertext()) for t in g.iter(SVG + "text")]
            want = [re.sub(r"[\x00-\x1f]", " ", line) for line in label.replace("\r\n", "\n").split("\n")]
            if lines != want:
                problems.append("label drawn as %r, expected %r" % (lines, want))
        return problems
    grp.check("dot %s --wave %s (-o x.gv): dot -Tsvg reads it, every actor and pair, labels drawn literally"
              % (tag, wave), check)


# ---- CSV -------------------------------------------------------------------------

def read_table(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise Fail("%s is empty" % os.path.basename(path))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]], rows


def csv_checks(grp, tag, place, wave, work):
    path = os.path.join(work, "%s.csv" % tag)
    nodes_path = os.path.join(work, "%s-nodes.csv" % tag)
    state = {}

    def produce():
        ripple_ok("export", place.folder, "--wave", wave, "-o", path)
        state["edges"] = read_table(path)
        state["nodes"] = read_table(nodes_path)
        problems = []
        for name, (_, _, rows) in (("edges", state["edges"]), ("nodes", state["nodes"])):
            widths = {len(r) for r in rows}
            if len(widths) != 1:
                problems.append("%s: rows of %s fields" % (name, sorted(widths)))
        return problems
    grp.check("csv %s --wave %s: edges in %s.csv, actors in %s-nodes.csv, every row as wide as the header"
              % (tag, wave, tag, tag), produce)

    def need(k):
        if k not in state:
            raise Fail("no file")
        return state[k]

    def edges():
        header, rows, _ = need("edges")
        problems = []
        if header[:6] != ["source", "target", "wave", "type", "weight", "ties"]:
            problems.append("header %s" % header)
        index = {i: k for k, i in enumerate(place.ids)}
        weights, types, trust = place.weights(wave), place.types(wave), place.mean(wave, "trust")
        got = set()
        for r in rows:
            a, b = index[r["source"]], index[r["target"]]
            key = (a, b) if place.directed else (min(a, b), max(a, b))
            got.add(key)
            if r["wave"] != wave:
                problems.append("wave %r" % r["wave"])
            if not near(r["weight"], weights[key]) or r["type"] != types[key] or \
                    int(r["ties"]) != len(place.rows(wave)[key]):
                problems.append("edge %s: weight %s type %r ties %s" % (key, r["weight"], r["type"], r["ties"]))
            if "trust" in r and (r["trust"] != "" or key in trust) and not near(r["trust"] or "nan", trust[key]):
                problems.append("edge %s trust %s, mean %s" % (key, r["trust"], trust.get(key)))
        if got != place.pairs(wave) or len(rows) != len(got):
            problems.append("%d rows for %d pairs tied at %s" % (len(rows), len(place.pairs(wave)), wave))
        return problems
    grp.check("csv %s: one edge row per pair, weight = sum, type = its types, trust = mean (from ties.csv)"
              % tag, edges)

    def nodes():
        header, rows, _ = need("nodes")
        problems = []
        if header[:7] != ["id", "label", "kind", "parent", "sector", "town", "attended"]:
            problems.append("header %s" % header[:8])
        if [r["id"] for r in rows] != place.ids:
            problems.append("ids %s" % short([r["id"] for r in rows], 120))
        for r, label in zip(rows, place.label):
            if r["label"] != label:
                problems.append("label %r read back, actors.csv has %r" % (r["label"], label))
        deg = place.degree(wave)
        for i, r in enumerate(rows):
            if r.get("degree") != str(deg[i]):
                problems.append("%s degree %s, %d in ties.csv" % (r["id"], r.get("degree"), deg[i]))
        want = metrics_nodes(place, wave)
        for r in rows:
            for col, v in want[r["id"]].items():
                if col not in MEASURES_SKIPPED and r.get(col) != v:
                    problems.append("%s %s=%r, metrics says %r" % (r["id"], col, r.get(col), v))
        return problems
    grp.check("csv %s: one row per actor, labels read back exactly, degree from ties.csv, "
              "measures as ripple metrics --nodes" % tag, nodes)
    return path, nodes_path


# ---- surveyed: responses.csv ---------------------------------------------------------

# e joins at w2 (absent at w1), d leaves (absent at w2); b did not answer at w1, c at w2.
# No tie is reported by a non-respondent or names an absent actor (import refuses those).
SURVEYED = {
    "actors.csv": "id,label,sector,attended\na,A,VCSE,yes\nb,B,Health,w1\nc,C,Sport,no\nd,D,VCSE,\ne,E,Health,\n",
    "waves.csv": "wave,ordinal,date\nw1,1,2025-01-10\nw2,2,2025-07-01\n",
    "ties.csv": "source,target,wave\na,b,w1\na,c,w1\nc,d,w1\na,b,w2\nb,e,w2\na,c,w2\n",
    "responses.csv": "actor,wave,status\ne,w1,absent\nd,w2,absent\nb,w1,missing\nc,w2,missing\n",
}


def surveyed_checks(grp, work):
    folder = os.path.join(work, "surveyed")
    os.mkdir(folder)
    for name, text in SURVEYED.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    place = Place(folder)

    def want(wave):
        """[(id, response)] of the actors present at the wave, from the CSV files."""
        return [(i, place.response(i, wave)) for i in place.ids if place.response(i, wave) != "absent"]

    def csv_nodes():
        problems = []
        for wave in place.waves:
            path = os.path.join(work, "surveyed-%s.csv" % wave)
            ripple_ok("export", folder, "--wave", wave, "-o", path)
            header, rows, _ = read_table(os.path.join(work, "surveyed-%s-nodes.csv" % wave))
            if header[:8] != ["id", "label", "kind", "parent", "sector", "town", "attended", "response"]:
                problems.append("header %s" % header[:8])
            got = [(r["id"], r.get("response")) for r in rows]
            if got != want(wave):
                problems.append("%s: %s, expected %s" % (wave, got, want(wave)))
            b = [r for r in rows if r["id"] == "b"]
            if b and b[0]["attended"] != "w1":
                problems.append("b attended %r, actors.csv says w1" % b[0]["attended"])
        return problems
    grp.check("surveyed csv: at each wave a row per actor present (joiner and leaver left out where "
              "absent), response from responses.csv, attended says when", csv_nodes)

    def graphml_dot():
        problems = []
        for wave in place.waves:
            path = os.path.join(work, "surveyed-%s.graphml" % wave)
            ripple_ok("export", folder, "--wave", wave, "-o", path)
            _, nodes, edges = graphml_read(path)
            got = [(n.get("name"), n.get("response")) for n in nodes]
            if got != want(wave):
                problems.append("graphml %s: %s, expected %s" % (wave, got, want(wave)))
            ids = [n.get("name") for n in nodes]
            pairs = {tuple(sorted((ids[a], ids[b]))) for a, b, _ in edges}
            tied = {tuple(sorted((place.ids[a], place.ids[b]))) for a, b in place.pairs(wave)}
            if pairs != tied:
                problems.append("graphml %s: edges %s, ties.csv %s" % (wave, sorted(pairs), sorted(tied)))
            path = os.path.join(work, "surveyed-%s.dot" % wave)
            ripple_ok("export", folder, "--wave", wave, "-o", path)
            with open(path, encoding="utf-8") as f:
                got = re.findall(r'^\t"([^"]*)" \[.*response="([a-z]*)"', f.read(), re.M)
            if got != want(wave):
                problems.append("dot %s: %s, expected %s" % (wave, got, want(wave)))
        return problems
    grp.check("surveyed graphml and dot: the actors present at the wave, each with its response; "
              "edges as in ties.csv", graphml_dot)

    def gexf():
        path = os.path.join(work, "surveyed.gexf")
        ripple_ok("export", folder, "-o", path)
        g = parse_xml(path).find(GEXF + "graph")
        problems = []
        for n in g.iter(GEXF + "node"):
            i = n.get("id")
            spells = [(s.get("start"), s.get("end")) for s in n.iter(GEXF + "spell")]
            present = [place.time(w) for w in place.waves if place.response(i, w) != "absent"]
            if len(present) == len(place.waves):
                if spells:
                    problems.append("%s present at every wave has spells %s" % (i, spells))
            elif spells != [(t, t) for t in present]:
                problems.append("%s spells %s, present at %s" % (i, spells, present))
            got = [(av.get("start"), av.get("value")) for av in n.iter(GEXF + "attvalue")
                   if av.get("for") == "response"]
            expect = [(place.time(w), place.response(i, w)) for w in place.waves
                      if place.response(i, w) != "absent"]
            if got != expect:
                problems.append("%s responses %s, expected %s" % (i, got, expect))
        if [n.get("id") for n in g.iter(GEXF + "node")] != place.ids:
            problems.append("nodes %s" % [n.get("id") for n in g.iter(GEXF + "node")])
        return problems
    grp.check("surveyed gexf: a joiner and a leaver have a spell per wave they were part of, "
              "every actor its response at each such wave (dated waves)", gexf)

    def kumu():
        out = os.path.join(work, "surveyed-kumu")
        ripple_ok("export", folder, "--format", "kumu", "-o", out)
        header, rows, _ = read_table(os.path.join(out, "elements.csv"))
        problems = []
        cols = ["Response %s" % w for w in place.waves]
        if header[-2:] != cols:
            problems.append("elements header ends %s, expected %s" % (header[-2:], cols))
        for r in rows:
            got = [r.get(c) for c in cols]
            expect = [place.response(r["ID"], w) for w in place.waves]
            if got != expect:
                problems.append("%s: %s, expected %s" % (r["ID"], got, expect))
        # back into ripple: `places` says the same of who answered each wave
        db = os.path.join(work, "surveyed-kumu.db")
        ripple_ok("import", db, out, "--from", "kumu", "--name", "surveyed")
        rows = []
        for src in (folder, db):
            out, _ = ripple_ok("places", src, "--format", "csv")
            # Kumu has no wave dates: every other column must come back
            rows.append([{k: v for k, v in r.items() if k != "date"}
                         for r in csv.DictReader(out.decode("utf-8").splitlines(True))])
        if rows[0] != rows[1]:
            problems.append("places of the folder %s, of the Kumu import %s" % (short(rows[0], 300),
                                                                                 short(rows[1], 300)))
        return problems
    grp.check("surveyed kumu: a Response <wave> field per wave, and the import of it gives the "
              "same places rows but the dates (waves, ties, who answered)", kumu)


# ---- odd: directed, extra columns, control characters ------------------------------

# {VT} {SOH} {FF} {STX}: placeholders for the control characters 0x0B 0x01 0x0C 0x02,
# which import refuses; SQL puts them in the database afterwards
ODD_ACTORS = ('id,label,kind,parent,sector,town,attended,role,degree,Note\n'
              'a,"Alpha{VT}A{SOH}",organisation,,VCSE,X,yes,chair,hub,"n1{FF}"\n'
              'b,Beta\\,team,a,VCSE,X,no,,,\n'
              'c,Gamma,person,,Health,Y,,member,,\n')
ODD_TIES = ('source,target,wave,type,weight,value,note,ties\n'
            'a,b,w1,info,1,3,"x{STX}",7\n'
            'a,b,w1,ref,2,4,y,\n'
            'b,a,w1,info,1,,,\n'
            'a,c,w2,info,1.5,,z,\n'
            'c,a,w2,,1,2,,\n')
ODD_CONTROLS = (("{VT}", 11), ("{SOH}", 1), ("{FF}", 12), ("{STX}", 2))


def odd_checks(grp, work):
    folder = os.path.join(work, "odd")
    os.mkdir(folder)
    for name, text in (("actors.csv", ODD_ACTORS), ("ties.csv", ODD_TIES),
                       ("place.csv", "name,programme,directed\nOdd,,yes\n")):
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    place = Place(folder)
    paths = {}
    # the exports below read this database, "Odd" in it holding the control characters
    db = os.path.join(work, "odd.db")
    try:
        ripple_ok("import", db, folder)
        con = sqlite3.connect(db)
        with con:
            for table, col in (("actor", "label"), ("actor_attribute", "value"),
                               ("tie_attribute", "value")):
                for token, code in ODD_CONTROLS:
                    con.execute("UPDATE %s SET %s = replace(%s, ?, char(?))" % (table, col, col),
                                (token, code))
        con.close()
    except Fail as e:
        grp.check("odd: the database with control characters is made", lambda: [str(e)])
        return place, paths

    def graphml():
        paths["graphml"] = graphml_checks_path = os.path.join(work, "odd.graphml")
        ripple_ok("export", db, "Odd", "--wave", "w1", "-o", graphml_checks_path)
        directed, nodes, edges = graphml_read(graphml_checks_path)
        problems = []
        if not directed:
            problems.append("not directed")
        a = nodes[0]
        want = {"label": "Alpha A ", "role": "chair", "extra_degree": "hub", "note": "n1 ",
                "degree": "2", "in_degree": "1", "out_degree": "1"}
        for k, v in want.items():
            if a.get(k) is None or (a[k] != v and not (k.endswith("degree") and near(a[k], v))):
                problems.append("actor a %s=%r, expected %r" % (k, a.get(k), v))
        ab = [d for s, t, d in edges if (s, t) == (0, 1)]
        ba = [d for s, t, d in edges if (s, t) == (1, 0)]
        if len(edges) != 2 or len(ab) != 1 or len(ba) != 1:
            return problems + ["edges %s, expected a->b and b->a" % edges]
        want = {"type": "info;ref", "weight": "3", "ties": "2", "value": "3.5", "note": "x ;y", "extra_ties": "7"}
        for k, v in want.items():
            if ab[0].get(k) is None or (ab[0][k] != v and not near(ab[0][k], v) if k in ("weight", "ties", "value")
                                        else ab[0].get(k) != v):
                problems.append("a->b %s=%r, expected %r" % (k, ab[0].get(k), v))
        if "value" in ba[0]:
            problems.append("b->a has value %r, its tie has none" % ba[0]["value"])
        return problems
    grp.check("odd graphml: directed; extra columns kept (one renamed extra_degree); control characters "
              "as spaces; a->b merges two typed ties (type info;ref, weight 3, value mean 3.5)", graphml)

    def csv_exact():
        path = os.path.join(work, "odd.csv")
        ripple_ok("export", db, "Odd", "--format", "CSV", "--wave", "w1", "-o", path)
        header, rows, _ = read_table(path)
        nheader, nrows, _ = read_table(os.path.join(work, "odd-nodes.csv"))
        problems = []
        if header != ["source", "target", "wave", "type", "weight", "ties", "note", "extra_ties", "value"]:
            problems.append("edge header %s" % header)
        if [(r["source"], r["target"], r["note"], r["value"]) for r in rows] != \
                [("a", "b", "x\x02;y", "3.5"), ("b", "a", "", "")]:
            problems.append("edge rows %r" % rows)
        if nheader[:10] != ["id", "label", "kind", "parent", "sector", "town", "attended", "extra_degree",
                            "note", "role"] or "in_degree" not in nheader:
            problems.append("node header %s" % nheader)
        if nrows[0]["label"] != "Alpha\x0bA\x01" or nrows[1]["label"] != "Beta\\":
            problems.append("labels %r %r: CSV carries every character" % (nrows[0]["label"], nrows[1]["label"]))
        return problems
    grp.check("odd csv (--format CSV): control characters and a trailing backslash kept exactly, "
              "extra tie columns after ties in the order of their ties.csv names", csv_exact)

    def gexf():
        path = paths["gexf"] = os.path.join(work, "odd.gexf")
        ripple_ok("export", db, "Odd", "-o", path)
        g = parse_xml(path).find(GEXF + "graph")
        problems = []
        if g.get("timeformat") != "integer" or g.get("defaultedgetype") != "directed":
            problems.append("graph %s" % g.attrib)
        spells = {}
        for e in g.iter(GEXF + "edge"):
            spells[(e.get("source"), e.get("target"))] = [s.get("start") for s in e.iter(GEXF + "spell")]
        if spells != {("a", "b"): ["1"], ("b", "a"): ["1"], ("a", "c"): ["2"], ("c", "a"): ["2"]}:
            problems.append("spells %s" % spells)
        labels = [n.get("label") for n in g.iter(GEXF + "node")]
        if labels != ["Alpha A ", "Beta\\", "Gamma"]:
            problems.append("labels %r" % labels)
        return problems
    grp.check("odd gexf: waves without dates are their ordinals; directed ordered pairs", gexf)
    return place, paths


# ---- the other tools -------------------------------------------------------------

NX_SCRIPT = r'''
import json, sys
import networkx as nx
out = {"networkx": nx.__version__, "files": []}
try:
    import igraph
    out["igraph"] = igraph.__version__
except ImportError:
    igraph = None
for fmt, path in json.loads(sys.argv[1]):
    if fmt == "graphml":
        g = nx.read_graphml(path)
    else:
        g = nx.read_gexf(path)
    nodes = [(n, d, g.degree(n)) for n, d in g.nodes(data=True)]
    r = {"path": path, "directed": g.is_directed(), "multi": g.is_multigraph(),
         "nodes": [[n, {k: v for k, v in d.items() if not isinstance(v, list)}, deg] for n, d, deg in nodes],
         "edges": g.number_of_edges(),
         "spells": sorted([[str(a), str(b), [list(map(str, s)) for s in d.get("spells", [])]]
                           for a, b, d in g.edges(data=True)])}
    if fmt == "graphml" and igraph:
        ig = igraph.Graph.Read_GraphML(path)
        r["igraph"] = {"directed": ig.is_directed(), "names": ig.vs["name"], "edges": ig.ecount(),
                       "degree": ig.degree()}
    out["files"].append(r)
print(json.dumps(out))
'''


def networkx_checks(grp, files):
    """files: (format, path, place, wave or None). One interpreter run reads them all."""
    exe, why = find_networkx()
    names = ["networkx reads %s %s" % (fmt, os.path.basename(path)) for fmt, path, _, _ in files]
    if not exe:
        for n in names:
            harness.skip(n, why)
        harness.skip("python-igraph reads the GraphML files", why)
        return
    p = subprocess.run([exe, "-c", NX_SCRIPT, json.dumps([[f, p] for f, p, _, _ in files])],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        grp.check("networkx (%s) reads every exported file" % exe,
                  lambda: ["exit %d: %s" % (p.returncode, short(p.stderr.decode("utf-8", "replace"), 400))])
        return
    res = json.loads(p.stdout)

    for (fmt, path, place, wave), r, name in zip(files, res["files"], names):
        def check(fmt=fmt, place=place, wave=wave, r=r):
            problems = []
            if r["directed"] != place.directed or r["multi"]:
                problems.append("directed=%s multigraph=%s" % (r["directed"], r["multi"]))
            if len(r["nodes"]) != len(place.actors):
                problems.append("%d nodes, %d actors" % (len(r["nodes"]), len(place.actors)))
            if fmt == "graphml":
                if r["edges"] != len(place.pairs(wave)):
                    problems.append("%d edges, %d pairs tied at %s" % (r["edges"], len(place.pairs(wave)), wave))
                deg = place.degree(wave)
                for (n, d, nxdeg), i in zip(r["nodes"], range(len(deg))):
                    if d.get("name") != place.ids[i] or d.get("sector", "") != place.sector[i]:
                        problems.append("node %s name %r sector %r" % (n, d.get("name"), d.get("sector")))
                    if nxdeg != deg[i] or not near(d.get("degree", "nan"), deg[i]):
                        problems.append("%s: networkx degree %s, attribute %s, ties.csv %d"
                                        % (place.ids[i], nxdeg, d.get("degree"), deg[i]))
            else:
                want = sorted([[place.ids[a], place.ids[b], [[t, t] for t in times]]
                               for (a, b), times in place.spells().items()])
                got = r["spells"] if place.directed else \
                    sorted([sorted([a, b], key=place.ids.index) + [s] for a, b, s in r["spells"]])
                if got != want:
                    problems.append("spells %s, expected %s" % (short(got, 150), short(want, 150)))
            return problems
        grp.check("%s (networkx %s): directed as the place, one node per actor, %s"
                  % (name, res["networkx"], "edges and degrees from ties.csv" if fmt == "graphml"
                     else "the spells of every edge"), check)

    ig_files = [(f, r) for f, r in zip(files, res["files"]) if f[0] == "graphml"]
    if "igraph" not in res:
        harness.skip("python-igraph reads the GraphML files", "%s has networkx but not igraph" % exe)
        return
    for (fmt, path, place, wave), r in ig_files:
        def check(place=place, wave=wave, r=r):
            ig = r["igraph"]
            problems = []
            if ig["names"] != place.ids:
                problems.append("vertex names %s, expected the actor ids" % short(ig["names"], 120))
            if ig["directed"] != place.directed or ig["edges"] != len(place.pairs(wave)):
                problems.append("directed=%s, %d edges" % (ig["directed"], ig["edges"]))
            if ig["degree"] != place.degree(wave):
                problems.append("degrees %s" % short(ig["degree"], 120))
            return problems
        grp.check("python-igraph %s reads %s: the actor ids are the vertex names, degrees from ties.csv"
                  % (res["igraph"], os.path.basename(path)), check)


R_SCRIPT = r'''
args <- commandArgs(trailingOnly = TRUE)
e <- read.csv(args[1])
n <- read.csv(args[2])
con <- file(args[3], "w", encoding = "UTF-8")
writeLines(c(nrow(e), nrow(n), ncol(n), n$label), con)
close(con)
'''


def r_checks(grp, place, wave, edges_path, nodes_path, work):
    name = "R read.csv reads the hostile edge and node tables as they are (rows, columns, labels)"
    if not shutil.which("Rscript"):
        harness.skip(name, "no Rscript (apt-get install r-base-core)")
        return

    def check():
        out = os.path.join(work, "r.txt")
        env = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        rc, _, err = run(["Rscript", "-e", R_SCRIPT, edges_path, nodes_path, out], env=env)
        if rc != 0:
            raise Fail("Rscript exit %d: %s" % (rc, short(err)))
        with open(out, encoding="utf-8") as f:
            got = f.read().split("\n")
        _, rows, _ = read_table(nodes_path)
        header, _, _ = read_table(nodes_path)
        want = [str(len(place.pairs(wave))), str(len(place.actors)), str(len(header))]
        problems = []
        if got[:3] != want:
            problems.append("rows/columns %s, expected %s" % (got[:3], want))
        # a label with a line break comes back as two lines of r.txt
        labels = "\n".join(got[3:]).rstrip("\n")
        if labels != "\n".join(place.label):
            problems.append("labels %r, expected %r" % (short(labels, 200), short("\n".join(place.label), 200)))
        return problems
    grp.check(name, check)


# ---- bad usage and output details ---------------------------------------------------

def usage_checks(grp, north, work):
    case_no = [0]

    def case(name, args, say, precious=None, status=2):
        def check():
            case_no[0] += 1
            d = os.path.join(work, "bad%d" % case_no[0])
            os.mkdir(d)
            return harness.refusal_problems(args, d, say, status, precious)
        grp.check(name, check)

    N = north.folder
    case("export --wave never: exit 2 naming the wave and the waves there are, nothing written",
         ["export", N, "--wave", "never", "-o", "x.graphml"], 'no wave "never" (waves: before, after)')
    case("export --wave never to csv: exit 2, the existing file unchanged, no -nodes.csv",
         ["export", N, "--wave", "never", "-o", "x.csv"], '"never"', precious="x.csv")
    case("export without -o: exit 2, nothing written", ["export", N, "--wave", "before"], "-o FILE")
    case("export csv without --wave: exit 2 listing the waves",
         ["export", N, "-o", "x.csv"], "give --wave W (waves of \"Northamptonshire\": before, after)")
    case("export gexf with --wave: exit 2, it holds every wave",
         ["export", N, "--wave", "before", "-o", "x.gexf"], "holds every wave")
    case("export --format kml: exit 2, nothing written",
         ["export", N, "--wave", "before", "--format", "kml", "-o", "x.kml"], 'unknown --format "kml"')
    case("export -o x.txt (no known extension): exit 2",
         ["export", N, "--wave", "before", "-o", "x.txt"], "cannot tell the format")
    case("export -o - without --format: exit 2", ["export", N, "--wave", "before", "-o", "-"],
         "cannot tell the format")
    case("export of a source with two places and no PLACE: exit 2",
         ["export", os.path.join(ROOT, "datasets"), "--wave", "before", "-o", "x.graphml"], "name one")
    case("export of an unknown PLACE: exit 2",
         ["export", N, "Nowhere", "--wave", "before", "-o", "x.graphml"], "Nowhere")
    case("export -o into a missing folder: exit 2", ["export", N, "--wave", "before", "-o", "no/x.dot"],
         "no/x.dot")

    def stdout_same():
        f = os.path.join(work, "file.graphml")
        ripple_ok("export", N, "--wave", "after", "-o", f)
        out, _ = ripple_ok("export", N, "--wave", "after", "--format", "graphml", "-o", "-")
        with open(f, "rb") as fh:
            if fh.read() != out:
                return ["stdout differs from the file"]
    grp.check("export -o - --format graphml: the same bytes on stdout as in the file", stdout_same)

    def stdout_csv():
        out, _ = ripple_ok("export", N, "--wave", "after", "--format", "csv", "-o", "-")
        text = out.decode("utf-8")
        parts = re.split(r"^# (\w+)\n", text, flags=re.M)
        if parts[0] != "" or parts[1::2] != ["edges", "nodes"]:
            return ["sections %s" % parts[1::2]]
        edges = list(csv.reader(parts[2].strip("\n").split("\n")))
        nodes = list(csv.reader(parts[4].strip("\n").split("\n")))
        if len(edges) - 1 != len(north.pairs("after")) or len(nodes) - 1 != len(north.actors):
            return ["%d edge rows, %d node rows" % (len(edges) - 1, len(nodes) - 1)]
    grp.check("export --format csv -o -: '# edges' then '# nodes', each a whole table", stdout_csv)

    def help_text():
        out, _ = ripple_ok("help", "export")
        text = out.decode("utf-8")
        return [w for w in ("usage: ripple export", "FILE-nodes.csv", "gexf", "every wave") if w not in text]
    grp.check("ripple help export: usage, the formats and the CSV shape", help_text)


def suite():
    start = time.time()
    north, stockton, hostile = Place(NORTH), Place(STOCKTON), Place(HOSTILE)
    hostile_after = hostile.waves[-1]
    grp = harness.Group()
    work = tempfile.mkdtemp(prefix="ripple-export.")
    try:
        files = []
        for tag, whole, wave in (("northamptonshire", north, "before"), ("stockton-on-tees", stockton, "6-month"),
                                 ("hostile", hostile, hostile_after)):
            # with a responses.csv, a wave holds the actors not absent then
            place, ever = whole.at([wave]), whole.at(whole.waves)
            files.append(("graphml", graphml_checks(grp, tag, place, wave, work), place, wave))
            files.append(("gexf", gexf_checks(grp, tag, ever, work), ever, None))
            dot_checks(grp, tag, place, wave, work)
            edges_path, nodes_path = csv_checks(grp, tag, place, wave, work)
            if place is hostile:
                r_checks(grp, place, wave, edges_path, nodes_path, work)
        surveyed_checks(grp, work)
        odd, paths = odd_checks(grp, work)
        if "graphml" in paths:
            files.append(("graphml", paths["graphml"], odd, "w1"))
        if "gexf" in paths:
            files.append(("gexf", paths["gexf"], odd, None))
        networkx_checks(grp, [f for f in files if os.path.exists(f[1])])
        usage_checks(grp, north, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    return harness.report("export", [grp], start)


if __name__ == "__main__":
    sys.exit(harness.main("export", suite))
