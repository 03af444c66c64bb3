#!/usr/bin/env bash
# Sets up the consumer matrix's readers: the Debian packages (scripts/install-deps.sh, which adds ruby and
# ruby-icalendar where the distribution has them) and the pinned PyPI consumers of scripts/consumers.txt
# in the virtual environment .build/consumers/venv (made again when the pins change). Prints its python.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
venv=.build/consumers/venv
if ! cmp -s scripts/consumers.txt "$venv/consumers.txt" 2>/dev/null; then
  rm -rf "$venv"
  mkdir -p .build/consumers
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r scripts/consumers.txt >&2
  cp scripts/consumers.txt "$venv/consumers.txt"
fi
echo "$venv/bin/python"
