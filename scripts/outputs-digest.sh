#!/usr/bin/env bash
# Usage: bash scripts/outputs-digest.sh REPO_DIR OUT_FILE
# Runs every built-in model (seeds 1 and 7, plus a few fixes and parameters) and every example
# with --out, then writes the sha256 of every output file (report.html included) to OUT_FILE.
# A change meant to leave results alone (an optimisation, a refactor) leaves the digest alone:
# take one before and one after, and diff them; any difference is a change in output bytes.
set -euo pipefail
repo=$(cd "$1" && pwd); out=$(realpath -m "$2")
tmp=$(mktemp -d); cd "$repo"
node scripts/build.mjs --if-stale >/dev/null
failed=0
sim() { node bin/sim.mjs "$@" >/dev/null 2>&1 || { echo "FAILED: sim $*" >&2; failed=1; }; }
models=$(node bin/sim.mjs list | awk 'NF && $1 != "sim" {print $1}')
for m in $models; do
  for s in 1 7; do sim run $m --seed $s --out "$tmp/$m-$s"; done
done
sim run thundering-herd --jitter 15m --out "$tmp/th-jitter"
sim run mm-c --servers 1 --arrival-rate 9/s --duration 6h --out "$tmp/mm1-6h"
sim run mm-c --servers 200 --arrival-rate 1900/s --duration 10m --out "$tmp/mm200"
sim run retry-amplification --fix retry-budget --out "$tmp/ra-fix"
for e in examples/*.ts; do sim run "$e" --out "$tmp/ex-$(basename "$e" .ts)"; done
(cd "$tmp" && find . -type f -not -name '.*' | sort | xargs sha256sum) > "$out"
echo "$(wc -l < "$out") files -> $out"; rm -rf "$tmp"
exit "$failed"
