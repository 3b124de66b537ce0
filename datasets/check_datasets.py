#!/usr/bin/env python3
"""Validate the example place folders in datasets/ (stdlib only).

Usage: python3 datasets/check_datasets.py [PLACE_DIR ...]

With no arguments, checks every sub-folder of this script's folder that holds
an actors.csv, and every such sub-folder one level further down (the places of
leading-places/). Prints per-wave summaries; exits 1 if any rule is broken.

Rules checked (the ones the example data is written to, a little stricter
than what `ripple import` itself accepts):
  * files are UTF-8 (no BOM), LF line endings, with the expected header row
    (actors.csv may add a `provenance` column: named, mentioned or illustrative)
  * actors: unique slug ids, kind/sector valid, attended yes/no, a wave of
    the place or an ISO date after the first wave's, town given (may be
    empty where the place's expectations say so), parent exists,
    no parent cycles, teams have a parent, organisations have none
  * waves: unique names and ordinals, ISO dates increasing with ordinal
  * ties: actors exist, no self ties, wave known, type valid, weight 1-3,
    trust 1-4, no duplicate (source,target,wave,type) - A-B and B-A are the
    same tie unless place.csv says directed=yes
  * ripples: unique ids, parent exists, a tree (no cycles), depth <= 3,
    capitals among the seven, valence/intended valid, ISO date or empty,
    actors exist, label present and short
  * responses (optional responses.csv): actors and waves exist, status
    missing or absent (an actor x wave not listed answered), each actor x wave
    once; no tie at a wave is reported by (has as source) an actor that is
    missing or absent then, and none names an actor absent then
  * place-specific expectations (see EXPECT below), e.g. in Northamptonshire
    the community team and the sports development team are more than 2 steps
    apart (or disconnected) before and directly tied after; in every
    Leading Places folder there are more cross-sector ties after than before,
    some ties are lost and some new ties are bridging (>2 apart before).
"""
import csv
import datetime
import os
import re
import sys
from collections import defaultdict, deque

HEADERS = {
    "place.csv": ["name", "programme", "directed"],
    "actors.csv": ["id", "label", "kind", "parent", "sector", "town", "attended"],
    "waves.csv": ["wave", "ordinal", "date"],
    "ties.csv": ["source", "target", "wave", "type", "weight", "trust"],
    "ripples.csv": ["id", "parent", "label", "capital", "valence", "intended", "date", "actors"],
    "responses.csv": ["actor", "wave", "status"],
}
STATUSES = {"missing", "absent"}
KINDS = {"organisation", "team", "person"}
SECTORS = {"Local Authority", "Health", "VCSE", "Sport", "Education", "Business", "Police", "Housing",
           "Government"}
# Columns a file may add after its expected ones, with their allowed values.
OPTIONAL = {"actors.csv": {"provenance": {"named", "mentioned", "illustrative"}}}
TIE_TYPES = {"information", "referral", "joint-funding", "co-delivery", "strategic"}
CAPITALS = {"natural", "cultural", "human", "social", "political", "financial", "built"}
VALENCES = {"positive", "negative"}
INTENDED = {"yes", "no", "unknown"}
YESNO = {"yes", "no"}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RIPPLE_ID = re.compile(r"^r[0-9]+$")
MAX_LABEL = 80
MAX_DEPTH = 3

