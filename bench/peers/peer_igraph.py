#!/usr/bin/python3
"""ripple's measures computed with python-igraph (Debian's python3-igraph), the peer
of `ripple batch` and `ripple metrics --nodes` in bench/.

    /usr/bin/python3 bench/peers/peer_igraph.py SOURCE [--permutations N] [--seed S]
        [-o batch.csv] [--nodes nodes.csv] [--metrics [--no-all-pairs]] [--network-only]
        [--processes N] [--timings]

--processes N spreads the places (or one place's waves) over a multiprocessing
Pool of N, as ripple's --jobs N spreads its work (common.py).

Each measure is the python-igraph call of the igraph C function that ripple calls
(docs/MEASURES.md names it), with two choices a competent user would make:
diameter and mean distance come from one pass (Graph.path_length_hist) rather
than two, and betweenness is computed once for the actor column and the
centralization. The change measures, QAP and attendee tests (numpy) are in
common.py, shared with peer_networkx.py. Output: ripple's CSV layout and number
format, so bench/compare.py can compare the two.

Communities: the search docs/MEASURES.md defines (best of 10 Louvain runs, or
Leiden with the modularity objective, its number of runs and iterations a run;
--communities, --leiden-runs, --leiden-iterations). It
draws from Python's random module here and from igraph's own generator in
ripple, so `communities` and `modularity` match within a tolerance, not
exactly (see bench/compare.py).
"""
import math
import os
import random
import sys

import igraph as ig
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

NAN = float("nan")


def sector_codes(place):
    """Sector of each actor as an integer code, -1 when not given."""
    codes = {}
    return np.array([codes.setdefault(s, len(codes)) if s else -1 for s in place.sector],
                    dtype=np.int64)


