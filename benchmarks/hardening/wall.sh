#!/usr/bin/env bash
# Wall time of the hardened SQLite workload against plain -O2, measured so
# that a shared, loaded machine does not decide the result: the binaries
# that bench.sh built are run in interleaved rounds (plain, CFI, ..., plain,
# CFI, ...), so that load changes hit every configuration alike, and each
# configuration's minimum over the rounds is compared (the minimum is the
# run the rest of the machine disturbed least).  The median and the CPU
# time (user + system of the run) are shown too, and the median of the
# per-round ratios to plain (each round runs plain and every configuration
# back to back, so the ratio within a round cancels slow drifts of the
# machine's speed) with its quartiles: the spread says what "noise" is.
#
#   benchmarks/hardening/wall.sh <bench work dir> [rounds] [rows]
#
# <bench work dir> is bench.sh's BW_BENCH_WORK after a run: c1 is plain
# -O2, the other c<N> directories the rows in bench.sh's order.  A work
# directory of bench_binutils.sh (c<N>/readelf and input.o) works the same
# way: each round runs readelf's workload over input.o ([rows] unused).  With
# BW_WALL_HEAP_OFF=1 each Bulwark binary also runs with BULWARK_HEAP_TRACK=0
# in the same rounds (the runtime's heap shadow off), to show its share.
# BW_WALL_ONLY=<extended regex> keeps only the rows whose name matches
# (plain -O2, the baseline, always runs), as bench.sh's BW_BENCH_ONLY.
# BW_WALL_ALSO='<name>=<binary>[;...]' runs other binaries of the same
# program in the same rounds, e.g. a previous build to compare before and
# after side by side.
set -euo pipefail
work=${1:?usage: wall.sh <bench work dir> [rounds] [rows]}
rounds=${2:-40}
rows=${3:-20000}
here=$(cd "$(dirname "$0")" && pwd)
python3 - "$work" "$rounds" "$rows" "$here" <<'PY'
import os, random, re, resource, statistics, subprocess, sys, time

work, rounds, rows, here = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
if os.path.exists(os.path.join(work, "input.o")):  # bench_binutils.sh's work directory
    prog, script = "readelf", "bench_binutils.sh"
    args = ["-a", "-W", "--debug-dump=info,abbrev,line,str,aranges,frames",
            os.path.join(work, "input.o")]
else:
    prog, script, args = "bench", "bench.sh", [rows]
# the row names, in the script's order (c1, c2, ...)
names = re.findall(r'^\s*"([^"|]+)\|', open(os.path.join(here, script)).read(), re.M)
dirs = sorted((d for d in os.listdir(work) if re.fullmatch(r"c\d+", d)), key=lambda d: int(d[1:]))
# (key, directory, row name, extra environment)
# (key, binary, row name, extra environment)
runs = [(d, os.path.join(work, d, prog), names[int(d[1:]) - 1] if int(d[1:]) <= len(names) else d, {})
        for d in dirs if os.access(os.path.join(work, d, prog), os.X_OK)]
if not runs or runs[0][0] != "c1":
    sys.exit("wall.sh: %s/c1/%s (plain -O2) is missing: run %s first" % (work, prog, script))
only = os.environ.get("BW_WALL_ONLY")
if only:
    runs = runs[:1] + [r for r in runs[1:] if re.search(only, r[2])]
for i, item in enumerate(x for x in os.environ.get("BW_WALL_ALSO", "").split(";") if x):
    name, _, path = item.partition("=")
    if not os.access(path, os.X_OK):
        sys.exit("wall.sh: BW_WALL_ALSO: %s is not an executable" % path)
    runs.append(("also%d" % i, path, name, {}))
if os.environ.get("BW_WALL_HEAP_OFF") == "1":
    runs += [(k + "-heapoff", b, name + ", BULWARK_HEAP_TRACK=0", {"BULWARK_HEAP_TRACK": "0"})
             for k, b, name, _ in runs[1:]]
wall = {k: [] for k, _, _, _ in runs}
cpu = {k: [] for k, _, _, _ in runs}
rng = random.Random(1)
for _ in range(rounds):
    # The size of the environment moves the initial stack, and with it the
    # alignment of every stack access: a fixed environment can make one
    # binary a few percent faster or slower by accident (Mytkowicz et al.,
    # "Producing wrong data without doing anything obviously wrong!",
    # ASPLOS 2009).  Each round pads it by a different amount, the same for
    # every configuration in the round, so that bias averages out.
    pad = {"BW_WALL_PAD": "x" * rng.randrange(0, 4096)}
    for k, binary, _, env in runs:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([binary] + args, stdout=subprocess.DEVNULL, check=True,
                       env={**os.environ, **pad, **env})
        t1 = time.perf_counter()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall[k].append((t1 - t0) * 1000)
        cpu[k].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
base_wall, base_cpu = min(wall["c1"]), min(cpu["c1"])
print("%d interleaved rounds, %s, load average at the end %.1f" % (
    rounds, "readelf " + " ".join(args[:3]) if prog == "readelf" else rows + " rows", os.getloadavg()[0]))
print()
print("| configuration | wall min (ms) | vs plain | wall median (ms) | CPU min (ms) | vs plain | paired wall ratio: median [quartiles] |")
print("|---|---:|---:|---:|---:|---:|---:|")
for k, _, name, _ in runs:
    # each round ran plain and this configuration within a second of each
    # other: the ratio within a round cancels the machine's slow drifts
    ratios = sorted((w / p - 1) * 100 for w, p in zip(wall[k], wall["c1"]))
    q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
    print("| %s | %.1f | %+.1f%% | %.1f | %.1f | %+.1f%% | %+.1f%% [%+.1f, %+.1f] |" % (
        name, min(wall[k]), (min(wall[k]) / base_wall - 1) * 100, statistics.median(wall[k]),
        min(cpu[k]), (min(cpu[k]) / base_cpu - 1) * 100, q[1], q[0], q[2]))
PY