# Place-specific expectations, keyed by folder name.
EXPECT = {
    "northamptonshire": {
        "name": "Northamptonshire",
        "actors": (30, 45),
        "waves": ["before", "after"],
        "ties": {"before": (50, 70), "after": (80, 100)},
        "ripples": (12, 25),
        # the two previously disparate teams (case study): >2 apart before, tied after
        "pair": ("nnc-community", "nnc-sportdev"),
        "attendee_gain": ("before", "after"),
        "isolates_before": True,
        # the actors with no tie at "before" did not answer it (responses.csv)
        "missing_are_isolates": "before",
    },
    "stockton-on-tees": {
        "name": "Stockton-on-Tees",
        "actors": (35, 55),
        "waves": ["before", "after", "3-month", "6-month"],
        "ties": {},
        "ripples": (12, 25),
        # VCSE weakly tied before, more tied after
        "vcse_gain": ("before", "after"),
        "late_joiners": True,
        # responses.csv: a joiner (absent at the first wave) and a leaver (at the last)
        "joiner_and_leaver": True,
    },
}
# Expectations for every place folder inside a group folder, keyed by the group.
GROUP_EXPECT = {
    # written by leading_places.py: partners from the LGA page, ties and ripples illustrative
    "leading-places": {
        "programme": "Leading Places (phase 2)",
        "actors": (8, 20),
        "waves": ["before", "after"],
        "ties": {},
        "ripples": (3, 8),
        "negative": (0, 2),
        "orders": {1, 2},
        "town_optional": True,
        "provenance": True,
        "change": ("before", "after"),
    },
}


class Checker:
    def __init__(self, folder):
        self.folder = folder
        self.errors = []

    def err(self, fname, line, msg):
        self.errors.append("%s:%s: %s" % (os.path.join(self.folder, fname), line, msg))

    def read(self, fname):
        path = os.path.join(self.folder, fname)
        if not os.path.exists(path):
            self.err(fname, 0, "missing file")
            return []
        with open(path, "rb") as f:
            raw = f.read()
        if raw.startswith(b"\xef\xbb\xbf"):
            self.err(fname, 1, "UTF-8 byte order mark not allowed")
        if b"\r" in raw:
            self.err(fname, raw[:raw.index(b"\r")].count(b"\n") + 1,
                     "CR found: line endings must be LF")
        if raw and not raw.endswith(b"\n"):
            self.err(fname, 0, "file does not end with a newline")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.err(fname, 0, "not UTF-8: %s" % e)
            return []
        rows = list(csv.reader(text.splitlines(), strict=True))
        if not rows:
            self.err(fname, 1, "empty file")
            return []
        header, n = rows[0], len(HEADERS[fname])
        extra = header[n:]
        if (header[:n] != HEADERS[fname] or len(set(extra)) != len(extra)
                or not set(extra) <= set(OPTIONAL.get(fname, {}))):
            self.err(fname, 1, "header %r, expected %r (then any of %s)"
                     % (header, HEADERS[fname], sorted(OPTIONAL.get(fname, {}))))
            return []
        out = []
        for i, r in enumerate(rows[1:], start=2):
            if len(r) != len(header):
                self.err(fname, i, "%d fields, expected %d" % (len(r), len(header)))
                continue
            for v in r:
                if v != v.strip():
                    self.err(fname, i, "leading/trailing space in %r" % v)
            row = dict(zip(header, r))
            for col in extra:
                if row[col] not in OPTIONAL[fname][col]:
                    self.err(fname, i, "%s %r not one of %s"
                             % (col, row[col], sorted(OPTIONAL[fname][col])))
            out.append((i, row))
        return out


def iso_date(s):
    try:
        return datetime.date.fromisoformat(s) if re.match(r"^\d{4}-\d{2}-\d{2}$", s) else None
    except ValueError:
        return None


def has_cycle(parent_of):
    """parent_of: id -> parent id or ''. Returns an id on a cycle or None."""
    for start in parent_of:
        seen = set()
        node = start
        while node:
            if node in seen:
                return node
            seen.add(node)
            node = parent_of.get(node, "")
    return None


def bfs_distance(adj, a, b):
    if a == b:
        return 0
    dist = {a: 0}
    q = deque([a])
    while q:
        u = q.popleft()
        for v in adj[u]:
            if v not in dist:
                dist[v] = dist[u] + 1
                if v == b:
                    return dist[v]
                q.append(v)
    return None


def components(nodes, adj):
    seen, comps = set(), []
    for n in nodes:
        if n in seen:
            continue
        comp, q = [], deque([n])
        seen.add(n)
        while q:
            u = q.popleft()
            comp.append(u)
            for v in adj[u]:
                if v not in seen:
                    seen.add(v)
                    q.append(v)
        comps.append(comp)
    return comps


