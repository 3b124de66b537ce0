#!/usr/bin/env python3
"""The module graph of ripple, from the #include lines, and the rules it must keep.

    python3 scripts/modules.py            check the rules (make lint; part of make test)
    python3 scripts/modules.py --dot F    also write the module graph as Graphviz DOT to F

A module is a file's name without its extension: engine/metrics.c, engine/include/
ripple/metrics.h (its public header) and any engine/metrics*.h are module `metrics`.
Every module sits in one layer (LAYERS below, docs/ARCHITECTURE.md says why), and data
flows one way, from input to output. The rules, each a line `file:line: ...` when broken:

  1. layering: a file includes no header of a module in a layer above its own;
  2. no cycle: the modules' include graph has no cycle across modules;
  3. SQL: only the store's files (engine/store*.c, engine/store*.h) include <sqlite3.h>,
     call sqlite3_*, or hold SQL text; no other file of engine/ or cli/ does;
  4. the library boundary: cli/ includes nothing but the public headers ("ripple.h",
     "ripple/*.h"), its own headers and system headers; and no engine file includes the
     umbrella "ripple.h" (each names the public headers it uses, so that the include
     graph is the module graph).

Exits 1 when a rule is broken, 0 otherwise. Python 3 standard library only.
"""
import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Layers, lowest first. A module not named here is reported (rule 0), so a new file
# must be placed on purpose.
LAYERS = [
    ("base", "shared by every layer: errors, CSV, strings, files, random numbers, processes",
     ["error", "csv", "util", "rng", "pool", "xml", "fileio"]),
    ("input", "readers: place folders and other tools' files into the input model",
     ["input/place", "input/convert", "input/kumu", "input/ripplefx", "input/mindmap"]),
    ("store", "the SQLite store: writes places, reads them back as the read model",
     ["store", "store_read", "store_batch", "store_layout", "model", "source"]),
    ("analysis", "graphs and measures computed from the read model",
     ["graph", "paths", "metrics", "compare", "waves", "mixing", "batch", "rollup", "pseudo"]),
    ("output", "writers, pictures and reports, from the model and the measures",
     ["output/formats", "output/export", "output/kumu", "output/ripplefx", "output/mindmap",
      "render",
      "map", "draw", "pictures", "html", "report"]),
    ("cli", "the command line", ["cli"]),
]
# public headers named unlike the module that implements them
PUBLIC_OF = {"place": "input/place", "export": "output/export", "formats": "output/formats"}
LAYER_OF = {m: i for i, (_, _, mods) in enumerate(LAYERS) for m in mods}
LAYER_NAME = [name for name, _, _ in LAYERS]

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
SQL_TEXT = re.compile(r'"[^"\n]*\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|'
                      r'CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)|PRAGMA|SAVEPOINT|BEGIN\s+'
                      r'(IMMEDIATE|TRANSACTION)|ROLLBACK|RELEASE\s+\w+)\b')
SQLITE_USE = re.compile(r'\bsqlite3_\w+|<sqlite3\.h>')


def sources():
    """Every C file of engine/ and cli/, as a path relative to ROOT."""
    for top in ("engine", "cli"):
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs.sort()
            for f in sorted(files):
                if f.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(folder, f), ROOT)


def module_of(path):
    """The module a file belongs to."""
    if path.startswith("cli/"):
        return "cli"
    if path == "engine/include/ripple.h":
        return "ripple.h"
    base = os.path.splitext(path)[0]
    if base.startswith("engine/include/ripple/"):
        name = base[len("engine/include/ripple/"):]
        return PUBLIC_OF.get(name, name)
    rel = base[len("engine/"):]
    if rel.endswith("_private"):
        return rel[:-len("_private")]   # a module's private header is the module's
    return rel


