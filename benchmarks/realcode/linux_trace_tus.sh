#!/bin/sh
# The Linux TUs beyond lib/ and mm/ that docs/triage.md's session 17 checks
# for precision: the .c files that define CREATE_TRACE_POINTS (so they
# instantiate trace events) in kernel/, fs/, block/, net/core/ and
# drivers/base/, compiled with mm/mmap_lock.c's flags from the lib+mm
# database of benchmarks/realcode/run.sh (those directories were not built
# there, and their own commands differ only in per-file defines).  Nothing of
# the kernel is committed.
#
#   benchmarks/realcode/linux_trace_tus.sh [TREE] [LIBMM_DB_DIR] [OUT_DIR]
#     TREE          the kernel tree (default /tmp/bw-realcode/linux-source-6.1)
#     LIBMM_DB_DIR  the lib+mm compile database's directory
#                   (default /tmp/bw-realcode/linux-db)
#     OUT_DIR       where compile_commands.json is written
#                   (default /tmp/bw-realcode/linux-trace-db)
# Then: bulwark check --no-cache -p OUT_DIR
# Exit codes: 0 written, 2 a missing input.
set -eu
TREE=${1:-/tmp/bw-realcode/linux-source-6.1}
DB=${2:-/tmp/bw-realcode/linux-db}
OUT=${3:-/tmp/bw-realcode/linux-trace-db}
for f in "$TREE/mm/mmap_lock.c" "$DB/compile_commands.json"; do
    if [ ! -f "$f" ]; then
        echo "linux_trace_tus: $f missing (run benchmarks/realcode/run.sh first)" >&2
        exit 2
    fi
done
mkdir -p "$OUT"
python3 - "$TREE" "$DB/compile_commands.json" > "$OUT/compile_commands.json" <<'PY'
import json, os, sys
tree, dbfile = sys.argv[1], sys.argv[2]
template = next(e for e in json.load(open(dbfile)) if e["file"].endswith("/mm/mmap_lock.c"))
dirs = ["kernel", "fs", "block", "net/core", "drivers/base"]
files = []
for d in dirs:
    for root, _, names in os.walk(os.path.join(tree, d)):
        for n in names:
            p = os.path.join(root, n)
            if n.endswith(".c") and "define CREATE_TRACE_POINTS" in open(p, errors="replace").read():
                files.append(os.path.relpath(p, tree))
out = []
for rel in sorted(files):
    stem = rel[:-2]
    args = []
    for a in template["arguments"]:
        if a.endswith("mm/mmap_lock.c"):
            a = a.replace("mm/mmap_lock.c", rel)
        elif "mmap_lock" in a:
            a = a.replace("mm/mmap_lock", stem).replace("mmap_lock", os.path.basename(stem))
        args.append(a)
    out.append({"directory": template["directory"], "file": os.path.join(tree, rel), "arguments": args})
json.dump(out, sys.stdout, indent=1)
PY
echo "linux_trace_tus: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$OUT/compile_commands.json") TUs in $OUT/compile_commands.json"
