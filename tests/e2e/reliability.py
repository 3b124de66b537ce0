#!/usr/bin/env python3
"""End-to-end checks that a study database survives what happens to it.

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/reliability.py

(run.sh runs it on the release and the ASan build.) Only the standard library.

- crash: `ripple import` (a new place, and --replace of an old one) and
  `ripple batch` are killed with SIGKILL at seeded random points; after each
  kill the database passes `PRAGMA integrity_check`, the place is wholly there
  or wholly absent (its rows, compared by content with an import that was not
  killed), every stored batch run is whole, the output file is either absent
  or complete, and no worker process is left behind.
- concurrency: two imports and a batch at once on one database; readers during
  an import see the place wholly or not at all; a writer blocked longer than
  the busy timeout gives up with "database is busy" and changes nothing.
- limits: 100,000 actors and 1,000,000 ties import in bounded memory; a file
  past the documented limit, too little memory, a read-only file or folder and
  a full disk each give a clear message and leave the database as it was.

KILLS (default 12: 24 import kills in all, new and --replace) and BATCH_KILLS
(default 20) set the kill points of the release build; a sanitizer build, where
each run is slower and the kill points test the store, not memory, takes 4 of
each. CRASH_SEED sets the seed of the kill points (printed). The
1,000,000-tie import and the memory-limit checks run on the release build only
(ASan cannot run under an address-space limit and is ten times slower there).

Prints `ok - name`, `ok - name # SKIP why` or `not ok - name: why` per check,
a summary line, and exits 1 when a check failed.
"""
import csv
import hashlib
import os
import random
import resource
import shutil
import signal
import stat
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

import harness
from harness import HERE, ROOT, TINY, Group, Skip, db_sum, ripple, ripple_ok, short

GENERATE = os.path.join(ROOT, "datasets", "generate.py")
SANITIZED = False


# ---- helpers -------------------------------------------------------------------

def generate(folder, actors, ties, seed, waves=2, teams=0, ripples=0, places=1):
    """Synthetic place folders (datasets/generate.py) in folder/place-001 ..."""
    subprocess.run([sys.executable, GENERATE, folder, "--places", str(places), "--actors",
                    str(actors), "--ties", str(ties), "--waves", str(waves), "--seed", str(seed),
                    "--teams", str(teams), "--ripples", str(ripples), "--force"],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(folder, "place-001")


def connect(db):
    """A read-only connection that never creates the file."""
    return sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)


def integrity(db):
    con = connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()


# Every row of a place, by content (codes and names, not the store's own ids),
# in one read transaction: what an import put in, whichever ids it was given.
PLACE_ROWS = [
    ("waves", "SELECT name, ordinal, date FROM wave WHERE place_id = ?1"),
    ("actors", "SELECT a.code, a.label, a.kind, a.sector, a.town, a.attended, p.code FROM actor a "
               "LEFT JOIN actor p ON p.actor_id = a.parent_id WHERE a.place_id = ?1"),
    ("actor attributes", "SELECT a.code, x.name, x.value FROM actor_attribute x "
                         "JOIN actor a USING (actor_id) WHERE a.place_id = ?1"),
    ("ties", "SELECT w.name, s.code, t.code, tie.type, tie.weight FROM tie "
             "JOIN wave w USING (wave_id) JOIN actor s ON s.actor_id = tie.source_id "
             "JOIN actor t ON t.actor_id = tie.target_id WHERE w.place_id = ?1"),
    ("tie attributes", "SELECT w.name, s.code, t.code, tie.type, x.name, x.value "
                       "FROM tie_attribute x JOIN tie USING (tie_id) JOIN wave w USING (wave_id) "
                       "JOIN actor s ON s.actor_id = tie.source_id "
                       "JOIN actor t ON t.actor_id = tie.target_id WHERE w.place_id = ?1"),
    ("ripples", "SELECT r.code, r.label, r.valence, r.intended, r.date, p.code FROM ripple r "
                "LEFT JOIN ripple p ON p.ripple_id = r.parent_id WHERE r.place_id = ?1"),
    ("capitals", "SELECT r.code, c.capital FROM ripple_capital c JOIN ripple r USING (ripple_id) "
                 "WHERE r.place_id = ?1"),
    ("ripple actors", "SELECT r.code, a.code FROM ripple_actor x JOIN ripple r USING (ripple_id) "
                      "JOIN actor a ON a.actor_id = x.actor_id WHERE r.place_id = ?1"),
]


