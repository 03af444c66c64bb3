public import AlmanacCore

/// Finds every expression that denotes a date, date range, time or period in text, and resolves it
/// against a reference date (the note's own date).
///
/// ```swift
/// let tagger = TemporalTagger()
/// let reference = CivilDate(year: 2015, month: 12, day: 16)!
/// let found = tagger.tag("CfP closes 19 Dec, event is in Pasadena CA on 22 Jan", reference: reference)
/// found.map(\.when.startText)  // ["2015-12-19", "2016-01-22"]
/// ```
///
/// Missing years are chosen nearest to the reference date, leaning the way the sentence leans
/// ("was" → past, "will"/"closes" → future), and must agree with a stated weekday. Version numbers,
/// issue numbers, amounts, counts ("2-star") and durations ("for about a month") are not dates.
public struct TemporalTagger: Sendable {
    public struct Options: Sendable, Hashable {
        /// Read "10/1" as 10 January (day first) rather than October 1 (month first, the default).
        public var dayFirst: Bool

        public init(dayFirst: Bool = false) { self.dayFirst = dayFirst }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Tags `text`.
    /// - Parameters:
    ///   - reference: the date relative expressions and missing years resolve against; without one,
    ///     only expressions that state their year are returned.
    ///   - skip: UTF-8 ranges to ignore (code spans, URLs).
    public func tag(_ text: String, reference: CivilDate?, skip: [Range<Int>] = []) -> [TemporalExpression] {
        var text = text
        return text.withUTF8 { tag(utf8: $0, reference: reference, skip: skip) }
    }

    /// Tags UTF-8 bytes (no copy); see ``tag(_:reference:skip:)``.
    public func tag(utf8 bytes: UnsafeBufferPointer<UInt8>, reference: CivilDate?, skip: [Range<Int>] = [])
        -> [TemporalExpression]
    {
        let all = tagAll(utf8: bytes, reference: reference, skip: skip)
        return all.contains { $0.problem != nil } ? all.filter { $0.problem == nil } : all
    }

    /// Like ``tag(_:reference:skip:)``, and the words that look like a date but name none ("on 0001-01-01",
    /// "Dec 32", "31 February", a relative date that leaves the years 1–9999), each with its ``TemporalExpression/problem``
    /// and an undated `when`: the caller leaves them undated and says why.
    public func tagReporting(_ text: String, reference: CivilDate?, skip: [Range<Int>] = [])
        -> (dates: [TemporalExpression], problems: [TemporalExpression])
    {
        var text = text
        let all = text.withUTF8 { tagAll(utf8: $0, reference: reference, skip: skip) }
        guard all.contains(where: { $0.problem != nil }) else { return (all, []) }
        return (all.filter { $0.problem == nil }, all.filter { $0.problem != nil })
    }

