#!/usr/bin/env bash
# Installs the Debian packages Almanac builds and tests with, when any is missing.
# Runs apt-get as root (or through sudo); does nothing when everything is present.
set -euo pipefail

packages=(
  pkg-config      # finds libical and libxml2 for SwiftPM
  libical-dev     # all iCalendar text is written and parsed by libical
  libxml2-dev     # the HTML note reader
  tzdata          # zone data libical reads for VTIMEZONEs
  python3-icalendar python3-vobject  # independent feed checks in tests and CI
  python3-venv    # the consumer matrix's PyPI consumers (scripts/feed-matrix.sh) go into a venv
  calcurse        # a real calendar program the feed tests import calendar.ics into
  cmark-gfm       # renders the project board in tests, as GitHub would
  libsqlite3-dev  # the cache of earlier runs (GRDB)
  libjemalloc-dev # the allocator the almanac program links on Linux (faster than glibc malloc on both cores)
)

# ruby-icalendar is one of the consumer matrix's readers; only where the distribution has it (a fresh
# machine's package lists may be empty: they are read first).
if ! dpkg-query -W -f='${Status}' ruby-icalendar 2>/dev/null | grep -q "install ok installed"; then
  if ! ls /var/lib/apt/lists/*Packages* >/dev/null 2>&1; then
    $([ "$(id -u)" -ne 0 ] && echo sudo) apt-get update -qq || true
  fi
  if apt-cache policy ruby-icalendar 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    packages+=(ruby ruby-icalendar)
  fi
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
