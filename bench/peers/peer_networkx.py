#!/usr/bin/python3
"""ripple's measures computed with networkx (Debian's python3-networkx 2.8), the
second peer of `ripple batch` in bench/.

    /usr/bin/python3 bench/peers/peer_networkx.py SOURCE [--permutations N] [--seed S]
        [-o batch.csv] [--nodes nodes.csv] [--metrics [--no-all-pairs]] [--timings]

The graph measures are tests/reference/make_reference.py's, the independent
reference the unit tests check ripple against: its wave_graph, network_measures
and node_measures, with the networkx call for each measure named there. Two
things differ from the reference run, both to make it the peer ripple's batch
is timed against rather than a reference: Louvain runs as often as ripple's
search does (10 times, seeds S ... S+9, the best kept; networkx 2.8 has no
Leiden, so where docs/MEASURES.md defines Leiden this peer runs Louvain the same
number of times, min(10, max(R, 2000 // m)) with R from the docs (--leiden-runs),
and modularity is compared within a tolerance), not 20, and raw betweenness is
computed once for the centralization and the actor column. And Burt's constraint and effective size
are computed vectorised (burt_vectorised, same formulas): networkx's own
functions loop in Python at O(n d^3) and took 5 of the 5.5 s of a 300-actor
wave, which would make ripple look better than networkx deserves. The change measures, QAP and attendee
tests are common.py's (numpy), shared with peer_igraph.py.

--no-all-pairs leaves out diameter, mean distance, betweenness and harmonic
closeness (make_reference computes them unconditionally, so this peer then
computes the rest itself with the same networkx calls).
"""
import os
import sys

import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "tests", "reference"))
import common  # noqa: E402
import make_reference as ref  # noqa: E402

NAN = float("nan")


