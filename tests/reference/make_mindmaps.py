#!/usr/bin/env python3
"""The small mind maps ripple's tests read, built with the structures the tools write.

    python3 tests/reference/make_mindmaps.py      (re)writes datasets/imports/mindmaps/

One REM workshop map (illustrative, not real data), written three ways:

  workshop.xmind        XMind 2020 and later: a zip with content.json (a list of sheets,
                        each {id, class, title, rootTopic: {id, class, title, labels,
                        notes: {plain: {content}}, markers: [{markerId}], children:
                        {attached: [...], detached: [...]}}}), metadata.json and
                        manifest.json, and the content.xml that only tells XMind 8 to
                        upgrade (xmindltd/xmind-sdk-js: src/utils/zipper.ts,
                        src/common/templates/content.xml, src/core/note.ts,
                        test/units/topic.test.ts)
  workshop-xmind8.xmind XMind 8: a zip with content.xml (xmap-content/sheet/topic, a topic
                        holding title, marker-refs/marker-ref[@marker-id], labels/label,
                        notes/plain, children/topics[@type=attached]/topic), meta.xml
                        and META-INF/manifest.xml
  workshop.mm           FreeMind 1.0.1: map/node nested, TEXT or richcontent TYPE=NODE,
                        icon[@BUILTIN], richcontent TYPE=NOTE, attribute[@NAME,@VALUE]
                        (freemind.xsd, e.g. jiangxin/freemind-mmx freemind/freemind.xsd)

It also writes the bad-input cases tests/bad/xmind/<case>/map.xmind and
tests/bad/freemind/<case>/map.mm, each the workshop map with one problem planted, and the
`expect` lines (tests/bad/README.md) written by hand below.

and expected-ripples.csv: the ripples each must import to, as ripples.csv rows (with the
notes each topic's note gives). That file
is the truth the tests hold ripple to: it is written here from the same table the maps
are made from, never from ripple's output.

Python 3 standard library only (zipfile, json, xml.sax.saxutils). The zips are written
with a fixed date so that the bytes do not change from run to run.
"""
import csv
import io
import json
import os
import zipfile
from xml.sax.saxutils import escape, quoteattr

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "datasets", "imports", "mindmaps")
DATE = (2025, 3, 1, 12, 0, 0)

PROGRAMME = "Place-based leadership programme"

# id, parent, title as drawn, how it is coded, note, and what ripple must read:
# (capitals, valence, intended, date, actors). `codes` are XMind labels / FreeMind
# attributes; `suffix` is the text convention "[...]" at the end of the title.
TOPICS = [
    dict(id="ID_1001", parent=None, title="Partners meet for the first time",
         codes=["social"], fm={"capital": "social"}, note="Met at module 2",
         want=("social", "positive", "unknown", "", "")),
    dict(id="ID_1002", parent="ID_1001", title="Joint bid to the sports fund",
         codes=["Financial capital", "social", "date: 2025-02-10",
                "actors: council; sport-trust"],
         fm={"capital": "financial; social", "date": "2025-02-10",
             "actors": "council; sport-trust"},
         note="Submitted in February", marker="priority-1",
         want=("social;financial", "positive", "unknown", "2025-02-10",
               "council;sport-trust")),
    dict(id="ID_1003", parent="ID_1002", title="Bid turned down",
         codes=["financial", "negative", "unintended"],
         fm={"capital": "financial", "valence": "negative", "intended": "no"},
         want=("financial", "negative", "no", "", "")),
    dict(id="ID_1004", parent="ID_1001", title="Shared calendar of events",
         suffix="[cultural, social]", marker="flag-red",
         want=("cultural;social", "positive", "unknown", "", "")),
    dict(id="ID_1005", parent=None, title="Leaders use systems language",
         codes=["human", "intended"], fm={"capital": "human", "intended": "yes"},
         want=("human", "positive", "yes", "", "")),
    dict(id="ID_1006", parent="ID_1005", title="A new cross-team meeting",
         want=("", "positive", "unknown", "", "")),   # not coded yet
]


def children(parent):
    return [t for t in TOPICS if t["parent"] == parent]


