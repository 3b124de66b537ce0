#!/bin/sh
# Installs, from Debian's packages, the peers `make bench` runs against ripple and
# the tools it measures them with: python3-igraph, python3-networkx, python3-numpy,
# python3-scipy (for Debian's /usr/bin/python3), r-cran-sna (R's sna, with R) and
# GNU time (/usr/bin/time, wall time and peak memory).
# Idempotent: a machine that has them all is only checked, never touched.
set -eu

missing=""
need_py() {   # need_py MODULE DEBIAN_PACKAGE
	/usr/bin/python3 -c "import $1" >/dev/null 2>&1 || missing="$missing $2"
}
[ -x /usr/bin/python3 ] || missing="$missing python3"
need_py igraph python3-igraph
need_py networkx python3-networkx
need_py numpy python3-numpy
need_py scipy python3-scipy
{ command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressMessages(library(sna))' >/dev/null 2>&1; } ||
	missing="$missing r-cran-sna"
[ -x /usr/bin/time ] || missing="$missing time"

if [ -z "$missing" ]; then
	echo "bench deps: every peer is installed"
	exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "bench deps: need root (or sudo) to install:$missing" >&2; exit 1; }
	sudo="sudo"
fi
echo "bench deps: installing$missing"
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
