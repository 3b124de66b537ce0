#!/bin/sh
# tests/install/run.sh DESTDIR PREFIX: checks a `make install DESTDIR=... PREFIX=...`
# (make check-install installs into a fresh temporary DESTDIR and calls this):
#   1. the files are there: ripple, libripple.so -> .so.0 -> .so.X.Y.Z with soname
#      libripple.so.0, libripple.a, the headers, ripple.pc, ripple.1, the completion;
#   2. every installed header compiles alone, with nothing but the installed include
#      folder on the path (no header of the source tree, no private header), and
#      libripple.so exports exactly what those headers name;
#   3. tests/install/count_ties.c builds with `pkg-config --cflags --libs ripple`
#      (PKG_CONFIG_PATH and PKG_CONFIG_SYSROOT_DIR pointing into DESTDIR), links the
#      shared library, runs (LD_LIBRARY_PATH into DESTDIR) and prints the actors and
#      ties of Northamptonshire's waves as counted here, in Python, from the CSV files;
#      the same program linked with libripple.a (and the libraries of ripple.pc's
#      Requires.private) prints the same;
#   4. the man page renders (man -l) and lists, for each command, every option its
#      --help prints, and the completion offers them (tests/install/manual.py).
set -eu
cd "$(dirname "$0")/../.."
dest=$1
prefix=$2
root=$dest$prefix
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-install: $*" >&2; exit 1; }

# 1. the files
version=$(sed -n 's/^#define RIPPLE_VERSION "\(.*\)"/\1/p' engine/include/ripple/error.h)
major=${version%%.*}
for f in bin/ripple lib/libripple.a "lib/libripple.so.$version" include/ripple.h \
         include/ripple/model.h lib/pkgconfig/ripple.pc share/man/man1/ripple.1 \
         share/bash-completion/completions/ripple; do
	[ -f "$root/$f" ] || fail "make install did not install $prefix/$f"
done
[ "$(readlink "$root/lib/libripple.so")" = "libripple.so.$major" ] ||
	fail "libripple.so does not point to libripple.so.$major"
[ "$(readlink "$root/lib/libripple.so.$major")" = "libripple.so.$version" ] ||
	fail "libripple.so.$major does not point to libripple.so.$version"
readelf -d "$root/lib/libripple.so.$version" | grep -q "SONAME.*\[libripple.so.$major\]" ||
	fail "libripple.so.$version has no soname libripple.so.$major"
# the same headers as the source tree's public ones, no more, no fewer
(cd engine/include && find . -name '*.h' | sort) > "$work/source-headers"
(cd "$root/include" && find ./ripple.h ./ripple -name '*.h' | sort) > "$work/installed-headers"
cmp -s "$work/source-headers" "$work/installed-headers" ||
	fail "the installed headers differ from engine/include: $(diff "$work/source-headers" "$work/installed-headers" | tr '\n' ' ')"
echo "install: files, symlinks and soname libripple.so.$major ok"

# 2. each header alone
n=0
for h in $(cat "$work/installed-headers"); do
	h=${h#./}
	printf '#include <%s>\nint ripple_check_header_%d;\n' "$h" "$n" |
		${CC:-cc} -std=c11 -Wall -Wextra -Werror -pedantic -fsyntax-only -nostdinc \
		  -isystem "$(${CC:-cc} -print-file-name=include)" -isystem /usr/include \
		  -isystem "/usr/include/$(${CC:-cc} -dumpmachine)" \
		  -I"$root/include" -x c - ||
		fail "$h does not compile alone from $prefix/include"
	n=$((n + 1))
done
echo "install: $n headers compile alone from the installed include folder"

# the shared library exports the API the headers name, and nothing else
nm -D --defined-only "$root/lib/libripple.so.$version" | awk 'NF == 3 { print $3 }' | sort -u \
	> "$work/exported"
grep -rohE '\bripple_[A-Za-z0-9_]+' "$root/include" | sort -u > "$work/named"
extra=$(comm -23 "$work/exported" "$work/named" | tr '\n' ' ')
[ -z "$extra" ] || fail "libripple.so exports what no installed header names: $extra"
nm -g --defined-only "$root/lib/libripple.a" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u \
	> "$work/defined"
missing=$(comm -12 "$work/defined" "$work/named" | comm -23 - "$work/exported" | tr '\n' ' ')
[ -z "$missing" ] || fail "libripple.so hides what the headers name: $missing"
echo "install: libripple.so exports the $(wc -l < "$work/exported") functions and data the headers name, no more"

# 3. a program built against the installed library with pkg-config
export PKG_CONFIG_PATH="$root/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$dest"
cflags=$(pkg-config --cflags ripple) || fail "pkg-config --cflags ripple failed"
libs=$(pkg-config --libs ripple) || fail "pkg-config --libs ripple failed"
case "$cflags $libs" in
	*"$dest"*) ;;
	*) fail "pkg-config's flags do not point into DESTDIR: $cflags $libs" ;;