def header_path(includer, name, quoted):
    """The project file an #include names, or None for a system header."""
    if not quoted:
        return None
    for folder in (os.path.dirname(includer), "engine/include", "engine", "cli"):
        p = os.path.normpath(os.path.join(folder, name))
        if os.path.exists(os.path.join(ROOT, p)):
            return p
    return None


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dot", help="write the module graph as DOT to this file")
    args = ap.parse_args()

    problems = []
    edges = {}            # (from module, to module) -> first file:line
    modules = set()
    for path in sources():
        mod = module_of(path)
        modules.add(mod)
        if mod not in LAYER_OF and mod != "ripple.h":
            problems.append(f"{path}:1: module \"{mod}\" is in no layer "
                            "(scripts/modules.py LAYERS)")
            continue
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            raw = f.read()
        code = strip_comments(raw)
        is_store = mod.startswith("store")
        for lineno, line in enumerate(code.split("\n"), 1):
            m = INCLUDE.match(line)
            if m:
                quoted, name = m.group(1) == '"', m.group(2)
                target = header_path(path, name, quoted)
                if path.startswith("cli/") and quoted and target and \
                        not target.startswith(("cli/", "engine/include/")):
                    problems.append(f"{path}:{lineno}: the command line includes the engine's "
                                    f"private header \"{name}\" (only ripple.h and "
                                    "ripple/*.h are public)")
                if path.startswith("engine/") and target == "engine/include/ripple.h" \
                        and mod != "ripple.h":
                    problems.append(f"{path}:{lineno}: includes the umbrella \"ripple.h\": "
                                    "name the public headers of the modules it uses "
                                    "(\"ripple/<module>.h\")")
                if target:
                    tmod = module_of(target)
                    if tmod != mod and tmod != "ripple.h" and mod != "ripple.h":
                        edges.setdefault((mod, tmod), f"{path}:{lineno}")
                        if tmod in LAYER_OF and mod in LAYER_OF and \
                                LAYER_OF[tmod] > LAYER_OF[mod]:
                            problems.append(
                                f"{path}:{lineno}: {mod} ({LAYER_NAME[LAYER_OF[mod]]}) includes "
                                f"\"{name}\" of {tmod} ({LAYER_NAME[LAYER_OF[tmod]]}), a layer "
                                "above it")
            if not is_store and (SQLITE_USE.search(line) or SQL_TEXT.search(line)):
                problems.append(f"{path}:{lineno}: SQL outside the store: "
                                f"{line.strip()[:70]}")

    # rule 2: no cycle between modules
    graph = {}
    for (a, b) in edges:
        graph.setdefault(a, set()).add(b)
    state = {}

    def visit(m, stack):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                cyc = stack[stack.index(n):] + [n]
                problems.append(f"{edges[(m, n)]}: modules include each other in a circle: "
                                + " -> ".join(cyc))
            elif n not in state:
                visit(n, stack)
        stack.pop()
        state[m] = 2
    for m in sorted(graph):
        if m not in state:
            visit(m, [])

    if args.dot:
        write_dot(args.dot, modules, edges)
    for p in problems:
        print(p)
    print(f"# modules: {len(modules - {'ripple.h'})} modules, {len(edges)} include edges, "
          f"{len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
    return 1 if problems else 0


def write_dot(path, modules, edges):
    """The module graph: a box per layer, the command line on top and the base at the
    bottom, an arrow from each module to a module whose header it includes."""
    colours = ["#eeeeee", "#dbe9f6", "#fde0c5", "#d9f0d3", "#f3d9ec", "#fff2ae"]
    lines = ["digraph modules {", '  rankdir=TB; nodesep=0.25; ranksep=0.45;',
             '  fontname="Helvetica"; compound=true;',
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, '
             'fillcolor=white, height=0.3];',
             '  edge [color="#888888", arrowsize=0.5];']
    anchors = []
    for i, (name, what, _) in reversed(list(enumerate(LAYERS))):
        mods = sorted(m for m in modules if LAYER_OF.get(m) == i)
        if not mods:
            continue
        lines.append(f'  subgraph cluster_{name} {{ label="{name}: {what}"; labeljust=l; '
                     f'fontsize=10; style=filled; color="{colours[i]}";')
        lines.append(f'    "layer_{name}" [shape=point, style=invis, width=0];')
        for m in mods:
            lines.append(f'    "{m}";')
        lines.append("  }")
        anchors.append(f"layer_{name}")
    for a, b in zip(anchors, anchors[1:]):   # one layer below the other
        lines.append(f'  "{a}" -> "{b}" [style=invis, weight=100];')
    base = LAYER_NAME.index("base")
    for (a, b) in sorted(edges):
        if LAYER_OF.get(b) == base and LAYER_OF.get(a) != base:
            continue   # every layer uses the base: those arrows are left out
        lines.append(f'  "{a}" -> "{b}";')
    lines.append('  label="An arrow: includes a header of. Every layer uses the base layer '
                 '(those arrows are not drawn). Drawn by make modules from the #include '
                 'lines."; fontsize=10;')
    lines.append("}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
