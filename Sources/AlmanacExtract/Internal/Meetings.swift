import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead
import AlmanacTime

/// The meeting a note records (date, chair, attendees) and every further call it schedules.
enum Meetings {
    static func extract(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        let own = ownMeeting(context)
        if let own { drafts.append(own) }
        var handled = Set<Int>()
        drafts += scheduledCalls(context, handled: &handled)
        drafts += datedMentions(context, skipping: handled, recordsMeeting: own != nil)
        drafts += MeetingSchedules.extract(context)
        return drafts
    }

    // MARK: - The note's own meeting

    /// The meeting the note records, when it records one: it lists attendees, or its title (else an
    /// agenda or minutes heading near its top) names a meeting ("Weekly sync", "Agenda for the 60th
    /// meeting", "Board minutes"). A newsletter, a post, a call for participation or a conference's page
    /// ("2012 Developers' Meeting") records none.
    static func ownMeeting(_ context: NoteContext) -> Draft? {
        let info = context.info
        let attendance = Attendance.find(context)
        let named = recordHeading(context)
        guard attendance != nil || named != nil else { return nil }
        let title = named?.title ?? info.title ?? "Meeting \(info.date)"
        var evidence: Evidence
        var block = 0
        if let attendance {
            block = attendance.block
            let (line, column) = context.blocks[block].location(of: attendance.offset)
            let text = context.blocks[block].text
            let quote = context.blocks[block].text(attendance.offset..<text.utf8.count)
            evidence = Evidence(path: info.path, line: line, column: column, quote: NoteContext.quote(quote))
        } else {
            evidence = Evidence(path: info.path, line: named?.line ?? info.titleLine ?? context.blocks.first?.line ?? 1, quote: title)
        }
        var when = When.day(info.date)
        var status = Item.Status.past
        var location: String?
        if let header = headerFacts(context, after: named?.block) {
            if let stated = header.when, let start = stated.start, abs(start.dayNumber - info.date.dayNumber) <= 60 {
                when = stated
                if start > info.date { status = .scheduled }
            }
            location = header.location
        }
        let item = Item(
            kind: .meeting, subkind: .call, title: title, when: when, status: status, location: location,
            people: attendance?.people ?? [], sources: [evidence])
        var draft = Draft(item, block: block)
        draft.isOwnMeeting = true
        return draft
    }

    /// The title that names the meeting the note records, with its line and block (nil for a title
    /// from front matter): the note's title, else a heading among the first blocks that names an
    /// agenda or minutes of a meeting.
    static func recordHeading(_ context: NoteContext) -> (title: String, line: Int?, block: Int?)? {
        let info = context.info
        if let title = info.title, namesRecord(title) {
            let block = context.blocks.indices.prefix(12).first { context.blocks[$0].isHeading && context.blocks[$0].text == title }
            return (title, info.titleLine, block)
        }
        for index in context.blocks.indices.prefix(24) where context.blocks[index].isHeading {
            let text = context.blocks[index].text
            let words = text.lowercaseWords
            guard words.contains(where: Cues.recordWords.contains), namesRecord(text) else { continue }
            // A bare "Agenda" or "Minutes" section: the note records a meeting, its title names it; an
            // "Agenda" is a meeting's only under a title that is a day ("2023-08-22"), not a conference's.
            if words.allSatisfy(Cues.recordWords.contains) {
                guard words.contains("minutes") || titleIsADay(context) else { continue }
                return (info.title ?? text, info.titleLine ?? context.blocks[index].line, nil)
            }
            return (text, context.blocks[index].line, index)
        }
        return nil
    }

    /// Whether the note has no title or a title that is a day ("2023-08-22", "Notes, 4 March").
    static func titleIsADay(_ context: NoteContext) -> Bool {
        guard let title = context.info.title else { return true }
        guard let heading = context.blocks.indices.prefix(12).first(where: { context.blocks[$0].isHeading && context.blocks[$0].text == title })
        else { return false }
        return context.sentencesOfBlock[heading].contains { context.sentences[$0].dates.contains { $0.when.precision == .day } }
    }

