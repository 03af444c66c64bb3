/// What the grammar recognised, before it is resolved against the reference date.
indirect enum Shape {
    /// A day; `year` nil when the text gives none.
    case date(year: Int?, month: Int, day: Int)
    /// Days from one date to another ("Dec 19-21", "30 Dec - 2 Jan 2016").
    case dayRange(year: Int?, month: Int, day: Int, endYear: Int?, endMonth: Int, endDay: Int)
    /// A month, maybe qualified ("mid-February", "end of January").
    case month(year: Int?, month: Int, part: Part?)
    /// "March/April", "late April or early May".
    case monthRange(year: Int?, month: Int, endYear: Int?, endMonth: Int)
    case quarter(year: Int?, quarter: Int)
    case year(Int)
    /// "10/1", "9/16/2016": month/day or day/month, decided at resolution.
    case numeric(first: Int, second: Int, year: Int?)
    /// "the 21st".
    case ordinalDay(Int)
    /// "Monday", "next Wednesday": modifier nil (bare), 0 this, 1 next, -1 last, 2 coming.
    case weekday(Int, modifier: Int?)
    /// today 0, tomorrow 1, yesterday -1.
    case dayOffset(Int)
    /// "next week", "last month", "this year".
    case unitOffset(Unit, Int)
    /// "in two weeks" (+), "3 days ago" (-).
    case shift(amount: Int, unit: Unit, direction: Int, vague: Bool)
    /// "later in the year", "later this month".
    case vaguePeriod(Unit, Int)
    /// "end of next week", "early next month".
    case partOf(Part, Unit, Int)
    /// "the week of 19 May".
    case weekOf(Shape)
    /// A time with no date ("at 4pm").
    case timeOnly
    /// Words written as a date that name no day ("0001-01-01", "1 January 10000", "Dec 32"), and why.
    case impossible(String)
}

struct TimeSpec {
    var start: TimeOfDayValue
    var end: TimeOfDayValue?
    /// Index into ``Lexicon/zones``.
    var zone: Int?
    /// An IANA zone named the IANA way ("10:00 Europe/Lisbon").
    var tzid: String?

    var hasZone: Bool { zone != nil || tzid != nil }
    /// An explicit offset after UTC/GMT ("UTC+1"), minutes.
    var offset: Int?
}

struct TimeOfDayValue {
    var hour: Int
    var minute: Int
}

struct Candidate {
    var first: Int
    var end: Int
    var shape: Shape
    var weekday: Int?
    var time: TimeSpec?
    var stated: DateParts
}

/// A recursive-descent grammar over tokens. Every function takes a token index and returns the
/// match and the index after it, or nil; nothing is consumed on failure.
struct Grammar {
    let tokens: [Token]
    let dayFirst: Bool

    // MARK: - Token tests

    @inline(__always) func word(_ i: Int) -> Token? {
        guard i < tokens.count, tokens[i].kind == .word, !tokens[i].blocked else { return nil }
        return tokens[i]
    }

    @inline(__always) func number(_ i: Int) -> Token? {
        guard i < tokens.count, tokens[i].kind == .number, !tokens[i].blocked else { return nil }
        return tokens[i]
    }

    @inline(__always) func punct(_ i: Int, _ ascii: Unicode.Scalar) -> Bool {
        i < tokens.count && tokens[i].isPunct(ascii)
    }

    @inline(__always) func role(_ i: Int, _ role: Lex.Roles) -> Lex? {
        guard let w = word(i), let lex = w.lex, lex.has(role) else { return nil }
        return lex
    }

    /// A word spelled exactly so (case-insensitive): for the few function words the grammar names.
    /// Inlined where it is asked (dozens of times a token), so that the spelling is a constant and the
    /// length test, which nearly always fails, comes first.
    @inline(__always)
    func isWord(_ i: Int, _ text: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard i < tokens.count else { return false }
        let start = tokens[i].start
        guard tokens[i].end - start == text.utf8CodeUnitCount, tokens[i].kind == .word, !tokens[i].blocked else { return false }
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        for k in 0..<expected.count where (bytes[start + k] | 0x20) != expected[k] { return false }
        return true
    }

    func day(_ i: Int) -> Int? {
        guard let n = number(i), n.digits <= 2, (1...31).contains(n.value) else { return nil }
        return n.value
    }

    func year(_ i: Int) -> Int? {
        guard let n = number(i), n.digits == 4, (1900...2199).contains(n.value), !n.ordinal else { return nil }
        // "2016-17" or "2016.1" are not a year on their own.
        if i + 1 < tokens.count, !tokens[i + 1].spaceBefore, tokens[i + 1].isPunct("-") || tokens[i + 1].isPunct("/"),
            i + 2 < tokens.count, tokens[i + 2].kind == .number, !tokens[i + 2].spaceBefore
        {
            return nil
        }
        return n.value
    }

