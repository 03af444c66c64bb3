import AlmanacCore

/// Turns what the grammar recognised into dates, against the reference date and the sentence's tense.
enum Resolver {
    typealias Tense = TemporalExpression.Tense

    static func resolve(_ c: Candidate, reference ref: CivilDate?, tense: Tense, dayFirst: Bool) -> (When, DateParts)? {
        guard let (resolved, inferred) = resolveDate(c.shape, weekday: c.weekday, reference: ref, tense: tense, dayFirst: dayFirst)
        else { return nil }
        var when = resolved
        if let time = c.time {
            guard when.precision == .day || when.precision == .datetime, when.end == nil || when.end == when.start,
                let start = TimeOfDay(hour: time.start.hour, minute: time.start.minute)
            else { return (when, inferred) }
            when.precision = .datetime
            when.startTime = start
            when.end = nil
            if let end = time.end, let endTime = TimeOfDay(hour: end.hour, minute: end.minute) {
                when.endTime = endTime
                // "5:30pm to 1am": an end before the start is on the next day.
                if endTime < start, let day = when.start { when.end = day.adding(days: 1) }
            }
            if let index = time.zone {
                let zone = Lexicon.zone(index)
                var name = zone.name
                var offset = zone.offset
                if let extra = time.offset, let base = offset {
                    offset = base + extra
                    name += extra >= 0 ? "+\(extra / 60)" : "-\(-extra / 60)"
                    if extra % 60 != 0 { name += ":\(CivilDateText.pad(abs(extra) % 60))" }
                }
                when.zone = Zone(name: name, utcOffsetMinutes: offset, tzid: zone.tzid)
            } else if let tzid = time.tzid {
                when.zone = Zone(name: tzid, tzid: tzid)
            }
        }
        return (when, inferred)
    }

