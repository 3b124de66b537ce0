#!/bin/sh
# Installs, from Debian's packages, whatever ripple needs that this machine lacks.
# Idempotent: a machine that has everything is only checked, never touched.
set -eu

missing=""
need_pc() {   # need_pc PKGCONFIG_NAME DEBIAN_PACKAGE
	if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$1"; then
		missing="$missing $2"
	fi
}
need_cmd() {  # need_cmd COMMAND DEBIAN_PACKAGE
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
need_cmd cc gcc
need_cmd make make
need_pc igraph libigraph-dev
need_pc libcgraph libgraphviz-dev
need_pc libgvc libgraphviz-dev
need_cmd dot graphviz
need_pc sqlite3 libsqlite3-dev
need_cmd sqlite3 sqlite3
need_pc cmocka libcmocka-dev
# the mind maps (ripple import --from xmind|freemind, export --format xmind|freemind)
need_pc libzip libzip-dev
need_pc jansson libjansson-dev
need_pc libxml-2.0 libxml2-dev
need_cmd python3 python3
# `make fuzz`: clang and its libFuzzer runtime (libclang-rt-dev, for Debian's default
# clang: libclang-rt-14-dev on bookworm). A clang that cannot link -fsanitize=fuzzer
# lacks the runtime. (`make test` does not need them: it replays with cc.)
if ! command -v clang >/dev/null 2>&1; then
	missing="$missing clang libclang-rt-dev"
elif ! printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; return (int)n * 0; }\n' |
	clang -fsanitize=fuzzer -x c - -o /dev/null >/dev/null 2>&1; then
	missing="$missing libclang-rt-dev"
fi
need_cmd valgrind valgrind
# make check-install renders the man page (man -l) and reads the soname (readelf)
need_cmd man man-db
need_cmd readelf binutils
# export.py reads GraphML and GEXF back with Debian's networkx and python-igraph
need_py() {   # need_py MODULE DEBIAN_PACKAGE
	/usr/bin/python3 -c "import $1" >/dev/null 2>&1 || missing="$missing $2"
}
need_py networkx python3-networkx
need_py igraph python3-igraph
# schemas.py validates every JSON output against docs/schema/*.json
need_py jsonschema python3-jsonschema
# The browser test of `ripple report` (tests/e2e/browser.py): headless Chromium prints
# the report to PDF, and poppler's pdftoppm turns the printed pages back into images;
# tests/e2e/pages.py reads the page size of a picture's PDF with poppler's pdfinfo.
# Wanted, not required: where they cannot be installed, that test is skipped and says so.
optional=""
command -v chromium >/dev/null 2>&1 || optional="$optional chromium"
command -v pdftoppm >/dev/null 2>&1 || optional="$optional poppler-utils"

if [ -z "$missing" ] && [ -z "$optional" ]; then
	echo "deps: everything is installed"
	exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		[ -z "$missing" ] || { echo "deps: need root (or sudo) to install:$missing" >&2; exit 1; }
		echo "deps: need root (or sudo) to install$optional: the browser test will be skipped" >&2
		exit 0
	fi
	sudo="sudo"
fi
$sudo apt-get update -qq
if [ -n "$missing" ]; then
	# one package may be named twice (libgraphviz-dev): install each once
	missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')
	echo "deps: installing $missing"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
if [ -n "$optional" ]; then
	echo "deps: installing$optional (for the browser test of the reports)"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $optional ||
		echo "deps: could not install$optional: the browser test of the reports will be skipped" >&2
fi
