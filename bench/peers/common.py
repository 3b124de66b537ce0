"""What the peers of bench/ share: reading place folders, the change measures,
the two permutation tests (numpy, vectorised) and writing ripple's CSV layout.

The graph measures are not here: peer_igraph.py computes them with python-igraph,
peer_networkx.py with tests/reference/make_reference.py (networkx). What is here
is library-independent bookkeeping that both peers would otherwise write twice:
sets of pairs, counts and numpy arrays. Every definition follows docs/MEASURES.md
("Change between two waves" and "Across places").

Run with Debian's /usr/bin/python3 (python3-numpy).
"""
import csv
import math
import os
import re
import sys
import time

import numpy as np

NAN = float("nan")

# ripple batch's network measures, in its column order (docs/MEASURES.md)
NETWORK = ["actors", "ties", "density", "mean_degree", "components", "largest_component_share",
           "isolates", "diameter", "mean_distance", "transitivity", "degree_centralization",
           "betweenness_centralization", "reciprocity", "ei_index", "assortativity",
           "communities", "modularity", "mean_trust", "mean_value"]
# network measures that need a shortest path between every pair (left out by --no-all-pairs)
ALL_PAIRS_NETWORK = {"diameter", "mean_distance", "betweenness_centralization"}
# ripple metrics --nodes, in its column order; brokerage roles and community are not
# computed by the peers (no library function; community is a label)
NODE = ["degree", "in_degree", "out_degree", "strength", "betweenness", "harmonic_closeness",
        "eigenvector", "pagerank", "coreness", "clustering", "constraint", "effective_size",
        "ei_index", "reach_2", "trust_in", "value_in"]
ALL_PAIRS_NODE = {"betweenness", "harmonic_closeness"}
# what --network-only leaves out, as ripple batch does (ripple_metrics_options.network_only):
# the actor measures no network measure needs; reach_2 too on a directed place, where
# ripple's path searches do not count it on the way
NETWORK_ONLY_LEFT_OUT = {"eigenvector", "pagerank", "coreness", "clustering", "constraint",
                         "effective_size"}


def left_out(network_only, directed):
    """The actor measures that --network-only leaves out of a directed or undirected
    place (none without it)."""
    if not network_only:
        return set()
    return NETWORK_ONLY_LEFT_OUT | ({"reach_2"} if directed else set())
CHANGE = ["ties_new", "ties_lost", "ties_kept", "kept_strengthened", "kept_weakened",
          "new_cross_sector", "new_cross_organisation", "new_cross_town", "new_bridging",
          "jaccard", "hamming", "actors_first_connected", "joiners", "leavers", "qap_r", "qap_p",
          "attendee_difference", "attendee_p", "attendees", "non_attendees",
          "ripples_naming_actors", "ripples_on_new_ties"]
COUNTS = {"actors", "ties", "components", "isolates", "diameter", "communities", "degree",
          "in_degree", "out_degree", "coreness", "reach_2"}


# ---- reading ------------------------------------------------------------------

