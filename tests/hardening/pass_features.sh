#!/bin/bash
# pass_features.sh — the pass's per-TU statistics record and remarks, the
# runtime's report-only mode and audit-log format.
set -u
here=$(cd "$(dirname "$0")" && pwd)
d=${BW_WORK:?}/features; rm -rf "$d"; mkdir -p "$d"
fail() { echo "FAIL: $*" >&2; exit 1; }
cc=${BW_CC:?}
plug=(-fpass-plugin="${BW_PLUGIN:?}")
front=(-Xclang -fsanitize=cfi-icall -Xclang -fsanitize-trap=cfi-icall)

# 1. One statistics record per TU, appended.
( cd "$d" && BULWARK_PASS_STATS="$d/stats.jsonl" $cc -O2 -c "${plug[@]}" "${front[@]}" \
    "$here/samples/residual.c" "$here/samples/second.c" ) || fail "compile"
[ "$(wc -l <"$d/stats.jsonl")" = 2 ] || fail "expected 2 statistics records"
for k in '"v":1' '"source":' '"cfi":{"indirect_calls":' '"shadow_stack":{"functions":' \
         '"memory":{"instrumented":' '"residual":{"unknown_size_memops":'; do
  [ "$(grep -c -F "$k" "$d/stats.jsonl")" = 2 ] || fail "record misses $k"
done
grep -F 'residual.c' "$d/stats.jsonl" | grep -q -F '"unknown_size_memops":1' || fail "unknown-size memcpy not counted"
grep -F 'second.c' "$d/stats.jsonl" | grep -q -F '"shadow_stack":{"functions":1,"protected":1' || fail "stack array function not protected"
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$d/stats.jsonl" || fail "stats not JSON"
fi

# 2. Remarks for what could not be made safe (no front-end flag here).
$cc -O2 -c "${plug[@]}" -Rpass-missed=bulwark "$here/samples/residual.c" -o "$d/r.o" 2>"$d/remarks.txt" || fail "compile"
grep -q 'remark: destination size unknown' "$d/remarks.txt" || { cat "$d/remarks.txt" >&2; fail "no unknown-size remark"; }
grep -q 'remark: indirect call checked with the IR signature only' "$d/remarks.txt" || fail "no type-id remark"
BULWARK_PASS_STATS="$d/untyped.jsonl" $cc -O2 -c "${plug[@]}" "$here/samples/residual.c" -o "$d/r.o" || fail compile
grep -q -F '"indirect_calls_without_type_id":1' "$d/untyped.jsonl" || fail "untyped indirect call not counted"

# 3. Enforce mode: one stderr line, one audit record, abort.
attack() {
  $cc -O0 -g -w -fno-stack-protector -DBW_TARGET=5 -DBW_WHERE=1 -DBW_HOW=1 -DBW_TO=3 \
      "${plug[@]}" "${front[@]}" "$here/attacks/attack.c" -o "$d/attack" \
      -Wl,--whole-archive "${BW_RT:?}" -Wl,--no-whole-archive -ldl -lpthread || fail "attack build"
}
BULWARK_PASS_MEMORY=0 attack
D=$d bash -c 'cd "$D" && BULWARK_LOG="$D/enforce.jsonl" ./attack >"$D/e.out" 2>"$D/e.err"' 2>/dev/null; rc=$?
[ $rc = 134 ] || fail "expected abort (134), got $rc"
[ "$(grep -c '^bulwark: cfi-icall violation' "$d/e.err")" = 1 ] || fail "expected one stderr line"
[ "$(wc -l <"$d/enforce.jsonl")" = 1 ] || fail "expected one audit record"
for k in '"v":1' '"host":"' '"program":"attack"' '"pid":' '"kind":"cfi-icall"' '"mode":"enforce"' \
         '"action":"abort"' '"target":"0x' '"expected_type":"_ZTSFiPKcE"' '"module":"' '"function":"run"'; do
  grep -q -F "$k" "$d/enforce.jsonl" || fail "audit record misses $k"