    static func resolveDate(_ shape: Shape, weekday: Int?, reference ref: CivilDate?, tense: Tense, dayFirst: Bool)
        -> (When, DateParts)?
    {
        switch shape {
        case .date(let year, let month, let day):
            if let year {
                guard let date = CivilDate(year: year, month: month, day: day) else { return nil }
                return (.day(date), [])
            }
            guard let ref, let date = inferYear(month: month, day: day, weekday: weekday, ref: ref, tense: tense) else {
                return nil
            }
            return (.day(date), [.year])

        case .dayRange(let year, let month, let day, let endYear, let endMonth, let endDay):
            let start: CivilDate
            var inferred: DateParts = []
            if let year {
                guard let date = CivilDate(year: year, month: month, day: day) else { return nil }
                start = date
            } else {
                guard let ref, let date = inferYear(month: month, day: day, weekday: weekday, ref: ref, tense: tense) else {
                    return nil
                }
                start = date
                inferred = [.year]
            }
            var endY = endYear ?? start.year
            if endYear == nil || (year == nil && endYear != nil), endMonth < month { endY = start.year + 1 }
            if let endYear, year != nil || endMonth >= month { endY = endYear }
            guard let end = CivilDate(year: endY, month: endMonth, day: endDay), end > start,
                end.dayNumber - start.dayNumber <= 366
            else { return nil }
            return (When(start: start, end: end, precision: .day), inferred)

        case .month(let year, let month, let part):
            _ = part
            if let year {
                return (When(start: CivilDate(year: year, month: month, day: 1)!, precision: .month), [])
            }
            guard let ref else { return nil }
            return (When(start: inferMonth(month, ref: ref, tense: tense), precision: .month), [.year])

        case .monthRange(let year, let month, let endYear, let endMonth):
            let start: CivilDate
            var inferred: DateParts = []
            if let year {
                start = CivilDate(year: year, month: month, day: 1)!
            } else {
                guard let ref else { return nil }
                start = inferMonth(month, ref: ref, tense: tense)
                inferred = [.year]
            }
            var endY = endYear ?? start.year
            if endYear == nil, endMonth < month { endY += 1 }
            // Past 9999 near the calendar's end ("late April or early May" on 9999-12-31): reported, never a trap.
            let end = CivilDate(anyYear: endY, month: endMonth, day: 1)
            guard end > start, end.year - start.year <= 1 else { return nil }
            return (When(start: start, end: end, precision: .month), inferred)

        case .quarter(let year, let quarter):
            var y = year
            var inferred: DateParts = []
            if y == nil {
                guard let ref else { return nil }
                let current = (ref.month - 1) / 3 + 1
                y = ref.year
                if tense != .past, quarter < current - 1 { y = ref.year + 1 }
                if tense == .past, quarter > current { y = ref.year - 1 }
                inferred = [.year]
            }
            let start = CivilDate(anyYear: y!, month: quarter * 3 - 2, day: 1)
            let end = CivilDate(anyYear: y!, month: quarter * 3, day: 1)
            return (When(start: start, end: end, precision: .quarter), inferred)

        case .year(let year):
            return (When(start: CivilDate(year: year, month: 1, day: 1)!, precision: .year), [])

        case .numeric(let first, let second, let year):
            let readings = dayFirst ? [(second, first), (first, second)] : [(first, second), (second, first)]
            var fallback: (When, DateParts)?
            for (month, day) in readings where (1...12).contains(month) {
                let result: (When, DateParts)?
                if let year {
                    result = CivilDate(year: year, month: month, day: day).map { (When.day($0), []) }
                } else if let ref {
                    result = inferYear(month: month, day: day, weekday: weekday, ref: ref, tense: tense).map { (When.day($0), [.year]) }
                } else {
                    result = nil
                }
                guard let result else { continue }
                // A stated weekday picks the reading it agrees with.
                if let weekday, result.0.start?.weekday.rawValue != weekday {
                    if fallback == nil { fallback = result }
                    continue
                }
                return result
            }
            return fallback

        case .ordinalDay(let day):
            guard let ref else { return nil }
            if let weekday {
                // "Wednesday the 11th": the nearest month whose 11th is a Wednesday.
                for delta in [0, 1, -1, 2, -2, 3, -3] {
                    let month = ref.firstOfMonth.adding(months: delta)
                    if let date = CivilDate(year: month.year, month: month.month, day: day), date.weekday.rawValue == weekday {
                        return (.day(date), [.year, .month])
                    }
                }
            }
            let candidates = [-1, 0, 1, 2].compactMap { delta -> CivilDate? in
                let month = ref.firstOfMonth.adding(months: delta)
                return CivilDate(year: month.year, month: month.month, day: day)
            }
            let chosen: CivilDate?
            if tense == .past {
                chosen = candidates.last { $0 <= ref }
            } else {
                chosen = candidates.first { $0 >= ref }
            }
            guard let chosen else { return nil }
            return (.day(chosen), [.year, .month])

        case .weekday(let day, let modifier):
            guard let ref else { return nil }
            let target = day
            let current = ref.weekday.rawValue
            let date: CivilDate
            switch modifier {
            case 0?: date = ref.startOfWeek.adding(days: target - 1)
            case 1?: date = ref.startOfWeek.adding(days: 7 + target - 1)
            case .some(-1): date = ref.adding(days: -((current - target + 6) % 7 + 1))
            case 2?: date = ref.adding(days: (target - current + 6) % 7 + 1)
            default:
                if tense == .past {
                    date = ref.adding(days: -((current - target + 6) % 7 + 1))
                } else {
                    date = ref.adding(days: (target - current + 6) % 7 + 1)
                }
            }
            return (.day(date), [.year, .month, .day])

        case .dayOffset(let offset):
            guard let ref else { return nil }
            return (.day(ref.adding(days: offset)), [.year, .month, .day])

        case .unitOffset(let unit, let offset):
            guard let ref else { return nil }
            return (period(unit, offset: offset, ref: ref), [.year, .month, .day])

        case .shift(let amount, let unit, let direction, let vague):
            guard let ref, amount <= 1000 else { return nil }
            let n = amount * direction
            switch unit {
            case .day: return (.day(ref.adding(days: n)), [.year, .month, .day])
            case .week, .fortnight:
                let date = ref.adding(days: n * (unit == .week ? 7 : 14))
                if vague { return (When(start: date.firstOfMonth, precision: .month), [.year, .month, .day]) }
                return (.day(date), [.year, .month, .day])
            case .month: return (When(start: ref.firstOfMonth.adding(months: n), precision: .month), [.year, .month])
            case .quarter: return (When(start: ref.firstOfMonth.adding(months: 3 * n), precision: .month), [.year, .month])
            case .year:
                guard let date = CivilDate(year: ref.year + n, month: 1, day: 1) else { return nil }
                return (When(start: date, precision: .year), [.year])
            case .weekend: return nil
            }

        case .vaguePeriod(let unit, let offset):
            guard let ref else { return nil }
            return (period(unit, offset: offset, ref: ref), [.year, .month, .day])

        case .partOf(let part, let unit, let offset):
            guard let ref else { return nil }
            switch unit {
            case .week:
                let monday = ref.startOfWeek.adding(days: 7 * offset)
                if part == .end { return (.day(monday.adding(days: 4)), [.year, .month, .day]) }
                if part == .beginning { return (.day(monday), [.year, .month, .day]) }
                return (When(start: monday, end: monday.adding(days: 6), precision: .week), [.year, .month, .day])
            case .month:
                return (When(start: ref.firstOfMonth.adding(months: offset), precision: .month), [.year, .month])
            case .year:
                let year = ref.year + offset
                switch part {
                case .end, .late: return (When(start: CivilDate(anyYear: year, month: 12, day: 1), precision: .month), [.year, .month])
                case .beginning, .early: return (When(start: CivilDate(anyYear: year, month: 1, day: 1), precision: .month), [.year, .month])
                case .mid: return (When(start: CivilDate(anyYear: year, month: 1, day: 1), precision: .year), [.year])
                }
            default:
                return nil
            }

        case .weekOf(let inner):
            guard let (when, inferred) = resolveDate(inner, weekday: weekday, reference: ref, tense: tense, dayFirst: dayFirst),
                let day = when.start, when.precision == .day
            else { return nil }
            let monday = day.startOfWeek
            return (When(start: monday, end: monday.adding(days: 6), precision: .week), inferred)

        case .timeOnly:
            guard let ref else { return nil }
            return (.day(ref), [.year, .month, .day])

        case .impossible:
            return (.undated, [])
        }
    }

