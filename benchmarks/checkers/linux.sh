#!/bin/sh
# Benchmark of `bulwark check` against `clang-19 -fsyntax-only` on many TUs of
# Linux 6.1 (Debian's linux-source-6.1, x86_64 defconfig, LLVM=-19), each
# with the kernel's own compile command.  The kernel tree and its compile
# database come from benchmarks/realcode/run.sh (run it once first); nothing
# of the kernel is committed.
#
#   benchmarks/checkers/linux.sh [BULWARK] [WORK_DIR] [DIRS] [N]
#     BULWARK   the binary (default build/cli/bulwark; relative to here is fine)
#     WORK_DIR  scratch (default /tmp/bulwark-bench-linux)
#     DIRS      kernel directories whose .c files are taken (default "lib mm":
#               234 TUs, 186,069 lines in their .c files, what issue 3's
#               "at least 100k lines" is measured on)
#     N         at most this many TUs, in file-name order (default 1000)
# Environment: BULWARK_LINUX_TREE, the kernel tree with compile_commands.all.json
# (default /tmp/bw-realcode/linux-source-6.1, where realcode/run.sh puts it).
#
# Runs, over the same TUs, one after another:
#   clang:  clang-19 -fsyntax-only with each TU's exact flags (the compile
#           command without -c, -o and its dependency-file options), in the TU's
#           directory, one TU after another
#   cold:   bulwark check -p DB -j 1 with its cache removed first (the run
#           parses every TU and fills the cache)
#   warm:   the same command again (nothing changed)
# and prints CPU seconds (user+sys, children included), peak RSS and ratios.
# With BW_LINUX_ALSO=OTHER_BULWARK, then BW_LINUX_ROUNDS (default 3) rounds
# of clang, OTHER cold and BULWARK cold, side by side (see the end).
# Needs python3 (the compile database is JSON).
set -eu
BW=${1:-build/cli/bulwark}
WORK=${2:-/tmp/bulwark-bench-linux}
DIRS=${3:-lib mm}
N=${4:-1000}
TREE=${BULWARK_LINUX_TREE:-/tmp/bw-realcode/linux-source-6.1}
case $BW in /*) ;; *) BW=$(pwd)/$BW ;; esac
case ${BW_LINUX_ALSO:-/} in /*) ;; *) BW_LINUX_ALSO=$(pwd)/$BW_LINUX_ALSO ;; esac
if [ ! -f "$TREE/compile_commands.all.json" ]; then
    echo "linux.sh: $TREE/compile_commands.all.json missing: run benchmarks/realcode/run.sh first" >&2
    exit 2
fi
mkdir -p "$WORK/db"
WORK=$(realpath "$WORK")
cd "$WORK"

# The database bulwark reads, and the same commands as a shell script for
# clang.  Kbuild's -Wp,-MMD,<file> is dropped from both (bulwark keeps that
# form and libclang would try to write the dependency file); for clang the
# output options go too, and -fsyntax-only is added.
python3 - "$TREE/compile_commands.all.json" "$N" "$DIRS" db/compile_commands.json clang.sh <<'PY'
import json, shlex, sys
src, n, dirs, db_out, sh_out = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4], sys.argv[5]
rel = lambda e: e["file"].split("/linux-source-6.1/", 1)[-1]
db = json.load(open(src))
picked = sorted((e for e in db if rel(e).endswith(".c") and rel(e).split("/")[0] in dirs), key=rel)[:n]
out, lines = [], []
for e in picked:
    args = e["arguments"] if "arguments" in e else shlex.split(e["command"])
    args = [a for a in args if not a.startswith(("-Wp,-MMD,", "-Wp,-MD,"))]
    out.append({"directory": e["directory"], "file": e["file"], "arguments": args})
    syn, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
        elif a not in ("-c", "-MD", "-MMD") and not a.startswith(("-o", "-MF")):
            syn.append(a)
    syn.insert(1, "-fsyntax-only")
    lines.append("cd %s && %s" % (shlex.quote(e["directory"]), " ".join(map(shlex.quote, syn))))
json.dump(out, open(db_out, "w"), indent=1)
open(sh_out, "w").write("set -e\n" + "\n".join(lines) + "\n")
PY
tus=$(grep -c '^cd ' clang.sh)
lines=$(python3 -c '
import json, sys
print(sum(sum(1 for _ in open(e["file"], errors="replace")) for e in json.load(open(sys.argv[1]))))' db/compile_commands.json)
echo "input: $tus TUs from $DIRS, $lines lines in their .c files (headers not counted)"

measure() { # label, command...
    label=$1
    shift
    rc=0
    /usr/bin/time -f "%U %S %M" -o time.txt "$@" > "out-$label.txt" 2> "err-$label.txt" || rc=$?
    read -r u s m <<EOT
$(tail -n 1 time.txt)
EOT
    cpu=$(echo "$u + $s" | bc)
    echo "$label: cpu ${cpu}s (user $u, sys $s), peak RSS $((m / 1024)) MiB, exit $rc"
    case $label in
    clang) cpu_clang=$cpu ;;
    cold) cpu_cold=$cpu ;;
    warm) cpu_warm=$cpu ;;
    esac
}
measure clang sh clang.sh
rm -f db/bulwark-cache.db db/bulwark-cache.db-wal db/bulwark-cache.db-shm
measure cold "$BW" check -p db -j 1 --no-progress --stats
measure warm "$BW" check -p db -j 1 --no-progress --stats
grep -h '^bulwark: ' err-cold.txt err-warm.txt || true
echo "findings: $(grep -c ': \(error\|warning\|note\): .*\[BW-' out-cold.txt || true)"
echo "ratio cold/clang: $(echo "scale=2; $cpu_cold / $cpu_clang" | bc)"
echo "ratio warm/clang: $(echo "scale=2; $cpu_warm / $cpu_clang" | bc)"

# BW_LINUX_ALSO=OTHER_BULWARK [BW_LINUX_ROUNDS=N, default 3]: then N rounds
# of clang, OTHER's cold run and BULWARK's cold run (no cache), one after
# another, so that a before/after comparison is made side by side on a
# machine whose speed drifts: only ratios within a round compare.
if [ -n "${BW_LINUX_ALSO:-}" ]; then
    r=1
    while [ "$r" -le "${BW_LINUX_ROUNDS:-3}" ]; do
        measure clang sh clang.sh
        measure cold "$BW_LINUX_ALSO" check -p db -j 1 --no-progress --no-cache
        other=$cpu_cold
        measure cold "$BW" check -p db -j 1 --no-progress --no-cache
        echo "round $r: clang ${cpu_clang}s, other $(echo "scale=2; $other / $cpu_clang" | bc)x, this $(echo "scale=2; $cpu_cold / $cpu_clang" | bc)x, this/other $(echo "scale=3; $cpu_cold / $other" | bc)"
        r=$((r + 1))
    done
fi
