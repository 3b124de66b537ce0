#!/usr/bin/python3
"""Independent reference values for ripple's measures, computed with networkx.

Run with Debian's python3 and python3-networkx (2.8) + python3-scipy:

    make reference        # or: /usr/bin/python3 tests/reference/make_reference.py

It writes, for each case, a place folder under tests/reference/places/ (the
synthetic graphs; the example places are read from datasets/) and the expected
values under tests/reference/expected/:

    <case>.network.csv           one row per wave: the network measures
    <case>.nodes.csv             one row per wave and actor: the actor measures
    <case>.weighted.nodes.csv    the measures that --weighted changes

tests/unit/test_metrics.c compares ripple's numbers with these. An empty cell is
an undefined value (ripple reports null). Every definition follows
docs/MEASURES.md; the networkx call used for each is written next to it below.
Nothing here calls igraph, so the check is independent of the code it checks.
"""
import csv
from fractions import Fraction
import math
import os
import random
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PLACES = os.path.join(HERE, "places")
EXPECTED = os.path.join(HERE, "expected")

NAN = float("nan")
ACTOR_INFO = {}   # folder -> actor id -> its actors.csv row (town, parent, attended)


# ---- reading and writing place folders --------------------------------------

def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_place(name, actors, ties, directed=False, waves=None):
    """actors: [(id, sector)], ties: [(source, target, wave, weight, trust[, value])]."""
    folder = os.path.join(PLACES, name)
    os.makedirs(folder, exist_ok=True)
    write_csv(os.path.join(folder, "place.csv"), ["name", "programme", "directed"],
              [[name, "reference", "yes" if directed else "no"]])
    write_csv(os.path.join(folder, "actors.csv"), ["id", "sector"], actors)
    header = ["source", "target", "wave", "weight", "trust"]
    if ties and len(ties[0]) > 5:
        header.append("value")
    write_csv(os.path.join(folder, "ties.csv"), header, ties)
    if waves:
        write_csv(os.path.join(folder, "waves.csv"), ["wave", "ordinal"],
                  [[w, i + 1] for i, w in enumerate(waves)])
    return folder


def read_place(folder):
    """Returns (name, directed, actors [(id, sector)], waves [names], ties [dict])."""
    def rows(fname):
        path = os.path.join(folder, fname)
        if not os.path.exists(path):
            return []
        with open(path, newline="", encoding="utf-8-sig") as f:
            return [{k.strip().lower(): (v or "").strip() for k, v in r.items()}
                    for r in csv.DictReader(f)]
    place = rows("place.csv")
    name = place[0].get("name") if place and place[0].get("name") else os.path.basename(folder)
    directed = bool(place) and place[0].get("directed", "").lower() in ("yes", "y", "true", "1")
    arows = rows("actors.csv")
    actors = [(r["id"], r.get("sector", "")) for r in arows]
    ACTOR_INFO[folder] = {r["id"]: r for r in arows}
    ties = rows("ties.csv")
    waves = [(int(r["ordinal"]) if r.get("ordinal") else i, r["wave"])
             for i, r in enumerate(rows("waves.csv"))]
    waves = [w for _, w in sorted(waves)]
    for t in ties:
        if t["wave"] not in waves:
            waves.append(t["wave"])
    return name, directed, actors, waves, ties


def wave_graph(actors, ties, wave, directed):
    """The wave as a networkx graph: every actor a node; ties of one pair summed."""
    G = nx.DiGraph() if directed else nx.Graph()
    for a, s in actors:
        G.add_node(a, sector=s)
    for t in ties:
        if t["wave"] != wave:
            continue
        u, v = t["source"], t["target"]
        w = float(t["weight"]) if t.get("weight") else 1.0
        if G.has_edge(u, v):
            G[u][v]["weight"] += w
        else:
            G.add_edge(u, v, weight=w)
    for u, v, d in G.edges(data=True):
        # exact distances: 1/2 + 1/6 + 1/3 must equal 1, as igraph's tolerant
        # comparison has it, not 0.9999999999999999
        d["dist"] = Fraction(1) / Fraction(d["weight"])
    return G


def undirected_view(G):
    """Direction dropped, the weights of u->v and v->u summed (as ripple does)."""
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


