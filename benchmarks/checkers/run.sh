#!/bin/sh
# Benchmark of `bulwark check` against `clang-19 -fsyntax-only` on the SQLite
# amalgamation (~270k lines) that the npm package better-sqlite3 ships.
# Third-party code is fetched into a scratch directory and never committed.
#
#   benchmarks/checkers/run.sh [BULWARK_BINARY] [WORK_DIR]
#
# Prints CPU seconds (user+sys), peak RSS and the findings; the numbers in
# docs/performance-checkers.md come from this script.
set -eu
BW=${1:-build/cli/bulwark}
WORK=${2:-/tmp/bulwark-bench-checkers}
# the script works in WORK: a binary named relative to here must still be found
case $BW in /*) ;; *) BW=$(pwd)/$BW ;; esac
FLAGS="-DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_JSON1"
mkdir -p "$WORK"
cd "$WORK"
if [ ! -f sqlite3.c ]; then
    npm pack better-sqlite3@12 >/dev/null 2>&1
    tar xzf better-sqlite3-*.tgz package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
    mv package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h .
    rm -rf package better-sqlite3-*.tgz
fi
echo "input: $(wc -l < sqlite3.c) lines in sqlite3.c"
# one TU, as a build would compile it
printf '[{"directory": "%s", "file": "sqlite3.c", "arguments": ["clang-19", %s, "-c", "sqlite3.c", "-o", "sqlite3.o"]}]\n' \
    "$WORK" "$(echo $FLAGS | sed 's/\([^ ]*\)/"\1"/g; s/ /, /g')" > compile_commands.json
measure() { # label, command...
    label=$1
    shift
    /usr/bin/time -f "%U %S %M" -o time.txt "$@" > out.txt 2> err.txt || true
    read -r u s m <<EOT
$(tail -n 1 time.txt)
EOT
    cpu=$(echo "$u + $s" | bc)
    echo "$label: cpu ${cpu}s (user $u, sys $s), peak RSS $((m / 1024)) MiB"
    eval "cpu_$(echo "$label" | tr -c 'a-z0-9\n' '_')=$cpu"
}
measure clang clang-19 -fsyntax-only $FLAGS sqlite3.c
rm -f bulwark-cache.db bulwark-cache.db-wal bulwark-cache.db-shm
measure cold "$BW" check -p . --no-cache --list-findings -j 1
cp out.txt findings.txt
measure fill "$BW" check -p . --list-findings -j 1
measure warm "$BW" check -p . --list-findings -j 1 --stats
grep -h "from cache" err.txt || true
echo "findings: $(wc -l < findings.txt)"
awk '{print $2}' findings.txt | sort | uniq -c
echo "ratio cold/clang: $(echo "scale=2; $cpu_cold / $cpu_clang" | bc)"
echo "ratio warm/clang: $(echo "scale=2; $cpu_warm / $cpu_clang" | bc)"
