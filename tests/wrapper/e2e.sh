#!/usr/bin/env bash
# End-to-end tests of bulwark-cc / bulwark-c++ / bulwark-launch on real
# builds (make, autotools, CMake, meson), the installed CMake package and
# pkg-config file, and a parallel-build stress test.
#
#   e2e.sh <case>
# Environment (tests/wrapper/CMakeLists.txt sets it):
#   BW_WRAPPER_DIR  directory of the built wrappers
#   BW_CLI          the built `bulwark` driver
#   BW_CLANG BW_CLANGXX  the plain compilers to compare with
#   BW_SRC          tests/wrapper in the source tree
#   BW_WORK         scratch directory for this case
#   BW_BUILD        the Bulwark build tree (for the install test)
set -euo pipefail

case_name=${1:?usage: e2e.sh <case>}
W=$BW_WRAPPER_DIR
P=$BW_SRC/projects
WORK=$BW_WORK/$case_name
rm -rf "$WORK"
mkdir -p "$WORK"
unset BULWARK_DB BULWARK_BUILD_ID BULWARK_OFF BULWARK_OFF_REASON BULWARK_WERROR \
      BULWARK_RUNTIME BULWARK_CC BULWARK_CXX BULWARK_CACHE
export LC_ALL=C

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
note() { echo "[$case_name] $*"; }

# The inputs every calc binary is run with; the output must not depend on
# how it was built.
CALC_ARGS=("1 2 +" "6 7 *" "10 3 -" "9 0 /" "1 +" "2 3 4 * +")
run_calc() { "$1" "${CALC_ARGS[@]}" || true; }

