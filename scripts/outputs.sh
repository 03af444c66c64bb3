#!/usr/bin/env bash
# Writes every output one almanac binary gives on data/, the seeds, every corpus in ../shared/corpus
# and (optionally) a folder of generated notes, into one folder, so that two builds can be compared
# byte for byte:
#   scripts/outputs.sh BIN OUT [GENERATED_NOTES]
#   scripts/outputs.sh old/almanac /tmp/a; scripts/outputs.sh .build/release/almanac /tmp/b; diff -r /tmp/a /tmp/b
# For each source: `collect` without a cache (feeds, board, items.json, page), `collect` again with a
# cache into the same folder (the cached run must give the same files), and `extract --format json`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
out=$(realpath -m "$2")
generated=${3:-}
rm -rf "$out"
mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run() {  # name, then almanac's reading arguments
  local name=$1
  shift
  "$bin" collect "$@" --out "$out/$name/collect" --quiet --no-cache >/dev/null 2>&1 || true
  mkdir -p "$out/$name/cached"
  "$bin" collect "$@" --out "$scratch/$name" --quiet --cache "$scratch/$name.sqlite" >/dev/null 2>&1 || true
  "$bin" collect "$@" --out "$scratch/$name" --quiet --cache "$scratch/$name.sqlite" >/dev/null 2>&1 || true
  cp -r "$scratch/$name/." "$out/$name/cached/" 2>/dev/null || true
  "$bin" extract "$@" --format json --no-cache >"$out/$name/extract.json" 2>/dev/null || true
}

run data --config data/almanac.yml
run seeds ../shared/seeds
for corpus in ../shared/corpus/*/; do
  run "corpus-$(basename "$corpus")" "$corpus/notes"
done
if [ -n "$generated" ]; then run generated "$generated"; fi
find "$out" -type f | wc -l | sed 's/$/ files written/'