done
grep -E -q '"time":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z"' "$d/enforce.jsonl" || fail "time not RFC 3339 UTC"

# 4. Report mode: the notice once at start-up, the attack goes on, "logged".
( cd "$d" && BULWARK_MODE=report BULWARK_LOG="$d/report.jsonl" ./attack >"$d/r.out" 2>"$d/r.err" )
[ "$(grep -c 'report-only mode' "$d/r.err")" = 1 ] || fail "no single start-up notice"
grep -q ATTACK-SUCCEEDED "$d/r.out" || fail "report mode should not stop the program"
grep -q -F '"mode":"report","action":"logged"' "$d/report.jsonl" || fail "report record"

# 5. Nothing printed when nothing is wrong, even in report mode there is only the notice.
printf 'int main(void){return 0;}\n' >"$d/ok.c"
$cc -O2 "${plug[@]}" "$d/ok.c" -o "$d/ok" -Wl,--whole-archive "$BW_RT" -Wl,--no-whole-archive || fail build
[ -z "$("$d/ok" 2>&1)" ] || fail "a clean program printed something"

# 6. One __bulwark_info record per instrumented TU survives linking, with
#    and without --gc-sections (read by `bulwark verify`): six uint32
#    {magic "BWMI", 1, protection bits, checked icalls, shadow-stack
#    functions, checked memory operations}, section alignment 4.
cat >"$d/m1.c" <<'SRC'
#include <string.h>
typedef int (*fn_t)(int);
static int inc(int x) { return x + 1; }
fn_t volatile pick = inc;
int one(const char *s) { char b[32]; strncpy(b, s, sizeof b - 1); b[31] = 0; return pick((int)strlen(b)); }
SRC
cat >"$d/m2.c" <<'SRC'
int one(const char *s);
int main(int argc, char **argv) { (void)argc; return one(argv[0]) > 0 ? 0 : 1; }
SRC
( cd "$d" && BULWARK_PASS_STATS="$d/info.jsonl" $cc -O2 -c "${plug[@]}" "${front[@]}" m1.c &&
  BULWARK_PASS_MEMORY=0 $cc -O2 -c "${plug[@]}" "${front[@]}" m2.c ) || fail "compile m1/m2"
words() {
  objcopy -O binary --only-section=__bulwark_info "$1" "$d/info.bin" || return 1
  od -An -v -tu4 "$d/info.bin" | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}
[ "$(words "$d/m2.o")" = "1229805378 1 3 0 0 0" ] || fail "m2.o record: $(words "$d/m2.o")"
ic=$(sed -n 's/.*"cfi":{"indirect_calls":\([0-9]*\).*/\1/p' "$d/info.jsonl")
ss=$(sed -n 's/.*"shadow_stack":{"functions":[0-9]*,"protected":\([0-9]*\).*/\1/p' "$d/info.jsonl")
mo=$(sed -n 's/.*"memory":{"instrumented":\([0-9]*\).*/\1/p' "$d/info.jsonl")
[ "${ic:-0}" -ge 1 ] && [ "${ss:-0}" -ge 1 ] && [ "${mo:-0}" -ge 1 ] || fail "m1 stats: $ic $ss $mo"
for gc in "" "-Wl,--gc-sections"; do
  $cc -O2 $gc "$d/m1.o" "$d/m2.o" -o "$d/info" \
      -Wl,--whole-archive "$BW_RT" -Wl,--no-whole-archive -ldl -lpthread || fail "link ($gc)"
  got=$(words "$d/info")
  case "$got" in
  "1229805378 1 7 $ic $ss $mo 1229805378 1 3 0 0 0" | "1229805378 1 3 0 0 0 1229805378 1 7 $ic $ss $mo") ;;
  *) fail "linked records ($gc): $got" ;;
  esac
  [ "$(readelf -SW "$d/info" | awk '$2 == "__bulwark_info" {print $NF}')" = 4 ] || fail "section alignment"
  "$d/info" || fail "linked program ($gc) does not run"
