#!/usr/bin/env python3
"""RippleFX's own rules, applied to a nodes file and a relationships file.

Written from RippleFX's source (github.com/prgarnett/RippleFX,
src/main/java/net/prgarnett/DotMakeNodes.java, readTheNodesFile and
readTheRelsFile), independently of ripple's writer, to check that what
`ripple export --format ripplefx` writes is read by RippleFX as meant:

- CSV as Commons CSV's DEFAULT format with the first record as header; a
  record becomes a map column -> value (record.toMap()).
- nodes: N runs from 1 to the largest N of a column attribute_label_N; the
  pair is attribute_label_N / value_N, each trimmed (Java's trim: characters
  <= U+0020); a pair with either empty is skipped; both are escaped
  (\\ " ' get a backslash) before use. "name" gives the label and is the key
  of nameToId (a later node of the same name takes the key); "date" is parsed
  with the pattern dd/MM/yyyy; a node without a name is skipped.
- relationships: "match id 1" / "match id 2", trimmed and NOT escaped, looked
  up in nameToId; an edge with an end not found is skipped.

Checked (exit 1 and a message on the first failure): every node has a name,
no two nodes share one, every relationship's two ends are found, every date
parses, every `type` is a Graphviz shape. Prints the counts on success:
`nodes N relationships M dated D`.

usage: ripplefx_rules.py NODES.csv RELATIONSHIPS.csv
"""
import csv
import datetime
import re
import sys

SHAPES = set("""box polygon ellipse oval circle point egg triangle plaintext plain diamond
trapezium parallelogram house pentagon hexagon septagon octagon doublecircle doubleoctagon
tripleoctagon invtriangle invtrapezium invhouse Mdiamond Msquare Mcircle rect rectangle square
star none underline cylinder note tab folder box3d component promoter cds terminator utr
primersite restrictionsite fivepoverhang threepoverhang noverhang assembly signature insulator
ribosite rnastab proteasesite proteinstab rpromoter rarrow larrow lpromoter""".split())


def jtrim(s):
    """Java's String.trim: strips characters <= U+0020 at both ends."""
    i, j = 0, len(s)
    while i < j and s[i] <= " ":
        i += 1
    while j > i and s[j - 1] <= " ":
        j -= 1
    return s[i:j]


def escape(s):
    return jtrim(s).replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'")


def records(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    # Commons CSV DEFAULT ignores empty lines; toMap keeps the columns a record has
    return header, [dict(zip(header, r)) for r in rows[1:] if r != []]


def max_n(row):
    n = 0
    for key in row:
        m = re.fullmatch(r"attribute_label_([+-]?[0-9]+)", key)
        if m:
            n = max(n, int(m.group(1)))
    return n


def parse_date(s):
    """DateTimeFormatter.ofPattern("dd/MM/yyyy"): two digits, two digits, four
    or more; the stricter reading (a real day) is what ripple's export must meet."""
    m = re.fullmatch(r"([0-9]{2})/([0-9]{2})/([0-9]{4})", s)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def fail(msg):
    print("ripplefx_rules: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    nodes_path, rels_path = sys.argv[1], sys.argv[2]
    header, nodes = records(nodes_path)
    name_to_id, dated = {}, 0
    for k, row in enumerate(nodes):
        where = "%s record %d" % (nodes_path, k + 1)
        shape = row.get("type", "ellipse")
        if shape not in SHAPES:
            fail("%s: type %r is not a Graphviz shape" % (where, shape))
        name = None
        for n in range(1, max_n(row) + 1):
            label = jtrim(row.get("attribute_label_%d" % n, ""))
            value = jtrim(row.get("value_%d" % n, ""))
            if not label or not value:
                continue
            label, value = escape(label), escape(value)
            if label == "name":
                if name is not None:
                    fail("%s: two names" % where)
                name = value
                if value in name_to_id:
                    fail("%s: name %r already names record %d" % (where, value, name_to_id[value] + 1))
                name_to_id[value] = k
            elif label == "date":
                if parse_date(value) is None:
                    fail("%s: date %r does not parse as dd/MM/yyyy" % (where, value))
                dated += 1
        if name is None:
            fail("%s: no name: RippleFX skips the node" % where)
    _, rels = records(rels_path)
    for k, row in enumerate(rels):
        for end in ("match id 1", "match id 2"):
            v = jtrim(row.get(end, ""))
            if v not in name_to_id:
                fail("%s record %d: %s %r names no node: RippleFX skips the edge" % (rels_path, k + 1, end, v))
    print("nodes %d relationships %d dated %d" % (len(nodes), len(rels), dated))


if __name__ == "__main__":
    main()
