#!/usr/bin/env bash
# End-to-end tests of `bulwark precommit`, `bulwark baseline` and
# `bulwark install-hook` on real git repositories made in a temporary
# directory, with the real checker engine.
#   precommit_e2e.sh <path-to-bulwark>
set -uo pipefail
BULWARK=$(realpath "$1")
T=$(mktemp -d /tmp/bw-precommit-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT
# A clean git environment: nothing from a surrounding hook or user config.
unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR
export HOME="$T/home" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
       GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
mkdir -p "$HOME"
git config --global init.defaultBranch main

failures=0
checks=0
OUT="$T/out"

fail() { echo "FAIL: $*" >&2; echo "---- output:" >&2; cat "$OUT" >&2; failures=$((failures + 1)); }

# run <expected-rc> <command...>: runs, keeps stdout+stderr in $OUT, checks the rc.
run() {
    local want=$1; shift
    checks=$((checks + 1))
    "$@" >"$OUT" 2>&1
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "[$PWD] '$*' exited $rc, expected $want"
}
has() { checks=$((checks + 1)); grep -qE -- "$1" "$OUT" || fail "output lacks /$1/"; }
lacks() { checks=$((checks + 1)); ! grep -qE -- "$1" "$OUT" || fail "output has /$1/"; }

newrepo() {
    rm -rf "$T/$1"; mkdir -p "$T/$1"; cd "$T/$1" || exit 2
    git init -q .
    printf '.bulwark/\n' > .gitignore   # the summary cache lives here
    git add .gitignore
}
commit() { git commit -q --no-verify -m "$1"; }

# The vulnerable program every scenario starts from: the query built from
# USER_NAME reaches sqlite3_exec in lookup() (the finding is reported at
# main's call, with the flow through lookup()).
write_db_c() {
cat > db.c <<'EOF'
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

int lookup(sqlite3 *db, const char *name)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT * FROM users WHERE name = '%s'", name);
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int main(void)
{
    sqlite3 *db = NULL;
    sqlite3_open(":memory:", &db);
    return lookup(db, getenv("USER_NAME"));
}
EOF
}

safe_c() {
cat > "$1" <<'EOF'
#include <sqlite3.h>

int count_users(sqlite3 *db)
{
    return sqlite3_exec(db, "SELECT count(*) FROM users", 0, 0, 0);
}
EOF
}

echo "== a repository with no commits yet: a new finding blocks"
newrepo unborn
write_db_c; git add db.c
run 1 "$BULWARK" precommit
has 'db.c:16:[0-9]+: error: .*\[BW-SQL-INJECTION\]'
has 'new: this line is changed'
has 'bulwark-ignore\(BW-SQL-INJECTION\): <why'
has '^bulwark precommit: BLOCKED — 1 new finding'
has 'no baseline'
safe_c safe.c; rm db.c; git rm -q --cached db.c; git add safe.c
run 0 "$BULWARK" precommit
has '^bulwark precommit: ok — no new findings'

echo "== baseline create, then a finding moved to another line is not new"
newrepo moved
write_db_c; git add db.c
run 0 "$BULWARK" baseline create
has 'created .bulwark-baseline.json with 1 entry'
run 0 grep -cE '"rule": "BW-SQL-INJECTION", "file": "db.c", "function": "main", "fingerprint": "[0-9a-f]{32}"' .bulwark-baseline.json
git add .bulwark-baseline.json; commit base
# Three lines inserted above: the finding moves from line 16 to line 19.
sed -i 's|^#include <sqlite3.h>|/* inventory database access */\n/* second comment */\n\n#include <sqlite3.h>|' db.c
git add db.c
run 0 "$BULWARK" precommit
has 'ok — no new findings; 1 in the baseline'
commit moved

echo "== the same finding on an edited line is not new"
sed -i 's|    return lookup(db, getenv("USER_NAME"));|    return lookup( db,getenv( "USER_NAME" ) ); /* reformatted */|' db.c
git add db.c
git diff --cached --quiet && fail "the edit was not staged"
run 0 "$BULWARK" precommit
has 'ok — no new findings; 1 in the baseline'
commit edited

echo "== a new finding blocks; a new flow into an unchanged sink blocks"
cat > report.c <<'EOF'
#include <sqlite3.h>
#include <stdlib.h>

int report(sqlite3 *db)
{
    const char *q = "SELECT * FROM audit";
    return sqlite3_exec(db, q, 0, 0, 0);
}
EOF
cat > store.c <<'EOF'
#include <sqlite3.h>

extern const char *g_query;

int flush_store(sqlite3 *db)
{
    return sqlite3_exec(db, g_query, 0, 0, 0);
}
EOF
cat > config.c <<'EOF'
#include <stdlib.h>

const char *g_query;

void configure(void)
{
    g_query = "DELETE FROM cache";
}
EOF
git add report.c store.c config.c
run 0 "$BULWARK" precommit
commit "clean files"
# Same function, the sink line unchanged: only the source line changes.
sed -i 's|const char \*q = "SELECT \* FROM audit";|const char *q = getenv("AUDIT_QUERY");|' report.c
git add report.c
run 1 "$BULWARK" precommit
has 'report.c:7:[0-9]+: error: .*\[BW-SQL-INJECTION\]'
has 'flow passes through report.c:6, changed'
has 'BLOCKED — 1 new finding \(0 on changed lines, 1 through a changed line'
git checkout -q -- report.c 2>/dev/null; git reset -q -- report.c 2>/dev/null; git checkout -q -- report.c
# Across files: store.c (the sink) is not part of the commit at all.
sed -i 's|g_query = "DELETE FROM cache";|g_query = getenv("CACHE_QUERY");|' config.c
git add config.c
run 1 "$BULWARK" precommit
has 'store.c:7:[0-9]+: error: .*\[BW-SQL-INJECTION\]'
has 'flow passes through config.c:7, changed'
git diff --cached --name-only > "$OUT"; lacks 'store.c'
git reset -q -- config.c; git checkout -q -- config.c

echo "== staged vs unstaged: the index decides"
# Vulnerable in the working tree only: the commit is clean.
sed -i 's|const char \*q = "SELECT \* FROM audit";|const char *q = getenv("AUDIT_QUERY");|' report.c
run 0 "$BULWARK" precommit
has 'ok'
# Staged vulnerable, fixed in the working tree but not staged: blocks.
git add report.c
sed -i 's|const char \*q = getenv("AUDIT_QUERY");|const char *q = "SELECT 1";|' report.c
run 1 "$BULWARK" precommit
has 'report.c:7:[0-9]+: error'
git reset -q -- report.c; git checkout -q -- report.c

echo "== a file only in the index (deleted from the working tree) is still checked"
sed -i 's|const char \*q = "SELECT \* FROM audit";|const char *q = getenv("AUDIT_QUERY");|' report.c
git add report.c; rm report.c
run 1 "$BULWARK" precommit
has 'report.c:7:[0-9]+: error'
git reset -q -- report.c; git checkout -q -- report.c

echo "== renames: a renamed file's baselined finding is not new"
git mv db.c inventory_db.c
run 0 "$BULWARK" precommit
has 'ok — no new findings; 1 in the baseline \(1 moved\)'
commit renamed
run 0 "$BULWARK" baseline update
has 'updated .bulwark-baseline.json: 0 removed \(fixed\), 1 kept'
run 0 grep -q '"file": "inventory_db.c"' .bulwark-baseline.json
git add .bulwark-baseline.json; commit "baseline follows the rename"

echo "== binary files in the commit"
printf '\x00\x01\x02\xff\xfe binary\x00' > logo.bin
head -c 3000 /dev/urandom > data.h.bin
printf 'int x;\x00\x01\n' > weird.h   # a "header" git sees as binary
git add logo.bin data.h.bin weird.h
run 0 "$BULWARK" precommit
has 'ok'
commit binaries

echo "== deletions: deleting the file with the baselined finding"
git rm -q inventory_db.c
run 0 "$BULWARK" precommit
has 'ok — no new findings'
has '1 baseline entry fixed'
# A staged deletion whose file is still on disk (git rm --cached) is not analysed.
git reset -q -- inventory_db.c
git rm -q --cached report.c
sed -i 's|const char \*q = "SELECT \* FROM audit";|const char *q = getenv("AUDIT_QUERY");|' report.c
run 0 "$BULWARK" precommit
lacks 'report.c:7'
git reset -q -- report.c; git checkout -q -- report.c

echo "== the baseline is a ratchet"
sed -i 's|const char \*q = "SELECT \* FROM audit";|const char *q = getenv("AUDIT_QUERY");|' report.c
git add report.c
cp .bulwark-baseline.json "$T/before.json"
run 1 "$BULWARK" baseline update
has 'REFUSED — 1 finding is not in .bulwark-baseline.json'
run 0 cmp .bulwark-baseline.json "$T/before.json"
run 2 "$BULWARK" baseline update --allow-growth
has 'needs --reason'
run 1 "$BULWARK" baseline check
has 'FAILED — 1 finding not in the baseline'
run 0 "$BULWARK" baseline update --allow-growth --reason "audit query comes from the admin-only environment; ticket SEC-12"
has '1 ADDED with --allow-growth'
run 0 grep -q '"reason": "audit query comes from the admin-only environment; ticket SEC-12"' .bulwark-baseline.json
git add .bulwark-baseline.json
run 0 "$BULWARK" precommit
has 'loosening'; has 'baseline-growth.*reason: audit query comes from the admin-only environment'
commit "accept audit query"
run 0 "$BULWARK" baseline check
has 'ok — 0 findings not in the baseline, 2 in it'
has 'baseline-growth'
# A hand edit that grows the staged baseline (no growth record) blocks.
git rm -q inventory_db.c; commit "drop inventory_db"
run 0 "$BULWARK" baseline update
has '1 removed \(fixed\)'
git add .bulwark-baseline.json; commit shrink
python3 - <<'EOF'
import re
p='.bulwark-baseline.json'
s=open(p).read()
s=s.replace('"findings": [\n', '"findings": [\n    {"rule": "BW-XSS", "file": "x.c", "function": "f", "fingerprint": "0123456789abcdef0123456789abcdef"},\n')
open(p,'w').write(s)
EOF
git add .bulwark-baseline.json
run 1 "$BULWARK" precommit
has 'staged baseline grows by 1 entry'
git reset -q -- .bulwark-baseline.json; git checkout -q -- .bulwark-baseline.json

echo "== install-hook: git commit is blocked by a new finding, allowed when clean"
run 0 "$BULWARK" install-hook
has 'pre-commit: installed'
has 'pre-merge-commit: installed'
run 0 test -x .git/hooks/pre-commit
cat >> config.c <<'EOF'

int run_admin(void)
{
    return system(getenv("ADMIN_CMD"));
}
EOF
git add config.c
run 1 git commit -q -m "admin command"
has 'config.c:12:[0-9]+: error: .*\[BW-CMD-INJECTION\]'
has 'BLOCKED'
git diff --cached --quiet && fail "the blocked commit must leave the index staged"
git reset -q -- config.c; git checkout -q -- config.c
safe_c util.c; git add util.c
run 0 git commit -q -m "util"
run 0 "$BULWARK" install-hook
has 'pre-commit: updated'

echo "== install-hook refuses a foreign hook; --chain runs it first; --uninstall restores it"
newrepo hooks
safe_c util.c; git add util.c; commit init
printf '#!/bin/sh\necho foreign-hook-ran >> "$(git rev-parse --git-dir)/foreign.log"\nexit 0\n' > .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
cp .git/hooks/pre-commit "$T/foreign"
run 1 "$BULWARK" install-hook
has 'pre-commit: NOT installed'
run 0 cmp .git/hooks/pre-commit "$T/foreign"
run 0 "$BULWARK" install-hook --chain
has 'pre-commit: installed; the existing hook runs first'
run 0 cmp .git/hooks/pre-commit.bulwark-chained "$T/foreign"
write_db_c; git add db.c
run 1 git commit -q -m vulnerable
run 0 grep -c foreign-hook-ran .git/foreign.log
has '1'
git reset -q -- db.c; rm db.c
# A failing chained hook stops the commit even when Bulwark finds nothing.
printf '#!/bin/sh\necho chained-says-no >&2\nexit 7\n' > .git/hooks/pre-commit.bulwark-chained
safe_c more.c; git add more.c
run 1 git commit -q -m more
has 'chained-says-no'
run 0 "$BULWARK" install-hook --uninstall
has 'pre-commit: removed'
run 0 grep -q chained-says-no .git/hooks/pre-commit
run 0 "$BULWARK" install-hook --force
has 'replaced the existing hook'
run 0 test -f .git/hooks/pre-commit.bulwark-backup

echo "== merge commits"
newrepo merge
write_db_c; git add db.c
run 0 "$BULWARK" baseline create
git add .bulwark-baseline.json; commit base
run 0 "$BULWARK" install-hook
git checkout -q -b feature
cat > export.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>

void export_all(void)
{
    printf(getenv("EXPORT_BANNER"));
}
EOF
git add export.c; commit "feature with a format string bug (committed with --no-verify)"
git checkout -q -b clean main
safe_c util.c; git add util.c; commit "clean change"
git checkout -q main
# A clean merge passes the hook and creates the merge commit.
run 0 git merge -q --no-ff -m "merge clean" clean
run 0 git rev-parse -q --verify 'HEAD^2'
# Merging the feature brings a new finding: `git merge` runs pre-merge-commit.
run 1 git merge -q --no-ff -m "merge feature" feature
has 'export.c:6:[0-9]+: error: .*\[BW-FORMAT-STRING\]'
git merge --abort 2>/dev/null || true
# The same merge concluded by hand: precommit checks the merged index.
git merge -q --no-ff --no-commit feature >/dev/null 2>&1
run 1 "$BULWARK" precommit
has 'export.c:6'
git merge --abort
# Conflicts that are not resolved are an input error.
git checkout -q -b left main; printf 'int v = 1;\n' > v.c; git add v.c; commit left
git checkout -q -b right main; printf 'int v = 2;\n' > v.c; git add v.c; commit right
git merge -q left >/dev/null 2>&1
run 2 "$BULWARK" precommit
has 'unmerged paths'
git merge --abort

echo "== usage and input errors"
cd "$T"
run 2 "$BULWARK" precommit --frobnicate
run 2 "$BULWARK" baseline grow
mkdir -p "$T/notarepo"
run 2 "$BULWARK" precommit -C "$T/notarepo"
has 'not inside a git work tree'
cd "$T/moved"
echo '{"bulwark-baseline": 1, "findings": [{"rule": "X"}]}' > "$T/broken.json"
cp "$T/broken.json" .bulwark-baseline.json
run 2 "$BULWARK" baseline check --worktree
has 'findings\[0\] needs'
git checkout -q -- .bulwark-baseline.json
run 2 "$BULWARK" baseline create
has 'exists'
# A staged file that does not parse cannot be checked: the commit is blocked.
printf 'int broken( {\n' > broken.c; git add broken.c
run 2 "$BULWARK" precommit
has 'did not parse'
has 'BLOCKED — .*a staged file does not parse'
git rm -q --cached broken.c; rm broken.c

echo "precommit_e2e: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
