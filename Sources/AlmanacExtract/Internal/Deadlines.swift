import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead
import AlmanacTime

/// Dated cut-offs: "CfP closes 19 Dec", "Student applications close on the 21st", "registration ends 3 May".
enum Deadlines {
    static func extract(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        for sentence in context.sentences where !sentence.dates.isEmpty {
            // A dated table row is a schedule's entry: Schedules reads it whole.
            if context.blocks[sentence.block].kind == .tableRow { continue }
            let lowers = sentence.words.map(\.lower)
            var claimed = Set<Int>()
            for (phrase, subkind) in Cues.deadlinePhrases where sentence.has(phrase[0]) {
                var start = 0
                while let found = find(phrase, in: lowers, from: start) {
                    start = found + phrase.count
                    let end = found + phrase.count
                    // The date the cue governs: the nearest after it (within a clause), else just before it.
                    guard let (dateIndex, expression) = governedDate(sentence, cueStart: found, cueEnd: end),
                        !claimed.contains(dateIndex), expression.when.isDated,
                        // "All deadlines are at 23:59 UTC" states a time, no day: the note's deadline time.
                        expression.stated.contains(.day) || expression.stated.contains(.relative) || expression.stated.contains(.weekday)
                    else { continue }
                    // A deadline needs a verb of closing, or "deadline"/"due" itself, near the cue or between it
                    // and its date ("The call for talks for OpenInfra Days closes on March 20").
                    let dateWord = sentence.words.firstIndex { $0.range.lowerBound >= expression.range.lowerBound } ?? lowers.count
                    let window = lowers[max(0, found - 2)..<min(lowers.count, max(end + 4, dateWord))]
                    let closing = window.contains(where: Cues.deadlineVerbs.contains) || subkind == .other
                    guard closing else { continue }
                    // "applications open on …" is an opening date, not an item; "open until …" is the closing.
                    let opening = window.contains("open") || window.contains("opens") || window.contains("opening")
                    if opening, !window.contains(where: Self.untilWords.contains) { continue }
                    claimed.insert(dateIndex)
                    let deadline = draft(sentence, cue: found..<end, subkind: subkind, expression: expression, context)
                    // "The final deadline for main tracks and lightning talks is 28 December": one a thing.
                    if let titles = namedThings(sentence, cue: found..<end, before: dateWord, context), titles.count > 1 {
                        for title in titles {
                            var each = deadline
                            each.item.title = title
                            let kind = ScheduleCues.deadlineSubkind(ScheduleCues.words(title))
                            if kind != .other { each.item.subkind = kind }
                            drafts.append(each)
                        }
                        continue
                    }
                    drafts.append(deadline)
                    // "The CfP for X closes on 20 March. The event itself is 14–15 May": X's own date.
                    if subkind == .cfp, let event = deadline.item.forEvent,
                        let (later, date) = Events.laterMention(inBlock: sentence.block, after: sentence.index, context)
                    {
                        let item = Item(kind: .event, subkind: .conference, title: event, when: date.when,
                            status: StatusJudge.status(later, when: date.when, noteDate: context.info.date, kind: .event),
                            sources: [context.evidence(later, at: date.range.lowerBound)])
                        drafts.append(Draft(item, block: sentence.block, confidence: 0.7))
                    }
                }
            }
            drafts += byDateUnderSubject(sentence, claimed: claimed, context)
            if let due = dueLine(sentence, claimed: claimed, context) { drafts.append(due) }
        }
        return drafts
    }

