import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead
import AlmanacTime

/// Conferences, workshops, hackathons, meetups, talks and releases the note speaks of.
enum Events {
    static func extract(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        for sentence in context.sentences {
            // Each rule runs only on sentences that have its cue words (cheap set tests).
            var found: [Draft] = []
            if sentence.hasAny(nounCues) { found += nounPhrases(sentence, context) }
            if sentence.hasAny(attendanceCues) { found += attendance(sentence, context) }
            if sentence.hasAny(nounCues) || sentence.has("events") { found += linkedWithDates(sentence, context) }
            if let titled = titledTalk(sentence, context) {
                found.append(titled)
            } else if sentence.has("talk") {
                found += talks(sentence, context)
            }
            if sentence.hasAny(takesPlace), !sentence.dates.isEmpty { found += takingPlace(sentence, context) }
            // A dated table row is a schedule's entry: Schedules reads it whole.
            if Releases.mayMention(sentence), context.blocks[sentence.block].kind != .tableRow || sentence.dates.isEmpty {
                found += Releases.extract(sentence, context)
            }
            for index in found.indices { found[index].locate(in: sentence) }
            drafts += found
        }
        drafts += sectionItems(context)
        drafts += Releases.listed(context)
        for index in drafts.indices where !drafts[index].item.when.isDated && drafts[index].item.subkind != .release {
            dateFromSection(&drafts[index], context)
        }
        let coarse = drafts.indices.filter { [.month, .year].contains(drafts[$0].item.when.precision) }
        let heads = coarse.isEmpty ? [] : drafts.map { $0.item.kind == .event ? head(of: $0.item.title) : nil }
        for index in coarse {
            // Only the note's one event of its noun is "the conference" of a later sentence.
            guard let head = heads[index], heads.count(where: { $0 == head }) == 1 else { continue }
            dayFromLaterMention(&drafts[index], head: head, context)
        }
        return drafts
    }

    /// The event noun that ends a title ("Harbour Conference 2027" → "conference").
    static func head(of title: String) -> String? {
        title.lowercaseWords.last(where: { Cues.eventNouns[$0] != nil })
    }

    /// "… the first Harbour Conference, this September. … The conference will happen from September 19th to
    /// 22nd": a later sentence of the note that speaks of "the <noun>" with days inside the month (or year)
    /// the item has gives it those days.
    static func dayFromLaterMention(_ draft: inout Draft, head: String, _ context: NoteContext) {
        guard let named = draft.sentence, let start = draft.item.when.start else { return }
        for sentence in context.sentences[(named + 1)...] {
            let words = sentence.words
            guard words.indices.dropLast().contains(where: { determiners.contains(words[$0]) && words[$0 + 1].lower == head }),
                !sentence.hasAny(Cues.callWords), !sentence.hasAny(.events_cfp),
                let expression = sentence.dates.first(where: { $0.when.isDated && [.day, .datetime].contains($0.when.precision) }),
                let day = expression.when.start, day.year == start.year,
                draft.item.when.precision == .year || day.month == start.month
            else { continue }
            date(&draft, by: expression, in: sentence, context)
            return
        }
    }

    /// Event nouns written as two words ("hack day", "the next Town Hall"), by their first word: the
    /// second, and the noun of ``Cues/eventNouns`` they make.
    static let twoWordNouns: [String: (second: String, noun: String)] = [
        "hack": ("day", "hackday"),
        "town": ("hall", "townhall"),
    ]
    static let nounCues = WordSet(Set(Cues.eventNouns.keys).union(twoWordNouns.keys).union(["meeting", "meetings"]))
    static let eventNounWords = WordSet(Cues.eventNouns.keys)
    static let attendanceCues: WordSet = ["at", "to", "during", "attend", "attends", "attended", "attending", "visit", "visiting", "visited"]

    /// Scheduling words that tie a later sentence's date to the event its block or section is about.
    static let schedulingCues: WordSet = [
        "date", "dates", "day", "when", "held", "hold", "holding", "around", "pick", "picking", "planned", "planning",
        "scheduled", "schedule", "poll", "say", "confirmed", "confirm", "takes", "take", "place", "happen", "happening",
        "run", "runs", "running", "between", "from", "sometime", "week", "weekend", "in", "on", "until", "postponed",
        "moved", "move", "time", "event", "date", "good",
    ]

