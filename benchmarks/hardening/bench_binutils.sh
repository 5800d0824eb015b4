#!/bin/bash
# bench_binutils.sh — run-time cost of Bulwark's hardening on a second real
# program: readelf from GNU binutils (Debian's binutils-source package),
# side by side with clang's own protections, as bench.sh does for SQLite.
#
#   bench_binutils.sh <bulwark-build-dir>
#
# BW_BENCH_ONLY=<extended regex> runs only the configurations whose name
# matches (plain -O2, the baseline, always runs first), as in bench.sh.
# benchmarks/hardening/wall.sh <work dir> then measures their wall time.
#
# Needs: the binutils-source package (apt-get install binutils-source; its
# tarball is /usr/src/binutils/binutils-*.tar.xz), clang-19, lld-19,
# valgrind, make.  The sources are extracted into a temporary directory at
# run time; nothing third-party is kept in the tree.
#
# What is built per configuration: readelf's own sources (readelf.c,
# dwarf.c, elfcomm.c, version.c, unwind-ia64.c, demanguse.c — everything
# the `readelf` target of binutils/Makefile compiles) with the
# configuration's flags.  libiberty and libsframe, which it links, are built
# once with plain -O2 and shared by all configurations (binutils' configure
# runs once; building them per configuration would multiply the run time
# by ten for code readelf spends little time in).  libctf is configured out
# (--disable-libctf), so readelf is built without CTF dumping.
#
# Workload: `readelf -a -W --debug-dump=info,abbrev,line,str,aranges,frames`
# over an object file with DWARF 4 debug information (binutils' own dwarf.c
# compiled with -g -O0 by the same clang: 0.9 MB, deterministic).  readelf
# formats everything it decodes with printf, so most of its instructions
# are in libc, which no configuration instruments.
#
# Bulwark's memory checks are built with their default (strict) member
# bounds except for readelf.c, see below.
#
# Reports, per configuration: instructions (valgrind --tool=callgrind),
# median wall time of 5 runs, text size of readelf, build time of readelf's
# sources, and whether the output is byte-identical to plain -O2's.
set -eu
build=$(cd "${1:?usage: bench_binutils.sh <bulwark-build-dir>}" && pwd)
cc=${BW_BENCH_CC:-clang-19}
work=${BW_BENCH_WORK:-$(mktemp -d /tmp/bulwark-binutils-bench.XXXXXX)}
mkdir -p "$work"
plugin=$build/passes/libbulwark-pass.so
rt=$build/runtime/libbulwark-rt.a
tarball=$(ls /usr/src/binutils/binutils-*.tar.xz 2>/dev/null | head -1)
[ -n "$tarball" ] || { echo "no /usr/src/binutils/binutils-*.tar.xz: apt-get install binutils-source" >&2; exit 2; }
ver=$(basename "$tarball" .tar.xz)
src=$work/$ver
obj=$work/obj

if [ ! -f "$src/binutils/readelf.c" ]; then
  tar -C "$work" -xf "$tarball"
fi
# One plain configure, and the libraries readelf links, built once.
if [ ! -f "$obj/libsframe/.libs/libsframe.a" ]; then
  mkdir -p "$obj"
  ( cd "$obj" &&
    CC=$cc CFLAGS=-O2 "$src/configure" --disable-nls --disable-gdb --disable-gdbserver \
      --disable-sim --disable-gprof --disable-gprofng --disable-ld --disable-gas \
      --disable-gold --disable-libctf --disable-werror --without-debuginfod \
      --without-zstd --without-msgpack --with-system-zlib >configure.log 2>&1 &&
    make configure-binutils configure-bfd >>configure.log 2>&1 &&
    make all-libiberty all-libsframe >>configure.log 2>&1 &&
    make -C bfd bfd.h bfdver.h >>configure.log 2>&1 ) ||
    { echo "configuring binutils failed: see $obj/configure.log" >&2; exit 1; }
fi
input=$work/input.o
bsrc=$src/binutils
$cc -g -gdwarf-4 -O0 -c -DHAVE_CONFIG_H -I"$obj/binutils" -I"$bsrc" -I"$obj/bfd" \
  -I"$src/include" -I"$src/bfd" "$bsrc/dwarf.c" -o "$input"
args=(-a -W --debug-dump=info,abbrev,line,str,aranges,frames "$input")

bw_c="-fpass-plugin=$plugin -Xclang -fsanitize=cfi-icall -Xclang -fsanitize-trap=cfi-icall"
bw_l="-Wl,--whole-archive $rt -Wl,--no-whole-archive -Wl,--export-dynamic-symbol=__bw_* -lpthread -ldl"