done
# 7. The default shadow-stack scope is -fstack-protector-strong's: on a
#    sample with functions on both sides of the rule, the pass protects
#    exactly the functions clang's own stack protector protects, at -O0 and
#    -O2 (a function more or less is a failure), with the variable unset,
#    "default" (what bulwark-cc sets) and "strong".
fns() { objdump -dr "$1" | awk -v sym="$2" '/^[0-9a-f]+ <.*>:$/ {f=$2} index($0, sym) {print f}' | sort -u; }
for o in 0 2; do
  $cc -O$o -c -fstack-protector-strong "$here/samples/ssp_scope.c" -o "$d/ssp.o" || fail "compile ssp"
  want=$(fns "$d/ssp.o" __stack_chk_fail)
  [ "$(echo "$want" | wc -l)" -ge 5 ] || fail "-O$o: stack protector picked too few functions: $want"
  echo "$want" | grep -q '<leaf>' && fail "-O$o: sample's leaf function protected by clang"
  for scope in unset default strong; do
    sse=(BULWARK_PASS_SHADOW_STACK=$scope); [ $scope = unset ] && sse=(-u BULWARK_PASS_SHADOW_STACK)
    env "${sse[@]}" BULWARK_PASS_CFI=0 BULWARK_PASS_MEMORY=0 $cc -O$o -c \
      -fno-stack-protector "${plug[@]}" "$here/samples/ssp_scope.c" -o "$d/bwss.o" ||
      fail "compile ssp with the pass"
    got=$(fns "$d/bwss.o" __bw_ss_top_v3)
    [ "$want" = "$got" ] || fail "-O$o $scope: shadow-stack scope differs from -fstack-protector-strong: want $(echo $want), got $(echo $got)"
  done
done
# 7b. The in-bounds sample: functions -fstack-protector-strong protects,
#     three of them with every access to their stack objects provable in
#     bounds.  The default (every protection on, as built by default)
#     protects all ten, runs no proof (no remark, "proven_in_bounds":0) and
#     says "strong" in the record; an unknown scope name is the default too.
#     Only the opt-in loosening BULWARK_PASS_SHADOW_STACK=in-bounds leaves
#     out the three proven ones (constant offsets, constant-length memset,
#     parameters of static functions), each with a remark, and says so.
$cc -O2 -c -fstack-protector-strong "$here/samples/ss_in_bounds.c" -o "$d/ib_ssp.o" || fail "compile in-bounds ssp"
want=$(fns "$d/ib_ssp.o" __stack_chk_fail | grep -E '<(proven|protected)_' | tr '\n' ' ')
[ "$(echo $want | wc -w)" = 10 ] || fail "in-bounds sample: clang protects $want"
for scope in unset bogus; do
  sse=(BULWARK_PASS_SHADOW_STACK=$scope); [ $scope = unset ] && sse=(-u BULWARK_PASS_SHADOW_STACK)
  rm -f "$d/ib_def.jsonl"
  env "${sse[@]}" BULWARK_PASS_STATS="$d/ib_def.jsonl" $cc -O2 -c "${plug[@]}" "${front[@]}" \
    -Rpass-missed=bulwark "$here/samples/ss_in_bounds.c" -o "$d/ib_def.o" 2>"$d/ib_def.remarks" ||
    fail "compile in-bounds sample, $scope scope"
  [ "$(fns "$d/ib_def.o" __bw_ss_top_v3 | tr '\n' ' ')" = "$want" ] ||
    fail "$scope scope on the in-bounds sample: got $(fns "$d/ib_def.o" __bw_ss_top_v3 | tr '\n' ' ')"
  grep -q 'proven in bounds' "$d/ib_def.remarks" && fail "$scope scope ran the in-bounds proof"
  grep -q -F '"shadow_stack":"strong"' "$d/ib_def.jsonl" || fail "$scope scope: record does not say strong"
  grep -q -F '"proven_in_bounds":0,' "$d/ib_def.jsonl" || fail "$scope scope: functions counted as proven"