def _rows(folder, name):
    """(header, rows) of a CSV file, header lower-cased; ([], []) when absent."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return [], []
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.reader(f)
        header = [h.strip().lower() for h in next(r, [])]
        return header, [row for row in r if row]


def _col(header, rows, name, default=""):
    if name not in header:
        return [default] * len(rows)
    i = header.index(name)
    return [row[i].strip() if i < len(row) else default for row in rows]


class Place:
    """A place folder: actors (in actors.csv order), waves (in order) and tie rows.

    Tie rows are kept as parallel lists (source index, target index, wave, weight,
    trust, value) so a million of them stay cheap."""

    def __init__(self, folder, directed=None):
        self.folder = folder
        ph, prow = _rows(folder, "place.csv")
        name = _col(ph, prow[:1], "name")
        self.name = name[0] if name and name[0] else os.path.basename(os.path.normpath(folder))
        d = _col(ph, prow[:1], "directed")
        self.directed = bool(d) and d[0].lower() in ("yes", "y", "true", "1")
        if directed:
            self.directed = True
        ah, arows = _rows(folder, "actors.csv")
        self.ids = _col(ah, arows, "id")
        self.index = {a: i for i, a in enumerate(self.ids)}
        self.n = len(self.ids)
        self.sector = _col(ah, arows, "sector")
        self.town = _col(ah, arows, "town")
        self.parent = [self.index[p] if p else -1 for p in _col(ah, arows, "parent")]
        att = [x.lower() for x in _col(ah, arows, "attended")]
        self.attended = [1 if x in ("yes", "y", "true", "1") else 0 if x in ("no", "n", "false", "0")
                         else -1 for x in att]
        th, trows = _rows(folder, "ties.csv")
        idx = self.index
        self.src = [idx[x] for x in _col(th, trows, "source")]
        self.dst = [idx[x] for x in _col(th, trows, "target")]
        self.wave = _col(th, trows, "wave")
        self.weight = [float(x) if x else 1.0 for x in _col(th, trows, "weight")]
        self.has_trust, self.has_value = "trust" in th, "value" in th
        self.trust = _col(th, trows, "trust") if self.has_trust else None
        self.value = _col(th, trows, "value") if self.has_value else None
        del trows
        wh, wrows = _rows(folder, "waves.csv")
        order = list(zip(_col(wh, wrows, "ordinal"), range(len(wrows)), _col(wh, wrows, "wave")))
        self.waves = [w for _, _, w in sorted((int(o) if o else i, i, w) for o, i, w in order)]
        seen = set(self.waves)
        for w in self.wave:
            if w not in seen:
                seen.add(w)
                self.waves.append(w)
        rh, rrows = _rows(folder, "ripples.csv")
        self.ripple_actors = [[idx[a.strip()] for a in x.split(";") if a.strip()]
                              for x in _col(rh, rrows, "actors")]

    def strip(self):
        """Drops the tie lists (what a worker need not send back to the parent)."""
        self.src = self.dst = self.wave = self.weight = self.trust = self.value = None
        self.ripple_actors = None

    def edges(self, wave):
        """The wave's edges as {pair: summed weight}; a pair is (i, j), i < j when
        undirected. Ties of several types between one pair are one edge."""
        out = {}
        directed = self.directed
        for s, t, w, x in zip(self.src, self.dst, self.wave, self.weight):
            if w != wave or s == t:
                continue
            key = (s, t) if directed or s < t else (t, s)
            out[key] = out.get(key, 0.0) + x
        return out

    def attribute_means(self, wave, attr):
        """mean_<attr> of the wave and <attr>_in of every actor (None: no column)."""
        vals = self.trust if attr == "trust" else self.value
        if vals is None:
            return None, None
        total, count = 0.0, 0
        sums, counts = [0.0] * self.n, [0] * self.n
        for s, t, w, x in zip(self.src, self.dst, self.wave, vals):
            if w != wave or not x:
                continue
            x = float(x)
            total += x
            count += 1
            ends = (t,) if self.directed or s == t else (s, t)
            for v in ends:
                sums[v] += x
                counts[v] += 1
        mean = total / count if count else NAN
        return mean, [sums[v] / counts[v] if counts[v] else NAN for v in range(self.n)]


def find_places(source):
    """Place folders at or below source (up to four levels), as ripple finds them."""
    if os.path.exists(os.path.join(source, "actors.csv")):
        return [source]
    out = []
    for root, dirs, files in os.walk(source):
        depth = os.path.relpath(root, source).count(os.sep) + (root != source)
        if "actors.csv" in files and root != source:
            out.append(root)
            dirs[:] = []
        elif depth >= 4:
            dirs[:] = []
        dirs.sort()
    return out


# ---- change between two waves ----------------------------------------------------

def top_level(place):
    top = []
    for v in range(place.n):
        t, steps = v, 0
        while place.parent[t] >= 0 and steps <= place.n:
            t, steps = place.parent[t], steps + 1
        top.append(t)
    return top


def flag(x, y):
    return None if not x or not y else x != y


def change(place, w1, w2, e1, e2, degree1, degree2, permutations, seed):
    """Every change measure of ripple batch but the graph measures' changes.

    e1, e2: edges of W1 and W2 (Place.edges); degree1, degree2: the actors'
    degrees at each wave (any library's). The bridging test needs the W1
    undirected neighbourhoods, which are sets of the edges' ends here."""
    n, directed = place.n, place.directed
    out = {}
    k1, k2 = e1.keys(), e2.keys()
    new, lost, kept = k2 - k1, k1 - k2, k1 & k2
    out["ties_new"], out["ties_lost"], out["ties_kept"] = len(new), len(lost), len(kept)
    out["kept_strengthened"] = sum(1 for k in kept if e2[k] > e1[k])
    out["kept_weakened"] = sum(1 for k in kept if e2[k] < e1[k])
    union = len(new) + len(lost) + len(kept)
    out["jaccard"] = len(kept) / union if union else NAN
    out["hamming"] = len(new) + len(lost)

    # W1 neighbourhoods in the undirected view: distance 1, 2 or "3+ / none"
    nbr = [set() for _ in range(n)]
    for a, b in k1:
        nbr[a].add(b)
        nbr[b].add(a)
    top = top_level(place)
    cross_sector = cross_org = cross_town = bridging = 0
    gained = [0] * n
    for a, b in new:
        cross_sector += flag(place.sector[a], place.sector[b]) is True
        cross_town += flag(place.town[a], place.town[b]) is True
        cross_org += top[a] != top[b]
        near = b in nbr[a] or not nbr[a].isdisjoint(nbr[b])
        bridging += not near
        gained[a] += 1
        gained[b] += 1
    out["new_cross_sector"], out["new_cross_organisation"] = cross_sector, cross_org
    out["new_cross_town"], out["new_bridging"] = cross_town, bridging

    before = set(place.waves[:place.waves.index(w2)])
    earlier = [False] * n
    for s, t, w in zip(place.src, place.dst, place.wave):
        if w in before:
            earlier[s] = earlier[t] = True
    out["actors_first_connected"] = sum(1 for v in range(n) if degree2[v] > 0 and not earlier[v])
    out["joiners"] = sum(1 for v in range(n) if degree1[v] == 0 and degree2[v] > 0)
    out["leavers"] = sum(1 for v in range(n) if degree1[v] > 0 and degree2[v] == 0)

    out["qap_r"], out["qap_p"] = qap(n, directed, k1, k2, permutations, seed)
    (out["attendee_difference"], out["attendee_p"], out["attendees"],
     out["non_attendees"]) = attendee_test(place.attended, gained, permutations, seed + 1)

    # ripples naming two or more actors; on a new tie when a pair of them is joined
    # by one at W2 (either direction when directed)
    naming = on_new = 0
    for acts in place.ripple_actors:
        acts = sorted(set(acts))
        if len(acts) < 2:
            continue
        naming += 1
        hit = False
        for i in range(len(acts)):
            for j in range(i + 1, len(acts)):
                a, b = acts[i], acts[j]
                keys = [(a, b), (b, a)] if directed else [(a, b)]
                hit = hit or any(k in new for k in keys)
        on_new += hit
    out["ripples_naming_actors"], out["ripples_on_new_ties"] = naming, on_new
    return out


def _keys(pairs, n):
    a = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    b = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    return a, b


def qap(n, directed, k1, k2, permutations, seed, chunk_cells=500_000):
    """QAP correlation of two waves' presence matrices and its one-sided p-value
    (1 + k) / (1 + N), k = relabellings with r at least the observed one. As in
    ripple, only the cross products move under a permutation, so each
    permutation costs O(ties at W2): numpy gathers W2's ties under P relabellings
    at once and looks them up among W1's sorted keys."""
    if n < 2 or not k1 or not k2:
        return NAN, NAN
    cells = n * (n - 1) if directed else n * (n - 1) / 2
    a1, b1 = _keys(k1, n)
    keys1 = np.sort(a1 * n + b1)
    a2, b2 = _keys(k2, n)
    m1, m2 = len(keys1), len(a2)
    sxy = int(np.isin(a2 * n + b2, keys1, assume_unique=True).sum())
    denom = math.sqrt((cells * m1 - m1 * m1) * (cells * m2 - m2 * m2))
    if not denom > 0:
        return NAN, NAN
    r = (cells * sxy - m1 * m2) / denom
    rng = np.random.default_rng(seed)
    base = np.arange(n, dtype=np.int64)
    # W1's presence as a lookup: a dense bit per cell (both orientations when
    # undirected) while that fits in 64 MB, else a binary search of its sorted keys
    dense = n * n <= 64_000_000
    if dense:
        present = np.zeros(n * n, dtype=np.bool_)
        present[keys1] = True
        if not directed:
            present[b1 * n + a1] = True
    at_least, done = 0, 0
    step = max(1, chunk_cells // max(m2, n))
    while done < permutations:
        c = min(step, permutations - done)
        perm = rng.permuted(np.tile(base, (c, 1)), axis=1)
        x, y = perm[:, a2], perm[:, b2]
        if dense:
            x *= n
            x += y
            s = present[x].sum(axis=1)
        else:
            if not directed:
                x, y = np.minimum(x, y), np.maximum(x, y)
            key = x * n + y
            pos = np.searchsorted(keys1, key)
            np.minimum(pos, m1 - 1, out=pos)
            s = (keys1[pos] == key).sum(axis=1)
        at_least += int((s >= sxy).sum())
        done += c
    return r, (1 + at_least) / (1 + permutations)


def attendee_test(attended, gained, permutations, seed):
    """Mean new ties of attendees minus non-attendees and its one-sided p-value
    over random reassignments of the same gains (group sizes kept)."""
    yes = [g for a, g in zip(attended, gained) if a == 1]
    no = [g for a, g in zip(attended, gained) if a == 0]
    if not yes or not no:
        return NAN, NAN, len(yes), len(no)
    ny, nn = len(yes), len(no)
    diff = sum(yes) / ny - sum(no) / nn
    pool = np.array(yes + no, dtype=np.float64)
    total = pool.sum()
    rng = np.random.default_rng(seed)
    at_least, done = 0, 0
    step = max(1, 4_000_000 // len(pool))
    while done < permutations:
        c = min(step, permutations - done)
        perm = rng.permuted(np.tile(pool, (c, 1)), axis=1)
        s = perm[:, :ny].sum(axis=1)
        d = s / ny - (total - s) / nn
        at_least += int((d >= diff - 1e-9).sum())
        done += c
    return diff, (1 + at_least) / (1 + permutations), ny, nn


def node_changes(nodes1, nodes2):
    """<measure>_change of every actor measure (W2 - W1, None where either is null),
    as ripple compare computes them (its batch uses them for the gainers)."""
    out = {}
    for m, v1 in nodes1.items():
        v2 = nodes2.get(m)
        if v1 is None or v2 is None:
            continue
        a, b = np.asarray(v1, dtype=float), np.asarray(v2, dtype=float)
        out[m] = b - a          # nan where either is nan
    return out


# ---- writing --------------------------------------------------------------------

def number(x, count=False):
    """ripple's number text: empty for null, integers without decimals, %.12g, no -0."""
    if x is None:
        return ""
    if isinstance(x, (bool, np.bool_)):
        x = int(x)
    x = float(x)
    if math.isnan(x):
        return ""
    if count:
        return str(int(round(x)))
    s = "%.12g" % x
    return "0" if s == "-0" else s


def batch_header(net_cols):
    head = ["place", "from", "to", "directed"]
    for m in net_cols:
        head += [m + "_from", m + "_to", m + "_change"]
    return head + CHANGE


def batch_row(place, w1, w2, net1, net2, ch, net_cols):
    row = [place.name, w1, w2, "yes" if place.directed else "no"]
    for m in net_cols:
        a, b = net1.get(m, NAN), net2.get(m, NAN)
        c = COUNTS.__contains__(m)
        d = b - a if a is not None and b is not None else NAN
        row += [number(a, c), number(b, c), number(d, c)]
    for m in CHANGE:
        row.append(number(ch[m], isinstance(ch[m], int)))
    return row


def network_columns(places, skip_all_pairs=False):
    """Columns present, as ripple decides: reciprocity when some place is directed,
    mean_trust / mean_value when some place has that tie column."""
    cols = []
    for m in NETWORK:
        if m == "reciprocity" and not any(p.directed for p in places):
            continue
        if m == "mean_trust" and not any(p.has_trust for p in places):
            continue
        if m == "mean_value" and not any(p.has_value for p in places):
            continue
        if skip_all_pairs and m in ALL_PAIRS_NETWORK:
            continue
        cols.append(m)
    return cols


def node_columns(places, skip_all_pairs=False, network_only=False):
    cols = []
    for m in NODE:
        if m in left_out(network_only, any(p.directed for p in places)):
            continue
        if m in ("in_degree", "out_degree") and not any(p.directed for p in places):
            continue
        if m == "trust_in" and not any(p.has_trust for p in places):
            continue
        if m == "value_in" and not any(p.has_value for p in places):
            continue
        if skip_all_pairs and m in ALL_PAIRS_NODE:
            continue
        cols.append(m)
    return cols


def write_csv(path, header, rows):
    f = sys.stdout if path == "-" else open(path, "w", newline="", encoding="utf-8")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    if f is not sys.stdout:
        f.close()


def _measures_doc(root=None):
    """docs/MEASURES.md of root (default this repository), or "" when unreadable."""
    root = root or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        with open(os.path.join(root, "docs", "MEASURES.md"), encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def community_method(root=None):
    """'leiden' when docs/MEASURES.md (of root, default this repository) defines the
    communities by igraph_community_leiden, else 'louvain' (best of 10 runs)."""
    return "leiden" if "igraph_community_leiden" in _measures_doc(root) else "louvain"


def leiden_rule(root=None):
    """(min_runs, iterations) of the Leiden search docs/MEASURES.md (of root) defines:
    r = min(10, max(min_runs, floor(2000 / m_u))) runs, each igraph_community_leiden
    with n_iterations = iterations. Docs from before the floor say max(1, ...), and
    docs that state neither give (1, 2), the rule of the first Leiden ripple."""
    doc = _measures_doc(root)
    runs = re.search(r"r = min\(10, max\((\d+), ⌊2000 / m_u⌋\)\)", doc)
    iters = re.search(r"/\*n_iterations=\*/(-?\d+)", doc)
    return int(runs.group(1)) if runs else 1, int(iters.group(1)) if iters else 2


def community_flags(root=None):
    """The peers' options for the community search the docs of root define."""
    method = community_method(root)
    if method == "louvain":
        return ["--communities", method]
    runs, iters = leiden_rule(root)
    return ["--communities", method, "--leiden-runs", str(runs), "--leiden-iterations", str(iters)]


def community_runs(method, m_u, min_runs=1):
    """Seeded runs of the community search, as docs/MEASURES.md says: 10 Louvain
    runs; Leiden min(10, max(min_runs, floor(2000 / m_u))) runs (m_u: undirected
    edges; min_runs from leiden_rule)."""
    return 10 if method == "louvain" else min(10, max(min_runs, 2000 // m_u)) if m_u else 1


# ---- the work, over one process or a pool of them --------------------------------
#
# The unit of work is a place (read it, measure its waves, compute its change)
# when there are at least as many places as processes, else a wave of a place
# (the place read once in the parent, the pool forked after it, the change in
# the parent): so a batch of many places spreads its places over the processes,
# as `ripple batch --jobs N` does, and one large place spreads its waves.
# With one process the same functions run in this process, without a pool.

_WORK = {}          # what forked workers inherit: places, opts, measure_wave


def _wave_pairs(place, opts):
    """[(w1, w2)] of a place: every wave alone with --metrics, else the pair
    asked for; [] (and a note on stderr) when the place lacks one of them."""
    if opts.metrics:
        return [(w, None) for w in place.waves]
    w1 = opts.w1 or place.waves[0]
    w2 = opts.w2 or place.waves[-1]
    if w1 not in place.waves or w2 not in place.waves or w1 == w2:
        print("%s: skipped (no wave %s or %s)" % (place.name, w1, w2), file=sys.stderr)
        return []
    return [(w1, w2)]


def _place_task(folder):
    """Everything of one place, read here: (place without its tie lists, results,
    seconds per stage). results: [(w1, w2, net1, nodes1, net2, nodes2, change)]."""
    opts, measure_wave = _WORK["opts"], _WORK["measure_wave"]
    watch = Stopwatch()
    place = Place(folder, opts.directed)
    watch.lap("read")
    out = []
    for w1, w2 in _wave_pairs(place, opts):
        e1 = place.edges(w1)
        watch.lap("edges")
        net1, nodes1 = measure_wave(place, w1, e1, opts, watch)
        net2 = nodes2 = ch = None
        if w2 is not None:
            e2 = place.edges(w2)
            watch.lap("edges")
            net2, nodes2 = measure_wave(place, w2, e2, opts, watch)
            node_changes(nodes1, nodes2)
            ch = change(place, w1, w2, e1, e2, nodes1["degree"], nodes2["degree"],
                        opts.permutations, opts.seed)
            watch.lap("change, QAP, attendees")
        out.append((w1, w2, net1, nodes1, net2, nodes2, ch))
    place.strip()
    return place, out, watch.t


def _wave_task(task):
    """One wave of one of the parent's places: (net, nodes, seconds per stage)."""
    i, wave = task
    place, opts = _WORK["places"][i], _WORK["opts"]
    watch = Stopwatch()
    e = place.edges(wave)
    watch.lap("edges")
    net, nodes = _WORK["measure_wave"](place, wave, e, opts, watch)
    return net, nodes, watch.t


def _run(folders, opts, measure_wave, processes, watch):
    """[(place, results)] of every place, in folder order, on `processes` processes."""
    import multiprocessing
    _WORK.update(opts=opts, measure_wave=measure_wave)
    if processes <= 1 or len(folders) >= processes:
        if processes <= 1:
            done = list(map(_place_task, folders))
        else:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                done = pool.map(_place_task, folders, chunksize=1)
        watch.last = time.perf_counter()      # the workers timed their own stages
        for _, _, t in done:
            watch.add(t)
        return [(p, r) for p, r, _ in done]
    # fewer places than processes: the waves of the places are the tasks
    places = [Place(f, opts.directed) for f in folders]
    watch.lap("read")
    pairs = [_wave_pairs(p, opts) for p in places]
    tasks = sorted({(i, w) for i, pp in enumerate(pairs) for pr in pp for w in pr if w is not None})
    _WORK["places"] = places
    with multiprocessing.get_context("fork").Pool(min(processes, len(tasks) or 1)) as pool:
        got = dict(zip(tasks, pool.map(_wave_task, tasks, chunksize=1)))
    watch.last = time.perf_counter()
    for _, _, t in got.values():
        watch.add(t)
    out = []
    for i, place in enumerate(places):
        res = []
        for w1, w2 in pairs[i]:
            net1, nodes1, _ = got[(i, w1)]
            net2 = nodes2 = ch = None
            if w2 is not None:
                net2, nodes2, _ = got[(i, w2)]
                node_changes(nodes1, nodes2)
                ch = change(place, w1, w2, place.edges(w1), place.edges(w2), nodes1["degree"],
                            nodes2["degree"], opts.permutations, opts.seed)
                watch.lap("change, QAP, attendees")
            res.append((w1, w2, net1, nodes1, net2, nodes2, ch))
        out.append((place, res))
    return out


def main(peer, measure_wave, argv=None):
    """The command line both peers share; measure_wave(place, wave, edges, opts, watch)
    returns (network measures {name: value}, actor measures {name: [value per actor]})."""
    import argparse
    ap = argparse.ArgumentParser(prog=peer, description=(
        "The same jobs as ripple, computed with %s: by default what `ripple batch "
        "SOURCE` computes (every network and actor measure of both waves, the change "
        "measures, QAP and attendee tests); with --metrics, what `ripple metrics "
        "SOURCE --nodes` computes for every wave." % peer))
    ap.add_argument("source", help="a place folder or a folder of place folders")
    ap.add_argument("--from", dest="w1")
    ap.add_argument("--to", dest="w2")
    ap.add_argument("--permutations", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--directed", action="store_true")
    ap.add_argument("--processes", type=int, default=1, metavar="N",
                    help="worker processes (multiprocessing Pool): places spread over them, "
                         "or the waves of the places when there are fewer places than N "
                         "(default 1: no pool, everything in this process)")
    ap.add_argument("--metrics", action="store_true", help="every wave's measures, no change")
    ap.add_argument("--no-all-pairs", action="store_true",
                    help="leave out diameter, mean distance, betweenness (and its "
                         "centralization) and harmonic closeness")
    ap.add_argument("--network-only", action="store_true",
                    help="leave out the actor measures that ripple batch leaves out, "
                         "because no column of its output needs them: eigenvector, "
                         "PageRank, coreness, clustering, constraint, effective size, and "
                         "reach 2 on a directed place")
    ap.add_argument("-o", "--output", default="-", help="batch rows (or network rows with --metrics)")
    ap.add_argument("--nodes", help="also write the actor measures here")
    ap.add_argument("--timings", action="store_true",
                    help="seconds per stage on stderr (summed over the processes)")
    ap.add_argument("--communities", choices=["louvain", "leiden"], default=None,
                    help="the community search docs/MEASURES.md defines: best of 10 Louvain "
                         "runs, or Leiden (modularity) with min(10, max(R, 2000 // m)) runs "
                         "(default: whichever this repository's docs/MEASURES.md names)")
    ap.add_argument("--leiden-runs", type=int, metavar="R", default=None,
                    help="Leiden's least number of runs R (default: this repository's "
                         "docs/MEASURES.md; 1 in docs from before it had one)")
    ap.add_argument("--leiden-iterations", type=int, metavar="N", default=None,
                    help="iterations of a Leiden run (default: the n_iterations of this "
                         "repository's docs/MEASURES.md, else 2)")
    opts = ap.parse_args(argv)
    if opts.processes < 1:
        ap.error("--processes wants 1 or more")
    opts.communities = opts.communities or community_method()
    rule = leiden_rule()
    opts.leiden_runs = rule[0] if opts.leiden_runs is None else opts.leiden_runs
    opts.leiden_iterations = rule[1] if opts.leiden_iterations is None else opts.leiden_iterations
    watch = Stopwatch()
    done = _run(find_places(opts.source), opts, measure_wave, opts.processes, watch)
    done.sort(key=lambda pr: pr[0].name)
    places = [p for p, _ in done]
    net_cols = network_columns(places, opts.no_all_pairs)
    node_cols = node_columns(places, opts.no_all_pairs, opts.network_only)
    rows, node_rows = [], []
    for place, res in done:
        for w1, w2, net1, nodes1, net2, nodes2, ch in res:
            if w2 is not None:
                rows.append(batch_row(place, w1, w2, net1, net2, ch, net_cols))
            else:
                rows.append([place.name, w1] + [number(net1.get(m, NAN), m in COUNTS)
                                                for m in net_cols])
            if opts.nodes:
                for w, nodes in [(w1, nodes1)] + ([(w2, nodes2)] if w2 is not None else []):
                    for v in range(place.n):
                        node_rows.append([place.name, w, place.ids[v]] +
                                         [number(nodes[m][v], m in COUNTS) if m in nodes else ""
                                          for m in node_cols])
    header = ["place", "wave"] + net_cols if opts.metrics else batch_header(net_cols)
    write_csv(opts.output, header, rows)
    if opts.nodes:
        write_csv(opts.nodes, ["place", "wave", "actor"] + node_cols, node_rows)
    watch.lap("write")
    if opts.timings:
        watch.report()
    return 0


class Stopwatch:
    """Seconds spent in each stage, summed over places and processes (--timings)."""

    def __init__(self):
        self.t = {}
        self.last = time.perf_counter()

    def lap(self, stage):
        now = time.perf_counter()
        self.t[stage] = self.t.get(stage, 0.0) + now - self.last
        self.last = now

    def add(self, other):
        for k, v in other.items():
            self.t[k] = self.t.get(k, 0.0) + v

    def report(self, out=sys.stderr):
        for k, v in sorted(self.t.items(), key=lambda kv: -kv[1]):
            print("  %-24s %8.2f s" % (k, v), file=out)
