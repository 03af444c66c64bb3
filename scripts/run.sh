#!/usr/bin/env bash
# One command from a fresh clone: install what is missing, build, and collect data/ into public/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product almanac
.build/release/almanac collect --config data/almanac.yml "$@"
echo "Subscribe to public/calendar.ics or public/deadlines.ics; the board is public/projects.md."
