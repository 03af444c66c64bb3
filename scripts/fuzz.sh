#!/usr/bin/env bash
# Builds the libFuzzer target (Tests/Fuzz: the temporal tagger, the note reader and the extractor, with
# AddressSanitizer) and runs it on a copy of Tests/Fuzz/corpus.
#   scripts/fuzz.sh              600 seconds
#   scripts/fuzz.sh 60 [-jobs=2 ...]   seconds, then extra libFuzzer flags
# A crash, a sanitizer report, an input that takes over 10 s (a hang) or runs out of memory is a finding:
# libFuzzer stops and the input is saved in Tests/Fuzz/.build/findings/ (replay: the binary with that file).
# ALMANAC_FUZZ_CORPUS=DIR keeps the working corpus in DIR between runs (default: a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/../Tests/Fuzz"
seconds="${1:-600}"
shift || true

# Release (-O keeps bounds and overflow checks) runs about five times as many inputs a second as debug.
swift build -c release --scratch-path .build --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address
binary=".build/release/AlmanacFuzz"

if [ -n "${ALMANAC_FUZZ_CORPUS:-}" ]; then
  work="$ALMANAC_FUZZ_CORPUS"
  mkdir -p "$work"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/almanac-fuzz.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
cp corpus/* "$work"/
mkdir -p .build/findings

# libFuzzer reports crashes itself; Swift's backtracer would only get in its way (and in ASan's).
SWIFT_BACKTRACE=enable=no "$binary" "$work" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=.build/findings/ -print_final_stats=1 "$@"
