#!/bin/bash
# stress_run.sh — the hardening runtime under stress (tests/hardening/stress).
#
#   stress_run.sh dlopen          threads calling into modules dlopen'ed and
#                                 dlclose'd in a loop, under a timer signal
#                                 (static and shared runtime)
#   stress_run.sh report-signals  violations reported from signal handlers
#                                 and threads in report mode: every audit
#                                 line whole, none lost
#   stress_run.sh report-procs    16 processes appending to one audit log
#
# Environment: BW_CC, BW_PLUGIN, BW_RT, BW_RT_SHARED_DIR, BW_WORK (as for
# compat_run.sh).
set -u
here=$(cd "$(dirname "$0")" && pwd)
hard=(-fpass-plugin="${BW_PLUGIN:?}" -Xclang -fsanitize=cfi-icall -Xclang -fsanitize-trap=cfi-icall)
link_static=(-Wl,--whole-archive "${BW_RT:?}" -Wl,--no-whole-archive -Wl,--export-dynamic-symbol='__bw_*' -ldl -lpthread)
link_shared=(-L"${BW_RT_SHARED_DIR:?}" -Wl,-rpath,"$BW_RT_SHARED_DIR" -lbulwark-rt -ldl -lpthread)
cc=${BW_CC:?}
case_name=${1:?usage: stress_run.sh <case>}
d=${BW_WORK:?}/stress-$case_name
rm -rf "$d"; mkdir -p "$d"
fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }

# Every line of the audit log is one whole JSON record of a logged CFI
# violation from LONG_NAME; there are exactly $2 of them.
check_log() { # <log> <expected-count>
  python3 - "$1" "$2" <<'PY' || fail "audit log"
import json, sys
path, want = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
if not data.endswith(b"\n"):
    sys.exit("the log does not end with a newline")
lines = data.split(b"\n")[:-1]
stem = "report_from_a_function_whose_name_is_very_long_on_purpose_0123456_"
for i, raw in enumerate(lines, 1):
    try:
        rec = json.loads(raw.decode("utf-8"))
    except Exception as e:
        sys.exit("line %d is not one JSON record (%s): %.200r" % (i, e, raw))
    for k, v in (("v", 1), ("kind", "cfi-icall"), ("mode", "report"), ("action", "logged")):
        if rec.get(k) != v:
            sys.exit("line %d: %s is %r, want %r" % (i, k, rec.get(k), v))
    if not str(rec.get("function", "")).startswith(stem):
        sys.exit("line %d: the violating function is %r" % (i, rec.get("function", "")[:100]))
if len(lines) != want:
    sys.exit("%d records, want %d (lost or split lines)" % (len(lines), want))
print("audit log: %d records, every one a whole JSON line" % len(lines))
PY
}

case $case_name in
dlopen)
  for m in 1 2 3; do
    $cc -O2 -fPIC -shared -DMOD=$m "${hard[@]}" "$here/stress_mod.c" -o "$d/mod$m.so" || fail "module build"
    nm -D "$d/mod$m.so" | grep -q __bw_register_module || fail "module $m not instrumented"
  done
  $cc -O2 -g "${hard[@]}" "$here/stress_dlopen.c" -o "$d/static" "${link_static[@]}" || fail "build"
  $cc -O2 -g "${hard[@]}" "$here/stress_dlopen.c" -o "$d/shared" "${link_shared[@]}" || fail "build (shared runtime)"
  for v in static shared; do
    timeout 60 "$d/$v" "$d" >"$d/$v.out" 2>"$d/$v.err"; rc=$?
    cat "$d/$v.out"
    [ $rc = 0 ] || { cat "$d/$v.err" >&2; fail "$v runtime: exit $rc"; }
    # one violation only: the wrong-type call made on purpose at the end
    [ "$(grep -c '^bulwark:' "$d/$v.err")" = 1 ] && grep -q '^bulwark: cfi-icall violation.* in=main ' "$d/$v.err" ||
      { cat "$d/$v.err" >&2; fail "$v runtime: a violation was reported during the churn"; }
  done
  ;;
report-signals)
  $cc -O2 -g -rdynamic "${hard[@]}" "$here/stress_report.c" -o "$d/report" "${link_static[@]}" || fail "build"
  BULWARK_MODE=report BULWARK_LOG="$d/audit.jsonl" timeout 60 "$d/report" signals >"$d/out" 2>"$d/err"; rc=$?
  cat "$d/out"
  [ $rc = 0 ] || { tail -5 "$d/err" >&2; fail "exit $rc"; }
  check_log "$d/audit.jsonl" "$(awk '{print $2}' "$d/out")"
  ;;
report-procs)
  $cc -O2 -g -rdynamic "${hard[@]}" "$here/stress_report.c" -o "$d/report" "${link_static[@]}" || fail "build"
  BULWARK_MODE=report BULWARK_LOG="$d/audit.jsonl" timeout 60 "$d/report" procs 16 >"$d/out" 2>"$d/err"; rc=$?
  cat "$d/out"
  [ $rc = 0 ] || { tail -5 "$d/err" >&2; fail "exit $rc"; }
  check_log "$d/audit.jsonl" "$(awk '{print $2}' "$d/out")"
  ;;
*)
  fail "unknown case"
  ;;
esac
echo ok