    /// An event named by a lead-in or a heading whose own sentence has no date takes the first date of
    /// its block, or of its section when a heading names it, in a sentence that schedules something.
    static func dateFromSection(_ draft: inout Draft, _ context: NoteContext) {
        if dateFromLaterMention(&draft, context) { return }
        let block = context.blocks[draft.block]
        var sentences = context.sentencesOfBlock[draft.block]
        let names = Set(draft.item.names.map { $0.lowercased() })
        if block.isHeading, names.contains(block.text.lowercased().trimmedPhrase()) {
            var next = draft.block + 1
            while next < context.blocks.count, !context.blocks[next].isHeading || context.blocks[next].section == draft.block {
                if context.blocks[next].isHeading, case .heading(let level) = context.blocks[next].kind, case .heading(let own) = block.kind, level <= own { break }
                sentences += context.sentencesOfBlock[next]
                next += 1
            }
        } else if block.leadIn.map({ names.contains(block.text($0.range).lowercased().trimmedPhrase()) }) != true {
            return
        }
        for index in sentences {
            let sentence = context.sentences[index]
            guard sentence.hasAny(schedulingCues) || sentence.hasAny(eventNounWords) else { continue }
            // Dates of calls and deadlines belong to them; "another one in three months" is another event.
            if sentence.hasAny(Cues.callWords) || sentence.hasAny(.events_cfp) { continue }
            if sentence.hasAny(.events_another) { continue }
            guard let expression = sentence.dates.first(where: \.when.isDated), let last = expression.when.lastDay,
                last >= context.info.date.adding(days: -7)
            else { continue }
            date(&draft, by: expression, in: sentence, context)
            return
        }
    }

