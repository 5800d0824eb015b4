#!/bin/sh
# `bulwark check` on memory cases that need the real command line (no
# -Wno-everything): `gets` undeclared under C11 is still analysed and
# reported; another implicit declaration still makes the TU fail.
#   memory_cli_test.sh BULWARK
set -u
BW=$1
T=$(mktemp -d /tmp/bw-memcli-test-XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
fails=0
cat >gets.c <<'SRC'
#include <stdio.h>
void f(void)
{
    char name[32];
    gets(name);
    puts(name);
}
SRC
"$BW" check --no-cache --no-progress --list-findings gets.c -- -std=c11 >out.txt 2>err.txt
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: gets under C11: exit $rc"; cat err.txt; fails=1; }
grep -q '^gets.c:5: BW-DANGEROUS-API' out.txt || { echo "FAIL: gets under C11 not reported"; cat out.txt err.txt; fails=1; }
cat >other.c <<'SRC'
#include <stdio.h>
void f(void)
{
    char name[32];
    not_declared_anywhere(name);
    puts(name);
}
SRC
"$BW" check --no-cache --no-progress --list-findings other.c -- -std=c11 >out.txt 2>err.txt
grep -q 'does not compile' err.txt || { echo "FAIL: other implicit declarations must still fail the TU"; cat out.txt err.txt; fails=1; }
# the memory: section of .bulwark.yaml: `config check` and `check` both
# reject a bad one with file:line:col; a good one changes the findings
mkdir cfg && cd cfg || exit 2
cat >.bulwark.yaml <<'YAML'
version: 1
memory:
  copies:
    - {function: blob_copy, dest: 1}
YAML
"$BW" config check .bulwark.yaml >out.txt 2>err.txt
rc=$?
[ $rc -eq 2 ] || { echo "FAIL: bad memory section: config check exit $rc"; cat out.txt err.txt; fails=1; }
grep -q '\.bulwark\.yaml:4:7: a copy function needs' err.txt || { echo "FAIL: bad memory section: no line-numbered error"; cat err.txt; fails=1; }
cat >use.c <<'SRC'
#include <stddef.h>
void blob_copy(void *dst, const void *src, size_t n);
void f(const char *s)
{
    char d[8];
    blob_copy(d, s, 16);
}
SRC
"$BW" check --no-cache --no-progress --list-findings use.c -- >out.txt 2>err.txt
rc=$?
[ $rc -eq 2 ] || { echo "FAIL: bad memory section: check exit $rc"; cat out.txt err.txt; fails=1; }
grep -q '\.bulwark\.yaml:4:7:' err.txt || { echo "FAIL: check did not report the bad memory section"; cat err.txt; fails=1; }
cat >.bulwark.yaml <<'YAML'
version: 1
memory:
  copies:
    - {function: blob_copy, dest: 1, src: 2, len: 3}
YAML
"$BW" config check .bulwark.yaml >out.txt 2>err.txt || { echo "FAIL: good memory section rejected"; cat err.txt; fails=1; }
"$BW" check --no-cache --no-progress --list-findings use.c -- >out.txt 2>err.txt
grep -q '^use.c:6: BW-BUFFER-OVERFLOW' out.txt || { echo "FAIL: copies row not applied"; cat out.txt err.txt; fails=1; }
cd .. || exit 2
# a C++ member is named as written: `name` through the implicit this,
# `this->name` through the explicit one
cat >member.cpp <<'SRC'
#include <cstring>
struct rec { char name[8]; void set(); void set2(); };
void rec::set() { strcpy(name, "longer than eight"); }
void rec::set2() { strcpy(this->name, "longer than eight"); }
SRC
"$BW" check --no-cache --no-progress member.cpp -- >out.txt 2>err.txt
grep -q "^member.cpp:3:19: error: .* into 'name' (8 bytes)" out.txt || { echo "FAIL: implicit this member named"; cat out.txt err.txt; fails=1; }
grep -q "^member.cpp:4:20: error: .* into 'this->name' (8 bytes)" out.txt || { echo "FAIL: explicit this member named"; cat out.txt err.txt; fails=1; }
[ $fails -eq 0 ] && echo "memory cli: ok"
exit $fails
