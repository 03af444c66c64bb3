#!/usr/bin/env bash
# Builds the benchmarks in release mode (in .build-bench, apart from the everyday build) and runs them.
#   scripts/bench.sh                       every benchmark with its defaults
#   scripts/bench.sh tagger --megabytes 48 one benchmark with options
#   scripts/bench.sh mail                  10,000 notes as Markdown files, then as the messages of one mbox
#                                          (each collect in a process of its own, so each peak memory is its own)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${ALMANAC_BENCH_SCRATCH:-.build-bench}"
swift build -c release --scratch-path "$scratch" --product AlmanacBenchmark
binary="$scratch/release/AlmanacBenchmark"
if [ "${1:-}" = mail ]; then
  "$binary" collect --notes 10000 | grep -E "^(corpus|collect|peak)"
  "$binary" mbox --messages 10000
  exit
fi
if [ $# -gt 0 ]; then
  exec "$binary" "$@"
fi
"$binary" tagger
"$binary" long-line