    /// A month word; ambiguous words ("May", "march", "Jan") only with `strong` context.
    func month(_ i: Int, strong: Bool) -> Int? {
        guard let lex = role(i, .month) else { return nil }
        if lex.has(.ambiguous) || lex.has(.abbreviation) {
            guard strong else { return nil }
            // "may"/"march" in lower case are verbs even beside numbers ("may 2 people").
            if lex.has(.ambiguous), !lex.has(.abbreviation), !tokens[i].capitalized { return nil }
        }
        return lex.value
    }

    /// Index after a month word and an optional abbreviation dot ("Dec.").
    func afterMonth(_ i: Int) -> Int {
        if punct(i + 1, "."), !tokens[i + 1].spaceBefore, role(i, .abbreviation) != nil { return i + 2 }
        return i + 1
    }

    /// Skips a comma.
    func skipComma(_ i: Int) -> Int { punct(i, ",") ? i + 1 : i }

    func isRangeJoiner(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        punct(i, "-") || isWord(i, "to", in: bytes) || isWord(i, "and", in: bytes) || punct(i, "&")
            || isWord(i, "through", in: bytes) || isWord(i, "thru", in: bytes) || isWord(i, "until", in: bytes)
    }

    // MARK: - Absolute dates

    /// 2016-01-22, 2016/01/22, with an optional time (2016-01-22T10:00, 2016-01-22 10:00); a range of
    /// two (2026-11-05 – 2026-11-07, 2026-11-05 to 2026-11-07).
    func iso(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        guard let (year, month, day) = isoDate(i) else { return nil }
        let joiner = i + 5
        // Any range joiner but "and" and "&": "2026-11-05 and 2026-11-07" are two days.
        if joiner < tokens.count, tokens[joiner].spaceBefore, isRangeJoiner(joiner, bytes), !isWord(joiner, "and", in: bytes),
            !punct(joiner, "&"), let (endYear, endMonth, endDay) = isoDate(joiner + 1)
        {
            return Candidate(first: i, end: joiner + 6,
                shape: .dayRange(year: year, month: month, day: day, endYear: endYear, endMonth: endMonth, endDay: endDay),
                stated: [.year, .month, .day])
        }
        return Candidate(first: i, end: i + 5, shape: .date(year: year, month: month, day: day), stated: [.year, .month, .day])
    }

    /// The year, month and day of an ISO date at token `i` (five tokens).
    func isoDate(_ i: Int) -> (Int, Int, Int)? {
        guard let y = number(i), y.digits == 4, (1900...2199).contains(y.value) else { return nil }
        for separator: Unicode.Scalar in ["-", "/"] {
            guard punct(i + 1, separator), !tokens[i + 1].spaceBefore, let m = number(i + 2), m.digits <= 2,
                !tokens[i + 2].spaceBefore, punct(i + 3, separator), !tokens[i + 3].spaceBefore,
                let d = number(i + 4), d.digits <= 2, !tokens[i + 4].spaceBefore
            else { continue }
            return (y.value, m.value, d.value)
        }
        return nil
    }