# ---- the measures -------------------------------------------------------------

def best_louvain(U, seeds):
    """The partition of highest modularity over seeded Louvain runs (first on a tie)."""
    best_q, best = None, None
    for s in seeds:
        part = nx.community.louvain_communities(U, weight=None, seed=s)
        q = nx.community.modularity(U, part, weight=None)
        if best_q is None or q > best_q:
            best_q, best = q, part
    return best_q, best


def network_measures(G, ties, wave, louvain_seeds=range(20), cache=None):
    """The network measures of one wave. cache (a dict) keeps what node_measures can
    reuse (raw betweenness) and the Louvain partition kept; louvain_seeds: the runs."""
    n, m = G.number_of_nodes(), G.number_of_edges()
    U = undirected_view(G)
    out = {"actors": n, "ties": m}
    out["density"] = nx.density(G) if n >= 2 else NAN                       # nx.density
    out["mean_degree"] = sum(d for _, d in G.degree()) / n if n else NAN     # total degree
    comps = list(nx.weakly_connected_components(G) if G.is_directed()
                 else nx.connected_components(G))
    out["components"] = len(comps)
    out["largest_component_share"] = max(len(c) for c in comps) / n if n else NAN
    out["isolates"] = nx.number_of_isolates(G)
    # distances along directed paths; pairs without a path left out
    lengths = [d for s, dd in nx.all_pairs_shortest_path_length(G) for t, d in dd.items() if s != t]
    out["diameter"] = max(lengths) if m and lengths else NAN
    out["mean_distance"] = sum(lengths) / len(lengths) if m and lengths else NAN
    triples = sum(d * (d - 1) / 2 for _, d in U.degree())
    out["transitivity"] = nx.transitivity(U) if triples else NAN             # nx.transitivity
    # Freeman centralization: sum(max - c_i) / (the same sum for a star of n)
    deg = [d for _, d in G.degree()]
    if n >= 3:
        tmax = 2 * (n - 1) * (n - 2) if G.is_directed() else (n - 1) * (n - 2)
        out["degree_centralization"] = sum(max(deg) - d for d in deg) / tmax
        raw = nx.betweenness_centrality(G, normalized=False)
        if cache is not None:
            cache["betweenness"] = raw     # node_measures normalises it, not recomputes it
        bet = list(raw.values())
        bmax = (n - 1) ** 2 * (n - 2) if G.is_directed() else (n - 1) ** 2 * (n - 2) / 2
        out["betweenness_centralization"] = sum(max(bet) - b for b in bet) / bmax
    else:
        out["degree_centralization"] = out["betweenness_centralization"] = NAN
    out["reciprocity"] = nx.overall_reciprocity(G) if G.is_directed() and m else NAN
    # E-I index over ties whose two ends have a known sector
    E = I = 0
    for u, v in U.edges():
        su, sv = G.nodes[u]["sector"], G.nodes[v]["sector"]
        if su and sv:
            if su == sv:
                I += 1
            else:
                E += 1
    out["ei_index"] = (E - I) / (E + I) if E + I else NAN
    known = [v for v in G if G.nodes[v]["sector"]]
    S = G.subgraph(known)
    if S.number_of_edges():
        r = nx.attribute_assortativity_coefficient(S, "sector")  # nx nominal assortativity
        out["assortativity"] = r if not math.isnan(r) else NAN
    else:
        out["assortativity"] = NAN
    # Louvain is randomised: the reference is the best modularity of 20 seeded runs;
    # the test asks ripple's partition to come close to it (and checks its Q by hand)
    if m:
        best, part = best_louvain(U, louvain_seeds)
        out["modularity_reference"] = best
        if cache is not None:
            cache["partition"] = part
    else:
        out["modularity_reference"] = NAN
    for attr in ("trust", "value"):
        vals = [float(t[attr]) for t in ties if t["wave"] == wave and t.get(attr, "") != ""]
        out["mean_" + attr] = sum(vals) / len(vals) if vals else NAN
    return out


# ---- non-response (docs/MEASURES.md, "Non-response") ----------------------------