    func tagAll(utf8 bytes: UnsafeBufferPointer<UInt8>, reference: CivilDate?, skip: [Range<Int>] = [])
        -> [TemporalExpression]
    {
        let tokens = Tokenizer.tokenize(bytes, skip: skip)
        guard !tokens.isEmpty else { return [] }
        let grammar = Grammar(tokens: tokens, dayFirst: options.dayFirst)
        var candidates: [Candidate] = []
        var i = 0
        while i < tokens.count {
            guard Self.mayStart(at: i, grammar, bytes) else {
                i += 1
                continue
            }
            if let found = Self.match(at: i, grammar, bytes) {
                candidates.append(found)
                i = max(found.end, i + 1)
            } else {
                i += 1
            }
        }
        candidates = Self.mergeRestatements(candidates, tokens, bytes, grammar)
        let sentences = SentenceFacts(tokens, bytes, grammar)
        var results: [TemporalExpression] = []
        results.reserveCapacity(candidates.count)
        var lineCounter = LineCounter()
        for candidate in candidates {
            let tense = Self.tense(of: candidate, tokens, bytes)
            let resolution = Resolver.resolve(candidate, reference: reference, tense: tense, dayFirst: options.dayFirst)
            var problem: String?
            if case .impossible(let reason) = candidate.shape {
                problem = reason
            } else if resolution == nil {
                problem = Self.noSuchDay(candidate.shape)
            } else if let when = resolution?.0, [when.start, when.end].contains(where: { $0.map { !$0.isSupported } ?? false }) {
                problem = "it falls outside the years 1–9999"
            }
            if let problem {
                let start = tokens[candidate.first].start
                let end = tokens[candidate.end - 1].end
                let (line, column) = lineCounter.position(of: start, in: bytes)
                var expression = TemporalExpression(
                    range: start..<end, line: line, column: column,
                    text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), when: .undated,
                    stated: candidate.stated, inferred: [], tense: tense, vague: false)
                expression.problem = problem
                results.append(expression)
                continue
            }
            guard let (resolved, inferred) = resolution else { continue }
            var when = resolved
            let vague = Self.isVague(candidate.shape)
            if vague || Self.isHedged(candidate, tokens, sentences) { when.tentative = true }
            let start = tokens[candidate.first].start
            let end = tokens[candidate.end - 1].end
            let (line, column) = lineCounter.position(of: start, in: bytes)
            var expression = TemporalExpression(
                range: start..<end, line: line, column: column,
                text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), when: when,
                stated: candidate.stated, inferred: inferred, tense: tense, vague: vague)
            if inferred.contains(.year), !candidate.stated.contains(.relative), let reference, let day = when.start {
                // Another year of the same day and month within two months of as near: a close call.
                let distance = abs(day.dayNumber - reference.dayNumber)
                let others = [-1, 1].compactMap { CivilDate(year: day.year + $0, month: day.month, day: when.precision == .month ? 1 : day.day) }
                expression.yearWasCloseCall = distance > 120
                    || others.contains { abs(abs($0.dayNumber - reference.dayNumber) - distance) < 60 }
            }
            results.append(expression)
        }
        return results
    }

    /// Why a day and month the grammar read resolve to no date: "February has no day 31", "2015 has no
    /// February 29"; nil when it is not that.
    static func noSuchDay(_ shape: Shape) -> String? {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"]
        func check(_ year: Int?, _ month: Int, _ day: Int) -> String? {
            guard (1...12).contains(month) else { return nil }
            if day > CivilDate.daysIn(month: month, year: 2000) { return "\(names[month - 1]) has no day \(day)" }
            if let year, day > CivilDate.daysIn(month: month, year: year) { return "\(year) has no \(names[month - 1]) \(day)" }
            return nil
        }
        switch shape {
        case .date(let year, let month, let day): return check(year, month, day)
        case .dayRange(let year, let month, let day, let endYear, let endMonth, let endDay):
            return check(year, month, day) ?? check(endYear ?? year, endMonth, endDay)
        default: return nil
        }
    }

    // MARK: - Matching

    /// Cheap test: can a date expression start at token `i`? (No rule of ``match(at:_:_:timeFirst:)``
    /// starts at any other token.)
    @inline(__always)
    static func mayStart(at i: Int, _ g: Grammar, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let token = g.tokens[i]
        if token.blocked { return false }
        switch token.kind {
        case .number: return true
        case .punct: return false
        case .word:
            // "the 21st", "the week of …", "the end of …": the one word outside the lexicon a date starts with.
            guard let lex = token.lex else { return g.isWord(i, "the", in: bytes) }
            let starting = lex.roles.intersection([
                .month, .weekday, .dayWord, .modifier, .part, .quarter, .relativeEdge, .numberWord, .timeWord,
                .ordinalWord, .preposition, .unit,
            ])
            // Of the prepositions, only "in" and "within" start one ("in two weeks"); the others ("on", "at",
            // "of"…) only stand before or inside one.
            if starting == .preposition { return g.isWord(i, "in", in: bytes) || g.isWord(i, "within", in: bytes) }
            return !starting.isEmpty
        }
    }

    /// The longest expression starting at token `i`; with `timeFirst` false, only one that starts with a date
    /// (the date after a leading time: a time there could never combine, and following one time after
    /// another recursed once per time, overflowing the stack on a long run of "4pm 4pm …").
    static func match(at i: Int, _ g: Grammar, _ bytes: UnsafeBufferPointer<UInt8>, timeFirst: Bool = true) -> Candidate? {
        var best: Candidate?
        func consider(_ c: Candidate?) {
            guard let c else { return }
            if best == nil || c.end > best!.end { best = c }
        }
        let token = g.tokens[i]
        if token.kind == .number {
            consider(g.iso(i, bytes))
            consider(g.dayMonth(i, bytes))
            consider(g.numeric(i))
            consider(g.relative(i, bytes))
            consider(g.impossible(i, bytes))
        } else {
            consider(weekdayDate(i, g, bytes))
            consider(g.monthDay(i, bytes))
            consider(g.monthOnly(i, bytes))
            consider(g.quarter(i, bytes))
            consider(g.yearOnly(i, bytes))
            consider(g.ordinalDay(i, bytes))
            consider(weekOf(i, g, bytes))
            consider(g.relative(i, bytes))
            consider(g.impossible(i, bytes))
            if best == nil, let wd = g.weekday(i, bytes) {
                best = Candidate(first: i, end: i + 1, shape: .weekday(wd, modifier: nil), weekday: wd, stated: [.weekday])
            }
        }
        if var found = best {
            // A time after the date: "22 Jan at 4pm", "Friday, 16:00 UTC", "2016-01-22T10:00".
            var j = found.end
            if g.punct(j, ","), j + 1 < g.tokens.count { j += 1 }
            if g.isWord(j, "at", in: bytes) || g.isWord(j, "from", in: bytes) || g.punct(j, "@") || g.isWord(j, "between", in: bytes) {
                j += 1
            } else if g.isWord(j, "t", in: bytes), !g.tokens[j].spaceBefore {
                j += 1
            }
            // "through January 5th, 2026 (23:59 CET)": a time in parentheses right after the date is its time.
            let parenthesised = g.punct(j, "(")
            if parenthesised { j += 1 }
            if let (time, after) = g.time(j, bytes), canHoldTime(found.shape), !parenthesised || g.punct(after, ")") {
                found.time = time
                found.end = parenthesised ? after + 1 : after
                found.stated.insert(.time)
                if time.hasZone { found.stated.insert(.zone) }
            }
            return found
        }
        guard timeFirst else { return nil }
        // A time first: "4pm on Friday", "16:00 UTC, 22 Jan", or a time alone.
        if let (time, after) = g.time(i, bytes) {
            var j = after
            if g.punct(j, ",") { j += 1 }
            if g.isWord(j, "on", in: bytes) { j += 1 }
            if j < g.tokens.count, let date = match(at: j, g, bytes, timeFirst: false), date.time == nil,
                canHoldTime(date.shape)
            {
                var combined = date
                combined.first = i
                combined.time = time
                combined.stated.insert(.time)
                if time.hasZone { combined.stated.insert(.zone) }
                return combined
            }
            var stated: DateParts = [.time]
            if time.hasZone { stated.insert(.zone) }
            return Candidate(first: i, end: after, shape: .timeOnly, time: time, stated: stated)
        }
        return nil
    }

    static func canHoldTime(_ shape: Shape) -> Bool {
        switch shape {
        case .date, .numeric, .ordinalDay, .weekday, .dayOffset: return true
        default: return false
        }
    }

    /// "Wednesday, 11th March", "Friday 9/16", "Wednesday the 11th", "Mon 22 Jan".
    static func weekdayDate(_ i: Int, _ g: Grammar, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        guard let wd = g.role(i, .weekday), !(wd.has(.abbreviation) && !g.tokens[i].capitalized) else { return nil }
        var j = g.afterMonth(i)
        // "Wednesday-Thursday, February 12-13": the weekdays of the range, then its days.
        if g.isRangeJoiner(j, bytes), let last = g.role(j + 1, .weekday), !(last.has(.abbreviation) && !g.tokens[j + 1].capitalized) {
            j = g.afterMonth(j + 1)
        }
        j = g.skipComma(j)
        var inner = g.dayMonth(j, bytes) ?? g.monthDay(j, bytes) ?? g.numeric(j)
        if inner == nil {
            if let ordinal = g.ordinalDay(j, bytes) {
                inner = ordinal
            } else if let n = g.number(j), n.ordinal, (1...31).contains(n.value) {
                inner = Candidate(first: j, end: j + 1, shape: .ordinalDay(n.value), stated: [.day])
            }
        }
        guard var found = inner else { return nil }
        found.first = i
        found.weekday = wd.value
        found.stated.insert(.weekday)
        return found
    }

    /// "the week of 19 May", "week of May 19", "the week beginning 19 May".
    static func weekOf(_ i: Int, _ g: Grammar, _ bytes: UnsafeBufferPointer<UInt8>) -> Candidate? {
        var j = i
        if g.isWord(j, "the", in: bytes) { j += 1 }
        guard g.role(j, .unit)?.value == Unit.week.rawValue, g.isWord(j, "week", in: bytes) else { return nil }
        j += 1
        guard g.isWord(j, "of", in: bytes) || g.isWord(j, "beginning", in: bytes) || g.isWord(j, "starting", in: bytes)
            || g.isWord(j, "commencing", in: bytes)
        else { return nil }
        j += 1
        if g.isWord(j, "on", in: bytes) || g.isWord(j, "the", in: bytes) { j += 1 }
        guard let inner = weekdayDate(j, g, bytes) ?? g.dayMonth(j, bytes) ?? g.monthDay(j, bytes) ?? g.numeric(j)
            ?? g.ordinalDay(j, bytes)
        else { return nil }
        return Candidate(first: i, end: inner.end, shape: .weekOf(inner.shape), weekday: inner.weekday, stated: inner.stated)
    }

    /// "in two weeks on the 14th May", "on the 21st (3 days from now)", "next week (7th May)": a relative
    /// expression beside an explicit date restates it; one expression, the explicit date.
    static func mergeRestatements(_ candidates: [Candidate], _ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>,
        _ g: Grammar) -> [Candidate]
    {
        guard candidates.count > 1 else { return candidates }
        var result: [Candidate] = []
        for candidate in candidates {
            if let previous = result.last, onlyJoiners(previous.end, candidate.first, g, bytes) {
                let previousRelative = previous.stated.contains(.relative)
                let currentRelative = candidate.stated.contains(.relative)
                if previousRelative != currentRelative, isDayLevel(previous.shape), isDayLevel(candidate.shape) {
                    var merged = previousRelative ? candidate : previous
                    merged.first = previous.first
                    merged.end = candidate.end
                    let opened = (previous.end..<candidate.first).contains { tokens[$0].isPunct("(") }
                    if opened, merged.end < tokens.count, tokens[merged.end].isPunct(")") { merged.end += 1 }
                    result[result.count - 1] = merged
                    continue
                }
            }
            result.append(candidate)
        }
        return result
    }

    static func onlyJoiners(_ from: Int, _ to: Int, _ g: Grammar, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard to - from <= 3 else { return false }
        var k = from
        while k < to {
            if !(g.punct(k, "(") || g.punct(k, ")") || g.punct(k, ",") || g.isWord(k, "on", in: bytes)
                || g.punct(k, "-"))
            {
                return false
            }
            k += 1
        }
        return true
    }

    static func isDayLevel(_ shape: Shape) -> Bool {
        switch shape {
        case .date, .numeric, .ordinalDay, .weekday, .dayOffset: return true
        case .shift(_, let unit, _, let vague): return !vague && (unit == .day || unit == .week || unit == .fortnight)
        case .unitOffset(let unit, _): return unit == .week
        default: return false
        }
    }

    static func isVague(_ shape: Shape) -> Bool {
        switch shape {
        case .vaguePeriod: return true
        case .shift(_, _, _, let vague): return vague
        default: return false
        }
    }

    // MARK: - Context

    /// The nearest tense cue in the expression's sentence: before it first, then after it.
    static func tense(of c: Candidate, _ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>) -> TemporalExpression.Tense {
        let sentence = tokens[c.first].sentence
        var k = c.first - 1
        var steps = 0
        while k >= 0, tokens[k].sentence == sentence, steps < 14 {
            if let verdict = cue(tokens[k]) {
                // "will be held", "is scheduled to be released": a participle after an auxiliary looks ahead.
                if verdict == .past, (max(0, k - 2)..<k).contains(where: { tokens[$0].lex?.has(.auxiliary) ?? false }) {
                    return .future
                }
                return verdict
            }
            k -= 1
            steps += 1
        }
        k = c.end
        steps = 0
        while k < tokens.count, tokens[k].sentence == sentence, steps < 8 {
            // "2 November (or earlier)": the date's margin, not the sentence's tense.
            if k > 0, tokens[k].lex?.has(.relativeEdge) == true, isWord(tokens[k - 1], "or", bytes) {
                k += 1
                steps += 1
                continue
            }
            if let verdict = cue(tokens[k]) { return verdict }
            k += 1
            steps += 1
        }
        return .neutral
    }

    static func isWord(_ token: Token, _ word: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.end - token.start == word.utf8.count else { return false }
        return zip(bytes[token.start..<token.end], word.utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    @inline(__always)
    static func cue(_ token: Token) -> TemporalExpression.Tense? {
        guard let lex = token.lex else { return nil }
        if lex.has(.futureCue) { return .future }
        if lex.has(.pastCue) { return .past }
        return nil
    }

    /// "Feb 22nd?", "(TBC)", "probably", "not confirmed", or a question.
    static func isHedged(_ c: Candidate, _ tokens: [Token], _ sentences: SentenceFacts) -> Bool {
        var k = c.end
        while k < tokens.count, tokens[k].isPunct(")") || tokens[k].isPunct("*") || tokens[k].isPunct("\"") || tokens[k].isPunct("_") {
            k += 1
        }
        if k < tokens.count, tokens[k].isPunct("?") { return true }
        let sentence = tokens[c.first].sentence
        if sentences.hedges[sentence].contains(where: { $0 < c.first || $0 >= c.end }) { return true }
        // A question about the date ("Why not just say Jun 11?").
        return sentences.questionAfter(sentence, c.end)
    }
}

/// What each sentence says about certainty, computed once per text so that each expression's
/// check is constant time (a 5 MB line with thousands of dates stays linear).
struct SentenceFacts {
    /// Token indices of hedge words, per sentence.
    var hedges: [[Int]] = []
    /// Index of the sentence's last token, per sentence.
    var last: [Int] = []
    private let tokens: [Token]

    init(_ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>, _ g: Grammar) {
        self.tokens = tokens
        let count = (tokens.last?.sentence ?? 0) + 1
        hedges = Array(repeating: [], count: count)
        last = Array(repeating: 0, count: count)
        for (index, token) in tokens.enumerated() {
            last[token.sentence] = index
            // "may" hedges; "May" is the month.
            if token.has(.hedge), !(token.has(.month) && token.capitalized) {
                hedges[token.sentence].append(index)
            } else if g.isWord(index, "confirmed", in: bytes), index > 0, tokens[index - 1].sentence == token.sentence,
                g.isWord(index - 1, "not", in: bytes) || g.isWord(index - 1, "be", in: bytes)
            {
                hedges[token.sentence].append(index)
            }
        }
    }

    /// The sentence ends with a question mark after token `end`.
    func questionAfter(_ sentence: Int, _ end: Int) -> Bool {
        let index = last[sentence]
        return index >= end && tokens[index].isPunct("?")
    }
}

/// Counts lines up to an offset, moving forward only (expressions come in order).
struct LineCounter {
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    mutating func position(of target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        if target < offset {
            offset = 0
            line = 1
            lineStart = 0
        }
        while offset < target {
            if bytes[offset] == 0x0A {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }
        return (line, target - lineStart + 1)
    }
}