    /// A date written in full that names no day the tagger reads: an ISO date or a day and month whose
    /// year is outside 1900–2199 ("0001-01-01", "1 January 0001", "10000-01-01"), a day past the end of
    /// any month ("Dec 32", "32 December"). Read whole, so no part of it is read as something else (a
    /// time "01:00", "1 January" of another year, "December").
    func impossible(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"]
        func outOfRange(_ n: Token) -> Bool { (4...6).contains(n.digits) && !(1900...2199).contains(n.value) && !n.ordinal }
        if let y = number(i), outOfRange(y) {
            for separator: Unicode.Scalar in ["-", "/"] {
                guard punct(i + 1, separator), !tokens[i + 1].spaceBefore, let m = number(i + 2), m.digits <= 2,
                    !tokens[i + 2].spaceBefore, punct(i + 3, separator), !tokens[i + 3].spaceBefore,
                    let d = number(i + 4), d.digits <= 2, !tokens[i + 4].spaceBefore, (1...12).contains(m.value),
                    (1...31).contains(d.value)
                else { continue }
                if i + 5 < tokens.count, !tokens[i + 5].spaceBefore, tokens[i + 5].isPunct(separator) { return nil }
                return Candidate(first: i, end: i + 5, shape: .impossible("year \(y.value) is outside the years dates are read in (1900–2199)"),
                    stated: [.year, .month, .day])
            }
        }
        // "1 January 0001", "32 December"
        if let d = number(i), d.digits <= 2 {
            var j = i + 1
            if isWord(j, "of", in: bytes) { j += 1 }
            if let m = month(j, strong: true) {
                let after = skipComma(afterMonth(j))
                if (1...31).contains(d.value), let y = number(after), tokens[after].spaceBefore, outOfRange(y) {
                    return Candidate(first: i, end: after + 1,
                        shape: .impossible("year \(y.value) is outside the years dates are read in (1900–2199)"), stated: [.year, .month, .day])
                }
                if (32...99).contains(d.value), !punct(i + 1, ":") {
                    return Candidate(first: i, end: afterMonth(j), shape: .impossible("\(names[m - 1]) has no day \(d.value)"),
                        stated: [.month, .day])
                }
            }
        }
        // "January 1, 0001", "Dec 32"
        if role(i, .month) != nil, let m = month(i, strong: true) {
            let j = afterMonth(i)
            if let d = number(j), d.digits <= 2, tokens[j].spaceBefore {
                if (32...99).contains(d.value), !punct(j + 1, ":"), !punct(j + 1, ".") || j + 2 >= tokens.count || tokens[j + 2].spaceBefore {
                    return Candidate(first: i, end: j + 1, shape: .impossible("\(names[m - 1]) has no day \(d.value)"), stated: [.month, .day])
                }
                let after = skipComma(j + 1)
                if (1...31).contains(d.value), let y = number(after), tokens[after].spaceBefore, outOfRange(y) {
                    return Candidate(first: i, end: after + 1,
                        shape: .impossible("year \(y.value) is outside the years dates are read in (1900–2199)"), stated: [.year, .month, .day])
                }
            }
        }
        return nil
    }

    /// 22 Jan, 22nd January 2016, 19th-21st December 2015, the 6th of June, 30 Dec - 2 Jan 2016.
    func dayMonth(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        guard let d1 = day(i) else { return nil }
        var j = i + 1
        var d2: Int?
        if isRangeJoiner(j, bytes), let second = day(j + 1) {
            d2 = second
            j += 2
        } else if isRangeJoiner(j, bytes), role(j + 1, .weekday) != nil, let second = day(skipComma(j + 2)) {
            // "Monday 24th - Friday 28th October": the end's weekday is said again.
            d2 = second
            j = skipComma(j + 2) + 1
        }
        if isWord(j, "of", in: bytes) { j += 1 }
        guard let m = month(j, strong: true) else { return nil }
        j = afterMonth(j)
        var y: Int?
        if let year = year(skipComma(j)) {
            y = year
            j = skipComma(j) + 1
        }
        // A second day-month: "30 Dec - 2 Jan 2016".
        if d2 == nil, isRangeJoiner(j, bytes), let d3 = day(j + 1), let m2 = month(j + 2, strong: true) {
            var k = afterMonth(j + 2)
            var y2: Int?
            if let year = year(skipComma(k)) {
                y2 = year
                k = skipComma(k) + 1
            }
            return Candidate(first: i, end: k,
                shape: .dayRange(year: y ?? y2, month: m, day: d1, endYear: y2, endMonth: m2, endDay: d3),
                stated: y2 != nil ? [.year, .month, .day] : [.month, .day])
        }
        if let d2 {
            return Candidate(first: i, end: j,
                shape: .dayRange(year: y, month: m, day: d1, endYear: y, endMonth: m, endDay: d2),
                stated: y != nil ? [.year, .month, .day] : [.month, .day])
        }
        return Candidate(first: i, end: j, shape: .date(year: y, month: m, day: d1),
            stated: y != nil ? [.year, .month, .day] : [.month, .day])
    }

    /// Jan 22, January 22, 2016, Dec 19-21, Sep 19-21st, Dec 30 - Jan 2, Feb 22nd.
    func monthDay(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        guard role(i, .month) != nil else { return nil }
        let j0 = afterMonth(i)
        guard let d1 = day(j0), let m = month(i, strong: true) else { return nil }
        // "May 2 people": a day must not be followed by a noun-ish word that makes it a count.
        var j = j0 + 1
        if let y = year(j), tokens[j].spaceBefore {
            // "June 2016" is a month, not June 20th-something; only a 1–2 digit day came first, so fine.
            _ = y
        }
        var d2: Int?
        var m2 = m
        if isRangeJoiner(j, bytes) {
            if let second = day(j + 1), month(j + 2, strong: true) == nil {
                d2 = second
                j += 2
            } else if let month2 = month(j + 1, strong: true), let second = day(afterMonth(j + 1)) {
                m2 = month2
                d2 = second
                j = afterMonth(j + 1) + 1
            }
        }
        var y: Int?
        if let year = year(skipComma(j)) {
            y = year
            j = skipComma(j) + 1
        }
        let stated: DateParts = y != nil ? [.year, .month, .day] : [.month, .day]
        if let d2 {
            return Candidate(first: i, end: j,
                shape: .dayRange(year: y, month: m, day: d1, endYear: y, endMonth: m2, endDay: d2), stated: stated)
        }
        return Candidate(first: i, end: j, shape: .date(year: y, month: m, day: d1), stated: stated)
    }

