#!/bin/sh
# The batch target of issue 6: 80 generated places of 300 actors (1,500 ties a
# wave, 2 waves), every network and change measure, QAP and attendee tests with
# 1,000 permutations each, read straight from the folder. Runs --jobs 1 and
# --jobs 2 three times each (alternately), prints wall times and peak memory,
# and checks that both give the same bytes.   make bench-batch
set -eu
cd "$(dirname "$0")/.."
RIPPLE=${RIPPLE:-./build/release/ripple}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
python3 datasets/generate.py "$d/places" --places 80 --actors 300 --ties 1500 --waves 2 >/dev/null
echo "machine: $(nproc) processors, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for run in 1 2 3; do
	for j in 1 2; do
		/usr/bin/time -f "batch 80 places x 300 actors, 1000 permutations, --jobs $j: %e s wall, %M KB peak (run $run)" \
			"$RIPPLE" batch "$d/places" --jobs "$j" --permutations 1000 -o "$d/jobs$j.csv"
	done
	cmp -s "$d/jobs1.csv" "$d/jobs2.csv" || { echo "bench-batch: --jobs 1 and --jobs 2 differ" >&2; exit 1; }
done
echo "rows: $(($(wc -l < "$d/jobs1.csv") - 1)) places; --jobs 1 and --jobs 2 give the same bytes"