    /// Gives the event the date `expression` states in another `sentence` of the note, and that line as a
    /// source (once) naming `rule`, the function that found the date.
    static func date(_ draft: inout Draft, by expression: TemporalExpression, in sentence: Sentence, _ context: NoteContext,
        rule: String = #function)
    {
        draft.item.when = expression.when
        draft.item.status = StatusJudge.status(sentence, when: expression.when, noteDate: context.info.date, kind: .event)
        var evidence = context.evidence(sentence, at: expression.range.lowerBound)
        guard !draft.item.sources.contains(where: { $0.line == evidence.line }) else { return }
        evidence.rule = Draft.ruleName(function: rule, file: #fileID)
        draft.item.sources.append(evidence)
    }

    /// "The call for talks for OpenInfra Days Lisbon closes on 20 March. The event itself is 14–15 May":
    /// a later sentence of the item's own block that speaks of "the event" (or "this conference") gives
    /// its date.
    static func dateFromLaterMention(_ draft: inout Draft, _ context: NoteContext) -> Bool {
        guard let named = draft.sentence, let (sentence, expression) = laterMention(inBlock: draft.block, after: named, context) else {
            return false
        }
        date(&draft, by: expression, in: sentence, context)
        return true
    }

    /// The first sentence of `block` after sentence `after` that speaks of "the event" (or "this
    /// conference", "the sprint"…), with its first date.
    static func laterMention(inBlock block: Int, after: Int, _ context: NoteContext) -> (Sentence, TemporalExpression)? {
        for index in context.sentencesOfBlock[block] where index > after {
            let sentence = context.sentences[index]
            let words = sentence.words
            let refers = words.indices.dropLast().contains { i in
                determiners.contains(words[i]) && (words[i + 1].lower == "event" || eventNounWords.contains(words[i + 1]))
            }
            if refers, let expression = sentence.dates.first(where: \.when.isDated) { return (sentence, expression) }
        }
        return nil
    }

    static let determiners: WordSet = ["the", "this", "that"]

    // MARK: - Tables of events, "takes place"

    /// A table of events: a header row naming an event column and a date column ("Event | Date |
    /// Location"), then one event per row, titled by its event cell, dated by its date cell and placed by
    /// its location cell.
    static func tableRows(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        let blocks = context.blocks
        for rows in context.tables {
            let first = blocks[rows.lowerBound]
            let header = first.cells.map { first.text($0).lowercased().trimmedPhrase() }
            guard let eventColumn = header.firstIndex(where: eventHeaders.contains),
                let dateColumn = header.firstIndex(where: dateHeaders.contains)
            else { continue }
            let placeColumn = header.firstIndex(where: placeHeaders.contains)
            for index in rows.dropFirst() {
                let row = blocks[index]
                guard row.cells.count == header.count else { continue }
                let title = row.text(row.cells[eventColumn]).trimmedPhrase()
                let dateCell = row.cells[dateColumn]
                guard !title.isEmpty, Names.tokens(title).count <= 6,
                    let sentence = context.sentencesOfBlock[index].map({ context.sentences[$0] })
                        .first(where: { $0.dates.contains { dateCell.contains($0.range.lowerBound) } }),
                    let expression = sentence.dates.first(where: { dateCell.contains($0.range.lowerBound) && $0.when.isDated })
                else { continue }
                let subkind = Names.tokens(title).lazy.compactMap { Cues.eventNouns[$0] }.first ?? .other
                var item = Item(kind: .event, subkind: subkind, title: title, when: expression.when,
                    status: StatusJudge.status(sentence, when: expression.when, noteDate: context.info.date, kind: .event),
                    sources: [context.evidence(block: index, at: row.cells[eventColumn].lowerBound, quote: NoteContext.quote(row.text))])
                if let placeColumn {
                    let place = row.text(row.cells[placeColumn]).trimmedPhrase()
                    if !place.isEmpty, !ScheduleCues.noPlace.contains(place.lowercased()) { item.location = place }
                }
                drafts.append(Draft(item, block: index, confidence: 0.95))
            }
        }
        return drafts
    }

    static let eventHeaders: Set<String> = ["event", "events", "name", "what", "title", "conference", "meetup"]
    static let dateHeaders: Set<String> = ["date", "dates", "when", "day"]
    static let placeHeaders: Set<String> = ["location", "where", "place", "venue", "city"]

    static let takesPlace: WordSet = ["takes", "take", "took", "held", "happening", "happens"]

    /// "FOSDEM 2027 takes place on 6 and 7 February", "PyCon Lisbon will be held on 3 May", "the 19th call,
    /// with HarbourConf happening that week": a name before "take(s)/took place", "is/was/will be held"
    /// or "happening", with a date in the sentence, is an event; "that week" makes it the week of that date.
    static func takingPlace(_ sentence: Sentence, _ context: NoteContext) -> [Draft] {
        let words = sentence.words
        for index in words.indices where takesPlace.contains(words[index]) {
            let isPlace = words[index].lower.hasPrefix("t") && index + 1 < words.count && words[index + 1].lower == "place"
            guard isPlace || !words[index].lower.hasPrefix("t") else { continue }
            var subjectEnd = index
            while subjectEnd > 0, ["will", "is", "was", "are", "were", "be", "being", "been", "to", "also", "again"].contains(words[subjectEnd - 1].lower) {
                subjectEnd -= 1
            }
            // ("held" needs its verb: "is held"; "X happening that week", "X happens on 5 May" do not.)
            guard subjectEnd < index || isPlace || words[index].lower.hasPrefix("happen"),
                let name = sentence.nameBefore(subjectEnd, limit: 4)
            else { continue }
            let title = sentence.text(name, in: context.blocks[sentence.block])
            guard !CommonWords.isOrdinary(title), Names.tokens(title).count <= 4 else { continue }
            var item = draftItem(title, subkind: .other, sentence: sentence, at: name.lowerBound, context)
            guard item.when.isDated else { continue }
            if index + 2 < words.count, words[index + 1].lower == "that", words[index + 2].lower == "week",
                let day = item.when.start, item.when.precision == .day || item.when.precision == .datetime
            {
                let monday = day.startOfWeek
                // Stated as a fact beside whatever the sentence asks ("Do we cancel the 19th call, with X happening that week?").
                item.when = When(start: monday, end: monday.adding(days: 6), precision: .day)
                item.status = Schedules.status(of: item.when, context)
            }
            return [Draft(item, block: sentence.block, confidence: 0.7)]
        }
        return []
    }

    // MARK: - "Xen Developer Hackathon", "Unikernel install party", "OSCON 2013 talk"

    /// Words after an event noun that make it a building's name.
    static let venueWords: WordSet = ["centre", "center", "centres", "centers", "hall", "halls", "building", "venue", "hotel"]
    /// Words that join an event noun to the rest of its name: "Workshop at EuroConf", "Summit of Makers".
    static let nameJoiners: WordSet = ["at", "in", "on", "of", "for", "and", "with", "&", "@", "-", "–", "—", "from", "to"]
    /// Words after an event noun that make it a kind of something else: "the talk schedule", "workshop slots".
    static let modifiedWords: WordSet = ["schedule", "schedules", "slot", "slots", "template", "templates", "recording", "recordings"]

    static func nounPhrases(_ sentence: Sentence, _ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        var consumed = -1
        for index in sentence.words.indices where index > consumed {
            // Only a cue noun ("hack", "meeting" and the event nouns) starts a rule (tested in place:
            // copying each Word costs three retains and releases).
            guard !sentence.words[index].isPunct, nounCues.contains(sentence.words[index]) else { continue }
            let word = sentence.words[index]
            var noun = word.lower
            var nounEnd = index + 1
            // "hack day"; "the next Town Hall": a community's open meeting, not a building's hall.
            if let pair = Self.twoWordNouns[noun], index + 1 < sentence.words.count, sentence.words[index + 1].lower == pair.second {
                noun = pair.noun
                nounEnd = index + 2
            }
            // "an OCaml user group meeting": a meetup.
            if noun == "meeting" || noun == "meetings", index >= 2, sentence.words[index - 1].lower == "group",
                ["user", "users", "community", "local"].contains(sentence.words[index - 2].lower)
            {
                noun = "meetup"
            }
            guard let subkind = Cues.eventNouns[noun] else { continue }
            // "the Lisbon Congress Centre", "the Convention Center": a building, not an event.
            if nounEnd < sentence.words.count, Self.venueWords.contains(sentence.words[nounEnd]) { continue }
            if nounEnd < sentence.words.count, Self.modifiedWords.contains(sentence.words[nounEnd]) { continue }
            let weak = Cues.weakEventNouns.contains(noun)
            // Asides in parentheses ("(sync w Xen Docs Day)") name other things in passing.
            if insideParentheses(index, sentence) { continue }
            var nameRange: Range<Int>
            if let link = sentence.linkRange(index) {
                // "[FOSDEM's conference management system]": a lower-case word after the noun makes it a
                // modifier of something else ("the Summit at", "Conference 2024", "Summit Berlin" stay).
                if nounEnd < link.upperBound, !sentence.words[nounEnd].isPunct, !sentence.words[nounEnd].capitalized,
                    !sentence.words[nounEnd].text.allSatisfy(\.isNumber), !Self.nameJoiners.contains(sentence.words[nounEnd])
                {
                    continue
                }
                nameRange = link
            } else if let whole = wholeName(containing: index, sentence, context) {
                // The noun inside a lead-in or a short heading: the whole of it is the name.
                nameRange = whole
            } else if let before = sentence.nameBefore(index) {
                nameRange = before.lowerBound..<nounEnd
            } else if nounEnd - index == 2, sentence.words[index].capitalized, sentence.words[index + 1].capitalized {
                nameRange = index..<nounEnd  // "our next Town Hall": a two-word noun written as a name
            } else {
                guard !weak else { continue }
                // "the workshop in Sweden", "the sprint at EuroConf": a bare noun with its place or its occasion.
                let preposition = nounEnd + 1 < sentence.words.count ? sentence.words[nounEnd].lower : ""
                let place: String? = preposition == "in" ? Places.location(in: sentence, context, near: index)
                    : preposition == "at" ? sentence.nameAfter(nounEnd + 1, limit: 3).map { sentence.text($0, in: context.blocks[sentence.block]) }
                    : nil
                if let place, !place.isEmpty, index > 0, sentence.words[index - 1].lower == "the" {
                    let title = sentence.words[index].text.prefix(1).uppercased() + sentence.words[index].text.dropFirst() + " \(preposition) " + place
                    let item = draftItem(title, subkind: subkind, sentence: sentence, at: index, context)
                    drafts.append(Draft(item, block: sentence.block, confidence: 0.6))
                    consumed = nounEnd
                    continue
                }
                // A bare noun ("the hackathon"): named by its block's lead-in or heading when they name it.
                guard let named = contextName(for: noun, sentence, context) else { continue }
                let item = draftItem(named, subkind: subkind, sentence: sentence, at: index, context)
                drafts.append(Draft(item, block: sentence.block, confidence: 0.6))
                consumed = nounEnd - 1
                continue
            }
            // The name must say more than the noun: "a talk" is not an event, "OSCON talk" is; a weak noun
            // ("day", "hangout") needs two words before it ("Mirage Doc Day", not "Google Hangout").
            let nameWords = sentence.words[nameRange].filter { !$0.isPunct }
            // ("OpenSSF Day (week of Sept. 13)": a proper name and a date make one word before it enough.)
            let namedAndDated = nameWords.count == 2 && nameWords[0].capitalized && !CommonWords.contains(nameWords[0].lower)
                && sentence.dates.contains { $0.when.isDated && $0.stated.contains(.day) }
            if weak, nameWords.count < 3, !namedAndDated { continue }
            guard nameWords.count >= 2 || sentence.words[nameRange].contains(where: { $0.capitalized || $0.link != nil }) else { continue }
            // "5 star talk", "Full/Half day": a rating or ordinary words, not a name.
            if let first = nameWords.first, first.text.allSatisfy(\.isNumber), first.text.count <= 2 { continue }
            let before = nameWords.dropLast().map(\.text).joined(separator: " ")
            if weak, CommonWords.isOrdinary(before) { continue }
            let block = context.blocks[sentence.block]
            var title = sentence.text(nameRange, in: block).trimmedPhrase()
            // "the Harbour Summit 2026": the edition's year after the noun is part of the name.
            if nameRange.upperBound == nounEnd, nounEnd < sentence.words.count, isYear(sentence.words[nounEnd].text) {
                nameRange = nameRange.lowerBound..<(nounEnd + 1)
                title = sentence.text(nameRange, in: block).trimmedPhrase()
            }
            if sentence.linkRange(index) == nil, nounEnd < sentence.words.count, sentence.words[nounEnd].lower == "at",
                let place = sentence.nameAfter(nounEnd + 1, limit: 3), subkind == .talk
            {
                title += " at " + sentence.text(place, in: block)
                nameRange = nameRange.lowerBound..<place.upperBound
            }
            guard title.count >= 3 else { continue }
            let item = draftItem(title, subkind: subkind, sentence: sentence, at: nameRange.lowerBound, context)
            drafts.append(Draft(item, block: sentence.block, confidence: weak ? 0.6 : 0.9))
            consumed = nameRange.upperBound - 1
        }
        return drafts
    }

    /// "2026" in ASCII digits (``Cues/isYear(_:)``): a year a name's word can be read as.
    static func isYear(_ text: String) -> Bool { text.allSatisfy(\.isASCII) && Cues.isYear(text) }

    static func insideParentheses(_ index: Int, _ sentence: Sentence) -> Bool {
        var depth = 0
        for word in sentence.words[..<index] {
            if word.text == "(" { depth += 1 }
            if word.text == ")" { depth = max(0, depth - 1) }
        }
        return depth > 0
    }

    /// The words of a lead-in ("**Station build day** — …") or a short heading that contains word `index`.
    static func wholeName(containing index: Int, _ sentence: Sentence, _ context: NoteContext) -> Range<Int>? {
        let block = context.blocks[sentence.block]
        let offset = sentence.words[index].range.lowerBound
        var span: Range<Int>?
        if let lead = block.leadIn, lead.range.contains(offset) {
            span = lead.range
        } else if block.isHeading, block.text.wordCount <= 6 {
            span = 0..<block.text.utf8.count
        }
        guard let span else { return nil }
        let inside = sentence.words.indices.filter { span.contains(sentence.words[$0].range.lowerBound) && !sentence.words[$0].isPunct }
        // Only when the noun ends it: "Station build day", not "Build day logistics".
        guard let first = inside.first, let last = inside.last,
            last == index || (last == index + 1 && Self.twoWordNouns[sentence.words[index].lower]?.second == sentence.words[last].lower)
        else { return nil }
        return first..<(last + 1)
    }

    /// The name a bare event noun refers to: a lead-in or heading of its block that contains the noun.
    static func contextName(for noun: String, _ sentence: Sentence, _ context: NoteContext) -> String? {
        let block = context.blocks[sentence.block]
        if let lead = block.leadIn {
            let text = block.text(lead.range)
            // "**Conference dates**: …" names an attribute of the event, not the event.
            let last = text.lowercased().split(whereSeparator: { !$0.isLetter }).last.map(String.init) ?? ""
            if text.lowercased().includes(noun), !Cues.attributeNouns.contains(last) { return text.trimmedPhrase() }
        }
        for heading in context.headings(of: sentence.block).prefix(1) where heading.lowercased().includes(noun) {
            return heading.trimmedPhrase()
        }
        return nil
    }

    static func draftItem(_ title: String, subkind: Item.Subkind, sentence: Sentence, at wordIndex: Int, _ context: NoteContext) -> Item {
        var when = When.undated
        var yearGuessed = false
        if let ref = sentence.nearestDate(to: wordIndex, skippingDeadlines: true) {
            let expression = sentence.dates[ref.index]
            if expression.when.precision != .none, !expression.stated.isEmpty {
                when = expression.when
                yearGuessed = expression.inferred.contains(.year) && !expression.stated.contains(.relative)
            }
        }
        // "Town Hall update (Kay). Feb 22, 10am Pacific.": a sentence that is only a date dates the one before it.
        if when == .undated, sentence.index + 1 < context.sentences.count {
            let next = context.sentences[sentence.index + 1]
            if next.block == sentence.block, let date = next.dates.first, date.when.isDated, date.stated.contains(.day),
                next.words.allSatisfy({ word in word.isPunct || next.dates.contains { $0.range.contains(word.range.lowerBound) } })
            {
                when = date.when
            }
        }
        // "Last week, the board decided to host the Harbour Summit 2026": a date in another year than the
        // name's is not the event's; the name's year is. "Tidecon 2027 takes place on 6-7 November": a day
        // written without its year is in the name's.
        if let year = title.split(separator: " ").last.flatMap({ isYear(String($0)) ? Int($0) : nil }), let start = when.start,
            start.year != year, let january = CivilDate(year: year, month: 1, day: 1)
        {
            if yearGuessed {
                let months = 12 * (year - start.year)
                when.start = start.adding(months: months)
                when.end = when.end?.adding(months: months)
            } else {
                when = When(start: january, precision: .year)
            }
        }
        let status = StatusJudge.status(sentence, when: when, noteDate: context.info.date, kind: .event)
        let offset = sentence.words[min(wordIndex, sentence.words.count - 1)].range.lowerBound
        var item = Item(kind: .event, subkind: subkind, title: title, when: when, status: status,
            location: Places.location(in: sentence, context, near: wordIndex), sources: [context.evidence(sentence, at: offset)])
        if let link = sentence.words.first(where: { $0.link != nil && title.contains($0.text) })?.link { item.url = link }
        return item
    }

    // MARK: - "a demo at FOSDEM", "will be at OSCON", "(at [CCC][])"

    static func attendance(_ sentence: Sentence, _ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        let words = sentence.words
        // "Dev will attend FOSSCon next month": the object of attend is the event.
        for (index, word) in words.enumerated() where ["attend", "attends", "attended", "attending", "visit", "visiting", "visited"].contains(word.lower)
            && index + 1 < words.count && !["to", "the", "a", "an", "our", "this"].contains(words[index + 1].lower)
        {
            guard let range = sentence.linkRange(index + 1) ?? sentence.nameAfter(index + 1, limit: 3) else { continue }
            let title = sentence.text(range, in: context.blocks[sentence.block]).trimmedPhrase()
            guard isEventName(title, words: Array(words[range])) else { continue }
            let item = draftItem(title, subkind: title.lowercased().includes("summit") ? .summit : .conference, sentence: sentence,
                at: range.lowerBound, context)
            drafts.append(Draft(item, block: sentence.block, confidence: 0.7))
        }
        for (index, word) in words.enumerated() where ["at", "to", "during"].contains(word.lower) {
            guard index + 1 < words.count else { continue }
            let window = words[max(0, index - 5)..<index].map(\.lower)
            let beAt = index > 0 && ["be", "been", "was", "were", "is", "are", "being", "rather"].contains(words[index - 1].lower)
            let verbNear = window.contains(where: Cues.attendanceVerbs.contains) || beAt
                || (word.lower == "at" && index > 0 && words[index - 1].text == "(")
            // "during ASPLOS", "at ICFP": an acronym after these is an event even with no verb.
            let acronymAfter = word.lower != "to" && words[index + 1].allCaps && words[index + 1].text.count >= 3
                && !Cues.notEventNames.contains(words[index + 1]) && words[index + 1].link == nil
                && (index + 2 >= words.count || !words[index + 2].capitalized)
            guard verbNear || acronymAfter else { continue }
            // "the June CG meeting at CMU": where a meeting is held, not an event.
            if word.lower == "at", index > 0, Cues.meetingNouns.contains(words[index - 1]) { continue }
            var candidate: Range<Int>?
            if let link = sentence.linkRange(index + 1) {
                candidate = link
            } else if let name = sentence.nameAfter(index + 1, limit: 3) {
                candidate = name
            }
            guard let range = candidate else { continue }
            let block = context.blocks[sentence.block]
            let title = sentence.text(range, in: block).trimmedPhrase()
            guard isEventName(title, words: Array(words[range])) else { continue }
            // A named noun phrase ("the GSoC/OPW panel at Xen Summit") is found by nounPhrases.
            if let next = range.upperBound < words.count ? words[range.upperBound].lower : nil, Cues.eventNouns[next] != nil { continue }
            let subkind: Item.Subkind = title.lowercased().includes("summit") ? .summit : .conference
            var item = draftItem(title, subkind: subkind, sentence: sentence, at: range.lowerBound, context)
            // The date of an attendance sentence belongs to the event only when it is near; "the next call is on
            // the 22nd, but Anil will be at OSCON": the event is around then (its month).
            if let date = sentence.dates.first, abs(date.range.lowerBound - words[range.lowerBound].range.lowerBound) > 40 {
                let butBetween = words.contains { $0.lower == "but" && $0.range.lowerBound > date.range.upperBound
                    && $0.range.upperBound < words[range.lowerBound].range.lowerBound }
                if butBetween, let start = date.when.start, date.when.isDated {
                    item.when = When(start: start.firstOfMonth, precision: .month)
                } else {
                    item.when = .undated
                }
                item.status = StatusJudge.status(sentence, when: item.when, noteDate: context.info.date, kind: .event)
            }
            drafts.append(Draft(item, block: sentence.block, confidence: 0.7))
        }
        return drafts
    }

    /// FOSDEM, OSCON, ICFP, XenSummit, dev/winter, SCALE/CIF2016: what an event's name looks like.
    static func isEventName(_ title: String, words: [Word]) -> Bool {
        let content = words.filter { !$0.isPunct }
        guard let first = content.first, content.count <= 4 else { return false }
        if Cues.notEventNames.contains(first) || Names.tokens(title).isEmpty { return false }
        if content.contains(where: { Cues.eventNouns[$0.lower] != nil && !Cues.weakEventNouns.contains($0) }) { return true }
        if first.allCaps, first.text.count >= 3, first.text.count <= 8, content.count <= 2, !first.text.contains("/") { return true }
        // CamelCase with a capital inside ("XenSummit", "PyCon") or an event word inside it.
        let inner = first.text.dropFirst().contains { $0.isUppercase } && first.text.first?.isUppercase == true
        if inner, content.count == 1, first.text.allSatisfy({ $0.isLetter || $0.isNumber }), !first.allCaps { return true }
        // "dev/winter", "SCALE/CIF2016"; not "TCP/IP", "I/O".
        if first.text.contains("/"), !first.text.contains("://"), content.count == 1,
            first.text.split(separator: "/").contains(where: { $0.count >= 5 || $0.contains(where: \.isNumber) })
        {
            return true
        }
        return false
    }

    // MARK: - "Hannes gives a talk on the 27th (at CCC)"

    /// "two upcoming events - [Heart of Tides](…) Sept 18-19 in Leuven, Belgium and [Tidecon](…) Oct 23-25":
    /// in a sentence about events, a linked name right before its days is an event on those days.
    static func linkedWithDates(_ sentence: Sentence, _ context: NoteContext) -> [Draft] {
        let words = sentence.words
        let block = context.blocks[sentence.block]
        var drafts: [Draft] = []
        var index = 0
        while index < words.count {
            guard words[index].linkSpan != nil, let range = sentence.linkRange(index) else {
                index += 1
                continue
            }
            index = range.upperBound
            let end = words[range.upperBound - 1].range.upperBound
            guard range.count <= 6, words[range.lowerBound].capitalized || words[range.lowerBound].text.contains(where: \.isUppercase),
                let date = sentence.dates.first(where: { $0.range.lowerBound >= end && $0.range.lowerBound <= end + 2 }),
                date.when.isDated, date.stated.contains(.day), !date.stated.contains(.relative)
            else { continue }
            let title = sentence.text(range, in: block).trimmedPhrase()
            guard !title.hasPrefix("http") else { continue }
            let after = words.firstIndex { $0.range.lowerBound >= date.range.upperBound } ?? words.count
            var item = Item(kind: .event, subkind: eventNounSubkind(title) ?? .other, title: title, when: date.when,
                status: StatusJudge.status(sentence, when: date.when, noteDate: context.info.date, kind: .event),
                sources: [context.evidence(sentence, at: words[range.lowerBound].range.lowerBound)])
            item.url = words[range.lowerBound].link
            if after < words.count, words[after].lower == "in" { item.location = Places.location(in: sentence, context, near: after) }
            var draft = Draft(item, block: sentence.block, confidence: 0.8)
            draft.dateRange = date.range
            drafts.append(draft)
        }
        return drafts
    }

    /// The subkind an event noun in a name gives ("Heart of Tides Summit" → summit), if any.
    static func eventNounSubkind(_ name: String) -> Item.Subkind? {
        name.lowercaseWords.reversed().lazy.compactMap { Cues.eventNouns[$0] }.first
    }

    static let presentingVerbs: WordSet = [
        "present", "presents", "presenting", "discuss", "discusses", "discussing", "titled", "entitled", "called", "speak",
        "speaks", "speaking", "on", "about",
    ]

    /// "Ana will present [Mapping the Tides](…) in room K.1 at 14:30", "a talk titled "Tide Tables" at 16:00": a
    /// title (a link's text or a quotation) right after a verb of presenting, in a sentence with a day and a
    /// clock time, is a talk with that title.
    static func titledTalk(_ sentence: Sentence, _ context: NoteContext) -> Draft? {
        guard sentence.dates.contains(where: { $0.stated.contains(.time) && $0.when.start != nil }) else { return nil }
        let words = sentence.words
        for (index, word) in words.enumerated() where presentingVerbs.contains(word) && index + 1 < words.count {
            // "on" and "about" only after "talk" or "speak": "a talk on [X]".
            if word.lower == "on" || word.lower == "about", index == 0 || !["talk", "speak", "speaks", "speaking"].contains(words[index - 1].lower) {
                continue
            }
            guard let range = sentence.linkRange(index + 1), range.count >= 2, words[range.lowerBound].capitalized else { continue }
            let title = sentence.text(range, in: context.blocks[sentence.block]).trimmedPhrase()
            guard !title.hasPrefix("http") else { continue }
            let item = draftItem(title, subkind: .talk, sentence: sentence, at: range.lowerBound, context)
            guard item.when.isDated else { continue }
            return Draft(item, block: sentence.block, confidence: 0.8)
        }
        return nil
    }

    static func talks(_ sentence: Sentence, _ context: NoteContext) -> [Draft] {
        let words = sentence.words
        guard let talk = words.firstIndex(where: { $0.lower == "talk" }), talk >= 2,
            ["give", "gives", "giving", "gave", "present", "presenting", "do", "doing"].contains(words[talk - 2].lower)
                || ["give", "gives", "giving", "gave"].contains(words[talk - 1].lower)
        else { return [] }
        // The speaker: the sentence's first name, if it leads the sentence.
        let block = context.blocks[sentence.block]
        var speaker: String?
        if let name = sentence.nameAfter(0, limit: 3), name.lowerBound <= 1 {
            speaker = sentence.text(name, in: block)
        }
        var title = (speaker.map { "\($0) talk" } ?? "Talk")
        // "... at [CCC]" or "in France".
        if let at = words[(talk + 1)...].firstIndex(where: { $0.lower == "at" || $0.lower == "in" }),
            let place = sentence.nameAfter(at + 1, limit: 3)
        {
            title += " \(words[at].lower) " + sentence.text(place, in: block).trimmedPhrase()
        }
        guard speaker != nil || title != "Talk" else { return [] }
        let item = draftItem(title, subkind: .talk, sentence: sentence, at: talk, context)
        return [Draft(item, block: sentence.block, confidence: 0.7)]
    }

    // MARK: - Items of an events section or agenda group

    static let sectionWords: WordSet = ["event", "events", "conference", "conferences", "meetups", "upcoming", "travel", "talks", "calendar"]

    static func isEventSection(_ text: String) -> Bool {
        // ASCII text: its letter runs, lower-cased, on the bytes (an ASCII Character is a letter exactly
        // when its byte is A-Z or a-z).
        if text.isASCII {
            var run: [UInt8] = []
            func found() -> Bool {
                defer { run.removeAll(keepingCapacity: true) }
                guard !run.isEmpty else { return false }
                // The word is made only when its hash may be a member's.
                let hash = WordHash.of(run)
                guard sectionWords.signature.mayContain(hash) else { return false }
                return sectionWords.contains(String(decoding: run, as: UTF8.self), hash: hash, ascii: true, exotic: false)
            }
            for byte in text.utf8 {
                if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
                    run.append(byte | 0x20)
                } else if found() {
                    return true
                }
            }
            return found()
        }
        let tokens = text.lowercased().split(whereSeparator: { !$0.isLetter })
        return tokens.contains { sectionWords.contains(String($0)) }
    }

    static func sectionItems(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        for (index, block) in context.blocks.enumerated() where block.kind != .code {
            let parentText = block.parent.map { context.blocks[$0].text } ?? ""
            let inSection = context.headings(of: index).first.map(isEventSection) ?? false
            let underItem = block.isListItem && isEventSection(parentText)
            guard inSection || underItem else { continue }
            var name: String
            if let lead = block.leadIn {
                name = block.text(lead.range).trimmedPhrase()
            } else if block.isListItem, underItem || context.agenda.contains(index) {
                name = block.text.headPhrase()
            } else {
                continue
            }
            guard !name.isEmpty, name.wordCount <= 6, !isEventSection(name) else { continue }
            // "**Location**: Ghent", "Time: 10:00": a key naming an attribute of the section's event, not an event.
            let nameWords = name.lowercaseWords
            if block.leadIn != nil, let last = nameWords.last,
                Cues.attributeNouns.contains(last) || nameWords.count == 1 && Cues.genericKeys.contains(last)
            {
                continue
            }
            guard let sentenceIndex = context.sentencesOfBlock[index].first else { continue }
            let sentence = context.sentences[sentenceIndex]
            // "**Monday 5th May**: Week 1 — …": an entry led by its date is a schedule's (Schedules reads it).
            if let first = sentence.dates.first, first.range.lowerBound <= 2 { continue }
            let lower = block.text.lowercased()
            var subkind: Item.Subkind = .other
            for (noun, kind) in Cues.eventNouns where name.lowercased().split(separator: " ").contains(Substring(noun)) { subkind = kind }
            if subkind == .other, lower.includes("cfp") || lower.includes("call for") || lower.includes("proposals") { subkind = .conference }
            var item = draftItem(name, subkind: subkind, sentence: sentence, at: 0, context)
            // In an agenda line the dates belong to what the line says ("event is … on 22 Jan"), not its CfP.
            item.when = eventDate(in: context.sentencesOfBlock[index].map { context.sentences[$0] }) ?? .undated
            item.status = StatusJudge.status(sentence, when: item.when, noteDate: context.info.date, kind: .event)
            if item.when == .undated, item.status == .past { item.status = .scheduled }
            drafts.append(Draft(item, block: index, confidence: 0.75, fromAgenda: context.agenda.contains(index)))
        }
        return drafts
    }

    /// The date a block gives the event itself: the one not claimed by a deadline cue.
    static func eventDate(in sentences: [Sentence]) -> When? {
        for sentence in sentences {
            for expression in sentence.dates where expression.when.isDated {
                let before = sentence.words.filter { $0.range.upperBound <= expression.range.lowerBound }.suffix(3).map(\.lower)
                if before.contains(where: { Cues.deadlineVerbs.contains($0) || $0 == "cfp" }) { continue }
                return expression.when
            }
        }
        return nil
    }
}

/// "in Pasadena CA", "in Portland, Oregon": a place after "in" in an event's sentence.
enum Places {
    static let notPlaces: WordSet = [
        "the", "a", "an", "this", "that", "order", "time", "place", "progress", "general", "particular", "fact",
        "advance", "which", "case", "addition", "future", "practice", "mind", "touch", "charge", "terms", "favour",
        "favor", "it", "there", "person",
    ]

