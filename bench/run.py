#!/usr/bin/python3
"""ripple against its peers on the same jobs: time, peak memory and equal answers.

    make bench                                   every job (installs the peers first)
    make bench JOBS="batch qap" BENCH_RUNS=5     some jobs, 5 runs of each side
    bench/run.py [--jobs batch,qap] [--runs N] [--ripple PATH] [--no-results]

Each job runs ripple and its peer alternately (ripple first in odd rounds, the
peer first in even ones, so drift in the machine's load falls on both), each
under /usr/bin/time for wall time, CPU time and peak resident memory, then
checks that ripple's numbers equal the peer's (bench/compare.py: a fast wrong
answer does not count). It prints one table and writes it, with the machine,
to bench/RESULTS.md between the `bench:table` markers: the jobs run now replace
their rows, the others keep theirs (each says when and with which ripple it was
measured), and the rest of that file, the cost model, is left as it is.

Jobs (default runs of each side in brackets; BENCH_RUNS sets them all):
  batch     80 places x 300 actors x 1,500 ties x 2 waves, `ripple batch` with
            1,000 permutations, against peers/peer_igraph.py (python-igraph)    [3]
  networkx  the same, against peers/peer_networkx.py (networkx)                [1]
  qap       QAP, 10,000 permutations, Coleman's 73 boys, `ripple compare`
            against peers/peer_qap.R (R sna's qaptest(gcor))                    [3]
  place20k  1 place x 20,000 actors x 100,000 ties x 2 waves, `ripple batch`
            with 100 permutations, against python-igraph                        [1]
  big100k   100,000 actors x 1,000,000 ties a wave: `ripple import` then every
            measure but the all-pairs ones (`ripple metrics --nodes` with the
            option `ripple metrics --help` offers for that, or BENCH_NO_ALL_PAIRS;
            not run without one), against python-igraph (--metrics --no-all-pairs) [1]

Other settings: RIPPLE_COMMIT labels a binary built outside a git work tree;
BENCH_CHECK_NODES=0 skips the untimed `ripple metrics --nodes` that checks the
20,000-actor place's actor measures.

Data is generated once with datasets/generate.py into build/bench/ and reused
while generate.py and the sizes are unchanged. The ripple measured is RIPPLE
(default build/release/ripple); the table says which commit it was built from.
"""
import argparse
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"
PEERS = os.path.join(HERE, "peers")
WORK = os.path.join(ROOT, "build", "bench")
RESULTS = os.environ.get("BENCH_RESULTS") or os.path.join(HERE, "RESULTS.md")
TABLE_START, TABLE_END = "<!-- bench:table:start -->", "<!-- bench:table:end -->"


# ---- data -------------------------------------------------------------------

def generated(name, **size):
    """A folder of generated places, made again only when its recipe changed."""
    gen = os.path.join(ROOT, "datasets", "generate.py")
    args = ["--%s=%s" % (k, v) for k, v in sorted(size.items())]
    with open(gen, "rb") as f:
        stamp = hashlib.sha256(f.read() + " ".join(args).encode()).hexdigest()
    out = os.path.join(WORK, "data", name)
    stampfile = os.path.join(out, ".recipe")
    if os.path.exists(stampfile) and open(stampfile).read() == stamp:
        return out
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    t = time.time()
    subprocess.run([PY, gen, out] + args + ["--force"], check=True, stdout=subprocess.DEVNULL)
    with open(stampfile, "w") as f:
        f.write(stamp)
    log("  generated %s in %.1f s" % (name, time.time() - t))
    return out


def coleman():
    out = os.path.join(WORK, "data", "coleman")
    if not os.path.exists(os.path.join(out, "ties.csv")):
        subprocess.run(["Rscript", os.path.join(PEERS, "peer_qap.R"), "--write-place", out],
                       check=True, stdout=subprocess.DEVNULL)
    return out


# ---- measuring ------------------------------------------------------------------

class Run:
    def __init__(self, wall, kb, rc, cpu):
        self.wall, self.kb, self.rc, self.cpu = wall, kb, rc, cpu


