#!/usr/bin/env python3
"""Writes synthetic place folders of any size (random, seeded, illustrative).

    datasets/generate.py OUT [--places N] [--actors A] [--ties T] [--waves W]
                             [--seed S] [--teams K] [--ripples R] [--force]

Writes N place folders OUT/place-001, OUT/place-002, ... (`make places` runs
it; bench/quick.sh uses it for its one 300-actor place). Place i is drawn from
its own generator seeded with (S, i), so a place is the same whatever N is,
and the same run writes the same bytes. Standard library only.

Each place: place.csv ("Synthetic place 001", undirected); A actors a0..a{A-1}
in eight sectors and three to six towns, about a third attended; with
--teams K, every K-th actor is an organisation and the K-1 after it are its
teams (same sector and town). waves.csv: `before`, `after`, then `3-month`,
`6-month`, ... (W waves, dated). ties.csv: exactly T distinct undirected ties
a wave, types among the five, weight 1-3, trust 1-4. The first wave leans
towards ties within a sector. Each later wave keeps 60-85% of the previous
wave's ties and fills up with new ones, of which a share (0-60%) joins an
attendee to another sector; the two shares are drawn per place, so places
differ in how much and for whom the network changes. With --ripples R,
ripples.csv holds a tree of R ripples (orders 1-4, one to three capitals, about
10% negative, some unintended or undated, each naming two actors).

OUT may hold other things; without --force, existing place-NNN folders in it
are refused, with --force they are replaced (only folders named place-NNN).
"""
import argparse
import os
import random
import re
import shutil
import sys

SECTORS = ["Local Authority", "Health", "VCSE", "Sport", "Education", "Business", "Police", "Housing"]
SECTOR_WEIGHTS = [5, 4, 5, 3, 3, 3, 1, 1]
TOWNS = ["Ashford", "Brookfield", "Carlton", "Dunmore", "Eastwick", "Fairby"]
TYPES = ["information", "referral", "joint-funding", "co-delivery", "strategic"]
CAPITALS = ["natural", "cultural", "human", "social", "political", "financial", "built"]
PLACE_DIR = re.compile(r"^place-[0-9]{3,}$")


def wave_names(count):
    names = ["before", "after"] + ["%d-month" % (3 * k) for k in range(1, count - 1)]
    return names[:count]


def wave_dates(count):
    """before 2025-01-13, after 2025-03-10, then every three months."""
    dates, year, month = ["2025-01-13", "2025-03-10"], 2025, 3
    while len(dates) < count:
        month += 3
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        dates.append("%04d-%02d-10" % (year, month))
    return dates[:count]


def write_place(folder, index, a, seed):
    rnd = random.Random("ripple-synthetic:%d:%d" % (seed, index))
    n, k = a.actors, a.teams
    os.makedirs(folder)
    with open(os.path.join(folder, "place.csv"), "w", encoding="utf-8") as f:
        f.write("name,programme,directed\nSynthetic place %03d,Synthetic programme (generated),no\n"
                % index)

    towns = TOWNS[:rnd.randint(3, len(TOWNS))]
    sector, town, attended, lines = [], [], [], ["id,label,kind,parent,sector,town,attended\n"]
    for i in range(n):
        team = k > 1 and i % k != 0
        if team:
            org = i - i % k
            sector.append(sector[org])
            town.append(town[org])
            kind, parent = "team", "a%d" % org
        else:
            sector.append(rnd.choices(SECTORS, SECTOR_WEIGHTS)[0])
            town.append(rnd.choice(towns))
            kind, parent = "organisation", ""
        attended.append(rnd.random() < 1 / 3)
        lines.append("a%d,Actor %d (%s),%s,%s,%s,%s,%s\n" % (
            i, i, sector[i], kind, parent, sector[i], town[i], "yes" if attended[i] else "no"))
    with open(os.path.join(folder, "actors.csv"), "w", encoding="utf-8") as f:
        f.writelines(lines)

    waves = wave_names(a.waves)
    with open(os.path.join(folder, "waves.csv"), "w", encoding="utf-8") as f:
        f.write("wave,ordinal,date\n")
        f.writelines("%s,%d,%s\n" % (w, i + 1, d) for i, (w, d) in enumerate(zip(waves, wave_dates(a.waves))))

    keep, effect = rnd.uniform(0.6, 0.85), rnd.uniform(0.0, 0.6)
    by_sector = {}
    for i, s in enumerate(sector):
        by_sector.setdefault(s, []).append(i)
    goers = [i for i in range(n) if attended[i]] or [0]
    rand, randrange, choice = rnd.random, rnd.randrange, rnd.choice
    max_ties = n * (n - 1) // 2
    if a.ties > max_ties:
        raise SystemExit("generate.py: --ties %d is more than the %d pairs of %d actors"
                         % (a.ties, max_ties, n))
    # each wave is written as soon as it is drawn, so a million ties a wave are
    # held once (the set and its sorted list), not as every wave's lines at once
    f = open(os.path.join(folder, "ties.csv"), "w", encoding="utf-8")
    f.write("source,target,wave,type,weight,trust\n")
    prev = []
    for wi, w in enumerate(waves):
        seen = set(t for t in prev if rand() < keep)
        while len(seen) < a.ties:
            x = randrange(n)
            if wi == 0 and rand() < 0.5:
                y = choice(by_sector[sector[x]])  # within the sector
            elif wi > 0 and rand() < effect:
                x = choice(goers)  # an attendee reaching across sectors
                y = randrange(n)
                if sector[y] == sector[x]:
                    continue
            else:
                y = randrange(n)
            if x != y:
                seen.add((x, y) if x < y else (y, x))
        prev = sorted(seen)
        del seen
        f.writelines("a%d,a%d,%s,%s,%d,%d\n" % (x, y, w, choice(TYPES), randrange(1, 4), randrange(1, 5))
                     for x, y in prev)
    f.close()

    if a.ripples:
        write_ripples(os.path.join(folder, "ripples.csv"), a.ripples, n, rnd)