def place_state(db, name):
    """None when the place is absent, else (digest, {table: row count})."""
    con = connect(db)
    try:
        con.execute("BEGIN")
        row = con.execute("SELECT place_id, programme, directed FROM place WHERE name = ?",
                          (name,)).fetchone()
        if row is None:
            return None
        h = hashlib.sha256(repr(row[1:]).encode())
        counts = {}
        for what, query in PLACE_ROWS:
            rows = sorted(con.execute(query, (row[0],)).fetchall(), key=repr)
            counts[what] = len(rows)
            h.update(what.encode())
            for r in rows:
                h.update(repr(r).encode())
        return h.hexdigest(), counts
    finally:
        con.close()


def place_name(folder):
    with open(os.path.join(folder, "place.csv"), newline="", encoding="utf-8") as f:
        return next(csv.DictReader(f))["name"]


def ripple_pids(marker):
    """Pids of ripple processes whose command line names marker (a temp path)."""
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read().split(b"\0")
        except OSError:
            continue
        if cmd and os.path.basename(cmd[0]) == os.path.basename(harness.RIPPLE).encode() and \
                any(marker.encode() in a for a in cmd):
            pids.append(int(pid))
    return pids


def kill_at(args, delay):
    """Starts ripple, SIGKILLs it after delay seconds (if still running); returns its status."""
    p = subprocess.Popen([harness.RIPPLE] + [str(a) for a in args], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    try:
        p.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
    p.stderr.close()
    return p.returncode


def kill_point(rng, k, seconds):
    """Every other kill anywhere in the run, the rest near its end, where the
    commit, the checkpoint and the stored results are written."""
    return rng.uniform(0, seconds * 1.1) if k % 2 == 0 else rng.uniform(seconds * 0.8, seconds * 1.1)


def timed(args):
    t = time.monotonic()
    ripple_ok(*args)
    return time.monotonic() - t


def as_nobody():
    """(preexec_fn, binary) to run ripple as nobody when root, else (None, harness.RIPPLE)."""
    if os.geteuid() != 0:
        return None, harness.RIPPLE

    def pre():
        os.setgid(65534)
        os.setuid(65534)
    return pre, None


def nobody_binary(work):
    """A copy of ripple that nobody can run (the clone may sit in a 0700 folder)."""
    exe = os.path.join(work, "ripple-for-nobody")
    if not os.path.exists(exe):
        shutil.copy(harness.RIPPLE, exe)
        os.chmod(exe, 0o755)
    return exe


def open_up(path):
    """Lets nobody reach path: every folder above it up to the temp root gets o+x."""
    while path not in ("/", ""):
        st = os.stat(path)
        if st.st_uid == os.geteuid():
            os.chmod(path, st.st_mode | 0o011)
        if os.path.dirname(path) == path:
            break
        path = os.path.dirname(path)


# ---- crash: SIGKILL at random points ----------------------------------------------

def crash_checks(work, kills, batch_kills, rng):
    grp = Group()
    big = generate(os.path.join(work, "gen-a"), 5000, 40000, seed=11, teams=5, ripples=300)
    other = generate(os.path.join(work, "gen-b"), 5000, 40000, seed=12, teams=5, ripples=300)
    name = place_name(big)

    # what a whole import of each version holds, from imports nobody killed
    ref = {}
    for tag, folder in (("a", big), ("b", other)):
        db = os.path.join(work, "ref-%s.db" % tag)
        ripple_ok("import", db, folder)
        ref[tag] = place_state(db, name)
    ref_db = os.path.join(work, "ref-tiny.db")
    ripple_ok("import", ref_db, TINY)
    tiny_ref = place_state(ref_db, "Tiny Town")
    # how long a whole run takes, so the kill points cover it (--replace first deletes)
    seconds = {False: timed(["import", os.path.join(work, "time.db"), big])}
    seconds[True] = timed(["import", os.path.join(work, "time.db"), big, "--replace"])

    def kill_imports(replace):
        problems, outcomes = [], {"absent": 0, "old": 0, "new": 0, "finished": 0}
        for k in range(kills):
            db = os.path.join(work, "kill-%s-%d.db" % ("r" if replace else "n", k))
            ripple_ok("import", db, TINY)
            if replace:
                ripple_ok("import", db, other)
            delay = kill_point(rng, k, seconds[replace])
            rc = kill_at(["import", db, big] + (["--replace"] if replace else []), delay)
            if rc == 0:
                outcomes["finished"] += 1
            elif rc != -signal.SIGKILL:
                problems.append("kill %d at %.3f s: exit status %d" % (k, delay, rc))
            ic = integrity(db)
            if ic != [("ok",)]:
                problems.append("kill %d at %.3f s: integrity_check says %s" % (k, delay, short(ic)))
                continue
            state = place_state(db, name)
            if state is None:
                outcomes["absent"] += 1
                if replace:
                    problems.append("kill %d at %.3f s: the old version is gone, the new one absent"
                                    % (k, delay))
            elif state == ref["a"]:
                outcomes["new"] += 1
            elif replace and state == ref["b"]:
                outcomes["old"] += 1
            else:
                problems.append("kill %d at %.3f s: the place is there in part: %s"
                                % (k, delay, state[1]))
            if place_state(db, "Tiny Town") != tiny_ref:
                problems.append("kill %d at %.3f s: the place already there changed" % (k, delay))
            if rc == 0 and (state is None or state != ref["a"]):
                problems.append("kill %d: import exited 0 but the place is not whole" % k)
            os.remove(db)
            for extra in ("-wal", "-shm"):
                if os.path.exists(db + extra):
                    os.remove(db + extra)
        return problems, outcomes

    outcomes = {}

    def imports(replace):
        problems, seen = kill_imports(replace)
        outcomes[replace] = seen
        return problems
    grp.check("import of 5,000 actors, 80,000 ties, 300 ripples killed with SIGKILL at %d random "
              "points in 0..%.1f s (half of them in the last fifth): integrity_check ok, the place "
              "wholly present or wholly absent, "
              "the other place untouched" % (kills, seconds[False] * 1.1), imports, False)
    grp.check("import --replace killed at %d random points: integrity_check ok, the old version "
              "or the new one, whole, never a mix and never neither" % kills, imports, True)
    for replace, seen in outcomes.items():
        print("# crash: import%s: %d kills: %s" % (" --replace" if replace else "", kills,
              ", ".join("%s %d" % kv for kv in seen.items())))

    # batch: stored runs and the output file
    bdir = generate(os.path.join(work, "gen-batch"), 300, 1500, seed=13, places=8)
    bdir = os.path.dirname(bdir)
    bdb = os.path.join(work, "batch-base.db")
    ripple_ok("import", bdb, bdir)
    full_out = os.path.join(work, "batch-ref.csv")
    ref_copy = os.path.join(work, "batch-ref.db")
    shutil.copy(bdb, ref_copy)
    t = time.monotonic()
    ripple_ok("batch", ref_copy, "--jobs", "2", "--permutations", "300", "-o", full_out)
    bseconds = time.monotonic() - t
    rows_per_run = connect(ref_copy).execute("SELECT count(*) FROM batch_result").fetchone()[0]
    with open(full_out, "rb") as f:
        want = f.read()

    def kill_batches():
        problems, seen = [], {"stored": 0, "not stored": 0, "file written": 0}
        for k in range(batch_kills):
            db = os.path.join(work, "kill-batch-%d.db" % k)
            out = os.path.join(work, "kill-batch-%d.csv" % k)
            shutil.copy(bdb, db)
            # one whole run stored already: the killed one must not disturb it
            ripple_ok("batch", db, "--jobs", "1", "--permutations", "10", "--format", "csv", "-o",
                      os.devnull)
            delay = kill_point(rng, k, bseconds)
            rc = kill_at(["batch", db, "--jobs", "2", "--permutations", "300", "-o", out], delay)
            if rc not in (0, -signal.SIGKILL):
                problems.append("kill %d at %.3f s: exit status %d" % (k, delay, rc))
            deadline = time.monotonic() + 5
            while ripple_pids(db) and time.monotonic() < deadline:
                time.sleep(0.05)
            left = ripple_pids(db)
            if left:
                problems.append("kill %d at %.3f s: workers left running: %s" % (k, delay, left))
                for pid in left:
                    os.kill(pid, signal.SIGKILL)
            ic = integrity(db)
            if ic != [("ok",)]:
                problems.append("kill %d at %.3f s: integrity_check says %s" % (k, delay, short(ic)))
                continue
            con = connect(db)
            runs = con.execute("SELECT r.run_id, r.permutations, count(x.run_id) FROM batch_run r "
                               "LEFT JOIN batch_result x USING (run_id) GROUP BY r.run_id").fetchall()
            con.close()
            if not runs or runs[0][2] != rows_per_run:
                problems.append("kill %d: the earlier run is no longer whole: %s" % (k, runs[:1]))
            for run_id, perms, n in runs[1:]:
                if n != rows_per_run or perms != 300:
                    problems.append("kill %d at %.3f s: run %d stored in part (%d of %d rows)"
                                    % (k, delay, run_id, n, rows_per_run))
            seen["stored" if len(runs) == 2 else "not stored"] += 1
            if os.path.exists(out):
                seen["file written"] += 1
                with open(out, "rb") as f:
                    if f.read() != want:
                        problems.append("kill %d at %.3f s: %s is there but not whole"
                                        % (k, delay, os.path.basename(out)))
            if rc == 0 and len(runs) != 2:
                problems.append("kill %d: batch exited 0 but stored no run" % k)
            for f in os.listdir(work):
                if f.startswith("kill-batch-%d." % k):
                    os.remove(os.path.join(work, f))
        outcomes["batch"] = seen
        return problems
    grp.check("batch of 8 places (--jobs 2, 300 permutations) killed with SIGKILL at %d random "
              "points in 0..%.1f s: integrity_check ok, every stored run whole, the output file "
              "absent or whole, no worker left running" % (batch_kills, bseconds * 1.1),
              kill_batches)
    if "batch" in outcomes:
        print("# crash: batch: %d kills: %s" % (batch_kills, ", ".join("%s %d" % kv
                                                                for kv in outcomes["batch"].items())))
    return grp


# ---- concurrency -------------------------------------------------------------------

def concurrency_checks(work):
    grp = Group()
    a = generate(os.path.join(work, "gen-a"), 6000, 40000, seed=21, teams=4, ripples=200)
    b = generate(os.path.join(work, "gen-b"), 6000, 40000, seed=22, teams=4, ripples=200)
    batchdir = os.path.dirname(generate(os.path.join(work, "gen-batch"), 300, 1500, seed=23,
                                        places=6))
    name = place_name(a)
    ref = {}
    for tag, folder, as_name in (("a", a, "A " + name), ("b", b, "B " + name)):
        db = os.path.join(work, "ref-%s.db" % tag)
        ripple_ok("import", db, folder, "--name", as_name)
        ref[tag] = place_state(db, as_name)

    def together():
        db = os.path.join(work, "together.db")
        ripple_ok("import", db, batchdir)
        before = place_state(db, "Synthetic place 001")
        procs = [subprocess.Popen([harness.RIPPLE] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for args in (["import", db, a, "--name", "A " + name],
                              ["import", db, b, "--name", "B " + name],
                              ["batch", db, "--jobs", "1", "--permutations", "200", "-o",
                               os.path.join(work, "together.csv")])]
        problems, ok = [], 0
        for p, what in zip(procs, ("first import", "second import", "batch")):
            err = p.communicate(timeout=600)[1].decode("utf-8", "replace")
            if p.returncode == 0:
                ok += 1
            elif p.returncode != 1 or "database is busy" not in err:
                problems.append("%s: exit status %d, %s" % (what, p.returncode, short(err)))
        if integrity(db) != [("ok",)]:
            problems.append("integrity_check fails")
        for tag in ("a", "b"):
            got = place_state(db, tag.upper() + " " + name)
            want = ref[tag] if procs[0 if tag == "a" else 1].returncode == 0 else None
            if got != want:
                problems.append("place %s: %s, expected %s" % (tag.upper(), got and got[1],
                                                               want and want[1]))
        if place_state(db, "Synthetic place 001") != before:
            problems.append("a place already there changed")
        runs = connect(db).execute("SELECT count(*) FROM batch_run").fetchone()[0]
        if runs != (1 if procs[2].returncode == 0 else 0):
            problems.append("%d batch runs stored, batch exited %d" % (runs, procs[2].returncode))
        if ok < 3 and not problems:
            print("# concurrency: %d of 3 finished, the others said \"database is busy\"" % ok)
        return problems
    grp.check("two imports and a batch at once on one database: each succeeds (or says "
              "\"database is busy\", exit 1), both places whole, the run stored, integrity ok",
              together)

    def readers():
        db = os.path.join(work, "readers.db")
        ripple_ok("import", db, TINY)
        seen, problems, stop = set(), [], threading.Event()
        want_counts = ref["a"][1]

        def read_loop():
            while not stop.is_set():
                state = place_state(db, "A " + name)
                seen.add("absent" if state is None else
                         "whole" if state == ref["a"] else "partial %s" % state[1])
                rc, out, err = ripple("places", db, "--format", "csv")
                if rc != 0:
                    seen.add("places failed: %s" % short(err))
                    continue
                rows = [r for r in csv.DictReader(out.decode().splitlines())
                        if r["place"] == "A " + name]
                ties = sorted(int(r["ties"]) for r in rows)
                if rows and (len(rows) != 2 or sum(ties) != want_counts["ties"]):
                    seen.add("places shows part of the place: %s" % ties)
        t = threading.Thread(target=read_loop)
        t.start()
        try:
            ripple_ok("import", db, a, "--name", "A " + name)
            time.sleep(0.3)
        finally:
            stop.set()
            t.join()
        bad = sorted(s for s in seen if s not in ("absent", "whole"))
        if bad:
            problems.append("readers saw: %s" % bad)
        if "whole" not in seen:
            problems.append("no reader saw the place after the import: %s" % sorted(seen))
        print("# concurrency: readers during an import saw %s" % sorted(seen))
        return problems
    grp.check("readers during an import (sqlite3 and ripple places, in a loop) see the place "
              "wholly or not at all, never in part (WAL)", readers)

    def blocked(timeout_env, hold, expect_ok):
        db = os.path.join(work, "blocked.db")
        if os.path.exists(db):
            for f in (db, db + "-wal", db + "-shm"):
                if os.path.exists(f):
                    os.remove(f)
        ripple_ok("import", db, TINY)
        con = sqlite3.connect(db, timeout=0, isolation_level=None, check_same_thread=False)
        con.execute("BEGIN IMMEDIATE")
        before = db_sum(db)
        release = threading.Timer(hold, lambda: con.execute("ROLLBACK"))
        env = {"RIPPLE_BUSY_TIMEOUT": timeout_env} if timeout_env else None
        t = time.monotonic()
        release.start()
        try:
            rc, out, err = ripple("import", db, TINY, "--name", "Second Town", env=env)
            took = time.monotonic() - t
        finally:
            release.join()
            con.close()
        problems = []
        if expect_ok:
            if rc != 0:
                problems.append("exit status %d after %.1f s: %s" % (rc, took, short(err)))
            if took < hold * 0.9:
                problems.append("finished in %.2f s, while the lock was held %.1f s" % (took, hold))
            if place_state(db, "Second Town") is None:
                problems.append("the place is not there")
        else:
            if rc != 1 or "database is busy" not in err:
                problems.append("exit status %d, stderr %s" % (rc, short(err)))
            if not 0.9 <= took <= 8:
                problems.append("gave up after %.1f s (RIPPLE_BUSY_TIMEOUT=%s)" % (took, timeout_env))
            if db_sum(db) != before or place_state(db, "Second Town") is not None:
                problems.append("the database changed")
        return problems
    grp.check("a writer blocked past RIPPLE_BUSY_TIMEOUT=1 gives up after about 1 s: exit 1, "
              "\"database is busy\", database byte-identical", blocked, "1", 12, False)
    grp.check("a writer blocked for 1.5 s waits (default busy timeout 10 s) and then imports",
              blocked, None, 1.5, True)
    return grp


# ---- limits ------------------------------------------------------------------------

def write_huge(folder, actors, ties, seed):
    """A place of `actors` actors and `ties` distinct undirected ties in one wave."""
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(seed)
    with open(os.path.join(folder, "actors.csv"), "w", encoding="utf-8") as f:
        f.write("id,label,sector,town,attended\n")
        sectors = ["Local Authority", "Health", "VCSE", "Sport", "Education", "Business"]
        for i in range(actors):
            f.write("a%d,Actor %d,%s,Town %d,%s\n" % (i, i, sectors[i % 6], i % 40,
                                                      "yes" if i % 3 == 0 else "no"))
    seen = set()
    with open(os.path.join(folder, "ties.csv"), "w", encoding="utf-8") as f:
        f.write("source,target,wave,weight\n")
        while len(seen) < ties:
            s, t = rng.randrange(actors), rng.randrange(actors)
            if s == t:
                continue
            key = (s, t) if s < t else (t, s)
            if key in seen:
                continue
            seen.add(key)
            f.write("a%d,a%d,before,%d\n" % (s, t, 1 + len(seen) % 4))
    with open(os.path.join(folder, "place.csv"), "w", encoding="utf-8") as f:
        f.write("name,programme,directed\nHuge Place,Leading Places,no\n")


def limit_checks(work):
    grp = Group()

    def huge():
        if SANITIZED:
            raise Skip("release build only (ASan needs more address space and ten times the time)")
        folder = os.path.join(work, "huge")
        write_huge(folder, 100000, 1000000, seed=31)
        db = os.path.join(work, "huge.db")
        ripple_ok("import", db, TINY)
        limit = 2 << 30

        def pre():
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        t = time.monotonic()
        with tempfile.TemporaryFile() as err:
            p = subprocess.Popen([harness.RIPPLE, "import", db, folder], stdout=subprocess.DEVNULL,
                                 stderr=err, preexec_fn=pre)
            _, status, usage = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
            err.seek(0)
            err = err.read()
        took = time.monotonic() - t
        peak = usage.ru_maxrss // 1024
        problems = []
        if p.returncode != 0:
            return ["exit status %d under a 2 GiB address-space limit: %s"
                    % (p.returncode, short(err.decode("utf-8", "replace")))]
        if peak > 1024:
            problems.append("peak RSS %d MB" % peak)
        con = connect(db)
        n = con.execute("SELECT (SELECT count(*) FROM actor a JOIN place p USING (place_id) "
                        "WHERE p.name = 'Huge Place'), (SELECT count(*) FROM tie JOIN wave "
                        "USING (wave_id) JOIN place p USING (place_id) WHERE p.name = 'Huge Place')"
                        ).fetchone()
        con.close()
        if n != (100000, 1000000):
            problems.append("stored %s actors and ties" % (n,))
        if integrity(db) != [("ok",)]:
            problems.append("integrity_check fails")
        print("# limits: 100,000 actors and 1,000,000 ties imported in %.1f s, peak RSS %d MB"
              % (took, peak))
        return problems
    grp.check("100,000 actors and 1,000,000 ties import under a 2 GiB address-space limit "
              "with a peak RSS under 1 GiB, every row stored, integrity ok", huge)

    def too_big():
        folder = os.path.join(work, "too-big")
        shutil.copytree(TINY, folder)
        with open(os.path.join(folder, "ties.csv"), "r+b") as f:
            f.truncate((1 << 30) + 1)   # sparse: costs no disk
        db = os.path.join(work, "too-big.db")
        ripple_ok("import", db, TINY, "--name", "Other")
        before = db_sum(db)
        t = time.monotonic()
        rc, out, err = ripple("import", db, folder)
        problems = []
        if rc != 2 or "ties.csv: file is larger than 1 GiB" not in err:
            problems.append("exit status %d, stderr %s" % (rc, short(err)))
        if time.monotonic() - t > 5:
            problems.append("took %.1f s to refuse" % (time.monotonic() - t))
        if db_sum(db) != before:
            problems.append("the database changed")
        return problems
    grp.check("a ties.csv past the documented 1 GiB limit is refused at once: exit 2, "
              "ties.csv named, database byte-identical", too_big)

    def no_memory():
        if SANITIZED:
            raise Skip("release build only (ASan cannot run under an address-space limit)")
        folder = os.path.join(work, "huge")
        if not os.path.exists(folder):
            write_huge(folder, 100000, 1000000, seed=31)
        problems = []
        db = os.path.join(work, "nomem.db")
        ripple_ok("import", db, TINY)
        before = db_sum(db)
        outcomes = []
        for mb in (64, 128):
            limit = mb << 20

            def pre():
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            p = subprocess.run([harness.RIPPLE, "import", db, folder], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, preexec_fn=pre, timeout=900)
            err = p.stderr.decode("utf-8", "replace")
            if p.returncode == 0:
                outcomes.append("%d MB: imported" % mb)
                break    # more memory imports too
            outcomes.append("%d MB: out of memory" % mb)
            if p.returncode != 1 or "out of memory" not in err:
                problems.append("%d MB: exit status %d, stderr %s" % (mb, p.returncode, short(err)))
            if db_sum(db) != before:
                problems.append("%d MB: the database changed" % mb)
        if not outcomes[0].endswith("out of memory"):
            problems.append("64 MB was enough: the check tested nothing")
        print("# limits: the 1,000,000-tie import under an address-space limit: %s"
              % ", ".join(outcomes))
        return problems
    grp.check("the 1,000,000-tie import under 64 and 128 MB of address space: "
              "\"out of memory\" (exit 1, database byte-identical) until it fits, never a crash",
              no_memory)

    def read_only(folder_too):
        pre, exe = as_nobody()
        if exe is None:
            exe = nobody_binary(work)
        d = os.path.join(work, "ro-folder" if folder_too else "ro-file")
        os.mkdir(d)
        db = os.path.join(d, "study.db")
        ripple_ok("import", db, TINY)
        os.chmod(db, 0o444)
        if pre:
            open_up(work)
        os.chmod(d, 0o555 if folder_too else 0o777)
        # a copy nobody can read: the clone itself may sit in a 0700 folder (mktemp -d)
        quirks = os.path.join(work, "quirks")
        if not os.path.exists(quirks):
            shutil.copytree(os.path.join(HERE, "places", "quirks"), quirks)
        before = db_sum(db)
        files = sorted(os.listdir(d))
        problems = []
        try:
            def go(*args):
                p = subprocess.run([exe] + [str(a) for a in args], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, preexec_fn=pre, timeout=120)
                return p.returncode, p.stdout.decode("utf-8", "replace"), \
                    p.stderr.decode("utf-8", "replace")
            rc, out, err = go("places", db)
            if rc != 0 or "Tiny Town" not in out:
                problems.append("places: exit status %d, %s" % (rc, short(err)))
            rc, out, err = go("metrics", db, "--format", "csv")
            if rc != 0 or "Tiny Town" not in out:
                problems.append("metrics: exit status %d, %s" % (rc, short(err)))
            rc, out, err = go("import", db, quirks)
            if rc != 1 or "read-only" not in err:
                problems.append("import: exit status %d, stderr %s" % (rc, short(err)))
        except (OSError, subprocess.SubprocessError) as e:
            raise Skip("cannot run ripple as nobody: %s" % e)
        finally:
            os.chmod(d, 0o755)
        if db_sum(db) != before:
            problems.append("the database changed")
        if folder_too and sorted(os.listdir(d)) != files:
            problems.append("files appeared in the read-only folder: %s" % sorted(os.listdir(d)))
        return problems
    grp.check("a read-only database file: places and metrics read it, import says read-only "
              "(exit 1), database byte-identical", read_only, False)
    grp.check("a database in a read-only folder: places and metrics read it (no WAL index can "
              "be made there), import says read-only (exit 1), nothing written", read_only, True)

    def full_disk():
        mnt = os.path.join(work, "full")
        os.mkdir(mnt)
        mounted = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        problems = []
        try:
            db = os.path.join(mnt, "study.db")
            ripple_ok("import", db, TINY)
            mid = generate(os.path.join(work, "gen-mid"), 3000, 20000, seed=41)
            before = db_sum(db)
            if mounted:
                pre = None
            else:
                size = os.path.getsize(db) + 64 * 1024

                def pre():
                    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
            p = subprocess.run([harness.RIPPLE, "import", db, mid], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, preexec_fn=pre, timeout=300)
            err = p.stderr.decode("utf-8", "replace")
            if p.returncode != 1 or not ("disk is full" in err or "disk full" in err):
                problems.append("import: exit status %d, stderr %s" % (p.returncode, short(err)))
            if db_sum(db) != before:
                problems.append("the database changed")
            if integrity(db) != [("ok",)]:
                problems.append("integrity_check fails after the full disk")
            if mounted:
                out = os.path.join(mnt, "filler")
                with open(out, "wb") as f:   # fill what is left
                    try:
                        while True:
                            f.write(b"\0" * 65536)
                            f.flush()
                    except OSError:
                        pass
                rc, _, err = ripple("map", db, "-o", os.path.join(mnt, "map.svg"))
                if rc != 1 or "map.svg" not in err:
                    problems.append("map onto a full disk: exit status %d, %s" % (rc, short(err)))
                left = [f for f in os.listdir(mnt) if f.startswith("map.svg")]
                if left:
                    problems.append("map left %s on the full disk" % left)
            rc, _, err = ripple("batch", db, "--no-store", "--format", "csv", "-o", "/dev/full")
            if rc != 1 or "/dev/full" not in err:
                problems.append("batch -o /dev/full: exit status %d, %s" % (rc, short(err)))
            if not stat.S_ISCHR(os.stat("/dev/full").st_mode):
                problems.append("/dev/full is no longer a device: ripple renamed a file over it")
            p = subprocess.run([harness.RIPPLE, "places", db], stdout=open("/dev/full", "wb"),
                               stderr=subprocess.PIPE, timeout=60)
            if p.returncode != 1:
                problems.append("places > /dev/full: exit status %d" % p.returncode)
        finally:
            if mounted:
                subprocess.run(["umount", mnt])
        print("# limits: full disk %s" % ("a 512 KiB tmpfs" if mounted else
                                          "simulated with RLIMIT_FSIZE (no mount here)"))
        return problems
    grp.check("a full disk: import says the disk is full (exit 1), the database byte-identical "
              "and intact; pictures and tables written to a full disk fail with the file named",
              full_disk)
    return grp


# ---- main ----------------------------------------------------------------------------

def suite():
    global SANITIZED
    with open(harness.RIPPLE, "rb") as f:
        SANITIZED = b"__asan_init" in f.read()
    kills = int(os.environ.get("KILLS", "4" if SANITIZED else "12"))
    batch_kills = int(os.environ.get("BATCH_KILLS", "4" if SANITIZED else "20"))
    seed = int(os.environ.get("CRASH_SEED", str(int(time.time()) % 100000)))
    print("# reliability: CRASH_SEED=%d KILLS=%d BATCH_KILLS=%d (%s build)"
          % (seed, kills, batch_kills, "sanitized" if SANITIZED else "release"))
    rng = random.Random(seed)
    start = time.time()
    tmp = tempfile.mkdtemp(prefix="ripple-reliability.")
    groups = []
    try:
        for name, fn, args in (("crash", crash_checks, (kills, batch_kills, rng)),
                               ("concurrency", concurrency_checks, ()),
                               ("limits", limit_checks, ())):
            work = os.path.join(tmp, name)
            os.mkdir(work)
            t = time.time()
            try:
                groups.append(fn(work, *args))
                print("# reliability: %s checks took %.1f s" % (name, time.time() - t))
            except Exception as e:   # a group that could not even start
                g = Group()
                g.results.append((name, "%s: %s" % (type(e).__name__, e), None))
                groups.append(g)
    finally:
        for dirpath, dirnames, _ in os.walk(tmp):
            for d in dirnames:
                try:
                    os.chmod(os.path.join(dirpath, d), 0o755)
                except OSError:
                    pass
        shutil.rmtree(tmp, ignore_errors=True)

    return harness.report("reliability", groups, start)


if __name__ == "__main__":
    sys.exit(harness.main("reliability", suite, timeout=600))
