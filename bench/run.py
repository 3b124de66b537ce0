#!/usr/bin/python3
"""ripple against its peers on the same jobs, at equal processes: time, CPU, memory, equal answers.

    make bench                                   every job (installs the peers first)
    make bench JOBS="batch qap" BENCH_RUNS=5     some jobs, 5 runs of each side
    make bench-small                             the harness checked on small sizes
    bench/run.py [--jobs batch,qap] [--procs 2,1] [--runs N] [--small] [--ripple PATH]
                 [--no-results]

Fair by construction: every job runs at each process count of --procs (default:
the processors, at least 2, and then 1), and at each count both sides get the
same number of processes: ripple `--jobs N`, the Python peers `--processes N`
(a multiprocessing Pool over the places, or over one place's waves). The
one-process rows (ripple --jobs 1 against the peer on one process) are labelled
as such. R sna's qaptest has no parallel form, so the qap job runs at 1 only.

Each job runs ripple and its peer alternately, in rounds that alternate the
order of the sides and of the process counts (so drift in the machine's load
falls on all of them), each under GNU time for wall seconds, CPU seconds of the
whole process tree and the largest resident set of one process; the harness
also samples the sum of the tree's resident sets. Then it checks that ripple's
numbers equal the peer's at every process count (bench/compare.py: a fast wrong
answer does not count). It prints one table, with medians and (min-max) of the
runs and a --jobs scaling table, and writes them with the machine, the load
average before and after each job and the command of each row to
bench/RESULTS.md between the `bench:table` markers: the rows run now replace
theirs, the others keep theirs.

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
--small (BENCH_SMALL=1) makes them 10 places x 300 actors, 2,000 actors x 10,000
ties and 10,000 actors x 100,000 ties: to check the harness, not to quote.

Other settings: RIPPLE_COMMIT labels a binary built outside a git work tree;
BENCH_CHECK_NODES=0 skips the untimed `ripple metrics --nodes` that checks the
20,000-actor place's actor measures; BENCH_PROCS sets --procs.

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
    """One timed run: wall and CPU seconds, the largest resident set of any one
    process (KB), the largest sum over the process tree (KB, sampled), exit code."""

    def __init__(self, wall, kb, rc, cpu, sum_kb):
        self.wall, self.kb, self.rc, self.cpu, self.sum_kb = wall, kb, rc, cpu, sum_kb


def _tree_rss_kb(root):
    """Resident KB summed over root and every process below it (from /proc)."""
    kids, rss = {}, {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                st = f.read()
            fields = st[st.rindex(")") + 2:].split()
            kids.setdefault(int(fields[1]), []).append(int(pid))
            rss[int(pid)] = int(fields[21]) * PAGE_KB
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += kids.get(p, [])
    return total


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE_S = 0.1


def measure(cmd, out_dir, label):
    """Runs cmd (a list, or a string for sh -c) under GNU time; stdout and stderr
    go to out_dir/label.{out,err}. GNU time gives wall seconds, CPU seconds (user +
    system of the process and every child it waited for: all of ripple's workers,
    all of a Pool's) and %M, the largest resident set of any one process of the
    tree. The sum over the tree is sampled every SAMPLE_S seconds from /proc (it
    counts pages that forked workers still share with their parent once in each,
    so it is an upper bound, and a peak shorter than SAMPLE_S can be missed)."""
    tfile = os.path.join(out_dir, label + ".time")
    argv = cmd if isinstance(cmd, list) else ["/bin/sh", "-c", cmd]
    peak = 0
    with open(os.path.join(out_dir, label + ".out"), "wb") as so, \
            open(os.path.join(out_dir, label + ".err"), "wb") as se:
        p = subprocess.Popen(["/usr/bin/time", "-f", "%e %M %U %S", "-o", tfile] + argv,
                             stdout=so, stderr=se, cwd=ROOT)
        while p.poll() is None:
            peak = max(peak, _tree_rss_kb(p.pid))
            time.sleep(SAMPLE_S)
    with open(tfile) as f:
        last = f.read().strip().splitlines()[-1].split()
    return Run(float(last[0]), int(last[1]), p.returncode, float(last[2]) + float(last[3]),
               max(peak, int(last[1])))


def check(kind, ripple_csv, peer_csv, permutations=1000):
    """bench/compare.py's verdict: (equal, its summary lines)."""
    p = subprocess.run([PY, os.path.join(HERE, "compare.py"), kind, ripple_csv, peer_csv,
                        "--permutations", str(permutations)],
                       capture_output=True, text=True)
    return p.returncode == 0, (p.stdout + p.stderr).strip()


# ---- the jobs -------------------------------------------------------------------
#
# A job's build(ctx) returns (ripple command, peer command, verify); ctx.procs is
# the number of processes both sides get: `--jobs P` for ripple, `--processes P`
# (a multiprocessing Pool) for the Python peer. ctx.small picks the small sizes.

SIZES = {   # job: (full size, small size) as generate.py's arguments
    "batch": (dict(places=80, actors=300, ties=1500), dict(places=10, actors=300, ties=1500)),
    "place20k": (dict(places=1, actors=20000, ties=100000),
                 dict(places=1, actors=2000, ties=10000)),
    "big100k": (dict(places=1, actors=100000, ties=1000000),
                dict(places=1, actors=10000, ties=100000)),
}


def size_of(name, small):
    size = dict(SIZES[name][1 if small else 0], waves=2, seed=1)
    label = "%s-%dx%d" % (name, size["places"], size["actors"])
    return label, size


def data_of(name, small):
    label, size = size_of(name, small)
    return generated(label, **size)


def size_text(name, small):
    s = size_of(name, small)[1]
    return "%s place%s x %s actors x %s ties x 2 waves" % (
        "{:,}".format(s["places"]), "s" * (s["places"] > 1), "{:,}".format(s["actors"]),
        "{:,}".format(s["ties"]))


def community_flag(ctx):
    """The peers search communities as the measured ripple's docs/MEASURES.md says
    (method, Leiden's least number of runs and its iterations)."""
    sys.path.insert(0, PEERS)
    import common
    return common.community_flags(source_root(ctx.ripple) or ROOT)


def ripple_nodes(ctx, data, nodes):
    """The actor measures of data by an untimed `ripple metrics --nodes`, for the
    check: ripple batch prints none. It computes those that its network measures
    need (betweenness) or that its path searches count on the way (harmonic
    closeness, reach 2), and the peer's --network-only computes the same ones,
    which the check compares; the others (eigenvector, PageRank, coreness,
    clustering, constraint, effective size) are compared in the big100k job."""
    with open(nodes, "w") as f:
        subprocess.run([ctx.ripple, "metrics", data, "--nodes", "--format", "csv"],
                       stdout=f, check=True)


def batch_commands(ctx, script, data, permutations):
    """`ripple batch` of data and the peer script's batch, on ctx.procs processes
    each, into ctx.dir: the peer with --network-only (the actor measures ripple
    batch leaves out, it leaves out too) and its actor measures in peer-nodes.csv."""
    d = ctx.dir
    r = [ctx.ripple, "batch", data, "--permutations", str(permutations), "--jobs",
         str(ctx.procs), "-o", os.path.join(d, "ripple.csv")]
    p = [PY, os.path.join(PEERS, script), data, "--permutations", str(permutations),
         "--processes", str(ctx.procs),
         "-o", os.path.join(d, "peer.csv"), "--nodes", os.path.join(d, "peer-nodes.csv"),
         "--network-only"] + community_flag(ctx)
    return r, p


def job_batch(ctx, peer):
    data = data_of("batch", ctx.small)
    d = ctx.dir
    script = "peer_igraph.py" if peer == "igraph" else "peer_networkx.py"
    r, p = batch_commands(ctx, script, data, 1000)

    def verify():
        nodes = os.path.join(d, "ripple-nodes.csv")
        ripple_nodes(ctx, data, nodes)
        ok1, s1 = check("batch", os.path.join(d, "ripple.csv"), os.path.join(d, "peer.csv"))
        ok2, s2 = check("nodes", nodes, os.path.join(d, "peer-nodes.csv"))
        return ok1 and ok2, s1 + "\n" + s2
    return r, p, verify


def job_qap(ctx):
    data = coleman()
    d = ctx.dir
    r = "%s compare %s --from fall --to spring --permutations 10000 --section tests " \
        "--jobs 1 --format csv > %s" % (ctx.ripple, data, os.path.join(d, "ripple.csv"))
    p = ["Rscript", os.path.join(PEERS, "peer_qap.R"), "--reps", "10000",
         "-o", os.path.join(d, "peer.csv")]
    return r, p, lambda: check("tests", os.path.join(d, "ripple.csv"),
                               os.path.join(d, "peer.csv"), 10000)


def job_place20k(ctx):
    data = data_of("place20k", ctx.small)
    d = ctx.dir
    r, p = batch_commands(ctx, "peer_igraph.py", data, 100)

    def verify():
        ok1, s1 = check("batch", os.path.join(d, "ripple.csv"), os.path.join(d, "peer.csv"), 100)
        if not ctx.check_nodes:
            return ok1, s1 + "\nnodes: not compared (BENCH_CHECK_NODES=0)"
        nodes = os.path.join(d, "ripple-nodes.csv")
        ripple_nodes(ctx, data, nodes)
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
    data = data_of("big100k", ctx.small)
    d = ctx.dir
    db = os.path.join(d, "big.db")
    r = "rm -f {db} && {rp} import {db} {data} >/dev/null && " \
        "{rp} metrics {db} --nodes {opt} --jobs {j} --format csv > {out}".format(
            db=db, rp=ctx.ripple, data=data, opt=opt, j=ctx.procs,
            out=os.path.join(d, "ripple-nodes.csv"))
    p = [PY, os.path.join(PEERS, "peer_igraph.py"), data, "--metrics", "--no-all-pairs",
         "--processes", str(ctx.procs),
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


# name: (what, peer, default runs, build, processes it runs at (None: --procs),
#        issue 21's target at equal processes: a wall ratio, or "half" for 2x and
#        at most half the memory; None: none)
JOBS = {
    "batch": ("batch, 1,000 permutations", "python-igraph", 3,
              lambda ctx: job_batch(ctx, "igraph"), None, 1.5),
    "networkx": ("batch, 1,000 permutations", "networkx", 1,
                 lambda ctx: job_batch(ctx, "networkx"), None, None),
    "qap": ("QAP: Coleman, 73 actors x 2 waves, 10,000 permutations", "R sna qaptest", 3,
            job_qap, [1], 100.0),
    "place20k": ("batch, 100 permutations", "python-igraph", 1, job_place20k, None, 2.5),
    "big100k": ("import + all but the all-pairs measures", "python-igraph", 1,
                job_big100k, None, "half"),
}


def job_what(name, small):
    what = JOBS[name][0]
    return what if name == "qap" else "%s: %s" % (size_text("batch" if name == "networkx"
                                                            else name, small), what)


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
    return "-" if x is None else ("%.2f" % x if x < 100 else "%.0f" % x)


def fmt_mb(kb):
    return "-" if kb is None else "%.0f" % (kb / 1024)


def spread(xs):
    """'median (min–max)' of seconds."""
    return "%s (%s–%s)" % (fmt_s(statistics.median(xs)), fmt_s(min(xs)), fmt_s(max(xs)))


def procs_text(n):
    return "%d each" % n


def processes(n):
    return "%d process%s" % (n, "es" * (n != 1))


def target_text(name, res):
    """Issue 21's target for the row: judged at equal processes above one (the
    one-process rows are for reference and have none)."""
    target = JOBS[name][5]
    if target is None or (res["procs"] == 1 and name != "qap"):
        return "-"
    if res.get("small") and name in SIZES:
        return "- (small size)"
    r, p = statistics.median(x.wall for x in res["rr"]), statistics.median(x.wall for x in res["pp"])
    if target == "half":
        rk, pk = max(x.kb for x in res["rr"]), max(x.kb for x in res["pp"])
        met = p >= 2 * r and 2 * rk <= pk
        return "%s (>= 2x, memory <= half)" % ("yes" if met else "no")
    return "%s (>= %gx)" % ("yes" if p >= target * r else "no", target)


HEAD = ["job", "data", "processes", "ripple wall s, median (min–max)",
        "peer wall s, median (min–max)", "wall ratio", "CPU s ripple / peer", "CPU ratio",
        "MB largest process ripple / peer", "MB summed ripple / peer", "equal?",
        "issue 21 target"]


def row_of(res):
    name = res["name"]
    first = [name + ("" if name != "networkx" else ""), job_what(name, res["small"]),
             procs_text(res["procs"])]
    if res.get("skipped"):
        return first + ["-"] * 8 + ["not run: " + res["skipped"]]
    rr, pp = res["rr"], res["pp"]
    r, p = statistics.median(x.wall for x in rr), statistics.median(x.wall for x in pp)
    rc, pc = statistics.median(x.cpu for x in rr), statistics.median(x.cpu for x in pp)
    eq = "yes" if res["equal"] else "NO (see its checks)"
    return first + [spread([x.wall for x in rr]), spread([x.wall for x in pp]),
                    "%.2fx" % (p / r) if r else "-", "%s / %s" % (fmt_s(rc), fmt_s(pc)),
                    "%.2fx" % (pc / rc) if rc else "-",
                    "%s / %s" % (fmt_mb(max(x.kb for x in rr)), fmt_mb(max(x.kb for x in pp))),
                    "%s / %s" % (fmt_mb(max(x.sum_kb for x in rr)),
                                 fmt_mb(max(x.sum_kb for x in pp))),
                    eq, target_text(name, res)]


def print_table(head, rows, out=sys.stdout):
    w = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    for r in [head] + rows:
        print("  ".join(str(x).ljust(n) for x, n in zip(r, w)).rstrip(), file=out)


def cmd_text(cmd):
    text = cmd if isinstance(cmd, str) else " ".join(cmd)
    return text.replace(ROOT + "/", "")


def job_details(res, mach):
    name = res["name"]
    what, peer = job_what(name, res["small"]), JOBS[name][1]
    n = len(res.get("rr") or [])
    out = ["- **%s, %s each** (%s vs %s)" % (name, processes(res["procs"]), what, peer),
           "  - measured %s, load average %s at the start and %s at the end, %d run%s of "
           "each side, alternating; ripple %s" % (
               res["started"], res["load_start"], res.get("load_end", "-"), n, "s" * (n != 1),
               dict(mach)["ripple"]),
           "  - again: `bench/run.py --jobs %s --procs %d --runs %d%s`" % (
               name, res["procs"], max(n, 1), " --small" if res["small"] else "")]
    if res.get("skipped"):
        out.append("  - not run: %s" % res["skipped"])
        return out
    out.append("  - ripple: `%s`" % cmd_text(res["cmd_r"]))
    out.append("  - peer: `%s`" % cmd_text(res["cmd_p"]))
    for side, runs in (("ripple", res["rr"]), ("peer", res["pp"])):
        out.append("  - %s, each run: wall s %s; CPU s %s; MB largest process %s; "
                   "MB summed %s" % (
                       side, ", ".join("%.2f" % x.wall for x in runs),
                       ", ".join("%.2f" % x.cpu for x in runs),
                       ", ".join(fmt_mb(x.kb) for x in runs),
                       ", ".join(fmt_mb(x.sum_kb) for x in runs)))
    for line in res["check"].splitlines():
        out.append("  - check: " + line.strip())
    return out


def scaling(rows):
    """Rows of the --jobs table, from the rows of the main table: each job and size
    measured at one process and at more, each side (wall and CPU as there)."""
    by = {}
    for r in rows:
        if r[0] in ("batch", "place20k") and r[3] != "-":
            by.setdefault((r[0], r[1]), {})[int(r[2].split()[0])] = r
    out = []
    for (name, data), per in by.items():
        counts = sorted(per)
        if len(counts) < 2 or counts[0] != 1:
            continue
        for side, col, k in (("ripple --jobs N", 3, 0), ("%s --processes N" % JOBS[name][1], 4, 1)):
            one = float(per[1][col].split()[0])
            for c in counts:
                w = float(per[c][col].split()[0])
                out.append([name, data.split(":")[0], side, str(c), per[c][col],
                            per[c][6].split(" / ")[k], "%.2fx" % (one / w) if w else "-"])
    return out


SCALE_HEAD = ["job", "data", "side", "N", "wall s, median (min–max)", "CPU s (median)",
              "speed-up over N = 1"]


def md_table(head, rows):
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + \
        ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]


def old_jobs(text):
    """Rows and details of an earlier table block, by (job, data, processes); rows
    of another layout (before the fair harness) are dropped."""
    rows, details, current = {}, {}, None
    for line in text.splitlines():
        line = line.replace(", 1 processes each**", ", 1 process each**")
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == len(HEAD) and cells[0] in JOBS:
            rows[tuple(cells[:3])] = cells
            continue
        m = re.match(r"- \*\*(\w+), (\d+) process(?:es)? each\*\* \((.*) vs ", line)
        if m and m.group(1) in JOBS:
            current = (m.group(1), m.group(3), procs_text(int(m.group(2))))
            details[current] = [line]
        elif current and line.startswith("  - "):
            details[current].append(line)
        else:
            current = None
    return rows, details


def markdown(results, mach, started, took):
    """The table block: this run's rows, and earlier rows of what was not run now."""
    old = open(RESULTS, encoding="utf-8").read() if os.path.exists(RESULTS) else ""
    if TABLE_START in old and TABLE_END in old:
        old_rows, old_details = old_jobs(old[old.index(TABLE_START):old.index(TABLE_END)])
    else:
        old_rows, old_details = {}, {}
    for res in results:
        row = row_of(res)
        old_rows[tuple(row[:3])] = row
        old_details[tuple(row[:3])] = job_details(res, mach)
    order = sorted(old_rows, key=lambda k: (list(JOBS).index(k[0]), k[1], -int(k[2].split()[0])))
    out = ["Last updated %s by a run of %s (%d min %02d s: data generation, every run and "
           "every check). Each row's details below say when it was measured, at what load, "
           "how often, with which ripple and by which command." % (
               started, ", ".join(sorted({r["name"] for r in results}, key=list(JOBS).index)),
               took // 60, took % 60), ""]
    out += md_table(HEAD, [old_rows[k] for k in order])
    out += ["", "Wall and CPU seconds: median of the runs, and (min–max) for wall. The "
            "ratios are the peer's median over ripple's. CPU is user + system of every "
            "process of the run (GNU time). MB largest process: GNU time's %M, the "
            "largest of the runs. MB summed: the largest sum over the process tree, "
            "sampled every 0.1 s from /proc (pages a forked worker shares with its parent "
            "count in each, so an upper bound). The target is issue 21's, judged only at "
            "equal processes above one and at the full sizes."]
    sc = scaling([old_rows[k] for k in order])
    if sc:
        out += ["", "`--jobs` scaling (from the rows above):", ""]
        out += md_table(SCALE_HEAD, sc)
    out += ["", "What each row is and how its answers were checked:", ""]
    for k in order:
        out += old_details.get(k, [])
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


def loadavg():
    return " ".join(sh("cat /proc/loadavg").split()[:3])


class Ctx:
    pass


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", default=os.environ.get("JOBS") or " ".join(JOBS),
                    help="jobs to run, space- or comma-separated (default: all): " +
                         " ".join(JOBS))
    ap.add_argument("--procs", default=os.environ.get("BENCH_PROCS") or
                    "%d,1" % max(2, os.cpu_count() or 2),
                    help="processes each side gets, comma-separated (default: the "
                         "processors, at least 2, and 1): ripple --jobs N, the peer "
                         "--processes N; qap runs at 1 only")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS") or 0),
                    help="runs of each side of every job and process count "
                         "(default: per job)")
    ap.add_argument("--small", action="store_true", default=bool(os.environ.get("BENCH_SMALL")),
                    help="small sizes, to check the harness: batch 10 places x 300, "
                         "place20k 2,000 actors, big100k 10,000 actors")
    ap.add_argument("--ripple", default=os.environ.get("RIPPLE") or
                    os.path.join(ROOT, "build", "release", "ripple"))
    ap.add_argument("--no-results", action="store_true", help="do not write bench/RESULTS.md")
    a = ap.parse_args(argv)
    names = [j for j in re.split(r"[\s,]+", a.jobs) if j]
    for j in names:
        if j not in JOBS:
            ap.error("unknown job %r (jobs: %s)" % (j, " ".join(JOBS)))
    try:
        procs = [int(x) for x in re.split(r"[\s,]+", a.procs) if x]
        assert procs and all(1 <= x <= 256 for x in procs)
    except (ValueError, AssertionError):
        ap.error("--procs wants process counts from 1 to 256, e.g. 2,1")
    ripple = os.path.abspath(a.ripple)
    if not os.access(ripple, os.X_OK):
        ap.error("no ripple at %s (make SAN=0 build, or RIPPLE=...)" % ripple)
    started, t0 = time.strftime("%Y-%m-%d %H:%M"), time.time()
    mach = machine(ripple)
    log("bench: ripple %s" % dict(mach)["ripple"])
    results = []
    for name in names:
        what, peer, default_runs, build, fixed, _ = JOBS[name]
        runs = a.runs or default_runs
        sides = []
        for n in fixed or procs:
            ctx = Ctx()
            ctx.ripple, ctx.procs, ctx.small = ripple, n, a.small
            ctx.dir = os.path.join(WORK, "runs", name, "p%d" % n)
            ctx.check_nodes = os.environ.get("BENCH_CHECK_NODES", "1") != "0"
            shutil.rmtree(ctx.dir, ignore_errors=True)
            os.makedirs(ctx.dir)
            r_cmd, p_cmd, verify = build(ctx)
            res = {"name": name, "procs": n, "small": a.small, "started":
                   time.strftime("%Y-%m-%d %H:%M"), "load_start": loadavg(), "rr": [], "pp": [],
                   "cmd_r": r_cmd, "cmd_p": p_cmd, "equal": False}
            if r_cmd is None:
                res["skipped"] = verify
                log("bench: %s: not run: %s" % (name, verify))
            sides.append((ctx, res, verify))
            results.append(res)
        log("bench: %s: %s vs %s at %s processes each, %d run%s of each side" % (
            name, job_what(name, a.small), peer, ", ".join(str(r["procs"]) for _, r, _ in sides),
            runs, "s" * (runs > 1)))
        # rounds alternate the order of the sides and the process counts, so a
        # drift in the machine's load falls on all of them
        for i in range(runs):
            for k, (ctx, res, _) in enumerate(sides):
                if i % 2:
                    k, (ctx, res, _) = len(sides) - 1 - k, sides[len(sides) - 1 - k]
                if res.get("skipped"):
                    continue
                # each count's sides swap order every round (k: the count's own place)
                order = [("ripple", res["cmd_r"], res["rr"]), ("peer", res["cmd_p"], res["pp"])]
                for side, cmd, acc in order if (i + k) % 2 == 0 else order[::-1]:
                    label = "%s-%d" % (side, i + 1)
                    run = measure(cmd, ctx.dir, label)
                    if run.rc != 0:
                        err = open(os.path.join(ctx.dir, label + ".err")).read()[-2000:]
                        log("  %s failed (exit %d): %s" % (side, run.rc, err))
                        res["skipped"] = "%s exited %d (%s)" % (
                            side, run.rc, err.strip().splitlines()[-1][:120]
                            if err.strip() else "no message")
                        break
                    acc.append(run)
                    log("  run %d, %d proc %-6s %8.2f s wall %8.2f s CPU %6.0f MB largest "
                        "%6.0f MB summed" % (i + 1, ctx.procs, side, run.wall, run.cpu,
                                             run.kb / 1024, run.sum_kb / 1024))
        for ctx, res, verify in sides:
            res["load_end"] = loadavg()
            if res.get("skipped"):
                continue
            res["equal"], res["check"] = verify()
            for line in res["check"].splitlines():
                log("  %d proc: %s" % (ctx.procs, line))
    took = int(time.time() - t0)
    print()
    print_table(HEAD, [row_of(r) for r in results])
    sc = scaling([row_of(r) for r in results])
    if sc:
        print()
        print_table(SCALE_HEAD, sc)
    print()
    for k, v in mach:
        print("%s: %s" % (k, v))
    print("bench: %d min %02d s" % (took // 60, took % 60))
    if not a.no_results:
        write_results(markdown(results, mach, started, took))
        print("bench: wrote %s" % os.path.relpath(RESULTS, os.getcwd()))
    return 0 if all(r.get("equal") or r.get("skipped") for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