def read_responses(folder):
    """(actor, wave) -> answered | missing | absent, from responses.csv; {} without it."""
    path = os.path.join(folder, "responses.csv")
    out = {}
    if os.path.exists(path):
        with open(path, newline="", encoding="utf-8-sig") as f:
            for r in csv.DictReader(f):
                r = {k.strip().lower(): (v or "").strip() for k, v in r.items()}
                out[(r["actor"], r["wave"])] = r["status"].lower()
    return out


def reconstructed(G, status, wave):
    """The wave's network under --missing reconstruct (the default): the absent
    left out; in a directed place a missing actor that reported nothing gets
    i->j for every j->i reported by an answered j, with its weight. Returns the
    network and its observed pairs: every pair of members but those of two
    missing actors (ordered pairs when directed)."""
    def st(a):
        return status.get((a, wave), "answered")
    H = G.copy()
    H.remove_nodes_from([a for a in G if st(a) == "absent"])
    if H.is_directed():
        for i in [a for a in H if st(a) == "missing" and H.out_degree(a) == 0]:
            for j in list(H.predecessors(i)):
                if st(j) == "answered":
                    H.add_edge(i, j, **H[j][i])
    M, K = H.number_of_nodes(), sum(1 for a in H if st(a) == "missing")
    pairs = M * (M - 1) - K * (K - 1)
    return H, pairs if H.is_directed() else pairs / 2


def survey(G, status, wave):
    """What describes the survey, not the network: the response rate and, in a
    directed place, the pairs named by one side (G: the ties as reported) that
    the other named back (confirmed), did not though it answered (unconfirmed),
    or could not, not having answered (unconfirmable)."""
    def st(a):
        return status.get((a, wave), "answered")
    asked = [a for a in G if st(a) != "absent"]
    out = {"response_rate": sum(1 for a in asked if st(a) == "answered") / len(asked)
           if asked else NAN}
    if G.is_directed():
        named = {(u, v) for u, v in G.edges() if u != v}
        out["confirmed_pairs"] = sum(1 for u, v in named if (v, u) in named) // 2
        out["unconfirmed_pairs"] = sum(1 for u, v in named
                                       if (v, u) not in named and st(v) == "answered")
        out["unconfirmable_pairs"] = sum(1 for u, v in named
                                         if (v, u) not in named and st(v) != "answered")
    else:
        out["confirmed_pairs"] = out["unconfirmed_pairs"] = out["unconfirmable_pairs"] = NAN
    return out


def burt_networkx(U, weight):
    """Burt's constraint and effective size, networkx's own functions."""
    return nx.constraint(U, weight=weight), nx.effective_size(U)


