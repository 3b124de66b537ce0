#!/usr/bin/env python3
"""The sector x sector mixing matrix of Stockton-on-Tees, every wave, from its CSVs.

    python3 tests/reference/make_mixing_reference.py          # write expected/mixing.csv
    python3 tests/reference/make_mixing_reference.py --check  # the committed file is current
    python3 tests/reference/make_mixing_reference.py --summary # print Stockton's VCSE question

Python standard library only; nothing here reads ripple's code or output, so
tests/unit/test_mixing.c checks ripple against an independent count. It
follows docs/MEASURES.md ("Sector mixing", "Non-response") from the place
folder alone:

- the place is undirected (place.csv says so; the script refuses a directed one);
- a wave's members are the actors not `absent` at it in responses.csv (the default
  policy, reconstruct; an undirected place imputes nothing). Stockton's
  responses.csv has no `missing` rows, so every policy gives the same network;
  the script refuses a place that has some;
- a wave's ties are the pairs {source, target} of ties.csv at the wave, both
  ends members, several rows (types, both directions) of one pair one tie;
- each tie counts once in the cell of the (unordered) pair of its ends'
  sectors; an actor without a sector is in the group "" (printed "(none)" by
  ripple); the sectors are those of every actor of actors.csv;
- share = the cell's ties / the wave's ties.

Rows: wave, sector_a, sector_b (sector_a <= sector_b, bytewise, "" last), ties,
share (12 significant digits), for every wave and every unordered pair of sectors.
"""
import argparse
import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PLACE = os.path.join(HERE, "..", "..", "datasets", "stockton-on-tees")
OUT = os.path.join(HERE, "expected", "mixing.csv")


def read(name):
    path = os.path.join(PLACE, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sector_key(s):
    return (s == "", s.encode("utf-8"))


def compute():
    place = read("place.csv")[0]
    if place.get("directed", "no").strip().lower() in ("yes", "true", "1"):
        sys.exit("make_mixing_reference.py: expects an undirected place")
    sector = {a["id"]: a.get("sector", "").strip() for a in read("actors.csv")}
    sectors = sorted(set(sector.values()), key=sector_key)
    waves = sorted(read("waves.csv"), key=lambda w: int(w["ordinal"]))
    status = {}
    for r in read("responses.csv"):
        if r["status"] == "missing":
            sys.exit("make_mixing_reference.py: a missing actor would need the policy")
        status[(r["actor"], r["wave"])] = r["status"]
    rows = []
    for w in waves:
        name = w["wave"]
        member = {a for a in sector if status.get((a, name)) != "absent"}
        pairs = {frozenset((t["source"], t["target"])) for t in read("ties.csv")
                 if t["wave"] == name and t["source"] != t["target"]
                 and t["source"] in member and t["target"] in member}
        count = {}
        for p in pairs:
            a, b = sorted((sector[x] for x in p), key=sector_key)
            count[(a, b)] = count.get((a, b), 0) + 1
        total = len(pairs)
        for i, a in enumerate(sectors):
            for b in sectors[i:]:
                n = count.get((a, b), 0)
                share = "" if total == 0 else "%.12g" % (n / total)
                rows.append([name, a, b, n, share])
    return rows


def as_csv(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["wave", "sector_a", "sector_b", "ties", "share"])
    w.writerows(rows)
    return buf.getvalue()


def summary(rows):
    """Stockton's question: did the VCSE sector's ties with the other sectors grow?"""
    waves = list(dict.fromkeys(r[0] for r in rows))
    print("ties between VCSE and each other sector, by wave:")
    print("%-28s" % "sector" + "".join("%10s" % w for w in waves))
    others = sorted({r[1] if r[2] == "VCSE" else r[2] for r in rows
                     if "VCSE" in (r[1], r[2])}, key=sector_key)
    for s in others:
        line = "%-28s" % (s or "(none)")
        for w in waves:
            n = sum(r[3] for r in rows if r[0] == w and {r[1], r[2]} == {"VCSE", s}
                    and (s != "VCSE" or r[1] == r[2]))
            line += "%10d" % n
        print(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--summary", action="store_true")
    args = ap.parse_args()
    rows = compute()
    text = as_csv(rows)
    if args.summary:
        summary(rows)
    elif args.check:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("tests/reference/expected/mixing.csv is not current: run "
                         "python3 tests/reference/make_mixing_reference.py")
    else:
        with open(OUT, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