def measure(cmd, out_dir, label):
    """Runs cmd (a list, or a string for sh -c) under /usr/bin/time; stdout and
    stderr go to out_dir/label.{out,err}. Peak memory is the largest resident set
    of any one process in the tree (GNU time's %M), not a sum; CPU is user +
    system seconds of the whole tree (every worker), which other load on the
    machine disturbs much less than wall time."""
    tfile = os.path.join(out_dir, label + ".time")
    argv = cmd if isinstance(cmd, list) else ["/bin/sh", "-c", cmd]
    with open(os.path.join(out_dir, label + ".out"), "wb") as so, \
            open(os.path.join(out_dir, label + ".err"), "wb") as se:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", tfile] + argv,
                           stdout=so, stderr=se, cwd=ROOT)
    with open(tfile) as f:
        last = f.read().strip().splitlines()[-1].split()
    return Run(float(last[0]), int(last[1]), p.returncode, float(last[2]) + float(last[3]))


def check(kind, ripple_csv, peer_csv, permutations=1000):
    """bench/compare.py's verdict: (equal, its summary lines)."""
    p = subprocess.run([PY, os.path.join(HERE, "compare.py"), kind, ripple_csv, peer_csv,
                        "--permutations", str(permutations)],
                       capture_output=True, text=True)
    return p.returncode == 0, (p.stdout + p.stderr).strip()


# ---- the jobs -------------------------------------------------------------------

def community_flag(ctx):
    """The peers search communities as the measured ripple's docs/MEASURES.md says
    (method, Leiden's least number of runs and its iterations)."""
    sys.path.insert(0, PEERS)
    import common
    return common.community_flags(source_root(ctx.ripple) or ROOT)


def job_batch(ctx, peer):
    data = generated("batch-80x300", places=80, actors=300, ties=1500, waves=2, seed=1)
    d = ctx.dir
    r = [ctx.ripple, "batch", data, "--permutations", "1000", "-o", os.path.join(d, "ripple.csv")]
    script = "peer_igraph.py" if peer == "igraph" else "peer_networkx.py"
    p = [PY, os.path.join(PEERS, script), data, "--permutations", "1000",
         "-o", os.path.join(d, "peer.csv"), "--nodes", os.path.join(d, "peer-nodes.csv")] + \
        community_flag(ctx)

    def verify():
        # the actor measures: ripple batch computes them but prints only their
        # changes' summary, so an extra (untimed) ripple metrics --nodes shows them
        nodes = os.path.join(d, "ripple-nodes.csv")
        with open(nodes, "w") as f:
            subprocess.run([ctx.ripple, "metrics", data, "--nodes", "--format", "csv"],
                           stdout=f, check=True)
        ok1, s1 = check("batch", os.path.join(d, "ripple.csv"), os.path.join(d, "peer.csv"))
        ok2, s2 = check("nodes", nodes, os.path.join(d, "peer-nodes.csv"))
        return ok1 and ok2, s1 + "\n" + s2
    return r, p, verify


def job_qap(ctx):
    data = coleman()
    d = ctx.dir
    r = "%s compare %s --from fall --to spring --permutations 10000 --section tests " \
        "--format csv > %s" % (ctx.ripple, data, os.path.join(d, "ripple.csv"))
    p = ["Rscript", os.path.join(PEERS, "peer_qap.R"), "--reps", "10000",
         "-o", os.path.join(d, "peer.csv")]
    return r, p, lambda: check("tests", os.path.join(d, "ripple.csv"),
                               os.path.join(d, "peer.csv"), 10000)


