#!/usr/bin/env python3
"""Issue 22: every database file is untrusted input.

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/hostile_db.py [-k SUBSTR]

Only the standard library. Builds broken or hostile database files with
python's sqlite3 from one good database (datasets/northamptonshire imported):
edited sqlite_master (writable_schema), triggers, views, NULLs where the schema
says NOT NULL, parent cycles, huge labels, wrong types, truncated and garbled
files, a FIFO, a folder, zero bytes, a WAL without its database... Each is given
as SOURCE to every read command (places, metrics, compare, waves, map, draw,
export, report, batch), on a copy of its own, with a 10 s timeout. Checks that
none is killed by a signal, none runs past 10 s, and none creates the canary
file whose path is planted in each hostile schema (SQL read from the file that
ripple must never run: ATTACH makes a file). Also: `import` into a database
whose index SQL was edited (the exploit of issue 22, defect 1) creates no
canary, and refusals name the file and exit 2 where a case says so.

Prints `ok - name` or `not ok - name: why` per check, and exits 1 when one failed.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RIPPLE = os.environ.get("RIPPLE", os.path.join(ROOT, "build/release/ripple"))
NORTH = os.path.join(ROOT, "datasets", "northamptonshire")
PLACE = "Northamptonshire"
TIMEOUT = 10
W = tempfile.mkdtemp(prefix="ripple-hostile-db.")
CANARY = os.path.join(W, "canary.txt")


def run(args, timeout=TIMEOUT):
    """(status, stderr); status None when it ran past the timeout."""
    try:
        p = subprocess.run([RIPPLE] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=timeout, cwd=W)
        return p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, ""


def attach(sql_text):
    """SQL that would create the canary file if ripple ever ran it."""
    return sql_text + f"; ATTACH '{CANARY}' AS x; CREATE TABLE x.t (a); INSERT INTO x.t VALUES (1)"


# ---- building the files -----------------------------------------------------------

def connect(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = OFF")
    return db


def edit_master(path, name, new_sql):
    """Sets sqlite_master.sql of object name (writable_schema), keeping user_version."""
    db = connect(path)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    db.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (new_sql, name))
    db.execute("PRAGMA writable_schema = OFF")
    db.execute(f"PRAGMA user_version = {version}")
    db.close()


def master_sql(path, name):
    db = connect(path)
    (s,) = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    db.close()
    return s


def set_null(table, column, where="1"):
    """NULL in a NOT NULL column: the table's SQL made to allow it, the row set,
    the SQL put back (SQLite does not check old rows against new SQL)."""
    def make(path):
        orig = master_sql(path, table)
        loose = orig.replace("NOT NULL", "")
        edit_master(path, table, loose)
        db = connect(path)
        db.execute(f"UPDATE {table} SET {column} = NULL WHERE rowid IN "
                   f"(SELECT rowid FROM {table} WHERE {where} LIMIT 3)"
                   if not without_rowid(table) else
                   f"UPDATE {table} SET {column} = NULL WHERE {where}")
        db.close()
        edit_master(path, table, orig)
    return make


def without_rowid(table):
    return table in ("actor_attribute", "tie_attribute", "ripple_capital", "ripple_actor",
                     "response", "batch_result", "batch_tie", "batch_mixing")


def sql_steps(*statements, loosen=None):
    """Runs statements on the file (constraints loosened first on loosen's tables)."""
    def make(path):
        saved = {}
        for t in loosen or ():
            saved[t] = master_sql(path, t)
            loose = saved[t]
            for c in ("NOT NULL", "CHECK (kind IN ('organisation', 'team', 'person'))",
                      "CHECK (weight > 0)", "CHECK (directed IN (0, 1))"):
                loose = loose.replace(c, "")
            edit_master(path, t, loose)
        db = connect(path)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for s in statements:
            db.execute(s)
        db.execute(f"PRAGMA user_version = {version}")
        db.close()
        for t, s in saved.items():
            edit_master(path, t, s)
    return make


def edited(name, change):
    return lambda path: edit_master(path, name, change(master_sql(path, name)))


def bytes_of(fn):
    def make(path):
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(fn(data))
    return make


def garble(data):
    b = bytearray(data)
    for i in range(4096 + 100, min(len(b), 4096 * 6), 7):
        b[i] = (b[i] * 31 + 17) & 0xff
    return bytes(b)


def fifo(path):
    os.unlink(path)
    os.mkfifo(path)


def folder(path):
    os.unlink(path)
    os.mkdir(path)


def wal_only(path):
    shutil.copy(path, path + "-wal")
    os.unlink(path)


def garbage_wal(path):
    with open(path + "-wal", "wb") as f:
        f.write(b"\x37\x7f\x06\x82" + os.urandom(5000))


def garbage_header(path):
    with open(path, "wb") as f:
        f.write(b"SQLite format 3\x00" + bytes(range(256)) * 40)


def deep_cycle(n):
    return sql_steps(
        f"UPDATE actor SET parent_id = actor_id + 1 WHERE actor_id IN "
        f"(SELECT actor_id FROM actor ORDER BY actor_id LIMIT {n})",
        f"UPDATE actor SET parent_id = (SELECT min(actor_id) FROM actor) WHERE actor_id = "
        f"(SELECT actor_id FROM actor ORDER BY actor_id LIMIT 1 OFFSET {n})")


RECURSE = ("WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
           "SELECT x AS place_id, 'p' AS name, '' AS programme, 0 AS directed, '' AS source, "
           "'' AS imported_at, 0 AS responses FROM c")

CASES = [
    # SQL in the schema ripple must never run (the canary)
    ("index sql with ATTACH appended", edited("actor_parent", attach), True),
    ("every import index with ATTACH appended",
     lambda p: [edit_master(p, n, attach(master_sql(p, n))) for n in
                ("actor_parent", "tie_source", "tie_target", "ripple_parent", "ripple_actor_actor")],
     True),
    ("view sql with ATTACH appended", edited("batch_latest", attach), True),
    # SQLite reads a table's first statement only and ripple never runs the text:
    # its columns are ripple's, so it is read
    ("table sql with ATTACH appended", edited("layout", attach), False),
    ("trigger on layout insert deleting every ripple",
     sql_steps("CREATE TRIGGER t AFTER INSERT ON layout BEGIN DELETE FROM ripple; END"), True),
    ("trigger on batch_run insert",
     sql_steps("CREATE TRIGGER t BEFORE INSERT ON batch_run BEGIN DELETE FROM actor; END"), True),
    ("trigger whose sql has ATTACH appended",
     lambda p: (sql_steps("CREATE TRIGGER t AFTER INSERT ON layout BEGIN SELECT 1; END")(p),
                edit_master(p, "t", attach(master_sql(p, "t")))), True),
    ("a view ripple did not create", sql_steps("CREATE VIEW spy AS SELECT * FROM actor"), True),
    ("ripple_order replaced by an endless recursive view",
     sql_steps("DROP VIEW ripple_order",
               "CREATE VIEW ripple_order (ripple_id, place_id, code, ord) AS WITH RECURSIVE "
               "c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x, 1, 'c', x FROM c"),
     True),
    ("table place replaced by an endless recursive view",
     sql_steps("ALTER TABLE place RENAME TO old_place", "CREATE VIEW place AS " + RECURSE), True),
    # a researcher's own table (and an index on it) beside ripple's is read past:
    # nothing of it runs when ripple reads or writes its own tables
    ("a researcher's own table", sql_steps("CREATE TABLE extra (a)"), False),
    ("a researcher's own table with an index",
     sql_steps("CREATE TABLE notes_by_me (place TEXT, note TEXT)",
               "CREATE INDEX notes_by_me_place ON notes_by_me (place)"), False),
    ("an index ripple did not create, on one of ripple's tables",
     sql_steps("CREATE INDEX extra ON actor (label)"), True),
    ("an expression index", sql_steps("CREATE INDEX extra ON actor (length(label) * 2)"), True),
    ("a table missing", sql_steps("DROP TABLE layout_position"), True),
    ("a column missing (town)", edited("actor", lambda s: s.replace(
        "town        TEXT,", "")), True),
    ("a column renamed", edited("actor", lambda s: s.replace("label ", "labl ")), True),
    ("user_version 5, no tables", lambda p: (os.unlink(p), connect(p).execute(
        "PRAGMA user_version = 5")), True),
    ("user_version 3 on a version 5 schema",
     lambda p: connect(p).execute("PRAGMA user_version = 3"), True),
    ("user_version -1", lambda p: connect(p).execute("PRAGMA user_version = -1"), True),
    ("sqlite_master row with NULL sql for a table", lambda p: edit_master(p, "layout", None), True),
    # NULL where the schema says NOT NULL: refused when the file is opened
    ("NULL place name", set_null("place", "name"), True),
    ("NULL place programme and source",
     lambda p: (set_null("place", "programme")(p), set_null("place", "source")(p)), True),
    ("NULL place directed", set_null("place", "directed"), True),
    ("NULL wave name", set_null("wave", "name"), True),
    ("NULL wave ordinal", set_null("wave", "ordinal"), True),
    ("NULL actor code", set_null("actor", "code"), True),
    ("NULL actor label", set_null("actor", "label"), True),
    ("NULL actor kind", set_null("actor", "kind"), True),
    ("NULL tie type", set_null("tie", "type"), True),
    ("NULL tie weight", set_null("tie", "weight"), True),
    ("NULL ripple code and label",
     lambda p: (set_null("ripple", "code")(p), set_null("ripple", "label")(p)), True),
    ("NULL ripple valence and intended",
     lambda p: (set_null("ripple", "valence")(p), set_null("ripple", "intended")(p)), True),
    ("NULL tie source", set_null("tie", "source_id"), True),
    # (the base has no actor attributes: a tie attribute's, which a WITHOUT ROWID
    # table's key cannot be NULL in even with the SQL loosened, so its value)
    ("NULL tie attribute value", set_null("tie_attribute", "value"), True),
    # cycles and dangling references
    ("actor parent of itself",
     sql_steps("UPDATE actor SET parent_id = actor_id WHERE actor_id = "
               "(SELECT min(actor_id) FROM actor)"), False),
    ("two actors parents of each other",
     sql_steps("UPDATE actor SET parent_id = (SELECT min(actor_id) + 1 FROM actor) "
               "WHERE actor_id = (SELECT min(actor_id) FROM actor)",
               "UPDATE actor SET parent_id = (SELECT min(actor_id) FROM actor) "
               "WHERE actor_id = (SELECT min(actor_id) + 1 FROM actor)"), False),
    ("a 30-actor parent cycle", deep_cycle(30), False),
    ("ripple parent cycle",
     sql_steps("UPDATE ripple SET parent_id = ripple_id WHERE ripple_id = "
               "(SELECT max(ripple_id) FROM ripple)",
               "UPDATE ripple SET parent_id = (SELECT max(ripple_id) FROM ripple) "
               "WHERE parent_id IS NULL"), False),
    ("ties naming actors that are not there",
     sql_steps("UPDATE tie SET source_id = 999999 + tie_id WHERE tie_id % 3 = 0"), False),
    ("a ripple naming an actor that is not there",
     sql_steps("INSERT INTO ripple_actor VALUES ((SELECT min(ripple_id) FROM ripple), 424242)"),
     False),
    ("layout positions of actors that are not there",
     sql_steps("INSERT INTO layout (place_id, method) VALUES (1, 'x')",
               "INSERT INTO layout_position VALUES (777777, 1, 1e308, -1e308)"), False),
    # huge and wrong values
    ("a 70 KiB label", sql_steps("UPDATE actor SET label = printf('%.*c', 70000, 'x') "
                                 "WHERE actor_id = (SELECT min(actor_id) FROM actor)"), False),
    ("a 20 MiB label", sql_steps("UPDATE actor SET label = zeroblob(20000000) "
                                 "WHERE actor_id = (SELECT min(actor_id) FROM actor)"), False),
    ("a 20 MiB place name", sql_steps("UPDATE place SET name = printf('%.*c', 20000000, 'n')"),
     False),
    ("text where numbers go",
     sql_steps("UPDATE tie SET weight = 'heavy'", "UPDATE wave SET ordinal = 'w' || ordinal",
               "UPDATE actor SET parent_id = 'zz' WHERE actor_id % 2 = 0",
               loosen=("tie", "wave", "actor")), False),
    ("blobs where text goes",
     sql_steps("UPDATE actor SET label = x'00ff00fe', code = CAST(code AS BLOB), sector = x'c3'",
               "UPDATE place SET name = x'4e6f72'"), False),
    ("a kind, weight and directed out of range",
     sql_steps("UPDATE actor SET kind = 'spaceship'", "UPDATE tie SET weight = -5",
               "UPDATE place SET directed = 7", loosen=("actor", "tie", "place")), False),
    ("a 200-deep ripple chain and actor chain",
     sql_steps("UPDATE ripple SET parent_id = ripple_id - 1 WHERE ripple_id > "
               "(SELECT min(ripple_id) FROM ripple)",
               "UPDATE actor SET parent_id = actor_id - 1 WHERE actor_id > "
               "(SELECT min(actor_id) FROM actor)"), False),
    # files that are not databases, or not whole
    ("zero bytes", bytes_of(lambda d: b""), False),
    ("the first 100 bytes", bytes_of(lambda d: d[:100]), False),
    ("the first half", bytes_of(lambda d: d[:len(d) // 2]), False),
    ("pages garbled", bytes_of(garble), False),
    ("an SQLite header then garbage", garbage_header, False),
    ("a FIFO", fifo, False),
    ("a folder", folder, False),
    ("a WAL without its database", wal_only, False),
    ("a garbage WAL beside the database", garbage_wal, False),
]

COMMANDS = [
    ("places", lambda db, o: ["places", db]),
    ("metrics", lambda db, o: ["metrics", db, PLACE]),
    ("compare", lambda db, o: ["compare", db, PLACE, "--permutations", "20"]),
    ("waves", lambda db, o: ["waves", db, PLACE]),
    ("map", lambda db, o: ["map", db, PLACE, "-o", o + ".svg"]),
    ("draw", lambda db, o: ["draw", db, PLACE, "--wave", "after", "-o", o + ".svg"]),
    ("export", lambda db, o: ["export", db, PLACE, "--wave", "after", "-o", o + ".graphml"]),
    ("report", lambda db, o: ["report", db, PLACE, "-o", o + ".html", "--permutations", "20"]),
    ("batch", lambda db, o: ["batch", db, "--permutations", "20", "--jobs", "1"]),
]


def main():
    only = sys.argv[sys.argv.index("-k") + 1] if "-k" in sys.argv else ""
    base = os.path.join(W, "base.db")
    st, err = run(["import", base, NORTH], timeout=120)
    if st != 0:
        check("the base database is made", False, err)
        return 1

    # defect 1 as reported: import into a database whose index SQL says ATTACH
    db = os.path.join(W, "exploit.db")
    shutil.copy(base, db)
    edit_master(db, "tie_source", attach(master_sql(db, "tie_source")))
    st, err = run(["import", db, os.path.join(ROOT, "datasets", "stockton-on-tees")], timeout=60)
    check("import into a database whose index SQL has ATTACH appended: refused (exit 2), "
          "no canary", st == 2 and not os.path.exists(CANARY) and db in err,
          f"exit {st}, canary {'made' if os.path.exists(CANARY) else 'not made'}: {err.strip()}")
    if os.path.exists(CANARY):
        os.unlink(CANARY)
    # the same with no place in it: the import drops and rebuilds the indexes
    db = os.path.join(W, "exploit-empty.db")
    st, _ = run(["init", db])
    edit_master(db, "tie_source", attach(master_sql(db, "tie_source")))
    st, err = run(["import", db, NORTH], timeout=60)
    check("import into an empty database whose index SQL has ATTACH appended: no canary",
          st is not None and st >= 0 and not os.path.exists(CANARY),
          f"exit {st}, canary {'made' if os.path.exists(CANARY) else 'not made'}: {err.strip()}")
    if os.path.exists(CANARY):
        os.unlink(CANARY)

    for n, (name, make, refused) in enumerate(CASES):
        if only not in name:
            continue
        problems = []
        for cmd, argv in COMMANDS:
            case = os.path.join(W, f"case{n}-{cmd}")
            os.mkdir(case)
            db = os.path.join(case, "study.db")
            shutil.copy(base, db)
            try:
                make(db)
            except sqlite3.Error as e:
                problems.append(f"could not make the file: {e}")
                break
            st, err = run(argv(db, os.path.join(case, "out")))
            if st is None:
                problems.append(f"{cmd}: ran past {TIMEOUT} s")
            elif st < 0 or st >= 128:
                problems.append(f"{cmd}: killed by signal {-st if st < 0 else st - 128}: "
                                f"{err.strip()[-200:]}")
            elif refused and st != 2:
                problems.append(f"{cmd}: exit {st}, expected 2 (refused): {err.strip()[-200:]}")
            elif refused and "not a ripple database" not in err:
                problems.append(f"{cmd}: no 'not a ripple database' in: {err.strip()[-200:]}")
            if os.path.exists(CANARY):
                problems.append(f"{cmd}: created the canary file")
                os.unlink(CANARY)
            if os.path.isdir(case) and not problems:
                shutil.rmtree(case, ignore_errors=True)
        check(f"hostile database {n + 1}: {name}: every read command "
              f"{'refuses it' if refused else 'survives'}", not problems, "; ".join(problems))
    print(f"# {len(CASES)} hostile databases x {len(COMMANDS)} commands")
    return 1 if harness.FAILED else 0


if __name__ == "__main__":
    code = main()
    if code == 0:
        shutil.rmtree(W, ignore_errors=True)
    sys.exit(code)
