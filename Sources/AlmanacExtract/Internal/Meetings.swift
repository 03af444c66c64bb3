import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead
import AlmanacTime

/// The meeting a note records (date, chair, attendees) and every further call it schedules.
enum Meetings {
    static func extract(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        if let own = ownMeeting(context) { drafts.append(own) }
        drafts += scheduledCalls(context)
        return drafts
    }

    // MARK: - The note's own meeting

    static func ownMeeting(_ context: NoteContext) -> Draft? {
        let info = context.info
        let attendees = attendeeBlock(context)
        let title = info.title ?? "Meeting \(info.date)"
        let lowerTitle = title.lowercased()
        let looksLikeMeeting = ["meeting", "call", "minutes", "notes", "sync", "standup", "stand-up", "weekly", "agenda",
            "retro", "hangout", "catch-up", "catchup"].contains { lowerTitle.contains($0) }
        guard attendees != nil || looksLikeMeeting else { return nil }
        var people: [String] = []
        var evidence: Evidence
        var block = 0
        if let (index, namesOffset) = attendees {
            block = index
            people = Self.people(in: context.blocks[index].text, from: namesOffset)
            let (line, column) = context.blocks[index].location(of: namesOffset)
            let quoteEnd = context.blocks[index].text.utf8.count
            let quote = context.blocks[index].text(namesOffset..<quoteEnd)
            evidence = Evidence(path: info.path, line: line, column: column, quote: NoteContext.quote(quote))
        } else {
            evidence = Evidence(path: info.path, line: info.titleLine ?? context.blocks.first?.line ?? 1, quote: title)
        }
        let item = Item(
            kind: .meeting, subkind: .call, title: title, when: .day(info.date), status: .past, people: people,
            sources: [evidence])
        return Draft(item, block: block)
    }

    /// The block that lists attendees and the offset where the names start: a block that starts with
    /// "Attendees:" (or "Present:"…), or has such a label at the start of one of its lines
    /// ("**Date:** … / **Present:** …").
    static func attendeeBlock(_ context: NoteContext) -> (Int, Int)? {
        for (index, block) in context.blocks.enumerated() where block.kind != .code {
            let lower = block.text.lowercased()
            let lineStarts = block.anchors.filter { $0.column <= 3 }.map(\.offset)
            for label in Cues.attendeeLabels {
                guard let start = lineStarts.first(where: { Self.hasPrefix(lower, label, at: $0) }) ?? (lower.hasPrefix(label) ? 0 : nil)
                else { continue }
                var offset = start + label.utf8.count
                let bytes = Array(block.text.utf8)
                // "Attendees:", "*Attendees*:", "Attendees -"
                while offset < bytes.count, [UInt8(ascii: ":"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: " "),
                    UInt8(ascii: "-")].contains(bytes[offset])
                {
                    offset += 1
                }
                guard offset > start + label.utf8.count, offset < bytes.count || block.isHeading else { continue }
                if block.isHeading || offset >= bytes.count {
                    // A heading or a bare "Attendees:" line: the names are the next block.
                    if index + 1 < context.blocks.count { return (index + 1, 0) }
                    continue
                }
                return (index, offset)
            }
        }
        return nil
    }

    /// Where the next "Label:" starts after `from` (" Regrets: …", " Apologies: …"): a capitalised word,
    /// maybe one lower-case word more, then a colon and a space or the end; the end when there is none.
    static func nextLabel(_ bytes: [UInt8], from: Int) -> Int {
        var i = from
        while i < bytes.count {
            guard bytes[i] == 0x20, i + 1 < bytes.count, bytes[i + 1] >= 0x41, bytes[i + 1] <= 0x5A else {
                i += 1
                continue
            }
            var j = i + 2
            var spaces = 0
            while j < bytes.count, (bytes[j] >= 0x61 && bytes[j] <= 0x7A) || (bytes[j] == 0x20 && spaces == 0 && j + 1 < bytes.count && bytes[j + 1] >= 0x61 && bytes[j + 1] <= 0x7A) {
                if bytes[j] == 0x20 { spaces += 1 }
                j += 1
            }
            if j > i + 2, j < bytes.count, bytes[j] == UInt8(ascii: ":"), j + 1 == bytes.count || bytes[j + 1] == 0x20 { return i }
            i += 1
        }
        return bytes.count
    }

    static func hasPrefix(_ text: String, _ label: String, at offset: Int) -> Bool {
        let utf8 = text.utf8
        guard offset + label.utf8.count <= utf8.count else { return false }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return utf8[start...].starts(with: label.utf8)
    }

