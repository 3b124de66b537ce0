#!/usr/bin/env python3
"""Writes a synthetic place folder for benchmarks (illustrative, random, seeded).

    bench/gen_place.py OUT_FOLDER [--actors N] [--ties M] [--waves W] [--seed S]

Actors fall in six sectors; every third attended. Each wave has M distinct
undirected ties with weights 1-3 and trust 1-4; about 70% of a wave's ties are
kept into the next. Standard library only.
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
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    n = a.actors
    with open(os.path.join(a.out, "actors.csv"), "w") as f:
        f.write("id,sector,attended\n")
        for i in range(n):
            f.write(f"a{i},{SECTORS[i % 6]},{'yes' if i % 3 == 0 else 'no'}\n")
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


if __name__ == "__main__":
    main()
