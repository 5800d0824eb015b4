#!/usr/bin/env bash
# Fault injection (the SQLite/Lua technique): runs a test program again and
# again, failing its 1st, 2nd, 3rd, ... fault point, until a run completes
# without the injected failure being reached.  The kinds of fault point:
#   --alloc          bw_malloc and friends (BULWARK_FAIL_ALLOC_AT=N, the
#                    default; -DBULWARK_FAULT_INJECTION=ON build)
#   --sqlite         calls of the SQLite API (BULWARK_FAIL_SQLITE_AT=N,
#                    programs linked with sqlite_fault.c and --wrap)
#   --sqlite-malloc  SQLite's own allocations (BULWARK_FAIL_SQLITE_MALLOC_AT=N)
#
# What must never happen is a crash, a sanitizer report (ASan, UBSan,
# LeakSanitizer: a leak on an error path), a hang, or a non-zero exit: the
# programs exit 0 when the failure was handled and 3 (printing VIOLATION)
# when a property they check was broken.
# --step K fails every K-th point only (1st, K+1-th, ...): for fault kinds
# with tens of thousands of points, where every one would take too long.
#   run_faults.sh [--alloc|--sqlite|--sqlite-malloc] [--step K] <max-runs> <program> [args...]
set -uo pipefail
var=BULWARK_FAIL_ALLOC_AT
marker='bulwark-fault: injected allocation failure'
kind=allocation
case ${1:-} in
--alloc) shift ;;
--sqlite) var=BULWARK_FAIL_SQLITE_AT; marker='bulwark-fault: injected SQLite failure'; kind='SQLite call'; shift ;;
--sqlite-malloc) var=BULWARK_FAIL_SQLITE_MALLOC_AT; marker='bulwark-fault: injected SQLite failure'; kind='SQLite allocation'; shift ;;
esac
step=1
if [ "${1:-}" = --step ]; then step=$2; shift 2; fi
max=$1; shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
n=${BULWARK_FAULT_FROM:-1} # (start later when re-checking a fix)
first=$n
while [ "$n" -le "$max" ]; do
    env "$var=$n" BULWARK_FAIL_ALLOC_REPORT=1 timeout 120 "$@" >"$log" 2>&1
    rc=$?
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|Test failed with exception' "$log"; then
        echo "run_faults: $kind $n: crash, leak or undefined behaviour on an error path:"; cat "$log"; exit 1
    fi
    if [ $rc -ne 0 ]; then
        echo "run_faults: $kind $n: exit status $rc (killed, timed out or a violated property):"; cat "$log"; exit 1
    fi
    if ! grep -q "$marker" "$log"; then
        runs=$(( (n - first) / step ))
        if [ "$step" -eq 1 ]; then
            echo "run_faults: $* — $runs $kind failure points, every one handled cleanly"
        else
            echo "run_faults: $* — $runs runs failing every ${step}th $kind (1st to $((n - step))th), every one handled cleanly"
        fi
        exit 0
    fi
    n=$((n + step))
done
echo "run_faults: $* — stopped at injection point $max (all handled cleanly)"
