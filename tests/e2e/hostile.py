#!/usr/bin/env python3
"""Hostile text through every command and every output format of ripple.

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/hostile.py
    python3 tests/e2e/hostile.py --write-fixture DIR     (regenerates the fixture)

(run.sh runs it after reports.py, so `make check-e2e` runs it on the release and
the ASan build.)

The fixture, tests/e2e/places/hostile-matrix, is written from CATALOG below:
one actor and one ripple per hostile string, and every string also used as an
actor id, sector, town, extra attribute value, tie type, tie attribute value
and ripple id (shifted, so that no role holds the same string as its
neighbour). Extra column names, wave names, the place name and the programme
are hostile too. The test first checks that the committed fixture is exactly
what CATALOG writes, so the two cannot drift apart.

The place is imported into a database, and then every command and output
format runs over the database AND the folder: places, check, import, metrics
(network and --nodes), compare, batch (stdout, -o .csv/.json, --long,
--summary) in table, CSV and JSON; map and draw in SVG and DOT; export to
GraphML, GEXF, DOT, CSV, Kumu and RippleFX; report (place and summary). Each
output is parsed back by a real parser and the strings compared:

- CSV: the csv module; every text field equals the original string exactly,
  but for the formula guard (docs/DECISIONS.md): a cell a spreadsheet would run
  as a formula has a ' in front (csv_cell, from the documented rule).
- JSON: the json module; likewise.
- table: each string shows literally in its row (control characters as
  spaces, docs/DECISIONS.md) and no control character except the line feed
  is printed.
- SVG, GraphML, GEXF: xml.etree (and networkx / python-igraph when at hand);
  strings equal the original with what XML 1.0 cannot carry replaced, as
  documented; no element or on* attribute comes from user text.
- DOT: Graphviz's own parser (`dot -Tcanon`, `dot -Tjson`); ids and labels
  read back through -Tjson equal the input.
- HTML: html.parser; no <script>, no on* attribute, no element named in a
  hostile string; the text holds every string.
- the database: sqlite3 reads every stored string back byte-identical, and
  every table is still there.
- Kumu and RippleFX: export then import gives the same strings.

What other tools do, and the test allows for (docs/EXPORT.md): Graphviz
reads a DOT node id starting with '%' as an anonymous node, so that actor is
found by its label; igraph's GraphML writer leaves a carriage return raw,
which XML readers read as a line feed; python-igraph's GraphML reader keeps
'&' in an attribute's name as "&#38;"; Graphviz 2.43's -Tjson writes line
breaks inside strings raw (read with json's strict=False).

Only the standard library is needed. networkx, python-igraph and Graphviz's
`dot` are used when they are there; a check that needs a missing one prints
`ok - name # SKIP why` (TAP), never a silent pass.

Prints `ok - name` or `not ok - name: why` per check, a summary, and exits 1
when a check failed.
"""
import csv
import io
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
from harness import (HERE, ROOT, Fail, Group, find_networkx, forbidden_markup, norm, parse, ripple,
                     ripple_ok, short, structure_problems)

FIXTURE = os.path.join(HERE, "places", "hostile-matrix")

# ---- the hostile strings ------------------------------------------------------------
#
# (key, text, id): text is used as a label, sector, town, type, attribute value
# and ripple label; id (default: text) as an actor id and a ripple id, which may
# not hold control characters (schemas/FORMAT.md). Surrounding spaces, tabs and
# line breaks are trimmed from every value on input (FORMAT.md), so the
# expected value of a string is text.strip(" \t\r\n").

LONG = "".join("%d <b>long</b> & \"label\" \\N ]]> %d; " % (i, i) for i in range(100))

CATALOG = [
    ("quotes", "\"double\" 'single' back\\slash \\\\ end \\", None),
    ("graphviz escapes", "\\N \\G \\L \\n \\E \\T \\H \\l \\r \\\\N \\\"", None),
    ("backslash", "\\", None),
    ("quote", "\"", None),
    ("apostrophe", "'", None),
    ("script", "<script>alert(1)</script>", None),
    ("onerror", "<img src=x onerror=\"alert(1)\">", None),
    ("attribute breakout", "\" onmouseover=\"alert(1)\" x=\"", None),
    ("cdata", "]]> <![CDATA[ x ]]> <!-- c --> <?pi x?>", None),
    ("xxe", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]> &e;", None),
    ("entities", "&amp; &lt; &#0; &#x0; &#39; &bogus; & &&", None),
    ("sql", "'); DROP TABLE actor; --", None),
    ("sql or", "x' OR '1'='1", None),
    ("dot edge", "a -> b [label=\"x\"]; }", None),
    ("dot html label", "<<b>x</b>>", None),
    ("braces", "{ } ; graph G { n } subgraph", None),
    ("csv", "one, two\nthree \"four\", five", "one, two \"four\", five"),
    ("crlf", "cr\rcarriage\r\nreturn", "cr carriage return"),
    ("tab", "tab\there\t end", "tab>here"),
    ("padded", "   padded both sides   ", None),
    ("formula", "=cmd|' /C calc'!A0", "=HYPERLINK(\"x\",\"y\")"),
    ("formula at", "@SUM(1+1)*cmd|' /C calc'!A0", "@SUM(1+1)"),
    ("formula plus", "+1-1", "-1+1"),
    ("right to left", "\u0645\u0631\u062d\u0628\u0627 \u202eevil\u202c \u05e2\u05d1\u05e8\u05d9\u05ea", None),
    ("emoji", "\U0001f389 \U0001f469\u200d\U0001f469\u200d\U0001f467 \U0001f1ec\U0001f1e7", None),
    ("combining", "e\u0301 a\u0308 Z\u0337\u0336 \u0300start", None),
    ("zero width", "zero\u200bwidth\u200djoiner\ufeffbom", None),
    ("line separator", "line\u2028sep\u2029para", None),
    ("non-characters", "\ufffe\uffff non-characters", None),
    ("printf", "%s %n %x %% %1$s %p %.999999f", None),
    ("shell", "$(rm -rf /) `id` ${HOME} | cat", "$(rm -rf /) `id` ${HOME}"),
    # ESC, BEL and DEL are refused on input (DECISIONS.md); their 8-bit forms are
    # valid UTF-8 and are not: CSI U+009B, OSC U+009D, ST U+009C, NEL U+0085
    ("terminal", "\u009b31mred\u009b0m \u009d0;title\u009c \u009b2J", "[31mred[0m"),
    ("c1 controls", "\u009b31m csi \u0085 nel \u009d osc", None),
    ("dot port", "x:y:ne", None),
    ("long", LONG, "long " + "x" * 300),
]

# extra column names (lower case: column names are matched without regard to case,
# and kept lower-cased)
ACTOR_COLUMNS = ["<i>note</i> \"q\" & 'a' \\n ]]>", "=cmd|' /c calc'!a0"]
TIE_COLUMNS = ["<note> & 'x' \\g; --"]
WAVES = ["'); DROP TABLE wave; -- \"<w1>\" \\N",
         "<script>alert('w2')</script> & ]]> {;}",
         "a -> b [label=\"w3\"]; } %s $(x) \U0001f389"]
PLACE_NAME = ("<script>alert(\"place\")</script> & 'q' \\N \\G ]]> {x}; -- %s $(rm -rf /) "
              "=cmd|' /C calc'!A0 \U0001f389 \u00e9")
PROGRAMME = ("Programme \"<b>x</b>\"\n\\N \u009b31mred\u009b0m\t]]> '); DROP TABLE place; -- "
             "a -> b [label=\"x\"]; }")
CAPITALS = ["natural", "cultural", "human", "social", "political", "financial", "built"]


def expect(s):
    """What ripple stores for s: surrounding spaces, tabs and line breaks trimmed."""
    return s.strip(" \t\r\n")


N = len(CATALOG)
TEXT = [expect(t) for _, t, _ in CATALOG]
IDS = [expect(i if i is not None else t) for _, t, i in CATALOG]
KEYS = [k for k, _, _ in CATALOG]


RAW = [t for _, t, _ in CATALOG]
RAW_IDS = [i if i is not None else t for _, t, i in CATALOG]