def node_measures(G, ties, wave, weighted, cache=None, burt=burt_networkx):
    """The actor measures of one wave; cache: what network_measures kept (unweighted
    only); burt(U, weight) -> (constraint, effective size) dicts (bench/peers passes
    a vectorised one: networkx's take O(n d^3) in Python)."""
    n = G.number_of_nodes()
    U = undirected_view(G)
    w = "weight" if weighted else None
    dist = "dist" if weighted else None
    res = {v: {} for v in G}
    for v in G:
        res[v]["degree"] = G.degree(v)
        if G.is_directed():
            res[v]["in_degree"] = G.in_degree(v)
            res[v]["out_degree"] = G.out_degree(v)
        res[v]["strength"] = G.degree(v, weight="weight")
    # betweenness, normalised by the number of pairs of other actors (nx default)
    if n >= 3 and not weighted and cache and "betweenness" in cache:
        pairs = (n - 1) * (n - 2) if G.is_directed() else (n - 1) * (n - 2) / 2
        b = {v: x / pairs for v, x in cache["betweenness"].items()}
    else:
        b = nx.betweenness_centrality(G, normalized=True, weight=dist) if n >= 3 else {}
    # harmonic closeness: mean of 1/d(v, u) over the n - 1 others, distances *from* v
    h = nx.harmonic_centrality(G.reverse() if G.is_directed() else G, distance=dist)
    # eigenvector on the undirected view (a directed place symmetrised, as UCINET
    # does: the weights of both directions summed), scaled so the largest is 1
    if U.number_of_edges():
        e = nx.eigenvector_centrality_numpy(U, weight=w)
        top = max(abs(x) for x in e.values())
        e = {k: abs(x) / top for k, x in e.items()}
    else:
        e = {}
    p = nx.pagerank(G, alpha=0.85, weight=w, tol=1e-13, max_iter=100000)
    core = nx.core_number(U)
    clus = nx.clustering(U)
    cons, esize = burt(U, w)
    # trust and value of the ties.csv rows each actor receives (or is part of, undirected)
    tie_attrs = {v: {"trust": [], "value": []} for v in G}
    for t in ties:
        if t["wave"] != wave:
            continue
        ends = [t["target"]] if G.is_directed() or t["target"] == t["source"] \
            else [t["source"], t["target"]]
        for attr in ("trust", "value"):
            if t.get(attr):
                for x in ends:
                    tie_attrs[x][attr].append(float(t[attr]))
    for v in G:
        res[v]["betweenness"] = b.get(v, NAN)
        res[v]["harmonic_closeness"] = h[v] / (n - 1) if n >= 2 else NAN
        res[v]["eigenvector"] = e.get(v, NAN)
        res[v]["pagerank"] = p[v]
        res[v]["coreness"] = core[v]
        res[v]["clustering"] = clus[v] if U.degree(v) >= 2 else NAN
        res[v]["constraint"] = cons[v]
        res[v]["effective_size"] = esize[v]
        s = G.nodes[v]["sector"]
        E = sum(1 for u in U[v] if s and G.nodes[u]["sector"] and G.nodes[u]["sector"] != s)
        I = sum(1 for u in U[v] if s and G.nodes[u]["sector"] == s)
        res[v]["ei_index"] = (E - I) / (E + I) if s and E + I else NAN
        res[v]["reach_2"] = len(nx.single_source_shortest_path_length(U, v, cutoff=2)) - 1
        for attr in ("trust", "value"):
            vals = tie_attrs[v][attr]
            res[v][attr + "_in"] = sum(vals) / len(vals) if vals else NAN
    return res


WEIGHTED = ["strength", "betweenness", "harmonic_closeness", "eigenvector", "pagerank",
            "constraint"]


def fmt(x):
    if isinstance(x, float) and math.isnan(x):
        return ""
    if isinstance(x, int):
        return str(x)
    return repr(float(x))


def reference(case, folder):
    """The measures of each wave of the place in folder, its network built as
    ripple's default (--missing reconstruct) builds it: measured over its
    members, density over the observed pairs; a non-member's measures are
    undefined. Without responses.csv that is every actor and every pair."""
    name, directed, actors, waves, ties = read_place(folder)
    status = read_responses(folder)
    net_rows, node_rows, wnode_rows = [], [], []
    net_cols = node_cols = None
    for wave in waves:
        G = wave_graph(actors, ties, wave, directed)
        H, pairs = reconstructed(G, status, wave)
        wties = [t for t in ties if t["source"] in H and t["target"] in H]
        net = network_measures(H, wties, wave)
        net["density"] = H.number_of_edges() / pairs if len(H) >= 2 and pairs else NAN
        net.update(survey(G, status, wave))
        # the arcs reconstruct added: in H, not reported (not in G)
        net["imputed_ties"] = sum(1 for u, v in H.edges() if not G.has_edge(u, v))
        net_cols = net_cols or list(net)
        net_rows.append([name, wave] + [fmt(net[c]) for c in net_cols])
        nodes = node_measures(H, wties, wave, weighted=False)
        node_cols = node_cols or list(next(iter(nodes.values())))
        for a, _ in actors:
            node_rows.append([name, wave, a] + [fmt(nodes[a][c] if a in H else NAN)
                                                for c in node_cols])
        wnodes = node_measures(H, wties, wave, weighted=True)
        for a, _ in actors:
            wnode_rows.append([name, wave, a] + [fmt(wnodes[a][c] if a in H else NAN)
                                                 for c in WEIGHTED])
    write_csv(os.path.join(EXPECTED, case + ".network.csv"), ["place", "wave"] + net_cols, net_rows)
    write_csv(os.path.join(EXPECTED, case + ".nodes.csv"), ["place", "wave", "actor"] + node_cols,
              node_rows)
    write_csv(os.path.join(EXPECTED, case + ".weighted.nodes.csv"),
              ["place", "wave", "actor"] + WEIGHTED, wnode_rows)
    print(f"{case}: {len(waves)} waves, {len(actors)} actors")