    /// The first place after word `near` (within a dozen words and before another event noun), else nil.
    static func location(in sentence: Sentence, _ context: NoteContext, near: Int = 0) -> String? {
        let words = sentence.words
        for (index, word) in words.enumerated() where word.lower == "in" && index + 1 < words.count && index >= near - 1 {
            if index - near > 14 { break }
            let next = words[index + 1]
            guard next.capitalized, !next.inCode, next.link == nil, !Places.notPlaces.contains(next) else { continue }
            // Not a month, weekday or date ("in January", "in Q1").
            if sentence.dates.contains(where: { $0.range.contains(next.range.lowerBound) }) { continue }
            // Up to three capitalised words, or up to three such parts between commas ("Sunnyvale, California,
            // United States"); a longer capitalised run is a title, not a place.
            var hi = index + 1
            var (parts, wordsInPart, total) = (1, 0, 0)
            while hi < words.count {
                let w = words[hi]
                if w.capitalized || w.allCaps {
                    wordsInPart += 1
                    total += 1
                    hi += 1
                } else if w.text == ",", parts < 3, hi + 1 < words.count, words[hi + 1].capitalized,
                    !sentence.dates.contains(where: { $0.range.contains(words[hi + 1].range.lowerBound) })
                {
                    hi += 1
                    parts += 1
                    wordsInPart = 0
                } else {
                    break
                }
                if wordsInPart > 3 || total > 5 { break }
            }
            guard wordsInPart <= 3, total <= 5 else { continue }
            while hi > index + 1, words[hi - 1].isPunct { hi -= 1 }
            // The place must be followed by a date, a pause or the end: "in Pasadena CA on 22 Jan", "in France."
            let place = sentence.text((index + 1)..<hi, in: context.blocks[sentence.block])
            if Names.tokens(place).isEmpty { continue }
            return place
        }
        return nil
    }
}
