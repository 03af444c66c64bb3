#!/usr/bin/env bash
# The consumer matrix: collects data/ and every corpus of ../shared into feeds, checks them with
# `almanac validate --strict`, and has seven iCalendar consumers read every feed (scripts/check-feeds.py):
# each must read the same events at the same instants.
#
#   scripts/feed-matrix.sh                 # with .build/debug/almanac (built when missing)
#   ALMANAC=.build/release/almanac scripts/feed-matrix.sh
#
# Installs what it needs: the Debian packages (scripts/install-deps.sh: python3-venv, ruby-icalendar…)
# and the pinned PyPI consumers (scripts/consumers.txt) into .build/consumers/venv.
set -euo pipefail
cd "$(dirname "$0")/.."
python="$(scripts/consumers.sh)"
work=.build/consumers

almanac="${ALMANAC:-.build/debug/almanac}"
[ -x "$almanac" ] || swift build --product almanac
shared=../shared
status=0
rm -rf "$work/feeds"
mkdir -p "$work/feeds"
# data/ with its configuration; each corpus (and the seeds) as they come, without one.
collect() {  # OUT, then the reading arguments; what a failed collect said is printed
  local out=$1
  shift
  "$almanac" collect "$@" --out "$out" --quiet --no-cache 2>"$work/collect.err" || { cat "$work/collect.err"; return 1; }
}
collect "$work/feeds/data" --config data/almanac.yml
if [ -d "$shared" ]; then
  collect "$work/feeds/seeds" "$shared/seeds"
  for corpus in "$shared"/corpus/*/; do
    name="$(basename "$corpus")"
    # A corpus none of whose notes Almanac can read yet (AsciiDoc, say) gives no feeds; any other failure fails.
    if ! "$almanac" collect "$corpus/notes" --out "$work/feeds/$name" --quiet --no-cache 2>"$work/collect.err"; then
      if grep -q "no notes with a date were found" "$work/collect.err"; then
        echo "$name: no notes read, no feeds"
      else
        cat "$work/collect.err"
        status=1
      fi
    fi
  done
fi
feeds=("$work"/feeds/*/*.ics)
"$almanac" validate --strict --quiet "${feeds[@]}" || status=1
"$python" scripts/check-feeds.py --table "${feeds[@]}" >"$work/check-feeds.log" || status=1
grep ': error: \|^check-feeds: note' "$work/check-feeds.log" | head -80 || true
sed -n '/^| consumer/,$p' "$work/check-feeds.log"
exit $status
