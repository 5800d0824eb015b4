#!/usr/bin/env bash
# End-to-end test of the roadmap tracker and dashboard.
#
#   e2e_dashboard.sh <bulwark> <rm_seed> <artifact-dir>
#
# Builds a sample git repository with three commits and a snapshot after
# each, records builds, check runs and a runtime audit log, renders the
# report as HTML/Markdown/JSON, merges two exports, and opens the HTML in
# headless Chromium: it must render with no console message at all (a CSP
# violation is one), show the key numbers, and show hostile names escaped.
# Screenshots (desktop and phone) and a PDF print go to <artifact-dir>.
set -euo pipefail

bulwark=$(realpath "$1")
seed=$(realpath "$2")
artifacts=$3
mkdir -p "$artifacts"
artifacts=$(realpath "$artifacts")

work=$(mktemp -d /tmp/bw-e2e-roadmap.XXXXXX)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
export BULWARK_DB=$work/tracker.db
fail() { echo "e2e_dashboard: FAIL: $*" >&2; exit 1; }
check_contains() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }
check_lacks() { if grep -qF -- "$2" "$1"; then fail "$1 contains: $2"; fi; }

mkdir -p "$repo/src/core" "$repo/src/ui"
cd "$repo"
git init -q
git config user.email e2e@example.com
git config user.name "e2e"

# ---- commit 1: C only --------------------------------------------------------
cat > src/core/parse.c <<'EOF'
#include <string.h>
/* parser */
void parse(char *d, const char *s)
{
    strcpy(d, s);
}
int count(const char *p) { return *(p + 1); }
EOF
printf 'int view(void) { return 0; }\n' > "src/ui/view's.c"

# `roadmap init` writes a starter that `roadmap check` accepts.
"$bulwark" roadmap init >/dev/null
check_contains bulwark-roadmap.yaml 'name: "src"'
"$bulwark" roadmap check >/dev/null || fail "starter roadmap does not check"
if "$bulwark" roadmap init 2>/dev/null; then fail "init overwrote an existing file"; fi

# The real roadmap, with a hostile component name (markup, quotes, a
# newline and a right-to-left mark).
cat > bulwark-roadmap.yaml <<'EOF'
version: 1
organization:
  name: "Sample <Org> \"Q\""
  executive-sponsor: "Jane Roe, CTO"
  memory-safe-new-code-date: 2026-01-01
  training-plan: "Rust course for every C developer"
  transparency: "quarterly public report"
  cve-policy: "CWE on every CVE"
  dependency-plan: "track upstream hardening of zlib"
