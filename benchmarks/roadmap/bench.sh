#!/usr/bin/env bash
# Roadmap benchmarks (issue 8 targets):
#   1. `bulwark roadmap snapshot` of a 1,000,000-line tree: <= 5 s CPU
#   2. `bulwark report` for 100 components x 1,000 snapshots: <= 1 s, <= 2 MB
#
#   benchmarks/roadmap/bench.sh <build-dir> [work-dir]
#
# Needs <build-dir>/cli/bulwark and <build-dir>/tests/roadmap/rm_seed.
# Prints one line per measurement; exits 1 when a target is missed.
set -euo pipefail

build=$(realpath "${1:?usage: bench.sh <build-dir> [work-dir]}")
work=${2:-$(mktemp -d /tmp/bw-bench-roadmap.XXXXXX)}
mkdir -p "$work"
work=$(realpath "$work")
bulwark=$build/cli/bulwark
seed=$build/tests/roadmap/rm_seed
[ -x "$bulwark" ] && [ -x "$seed" ] || { echo "bench.sh: build $bulwark and $seed first" >&2; exit 2; }
status=0

# CPU seconds (user + system) of a command, children included.
cpu() {
    local TIMEFORMAT='%3U %3S'
    local t
    t=$( { time "$@" >/dev/null 2>"$work/cmd.err"; } 2>&1 ) || { cat "$work/cmd.err" >&2; exit 1; }
    awk '{printf "%.3f", $1 + $2}' <<<"$t"
}

# ---- 1. snapshot of a 1M-line tree ---------------------------------------------------
tree=$work/tree
if [ ! -f "$tree/.done" ]; then
    rm -rf "$tree"
    mkdir -p "$tree"
    # 20 components; per component 40 C files, 5 C++ files, 3 Rust, 2 Python of
    # 1,000 lines each (1,000 files, 1,000,000 lines).  The C body mixes
    # comments, blank lines, calls, casts and pointer arithmetic.
    python3 - "$tree" <<'PY'
import os, sys
root = sys.argv[1]
c_block = [
    "/* copy the request into the buffer */",
    "static int handle_%d(struct req *r, char *out, size_t n)",
    "{",
    "    char *p = (char *)r->data;",
    "    if (n < 16)",
    "        return -1;",
    "    memcpy(out, p, 16); // bounded",
    "    out[0] = *(p + 1);",
    "",
    "    return strlen(out) > 3 ? 0 : 1;",
    "}",
]
def body(lines, block):
    out, i = [], 0
    while len(out) < lines:
        for l in block:
            out.append(l.replace("%d", str(i)) if "%d" in l else l)
        i += 1
    return "\n".join(out[:lines]) + "\n"
rs = ["// a comment", "fn f(x: u32) -> u32 {", "    x + 1", "}", ""]
py = ["# comment", "def f(x):", "    return x + 1", ""]
for c in range(20):
    d = os.path.join(root, "comp%02d" % c)
    os.makedirs(d, exist_ok=True)
    for i in range(40):
        open(os.path.join(d, "f%02d.c" % i), "w").write(body(1000, c_block))
    for i in range(5):
        open(os.path.join(d, "g%02d.cpp" % i), "w").write(body(1000, c_block))
    for i in range(3):
        open(os.path.join(d, "r%02d.rs" % i), "w").write(body(1000, rs))
    for i in range(2):
        open(os.path.join(d, "p%02d.py" % i), "w").write(body(1000, py))
with open(os.path.join(root, "bulwark-roadmap.yaml"), "w") as f:
    f.write("version: 1\ncomponents:\n")
    for c in range(20):
        f.write("  - name: comp%02d\n    paths: [comp%02d/**]\n    plan:\n"
                "      - {phase: hardened, target: 2030-01-01}\n" % (c, c))
PY
    (cd "$tree" && git init -q && git add -A && git -c user.email=b@e -c user.name=b commit -q -m tree)
    touch "$tree/.done"