    /// "**Call for talks:** fill out this form by January 17th", or under "### Registration", "Fill out this form
    /// by January 31": a day after "by" in a block whose lead-in or heading names a call, a registration or an
    /// application (and nothing else in the sentence claimed that day) is when that one closes. The sentence
    /// asks the reader to act ("Fill out…", "please…", "requests must be made…"); "Videos will be online by
    /// November 5" does not.
    static func byDateUnderSubject(_ sentence: Sentence, claimed: Set<Int>, _ context: NoteContext) -> [Draft] {
        let block = context.blocks[sentence.block]
        // "We will notify all submitters by October 1": a notice, not a closing.
        guard !sentence.words.contains(where: { Cues.scheduleNoticeWords.contains($0) || Self.noticeVerbs.contains($0.lower) }),
            let first = sentence.words.first(where: { !$0.isPunct }),
            Self.requestWords.contains(first.lower) || sentence.words.contains(where: { Self.requestMarks.contains($0.lower) })
        else { return [] }
        // "Please submit your talk proposal by August 2" under "Registration": the sentence names its own.
        let own = ScheduleCues.deadlineSubkind(sentence.words.map(\.lower))
        var drafts: [Draft] = []
        for (index, expression) in sentence.dates.enumerated() where !claimed.contains(index) && expression.when.isDated {
            guard expression.stated.contains(.day), !expression.stated.contains(.relative),
                let before = sentence.words.lastIndex(where: { $0.range.upperBound <= expression.range.lowerBound }),
                sentence.words[before].lower == "by" || before > 0 && sentence.words[before].lower == "the" && sentence.words[before - 1].lower == "by"
            else { continue }
            let lead = block.leadIn.map { block.text($0.range).trimmedPhrase() }
            let heading = context.headings(of: sentence.block).first?.trimmedPhrase()
            // "Call for demos" is a call whatever it calls for.
            func subkind(_ words: [String]) -> Item.Subkind {
                words.starts(with: ["call", "for"]) ? .cfp : ScheduleCues.deadlineSubkind(words)
            }
            guard let subject = [lead, heading].compactMap({ $0 }).first(where: { subject in
                let words = ScheduleCues.words(subject)
                return !words.isEmpty && words.count <= 6 && subkind(words) != .other
            }) else { continue }
            let words = ScheduleCues.words(subject)
            guard own == .other || own == subkind(words) else { continue }
            let title = words.contains(where: Cues.scheduleStrongDeadlineWords.contains) ? subject : subject + " closes"
            let status: Item.Status = expression.when.lastDay.map { $0 < context.info.date } == true ? .past : .scheduled
            let item = Item(kind: .deadline, subkind: subkind(words), title: title, when: expression.when,
                status: status, sources: [context.evidence(sentence, at: expression.range.lowerBound)])
            drafts.append(Draft(item, block: sentence.block, confidence: 0.8))
        }
        return drafts
    }

    /// "Electronic vote - due by January 8", "Reviews due on 3 May": a short line naming a thing, then "due"
    /// and its day, is that thing's deadline ("Electronic vote due").
    static func dueLine(_ sentence: Sentence, claimed: Set<Int>, _ context: NoteContext) -> Draft? {
        let words = sentence.words
        guard words.count <= 14, let due = words.firstIndex(where: { $0.lower == "due" }), due > 0 else { return nil }
        var next = due + 1
        if next < words.count, ["by", "on"].contains(words[next].lower) { next += 1 }
        guard next < words.count,
            let (index, expression) = sentence.dates.enumerated().first(where: { $0.element.range.contains(words[next].range.lowerBound) }),
            !claimed.contains(index), expression.when.isDated, expression.stated.contains(.day) || expression.stated.contains(.weekday)
        else { return nil }
        // "The report is due": the subject without its verb.
        var end = due
        while end > 0, words[end - 1].isPunct || ["is", "are", "be", "will", "was", "were"].contains(words[end - 1].lower) { end -= 1 }
        guard end > 0, end <= 8, !(end == 1 && Cues.nameStoppers.contains(words[0])) else { return nil }
        let subject = sentence.text(0..<end, in: context.blocks[sentence.block]).trimmedPhrase()
        guard !subject.isEmpty else { return nil }
        let words2 = ScheduleCues.words(subject)
        let item = Item(kind: .deadline, subkind: ScheduleCues.deadlineSubkind(words2), title: subject + " due", when: expression.when,
            status: Schedules.status(of: expression.when, context),
            sources: [context.evidence(sentence, at: words[due].range.lowerBound)])
        return Draft(item, block: sentence.block, confidence: 0.8)
    }

    /// Verbs that lead an opening's date and a closing's ("start on 18 March, and end on 2 April").
    static let openingVerbs: Set<String> = ["start", "starts", "open", "opens", "begin", "begins"]
    static let closingVerbs: Set<String> = ["end", "ends", "close", "closes"]

    /// Words that open a request to the reader ("Fill out this form…"), and words that make one anywhere
    /// in a sentence ("If interested, please…", "All requests must be made by…").
    static let requestWords: Set<String> = [
        "fill", "submit", "register", "apply", "sign", "complete", "send", "book", "buy", "reserve", "request", "get",
    ]
    static let requestMarks: Set<String> = ["please", "you", "your", "must"]

    /// Verbs of a notice sent by a date ("decisions will be sent by 20 August").
    static let noticeVerbs: Set<String> = ["notify", "notified", "sent", "send", "sends", "inform", "informed", "hear", "decisions"]

