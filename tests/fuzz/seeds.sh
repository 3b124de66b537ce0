#!/bin/sh
# Builds the seed corpora of the fuzz harnesses from the bundled CSV files:
#
#   tests/fuzz/seeds.sh OUT      (from the repository root)
#
# OUT/csv/      every CSV file of datasets/ and tests/ (places, bad cases, references)
# OUT/place/    every place folder there, packed as fuzz_place reads it (fuzz.h):
#               NUL-separated sections, each a tag byte and a file
# OUT/convert/  every Kumu and RippleFX folder, packed as fuzz_convert reads it
# OUT/mindmap/  every XMind (.xmind) and FreeMind (.mm) map, after the byte that picks
#               the reader of fuzz_mindmap (0 an XMind zip, 3 FreeMind), and the
#               content.json / content.xml of each XMind map alone (1, 2)
# OUT/db/       empty: the seeds of fuzz_db are database files, committed in
#               regressions/db/ (tests/fuzz/db_seeds.py makes them with a ripple binary)
#
# Seeds are generated, not committed (but for fuzz_db): they follow the datasets as those change.
# Bad cases are found wherever they live (tests/e2e/bad*, tests/bad*).
set -eu
out=$1
rm -rf "$out"
mkdir -p "$out/csv" "$out/place" "$out/convert" "$out/mindmap" "$out/db"

roots=
for r in datasets tests/e2e tests/bad tests/bad-kumu tests/bad-ripplefx tests/reference; do
	[ -d "$r" ] && roots="$roots $r"
done

# seed name: the path with / turned to _
name() { printf '%s' "$1" | tr '/ ' '__'; }

# pack OUT_FILE DIR TAG:FILE...: the files that exist, each as TAG, bytes, NUL
pack() {
	o=$1 d=$2
	shift 2
	: > "$o"
	for tf in "$@"; do
		t=${tf%%:*} f=${tf#*:}
		[ -f "$d/$f" ] || continue
		{ printf '%s' "$t"; cat "$d/$f"; printf '\000'; } >> "$o"
	done
	[ -s "$o" ] || rm -f "$o"
}

# shellcheck disable=SC2086
find $roots -type f -name '*.csv' | sort | while IFS= read -r f; do
	cp "$f" "$out/csv/$(name "$f")"
done

# shellcheck disable=SC2086
find $roots -type f -name '*.csv' | sed 's|/[^/]*$||' | sort -u | while IFS= read -r d; do
	# the Kumu and RippleFX file names, whatever case and prefix Google Sheets gave them
	el=$(cd "$d" && ls | grep -i 'elements\.csv$' | head -1 || true)
	co=$(cd "$d" && ls | grep -i 'connections\.csv$' | head -1 || true)
	no=$(cd "$d" && ls | grep -i 'nodes\.csv$' | head -1 || true)
	re=$(cd "$d" && ls | grep -i 'relationships\.csv$' | head -1 || true)
	if [ -n "$el$co" ]; then
		pack "$out/convert/$(name "$d")" "$d" "e:$el" "c:$co"
	elif [ -n "$no$re" ]; then
		pack "$out/convert/$(name "$d")" "$d" "n:$no" "l:$re"
	else
		pack "$out/place/$(name "$d")" "$d" p:place.csv a:actors.csv w:waves.csv \
		  t:ties.csv r:ripples.csv s:responses.csv
	fi
done
# the two example places once more as directed (the d section is --directed)
for d in datasets/northamptonshire datasets/imports/kumu-example; do
	[ -d "$d" ] || continue
	case $d in
	*kumu*) pack "$out/convert/$(name "$d")-directed" "$d" e:elements.csv c:connections.csv ;;
	*) pack "$out/place/$(name "$d")-directed" "$d" p:place.csv a:actors.csv w:waves.csv \
	     t:ties.csv r:ripples.csv s:responses.csv ;;
	esac
	f=$(ls "$out"/*/"$(name "$d")-directed")
	printf 'd\000' >> "$f"
done
# shellcheck disable=SC2086
find $roots -type f \( -name '*.xmind' -o -name '*.mm' \) | sort | while IFS= read -r f; do
	case $f in
	*.mm) { printf '\003'; cat "$f"; } > "$out/mindmap/$(name "$f")" ;;
	*)
		{ printf '\000'; cat "$f"; } > "$out/mindmap/$(name "$f")"
		if command -v unzip >/dev/null 2>&1; then
			unzip -p "$f" content.json > "$out/mindmap/tmp" 2>/dev/null &&
				{ printf '\001'; cat "$out/mindmap/tmp"; } > "$out/mindmap/$(name "$f")-json"
			unzip -p "$f" content.xml > "$out/mindmap/tmp" 2>/dev/null &&
				{ printf '\002'; cat "$out/mindmap/tmp"; } > "$out/mindmap/$(name "$f")-xml"
			rm -f "$out/mindmap/tmp"
		fi ;;
	esac
done
for h in csv place convert mindmap; do
	printf 'seeds: %s %s\n' "$(ls "$out/$h" | wc -l)" "$h"
done