    /// 10/1, 9/16, 9/16/2016, 16/9/16.
    func numeric(_ i: Int) -> Candidate? {
        guard let a = number(i), a.digits <= 2, !a.ordinal, punct(i + 1, "/"), !tokens[i + 1].spaceBefore,
            let b = number(i + 2), b.digits <= 2, !b.ordinal, !tokens[i + 2].spaceBefore
        else { return nil }
        // Not part of a path or a fraction chain (a/b/c/d), not preceded by a slash.
        if i > 0, tokens[i - 1].isPunct("/"), !tokens[i].spaceBefore { return nil }
        var end = i + 3
        var y: Int?
        if punct(i + 3, "/"), !tokens[i + 3].spaceBefore, let c = number(i + 4), !tokens[i + 4].spaceBefore {
            if c.digits == 4 {
                y = c.value
            } else if c.digits == 2 {
                y = 2000 + c.value
            } else {
                return nil
            }
            end = i + 5
            if punct(end, "/"), !tokens[end].spaceBefore { return nil }
        } else if punct(i + 3, "/"), !tokens[i + 3].spaceBefore {
            return nil
        }
        guard (1...31).contains(a.value), (1...31).contains(b.value), a.value <= 12 || b.value <= 12 else { return nil }
        return Candidate(first: i, end: end, shape: .numeric(first: a.value, second: b.value, year: y),
            stated: y != nil ? [.year, .month, .day] : [.month, .day])
    }

    /// A month on its own, maybe qualified, maybe a range: "in May", "July 2013", "mid-February",
    /// "end of January", "March/April", "late April or early May".
    func monthOnly(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        var j = i
        var part: Part?
        if let p = partPrefix(j, bytes) {
            part = p.part
            j = p.next
        }
        guard let lex = role(j, .month) else { return nil }
        let hasYear = monthYear(afterMonth(j), bytes) != nil
        let prepositionBefore = j > 0 && (tokens[j - 1].has(.preposition) || tokens[j - 1].has(.modifier))
        let strong = part != nil || hasYear || prepositionBefore
        if lex.has(.ambiguous) || lex.has(.abbreviation) {
            guard strong, month(j, strong: true) != nil else { return nil }
        } else if !strong, !tokens[j].capitalized {
            return nil
        }
        let m = lex.value
        j = afterMonth(j)
        var y: Int?
        if let (year, next) = monthYear(j, bytes) {
            y = year
            j = next
        }
        // A second month: "March/April", "April or May", "late April or early May".
        if punct(j, "/") || isWord(j, "or", in: bytes) || isRangeJoiner(j, bytes) {
            var k = j + 1
            if let p = partPrefix(k, bytes) { k = p.next }
            if let m2 = month(k, strong: true) ?? role(k, .month).map(\.value) {
                k = afterMonth(k)
                var y2: Int?
                if let (year, next) = monthYear(k, bytes) {
                    y2 = year
                    k = next
                }
                return Candidate(first: i, end: k,
                    shape: .monthRange(year: y ?? y2, month: m, endYear: y2, endMonth: m2),
                    stated: (y ?? y2) != nil ? [.year, .month] : [.month])
            }
        }
        return Candidate(first: i, end: j, shape: .month(year: y, month: m, part: part),
            stated: y != nil ? [.year, .month] : [.month])
    }

    /// The year after a month and where it ends: "May 2016", "May, 2016", "March to May of 2016".
    func monthYear(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, next: Int)? {
        if let year = year(skipComma(k)) { return (year, skipComma(k) + 1) }
        if isWord(k, "of", in: bytes), let year = year(k + 1) { return (year, k + 2) }
        return nil
    }

