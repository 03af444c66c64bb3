import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead
import AlmanacTime

/// Meetings listed with their dates: the rows of a table of future meetings (`| 2016-01-26 to
/// 2016-01-28 | San Francisco | Host |`) and the entries of a list under a heading or lead line that names
/// scheduled meetings ("Scheduled 2027 meetings:" / `* July 23 – 25, 2027 (Oslo)`).
enum MeetingSchedules {
    static func extract(_ context: NoteContext) -> [Draft] {
        tables(context) + lists(context)
    }

    // MARK: - Tables

    static func tables(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        let blocks = context.blocks
        for rows in context.tables {
            let (start, end) = (rows.lowerBound, rows.upperBound)
            let header = blocks[start].cells.map { blocks[start].text($0).lowercased().trimmedPhrase() }
            // A table of events is the events' ("Event | Date | Location").
            var leads: [Int: Int] = [:]
            guard end - start >= 2, aboutMeetings(start, context, leads: &leads),
                !header.contains(where: { $0.lowercaseWords.contains { Cues.eventColumnWords.contains($0) } })
            else { continue }
            let dateColumn = header.firstIndex { $0.lowercaseWords.contains { Cues.dateColumnWords.contains($0) } }
            let placeColumn = header.firstIndex { $0.lowercaseWords.contains { Cues.placeColumnWords.contains($0) } }
            let hostColumn = header.firstIndex { $0.lowercaseWords.contains { Cues.hostColumnWords.contains($0) } }
            for row in (start + 1)..<end {
                let block = blocks[row]
                func cell(_ column: Int?) -> String? {
                    guard let column, column < block.cells.count else { return nil }
                    let text = block.text(block.cells[column]).trimmedPhrase()
                    return text.isEmpty || Cues.placeholders.contains(text.lowercased()) ? nil : text
                }
                // The date in the date column, else a date that starts a cell.
                let cells = block.cells
                let dated = context.sentencesOfBlock[row].lazy.map { context.sentences[$0] }.flatMap { sentence in
                    sentence.dates.lazy.filter(\.when.isDated).map { (sentence, $0) }
                }.first { _, expression in
                    if let dateColumn, dateColumn < cells.count { return cells[dateColumn].contains(expression.range.lowerBound) }
                    return cells.contains { $0.lowerBound <= expression.range.lowerBound && expression.range.lowerBound <= $0.lowerBound + 2 }
                }
                let when: When
                if let (_, expression) = dated {
                    when = expression.when
                } else if let month = isoMonth(cell(dateColumn ?? 0)) {
                    // "2027-11": a month of its own in the date cell.
                    when = month
                } else {
                    continue
                }
                drafts.append(draft(
                    when: when, place: cell(placeColumn), host: cell(hostColumn), block: row, at: cells.first?.lowerBound ?? 0,
                    context))
            }
        }
        return drafts
    }

    // MARK: - Lists

    /// "Scheduled 2027 meetings:" then `* July 23 – 25, 2027 (Oslo)`: each entry that starts with its date.
    static func lists(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        var leads: [Int: Int] = [:]
        for (index, block) in context.blocks.enumerated() where block.isListItem {
            guard let first = context.sentencesOfBlock[index].first.map({ context.sentences[$0] }),
                let expression = first.dates.first, expression.when.isDated, expression.range.lowerBound <= 2
            else { continue }
            guard aboutMeetings(index, context, leads: &leads) else { continue }
            // What follows the date: a place or host in parentheses, or the meeting's topic.
            let rest = block.text(expression.range.upperBound..<block.text.utf8.count)
                .trimming { " :-–—,|".unicodeScalars.contains($0) }
            // An event in a list of meetings is an event ("Nov 3: Community hackathon").
            let restWords = rest.lowercaseWords
            if restWords.contains(where: { Cues.eventNouns[$0] != nil && !Cues.weakEventNouns.contains($0) }),
                !restWords.contains(where: Cues.meetingTitleWords.contains)
            {
                continue
            }
            var place: String?
            var topic: String?
            if rest.hasPrefix("("), rest.hasSuffix(")") {
                place = String(rest.dropFirst().dropLast()).trimmedPhrase()
            } else if !rest.isEmpty, rest.wordCount <= 10 {
                topic = rest.trimmedPhrase()
            }
            drafts.append(draft(when: expression.when, place: place, host: nil, topic: topic, block: index, at: 0, context))
        }
        return drafts
    }

    // MARK: - Shared

    static func draft(
        when: When, place: String?, host: String?, topic: String? = nil, block: Int, at offset: Int, _ context: NoteContext,
        rule: String = #function
    ) -> Draft {
        var title = "Meeting"
        if let topic, !topic.isEmpty { title += ": " + topic }
        if let place { title += ", " + place }
        if let host { title += " (" + host + ")" }
        var when = when
        // A meeting spans days, not the hours of a session.
        if when.precision == .datetime, let end = when.end, end != when.start {
            when = When(start: when.start, end: end, precision: .day, tentative: when.tentative)
        }
        let status: Item.Status
        if let last = when.lastDay, last < context.info.date {
            status = .past
        } else {
            status = when.tentative ? .tentative : .scheduled
        }
        let item = Item(
            kind: .meeting, subkind: .call, title: title, when: when, status: status, location: place,
            sources: [context.evidence(block: block, at: offset, quote: NoteContext.quote(context.blocks[block].text))])
        return Draft(item, block: block, confidence: 0.9, rule: rule)
    }

    /// A cell that is only an ISO year and month ("2027-11"): that month.
    static func isoMonth(_ text: String?) -> When? {
        guard let text, text.utf8.count == 7 else { return nil }
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            let start = CivilDate(year: year, month: month, day: 1)
        else { return nil }
        return When(start: start, precision: .month)
    }

    static func depth(_ block: Block) -> Int? {
        if case .listItem(let depth) = block.kind { return depth }
        return nil
    }

    /// Whether a table or list entry is about scheduled meetings: its heading, the lead line before its
    /// list or table, or its parent list item names meetings and their schedule ("Dates and locations of
    /// future meetings", "Scheduled 2027 meetings:", "Date and place of the next meetings").
    /// `leads`: the lead line found for each list item asked about, so a long list is walked once.
    static func aboutMeetings(_ index: Int, _ context: NoteContext, leads: inout [Int: Int]) -> Bool {
        let blocks = context.blocks
        var texts: [String] = []
        if let heading = context.headings(of: index).first { texts.append(heading) }
        // The lead line: the nearest block before the list or table that is not part of it (an earlier
        // item of the same depth has the same one).
        var k = index - 1
        while k >= 0, blocks[k].kind == .tableRow && blocks[index].kind == .tableRow
            || depth(blocks[k]).map({ $0 >= (depth(blocks[index]) ?? Int.max) }) == true
        {
            if blocks[k].kind == blocks[index].kind, let known = leads[k] {
                k = known
                break
            }
            k -= 1
        }
        leads[index] = k
        if k >= 0, !blocks[k].isHeading, blocks[k].text.wordCount <= 12 { texts.append(blocks[k].text) }
        if let parent = blocks[index].parent { texts.append(blocks[parent].text) }
        return texts.contains { text in
            let words = text.lowercaseWords
            var meeting = false
            for (n, word) in words.enumerated() where Cues.scheduledMeetingWords.contains(word) {
                if (word == "call" || word == "calls"), n + 1 < words.count, words[n + 1] == "for" { continue }
                meeting = true
            }
            return meeting && words.contains(where: Cues.scheduleWords.contains) && !words.contains(where: Cues.eventListWords.contains)
        }
    }
}