def job_place20k(ctx):
    data = generated("place-20k", places=1, actors=20000, ties=100000, waves=2, seed=1)
    d = ctx.dir
    r = [ctx.ripple, "batch", data, "--permutations", "100", "-o", os.path.join(d, "ripple.csv")]
    p = [PY, os.path.join(PEERS, "peer_igraph.py"), data, "--permutations", "100",
         "-o", os.path.join(d, "peer.csv"), "--nodes", os.path.join(d, "peer-nodes.csv")] + \
        community_flag(ctx)

    def verify():
        ok1, s1 = check("batch", os.path.join(d, "ripple.csv"), os.path.join(d, "peer.csv"), 100)
        if not ctx.check_nodes:
            return ok1, s1 + "\nnodes: not compared (BENCH_CHECK_NODES=0)"
        nodes = os.path.join(d, "ripple-nodes.csv")
        with open(nodes, "w") as f:
            subprocess.run([ctx.ripple, "metrics", data, "--nodes", "--format", "csv"],
                           stdout=f, check=True)
        ok2, s2 = check("nodes", nodes, os.path.join(d, "peer-nodes.csv"))
        return ok1 and ok2, s1 + "\n" + s2
    return r, p, verify


def no_all_pairs_option(ripple):
    """The words that make `ripple metrics` leave out the all-pairs measures:
    BENCH_NO_ALL_PAIRS when set, else the first of a few spellings that
    `ripple metrics --help` mentions; None when it has none."""
    if os.environ.get("BENCH_NO_ALL_PAIRS"):
        return os.environ["BENCH_NO_ALL_PAIRS"].split()
    h = subprocess.run([ripple, "metrics", "--help"], capture_output=True, text=True)
    text = h.stdout + h.stderr
    for words in (["--no-all-pairs"], ["--sample", "0"], ["--no-paths"], ["--paths", "none"],
                  ["--paths", "0"]):
        if re.search(re.escape(words[0]) + r"\b", text) and \
                (len(words) == 1 or re.search(r"\b%s\b" % words[1], text.split(words[0])[-1][:300])):
            return words
    return None


def job_big100k(ctx):
    opt = no_all_pairs_option(ctx.ripple)
    if opt is None:
        return None, None, "ripple metrics has no option to leave out the all-pairs " \
                           "measures (BENCH_NO_ALL_PAIRS names one); with them it would " \
                           "take hours on 100,000 actors"
    opt = " ".join(opt)
    data = generated("big-100k", places=1, actors=100000, ties=1000000, waves=2, seed=1)
    d = ctx.dir
    db = os.path.join(d, "big.db")
    r = "rm -f {db} && {rp} import {db} {data} >/dev/null && " \
        "{rp} metrics {db} --nodes {opt} --format csv > {out}".format(
            db=db, rp=ctx.ripple, data=data, opt=opt, out=os.path.join(d, "ripple-nodes.csv"))
    p = [PY, os.path.join(PEERS, "peer_igraph.py"), data, "--metrics", "--no-all-pairs",
         "-o", os.path.join(d, "peer.csv"), "--nodes", os.path.join(d, "peer-nodes.csv")] + \
        community_flag(ctx)

    def verify():
        net = os.path.join(d, "ripple.csv")
        with open(net, "w") as f:
            subprocess.run([ctx.ripple, "metrics", db] + opt.split() + ["--format", "csv"],
                           stdout=f, check=True)
        ok1, s1 = check("network", net, os.path.join(d, "peer.csv"))
        ok2, s2 = check("nodes", os.path.join(d, "ripple-nodes.csv"),
                        os.path.join(d, "peer-nodes.csv"))
        return ok1 and ok2, s1 + "\n" + s2
    return r, p, verify


# name: (what, peer, default runs, build, target (ratio, or "less" for less time and memory))
JOBS = {
    "batch": ("batch: 80 places x 300 actors x 2 waves, 1,000 permutations", "python-igraph", 3,
              lambda ctx: job_batch(ctx, "igraph"), 5.0),
    "networkx": ("batch: 80 places x 300 actors x 2 waves, 1,000 permutations", "networkx", 1,
                 lambda ctx: job_batch(ctx, "networkx"), 100.0),
    "qap": ("QAP: Coleman, 73 actors x 2 waves, 10,000 permutations", "R sna qaptest", 3,
            job_qap, 100.0),
    "place20k": ("1 place x 20,000 actors x 100,000 ties x 2 waves, 100 permutations",
                 "python-igraph", 1, job_place20k, 1.7),
    "big100k": ("import + all but all-pairs measures, 100,000 actors x 1,000,000 ties x 2 waves",
                "python-igraph", 1, job_big100k, "less"),
}


