#!/usr/bin/env bash
# Builds the benchmarks in release mode (in .build-bench, apart from the everyday build) and runs them.
#   scripts/bench.sh                       every benchmark with its defaults
#   scripts/bench.sh tagger --megabytes 48 one benchmark with options
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${ALMANAC_BENCH_SCRATCH:-.build-bench}"
swift build -c release --scratch-path "$scratch" --product AlmanacBenchmark
binary="$scratch/release/AlmanacBenchmark"
if [ $# -gt 0 ]; then
  exec "$binary" "$@"
fi
"$binary" tagger
"$binary" long-line