    /// "(final) deadline for X and Y is …": the things the deadline is for, one title each.
    static func namedThings(_ sentence: Sentence, cue: Range<Int>, before dateWord: Int, _ context: NoteContext) -> [String]? {
        let words = sentence.words
        guard words[cue.lowerBound].lower == "deadline", cue.upperBound < words.count, words[cue.upperBound].lower == "for" else { return nil }
        var end = dateWord
        while end > cue.upperBound + 1, ["is", "are", "be", "will", "on"].contains(words[end - 1].lower) || words[end - 1].isPunct { end -= 1 }
        guard end > cue.upperBound + 1 else { return nil }
        var start = cue.lowerBound
        if start > 0, words[start - 1].lower == "final" { start -= 1 }
        let phrase = sentence.text(start..<end, in: context.blocks[sentence.block])
        let titles = ScheduleCues.deadlineTitles(phrase)
        return titles
    }

    /// Words that make "open" a closing date: "open until 27 March".
    static let untilWords: Set<String> = ["until", "till", "through", "thru"]

    static func find(_ phrase: [String], in words: [String], from start: Int) -> Int? {
        guard words.count >= phrase.count, start <= words.count - phrase.count else { return nil }
        for i in start...(words.count - phrase.count) where words[i] == phrase[0] {
            if phrase.count == 1 || words[i..<(i + phrase.count)].elementsEqual(phrase) { return i }
        }
        return nil
    }

    static func governedDate(_ sentence: Sentence, cueStart: Int, cueEnd: Int) -> (Int, TemporalExpression)? {
        let words = sentence.words
        let cueOffset = words[cueEnd - 1].range.upperBound
        let startOffset = words[cueStart].range.lowerBound
        // After the cue, before the next clause break (comma or "and"/"event"). "Applications start on 18
        // March, and end on 2 April": past an opening's date, the date a closing verb leads is the cue's.
        var pastOpening = false
        for (index, expression) in sentence.dates.enumerated() where expression.range.lowerBound >= cueOffset {
            let between = words.filter { $0.range.lowerBound >= cueOffset && $0.range.upperBound <= expression.range.lowerBound }
            let lead = between.last.map { $0.lower == "on" && between.count >= 2 ? between[between.count - 2].lower : $0.lower }
            if let lead, Self.openingVerbs.contains(lead) {
                pastOpening = true
                continue
            }
            if pastOpening, let lead, Self.closingVerbs.contains(lead), between.count <= 14 { return (index, expression) }
            // "Registration for the Developer Summit closes on 11/4": a closing verb carries the cue further, and
            // so does a copula just before the date ("the final deadline for talks and stands is 28 December").
            let copula = between.last.map { ["is", "are"].contains($0.lower) } ?? false
            let limit = between.contains(where: { Cues.deadlineVerbs.contains($0) }) || copula ? 9 : 5
            if between.count <= limit, !between.contains(where: { $0.text == "," || $0.text == ";" || $0.lower == "event" }) {
                return (index, expression)
            }
        }
        for (index, expression) in sentence.dates.enumerated().reversed() where expression.range.upperBound <= startOffset {
            let between = words.filter { $0.range.lowerBound >= expression.range.upperBound && $0.range.upperBound <= startOffset }
            if between.count <= 2 { return (index, expression) }
        }
        return nil
    }