# ---- the machine ------------------------------------------------------------------

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True,
                              timeout=60).stdout.strip()
    except Exception:
        return ""


def source_root(ripple):
    """The source tree the ripple binary was built in: the nearest folder above it
    that holds docs/MEASURES.md (build/release/ripple -> the tree), else None."""
    d = os.path.dirname(os.path.realpath(ripple))
    while d != os.path.dirname(d):
        if os.path.exists(os.path.join(d, "docs", "MEASURES.md")):
            return d
        d = os.path.dirname(d)
    return None


def ripple_source(ripple):
    """Commit the ripple binary was built from (RIPPLE_COMMIT names it when the tree
    is not a git work tree, e.g. a `git archive` of another branch)."""
    top = source_root(ripple)
    label = os.environ.get("RIPPLE_COMMIT")
    head = top and sh("git -C '%s' rev-parse --short HEAD 2>/dev/null" % top)
    if not head:
        return "%s (%s)" % (label or "unknown commit", top or "no source tree found")
    branch = sh("git -C '%s' rev-parse --abbrev-ref HEAD" % top)
    dirty = sh("git -C '%s' status --porcelain --untracked-files=no -- engine cli" % top)
    return "%s (%s%s, %s)" % (label or head, branch, ", uncommitted changes in engine/ or cli/"
                              if dirty else "", top)


def machine(ripple):
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2 / 1048576}' /proc/meminfo")
    return [
        ("processors", "%s (%s)" % (os.cpu_count(), cpu)),
        ("memory", mem),
        ("system", "%s, Linux %s, Debian %s" % (platform.machine(), platform.release(),
                                                sh("cat /etc/debian_version"))),
        ("load average at start", " ".join(sh("cat /proc/loadavg").split()[:3])),
        ("ripple", "%s, built from %s" % (ripple, ripple_source(ripple))),
        ("igraph (C)", sh("pkg-config --modversion igraph")),
        ("python", sh(PY + " -c 'import sys; print(sys.version.split()[0])'")),
        ("python-igraph", sh(PY + " -c 'import igraph; print(igraph.__version__)'")),
        ("networkx", sh(PY + " -c 'import networkx; print(networkx.__version__)'")),
        ("numpy / scipy", sh(PY + " -c 'import numpy, scipy; print(numpy.__version__, "
                                  "scipy.__version__)'")),
        ("R / sna", sh("Rscript -e 'cat(R.version$major, R.version$minor, sep=\".\"); "
                       "cat(\" / \"); cat(as.character(packageVersion(\"sna\")))' 2>/dev/null")),
    ]


# ---- the table ----------------------------------------------------------------------

def fmt_s(x):
    return "-" if x is None else ("%.2f s" % x if x < 100 else "%.0f s" % x)


def fmt_mb(kb):
    return "-" if kb is None else "%.0f" % (kb / 1024)


def row_of(name, res):
    what, peer, _, _, target = JOBS[name]
    if res.get("skipped"):
        return [name, peer, "-", "-", "-", "-", "-", "-", "-", "-", "not run: " + res["skipped"]]
    r, p = res["ripple"], res["peer"]
    ratio = p / r if r else None
    rc, pc = res["ripple_cpu"], res["peer_cpu"]
    if target == "less":
        met = r < p and res["ripple_kb"] < res["peer_kb"]
        tgt = "%s: %s time, %s memory" % ("yes" if met else "no", "less" if r < p else "more",
                                          "less" if res["ripple_kb"] < res["peer_kb"] else "more")
    else:
        met = ratio is not None and ratio >= target
        tgt = "%s (>= %gx)" % ("yes" if met else "no", target)
    if not res["equal"]:
        tgt = "no (answers differ); " + tgt
    return [name, peer, fmt_s(r), fmt_s(p), "%.1fx" % ratio if ratio else "-",
            "%s / %s" % (fmt_s(rc), fmt_s(pc)), "%.1fx" % (pc / rc) if rc else "-",
            fmt_mb(res["ripple_kb"]), fmt_mb(res["peer_kb"]),
            "yes" if res["equal"] else "NO (see its checks)", tgt]


