#!/usr/bin/env python3
"""Makes the seeds of fuzz_db (tests/fuzz/regressions/db/): real ripple databases
and a handful of the hostile ones tests/e2e/hostile_db.py builds.

    RIPPLE=/abs/path/to/ripple python3 tests/fuzz/db_seeds.py OUT     (from the repository root)

Only the standard library. The seeds are committed (making them needs a ripple
binary, which `make fuzz` does not build); run this again when the schema
changes, and look at the size: the whole folder stays under 2 MB. Every file
is rewritten with 512-byte pages and a rollback journal (VACUUM) so that a
seed is tens of KiB, not hundreds: libFuzzer mutates small inputs faster. One
seed keeps WAL mode, as `ripple import` makes a database.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RIPPLE = os.environ.get("RIPPLE", os.path.join(ROOT, "build/release/ripple"))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
import hostile_db  # noqa: E402  (its CASES: the hostile files, made from a good one)

TINY = os.path.join(ROOT, "tests", "e2e", "places", "tiny")
QUIRKS = os.path.join(ROOT, "tests", "e2e", "places", "quirks")
NORTH = os.path.join(ROOT, "datasets", "northamptonshire")

# hostile_db.CASES by name: SQL ripple must not run, NULLs, cycles, dangling
# references, wrong types, files that are not whole. Left out: those that are
# not one file (a FIFO, a folder, a WAL beside it) and the 20 MiB ones.
HOSTILE = [
    "index sql with ATTACH appended",
    "view sql with ATTACH appended",
    "trigger on layout insert deleting every ripple",
    "ripple_order replaced by an endless recursive view",
    "table place replaced by an endless recursive view",
    "a researcher's own table with an index",
    "a column renamed",
    "user_version 3 on a version 5 schema",
    "NULL place name",
    "NULL wave name",
    "NULL actor kind",
    "NULL tie weight",
    "NULL ripple code and label",
    "NULL tie source",
    "two actors parents of each other",
    "ripple parent cycle",
    "ties naming actors that are not there",
    "a ripple naming an actor that is not there",
    "layout positions of actors that are not there",
    "text where numbers go",
    "blobs where text goes",
    "a kind, weight and directed out of range",
    "a 200-deep ripple chain and actor chain",
    "the first half",
    "pages garbled",
]


def small(path, wal=False):
    """512-byte pages, a rollback journal (or WAL): the same database, smaller."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA page_size = 512")
    db.execute("VACUUM")
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
    db.close()
    for s in ("-wal", "-shm"):
        if os.path.exists(path + s):
            os.unlink(path + s)


def imported(path, *folders):
    p = subprocess.run([RIPPLE, "import", path, *folders], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit(f"db_seeds: ripple import {' '.join(folders)}: {p.stderr.decode()}")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    w = tempfile.mkdtemp(prefix="ripple-db-seeds.")
    try:
        base = os.path.join(w, "base.db")
        imported(base, TINY, QUIRKS)
        small(base)
        shutil.copy(base, os.path.join(out, "real-tiny-and-quirks"))
        one = os.path.join(out, "real-northamptonshire")
        imported(one, NORTH)
        small(one)
        wal = os.path.join(out, "real-tiny-wal")
        imported(wal, TINY)
        small(wal, wal=True)
        cases = {name: make for name, make, _ in hostile_db.CASES}
        for name in HOSTILE:
            seed = os.path.join(out, "hostile-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"))
            shutil.copy(base, seed)
            try:
                cases[name](seed)
            except sqlite3.Error as e:  # a case made for one place, say
                print(f"db seeds: {name}: not made ({e})")
                os.unlink(seed)
            for s in ("-wal", "-shm", "-journal"):
                if os.path.exists(seed + s):
                    os.unlink(seed + s)
    finally:
        shutil.rmtree(w, ignore_errors=True)
        shutil.rmtree(hostile_db.W, ignore_errors=True)
    total = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    print(f"db seeds: {len(os.listdir(out))} files, {total} bytes in {out}")


if __name__ == "__main__":
    main()
