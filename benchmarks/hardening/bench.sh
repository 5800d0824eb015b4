#!/bin/bash
# bench.sh — run-time cost of Bulwark's hardening on SQLite (the
# amalgamation shipped in the better-sqlite3 npm package) driven by
# sqlite_workload.c, side by side with clang's own protections.
#
#   bench.sh <bulwark-build-dir> [rows]
#
# BW_BENCH_BEFORE=<another build dir> adds the four Bulwark rows built with
# that build's plugin and runtime ("... (before)"), so that a change is
# measured before and after in the same run.  BW_BENCH_ONLY=<extended
# regex> runs only the configurations whose name matches (plain -O2, the
# baseline, always runs first), e.g. BW_BENCH_ONLY='^bulwark'.
#
# Needs: clang-19, lld-19, valgrind, npm (to fetch the amalgamation into a
# temporary directory; nothing third-party is kept in the tree).
# Reports, per configuration: instructions (valgrind --tool=callgrind),
# median wall time of 5 runs, text size of the executable, compile time of
# sqlite3.c.  Output: a Markdown table on stdout.
set -eu
build=$(cd "${1:?usage: bench.sh <bulwark-build-dir> [rows]}" && pwd)
rows=${2:-20000}
here=$(cd "$(dirname "$0")" && pwd)
cc=${BW_BENCH_CC:-clang-19}
work=${BW_BENCH_WORK:-$(mktemp -d /tmp/bulwark-hardening-bench.XXXXXX)}
mkdir -p "$work"
plugin=$build/passes/libbulwark-pass.so
rt=$build/runtime/libbulwark-rt.a

if [ ! -f "$work/package/deps/sqlite3/sqlite3.c" ]; then
  ( cd "$work" && npm pack better-sqlite3@12 >/dev/null 2>&1 && tar xzf better-sqlite3-*.tgz )
