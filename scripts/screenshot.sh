#!/usr/bin/env bash
# Screenshots of the subscribe page (index.html) with headless Chromium, at desktop and phone width.
#
#   scripts/screenshot.sh                 # the page `almanac collect data` writes, and a sample page
#   scripts/screenshot.sh PAGE.html ...   # just these pages
#
# PNGs go to $OUT (default /tmp/almanac-screenshots): NAME-desktop.png (1200 px wide) and
# NAME-phone.png (400 px wide). The sample page is written by a test (ALMANAC_WRITE_SAMPLE_PAGE) with
# deadlines dated around today, so its countdowns show; the notes in data/ may all be in the past.
# Builds with --scratch-path $SCRATCH (default .build-page). Installs Debian's chromium if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${OUT:-/tmp/almanac-screenshots}
scratch=${SCRATCH:-.build-page}
height=${HEIGHT:-1600}
phone_height=${PHONE_HEIGHT:-2400}
mkdir -p "$out"

if ! command -v chromium >/dev/null; then
  echo "Installing chromium" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

shoot() { # PAGE NAME WIDTH HEIGHT
  local page=$1 name=$2 width=$3 tall=$4
  local png="$out/$name.png"
  # No profile, no network: the page must render from the file alone.
  chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --no-first-run \
    --user-data-dir="$work/profile" --window-size="$width,$tall" --screenshot="$png" \
    "file://$(realpath "$page")" >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; return 1; }
  [ -s "$png" ] || { echo "no screenshot for $page" >&2; cat "$work/chromium.log" >&2; return 1; }
  echo "$png"
}

shoot_both() { # PAGE NAME
  shoot "$1" "$2-desktop" 1200 "$height"
  shoot "$1" "$2-phone" 400 "$phone_height"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ $# -gt 0 ]; then
  for page in "$@"; do
    shoot_both "$page" "$(basename "${page%.html}")"
  done
  exit 0
fi

scripts/install-deps.sh
swift build --scratch-path "$scratch" --build-tests

# The sample page (and its variant without a published URL: relative links only).
ALMANAC_WRITE_SAMPLE_PAGE="$work/sample.html" \
  swift test --skip-build --scratch-path "$scratch" --filter 'SubscribePageTests/writesASamplePage' >"$work/test.log" 2>&1 \
  || { cat "$work/test.log" >&2; exit 1; }
shoot_both "$work/sample.html" sample
shoot_both "$work/sample-relative.html" sample-relative

# The page for data/ (its almanac.yml gives the name and the published URLs).
"$scratch/debug/almanac" collect data --out "$work/public" --base-url https://tidepool.example.org --quiet
if [ -f "$work/public/index.html" ]; then
  shoot_both "$work/public/index.html" data
  cp "$work/public/index.html" "$out/data-index.html"
else
  echo "almanac collect wrote no index.html yet; only the sample page was taken" >&2
fi
cp "$work/sample.html" "$work/sample-relative.html" "$out/"
