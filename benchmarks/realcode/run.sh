#!/bin/sh
# `bulwark check`, every rule (no config: all rules on), over real code no
# test was written for, with an AddressSanitizer + UndefinedBehaviorSanitizer
# build of Bulwark:
#   1. the SQLite amalgamation shipped in the npm package better-sqlite3
#      (one TU of ~270k lines),
#   2. N translation units of Linux 6.1 (Debian's linux-source-6.1), with the
#      kernel's own compile commands (x86_64 defconfig, LLVM=-19).
# For each: completion (exit 0 or 1), sanitizer reports (none allowed), TUs
# that did not parse, findings, wall/CPU time and peak RSS (/usr/bin/time -v).
# Third-party code is fetched/unpacked into WORK_DIR at run time and never
# committed.  When a run crashes or hangs, each TU is run alone to name it.
#
#   benchmarks/realcode/run.sh [BULWARK] [WORK_DIR] [LINUX_TUS] [LINUX_DIRS]
#     BULWARK     an ASan+UBSan `bulwark` (default build-asan/cli/bulwark:
#                 cmake -DBULWARK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
#     WORK_DIR    scratch (default /tmp/bulwark-bench-realcode)
#     LINUX_TUS   how many kernel TUs (default 300, in file-name order)
#     LINUX_DIRS  kernel directories built for their commands (default "lib mm")
# Needs: npm; as root once: apt-get install linux-source-6.1 flex bison bc
# lld-19 (the kernel's generated headers and .cmd files come from its own
# build).  Environment: BULWARK_BENCH_JOBS (default nproc), BULWARK_BENCH_TIMEOUT
# (seconds per run, default 3600).
set -eu
BW=$(realpath "${1:-build-asan/cli/bulwark}")
WORK=${2:-/tmp/bulwark-bench-realcode}
NLINUX=${3:-300}
DIRS=${4:-lib mm}
JOBS=${BULWARK_BENCH_JOBS:-$(nproc)}
LIMIT=${BULWARK_BENCH_TIMEOUT:-3600}
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
nm "$BW" 2>/dev/null | grep -q __asan_init || echo "warning: $BW is not an AddressSanitizer build" >&2

# measure <label> <compile-db dir>: one `bulwark check` run.
measure() {
    label=$1 dir=$2 out=$WORK/results/${BULWARK_BENCH_TAG:-}$1
    rm -rf "$out"
    mkdir -p "$out"
    cd "$dir"
    ASAN_OPTIONS="detect_leaks=1:exitcode=99:log_path=$out/asan" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=99:log_path=$out/ubsan" \
        /usr/bin/time -v -o "$out/time.txt" timeout "$LIMIT" \
        "$BW" check -p "$dir" --no-cache --no-progress --stats -j "$JOBS" --format json -o "$out/findings.json" \
        >"$out/stdout.txt" 2>"$out/stderr.txt" || true
    rc=$(sed -n 's/^[[:space:]]*Exit status: //p' "$out/time.txt")
    [ -n "$rc" ] || rc=$(sed -n 's/^Command terminated by signal /signal /p' "$out/time.txt")
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$out/time.txt")
    wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt")
    user=$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$out/time.txt")
    sys=$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$out/time.txt")
    reports=$(cat "$out"/asan.* "$out"/ubsan.* 2>/dev/null | grep -cE 'ERROR: (Address|Leak)Sanitizer|runtime error:' || true)
    findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$out/findings.json" 2>/dev/null || echo "?")
    tus=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$dir/compile_commands.json")
    stats=$(grep -iE 'parsed|failed|functions' "$out/stderr.txt" | tr '\n' ' ' | tr -s ' ')
    case $rc in
    0|1) state=completed ;;
    99) state="STOPPED by a sanitizer report" ;;
    124) state="HUNG (killed after ${LIMIT}s)" ;;
    *) state="FAILED (exit $rc)" ;;
    esac
    echo "$label: $tus TUs: $state; sanitizer reports: $reports; findings: $findings; wall $wall, cpu ${user}s user + ${sys}s sys; peak RSS $((rss / 1024)) MiB"
    echo "$label: engine: $stats"
    if [ "$reports" != 0 ]; then
        cat "$out"/asan.* "$out"/ubsan.* 2>/dev/null | head -40
    fi
    if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
        tail -20 "$out/stderr.txt"
        echo "$label: running each TU alone to find the one that fails"
        python3 - "$dir/compile_commands.json" "$out/one" <<'PY' > "$out/singles.txt"