HEAD = ["job", "peer", "ripple median", "peer median", "ratio", "CPU ripple / peer", "CPU ratio",
        "ripple MB", "peer MB", "equal?", "target met?"]


def print_table(rows, out=sys.stdout):
    w = [max(len(str(x)) for x in col) for col in zip(HEAD, *rows)]
    for r in [HEAD] + rows:
        print("  ".join(str(x).ljust(n) for x, n in zip(r, w)).rstrip(), file=out)


def job_details(name, res, started, mach, runs):
    what, peer, _, _, _ = JOBS[name]
    out = ["- **%s** (%s vs %s)" % (name, what, peer),
           "  - measured %s, load average %s at the start, %s; ripple %s" % (
               started, dict(mach)["load average at start"],
               "%d run%s of each side" % (runs, "s" * (runs > 1)), dict(mach)["ripple"])]
    if res.get("skipped"):
        out.append("  - not run: %s" % res["skipped"])
        return out
    out.append("  - wall seconds, ripple: %s; peer: %s" % (
        ", ".join("%.2f" % x.wall for x in res["ripple_runs"]),
        ", ".join("%.2f" % x.wall for x in res["peer_runs"])))
    out.append("  - CPU seconds (user + system), ripple: %s; peer: %s" % (
        ", ".join("%.2f" % x.cpu for x in res["ripple_runs"]),
        ", ".join("%.2f" % x.cpu for x in res["peer_runs"])))
    for line in res["check"].splitlines():
        out.append("  - check: " + line.strip())
    return out


def old_jobs(text):
    """Rows and details of each job in an earlier table block, by job name."""
    rows, details, current = {}, {}, None
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells and cells[0] in JOBS:
            rows[cells[0]] = cells
            continue
        m = re.match(r"- \*\*(\w+)\*\*", line)
        if m and m.group(1) in JOBS:
            current = m.group(1)
            details[current] = [line]
        elif current and line.startswith("  - "):
            details[current].append(line)
        else:
            current = None
    return rows, details


