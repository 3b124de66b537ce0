#!/bin/sh
# The floor of the path work (issue 21): for generated places of SIZES actors
# (default 300 4000 20000; five ties an actor, two waves), the bare fused
# search of bench/floor.c (one process, best of FLOOR_RUNS, default 3; 1 at
# 20,000 actors) beside ripple's path work: `ripple metrics PLACE --nodes`
# minus the same with `--sample 0` (the path measures left out), at --jobs 1
# and 2, in wall and CPU (user + system) seconds. make bench-floor
set -eu
cd "$(dirname "$0")/.."
RIPPLE=${RIPPLE:-./build/release/ripple}
FLOOR=${FLOOR:-./build/release/bench/floor}
SIZES=${SIZES:-"300 4000 20000"}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

run() {   # run OUT COMMAND...: "wall cpu" of one run into OUT
	out=$1
	shift
	/usr/bin/time -f "%e %U %S" -o "$d/t" "$@" >/dev/null
	awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$d/t" >"$out"
}

printf '%-7s %-6s %-12s %-12s %-12s %-7s\n' actors jobs floor_cpu_s path_wall_s path_cpu_s cpu/floor
for n in $SIZES; do
	python3 datasets/generate.py "$d/p$n" --actors "$n" --ties $((5 * n)) --waves 2 >/dev/null
	p=$d/p$n/place-001
	runs=${FLOOR_RUNS:-3}
	[ "$n" -lt 20000 ] || runs=${FLOOR_RUNS:-1}
	floor=$("$FLOOR" "$p" --runs "$runs" | awk -F, '$1 == "total" { print $5 }')
	for j in 1 2; do
		run "$d/all" "$RIPPLE" metrics "$p" --nodes --jobs "$j"
		run "$d/none" "$RIPPLE" metrics "$p" --nodes --jobs "$j" --sample 0
		paste "$d/all" "$d/none" | awk -v n="$n" -v j="$j" -v f="$floor" \
			'{ w = $1 - $3; c = $2 - $4; printf "%-7s %-6s %-12.3f %-12.3f %-12.3f %-7.2f\n", n, j, f, w, c, c / f }'
	done
done
