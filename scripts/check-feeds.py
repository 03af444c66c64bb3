#!/usr/bin/env python3
"""The consumer matrix: reads .ics files with seven iCalendar consumers and checks they all read the same events.

    scripts/feed-matrix.sh                      # sets up the consumers, collects every corpus, runs this
    .build/consumers/venv/bin/python scripts/check-feeds.py [--table] public/*.ics

Consumers: icalendar, vobject (validating), ics (ics.py), icalevents, ical (Home Assistant's),
recurring-ical-events (from PyPI, pinned in scripts/consumers.txt) and ruby-icalendar (Debian's
ruby-icalendar, through scripts/check-feeds.rb; skipped with a note when `ruby` or the gem is missing).

Each consumer reads each file into events (UID, DTSTART, DTEND, SUMMARY), times as comparable text:
2016-01-22 for a day, 2016-01-22T10:00:00Z for an instant (in UTC), 2016-01-22T10:00:00 for a
floating time. python-icalendar's reading is the reference; every other consumer must give exactly the
same events (the same UIDs, at the same instants, with the same titles).

For each file it prints `PATH: UID DTSTART SUMMARY` per event, then `PATH: ok, N events (7 consumers agree)`
or `PATH: error: ...` per problem. With --table it ends with a Markdown table, one row per consumer.

Exits 1 when any file:
  - cannot be read as UTF-8, or a consumer cannot read it (python-icalendar's collected property errors count),
  - has no VCALENDAR, or an event lacks UID, DTSTAMP or DTSTART,
  - has a DTSTART or DTEND that is not a date or date-time, or repeats a UID,
  - is read differently by any consumer.
Exits 3 when a Python consumer is not installed (scripts/feed-matrix.sh installs them), 2 when no file is given.
"""
import datetime
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import warnings

warnings.filterwarnings("ignore")

try:
    import icalendar
    import ics
    import recurring_ical_events
    import vobject
    from ical.calendar_stream import IcsCalendarStream
    from icalevents import icalevents
except ImportError as error:
    print(f"check-feeds: {error.name or error} is not installed (run scripts/feed-matrix.sh, or pip install -r scripts/consumers.txt)")
    sys.exit(3)

REQUIRED = ("UID", "DTSTAMP", "DTSTART")
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z?)?")
RANGE = (datetime.datetime(1900, 1, 1, tzinfo=datetime.timezone.utc), datetime.datetime(2200, 1, 1, tzinfo=datetime.timezone.utc))
HERE = os.path.dirname(os.path.abspath(__file__))


def moment(value):
    """A DTSTART/DTEND as comparable text: a day, a floating local time, or the instant in UTC."""
    if value is None:
        return None
    if hasattr(value, "datetime"):  # arrow (ics.py)
        value = value.datetime
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return repr(value)


def day(value):
    """An all-day start or end as a date, whatever type the consumer gives it as (midnight in some zone)."""
    if value is None:
        return None
    if hasattr(value, "datetime"):
        value = value.datetime
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return value.isoformat()


def text(value):
    return None if value is None else str(value)


# MARK: - The consumers: each returns [(uid, start, end, summary)] or raises.


def by_icalendar(raw, problems):
    calendar = icalendar.Calendar.from_ical(raw)
    if calendar.name != "VCALENDAR":
        raise ValueError(f"the top component is {calendar.name}, not VCALENDAR")
    for component in calendar.walk():
        # from_ical keeps going past a bad property and lists it in `errors`; that is a finding too.
        for name, message in getattr(component, "errors", []):
            problems.append(f"icalendar: {component.name} property {name}: {message}")
    events = []
    for event in calendar.walk("VEVENT"):
        for required in REQUIRED:
            if required not in event:
                problems.append(f"icalendar: event {event.get('UID')} has no {required}")
        start = event.decoded("DTSTART") if "DTSTART" in event else None
        end = event.decoded("DTEND") if "DTEND" in event else None
        events.append((text(event.get("UID")), moment(start), moment(end), text(event.get("SUMMARY"))))
    return events


def by_vobject(raw, problems):
    # vobject keeps the first VTIMEZONE it reads for a TZID for the rest of the process; each feed trims
    # its zones to its own years, so each feed is read as a client reads it: on its own.
    vobject.icalendar.__dict__["__tzidMap"].clear()
    components = list(vobject.readComponents(raw.decode("utf-8"), validate=True))
    if len(components) != 1 or components[0].name != "VCALENDAR":
        raise ValueError(f"expected one VCALENDAR, found {[c.name for c in components]}")
    events = []
    for event in components[0].contents.get("vevent", []):
        for required in REQUIRED:
            if required.lower() not in event.contents:
                problems.append(f"vobject: event {getattr(event, 'uid', None)} has no {required}")

        def value(name):
            line = event.contents.get(name)
            return line[0].value if line else None

        events.append((value("uid"), moment(value("dtstart")), moment(value("dtend")), value("summary")))
    return events


def by_ics(raw, problems):
    calendar = ics.Calendar(raw.decode("utf-8"))
    events = []
    for event in calendar.events:
        if event.all_day:
            start, end = day(event.begin), day(event.end)
        else:
            start, end = moment(event.begin), moment(event.end)
        events.append((event.uid, start, end, event.name))
    return events


