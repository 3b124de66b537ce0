#!/bin/sh
# The batch's floor (issue 21: "CPU within 1.25x of the measured floor, the sum
# of the fused search, the Leiden runs and the permutations"), for the batch
# job of bench/run.py: PLACES generated places (default 80) of ACTORS actors
# (default 300) and five ties an actor, two waves, 1,000 permutations.
#
#   - the fused search: bench/floor.c on every place (its own reader and
#     search, no igraph; best of 3 runs a place), the CPU seconds summed; at
#     --jobs 2 the places in two halves side by side, as the batch's two
#     workers run, so both sides pay for sharing the machine;
#   - the Leiden runs and the permutations (QAP and the attendee test): the
#     CPU ripple itself spends in them (leiden_run: igraph_community_leiden and
#     the modularity of its partition; ripple_qap; attendee_test; the
#     permutation loops allocate nothing), as perf's share of a `ripple batch
#     --jobs J` (workers included) times that J's CPU seconds: those are
#     igraph's call and a bare loop, so ripple's time in them is their floor;
#   - ripple's CPU: `ripple batch DIR --permutations 1000 --jobs J` under GNU
#     time (user + system, best of RUNS, default 3), J = 1 and 2.
#
# Prints, for each J, the parts, the floor (their sum), ripple's CPU over the
# floor, and ripple's own search over bench/floor.c's.
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

floor_cpu() {   # floor_cpu LIST: CPU seconds of bench/floor.c on each place listed in LIST, summed
	t=0
	while read -r p; do
		c=$("$FLOOR" "$p" --runs 3 | awk -F, '$1 == "total" { print $5 }')
		t=$(awk -v a="$t" -v b="$c" 'BEGIN { printf "%.4f", a + b }')
	done <"$1"
	echo "$t"
}
ls -d "$d"/places/*/ >"$d/all"
awk 'NR % 2' "$d/all" >"$d/odd"
awk '!(NR % 2)' "$d/all" >"$d/even"
# one process; then two side by side, as a batch's two workers run
search1=$(floor_cpu "$d/all")
floor_cpu "$d/odd" >"$d/s_odd" &
floor_cpu "$d/even" >"$d/s_even"
wait
search2=$(awk '{ t += $1 } END { printf "%.4f", t }' "$d/s_odd" "$d/s_even")

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

# the shares of one batch at --jobs J in each part (the workers followed: perf
# lists a function once for each process, so its lines are added up), with
# inlined functions counted: "leiden qap attendee search" as fractions
shares() {
	perf record -q -F 2000 --call-graph dwarf,8192 -o "$d/perf.data" \
		"$RIPPLE" batch "$d/places" --permutations 1000 --jobs "$1" -o "$d/out.csv" \
		>/dev/null 2>&1
	perf report -q -i "$d/perf.data" --children --sort symbol --stdio -g none 2>/dev/null |
		awk '{ gsub("%", "", $1) } $3 == "[.]" { s[$4] += $1 / 100 }
			END { printf "%s %s %s %s\n", s["leiden_run"] + 0, s["ripple_qap"] + 0,
			      s["attendee_test"] + 0, s["search_from"] + 0 }'
}

printf 'batch of %d places x %d actors x 2 waves, 1,000 permutations, CPU seconds\n' \
	"$PLACES" "$ACTORS"
printf '%-5s %-9s %-9s %-13s %-9s %-9s %-10s %-9s\n' jobs search leiden permutations floor \
	ripple ripple/floor search/floor.c
for j in 1 2; do
	c=$(cpu "$j")
	if [ "$j" = 1 ]; then s=$search1; else s=$search2; fi
	shares "$j" | awk -v j="$j" -v s="$s" -v c="$c" '{
		l = $1 * c; p = ($2 + $3) * c; f = s + l + p
		printf "%-5s %-9.3f %-9.3f %-13.3f %-9.3f %-9.3f %-10.2f %-9.2f\n",
		       j, s, l, p, f, c, c / f, $4 * c / s }'
done
