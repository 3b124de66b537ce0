#!/bin/sh
# Quick timings on a synthetic 300-actor, 2-wave place (1500 ties a wave), read
# straight from its CSV folder (so each run includes reading and checking it):
#   - ripple metrics --nodes: every network and actor measure of both waves
#   - ripple compare --permutations 10000: both waves' measures, the ledger, and
#     the QAP and attendee tests with 10,000 permutations each
#   - ripple map of 200 ripples and ripple draw --from --to of the 300 actors
#     (in organisations of five), as SVG and PNG; each run reads the folder and
#     computes the layout afresh, as the first drawing of a place does
# Prints the mean wall time of 10 runs of each.   make bench-quick
set -eu
cd "$(dirname "$0")/.."
RIPPLE=${RIPPLE:-./build/release/ripple}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
python3 datasets/generate.py "$d" --places 1 --actors 300 --ties 1500 --waves 2 --teams 5 --ripples 200 >/dev/null
p300=$d/place-001

mean_time() {   # mean_time LABEL COMMAND...
	label=$1
	shift
	runs=10
	start=$(date +%s.%N)
	i=0
	while [ $i -lt $runs ]; do
		"$@" >/dev/null
		i=$((i + 1))
	done
	end=$(date +%s.%N)
	awk -v s="$start" -v e="$end" -v n="$runs" -v l="$label" \
		'BEGIN { printf "%-58s %.3f s (mean of %d)\n", l, (e - s) / n, n }'
}

mean_time "metrics --nodes, 300 actors x 2 waves" "$RIPPLE" metrics "$p300" --nodes --format csv
mean_time "compare --permutations 10000, 300 actors" "$RIPPLE" compare "$p300" --permutations 10000 --format csv
mean_time "compare --permutations 0 (no tests), 300 actors" "$RIPPLE" compare "$p300" --permutations 0 --format csv
mean_time "map, 200 ripples, SVG" "$RIPPLE" map "$p300" -o "$d/map.svg"
mean_time "map, 200 ripples, PNG" "$RIPPLE" map "$p300" -o "$d/map.png"
mean_time "draw --from before --to after, 300 actors, SVG" "$RIPPLE" draw "$p300" --from before --to after -o "$d/change.svg"
mean_time "draw --from before --to after, 300 actors, PNG" "$RIPPLE" draw "$p300" --from before --to after -o "$d/change.png"