done
rm -f "$d/ib.jsonl"
BULWARK_PASS_SHADOW_STACK=in-bounds BULWARK_PASS_STATS="$d/ib.jsonl" $cc -O2 -c "${plug[@]}" "${front[@]}" \
  -Rpass-missed=bulwark "$here/samples/ss_in_bounds.c" -o "$d/ib.o" 2>"$d/ib.remarks" ||
  fail "compile in-bounds sample, in-bounds scope"
got=$(fns "$d/ib.o" __bw_ss_top_v3 | tr '\n' ' ')
[ "$got" = "$(echo "$want" | tr ' ' '\n' | grep protected_ | tr '\n' ' ')" ] ||
  fail "in-bounds scope on the in-bounds sample: got $got"
[ "$(grep -c 'remark: no shadow stack: every access to its stack objects is proven in bounds (scope in-bounds, a loosening' "$d/ib.remarks")" = 3 ] ||
  { cat "$d/ib.remarks" >&2; fail "expected 3 in-bounds remarks"; }
grep -q -F '"shadow_stack":"in-bounds"' "$d/ib.jsonl" || fail "in-bounds scope: record does not say so"
grep -q -F '"proven_in_bounds":3,' "$d/ib.jsonl" || fail "in-bounds scope: expected 3 proven functions"
# 8. The shadow-stack top: local-exec TLS (%fs-relative, no GOT) in code for
#    an executable, initial-exec through the GOT in code that may go into a
#    shared object; the weak definition that local-exec needs is there.
tls_relocs() { objdump -dr "$1" | awk '/__bw_ss_top_v3/ {print $2}' | sort -u | tr '\n' ' '; }
for pic in -fPIE -fno-pic -fPIC; do
  BULWARK_PASS_CFI=0 BULWARK_PASS_MEMORY=0 $cc -O2 -c $pic "${plug[@]}" \
    "$here/samples/ssp_scope.c" -o "$d/tls.o" || fail "compile $pic"
  got=$(tls_relocs "$d/tls.o")
  case $pic in
  -fPIC) [ "$got" = "R_X86_64_GOTTPOFF " ] || fail "$pic: shadow-stack top relocations: $got" ;;
  *) [ "$got" = "R_X86_64_TPOFF32 " ] || fail "$pic: shadow-stack top relocations: $got"
     nm "$d/tls.o" | grep -Eq ' [VW] __bw_ss_top_v3$' || fail "$pic: no weak definition of __bw_ss_top_v3" ;;
  esac
done
# 9. The shadow stack's push/check contract is versioned in its symbol names:
#    instrumented code refers to the versioned entry point (undefined in the
#    object, defined by the runtime), and code built for the previous
#    contracts (v1: top __bw_ss_top, entry __bw_ss_init_pm; v2: the same
#    names with _v2) does not link with this runtime: a mismatched
#    plugin/runtime pair is a link error, not a crash at the first call.
BULWARK_PASS_CFI=0 BULWARK_PASS_MEMORY=0 $cc -O2 -c "${plug[@]}" \
  "$here/samples/ssp_scope.c" -o "$d/ver.o" || fail "compile for the version check"
nm "$d/ver.o" | grep -Eq ' U __bw_ss_init_v3_pm$' || fail "module does not refer to __bw_ss_init_v3_pm"
for s in __bw_ss_init_v3_pm __bw_ss_top_v3; do
  nm "$BW_RT" 2>/dev/null | grep -Eq " [TtBbDd] $s$" || fail "runtime does not define $s"
done
for v in '' _v2; do
  cat >"$d/old_abi.c" <<END
