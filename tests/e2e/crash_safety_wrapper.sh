#!/usr/bin/env bash
# Crash safety of a parallel build through the compiler wrapper: `kill -9`
# of the whole `make -j` (make, every bulwark-cc, clang) at random points
# leaves the tracker database consistent:
#   - PRAGMA integrity_check is ok (the tracker's and the checker cache's);
#   - every compile record is complete or absent: each one recorded is
#     exactly what a build without kills records for that TU (flags,
#     protections, every finding, every loosening), and no finding or
#     loosening is left without its record;
#   - no duplicate: a TU is recorded once however many killed builds went
#     before, and the final uninterrupted rebuild leaves exactly the
#     reference records;
#   - no scratch file of the wrapper (the pass statistics, the checkers'
#     request) is left in $TMPDIR by the killed compiles (they are unlinked
#     as soon as they are made; shown to fail with named scratch files).
# Odd rounds start from no database, even ones build over what the killed
# builds left.  Shown to fail when a record is committed in two steps
# (the TU row, then its findings): "incomplete or wrong record of tuN.c".
#   crash_safety_wrapper.sh <bulwark-cc> [rounds] [tus] [jobs]
set -uo pipefail
cc=$(realpath "$1")
rounds=${2:-12}
n=${3:-24}
jobs=${4:-4}
work=$(mktemp -d /tmp/bw-crashw.XXXXXX)
pgid=
cleanup() {
    [ -n "$pgid" ] && kill -9 -- "-$pgid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
unset BULWARK_OFF BULWARK_OFF_REASON BULWARK_WERROR BULWARK_RUNTIME BULWARK_CC BULWARK_CXX
export BULWARK_BUILD_ID=crash-test LC_ALL=C
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"
fail() { echo "FAIL: $*" >&2; exit 1; }

p=$work/p
mkdir -p "$p"
printf 'version: 1\n' > "$p/.bulwark.yaml"
# TU i has 1 + i%3 findings (format strings of unknown origin) and an
# indirect call, so a record has several parts that must all be there.
for i in $(seq 1 "$n"); do
    {
        printf '#include <stdio.h>\n#include <string.h>\n'
        printf 'typedef int (*fn_t)(int);\nstatic int add%d(int x) { return x + %d; }\nfn_t volatile pick%d = add%d;\n' "$i" "$i" "$i" "$i"
        for k in $(seq 0 $((i % 3))); do
            printf 'void say%d_%d(const char *m) { printf(m); }\n' "$i" "$k"
        done
        printf 'int tu%d(const char *s) { char b[32]; strncpy(b, s, sizeof b - 1); b[31] = 0; return pick%d((int)strlen(b)); }\n' "$i" "$i"
    } > "$p/tu$i.c"
done
printf 'int tu1(const char *s);\nint main(int argc, char **argv) { return argc > 1 ? tu1(argv[1]) != 0 : 0; }\n' > "$p/main.c"
{
    printf 'OBJS = main.o %s\n' "$(seq -f 'tu%g.o' 1 "$n" | tr '\n' ' ')"
    printf 'prog: $(OBJS)\n\t$(CC) $(OBJS) -o $@\n%%.o: %%.c\n\t$(CC) -O1 -D_FORTIFY_SOURCE=2 -c $< -o $@\n'
} > "$p/Makefile"

# The database as canonical JSON: records keyed by TU with their findings
# and loosenings; problems (integrity, orphans, duplicates) listed.
canon() { # <db> <cache-db>
    python3 - "$1" "$2" <<'EOF'
import json, sqlite3, sys, os
db, cache = sys.argv[1], sys.argv[2]
out = {"problems": [], "tus": {}, "binaries": []}
if not os.path.exists(db):
    print(json.dumps(out, sort_keys=True)); sys.exit(0)
c = sqlite3.connect(db)
ok = c.execute("PRAGMA integrity_check").fetchone()[0]
if ok != "ok":
    out["problems"].append("tracker integrity_check: " + ok)
if c.execute("PRAGMA foreign_key_check").fetchall():
    out["problems"].append("tracker foreign_key_check failed")
cols = ("id, build_id, tu_path, output, language, hardened, cfi, shadow_stack, memory_checks, "
        "icalls_instrumented, functions_shadow_stacked, memops_checked, residual_unsafe, hardening_flags")
tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
if "tu_records" in tables:
    for row in c.execute("SELECT " + cols + " FROM tu_records"):
        rid, key = row[0], row[2]
        if key in out["tus"]:
            out["problems"].append("duplicate record of " + key)
        json.loads(row[13])  # the flags are a whole JSON array
        findings = sorted(c.execute("SELECT rule_id, severity, file, line, col, function, message, "
                                    "fingerprint FROM findings WHERE tu_id=?", (rid,)).fetchall())
        loosen = sorted(c.execute("SELECT kind, subject, reason FROM loosenings WHERE source='wrapper' "
                                  "AND source_id=?", (rid,)).fetchall())
        out["tus"][key] = {"record": list(row[1:]), "findings": findings, "loosenings": loosen}
    orphans = c.execute("SELECT count(*) FROM findings WHERE tu_id IS NOT NULL AND tu_id NOT IN "
                        "(SELECT id FROM tu_records)").fetchone()[0]
    orphans += c.execute("SELECT count(*) FROM loosenings WHERE source='wrapper' AND source_id NOT IN "
                         "(SELECT id FROM tu_records)").fetchone()[0]
    if orphans:
        out["problems"].append("%d findings/loosenings without their compile record" % orphans)
if "binaries" in tables:
    out["binaries"] = sorted({json.dumps(r) for r in c.execute(
        "SELECT path, pie, relro, bind_now, nx_stack, stack_protector, cet, fortified, fortifiable, "
        "bulwark_instrumented, bulwark_modules, passed FROM binaries")})
if os.path.exists(cache):
    k = sqlite3.connect(cache)
    ok = k.execute("PRAGMA integrity_check").fetchone()[0]
    if ok != "ok":
        out["problems"].append("checker cache integrity_check: " + ok)
print(json.dumps(out, sort_keys=True))
EOF
}

# Compares a state with the reference: each record present must be whole.
judge() { # <state.json> <ref.json> <final?>
    python3 - "$1" "$2" "$3" <<'EOF'
import json, sys
got, ref, final = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3] == "final"
bad = list(got["problems"])
for tu, rec in got["tus"].items():
    if tu not in ref["tus"]:
        bad.append("record of an unknown TU " + tu)
    elif rec != ref["tus"][tu]:
        bad.append("incomplete or wrong record of %s: %s != %s" % (tu, rec, ref["tus"][tu]))
for b in got["binaries"]:
    if b not in ref["binaries"]:
        bad.append("incomplete binary record " + b)
if final and set(got["tus"]) != set(ref["tus"]):
    bad.append("after the rebuild: records of %d TUs, want %d" % (len(got["tus"]), len(ref["tus"])))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF
}