    /// Whether a title names the record of a meeting: a meeting word ("meeting", "call", "sync",
    /// "minutes", "agenda"…), not a call for something ("Call for Participation"), not release notes,
    /// and not an edition of a named event ("2012 Developers' Meeting": a year of its own and no day).
    static func namesRecord(_ title: String) -> Bool {
        let words = title.lowercaseWords
        var named = false
        for (k, word) in words.enumerated() {
            if word == "call", k + 1 < words.count, words[k + 1] == "for" { continue }
            if word == "notes", k > 0, words[k - 1] == "release" { continue }
            if Cues.meetingTitleWords.contains(word) || Cues.recordWords.contains(word) { named = true }
            if k + 1 < words.count, word == "stand" || word == "catch", words[k + 1] == "up" { named = true }
        }
        guard named else { return false }
        if !words.contains(where: Cues.recordWords.contains) {
            let year = title.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ":" || $0 == "(" || $0 == ")" })
                .contains { Cues.isYear($0) }
            let day = words.contains(where: Cues.monthNames.contains) || title.contains(where: { $0 == "-" || $0 == "/" || $0 == "." })
                && title.contains(where: \.isNumber) && words.contains { $0.count <= 2 && $0.allSatisfy(\.isNumber) }
            if year && !day { return false }
        }
        return true
    }

    /// What a meeting's header block states (`**Dates**: 26-28 September 2017`, `When: …`, `Location:
    /// …`): its days (a range, at day precision: the times of day belong to the sessions) and place. The
    /// header is the `Key: value` lines and bullets after the title, before the next heading.
    static func headerFacts(_ context: NoteContext, after titleBlock: Int?) -> (when: When?, location: String?)? {
        let blocks = context.blocks
        var index = titleBlock.map { $0 + 1 } ?? 0
        var when: When?
        var location: String?
        var locationRank = Int.max
        var seen = 0
        while index < blocks.count, seen < 30 {
            let block = blocks[index]
            if block.isHeading { if titleBlock != nil || seen > 0 { break } else { index += 1; continue } }
            seen += 1
            defer { index += 1 }
            guard let (key, valueStart) = keyValue(block) else { continue }
            if Cues.meetingDateKeys.contains(key), when == nil {
                // The days in the value and in the bullets under it ("Dates and times:" with a bullet a day).
                var days: [When] = []
                var k = index
                repeat {
                    for sentence in context.sentencesOfBlock[k].map({ context.sentences[$0] }) {
                        for expression in sentence.dates where expression.when.isDated && (k != index || expression.range.lowerBound >= valueStart) {
                            days.append(expression.when)
                        }
                    }
                    k += 1
                } while k < blocks.count && blocks[k].parent.map({ $0 == index || blocks[$0].parent == index }) == true
                if let first = days.compactMap(\.start).min(), let last = days.compactMap(\.lastDay).max(),
                    days.allSatisfy({ $0.precision == .day || $0.precision == .datetime })
                {
                    when = When(start: first, end: last > first ? last : nil, precision: .day)
                }
            }
            if let rank = Cues.meetingPlaceKeys.firstIndex(of: key), rank < locationRank {
                let value = block.text(valueStart..<block.text.utf8.count).trimmedPhrase()
                if !value.isEmpty, value.wordCount <= 12, !value.lowercased().hasPrefix("link") {
                    location = value
                    locationRank = rank
                }
            }
        }
        return when == nil && location == nil ? nil : (when, location)
    }

    /// A block that starts `Key: value` ("**Dates**: …", "Location: …"): the lower-cased key and where its
    /// value starts.
    static func keyValue(_ block: Block) -> (String, Int)? {
        let bytes = Array(block.text.utf8)
        var colon = 0
        while colon < bytes.count, colon < 40, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < bytes.count, colon < 40, colon > 0 else { return nil }
        let key = String(decoding: bytes[0..<colon], as: UTF8.self).lowercased().trimming { " *_".unicodeScalars.contains($0) }
        guard !key.isEmpty, key.wordCount <= 4 else { return nil }
        var value = colon + 1
        while value < bytes.count, bytes[value] == 0x20 || bytes[value] == UInt8(ascii: "*") || bytes[value] == UInt8(ascii: "_") { value += 1 }
        return (key, value)
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

    /// Names from an attendees list: split at commas and "and", chair first, roles and affiliations in
    /// parentheses dropped; the list ends at the next "Label:" ("Regrets:", "Apologies:", "Notes:").
    static func people(in text: String, from offset: Int) -> [String] {
        let found = people(in: text, from: offset, keepChair: true)
        return (found.chair.map { [$0] } ?? []) + found.people
    }

    /// The chair (marked "(chair)", "(host)", "(facilitator)") apart from the others.
    static func people(in text: String, from offset: Int, keepChair: Bool) -> (chair: String?, people: [String]) {
        let utf8 = Array(text.utf8)
        guard offset < utf8.count else { return (nil, []) }
        let list = String(decoding: utf8[offset..<Self.nextLabel(utf8, from: offset)], as: UTF8.self)
        // Parentheses go first and whole ("(IBM, TAC)" is no two names); a chair's leaves a mark.
        let chairMark: Character = "\u{1}"
        var cleaned = ""
        var inside = ""
        var depth = 0
        for character in list {
            if character == "(" {
                depth += 1
                if depth == 1 { inside = "" }
                continue
            }
            if character == ")", depth > 0 {
                depth -= 1
                if depth == 0 {
                    let role = inside.lowercased()
                    if role.includes("chair") || role.includes("host") || role.includes("facilitat") { cleaned.append(chairMark) }
                }
                continue
            }
            if depth > 0 { inside.append(character) } else { cleaned.append(character) }
        }
        var names: [String] = []
        var chair: String?
        // Split at commas, semicolons, " and " and " & ".
        for part in parts(cleaned) {
            let isChair = part.contains(chairMark)
            var name = part.filter { $0 != chairMark }.trimmedPhrase()
            if name.hasSuffix("?") { name = String(name.dropLast()).trimmedPhrase() }
            // A handle ("@amara") names its person.
            if name.hasPrefix("@"), name.count > 1 { name.removeFirst() }
            guard !name.isEmpty, name.wordCount <= 5, name.first?.isLetter == true, !CommonWords.isOrdinary(name) else { continue }
            if isChair, chair == nil { chair = name } else { names.append(name) }
        }
        return (chair, names)
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

    /// `handled`: the sentences that gave a call.
    static func scheduledCalls(_ context: NoteContext, handled: inout Set<Int>) -> [Draft] {
        var drafts: [Draft] = []
        for sentence in context.sentences where sentence.hasAny(Cues.callWords) {
            guard let callIndex = sentence.words.firstIndex(where: { Cues.callWords.contains($0) }) else { continue }
            let lowerWords = sentence.words.map(\.lower)
            let before = lowerWords[max(0, callIndex - 3)..<callIndex]
            // "next" of this call ("the next TAC call", "call next week"), not of another thing in the sentence
            // ("followup from last meeting: … our next Town Hall").
            let nextCall = lowerWords[max(0, callIndex - 4)..<min(lowerWords.count, callIndex + 3)].contains("next")
            let noCall = before.contains("no") || sentence.hasAny(.meetings_cancelled)
            let scheduled = sentence.hasAny(.meetings_scheduled)
            // "followup from last meeting: … we have scheduled it for March 16": the call named is a past one.
            let pastCall = before.contains("last") || before.contains("previous")
            guard nextCall || noCall || (scheduled && !pastCall && !sentence.dates.isEmpty) else { continue }
            // "the US Developers' Meeting will be held November 3-4": a gathering someone's name owns is an
            // event, not a call.
            if !nextCall, callIndex > 0, Self.isPossessive(sentence.words[callIndex - 1].text) { continue }
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
                handled.insert(sentence.index)
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
                handled.insert(sentence.index)
            }
        }
        return drafts
    }

    // MARK: - Meetings named with their date

    /// "the Sept. 19th TAC meeting", "at the 7/29 meeting", "June CG meeting at CMU", "CG meeting in San
    /// Francisco, tentative dates are 10/26/2022": a meeting word with a date right before it (at most
    /// three words between) or soon after it (at most eight) is that meeting, past or to come.
    /// `recordsMeeting`: the note records a meeting, which a mention of its own day names.
    static func datedMentions(_ context: NoteContext, skipping handled: Set<Int>, recordsMeeting: Bool) -> [Draft] {
        var drafts: [Draft] = []
        for sentence in context.sentences where !sentence.dates.isEmpty && !handled.contains(sentence.index) && sentence.hasAny(Cues.meetingNouns) {
            let words = sentence.words
            let block = context.blocks[sentence.block]
            // A schedule table's rows are read whole, with their times, by the schedule rule.
            if block.kind == .tableRow { continue }
            // "later this week", "next Tuesday": a relative date names a meeting only when it looks ahead
            // ("joined the call this week" is this meeting, "a meeting last week" one past).
            let ahead = sentence.hasAny(Cues.aheadWords)
            var used = Set<Int>()
            for callIndex in words.indices where Cues.meetingNouns.contains(words[callIndex]) && !words[callIndex].inCode {
                // "Developers' Meeting" (an event someone's name owns), "call for papers".
                if callIndex > 0, isPossessive(words[callIndex - 1].text) { continue }
                if callIndex + 1 < words.count, words[callIndex + 1].lower == "for" { continue }
                // "…on Saturday 12 April, meeting at the river", "we sync on Friday", "please call on Monday":
                // a verb after a comma, a subject or an auxiliary; "last call": the end of something.
                if callIndex > 0, words[callIndex].lower == "meeting" && [",", ";", "—", "–"].contains(words[callIndex - 1].text)
                    || Cues.meetingVerbSubjects.contains(words[callIndex - 1]) || words[callIndex - 1].lower == "last"
                {
                    continue
                }
                // "Volunteers sync on Friday": after a plural subject, "sync" and "call" are verbs.
                if callIndex > 0, words[callIndex].lower != "meeting", words[callIndex].lower != "meetings",
                    words[callIndex - 1].lower.hasSuffix("s"), !words[callIndex - 1].lower.hasSuffix("ss"), !words[callIndex - 1].allCaps,
                    !isPossessive(words[callIndex - 1].text)
                {
                    continue
                }
                // "other meetings", "any call": no one meeting.
                if callIndex > 0, Cues.noParticularMeeting.contains(words[callIndex - 1]) { continue }
                // "Meeting Agenda (Nov 8)", "call notes": a document of a meeting.
                if callIndex + 1 < words.count, Cues.meetingDocuments.contains(words[callIndex + 1]) { continue }
                // In a table row the date is the one that fills a cell of its own ("| Begin APAC-friendly
                // meetings | Lead | Friday 21th October 2022 |"), the title the row's first cell.
                let row = block.kind == .tableRow ? block.cells : []
                let callCell = row.firstIndex { $0.contains(words[callIndex].range.lowerBound) }
                // The nearest dated expression: before the word with at most three words between, or after it.
                let callStart = words[callIndex].range.lowerBound
                var best: (TemporalExpression, Int)?
                let plural = words[callIndex].lower.hasSuffix("s")
                for expression in sentence.dates where expression.when.isDated && !used.contains(expression.range.lowerBound) {
                    // A year is no meeting's date ("NEXT YEAR!"); a relative one only looking ahead; a time alone
                    // ("at 10:00 AM") gives no day (the note's is only its default).
                    guard expression.when.precision != .year, ahead || !expression.stated.contains(.relative),
                        !expression.stated.isDisjoint(with: [.day, .month, .weekday, .relative])
                    else { continue }
                    let distance: Int
                    if !row.isEmpty {
                        guard let cell = row.firstIndex(where: { $0.lowerBound <= expression.range.lowerBound && expression.range.lowerBound <= $0.lowerBound + 2 }),
                            cell != callCell
                        else { continue }
                        distance = cell
                    } else if expression.range.upperBound <= callStart {
                        distance = words[..<callIndex].reversed().prefix { $0.range.lowerBound >= expression.range.upperBound }.count { $0.isWord }
                        guard distance <= 3 else { continue }
                    } else {
                        // "other meetings); Tuesday": a plural names meetings only with their date before it.
                        distance = words[(callIndex + 1)...].prefix { $0.range.upperBound <= expression.range.lowerBound }.count { $0.isWord }
                        // "two meetings starting on March 7th": a counted plural has its first date after it.
                        let counted = callIndex > 0 && (words[callIndex - 1].hasDigit || Cues.smallNumbers.contains(words[callIndex - 1]))
                        guard distance <= 8, !plural || counted else { continue }
                    }
                    if best.map({ distance < $0.1 }) ?? true { best = (expression, distance) }
                }
                guard let (expression, _) = best else { continue }
                // "Agenda for the February meeting", "Weekly sync - 21 April": the meeting the note records.
                if let start = expression.when.start, let last = expression.when.lastDay, start <= context.info.date,
                    context.info.date <= last, block.isHeading || expression.when.precision == .month || recordsMeeting && start == last
                {
                    continue
                }
                used.insert(expression.range.lowerBound)
                var when = expression.when
                if when.precision == .datetime, let end = when.end, end != when.start {
                    when = When(start: when.start, end: end, precision: .day, tentative: when.tentative)
                }
                // The name before the word ("TAC meeting", "CG meeting"), dates left out.
                // The words naming it ("TAC meeting", "board meeting", "steering call"), dates left out.
                var lo = callIndex
                while lo > 0, callIndex - lo < 3, words[lo - 1].isWord, !words[lo - 1].hasDigit, !Cues.smallNumbers.contains(words[lo - 1]),
                    !Cues.nameStoppers.contains(words[lo - 1]) || words[lo - 1].capitalized && sentence.isNameWord(lo - 1),
                    !sentence.dates.contains(where: { $0.range.contains(words[lo - 1].range.lowerBound) })
                {
                    lo -= 1
                }
                var title = sentence.text(lo..<(callIndex + 1), in: block)
                // "Office hours: two meetings starting on May 24": a bare meeting word takes the line's key.
                if lo == callIndex, row.isEmpty, let colon = block.text.firstIndex(of: ":"),
                    block.text.utf8.distance(from: block.text.utf8.startIndex, to: colon.samePosition(in: block.text.utf8)!) < words[callIndex].range.lowerBound
                {
                    let key = String(block.text[..<colon]).trimmedPhrase()
                    if !key.isEmpty, key.wordCount <= 5, !key.contains(where: \.isNumber) { title = key }
                }
                if let first = row.first, !first.contains(expression.range.lowerBound) {
                    let cell = block.text(first).trimmedPhrase()
                    if !cell.isEmpty { title = cell }
                }
                if let first = title.first, first.isLowercase { title = first.uppercased() + title.dropFirst() }
                let cancelled = sentence.has(Cues.cancelPhrases) || sentence.has("cancel") || sentence.hasAny(.meetings_cancelled)
                let status: Item.Status
                if cancelled {
                    status = .cancelled
                } else if let last = when.lastDay, last < context.info.date {
                    status = .past
                } else {
                    status = when.tentative || sentence.has("tentative") ? .tentative : .scheduled
                }
                let item = Item(
                    kind: .meeting, subkind: .call, title: title, when: when, status: status,
                    sources: [context.evidence(sentence, at: expression.range.lowerBound)])
                drafts.append(Draft(item, block: sentence.block, confidence: 0.85))
            }
        }
        return drafts
    }

    /// "Developers'", "members’", "year's": a word that owns the noun after it.
    static func isPossessive(_ word: String) -> Bool {
        // The word cutter keeps "year's" whole and leaves the apostrophe of "Developers'" a word of its own.
        word == "'" || word == "’" || word.hasSuffix("'s") || word.hasSuffix("’s")
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
