#!/bin/bash
# attack_run.sh — build one attack combination and run it.
#
#   attack_run.sh <variant> <target> <where> <how> <to>
#
# variant: plain | all | cfi | ss | mem   (which Bulwark protections are on)
# Prints one word: SUCCEEDED (ATTACK-SUCCEEDED seen), STOPPED (Bulwark
# reported a violation and the attack did not take control), NA (the
# combination does not apply), or BROKEN (anything else: a bug here).
# Environment: BW_CC, BW_CXX, BW_PLUGIN, BW_RT, BW_WORK (scratch directory).
set -u
variant=$1 target=$2 where=$3 how=$4 to=$5
src=$(dirname "$0")/attacks
work=${BW_WORK:?}/attack-$variant-$target-$where-$how-$to
mkdir -p "$work"
if [ "$target" = 8 ]; then cc=${BW_CXX:?}; file=$src/attack_vtable.cpp; else cc=${BW_CC:?}; file=$src/attack.c; fi
flags=(-O0 -g -fno-stack-protector -fcf-protection=none -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=0
       -fno-omit-frame-pointer -w -DBW_TARGET="$target" -DBW_WHERE="$where" -DBW_HOW="$how" -DBW_TO="$to")
env=()
case $variant in
  plain) ;;
  all) ;;
  cfi) env=(BULWARK_PASS_MEMORY=0 BULWARK_PASS_SHADOW_STACK=none) ;;
  ss)  env=(BULWARK_PASS_MEMORY=0 BULWARK_PASS_CFI=0) ;;
  mem) env=(BULWARK_PASS_CFI=0 BULWARK_PASS_SHADOW_STACK=none) ;;
  *) echo BROKEN; echo "unknown variant $variant" >&2; exit 2 ;;
esac
if [ "$variant" = plain ]; then
  "$cc" "${flags[@]}" "$file" -o "$work/prog" -ldl 2>"$work/cc.err" || { echo BROKEN; cat "$work/cc.err" >&2; exit 1; }
else
  env "${env[@]}" "$cc" "${flags[@]}" -fpass-plugin="${BW_PLUGIN:?}" \
      -Xclang -fsanitize=cfi-icall -Xclang -fsanitize-trap=cfi-icall \
      "$file" -o "$work/prog" -Wl,--whole-archive "${BW_RT:?}" -Wl,--no-whole-archive -Wl,--export-dynamic-symbol='__bw_*' -ldl -lpthread \
      2>"$work/cc.err" || { echo BROKEN; cat "$work/cc.err" >&2; exit 1; }
fi
rm -f "$work/audit.jsonl"
# No ASLR: the "attacker" still computes every address at run time, but
# whether an address contains a byte a string copy cannot carry must not
# change from run to run.
WORK=$work bash -c 'cd "$WORK" && BULWARK_LOG="$WORK/audit.jsonl" timeout 20 setarch "$(uname -m)" -R ./prog \
    >"$WORK/out" 2>"$WORK/err" </dev/null' 2>/dev/null
rc=$?
if [ $rc = 77 ]; then echo NA; exit 0; fi
if grep -q ATTACK-SUCCEEDED "$work/out"; then echo SUCCEEDED; exit 0; fi
if [ "$variant" != plain ] && grep -q '^bulwark: .* violation' "$work/err" && [ $rc -ne 0 ] \
   && grep -q '"v":1' "$work/audit.jsonl" 2>/dev/null; then
  echo STOPPED; exit 0
fi
echo BROKEN
echo "rc=$rc; stdout:" >&2; cat "$work/out" >&2; echo "stderr:" >&2; cat "$work/err" >&2
exit 0
