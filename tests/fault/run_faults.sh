#!/usr/bin/env bash
# Fault injection (the SQLite/Lua technique): runs a test program again and
# again, failing its 1st, 2nd, 3rd, ... allocation (BULWARK_FAIL_ALLOC_AT=N,
# honoured by bw_malloc and friends in a -DBULWARK_FAULT_INJECTION=ON build),
# until a run completes without the injected failure being reached.
#
# The program's own assertions may fail (it expected memory); what must
# never happen is a crash, a sanitizer report (ASan, UBSan, LeakSanitizer:
# a leak on an error path) or a hang.
#   run_faults.sh <max-runs> <program> [args...]
set -uo pipefail
max=$1; shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
n=1
while [ "$n" -le "$max" ]; do
    BULWARK_FAIL_ALLOC_AT=$n BULWARK_FAIL_ALLOC_REPORT=1 timeout 60 "$@" >"$log" 2>&1
    rc=$?
    if [ $rc -ge 124 ] && [ $rc -ne 255 ]; then
        echo "run_faults: allocation $n: killed or timed out (exit $rc)"; cat "$log"; exit 1
    fi
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|Test failed with exception' "$log"; then
        echo "run_faults: allocation $n: crash, leak or undefined behaviour on an error path:"; cat "$log"; exit 1
    fi
    if ! grep -q 'bulwark-fault: injected allocation failure' "$log"; then
        echo "run_faults: $* — $((n - 1)) allocation failure points, every one handled cleanly"
        exit 0
    fi
    n=$((n + 1))
done
echo "run_faults: $* — stopped after $max injection points (all handled cleanly)"
