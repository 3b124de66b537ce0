#!/usr/bin/env python3
"""End-to-end checks that outputs never clobber inputs, and what a write leaves
behind (issue 22).

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/clobber.py

Only the standard library (strace, when present, places the kills of the
export checks; unshare, when run as root, makes the read-only mount).

- apart: an -o that is the database, another name of it (a link), a file of
  the input folder or the input folder itself is refused with exit 2 and the
  message "is the input" / "is in the input", and every input is byte for byte
  as it was (report, map, draw, export dot/csv/kumu, batch).
- modes: a new output gets 0666 less the umask; a replaced one keeps its mode
  (a 0600 report stays 0600); a new Kumu folder 0777 less the umask.
- sets: `export --format kumu` and `--format ripplefx` killed with SIGKILL at
  seeded points (the n-th call of a file system call, by strace, and at random
  times) always leave the old pair or the new pair, never a mix, and nothing
  else in the folder.
- sets: `export --format csv` (NAME.csv and NAME-nodes.csv) killed the same
  way leaves NAME.csv beside its own NAME-nodes.csv, or no NAME.csv.
- read-only: `import` into a database on a read-only mount says "the file or
  its folder is read-only", not SQLite's "unable to open database file".
- workers: `ripple batch --jobs 2` killed with SIGKILL while its workers are
  busy leaves no worker running 2 s later.

CLOBBER_SEED sets the seed of the kill points (printed); CLOBBER_KILLS the
number of kills of each export format (default 16); CLOBBER_ONLY=GROUP runs one
group (apart, modes, sets, read-only, workers).

Prints `ok - name`, `ok - name # SKIP why` or `not ok - name: why` per check,
a summary line, and exits 1 when a check failed.
"""
import hashlib
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

import harness
from harness import ROOT, Group, Skip, ripple, ripple_ok

PLACE = os.path.join(ROOT, "datasets", "northamptonshire")
GENERATE = os.path.join(ROOT, "datasets", "generate.py")


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def tree_sum(path):
    """A fingerprint of a file, or of every file under a folder (names and bytes)."""
    if os.path.isfile(path):
        return sha(path)
    h = hashlib.sha256()
    for dirpath, dirnames, files in os.walk(path):
        dirnames.sort()
        for f in sorted(files):
            p = os.path.join(dirpath, f)
            h.update(os.path.relpath(p, path).encode() + b"\0" + sha(p).encode())
    return h.hexdigest()


def with_umask(mask):
    def pre():
        os.umask(mask)
    return pre


# ---- apart: an output never replaces an input ---------------------------------------

def apart_checks(grp, work):
    db = os.path.join(work, "study.html")   # named so that report takes it as its -o
    folder = os.path.join(work, "place")
    shutil.copytree(PLACE, folder)
    ripple_ok("import", db, folder)
    pristine = os.path.join(work, "pristine.db")
    shutil.copy(db, pristine)
    alias = os.path.join(work, "alias.svg")
    os.symlink(db, alias)
    split_alias = os.path.join(work, "split-social.svg")   # a file map --split would write
    os.symlink(db, split_alias)

    cases = [
        ("report DB -o DB", ["report", db, "-o", db], db),
        ("map DB --format svg -o DB", ["map", db, "--format", "svg", "-o", db], db),
        ("draw DB --format svg -o DB", ["draw", db, "--wave", "before", "--format", "svg", "-o",
                                        db], db),
        ("export DB --format dot -o DB", ["export", db, "--wave", "before", "--format", "dot",
                                          "-o", db], db),
        ("batch DB --format csv -o DB", ["batch", db, "--format", "csv", "--no-store", "-o", db],
         db),
        ("map DB -o a link to DB", ["map", db, "-o", alias], db),
        ("map DB --split capital whose social map would be a link to DB",
         ["map", db, "--split", "capital", "--page", "a4", "-o", os.path.join(work, "split.svg")],
         db),
        ("export FOLDER --format csv -o FOLDER/ties.csv",
         ["export", folder, "--wave", "before", "--format", "csv", "-o",
          os.path.join(folder, "ties.csv")], folder),
        ("export FOLDER --format kumu -o FOLDER", ["export", folder, "--format", "kumu", "-o",
                                                   folder], folder),
        ("export FOLDER --format graphml -o FOLDER/actors.csv",
         ["export", folder, "--wave", "before", "--format", "graphml", "-o",
          os.path.join(folder, "actors.csv")], folder),
    ]
    for name, args, watched in cases:
        def one(args=args, watched=watched):
            shutil.copy(pristine, db)   # each case on the inputs as imported
            shutil.rmtree(folder)
            shutil.copytree(PLACE, folder)
            before = tree_sum(watched)
            rc, _, err = ripple(*args)
            problems = []
            if rc != 2:
                problems.append("exit status %d, expected 2 (%s)" % (rc, harness.short(err)))
            if "is the input" not in err and "is in the input" not in err:
                problems.append("no 'is the input' message: %s" % harness.short(err))
            if tree_sum(watched) != before:
                problems.append("%s changed" % os.path.basename(watched))
            return problems
        grp.check("apart: %s is refused (exit 2), the input untouched" % name, one)

    def elsewhere():
        shutil.copy(pristine, db)
        out = os.path.join(work, "report.html")
        ripple_ok("report", db, "-o", out)
        return [] if os.path.getsize(out) > 0 else ["empty report"]
    grp.check("apart: report DB -o another file still writes it", elsewhere)