def title_of(t):
    return t["title"] + (" " + t["suffix"] if t.get("suffix") else "")


def write_zip(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files:
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


# ---- XMind 2020+: content.json ------------------------------------------------------

def json_topic(t):
    topic = {"id": t["id"], "class": "topic", "title": title_of(t)}
    if t.get("codes"):
        topic["labels"] = t["codes"]
    if t.get("note"):
        n = t["note"]   # as xmind-sdk-js's Note writes it
        topic["notes"] = {"html": {"content": {"paragraphs": [{"spans": [{"text": n}]}]}},
                          "plain": {"content": n}, "ops": {"ops": [{"insert": n}]}}
    if t.get("marker"):
        topic["markers"] = [{"markerId": t["marker"]}]
    kids = children(t["id"])
    if kids:
        topic["children"] = {"attached": [json_topic(k) for k in kids]}
    return topic


def xmind_zen():
    sheet = {"id": "5s2h8lqfe3l1qm3fq6n2o4pd1b", "class": "sheet", "title": "Sheet 1",
             "rootTopic": {"id": "0v8cm2qg2j3l7s1t9nq5m6b4uf", "class": "topic",
                           "title": PROGRAMME, "structureClass": "org.xmind.ui.map.unbalanced",
                           "children": {"attached": [json_topic(t) for t in children(None)],
                                        # a floating topic: not a ripple
                                        "detached": [{"id": "ID_9001", "title": "Parking lot"}]}}}
    warning = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?><xmap-content '
               'xmlns="urn:xmind:xmap:xmlns:content:2.0" version="2.0"><sheet id="w1"><topic '
               'id="w2"><title>Warning</title><children><topics type="attached"><topic id="w3">'
               '<title>This file can not be opened normally, please do not modify and save'
               '</title></topic></topics></children></topic><title>Sheet 1</title></sheet>'
               '</xmap-content>')
    return [("content.json", json.dumps([sheet], ensure_ascii=False)),
            ("metadata.json", "{}"),
            ("manifest.json", '{"file-entries":{"content.json":{},"metadata.json":{}}}'),
            ("content.xml", warning)]


# ---- XMind 8: content.xml --------------------------------------------------------------

def xml_topic(t):
    s = '<topic id=%s timestamp="1740830400000"><title>%s</title>' % (quoteattr(t["id"]),
                                                                     escape(title_of(t)))
    if t.get("marker"):
        s += '<marker-refs><marker-ref marker-id=%s/></marker-refs>' % quoteattr(t["marker"])
    if t.get("codes"):
        s += "<labels>" + "".join("<label>%s</label>" % escape(c) for c in t["codes"]) + "</labels>"
    if t.get("note"):
        s += ("<notes><html><xhtml:p>%s</xhtml:p></html><plain>%s</plain></notes>"
              % (escape(t["note"]), escape(t["note"])))
    kids = children(t["id"])
    if kids:
        s += '<children><topics type="attached">' + "".join(xml_topic(k) for k in kids) + \
             "</topics></children>"
    return s + "</topic>"


def xmind8():
    content = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?><xmap-content '
               'xmlns="urn:xmind:xmap:xmlns:content:2.0" xmlns:fo="http://www.w3.org/1999/XSL/Format" '
               'xmlns:svg="http://www.w3.org/2000/svg" xmlns:xhtml="http://www.w3.org/1999/xhtml" '
               'xmlns:xlink="http://www.w3.org/1999/xlink" timestamp="1740830400000" version="2.0">'
               '<sheet id="6efkjpakvem8dhcuogog58m3e3" timestamp="1740830400000">'
               '<topic id="4q78eop79gsu23ruat138kibnt" structure-class="org.xmind.ui.map.unbalanced" '
               'timestamp="1740830400000"><title>%s</title><children><topics type="attached">%s'
               '</topics><topics type="detached"><topic id="ID_9001"><title>Parking lot</title>'
               '</topic></topics></children></topic><title>Sheet 1</title></sheet></xmap-content>'
               % (escape(PROGRAMME), "".join(xml_topic(t) for t in children(None))))
    meta = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?><meta '
            'xmlns="urn:xmind:xmap:xmlns:meta:2.0" version="2.0"><Creator><Name>XMind</Name>'
            '<Version>R3.7.9.201912052356</Version></Creator></meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?><manifest '
                'xmlns="urn:xmind:xmap:xmlns:manifest:1.0"><file-entry full-path="content.xml" '
                'media-type="text/xml"/><file-entry full-path="META-INF/" media-type=""/>'
                '<file-entry full-path="META-INF/manifest.xml" media-type="text/xml"/>'
                '<file-entry full-path="meta.xml" media-type="text/xml"/></manifest>')
    return [("meta.xml", meta), ("content.xml", content), ("META-INF/manifest.xml", manifest)]


