#!/usr/bin/env python3
"""Reference values of `ripple waves` (docs/MEASURES.md, "Over all waves"), computed
from a place folder's CSV files alone, with Python's standard library: no ripple code.

    python3 tests/reference/make_waves_reference.py [FOLDER [NAME]]

Default: datasets/stockton-on-tees, written as tests/reference/expected/waves.*.csv:

  waves.series.csv       policy, wave, ties: the pairs tied at each wave as reported
                         (undirected places, or census: what `ties` counts there)
  waves.ties.csv         policy, source, target, pattern, first_wave, last_wave, waves_tied
  waves.persistence.csv  policy, wave, next_wave, new_ties, observed_next, kept_next,
                         share_kept (wave and next_wave empty on the overall row)

for the policies census and reconstruct (the default; respondents observes the same
pairs). The rules, as MEASURES.md states them:

  - a tie is a pair: unordered when undirected (several typed ties are one), ordered
    (source, target) when directed;
  - a pair is observed at a wave under census always; otherwise not when an end is
    absent at the wave (responses.csv), else when its source answered (directed), or
    when either end answered (undirected);
  - pattern: per wave in waves.csv order (by ordinal), '1' tied, '0' observed and not
    tied, '?' not observed;
  - persistence at wave k (k = 2 .. W-1, counted from 1): pairs '0' at k-1 and '1' at
    k; of them those not '?' at k+1 (observed_next) and those '1' at k+1 (kept_next);
    share = kept_next / observed_next. overall: the sums, and the share of the sums.
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "reference", "expected")


def rows(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def truthy(text):
    return (text or "").strip().lower() in ("yes", "true", "1", "y", "directed")


def read_place(folder):
    place = rows(folder, "place.csv")
    directed = bool(place) and truthy(place[0].get("directed"))
    actors = [r["id"].strip() for r in rows(folder, "actors.csv")]
    order = {a: i for i, a in enumerate(actors)}
    wrows = rows(folder, "waves.csv")
    waves = [r["wave"].strip() for r in sorted(
        wrows, key=lambda r: int(r["ordinal"]) if (r.get("ordinal") or "").strip()
        else wrows.index(r) + 1)]
    status = {}
    for r in rows(folder, "responses.csv"):
        status[(r["actor"].strip(), r["wave"].strip())] = r["status"].strip().lower()
    tied = {}
    for r in rows(folder, "ties.csv"):
        a, b, w = r["source"].strip(), r["target"].strip(), r["wave"].strip()
        if not directed and order[b] < order[a]:
            a, b = b, a
        tied.setdefault((a, b), set()).add(w)
    return directed, actors, order, waves, status, tied


def patterns(directed, waves, status, tied, census):
    def st(a, w):
        return status.get((a, w), "answered")

    def observed(a, b, w):
        if census:
            return True
        if st(a, w) == "absent" or st(b, w) == "absent":
            return False
        return st(a, w) == "answered" or (not directed and st(b, w) == "answered")

    out = {}
    for (a, b), ws in tied.items():
        out[(a, b)] = "".join("1" if w in ws else "0" if observed(a, b, w) else "?"
                              for w in waves)
    return out


def persistence(pats, nwaves):
    per = []
    for k in range(1, nwaves - 1):
        new = [p for p in pats.values() if p[k - 1] == "0" and p[k] == "1"]
        seen = [p for p in new if p[k + 1] != "?"]
        kept = [p for p in seen if p[k + 1] == "1"]
        per.append((k, len(new), len(seen), len(kept)))
    return per


def share(kept, seen):
    return "" if seen == 0 else repr(kept / seen)


def write(path, header, body):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "datasets",
                                                                "stockton-on-tees")
    directed, actors, order, waves, status, tied = read_place(folder)
    series, ties, pers = [], [], []
    for policy in ("census", "reconstruct"):
        pats = patterns(directed, waves, status, tied, policy == "census")
        for w in waves:
            series.append((policy, w, sum(1 for ws in tied.values() if w in ws)))
        for (a, b) in sorted(pats, key=lambda p: (order[p[0]], order[p[1]])):
            p = pats[(a, b)]
            idx = [i for i, c in enumerate(p) if c == "1"]
            ties.append((policy, a, b, p, waves[idx[0]], waves[idx[-1]], len(idx)))
        per = persistence(pats, len(waves))
        for k, new, seen, kept in per:
            pers.append((policy, waves[k], waves[k + 1], new, seen, kept, share(kept, seen)))
        new, seen, kept = (sum(x[i] for x in per) for i in (1, 2, 3))
        pers.append((policy, "", "", new, seen, kept, share(kept, seen)))
    write(os.path.join(OUT, "waves.series.csv"), ("policy", "wave", "ties"), series)
    write(os.path.join(OUT, "waves.ties.csv"),
          ("policy", "source", "target", "pattern", "first_wave", "last_wave", "waves_tied"),
          ties)
    write(os.path.join(OUT, "waves.persistence.csv"),
          ("policy", "wave", "next_wave", "new_ties", "observed_next", "kept_next",
           "share_kept"), pers)
    for r in series:
        print(*r)
    for r in pers:
        print(*r)


if __name__ == "__main__":
    main()