# ---- change between two waves (ripple compare) --------------------------------

def tie_set(G):
    """Pairs joined at a wave: frozensets when undirected, (source, target) when directed."""
    if G.is_directed():
        return {(u, v): d["weight"] for u, v, d in G.edges(data=True)}
    return {frozenset((u, v)): d["weight"] for u, v, d in G.edges(data=True)}


def compare_reference(case, folder, pairs, rows_out, ties_out):
    """The change between each pair of waves, under --missing census (every pair
    counted, as if everyone answered) and --missing reconstruct (the default:
    only pairs observed at both waves; docs/MEASURES.md, "Change")."""
    name, directed, actors, waves, ties = read_place(folder)
    info = ACTOR_INFO[folder]
    ids = [a for a, _ in actors]
    status = read_responses(folder)
    dates = {}
    if os.path.exists(os.path.join(folder, "waves.csv")):
        with open(os.path.join(folder, "waves.csv"), newline="", encoding="utf-8-sig") as f:
            dates = {r["wave"].strip(): (r.get("date") or "").strip() for r in csv.DictReader(f)}

    def org(a):
        """The topmost ancestor when it is an organisation (the default kind), else None."""
        while info[a].get("parent"):
            a = info[a]["parent"]
        return a if (info[a].get("kind") or "organisation").lower() == "organisation" else None

    def flag(x, y):
        return "" if not x or not y else ("yes" if x != y else "no")

    def st(a, w):
        return status.get((a, w), "answered")

    def observed(w, a, b, census):
        """directed a->b: a answered; undirected: a or b did; never an absent end."""
        if census:
            return True
        if "absent" in (st(a, w), st(b, w)):
            return False
        return st(a, w) == "answered" or (not directed and st(b, w) == "answered")

    def reason(w1, w2, a, b):
        if any(st(x, w1) == "absent" and st(x, w2) != "absent" for x in (a, b)):
            return "joiner"
        if any(st(x, w1) != "absent" and st(x, w2) == "absent" for x in (a, b)):
            return "leaver"
        return "missing_from" if not observed(w1, a, b, False) else "missing_to"

    def confirmation(t, w, a, b):
        """What b said of the reported a->b at wave w (directed places only)."""
        if not directed or (a, b) not in t:
            return ""
        if (b, a) in t:
            return "confirmed"
        return "unconfirmed" if st(b, w) == "answered" else "unconfirmable"

    def attended_by(text):
        """With a time: the first wave by which the actor had attended; else None."""
        if text.lower() in ("", "yes", "no"):
            return None
        if text in waves:
            return waves.index(text) + 1
        return next((i for i, w in enumerate(waves) if dates.get(w, "") > text), len(waves))

    def order(k):
        return (ids.index(k[0]), ids.index(k[1]))

    for w1, w2 in pairs:
        G1 = wave_graph(actors, ties, w1, directed)
        G2 = wave_graph(actors, ties, w2, directed)
        t1, t2 = tie_set(G1), tie_set(G2)
        for missing in ("census", "reconstruct"):
            census = missing == "census"
            # the waves' networks as the policy builds them: distances, degree
            H1 = G1 if census else reconstructed(G1, status, w1)[0]
            H2 = G2 if census else reconstructed(G2, status, w2)[0]
            keys = {}
            for k in t1.keys() | t2.keys():
                a, b = tuple(k) if directed else sorted(k, key=ids.index)
                keys[(a, b)] = k
            both = {ab for ab in keys if observed(w1, *ab, census) and observed(w2, *ab, census)}
            U1 = undirected_view(H1)
            dist = dict(nx.all_pairs_shortest_path_length(U1))
            gained = {a: 0 for a in ids}
            count = {"new": 0, "lost": 0, "kept": 0, "unknown": 0}
            reasons = {"joiner": 0, "leaver": 0, "missing_from": 0, "missing_to": 0}
            strengthened = weakened = 0
            for a, b in sorted(keys, key=order):
                k = keys[(a, b)]
                in1, in2 = k in t1, k in t2
                why = ""
                if (a, b) in both:
                    state = "kept" if in1 and in2 else "new" if in2 else "lost"
                else:
                    state, why = "unknown", reason(w1, w2, a, b)
                    reasons[why] += 1
                count[state] += 1
                d = dist.get(a, {}).get(b)
                bridging = "yes" if d is None or d > 2 else "no"
                if state == "new":
                    gained[a] += 1
                    gained[b] += 1
                if state == "kept":
                    strengthened += t2[k] > t1[k]
                    weakened += t2[k] < t1[k]
                ties_out.append([case, w1, w2, missing, a, b, state,
                                 fmt(t1.get(k, NAN)), fmt(t2.get(k, NAN)),
                                 flag(G1.nodes[a]["sector"], G1.nodes[b]["sector"]),
                                 "" if org(a) is None or org(b) is None
                                 else "yes" if org(a) != org(b) else "no",
                                 flag(info[a].get("town", ""), info[b].get("town", "")),
                                 bridging if state == "new" else "", why,
                                 confirmation(t1, w1, a, b), confirmation(t2, w2, a, b)])
            union = count["new"] + count["lost"] + count["kept"]
            # actors tied at W2 and at no wave before W2; with responses (not census)
            # only those known to have had no tie: answered at W1, and tied at W2 by a
            # tie as reported (G2; reconstruct's members are all but the absent, whom
            # no tie names)
            before = waves[:waves.index(w2)]
            earlier = {x for t in ties if t["wave"] in before for x in (t["source"], t["target"])}
            if census or not status:
                first = sum(1 for a in ids if a in H2 and H2.degree(a) > 0 and a not in earlier)
            else:
                first = sum(1 for a in ids if st(a, w1) == "answered" and G2.degree(a) > 0
                            and a not in earlier)
            if census or not status:
                joiners = sum(1 for a in ids if G1.degree(a) == 0 and G2.degree(a) > 0)
                leavers = sum(1 for a in ids if G1.degree(a) > 0 and G2.degree(a) == 0)
            else:   # who became part of the place, and who stopped being part of it
                joiners = sum(1 for a in ids if st(a, w1) == "absent" and st(a, w2) != "absent")
                leavers = sum(1 for a in ids if st(a, w1) != "absent" and st(a, w2) == "absent")
            # attendees' new ties against the others'; p from 1000 random relabellings
            i1, i2 = waves.index(w1), waves.index(w2)
            lo, hi = min(i1, i2), max(i1, i2)
            yes, no, trained_before = [], [], 0
            for a in ids:
                if not census and not (st(a, w1) == "answered" and st(a, w2) == "answered"):
                    continue
                text = info[a].get("attended", "")
                by = attended_by(text)
                if by is not None and by <= lo:
                    trained_before += 1
                elif (by is not None and by <= hi) or (by is None and text.lower() == "yes"):
                    yes.append(gained[a])
                elif by is not None or text.lower() == "no":
                    no.append(gained[a])
            if yes and no:
                diff = sum(yes) / len(yes) - sum(no) / len(no)
                pool, rnd, k = yes + no, random.Random(2024), 0
                for _ in range(1000):
                    rnd.shuffle(pool)
                    py, pn = pool[:len(yes)], pool[len(yes):]
                    k += sum(py) / len(py) - sum(pn) / len(pn) >= diff - 1e-9
                p = (1 + k) / 1001
            else:
                diff = p = NAN
            rows_out.append([case, w1, w2, missing, count["new"], count["lost"], count["kept"],
                             fmt(count["kept"] / union if union else NAN),
                             count["new"] + count["lost"], strengthened, weakened, first,
                             joiners, leavers, fmt(diff), fmt(p), 1000, count["unknown"],
                             reasons["joiner"], reasons["leaver"], reasons["missing_from"],
                             reasons["missing_to"], len(yes), len(no), trained_before])