fi
sq=$work/package/deps/sqlite3
ver=$(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' "$sq/sqlite3.h")

bw_c=(-fpass-plugin="$plugin" -Xclang -fsanitize=cfi-icall -Xclang -fsanitize-trap=cfi-icall)
bw_l=(-Wl,--whole-archive "$rt" -Wl,--no-whole-archive -Wl,--export-dynamic-symbol='__bw_*')

# name | env | cflags | ldflags
configs=(
  "plain -O2||-O2|"
  "bulwark CFI||-O2 ${bw_c[*]}|${bw_l[*]}|BULWARK_PASS_MEMORY=0 BULWARK_PASS_SHADOW_STACK=none"
  "bulwark shadow stack||-O2 ${bw_c[*]}|${bw_l[*]}|BULWARK_PASS_MEMORY=0 BULWARK_PASS_CFI=0"
  "bulwark memory||-O2 ${bw_c[*]}|${bw_l[*]}|BULWARK_PASS_CFI=0 BULWARK_PASS_SHADOW_STACK=none"
  "bulwark all (default)||-O2 ${bw_c[*]}|${bw_l[*]}|"
  "bulwark shadow stack, in-bounds scope (loosening)||-O2 ${bw_c[*]}|${bw_l[*]}|BULWARK_PASS_MEMORY=0 BULWARK_PASS_CFI=0 BULWARK_PASS_SHADOW_STACK=in-bounds"
  "bulwark all, in-bounds scope (loosening)||-O2 ${bw_c[*]}|${bw_l[*]}|BULWARK_PASS_SHADOW_STACK=in-bounds"
  "plain -O2 -flto||-O2 -flto -fvisibility=hidden|-flto -fuse-ld=lld|"
  "clang cfi-icall (LTO)||-O2 -flto -fvisibility=hidden -fsanitize=cfi-icall -fsanitize-trap=cfi-icall|-flto -fuse-ld=lld -fsanitize=cfi-icall|"
  "clang kcfi||-O2 -fsanitize=kcfi|-fsanitize=kcfi|"
  "clang safe-stack||-O2 -fsanitize=safe-stack|-fsanitize=safe-stack|"
  "_FORTIFY_SOURCE=3||-O2 -D_FORTIFY_SOURCE=3|"
  "clang ASan||-O2 -fsanitize=address|-fsanitize=address|"
)

if [ -n "${BW_BENCH_BEFORE:-}" ]; then
  before=$(cd "$BW_BENCH_BEFORE" && pwd)
  bw_cb=(-fpass-plugin="$before/passes/libbulwark-pass.so" -Xclang -fsanitize=cfi-icall -Xclang -fsanitize-trap=cfi-icall)
  bw_lb=(-Wl,--whole-archive "$before/runtime/libbulwark-rt.a" -Wl,--no-whole-archive -Wl,--export-dynamic-symbol='__bw_*')
  configs+=(
    "bulwark CFI (before)||-O2 ${bw_cb[*]}|${bw_lb[*]}|BULWARK_PASS_MEMORY=0 BULWARK_PASS_SHADOW_STACK=none"
    "bulwark shadow stack (before)||-O2 ${bw_cb[*]}|${bw_lb[*]}|BULWARK_PASS_MEMORY=0 BULWARK_PASS_CFI=0"
    "bulwark memory (before)||-O2 ${bw_cb[*]}|${bw_lb[*]}|BULWARK_PASS_CFI=0 BULWARK_PASS_SHADOW_STACK=none"
    "bulwark all (before)||-O2 ${bw_cb[*]}|${bw_lb[*]}|"
  )
fi

median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

echo "SQLite $ver, workload: sqlite_workload $rows rows; $(uname -m), $(nproc) cores; $($cc --version | head -1)"
echo
echo "| configuration | instructions | vs plain | wall (ms, median of 5) | text bytes | compile sqlite3.c (s) | checksum ok |"
echo "|---|---:|---:|---:|---:|---:|---|"
base_ir=
ref_sum=
i=0
for c in "${configs[@]}"; do
  IFS='|' read -r name _ cflags ldflags envs <<<"$c"
  i=$((i + 1))
  if [ -n "${BW_BENCH_ONLY:-}" ] && [ $i -gt 1 ] && ! [[ $name =~ $BW_BENCH_ONLY ]]; then
    continue
  fi
  d=$work/c$i; mkdir -p "$d"
  t0=$(date +%s.%N)
  if ! env $envs $cc $cflags -DSQLITE_OMIT_LOAD_EXTENSION -I"$sq" -c "$sq/sqlite3.c" -o "$d/sqlite3.o" 2>"$d/cc.err"; then
    echo "| $name | build failed: $(head -1 "$d/cc.err") | | | | | |"; continue
  fi
  t1=$(date +%s.%N)
  env $envs $cc $cflags -I"$sq" -c "$here/sqlite_workload.c" -o "$d/w.o" 2>>"$d/cc.err"
  if ! $cc $ldflags "$d/w.o" "$d/sqlite3.o" -o "$d/bench" -lpthread -ldl -lm 2>>"$d/cc.err"; then
    echo "| $name | link failed: $(tail -1 "$d/cc.err") | | | | | |"; continue
  fi
  ctime=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b - a}')
  if ! "$d/bench" "$rows" >"$d/out" 2>"$d/err"; then
    echo "| $name | does not run: $(head -c 120 "$d/err" | tr '\n|' '  ') | | | | $ctime | |"; continue
  fi
  sum=$(cat "$d/out")
  [ -z "$ref_sum" ] && ref_sum=$sum
  ok=yes; [ "$sum" = "$ref_sum" ] || ok=NO
  walls=()
  for r in 1 2 3 4 5; do
    s=$(date +%s%N); "$d/bench" "$rows" >/dev/null; e=$(date +%s%N)
    walls+=($(( (e - s) / 1000000 )))
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  ir=n/a; rel=n/a
  if valgrind --tool=callgrind --callgrind-out-file=/dev/null "$d/bench" "$rows" >/dev/null 2>"$d/vg.err"; then
    ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$d/vg.err")
    [ -z "$base_ir" ] && base_ir=$ir
    rel=$(awk -v a="$ir" -v b="$base_ir" 'BEGIN{printf "%+.2f%%", (a-b)*100/b}')
  fi
  text=$(size "$d/bench" | awk 'NR==2{print $1}')
  echo "| $name | $ir | $rel | $wall | $text | $ctime | $ok |"
done
