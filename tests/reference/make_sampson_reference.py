#!/usr/bin/python3
"""Reference values of `ripple waves` (docs/MEASURES.md, "Over all waves") on a real
network of three waves: Sampson's monastery, liking at three times (SAMPLK1-3), and
a masked copy of it with a joiner, a leaver and a non-respondent whose truth is known.

    /usr/bin/python3 tests/reference/make_sampson_reference.py     (or: make reference)

Computed from the DL file's matrices (sampson_from_dl.read_dl) and the mask
(sampson_from_dl.MASK), never from the place folders' CSV files or from ripple:
networkx (through make_reference.py's network_measures, reconstructed and survey,
the functions test_metrics.c checks ripple's measures against) for the series, plain
Python for the patterns and the persistence. Writes tests/reference/expected/:

  waves.sampson.series.csv       case, policy, wave, then the measures of the wave as
                                 `ripple waves --section series` names them
                                 (modularity_reference: the best of 20 Louvain runs,
                                 which ripple's Leiden must come within 0.03 of)
  waves.sampson.ties.csv         case, policy, source, target, pattern, first_wave,
                                 last_wave, waves_tied, true_pattern (the pair's
                                 pattern in the full network, every pair observed)
  waves.sampson.persistence.csv  case, policy, scope, wave, next_wave, new_ties,
                                 observed_next, kept_next, share_kept

for the cases sampson and sampson-masked and the policies reconstruct, respondents
and census. The rules (MEASURES.md, "Observed pairs and unknown ties"): a -> b is
observed at a wave under census always, else when neither end is absent then and a
answered; its character is '1' tied (as reported), '0' observed and not tied, '?'
not observed. The masked ties are those the full network has at observed pairs (an
absent novice reports and receives nothing, a missing one reports nothing), so
every character that is not '?' must equal the true one: asserted here as well.
"""
import csv
import math
import os
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_reference import network_measures, reconstructed, survey  # noqa: E402
from make_waves_reference import persistence, share, write         # noqa: E402
from sampson_from_dl import MASK, WAVES, read_dl                    # noqa: E402

EXPECTED = os.path.join(HERE, "expected")
POLICIES = ("reconstruct", "respondents", "census")
SERIES = ("actors", "ties", "density", "mean_degree", "components",
          "largest_component_share", "isolates", "diameter", "mean_distance",
          "transitivity", "degree_centralization", "betweenness_centralization",
          "reciprocity", "modularity_reference", "imputed_ties", "confirmed_pairs",
          "unconfirmed_pairs", "unconfirmable_pairs", "answered", "missing", "absent",
          "response_rate")


def fmt(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return str(x) if isinstance(x, int) else repr(float(x))


def reported_graph(labels, m, w, mask):
    """The wave's ties as reported: a cell of the matrix whose source answered and
    whose ends were not absent (what an import of the masked folder would hold)."""
    def st(a):
        return mask.get((a, w), "answered")
    G = nx.DiGraph()
    for a in labels:
        G.add_node(a, sector="")
    for i, a in enumerate(labels):
        for j, b in enumerate(labels):
            if m[i][j] and st(a) == "answered" and st(b) != "absent":
                G.add_edge(a, b, weight=float(m[i][j]))
    return G


def series_rows(case, labels, mats, mask):
    out = []
    for policy in POLICIES:
        for w, m in zip(WAVES, mats):
            G = reported_graph(labels, m, w, mask)
            st = {a: mask.get((a, w), "answered") for a in labels}
            if policy == "census":
                H, pairs = G, len(G) * (len(G) - 1)
            elif policy == "respondents":
                H = G.subgraph([a for a in labels if st[a] == "answered"]).copy()
                pairs = len(H) * (len(H) - 1)
            else:
                H, pairs = reconstructed(G, mask, w)
            net = network_measures(H, [], w)
            net["density"] = H.number_of_edges() / pairs if len(H) >= 2 and pairs else None
            net.update(survey(G, mask, w))
            net["imputed_ties"] = sum(1 for u, v in H.edges() if not G.has_edge(u, v))
            for s in ("answered", "missing", "absent"):
                net[s] = sum(1 for a in labels if st[a] == s)
            out.append([case, policy, w] + [fmt(net[c]) for c in SERIES])
    return out


def patterns(labels, mats, mask, census):
    """(a, b) -> pattern for every ordered pair tied (as reported) at some wave."""
    def st(a, w):
        return mask.get((a, w), "answered")

    def observed(a, b, w):
        if census:
            return True
        return st(a, w) == "answered" and st(b, w) != "absent"

    out = {}
    for i, a in enumerate(labels):
        for j, b in enumerate(labels):
            tied = [bool(m[i][j]) and st(a, w) == "answered" and st(b, w) != "absent"
                    for w, m in zip(WAVES, mats)]
            if any(tied):
                out[(a, b)] = "".join("1" if t else "0" if observed(a, b, w) else "?"
                                      for t, w in zip(tied, WAVES))
    return out


def main():
    labels, mats = read_dl()
    truth = patterns(labels, mats, {}, census=True)
    series, ties, pers = [], [], []
    for case, mask in (("sampson", {}), ("sampson-masked", MASK)):
        series += series_rows(case, labels, mats, mask)
        for policy in POLICIES:
            pats = patterns(labels, mats, mask, policy == "census")
            for (a, b), p in pats.items():      # actors.csv (= the DL file's) order
                true = truth[(a, b)]
                if policy != "census":
                    assert all(c == "?" or c == t for c, t in zip(p, true)), (a, b, p, true)
                idx = [i for i, c in enumerate(p) if c == "1"]
                ties.append((case, policy, a, b, p, WAVES[idx[0]], WAVES[idx[-1]], len(idx),
                             true))
            per = persistence(pats, len(WAVES))
            for k, new, seen, kept in per:
                pers.append((case, policy, "wave", WAVES[k], WAVES[k + 1], new, seen, kept,
                             share(kept, seen)))
            new, seen, kept = (sum(x[i] for x in per) for i in (1, 2, 3))
            pers.append((case, policy, "overall", "", "", new, seen, kept, share(kept, seen)))
    write(os.path.join(EXPECTED, "waves.sampson.series.csv"),
          ("case", "policy", "wave") + SERIES, series)
    write(os.path.join(EXPECTED, "waves.sampson.ties.csv"),
          ("case", "policy", "source", "target", "pattern", "first_wave", "last_wave",
           "waves_tied", "true_pattern"), ties)
    write(os.path.join(EXPECTED, "waves.sampson.persistence.csv"),
          ("case", "policy", "scope", "wave", "next_wave", "new_ties", "observed_next",
           "kept_next", "share_kept"), pers)
    for r in pers:
        print(*r)


if __name__ == "__main__":
    main()