# ---- the cases ----------------------------------------------------------------

def karate():
    G = nx.karate_club_graph()
    actors = [(f"m{v}", G.nodes[v]["club"]) for v in G]
    ties = [(f"m{u}", f"m{v}", "1937", 1, "") for u, v in G.edges()]
    return write_place("karate", actors, ties)


def florentine():
    G = nx.florentine_families_graph()
    actors = [(v, "") for v in sorted(G)] + [("Pucci", "")]        # Pucci: the isolate
    ties = [(u, v, "marriage", 1, "") for u, v in sorted(G.edges())]
    return write_place("florentine", actors, ties)


def directed():
    rnd = random.Random(7)
    sectors = ["Health", "VCSE", "Local Authority", "Sport"]
    actors = [(f"d{i:02d}", sectors[i % 4] if i != 5 else "") for i in range(24)]
    ties = []
    for wave in ("before", "after"):
        p = 0.10 if wave == "before" else 0.16
        for i in range(24):
            for j in range(24):
                if i != j and rnd.random() < p:
                    ties.append((f"d{i:02d}", f"d{j:02d}", wave, rnd.choice([1, 2, 3]),
                                 rnd.choice([1, 2, 3, 4]), rnd.choice(["", 1, 2, 3, 4])))
    return write_place("directed", actors, ties, directed=True, waves=["before", "after"])


