#!/usr/bin/python3
"""ripple's measures computed with networkx (Debian's python3-networkx 2.8), the
second peer of `ripple batch` in bench/.

    /usr/bin/python3 bench/peers/peer_networkx.py SOURCE [--permutations N] [--seed S]
        [-o batch.csv] [--nodes nodes.csv] [--metrics [--no-all-pairs]] [--timings]

Every graph measure is the networkx function for it (wave_measures names each),
written here and not taken from ripple's own Python (tests/reference/): the peer
reads the place folders (common.py) and nothing else of ripple. Three choices
make it the peer a competent networkx user would write: Louvain runs as often as
ripple's community search (docs/MEASURES.md: min(10, max(R, 2000 // m)) runs,
seeds S, S+1, ..., the best kept; networkx 2.8 has no Leiden, so modularity is
compared within a tolerance); raw betweenness is computed once for the
centralization and the actor column, diameter and mean distance from one pass;
and Burt's constraint and effective size are computed vectorised
(burt_vectorised, same formulas): networkx's own functions loop in Python at
O(n d^3) and took 5 of the 5.5 s of a 300-actor wave, which would make ripple
look better than networkx deserves. The change measures, QAP and attendee tests
are common.py's (numpy), shared with peer_igraph.py. --processes N spreads the
places (or waves) over a multiprocessing Pool of N, as ripple's --jobs does.
"""
import os
import sys

import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import common  # noqa: E402

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
    """The wave's ties.csv rows (dicts of strings: source, target, wave, weight, trust, value)."""
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
    """The wave as a networkx graph: every actor a node (with its sector), one edge a
    pair with the weights of its ties summed."""
    G = nx.DiGraph() if place.directed else nx.Graph()
    for a, s in zip(place.ids, place.sector):
        G.add_node(a, sector=s)
    ids = place.ids
    G.add_edges_from((ids[a], ids[b], {"weight": w}) for (a, b), w in edges.items())
    return G


def undirected_view(G):
    """Direction dropped, the weights of u->v and v->u summed (docs/MEASURES.md)."""
    if not G.is_directed():
        return G
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        if U.has_edge(u, v):
            U[u][v]["weight"] += d["weight"]
        else:
            U.add_edge(u, v, weight=d["weight"])
    return U


def best_louvain(U, seeds):
    """The partition of highest modularity over seeded Louvain runs (first on a tie)."""
    best_q, best = None, None
    for s in seeds:
        part = nx.community.louvain_communities(U, weight=None, seed=s)
        q = nx.community.modularity(U, part, weight=None)
        if best_q is None or q > best_q:
            best_q, best = q, part
    return best_q, best


def louvain(G, opts, out):
    U = undirected_view(G)
    if G.number_of_edges():
        runs = common.community_runs(opts.communities, U.number_of_edges(), opts.leiden_runs)
        q, part = best_louvain(U, range(opts.seed, opts.seed + runs))
        out["modularity"] = q
        out["communities"] = sum(1 for c in part if len(c) >= 2)
    else:
        out["modularity"], out["communities"] = NAN, 0


def measure_wave(place, wave, edges, opts, watch):
    G = graph_of(place, wave, edges)
    ties = ties_of(place, wave)
    watch.lap("build graphs")
    net, res = wave_measures(G, ties, opts, not opts.no_all_pairs)
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


def wave_measures(G, ties, opts, all_pairs):
    """(network measures, {actor: actor measures}) of one wave, each measure by its
    networkx function; all_pairs False leaves out those that need every shortest
    path (diameter, mean distance, betweenness, harmonic closeness)."""
    n, m = G.number_of_nodes(), G.number_of_edges()
    U = undirected_view(G)
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
    bet, harm = {}, {}
    if all_pairs:
        # distances along directed paths, pairs without a path left out
        total = count = diameter = 0
        for _, dd in nx.all_pairs_shortest_path_length(G):
            for d in dd.values():
                if d:
                    total, count, diameter = total + d, count + 1, max(diameter, d)
        net["diameter"] = diameter if m and count else NAN
        net["mean_distance"] = total / count if m and count else NAN
        net["betweenness_centralization"] = NAN
        if n >= 3:
            raw = nx.betweenness_centrality(G, normalized=False)      # once, for both uses
            top = max(raw.values())
            bmax = (n - 1) ** 2 * (n - 2) if G.is_directed() else (n - 1) ** 2 * (n - 2) / 2
            net["betweenness_centralization"] = sum(top - b for b in raw.values()) / bmax
            pairs = (n - 1) * (n - 2) if G.is_directed() else (n - 1) * (n - 2) / 2
            bet = {v: b / pairs for v, b in raw.items()}
        # harmonic closeness: mean of 1/d(v, u) over the n - 1 others, distances from v
        harm = nx.harmonic_centrality(G.reverse() if G.is_directed() else G)
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
    if not opts.network_only:
        # eigenvector on the undirected view, scaled so that the largest is 1
        e = nx.eigenvector_centrality_numpy(U) if m else {}
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
        if all_pairs:
            r["betweenness"] = bet.get(v, NAN)
            r["harmonic_closeness"] = harm[v] / (n - 1) if n >= 2 else NAN
        if not opts.network_only:
            r["eigenvector"] = e.get(v, NAN)
            r["pagerank"] = p[v]
            r["coreness"] = core[v]
            r["clustering"] = clus[v] if U.degree(v) >= 2 else NAN
            r["constraint"], r["effective_size"] = cons[v], esize[v]
        s = G.nodes[v]["sector"]
        E = sum(1 for u in U[v] if s and G.nodes[u]["sector"] and G.nodes[u]["sector"] != s)
        I = sum(1 for u in U[v] if s and G.nodes[u]["sector"] == s)
        r["ei_index"] = (E - I) / (E + I) if s and E + I else NAN
        if "reach_2" not in common.left_out(opts.network_only, G.is_directed()):
            r["reach_2"] = len(nx.single_source_shortest_path_length(U, v, cutoff=2)) - 1
        for attr in ("trust", "value"):
            vals = attrs[attr].get(v)
            r[attr + "_in"] = sum(vals) / len(vals) if vals else NAN
    return net, res


if __name__ == "__main__":
    sys.exit(common.main("networkx " + nx.__version__, measure_wave))
