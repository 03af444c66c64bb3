import AlmanacNames
public import AlmanacCore
public import AlmanacRead
public import AlmanacTime

/// Document → items: the events, deadlines, meetings and projects one note speaks of, with dates
/// resolved against the note's own date, and the lines that say so.
///
/// ```swift
/// let note = NoteReader().read(contentsOf: "notes/2015-12-16.md").note!
/// let items = Extractor().extract(note)
/// items.map(\.title)  // ["Weekly Meeting: 2015-12-16", "Cloud Innovator Forum 2016", …]
/// ```
public struct Extractor: Sendable {
    public var tagger: TemporalTagger

    public init(dateOptions: TemporalTagger.Options = .init()) {
        tagger = TemporalTagger(options: dateOptions)
    }

    public func extract(_ note: Note) -> [Item] {
        extractReporting(note).items
    }

    /// The items, and a warning for each date the note writes that names no day ("Dec 32", "on 0001-01-01",
    /// "31 February", "next week" in a note dated 9999-12-31): those words date nothing.
    public func extractReporting(_ note: Note) -> (items: [Item], diagnostics: [Diagnostic]) {
        let context = NoteContext(note: note, tagger: tagger)
        let diagnostics = context.dateProblems.map { block, expression -> Diagnostic in
            let evidence = context.evidence(block: block, at: expression.range.lowerBound, quote: expression.text)
            return .warning("'\(expression.text)' is no date: \(expression.problem ?? "no such day"); left undated", path: evidence.path,
                line: evidence.line, column: evidence.column)
        }
        return (items(context), diagnostics)
    }

    func items(_ context: NoteContext) -> [Item] {
        var drafts: [Draft] = []
        drafts += Meetings.extract(context)
        drafts += Deadlines.extract(context)
        drafts += Events.extract(context)
        drafts += Schedules.extract(context)
        drafts += Projects.extract(context)
        Planning.extract(context, replacing: &drafts)
        Deadlines.applyDefaultTime(&drafts, context)
        var items = Self.consolidated(drafts)
        Self.readAsTheConferencePage(&items, context)
        Self.noteGuesses(&items, context)
        return items
    }

    /// Each date the note writes, by what it resolved to, with its sentence (the first of equal ones).
    static func expressions(_ context: NoteContext) -> [When: (TemporalExpression, Sentence)] {
        var expressions: [When: (TemporalExpression, Sentence)] = [:]
        for sentence in context.sentences {
            for expression in sentence.dates where expressions[expression.when] == nil { expressions[expression.when] = (expression, sentence) }
        }
        return expressions
    }

    /// A conference's page, dated by the conference itself ("Conference Dates: October 17-18, 2018" opening
    /// it): its undated sessions ("BOF: Vector types" in a table, "Debug info BoF - two speakers" in a list)
    /// are slots of its programme, not events; and its deadlines come before it, so one written without a
    /// year ("Early registration runs until September 17th, and then prices will increase") that a future
    /// tense put after the conference is a year earlier.
    static func readAsTheConferencePage(_ items: inout [Item], _ context: NoteContext) {
        // The first conference named whose days hold the page's date: the page's own.
        guard let conference = items.first(where: { item in
            guard item.kind == .event, [.conference, .summit].contains(item.subkind), let first = item.when.start, let last = item.when.lastDay
            else { return false }
            return (first...last).contains(context.info.date)
        }), let first = conference.when.start, let last = conference.when.lastDay else { return }
        items.removeAll { item in
            item.kind == .event && !item.when.isDated && item.title.lowercaseWords.contains(where: Cues.sessionNouns.contains)
        }
        let expressions = Self.expressions(context)
        for index in items.indices where items[index].kind == .deadline {
            guard let start = items[index].when.start, start > last, let (expression, _) = expressions[items[index].when],
                expression.inferred.contains(.year), !expression.stated.contains(.relative)
            else { continue }
            let earlier = start.adding(months: -12)
            guard earlier < first else { continue }
            items[index].when.start = earlier
            items[index].when.end = items[index].when.end?.adding(months: -12)
            if items[index].status == .scheduled, earlier < context.info.date { items[index].status = .past }
        }
    }

    /// The drafts as items: each date given to one item, one item per thing, and no item that names nothing.
    static func consolidated(_ drafts: [Draft]) -> [Item] {
        var drafts = drafts
        giveEachDateToOneItem(&drafts)
        drafts.removeAll { isCall($0.item) }
        var items = Consolidate.items(drafts)
        items.removeAll(where: isNamelessEvent)
        dropSpeakers(&items)
        return items
    }

    /// "VM: I've been posting to the #general channel": a minutes' speaker label is a person the meeting
    /// lists, not an event. An undated one-word event that is the first name of an attendee is dropped.
    static func dropSpeakers(_ items: inout [Item]) {
        let firstNames = Set(items.lazy.filter { $0.kind == .meeting }.flatMap(\.people).compactMap { $0.split(separator: " ").first.map(String.init) })
        guard !firstNames.isEmpty else { return }
        items.removeAll { $0.kind == .event && !$0.when.isDated && !$0.title.contains(" ") && firstNames.contains($0.title) }
    }

