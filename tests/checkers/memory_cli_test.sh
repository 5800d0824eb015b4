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
[ $fails -eq 0 ] && echo "memory cli: ok"
exit $fails
