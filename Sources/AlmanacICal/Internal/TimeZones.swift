internal import CLibical
import AlmanacCore

/// VTIMEZONE components built from libical's zone data, but written by Almanac: the TZID is the
/// plain IANA name (no `/freeassociation.sourceforge.net/` prefix) and only the transitions of the
/// years a feed uses are listed.
enum TimeZones {
    /// The zone's UTC offset in seconds at a UTC instant, and whether daylight saving applies.
    static func offset(_ zone: OpaquePointer, dayNumber: Int, minute: Int) -> (Int, Bool) {
        let date = CivilDate(dayNumber: dayNumber)
        var t = icaltimetype()
        t.year = Int32(date.year)
        t.month = Int32(date.month)
        t.day = Int32(date.day)
        t.hour = Int32(minute / 60)
        t.minute = Int32(minute % 60)
        t.zone = icaltimezone_get_utc_timezone()
        var daylight: Int32 = 0
        let seconds = icaltimezone_get_utc_offset_of_utc_time(zone, &t, &daylight)
        return (Int(seconds), daylight != 0)
    }

    static func zone(_ tzid: String) -> OpaquePointer? {
        icaltimezone_get_builtin_timezone(tzid)
    }

    /// The UTC instant (date, minute of day) of a wall-clock time in `tzid`, or nil for an unknown zone.
    static func utc(_ date: CivilDate, _ time: TimeOfDay, tzid: String) -> (CivilDate, TimeOfDay)? {
        guard let zone = zone(tzid) else { return nil }
        let local = date.dayNumber * 1440 + time.minutesSinceMidnight
        // The offset at the local time read as UTC is right except within hours of a transition;
        // one correction step settles it.
        var (offset, _) = offset(zone, dayNumber: local / 1440, minute: local % 1440)
        let guess = local - offset / 60
        (offset, _) = self.offset(zone, dayNumber: guess / 1440, minute: ((guess % 1440) + 1440) % 1440)
        let instant = local - offset / 60
        let day = Int((Double(instant) / 1440).rounded(.down))
        let minute = instant - day * 1440
        return (CivilDate(dayNumber: day), TimeOfDay(hour: minute / 60, minute: minute % 60)!)
    }

    /// A change of offset: its UTC instant (minutes since 1970), the offsets around it (seconds), and
    /// whether daylight saving applies after it.
    struct Transition: Equatable {
        var instant: Int
        var from: Int
        var to: Int
        var daylight: Bool

        /// The wall-clock time it happens at, in the offset before it (what an observance's DTSTART holds).
        var local: Int { instant + from / 60 }
    }

