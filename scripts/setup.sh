#!/usr/bin/env bash
# Sets up a Debian 12 machine to build Bulwark, then configures and builds it.
#
#   scripts/setup.sh [--build-dir DIR] [-- extra cmake arguments]
#
# Installs exactly the Debian packages in scripts/packages.txt that are
# missing (needs root for that; as a normal user it says which are missing),
# the npm tools in tools/package.json (the SARIF validator), then configures
# and builds with clang-19.  Quick when everything is already there.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$root/build"
extra=()
while [ $# -gt 0 ]; do
    case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done

say() { printf 'setup: %s\n' "$*"; }

missing=()
while read -r pkg; do
    pkg=${pkg%%#*}
    pkg=$(echo "$pkg" | tr -d '[:space:]')
    [ -n "$pkg" ] || continue
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done < "$root/scripts/packages.txt"

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
        exit 2
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "setup: npm is required for the SARIF validator (Debian: apt-get install npm)" >&2
    exit 2
fi
if [ ! -x "$root/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ]; then
    say "installing npm tools (tools/package.json)"
    (cd "$root/tools" && npm install --no-audit --no-fund --silent >/dev/null)
fi

export CC=${CC:-clang-19} CXX=${CXX:-clang++-19}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    say "configuring $build_dir"
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${extra[@]}" >/dev/null
fi
say "building $build_dir"
cmake --build "$build_dir" -j"$(nproc)" >/dev/null
say "ready: $build_dir/cli/bulwark"