# ---- modes --------------------------------------------------------------------------

def mode_checks(grp, work):
    db = os.path.join(work, "m.db")
    ripple_ok("import", db, PLACE)

    def mode(p):
        return stat.S_IMODE(os.stat(p).st_mode)

    def report_modes():
        out = os.path.join(work, "r.html")
        problems = []
        rc = subprocess.run([harness.RIPPLE, "report", db, "-o", out], preexec_fn=with_umask(0o077),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        if rc != 0 or mode(out) != 0o600:
            problems.append("new report under umask 077: exit %d, mode %o (expected 600)"
                            % (rc, mode(out)))
        rc = subprocess.run([harness.RIPPLE, "report", db, "-o", out], preexec_fn=with_umask(0o022),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        if rc != 0 or mode(out) != 0o600:
            problems.append("a 0600 report replaced under umask 022: mode %o (expected 600)"
                            % mode(out))
        os.chmod(out, 0o640)
        subprocess.run([harness.RIPPLE, "report", db, "-o", out], preexec_fn=with_umask(0o077),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if mode(out) != 0o640:
            problems.append("a 0640 report replaced under umask 077: mode %o" % mode(out))
        return problems
    grp.check("modes: a new report gets 0666 less the umask, a replaced one keeps its mode",
              report_modes)

    def kumu_modes():
        out = os.path.join(work, "kumu")
        rc = subprocess.run([harness.RIPPLE, "export", db, "--format", "kumu", "-o", out],
                            preexec_fn=with_umask(0o077), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL).returncode
        if rc != 0:
            return ["export --format kumu: exit %d" % rc]
        got = [mode(out), mode(os.path.join(out, "elements.csv")),
               mode(os.path.join(out, "connections.csv"))]
        return [] if got == [0o700, 0o600, 0o600] else \
            ["modes under umask 077: %s (expected 700, 600, 600)" % ["%o" % m for m in got]]
    grp.check("modes: a new Kumu folder and its files get what the umask leaves", kumu_modes)


# ---- sets: a kill leaves the old pair or the new ------------------------------------

def strace_works():
    try:
        return subprocess.run(["strace", "-f", "-o", os.devnull, "true"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def set_checks(grp, work, kills, rng):
    db = os.path.join(work, "s.db")
    ripple_ok("import", db, PLACE)
    other = os.path.join(work, "t.db")   # a second place: a second set of each format
    ripple_ok("import", other, os.path.join(ROOT, "datasets", "stockton-on-tees"))
    traced = strace_works()
    calls = ["rename", "renameat", "renameat2", "write", "fsync", "linkat", "unlinkat", "rmdir",
             "mkdir", "openat"]

    for fmt, names in (("kumu", ("elements.csv", "connections.csv")),
                       ("ripplefx", ("nodes.csv", "relationships.csv"))):
        variants = [db, other]   # the two sets a kill is to choose between
        refs = []
        for k, source in enumerate(variants):
            ref = os.path.join(work, "%s-ref-%d" % (fmt, k))
            ripple_ok("export", source, "--format", fmt, "-o", ref)
            refs.append(tuple(sha(os.path.join(ref, n)) for n in names))

        def kill_runs(fmt=fmt, names=names, variants=variants, refs=refs):
            if refs[0] == refs[1]:
                return ["the two reference exports are alike: the check cannot tell them apart"]
            out = os.path.join(work, "%s-out" % fmt)
            ripple_ok("export", db, "--format", fmt, "-o", out)
            problems = []
            # the renames first (where a set written file by file is mixed), then seeded points
            fixed = [("rename", 1), ("rename", 2), ("renameat2", 1), ("renameat2", 2)]
            for k in range(kills):
                args = [harness.RIPPLE, "export", variants[(k + 1) % 2], "--format", fmt, "-o",
                        out]
                if traced and k % 4 != 3:
                    call, when = fixed[k] if k < len(fixed) else (rng.choice(calls),
                                                                   rng.randint(1, 12))
                    point = "the %d. %s" % (when, call)
                    p = subprocess.run(["strace", "-f", "-o", os.devnull, "-e",
                                        "inject=%s:signal=KILL:when=%d" % (call, when)] + args,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    rc = p.returncode
                else:
                    delay = rng.uniform(0, 0.4)
                    point = "%.3f s" % delay
                    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    try:
                        p.wait(timeout=delay)
                    except subprocess.TimeoutExpired:
                        p.send_signal(signal.SIGKILL)
                        p.wait()
                    rc = p.returncode
                have = sorted(os.listdir(out)) if os.path.isdir(out) else None
                if have != sorted(names):
                    problems.append("kill %d at %s (exit %s): the folder holds %s"
                                    % (k, point, rc, have))
                    continue
                got = tuple(sha(os.path.join(out, n)) for n in names)
                if got not in refs:
                    problems.append("kill %d at %s (exit %s): a mixed set (%s)"
                                    % (k, point, rc, ", ".join(
                                        "%s of set %s" % (n, [r[i] for r in refs].index(got[i])
                                                          if got[i] in [r[i] for r in refs]
                                                          else "?")
                                        for i, n in enumerate(names))))
                for left in os.listdir(work):   # a kill after the swap may leave the old folder
                    if left.startswith("%s-out.tmp-" % fmt):
                        shutil.rmtree(os.path.join(work, left), ignore_errors=True)
            return problems
        grp.check("sets: export --format %s killed with SIGKILL at %d seeded points (%s) leaves "
                  "the old pair or the new, never a mix" %
                  (fmt, kills, "strace-placed system calls and times" if traced else "times"),
                  kill_runs)

    def csv_pair_runs():
        """export --format csv writes NAME.csv and NAME-nodes.csv: NAME.csv, the
        commit, is removed first and renamed in last, so a kill leaves NAME.csv
        beside its own NAME-nodes.csv, or no NAME.csv; never a mixed pair."""
        out = os.path.join(work, "pair")
        os.makedirs(out)
        edges, nodes = os.path.join(out, "x.csv"), os.path.join(out, "x-nodes.csv")
        waves = ("before", "after")   # the two sets a kill is to choose between
        refs = []
        for w in waves:
            ripple_ok("export", db, "--wave", w, "-o", edges)
            refs.append((sha(edges), sha(nodes)))
        if refs[0][0] == refs[1][0] or refs[0][1] == refs[1][1]:
            return ["the two reference exports are alike: the check cannot tell them apart"]
        problems = []
        fixed = [("rename", 1), ("rename", 2), ("unlink", 1), ("fsync", 3)]
        for k in range(kills):
            ripple_ok("export", db, "--wave", waves[k % 2], "-o", edges)
            args = [harness.RIPPLE, "export", db, "--wave", waves[(k + 1) % 2], "-o", edges]
            if traced and k % 4 != 3:
                call, when = fixed[k] if k < len(fixed) else (rng.choice(calls + ["unlink"]),
                                                               rng.randint(1, 12))
                point = "the %d. %s" % (when, call)
                rc = subprocess.run(["strace", "-f", "-o", os.devnull, "-e",
                                     "inject=%s:signal=KILL:when=%d" % (call, when)] + args,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            else:
                delay = rng.uniform(0, 0.4)
                point = "%.3f s" % delay
                p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    p.wait(timeout=delay)
                except subprocess.TimeoutExpired:
                    p.send_signal(signal.SIGKILL)
                    p.wait()
                rc = p.returncode
            if os.path.exists(edges):
                got = (sha(edges), sha(nodes) if os.path.exists(nodes) else None)
                if got not in refs:
                    problems.append("kill %d at %s (exit %s): x.csv of the %s export beside "
                                    "x-nodes.csv of %s" % (
                                        k, point, rc,
                                        [r[0] for r in refs].index(got[0]) and "after" or "before",
                                        "neither" if got[1] not in [r[1] for r in refs] else
                                        ([r[1] for r in refs].index(got[1]) and "after" or
                                         "before")))
            for left in os.listdir(out):   # a kill leaves its temporaries
                if ".tmp-" in left:
                    os.unlink(os.path.join(out, left))
        return problems
    grp.check("sets: export --format csv killed with SIGKILL at %d seeded points (%s) leaves "
              "x.csv beside its own x-nodes.csv or no x.csv, never a mixed pair" %
              (kills, "strace-placed system calls and times" if traced else "times"), csv_pair_runs)


# ---- read-only ----------------------------------------------------------------------

def read_only_checks(grp, work):
    def mount():
        if os.geteuid() != 0 or not shutil.which("unshare"):
            raise Skip("needs root and unshare for a read-only mount")
        mnt = os.path.join(work, "ro")
        os.mkdir(mnt)
        script = ('mount -t tmpfs -o size=8m tmpfs "$1" && "$2" import "$1/e.db" "$3" >/dev/null && '
                  'mount -o remount,ro "$1" && { "$2" import "$1/new.db" "$3"; echo "rc=$?"; '
                  '"$2" import --replace "$1/e.db" "$3"; echo "rc=$?"; }')
        p = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", mnt, harness.RIPPLE, PLACE],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        out, err = p.stdout.decode(), p.stderr.decode("utf-8", "replace")
        if "rc=" not in out:
            raise Skip("cannot mount a tmpfs here: %s" % harness.short(err))
        problems = []
        if out.count("rc=1") != 2:
            problems.append("exit statuses %s, expected 1 and 1" % out.split())
        if err.count("the file or its folder is read-only") != 2:
            problems.append("not the read-only message: %s" % harness.short(err))
        if "unable to open database file" in err:
            problems.append("SQLite's message shows: %s" % harness.short(err))
        return problems
    grp.check("read-only: import into a new and an existing database on a read-only mount says "
              "the documented read-only message", mount)


# ---- workers ------------------------------------------------------------------------

def marked(marker):
    """Pids of processes whose command line names marker (a temp path)."""
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read().split(b"\0")
        except OSError:
            continue
        if any(marker.encode() in a for a in cmd[1:]):
            pids.append(int(pid))
    return pids


def worker_checks(grp, work):
    def orphans():
        gen = os.path.join(work, "gen")
        subprocess.run([sys.executable, GENERATE, gen, "--places", "2", "--actors", "1500",
                        "--ties", "15000", "--waves", "2", "--seed", "7", "--force"], check=True,
                       stdout=subprocess.DEVNULL)
        db = os.path.join(work, "workers-marker.db")
        ripple_ok("import", db, gen)
        p = subprocess.Popen([harness.RIPPLE, "batch", db, "--jobs", "2", "--permutations",
                              "20000", "--no-store", "--format", "csv", "-o",
                              os.path.join(work, "b.csv")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(marked(db)) < 3 and time.monotonic() < deadline and p.poll() is None:
            time.sleep(0.05)
        if len(marked(db)) < 3:
            p.kill()
            p.wait()
            return ["the workers never started (or the batch ended first)"]
        time.sleep(0.5)   # busy in a task
        p.send_signal(signal.SIGKILL)
        p.wait()
        deadline = time.monotonic() + 2
        while marked(db) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = marked(db)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        return ["workers still running 2 s after the batch was killed: %s" % left] if left else []
    grp.check("workers: ripple batch --jobs 2 killed while its workers are busy leaves none "
              "running 2 s later", orphans)


def suite():
    start = time.time()
    seed = int(os.environ.get("CLOBBER_SEED", random.randrange(1 << 30)))
    kills = int(os.environ.get("CLOBBER_KILLS", "16"))
    print("# clobber: CLOBBER_SEED=%d" % seed)
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="ripple-clobber.")
    groups = []
    try:
        for name, fn, args in (("apart", apart_checks, ()), ("modes", mode_checks, ()),
                               ("sets", set_checks, (kills, rng)),
                               ("read-only", read_only_checks, ()),
                               ("workers", worker_checks, ())):
            if os.environ.get("CLOBBER_ONLY", name) != name:
                continue
            work = os.path.join(tmp, name)
            os.mkdir(work)
            grp = Group()
            try:
                fn(grp, work, *args)
            except Exception as e:   # a group that could not even start
                grp.results.append((name, "%s: %s" % (type(e).__name__, e), None))
            groups.append(grp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return harness.report("clobber", groups, start)


if __name__ == "__main__":
    sys.exit(harness.main("clobber", suite, timeout=300))
