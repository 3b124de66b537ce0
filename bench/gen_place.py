#!/usr/bin/env python3
"""Writes a synthetic place folder for benchmarks (illustrative, random, seeded).

    bench/gen_place.py OUT_FOLDER [--actors N] [--ties M] [--waves W] [--seed S]
                              [--teams K] [--ripples R]

Actors fall in six sectors; every third attended. With --teams K, every K-th
actor is an organisation and the K-1 actors after it are its teams (parent).
Each wave has M distinct undirected ties with weights 1-3 and trust 1-4; about
70% of a wave's ties are kept into the next. With --ripples R, ripples.csv
holds a tree of R ripples (orders 1-4, one to three capitals, some negative,
unintended or undated, each naming two actors). Standard library only.
"""
import argparse
import os
import random

SECTORS = ["Local Authority", "Health", "VCSE", "Sport", "Education", "Business"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--actors", type=int, default=300)
    ap.add_argument("--ties", type=int, default=1500)
    ap.add_argument("--waves", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--teams", type=int, default=0)
    ap.add_argument("--ripples", type=int, default=0)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    n = a.actors
    with open(os.path.join(a.out, "actors.csv"), "w") as f:
        f.write("id,label,kind,parent,sector,attended\n")
        for i in range(n):
            k = a.teams
            team = k > 1 and i % k != 0
            parent = f"a{i - i % k}" if team else ""
            f.write(f"a{i},Actor {i} of the synthetic place,{'team' if team else 'organisation'},"
                    f"{parent},{SECTORS[(i - i % k if team else i) % 6]},"
                    f"{'yes' if i % 3 == 0 else 'no'}\n")
    waves = ["before", "after"] + [f"{3 * k}-month" for k in range(1, a.waves - 1)]
    waves = waves[: a.waves]
    with open(os.path.join(a.out, "waves.csv"), "w") as f:
        f.write("wave,ordinal\n")
        for i, w in enumerate(waves):
            f.write(f"{w},{i + 1}\n")
    prev = []
    with open(os.path.join(a.out, "ties.csv"), "w") as f:
        f.write("source,target,wave,weight,trust\n")
        for w in waves:
            keep = [t for t in prev if rnd.random() < 0.7]
            seen = set(keep)
            while len(seen) < a.ties:
                x, y = rnd.sample(range(n), 2)
                seen.add((min(x, y), max(x, y)))
            prev = sorted(seen)
            for x, y in prev:
                f.write(f"a{x},a{y},{w},{rnd.randint(1, 3)},{rnd.randint(1, 4)}\n")

    if a.ripples:
        write_ripples(os.path.join(a.out, "ripples.csv"), a.ripples, n, rnd)


CAPITALS = ["natural", "cultural", "human", "social", "political", "financial", "built"]


def write_ripples(path, count, n, rnd):
    """A tree: a fifth of the ripples are first order, the rest hang off earlier ones."""
    depth = []
    with open(path, "w") as f:
        f.write("id,parent,label,capital,valence,intended,date,actors\n")
        for i in range(count):
            candidates = [j for j in range(i) if depth[j] < 4]
            if i < max(1, count // 5) or not candidates:
                parent, d = "", 1
            else:
                p = rnd.choice(candidates)
                parent, d = f"r{p}", depth[p] + 1
            depth.append(d)
            caps = ";".join(rnd.sample(CAPITALS, rnd.randint(1, 3)))
            valence = "negative" if rnd.random() < 0.1 else "positive"
            intended = rnd.choice(["yes", "yes", "no", "unknown"])
            date = "" if rnd.random() < 0.1 else f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            x, y = rnd.sample(range(n), 2)
            f.write(f"r{i},{parent},Ripple {i}: partners do something new together,{caps},"
                    f"{valence},{intended},{date},a{x};a{y}\n")


if __name__ == "__main__":
    main()