extern __thread void **__bw_ss_top$v __attribute__((tls_model("initial-exec")));
void __bw_ss_init${v}_pm(void);
int main(void) { if (!__bw_ss_top$v) __bw_ss_init${v}_pm(); return __bw_ss_top$v != 0; }
END
  $cc -O2 "$d/old_abi.c" -o "$d/old_abi" -Wl,--whole-archive "$BW_RT" -Wl,--no-whole-archive \
    -ldl -lpthread 2>"$d/old_abi.err" && fail "code for the shadow-stack contract '$v' links with this runtime"
  grep -q "__bw_ss_init${v}_pm\|__bw_ss_top$v" "$d/old_abi.err" ||
    { cat "$d/old_abi.err" >&2; fail "old-contract ('$v') link failed for another reason"; }
done
# 10. Heap block sizes: a module with memory checks starts the runtime's
#     bookkeeping from its constructor (and only such a module: CFI alone
#     does not refer to it); a write of unknown size at compile time into a
#     block malloc'ed in another TU is checked against the block's exact
#     size (37 bytes asked, 40 usable); BULWARK_HEAP_TRACK=0 turns that off
#     and says so at start-up.
cat >"$d/h1.c" <<'SRC'
#include <stdlib.h>
char *make(size_t n) { return malloc(n); }
SRC
cat >"$d/h2.c" <<'SRC'
#include <stdio.h>
#include <string.h>
char *make(size_t n);
int main(int argc, char **argv) {
  (void)argv;
  char *p = make(37);
  size_t n = argc > 1 ? 40 : 37;
  memcpy(p, "0123456789012345678901234567890123456789", n);
  puts("copied");
  return 0;
}
SRC
( cd "$d" && $cc -O2 -c "${plug[@]}" "${front[@]}" h1.c && $cc -O2 -c "${plug[@]}" "${front[@]}" h2.c &&
  BULWARK_PASS_MEMORY=0 $cc -O2 -c "${plug[@]}" "${front[@]}" h2.c -o h2cfi.o ) || fail "compile h1/h2"
nm "$d/h2.o" | grep -Eq ' U __bw_heap_track_on$' || fail "module with memory checks does not start heap tracking"
nm "$d/h2cfi.o" | grep -q '__bw_heap_track_on' && fail "module without memory checks starts heap tracking"
# heap_case NAME OBJECT OUTPUT WHAT: links h1.o with OBJECT; without
# arguments it must print OUTPUT, with one it must be stopped by a heap
# overflow report.
heap_case() {
  $cc -O2 "$d/h1.o" "$d/$2" -o "$d/$1" -Wl,--whole-archive "$BW_RT" -Wl,--no-whole-archive -ldl -lpthread ||
    fail "link $1"
  [ "$("$d/$1" 2>&1)" = "$3" ] || fail "$4, in bounds: $("$d/$1" 2>&1)"
  "$d/$1" x >/dev/null 2>"$d/$1.err"; local rc=$?
  [ $rc = 134 ] && grep -q 'write past the end' "$d/$1.err" || fail "$4 not stopped (rc $rc)"
}
heap_case heap h2.o copied "heap overflow of unknown size"
BULWARK_HEAP_TRACK=0 "$d/heap" x >"$d/heapoff.out" 2>"$d/heapoff.err" || fail "BULWARK_HEAP_TRACK=0 run failed"
grep -q copied "$d/heapoff.out" && [ "$(grep -c 'heap block sizes not tracked' "$d/heapoff.err")" = 1 ] ||
  fail "BULWARK_HEAP_TRACK=0: no single start-up notice"