# name | compiler flags (also used to link) | extra link flags | environment
configs=(
  "plain -O2|-O2||"
  "bulwark CFI|-O2 $bw_c|$bw_l|BULWARK_PASS_MEMORY=0 BULWARK_PASS_SHADOW_STACK=none"
  "bulwark shadow stack|-O2 $bw_c|$bw_l|BULWARK_PASS_MEMORY=0 BULWARK_PASS_CFI=0"
  "bulwark memory|-O2 $bw_c|$bw_l|BULWARK_PASS_CFI=0 BULWARK_PASS_SHADOW_STACK=none"
  "bulwark all (default)|-O2 $bw_c|$bw_l|"
  "plain -O2 -flto|-O2 -flto -fvisibility=hidden -fuse-ld=lld||"
  "clang cfi-icall (LTO)|-O2 -flto -fvisibility=hidden -fuse-ld=lld -fsanitize=cfi-icall -fsanitize-trap=cfi-icall||"
  "clang kcfi|-O2 -fsanitize=kcfi||"
  "clang safe-stack|-O2 -fsanitize=safe-stack||"
  "_FORTIFY_SOURCE=3|-O2 -D_FORTIFY_SOURCE=3||"
  "clang ASan|-O2 -fsanitize=address||"
)

median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

echo "$ver readelf, workload: readelf ${args[*]:0:3} <dwarf.c -g -O0, $(stat -c %s "$input") bytes>; $(uname -m), $(nproc) cores; $($cc --version | head -1)"
echo
echo "| configuration | instructions | vs plain | wall (ms, median of 5) | text bytes | build readelf (s) | output identical |"
echo "|---|---:|---:|---:|---:|---:|---|"
base_ir=
ref=$work/plain.out
# The first configuration's output is this run's reference: one left in a
# reused BW_BENCH_WORK came from another input object (its debug info names
# the work directory) and would fail every comparison.
rm -f "$ref"
i=0
for c in "${configs[@]}"; do
  IFS='|' read -r name cflags ldflags envs <<<"$c"
  i=$((i + 1))
  if [ -n "${BW_BENCH_ONLY:-}" ] && [ $i -gt 1 ] && ! [[ $name =~ $BW_BENCH_ONLY ]]; then
    continue
  fi
  d=$work/c$i; mkdir -p "$d"
  ( cd "$obj/binutils" && rm -f readelf ./*.o )
  t0=$(date +%s.%N)
  # The flags go into CC: libtool drops -fsanitize=* and -fuse-ld=* from
  # LDFLAGS when it links.
  mk=(make -C "$obj/binutils" CC="$cc $cflags" CFLAGS= LDFLAGS="$ldflags")
  # readelf.c reads the rest of an ELF header with one fread into the
  # struct starting at its e_type member (get_file_header), across members
  # on purpose: Bulwark's member bounds stop it, so that TU gets the
  # documented loosening (docs/loosening.md, "Cross-member copies").
  loose=
  case "$name" in "bulwark memory" | "bulwark all"*) loose=BULWARK_PASS_MEMBER_BOUNDS=0 ;; esac
  if ! { env $envs $loose "${mk[@]}" readelf.o && env $envs "${mk[@]}" readelf; } \
       >"$d/build.log" 2>&1; then
    echo "| $name | build failed: $(grep -m1 -i error "$d/build.log" | cut -c1-100) | | | | | |"; continue
  fi
  t1=$(date +%s.%N)
  cp "$obj/binutils/readelf" "$d/readelf"
  btime=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b - a}')
  if ! "$d/readelf" "${args[@]}" >"$d/out" 2>"$d/err"; then
    echo "| $name | does not run: $(head -c 120 "$d/err" | tr '\n|' '  ') | | | | $btime | |"; continue
  fi
  [ -f "$ref" ] || cp "$d/out" "$ref"
  same=yes; cmp -s "$d/out" "$ref" || same=NO
  walls=()
  for r in 1 2 3 4 5; do
    s=$(date +%s%N); "$d/readelf" "${args[@]}" >/dev/null; e=$(date +%s%N)
    walls+=($(( (e - s) / 1000000 )))
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  ir=n/a; rel=n/a
  if valgrind --tool=callgrind --callgrind-out-file=/dev/null "$d/readelf" "${args[@]}" \
       >/dev/null 2>"$d/vg.err"; then
    ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$d/vg.err")
    [ -z "$base_ir" ] && base_ir=$ir
    rel=$(awk -v a="$ir" -v b="$base_ir" 'BEGIN{printf "%+.2f%%", (a-b)*100/b}')
  fi
  text=$(size "$d/readelf" | awk 'NR==2{print $1}')
  echo "| $name | $ir | $rel | $wall | $text | $btime | $same |"
done
