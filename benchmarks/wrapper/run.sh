#!/usr/bin/env bash
# Wrapper overhead benchmark: builds a real C project through bulwark-cc and
# through plain clang-19 with the same flags at -j2, and reports the CPU time
# (user+sys of every process) and wall time of each build.
#
#   benchmarks/wrapper/run.sh <bulwark build dir> [libiberty]
#
# libiberty is the binutils directory that configures and builds on its own
# (66 TUs); bfd and opcodes need libsframe and a generated bfd.h from a
# top-level build, whose sub-configures would then be timed too.
#
# The project comes from Debian's binutils-source (installed on demand with
# apt-get when missing) and is unpacked under $BENCH_DIR (default
# /tmp/bulwark-bench); nothing third-party is ever copied into the repository.
# Each build is run from a clean tree; configure is run before the timing.
set -euo pipefail
build=$(realpath "${1:?usage: run.sh <bulwark build dir> [libiberty]}")
project=${2:-libiberty}
[ "$project" = libiberty ] || { echo "run.sh: only libiberty builds on its own (see the header)" >&2; exit 2; }
jobs=${JOBS:-2}
cflags=${BENCH_CFLAGS:--O2 -g}
bench=${BENCH_DIR:-/tmp/bulwark-bench}
clang=${BENCH_CC:-clang-19}
wrapper=$build/wrapper/bulwark-cc
[ -x "$wrapper" ] || { echo "run.sh: $wrapper not built" >&2; exit 2; }

tarball=$(ls /usr/src/binutils/binutils-*.tar.* 2>/dev/null | head -1 || true)
if [ -z "$tarball" ]; then
    echo "run.sh: installing Debian's binutils-source (the benchmark's input)" >&2
    apt-get install -y -qq binutils-source >/dev/null
    tarball=$(ls /usr/src/binutils/binutils-*.tar.* | head -1)
fi
mkdir -p "$bench"
src=$bench/$(basename "$tarball" | sed 's/\.tar\..*//')
[ -d "$src" ] || tar -C "$bench" -xf "$tarball"

# cpu_time <dir> <command...>: runs the command in dir, prints "user sys wall"
cpu_time() {
    python3 - "$@" <<'PY'
import os, resource, subprocess, sys, time
d, cmd = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
r = subprocess.run(cmd, cwd=d, stdout=subprocess.DEVNULL, stderr=open(os.path.join(d, "build.log"), "w"))
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
if r.returncode != 0:
    sys.exit("build failed (%d): see %s/build.log" % (r.returncode, d))
print("%.2f %.2f %.2f" % (ru.ru_utime, ru.ru_stime, wall))
PY
}

configure_one() { # <name> <CC>
    local dir=$bench/$1
    rm -rf "$dir"
    mkdir -p "$dir"
    printf 'version: 1\n' > "$dir/.bulwark.yaml"
    (cd "$dir" && "$src/$project/configure" CC="$2" CFLAGS="$cflags" >configure.log 2>&1) \
        || { echo "configure failed: $dir/configure.log" >&2; exit 1; }
}

unset BULWARK_OFF BULWARK_OFF_REASON BULWARK_WERROR BULWARK_DB BULWARK_CACHE BULWARK_CHECK_IN
# Variants: the full wrapper, and diagnostic ones that show where the time
# goes (VARIANTS="full" runs only the first): the plugin alone, the checkers
# without cross-TU context, the checkers in the wrapper's own process
# instead of inside the compile (docs/wrapper.md, "Where the checkers run").
variants=${VARIANTS:-"full hardening-only no-context checks-in-wrapper"}
configure_one plain "$clang"
read -r pu ps pw < <(cpu_time "$bench/plain" make -j"$jobs")
echo "project:   binutils $(basename "$src") $project"
echo "flags:     CFLAGS='$cflags', make -j$jobs, $(nproc) CPUs"
printf '%-26s %8s %8s %8s %9s %9s  %s\n' build user sys wall "cpu-ratio" "wall-ratio" "TUs recorded"
printf '%-26s %8s %8s %8s %9s %9s\n' "plain $clang" "$pu" "$ps" "$pw" 1.00 1.00
for v in $variants; do
    case $v in
    full) envs=() ;;
    hardening-only) envs=(BULWARK_OFF=checkers "BULWARK_OFF_REASON=benchmark: wrapper and plugin cost alone") ;;
    no-context) envs=(BULWARK_CACHE=none) ;;
    checks-in-wrapper) envs=(BULWARK_CHECK_IN=wrapper) ;;
    *) echo "unknown variant $v" >&2; exit 2 ;;
    esac
    configure_one "bulwark-$v" "$wrapper"
    # each compile appends where its CPU went (docs/wrapper.md, BULWARK_TIMINGS)
    envs+=("BULWARK_TIMINGS=$bench/bulwark-$v/timings.jsonl")
    read -r bu bs bw < <(cpu_time "$bench/bulwark-$v" env "${envs[@]}" make -j"$jobs")
    db=$bench/bulwark-$v/.bulwark/tracker.db
    tus=$(sqlite3 "$db" "SELECT count(*) || ' (' || sum(hardened) || ' hardened, ' || (SELECT count(*) FROM findings) || ' findings)' FROM tu_records")
    ratio=$(python3 -c "print('%.2f' % (($bu+$bs)/($pu+$ps)))")
    wratio=$(python3 -c "print('%.2f' % ($bw/$pw))")
    printf '%-26s %8s %8s %8s %8sx %8sx  %s\n' "bulwark $v" "$bu" "$bs" "$bw" "$ratio" "$wratio" "$tus"
done
echo "target: full <= 1.5x CPU of plain"
echo
echo "where the CPU went (BULWARK_TIMINGS summed over the compiles, seconds; the wrapper's"
echo "stages, then the real compiler; 'plain' is the plain build's CPU, make and shells included):"
python3 - "$bench" "$pu" "$ps" $variants <<'PY'
import json, os, sys
bench, pu, ps, variants = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4:]
stages = ["start", "setup", "load", "parse", "analysis", "report", "record", "wrapper", "compiler"]
print("%-26s %5s " % ("build", "TUs") + " ".join("%8s" % s for s in stages))
for v in variants:
    path = os.path.join(bench, "bulwark-" + v, "timings.jsonl")
    tot, n = dict.fromkeys(stages, 0), 0
    for line in open(path):
        cpu = json.loads(line)["cpu_ms"]
        n += 1
        for s in stages:
            tot[s] += cpu.get(s, 0)
    print("%-26s %5d " % ("bulwark " + v, n) + " ".join("%8.2f" % (tot[s] / 1000.0) for s in stages))
print("plain: %.2f s CPU in all" % (pu + ps))
PY