    /// A week, weekend, month, quarter or year `offset` periods from the reference date's.
    static func period(_ unit: Unit, offset: Int, ref: CivilDate) -> When {
        switch unit {
        case .day: return .day(ref.adding(days: offset))
        case .week, .fortnight:
            let monday = ref.startOfWeek.adding(days: 7 * offset)
            return When(start: monday, end: monday.adding(days: 6), precision: .week)
        case .weekend:
            var weeks = offset
            if offset == 2 { weeks = ref.weekday == .sunday ? 1 : 0 }  // "this coming weekend"
            let saturday = ref.startOfWeek.adding(days: 5 + 7 * weeks)
            return When(start: saturday, end: saturday.adding(days: 1), precision: .day)
        case .month: return When(start: ref.firstOfMonth.adding(months: offset), precision: .month)
        case .quarter:
            let first = CivilDate(anyYear: ref.year, month: (ref.month - 1) / 3 * 3 + 1, day: 1).adding(months: 3 * offset)
            return When(start: first, end: first.adding(months: 2), precision: .quarter)
        case .year: return When(start: CivilDate(anyYear: ref.year + offset, month: 1, day: 1), precision: .year)
        }
    }

    /// The year for a day and month the text gives without one.
    static func inferYear(month: Int, day: Int, weekday: Int?, ref: CivilDate, tense: Tense) -> CivilDate? {
        var candidates = (ref.year - 1...ref.year + 1).compactMap { CivilDate(year: $0, month: month, day: day) }
        if let weekday {
            let agreeing = candidates.filter { $0.weekday.rawValue == weekday }
            if !agreeing.isEmpty { candidates = agreeing }
        }
        guard !candidates.isEmpty else { return nil }
        let r = ref.dayNumber
        switch tense {
        case .future:
            return candidates.first { $0.dayNumber >= r - 14 } ?? candidates.last
        case .past:
            return candidates.last { $0.dayNumber <= r + 14 } ?? candidates.first
        case .neutral:
            return candidates.min { a, b in
                let da = abs(a.dayNumber - r)
                let db = abs(b.dayNumber - r)
                return da == db ? a > b : da < db
            }
        }
    }

    /// The year for a month the text gives without one.
    static func inferMonth(_ month: Int, ref: CivilDate, tense: Tense) -> CivilDate {
        let current = ref.year * 12 + ref.month - 1
        let candidates = (ref.year - 1...ref.year + 1).map { $0 * 12 + month - 1 }
        let chosen: Int
        switch tense {
        case .future: chosen = candidates.first { $0 >= current } ?? candidates.last!
        case .past: chosen = candidates.last { $0 <= current } ?? candidates.first!
        case .neutral:
            // A month named alone is more often ahead ("a meeting in November", said in February) than
            // behind, unless it is one of the last two.
            chosen = candidates.first { $0 >= current - 2 }!
        }
        return CivilDate(anyYear: chosen / 12, month: chosen % 12 + 1, day: 1)
    }
}

enum CivilDateText {
    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
