#!/usr/bin/env bash
# Bulwark's banned-function list, enforced on Bulwark's own C/C++ sources
# (curl-style).  Test programs that must be exploitable (tests/hardening
# attack programs) and corpus inputs (tests/corpus: code written to be bad)
# are exempt, as they exist to contain these calls.
#   banned.sh <repo-root>
set -euo pipefail
root=${1:-.}
banned='sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|atoll|strtok|system|popen|tmpnam|mktemp'
cd "$root"
files=$(git ls-files -- 'common/*.[ch]' 'checkers/*.[ch]' 'passes/*.[ch]' 'passes/*.cpp' \
        'runtime/*.[ch]' 'roadmap/*.[ch]' 'cli/*.[ch]' 'tests/unit/*.[ch]' 2>/dev/null || true)
[ -n "$files" ] || { echo "banned.sh: no sources found under $root" >&2; exit 2; }
# A call is the name followed by '(' and not preceded by an identifier
# character, '.', '>' or ':' (so snprintf, my_system, obj.system are fine).
hits=$(grep -nE "(^|[^A-Za-z0-9_.>:])($banned)[[:space:]]*\(" $files \
       | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(//|/?\*)' \
       | grep -v 'bulwark-allow-banned' || true)
if [ -n "$hits" ]; then
    echo "banned.sh: banned functions used (see HACKING.md for replacements):" >&2
    echo "$hits" >&2
    exit 1
fi
echo "banned.sh: $(echo "$files" | wc -l) files clean"
