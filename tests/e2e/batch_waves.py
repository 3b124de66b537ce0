#!/usr/bin/env python3
"""End-to-end checks of what issue 18 added to `ripple batch`: every wave, the
mixing change, --level, and what a run stores for SQL (schema version 5).

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/batch_waves.py

Only the standard library. The places are datasets/northamptonshire and
datasets/stockton-on-tees, imported into a fresh database. Expected values come
from tests/reference/expected/ (waves.series.csv, waves.persistence.csv,
waves.ties.csv, mixing.csv: written by independent scripts from the CSV files)
and from the roll-up tests/e2e/level.py computes from the CSV files, never from
ripple's output. Checks:

- `batch --waves`: Stockton's ties at every wave and the persistence of new
  ties under census and reconstruct are the reference's;
- `batch --mixing`: Stockton's cells at before and 6-month are mixing.csv's;
- the stored run: the series through the wave table, persistence, batch_tie
  against waves.ties.csv, batch_mixing, batch_run.level;
- --jobs 1 and --jobs 2: the same stdout and the same stored rows;
- `--level organisation --missing census --waves`: actors and ties at every wave
  are those of the roll-up computed from the CSVs, and the run says its level;
- a version 4 database: read without being upgraded by a command that only
  reads, upgraded to 5 by a batch that stores (the old run kept, at level actor);
- --mixing with --long is refused (exit 2).

Prints `ok - name` or `not ok - name: why` per check, and exits 1 when one failed.
"""
import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import harness  # noqa: E402
import level  # noqa: E402  (the roll-up computed from the CSVs)
from harness import check  # noqa: E402

RIPPLE = os.environ.get("RIPPLE", os.path.join(ROOT, "build/release/ripple"))
level.RIPPLE = RIPPLE
REF = os.path.join(ROOT, "tests", "reference", "expected")
NORTH = os.path.join(ROOT, "datasets", "northamptonshire")
STOCKTON = os.path.join(ROOT, "datasets", "stockton-on-tees")
STOCKTON_NAME = "Stockton-on-Tees"


def run(args, status=0):
    p = subprocess.run([RIPPLE] + [str(a) for a in args], capture_output=True, text=True)
    if p.returncode != status:
        raise RuntimeError(f"ripple {' '.join(map(str, args))} exited {p.returncode}: "
                           f"{p.stderr.strip()[:300]}")
    return p.stdout


def table(args):
    return list(csv.DictReader(io.StringIO(run(args + ["--format", "csv"]))))