# ---- FreeMind ---------------------------------------------------------------------------

def mm_node(t, depth):
    pad = "  " * depth
    if t["id"] == "ID_1005":   # a formatted title: richcontent TYPE="NODE"
        s = '%s<node ID=%s CREATED="1740830400000" MODIFIED="1740830400000">\n' % (pad, quoteattr(t["id"]))
        s += ('%s<richcontent TYPE="NODE"><html>\n  <head>\n  </head>\n  <body>\n    <p>\n      %s\n'
              '    </p>\n  </body>\n</html></richcontent>\n' % (pad, escape(title_of(t))))
    else:
        s = '%s<node CREATED="1740830400000" ID=%s MODIFIED="1740830400000" TEXT=%s>\n' % (
            pad, quoteattr(t["id"]), quoteattr(title_of(t)))
    if t.get("marker"):
        s += '%s  <icon BUILTIN="flag"/>\n' % pad
    if t.get("note"):
        s += ('%s  <richcontent TYPE="NOTE"><html>\n  <head>\n  </head>\n  <body>\n    <p>\n'
              '      %s\n    </p>\n  </body>\n</html></richcontent>\n' % (pad, escape(t["note"])))
    for k, v in t.get("fm", {}).items():
        s += '%s  <attribute NAME=%s VALUE=%s/>\n' % (pad, quoteattr(k), quoteattr(v))
    for k in children(t["id"]):
        s += mm_node(k, depth + 1)
    return s + "%s</node>\n" % pad


def freemind():
    s = ('<map version="1.0.1">\n<!-- To view this file, download free mind mapping software '
         'FreeMind from http://freemind.sourceforge.net -->\n'
         '<node CREATED="1740830400000" ID="ID_1000" MODIFIED="1740830400000" TEXT=%s>\n'
         % quoteattr(PROGRAMME))
    for t in children(None):
        s += mm_node(t, 1)
    return s + "</node>\n</map>\n"


def expected():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "parent", "label", "capital", "valence", "intended", "date", "actors",
                "notes"])
    for t in TOPICS:
        w.writerow([t["id"], t["parent"] or "", t["title"], *t["want"], t.get("note", "")])
    return out.getvalue()


CAPS = ("(expected natural, cultural, human, social, political, financial or built; "
        "or positive, negative, intended, unintended)")
JOINT = '"Partners meet for the first time" \u203a "Joint bid to the sports fund"'


def with_topic(tid, **change):
    """TOPICS with topic tid changed (a copy)."""
    global TOPICS
    saved = TOPICS
    TOPICS = [dict(t, **change) if t["id"] == tid else t for t in saved]
    return saved