    /// "Call for Talk Proposals" is no event (when the call closes is a deadline).
    static func isCall(_ item: Item) -> Bool {
        let words = item.title.lowercaseWords
        return item.kind == .event && words.count > 2 && words[0] == "call" && words[1] == "for"
    }

    /// "the conference", "a 2-day workshop", "traditional BoF", a bare link: an undated event named
    /// only by ordinary words is no particular event. A name, a version or a year would make it one.
    static func isNamelessEvent(_ item: Item) -> Bool {
        guard item.kind == .event, !item.when.isDated else { return false }
        let words = item.title.lowercaseWords
        if item.title.hasPrefix("https://") || item.title.hasPrefix("http://") { return true }
        // A count ("2-day") names nothing; a version ("1.0", "5.x") does.
        let isCount = { (word: String) in word.count <= 2 && word.allSatisfy(\.isNumber) && !item.title.contains(word + ".") }
        return !words.isEmpty && words.allSatisfy { CommonWords.contains($0) || Cues.eventNouns[$0] != nil || isCount($0) }
    }

    /// Where a note's date comes from when the note does not state it: a relative date in it is a guess.
    static let weakDateSources: Set<NoteInfo.DateSource> = [.fileName, .path, .permalink, .pageYear, .git]

    /// Records the dates that were guesses: a missing year that was a close call, a relative date in a
    /// note whose own date only comes from its file name, path or last commit, or is itself a guess.
    static func noteGuesses(_ items: inout [Item], _ context: NoteContext) {
        let expressions = Self.expressions(context)
        for index in items.indices where items[index].when.isDated && !(items[index].kind == .meeting && items[index].status == .past) {
            guard let (expression, sentence) = expressions[items[index].when] else { continue }
            let evidence = context.evidence(sentence, at: expression.range.lowerBound)
            if expression.yearWasCloseCall, let year = items[index].when.start?.year {
                items[index].inferred.append(Inference("the year of \"\(expression.text)\" was a close call; read as \(year)", at: evidence))
            }
            if expression.stated.contains(.relative), context.info.dateIsGuess || Self.weakDateSources.contains(context.info.dateSource) {
                items[index].inferred.append(Inference(
                    "\"\(expression.text)\" is relative, and the note's own date is a guess (from \(context.info.dateSource))",
                    at: evidence))
            }
        }
    }

    /// "A release due very soon and Thomas will be giving a talk on the 6th of June": the date goes to
    /// the item named nearest to it (the talk), not to every item of the sentence.
    static func giveEachDateToOneItem(_ drafts: inout [Draft]) {
        var claims: [String: [Int]] = [:]
        for (index, draft) in drafts.enumerated() {
            guard let sentence = draft.sentence, let range = draft.dateRange, draft.item.kind == .event else { continue }
            claims["\(sentence)|\(range.lowerBound)", default: []].append(index)
        }
        for (_, claimants) in claims where claimants.count > 1 {
            let distances = claimants.map { index -> Int in
                let draft = drafts[index]
                let at = draft.anchor ?? 0
                let date = draft.dateRange!.lowerBound
                return at <= date ? date - at : (at - date) * 2
            }
            let nearest = claimants[distances.firstIndex(of: distances.min()!)!]
            for index in claimants where index != nearest && !drafts[index].sharesDate
                && Names.similarity(drafts[index].item.title, drafts[nearest].item.title) < 0.6
            {
                drafts[index].item.when = .undated
                drafts[index].dateRange = nil
            }
        }
    }
}

// MARK: - Stage timings (for the benchmark)

extension Extractor {
    /// Extracts every note on this thread and returns the time each stage took, summed over the notes.
    package func stageTimes(_ notes: [Note]) -> [(stage: String, seconds: Double)] {
        let clock = ContinuousClock()
        var totals: [String: Duration] = [:]
        var order: [String] = []
        func time<T>(_ stage: String, _ body: () -> T) -> T {
            let start = clock.now
            let result = body()
            if totals[stage] == nil { order.append(stage) }
            totals[stage, default: .zero] += start.duration(to: clock.now)
            return result
        }
        for note in notes {
            let context = time("context (sentences, words, dates)") { NoteContext(note: note, tagger: tagger) }
            var drafts = time("meetings") { Meetings.extract(context) }
            drafts += time("deadlines") { Deadlines.extract(context) }
            drafts += time("events and releases") { Events.extract(context) }
            drafts += time("schedules") { Schedules.extract(context) }
            drafts += time("projects") { Projects.extract(context) }
            time("planning lines") { Planning.extract(context, replacing: &drafts) }
            time("deadlines") { Deadlines.applyDefaultTime(&drafts, context) }
            var items = time("consolidate") { Self.consolidated(drafts) }
            time("conference page") { Self.readAsTheConferencePage(&items, context) }
            time("guesses") { Self.noteGuesses(&items, context) }
        }
        return order.map { stage in
            let (s, atto) = totals[stage]!.components
            return (stage, Double(s) + Double(atto) / 1e18)
        }
    }
}