    static func draft(_ sentence: Sentence, cue: Range<Int>, subkind: Item.Subkind, expression: TemporalExpression, _ context: NoteContext,
        rule: String = #function) -> Draft
    {
        let block = context.blocks[sentence.block]
        let event = eventName(sentence, cue: cue, context)
        let cueText = Cues.deadlineVerbNouns[sentence.text(cue, in: block).lowercased()] ?? sentence.text(cue, in: block)
        let verbIndex = (cue.upperBound..<min(sentence.words.count, cue.upperBound + 2)).first {
            ["close", "closes", "due", "ends", "deadline"].contains(sentence.words[$0].lower)
        }
        var title = cueText
        if let verbIndex {
            // "Registration will close on …" → "Registration closes".
            let verb = sentence.words[verbIndex].text
            let afterWill = verbIndex > cue.upperBound && ["will", "shall"].contains(sentence.words[verbIndex - 1].lower)
                && !cueText.lowercased().hasSuffix("s")
            title += " " + (afterWill && ["close", "end"].contains(verb.lowercased()) ? verb + "s" : verb)
        } else if subkind != .other {
            title += " deadline"
        }
        if let event, !Names.tokens(title).contains(where: Names.tokens(event).contains) {
            // "Registration closes" after a name reads "Station build day registration closes".
            let firstWord = title.prefix { $0 != " " }
            if let first = firstWord.first, first.isUppercase, firstWord.count > 3, firstWord.dropFirst().allSatisfy(\.isLowercase) {
                title = first.lowercased() + title.dropFirst()
            }
            title = "\(event) \(title)"
        }
        let item = Item(
            kind: .deadline, subkind: subkind, title: title.trimmedPhrase(), when: expression.when,
            status: Schedules.status(of: expression.when, context), forEvent: event,
            sources: [context.evidence(sentence, at: sentence.words[cue.lowerBound].range.lowerBound)])
        return Draft(item, block: sentence.block, confidence: 0.9, rule: rule)
    }

    /// The event a deadline belongs to: a name before the cue, the block's lead-in, or its agenda head.
    static func eventName(_ sentence: Sentence, cue: Range<Int>, _ context: NoteContext) -> String? {
        let block = context.blocks[sentence.block]
        // "Mar 27 - deadline for applications": a date is no event's name.
        func isDate(_ range: Range<Int>) -> Bool {
            sentence.words[range].contains { word in sentence.dates.contains { $0.range.contains(word.range.lowerBound) } }
        }
        // "Registration for the Developer Summit closes", "the CfP for Strange Loop": the name after "for".
        if cue.upperBound + 1 < sentence.words.count, sentence.words[cue.upperBound].lower == "for" || sentence.words[cue.upperBound].lower == "of",
            let name = sentence.nameAfter(cue.upperBound + 1, limit: 4)
        {
            let text = sentence.text(name, in: block).trimmedPhrase()
            if !text.isEmpty, !CommonWords.isOrdinary(text) { return text }
        }
        if let name = sentence.nameBefore(cue.lowerBound, limit: 4), !isDate(name) {
            let text = sentence.text(name, in: block).trimmedPhrase()
            if !text.isEmpty, !CommonWords.isOrdinary(text) { return text }
        }
        // "Reminder that GSoC student applications close": a capitalised name just before the cue.
        if let near = (max(0, cue.lowerBound - 3)..<cue.lowerBound).last(where: { i in
            let w = sentence.words[i]
            return (w.allCaps || (w.capitalized && i > 0)) && !w.isPunct && !CommonWords.contains(w.lower) || w.link != nil || w.inCode
        }), !isDate(near..<(near + 1)) {
            return sentence.words[near].text
        }
        if let lead = block.leadIn, !sentence.dates.contains(where: { lead.range.contains($0.range.lowerBound) }) {
            return block.text(lead.range).trimmedPhrase()
        }
        if block.isListItem {
            let head = block.text.headPhrase()
            let ledByDate = sentence.dates.first.map { $0.range.lowerBound <= 1 && $0.range.upperBound >= head.utf8.count } ?? false
            // "Submission deadline: 14 February": the head is the deadline itself, not its event.
            let namesCue = Names.tokens(head).contains(where: Names.tokens(sentence.words[cue.lowerBound].text).contains)
            if !head.isEmpty, head.wordCount <= 5, head != block.text, !ledByDate, !namesCue { return head }
        }
        if let emphasis = block.spans.first(where: { $0.kind == .emphasis && $0.range.lowerBound == 0 }) {
            return block.text(emphasis.range).trimmedPhrase()
        }
        return nil
    }
}

// MARK: - "All deadlines are at 23:59 UTC"

extension Deadlines {
    /// A note-wide clock time for deadlines ("All deadlines are at 23:59 UTC."): a sentence that speaks of
    /// deadlines and states a time with no day.
    static func defaultTime(_ context: NoteContext) -> When? {
        for sentence in context.sentences where sentence.has("deadlines") || sentence.has("deadline") && sentence.has("all") {
            guard sentence.words.count <= 16, !sentence.dates.contains(where: { $0.stated.contains(.day) }),
                let time = sentence.dates.first(where: { $0.stated.contains(.time) })
            else { continue }
            return time.when
        }
        return nil
    }

    /// The deadlines participants must meet (proposals, submissions, registrations, applications) that
    /// state only their day take the note's deadline time; organisers' dates keep their day.
    static func applyDefaultTime(_ drafts: inout [Draft], _ context: NoteContext) {
        guard drafts.contains(where: { $0.item.kind == .deadline && $0.item.when.precision == .day }),
            let time = defaultTime(context)
        else { return }
        let participants: Set<Item.Subkind> = [.cfp, .submission, .registration, .application]
        for index in drafts.indices {
            var when = drafts[index].item.when
            // A deadline named as such ("Main track final deadline") is the participants'.
            let named = drafts[index].item.title.lowercased().contains("deadline")
            guard drafts[index].item.kind == .deadline, when.precision == .day, when.startTime == nil,
                when.end == nil || when.end == when.start,
                named || drafts[index].item.subkind.map(participants.contains) == true
            else { continue }
            when.startTime = time.startTime
            when.zone = time.zone
            when.precision = .datetime
            drafts[index].item.when = when
        }
    }
}
