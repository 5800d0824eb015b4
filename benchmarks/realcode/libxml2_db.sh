#!/bin/sh
# A compile database for libxml2 2.9.9 as the npm package libxmljs2@0.37.0
# vendors it (vendor/libxml, ~199k lines, its own config.h for Linux): the
# 39 C files its binding.gyp builds, with the include directories and
# defines it gives them.  docs/triage.md's session 18 checks precision on
# it.  The package is fetched with `npm pack` into OUT_DIR; nothing of
# libxml2 is committed.
#
#   benchmarks/realcode/libxml2_db.sh [OUT_DIR]
#     OUT_DIR  scratch (default /tmp/bw-realcode/libxml2); the database is
#              written to OUT_DIR/compile_commands.json
# Then: bulwark check --no-cache -p OUT_DIR
# Exit codes: 0 written, 2 npm or the package is missing.
set -eu
OUT=${1:-/tmp/bw-realcode/libxml2}
PKG=libxmljs2@0.37.0
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
if [ ! -f "$OUT/package/binding.gyp" ]; then
    command -v npm >/dev/null 2>&1 || { echo "libxml2_db: npm not found" >&2; exit 2; }
    tgz=$(cd "$OUT" && npm pack --silent "$PKG" 2>/dev/null | tail -n 1) ||
        { echo "libxml2_db: npm pack $PKG failed" >&2; exit 2; }
    tar -xzf "$OUT/$tgz" -C "$OUT"
fi
python3 - "$OUT" > "$OUT/compile_commands.json" <<'PY'
import json, re, sys
out = sys.argv[1]
pkg = out + "/package"
gyp = open(pkg + "/binding.gyp").read()
sources = re.findall(r'"(vendor/libxml/[^"]+\.c)"', gyp)
flags = ["-Ivendor/libxml/include", "-Ivendor/libxml", "-DLIBXML_XINCLUDE_ENABLED",
         "-DLIBXML_SCHEMATRON_ENABLED", "-D_REENTRANT", "-O2"]
json.dump([{"directory": pkg, "file": pkg + "/" + s, "arguments": ["clang", "-c"] + flags + [s]}
           for s in sources], sys.stdout, indent=1)
PY
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$OUT/compile_commands.json")
[ "$n" -gt 0 ] || { echo "libxml2_db: no C sources in $OUT/package/binding.gyp" >&2; exit 2; }
echo "libxml2_db: $n TUs in $OUT/compile_commands.json"
