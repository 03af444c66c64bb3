#!/usr/bin/env bash
# Scores extraction on ../shared/corpus/mirage-weekly with ../shared/eval/score.py.
#   scripts/score.sh            the table
#   scripts/score.sh --errors   the table, then each miss, extra and wrong date with its note line
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/mirage-weekly
scratch=${ALMANAC_SCRATCH:-.build}   # another build folder, for working beside a running build
swift build -c release --scratch-path "$scratch" --product almanac >/dev/null
out=$(mktemp)
"$scratch"/release/almanac extract "$corpus/notes" --format json --no-cache > "$out"
if [ "${1:-}" = "--errors" ]; then
  python3 ../shared/eval/score.py --gold "$corpus/gold" --pred "$out" --show-errors 1000 | while IFS= read -r line; do
    echo "$line"
    if [[ "$line" =~ ^(MISS|EXTRA|DATE)\ +([0-9-]+):\[?([0-9]+) ]]; then
      sed -n "${BASH_REMATCH[3]}p" "$corpus/notes/${BASH_REMATCH[2]}.md" | cut -c1-160 | sed 's/^/        | /'
    fi
  done
else
  python3 ../shared/eval/score.py --gold "$corpus/gold" --pred "$out"
fi
rm -f "$out"