# 10b. The same from a second thread: its blocks come from another malloc
#      arena, in another GiB of address space than the main heap's (the
#      runtime's second-level shadow, looked up in C instead of the stub).
cat >"$d/h3.c" <<'SRC'
#include <pthread.h>
#include <stdio.h>
#include <string.h>
char *make(size_t n);
static size_t len;
static void *run(void *arg) {
  (void)arg;
  char *p = make(37);
  memcpy(p, "0123456789012345678901234567890123456789", len);
  return p;
}
int main(int argc, char **argv) {
  (void)argv;
  len = argc > 1 ? 40 : 37;
  pthread_t t;
  if (pthread_create(&t, NULL, run, NULL) != 0) return 2;
  pthread_join(t, NULL);
  puts("copied");
  return 0;
}
SRC
( cd "$d" && $cc -O2 -c "${plug[@]}" "${front[@]}" h3.c ) || fail "compile h3"
heap_case heapthr h3.o copied "heap overflow of unknown size in a thread's arena"
# 10c. A write of unknown size that ends within 24 bytes of its base (the
#      smallest block glibc hands out) cannot leave a heap block: it is not
#      looked up at run time, and is counted and remarked as such; a write
#      that ends further out still is, and an overflow through it stops.
cat >"$d/h4.c" <<'SRC'
#include <stdio.h>
#include <string.h>
char *make(size_t n);
struct rec { long a, b; char name[32]; };
__attribute__((noinline)) void set_a(struct rec *r, long v) { memcpy(&r->a, &v, sizeof v); }
__attribute__((noinline)) void set_tail(char *p) { memcpy(p + 16, "0123456789abcdef", 16); }
int main(int argc, char **argv) {
  (void)argv;
  set_a((struct rec *)make(sizeof(struct rec)), 7);
  set_tail(make(argc > 1 ? 20 : 32));
  puts("written");
  return 0;
}
SRC
( cd "$d" && BULWARK_PASS_STATS="$d/h4.jsonl" $cc -O2 -c "${plug[@]}" "${front[@]}" -Rpass-missed=bulwark \
    h4.c 2>h4.remarks ) || fail "compile h4"
grep -q 'h4.c:5:.*the write ends within the smallest heap block, so it is not checked' "$d/h4.remarks" &&
  grep -q 'h4.c:6:.*checked only if it is the start of a heap block' "$d/h4.remarks" ||
  { cat "$d/h4.remarks" >&2; fail "small/large unknown-size writes not told apart in remarks"; }