def markdown(rows, details, mach, started, took):
    """The table block: this run's jobs, and the earlier rows of jobs not run now."""
    old = open(RESULTS, encoding="utf-8").read() if os.path.exists(RESULTS) else ""
    if TABLE_START in old and TABLE_END in old:
        old_rows, old_details = old_jobs(old[old.index(TABLE_START):old.index(TABLE_END)])
    else:
        old_rows, old_details = {}, {}
    old_rows.update({r[0]: r for r in rows})
    old_details.update(details)
    out = ["Last updated %s by a run of %s (%d min %02d s: data generation, every run and "
           "every check). Each job below says when it was measured, how often and with which "
           "ripple; the machine is that of the last run." % (
               started, ", ".join(r[0] for r in rows), took // 60, took % 60), "",
           "| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    out += ["| " + " | ".join(str(x) for x in old_rows[j]) + " |" for j in JOBS if j in old_rows]
    out += ["", "Medians of the runs; peak MB is the largest of the runs. The ratio is the "
            "peer's time over ripple's.", "", "What each job is and how its answers were "
            "checked:", ""]
    for j in JOBS:
        out += old_details.get(j, [])
    out += ["", "Machine:", ""] + ["- %s: %s" % kv for kv in mach]
    return "\n".join(out)


def write_results(text):
    block = TABLE_START + "\n" + text + "\n" + TABLE_END
    if os.path.exists(RESULTS):
        old = open(RESULTS, encoding="utf-8").read()
        if TABLE_START in old and TABLE_END in old:
            new = old[:old.index(TABLE_START)] + block + old[old.index(TABLE_END) + len(TABLE_END):]
        else:
            new = old.rstrip("\n") + "\n\n" + block + "\n"
    else:
        new = "# Benchmarks: ripple against its peers\n\n" + block + "\n"
    with open(RESULTS, "w", encoding="utf-8") as f:
        f.write(new)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Ctx:
    pass


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", default=os.environ.get("JOBS") or " ".join(JOBS),
                    help="jobs to run, space- or comma-separated (default: all): " +
                         " ".join(JOBS))
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS") or 0),
                    help="runs of each side of every job (default: per job)")
    ap.add_argument("--ripple", default=os.environ.get("RIPPLE") or
                    os.path.join(ROOT, "build", "release", "ripple"))
    ap.add_argument("--no-results", action="store_true", help="do not write bench/RESULTS.md")
    a = ap.parse_args(argv)
    names = [j for j in re.split(r"[\s,]+", a.jobs) if j]
    for j in names:
        if j not in JOBS:
            ap.error("unknown job %r (jobs: %s)" % (j, " ".join(JOBS)))
    ripple = os.path.abspath(a.ripple)
    if not os.access(ripple, os.X_OK):
        ap.error("no ripple at %s (make SAN=0 build, or RIPPLE=...)" % ripple)
    started, t0 = time.strftime("%Y-%m-%d %H:%M"), time.time()
    mach = machine(ripple)
    log("bench: ripple %s" % dict(mach)["ripple"])
    results, rows, details = {}, [], {}
    for name in names:
        what, peer, default_runs, build, _ = JOBS[name]
        runs = a.runs or default_runs
        ctx = Ctx()
        ctx.ripple, ctx.dir = ripple, os.path.join(WORK, "runs", name)
        ctx.check_nodes = os.environ.get("BENCH_CHECK_NODES", "1") != "0"
        shutil.rmtree(ctx.dir, ignore_errors=True)
        os.makedirs(ctx.dir)
        log("bench: %s: %s vs %s, %d run%s each" % (name, what, peer, runs, "s" * (runs > 1)))
        r_cmd, p_cmd, verify = build(ctx)
        if r_cmd is None:
            results[name] = {"skipped": verify}
            rows.append(row_of(name, results[name]))
            details[name] = job_details(name, results[name], started, mach, 0)
            log("  not run: " + verify)
            continue
        rr, pp, failed = [], [], None
        for i in range(runs):
            order = [("ripple", r_cmd, rr), ("peer", p_cmd, pp)]
            for side, cmd, acc in order if i % 2 == 0 else order[::-1]:
                run = measure(cmd, ctx.dir, "%s-%d" % (side, i + 1))
                if run.rc != 0:
                    err = open(os.path.join(ctx.dir, "%s-%d.err" % (side, i + 1))).read()[-2000:]
                    log("  %s failed (exit %d): %s" % (side, run.rc, err))
                    failed = "%s exited %d (%s)" % (side, run.rc,
                                                    err.strip().splitlines()[-1][:120]
                                                    if err.strip() else "no message")
                    break
                acc.append(run)
                log("  run %d %-6s %8.2f s wall %8.2f s CPU %7.0f MB" % (
                    i + 1, side, run.wall, run.cpu, run.kb / 1024))
            if failed:
                break
        if failed:
            results[name] = {"skipped": failed, "equal": False}
            rows.append(row_of(name, results[name]))
            details[name] = job_details(name, results[name], started, mach, runs)
            continue
        equal, summary = verify()
        for line in summary.splitlines():
            log("  " + line)
        results[name] = {"ripple": statistics.median(x.wall for x in rr),
                         "peer": statistics.median(x.wall for x in pp),
                         "ripple_kb": max(x.kb for x in rr), "peer_kb": max(x.kb for x in pp),
                         "ripple_cpu": statistics.median(x.cpu for x in rr),
                         "peer_cpu": statistics.median(x.cpu for x in pp),
                         "ripple_runs": rr, "peer_runs": pp, "equal": equal, "check": summary}
        rows.append(row_of(name, results[name]))
        details[name] = job_details(name, results[name], started, mach, runs)
    took = int(time.time() - t0)
    print()
    print_table(rows)
    print()
    for k, v in mach:
        print("%s: %s" % (k, v))
    print("bench: %d min %02d s" % (took // 60, took % 60))
    if not a.no_results:
        write_results(markdown(rows, details, mach, started, took))
        print("bench: wrote %s" % os.path.relpath(RESULTS, os.getcwd()))
    return 0 if all(r.get("equal", True) for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
