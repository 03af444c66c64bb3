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
scripts/install-deps.sh

work=.build/consumers
venv="$work/venv"
if ! cmp -s scripts/consumers.txt "$venv/consumers.txt" 2>/dev/null; then
  rm -rf "$venv"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r scripts/consumers.txt
  cp scripts/consumers.txt "$venv/consumers.txt"
fi

almanac="${ALMANAC:-.build/debug/almanac}"
[ -x "$almanac" ] || swift build --product almanac
shared=../shared
rm -rf "$work/feeds"
mkdir -p "$work/feeds"
# data/ with its configuration; each corpus (and the seeds) as they come, without one.
"$almanac" collect --config data/almanac.yml --out "$work/feeds/data" --quiet --no-cache
if [ -d "$shared" ]; then
  "$almanac" collect "$shared/seeds" --out "$work/feeds/seeds" --quiet --no-cache
  for corpus in "$shared"/corpus/*/; do
    name="$(basename "$corpus")"
    # A corpus none of whose notes Almanac can read yet (AsciiDoc, say) gives no feeds.
    "$almanac" collect "$corpus/notes" --out "$work/feeds/$name" --quiet --no-cache 2>/dev/null || echo "$name: no notes read, no feeds"
  done
fi
feeds=("$work"/feeds/*/*.ics)
status=0
"$almanac" validate --strict --quiet "${feeds[@]}" || status=1
"$venv/bin/python" scripts/check-feeds.py --table "${feeds[@]}" >"$work/check-feeds.log" || status=1
grep ': error: \|^check-feeds: note' "$work/check-feeds.log" | head -80 || true
sed -n '/^| consumer/,$p' "$work/check-feeds.log"
exit $status
