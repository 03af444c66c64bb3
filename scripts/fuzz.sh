#!/usr/bin/env bash
# Builds the libFuzzer target (Tests/Fuzz, with AddressSanitizer) and runs one of its targets on a copy of
# its seeds (Tests/Fuzz/corpus for the notes, data/ for calendars and the configuration).
#   scripts/fuzz.sh                      600 seconds of the tagger, readers and extractor together
#   scripts/fuzz.sh 600 TARGET           TARGET: tagger, readers, extractor, ics, frontmatter, config, all, or one
#                                        markup's reader: markdown, text, html, rst, asciidoc, org, mail
#   scripts/fuzz.sh 60 all [-jobs=2 ...] seconds, target, then extra libFuzzer flags
# A crash, a sanitizer report, an input that takes over 10 s (a hang) or runs out of memory is a finding:
# libFuzzer stops and the input is saved in Tests/Fuzz/.build/findings/ (replay: the binary with that file).
# ALMANAC_FUZZ_CORPUS=DIR keeps the working corpus in DIR between runs (default: a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/../Tests/Fuzz"
seconds="${1:-600}"
shift || true
target="${1:-all}"
case "$target" in -*) target=all ;; *) shift || true ;; esac
export ALMANAC_FUZZ_TARGET="$target"

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
case "$target" in
  ics) cp ../../data/calendars/*.ics corpus-ics/* "$work"/ ;;
  config) cp ../../data/almanac.yml corpus-config/* "$work"/ ;;
  frontmatter) cp corpus-frontmatter/* "$work"/ ;;
  *) cp corpus/* "$work"/ ;;
esac
mkdir -p .build/findings/"$target"
# Yams leaks a few dozen bytes on some malformed YAML (a complex key, "? ct:", leaves a Tag in a reference
# cycle): not Almanac's to fix, and LeakSanitizer would stop every run of the front matter readers on it.
# (-detect_leaks=0 stops libFuzzer's check after each input; ASAN_OPTIONS stops LeakSanitizer's at exit.)
leaks=()
case "$target" in
  frontmatter | readers | extractor | markdown | all)
    leaks=(-detect_leaks=0)
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
    ;;
esac

# libFuzzer reports crashes itself; Swift's backtracer would only get in its way (and in ASan's).
SWIFT_BACKTRACE=enable=no "$binary" "$work" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=.build/findings/"$target"/ -print_final_stats=1 ${leaks[@]+"${leaks[@]}"} "$@"
