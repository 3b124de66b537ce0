#!/bin/sh
# The batch's floor (issue 21: "CPU within 1.25x of the measured floor, the sum
# of the fused search, the Leiden runs and the permutations"), for the batch
# job of bench/run.py: PLACES generated places (default 80) of ACTORS actors
# (default 300) and five ties an actor, two waves, 1,000 permutations.
#
#   - the fused search: bench/floor.c on every place (its own reader and
#     search, no igraph; best of 3 runs a place), the CPU seconds summed;
#   - the Leiden runs and the permutations (QAP and the attendee test): the
#     CPU ripple itself spends in them (leiden_run: igraph_community_leiden and
#     the modularity of its partition; ripple_qap; attendee_test; the
#     permutation loops allocate nothing), as perf's share of `ripple batch
#     --jobs 1` times that run's CPU seconds: those are igraph's call and a
#     bare loop, so ripple's time in them is their floor;
#   - ripple's CPU: `ripple batch DIR --permutations 1000 --jobs 1` and
#     `--jobs 2` under GNU time (user + system, best of RUNS, default 3).
#
# Prints each part, the floor (their sum) and ripple's CPU over the floor.
# Needs perf (Debian's linux-perf). make bench-floor-batch
set -eu
cd "$(dirname "$0")/.."
RIPPLE=${RIPPLE:-./build/release/ripple}
FLOOR=${FLOOR:-./build/release/bench/floor}
PLACES=${PLACES:-80}
ACTORS=${ACTORS:-300}
RUNS=${RUNS:-3}
command -v perf >/dev/null 2>&1 || { echo "floor_batch: needs perf (apt-get install linux-perf)" >&2; exit 1; }
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

python3 datasets/generate.py "$d/places" --places "$PLACES" --actors "$ACTORS" \
	--ties $((5 * ACTORS)) --waves 2 --seed 1 >/dev/null

search=0
for p in "$d"/places/*/; do
	c=$("$FLOOR" "$p" --runs 3 | awk -F, '$1 == "total" { print $5 }')
	search=$(awk -v a="$search" -v b="$c" 'BEGIN { printf "%.4f", a + b }')
done

cpu() {   # cpu JOBS: the best CPU seconds (user + system) of RUNS batches
	best=
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f "%U %S" -o "$d/t" "$RIPPLE" batch "$d/places" --permutations 1000 \
			--jobs "$1" -o "$d/out.csv" >/dev/null
		c=$(awk '{ printf "%.3f", $1 + $2 }' "$d/t")
		best=$(awk -v a="$best" -v b="$c" 'BEGIN { print (a == "" || b < a) ? b : a }')
	done
	echo "$best"
}
cpu1=$(cpu 1)
cpu2=$(cpu 2)

# the shares of one --jobs 1 batch in each part, with inlined functions counted
perf record -q -F 2000 --call-graph dwarf,8192 -o "$d/perf.data" \
	"$RIPPLE" batch "$d/places" --permutations 1000 --jobs 1 -o "$d/out.csv" >/dev/null 2>&1
perf report -q -i "$d/perf.data" --children --sort symbol --stdio -g none 2>/dev/null |
	awk '{ gsub("%", "", $1) } $3 == "[.]" && $4 ~ /^(leiden_run|ripple_qap|attendee_test|search_from)$/ {
		if (!($4 in s)) s[$4] = $1 }
		END { for (k in s) print k, s[k] }' >"$d/shares"
share() { awk -v k="$1" '$1 == k { print $2 / 100 } END { }' "$d/shares" | head -1; }
leiden=$(share leiden_run)
qap=$(share ripple_qap)
attend=$(share attendee_test)
insearch=$(share search_from)

awk -v s="$search" -v c1="$cpu1" -v c2="$cpu2" -v l="${leiden:-0}" -v q="${qap:-0}" \
	-v a="${attend:-0}" -v i="${insearch:-0}" -v places="$PLACES" -v actors="$ACTORS" 'BEGIN {
	printf "batch of %d places x %d actors x 2 waves, 1,000 permutations\n", places, actors
	printf "  fused search, bench/floor.c        %8.3f s CPU\n", s
	printf "  Leiden runs (%4.1f %% of --jobs 1)    %8.3f s\n", 100 * l, l * c1
	printf "  permutations (%4.1f %% + %4.1f %%)     %8.3f s\n", 100 * q, 100 * a, (q + a) * c1
	f = s + (l + q + a) * c1
	printf "  the floor                          %8.3f s\n", f
	printf "  ripple --jobs 1                    %8.3f s CPU  %.2fx the floor\n", c1, c1 / f
	printf "  ripple --jobs 2                    %8.3f s CPU  %.2fx the floor\n", c2, c2 / f
	printf "  ripple'"'"'s own search (%4.1f %%)        %8.3f s  %.2fx bench/floor.c\n", 100 * i, i * c1, i * c1 / s
}'