components:
  - name: core
    paths: [src/core/**]
    owner: alice
    plan:
      - {phase: hardened, target: 2025-01-31, done: true}
      - {phase: isolated, target: 2025-06-30}
  - name: "<script>alert('x')</script> \"ui\"\n\u200Fmark"
    paths: [src/ui/**]
    owner: bob
    binaries: [viewer]
    plan:
      - {phase: hardened, target: 2030-01-01}
  - name: rust
    paths: [rust/**]
    plan:
      - {phase: migrating, target: 2030-01-01}
EOF
"$bulwark" roadmap check >/dev/null || fail "roadmap check failed"
# A broken roadmap gets a line-numbered error and exit code 2.
printf 'version: 1\ncomponents:\n  - name: x\n    pathz: [a]\n' > "$work/bad.yaml"
set +e
"$bulwark" roadmap check --file "$work/bad.yaml" 2> "$work/bad.err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "bad roadmap: exit $rc, expected 2"
check_contains "$work/bad.err" "bad.yaml:4:"
git add -A && git commit -q -m "c only"

printf 'tu\tsrc/core/parse.c\t1\t4\t12\ntu\tsrc/ui/view'"'"'s.c\t0\t0\t0\n' | "$seed" "$BULWARK_DB"
printf 'finding\tBW-SQL-INJECTION\terror\tsrc/ui/view'"'"'s.c\t1\t<img src=x onerror=alert(1)> "quoted"\\nnext line \xe2\x80\xaeRTL\n' \
    > "$work/findings1"
printf 'suppressed\tBW-BUFFER-OVERFLOW\twarning\tsrc/core/parse.c\t5\tstrcpy\tlength checked by caller\ncheck\n' \
    >> "$work/findings1"
"$seed" "$BULWARK_DB" < "$work/findings1"
printf 'baseline\t.bulwark-baseline.json\t5\n' | "$seed" "$BULWARK_DB"
"$bulwark" roadmap snapshot --time 2025-01-10T00:00:00Z >/dev/null

# ---- commit 2: Rust arrives ----------------------------------------------------
mkdir -p rust
printf 'fn a() {}\n// comment\nfn b() {}\nfn c() {}\n' > rust/lib.rs
git add -A && git commit -q -m "rust"
printf 'baseline\t.bulwark-baseline.json\t3\nloosen\trule-disabled\tBW-FORMAT-STRING\t-\n' | "$seed" "$BULWARK_DB"
"$bulwark" roadmap snapshot --time 2025-02-10T00:00:00Z >/dev/null

# ---- commit 3: more Rust ---------------------------------------------------------
printf 'fn d() {}\nfn e() {}\nfn f() {}\nfn g() {}\n' > rust/more.rs
git add -A && git commit -q -m "more rust"
cat > "$work/audit.log" <<'EOF'
{"v":1,"time":"2025-03-01T08:00:00Z","host":"web1","program":"/usr/bin/viewer","pid":311,"kind":"cfi-icall","mode":"report","action":"logged","target":"0x4011d0","symbol":"<svg onload=alert(2)>","module":"viewer"}
{"v":1,"time":"2025-03-01T08:00:05Z","host":"web1","program":"/usr/bin/viewer","pid":312,"kind":"shadow-stack","mode":"enforce","action":"abort","address":"0x401200","symbol":"handler","module":"viewer"}
{"v":1,"time":"2025-03-01T08:00:06Z","host":"web1","program":"x","pid":1,"kind":"cfi-icall","mode":"report","action":"abort"}
not json
{"v":1,"time":"2025-03-01T08:00:07Z","program":"/usr/bin/viewer","pid":313,"kind":"memory-bou
EOF
"$bulwark" roadmap import-log "$work/audit.log" > "$work/import.out"
check_contains "$work/import.out" "2 events imported"
check_contains "$work/import.out" "1 invalid, 1 truncated, 1 forged"
"$bulwark" roadmap snapshot --time 2025-03-10T00:00:00Z >/dev/null

# ---- make -j16 over 200 compile records: nothing lost or duplicated ----------------
{
    printf 'all:'
    for i in $(seq 0 199); do printf ' t%d' "$i"; done
    printf '\n'
    for i in $(seq 0 199); do
        printf 't%d:\n\tprintf '"'"'tu\\tgen/f%d.c\\t1\\t1\\t1\\n'"'"' | "%s" "%s"\n' "$i" "$i" "$seed" "$BULWARK_DB"
    done
} > "$work/Makefile"
make -s -j16 -f "$work/Makefile" all
n=$(sqlite3 "$BULWARK_DB" "SELECT count(*) FROM tu_records WHERE tu_path LIKE 'gen/%'")
d=$(sqlite3 "$BULWARK_DB" "SELECT count(DISTINCT tu_path) FROM tu_records WHERE tu_path LIKE 'gen/%'")
[ "$n" = 200 ] && [ "$d" = 200 ] || fail "make -j16: $n records, $d distinct (want 200)"
[ "$(sqlite3 "$BULWARK_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"

# ---- status, check, reports ---------------------------------------------------------
set +e
"$bulwark" roadmap status --as-of 2025-12-01 > "$work/status.txt"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "status with a late milestone: exit $rc, expected 1"
check_contains "$work/status.txt" "core: hardened -> isolated by 2025-06-30, LATE"
check_contains "$work/status.txt" "50.0% memory-safe"
check_lacks "$work/status.txt" $'\xe2\x80\x8f'
"$bulwark" roadmap status --as-of 2025-03-01 > /dev/null || fail "status before the due date should pass"

"$bulwark" report -o "$artifacts/roadmap.html" --as-of 2025-12-01
"$bulwark" report -o "$artifacts/roadmap.md" --as-of 2025-12-01
"$bulwark" report -o "$work/a.json" --as-of 2025-12-01 --product "Product A"
"$bulwark" report -o - --format json --as-of 2025-12-01 --product "Product <B>" > "$work/b.json"
"$bulwark" report -o "$artifacts/organization.html" --merge "$work/a.json" "$work/b.json"
check_contains "$artifacts/roadmap.md" "**LATE**"
check_contains "$artifacts/roadmap.md" "Jane Roe, CTO"
check_lacks "$artifacts/roadmap.md" "<script"
check_contains "$work/a.json" '"snapshots": 3'
set +e
"$bulwark" report -o "$work/x.html" --merge "$work/bad.yaml" 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "merging a non-export: exit $rc, expected 2"

# Static checks on the HTML.
html=$artifacts/roadmap.html
check_contains "$html" "default-src 'none'"
check_lacks "$html" "<script"
check_lacks "$html" "<img"
check_lacks "$html" "<svg onload"
check_lacks "$html" $'\xe2\x80\x8f'
check_lacks "$html" $'\xe2\x80\xae'
size=$(stat -c %s "$html")
[ "$size" -lt 2000000 ] || fail "report is $size bytes"

# ---- headless Chromium -----------------------------------------------------------------
browser=$(command -v chromium || true)
[ -n "$browser" ] || fail "chromium is not installed (scripts/packages.txt lists it)"
render() { # render <html> <out-prefix> <window-size> <extra args...>
    local page=$1 out=$2 size=$3
    shift 3
    local profile
    profile=$(mktemp -d "$work/profile.XXXXXX")
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 \
        --window-size="$size" "$@" "file://$page" > "$out.stdout" 2> "$out.stderr" ||
        fail "chromium failed on $page (see $out.stderr)"
    if grep -E ':CONSOLE' "$out.stderr"; then
        fail "console messages while rendering $page"
    fi
}
render "$html" "$work/desktop" 1280,2400 --dump-dom
dom=$work/desktop.stdout
check_contains "$dom" 'id="p0-share">50.0%</span>'
check_contains "$dom" 'id="p0-unsafe-lines">7</span>'
check_contains "$dom" 'id="p0-late">1</span>'
check_contains "$dom" 'id="p0-findings">1</span>'
check_contains "$dom" 'id="p0-runtime">2</span>'
check_contains "$dom" "Jane Roe, CTO"
check_contains "$dom" "length checked by caller"
check_contains "$dom" "BW-FORMAT-STRING"
check_contains "$dom" "no reason given"
check_contains "$dom" "&lt;script&gt;alert('x')&lt;/script&gt; \"ui\""
check_contains "$dom" "[U+200F]mark"
check_contains "$dom" "&lt;svg onload=alert(2)&gt;"
check_lacks "$dom" "<script"
check_lacks "$dom" $'\xe2\x80\x8f'
render "$html" "$artifacts/roadmap-desktop" 1280,2400 --screenshot="$artifacts/roadmap-desktop.png"
render "$html" "$artifacts/roadmap-phone" 390,2400 --screenshot="$artifacts/roadmap-phone.png"
render "$html" "$artifacts/roadmap-print" 1280,2400 --no-pdf-header-footer --print-to-pdf="$artifacts/roadmap.pdf"
render "$artifacts/organization.html" "$work/org" 1280,2400 --dump-dom
check_contains "$work/org.stdout" "Product A"
check_contains "$work/org.stdout" "Product &lt;B&gt;"
check_contains "$work/org.stdout" 'id="p1-components"'
for f in roadmap-desktop.png roadmap-phone.png roadmap.pdf; do
    [ -s "$artifacts/$f" ] && [ "$(stat -c %s "$artifacts/$f")" -gt 10000 ] || fail "$f missing or tiny"
done
rm -f "$artifacts"/*.stdout "$artifacts"/*.stderr
echo "e2e_dashboard: ok ($size-byte report; artifacts in $artifacts)"
