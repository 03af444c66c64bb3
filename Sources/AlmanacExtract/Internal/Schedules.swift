import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead
import AlmanacTime

/// Dated entries of schedules, whatever the page: the rows of a timeline table, the entries of a
/// key-dates list, `Key: date` lines.
///
/// ```
/// | Code Freeze (18:00 UTC) | Lead | Thu July 8 |    → deadline, 2027-07-08T18:00 UTC
/// - **Monday 5th May**: Week 1 — v2.0.0-beta.1 released  → release, 2027-05-05
/// - 12 October: deadline for workshop proposals          → deadline, "Workshop proposals deadline"
/// - 16 October                                           → the date of the entries under it
///     - deadline for poster proposals
/// * [Rust Meetup](https://…): Dec 19. Berlin, DE         → event (under "Upcoming events")
/// Conference dates: 17-18 October                        → the page's event
/// ```
///
/// The entry's date is its own; what it is comes from the words of its label (the lexicon in
/// ``ScheduleCues``), then from its table's header or its section ("Upcoming events"). A label with
/// no cue in a schedule that is not about events is an internal task ("Team finalized"): no item.
enum Schedules {
    static func extract(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        var index = 0
        let blocks = context.blocks
        var lastHeadingDay: CivilDate?
        while index < blocks.count {
            let block = blocks[index]
            if block.isHeading {
                drafts += datedHeading(index, context, after: &lastHeadingDay)
            }
            if block.kind == .tableRow {
                let start = index
                while index < blocks.count, blocks[index].kind == .tableRow { index += 1 }
                drafts += table(start..<index, context)
                continue
            }
            if block.isListItem || block.kind == .paragraph || block.kind == .quote {
                drafts += line(index, context)
            }
            index += 1
        }
        return drafts
    }

    /// One dated entry: what it says, where, and its date.
    struct Entry {
        var block: Int
        /// UTF-8 range of the label in the block's text.
        var label: Range<Int>
        var expression: TemporalExpression
        /// The unit's other text, searched for a clock time ("(23:59 UTC)") and a place.
        var rest: [Range<Int>]
        /// The entry's table or section is about events: an entry with no cue is an event.
        var eventsByDefault: Bool
        /// The label is the key of a `Key: date` line.
        var isKey: Bool
        /// What the table's date column says its dates are ("Cutoff date"), when the label does not say it.
        var qualifier = ""
        /// The reader of the shape the entry came from (a table row, a dated line, a timeline heading).
        var rule: String
    }

    // MARK: - Tables