def disconnected():
    # a triangle with a tail, a triangle with a pendant, a pair, one isolate (l);
    # some sectors unknown; trust on some ties
    actors = [(a, s) for a, s in [("a", "Health"), ("b", "Health"), ("c", "VCSE"), ("d", "VCSE"),
                                  ("e", ""), ("f", "Sport"), ("g", "Sport"), ("h", "Health"),
                                  ("i", "Sport"), ("j", "VCSE"), ("k", ""), ("l", "Health")]]
    ties = [("a", "b", "w1", 2, 4), ("b", "c", "w1", 1, 3), ("c", "a", "w1", 1, ""),
            ("c", "d", "w1", 3, 2), ("d", "e", "w1", 1, 1), ("f", "g", "w1", 1, ""),
            ("g", "h", "w1", 2, 3), ("h", "f", "w1", 1, 4), ("h", "i", "w1", 1, ""),
            ("j", "k", "w1", 1, 2)]
    return write_place("disconnected", actors, ties)


def main():
    os.makedirs(PLACES, exist_ok=True)
    os.makedirs(EXPECTED, exist_ok=True)
    cases = [("karate", karate()), ("florentine", florentine()), ("directed", directed()),
             ("disconnected", disconnected()),
             ("northamptonshire", os.path.join(ROOT, "datasets", "northamptonshire")),
             ("stockton-on-tees", os.path.join(ROOT, "datasets", "stockton-on-tees")),
             # a real directed network: written by make_qap_reference.R
             ("coleman", os.path.join(PLACES, "coleman")),
             # Coleman with 30% of the answers masked (make_missing_reference.py): imputed arcs
             ("coleman-masked-m30", os.path.join(PLACES, "coleman-masked-m30"))]
    for case, folder in cases:
        reference(case, folder)
    # ripple compare: ledger, Jaccard, Hamming, actors, attendee test
    pairs = {"directed": [("before", "after")],
             "northamptonshire": [("before", "after")],
             "stockton-on-tees": [("before", "after"), ("after", "6-month"), ("before", "6-month"),
                                  ("3-month", "6-month")],
             "coleman": [("fall", "spring")]}
    folders = dict(cases)
    rows, tie_rows = [], []
    for case, wave_pairs in pairs.items():
        compare_reference(case, folders[case], wave_pairs, rows, tie_rows)
    write_csv(os.path.join(EXPECTED, "compare.csv"),
              ["case", "from", "to", "missing", "ties_new", "ties_lost", "ties_kept", "jaccard",
               "hamming", "kept_strengthened", "kept_weakened", "actors_first_connected", "joiners",
               "leavers", "attend_diff", "attend_p", "permutations", "ties_unknown",
               "unknown_joiner", "unknown_leaver", "unknown_missing_from", "unknown_missing_to",
               "attendees", "non_attendees", "trained_before"], rows)
    write_csv(os.path.join(EXPECTED, "compare.ties.csv"),
              ["case", "from", "to", "missing", "source", "target", "status", "weight_from",
               "weight_to", "cross_sector", "cross_organisation", "cross_town", "bridging",
               "unknown_reason", "confirmation_from", "confirmation_to"], tie_rows)
    print(f"compare: {len(rows)} wave pairs, {len(tie_rows)} ties")
    print("networkx", nx.__version__, file=sys.stderr)


if __name__ == "__main__":
    main()
