#!/usr/bin/python3
"""Parses .ics files with python3-icalendar (Debian) and prints one line per event.

    /usr/bin/python3 scripts/check-feeds.py public/*.ics

Exits non-zero when a file does not parse, has no VCALENDAR, or an event lacks UID, DTSTAMP or DTSTART.
"""
import sys

import icalendar

status = 0
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except Exception as error:  # noqa: BLE001 - any parse failure is a finding
        print(f"{path}: error: python3-icalendar cannot parse it: {error}")
        status = 1
        continue
    events = list(calendar.walk("VEVENT"))
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if required not in event:
                print(f"{path}: error: event {event.get('UID')} has no {required}")
                status = 1
        print(f"{path}: {event.get('UID')} {event.decoded('DTSTART')} {event.get('SUMMARY')}")
    print(f"{path}: ok, {len(events)} events")
sys.exit(status)
