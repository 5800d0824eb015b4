#!/usr/bin/env bash
# Bulwark's banned-function list, enforced on Bulwark's own C/C++ sources
# (curl-style).  Exempt, because they exist to contain these calls: the
# hardening attack and compatibility programs (tests/hardening), the
# checker corpus (tests/corpus: code written to be bad), the fuzzers' seed
# inputs (tests/fuzz/corpus) and the demo's
# deliberately vulnerable app (demo/).  A line that must name a banned
# function in a string (a test writing bad code) carries the marker
# comment bulwark-allow-banned.
#   banned.sh <repo-root>
set -euo pipefail
root=${1:-.}
banned='sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|atoll|strtok|system|popen|tmpnam|mktemp'
cd "$root"
files=$(git ls-files -- 'common/*.[ch]' 'checkers/*.[ch]' 'passes/*.[ch]' 'passes/*.cpp' \
        'runtime/*.[ch]' 'roadmap/*.[ch]' 'cli/*.[ch]' 'verify/*.[ch]' 'wrapper/*.[ch]' \
        'precommit/*.[ch]' 'tests/unit/*.[ch]' 'tests/fuzz/*.[ch]' 'tests/fault/*.[ch]' \
        'tests/verify/*.[ch]' 'tests/precommit/*.[ch]' 'tests/roadmap/*.[ch]' 'tests/wrapper/*.[ch]' \
        ':!tests/fuzz/corpus/*' 2>/dev/null || true)
[ -n "$files" ] || { echo "banned.sh: no sources found under $root" >&2; exit 2; }
# A call is the name followed by '(' and not preceded by an identifier
# character, '.', '>' or ':' (so snprintf, my_system, obj.system are fine).
# String literals and comments are removed first: test code that writes bad
# C into a fixture, or explains a ban, is not a call.
hits=$(grep -nE "($banned)[[:space:]]*\(" $files \
       | grep -v 'bulwark-allow-banned' \
       | sed -E 's/"([^"\\]|\\.)*"//g; s|/\*.*\*/||g; s|//.*$||; s|/\*.*$||; s|^([^:]+:[0-9]+:)[[:space:]]*\*.*$|\1|' \
       | grep -E "(^[^:]+:[0-9]+:|[^A-Za-z0-9_.>:])($banned)[[:space:]]*\(" || true)
if [ -n "$hits" ]; then
    echo "banned.sh: banned functions used (see HACKING.md for replacements):" >&2
    echo "$hits" >&2
    exit 1
fi
echo "banned.sh: $(echo "$files" | wc -l) files clean"