def ei_counts(U, sec):
    """E and I partners of every actor and the totals, over pairs of the undirected
    view whose two actors both have a sector."""
    n = U.vcount()
    el = np.array(U.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    a, b = el[:, 0], el[:, 1]
    known = (sec[a] >= 0) & (sec[b] >= 0)
    a, b = a[known], b[known]
    same = sec[a] == sec[b]
    I = np.bincount(a[same], minlength=n) + np.bincount(b[same], minlength=n)
    E = np.bincount(a[~same], minlength=n) + np.bincount(b[~same], minlength=n)
    return E, I, int((~same).sum()), int(same.sum())


def measure_wave(place, wave, edges, opts, watch):
    n, directed = place.n, place.directed
    G = ig.Graph(n=n, edges=list(edges.keys()), directed=directed)
    G.es["weight"] = list(edges.values())
    if directed:
        U = G.copy()
        U.to_undirected(mode="collapse", combine_edges={"weight": "sum"})
    else:
        U = G
    m = G.ecount()
    all_pairs = not opts.no_all_pairs
    watch.lap("build graphs")
    net, nodes = {"actors": n, "ties": m}, {}

    # ---- degree, components ----
    deg = G.degree(mode="all", loops=False)
    nodes["degree"] = deg
    if directed:
        nodes["in_degree"] = G.degree(mode="in", loops=False)
        nodes["out_degree"] = G.degree(mode="out", loops=False)
    nodes["strength"] = G.strength(mode="all", loops=False, weights="weight")
    net["density"] = G.density(loops=False) if n >= 2 else NAN
    net["mean_degree"] = 2 * m / n if n else NAN
    comps = G.connected_components(mode="weak")
    net["components"] = len(comps)
    net["largest_component_share"] = max(comps.sizes()) / n if n else NAN
    net["isolates"] = sum(1 for d in deg if d == 0)
    net["degree_centralization"] = NAN
    if n >= 3:
        tmax = 2 * (n - 1) * (n - 2) if directed else (n - 1) * (n - 2)
        top = max(deg)
        net["degree_centralization"] = sum(top - d for d in deg) / tmax
    watch.lap("degree, components")

    # ---- paths: diameter and mean distance in one pass, betweenness once ----
    if all_pairs:
        net["diameter"] = net["mean_distance"] = NAN
        if m:
            hist = G.path_length_hist(directed=True)
            total = count = diameter = 0
            for start, _, c in hist.bins():
                if c:
                    total += int(start) * c
                    count += c
                    diameter = int(start)
            if count:
                net["diameter"], net["mean_distance"] = diameter, total / count
        watch.lap("diameter, mean distance")
        net["betweenness_centralization"] = NAN
        nodes["betweenness"] = [NAN] * n
        if n >= 3:
            raw = G.betweenness(directed=True)
            bmax = (n - 1) ** 2 * (n - 2) if directed else (n - 1) ** 2 * (n - 2) / 2
            top = max(raw)
            net["betweenness_centralization"] = sum(top - b for b in raw) / bmax
            pairs = (n - 1) * (n - 2) if directed else (n - 1) * (n - 2) / 2
            nodes["betweenness"] = [b / pairs for b in raw]
        watch.lap("betweenness")
        nodes["harmonic_closeness"] = (G.harmonic_centrality(mode="out", normalized=True)
                                       if n >= 2 else [NAN] * n)
        watch.lap("harmonic closeness")

    # ---- neighbourhoods (undirected view) ----
    net["transitivity"] = U.transitivity_undirected(mode="nan")
    net["reciprocity"] = (G.reciprocity(ignore_loops=True, mode="default")
                          if directed and m else NAN)
    sec = sector_codes(place)
    E, I, e_all, i_all = ei_counts(U, sec)
    net["ei_index"] = (e_all - i_all) / (e_all + i_all) if e_all + i_all else NAN
    with np.errstate(invalid="ignore", divide="ignore"):
        ei = (E - I) / (E + I)
    nodes["ei_index"] = np.where((sec >= 0) & (E + I > 0), ei, np.nan)
    known = np.flatnonzero(sec >= 0).tolist()
    S = G.induced_subgraph(known)
    net["assortativity"] = NAN
    if S.ecount():
        r = S.assortativity_nominal(sec[known].tolist(), directed=True, normalized=True)
        net["assortativity"] = r if not math.isnan(r) else NAN
    watch.lap("transitivity, E-I, assortativity")

    # ---- communities: seeded runs of Louvain or Leiden, the best kept ----
    net["communities"], net["modularity"] = 0, NAN
    if m:
        best = None
        for run in range(common.community_runs(opts.communities, U.ecount(), opts.leiden_runs)):
            random.seed(opts.seed + run)        # python-igraph's RNG is Python's random
            if opts.communities == "leiden":
                # modularity objective: node weights the degrees, resolution 1/2m
                cl = U.community_leiden(objective_function="modularity", weights=None, beta=0.01,
                                        n_iterations=opts.leiden_iterations)
            else:
                cl = U.community_multilevel(weights=None)
            q = U.modularity(cl.membership)
            if best is None or q > best[0]:
                best = (q, cl)
        net["modularity"] = best[0]
        net["communities"] = sum(1 for s in best[1].sizes() if s >= 2)
    watch.lap("communities")

    # ---- actor measures (--network-only: those ripple batch computes) ----
    if not opts.network_only:
        if m:
            # on the undirected view, a directed place symmetrised (docs/MEASURES.md)
            ev = U.eigenvector_centrality(directed=False, scale=True, weights=None)
            nodes["eigenvector"] = ev if max(ev) > 0 else [NAN] * n
        else:
            nodes["eigenvector"] = [NAN] * n
        nodes["pagerank"] = G.pagerank(directed=True, damping=0.85, weights=None,
                                       implementation="prpack")
        watch.lap("eigenvector, pagerank")
        nodes["coreness"] = U.coreness(mode="all")
        nodes["clustering"] = U.transitivity_local_undirected(mode="nan")
        cons = U.constraint(weights=None)
        udeg = U.degree(loops=False)
        zero = U.transitivity_local_undirected(mode="zero")
        nodes["constraint"] = [c if k else NAN for c, k in zip(cons, udeg)]
        nodes["effective_size"] = [k - 2 * (c * k * (k - 1) / 2) / k if k else NAN
                                   for c, k in zip(zero, udeg)]
    if "reach_2" not in common.left_out(opts.network_only, directed):
        nodes["reach_2"] = U.neighborhood_size(order=2, mode="all", mindist=1)
    watch.lap("coreness, clustering, constraint, reach")
    for attr in ("trust", "value"):
        mean, per = place.attribute_means(wave, attr)
        if mean is not None:
            net["mean_" + attr], nodes[attr + "_in"] = mean, per
    watch.lap("trust, value")
    return net, nodes


if __name__ == "__main__":
    sys.exit(common.main("python-igraph " + ig.__version__, measure_wave))