import json, os, sys
db, base = sys.argv[1], sys.argv[2]
for i, e in enumerate(json.load(open(db))):
    d = "%s/%d" % (base, i)
    os.makedirs(d, exist_ok=True)
    json.dump([e], open(d + "/compile_commands.json", "w"))
    print(d, os.path.join(e["directory"], e["file"]))
PY
        while read -r d file; do
            one=0
            ASAN_OPTIONS=detect_leaks=1:exitcode=99 UBSAN_OPTIONS=halt_on_error=1:exitcode=99 \
                timeout 300 "$BW" check -p "$d" --no-cache --no-progress -j 1 \
                >/dev/null 2>"$d/stderr.txt" || one=$?
            [ "$one" -le 1 ] || echo "$label: $file: exit $one: $(grep -m1 -E 'ERROR|runtime error|internal|time limit' "$d/stderr.txt")"
        done < "$out/singles.txt"
    fi
}

# ---- 1. SQLite amalgamation -------------------------------------------------------
mkdir -p "$WORK/sqlite"
cd "$WORK/sqlite"
if [ ! -f sqlite3.c ]; then
    npm pack better-sqlite3@12 >/dev/null 2>&1
    tar xzf better-sqlite3-*.tgz package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
    mv package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h .
    rm -rf package better-sqlite3-*.tgz
fi
printf '[{"directory": "%s", "file": "sqlite3.c", "arguments": ["clang-19", "-DSQLITE_THREADSAFE=1", "-DSQLITE_ENABLE_FTS5", "-DSQLITE_ENABLE_JSON1", "-c", "sqlite3.c", "-o", "sqlite3.o"]}]\n' \
    "$WORK/sqlite" > compile_commands.json
echo "sqlite: $(wc -l < sqlite3.c) lines in sqlite3.c"
measure sqlite "$WORK/sqlite"

# ---- 2. Linux 6.1 -----------------------------------------------------------------------
SRC=/usr/src/linux-source-6.1.tar.xz
if [ ! -f "$SRC" ]; then
    echo "linux: $SRC missing: apt-get install linux-source-6.1 (as root)" >&2
    exit 2
fi
cd "$WORK"
[ -d linux-source-6.1 ] || tar xf "$SRC"
cd linux-source-6.1
if [ ! -f compile_commands.all.json ]; then
    [ -f .config ] || make LLVM=-19 defconfig >/dev/null
    make LLVM=-19 -j"$JOBS" prepare >/dev/null
    # the kernel's own commands for these directories: build them, then its generator
    # shellcheck disable=SC2086
    make LLVM=-19 -j"$JOBS" -k $(for d in $DIRS; do printf '%s/ ' "$d"; done) >/dev/null 2>&1 || true
    python3 scripts/clang-tools/gen_compile_commands.py -d . -o compile_commands.all.json
fi
mkdir -p "$WORK/linux-db"
# Kbuild writes dependency files with -Wp,-MMD,<file>: bulwark does not drop
# that form (it drops -MD/-MF), and libclang then fails every TU trying to
# write mm/.x.o.d relative to another directory — so it is removed here.
python3 - compile_commands.all.json "$NLINUX" "$DIRS" > "$WORK/linux-db/compile_commands.json" <<'PY'
import json, shlex, sys
db, n, dirs = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3].split()
rel = lambda e: e["file"].split("/linux-source-6.1/", 1)[-1]
picked = sorted((e for e in db if rel(e).endswith(".c") and rel(e).split("/")[0] in dirs), key=rel)[:n]
out = []
for e in picked:
    args = e["arguments"] if "arguments" in e else shlex.split(e["command"])
    args = [a for a in args if not a.startswith(("-Wp,-MMD,", "-Wp,-MD,"))]
    out.append({"directory": e["directory"], "file": e["file"], "arguments": args})
json.dump(out, sys.stdout, indent=1)
PY
echo "linux: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/linux-db/compile_commands.json") TUs from $DIRS ($(python3 -c '
import json, sys
db = json.load(open(sys.argv[1]))
print(sum(sum(1 for _ in open(e["file"], errors="replace")) for e in db))' "$WORK/linux-db/compile_commands.json") lines in the .c files)"
measure linux "$WORK/linux-db"