def check_place(folder):
    c = Checker(folder)
    key = os.path.basename(os.path.normpath(folder))
    group = os.path.basename(os.path.dirname(os.path.normpath(os.path.abspath(folder))))
    exp = EXPECT.get(key) or GROUP_EXPECT.get(group, {})
    print("== %s" % folder)
    if not os.path.isdir(folder):
        print("ERROR %s: not a directory\n" % folder)
        return False

    # place.csv
    place = c.read("place.csv")
    directed = False
    if len(place) != 1:
        c.err("place.csv", 0, "expected exactly one row, found %d" % len(place))
    for ln, r in place:
        if not r["name"] or not r["programme"]:
            c.err("place.csv", ln, "name and programme required")
        if r["directed"] not in YESNO:
            c.err("place.csv", ln, "directed must be yes or no")
        directed = r["directed"] == "yes"
        if exp.get("name") and r["name"] != exp["name"]:
            c.err("place.csv", ln, "name %r, expected %r" % (r["name"], exp["name"]))
        if exp.get("programme") and r["programme"] != exp["programme"]:
            c.err("place.csv", ln, "programme %r, expected %r" % (r["programme"], exp["programme"]))

    # actors.csv
    actors = {}
    for ln, r in c.read("actors.csv"):
        a = r["id"]
        if not SLUG.match(a):
            c.err("actors.csv", ln, "id %r is not a lowercase slug" % a)
        if a in actors:
            c.err("actors.csv", ln, "duplicate id %r" % a)
            continue
        if not r["label"]:
            c.err("actors.csv", ln, "empty label")
        if r["kind"] not in KINDS:
            c.err("actors.csv", ln, "kind %r not one of %s" % (r["kind"], sorted(KINDS)))
        if r["sector"] not in SECTORS:
            c.err("actors.csv", ln, "sector %r not one of %s" % (r["sector"], sorted(SECTORS)))
        if not r["town"] and not exp.get("town_optional"):
            c.err("actors.csv", ln, "empty town")
        if exp.get("provenance") and "provenance" not in r:
            c.err("actors.csv", ln, "no provenance column")
        if r["kind"] == "organisation" and r["parent"]:
            c.err("actors.csv", ln, "an organisation has no parent")
        if r["kind"] in ("team", "person") and not r["parent"]:
            c.err("actors.csv", ln, "a %s needs a parent" % r["kind"])
        if r["parent"] == a:
            c.err("actors.csv", ln, "actor is its own parent")
        actors[a] = dict(r, _line=ln)
    for a, r in actors.items():
        if r["parent"] and r["parent"] not in actors:
            c.err("actors.csv", r["_line"], "parent %r does not exist" % r["parent"])
    cyc = has_cycle({a: r["parent"] for a, r in actors.items()})
    if cyc:
        c.err("actors.csv", actors[cyc]["_line"], "parent cycle through %r" % cyc)

    # waves.csv
    waves, ordinals, last = {}, set(), None
    for ln, r in c.read("waves.csv"):
        w = r["wave"]
        if not w or w in waves:
            c.err("waves.csv", ln, "empty or duplicate wave %r" % w)
            continue
        try:
            o = int(r["ordinal"])
        except ValueError:
            c.err("waves.csv", ln, "ordinal %r not an integer" % r["ordinal"])
            continue
        if o in ordinals:
            c.err("waves.csv", ln, "duplicate ordinal %d" % o)
        ordinals.add(o)
        d = iso_date(r["date"])
        if d is None:
            c.err("waves.csv", ln, "date %r not ISO yyyy-mm-dd" % r["date"])
        waves[w] = (o, d, ln)
    order = sorted(waves, key=lambda w: waves[w][0])
    for prev, cur in zip(order, order[1:]):
        if waves[prev][1] and waves[cur][1] and not waves[prev][1] < waves[cur][1]:
            c.err("waves.csv", waves[cur][2], "date not after wave %r" % prev)
    if exp.get("waves") and order != exp["waves"]:
        c.err("waves.csv", 0, "waves %r, expected %r" % (order, exp["waves"]))
    # attended with a time: the name of a wave (attended after it, before the next)
    # or an ISO date, which must fall after the first wave's date
    for a, r in actors.items():
        when = r["attended"]
        if when in YESNO or when in waves:
            continue
        d = iso_date(when)
        if d is None:
            c.err("actors.csv", r["_line"], "attended %r is not yes, no, a wave or a date" % when)
        elif order and waves[order[0]][1] and not d > waves[order[0]][1]:
            c.err("actors.csv", r["_line"], "attended %s is not after the first wave" % when)

    # ties.csv
    seen = {}
    ties = defaultdict(list)  # wave -> [(s, t, type, weight, trust)]
    for ln, r in c.read("ties.csv"):
        s, t, w, ty = r["source"], r["target"], r["wave"], r["type"]
        ok = True
        for end in (s, t):
            if end not in actors:
                c.err("ties.csv", ln, "unknown actor %r" % end)
                ok = False
        if s == t:
            c.err("ties.csv", ln, "self tie %r" % s)
            ok = False
        if w not in waves:
            c.err("ties.csv", ln, "unknown wave %r" % w)
            ok = False
        if ty not in TIE_TYPES:
            c.err("ties.csv", ln, "type %r not one of %s" % (ty, sorted(TIE_TYPES)))
        for col, lo, hi in (("weight", 1, 3), ("trust", 1, 4)):
            v = r[col]
            if not re.match(r"^[0-9]+$", v) or not lo <= int(v) <= hi:
                c.err("ties.csv", ln, "%s %r not an integer %d-%d" % (col, v, lo, hi))
                ok = False
        pair = (s, t) if directed else tuple(sorted((s, t)))
        k = (pair, w, ty)
        if k in seen:
            c.err("ties.csv", ln, "duplicate tie %s-%s %s %s (first at line %d)"
                  % (s, t, w, ty, seen[k]))
            ok = False
        seen[k] = ln
        if ok:
            ties[w].append((s, t, ty, int(r["weight"]), int(r["trust"])))

    # responses.csv (optional)
    status = {}   # (actor, wave) -> (status, line); not listed: answered
    if os.path.exists(os.path.join(folder, "responses.csv")):
        for ln, r in c.read("responses.csv"):
            a, w, st = r["actor"], r["wave"], r["status"]
            if a not in actors:
                c.err("responses.csv", ln, "unknown actor %r" % a)
            if w not in waves:
                c.err("responses.csv", ln, "unknown wave %r" % w)
            if st not in STATUSES:
                c.err("responses.csv", ln, "status %r not one of %s" % (st, sorted(STATUSES)))
            if (a, w) in status:
                c.err("responses.csv", ln, "%s at %s listed twice (first at line %d)"
                      % (a, w, status[(a, w)][1]))
            status[(a, w)] = (st, ln)
        for w in order:
            counts = {k: sum(1 for (a, x), (v, _) in status.items() if x == w and v == k)
                      for k in sorted(STATUSES)}
            print("responses %s: answered %d, missing %d, absent %d" % (
                w, len(actors) - counts["missing"] - counts["absent"], counts["missing"],
                counts["absent"]))
        for w, lst in ties.items():
            for s, t, *_ in lst:
                if status.get((s, w), ("answered",))[0] != "answered":
                    c.err("ties.csv", 0, "tie %s-%s at %s reported by %s, %s then (responses.csv:%d)"
                          % (s, t, w, s, status[(s, w)][0], status[(s, w)][1]))
                if status.get((t, w), ("answered",))[0] == "absent":
                    c.err("ties.csv", 0, "tie %s-%s at %s names %s, absent then (responses.csv:%d)"
                          % (s, t, w, t, status[(t, w)][1]))

    # ripples.csv
    ripples = {}
    for ln, r in c.read("ripples.csv"):
        i = r["id"]
        if not RIPPLE_ID.match(i) or i in ripples:
            c.err("ripples.csv", ln, "bad or duplicate id %r" % i)
            continue
        if not r["label"]:
            c.err("ripples.csv", ln, "empty label")
        elif len(r["label"]) > MAX_LABEL:
            c.err("ripples.csv", ln, "label longer than %d characters" % MAX_LABEL)
        caps = r["capital"].split(";") if r["capital"] else []
        if not caps:
            c.err("ripples.csv", ln, "no capital")
        for cap in caps:
            if cap not in CAPITALS:
                c.err("ripples.csv", ln, "capital %r not one of %s" % (cap, sorted(CAPITALS)))
        if len(set(caps)) != len(caps):
            c.err("ripples.csv", ln, "capital repeated")
        if r["valence"] not in VALENCES:
            c.err("ripples.csv", ln, "valence %r" % r["valence"])
        if r["intended"] not in INTENDED:
            c.err("ripples.csv", ln, "intended %r" % r["intended"])
        if r["date"] and iso_date(r["date"]) is None:
            c.err("ripples.csv", ln, "date %r not ISO yyyy-mm-dd" % r["date"])
        for a in (r["actors"].split(";") if r["actors"] else []):
            if a not in actors:
                c.err("ripples.csv", ln, "unknown actor %r" % a)
        if r["parent"] == i:
            c.err("ripples.csv", ln, "ripple is its own parent")
        ripples[i] = dict(r, _line=ln)
    for i, r in ripples.items():
        if r["parent"] and r["parent"] not in ripples:
            c.err("ripples.csv", r["_line"], "parent %r does not exist" % r["parent"])
    cyc = has_cycle({i: r["parent"] for i, r in ripples.items()})
    if cyc:
        c.err("ripples.csv", ripples[cyc]["_line"], "ripple cycle through %r" % cyc)
    depth = {}  # order of each ripple not on or below a cycle
    for i in ripples:
        d, n, path = 0, i, set()
        while n and n in ripples and n not in path:
            path.add(n)
            d += 1
            n = ripples[n]["parent"]
        if n in path:
            continue
        depth[i] = d
        if d > MAX_DEPTH:
            c.err("ripples.csv", ripples[i]["_line"], "depth %d > %d" % (d, MAX_DEPTH))

    # ---------------------------------------------------------------- report
    print("actors: %d (%s)" % (len(actors), ", ".join(
        "%s %d" % (k, sum(1 for r in actors.values() if r["kind"] == k)) for k in sorted(KINDS))))
    print("attended: %d (%d with a time)" % (sum(1 for r in actors.values() if r["attended"] != "no"),
                                          sum(1 for r in actors.values() if r["attended"] not in YESNO)))

    adj_by_wave, pairs_by_wave = {}, {}
    print("%-9s %5s %5s %6s %5s %9s %11s %10s" % ("wave", "ties", "pairs", "active", "comps",
                                                  "isolates", "cross-sect", "mean-trust"))
    for w in order:
        adj = defaultdict(set)
        pairs = set()
        cross = 0
        for s, t, ty, wt, tr in ties[w]:
            adj[s].add(t)
            adj[t].add(s)
            pairs.add(tuple(sorted((s, t))))
        for p in pairs:
            if actors[p[0]]["sector"] != actors[p[1]]["sector"]:
                cross += 1
        active = [a for a in actors if adj[a]]
        isolates = [a for a in actors if not adj[a]]
        comps = components(active, adj)
        trust = [x[4] for x in ties[w]]
        print("%-9s %5d %5d %6d %5d %9d %10.0f%% %10.2f" % (
            w, len(ties[w]), len(pairs), len(active), len(comps), len(isolates),
            100.0 * cross / len(pairs) if pairs else 0, sum(trust) / len(trust) if trust else 0))
        adj_by_wave[w], pairs_by_wave[w] = adj, pairs
        lo_hi = exp.get("ties", {}).get(w)
        if lo_hi and not lo_hi[0] <= len(ties[w]) <= lo_hi[1]:
            c.err("ties.csv", 0, "wave %s has %d ties, expected %d-%d" % ((w, len(ties[w])) + lo_hi))
    for prev, cur in zip(order, order[1:]):
        kept = pairs_by_wave[prev] & pairs_by_wave[cur]
        print("%s -> %s: pairs kept %d, lost %d, new %d" % (
            prev, cur, len(kept), len(pairs_by_wave[prev] - kept), len(pairs_by_wave[cur] - kept)))

    orders = defaultdict(int)
    for i in depth:
        orders[depth[i]] += 1
    neg = sum(1 for r in ripples.values() if r["valence"] == "negative")
    print("ripples: %d (%s), negative %d, with 2+ actors %d" % (
        len(ripples), ", ".join("order %d: %d" % (d, orders[d]) for d in sorted(orders)), neg,
        sum(1 for r in ripples.values() if len(r["actors"].split(";")) >= 2 and r["actors"])))

    # ------------------------------------------------------- expectations
    if exp:
        lo, hi = exp["actors"]
        if not lo <= len(actors) <= hi:
            c.err("actors.csv", 0, "%d actors, expected %d-%d" % (len(actors), lo, hi))
        lo, hi = exp["ripples"]
        if not lo <= len(ripples) <= hi:
            c.err("ripples.csv", 0, "%d ripples, expected %d-%d" % (len(ripples), lo, hi))
        lo, hi = exp.get("negative", (1, 2))
        if not lo <= neg <= hi:
            c.err("ripples.csv", 0, "%d negative ripples, expected %d-%d" % (neg, lo, hi))
        for r in ripples.values():
            if r["valence"] == "negative" and not r["label"].startswith("Illustrative"):
                c.err("ripples.csv", r["_line"], "negative ripple not marked Illustrative")
        want = exp.get("orders", {1, 2, 3})
        if not cyc and not want <= set(orders):
            c.err("ripples.csv", 0, "expected ripples of orders %s"
                  % ", ".join(str(o) for o in sorted(want)))
        if exp.get("provenance") and not any(r.get("provenance") == "named" for r in actors.values()):
            c.err("actors.csv", 0, "no actor named in the source (provenance named)")
    if "pair" in exp and all(w in adj_by_wave for w in ("before", "after")):
        a, b = exp["pair"]
        for x in (a, b):
            if x not in actors:
                c.err("actors.csv", 0, "expected actor %r" % x)
        if a in actors and b in actors:
            if actors[a]["town"] == actors[b]["town"]:
                c.err("actors.csv", 0, "%s and %s should be in different towns" % (a, b))
            d0 = bfs_distance(adj_by_wave["before"], a, b)
            d1 = bfs_distance(adj_by_wave["after"], a, b)
            fmt = lambda d: "disconnected" if d is None else str(d)
            print("distance %s (%s) - %s (%s): before %s, after %s" % (
                a, actors[a]["town"], b, actors[b]["town"], fmt(d0), fmt(d1)))
            if d0 is not None and d0 <= 2:
                c.err("ties.csv", 0, "%s and %s are %d apart before (must be >2)" % (a, b, d0))
            if d1 != 1:
                c.err("ties.csv", 0, "%s and %s are %s apart after (must be 1)" % (a, b, fmt(d1)))
    if "attendee_gain" in exp:
        w0, w1 = exp["attendee_gain"]
        gain = {"yes": [], "no": []}
        for x, r in actors.items():
            gain[r["attended"]].append(len(adj_by_wave[w1][x]) - len(adj_by_wave[w0][x]))
        m = {k: sum(v) / len(v) for k, v in gain.items() if v}
        print("mean degree gain %s->%s: attended %.2f (n=%d), not attended %.2f (n=%d)" % (
            w0, w1, m["yes"], len(gain["yes"]), m["no"], len(gain["no"])))
        if not m["yes"] > m["no"]:
            c.err("actors.csv", 0, "attendees should gain more ties on average")
    if exp.get("isolates_before"):
        iso = [a for a in actors if not adj_by_wave[order[0]][a]]
        print("isolates in %s: %s" % (order[0], ", ".join(iso)))
        if not iso:
            c.err("ties.csv", 0, "expected a few isolates in %s" % order[0])
    if "vcse_gain" in exp:
        w0, w1 = exp["vcse_gain"]
        for w in order:
            v = [len(adj_by_wave[w][x]) for x, r in actors.items() if r["sector"] == "VCSE"]
            print("mean VCSE degree %s: %.2f" % (w, sum(v) / len(v)))
        v0 = sum(len(adj_by_wave[w0][x]) for x, r in actors.items() if r["sector"] == "VCSE")
        v1 = sum(len(adj_by_wave[w1][x]) for x, r in actors.items() if r["sector"] == "VCSE")
        if not v1 > v0:
            c.err("ties.csv", 0, "VCSE actors should be more tied %s than %s" % (w1, w0))
    if exp.get("late_joiners"):
        late = []
        for x in actors:
            first = next((w for w in order if adj_by_wave[w][x]), None)
            if first is not None and first not in order[:2]:
                late.append("%s (from %s)" % (x, first))
        print("late joiners: %s" % (", ".join(late) or "none"))
        if not 1 <= len(late) <= 2:
            c.err("ties.csv", 0, "expected 1-2 actors tied only from a later wave, found %d" % len(late))

    if "missing_are_isolates" in exp:
        w = exp["missing_are_isolates"]
        missing = sorted(a for (a, x), (v, _) in status.items() if x == w and v == "missing")
        iso = sorted(a for a in actors if not adj_by_wave[w][a])
        print("missing at %s: %s" % (w, ", ".join(missing) or "none"))
        if not missing or missing != iso:
            c.err("responses.csv", 0, "expected the actors with no tie at %s (%s) to be missing "
                  "then, found %s" % (w, ", ".join(iso), ", ".join(missing) or "none"))
    if exp.get("joiner_and_leaver"):
        def absent(a, w):
            return status.get((a, w), ("answered",))[0] == "absent"
        joiners = sorted(a for a in actors if absent(a, order[0])
                         and any(not absent(a, w) for w in order[1:]))
        leavers = sorted(a for a in actors if absent(a, order[-1])
                         and any(not absent(a, w) for w in order[:-1]))
        print("joiners: %s; leavers: %s" % (", ".join(joiners) or "none",
                                            ", ".join(leavers) or "none"))
        if not joiners or not leavers:
            c.err("responses.csv", 0, "expected a joiner (absent at %s) and a leaver (absent "
                  "at %s)" % (order[0], order[-1]))

    if "change" in exp and all(w in adj_by_wave for w in exp["change"]):
        w0, w1 = exp["change"]
        p0, p1 = pairs_by_wave[w0], pairs_by_wave[w1]
        cross = lambda ps: sum(1 for a, b in ps if actors[a]["sector"] != actors[b]["sector"])
        far = sum(1 for a, b in p1 - p0
                  if (lambda d: d is None or d > 2)(bfs_distance(adj_by_wave[w0], a, b)))
        print("%s -> %s: cross-sector pairs %d -> %d, bridging new pairs %d" % (
            w0, w1, cross(p0), cross(p1), far))
        if not cross(p1) > cross(p0):
            c.err("ties.csv", 0, "expected more cross-sector ties %s than %s" % (w1, w0))
        if not p0 - p1:
            c.err("ties.csv", 0, "expected some ties lost %s -> %s" % (w0, w1))
        if not far:
            c.err("ties.csv", 0, "expected a new tie between actors >2 apart in %s" % w0)

    for e in c.errors:
        print("ERROR " + e)
    print("%s: %s\n" % (key, "FAIL (%d errors)" % len(c.errors) if c.errors else "OK"))
    return not c.errors


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    folders = argv[1:]
    if not folders:
        for d in sorted(os.listdir(here)):
            top = os.path.join(here, d)
            if os.path.isfile(os.path.join(top, "actors.csv")):
                folders.append(top)
            elif os.path.isdir(top):
                folders += [os.path.join(top, e) for e in sorted(os.listdir(top))
                            if os.path.isfile(os.path.join(top, e, "actors.csv"))]
    if not folders:
        print("no place folders found")
        return 1
    ok = all([check_place(f) for f in folders])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