    /// Every transition of `zone` from the start of `years`' first year to the end of its last, each
    /// found to the minute.
    static func transitions(_ zone: OpaquePointer, years: ClosedRange<Int>) -> (initial: (Int, Bool), [Transition]) {
        guard let first = CivilDate(year: years.lowerBound, month: 1, day: 1),
            let last = CivilDate(year: years.upperBound, month: 12, day: 31)
        else { return ((0, false), []) }
        let initial = offset(zone, dayNumber: first.dayNumber, minute: 0)
        var current = initial.0
        var transitions: [Transition] = []
        for day in first.dayNumber...last.dayNumber {
            let (next, nextDaylight) = offset(zone, dayNumber: day + 1, minute: 0)
            guard next != current else { continue }
            // The minute of change within the day, by bisection.
            var lo = day * 1440
            var hi = (day + 1) * 1440
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                let (value, _) = offset(zone, dayNumber: mid / 1440, minute: mid % 1440)
                if value == current { lo = mid } else { hi = mid }
            }
            transitions.append(Transition(instant: hi, from: current, to: next, daylight: nextDaylight))
            current = next
        }
        return (initial, transitions)
    }

    /// A VTIMEZONE for `tzid` covering `years`, or nil when libical does not know the zone.
    ///
    /// Each observance (STANDARD, DAYLIGHT) is one component with a yearly RRULE ("the last Sunday of
    /// March at 01:00") when the zone's rule is stable over the years, as calendar programs expect
    /// (ruby-icalendar fails and Outlook guesses on a list of dated transitions). The rules start in the
    /// year before the first year used, so every time in the feed follows an occurrence of each
    /// observance, and they end (UNTIL) only when the zone stops observing them within the years. A
    /// rule that changes within the years (a zone that moved its dates) is written as its dates (RDATE).
    static func component(for tzid: String, years: ClosedRange<Int>) -> Component? {
        guard let zone = zone(tzid) else { return nil }
        let scanned = (years.lowerBound - 1)...years.upperBound
        let (initial, transitions) = self.transitions(zone, years: scanned)
        var vtimezone = Component(ICAL_VTIMEZONE_COMPONENT)
        vtimezone.add(icalproperty_new_tzid(tzid))
        guard !transitions.isEmpty else {
            let start = (CivilDate(year: scanned.lowerBound, month: 1, day: 1)?.dayNumber ?? 0) * 1440
            vtimezone.add(observance(daylight: initial.1, localStart: start, from: initial.0, to: initial.0))
            return vtimezone
        }
        // One observance per kind of change (to daylight or standard time, between the same offsets), in
        // the order each kind first happens.
        var kinds: [(from: Int, to: Int, daylight: Bool)] = []
        for transition in transitions where !kinds.contains(where: { $0 == (transition.from, transition.to, transition.daylight) }) {
            kinds.append((transition.from, transition.to, transition.daylight))
        }
        for kind in kinds {
            let dates = transitions.filter { ($0.from, $0.to, $0.daylight) == kind }
            var component = observance(daylight: kind.daylight, localStart: dates[0].local, from: kind.from, to: kind.to)
            if let rule = yearlyRule(dates, lastYear: scanned.upperBound) {
                component.add(icalproperty_new_rrule(icalrecurrencetype_from_string(rule)))
            } else {
                for date in dates.dropFirst() {
                    var period = icaldatetimeperiodtype()
                    period.time = localTime(date.local)
                    period.period = icalperiodtype_null_period()
                    component.add(icalproperty_new_rdate(period))
                }
            }
            vtimezone.add(component)
        }
        return vtimezone
    }

    /// The RRULE that gives exactly `dates` (one a year, on the same weekday of the same week of the same
    /// month, at the same time), ending with the last of them when the zone stops there before
    /// `lastYear`; nil when they follow no such rule.
    static func yearlyRule(_ dates: [Transition], lastYear: Int) -> String? {
        let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        var rule: (month: Int, byday: String, minute: Int)?
        var year: Int?
        for date in dates {
            let day = CivilDate(dayNumber: date.local / 1440)
            guard year == nil || day.year == year! + 1 else { return nil }
            year = day.year
            let length = CivilDate(year: day.year, month: day.month, day: 1).map { first in
                (CivilDate(year: day.month == 12 ? day.year + 1 : day.year, month: day.month % 12 + 1, day: 1)?.dayNumber ?? 0) - first.dayNumber
            } ?? 31
            let weekday = weekdays[((day.dayNumber % 7) + 7 + 3) % 7]
            let week = day.day + 7 > length ? "-1" : "\((day.day - 1) / 7 + 1)"
            let this = (day.month, week + weekday, date.local % 1440)
            guard rule == nil || rule! == this else { return nil }
            rule = this
        }
        guard let rule, dates.count > 1 else { return dates.count == 1 ? "FREQ=YEARLY;COUNT=1" : nil }
        var text = "FREQ=YEARLY;BYMONTH=\(rule.month);BYDAY=\(rule.byday)"
        if let year, year < lastYear, let last = dates.last {
            let day = CivilDate(dayNumber: last.instant / 1440)
            let minute = last.instant % 1440
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            text += ";UNTIL=\(day.year)\(two(day.month))\(two(day.day))T\(two(minute / 60))\(two(minute % 60))00Z"
        }
        return text
    }

    static func localTime(_ localStart: Int) -> icaltimetype {
        let date = CivilDate(dayNumber: localStart / 1440)
        var t = icaltimetype()
        t.year = Int32(date.year)
        t.month = Int32(date.month)
        t.day = Int32(date.day)
        t.hour = Int32(localStart % 1440 / 60)
        t.minute = Int32(localStart % 60)
        return t
    }

    static func observance(daylight: Bool, localStart: Int, from: Int, to: Int) -> Component {
        var component = Component(daylight ? ICAL_XDAYLIGHT_COMPONENT : ICAL_XSTANDARD_COMPONENT)
        component.add(icalproperty_new_dtstart(localTime(localStart)))
        component.add(icalproperty_new_tzoffsetfrom(Int32(from)))
        component.add(icalproperty_new_tzoffsetto(Int32(to)))
        return component
    }
}