def burt_vectorised(U, weight):
    """Burt's constraint and effective size of every actor, as docs/MEASURES.md and
    networkx define them, vectorised: networkx's nx.constraint and nx.effective_size
    cost O(n d^3) in Python (4-5 s a wave of 300 actors, most of this peer's time),
    which would time networkx's Python loops rather than the job. With P the
    row-normalised adjacency (p_ij = w_ij / sum_k w_ik),
      constraint c_i = sum_{j in N(i)} (p_ij + (P^2)_ij)^2   (scipy sparse);
      effective size = k - 2t/k, t = nx.triangles (Borgatti's form, unweighted).
    Isolates: nan, as networkx gives."""
    nodes = list(U)
    A = nx.to_scipy_sparse_array(U, nodelist=nodes, weight=weight, format="csr")
    s = np.asarray(A.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        inv = np.where(s > 0, 1.0 / s, 0.0)
    P = A.multiply(inv[:, None]).tocsr()
    P2 = P @ P
    pattern = (A != 0).astype(np.float64)
    M = P + P2.multiply(pattern)
    c = np.asarray(M.multiply(pattern).power(2).sum(axis=1)).ravel()
    k = np.diff(pattern.indptr)
    tri = nx.triangles(U)
    cons, esize = {}, {}
    for i, v in enumerate(nodes):
        if k[i] == 0:
            cons[v] = esize[v] = NAN
        else:
            cons[v] = float(c[i])
            esize[v] = k[i] - 2 * tri[v] / k[i]
    return cons, esize


def ties_of(place, wave):
    """The wave's ties.csv rows as make_reference reads them (dicts of strings)."""
    out = []
    for s, t, w, x, i in zip(place.src, place.dst, place.wave, place.weight,
                             range(len(place.src))):
        if w != wave:
            continue
        row = {"source": place.ids[s], "target": place.ids[t], "wave": w, "weight": repr(x)}
        if place.has_trust:
            row["trust"] = place.trust[i]
        if place.has_value:
            row["value"] = place.value[i]
        out.append(row)
    return out


def graph_of(place, wave, edges):
    """make_reference.wave_graph's graph, built from the summed edges directly."""
    G = nx.DiGraph() if place.directed else nx.Graph()
    for a, s in zip(place.ids, place.sector):
        G.add_node(a, sector=s)
    ids = place.ids
    G.add_edges_from((ids[a], ids[b], {"weight": w}) for (a, b), w in edges.items())
    return G


def louvain(G, opts, out):
    U = ref.undirected_view(G)
    if G.number_of_edges():
        runs = common.community_runs(opts.communities, U.number_of_edges(), opts.leiden_runs)
        q, part = ref.best_louvain(U, range(opts.seed, opts.seed + runs))
        out["modularity"] = q
        out["communities"] = sum(1 for c in part if len(c) >= 2)
    else:
        out["modularity"], out["communities"] = NAN, 0


def measure_wave(place, wave, edges, opts, watch):
    G = graph_of(place, wave, edges)
    ties = ties_of(place, wave)
    watch.lap("build graphs")
    if not opts.no_all_pairs:
        cache = {}
        runs = common.community_runs(opts.communities, ref.undirected_view(G).number_of_edges(),
                                      opts.leiden_runs)
        net = ref.network_measures(G, ties, wave, louvain_seeds=range(opts.seed, opts.seed + runs),
                                   cache=cache)
        net["modularity"] = net.pop("modularity_reference")
        part = cache.get("partition")
        net["communities"] = sum(1 for c in part if len(c) >= 2) if part else 0
        watch.lap("network measures")
        res = ref.node_measures(G, ties, wave, weighted=False, cache=cache,
                                burt=burt_vectorised)
        watch.lap("actor measures")
    else:
        net, res = without_all_pairs(G, ties, wave, opts)
        watch.lap("measures")
    nodes = {}
    for m in common.NODE:
        if m in res[place.ids[0]]:
            nodes[m] = [res[a][m] for a in place.ids]
    if not place.directed:
        nodes.pop("in_degree", None)
        nodes.pop("out_degree", None)
    if not place.has_trust:
        net.pop("mean_trust", None)
        nodes.pop("trust_in", None)
    if not place.has_value:
        net.pop("mean_value", None)
        nodes.pop("value_in", None)
    return net, nodes


def without_all_pairs(G, ties, wave, opts):
    """make_reference's measures less those that need every shortest path, with the
    same networkx calls (for the 100,000-actor job)."""
    n, m = G.number_of_nodes(), G.number_of_edges()
    U = ref.undirected_view(G)
    net = {"actors": n, "ties": m, "density": nx.density(G) if n >= 2 else NAN,
           "mean_degree": sum(d for _, d in G.degree()) / n if n else NAN}
    comps = list(nx.weakly_connected_components(G) if G.is_directed()
                 else nx.connected_components(G))
    net["components"] = len(comps)
    net["largest_component_share"] = max(len(c) for c in comps) / n if n else NAN
    net["isolates"] = nx.number_of_isolates(G)
    triples = sum(d * (d - 1) / 2 for _, d in U.degree())
    net["transitivity"] = nx.transitivity(U) if triples else NAN
    deg = [d for _, d in G.degree()]
    tmax = 2 * (n - 1) * (n - 2) if G.is_directed() else (n - 1) * (n - 2)
    net["degree_centralization"] = sum(max(deg) - d for d in deg) / tmax if n >= 3 else NAN
    net["reciprocity"] = nx.overall_reciprocity(G) if G.is_directed() and m else NAN
    E = I = 0
    for u, v in U.edges():
        su, sv = G.nodes[u]["sector"], G.nodes[v]["sector"]
        if su and sv:
            I += su == sv
            E += su != sv
    net["ei_index"] = (E - I) / (E + I) if E + I else NAN
    S = G.subgraph([v for v in G if G.nodes[v]["sector"]])
    net["assortativity"] = (nx.attribute_assortativity_coefficient(S, "sector")
                            if S.number_of_edges() else NAN)
    louvain(G, opts, net)
    for attr in ("trust", "value"):
        vals = [float(t[attr]) for t in ties if t.get(attr, "") != ""]
        net["mean_" + attr] = sum(vals) / len(vals) if vals else NAN
    res = {v: {} for v in G}
    e = nx.eigenvector_centrality_numpy(G) if m else {}
    if e:
        top = max(abs(x) for x in e.values())
        e = {k: abs(x) / top for k, x in e.items()}
    p = nx.pagerank(G, alpha=0.85, weight=None, tol=1e-13, max_iter=100000)
    core, clus = nx.core_number(U), nx.clustering(U)
    cons, esize = burt_vectorised(U, None)
    attrs = {}
    for attr in ("trust", "value"):
        sums = {}
        for t in ties:
            if t.get(attr):
                ends = [t["target"]] if G.is_directed() or t["target"] == t["source"] \
                    else [t["source"], t["target"]]
                for x in ends:
                    sums.setdefault(x, []).append(float(t[attr]))
        attrs[attr] = sums
    for v in G:
        r = res[v]
        r["degree"] = G.degree(v)
        if G.is_directed():
            r["in_degree"], r["out_degree"] = G.in_degree(v), G.out_degree(v)
        r["strength"] = G.degree(v, weight="weight")
        r["eigenvector"] = e.get(v, NAN)
        r["pagerank"] = p[v]
        r["coreness"] = core[v]
        r["clustering"] = clus[v] if U.degree(v) >= 2 else NAN
        r["constraint"], r["effective_size"] = cons[v], esize[v]
        s = G.nodes[v]["sector"]
        E = sum(1 for u in U[v] if s and G.nodes[u]["sector"] and G.nodes[u]["sector"] != s)
        I = sum(1 for u in U[v] if s and G.nodes[u]["sector"] == s)
        r["ei_index"] = (E - I) / (E + I) if s and E + I else NAN
        r["reach_2"] = len(nx.single_source_shortest_path_length(U, v, cutoff=2)) - 1
        for attr in ("trust", "value"):
            vals = attrs[attr].get(v)
            r[attr + "_in"] = sum(vals) / len(vals) if vals else NAN
    return net, res


if __name__ == "__main__":
    sys.exit(common.main("networkx " + nx.__version__, measure_wave))