def ref(name):
    with open(os.path.join(REF, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sql(db, query, args=()):
    con = sqlite3.connect(db)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def fresh_db(work, name):
    db = os.path.join(work, name)
    run(["init", db])
    run(["import", db, NORTH, STOCKTON])
    return db


def near(a, b):
    if a in ("", None) or b in ("", None):
        return a in ("", None) and b in ("", None)
    return abs(float(a) - float(b)) <= 1e-9


def check_waves(db):
    persist_ref = ref("waves.persistence.csv")
    for policy in ("census", "reconstruct"):
        rows = table(["batch", db, "--waves", "--missing", policy, "--no-store"])
        got = {r["wave"]: r["value"] for r in rows
               if r["place"] == STOCKTON_NAME and r["measure"] == "ties"}
        want = {r["wave"]: r["ties"] for r in ref("waves.series.csv") if r["policy"] == policy}
        check(f"batch --waves --missing {policy}: Stockton's ties at every wave are the "
              f"reference's ({', '.join(want.values())})",
              {k: float(v) for k, v in got.items()} == {k: float(v) for k, v in want.items()},
              f"got {got}")
        names = (("new_ties", "persist_formed"), ("observed_next", "persist_observed"),
                 ("kept_next", "persist_kept"), ("share_kept", "persist_share"))
        problems = []
        for r in persist_ref:
            if r["policy"] != policy:
                continue
            wave = r["wave"] or "before->6-month"
            for col, measure in names:
                v = [x["value"] for x in rows if x["place"] == STOCKTON_NAME and
                     x["wave"] == wave and x["measure"] == measure]
                if len(v) != 1 or not near(v[0], r[col]):
                    problems.append(f"{wave} {measure}: {v}, reference {r[col]}")
        check(f"batch --waves --missing {policy}: Stockton's persistence is the reference's",
              not problems, "; ".join(problems[:3]))


def check_mixing(db):
    rows = [r for r in table(["batch", db, "--mixing", "--no-store"])
            if r["place"] == STOCKTON_NAME]
    want = {}
    for r in ref("mixing.csv"):
        if r["wave"] in ("before", "6-month"):
            key = tuple(sorted((r["sector_a"], r["sector_b"])))
            want.setdefault(key, {})[r["wave"]] = int(r["ties"])
    got = {tuple(sorted((r["sector_a"], r["sector_b"]))):
           (int(r["from"]), int(r["to"]), int(r["change"])) for r in rows}
    expect = {k: (v["before"], v["6-month"], v["6-month"] - v["before"]) for k, v in want.items()}
    diff = sorted(set(got.items()) ^ set(expect.items()))[:4]
    check(f"batch --mixing: Stockton's {len(expect)} cells, before -> 6-month, are mixing.csv's",
          got == expect and len(rows) == len(expect), f"differences (first 4): {diff}")
    vcse = sum(v[0] for k, v in got.items() if "VCSE" in k and k != ("VCSE", "VCSE")), \
        sum(v[1] for k, v in got.items() if "VCSE" in k and k != ("VCSE", "VCSE"))
    check("batch --mixing: Stockton's VCSE ties with the other sectors go 6 -> 27 "
          "(docs/MEASURES.md, Sector mixing)", vcse == (6, 27), f"got {vcse}")


def stored(db):
    """The rows of the newest run, run_id left out, in a fixed order."""
    run_id = sql(db, "SELECT max(run_id) FROM batch_run")[0][0]
    return (sql(db, "SELECT place_id, place, from_wave, to_wave, wave, measure, value "
                    "FROM batch_result WHERE run_id = ? ORDER BY 1, 5, 6", (run_id,)),
            sql(db, "SELECT place_id, actor_a, actor_b, pattern, first_wave, last_wave, tied "
                    "FROM batch_tie WHERE run_id = ? ORDER BY 1, 2, 3", (run_id,)),
            sql(db, "SELECT place_id, sector_a, sector_b, from_ties, to_ties FROM batch_mixing "
                    "WHERE run_id = ? ORDER BY 1, 2, 3", (run_id,)),
            sql(db, "SELECT from_wave, to_wave, permutations, seed, weighted, places, skipped, "
                    "policy, level FROM batch_run WHERE run_id = ?", (run_id,)))


def check_store(work):
    db = fresh_db(work, "store.db")
    outs, rows = [], []
    for jobs in (1, 2):
        outs.append(run(["batch", db, "--missing", "census", "--jobs", jobs, "--format", "csv"]))
        rows.append(stored(db))
        for flag in ("--waves", "--mixing"):
            outs.append(run(["batch", db, flag, "--missing", "census", "--jobs", jobs,
                             "--no-store", "--format", "csv"]))
    check("batch --jobs 1 and --jobs 2 print the same wide, --waves and --mixing tables",
          outs[:3] == outs[3:], "stdout differs")
    check("batch --jobs 1 and --jobs 2 store the same rows (batch_result, batch_tie, "
          "batch_mixing, batch_run)", rows[0] == rows[1],
          "differ in " + ", ".join(n for n, a, b in zip(("result", "tie", "mixing", "run"),
                                                          rows[0], rows[1]) if a != b))
    check("the database is at the current version and passes foreign_key_check",
          sql(db, "PRAGMA user_version")[0][0] == SCHEMA and not sql(db, "PRAGMA foreign_key_check"),
          "user_version %s" % sql(db, "PRAGMA user_version")[0][0])
    series = sql(db, "SELECT r.wave, r.value FROM batch_latest r JOIN wave w "
                     "ON w.place_id = r.place_id AND w.name = r.wave "
                     "WHERE r.measure = 'ties' AND r.place = ? ORDER BY w.ordinal", (STOCKTON_NAME,))
    want = [(r["wave"], float(r["ties"])) for r in ref("waves.series.csv") if r["policy"] == "census"]
    check("SQL: Stockton's series of ties in wave order is the reference's (the schema's example)",
          series == want, f"got {series}")
    got = {(a, b): (p, f, l, t) for a, b, p, f, l, t in
           sql(db, "SELECT actor_a, actor_b, pattern, first_wave, last_wave, tied "
                   "FROM batch_tie_latest WHERE place = ?", (STOCKTON_NAME,))}
    want = {}
    for r in ref("waves.ties.csv"):
        if r["policy"] == "census":
            want[(r["source"], r["target"])] = (r["pattern"], r["first_wave"], r["last_wave"],
                                                int(r["waves_tied"]))
    diff = sorted(set(got.items()) ^ set(want.items()))[:3]
    check(f"SQL: batch_tie_latest holds Stockton's {len(want)} tie histories of waves.ties.csv",
          got == want, f"differences (first 3): {diff}")
    level_rows = sql(db, "SELECT DISTINCT level FROM batch_run")
    check("batch_run.level is 'actor' without --level", level_rows == [("actor",)], str(level_rows))


def check_level(work):
    db = fresh_db(work, "level.db")
    rows = table(["batch", db, "--level", "organisation", "--missing", "census", "--waves"])
    for folder in (NORTH, STOCKTON):
        _, kept, edges, _ = level.expected(folder)
        name = sql(db, "SELECT name FROM place WHERE source LIKE ?", ("%" + os.path.basename(folder),))
        name = name[0][0] if name else os.path.basename(folder)
        got = {(r["wave"], r["measure"]): float(r["value"]) for r in rows
               if r["place"] == name and r["measure"] in ("actors", "ties")}
        want = {}
        for w, e in edges.items():
            want[(w, "actors")] = float(len(kept))
            want[(w, "ties")] = float(len(e))
        check(f"{name}: batch --level organisation --waves counts the organisations and the "
              "rolled-up ties of every wave as computed from the CSVs", got == want,
              f"got {sorted(got.items())[:4]}, want {sorted(want.items())[:4]}")
    run(["batch", db, "--level", "organisation", "--format", "csv"])
    check("the stored run says level organisation",
          sql(db, "SELECT level FROM batch_run ORDER BY run_id DESC LIMIT 1") == [("organisation",)])


# the schema version ripple writes (engine/include/ripple/error.h, RIPPLE_SCHEMA_VERSION)
SCHEMA = 6


def downgrade_to_v4(db):
    """What a version 4 database is: the tables and columns versions 5 and 6 added taken out."""
    con = sqlite3.connect(db)
    con.executescript("DROP VIEW batch_tie_latest; DROP TABLE batch_tie; DROP TABLE batch_mixing; "
                      "ALTER TABLE batch_run DROP COLUMN level; ALTER TABLE ripple DROP COLUMN notes; "
                      "PRAGMA user_version = 4;")
    con.close()


def check_v4(work):
    db = fresh_db(work, "v4.db")
    run(["batch", db, "--format", "csv"])     # a run made "before" the upgrade
    try:
        downgrade_to_v4(db)
    except sqlite3.Error as e:
        check("a version 4 database can be made here", False, f"sqlite3 {sqlite3.sqlite_version}: {e}")
        return
    run(["metrics", db, STOCKTON_NAME, "--format", "csv"])
    run(["batch", db, "--no-store", "--format", "csv"])
    check("metrics and batch --no-store read a version 4 database and leave it at version 4",
          sql(db, "PRAGMA user_version")[0][0] == 4)
    out = run(["batch", db, "--format", "csv"])
    problems = []
    if sql(db, "PRAGMA user_version")[0][0] != SCHEMA:
        problems.append("user_version %s" % sql(db, "PRAGMA user_version")[0][0])
    runs = sql(db, "SELECT run_id, level FROM batch_run ORDER BY run_id")
    if runs != [(1, "actor"), (2, "actor")]:
        problems.append(f"runs {runs}")
    if not sql(db, "SELECT count(*) FROM batch_tie WHERE run_id = 2")[0][0]:
        problems.append("no tie histories stored")
    if sql(db, "SELECT count(*) FROM batch_tie WHERE run_id = 1")[0][0]:
        problems.append("the old run has tie histories")
    if not out.count("\n") == 3:
        problems.append("the table has %d lines" % out.count("\n"))
    if sql(db, "PRAGMA foreign_key_check") or sql(db, "PRAGMA integrity_check") != [("ok",)]:
        problems.append("foreign_key_check or integrity_check fails")
    check("batch on a version 4 database upgrades it to the current version, keeps the old run (level actor) and "
          "stores the new one with its tie histories", not problems, "; ".join(problems))


def check_usage(work):
    p = subprocess.run([RIPPLE, "batch", STOCKTON, "--mixing", "--long"], capture_output=True,
                       text=True)
    check("batch --mixing --long is refused with exit 2", p.returncode == 2 and p.stderr,
          f"exit {p.returncode}: {p.stderr.strip()}")
    out = run(["batch", os.path.join(ROOT, "datasets"), "--mixing", "--format", "csv"])
    check("batch --mixing on a folder of places prints a row per cell",
          out.startswith("place,sector_a,sector_b,from,to,change,share_from,share_to,share_change\n")
          and out.count("\n") > 2, out[:200])


def main():
    work = tempfile.mkdtemp(prefix="ripple-batch-waves-")
    try:
        db = fresh_db(work, "waves.db")
        for fn, args in ((check_waves, (db,)), (check_mixing, (db,)), (check_store, (work,)),
                         (check_level, (work,)), (check_v4, (work,)), (check_usage, (work,))):
            try:
                fn(*args)
            except (RuntimeError, sqlite3.Error, KeyError, ValueError) as e:
                check(fn.__name__, False, f"{type(e).__name__}: {e}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"# batch_waves.py: {harness.FAILED} failed")
    return 1 if harness.FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