esac
case " $cflags " in
	*" -I$(pwd)"*|*engine/include*) fail "pkg-config names the source tree: $cflags" ;;
esac
${CC:-cc} -std=c11 -Wall -Wextra -Werror $cflags tests/install/count_ties.c $libs \
	-o "$work/count_ties" || fail "count_ties.c does not build with: $cflags $libs"
echo "install: count_ties.c built with pkg-config's $cflags $libs" | sed "s|$dest|\$DESTDIR|g"
readelf -d "$work/count_ties" | grep -q "NEEDED.*\[libripple.so.$major\]" ||
	fail "count_ties is not linked with libripple.so.$major"
# libripple.a, with the libraries ripple.pc names in Requires.private and Libs.private
# (shared: Debian ships no static GLPK, ARPACK or plfit for a fully static igraph)
requires=$(pkg-config --print-requires-private ripple | awk '{print $1}' | tr '\n' ' ')
[ -n "$requires" ] || fail "ripple.pc has no Requires.private"
static_libs="$root/lib/libripple.a $(PKG_CONFIG_SYSROOT_DIR= pkg-config --libs $requires) -lm"
${CC:-cc} -std=c11 -Wall -Wextra -Werror $cflags tests/install/count_ties.c $static_libs \
	-o "$work/count_ties_static" || fail "count_ties.c does not link with libripple.a: $static_libs"
if readelf -d "$work/count_ties_static" | grep -q 'NEEDED.*libripple'; then
	fail "count_ties_static needs libripple.so"
fi

place=datasets/northamptonshire
for wave in before after; do
	# the truth from the CSV files: every actor of actors.csv; a tie is a pair of actors
	# named together on a row of ties.csv at the wave (the place is undirected)
	want=$(python3 - "$place" "$wave" <<'PY'
import csv, sys
folder, wave = sys.argv[1], sys.argv[2]
with open(folder + "/actors.csv", newline="") as f:
    actors = sum(1 for _ in csv.DictReader(f))
with open(folder + "/ties.csv", newline="") as f:
    pairs = {frozenset((r["source"], r["target"])) for r in csv.DictReader(f) if r["wave"] == wave}
print("Northamptonshire %s actors %d ties %d" % (wave, actors, len(pairs)))
PY
)
	got=$(LD_LIBRARY_PATH="$root/lib" "$work/count_ties" "$place" "$wave") ||
		fail "count_ties $place $wave failed"
	[ "$got" = "$want" ] || fail "count_ties printed \"$got\", the CSV files say \"$want\""
	got=$("$work/count_ties_static" "$place" "$wave") || fail "count_ties_static failed"
	[ "$got" = "$want" ] || fail "count_ties_static printed \"$got\", the CSV files say \"$want\""
	echo "install: count_ties (shared and static) prints \"$got\""
done
# the program really runs on the installed library: without it the loader refuses
if env -u LD_LIBRARY_PATH "$work/count_ties" "$place" before >/dev/null 2>&1 &&
   ! ldconfig -p 2>/dev/null | grep -q 'libripple.so'; then
	fail "count_ties ran without the installed libripple.so"
fi

# 4. the man page and the completion against --help
python3 tests/install/manual.py "$root/bin/ripple" "$root/share/man/man1/ripple.1" \
	"$root/share/bash-completion/completions/ripple"