    /// Names from an attendees list: split at commas and "and", chair first, roles and notes dropped; the
    /// list ends at the next "Label:" ("Regrets:", "Apologies:", "Notes:").
    static func people(in text: String, from offset: Int) -> [String] {
        let utf8 = Array(text.utf8)
        let list = String(decoding: utf8[offset..<Self.nextLabel(utf8, from: offset)], as: UTF8.self)
        var names: [String] = []
        var chair: String?
        // Split at commas, semicolons, " and " and " & ".
        for part in parts(list) {
            var name = part
            var isChair = false
            // Roles in parentheses: "(chair)", "(notes)".
            while let open = name.firstIndex(of: "("), let close = name[open...].firstIndex(of: ")") {
                let role = name[name.index(after: open)..<close].lowercased()
                if role.includes("chair") || role.includes("host") || role.includes("facilitat") { isChair = true }
                name.removeSubrange(open...close)
            }
            name = name.trimmedPhrase()
            if name.hasSuffix("?") { name = String(name.dropLast()).trimmedPhrase() }
            // A handle ("@amara") names its person.
            if name.hasPrefix("@"), name.count > 1 { name.removeFirst() }
            guard !name.isEmpty, name.wordCount <= 5, name.first?.isLetter == true, !CommonWords.isOrdinary(name) else { continue }
            if isChair, chair == nil { chair = name } else { names.append(name) }
        }
        if let chair { names.insert(chair, at: 0) }
        return names
    }

    /// The pieces of an attendees list, split at commas, semicolons, "and" and "&" (Characters).
    static func parts(_ list: String) -> [String] {
        var parts: [String] = []
        var current = ""
        let words = list.split(separator: " ", omittingEmptySubsequences: true)
        for word in words {
            if word == "and" || word == "&" {
                parts.append(current)
                current = ""
                continue
            }
            for piece in word.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                if piece.offset > 0 {
                    parts.append(current)
                    current = ""
                }
                for sub in piece.element.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
                    if sub.offset > 0 {
                        parts.append(current)
                        current = ""
                    }
                    if !sub.element.isEmpty { current += current.isEmpty ? String(sub.element) : " " + sub.element }
                }
            }
        }
        parts.append(current)
        return parts
    }

    // MARK: - Scheduled calls

    static func scheduledCalls(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        for sentence in context.sentences where sentence.hasAny(Cues.callWords) {
            guard let callIndex = sentence.words.firstIndex(where: { Cues.callWords.contains($0) }) else { continue }
            let lowerWords = sentence.words.map(\.lower)
            let before = lowerWords[max(0, callIndex - 3)..<callIndex]
            let nextCall = lowerWords.contains("next")
            let noCall = before.contains("no") || sentence.hasAny(.meetings_cancelled)
            let scheduled = sentence.hasAny(.meetings_scheduled)
            guard nextCall || noCall || (scheduled && !sentence.dates.isEmpty) else { continue }
            // "Last call of 2015!", "report back on the next call": a call with nothing to schedule.
            let usable = sentence.dates.filter { expression in
                expression.when.precision != .none && !(expression.when.start.map { $0 < context.info.date } ?? false)
            }
            let block = context.blocks[sentence.block]
            if usable.isEmpty {
                // "The next call is scheduled for NEXT YEAR!": a call with no day.
                guard nextCall, sentence.has("scheduled") || sentence.has("will"), callIndex < 4 else { continue }
                var when = When.undated
                if let vague = sentence.dates.first { when.tentative = vague.when.tentative }
                let item = Item(
                    kind: .meeting, subkind: .call, title: "Next call", when: when, status: .scheduled,
                    sources: [context.evidence(sentence)])
                drafts.append(Draft(item, block: sentence.block, confidence: 0.8))
                continue
            }
            var cancelledUsed = false
            for expression in usable {
                var when = expression.when
                when = Self.callDay(when, noteDate: context.info.date)
                let cancelled = noCall && !cancelledUsed && (sentence.words.firstIndex { $0.range.lowerBound >= expression.range.lowerBound } ?? 0) > callIndex
                if cancelled { cancelledUsed = true }
                var status: Item.Status = cancelled ? .cancelled : (when.tentative ? .tentative : .scheduled)
                if !when.isDated { status = .scheduled }
                let title = cancelled ? "Call (cancelled)" : "Next call"
                let item = Item(
                    kind: .meeting, subkind: .call, title: title, when: when, status: status,
                    sources: [context.evidence(sentence, at: expression.range.lowerBound)])
                _ = block
                drafts.append(Draft(item, block: sentence.block))
            }
        }
        return drafts
    }

    /// A call is a day: a week-sized date is the same weekday as this meeting; a month or year is no day.
    static func callDay(_ when: When, noteDate: CivilDate) -> When {
        var result = when
        switch when.precision {
        case .week:
            if let monday = when.start {
                result = .day(monday.adding(days: noteDate.weekday.rawValue - 1), tentative: when.tentative)
            }
        case .month, .quarter, .year, .none:
            result = When(start: nil, precision: .none, tentative: when.tentative)
        default:
            if let end = when.end, end != when.start { result.end = nil }
        }
        return result
    }
}
