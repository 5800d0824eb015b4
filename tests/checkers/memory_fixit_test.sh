#!/bin/sh
# The sprintf -> snprintf machine fix of BW-DANGEROUS-API: apply every fix
# from `--format json` to the fixture and compile the result with clang.
#   memory_fixit_test.sh BULWARK FIXTURE CLANG
set -u
BW=$1
SRC=$2
CC=$3
T=$(mktemp -d /tmp/bw-fixit-test-XXXXXX)
trap 'rm -rf "$T"' EXIT
cp "$SRC" "$T/f.c"
cd "$T" || exit 2
"$BW" check --no-cache --no-progress --format json f.c >out.json 2>err.txt
[ $? -eq 1 ] || { echo "FAIL: expected findings"; cat err.txt; exit 1; }
n=$(jq '[.findings[] | select(.rule == "BW-DANGEROUS-API" and .fix.replacement != null)] | length' out.json)
want=$(grep -c 'sprintf *(' f.c)
[ "$n" = "$want" ] || { echo "FAIL: $n machine fixes for $want sprintf calls"; cat out.json; exit 1; }
# apply from the last fix to the first so earlier offsets stay valid
SEL='[.findings[] | select(.fix.replacement != null)] | sort_by(.fix.range.line, .fix.range.column) | reverse'
jq -r "$SEL"' | to_entries[] | "\(.key) \(.value.fix.range.line) \(.value.fix.range.column) \(.value.fix.range.endLine) \(.value.fix.range.endColumn)"' \
    out.json >fixes.txt
offset() { # line, column -> byte offset
    echo $(( $(head -n $(($1 - 1)) f.c | wc -c) + $2 - 1 ))
}
while read -r k l c el ec; do
    [ "$el" -ge "$l" ] || { echo "FAIL: empty fix range at $l:$c"; exit 1; }
    s=$(offset "$l" "$c")
    e=$(offset "$el" "$ec")
    [ "$e" -gt "$s" ] || { echo "FAIL: fix at $l:$c replaces nothing"; exit 1; }
    jq -j --argjson k "$k" "$SEL"' | .[$k].fix.replacement' out.json >rep.txt
    { head -c "$s" f.c; cat rep.txt; tail -c +"$((e + 1))" f.c; } >g.c
    mv g.c f.c
done <fixes.txt
if grep -q '[^n]sprintf *(' f.c; then echo "FAIL: a sprintf is left"; cat f.c; exit 1; fi
grep -q 'snprintf(b, sizeof(b), "%s-%d", name, n)' f.c || { echo "FAIL: array fix"; cat f.c; exit 1; }
grep -q 'snprintf(p, 64, "name=%s", name)' f.c || { echo "FAIL: heap fix"; cat f.c; exit 1; }
"$CC" -std=c17 -Wall -Werror -c f.c -o f.o 2>cc.txt || { echo "FAIL: the fixed file does not compile"; cat cc.txt f.c; exit 1; }
"$BW" check --no-cache --no-progress --list-findings f.c >after.txt 2>&1
grep -q BW-DANGEROUS-API after.txt && { echo "FAIL: findings left after the fix"; cat after.txt; exit 1; }
echo "memory fix-it: $n fixes applied, the result compiles"
exit 0