def by_icalevents(raw, problems):
    events = []
    for event in icalevents.events(string_content=raw, start=RANGE[0], end=RANGE[1]):
        if event.all_day:
            start, end = day(event.start), day(event.end)
        else:
            start, end = moment(event.start), moment(event.end)
        events.append((event.uid, start, end, event.summary))
    return events


def by_ical(raw, problems):
    calendar = IcsCalendarStream.calendar_from_ics(raw.decode("utf-8"))
    return [(event.uid, moment(event.dtstart), moment(event.dtend), event.summary) for event in calendar.events]


def by_recurring(raw, problems):
    calendar = icalendar.Calendar.from_ical(raw)
    events = []
    for event in recurring_ical_events.of(calendar).between(RANGE[0].date(), RANGE[1].date()):
        end = event.decoded("DTEND") if "DTEND" in event else None
        events.append((text(event.get("UID")), moment(event.decoded("DTSTART")), moment(end), text(event.get("SUMMARY"))))
    return events


PYTHON = [
    ("icalendar", "icalendar", by_icalendar),
    ("vobject", "vobject", by_vobject),
    ("ics", "ics", by_ics),
    ("icalevents", "icalevents", by_icalevents),
    ("ical", "ical", by_ical),
    ("recurring-ical-events", "recurring-ical-events", by_recurring),
]


def ruby_reading(paths):
    """ruby-icalendar's reading of every file, by path; None when ruby or the gem is missing."""
    ruby = shutil.which("ruby")
    if ruby is None:
        return None, None
    probe = subprocess.run([ruby, "-e", "require 'icalendar'; puts Icalendar::VERSION"], capture_output=True, text=True)
    if probe.returncode != 0:
        return None, None
    result = subprocess.run([ruby, os.path.join(HERE, "check-feeds.rb"), *paths], capture_output=True, text=True)
    readings = {}
    for line in result.stdout.splitlines():
        entry = json.loads(line)
        readings[entry["path"]] = entry
    return probe.stdout.strip(), readings


def check(path, ruby, stats):
    """Prints the events of one file and its problems; returns True when it has none."""
    problems = []
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: error: cannot read it as UTF-8: {error}")
        return False
    readings = {}
    for name, _, read in PYTHON:
        try:
            readings[name] = read(raw, problems)
        except Exception as error:  # noqa: BLE001 - any failure to read is a finding
            problems.append(f"{name} cannot read it: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
            stats[name]["failed"] += 1
    if ruby is not None:
        entry = ruby.get(path, {"error": "no output"})
        if "error" in entry:
            problems.append(f"ruby-icalendar cannot read it: {entry['error']}")
            stats["ruby-icalendar"]["failed"] += 1
        else:
            readings["ruby-icalendar"] = [tuple(event) for event in entry["events"]]
    reference = readings.get("icalendar")
    if reference is not None:
        uids = [event[0] for event in reference]
        repeated = sorted({uid for uid in uids if uid is not None and uids.count(uid) > 1})
        if repeated:
            problems.append(f"UIDs used by more than one event: {', '.join(repeated)}")
        for uid, start, end, summary in reference:
            print(f"{path}: {uid} {start} {summary}")
            for name, value in (("DTSTART", start), ("DTEND", end)):
                if value is not None and not MOMENT.fullmatch(value):
                    problems.append(f"event {uid}: {name} is not a date or a date-time: {value}")
        expected = sorted(map(repr, reference))
        for name, events in readings.items():
            stats[name]["feeds"] += 1
            stats[name]["events"] += len(events)
            if name == "icalendar":
                continue
            got = sorted(map(repr, events))
            if got != expected:
                stats[name]["disagreements"] += 1
                only_reference = sorted(set(expected) - set(got))[:3]
                only_consumer = sorted(set(got) - set(expected))[:3]
                problems.append(f"{name} reads it differently from icalendar: {only_reference} vs {only_consumer}")
    for problem in problems:
        print(f"{path}: error: {problem}")
    if problems:
        return False
    print(f"{path}: ok, {len(reference)} events ({len(readings)} consumers agree)")
    return True


def main(arguments):
    table = "--table" in arguments
    paths = [argument for argument in arguments if argument != "--table"]
    if not paths:
        print(__doc__.strip().splitlines()[3].strip())
        return 2
    ruby_version, ruby = ruby_reading(paths)
    consumers = [(name, importlib.metadata.version(package)) for name, package, _ in PYTHON]
    if ruby is not None:
        consumers.append(("ruby-icalendar", ruby_version))
    else:
        print("check-feeds: note: ruby-icalendar is not installed (Debian: ruby ruby-icalendar); its column is skipped")
    stats = {name: {"feeds": 0, "events": 0, "failed": 0, "disagreements": 0} for name, _ in consumers}
    results = [check(path, ruby, stats) for path in paths]
    if table:
        print()
        print("| consumer | version | feeds read | events | result |")
        print("|---|---|---|---|---|")
        for name, version in consumers:
            s = stats[name]
            wrong = s["failed"] + s["disagreements"]
            result = "reference" if name == "icalendar" and not s["failed"] else ("same events" if not wrong else
                f"{s['failed']} unreadable, {s['disagreements']} read differently")
            print(f"| {name} | {version} | {s['feeds']} of {len(paths)} | {s['events']} | {result} |")
    print(f"check-feeds: {sum(results)} of {len(paths)} feeds read alike by {len(consumers)} consumers")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
