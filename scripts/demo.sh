#!/usr/bin/env bash
# README command 1: set up Bulwark, then run the demo end to end.
#
#   scripts/demo.sh
#
# On a copy of demo/ (the "inventory" web app) in build/demo/:
#   1. gives it a short git history with roadmap snapshots (demo/history.sh),
#   2. `bulwark check`: the findings with their source->sink flows,
#   3. builds it plainly and hardened (CC=bulwark-cc), and `bulwark verify`s both,
#   4. runs the same exploit against both builds: the plain one is taken over,
#      the hardened one is stopped and the audit log shows the event,
#   5. imports the audit log, records a final roadmap snapshot, and writes the
#      dashboard (HTML) and the roadmap (Markdown).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build=$root/build
bulwark=$build/cli/bulwark
bulwark_cc=$build/wrapper/bulwark-cc
work=$build/demo
rm -rf "$work"
mkdir -p "$work"
cp -r "$root/demo/." "$work/"
rm -f "$work/inventory" "$work"/*/*.o
export BULWARK_DB=$work/.bulwark/tracker.db
mkdir -p "$work/.bulwark"

banner() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

banner "1. history: three commits, with roadmap snapshots"
"$root/demo/history.sh" "$bulwark" "$work"
git -C "$work" log --oneline

cd "$work"
banner "2. bulwark check (findings with their flows)"
set +e
"$bulwark" check --record web/*.c store/*.c legacy/*.c
check_rc=$?
set -e
echo "(bulwark check exit code: $check_rc — 1 means findings)"

banner "3. build: plain and hardened"
make -s clean >/dev/null
make -s CC=clang-19 CFLAGS="-O2 -g" >/dev/null
mv inventory inventory-plain
make -s clean >/dev/null
make -s CC="$bulwark_cc" CFLAGS="-O2 -g" 2>&1 | grep -E 'warning:|error:' | head -20 || true
mv inventory inventory-hardened
make -s clean >/dev/null
"$bulwark" verify inventory-plain inventory-hardened || true
"$bulwark" verify --record inventory-hardened >/dev/null || true

banner "4. the same exploit against both builds"
export BULWARK_LOG=$work/audit.log
rm -f "$BULWARK_LOG"
set +e
"$root/demo/exploit.sh" ./inventory-plain
plain_rc=$?
"$root/demo/exploit.sh" ./inventory-hardened
hard_rc=$?
set -e
echo "audit log ($BULWARK_LOG):"
cat "$BULWARK_LOG" 2>/dev/null || echo "(empty)"
unset BULWARK_LOG

banner "5. roadmap: import the audit log, snapshot, dashboard"
"$bulwark" roadmap import-log audit.log || true
"$bulwark" roadmap snapshot
"$bulwark" roadmap status || true
"$bulwark" report -o "$work/roadmap.html"
"$bulwark" report --format markdown -o "$work/roadmap.md"

banner "done"
echo "demo project:     $work"
echo "dashboard:        $work/roadmap.html"
echo "roadmap:          $work/roadmap.md"
echo "tracker database: $BULWARK_DB"
echo "audit log:        $work/audit.log"
if [ "$plain_rc" -eq 0 ] && [ "$hard_rc" -eq 1 ]; then
    echo "result: the plain build was exploited; the hardened build stopped the attack."
else
    echo "result: UNEXPECTED (plain exploit exit $plain_rc, hardened exit $hard_rc)" >&2
    exit 1
fi
