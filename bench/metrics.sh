#!/bin/sh
# Times `ripple metrics --nodes` (every network and actor measure of every wave,
# read straight from the CSV folder) on a synthetic 300-actor, 2-wave place.
#   make bench-metrics
set -eu
cd "$(dirname "$0")/.."
RIPPLE=${RIPPLE:-./build/release/ripple}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
python3 bench/gen_place.py "$d/p300" --actors 300 --ties 1500 --waves 2
runs=10
start=$(date +%s.%N)
i=0
while [ $i -lt $runs ]; do
	"$RIPPLE" metrics "$d/p300" --nodes --format csv >/dev/null
	i=$((i + 1))
done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$runs" 'BEGIN { printf "metrics --nodes, 300 actors x 1500 ties x 2 waves, from CSV: %.3f s per run (mean of %d)\n", (e - s) / n, n }'
