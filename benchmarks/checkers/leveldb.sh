#!/bin/sh
# `bulwark check` on a real C++ code base: LevelDB 1.20 and Snappy as the
# npm package classic-level@3.0.0 vendors them, with its N-API binding
# (42 TUs, 14,088 lines in the .cc files, 20,667 with the project's own
# headers).  Nothing of it is committed: the script fetches the package
# with `npm pack` (the npm registry) and writes the compile database the
# package's gyp files describe for Linux.
#
#   benchmarks/checkers/leveldb.sh [BULWARK] [WORK_DIR]
#     BULWARK   the binary (default build/cli/bulwark)
#     WORK_DIR  scratch (default /tmp/bulwark-bench-leveldb)
#
# Prints CPU seconds (user+sys) and peak RSS of `clang++-19 -fsyntax-only`
# over the TUs one after another, of a cold `bulwark check -j1` and of a
# warm one, and the findings (docs/triage.md, session 21, triages them).
# binding.cc needs Node's headers (/usr/include/node, Debian's libnode-dev);
# without them it is left out.  Needs npm, python3 and clang++-19.
set -eu
BW=${1:-build/cli/bulwark}
WORK=${2:-/tmp/bulwark-bench-leveldb}
case $BW in /*) ;; *) BW=$(pwd)/$BW ;; esac
mkdir -p "$WORK/src/napi-macros" "$WORK/build"
cd "$WORK"
if [ ! -d src/package ]; then
    npm pack --silent classic-level@3.0.0 >/dev/null
    tar xzf classic-level-3.0.0.tgz -C src
    npm pack --silent napi-macros@2.2.2 >/dev/null
    tar xzf napi-macros-2.2.2.tgz -C src/napi-macros
fi
python3 - "$WORK" <<'PY'
import json, os, sys
W = sys.argv[1]
R = W + "/src/package"
L = R + "/deps/leveldb/leveldb-1.20"
S = R + "/deps/snappy"
NAPI = W + "/src/napi-macros/package"
common = ["-std=c++17", "-D_FILE_OFFSET_BITS=64", "-D_LARGEFILE_SOURCE", "-D__STDC_FORMAT_MACROS", "-pthread"]
snappy = ["-DHAVE_CONFIG_H=1", "-I" + S + "/linux", "-I" + S + "/snappy"]
leveldb = ["-DSNAPPY=1", "-DLEVELDB_PLATFORM_POSIX=1", "-DOS_LINUX=1", "-I" + L, "-I" + L + "/include"] + snappy[1:]
binding = ["-DNAPI_VERSION=3", "-DBUILDING_NODE_EXTENSION", "-DNODE_GYP_MODULE_NAME=classic_level",
           "-I" + NAPI, "-I/usr/include/node", "-I" + L + "/include", "-I" + L + "/port", "-I" + L + "/util",
           "-I" + L] + snappy[1:]
leveldb_src = """db/builder.cc db/db_impl.cc db/db_iter.cc db/filename.cc db/dbformat.cc db/log_reader.cc
 db/log_writer.cc db/memtable.cc db/repair.cc db/table_cache.cc db/version_edit.cc db/version_set.cc
 db/write_batch.cc helpers/memenv/memenv.cc port/port_posix_sse.cc table/block.cc table/block_builder.cc
 table/filter_block.cc table/format.cc table/iterator.cc table/merger.cc table/table.cc table/table_builder.cc
 table/two_level_iterator.cc util/arena.cc util/bloom.cc util/cache.cc util/coding.cc util/comparator.cc
 util/crc32c.cc util/env.cc util/filter_policy.cc util/hash.cc util/logging.cc util/options.cc util/status.cc
 port/port_posix.cc util/env_posix.cc""".split()
tus = []
if os.path.isdir("/usr/include/node"):
    tus.append((R + "/binding.cc", binding))
tus += [(L + "/" + f, leveldb) for f in leveldb_src]
tus += [(S + "/snappy/" + f, snappy) for f in "snappy-sinksource.cc snappy-stubs-internal.cc snappy.cc".split()]
db = [{"directory": os.path.dirname(f), "file": f, "arguments": ["clang++-19"] + common + fl + ["-c", f]}
      for f, fl in tus]
json.dump(db, open(W + "/build/compile_commands.json", "w"), indent=1)
with open(W + "/syntax.sh", "w") as out:
    for e in db:
        args = " ".join("'" + a + "'" for a in e["arguments"] if a != "-c" and a != e["file"])
        out.write("cd '%s' && %s -fsyntax-only '%s'\n" % (e["directory"], args, e["file"]))
print(len(db), "TUs")
PY
# the last line: GNU time writes "Command exited with non-zero status 1"
# before it when bulwark reports findings
cpu() { tail -n 1 "$1" | awk '{printf "%.2f", $1 + $2}'; }
rss() { tail -n 1 "$1" | awk '{print $3}'; }
/usr/bin/time -f "%U %S %M" -o clang.time sh syntax.sh
rm -f build/bulwark-cache.db
/usr/bin/time -f "%U %S %M" -o cold.time "$BW" check -p build --no-progress -j1 > findings.txt 2>&1 || true
/usr/bin/time -f "%U %S %M" -o warm.time "$BW" check -p build --no-progress -j1 > /dev/null 2>&1 || true
c=$(cpu clang.time)
echo "clang++-19 -fsyntax-only: $c s, peak $(rss clang.time) KiB"
echo "bulwark cold:             $(cpu cold.time) s, peak $(rss cold.time) KiB ($(cpu cold.time) $c)" |
    awk '{r = $(NF-1); sub(/\(/, "", r); c = $NF; sub(/\)/, "", c); $(NF-1) = "(" sprintf("%.2f", r / c) "x"; $NF = "clang)"; print}'
echo "bulwark warm:             $(cpu warm.time) s ($(cpu warm.time) $c)" |
    awk '{r = $(NF-1); sub(/\(/, "", r); c = $NF; sub(/\)/, "", c); $(NF-1) = "(" sprintf("%.2f", r / c) "x"; $NF = "clang)"; print}'
tail -n 8 findings.txt