fi
lines=$(cd "$tree" && git ls-files -z '*.c' '*.cpp' '*.rs' '*.py' | xargs -0 cat | wc -l)
rm -f "$work/snap.db"*
snap_cpu=$(cpu env BULWARK_DB="$work/snap.db" "$bulwark" roadmap snapshot --root "$tree")
measured=$(sqlite3 "$work/snap.db" "SELECT sum(lines_unsafe + lines_safe) FROM snapshot_components")
echo "snapshot: $lines physical lines ($measured lines of code) in $(cd "$tree" && git ls-files | wc -l) files: ${snap_cpu} s CPU (target <= 5 s)"
awk -v t="$snap_cpu" 'BEGIN { exit !(t <= 5.0) }' || { echo "  MISSED"; status=1; }

# ---- 2. report over 100 components x 1,000 snapshots -----------------------------------------
hist=$work/history
db=$work/history.db
if [ ! -f "$hist/.done" ]; then
    rm -rf "$hist" "$db"*
    mkdir -p "$hist"
    {
        echo "version: 1"
        echo "organization: {name: Bench, executive-sponsor: CTO}"
        echo "components:"
        for c in $(seq -w 0 99); do
            mkdir -p "$hist/c$c"
            printf 'int f%s(void) { return 0; }\n' "$c" > "$hist/c$c/a.c"
            printf '  - name: c%s\n    paths: [c%s/**]\n    owner: team%s\n    plan:\n' "$c" "$c" "$c"
            printf '      - {phase: hardened, target: 2025-06-30, done: true}\n      - {phase: migrating, target: 2027-01-01}\n'
        done
    } > "$hist/bulwark-roadmap.yaml"
    (cd "$hist" && git init -q && git add -A && git -c user.email=b@e -c user.name=b commit -q -m h)
    for c in $(seq -w 0 99); do printf 'tu\tc%s/a.c\t1\t3\t9\n' "$c"; done | "$seed" "$db"
    echo "filling 1,000 snapshots of 100 components (real \`bulwark roadmap snapshot\` runs)..." >&2
    for i in $(seq 0 999); do
        # The code changes as history goes on: Rust grows, findings come and go.
        c=$(printf '%02d' $((i % 100)))
        printf 'fn g%d() {}\n' "$i" >> "$hist/c$c/b.rs"
        if [ $((i % 50)) -eq 0 ]; then
            for k in $(seq 0 $(( (999 - i) / 100 ))); do
                printf 'finding\tBW-SQL-INJECTION\terror\tc%02d/a.c\t%d\tm%d\n' $((k * 7 % 100)) $((k + 1)) "$i"
                printf 'finding\tBW-BUFFER-OVERFLOW\twarning\tc%02d/a.c\t%d\tm%d\n' $((k * 13 % 100)) $((k + 1)) "$i"
            done | { cat; echo check; } | "$seed" "$db"
        fi
        day=$(date -u -d "2023-01-01 + $i days" +%Y-%m-%dT00:00:00Z)
        BULWARK_DB=$db "$bulwark" roadmap snapshot --root "$hist" --time "$day" >/dev/null
    done
    touch "$hist/.done"
fi
snaps=$(sqlite3 "$db" "SELECT count(*) FROM snapshots")
comps=$(sqlite3 "$db" "SELECT count(DISTINCT component) FROM snapshot_components")
for fmt in html json markdown; do
    out=$work/report.$fmt
    t=$(cpu env BULWARK_DB="$db" "$bulwark" report --root "$hist" --format "$fmt" -o "$out" --as-of 2026-01-01)
    size=$(stat -c %s "$out")
    echo "report --format $fmt: $comps components x $snaps snapshots: ${t} s CPU, $size bytes (target <= 1 s, <= 2,000,000 bytes)"
    awk -v t="$t" -v s="$size" 'BEGIN { exit !(t <= 1.0 && s <= 2000000) }' || { echo "  MISSED"; status=1; }
done
echo "work directory (reused on the next run): $work"
exit $status
