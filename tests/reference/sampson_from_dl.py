#!/usr/bin/env python3
"""Sampson's monastery, liking at three times, from UCINET's DL file to two place folders.

    python3 tests/reference/sampson_from_dl.py

Reads tests/reference/sampson.dat (a DL file, FORMAT = FULLMATRIX; only the first
three N x N matrices after DATA:, SAMPLK1, SAMPLK2, SAMPLK3, are read) and writes:

  places/sampson/         the 18 novices, directed, waves T1, T2, T3 (SAMPLK1-3 in
                          order); a tie source -> target at a wave for each non-zero
                          cell (row = chooser, column = chosen), weight = the rank
                          (3 first choice, 2 second, 1 third)
  places/sampson-masked/  the same network with a responses.csv that MASK below
                          makes up (not Sampson's: every novice answered every
                          time), and without the ties those novices could not have
                          reported (an absent novice's ties and the ties naming him
                          at that wave; a missing novice's own nominations)

Only the standard library. tests/reference/places/sampson/README.md says where the
data come from. make_sampson_reference.py reads the matrices through read_dl() and
MASK, not the CSV files written here.
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DL = os.path.join(HERE, "sampson.dat")
PLACES = os.path.join(HERE, "places")
WAVES = ("T1", "T2", "T3")

# The masked variant: one novice absent at T1 (a joiner), one absent at T3 (a leaver:
# Simplicius, whom xUCINET's description of the data names among the expelled), one missing at T2
# (part of the monastery, no answer). Chosen by hand; the truth is the full network.
MASK = {
    ("Hugh", "T1"): "absent",
    ("Simplicius", "T3"): "absent",
    ("Peter", "T2"): "missing",
}


def read_dl(path=DL, nmatrices=len(WAVES)):
    """(labels, [matrix]): the row labels and the first nmatrices N x N integer
    matrices of a DL file in FULLMATRIX format (rows = chooser, columns = chosen)."""
    with open(path, encoding="ascii") as f:
        text = f.read()
    head, data = text.split("DATA:", 1)
    n = None
    for word in head.replace(",", " ").split():
        if word.upper().startswith("N="):
            n = int(word[2:])
    lines = head.splitlines()
    start = next(i for i, l in enumerate(lines) if l.strip().upper() == "ROW LABELS:") + 1
    labels = [l.strip() for l in lines[start:start + n]]
    numbers = [int(x) for x in data.split()]
    if n is None or len(labels) != n or len(numbers) < nmatrices * n * n:
        raise ValueError(f"{path}: not {nmatrices} matrices of {n} x {n}")
    mats = []
    for k in range(nmatrices):
        cells = numbers[k * n * n:(k + 1) * n * n]
        mats.append([cells[i * n:(i + 1) * n] for i in range(n)])
    return labels, mats


def write_csv(path, header, body):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)


def write_place(name, title, labels, mats, mask):
    folder = os.path.join(PLACES, name)
    os.makedirs(folder, exist_ok=True)
    write_csv(os.path.join(folder, "place.csv"), ("name", "programme", "directed"),
              [(title, "reference: Sampson 1968, liking (SAMPLK1-3)", "yes")])
    write_csv(os.path.join(folder, "actors.csv"), ("id", "label", "kind"),
              [(a, a.replace("_", " "), "person") for a in labels])
    write_csv(os.path.join(folder, "waves.csv"), ("wave", "ordinal"),
              [(w, i + 1) for i, w in enumerate(WAVES)])

    def reported(a, b, w):
        # a tie is refused at import when its source did not answer or an end was absent
        return mask.get((a, w), "answered") == "answered" and mask.get((b, w)) != "absent"

    ties = []
    for w, m in zip(WAVES, mats):
        for i, a in enumerate(labels):
            for j, b in enumerate(labels):
                if m[i][j] and reported(a, b, w):
                    ties.append((a, b, w, m[i][j]))
    write_csv(os.path.join(folder, "ties.csv"), ("source", "target", "wave", "weight"), ties)
    if mask:
        order = {a: i for i, a in enumerate(labels)}
        write_csv(os.path.join(folder, "responses.csv"), ("actor", "wave", "status"),
                  [(a, w, s) for (a, w), s in sorted(
                      mask.items(), key=lambda kv: (WAVES.index(kv[0][1]), order[kv[0][0]]))])
    print(f"{folder}: {len(labels)} actors, {len(ties)} ties")


def main():
    labels, mats = read_dl()
    write_place("sampson", "Sampson's monastery", labels, mats, {})
    write_place("sampson-masked", "Sampson's monastery (masked)", labels, mats, MASK)


if __name__ == "__main__":
    main()
