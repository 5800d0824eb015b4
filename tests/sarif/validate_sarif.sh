#!/usr/bin/env bash
# Validates a SARIF file with Microsoft's SARIF Multitool (the reference
# validator): the 2.1.0 schema plus the specification's rules.  Fails on any
# error- or warning-level result.  usage: validate_sarif.sh <multitool> <file.sarif>
set -euo pipefail
tool=$1
file=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The multitool exits non-zero on errors; keep its report for the message.
if ! "$tool" validate "$file" --output "$out/result.sarif" --log ForceOverwrite --level Error Warning >"$out/log.txt" 2>&1; then
    cat "$out/log.txt" >&2
    exit 1
fi
# Count error-level results in the validator's own SARIF output.
errors=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(1 for run in r["runs"] for res in run.get("results",[]) if res.get("level","warning")=="error"))' "$out/result.sarif")
warnings=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(1 for run in r["runs"] for res in run.get("results",[]) if res.get("level","warning")=="warning"))' "$out/result.sarif")
echo "sarif-multitool: $errors errors, $warnings warnings for $file"
if [ "$errors" -ne 0 ] || [ "$warnings" -ne 0 ]; then
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); [print(res["ruleId"], res["message"].get("text", res["message"])) for run in r["runs"] for res in run.get("results",[])]' "$out/result.sarif" >&2
    exit 1
fi
