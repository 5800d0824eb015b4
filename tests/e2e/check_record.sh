#!/usr/bin/env bash
# `bulwark check --record` stores the run in the tracker, and the next
# roadmap snapshot counts its findings as the component's open findings;
# `bulwark baseline create --record` stores the baseline's size.
#   check_record.sh <bulwark>
set -euo pipefail
bulwark=$1
work=$(mktemp -d /tmp/bw-record.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q .
mkdir -p core
printf '#include <stdio.h>\nint main(int c, char **v) { (void)c; printf(v[1]); return 0; }\n' > core/main.c
printf 'version: 1\norganization: {name: Rec}\ncomponents:\n  - {name: core, paths: [core/**]}\n' > bulwark-roadmap.yaml
git add -A && git -c user.email=a@b -c user.name=a commit -qm init
rc=0
"$bulwark" check --record core/main.c -- >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: check exited $rc, expected 1"; exit 1; }
[ -f .bulwark/tracker.db ] || { echo "FAIL: no tracker database written"; exit 1; }
"$bulwark" roadmap snapshot >/dev/null
"$bulwark" roadmap status > status.txt || true
grep -q 'core:.*1 findings' status.txt || { echo "FAIL: the recorded finding is not counted:"; cat status.txt; exit 1; }
# Without --record nothing is written.
rm -rf .bulwark
"$bulwark" check core/main.c -- >/dev/null 2>&1 || true
[ ! -f .bulwark/tracker.db ] || { echo "FAIL: check without --record wrote a tracker database"; exit 1; }
# `bulwark baseline create --record` stores the baseline's size.
"$bulwark" baseline create --worktree --record >/dev/null
"$bulwark" roadmap snapshot >/dev/null
"$bulwark" report --format json -o report.json
grep -q '"baseline_size": *1' report.json || { echo "FAIL: baseline size not recorded"; exit 1; }
echo "check_record: ok"
