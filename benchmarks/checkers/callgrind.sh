#!/bin/sh
# Instruction counts of `bulwark check` under callgrind, side by side for
# one or more binaries on one compile database: the run-time comparison
# that this machine's noisy CPU times cannot make.
#
#   benchmarks/checkers/callgrind.sh DB_DIR BULWARK [BULWARK ...]
#
# DB_DIR holds compile_commands.json (benchmarks/checkers/run.sh writes one
# for the SQLite amalgamation; a subset of the Linux database from
# benchmarks/checkers/linux.sh for a few TUs).  Build each binary with gcc
# (CC=gcc cmake -DCMAKE_BUILD_TYPE=RelWithDebInfo ...): valgrind 3.19
# cannot read clang-19's DWARF 5.  Prints each binary's total instructions
# and how many findings it lists; the numbers in docs/performance-checkers.md come
# from this script.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 DB_DIR BULWARK [BULWARK ...]" >&2
    exit 2
fi
DB=$1
shift
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
n=0
for BW in "$@"; do
    n=$((n + 1))
    case $BW in /*) ;; *) BW=$(pwd)/$BW ;; esac
    (cd "$DB" && valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.$n" \
        "$BW" check --no-cache --no-progress --list-findings -j1 -p . > "$OUT/out.$n" 2> "$OUT/err.$n") || true
    total=$(grep -m1 '^summary:' "$OUT/cg.$n" | cut -d' ' -f2)
    echo "$BW: $total instructions, $(wc -l < "$OUT/out.$n") findings"
done
