#!/usr/bin/python3
"""Parses .ics files with python3-icalendar AND python3-vobject (Debian) and prints one line per event.

    /usr/bin/python3 scripts/check-feeds.py public/*.ics

For each file it prints one line per event, `PATH: UID DTSTART SUMMARY` (DTSTART as python3-icalendar
reads it: 2016-01-22 for a day, 2016-01-22T10:00:00Z for an instant, in UTC, 2016-01-22T10:00:00 for a
floating time), then `PATH: ok, N events (...)`.

Exits 1 when any file:
  - cannot be read, or either library cannot parse it (python3-icalendar's collected property errors count),
  - has no VCALENDAR, or an event lacks UID, DTSTAMP or DTSTART (per either library),
  - has a DTSTART or DTEND that is not a date or date-time,
  - repeats a UID, or the two libraries disagree on the events (their UIDs, DTSTART, DTEND or SUMMARY).
Exits 3 (and says `not installed`) when python3-icalendar or python3-vobject is missing; .ci/run installs both.
Exits 2 when no file is given.
"""
import datetime
import re
import sys

try:
    import icalendar
    import vobject
except ImportError as error:
    print(f"check-feeds: {error.name or error} is not installed (Debian: python3-icalendar python3-vobject)")
    sys.exit(3)

REQUIRED = ("UID", "DTSTAMP", "DTSTART")
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z?)?")


def moment(value):
    """A DTSTART/DTEND as comparable text: a day, a floating local time, or the instant in UTC."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return repr(value)


def by_icalendar(path, raw, errors):
    """Events as (uid, dtstart, dtend, summary) read by python3-icalendar."""
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except Exception as error:  # noqa: BLE001 - any parse failure is a finding
        errors.append(f"python3-icalendar cannot parse it: {error}")
        return None
    if calendar.name != "VCALENDAR":
        errors.append(f"python3-icalendar: the top component is {calendar.name}, not VCALENDAR")
        return None
    events = []
    for component in calendar.walk():
        # from_ical keeps going past a bad property and lists it in `errors`; that is a finding too.
        for name, message in getattr(component, "errors", []):
            errors.append(f"python3-icalendar: {component.name} property {name}: {message}")
    for event in calendar.walk("VEVENT"):
        for required in REQUIRED:
            if required not in event:
                errors.append(f"python3-icalendar: event {event.get('UID')} has no {required}")
        try:
            start = event.decoded("DTSTART") if "DTSTART" in event else None
            end = event.decoded("DTEND") if "DTEND" in event else None
        except Exception as error:  # noqa: BLE001
            errors.append(f"python3-icalendar: event {event.get('UID')}: cannot decode DTSTART/DTEND: {error}")
            start = end = None
        uid = str(event["UID"]) if "UID" in event else None
        summary = str(event["SUMMARY"]) if "SUMMARY" in event else None
        events.append((uid, moment(start), moment(end), summary))
    return events


def by_vobject(path, text, errors):
    """Events as (uid, dtstart, dtend, summary) read by python3-vobject, with its validation on."""
    try:
        components = list(vobject.readComponents(text, validate=True))
    except Exception as error:  # noqa: BLE001
        errors.append(f"python3-vobject cannot parse it: {error}")
        return None
    if len(components) != 1 or components[0].name != "VCALENDAR":
        errors.append(f"python3-vobject: expected one VCALENDAR, found {[c.name for c in components]}")
        return None
    events = []
    for event in components[0].contents.get("vevent", []):
        for required in REQUIRED:
            if required.lower() not in event.contents:
                errors.append(f"python3-vobject: event {getattr(event, 'uid', None)} has no {required}")

        def value(name):
            line = event.contents.get(name)
            return line[0].value if line else None

        try:
            events.append((value("uid"), moment(value("dtstart")), moment(value("dtend")), value("summary")))
        except Exception as error:  # noqa: BLE001
            errors.append(f"python3-vobject: cannot read an event: {error}")
    return events


def check(path):
    """Prints the events of one file and its problems; returns True when it has none."""
    errors = []
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: error: cannot read it as UTF-8: {error}")
        return False
    first = by_icalendar(path, raw, errors)
    second = by_vobject(path, text, errors)
    if first is not None:
        uids = [event[0] for event in first]
        repeated = sorted({uid for uid in uids if uid is not None and uids.count(uid) > 1})
        if repeated:
            errors.append(f"UIDs used by more than one event: {', '.join(repeated)}")
        for uid, start, end, summary in first:
            print(f"{path}: {uid} {start} {summary}")
            for name, value in (("DTSTART", start), ("DTEND", end)):
                if value is not None and not MOMENT.fullmatch(value):
                    errors.append(f"event {uid}: {name} is not a date or a date-time: {value}")
    if first is not None and second is not None:
        # The same events, whichever library reads them (times compared as instants in UTC).
        if sorted(map(repr, first)) != sorted(map(repr, second)):
            only_first = sorted(set(map(repr, first)) - set(map(repr, second)))
            only_second = sorted(set(map(repr, second)) - set(map(repr, first)))
            errors.append(f"python3-icalendar and python3-vobject disagree: {only_first} vs {only_second}")
    for error in errors:
        print(f"{path}: error: {error}")
    if errors:
        return False
    print(f"{path}: ok, {len(first)} events (python3-icalendar {icalendar.__version__} and python3-vobject agree)")
    return True


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[2].strip())
        return 2
    results = [check(path) for path in paths]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