cd "$p"
# Reference: one uninterrupted build.
start=$(date +%s%N)
BULWARK_DB=$work/ref.db make -j"$jobs" CC="$cc" > "$work/ref.log" 2>&1 || { tail -30 "$work/ref.log"; fail "reference build failed"; }
took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
canon "$work/ref.db" "$p/.bulwark/cache.db" > "$work/ref.json"
nref=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["tus"]), len(d["binaries"]), sum(len(t["findings"]) for t in d["tus"].values()), len(d["problems"]))' "$work/ref.json")
read -r ntus nbins nfind nprob <<< "$nref"
[ "$ntus" -eq $((n + 1)) ] && [ "$nbins" -eq 1 ] && [ "$nfind" -gt "$n" ] && [ "$nprob" -eq 0 ] ||
    fail "reference build recorded $ntus TUs, $nbins binaries, $nfind findings, $nprob problems"

partial=0
for r in $(seq 1 "$rounds"); do
    rm -f ./*.o prog
    # Odd rounds start from no database (records are inserted), even rounds
    # rebuild over what the killed builds before left (records replaced).
    [ $((r % 2)) = 1 ] && rm -f "$work/crash.db" "$work/crash.db-wal" "$work/crash.db-shm"
    # kill at a random point of the build: 5% .. 80% of the first build's
    # duration (later builds are faster: the checker cache is warm)
    delay_ms=$(( took_ms * (5 + RANDOM % 76) / 100 ))
    BULWARK_DB=$work/crash.db setsid make -j"$jobs" CC="$cc" > "$work/crash.log" 2>&1 &
    pgid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 -- "-$pgid" 2>/dev/null
    wait "$pgid" 2>/dev/null
    pgid=
    canon "$work/crash.db" "$p/.bulwark/cache.db" > "$work/state.json" || fail "round $r: cannot read the database"
    if ! judge "$work/state.json" "$work/ref.json" partial > "$work/judge.txt"; then
        cat "$work/judge.txt"
        fail "round $r (killed after ${delay_ms} ms): inconsistent database"
    fi
    have=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tus"]))' "$work/state.json")
    [ "$have" -lt $((n + 1)) ] && partial=$((partial + 1))
    echo "round $r ($([ $((r % 2)) = 1 ] && echo "new database" || echo rebuild)): killed after ${delay_ms} ms; $have of $((n + 1)) TUs recorded, all complete"
done
# The rebuild after all the kills: every TU once, exactly as the reference.
rm -f ./*.o prog
BULWARK_DB=$work/crash.db make -j"$jobs" CC="$cc" > "$work/final.log" 2>&1 || { tail -30 "$work/final.log"; fail "rebuild failed"; }
grep -E "not recorded|database is locked|malformed" "$work/final.log" && fail "the rebuild met a damaged or locked database"
canon "$work/crash.db" "$p/.bulwark/cache.db" > "$work/state.json"
judge "$work/state.json" "$work/ref.json" final || fail "after the rebuild the records differ from the reference"
left=$(find "$TMPDIR" -name 'bulwark-*' | wc -l)
[ "$left" = 0 ] || fail "$left scratch files of killed compiles left in TMPDIR: $(ls "$TMPDIR" | head -5)"
echo "crash_safety_wrapper: $rounds kills of make -j$jobs over $((n + 1)) TUs (build ${took_ms} ms), $partial mid-build; every record whole, none duplicated; rebuild complete"