def write_ripples(path, count, n, rnd):
    """A tree: a fifth of the ripples are first order, the rest hang off earlier ones."""
    depth, open_parents, lines = [], [], ["id,parent,label,capital,valence,intended,date,actors\n"]
    for i in range(count):
        if i < max(1, count // 5) or not open_parents:
            parent, d = "", 1
        else:
            p = rnd.choice(open_parents)
            parent, d = "r%d" % p, depth[p] + 1
        depth.append(d)
        if d < 4:
            open_parents.append(i)
        caps = ";".join(rnd.sample(CAPITALS, rnd.randint(1, 3)))
        valence = "negative" if rnd.random() < 0.1 else "positive"
        intended = rnd.choice(["yes", "yes", "no", "unknown"])
        date = "" if rnd.random() < 0.1 else "2025-%02d-%02d" % (rnd.randint(1, 12), rnd.randint(1, 28))
        x, y = rnd.sample(range(n), 2) if n > 1 else (0, 0)
        actors = "a%d;a%d" % (x, y) if x != y else "a%d" % x
        lines.append("r%d,%s,Ripple %d: partners do something new together,%s,%s,%s,%s,%s\n"
                     % (i, parent, i, caps, valence, intended, date, actors))
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)


def positive(s):
    v = int(s)
    if v < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return v


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Write N synthetic place folders OUT/place-001 ... (illustrative, seeded).")
    ap.add_argument("out")
    ap.add_argument("--places", type=positive, default=1, help="how many places (default 1)")
    ap.add_argument("--actors", type=positive, default=300, help="actors a place (default 300)")
    ap.add_argument("--ties", type=positive, default=1500, help="ties a wave (default 1500)")
    ap.add_argument("--waves", type=positive, default=2, help="waves (default 2: before, after)")
    ap.add_argument("--seed", type=int, default=1, help="base seed (default 1)")
    ap.add_argument("--teams", type=int, default=0,
                    help="every K-th actor an organisation, the K-1 after it its teams")
    ap.add_argument("--ripples", type=int, default=0, help="ripples a place (default 0)")
    ap.add_argument("--force", action="store_true", help="replace existing place-NNN folders in OUT")
    a = ap.parse_args(argv)
    if a.actors < 2:
        ap.error("--actors must be at least 2")
    os.makedirs(a.out, exist_ok=True)
    old = sorted(d for d in os.listdir(a.out)
                 if PLACE_DIR.match(d) and os.path.isdir(os.path.join(a.out, d)))
    if old and not a.force:
        ap.error("%s already holds %s ...: use --force to replace them, or another OUT"
                 % (a.out, old[0]))
    for d in old:
        shutil.rmtree(os.path.join(a.out, d))
    width = max(3, len(str(a.places)))
    for i in range(1, a.places + 1):
        write_place(os.path.join(a.out, "place-%0*d" % (width, i)), i, a, a.seed)
    print("wrote %d place%s (%d actors, %d ties x %d waves%s) to %s" % (
        a.places, "" if a.places == 1 else "s", a.actors, a.ties, a.waves,
        ", %d ripples" % a.ripples if a.ripples else "", a.out))


if __name__ == "__main__":
    sys.exit(main())
