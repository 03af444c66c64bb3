#!/usr/bin/env bash
# Scores extraction on every corpus in ../shared/corpus with ../shared/eval/score_all.py: one row per
# corpus, the macro mean of strict F1 and the worst corpus.
#   scripts/score.sh            the table
#   scripts/score.sh --errors   the table, then up to 40 misses, extras and wrong dates per corpus
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${ALMANAC_SCRATCH:-.build}   # another build folder, for working beside a running build
swift build -c release --scratch-path "$scratch" --product almanac >/dev/null
errors=()
if [ "${1:-}" = "--errors" ]; then errors=(--show-errors 40); fi
python3 ../shared/eval/score_all.py --almanac "$scratch/release/almanac" "${errors[@]}"