    /// "early", "mid-", "late", "end of", "beginning of", "the end of", "the start of".
    func partPrefix(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> (part: Part, next: Int)? {
        var j = i
        if isWord(j, "the", in: bytes) { j += 1 }
        guard let lex = role(j, .part), let part = Part(rawValue: lex.value) else { return nil }
        j += 1
        if punct(j, "-"), !tokens[j].spaceBefore { j += 1 }
        if isWord(j, "of", in: bytes) {
            j += 1
        } else if part == .end || part == .beginning {
            return nil  // "end January" is not English; "the end" alone is not a date
        }
        if isWord(j, "the", in: bytes) { j += 1 }
        return (part, j)
    }

    /// Q1 2016, Q3, the first quarter of 2016.
    func quarter(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        if let lex = role(i, .quarter) {
            var end = i + 1
            var y: Int?
            if let year = year(skipComma(i + 1)) {
                y = year
                end = skipComma(i + 1) + 1
            }
            return Candidate(first: i, end: end, shape: .quarter(year: y, quarter: lex.value),
                stated: y != nil ? [.year, .month] : [.month])
        }
        var j = i
        if isWord(j, "the", in: bytes) { j += 1 }
        guard let ordinal = role(j, .ordinalWord), role(j + 1, .unit)?.value == Unit.quarter.rawValue else { return nil }
        var end = j + 2
        var y: Int?
        if isWord(end, "of", in: bytes), let year = year(end + 1) {
            y = year
            end += 2
        }
        guard y != nil || j == i + 1 else { return nil }
        return Candidate(first: i, end: end, shape: .quarter(year: y, quarter: ordinal.value),
            stated: y != nil ? [.year, .month] : [.month])
    }

    /// "in 2016", "early 2016", "since 2015": a year needs a preposition or a part before it.
    func yearOnly(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        var j = i
        var part: Part?
        if let p = partPrefix(j, bytes) {
            part = p.part
            j = p.next
        }
        guard let y = year(j) else { return nil }
        if part == nil {
            guard i > 0, let lex = tokens[i - 1].lex, lex.has(.preposition), !isWord(i - 1, "to", in: bytes),
                !isWord(i - 1, "of", in: bytes) || (i > 1 && role(i - 2, .part) != nil)
            else { return nil }
        }
        // Not a count ("in 2016 lines") nor a year of something named ("in 2015 SIGCOMM" is fine).
        if let next = word(j + 1), next.has(.unit) { return nil }
        return Candidate(first: i, end: j + 1, shape: .year(y), stated: [.year])
    }

    /// "the 21st", "on the 14th".
    func ordinalDay(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        guard isWord(i, "the", in: bytes), let n = number(i + 1), n.ordinal, (1...31).contains(n.value) else { return nil }
        // "the 22nd January", "the 6th of June": a day-month, matched from the number.
        if role(i + 2, .month) != nil || (isWord(i + 2, "of", in: bytes) && role(i + 3, .month) != nil) { return nil }
        // Not "the 2nd release" / "the 3rd time": a following noun that is no date word means an ordinal count.
        if let next = word(i + 2), !next.has(.preposition), !next.has(.month), next.lex?.has(.hedge) != true,
            !(next.lex?.has(.futureCue) ?? false), !(next.lex?.has(.pastCue) ?? false)
        {
            if !isWord(i + 2, "and", in: bytes), !isWord(i + 2, "or", in: bytes) { return nil }
        }
        return Candidate(first: i, end: i + 2, shape: .ordinalDay(n.value), stated: [.day])
    }

    // MARK: - Weekdays and relative dates

    /// A weekday name that may stand alone: full names, or abbreviations with a capital and a date or "on".
    func weekday(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let lex = role(i, .weekday) else { return nil }
        if lex.has(.abbreviation) || lex.has(.ambiguous) {
            guard tokens[i].capitalized else { return nil }
            let onBefore = i > 0 && isWord(i - 1, "on", in: bytes)
            let dateAfter = number(skipComma(afterMonth(i))) != nil
            guard onBefore || dateAfter else { return nil }
        }
        // Plurals ("on Wednesdays") are recurring, not a date.
        if bytes[tokens[i].end - 1] | 0x20 == UInt8(ascii: "s"), tokens[i].end - tokens[i].start > 6,
            !(bytes[tokens[i].end - 2] | 0x20 == UInt8(ascii: "e") && bytes[tokens[i].end - 3] | 0x20 == UInt8(ascii: "t"))
        {
            // "Tues"/"Thurs" end in s too; the rule only catches the long plural forms.
            return nil
        }
        return lex.value
    }

    func relative(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        // today, tomorrow, yesterday, tonight
        if let lex = role(i, .dayWord) {
            return Candidate(first: i, end: i + 1, shape: .dayOffset(lex.value), stated: [.relative])
        }
        // last night
        if isWord(i, "last", in: bytes), isWord(i + 1, "night", in: bytes) {
            return Candidate(first: i, end: i + 2, shape: .dayOffset(-1), stated: [.relative])
        }
        // this coming weekend, next week, the following month, this Friday, next Wednesday
        var j = i
        if isWord(j, "the", in: bytes), role(j + 1, .modifier) != nil, !isWord(j + 1, "last", in: bytes) { j += 1 }
        if let mod = role(j, .modifier) {
            var offset = mod.value
            var k = j + 1
            var coming = isWord(j, "coming", in: bytes) || isWord(j, "upcoming", in: bytes)
            if isWord(j, "this", in: bytes), isWord(k, "coming", in: bytes) || isWord(k, "upcoming", in: bytes) {
                coming = true
                k += 1
            }
            // "this past week": the week up to today, so this week; "this past weekend" is the last one.
            let thisPast = isWord(j, "this", in: bytes) && isWord(k, "past", in: bytes)
            if thisPast { k += 1 }
            if let unit = role(k, .unit), let u = Unit(rawValue: unit.value), u != .day, u != .fortnight {
                if coming { offset = u == .weekend ? 2 : 1 }
                if thisPast { offset = u == .weekend ? -1 : 0 }
                // "the last two weeks", "next few months": counts, not a period.
                return Candidate(first: i, end: k + 1, shape: .unitOffset(u, offset), stated: [.relative])
            }
            if let wd = role(k, .weekday), !(wd.has(.abbreviation) && !tokens[k].capitalized) {
                let modifier = coming ? 2 : offset
                return Candidate(first: i, end: k + 1, shape: .weekday(wd.value, modifier: modifier), weekday: wd.value,
                    stated: [.weekday, .relative])
            }
            return nil
        }
        // in two weeks, in a couple of weeks, in 3 days('s time)
        if isWord(i, "in", in: bytes) || isWord(i, "within", in: bytes), let (amount, vague, k) = quantity(i + 1, bytes),
            let unit = role(k, .unit), let u = Unit(rawValue: unit.value), u != .weekend
        {
            var end = k + 1
            if isWord(end, "time", in: bytes) { end += 1 }
            return Candidate(first: i, end: end, shape: .shift(amount: amount, unit: u, direction: 1, vague: vague),
                stated: [.relative])
        }
        // 3 days from now, two weeks ago, a couple of weeks ago
        if let (amount, vague, k) = quantity(i, bytes), let unit = role(k, .unit), let u = Unit(rawValue: unit.value),
            u != .weekend
        {
            if role(k + 1, .ago) != nil {
                return Candidate(first: i, end: k + 2, shape: .shift(amount: amount, unit: u, direction: -1, vague: vague),
                    stated: [.relative])
            }
            if isWord(k + 1, "from", in: bytes), isWord(k + 2, "now", in: bytes) || isWord(k + 2, "today", in: bytes) {
                return Candidate(first: i, end: k + 3, shape: .shift(amount: amount, unit: u, direction: 1, vague: vague),
                    stated: [.relative])
            }
        }
        // later in the year, later this month, earlier this week
        if let edge = role(i, .relativeEdge) {
            var k = i + 1
            if isWord(k, "in", in: bytes) { k += 1 }
            if isWord(k, "the", in: bytes) || isWord(k, "this", in: bytes) { k += 1 }
            if let unit = role(k, .unit), let u = Unit(rawValue: unit.value), u == .week || u == .month || u == .year {
                if edge.value > 0 {
                    return Candidate(first: i, end: k + 1, shape: .vaguePeriod(u, 0), stated: [.relative])
                }
                return Candidate(first: i, end: k + 1, shape: .unitOffset(u, 0), stated: [.relative])
            }
        }
        // end of the week, early next week, beginning of next month, end of the year
        if let (part, k) = partOfPeriod(i, bytes) {
            var m = k
            var offset = 0
            if let mod = role(m, .modifier) {
                offset = mod.value
                m += 1
            }
            if let unit = role(m, .unit), let u = Unit(rawValue: unit.value), u == .week || u == .month || u == .year {
                return Candidate(first: i, end: m + 1, shape: .partOf(part, u, offset), stated: [.relative])
            }
        }
        return nil
    }

    /// "end of the", "early", "the beginning of next" … before a period word.
    func partOfPeriod(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> (Part, Int)? {
        var j = i
        if isWord(j, "the", in: bytes) { j += 1 }
        guard let lex = role(j, .part), let part = Part(rawValue: lex.value) else { return nil }
        j += 1
        if isWord(j, "of", in: bytes) {
            j += 1
            if isWord(j, "the", in: bytes) || isWord(j, "this", in: bytes) { j += 1 }
        } else if part == .end || part == .beginning {
            return nil
        }
        return (part, j)
    }

    /// A count: 3, two, a, a couple of, a few.
    func quantity(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Bool, Int)? {
        if let n = number(i), n.digits <= 3, !n.ordinal {
            // "2.5 months" was blocked as a dotted number already.
            return (n.value, false, i + 1)
        }
        var j = i
        if isWord(j, "a", in: bytes) || isWord(j, "an", in: bytes) {
            if let next = role(j + 1, .numberWord), role(j + 1, .vague) != nil {
                j += 1
                var k = j + 1
                if isWord(k, "of", in: bytes) { k += 1 }
                return (next.value, true, k)
            }
            return (1, false, j + 1)
        }
        if let lex = role(j, .numberWord) {
            let vague = lex.has(.vague)
            var k = j + 1
            if isWord(k, "of", in: bytes) { k += 1 }
            return (lex.value, vague, k)
        }
        return nil
    }

    // MARK: - Times

    /// 4pm, 4 pm, 10:30am, 16:00, 4.30pm, noon, 16:00-17:00, 4-5pm; with a zone (UTC, 10am PT, (CET), UTC+1).
    func time(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> (TimeSpec, Int)? {
        guard let (clockStart, afterStart, startHasMeridiem) = clock(i, bytes) else { return nil }
        var start = clockStart
        var j = afterStart
        var end: TimeOfDayValue?
        if isTimeRange(j, bytes), let (second, afterSecond, secondHasMeridiem) = clock(j + 1, bytes) {
            end = second
            j = afterSecond
            // "5-7pm", "10-11:30am": the end's meridiem applies to a bare start when that keeps it earlier.
            if secondHasMeridiem, !startHasMeridiem, start.hour >= 1, start.hour <= 12 {
                let shifted = TimeOfDayValue(hour: start.hour % 12 + (second.hour >= 12 ? 12 : 0), minute: start.minute)
                if shifted.hour * 60 + shifted.minute < second.hour * 60 + second.minute { start = shifted }
            }
            return withZone(TimeSpec(start: start, end: end), j, bytes)
        } else if !startHasMeridiem, start.minute == 0, tokens[i].kind == .number, punct(j, "-"),
            let n = number(j + 1), n.digits <= 2, let mer = role(j + 2, .meridiem)
        {
            // "4-5pm": the meridiem of the end applies to both.
            let shift = mer.value
            end = TimeOfDayValue(hour: n.value % 12 + shift, minute: 0)
            j += 3
            return withZone(TimeSpec(start: TimeOfDayValue(hour: start.hour % 12 + shift, minute: 0), end: end), j, bytes)
        }
        // "10:00 CET until 12:00": a zone between the two times is the range's. The end needs a colon or
        // a meridiem ("10:00 CET until 12 May" ends at no time).
        if let (zoned, k) = withZone(TimeSpec(start: start, end: nil), j, bytes), zoned.hasZone, isTimeRange(k, bytes),
            let (second, afterSecond, secondHasMeridiem) = clock(k + 1, bytes), secondHasMeridiem || punct(k + 2, ":"),
            let (again, after) = withZone(TimeSpec(start: second, end: nil), afterSecond, bytes),
            // The zone said again after the end ("10:00 CET to 12:00 CET") belongs to the range; another
            // zone there ("10:00 CET to 3pm PT") makes two times.
            !again.hasZone || (again.zone == zoned.zone && again.tzid == zoned.tzid && again.offset == zoned.offset)
        {
            var spec = zoned
            spec.end = second
            return (spec, after)
        }
        // A bare number is no time: it needs a colon, a meridiem or a zone.
        // ("Meetup 12: Feb 18": a colon with no minutes after it ends a name.)
        if !startHasMeridiem, tokens[i].kind == .number, !(punct(i + 1, ":") && i + 2 < tokens.count && number(i + 2) != nil) {
            guard let (spec, after) = withZone(TimeSpec(start: start, end: end), j, bytes), spec.hasZone else {
                return nil
            }
            return (spec, after)
        }
        return withZone(TimeSpec(start: start, end: end), j, bytes)
    }

    /// "-", "to", "until" or "till" between two times.
    func isTimeRange(_ j: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        punct(j, "-") || isWord(j, "to", in: bytes) || isWord(j, "until", in: bytes) || isWord(j, "till", in: bytes)
    }

    func withZone(_ spec: TimeSpec, _ j: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> (TimeSpec, Int)? {
        var spec = spec
        var k = j
        let parenthesised = punct(k, "(")
        if parenthesised { k += 1 }
        if let (tzid, after) = ianaZone(k, bytes) {
            spec.tzid = tzid
            k = after
            if parenthesised {
                guard punct(k, ")") else { return (spec, j) }
                k += 1
            }
            return (spec, k)
        }
        if let lex = role(k, .zone) {
            let short = tokens[k].end - tokens[k].start <= 2
            let isAoE = isWord(k, "aoe", in: bytes)
            // "Pacific" and "Eastern" name a zone only with their capital ("the 10 eastern chapters" does not).
            let englishWord = isWord(k, "pacific", in: bytes) || isWord(k, "eastern", in: bytes)
            let capitalised = (0x41...0x5A).contains(bytes[tokens[k].start])
            if (!short || tokens[k].allCaps || isAoE) && (!englishWord || capitalised) {
                spec.zone = lex.value
                k += 1
                // UTC+1, GMT-05:00
                if punct(k, "+") || punct(k, "-"), !tokens[k].spaceBefore, let n = number(k + 1), n.digits <= 4 {
                    let sign = punct(k, "-") ? -1 : 1
                    var minutes = n.digits > 2 ? (n.value / 100) * 60 + n.value % 100 : n.value * 60
                    k += 2
                    if punct(k, ":"), let mm = number(k + 1), mm.digits == 2 {
                        minutes += mm.value
                        k += 2
                    }
                    spec.offset = sign * minutes
                }
                if parenthesised {
                    guard punct(k, ")") else { return (spec, j) }
                    k += 1
                }
                return (spec, k)
            }
        }
        return (spec, j)
    }

    /// An IANA zone name at `k` ("Europe/Lisbon", "America/Argentina/Buenos_Aires", "Etc/UTC"): words joined
    /// by "/", "_" or "-" with no space between; the name as IANA spells it and the index after it.
    func ianaZone(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> (String, Int)? {
        guard k + 2 < tokens.count, tokens[k].kind == .word, !tokens[k].blocked, punct(k + 1, "/"), !tokens[k + 1].spaceBefore
        else { return nil }
        var last = k
        var i = k + 1
        while i + 1 < tokens.count, !tokens[i].spaceBefore, !tokens[i + 1].spaceBefore, punct(i, "/") || punct(i, "_") || punct(i, "-"),
            tokens[i + 1].kind == .word
        {
            last = i + 1
            i += 2
        }
        guard last > k, tokens[last].end - tokens[k].start <= 40 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[tokens[k].start..<tokens[last].end]), as: UTF8.self)
        return ZoneNames.canonical(name).map { ($0, last + 1) }
    }

    /// One clock time: (time, index after, stated a meridiem).
    func clock(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> (TimeOfDayValue, Int, Bool)? {
        if let lex = role(i, .timeWord) { return (TimeOfDayValue(hour: lex.value, minute: 0), i + 1, true) }
        guard let h = number(i), h.digits <= 2, !h.ordinal, h.value <= 23 else { return nil }
        // Not inside another token: "v1:2", "8249.530963", "x=10:30".
        if i > 0, !tokens[i].spaceBefore, tokens[i - 1].kind != .punct || tokens[i - 1].isPunct(":")
            || tokens[i - 1].isPunct(".")
        {
            return nil
        }
        var j = i + 1
        var minute = 0
        // "10.30am", "23.59 UTC": a dot separates hours and minutes only before a meridiem or a zone.
        let dotTime = punct(j, ".") && (role(j + 2, .meridiem) != nil || (role(j + 2, .zone) != nil && tokens[j + 2].allCaps))
        if punct(j, ":") || dotTime, !tokens[j].spaceBefore,
            let m = number(j + 1), m.digits == 2, m.value < 60, !tokens[j + 1].spaceBefore
        {
            minute = m.value
            j += 2
            // 10:30:00 or 1:2:3 chains are timestamps or ratios only when followed by more digits.
            if punct(j, ":"), !tokens[j].spaceBefore, number(j + 1) != nil { j += 2 }
            if punct(j, ".") && !tokens[j].spaceBefore && number(j + 1) != nil { return nil }
        }
        if let mer = role(j, .meridiem) {
            guard (1...12).contains(h.value) else { return nil }
            var end = j + 1
            // "a.m." / "p.m."
            if punct(end, "."), !tokens[end].spaceBefore { end += 1 }
            return (TimeOfDayValue(hour: h.value % 12 + mer.value, minute: minute), end, true)
        }
        if isWord(j, "a", in: bytes) || isWord(j, "p", in: bytes), punct(j + 1, "."), !tokens[j + 1].spaceBefore,
            isWord(j + 2, "m", in: bytes)
        {
            guard (1...12).contains(h.value) else { return nil }
            let shift = isWord(j, "p", in: bytes) ? 12 : 0
            var end = j + 3
            if punct(end, "."), !tokens[end].spaceBefore { end += 1 }
            return (TimeOfDayValue(hour: h.value % 12 + shift, minute: minute), end, true)
        }
        guard j > i + 1 else { return (TimeOfDayValue(hour: h.value, minute: 0), i + 1, false) }
        return (TimeOfDayValue(hour: h.value, minute: minute), j, false)
    }
}