    /// A table's rows: the date cell of each row (the header's date column, else the first cell that is
    /// a date) dates the row; the label is the header's title column, else the first other cell with words.
    static func table(_ rows: Range<Int>, _ context: NoteContext) -> [Draft] {
        let blocks = context.blocks
        let header = blocks[rows.lowerBound].cells.map { ScheduleCues.headerKey(blocks[rows.lowerBound].text($0)) }
        let dateColumn = header.firstIndex(where: ScheduleCues.dateHeaders.contains)
        let titleColumn = header.firstIndex(where: ScheduleCues.titleHeaders.contains)
        let eventTable = header.contains(where: ScheduleCues.eventHeaders.contains)
            || context.headings(of: rows.lowerBound).first.map(Events.isEventSection) == true
        let placeColumn = header.firstIndex(where: Events.placeHeaders.contains)
        let monthColumns = Self.monthColumns(header)
        let monthReference = monthColumns.isEmpty ? nil : yearReference(before: rows.lowerBound, context)
        var drafts: [Draft] = []
        for index in rows {
            let row = blocks[index]
            guard row.cells.count >= 2 else { continue }
            var dates = context.sentencesOfBlock[index].flatMap { context.sentences[$0].dates }
            if let month = monthDay(row, monthColumns, reference: monthReference, context) { dates.append(month) }
            // The date cell: the header's, else the first cell that is mostly a date.
            let dateCell: Int? = dateColumn.flatMap { $0 < row.cells.count ? $0 : nil }
                ?? row.cells.indices.first { cell in isMostlyDate(row.cells[cell], dates, row) }
            guard let dateCell, dateCell != titleColumn,
                let expression = dates.first(where: { row.cells[dateCell].contains($0.range.lowerBound) && $0.when.isDated && isDayLevel($0) })
            else { continue }
            let labelCell = titleColumn.flatMap { $0 < row.cells.count ? $0 : nil }
                ?? row.cells.indices.first { $0 != dateCell && hasWords(row.text(row.cells[$0])) && !isMostlyDate(row.cells[$0], dates, row) }
            guard let labelCell else { continue }
            var rest: [Range<Int>] = [row.cells[dateCell]]
            rest.append(row.cells[labelCell])
            var entry = Entry(block: index, label: row.cells[labelCell], expression: expression, rest: rest,
                eventsByDefault: eventTable, isKey: false, rule: #function)
            // "| Project | Cutoff date |": each row is that project's cut-off.
            if dateCell < header.count, ScheduleCues.words(header[dateCell]).contains(where: Cues.scheduleStrongDeadlineWords.contains),
                !ScheduleCues.words(row.text(row.cells[labelCell])).contains(where: Cues.scheduleDeadlineWords.contains)
            {
                entry.qualifier = header[dateCell]
            }
            var made = Self.drafts(for: entry, context)
            for k in made.indices { made[k].fromTableRow = true }
            if let placeColumn, placeColumn < row.cells.count {
                let place = row.text(row.cells[placeColumn]).trimmedPhrase()
                if !place.isEmpty, !ScheduleCues.noPlace.contains(place.lowercased()) {
                    for k in made.indices where made[k].item.kind == .event { made[k].item.location = place }
                }
            }
            drafts += made
        }
        return drafts
    }

    // MARK: - Months as columns: "| What | Who | JAN | FEB | MAR |" over "| Code Freeze | Lead | | 26 | |"

    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// The columns a header names by month (two at least), with the month's number.
    static func monthColumns(_ header: [String]) -> [(column: Int, month: Int)] {
        let found = header.enumerated().compactMap { column, key -> (Int, Int)? in
            let word = key.trimming(where: CharacterSet.punctuationCharacters.contains)
            guard word.count >= 3, let month = monthNames.firstIndex(where: { $0 == word || $0.prefix(3) == word }) else { return nil }
            return (column, month + 1)
        }
        return found.count >= 2 ? found : []
    }

    /// The day a row gives under a month's column ("26" under "FEB"), read as that month's day.
    static func monthDay(_ row: Block, _ columns: [(column: Int, month: Int)], reference: CivilDate?, _ context: NoteContext)
        -> TemporalExpression?
    {
        for (column, month) in columns where column < row.cells.count {
            let cell = row.cells[column]
            let text = row.text(cell).trimmingSpaces()
            guard let day = Int(text), (1...31).contains(day), text.count <= 2 else { continue }
            let phrase = "\(monthNames[month - 1].capitalized) \(day)"
            guard var expression = context.tagger.tag(phrase, reference: reference ?? context.info.date).first,
                expression.range == 0..<phrase.utf8.count, expression.when.isDated
            else { continue }
            let leading = row.text(cell).prefix { $0 == " " }.utf8.count
            expression.range = (cell.lowerBound + leading)..<(cell.lowerBound + leading + text.utf8.count)
            expression.text = text
            return expression
        }
        return nil
    }

    /// The day a schedule's year is read from: the last date before block `index` that states its year
    /// ("The cycle begins on Tuesday, January 2nd, 2018"), else the note's own date.
    static func yearReference(before index: Int, _ context: NoteContext) -> CivilDate? {
        for block in stride(from: index - 1, through: 0, by: -1) {
            let dates = context.sentencesOfBlock[block].flatMap { context.sentences[$0].dates }
            if let stated = dates.last(where: { $0.stated.contains(.year) && $0.stated.contains(.day) }) { return stated.when.start }
        }
        return nil
    }

    /// A cell whose words are mostly a date's (at least half of its letters and digits).
    static func isMostlyDate(_ cell: Range<Int>, _ dates: [TemporalExpression], _ block: Block) -> Bool {
        let covered = dates.filter { cell.contains($0.range.lowerBound) && $0.when.isDated }
        guard !covered.isEmpty else { return false }
        let total = alphanumerics(block.text(cell))
        let dated = covered.reduce(0) { $0 + alphanumerics(block.text($1.range)) }
        return total > 0 && dated * 2 >= total
    }

    static func alphanumerics(_ text: String) -> Int {
        text.utf8.reduce(0) { count, b in
            count + ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) || b >= 0x80 ? 1 : 0)
        }
    }

    static func hasWords(_ text: String) -> Bool { text.unicodeScalars.contains { $0.properties.isAlphabetic } }

    /// A date of a day or days, not a month, a time alone or "next week".
    static func isDayLevel(_ expression: TemporalExpression) -> Bool {
        expression.stated.contains(.day) && !expression.stated.contains(.relative)
    }

    // MARK: - Lines: "DATE: label", "Label: DATE", a date with its entries under it

    /// The longest line read as one entry (a schedule's entries are short).
    static let longestLine = 400

    static func line(_ index: Int, _ context: NoteContext) -> [Draft] {
        let block = context.blocks[index]
        guard block.text.utf8.count <= longestLine, let first = context.sentencesOfBlock[index].first else { return [] }
        let dates = context.sentencesOfBlock[index].flatMap { context.sentences[$0].dates }.filter {
            $0.when.isDated && (isDayLevel($0) || $0.when.precision == .month && !$0.stated.contains(.relative))
        }
        guard !dates.isEmpty else { return [] }
        _ = first
        let bytes = Array(block.text.utf8)
        // The date that leads the line, else the first one right after a key's colon.
        let expression = onlyMarks(bytes, 0..<dates[0].range.lowerBound) ? dates[0]
            : dates.first { keyColon(bytes, before: $0.range.lowerBound, block) != nil } ?? dates[0]
        let events = context.headings(of: index).first.map(Events.isEventSection) == true
            || block.parent.map { Events.isEventSection(context.blocks[$0].text) } == true
        // The date leads: "12 October: deadline for …", "**Monday 5th May**: Week 1 — Code Freeze".
        if onlyMarks(bytes, 0..<expression.range.lowerBound) {
            let end = endOfDates(expression, dates, bytes)
            var k = end
            while k < bytes.count, bytes[k] == 0x20 { k += 1 }
            if k >= bytes.count {
                // A date alone: the list items under it are its entries.
                return children(of: index, context).flatMap { child -> [Draft] in
                    let text = context.blocks[child].text
                    let entry = Entry(block: child, label: 0..<text.utf8.count, expression: expression, rest: [],
                        eventsByDefault: events, isKey: false, rule: #function)
                    return drafts(for: entry, context)
                }
            }
            guard let label = afterSeparator(bytes, from: k) else { return [] }
            // "6th March 2024: sprint, summit and student projects": a paragraph on the note's own day is its
            // date line, not an entry.
            if block.kind == .paragraph, expression.when.start == context.info.date { return [] }
            let entry = Entry(block: index, label: label, expression: expression, rest: [0..<end],
                eventsByDefault: events, isKey: false, rule: #function)
            let made = drafts(for: entry, context)
            // "**16 November (final branching)**: The branch takes changes one last time…": a sentence after the
            // date says no name; the words in parentheses do.
            if made.isEmpty, let named = parenthesisedLabel(bytes, expression.range.upperBound..<end) {
                return drafts(for: Entry(block: index, label: named, expression: expression, rest: [0..<end],
                    eventsByDefault: events, isKey: false, rule: #function), context)
            }
            return made
        }
        // The key leads: "Submission deadline: 30 November", "[Tidecon](…): May 8. Ghent, BE".
        guard let colon = keyColon(bytes, before: expression.range.lowerBound, block) else { return [] }
        let label = 0..<colon
        let end = endOfDates(expression, dates, bytes)
        let entry = Entry(block: index, label: label, expression: expression, rest: [expression.range.lowerBound..<min(bytes.count, end + 40)],
            eventsByDefault: events, isKey: true, rule: #function)
        var made = Self.drafts(for: entry, context)
        // "…: May 8. Amsterdam, NL. Free registration": a short run of capitalised words after the date is its place;
        // else, for the page's own dates ("When:"), a "Where:" line beside them.
        let pageDates = ScheduleCues.words(block.text(label)).allSatisfy(Cues.pageDateKeys.contains)
        if let place = placeAfter(end, bytes) ?? (pageDates ? placeLine(near: index, context) : nil) {
            for k in made.indices where made[k].item.kind == .event && made[k].item.location == nil { made[k].item.location = place }
        }
        return made
    }

    // MARK: - Headings that are dates: "== SEP 16" over "**Presence at the X conference**"

    /// A heading that is a date alone dates the bold lines right under it. A timeline runs forward: a date
    /// that states no year is not before the heading above it ("OCT 22", then "JAN 15" of the next year).
    static func datedHeading(_ index: Int, _ context: NoteContext, after previous: inout CivilDate?) -> [Draft] {
        let block = context.blocks[index]
        let bytes = Array(block.text.utf8)
        let dates = context.sentencesOfBlock[index].flatMap { context.sentences[$0].dates }
        guard bytes.count <= longestLine, var expression = dates.first, expression.when.isDated, isDayLevel(expression),
            onlyMarks(bytes, 0..<expression.range.lowerBound),
            bytes[endOfDates(expression, dates, bytes)...].allSatisfy({ $0 == 0x20 }),
            var start = expression.when.start
        else { return [] }
        if !expression.stated.contains(.year), let previous {
            var shift = 0
            while start < previous, shift < 12 {
                start = start.adding(months: 12)
                shift += 12
            }
            expression.when.start = start
            expression.when.end = expression.when.end.map { $0.adding(months: shift) }
        }
        previous = start
        // The heading of a minutes' own day is its date, not an entry's.
        guard start != context.info.date else { return [] }
        var drafts: [Draft] = []
        var k = index + 1
        while k < context.blocks.count, context.blocks[k].section == index, !context.blocks[k].isHeading {
            let entry = context.blocks[k]
            let length = entry.text.utf8.count
            if entry.kind == .paragraph, length > 0,
                entry.spans.contains(where: { $0.kind == .strong && $0.range.lowerBound == 0 && $0.range.upperBound >= length })
            {
                drafts += Self.drafts(for: Entry(block: k, label: 0..<length, expression: expression, rest: [],
                    eventsByDefault: false, isKey: false, rule: #function), context)
            }
            k += 1
        }
        return drafts
    }

    /// The words in parentheses right after a date, when they are words and not a time, zone or hedge.
    static func parenthesisedLabel(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        guard let open = bytes[range].firstIndex(of: UInt8(ascii: "(")),
            let close = bytes[open..<range.upperBound].firstIndex(of: UInt8(ascii: ")")), close > open + 1
        else { return nil }
        let inside = open + 1..<close
        guard !bytes[inside].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return inside
    }

    /// Only spaces and markup marks before the date.
    static func onlyMarks(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes[range].allSatisfy { $0 == 0x20 || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "[") }
    }

    /// Past the date and what restates it: "(AoE)", "(or earlier)", "onwards", "/ 18:00 PDT Thursday 6th
    /// October", a closing bracket or bold.
    static func endOfDates(_ expression: TemporalExpression, _ dates: [TemporalExpression], _ bytes: [UInt8]) -> Int {
        var end = expression.range.upperBound
        var progressed = true
        while progressed {
            progressed = false
            var k = end
            while k < bytes.count, bytes[k] == 0x20 || bytes[k] == UInt8(ascii: "*") || bytes[k] == UInt8(ascii: "]") || bytes[k] == UInt8(ascii: "_") {
                k += 1
            }
            if k < bytes.count, bytes[k] == UInt8(ascii: "("), let close = bytes[k...].firstIndex(of: UInt8(ascii: ")")), close - k <= 24 {
                end = close + 1
                progressed = true
                continue
            }
            if k < bytes.count, bytes[k] == UInt8(ascii: "/") || bytes[k] == UInt8(ascii: ",") || bytes[k] == UInt8(ascii: "&"),
                let next = dates.first(where: { $0.range.lowerBound > k && $0.range.lowerBound <= k + 3 })
            {
                end = next.range.upperBound
                progressed = true
                continue
            }
            if let word = wordAt(bytes, k), Cues.dateTrailers.contains(word.lowercased()) {
                end = k + word.utf8.count
                progressed = true
                continue
            }
            if k > end, k <= bytes.count { end = k }
        }
        return end
    }

    static func wordAt(_ bytes: [UInt8], _ k: Int) -> String? {
        var j = k
        while j < bytes.count, (bytes[j] | 0x20) >= 0x61 && (bytes[j] | 0x20) <= 0x7A { j += 1 }
        return j > k ? String(decoding: bytes[k..<j], as: UTF8.self) : nil
    }

    /// The label after a separator (":", "-", "–", "—", "|"), and "Week 3 —" before it; nil when no
    /// separator follows the date (a sentence that starts with a date is prose, not an entry).
    static func afterSeparator(_ bytes: [UInt8], from start: Int) -> Range<Int>? {
        var k = start
        func skipSeparator() -> Bool {
            let text = String(decoding: bytes[k..<min(bytes.count, k + 3)], as: UTF8.self)
            for mark in [":", "-", "–", "—", "|"] where text.hasPrefix(mark) {
                k += mark.utf8.count
                while k < bytes.count, bytes[k] == 0x20 { k += 1 }
                return true
            }
            return false
        }
        guard skipSeparator() else { return nil }
        // "Week 11 — Code Freeze": the week number is the schedule's, not the label's.
        if let word = wordAt(bytes, k), word.lowercased() == "week" {
            var j = k + 4
            while j < bytes.count, bytes[j] == 0x20 { j += 1 }
            let digits = j
            while j < bytes.count, bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
            if j > digits {
                while j < bytes.count, bytes[j] == 0x20 { j += 1 }
                let saved = k
                k = j
                if !skipSeparator() { k = saved }
            }
        }
        return k < bytes.count ? k..<bytes.count : nil
    }

    /// The colon that ends a key just before the date ("Submission deadline: 30 November"): a short key,
    /// the date right after it.
    static func keyColon(_ bytes: [UInt8], before date: Int, _ block: Block) -> Int? {
        var k = date - 1
        while k >= 0, bytes[k] == 0x20 || bytes[k] == UInt8(ascii: "*") || bytes[k] == UInt8(ascii: "_") { k -= 1 }
        guard k > 0, k >= date - 4, bytes[k] == UInt8(ascii: ":") else { return nil }
        // The key is short and is not a sentence.
        let key = block.text(0..<k)
        guard key.split(separator: " ").count <= 10, !key.contains(". ") else { return nil }
        if block.spans.contains(where: { $0.kind == .url && $0.range.contains(k) }) { return nil }
        return k
    }

    /// "Where: San Jose Convention Center - San Jose, CA": the place a `Where:` or `Location:` line within two
    /// blocks of a date line gives.
    static func placeLine(near index: Int, _ context: NoteContext) -> String? {
        let blocks = context.blocks
        for k in max(0, index - 2)...min(blocks.count - 1, index + 2) where k != index && blocks[k].kind == blocks[index].kind {
            let text = blocks[k].text.trimmingSpaces()
            for key in Cues.placeKeys.map({ $0.capitalized + ":" }) where text.hasPrefix(key) {
                let place = String(text.dropFirst(key.count)).trimmedPhrase()
                if !place.isEmpty, place.count <= 120 { return place }
            }
        }
        return nil
    }

    /// "Amsterdam, NL", "Online": one to three capitalised words alone in the sentence after the date.
    static func placeAfter(_ end: Int, _ bytes: [UInt8]) -> String? {
        var k = end
        guard k < bytes.count, bytes[k] == UInt8(ascii: ".") else { return nil }
        k += 1
        while k < bytes.count, bytes[k] == 0x20 { k += 1 }
        guard let stop = bytes[k...].firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "!") }) else { return nil }
        let text = String(decoding: bytes[k..<stop], as: UTF8.self).trimmingSpaces()
        let words = text.split(separator: " ")
        guard (1...3).contains(words.count),
            words.allSatisfy({ $0.first?.isUppercase == true || $0 == "," }), !text.contains(where: \.isNumber)
        else { return nil }
        return text
    }

    static func children(of index: Int, _ context: NoteContext) -> [Int] {
        var result: [Int] = []
        var k = index + 1
        while k < context.blocks.count, context.note.document.listAncestors(of: k).contains(index) {
            if context.blocks[k].parent == index, context.blocks[k].isListItem { result.append(k) }
            k += 1
        }
        return result
    }

    // MARK: - What an entry is

    static func drafts(for entry: Entry, _ context: NoteContext) -> [Draft] {
        let block = context.blocks[entry.block]
        var labelRange = entry.label
        // "Release retrospective 16:00 UTC": a clock time ending the label is the date's.
        let labelDates = context.sentencesOfBlock[entry.block].flatMap { context.sentences[$0].dates }
        if let time = labelDates.last(where: { labelRange.contains($0.range.lowerBound) && $0.stated.contains(.time) && !$0.stated.contains(.day) }),
            block.text(time.range.upperBound..<labelRange.upperBound).trimmingSpaces().isEmpty,
            time.range.lowerBound > labelRange.lowerBound
        {
            labelRange = labelRange.lowerBound..<time.range.lowerBound
        }
        let raw = block.text(labelRange)
        let label = ScheduleCues.cleanLabel(raw) + (entry.qualifier.isEmpty ? "" : " " + entry.qualifier)
        guard !label.isEmpty, label.split(separator: " ").count <= 14 else { return [] }
        let words = ScheduleCues.words(label)
        // "Newcomers breakfast: June 9, 8:00 - 9:00AM": a key given a slot of time is something that happens.
        // ("When: 17:00-18:00 UTC" is a meeting's own line: the key must name the thing.)
        let slot = entry.isKey && entry.expression.when.endTime != nil
            && !words.allSatisfy { Cues.pageDateKeys.contains($0) || Cues.genericKeys.contains($0) }
        guard let kind = ScheduleCues.classify(words, label: label, isKey: entry.isKey, eventsByDefault: entry.eventsByDefault || slot)
        else { return [] }
        // "Next meeting: Wednesday 26 October": a meeting line is the meetings reader's.
        if entry.isKey, kind.kind == .meeting { return [] }
        var when = entry.expression.when
        // "AUG 19 - 26: Students submit their final work": what must be done within days is due on the last.
        if kind.kind == .deadline, when.precision == .day, let end = when.end, end != when.start {
            when = When(start: end, precision: .day, tentative: when.tentative)
        }
        let unitDates = context.sentencesOfBlock[entry.block].flatMap { context.sentences[$0].dates }
        // "17:00 UTC / 09:00 PDT Tuesday 13th December": one instant in two zones; the first zone stated.
        if let before = unitDates.last(where: { $0.range.upperBound <= entry.expression.range.lowerBound }),
            before.stated.contains(.time), !before.stated.contains(.day),
            block.text(before.range.upperBound..<entry.expression.range.lowerBound).trimmingSpaces() == "/",
            when.end == nil || when.end == when.start
        {
            when.startTime = before.when.startTime
            when.endTime = nil
            when.zone = before.when.zone
            when.precision = .datetime
        }
        // A clock time elsewhere in the unit ("(23:59 UTC)", "at 10:00 AM (PDT)") times a one-day entry.
        if when.precision != .datetime, when.end == nil || when.end == when.start {
            let ranges = [entry.label] + entry.rest
            if let time = unitDates.first(where: { t in
                t.stated.contains(.time) && !t.stated.contains(.day) && ranges.contains { $0.contains(t.range.lowerBound) }
            }) {
                when.startTime = time.when.startTime
                when.endTime = time.when.endTime
                when.zone = time.when.zone
                when.precision = .datetime
            }
        }
        let evidence = context.evidence(block: entry.block, at: entry.label.lowerBound, quote: NoteContext.quote(block.text))
        let url = block.spans.first { $0.url != nil && entry.label.contains($0.range.lowerBound) }?.url
        var result: [Draft] = []
        for title in kind.titles {
            var item = Item(kind: kind.kind, subkind: kind.subkind, title: ScheduleCues.capitalized(title), when: when, sources: [evidence])
            item.status = status(of: when, context)
            if kind.kind == .event {
                item.url = url
                // "Presence at the X conference in Nice, France".
                item.location = context.sentencesOfBlock[entry.block].lazy.compactMap { sentence -> String? in
                    let sentence = context.sentences[sentence]
                    return sentence.range.overlaps(entry.label) ? Places.location(in: sentence, context) : nil
                }.first
            }
            if kind.pageEvent {
                // An agenda's "Dates:" are its meeting's (Meetings reads them).
                let what = whatLine(near: entry.block, context).flatMap { ScheduleCues.namesMeeting($0) ? nil : $0 }
                guard let page = what ?? pageTitle(entry.block, context), !ScheduleCues.namesMeeting(page) else { continue }
                item.title = ScheduleCues.editionName(page) ?? page
                // "Cocktail Hour" over "When: 5:30pm, Nov 7": a section's own thing is what its heading's noun says.
                if page != context.info.title, !words.contains(where: { Cues.eventNouns[$0] != nil }) {
                    item.subkind = Events.eventNounSubkind(page) ?? .other
                }
            }
            result.append(Draft(item, block: entry.block, confidence: 0.9, rule: entry.rule, file: #fileID))
        }
        return result
    }

    /// A dated thing's status against the note's day: past, tentative (hedged and not past) or scheduled.
    static func status(of when: When, _ context: NoteContext) -> Item.Status {
        guard let last = when.lastDay else { return .scheduled }
        if when.tentative, last >= context.info.date { return .tentative }
        return last < context.info.date ? .past : .scheduled
    }

    /// "**What**: The 4th Harbour Meeting" beside a "When:" line (within three blocks): what the line dates.
    static func whatLine(near index: Int, _ context: NoteContext) -> String? {
        for other in max(0, index - 3)..<min(context.blocks.count, index + 4) where other != index {
            let block = context.blocks[other]
            guard let lead = block.leadIn, block.text(lead.range).trimmedPhrase().lowercased() == "what" else { continue }
            let value = block.text(lead.range.upperBound..<block.text.utf8.count).trimmedPhrase()
            if !value.isEmpty { return value }
        }
        return nil
    }

    /// What the entry's section is about: its nearest heading that is not a section's name ("Important
    /// dates"), else the page's title.
    static func pageTitle(_ index: Int, _ context: NoteContext) -> String? {
        if let heading = context.headings(of: index).first(where: { !ScheduleCues.isSectionName($0) }) { return heading.trimmedPhrase() }
        return context.info.title
    }
}

/// What a schedule entry's label says it is.
enum ScheduleCues {
    struct Verdict {
        var kind: Item.Kind
        var subkind: Item.Subkind?
        /// One title a thing: "Code Freeze and Test Freeze" are two deadlines.
        var titles: [String]
        /// The entry dates the page's own event ("Conference dates: …").
        var pageEvent = false
    }

    static let dateHeaders = Cues.scheduleDateHeaders
    static let titleHeaders = Cues.scheduleTitleHeaders
    static let eventHeaders = Cues.scheduleEventHeaders
    static let noPlace: Set<String> = ["-", "—", "–", "tbd", "tba", "n/a", "?"]

    /// A header cell as a key: lower-cased, without markup marks.
    static func headerKey(_ text: String) -> String { text.lowercased().trimmedPhrase() }

    static func isSectionName(_ text: String) -> Bool {
        let tokens = words(text)
        return !tokens.isEmpty && tokens.allSatisfy { Cues.sectionNames.contains($0) || $0 == "important" }
    }

    /// Lower-cased words, versions kept whole ("v1.22.0-rc.1").
    static func words(_ text: String) -> [String] {
        text.lowercased().split { c in !(c.isLetter || c.isNumber || c == "-" || c == "." || c == "+" || c == "'" || c == ";") }
            .map { String($0).trimming { ".-'".unicodeScalars.contains($0) } }
            .filter { !$0.isEmpty }
    }

    /// The label without what is not its name: a time or zone in parentheses, "Begin", markup marks.
    static func cleanLabel(_ text: String) -> String {
        var label = text.trimmingSpaces()
        // "(23:59 PDT)", "(EOD PST)", "(AoE)": the date's, not the name's.
        while let open = label.range(of: " (", options: .backwards), label.hasSuffix(")") {
            let inside = label[open.upperBound..<label.index(before: label.endIndex)]
            guard inside.contains(where: \.isNumber) || ["eod", "aoe", "utc"].contains(where: inside.lowercased().contains) else { break }
            label = String(label[..<open.lowerBound])
        }
        // "\"Feature Freeze\" begins": the name, without its quotes or the verb that starts it.
        var trimmed = label.replacingOccurrences(of: "\"", with: "").trimmedPhrase()
        for lead in ["Begin ", "begin "] where trimmed.hasPrefix(lead) { trimmed = String(trimmed.dropFirst(lead.count)) }
        for end in [" begins", " starts"] where trimmed.hasSuffix(end) { trimmed = String(trimmed.dropLast(end.count)) }
        return trimmed.trimmedPhrase()
    }

    /// "1.22.0-alpha.1", "v1.37.0-rc.0", "v2.0": a version (two numbers at least).
    static func isVersion(_ word: String) -> Bool {
        var s = Substring(word)
        if s.hasPrefix("v") { s = s.dropFirst() }
        let core = s.prefix { $0.isNumber || $0 == "." }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    static func isPrerelease(_ word: String) -> Bool {
        isVersion(word) && ["alpha", "beta", "rc", "pre", "preview"].contains { word.contains($0) }
    }

    /// "KubeCon", "PyCon", "RustConf", "DebConf": a conference by its name's ending.
    static func isConferenceName(_ word: String) -> Bool {
        let lower = word.lowercased()
        guard word.first?.isUppercase == true, word.count > 5 else { return false }
        return (lower.hasSuffix("con") || lower.hasSuffix("conf")) && word.dropFirst().contains(where: \.isUppercase)
    }

    static func classify(_ words: [String], label: String, isKey: Bool, eventsByDefault: Bool) -> Verdict? {
        let has = { (set: WordSet) in words.contains(where: set.contains) }
        // "Candidates self-nominate by: Jan 7": a key that ends in "by" is what must be done by its day.
        let deadline = has(Cues.scheduleDeadlineWords) || isKey && words.count > 1 && words.last == "by"
        // "Call for Papers" alone: the call opens.
        if words.first == "call", words.dropFirst().first == "for" { return nil }
        if has(Cues.scheduleReminderWords) { return nil }
        // "End of code freeze", "Notify the list of lifting code freeze": a cut-off's end is no cut-off.
        if words.starts(with: ["end", "of"]) || has(Cues.scheduleThawWords) { return nil }
        if has(Cues.scheduleNoticeWords), !has(Cues.scheduleStrongDeadlineWords),
            !deadline || words.contains("open") || words.contains("opens")
        {
            return nil
        }
        let eventNouns = words.compactMap { word in Cues.weakEventNouns.contains(word) ? nil : Cues.eventNouns[word] }
        let conference = label.split(separator: " ").contains { isConferenceName(String($0)) }
        if has(Cues.scheduleStartWords), !deadline, eventNouns.isEmpty, !conference { return nil }
        // A team's meetings ("Burndown meetings", "Release retrospective"); a capitalised "Meeting" names an event.
        let meetingWord = words.indices.first { i in
            Cues.scheduleMeetingWords.contains(words[i]) && !(words[i] == "call" && i + 1 < words.count && words[i + 1] == "for")
        }
        if let meetingWord, !deadline, !(words[meetingWord] == "meeting" && label.contains("Meeting")) {
            return Verdict(kind: .meeting, subkind: .call, titles: [label])
        }
        if deadline {
            return Verdict(kind: .deadline, subkind: deadlineSubkind(words), titles: deadlineTitles(label))
        }
        if words.contains("calls"), words.contains("for") {
            return Verdict(kind: .deadline, subkind: .other, titles: [capitalized(label)])
        }
        let version = words.contains(where: isVersion)
        // "| v1.10.0 | Branch Manager | 26 |": a version alone in a schedule is its release.
        if words.contains("released") || (words.contains("release") && version) || words.contains(where: isPrerelease)
            || words.count == 1 && version
        {
            var title = label.replacingOccurrences(of: " released", with: "", options: .caseInsensitive)
            if !title.lowercased().contains("release") { title += " release" }
            return Verdict(kind: .event, subkind: .release, titles: [title])
        }
        // "Conference dates", "Dates": the page's event.
        if isKey, words.contains(where: { $0 == "dates" }) || words.contains("date") && words.count > 1 || words == ["when"],
            words.allSatisfy(Cues.pageDateKeys.contains)
        {
            let noun = words.lazy.compactMap { Cues.eventNouns[$0] }.first
            return Verdict(kind: .event, subkind: noun ?? .conference, titles: [label], pageEvent: true)
        }
        if let noun = eventNouns.last { return Verdict(kind: .event, subkind: noun, titles: [label]) }
        if conference {
            return Verdict(kind: .event, subkind: .conference, titles: [label])
        }
        if eventsByDefault, label.contains(where: \.isUppercase) || label.contains(where: \.isNumber) {
            return Verdict(kind: .event, subkind: .other, titles: [label])
        }
        return nil
    }

    /// "Agenda for the 76th meeting", "Minutes of the board call": a page about a meeting.
    static func namesMeeting(_ title: String) -> Bool {
        let tokens = title.split(separator: " ")
        return tokens.contains { token in
            let word = token.lowercased().trimming(where: CharacterSet.punctuationCharacters.contains)
            return Cues.meetingPageWords.contains(word) || (token.first?.isLowercase == true && Cues.callWords.contains(word))
        }
    }

    /// "Call for Participation to the FOSDEM 2026 Devroom" → "FOSDEM 2026": the capitalised name before a
    /// year inside a longer title is the edition the page is about.
    static func editionName(_ title: String) -> String? {
        let tokens = title.split(separator: " ").map(String.init)
        guard let year = tokens.indices.first(where: { i in
            i > 0 && Cues.isYear(tokens[i])
        }), year < tokens.count - 1 else { return nil }
        var start = year
        while start > 0, tokens[start - 1].first?.isUppercase == true, !Cues.nameStoppers.contains(tokens[start - 1].lowercased()) { start -= 1 }
        guard start < year else { return nil }
        return tokens[start...year].joined(separator: " ")
    }

    static func deadlineSubkind(_ words: [String]) -> Item.Subkind {
        let has = { (set: WordSet) in words.contains(where: set.contains) }
        if has(Cues.cfpWords) { return .cfp }
        if has(Cues.submissionWords) { return .submission }
        if has(Cues.registrationWords) { return .registration }
        if has(Cues.applicationWords) { return .application }
        return .other
    }

    /// "deadline for stands and lightning talks" → "Stands deadline", "Lightning talks deadline";
    /// "Code Freeze and Test Freeze" → both; "deadline for developer room proposals" → "Developer room
    /// proposals deadline".
    static func deadlineTitles(_ label: String) -> [String] {
        let lower = label.lowercased()
        for lead in ["final deadline for ", "deadline for "] where lower.hasPrefix(lead) {
            let qualifier = lead.hasPrefix("final") ? "final deadline" : "deadline"
            let rest = String(label.dropFirst(lead.count))
            var parts = rest.components(separatedBy: " and ")
            if parts.count == 2, parts.allSatisfy({ (1...3).contains($0.split(separator: " ").count) }) {
                // "poster and demo proposals": both are proposals.
                if let head = parts[1].split(separator: " ").last, parts[1].contains(" "), !parts[0].contains(" "),
                    Cues.distributedHeads.contains(head.lowercased())
                {
                    parts[0] += " " + head
                }
                return parts.map { capitalized($0) + " " + qualifier }
            }
            return [capitalized(rest) + " " + qualifier]
        }
        let parts = label.components(separatedBy: " and ")
        if parts.count == 2, parts.allSatisfy({ words($0).contains(where: { ["freeze", "deadline", "slush", "cutoff"].contains($0) }) }) {
            return parts.map { $0.trimmedPhrase() }
        }
        return [capitalized(label)]
    }

    /// "weekly triage meetings" → "Weekly triage meetings"; "v3.4.0 release" and "iOS" stay.
    static func capitalized(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        let word = text.prefix { $0 != " " }
        if word.contains(where: { $0.isNumber || $0.isUppercase }) { return text }
        return first.uppercased() + text.dropFirst()
    }
}