# A project directory: calc's sources, the build system's files and a
# .bulwark.yaml that makes the directory the project root.
make_project() { # <dir> <build-system dir>...
    local dir=$1; shift
    mkdir -p "$dir"
    cp "$P"/calc/* "$dir"/
    for sys in "$@"; do cp -r "$P/$sys"/. "$dir"/; done
    printf 'version: 1\n' > "$dir/.bulwark.yaml"
}

db_of() { echo "$1/.bulwark/tracker.db"; }
sql() { sqlite3 -batch -noheader "$1" "$2"; }

# exactly one record per TU: <db> <expected sorted tu paths, one per line>
expect_records() {
    local db=$1 want=$2 got
    got=$(sql "$db" "SELECT tu_path FROM tu_records ORDER BY tu_path")
    [ "$got" = "$want" ] || fail "records: want
$want
got
$got"
    local dups
    dups=$(sql "$db" "SELECT count(*) FROM (SELECT tu_path FROM tu_records GROUP BY tu_path HAVING count(*) > 1)")
    [ "$dups" = 0 ] || fail "$dups TUs recorded more than once"
}

expect_hardened() { # <db>
    local bad
    bad=$(sql "$db" "SELECT tu_path FROM tu_records WHERE NOT (hardened AND cfi AND shadow_stack AND memory_checks)")
    [ -z "$bad" ] || fail "not hardened: $bad"
    local icalls
    icalls=$(sql "$db" "SELECT icalls_instrumented FROM tu_records WHERE tu_path='eval.c'")
    [ "${icalls:-0}" -ge 1 ] || fail "eval.c: indirect call not counted as instrumented (${icalls:-none})"
}

expect_finding_warning() { # <log> <db>
    grep -Eq "util\.c:[0-9]+:[0-9]+: warning: .*\[BW-FORMAT-STRING\]" "$1" \
        || fail "no clang-style BW-FORMAT-STRING warning for util.c in the build log"
    local n
    n=$(sql "$2" "SELECT count(*) FROM findings f JOIN tu_records t ON f.tu_id=t.id WHERE t.tu_path='util.c' AND f.rule_id='BW-FORMAT-STRING'")
    [ "$n" -ge 1 ] || fail "BW-FORMAT-STRING not recorded for util.c"
}

same_output() { # <plain binary> <bulwark binary>
    local a b
    a=$(run_calc "$1"); b=$(run_calc "$2")
    [ -n "$a" ] || fail "plain build printed nothing"
    [ "$a" = "$b" ] || fail "outputs differ:
--- plain
$a
--- bulwark
$b"
    a=$(CALC_BANNER="banner%%" run_calc "$1"); b=$(CALC_BANNER="banner%%" run_calc "$2")
    [ "$a" = "$b" ] || fail "outputs differ with CALC_BANNER"
}

case $case_name in
make)
    make_project "$WORK/plain" make
    make_project "$WORK/wrap" make
    flags="-O2 -g -Wall -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fcf-protection=full"
    make -C "$WORK/plain" -j4 CC="$BW_CLANG" CFLAGS="$flags" >/dev/null
    make -C "$WORK/wrap" -j4 CC="$W/bulwark-cc" CFLAGS="$flags" >"$WORK/log" 2>&1 \
        || { cat "$WORK/log"; fail "make through bulwark-cc failed"; }
    cat "$WORK/log"
    same_output "$WORK/plain/calc" "$WORK/wrap/calc"
    db=$(db_of "$WORK/wrap")
    expect_records "$db" "$(printf '%s\n' eval.c main.c ops.c util.c)"
    expect_hardened "$db"
    expect_finding_warning "$WORK/log" "$db"
    flags_seen=$(sql "$db" "SELECT hardening_flags FROM tu_records WHERE tu_path='ops.c'")
    for f in -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fcf-protection=full; do
        [[ $flags_seen == *"\"$f\""* ]] || fail "hardening flag $f not recorded: $flags_seen"
    done
    [ -s "$WORK/wrap/obj/main.d" ] || fail "-MMD dependency file missing"
    nm "$WORK/wrap/calc" | grep -c " T __bw_cfi_check" >/dev/null || fail "runtime not linked into calc"
    # the link records what the binary got (bulwark verify's checks)
    [ "$(sql "$db" "SELECT count(*) FROM binaries WHERE bulwark_instrumented = 1")" -ge 1 ] \
        || fail "the link of calc was not recorded with its instrumentation"
    # a rebuild replaces the records, never duplicates them
    make -C "$WORK/wrap" clean >/dev/null
    make -C "$WORK/wrap" -j4 CC="$W/bulwark-cc" CFLAGS="$flags" >/dev/null 2>&1
    expect_records "$db" "$(printf '%s\n' eval.c main.c ops.c util.c)"
    # pass-through invocations give exactly what clang gives
    cd "$WORK/wrap"
    for args in "-E util.c" "-M util.c" "-MM main.c" "--version" "-dumpmachine" "-print-prog-name=ld"; do
        # shellcheck disable=SC2086
        a=$("$BW_CLANG" $args 2>&1); b=$("$W/bulwark-cc" $args 2>&1)
        [ "$a" = "$b" ] || fail "pass-through of '$args' differs from clang"
    done
    n=$(sql "$db" "SELECT count(*) FROM tu_records")
    [ "$n" = 4 ] || fail "pass-through invocations were recorded ($n records)"
    # the C++ wrapper: compile and link a C++ TU
    "$W/bulwark-c++" -O2 -c report.cpp -o report.o 2>"$WORK/cxx.log" || fail "bulwark-c++ failed"
    [ "$(sql "$db" "SELECT language||cfi FROM tu_records WHERE tu_path='report.cpp'")" = "c++1" ] \
        || fail "report.cpp not recorded as a hardened C++ TU"
    # BULWARK_TIMINGS: one line per compile, the checkers' stages measured
    BULWARK_TIMINGS=$WORK/times.jsonl "$W/bulwark-cc" -O2 -c ops.c -o ops.o 2>/dev/null \
        || fail "compile with BULWARK_TIMINGS failed"
    python3 - "$WORK/times.jsonl" <<'PY' || fail "BULWARK_TIMINGS line: $(cat "$WORK/times.jsonl")"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
d = json.loads(lines[0])
c = d["cpu_ms"]
assert d["tu"] == "ops.c" and d["checked"] is True, d
assert c["load"] + c["parse"] >= 1 and c["compiler"] >= 1, c
if d["checked_in"] == "compiler":  # clang-19 ran them: their CPU is the compile's
    assert c["load"] == 0 and c["wrapper"] < c["compiler"], d
else:
    assert d["checked_in"] == "wrapper", d
    assert c["wrapper"] + 2 >= c["load"] + c["parse"] + c["analysis"], c  # each rounded to ms
PY
    note "ok: make build identical, 4 records, findings shown, pass-through exact"
    ;;

autotools)
    command -v autoconf >/dev/null || fail "autoconf is not installed (scripts/packages.txt lists it)"
    make_project "$WORK/src" autotools
    (cd "$WORK/src" && autoconf && autoheader) >/dev/null 2>&1 || fail "autoconf failed"
    cp -r "$WORK/src" "$WORK/plain"
    cp -r "$WORK/src" "$WORK/wrap"
    (cd "$WORK/plain" && ./configure CC="$BW_CLANG" CFLAGS="-O2 -g" >"$WORK/plain.configure" 2>&1) \
        || fail "configure with clang failed"
    (cd "$WORK/wrap" && ./configure CC="$W/bulwark-cc" CFLAGS="-O2 -g" >"$WORK/wrap.configure" 2>&1) \
        || { cat "$WORK/wrap.configure"; fail "configure with bulwark-cc failed"; }
    # configure must decide exactly as with plain clang
    diff -u "$WORK/plain/config.h" "$WORK/wrap/config.h" || fail "config.h differs"
    # (the compiler's name is the one expected difference)
    diff -u <(grep -v "^config.status" "$WORK/plain.configure" | sed "s|$BW_CLANG|CC|g") \
            <(grep -v "^config.status" "$WORK/wrap.configure" | sed "s|$W/bulwark-cc|CC|g") \
        || fail "configure output differs"
    grep -q "checking whether the compiler is clang... yes" "$WORK/wrap.configure" \
        || fail "configure no longer sees clang behind bulwark-cc"
    grep -q "HAVE_MEMMEM 1" "$WORK/wrap/config.h" || fail "configure probes did not run"
    make -C "$WORK/plain" -j4 >/dev/null 2>&1
    make -C "$WORK/wrap" -j4 >"$WORK/log" 2>&1 || { cat "$WORK/log"; fail "make failed"; }
    cat "$WORK/log"
    same_output "$WORK/plain/calc" "$WORK/wrap/calc"
    db=$(db_of "$WORK/wrap")
    expect_records "$db" "$(printf '%s\n' eval.c main.c ops.c util.c)"
    expect_hardened "$db"
    expect_finding_warning "$WORK/log" "$db"
    note "ok: configure identical, build identical, one record per TU, no conftest records"
    ;;

cmake)
    make_project "$WORK/src" cmake
    cmake -S "$WORK/src" -B "$WORK/plain" -DCMAKE_C_COMPILER="$BW_CLANG" \
          -DCMAKE_CXX_COMPILER="$BW_CLANGXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$WORK/plain" -j 4 >/dev/null
    cmake -S "$WORK/src" -B "$WORK/wrap" -DCMAKE_C_COMPILER="$BW_CLANG" \
          -DCMAKE_CXX_COMPILER="$BW_CLANGXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
          -DCMAKE_C_COMPILER_LAUNCHER="$W/bulwark-launch" \
          -DCMAKE_CXX_COMPILER_LAUNCHER="$W/bulwark-launch" \
          -DCMAKE_C_LINKER_LAUNCHER="$W/bulwark-launch" \
          -DCMAKE_CXX_LINKER_LAUNCHER="$W/bulwark-launch" >/dev/null
    cmake --build "$WORK/wrap" -j 4 >"$WORK/log" 2>&1 || { cat "$WORK/log"; fail "cmake build failed"; }
    cat "$WORK/log"
    same_output "$WORK/plain/calc" "$WORK/wrap/calc"
    db=$(db_of "$WORK/src")
    expect_records "$db" "$(printf '%s\n' eval.c main_cxx.c ops.c report.cpp util.c)"
    expect_hardened "$db"
    expect_finding_warning "$WORK/log" "$db"
    note "ok: CMake launcher build identical, 5 records"
    ;;

meson)
    command -v meson >/dev/null || fail "meson is not installed (scripts/packages.txt lists it)"
    make_project "$WORK/src" meson
    CC="$BW_CLANG" CXX="$BW_CLANGXX" meson setup "$WORK/plain" "$WORK/src" >/dev/null
    ninja -C "$WORK/plain" >/dev/null
    CC="$W/bulwark-cc" CXX="$W/bulwark-c++" meson setup "$WORK/wrap" "$WORK/src" >"$WORK/setup.log" 2>&1 \
        || { cat "$WORK/setup.log"; fail "meson setup through the wrapper failed"; }
    grep -q "C compiler for the host machine: .*bulwark-cc (clang" "$WORK/setup.log" \
        || { cat "$WORK/setup.log"; fail "meson did not see clang behind bulwark-cc"; }
    ninja -C "$WORK/wrap" >"$WORK/log" 2>&1 || { cat "$WORK/log"; fail "ninja failed"; }
    cat "$WORK/log"
    same_output "$WORK/plain/calc" "$WORK/wrap/calc"
    db=$(db_of "$WORK/src")
    expect_records "$db" "$(printf '%s\n' eval.c main_cxx.c ops.c report.cpp util.c)"
    expect_hardened "$db"
    expect_finding_warning "$WORK/log" "$db"
    note "ok: meson build identical, 5 records"
    ;;

install)
    prefix=$WORK/prefix
    cmake --install "$BW_BUILD" --prefix "$prefix" >/dev/null
    for f in bin/bulwark-cc bin/bulwark-c++ bin/bulwark-launch bin/bulwark \
             lib/bulwark/libbulwark-pass.so lib/libbulwark-rt.a lib/libbulwark-rt.so \
             include/bulwark/runtime.h include/bulwark/annotations.h \
             lib/cmake/Bulwark/BulwarkConfig.cmake lib/cmake/Bulwark/BulwarkConfigVersion.cmake \
             lib/pkgconfig/bulwark-rt.pc; do
        [ -e "$prefix/$f" ] || fail "not installed: $f"
    done
    libs=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --libs bulwark-rt | sed "s/ *$//")
    [[ $libs == -L*" -lbulwark-rt" ]] || fail "pkg-config --libs: $libs"
    libdir=${libs%% *}; libdir=${libdir#-L}
    [ "$(realpath "$libdir")" = "$(realpath "$prefix/lib")" ] || fail "pkg-config libdir: $libdir"
    plugin=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --variable=plugin bulwark-rt)
    [ "$(realpath "$plugin")" = "$(realpath "$prefix/lib/bulwark/libbulwark-pass.so")" ] || fail "pkg-config plugin: $plugin"
    # a program linked against the runtime through pkg-config
    printf '#include <bulwark/runtime.h>\n#include <stdio.h>\nint main(void){printf("%%d\\n", bw_rt_report_only());return 0;}\n' > "$WORK/rt.c"
    # shellcheck disable=SC2046
    "$BW_CLANG" "$WORK/rt.c" -o "$WORK/rt" $(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs bulwark-rt) \
        -Wl,-rpath,"$prefix/lib" || fail "cannot link against the runtime via pkg-config"
    [ "$("$WORK/rt")" = 0 ] || fail "pkg-config runtime program misbehaves"
    # find_package(Bulwark) + bulwark_harden() in a consumer project
    make_project "$WORK/src" cmake-package
    cmake -S "$WORK/src" -B "$WORK/plain" -DCMAKE_C_COMPILER="$BW_CLANG" \
          -DCMAKE_CXX_COMPILER="$BW_CLANGXX" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
    cmake --build "$WORK/plain" -j 4 >/dev/null
    # (the plain build above is hardened too: compare with a build without the package)
    mkdir -p "$WORK/ref"
    "$BW_CLANGXX" -O2 -x c "$WORK/src/main_cxx.c" -x c "$WORK/src/eval.c" -x c "$WORK/src/ops.c" \
        -x c "$WORK/src/util.c" -x c++ "$WORK/src/report.cpp" -o "$WORK/ref/calc" 2>/dev/null
    same_output "$WORK/ref/calc" "$WORK/plain/calc"
    db=$(db_of "$WORK/src")
    expect_records "$db" "$(printf '%s\n' eval.c main_cxx.c ops.c report.cpp util.c)"
    expect_hardened "$db"
    # the installed wrapper uses the installed plugin
    "$prefix/bin/bulwark-cc" -c "$WORK/src/ops.c" -o "$WORK/ops.o" -O2
    nm "$WORK/ops.o" | grep -c __bw_register_module >/dev/null || fail "installed bulwark-cc did not instrument"
    note "ok: install tree complete, pkg-config and find_package(Bulwark) work"
    ;;

werror)
    make_project "$WORK/p" make
    cd "$WORK/p"
    set +e
    BULWARK_WERROR=1 "$W/bulwark-cc" -O2 -c util.c -o util.o 2>"$WORK/log"
    rc=$?
    set -e
    cat "$WORK/log"
    [ $rc = 1 ] || fail "BULWARK_WERROR=1: exit $rc, want 1"
    grep -Eq "util\.c:[0-9]+:[0-9]+: error: .*\[BW-FORMAT-STRING\]" "$WORK/log" || fail "finding not shown as an error"
    [ ! -e util.o ] || fail "util.o left behind by a failed compile"
    # a clean TU still compiles under werror
    BULWARK_WERROR=1 "$W/bulwark-cc" -O2 -c ops.c -o ops.o || fail "clean TU failed under werror"
    # the config's werror level, and BULWARK_WERROR=0 overriding it
    printf 'version: 1\nwerror: note\n' > .bulwark.yaml
    if "$W/bulwark-cc" -O2 -c util.c -o util.o 2>/dev/null; then fail "werror: note in .bulwark.yaml ignored"; fi
    BULWARK_WERROR=0 "$W/bulwark-cc" -O2 -c util.c -o util.o 2>/dev/null || fail "BULWARK_WERROR=0 did not override"
    [ -e util.o ] || fail "util.o missing"
    # the compiler's own failure is passed through
    printf 'int f(void) { return }\n' > broken.c
    set +e
    "$W/bulwark-cc" -c broken.c -o broken.o 2>/dev/null; rc=$?
    set -e
    [ $rc = 1 ] || fail "compiler error: exit $rc, want clang's 1"
    note "ok: werror fails the compile and removes the object"
    ;;

gcc)
    command -v gcc >/dev/null || fail "gcc missing"
    make_project "$WORK/p" make
    BULWARK_CC=gcc make -C "$WORK/p" -j4 CC="$W/bulwark-cc" >"$WORK/log" 2>&1 || { cat "$WORK/log"; fail "gcc build failed"; }
    cat "$WORK/log"
    n=$(grep -c "hardening .*needs clang" "$WORK/log" || true)
    [ "$n" = 1 ] || fail "the needs-clang note was said $n times, want once"
    db=$(db_of "$WORK/p")
    expect_records "$db" "$(printf '%s\n' eval.c main.c ops.c util.c)"
    [ "$(sql "$db" "SELECT count(*) FROM tu_records WHERE hardened")" = 0 ] || fail "gcc TUs recorded as hardened"
    [ "$(sql "$db" "SELECT compiler FROM tu_records WHERE tu_path='ops.c'")" = gcc ] || fail "compiler not recorded"
    expect_finding_warning "$WORK/log" "$db"
    nm "$WORK/p/calc" | grep -c __bw_ >/dev/null && fail "runtime linked into a gcc build"
    run_calc "$WORK/p/calc" >/dev/null
    note "ok: gcc build checked, not hardened, said once"
    ;;

loosening)
    make_project "$WORK/p" make
    cd "$WORK/p"
    set +e
    BULWARK_OFF=cfi "$W/bulwark-cc" -c ops.c -o ops.o 2>"$WORK/log"; rc=$?
    set -e
    [ $rc = 2 ] || fail "BULWARK_OFF without a reason: exit $rc, want 2"
    grep -q BULWARK_OFF_REASON "$WORK/log" || fail "no hint about BULWARK_OFF_REASON"
    [ ! -e ops.o ] || fail "compiled although the setting was refused"
    BULWARK_OFF=cfi BULWARK_OFF_REASON="calls into generated code" make -j4 CC="$W/bulwark-cc" >"$WORK/log" 2>&1
    cat "$WORK/log"
    [ "$(grep -c "cfi is switched off (reason: calls into generated code)" "$WORK/log")" = 1 ] \
        || fail "loosening not shown exactly once"
    db=$(db_of "$WORK/p")
    [ "$(sql "$db" "SELECT count(*) FROM tu_records WHERE cfi")" = 0 ] || fail "CFI applied although off"
    [ "$(sql "$db" "SELECT count(*) FROM tu_records WHERE shadow_stack AND memory_checks")" = 4 ] \
        || fail "the other protections must stay on"
    n=$(sql "$db" "SELECT count(*) FROM loosenings WHERE source='wrapper' AND kind='protection-off' AND subject='cfi' AND reason='calls into generated code'")
    [ "$n" = 4 ] || fail "loosening recorded $n times, want once per TU (4)"
    # the same from .bulwark.yaml, with the line it was declared on
    make clean >/dev/null
    printf 'version: 1\nhardening:\n  off:\n    - {protection: memory, reason: "custom allocator"}\n' > .bulwark.yaml
    make -j4 CC="$W/bulwark-cc" >/dev/null 2>&1
    [ "$(sql "$db" "SELECT count(*) FROM tu_records WHERE memory_checks")" = 0 ] || fail "memory checks applied although off"
    [ "$(sql "$db" "SELECT DISTINCT line FROM loosenings WHERE subject='memory'")" = 4 ] || fail "config loosening location not recorded"
    # a protection switched off in the pass's own variables without a reason is restored
    make clean >/dev/null
    printf 'version: 1\n' > .bulwark.yaml
    BULWARK_PASS_CFI=0 BULWARK_PASS_SHADOW_STACK=none make -j4 CC="$W/bulwark-cc" >/dev/null 2>&1
    [ "$(sql "$db" "SELECT count(*) FROM tu_records WHERE cfi AND shadow_stack")" = 4 ] \
        || fail "BULWARK_PASS_* without a reason switched protections off"
    # the shadow stack's narrower in-bounds scope (docs/loosening.md): only
    # with a reason; the pass says which functions it left out
    cp "$BW_SRC/../hardening/samples/ss_in_bounds.c" .
    sample=ss_in_bounds.c
    remark='no shadow stack: every access to its stack objects is proven in bounds'
    BULWARK_PASS_SHADOW_STACK=in-bounds "$W/bulwark-cc" -O2 -Rpass-missed=bulwark -c "$sample" \
        -o ib.o 2>"$WORK/ib-default.log" || fail "compile of the in-bounds sample failed"
    ! grep -q "$remark" "$WORK/ib-default.log" || fail "in-bounds scope applied without a reason"
    BULWARK_OFF=shadow-stack-in-bounds BULWARK_OFF_REASON="hot recursive parser, measured" \
        "$W/bulwark-cc" -O2 -Rpass-missed=bulwark -c "$sample" -o ib.o 2>"$WORK/ib.log" \
        || fail "compile with BULWARK_OFF=shadow-stack-in-bounds failed"
    [ "$(grep -c "$remark" "$WORK/ib.log")" = 3 ] || { cat "$WORK/ib.log"; fail "want 3 functions left out"; }
    n=$(sql "$db" "SELECT count(*) FROM loosenings WHERE subject='shadow-stack-in-bounds' AND reason='hot recursive parser, measured'")
    [ "$n" = 1 ] || fail "the in-bounds scope recorded $n times, want once"
    [ "$(sql "$db" "SELECT shadow_stack FROM tu_records WHERE tu_path='ss_in_bounds.c'")" = 1 ] \
        || fail "the shadow stack must stay on in the narrower scope"
    # the wider scope strong-entry (the default's functions, each pushing
    # at its entry instead of where its stack array is first used) needs no
    # reason and is kept
    printf '#include <string.h>\nint lazy(const char *s, int rare) {\n  char b[16];\n  if (rare) { strcpy(b, s); return b[1]; }\n  return 0;\n}\n' > lazy.c
    for scope in default strong-entry; do
        BULWARK_PASS_SHADOW_STACK=$scope "$W/bulwark-cc" -O2 -fno-stack-protector -c lazy.c -o "lazy-$scope.o" \
            || fail "compile with the $scope scope failed"
        objdump -d --no-show-raw-insn "lazy-$scope.o" | awk '/<lazy>:/,/^$/' | awk '/\tj[a-z]+ /{exit} {print}' \
            > "$WORK/lazy-$scope.entry"
    done
    ! grep -q '%fs:' "$WORK/lazy-default.entry" || fail "default scope: the push is not lazy"
    grep -q '%fs:' "$WORK/lazy-strong-entry.entry" || fail "strong-entry scope not kept by the wrapper"
    note "ok: switching off needs a reason, is recorded and shown once"
    ;;

runtime-shared)
    make_project "$WORK/plain" make
    make_project "$WORK/p" make
    make -C "$WORK/plain" CC="$BW_CLANG" >/dev/null
    BULWARK_RUNTIME=shared make -C "$WORK/p" -j4 CC="$W/bulwark-cc" >/dev/null 2>&1 || fail "shared-runtime build failed"
    readelf -d "$WORK/p/calc" | grep -c "NEEDED.*libbulwark-rt.so" >/dev/null || fail "calc does not need libbulwark-rt.so"
    nm "$WORK/p/calc" | grep -c " T __bw_cfi_check" >/dev/null && fail "static runtime linked in shared mode"
    same_output "$WORK/plain/calc" "$WORK/p/calc"
    note "ok: BULWARK_RUNTIME=shared links libbulwark-rt.so"
    ;;

check-in)
    # The checkers run inside the compile when the compiler is our clang
    # (docs/wrapper.md, "Where the checkers run"): the same findings,
    # suppressions and records as when the wrapper runs them itself, and
    # the wrapper's own run when the compiler gives no answer.
    hostile="odd"$'\xff'" name.c"
    for where in compiler wrapper fallback; do
        make_project "$WORK/$where" make
        # a suppressed finding: a loosening the answer must carry too
        printf '#include <stdio.h>\nvoid shout(const char *s) {\n    // bulwark-ignore(BW-FORMAT-STRING): e2e suppression\n    printf(s);\n}\n' \
            > "$WORK/$where/quiet.c"
        # a hostile file name: not UTF-8, with a space
        cp "$WORK/$where/util.c" "$WORK/$where/$hostile"
    done
    # a clang of the same name that drops the checkers' plugin: no answer
    mkdir -p "$WORK/fake"
    fake=$WORK/fake/$(basename "$BW_CLANG")
    printf '#!/bin/sh\nfor a in "$@"; do\n    shift\n    case $a in -fpass-plugin=*wrapper-check*) ;; *) set -- "$@" "$a" ;; esac\ndone\nexec %s "$@"\n' \
        "$(command -v "$BW_CLANG")" > "$fake"
    chmod +x "$fake"
    for where in compiler wrapper fallback; do
        d=$WORK/$where
        env=(BULWARK_TIMINGS="$d/timings.jsonl")
        [ $where = wrapper ] && env+=(BULWARK_CHECK_IN=wrapper)
        [ $where = fallback ] && env+=(BULWARK_CC="$fake")
        # -j1: each TU sees the same cached context in every build
        env "${env[@]}" make -C "$d" -j1 CC="$W/bulwark-cc" CFLAGS="-O2 -g" >"$d/log" 2>&1 \
            || { cat "$d/log"; fail "$where: make failed"; }
        for f in quiet.c "$hostile"; do
            (cd "$d" && env "${env[@]}" "$W/bulwark-cc" -O2 -g -c "$f" -o "${f%.c}.o") \
                2>>"$d/log" || fail "$where: compile of $f failed"
        done
        grep -aE '(warning|error|note):' "$d/log" > "$d/diags" || true
        sql "$(db_of "$d")" "SELECT t.tu_path, f.rule_id, f.severity, f.file, f.line, f.col,
                                    f.function, f.message, f.fingerprint, f.suppression
                             FROM findings f JOIN tu_records t ON f.tu_id = t.id
                             ORDER BY 1, 2, 4, 5, 6, 8" > "$d/findings"
        sql "$(db_of "$d")" "SELECT source, kind, subject, reason FROM loosenings ORDER BY 1, 2, 3, 4" \
            > "$d/loosenings"
        want=wrapper
        [ $where = compiler ] && want=compiler
        n=$(grep -c "\"checked_in\":\"$want\"" "$d/timings.jsonl" || true)
        [ "$n" = 6 ] || fail "$where: $n of 6 compiles checked in the $want, want all:
$(cat "$d/timings.jsonl")"
    done
    grep -aq "odd.* name\.c:[0-9]*:[0-9]*: warning: .*\[BW-FORMAT-STRING\]" "$WORK/compiler/diags" \
        || fail "no finding for the hostile name"
    grep -q '^quiet\.c|BW-FORMAT-STRING|.*|e2e suppression$' "$WORK/compiler/findings" \
        || fail "the suppressed finding was not recorded with its reason"
    grep -q 'BW-FORMAT-STRING' "$WORK/compiler/loosenings" \
        || fail "the suppression was not recorded as a loosening"
    for other in wrapper fallback; do
        for what in diags findings loosenings; do
            cmp -s "$WORK/compiler/$what" "$WORK/$other/$what" \
                || fail "$what differ between checking in the compiler and in the $other:
$(diff "$WORK/compiler/$what" "$WORK/$other/$what")"
        done
    done
    note "ok: the same findings, suppressions and records in the compiler, in the wrapper and after no answer"
    ;;
ccache)
    command -v ccache >/dev/null || fail "ccache is not installed (scripts/packages.txt lists it)"
    make_project "$WORK/p" make
    cd "$WORK/p"
    export CCACHE_DIR=$WORK/ccache
    db=$(db_of "$WORK/p")
    for round in 1 2; do
        rm -f eval.o
        "$W/bulwark-launch" ccache "$BW_CLANG" -O2 -c eval.c -o eval.o 2>/dev/null || fail "round $round failed"
        [ "$(sql "$db" "SELECT cfi||shadow_stack||memory_checks FROM tu_records WHERE tu_path='eval.c'")" = 111 ] \
            || fail "round $round: protections not recorded"
    done
    hits=$(ccache --print-stats | awk -F'\t' '$1=="direct_cache_hit" || $1=="preprocessed_cache_hit" {s+=$2} END {print s+0}')
    [ "$hits" -ge 1 ] || fail "second compile was not a ccache hit"
    [ "$(sql "$db" "SELECT count(*) FROM tu_records")" = 1 ] || fail "duplicate records"
    note "ok: bulwark-launch ccache clang: hit recorded with its protections"
    ;;

verify)
    make_project "$WORK/p" make
    make -C "$WORK/p" -j4 CC="$W/bulwark-cc" CFLAGS="-O2" >/dev/null 2>&1 || fail "build failed"
    if ! readelf -S "$WORK/p/obj/eval.o" | grep -c __bulwark_info >/dev/null; then
        echo "SKIP: the pass plugin does not emit the __bulwark_info section yet (verify reads it)"
        exit 77
    fi
    "$BW_CLI" verify --format json "$WORK/p/calc" >"$WORK/verify.json" || true
    # Read the JSON with a JSON parser: the checks' layout is not a line format.
    for c in bulwark-cfi bulwark-shadow-stack bulwark-memory; do
        state=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["binaries"][0]["checks"][sys.argv[2]]["state"])' \
                "$WORK/verify.json" "$c") || state=unreadable
        [ "$state" = yes ] || { cat "$WORK/verify.json"; fail "verify: $c is '$state', expected yes"; }
    done
    modules=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["binaries"][0]["bulwarkModules"])' "$WORK/verify.json")
    [ "$modules" -ge 2 ] || fail "verify: $modules instrumented modules, expected one per TU"
    note "ok: bulwark verify sees the instrumentation"
    ;;

stress)
    n=${BW_STRESS_TUS:-200}
    jobs=${BW_STRESS_JOBS:-16}
    d=$WORK/p
    mkdir -p "$d"
    printf 'version: 1\n' > "$d/.bulwark.yaml"
    for i in $(seq 1 "$n"); do
        cat > "$d/tu$i.c" <<EOF
#include <string.h>
typedef int (*fn_t)(int);
static int add$i(int x) { return x + $i; }
fn_t volatile pick$i = add$i;
int tu$i(const char *s) { char b[32]; strncpy(b, s, sizeof b - 1); b[31] = 0; return pick$i((int)strlen(b)); }
EOF
    done
    {
        printf 'OBJS = %s\n' "$(seq -f 'tu%g.o' 1 "$n" | tr '\n' ' ')"
        printf 'all: $(OBJS)\n%%.o: %%.c\n\t$(CC) -O1 -c $< -o $@\n'
    } > "$d/Makefile"
    start=$(date +%s.%N)
    make -C "$d" -j"$jobs" CC="$W/bulwark-cc" >"$WORK/log" 2>&1 || { tail -50 "$WORK/log"; fail "parallel build failed"; }
    end=$(date +%s.%N)
    if grep -E "not recorded|database is locked|SQLITE_BUSY" "$WORK/log"; then fail "a compile met a locked database"; fi
    db=$(db_of "$d")
    got=$(sql "$db" "SELECT count(*) || ' ' || count(DISTINCT tu_path) FROM tu_records")
    [ "$got" = "$n $n" ] || fail "records: $got, want $n $n"
    # every record complete
    bad=$(sql "$db" "SELECT count(*) FROM tu_records WHERE NOT hardened OR icalls_instrumented < 1")
    [ "$bad" = 0 ] || fail "$bad incomplete records"
    # again, from clean: replaced, not duplicated
    rm -f "$d"/*.o
    make -C "$d" -j"$jobs" CC="$W/bulwark-cc" >"$WORK/log2" 2>&1 || fail "second parallel build failed"
    got=$(sql "$db" "SELECT count(*) || ' ' || count(DISTINCT tu_path) FROM tu_records")
    [ "$got" = "$n $n" ] || fail "after rebuild: $got, want $n $n"
    note "ok: make -j$jobs over $n TUs: $n records, none lost or duplicated, no lock errors ($(awk "BEGIN {printf \"%.1f\", $end - $start}") s)"
    ;;

*)
    fail "unknown case"
    ;;
esac
