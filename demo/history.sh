#!/usr/bin/env bash
# Gives a copy of the demo a short git history with roadmap snapshots, as a
# real product would have after a few weeks of Bulwark:
#   1. the original code                    -> snapshot
#   2. the search query uses bound parameters -> snapshot
#   3. the greeting escapes its HTML          -> snapshot
#   history.sh <bulwark> <demo-copy-dir>
set -euo pipefail
bulwark=$1
dir=$2
cd "$dir"
export GIT_AUTHOR_NAME="Demo Dev" GIT_AUTHOR_EMAIL="dev@example.com"
export GIT_COMMITTER_NAME="Demo Dev" GIT_COMMITTER_EMAIL="dev@example.com"
git init -q -b main .
git add -A
GIT_AUTHOR_DATE="2026-10-01T10:00:00Z" GIT_COMMITTER_DATE="2026-10-01T10:00:00Z" git commit -q -m "inventory 1.0"
"$bulwark" check --record web/*.c store/*.c legacy/*.c >/dev/null 2>&1 || true
"$bulwark" roadmap snapshot >/dev/null

# 2. bind the search term instead of pasting it into the SQL text.
python3 - <<'PY'
import re
p = "store/db.c"
s = open(p).read()
old = s[s.index("int demo_db_search("):s.index("int demo_db_show_item(")]
new = '''int demo_db_search(sqlite3 *db, const char *term)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT name, price FROM items WHERE name LIKE '%' || ?1 || '%'", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(stmt, 1, term, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        printf("<li>");
        demo_html_escape(stdout, (const char *)sqlite3_column_text(stmt, 0));
        printf(" | %d</li>\\n", sqlite3_column_int(stmt, 1));
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

'''
open(p, "w").write(s.replace(old, new))
PY
git commit -q -am "store: bind the search term (fixes SQL injection)"
"$bulwark" check --record web/*.c store/*.c legacy/*.c >/dev/null 2>&1 || true
"$bulwark" roadmap snapshot >/dev/null

# 3. escape the greeting.
python3 - <<'PY'
p = "web/render.c"
s = open(p).read()
s = s.replace('''    printf("<p>Welcome back, %s!</p>\\n", name);''',
              '''    printf("<p>Welcome back, ");
    demo_html_escape(stdout, name);
    printf("!</p>\\n");''')
open(p, "w").write(s)
PY
git commit -q -am "web: escape the greeting (fixes XSS)"