grep -q -F '"unknown_size":2,"unknown_size_small":1' "$d/h4.jsonl" || fail "small unknown-size write not counted"
heap_case heapsmall h4.o written "heap overflow that ends past 24 bytes"
# 11. The lazy push: a function whose risky stack objects are only used on
#     rare paths pushes there, and the blocks after the push are copies that
#     check before returning, so a call that never took such a path does no
#     shadow-stack work at all.  An overflow on the rare path is stopped as
#     before; a call that pushed and was left by longjmp, followed by a call
#     at the same depth that did not push, is not mistaken for one.
cat >"$d/lazy.c" <<'SRC'
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
static jmp_buf env;
__attribute__((noinline)) void escape(const char *b) { if (b[0] == 'J') longjmp(env, 1); }
/* buf is used on the rare path only: the push goes there */
__attribute__((noinline)) int victim(const char *s, int rare) {
  char buf[16];
  int n = (int)strlen(s);
  if (rare) {
    strcpy(buf, s);
    escape(buf);
    n += buf[1];
  }
  return n;
}
/* two rare paths, neither dominating the other: a push on each */
__attribute__((noinline)) int two(const char *a, const char *b) {
  char t[16];
  long n = 0;
  if (a[0] == '#') { strcpy(t, a); n += t[1]; }
  n += (long)strlen(b);
  if (b[0] == '#') { strcpy(t, b); n += t[1]; }
  return (int)n;
}
/* the risky block is the one that returns: the push and the check in it */
__attribute__((noinline)) int merge_ret(int x, const char *s) {
  if (x) {
    s = "abc";
    puts("x");
  }
  char b[16];
  strcpy(b, s);
  return b[1];
}
int main(int argc, char **argv) {
  if (argc > 2 && strcmp(argv[1], "ret") == 0) { merge_ret(0, argv[2]); puts("ATTACK-SUCCEEDED"); return 0; }
  if (argc > 2) { victim(argv[2], 1); puts("ATTACK-SUCCEEDED"); return 0; }
  /* more pushes than the shadow stack has room for: each must be popped */
  for (int i = 0; i < 600000; i++)
    if (merge_ret(0, "xyz") != 'y') return 1;
  volatile int r = 0;
  if (setjmp(env) == 0)
    r += victim("J", 1);  /* pushes, then longjmp leaves its entry behind */
  r += victim("abc", 0);  /* same depth, no push: must not be taken for it */
  r += victim("abc", 1);
  r += two("#a", "b") + two("a", "#b") + two("#a", "#b") + two("a", "b");
  printf("ok %d\n", r);
  return 0;
}
SRC
# build_lazy OUT [VAR=value...]: lazy.c, shadow stack and CFI only, with the
# statistics record in OUT.jsonl
build_lazy() {
  local out=$1; shift
  ( cd "$d" && env "$@" BULWARK_PASS_MEMORY=0 BULWARK_PASS_STATS="$d/$out.jsonl" $cc -O2 -fno-stack-protector \
      "${plug[@]}" "${front[@]}" lazy.c -o "$out" -Wl,--whole-archive "$BW_RT" -Wl,--no-whole-archive ) ||
    fail "compile lazy.c as $out"
}
# victim_entry BIN: victim's instructions up to its first branch
victim_entry() {
  objdump -d --no-show-raw-insn "$1" | awk '/<victim>:/,/^$/' | awk '/\tj[a-z]+ /{exit} {print}'
}
# stopped MODE WHAT: the overflow of MODE's function is stopped by the shadow stack
stopped() {
  "$d/lazy" "$1" "$long" >"$d/lazy.out" 2>"$d/lazy.err"; local rc=$?
  [ $rc = 134 ] && grep -q '^bulwark: shadow-stack violation' "$d/lazy.err" ||
    fail "overflow $2 not stopped (rc $rc): $(cat "$d/lazy.err" "$d/lazy.out")"
}
build_lazy lazy
grep -q -F '"protected":3,' "$d/lazy.jsonl" && grep -q -F '"pushed_lazily":3}' "$d/lazy.jsonl" ||
  fail "lazy push: expected 3 protected functions, all lazy: $(cat "$d/lazy.jsonl")"
# scope strong-entry: the same functions, each pushing at its entry
build_lazy lazy-entry BULWARK_PASS_SHADOW_STACK=strong-entry
grep -q -F '"shadow_stack":"strong-entry"' "$d/lazy-entry.jsonl" && grep -q -F '"protected":3,' "$d/lazy-entry.jsonl" &&
  grep -q -F '"pushed_lazily":0}' "$d/lazy-entry.jsonl" || fail "strong-entry scope: $(cat "$d/lazy-entry.jsonl")"
victim_entry "$d/lazy-entry" | grep -q '%fs:' || fail "strong-entry: victim does not push at entry"
out=$("$d/lazy-entry" 2>&1) && [ "$out" = "ok 500" ] || fail "strong-entry: clean run printed: $out"
# victim's entry, up to its first branch, does not touch the shadow stack
victim_entry "$d/lazy" >"$d/victim.entry"
grep -q strlen "$d/victim.entry" || fail "victim's entry not found: $(cat "$d/victim.entry")"
grep -q '%fs:' "$d/victim.entry" && fail "victim pushes before its rare path: $(cat "$d/victim.entry")"
out=$("$d/lazy" 2>&1) && [ "$out" = "ok 500" ] || fail "lazy push: clean run printed: $out"
long=$(printf 'A%.0s' $(seq 1 120))
stopped attack "on the lazy path"
stopped ret "in a lazy push's own returning block"
echo ok
