import AlmanacCore
import AlmanacNames
import AlmanacRead
import AlmanacTime
import Foundation

/// A planning line under a heading, as Org mode writes one ("DEADLINE: <2025-10-02 Thu>",
/// "SCHEDULED: <2025-10-02 Thu 18:00>", which the Org reader gives as a paragraph per keyword right
/// after the heading): SCHEDULED is the date of the heading's thing, DEADLINE a deadline of it. A
/// repeater after the date (`+1w`, `++1m`, `.+1d`, kept by the reader as a code span) makes a series:
/// one item per occurrence from the first one on or after the note's date, for 90 days (at most 12);
/// those of events and deadlines are titled with their day, as calls are.
///
/// ```
/// ** Tidepool Lisbon meetup
/// SCHEDULED: <2025-10-02 Thu 18:00 +1w>     → event/meetup "Tidepool Lisbon meetup: 2025-10-02", …-10-09, …
/// *** Talk proposals for Tidecon
/// DEADLINE: <2025-09-15 Mon>                → deadline/cfp "Talk proposals for Tidecon deadline"
/// ```
enum Planning {
    /// The planning lines' items; what the other rules drew from a planning line ("DEADLINE" read as a
    /// deadline's name) gives way to them.
    static func extract(_ context: NoteContext, replacing others: inout [Draft]) {
        let own = extract(context)
        guard !own.isEmpty else { return }
        let planningLines = Set(own.flatMap { $0.item.sources.map(\.line) })
        others.removeAll { draft in draft.item.sources.count == 1 && planningLines.contains(draft.item.sources[0].line) }
        others += own
    }

    static func extract(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        for (index, block) in context.blocks.enumerated() where block.kind == .paragraph {
            guard let heading = block.section, context.blocks[heading].isHeading, isPlanning(index, heading: heading, context) else { continue }
            let scheduled = block.text.hasPrefix("SCHEDULED:")
            guard scheduled || block.text.hasPrefix("DEADLINE:"),
                let sentence = context.sentencesOfBlock[index].first.map({ context.sentences[$0] }),
                let expression = sentence.dates.first, expression.when.isDated
            else { continue }
            let title = context.blocks[heading].text.trimmedPhrase()
            guard !title.isEmpty else { continue }
            let evidence = context.evidence(sentence, at: expression.range.lowerBound)
            var item: Item
            let words = Set(title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).map(String.init))
            if scheduled {
                let (kind, subkind) = Self.kind(of: words)
                item = Item(kind: kind, subkind: subkind, title: title, when: expression.when, sources: [evidence])
            } else {
                // "Talk proposals for Tidecon 2025": a CfP deadline of Tidecon 2025.
                let subkind = Cues.deadlinePhrases.first { phrase, _ in phrase.allSatisfy(words.contains) }?.1 ?? .other
                let stated = words.contains("deadline") || words.contains("due") || words.contains("closes")
                let event = title.range(of: " for ", options: .backwards).map { String(title[$0.upperBound...]) }
                    ?? (subkind == .other ? title : nil)
                item = Item(kind: .deadline, subkind: subkind, title: stated ? title : title + " deadline", when: expression.when,
                    forEvent: event, sources: [evidence])
            }
            item.status = StatusJudge.status(sentence, when: expression.when, noteDate: context.info.date, kind: item.kind)
            let dates = Self.occurrences(of: expression.when, repeater: Self.repeater(in: block), noteDate: context.info.date)
            for date in dates {
                var occurrence = item
                if dates.count > 1 {
                    let shift = date.dayNumber - (expression.when.start?.dayNumber ?? date.dayNumber)
                    occurrence.when.start = date
                    occurrence.when.end = expression.when.end.map { $0.adding(days: shift) }
                    if item.kind != .meeting { occurrence.title = "\(item.title): \(date)" }
                    let past = occurrence.when.lastDay.map { $0 < context.info.date } ?? false
                    occurrence.status = past ? .past : item.status == .past ? .scheduled : item.status
                }
                drafts.append(Draft(occurrence, block: heading, confidence: 1))
            }
        }
        return drafts
    }

    /// Whether block `index` is a planning line of `heading`: right after it, or after another planning line of it.
    static func isPlanning(_ index: Int, heading: Int, _ context: NoteContext) -> Bool {
        var previous = index - 1
        while previous > heading {
            let text = context.blocks[previous].text
            guard context.blocks[previous].kind == .paragraph, text.hasPrefix("SCHEDULED:") || text.hasPrefix("DEADLINE:") else { return false }
            previous -= 1
        }
        return previous == heading
    }

    /// The kind a heading's words give its thing: a call, an event of a noun's subkind, else an event.
    static func kind(of words: Set<String>) -> (Item.Kind, Item.Subkind?) {
        if words.contains(where: { Cues.callWords.contains($0) }) { return (.meeting, .call) }
        for word in words.sorted() { if let subkind = Cues.eventNouns[word] { return (.event, subkind) } }
        if words.contains("release") { return (.event, .release) }
        return (.event, .other)
    }

    /// The repeater cookie kept as a code span ("+1w", "++2d", ".+1m"): its step in days or months.
    static func repeater(in block: Block) -> (count: Int, unit: Character)? {
        for span in block.spans where span.kind == .code {
            let cookie = block.text(span.range).drop { $0 == "+" || $0 == "." }
            guard let unit = cookie.last, "dwmy".contains(unit), let count = Int(cookie.dropLast()), count > 0, count < 1000 else { continue }
            return (count, unit)
        }
        return nil
    }

    static func occurrences(of when: When, repeater: (count: Int, unit: Character)?, noteDate: CivilDate) -> [CivilDate] {
        guard let start = when.start else { return [] }
        guard let repeater else { return [start] }
        func step(_ date: CivilDate, _ times: Int) -> CivilDate {
            switch repeater.unit {
            case "d": return date.adding(days: repeater.count * times)
            case "w": return date.adding(days: 7 * repeater.count * times)
            case "m": return date.adding(months: repeater.count * times)
            default: return date.adding(months: 12 * repeater.count * times)
            }
        }
        // The first occurrence on or after the note's date (the stated one when it is later).
        var first = 0
        while step(start, first) < noteDate, first < 10_000 { first += 1 }
        let limit = step(start, first).adding(days: 90)
        var dates: [CivilDate] = []
        var k = first
        while dates.count < 12, step(start, k) <= limit {
            dates.append(step(start, k))
            k += 1
        }
        return dates.isEmpty ? [start] : dates
    }
}