def bad_cases():
    """(kind, case, files or text, expect): one planted problem each."""
    global TOPICS
    cases = []
    saved = with_topic("ID_1002", codes=["finance", "social"], fm={"capital": "finance; social"})
    cases.append(("xmind", "unknown-capital", xmind_zen(),
                  'map.xmind: sheet 1 \u203a %s: unknown capital "finance" %s' % (JOINT, CAPS)))
    cases.append(("xmind", "xmind8-unknown-capital", xmind8(),
                  'map.xmind: sheet 1 \u203a %s: unknown capital "finance" %s' % (JOINT, CAPS)))
    mm = freemind()
    line = mm.split("\n").index([l for l in mm.split("\n") if "Joint bid" in l][0]) + 1
    cases.append(("freemind", "unknown-capital", mm,
                  'map.mm:%d: %s: unknown capital "finance" %s' % (line, JOINT, CAPS)))
    TOPICS = saved
    saved = with_topic("ID_1003", fm={"valence": "neutral"}, codes=["negative", "positive"])
    mm = freemind()
    line = mm.split("\n").index([l for l in mm.split("\n") if "Bid turned down" in l][0]) + 1
    cases.append(("freemind", "unknown-valence", mm,
                  'map.mm:%d: %s \u203a "Bid turned down": unknown valence "neutral" (expected '
                  'positive or negative)' % (line, JOINT)))
    cases.append(("xmind", "both-valences", xmind_zen(),
                  'map.xmind: sheet 1 \u203a %s \u203a "Bid turned down": coded both positive '
                  'and negative' % JOINT))
    TOPICS = saved
    saved = with_topic("ID_1004", title="", suffix="[cultural]")
    cases.append(("xmind", "untitled", xmind8(),
                  'map.xmind: sheet 1 \u203a "Partners meet for the first time" \u203a "": a '
                  'topic without a title'))
    TOPICS = saved
    saved = with_topic("ID_1006", id="ID_1003")
    cases.append(("xmind", "duplicate-id", xmind_zen(),
                  'map.xmind: sheet 1 \u203a "Leaders use systems language" \u203a "A new '
                  'cross-team meeting": ripple id "ID_1003" is also the id of sheet 1 \u203a '
                  '%s \u203a "Bid turned down"' % JOINT))
    TOPICS = saved
    saved = with_topic("ID_1002", fm={"date": "10/02/2025"})
    mm = freemind()
    line = mm.split("\n").index([l for l in mm.split("\n") if "Joint bid" in l][0]) + 1
    cases.append(("freemind", "bad-date", mm,
                  'map.mm:%d: %s: date "10/02/2025" is not a date written yyyy-mm-dd'
                  % (line, JOINT)))
    TOPICS = saved
    cases.append(("xmind", "not-a-zip", "this is not a zip file\n",
                  "map.xmind: not an XMind file (an XMind file is a zip archive): Not a zip archive"))
    cases.append(("xmind", "no-content", [("meta.xml", "<meta/>")],
                  "map.xmind: not an XMind file: it holds neither content.json nor content.xml"))
    zen = xmind_zen()
    cases.append(("xmind", "bad-json", [("content.json", zen[0][1][:40])] + zen[1:],
                  "map.xmind: content.json:1:40: premature end of input near '\"c'"))
    two = json.loads(zen[0][1])
    cases.append(("xmind", "two-sheets", [("content.json", json.dumps(two * 2))] + zen[1:],
                  "map.xmind: 2 sheets: ripple reads one ripple map a file (keep one sheet)"))
    cases.append(("freemind", "not-xml", '<map version="1.0.1">\n<node TEXT="P">\n</map>\n',
                  "map.mm:4: not well-formed XML: Premature end of data in tag map line 1"))
    cases.append(("freemind", "not-a-map", '<?xml version="1.0"?>\n<html><body/></html>\n',
                  "map.mm: not a FreeMind map (no map/node)"))
    # the last two messages are jansson's and libxml2's own words (Debian bookworm)
    return cases


def write_bad():
    for kind, case, content, expect in bad_cases():
        d = os.path.join(ROOT, "tests", "bad", kind, case)
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, "map.xmind" if kind == "xmind" else "map.mm")
        if isinstance(content, list):
            write_zip(path, content)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(content)
        with open(os.path.join(d, "expect"), "w", encoding="utf-8") as f:
            f.write(expect + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    write_bad()
    write_zip(os.path.join(OUT, "workshop.xmind"), xmind_zen())
    write_zip(os.path.join(OUT, "workshop-xmind8.xmind"), xmind8())
    with open(os.path.join(OUT, "workshop.mm"), "w", encoding="utf-8") as f:
        f.write(freemind())
    with open(os.path.join(OUT, "expected-ripples.csv"), "w", encoding="utf-8") as f:
        f.write(expected())
    print("wrote", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    main()
