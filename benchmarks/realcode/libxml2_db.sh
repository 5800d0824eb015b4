#!/bin/sh
# A compile database for libxml2 as an npm package vendors it (vendor/libxml,
# with its own config.h for Linux): the C files the package's gyp files
# build, with their include directories and defines.  docs/triage.md's
# session 18 checks precision on libxml2 2.9.9 (libxmljs2@0.37.0, 39 TUs,
# ~199k lines) and recall on 2.9.0 (libxmljs@0.18.0, 38 TUs, before the
# format-string fixes of CVE-2016-4448).  The package is fetched with `npm
# pack` into OUT_DIR; nothing of libxml2 is committed.
#
#   benchmarks/realcode/libxml2_db.sh [OUT_DIR] [PACKAGE]
#     OUT_DIR  scratch (default /tmp/bw-realcode/libxml2); the database is
#              written to OUT_DIR/compile_commands.json
#     PACKAGE  default libxmljs2@0.37.0; libxmljs@0.18.0 for libxml2 2.9.0
# Then: bulwark check --no-cache -p OUT_DIR
# Exit codes: 0 written, 2 npm or the package is missing.
set -eu
OUT=${1:-/tmp/bw-realcode/libxml2}
PKG=${2:-libxmljs2@0.37.0}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
if [ ! -f "$OUT/package/binding.gyp" ]; then
    command -v npm >/dev/null 2>&1 || { echo "libxml2_db: npm not found" >&2; exit 2; }
    tgz=$(cd "$OUT" && npm pack --silent "$PKG" 2>/dev/null | tail -n 1) ||
        { echo "libxml2_db: npm pack $PKG failed" >&2; exit 2; }
    tar -xzf "$OUT/$tgz" -C "$OUT"
fi
python3 - "$OUT" > "$OUT/compile_commands.json" <<'PY'
import json, os, re, sys
out = sys.argv[1]
pkg = out + "/package"
gyp = open(pkg + "/binding.gyp").read()
sources = re.findall(r'"(vendor/libxml/[^"]+\.c)"', gyp)
if not sources and os.path.exists(pkg + "/vendor/libxml/libxml.gyp"):
    # older packages build libxml2 from a gyp file of its own
    sources = ["vendor/libxml/" + s for s in re.findall(r"'([A-Za-z0-9_]+\.c)'", open(pkg + "/vendor/libxml/libxml.gyp").read())]
flags = ["-Ivendor/libxml/include", "-Ivendor/libxml", "-DLIBXML_XINCLUDE_ENABLED",
         "-DLIBXML_SCHEMATRON_ENABLED", "-D_REENTRANT", "-O2"]
json.dump([{"directory": pkg, "file": pkg + "/" + s, "arguments": ["clang", "-c"] + flags + [s]}
           for s in sources], sys.stdout, indent=1)
PY
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$OUT/compile_commands.json")
[ "$n" -gt 0 ] || { echo "libxml2_db: no libxml2 sources in the gyp files of $OUT/package" >&2; exit 2; }
echo "libxml2_db: $n TUs in $OUT/compile_commands.json"