def shifted(k, i):
    """Role k of row i holds string i + k, so that two roles of a row never hold
    the same string and a value shown in the wrong column is caught."""
    return RAW[(i + k) % N]


def actor_id(i):
    return RAW_IDS[(i + 17) % N]


def ripple_id(i):
    return RAW_IDS[(i + 7) % N]


def fixture_rows():
    """The five tables of the fixture, as lists of rows (header first), untrimmed."""
    actors = [["id", "label", "kind", "parent", "sector", "town", "attended"] + ACTOR_COLUMNS]
    for i in range(N):
        kind = ["organisation", "team", "person", "organisation"][i % 4]
        parent = actor_id(i - 1) if kind != "organisation" else ""
        actors.append([actor_id(i), RAW[i], kind, parent, shifted(1, i), shifted(2, i),
                       ["yes", "no", ""][i % 3], shifted(3, i), shifted(4, i)])
    pairs = {
        WAVES[0]: [(i, i + 1) for i in range(0, N - 1, 2)] + [(i, i + 2) for i in range(0, N - 2, 6)],
        WAVES[1]: [(i, i + 1) for i in range(N - 1) if i % 5] + [(0, N // 2), (3, N - 2)],
        WAVES[2]: [(i, (i + 1) % N) for i in range(N)] + [(1, N // 3), (2, 2 * N // 3)],
    }
    ties, k = [["source", "target", "wave", "type", "weight"] + TIE_COLUMNS], 0
    for w in WAVES:
        for a, b in pairs[w]:
            ties.append([actor_id(a), actor_id(b), w, shifted(5, k), str(1 + k % 3), shifted(6, k)])
            if k % 7 == 0:     # a second type on the same pair
                ties.append([actor_id(a), actor_id(b), w, shifted(8, k), "0.5", shifted(9, k)])
            k += 1
    waves = [["wave", "ordinal", "date"]] + [[w, str(j + 1), "2025-0%d-01" % (j + 1)]
                                             for j, w in enumerate(WAVES)]
    ripples = [["id", "parent", "label", "capital", "valence", "intended", "date", "actors"]]
    nameable = [actor_id(i) for i in range(N) if ";" not in expect(actor_id(i))]   # ';' separates them
    for i in range(N):
        parent = "" if i < 4 else ripple_id((i - 4) // 3)
        caps = ";".join(CAPITALS[(i + j) % 7] for j in range(i % 3))
        who = [nameable[i % len(nameable)], nameable[(i * 5 + 2) % len(nameable)]]
        ripples.append([ripple_id(i), parent, RAW[i], caps,
                        "negative" if i % 6 == 3 else "positive", ["yes", "no", "unknown"][i % 3],
                        "2025-%02d-%02d" % (1 + i % 12, 1 + i % 28), ";".join(dict.fromkeys(who))])
    place = [["name", "programme", "directed"], [PLACE_NAME, PROGRAMME, "no"]]
    return {"actors.csv": actors, "ties.csv": ties, "waves.csv": waves, "ripples.csv": ripples,
            "place.csv": place}


def csv_field(s):
    """RFC 4180: quoted when it holds a comma, quote or line break (CR alone too)."""
    return '"%s"' % s.replace('"', '""') if re.search(r'[,"\r\n]', s) else s


def fixture_files():
    return {name: "".join(",".join(csv_field(c) for c in row) + "\n" for row in rows).encode("utf-8")
            for name, rows in fixture_rows().items()}


def write_fixture(folder):
    os.makedirs(folder, exist_ok=True)
    for name, data in fixture_files().items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)


# ---- what ripple must give back ------------------------------------------------------

class Model:
    """The fixture as ripple must store it: every value trimmed (FORMAT.md)."""

    def __init__(self):
        rows = fixture_rows()

        def table(name):
            head, *body = rows[name]
            return [{h: expect(c) for h, c in zip(head, r)} for r in body]
        self.actors = table("actors.csv")
        self.ties = table("ties.csv")
        self.ripples = table("ripples.csv")
        meta = table("place.csv")[0]
        self.name, self.programme = meta["name"], meta["programme"]
        self.waves = [w["wave"] for w in table("waves.csv")]
        self.acols = [expect(c) for c in ACTOR_COLUMNS]
        self.tcols = [expect(c) for c in TIE_COLUMNS]
        self.actor = {a["id"]: a for a in self.actors}
        self.actor_xml = {xml_text(a["id"]): a for a in self.actors}   # as XML carries the ids
        self.ripple = {r["id"]: r for r in self.ripples}
        self.ids = [a["id"] for a in self.actors]
        self.labels = [a["label"] for a in self.actors]
        self.ripple_actors = {r["id"]: [x.strip() for x in r["actors"].split(";") if x.strip()]
                              for r in self.ripples}
        self.index = {}     # a stored string -> its CATALOG row (for the coverage matrix)
        for k in range(N):
            self.index.setdefault(TEXT[k], k)
            self.index.setdefault(IDS[k], k)

    def edges(self, wave):
        """frozenset({id, id}) -> types, weight, ties, extra columns of the pair at wave,
        as an edge of every export (distinct values ';'-joined in ties.csv order)."""
        out = {}
        for t in self.ties:
            if t["wave"] != wave:
                continue
            e = out.setdefault(frozenset((t["source"], t["target"])),
                               {"types": [], "weight": 0.0, "ties": 0, "cols": {c: [] for c in self.tcols}})
            if t["type"] and t["type"] not in e["types"]:
                e["types"].append(t["type"])
            e["weight"] += float(t["weight"])
            e["ties"] += 1
            for c in self.tcols:
                if t[c] and t[c] not in e["cols"][c]:
                    e["cols"][c].append(t[c])
        return out


M = None   # the Model, made in main()


# ---- the one change each output kind may make (docs/DECISIONS.md) -------------------

def xml_text(s):
    """As XML carries s: control characters but tab, LF and CR as spaces; U+FFFE and
    U+FFFF as U+FFFD (XML 1.0 cannot hold them)."""
    s = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", s)
    return s.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")


def graphml_text(s):
    """As GraphML carries s: xml_text, and a carriage return read back as a line feed.
    igraph writes the CR as it is, and XML readers must turn it into LF."""
    return re.sub(r"\r\n?", "\n", xml_text(s))


def table_text(s):
    """As a table cell shows s: C0 and C1 control characters and DEL as spaces."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", s)


# The formula guard (docs/DECISIONS.md, "CSV formula injection"): what every CSV
# ripple writes does to a cell, computed here from the documented rule, not from
# ripple's output. Only CSV outputs; JSON, tables, pictures and XML stay literal.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def piece_guarded(piece):
    """Whether a piece of a cell (after a ';' or a tab, up to the next one: a cell
    of its own to a spreadsheet that splits there) needs the guard: after any
    leading apostrophes it starts with a trigger, unless it is a plain number of
    under 64 bytes with no apostrophe."""
    q = piece.lstrip("'")
    if not q or not q.startswith(FORMULA_TRIGGERS):
        return False
    if q != piece or len(piece.encode("utf-8")) >= 64:
        return True
    return not PLAIN_NUMBER.fullmatch(piece)


def next_piece(s, i):
    return re.split(r"[;\t]", s[i:], maxsplit=1)[0]


def csv_cell(s):
    """As a CSV cell carries s: with one ' in front when, after any leading
    apostrophes, it starts with = + - @, a tab, CR, LF or a full-width ＝＋－＠,
    unless s is a plain decimal number with no apostrophe ("-0.25", "+44"); and
    a ' after each ';' or tab whose piece would be such a formula ("a;=1" is
    "a;'=1")."""
    out = []
    for i, ch in enumerate(s):
        if i > 0 and s[i - 1] in ";\t" and piece_guarded(next_piece(s, i)):
            out.append("'")
        out.append(ch)
    body = "".join(out)
    p = s.lstrip("'")
    if not p.startswith(FORMULA_TRIGGERS) or (p == s and PLAIN_NUMBER.fullmatch(s)):
        return body
    return "'" + body


def unguard_pieces(s):
    """Takes out the apostrophes csv_cell put after a ';' or a tab."""
    out, i = [], 0
    while i < len(s):
        if (i > 0 and s[i - 1] in ";\t" and s[i] == "'" and
                piece_guarded(next_piece(s, i + 1))):
            i += 1
            continue
        out.append(s[i])
        i += 1
    return "".join(out)


def csv_literal(v):
    """The string a CSV cell v carries: csv_cell's inverse (csv_cell is one-to-one,
    so v is csv_cell(x) for exactly this x). For the table format, which is compared
    with the CSV of the same command after the CSV was checked against csv_cell."""
    for body in ([v[1:]] if v.startswith("'") else []) + [v]:
        x = unguard_pieces(body)
        if csv_cell(x) == v:
            return x
    return v


def html_text(s):
    """As a report's text shows s: control characters and DEL as spaces."""
    return re.sub(r"[\x00-\x1f\x7f]", " ", s)


def drawn(s):
    """As a picture draws s: wrapped at spaces, so compared with runs of spaces and
    control characters as one space (pictures.py's norm), after what XML cannot carry."""
    return norm(xml_text(s))


# ---- the harness ---------------------------------------------------------------------

class Coverage:
    """output -> CATALOG rows whose string was read back, equal, from that output."""

    def __init__(self):
        self.seen = {}

    def add(self, output, value):
        k = M.index.get(value) if isinstance(value, str) else None
        self.seen.setdefault(output, set())
        if k is not None:
            self.seen[output].add(k)


COVER = Coverage()
NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|-?inf|nan")


def terminal_problems(data, what):
    """Bytes a terminal would act on: C0 controls but LF, DEL, C1 controls, and ESC above all."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    bad = sorted({"U+%04X" % ord(c) for c in text if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f})
    return ["%s holds control characters %s" % (what, ", ".join(bad))] if bad else []


# ---- tables: CSV, JSON and the table format ------------------------------------------

def csv_sections(text):
    """[(section, [row dicts])]; compare's CSV puts a '# name' line before each table."""
    out, head = [], None
    for rec in csv.reader(io.StringIO(text, newline="")):
        if not rec:
            continue
        if len(rec) == 1 and re.fullmatch(r"# \w+", rec[0]):
            out.append((rec[0][2:], []))
            head = None
            continue
        if not out:
            out.append(("", []))
        if head is None:
            head = rec
            continue
        if len(rec) != len(head):
            raise Fail("a CSV row of %d fields under a header of %d: %s" % (len(rec), len(head), short(rec)))
        out[-1][1].append(dict(zip(head, rec)))
    return out


def json_sections(text):
    data = json.loads(text)
    if isinstance(data, dict):
        return list(data.items())
    return [("", data)]


def wave_value(v, how=lambda s: s):
    """A wave column holds a wave, or FROM->TO in batch --long (as how writes them)."""
    if v in [how(w) for w in M.waves]:
        return True
    return any(v == how(a + "->" + b) for a in M.waves for b in M.waves)


def record_problems(rec, section, output, how=lambda s: s):
    """Every text field of one row of a table, CSV or JSON, checked against the
    fixture: the place, waves, and for an actor, a tie or a ripple each of its columns.
    how: as the output writes a string, column names included (csv_cell for CSV)."""
    bad = []
    actor = {how(k): a for k, a in M.actor.items()}
    ripple_of = {how(k): r for k, r in M.ripple.items()}

    def want(col, expected):
        v = rec.get(how(col))
        if v is None:
            return      # a column the output does not have, or JSON's null for ""
        if v != how(expected):
            bad.append("%s %r, expected %r" % (col, short(v, 60), short(how(expected), 60)))
        else:
            COVER.add(output, expected)

    want("place", M.name)
    for col in ("wave", "from", "to"):
        v = rec.get(how(col))
        if isinstance(v, str) and v and not NUMBER.fullmatch(v):
            if wave_value(v, how):
                COVER.add(output, csv_literal(v) if how is csv_cell else v)
            else:
                bad.append("%s %r is no wave" % (col, short(v, 60)))
    if how("ripple") in rec:
        r = ripple_of.get(rec[how("ripple")])
        if r is None:
            return bad + ["ripple %r is no ripple id" % short(rec[how("ripple")], 60)]
        COVER.add(output, r["id"])
        want("label", r["label"])
        v = rec.get(how("actors"))
        if isinstance(v, str):
            # the cell is the ';'-joined ids in some order, written as how writes it
            wanted = sorted(M.ripple_actors[r["id"]])
            got = [x for x in v.split(";") if x]
            for raw in [v] + ([csv_literal(v)] if how is csv_cell else []):
                ids = [x for x in raw.split(";") if x]
                if how(raw) == v and sorted(ids) == wanted:
                    got = ids
                    break
            else:
                bad.append("ripple %r: actors %r, expected %r (each as %s)" % (
                    short(r["id"], 30), got, wanted, "one CSV cell" if how is csv_cell else "written"))
            for x in got:
                COVER.add(output, x)
        return bad
    key = how("actor") if how("actor") in rec else how("id") if how("id") in rec else None
    if key and rec[key] is not None:
        a = actor.get(rec[key])
        if a is None:
            return bad + ["%s %r is no actor id" % (key, short(rec[key], 60))]
        COVER.add(output, a["id"])
        for col in ["label", "kind", "parent", "sector", "town"] + M.acols:
            want(col, a[col])
    for end in ("source", "target"):
        if isinstance(rec.get(how(end)), str):
            a = actor.get(rec[how(end)])
            if a is None:
                bad.append("%s %r is no actor id" % (end, short(rec[how(end)], 60)))
                continue
            COVER.add(output, a["id"])
            want(end + "_label", a["label"])
    return bad


def rows_problems(sections, output, how=lambda s: s):
    bad = []
    for name, rows in sections:
        for rec in rows:
            bad += record_problems(rec, name, output, how)
    return bad


def text_cells(rec):
    """The cells of a CSV row a table shows as they are (not numbers, which a table rounds)."""
    return [v for v in rec.values() if v and not NUMBER.fullmatch(v)]


def table_problems(text, sections, title=None):
    """The table format against the CSV of the same command: as many rows per
    section, and each row shows its text cells literally, in column order, with
    control characters as spaces; nothing a terminal would act on."""
    bad = terminal_problems(text, "the table")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    parts, cur, pre = [], None, []
    for line in lines:
        m = re.fullmatch(r"== (\w+) ==", line)
        if m:
            cur = (m.group(1), [])
            parts.append(cur)
        elif cur is not None:
            if line:
                cur[1].append(line)
        else:
            pre.append(line)
    if not parts:
        parts, pre = [("", pre)], []
    if pre != ([title, ""] if title is not None else []):
        bad.append("lines before the tables %r, expected the title %r" % (short(pre, 80), short(title, 80)))
    if len(parts) != len(sections) or any(s and p != s for (p, _), (s, _) in zip(parts, sections)):
        return bad + ["sections %s, CSV has %s" % ([p[0] for p in parts], [s[0] for s in sections])]
    for (name, tl), (_, rows) in zip(parts, sections):
        if len(tl) != len(rows) + 1:
            bad.append("%s: %d table lines for %d CSV rows (a cell broke a line?)"
                       % (name or "table", len(tl), len(rows)))
            continue
        for line, rec in zip(tl[1:], rows):
            at = 0
            for v in text_cells(rec):
                k = line.find(table_text(v), at)
                if k < 0:
                    bad.append("%s: %r not shown as %r"
                               % (name or "row", short(v, 50), short(table_text(v), 50)))
                    break
                at = k + len(table_text(v))
    return bad


def tabular_checks(grp, tag, source, work):
    """Every table command over source (a database or the folder), in CSV, JSON and table."""
    w0, w1, w2 = M.waves
    commands = [
        ("places", ["places"], None),
        ("metrics", ["metrics", M.name], None),
        ("metrics --wave", ["metrics", "--wave", w1], None),
        ("metrics --nodes", ["metrics", M.name, "--nodes"], None),
        ("compare", ["compare", M.name, "--from", w0, "--to", w2, "--permutations", "99"],
         "%s: %s -> %s, 99 permutations, seed 42, --missing reconstruct" % (M.name, w0, w2)),
        ("compare --section ripples", ["compare", "--section", "ripples", "--from", w1, "--to", w2,
                                       "--permutations", "9"],
         "%s: %s -> %s, 9 permutations, seed 42, --missing reconstruct" % (M.name, w1, w2)),
        ("batch", ["batch", "--no-store", "--jobs", "1", "--permutations", "9"], None),
        ("batch --long", ["batch", "--long", "--no-store", "--jobs", "1", "--permutations", "9",
                          "--from", w1, "--to", w2], None),
        ("batch --summary", ["batch", "--summary", "--no-store", "--jobs", "1", "--permutations", "9"], None),
    ]
    for name, args, title in commands:
        state = {}
        argv = [args[0], source] + args[1:]

        def csv_out(name=name, argv=argv):
            out, err = ripple_ok(*argv, "--format", "csv")
            sections = csv_sections(out.decode("utf-8"))
            bad = rows_problems(sections, name, csv_cell)
            # what the table must show: the CSV's cells as the strings they carry
            state["csv"] = [(s, [{csv_literal(k): csv_literal(v) for k, v in rec.items()} for rec in rows])
                            for s, rows in sections]
            if not any(rows for _, rows in sections):
                bad.append("no rows")
            return bad + terminal_problems(err, "stderr")
        grp.check("%s %s --format csv: csv reads it, every field equals the fixture's string" % (name, tag), csv_out)

        def json_out(name=name, argv=argv):
            out, _ = ripple_ok(*argv, "--format", "json")
            sections = json_sections(out.decode("utf-8"))
            bad = rows_problems(sections, name)
            if "csv" in state and [len(r) for _, r in sections] != [len(r) for _, r in state["csv"]]:
                bad.append("JSON and CSV have different rows")
            return bad
        grp.check("%s %s --format json: json reads it, every string equals the fixture's" % (name, tag), json_out)

        def table_out(name=name, argv=argv, title=title):
            if "csv" not in state:
                raise Fail("no CSV to compare with")
            out, err = ripple_ok(*argv)       # table is the default
            text = out.decode("utf-8")
            bad = table_problems(text, state["csv"], table_text(title) if title else None)
            for _, rows in state["csv"]:
                for rec in rows:
                    for v in text_cells(rec):
                        if table_text(v) in text:
                            COVER.add(name + " (table)", v)
            return bad + terminal_problems(err, "stderr")
        grp.check("%s %s (table): one line per row, strings literal in their columns, control "
                  "characters as spaces" % (name, tag), table_out)

    def batch_files():
        bad = []
        for ext in ("csv", "json"):
            path = os.path.join(work, "batch-%s.%s" % (tag, ext))
            ripple_ok("batch", source, "--jobs", "1", "--permutations", "9", "--no-store", "-o", path)
            with open(path, encoding="utf-8", newline="") as f:
                text = f.read()
            sections = csv_sections(text) if ext == "csv" else json_sections(text)
            bad += rows_problems(sections, "batch -o", csv_cell if ext == "csv" else lambda s: s)
            if not sections or len(sections[0][1]) != 1:
                bad.append("batch -o .%s: %d rows, expected 1" % (ext, len(sections[0][1]) if sections else 0))
        return bad
    grp.check("batch %s -o FILE.csv / FILE.json: the place and its waves read back exactly" % tag, batch_files)


# ---- import, check and the database ----------------------------------------------------

def summary_line_problems(out, err, verb):
    text = out.decode("utf-8")
    bad = terminal_problems(out, "stdout") + terminal_problems(err, "stderr")
    if table_text(M.name) not in text:
        bad.append("%s line lacks the place name: %s" % (verb, short(text, 120)))
    for w in M.waves if verb == "imported" else []:
        if w not in text:
            bad.append("%s line lacks wave %r" % (verb, w))
    if text.count("\n") != 1:
        bad.append("%d lines on stdout, expected 1" % text.count("\n"))
    return bad


def stored_strings(db):
    """Every user string of the database, as bytes, keyed by where it is."""
    con = sqlite3.connect(db)
    con.text_factory = bytes
    try:
        q = lambda sql: con.execute(sql).fetchall()   # noqa: E731
        out = {
            "place": q("SELECT name, programme FROM place"),
            "wave": q("SELECT name FROM wave ORDER BY ordinal"),
            "actor": q("SELECT a.code, a.label, a.kind, coalesce(p.code, ''), coalesce(a.sector, ''), "
                       "coalesce(a.town, '') FROM actor a LEFT JOIN actor p ON p.actor_id = a.parent_id "
                       "ORDER BY a.actor_id"),
            "actor_attribute": q("SELECT a.code, t.name, t.value FROM actor_attribute t JOIN actor a "
                                 "USING (actor_id) ORDER BY a.actor_id, t.name"),
            "tie": q("SELECT s.code, g.code, w.name, coalesce(t.type, '') FROM tie t "
                     "JOIN actor s ON s.actor_id = t.source_id JOIN actor g ON g.actor_id = t.target_id "
                     "JOIN wave w USING (wave_id) ORDER BY t.tie_id"),
            "tie_attribute": q("SELECT x.tie_id - (SELECT min(tie_id) FROM tie), x.name, x.value "
                               "FROM tie_attribute x ORDER BY x.tie_id, x.name"),
            "ripple": q("SELECT r.code, coalesce(p.code, ''), r.label FROM ripple r "
                        "LEFT JOIN ripple p ON p.ripple_id = r.parent_id ORDER BY r.ripple_id"),
            "ripple_actor": q("SELECT r.code, a.code FROM ripple_actor x JOIN ripple r USING (ripple_id) "
                              "JOIN actor a USING (actor_id) ORDER BY r.code, a.code"),
        }
    finally:
        con.close()
    return out


def expected_strings():
    b = lambda *v: tuple(x.encode("utf-8") for x in v)   # noqa: E731
    return {
        "place": [b(M.name, M.programme)],
        "wave": [b(w) for w in M.waves],
        "actor": [b(a["id"], a["label"], a["kind"], a["parent"], a["sector"], a["town"]) for a in M.actors],
        "actor_attribute": sorted([(a["id"].encode("utf-8"),) + b(c, a[c]) for a in M.actors for c in M.acols],
                                  key=lambda r: (M.ids.index(r[0].decode("utf-8")), r[1])),
        "tie": [b(t["source"], t["target"], t["wave"], t["type"]) for t in M.ties],
        "tie_attribute": [(k,) + b(c, t[c]) for k, t in enumerate(M.ties) for c in M.tcols],
        "ripple": [b(r["id"], r["parent"], r["label"]) for r in M.ripples],
        "ripple_actor": sorted((r.encode("utf-8"), a.encode("utf-8"))
                               for r, acts in M.ripple_actors.items() for a in acts),
    }


def schema_of(db):
    con = sqlite3.connect(db)
    try:
        return sorted(con.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        con.close()


def db_problems(db, fresh):
    bad = []
    got, want = stored_strings(db), expected_strings()
    for table in want:
        if got[table] != want[table]:
            diff = [(g, w) for g, w in zip(got[table], want[table]) if g != w]
            bad.append("%s: %d rows, expected %d; first difference %s" % (
                table, len(got[table]), len(want[table]), short(diff[:1] or "in the row count", 160)))
        else:
            for row in want[table]:
                for v in row:
                    if isinstance(v, bytes):
                        COVER.add("database", v.decode("utf-8"))
    if schema_of(db) != schema_of(fresh):
        bad.append("tables, views, indexes or triggers differ from a new database: %s" %
                   short(sorted(set(schema_of(fresh)) ^ set(schema_of(db))), 200))
    con = sqlite3.connect(db)
    try:
        if con.execute("PRAGMA integrity_check").fetchall() != [("ok",)] or \
                con.execute("PRAGMA foreign_key_check").fetchall():
            bad.append("integrity_check or foreign_key_check fails")
    finally:
        con.close()
    return bad


def import_checks(grp, db, fresh, work):
    def fixture():
        want = fixture_files()
        bad = []
        for name, data in sorted(want.items()):
            path = os.path.join(FIXTURE, name)
            if not os.path.exists(path):
                bad.append("%s missing" % name)
            elif open(path, "rb").read() != data:
                bad.append("%s differs from what CATALOG writes (python3 tests/e2e/hostile.py "
                           "--write-fixture %s)" % (name, os.path.relpath(FIXTURE, ROOT)))
        roles = [("actor ids", M.ids), ("labels", M.labels), ("sectors", [a["sector"] for a in M.actors]),
                 ("towns", [a["town"] for a in M.actors]), ("tie types", [t["type"] for t in M.ties]),
                 ("ripple labels", [r["label"] for r in M.ripples]), ("ripple ids", list(M.ripple))]
        for c in M.acols:
            roles.append(("actor column %r" % c, [a[c] for a in M.actors]))
        for what, values in roles:
            missing = [KEYS[k] for k in range(N) if TEXT[k] not in values and IDS[k] not in values]
            if missing:
                bad.append("no %s hold %s" % (what, ", ".join(missing)))
        return bad
    grp.check("the fixture %s is what CATALOG writes, and every hostile string is an actor id, "
              "label, sector, town, attribute, tie type, ripple id and label" % os.path.relpath(FIXTURE, ROOT),
              fixture)

    def check():
        rc, out, err = ripple("check", FIXTURE)
        if rc != 0:
            raise Fail("exit status %d: %s" % (rc, short(err)))
        return summary_line_problems(out, err, "ok")
    grp.check("check: the folder is valid; the ok line shows the place name literally, on one line", check)

    def imp():
        ripple_ok("init", fresh)
        rc, out, err = ripple("import", db, FIXTURE)
        if rc != 0:
            raise Fail("exit status %d: %s" % (rc, short(err)))
        return summary_line_problems(out, err, "imported")
    grp.check("import: exit 0; the summary line shows the place and wave names literally, on one line", imp)
    grp.check("sqlite3 reads every stored string back byte-identical (ids, labels, sectors, towns, "
              "attributes, tie types, waves, place, programme, ripples); every table is still there",
              db_problems, db, fresh)

    def by_name():
        # the place name and wave names as command-line arguments, where SQL would see them
        bad = []
        for args in (["metrics", db, M.name, "--wave", M.waves[0], "--format", "json"],
                     ["compare", db, M.name, "--from", M.waves[2], "--to", M.waves[0], "--format", "json",
                      "--permutations", "9"]):
            out, _ = ripple_ok(*args)
            if not json_sections(out.decode("utf-8"))[0][1]:
                bad.append("%s by name: no rows" % args[0])
        rc, out, err = ripple("metrics", db, M.name + "'; --", "--format", "json")
        if rc != 2:
            bad.append("an unknown place name: exit %d, %s" % (rc, short(err)))
        return bad + db_problems(db, fresh)
    grp.check("the place and wave names work as arguments (an SQL-like name is just an unknown name), "
              "and the database is unchanged", by_name)


# ---- pictures: SVG and DOT --------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(root):
    return norm(" ".join("".join(t.itertext()) for t in root.iter(SVG + "text")))


def strings_in(text, strings, output, how):
    bad = []
    for s in strings:
        if how(s) in text:
            COVER.add(output, s)
        else:
            bad.append("%r not drawn as %r" % (short(s, 40), short(how(s), 40)))
    return bad


def dot_json(path):
    """Graphviz's own reading of a DOT file: `dot -Tjson`, parsed."""
    p = subprocess.run(["dot", "-Tjson", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    if p.returncode != 0:
        raise Fail("dot -Tjson: exit %d: %s" % (p.returncode, short(p.stderr.decode("utf-8", "replace"))))
    try:
        # strict=False: Graphviz 2.43 writes a line break inside a value as it is
        return json.loads(p.stdout.decode("utf-8"), strict=False)
    except ValueError as e:
        raise Fail("dot -Tjson wrote what json cannot read: %s" % e)


def drawn_lines(obj):
    """The text lines Graphviz draws for one object of -Tjson, in order."""
    return [op["text"] for key in ("_ldraw_", "_hldraw_", "_tldraw_", "_draw_")
            for op in obj.get(key, []) if op.get("op") == "T"]


def dot_drawn_text(data):
    lines = drawn_lines(data)
    for obj in data.get("objects", []) + data.get("edges", []):
        lines += drawn_lines(obj)
    return norm(" ".join(lines))


def picture_checks(grp, tag, source, work):
    w0, w1, w2 = M.waves
    ripples = [r["label"] for r in M.ripples]
    actors = M.labels
    pictures = [
        ("map", ["map", source], ripples + [M.programme, M.name]),
        ("map --timeline", ["map", source, "--timeline"], ripples + [M.name]),
        ("draw --wave", ["draw", source, M.name, "--wave", w1], actors + [M.name, w1]),
        ("draw --from --to", ["draw", source, "--from", w0, "--to", w2], actors + [M.name, w0, w2]),
    ]
    for name, args, strings in pictures:
        svg = os.path.join(work, "%s-%s.svg" % (name.replace(" ", ""), tag))

        def svg_check(args=args, svg=svg, strings=strings, name=name):
            ripple_ok(*(args + ["-o", svg]))
            with open(svg, "rb") as f:
                raw = f.read()
            try:
                root = ET.fromstring(raw)
            except ET.ParseError as e:
                raise Fail("not XML: %s" % e)
            return forbidden_markup(root, raw) + strings_in(svg_texts(root), strings, name + " svg", drawn)
        grp.check("%s %s -o FILE.svg: XML, no element or on* attribute from a label, every string drawn "
                  "literally" % (name, tag), svg_check)
        if name == "map --timeline":
            continue
        dot = svg[:-4] + ".dot"
        if not shutil.which("dot"):
            harness.skip("%s %s -o FILE.dot: Graphviz reads it" % (name, tag), "Graphviz's dot is not installed")
            continue

        def dot_check(args=args, dot=dot, strings=strings, name=name):
            ripple_ok(*(args + ["-o", dot]))
            return strings_in(dot_drawn_text(dot_json(dot)), strings, name + " dot", drawn)
        grp.check("%s %s -o FILE.dot: Graphviz reads it (dot -Tjson) and draws every string literally"
                  % (name, tag), dot_check)


# ---- export: GraphML, GEXF, DOT, CSV ---------------------------------------------------

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
ACTOR_FIELDS = ["label", "kind", "parent", "sector", "town"]


def node_problems(got, a, how, output, names=None):
    """got: attribute name -> value as read; a: the actor of the fixture."""
    bad = []
    for col in ACTOR_FIELDS + M.acols:
        name = (names or {}).get(col, col)
        want = how(a[col])
        v = got.get(name, "")
        if v != want:
            bad.append("actor %r: %s %r, expected %r" % (short(a["id"], 20), short(col, 20),
                                                        short(v, 40), short(want, 40)))
        elif want:
            COVER.add(output, a[col])
    return bad


def edge_problems(pairs, wave, how, output, name_how=None):
    """pairs: {frozenset(ids): {attr: value}} as read, against the pairs tied at wave;
    attribute names as name_how (default: how) writes them."""
    want = M.edges(wave)
    bad = []
    if set(pairs) != set(want):
        odd = [sorted(p, key=str) for p in set(pairs) ^ set(want)]
        bad.append("%d edges, %d pairs tied at the wave; e.g. %s" % (len(pairs), len(want), short(odd[:1], 100)))
    for pair, attrs in pairs.items():
        e = want.get(pair)
        if e is None:
            continue
        for name, expected in [("type", ";".join(e["types"]))] + [(c, ";".join(e["cols"][c])) for c in M.tcols]:
            name = (name_how or how)(name)
            if attrs.get(name, "") != how(expected):
                bad.append("edge %s: %s %r, expected %r"
                           % (short(sorted(pair), 40), short(name, 20), short(attrs.get(name), 40),
                              short(how(expected), 40)))
            elif len(e["types"]) == 1:
                COVER.add(output, expected)
    return bad


def read_graphml(path):
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(GRAPHML + "key")}
    g = root.find(GRAPHML + "graph")

    def data(e):
        return {keys[d.get("key")]: d.text or "" for d in e.findall(GRAPHML + "data")}
    nodes = {n.get("id"): data(n) for n in g.findall(GRAPHML + "node")}
    edges = [(e.get("source"), e.get("target"), data(e)) for e in g.findall(GRAPHML + "edge")]
    return data(g), nodes, edges


def graphml_problems(path, wave, output="export graphml"):
    gdata, nodes, edges = read_graphml(path)
    bad = []
    if gdata.get("place") != graphml_text(M.name) or gdata.get("wave") != graphml_text(wave):
        bad.append("graph place/wave %r / %r" % (short(gdata.get("place"), 40), short(gdata.get("wave"), 40)))
    names = {}
    for nid, d in nodes.items():
        a = M.actor_xml.get(d.get("name"))
        if a is None:
            bad.append("node %s: name %r is no actor id" % (nid, short(d.get("name"), 40)))
            continue
        names[nid] = a["id"]
        COVER.add(output, a["id"])
        bad += node_problems(d, a, graphml_text, output, {c: graphml_text(c) for c in M.acols})
    if len(names) != len(M.actors):
        bad.append("%d actors read, %d in the fixture" % (len(names), len(M.actors)))
    pairs = {frozenset((names.get(s), names.get(t))): d for s, t, d in edges}
    return bad + edge_problems(pairs, wave, graphml_text, output)


def read_gexf(path):
    root = ET.parse(path).getroot()
    g = root.find(GEXF + "graph")
    titles = {a.get("id"): a.get("title") for a in g.iter(GEXF + "attribute")}
    nodes = {}
    for n in g.iter(GEXF + "node"):
        d = {"label": n.get("label") or ""}
        for v in n.iter(GEXF + "attvalue"):
            if v.get("start") is None:
                d[titles[v.get("for")]] = v.get("value")
        nodes[n.get("id")] = d
    edges = []
    for e in g.iter(GEXF + "edge"):
        per = {}
        for v in e.iter(GEXF + "attvalue"):
            per.setdefault(v.get("start"), {})[titles[v.get("for")]] = v.get("value")
        edges.append((e.get("source"), e.get("target"), per))
    return root.findtext(GEXF + "meta/" + GEXF + "description") or "", nodes, edges


def gexf_problems(path):
    desc, nodes, edges = read_gexf(path)
    bad = [] if desc.startswith(xml_text(M.name) + ":") else ["description %r" % short(desc, 60)]
    for nid, d in nodes.items():
        a = M.actor_xml.get(nid)
        if a is None:
            bad.append("node id %r is no actor id" % short(nid, 40))
            continue
        COVER.add("export gexf", a["id"])
        bad += node_problems(d, a, xml_text, "export gexf", {c: xml_text(c) for c in M.acols})
    dates = ["2025-0%d-01" % (j + 1) for j in range(len(M.waves))]
    for date, wave in zip(dates, M.waves):
        pairs = {frozenset((M.actor_xml[s]["id"] if s in M.actor_xml else s,
                            M.actor_xml[t]["id"] if t in M.actor_xml else t)): per[date]
                 for s, t, per in edges if date in per}
        bad += edge_problems(pairs, wave, xml_text, "export gexf")
    return bad


def dot_unquote(s):
    """A value as ripple wrote it in a DOT string, from Graphviz's reading of it:
    backslashes are doubled in the file and Graphviz keeps both (EXPORT.md)."""
    return s.replace("\\\\", "\\")


def label_lines(s):
    """The lines Graphviz draws for a label exported to DOT: a line break is a new
    line, other control characters are spaces (EXPORT.md)."""
    return [re.sub(r"[\x00-\x1f]", " ", line) for line in re.split(r"\r\n|\r|\n", s)]


def dot_export_problems(path, wave, output="export dot"):
    p = subprocess.run(["dot", "-Tcanon", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0 or p.stderr.strip():
        raise Fail("dot -Tcanon: exit %d: %s" % (p.returncode, short(p.stderr.decode("utf-8", "replace"))))
    data = dot_json(path)
    bad = []
    if dot_unquote(data.get("place", "")) != M.name or dot_unquote(data.get("wave", "")) != wave:
        bad.append("graph place/wave %r / %r" % (short(data.get("place"), 40), short(data.get("wave"), 40)))
    nodes = {}
    for obj in data.get("objects", []):
        name = dot_unquote(obj.get("name", ""))
        a = M.actor.get(name)
        if a is None and re.fullmatch(r"%\d+", name):
            # Graphviz reads a name that starts with '%' as an anonymous node (its
            # issue 1466): such an actor is found by its drawn label instead
            a = next((x for x in M.actors if x["id"].startswith("%") and
                      label_lines(x["label"]) == drawn_lines(obj)), None)
            name = a["id"] if a else name
        if a is None:
            bad.append("node %r is no actor id" % short(name, 40))
            continue
        nodes[obj["_gvid"]] = name
        COVER.add(output, name)
        got = {dot_unquote(k): dot_unquote(v) for k, v in obj.items() if isinstance(v, str)}
        got["label"] = a["label"] if drawn_lines(obj) == label_lines(a["label"]) else \
            "drawn as %r" % drawn_lines(obj)
        bad += node_problems(got, a, lambda s: s, output)
    if len(nodes) != len(M.actors):
        bad.append("%d nodes read, %d actors" % (len(nodes), len(M.actors)))
    pairs = {frozenset((nodes.get(e["tail"]), nodes.get(e["head"]))):
             {dot_unquote(k): dot_unquote(v) for k, v in e.items() if isinstance(v, str)}
             for e in data.get("edges", [])}
    return bad + edge_problems(pairs, wave, lambda s: s, output)


def export_csv_problems(path, wave):
    nodes_path = re.sub(r"\.csv$", "-nodes.csv", path)
    bad = []
    with open(path, encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    with open(nodes_path, encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    for rec in nodes:
        bad += record_problems(rec, "", "export csv", csv_cell)
    if sorted(r["id"] for r in nodes) != sorted(csv_cell(i) for i in M.ids):
        bad.append("the nodes table does not hold every actor id (each as a CSV cell)")
    ids = {csv_cell(i): i for i in M.ids}      # a cell -> the actor id it carries
    for rec in edges:
        if rec.get("wave") != csv_cell(wave):
            bad.append("wave %r" % short(rec.get("wave"), 40))
        COVER.add("export csv", ids.get(rec.get("source")))
        COVER.add("export csv", ids.get(rec.get("target")))
    pairs = {frozenset((ids.get(r["source"], r["source"]), ids.get(r["target"], r["target"]))): r for r in edges}
    return bad + edge_problems(pairs, wave, csv_cell, "export csv")


def export_checks(grp, tag, source, work):
    for j, wave in enumerate(M.waves):
        for fmt, fn in (("graphml", graphml_problems), ("dot", dot_export_problems), ("csv", export_csv_problems)):
            path = os.path.join(work, "%s-%d.%s" % (tag, j, fmt))
            if fmt == "dot" and not shutil.which("dot"):
                harness.skip("export %s --wave %d --format dot: Graphviz reads it" % (tag, j + 1),
                             "Graphviz's dot is not installed")
                continue

            def check(fmt=fmt, fn=fn, path=path, wave=wave):
                ripple_ok("export", source, "--wave", wave, "-o", path)
                try:
                    return fn(path, wave)
                except ET.ParseError as e:
                    raise Fail("not XML: %s" % e)
            grp.check("export %s --wave %d --format %s: %s reads every id, label, attribute, type and value back "
                      "exactly" % (tag, j + 1, fmt, {"graphml": "ElementTree", "dot": "Graphviz (dot -Tcanon, -Tjson)",
                                                      "csv": "csv"}[fmt]), check)
    path = os.path.join(work, "%s.gexf" % tag)

    def gexf():
        ripple_ok("export", source, "-o", path)
        try:
            return gexf_problems(path)
        except ET.ParseError as e:
            raise Fail("not XML: %s" % e)
    grp.check("export %s --format gexf: ElementTree reads every id, label, attribute, and the type and "
              "value of each wave, exactly" % tag, gexf)

    def stdout_same():
        bad = []
        for fmt in ("graphml", "dot", "gexf"):
            args = ["export", source, "--format", fmt] + ([] if fmt == "gexf" else ["--wave", M.waves[0]])
            file = os.path.join(work, "%s-stdout.%s" % (tag, fmt))
            ripple_ok(*(args + ["-o", file]))
            out, _ = ripple_ok(*(args + ["-o", "-"]))
            with open(file, "rb") as f:
                if f.read() != out:
                    bad.append("%s on stdout differs from the file" % fmt)
        return bad
    grp.check("export %s -o -: the same bytes on stdout as in the files" % tag, stdout_same)


NX_READ = r"""
import json, sys
out = {}
import networkx as nx
for fmt, path in json.loads(sys.argv[1]):
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    out[path] = {"nodes": [[str(n), {k: v for k, v in d.items() if isinstance(v, str)}] for n, d in g.nodes(data=True)],
                 "edges": [[str(a), str(b), {k: v for k, v in d.items() if isinstance(v, str)}]
                           for a, b, d in g.edges(data=True)]}
try:
    import igraph
except ImportError:
    igraph = None
for fmt, path in json.loads(sys.argv[1]):
    if fmt == "graphml" and igraph:
        g = igraph.Graph.Read_GraphML(path)
        out[path + " igraph"] = {"nodes": [[str(v.index), {k: v[k] for k in g.vs.attributes() if isinstance(v[k], str)}]
                                           for v in g.vs],
                                 "edges": [[str(e.source), str(e.target), {k: e[k] for k in g.es.attributes()
                                                                           if isinstance(e[k], str)}] for e in g.es]}
print(json.dumps(out))
"""


def library_checks(grp, work):
    """networkx reads the GraphML and GEXF files, python-igraph the GraphML: labels equal the input."""
    exe, why = find_networkx()
    files = [("graphml", os.path.join(work, "db-%d.graphml" % j)) for j in range(len(M.waves))] + \
            [("gexf", os.path.join(work, "db.gexf"))]
    files = [f for f in files if os.path.exists(f[1])]
    if not exe:
        harness.skip("networkx and python-igraph read the hostile GraphML and GEXF", why)
        return
    p = subprocess.run([exe, "-c", NX_READ, json.dumps(files)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        grp.check("networkx reads the hostile GraphML and GEXF (%s)" % exe,
                  lambda: ["exit %d: %s" % (p.returncode, short(p.stderr.decode("utf-8", "replace"), 300))])
        return
    res = json.loads(p.stdout)
    for fmt, path in files:
        for reader in ("networkx", "python-igraph"):
            key = path + (" igraph" if reader == "python-igraph" else "")
            if fmt == "gexf" and reader == "python-igraph":
                continue
            name = "%s reads %s: every actor id, label, attribute and edge type equals the input" % (
                reader, os.path.basename(path))
            if key not in res:
                harness.skip(name, "python-igraph is not installed with networkx (%s)" % exe)
                continue

            def check(r=res[key], fmt=fmt, path=path, reader=reader):
                bad, ids = [], {}
                for nid, d in r["nodes"]:
                    a = M.actor_xml.get(d.get("name") if fmt == "graphml" else nid)
                    if a is None:
                        bad.append("node %r: no actor id" % short(d.get("name", nid), 40))
                        continue
                    ids[nid] = a["id"]
                    how = graphml_text if fmt == "graphml" else xml_text
                    # igraph's GraphML reader (C, 0.10) keeps '&' in a key's attr.name as "&#38;"
                    names = {c: how(c).replace("&", "&#38;") if reader == "python-igraph" else how(c)
                             for c in M.acols}
                    bad += node_problems(d, a, how, reader, names)
                if len(ids) != len(M.actors):
                    bad.append("%d actors, %d in the fixture" % (len(ids), len(M.actors)))
                if fmt == "graphml":
                    wave = M.waves[int(re.search(r"-(\d)\.graphml$", path).group(1))]
                    pairs = {frozenset((ids.get(a), ids.get(b))): d for a, b, d in r["edges"]}
                    bad += edge_problems(pairs, wave, how, reader,
                                         lambda c: names.get(c, c) if c in names else
                                         how(c).replace("&", "&#38;") if reader == "python-igraph" else how(c))
                return bad
            grp.check(name, check)


# ---- Kumu and RippleFX: export, then import ------------------------------------------

def kumu_checks(grp, db, work):
    back = os.path.join(work, "kumu-back.db")

    def round_trip():
        a, b = os.path.join(work, "kumu-db"), os.path.join(work, "kumu-folder")
        ripple_ok("export", db, "--format", "kumu", "-o", a)
        ripple_ok("export", FIXTURE, "--format", "kumu", "-o", b)
        bad = []
        for name in ("elements.csv", "connections.csv"):
            with open(os.path.join(a, name), "rb") as f, open(os.path.join(b, name), "rb") as g:
                if f.read() != g.read():
                    bad.append("%s differs between the database and the folder" % name)
        rc, out, err = ripple("import", back, a, "--from", "kumu", "--name", M.name)
        if rc != 0:
            raise Fail("import --from kumu: exit %d: %s" % (rc, short(err)))
        got, want = stored_strings(back), expected_strings()
        for table in ("wave", "actor", "actor_attribute", "tie", "tie_attribute"):
            if got[table] != want[table]:
                diff = [(g, w) for g, w in zip(got[table], want[table]) if g != w]
                bad.append("%s: %d rows, expected %d; first difference %s" % (
                    table, len(got[table]), len(want[table]), short(diff[:1] or "in the row count", 200)))
            else:
                for row in want[table]:
                    for v in row:
                        if isinstance(v, bytes):
                            COVER.add("kumu", v.decode("utf-8"))
        if got["place"][0][0] != M.name.encode("utf-8"):
            bad.append("place name %r" % got["place"][0][0])
        return bad
    grp.check("export --format kumu, then import --from kumu: every id, label, kind, parent, sector, town, "
              "attribute, tie type and wave comes back byte-identical", round_trip)


def ripples_of(db):
    """The ripple map as RippleFX carries it, as bytes."""
    con = sqlite3.connect(db)
    con.text_factory = bytes
    try:
        return {
            "ripples": con.execute(
                "SELECT r.code, coalesce(p.code, ''), r.label, r.valence, r.intended, coalesce(r.date, '') "
                "FROM ripple r LEFT JOIN ripple p ON p.ripple_id = r.parent_id ORDER BY r.code").fetchall(),
            "capitals": con.execute("SELECT r.code, c.capital FROM ripple_capital c JOIN ripple r USING (ripple_id) "
                                    "ORDER BY 1, 2").fetchall(),
            "actors": con.execute("SELECT r.code, a.label FROM ripple_actor x JOIN ripple r USING (ripple_id) "
                                  "JOIN actor a USING (actor_id) ORDER BY 1, 2").fetchall(),
            "actor labels": con.execute("SELECT label FROM actor ORDER BY 1").fetchall(),
            "programme": con.execute("SELECT programme FROM place").fetchall(),
        }
    finally:
        con.close()


def ripplefx_checks(grp, db, work):
    def round_trip():
        variant = FIXTURE
        orig, back = os.path.join(work, "rfx-orig.db"), os.path.join(work, "rfx-back.db")
        ripple_ok("import", orig, variant)
        ripple_ok("export", orig, "--format", "ripplefx", "-o", os.path.join(work, "rfx"))
        rc, out, err = ripple("import", back, os.path.join(work, "rfx"), "--from", "ripplefx", "--name", M.name)
        if rc != 0:
            raise Fail("import --from ripplefx: exit %d: %s" % (rc, short(err)))
        a, b = ripples_of(orig), ripples_of(back)
        bad = []
        for k in a:
            if a[k] != b[k]:
                diff = [(x, y) for x, y in zip(a[k], b[k]) if x != y]
                bad.append("%s: %d rows, %d before; first difference %s" % (
                    k, len(b[k]), len(a[k]), short(diff[:1] or "in the row count", 200)))
        if not bad:
            for r in M.ripples:
                COVER.add("ripplefx", r["id"])
                COVER.add("ripplefx", r["label"])
        return bad
    grp.check("export --format ripplefx, then import --from ripplefx: every "
              "ripple id, parent, label, capital, date, actor and the programme come back byte-identical",
              round_trip)


# ---- reports: HTML ----------------------------------------------------------------------

HOSTILE_TAGS = sorted({t.lower() for s in RAW + [PLACE_NAME, PROGRAMME] + WAVES + ACTOR_COLUMNS
                       for t in re.findall(r"<([A-Za-z][\w-]*)", s)})


def html_problems(path, strings, output):
    raw, p = parse(path)
    bad = structure_problems(raw, p)
    for n in p.root.iter():
        if n.tag in HOSTILE_TAGS:
            bad.append("a <%s> element, named in a hostile string" % n.tag)
    text = norm(p.root.all_text())
    for s in strings:
        if norm(html_text(s)) in text:
            COVER.add(output, s)
        else:
            bad.append("%r is not in the page's text" % short(s, 50))
    return bad


def report_checks(grp, db, work):
    # the report is about the first and the last wave (no --from/--to)
    strings = [M.name, M.programme, M.waves[0], M.waves[-1]] + [r["label"] for r in M.ripples]

    def place_report():
        a, b = os.path.join(work, "report-db.html"), os.path.join(work, "report-folder.html")
        ripple_ok("report", db, "-o", a, "--permutations", "9")
        ripple_ok("report", FIXTURE, M.name, "-o", b, "--permutations", "9")
        bad = html_problems(a, strings, "report")
        # the same but for the lines that name the command given (source, -o FILE)
        if harness.report_without_commands(a) != harness.report_without_commands(b):
            bad.append("the report from the folder differs from the one from the database")
        return bad
    grp.check("report: html.parser reads it; no <script>, no on* attribute, no element named in a hostile "
              "string (%s); the text holds the place, programme, both waves and every ripple label literally; "
              "the same bytes from the folder" % ", ".join(HOSTILE_TAGS), place_report)

    def summary():
        path = os.path.join(work, "summary.html")
        ripple_ok("report", db, "--summary", "-o", path, "--permutations", "9")
        return html_problems(path, [M.name], "report --summary")
    grp.check("report --summary: the same, with the place name literal", summary)


# ---- messages: what reaches a terminal on stderr -----------------------------------------

def message_checks(grp, db, work):
    def bad_input():
        folder = os.path.join(work, "bad-input")
        shutil.copytree(FIXTURE, folder)
        with open(os.path.join(folder, "ties.csv"), "ab") as f:     # C1 CSI passes the reader
            f.write(("%s,\"x\u009b2Jy\u009d0;t\u009c\",%s,t,1,\n" % (csv_field(M.ids[0]), csv_field(M.waves[0])))
                    .encode("utf-8"))
        with open(os.path.join(folder, "place.csv"), "wb") as f:    # ESC does not
            f.write(b'name,programme,directed\n"place \x1b[31mred\x1b[0m",p,no\n')
        rc, out, err = ripple("check", folder)
        bad = [] if rc == 2 else ["exit status %d, expected 2" % rc]
        if "unknown actor" not in err or "place.csv:2" not in err:
            bad.append("stderr lacks the unknown actor or place.csv's problem: %s" % short(err))
        return bad + terminal_problems(err, "stderr") + terminal_problems(out, "stdout")
    grp.check("check: an unknown actor holding C1 controls and a place name holding ESC are reported on "
              "stderr without passing a control character to the terminal", bad_input)

    def foreign_db():
        # import refuses ESC, BEL and DEL, but a database written by another tool or
        # by hand may hold them: what ripple prints for a terminal must still not
        other = os.path.join(work, "foreign.db")
        src, dst = sqlite3.connect(db), sqlite3.connect(other)
        src.backup(dst)
        src.close()
        evil = " \x1b[31mred\x1b[0m \x1b]0;title\x07 \x7f\x1b[2J"
        dst.execute("UPDATE actor SET label = label || ? WHERE actor_id = (SELECT min(actor_id) FROM actor)", (evil,))
        dst.execute("UPDATE place SET name = name || ?", (evil,))
        dst.commit()
        dst.close()
        label, name = M.actors[0]["label"] + evil, M.name + evil
        bad = []
        for args in (["places", other], ["metrics", other, "--nodes"], ["compare", other, "--permutations", "9"],
                     ["batch", other, "--no-store", "--jobs", "1", "--permutations", "9"]):
            out, err = ripple_ok(*args)
            text = out.decode("utf-8")
            bad += terminal_problems(out, "%s (table)" % args[0]) + terminal_problems(err, "stderr")
            if table_text(name) not in text:
                bad.append("%s: the place name not shown with its controls as spaces" % args[0])
        rc, out, err = ripple("metrics", other, "no such place \x1b[2J")
        bad += terminal_problems(err, "stderr of an unknown PLACE")
        out, _ = ripple_ok("metrics", other, "--nodes", "--format", "csv")
        rows = csv_sections(out.decode("utf-8"))[0][1]
        if not any(r["label"] == csv_cell(label) for r in rows) or \
                not all(r["place"] == csv_cell(name) for r in rows):
            bad.append("CSV does not carry the label and place name byte for byte")
        out, _ = ripple_ok("metrics", other, "--nodes", "--format", "json")
        rows = json_sections(out.decode("utf-8"))[0][1]
        if b"\x1b" in out or not any(r["label"] == label for r in rows):
            bad.append("JSON does not escape ESC, or does not read back the label")
        return bad
    grp.check("a database holding ESC, BEL and DEL (written by another tool): tables, titles and "
              "messages show them as spaces; CSV carries them byte for byte, JSON as \\u001b", foreign_db)


# ---- main ------------------------------------------------------------------------------

# The outputs that carry actor or ripple text: each must give back every hostile
# string (in one role or another) for the matrix to be complete.
MATRIX = ["database", "metrics --nodes", "metrics --nodes (table)", "compare", "compare (table)",
          "map svg", "map dot", "map --timeline svg", "draw --wave svg", "draw --wave dot",
          "draw --from --to svg", "draw --from --to dot", "export graphml", "export gexf", "export dot",
          "export csv", "networkx", "python-igraph", "kumu", "ripplefx", "report"]


def matrix_problems():
    bad = []
    for out in MATRIX:
        if out in ("networkx", "python-igraph") and any(out in name for name, _ in harness.SKIPS) or \
                out.endswith(" dot") and not shutil.which("dot"):
            continue     # skipped, and said so
        missing = [KEYS[k] for k in range(N) if k not in COVER.seen.get(out, set())]
        if missing:
            bad.append("%s: %s not read back" % (out, ", ".join(missing)))
    return bad


def suite():
    global M
    start = time.time()
    M = Model()
    work = tempfile.mkdtemp(prefix="ripple-hostile.")
    db, fresh = os.path.join(work, "hostile.db"), os.path.join(work, "fresh.db")

    def sub(name):
        d = os.path.join(work, name)
        os.makedirs(d, exist_ok=True)
        return d
    try:
        first = Group()
        import_checks(first, db, fresh, work)
        jobs = [(tabular_checks, ("db", db, sub("tab-db"))), (tabular_checks, ("folder", FIXTURE, sub("tab-folder"))),
                (picture_checks, ("db", db, sub("pic-db"))), (picture_checks, ("folder", FIXTURE, sub("pic-folder"))),
                (export_checks, ("db", db, sub("export"))), (export_checks, ("folder", FIXTURE, sub("export"))),
                (kumu_checks, (db, sub("kumu"))), (ripplefx_checks, (db, sub("rfx"))),
                (report_checks, (db, sub("report"))), (message_checks, (db, sub("messages")))]
        groups = harness.run_groups(jobs)
        last = Group()
        library_checks(last, sub("export"))
        last.check("after every command: the stored strings and the tables are as imported "
                   "(draw's layouts and batch's results aside)", db_problems, db, fresh)
        last.check("the matrix: every hostile string read back from every output that carries actor or "
                   "ripple text (%d strings x %d outputs)" % (N, len(MATRIX)), matrix_problems)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    pairs = sum(len(v) for v in COVER.seen.values())
    return harness.report("hostile", [first] + groups + [last], start,
                          detail="%d hostile strings, %d (string, output) pairs read back over %d outputs"
                          % (N, pairs, len(COVER.seen)))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write-fixture"]:
        write_fixture(sys.argv[2])
        sys.exit(0)
    sys.exit(harness.main("hostile", suite))
