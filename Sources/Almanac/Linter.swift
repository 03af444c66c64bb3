public import AlmanacCore
public import AlmanacModel

/// `almanac lint`: what a note-taker should fix, as compiler-style warnings at the line to fix.
///
/// - the year of a date written without one was a close call ("22 Jan" in a July note);
/// - a relative date ("next week") in a note whose own date comes only from its file name;
/// - a hedged date ("Feb 22nd?") that no later note confirms;
/// - an item whose date moved between notes (to check it was meant);
/// - a note whose own date is a guess (only its month or year known, the page's year, the last commit);
/// - front matter that could not be read (from reading the notes).
public enum Linter {
    public static func findings(_ model: Model, notes: [NoteInfo] = [], reading: [Diagnostic] = []) -> [Diagnostic] {
        var findings = reading.filter { $0.message.contains("front matter") }
        for note in notes where note.dateIsGuess {
            findings.append(.warning(
                "the note's own date \(note.date) is a guess (date from \(note.dateSource)); state it in front matter or a 'Date:' line",
                path: note.path, line: 1, column: 1))
        }
        for entry in model.items {
            let item = entry.item
            for guess in item.inferred {
                findings.append(.warning("\(item.title): \(guess.message)", path: guess.evidence.path, line: guess.evidence.line,
                    column: guess.evidence.column))
            }
            // Hedged and never confirmed: every mention that gives a date hedges it.
            let dated = entry.mentions.filter { $0.item.when.isDated }
            if item.when.tentative, !dated.isEmpty, dated.allSatisfy({ $0.item.when.tentative }), item.kind != .meeting,
                let source = dated.last?.item.sources.first
            {
                let date = item.when.startText ?? ""
                findings.append(.warning("\(item.title): the date \(date) is hedged and no later note confirms it", path: source.path,
                    line: source.line, column: source.column))
            }
            // Moved between notes; narrowing a date down ("late October?" → "24 October") is no move.
            var previous: (When, NoteRef)?
            for mention in entry.mentions where mention.item.when.isDated {
                let when = mention.item.when
                if let (old, note) = previous, old != when, !refines(when, old), !refines(old, when), note != mention.note, let source = mention.item.sources.first {
                    findings.append(.warning("\(item.title): date moved from \(describe(old)) (\(note.path)) to \(describe(when))",
                        path: source.path, line: source.line, column: source.column))
                }
                previous = (when, mention.note)
            }
        }
        return findings.sorted { ($0.path, $0.line ?? 0, $0.column ?? 0, $0.message) < ($1.path, $1.line ?? 0, $1.column ?? 0, $1.message) }
    }

    /// Times given without a zone when no `time_zone` is configured: one warning at each (its line), and
    /// one that counts them and says how to set the zone (at the configuration, `configuration`).
    public static func zonelessTimes(_ model: Model, timeZone: String?, configuration: String? = nil) -> [Diagnostic] {
        guard timeZone == nil, let advice = Tally(model).zonelessAdvice(timeZone: nil) else { return [] }
        var findings: [Diagnostic] = []
        for entry in model.items where entry.item.kind != .project && Tally.isInFeeds(entry.item.when) && Tally.isZoneless(entry.item) {
            guard let time = entry.item.when.startTime, let source = entry.item.sources.first else { continue }
            findings.append(.warning("\(entry.item.title): the time \(time) has no time zone (write one, such as \"\(time) UTC\" or "
                + "\"\(time) Europe/London\", or set time_zone)", path: source.path, line: source.line, column: source.column))
        }
        findings.sort { ($0.path, $0.line ?? 0, $0.column ?? 0) < ($1.path, $1.line ?? 0, $1.column ?? 0) }
        return findings + [.warning(advice, path: configuration ?? "almanac")]
    }

    /// `new` lies within `old` and says more: a day in a stated month, a time on a stated day.
    static func refines(_ new: When, _ old: When) -> Bool {
        guard let start = new.start, let oldStart = old.start, let oldLast = old.lastDay, let last = new.lastDay else { return false }
        let finer = rank(new.precision) > rank(old.precision) || (old.tentative && !new.tentative && new.precision == old.precision)
        return finer && start >= oldStart && last <= oldLast
    }

    static func rank(_ precision: Precision) -> Int {
        switch precision {
        case .none: return 0
        case .year: return 1
        case .quarter: return 2
        case .month: return 3
        case .week: return 4
        case .day: return 5
        case .datetime: return 6
        }
    }

    static func describe(_ when: When) -> String {
        var text = when.startText ?? "undated"
        if let end = when.endText { text += "..\(end)" }
        if let zone = when.zone { text += " \(zone.name)" }
        if when.tentative { text += "?" }
        return text
    }
}
