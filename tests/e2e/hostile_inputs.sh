#!/usr/bin/env bash
# Hostile and broken input across the `bulwark` commands: each case must end
# with a clear one-line error and the documented exit code, never a crash, a
# hang, a silent "all clear", or a damaged file.
#   hostile_inputs.sh <bulwark> <clang>
set -uo pipefail
bulwark=$1
clang=$2
work=$(mktemp -d /tmp/bw-hostile.XXXXXX)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect <exit-code> <stderr-regex> <command...>: runs with a time limit.
expect() {
    local want=$1 pattern=$2
    shift 2
    timeout 120 "$@" >"$work/out" 2>"$work/err"
    local rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "'$*' exited $rc, expected $want"; sed 's/^/    /' "$work/err" | head -5
    elif [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$work/err" "$work/out"; then
        fail "'$*': output lacks /$pattern/"; sed 's/^/    /' "$work/err" | head -5
    fi
    if grep -qE 'AddressSanitizer|runtime error:|Segmentation fault' "$work/err"; then
        fail "'$*' crashed or hit undefined behaviour"
    fi
}

echo "== compile databases"
mkdir db && printf '[{"directory": "/tmp", "file": "x.c", "command": ' > db/compile_commands.json
expect 2 'compile_commands.json:.*malformed' "$bulwark" check -p db
printf '{}' > db/compile_commands.json
expect 2 'JSON array' "$bulwark" check -p db
printf '[]' > db/compile_commands.json
expect 2 'lists no file' "$bulwark" check -p db
expect 2 'no compile database' "$bulwark" check -p "$work/does-not-exist"
# A huge database of files that do not exist: every one reported, no hang, exit 2.
python3 -c "
import json, sys
json.dump([{'directory': sys.argv[1], 'file': 'f%d.c' % i, 'command': 'cc -c f%d.c' % i} for i in range(50000)], open(sys.argv[1] + '/db/compile_commands.json', 'w'))" "$work"
expect 2 '50000 files could not be analysed' "$bulwark" check -p db

echo "== hostile file names"
name=$(printf 'sp ace "q" \xff\nnl.c')
printf '#include <stdio.h>\nint main(int c, char **v) { (void)c; printf(v[1]); return 0; }\n' > "$name"
expect 1 'BW-FORMAT-STRING' "$bulwark" check "$name"
# The name is escaped: no raw newline or invalid byte reaches the diagnostics.
grep -q 'sp ace "q" \\xFF\\nnl.c:2:' "$work/out" || fail "hostile file name not escaped in text output"
"$bulwark" check --format sarif "$name" > sarif.json
python3 -c "import json,sys; json.load(open(sys.argv[1]))" sarif.json || fail "SARIF with a hostile name is not valid JSON"
grep -q 'sp%20ace%20%22q%22%20%FF%0Anl.c' sarif.json || fail "hostile name not percent-encoded in SARIF"
printf 'int main(void) { return }\n' > broken.c
expect 2 'does not compile' "$bulwark" check broken.c
expect 2 'no such file' "$bulwark" check missing.c

echo "== symlink loops"
mkdir -p loop && ln -s ../loop loop/self
expect 2 'no ELF' "$bulwark" verify loop
ln -s loop2 loop2
expect 2 '' "$bulwark" verify loop2

echo "== configuration"
mkdir cfg && printf 'rules:\n  BW-XSS: {enabled: false}\n' > cfg/.bulwark.yaml
expect 2 '.bulwark.yaml:2:.*reason' "$bulwark" config check cfg/.bulwark.yaml
printf 'a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n' > cfg/.bulwark.yaml
expect 2 'aliases' "$bulwark" config check cfg/.bulwark.yaml
printf 'version: 1\nfail-levle: error\n' > cfg/.bulwark.yaml
expect 2 ":2:1: unknown key 'fail-levle'" "$bulwark" config check cfg/.bulwark.yaml

echo "== roadmap file pointing outside the repository"
mkdir repo && cd repo && git init -q . && printf 'int x;\n' > a.c && git add a.c && git -c user.email=a@b -c user.name=a commit -qm init
printf 'version: 1\norganization: {name: X}\ncomponents:\n  - {name: evil, paths: [../../etc/**]}\n' > bulwark-roadmap.yaml
expect 2 'bulwark-roadmap.yaml:4:.*(root|outside|leave)' "$bulwark" roadmap check
printf 'version: 1\norganization: {name: X}\ncomponents:\n  - {name: core, paths: ["**"]}\n' > bulwark-roadmap.yaml
export BULWARK_DB=$work/repo/.bulwark/tracker.db
expect 0 '' "$bulwark" roadmap snapshot

echo "== read-only database"
# As an unprivileged user (root ignores file permissions), on a read-only copy.
ro=$work/ro && mkdir "$ro" && cp "$BULWARK_DB" "$ro/tracker.db"
chmod 755 "$work" "$work/repo" && chmod -R a+rX "$work/repo" && chmod 555 "$ro" && chmod 444 "$ro/tracker.db"
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    BULWARK_DB=$ro/tracker.db expect 2 'tracker.db' setpriv --reuid=65534 --regid=65534 --clear-groups "$bulwark" roadmap snapshot
elif [ "$(id -u)" -ne 0 ]; then
    BULWARK_DB=$ro/tracker.db expect 2 'tracker.db' "$bulwark" roadmap snapshot
else
    fail "cannot run the read-only database case: no setpriv"
fi
cmp -s "$ro/tracker.db" "$BULWARK_DB" || fail "the read-only database changed"

echo "== a database from a newer Bulwark, and a foreign file"
cp "$BULWARK_DB" newer.db
sqlite3 newer.db 'PRAGMA user_version = 999;'
sum_before=$(sha256sum newer.db)
BULWARK_DB=$work/repo/newer.db expect 2 'newer' "$bulwark" roadmap snapshot
[ "$(sha256sum newer.db)" = "$sum_before" ] || fail "a newer database was modified"
printf 'not a database at all\n' > foreign.db
BULWARK_DB=$work/repo/foreign.db expect 2 '' "$bulwark" roadmap snapshot
grep -q 'not a database at all' foreign.db || fail "a foreign file was overwritten"

echo "== full disk while writing the report (file size limit as the disk)"
"$bulwark" report -o report-ok.html || fail "report failed"
cp report-ok.html report.html
(
    trap '' XFSZ
    ulimit -f 8   # 8 KiB: the report does not fit
    expect_rc=0
    timeout 60 "$bulwark" report -o report.html 2>"$work/err"
    echo $? > "$work/rc"
)
rc=$(cat "$work/rc")
[ "$rc" -ne 0 ] || fail "report into a full disk exited 0"
cmp -s report.html report-ok.html || fail "a failed report write damaged the previous report"
ls report.html.tmp.* >/dev/null 2>&1 && fail "a failed report write left a temporary file"
cd "$work"

echo "== binaries"
printf 'int main(void) { return 0; }\n' > m.c && "$clang" -o m m.c
head -c 100 m > truncated-elf
expect 2 '' "$bulwark" verify truncated-elf
expect 2 'not an ELF' "$bulwark" verify m.c

if [ "$failures" -ne 0 ]; then
    echo "hostile_inputs: $failures failure(s)"
    exit 1
fi
echo "hostile_inputs: all cases handled"
