#!/usr/bin/env bash
# The whole test suite — README command 2, and what CI runs (.ci/run).
#
#   scripts/test.sh
#
# 1. a -Werror build with every test (unit, corpus, hardening, roadmap,
#    wrapper, pre-commit, end-to-end, SARIF validation, banned functions),
# 2. Bulwark's checker on Bulwark's own tree: zero findings,
# 3. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer,
# 4. the pass plugin and runtime built and tested against LLVM 14,
# 5. fault injection: every allocation of the common/ API, and every SQLite
#    call of the tracker, the checker cache and the wrapper, fails in turn,
# 6. each libFuzzer harness for BULWARK_FUZZ_SECONDS (default 60).
# Sets up the machine first (scripts/setup.sh), so it works on a fresh one.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc)
export CTEST_OUTPUT_ON_FAILURE=1

step() { printf '\n=== %s ===\n' "$*"; }

step "setup and -Werror build"
"$root/scripts/setup.sh" --build-dir "$root/build-ci" -- -DBULWARK_WERROR=ON
step "test suite"
ctest --test-dir "$root/build-ci" -j"$jobs"

step "dogfood: Bulwark's checker on Bulwark's own tree: zero findings"
# Every rule, our own compile database, no baseline: any finding fails CI
# (exit code 1). Inline suppressions would show in the summary as loosenings.
"$root/build-ci/cli/bulwark" check -p "$root/build-ci" --no-cache --fail-level note

step "ASan + UBSan build and test suite"
"$root/scripts/setup.sh" --build-dir "$root/build-asan" -- -DBULWARK_WERROR=ON -DBULWARK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$root/build-asan" -j"$jobs" -LE no-sanitizer

step "pass plugin and runtime against LLVM 14"
"$root/scripts/setup.sh" --build-dir "$root/build-llvm14" -- -DBULWARK_WERROR=ON -DBULWARK_LLVM_MAJOR=14 -DBULWARK_HARDENING_ONLY=ON
ctest --test-dir "$root/build-llvm14" -j"$jobs"

step "fault injection: every common/ allocation and every SQLite call of tracker, cache and wrapper fails in turn (ASan + LeakSanitizer)"
"$root/scripts/setup.sh" --build-dir "$root/build-fault" -- -DBULWARK_FAULT_INJECTION=ON -DBULWARK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
ctest --test-dir "$root/build-fault" -j"$jobs" -L fault

step "fuzzing: each libFuzzer harness for \${BULWARK_FUZZ_SECONDS:-60} s"
"$root/scripts/setup.sh" --build-dir "$root/build-fuzz" -- -DBULWARK_FUZZ=ON -DBULWARK_SANITIZE=ON -DBULWARK_FUZZ_SECONDS="${BULWARK_FUZZ_SECONDS:-60}"
ctest --test-dir "$root/build-fuzz" -j"$jobs" -L '^fuzz'

echo
echo "scripts/test.sh: all suites passed"
