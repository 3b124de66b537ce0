#!/bin/sh
# Every ripple command once under valgrind's memcheck, on the example places:
# no invalid read or write, no use of uninitialised memory, no leak (definite or
# indirect) outside the libraries tests/valgrind.supp names. The unit tests run
# under valgrind too (make valgrind-run); this covers the CLI around them.
#
#   RIPPLE=build/release/ripple tests/e2e/valgrind.sh
#
# Prints `ok - command` or `not ok - command` (with valgrind's report) per
# command and exits 1 when one failed.
set -u
cd "$(dirname "$0")/../.."
RIPPLE=${RIPPLE:-build/release/ripple}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
NORTH=datasets/northamptonshire
STOCKTON=datasets/stockton-on-tees
DB=$W/study.db
npass=0
nfail=0
start=$(date +%s)

vg() {   # vg NAME ARGS...: runs ripple ARGS under memcheck; a non-zero exit of ripple fails too
	name=$1
	shift
	if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--child-silent-after-fork=yes --suppressions=tests/valgrind.supp \
		"$RIPPLE" "$@" >"$W/out" 2>"$W/err"; then st=0; else st=$?; fi
	if [ "$st" -eq 0 ]; then
		npass=$((npass + 1))
		echo "ok - valgrind: ripple $name"
	else
		nfail=$((nfail + 1))
		echo "not ok - valgrind: ripple $name (exit $st; 99: valgrind found errors)"
		sed 's/^/#   /' "$W/err" | head -40
	fi
}

vg "import (two places, a new database)" import "$DB" "$NORTH" "$STOCKTON"
vg "import --replace" import "$DB" "$NORTH" --replace
vg "import --from kumu" import "$DB" --from kumu datasets/imports/kumu-example
vg "import --from ripplefx" import "$DB" --from ripplefx datasets/imports/ripplefx-example
vg "check" check datasets
vg "places" places "$DB"
vg "metrics --nodes --format json" metrics "$DB" Northamptonshire --nodes --format json
vg "compare" compare "$DB" Northamptonshire --from before --to after --permutations 200
vg "map" map "$DB" Northamptonshire -o "$W/map.svg"
vg "draw --from --to (PNG)" draw "$DB" Northamptonshire --from before --to after -o "$W/change.png"
vg "batch --jobs 2" batch "$DB" --jobs 2 --permutations 100 -o "$W/batch.csv"
vg "batch of a folder --long" batch datasets/leading-places --long --permutations 50 -o "$W/long.csv"
vg "export graphml" export "$DB" Northamptonshire --wave after --format graphml -o "$W/n.graphml"
vg "export gexf" export "$DB" Northamptonshire --format gexf -o "$W/n.gexf"
vg "export --format kumu" export "$DB" Northamptonshire --format kumu -o "$W/kumu"
vg "report" report "$DB" Northamptonshire --permutations 100 -o "$W/report.html"
vg "report --summary" report "$DB" --summary -o "$W/summary.html"
# a refusal takes the error paths
if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--suppressions=tests/valgrind.supp "$RIPPLE" import "$DB" tests/bad/place/several \
	>"$W/out" 2>"$W/err"; then st=0; else st=$?; fi
if [ "$st" -eq 2 ]; then
	npass=$((npass + 1)); echo "ok - valgrind: ripple import of a bad folder (exit 2, clean)"
else
	nfail=$((nfail + 1)); echo "not ok - valgrind: ripple import of a bad folder (exit $st, want 2)"
	sed 's/^/#   /' "$W/err" | head -40
fi
echo "# valgrind: $npass passed, $nfail failed in $(( $(date +%s) - start ))s ($RIPPLE)"
[ "$nfail" -eq 0 ]
