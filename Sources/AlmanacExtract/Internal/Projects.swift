import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead
import AlmanacTime

/// Contributor projects framed as such: list items under a projects discussion, "working on X" in a
/// programme's context, "the X Pioneer Project", "a project on a DHCP server".
enum Projects {
    static func extract(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        let walked = walkedProjects(context)
        drafts += walked
        // A list inside an idea's own section is the idea's parts, not more ideas.
        drafts += listedIdeas(context, outside: Set(walked.map(\.block).filter { context.blocks[$0].isHeading }))
        drafts += sectionLeadIns(context)
        let programmes = context.blocks.indices.map { programme(of: $0, context) }
        for sentence in context.sentences where sentence.hasAny(frameCues) {
            // The programme the sentence names ("Two Outreachy interns…") before its section's ("Newcomers").
            let named = (!sentence.hasAny(programmeWords) ? nil : programme(inWords: sentence.words.map(\.lower)))
                ?? programmes[sentence.block]
            var quoted = quotedIdeas(sentence, context, programme: named)
            if quoted.isEmpty { quoted = linkedProjects(sentence, context, programme: named) }
            drafts += quoted.isEmpty ? frames(sentence, context, programme: named) : quoted
        }
        return drafts
    }

    /// "GSoC 2026 project ideas: "Plugin sandbox" (mentor: Deniz), "Metrics exporter" (mentors: Amara,
    /// Bjorn)": in a sentence about a programme's projects or ideas, each quoted title is a proposed
    /// project, with the mentors its parentheses name.
    static func quotedIdeas(_ sentence: Sentence, _ context: NoteContext, programme: Item.Subkind?) -> [Draft] {
        guard sentence.has("ideas") || sentence.has("projects") || sentence.has("project"), let subkind = programme,
            subkind != .other
        else { return [] }
        let text = Array(sentence.text.utf8)
        var drafts: [Draft] = []
        var i = 0
        while let start = quote(text, from: i, curly: 0x9C)?.upperBound {
            guard let close = quote(text, from: start, curly: 0x9D) else { break }
            i = close.upperBound
            let title = String(decoding: text[start..<close.lowerBound], as: UTF8.self).trimmedPhrase()
            guard !title.isEmpty, title.wordCount <= 6, !Names.tokens(title).isEmpty else { continue }
            var people: [String] = []
            // "(mentor: Deniz)", "(mentors: Amara, Bjorn)" right after the title.
            var k = close.upperBound
            while k < text.count, text[k] == 0x20 { k += 1 }
            if k < text.count, text[k] == UInt8(ascii: "("), let end = text[k...].firstIndex(of: UInt8(ascii: ")")) {
                let inside = String(decoding: text[(k + 1)..<end], as: UTF8.self)
                if let colon = inside.firstIndex(of: ":"), inside[..<colon].lowercased().hasPrefix("mentor") {
                    people = inside[inside.index(after: colon)...]
                        .replacingOccurrences(of: " and ", with: ",").split(separator: ",")
                        .map { String($0).trimmedPhrase() }.filter { !$0.isEmpty }
                }
            }
            let item = Item(kind: .project, subkind: subkind, title: title, status: .proposed, people: people,
                sources: [context.evidence(sentence, at: sentence.range.lowerBound + start)])
            drafts.append(Draft(item, block: sentence.block, confidence: 0.8))
        }
        return drafts
    }

    /// "GSoC contributors posted about several projects, from [Offline sync], [Chart narration] and
    /// [Tide alerts]": in a sentence that names a programme and its projects, the links after the word
    /// "projects" (two or more, each a short capitalised name) are its projects; done when the sentence
    /// tells of the past.
    static func linkedProjects(_ sentence: Sentence, _ context: NoteContext, programme: Item.Subkind?) -> [Draft] {
        guard let subkind = programme, subkind != .other, subkind != .student, subkind != .pioneer,
            let word = sentence.words.firstIndex(where: { $0.lower == "projects" }), sentence.hasAny(programmeWords)
        else { return [] }
        let block = context.blocks[sentence.block]
        var links: [Range<Int>] = []
        var k = word + 1
        while k < sentence.words.count {
            if sentence.words[k].link != nil, let range = sentence.linkRange(k) {
                links.append(range)
                k = range.upperBound
            } else {
                k += 1
            }
        }
        let names = links.map { sentence.text($0, in: block).trimmedPhrase() }
        guard names.count >= 2, names.allSatisfy({ name in
            name.first?.isUppercase == true && (2...8).contains(name.wordCount) && programmeOf(name) == nil
        }) else { return [] }
        let done = sentence.hasAny(Cues.pastVerbs) || sentence.hasAny(.projects_finished)
        return zip(links, names).map { range, name in
            var item = Item(kind: .project, subkind: subkind, title: name, status: done ? .done : .inProgress,
                sources: [context.evidence(sentence, at: sentence.words[range.lowerBound].range.lowerBound)])
            item.url = sentence.words[range.lowerBound].link
            return Draft(item, block: sentence.block, confidence: 0.75)
        }
    }

    static func programmeOf(_ text: String) -> Item.Subkind? { programme(in: text) }

    /// The next double quote at or after `from`: a straight one, or the curly one whose last UTF-8 byte is
    /// `curly` (“ is E2 80 9C, ” is E2 80 9D). Its bytes.
    private static func quote(_ text: [UInt8], from: Int, curly: UInt8) -> Range<Int>? {
        var i = from
        while i < text.count {
            if text[i] == 0x22 { return i..<(i + 1) }
            if text[i] == 0xE2, i + 2 < text.count, text[i + 1] == 0x80, text[i + 2] == curly { return i..<(i + 3) }
            i += 1
        }
        return nil
    }

    /// The programme named in a text ("Outreachy", "GSoC", "Pioneer Projects"), if any: the first
    /// phrase of ``Cues/programmes`` whose words occur in a row.
    static func programme(in text: String) -> Item.Subkind? {
        programme(inWords: text.lowercaseWords)
    }

    /// The programme a list of lower-cased words names.
    static func programme(inWords words: [String]) -> Item.Subkind? {
        // Most texts name no programme: their words are looked up once before any phrase is compared.
        guard words.contains(where: programmeWords.contains) else { return nil }
        for (phrase, subkind) in programmePhrases where subkind != .other {
            guard phrase.count <= words.count else { continue }
            for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
                if phrase.count == 1 || Array(words[start..<(start + phrase.count)]) == phrase { return subkind }
            }
        }
        return nil
    }

    static let programmePhrases: [([String], Item.Subkind)] = Cues.programmes.map { ($0.0.split(separator: " ").map(String.init), $0.1) }
    /// The first words of the programme phrases: a sentence without any names no programme.
    static let programmeWords = WordSet(programmePhrases.filter { $0.1 != .other }.map { $0.0[0] })

    /// The programme of a block's context: its lead-in, headings, parent item, the paragraph before it.
    static func programme(of index: Int, _ context: NoteContext) -> Item.Subkind? {
        let block = context.blocks[index]
        if let lead = block.leadIn, let found = programme(in: block.text(lead.range)) { return found }
        for heading in context.headings(of: index) { if let found = programme(in: heading) { return found } }
        if let parent = block.parent, let found = programme(in: context.blocks[parent].text) { return found }
        return nil
    }

    // MARK: - Idea sections and tables of projects

    /// The projects a note lays out as a projects list page does: a heading per idea with its fields
    /// ("Potential mentors:", "Difficulty: Easy", "Skills:"), or a table of projects ("Project | Student |
    /// Mentor"). Only the ones that name people (mentors, students) count: a heading with a "Status:" or a
    /// link is no project by itself in a note.
    static func walkedProjects(_ context: NoteContext) -> [Draft] {
        let named: Item.Subkind? = context.info.title.flatMap { Self.programme(in: $0) }
        var walker = ListWalker(document: context.note.document, path: context.info.path, programme: named)
        walker.run()
        var drafts: [Draft] = []
        for project in walker.projects where !project.mentors.isEmpty || !project.contributors.isEmpty {
            // In a note, a heading with a "Contact:" is no project unless a programme or the word says so.
            let block = context.blocks.firstIndex { $0.line == project.line } ?? 0
            let framing = ([context.info.title ?? ""] + (block < context.blocks.count ? context.headings(of: block) : []))
            guard project.programme != nil || framing.contains(where: { text in
                text.lowercaseWords.contains { $0.hasPrefix("project") || $0 == "idea" || $0 == "ideas" }
            }) else { continue }
            var item: Item = project.item(path: context.info.path)
            item.subkind = project.programme ?? .other
            item.project?.listed = false
            // Students first, then their mentors, as a table of accepted projects reads.
            item.people = project.contributors + project.mentors.filter { !project.contributors.contains($0) }
            // An idea is proposed until someone takes it; a project with its student is under way.
            if item.status == .available { item.status = project.contributors.isEmpty ? .proposed : .inProgress }
            if block < context.blocks.count {
                item.sources = [context.evidence(block: block, at: 0, quote: NoteContext.quote(context.blocks[block].text))]
            }
            drafts.append(Draft(item, block: block, confidence: 0.9))
        }
        return drafts
    }

    // MARK: - "we discussed:" followed by a list of ideas

    /// `outside`: headings of projects already read, whose lists are not read again.
    static func listedIdeas(_ context: NoteContext, outside projectHeadings: Set<Int> = []) -> [Draft] {
        var drafts: [Draft] = []
        var index = 0
        let blocks = context.blocks
        while index < blocks.count {
            let block = blocks[index]
            guard block.kind == .paragraph || block.isListItem, block.text.hasSuffix(":"), index + 1 < blocks.count,
                blocks[index + 1].isListItem, !context.agenda.contains(index + 1)
            else {
                index += 1
                continue
            }
            let intro = block.text.lowercased()
            // "Here are examples of project ideas:": examples, not ideas; an idea's own list of features.
            if intro.includes("example") || block.section.map(projectHeadings.contains) == true {
                index += 1
                continue
            }
            // The programme of the section, of the lead line, else of the note ("Jenkins joins GSoC 2016").
            let section = programme(of: index, context) ?? programme(in: block.text) ?? context.info.title.flatMap { programme(in: $0) }
            // "these are the steps to take:" lists no ideas.
            let aboutProjects = intro.includes("project") || intro.includes("idea") || intro.includes("discussed") || intro.includes("suggest")
            guard let subkind = section, aboutProjects else {
                index += 1
                continue
            }
            var item = index + 1
            let depth = blocks[item].kind
            while item < blocks.count, blocks[item].isListItem, blocks[item].kind == depth,
                blocks[item].line - blocks[item - 1].line <= 2 + (blocks[item - 1].anchors.last?.line ?? blocks[item - 1].line) - blocks[item - 1].line
            {
                let text = blocks[item].text
                var title = cleanTitle(text)
                // "The work that Mindy did for ARP …": a generic head keeps the whole item as its title.
                if CommonWords.isOrdinary(title) { title = cleanTitle(text.before(separator: ". ")) }
                let dated = context.sentencesOfBlock[item].contains { !context.sentences[$0].dates.isEmpty }
                if !title.isEmpty, title.wordCount <= 14, !dated, !isRating(title) {
                    var project = Item(
                        kind: .project, subkind: subkind, title: title, status: .proposed,
                        url: blocks[item].spans.first(where: { $0.url != nil })?.url ?? nearestLink(index, context),
                        sources: [context.evidence(block: item, at: 0, quote: NoteContext.quote(text))])
                    project.difficulty = Self.difficulty(in: text)
                    drafts.append(Draft(project, block: item, confidence: 0.8))
                }
                item += 1
            }
            index = item
        }
        return drafts
    }

    /// A link to a projects page in the section ("Please see the [Pioneer Projects page][pioneer]").
    static func nearestLink(_ index: Int, _ context: NoteContext) -> String? {
        let section = context.blocks[index].section
        for block in context.blocks where block.section == section {
            if let span = block.spans.first(where: { span in span.url != nil && block.text(span.range).lowercased().includes("project") }) {
                return span.url
            }
        }
        return nil
    }

    /// "A router VM, which can route traffic" → "Router VM"; "OCaml SSH" stays.
    static func cleanTitle(_ text: String) -> String {
        var title = text
        for separator in [", which", ", that", " which ", " that ", " — ", " - ", ": ", " (", ". ", ", "] {
            title = title.before(separator: separator)
        }
        title = title.trimmedPhrase()
        for article in ["A ", "An ", "The ", "a ", "an ", "the "] where title.hasPrefix(article) {
            title = String(title.dropFirst(article.count))
            break
        }
        if let first = title.first, first.isLowercase { title = first.uppercased() + title.dropFirst() }
        return title
    }

    static func difficulty(in text: String) -> Int? {
        let lower = text.lowercased()
        for level in 1...3 where lower.includes("\(level)-star") || lower.includes("\(level) star") || lower.includes(String(repeating: "★", count: level) + String(repeating: "☆", count: 3 - level)) {
            return level
        }
        return nil
    }

    // MARK: - Sentence frames

    static let workVerbs: WordSet = ["working", "work", "works", "worked", "implement", "implementing"]
    /// Words one of the frames needs.
    static let frameCues: WordSet = workVerbs.union(workers).union([
        "pioneer", "project", "projects", "another", "one", "mentoring", "mentor", "mentors", "mentored", "supervising",
    ])
    static let workers: WordSet = [
        "student", "students", "intern", "interns", "participant", "participants", "candidate", "candidates",
        "applicant", "applicants", "mentee", "contributor", "newcomer",
    ]

    /// `programme`: the one the sentence names, else its section's.
    static func frames(_ sentence: Sentence, _ context: NoteContext, programme contextProgramme: Item.Subkind?) -> [Draft] {
        var drafts: [Draft] = []
        let words = sentence.words
        // "If you've worked on an aspect of …": a condition, not a project.
        if let first = words.first, ["if", "whether", "unless"].contains(first.lower) { return [] }
        let block = context.blocks[sentence.block]
        let hasWorker = sentence.hasAny(workers)
        func add(_ range: Range<Int>, status: Item.Status, subkind: Item.Subkind?, confidence: Double, people: [String] = []) {
            let title = cleanTitle(sentence.text(range, in: block))
            guard !title.isEmpty, title.wordCount <= 6, !Names.tokens(title).isEmpty, !isRating(title) else { return }
            // "Call for GSoC project proposals": a call names its programme ("GSoC"), not a project.
            if words.count > 1, words[0].lower == "call", words[1].lower == "for",
                Cues.programmes.contains(where: { $0.0 == title.lowercased() })
            {
                return
            }
            var item = Item(
                kind: .project, subkind: subkind ?? .other, title: title, status: status, people: people,
                sources: [context.evidence(sentence, at: words[range.lowerBound].range.lowerBound)])
            item.difficulty = difficulty(in: sentence.text)
            drafts.append(Draft(item, block: sentence.block, confidence: confidence))
        }
        for index in words.indices {
            // Every rule below starts at one of the frame cues (tested in place: copying each Word costs
            // three retains and releases).
            guard frameCues.contains(words[index]) else { continue }
            let word = words[index]
            // "<student> will be working on NTP", "implement NTP as the project"
            if workVerbs.contains(word), hasWorker || contextProgramme != nil {
                var start = index + 1
                if start < words.count, words[start].lower == "on" { start += 1 }
                guard word.lower.hasPrefix("work") ? (index + 1 < words.count && words[index + 1].lower == "on") : true else { continue }
                if let object = projectObject(sentence, from: start) {
                    let status: Item.Status = sentence.hasAny(.projects_will) && !sentence.has("working")
                        ? .proposed : .inProgress
                    add(object, status: hasWorker || contextProgramme != nil ? status : .proposed, subkind: contextProgramme,
                        confidence: hasWorker ? 0.85 : 0.6)
                }
            }
            // "the Static Site Pioneer Project", "the Solar charge monitor Pioneer Project"
            if word.lower == "pioneer", index + 1 < words.count, words[index + 1].lower.hasPrefix("project"),
                let name = phraseAfterDeterminer(sentence, before: index)
            {
                let mentoring = sentence.hasAny(.projects_mentoring)
                var people: [String] = []
                if mentoring {
                    // "Ben is mentoring …": the name before the verb.
                    if let verb = words.firstIndex(where: { ["mentoring", "mentors", "mentor", "mentored"].contains($0.lower) }) {
                        var end = verb
                        while end > 0, ["is", "will", "be", "has", "been", "are", "also"].contains(words[end - 1].lower) { end -= 1 }
                        if let who = sentence.nameBefore(end, limit: 3) { people.append(sentence.text(who, in: block)) }
                    }
                    if let with = words.firstIndex(where: { $0.lower == "with" }), let other = sentence.nameAfter(with + 1, limit: 3) {
                        people.append(sentence.text(other, in: block))
                    }
                }
                add(name, status: mentoring ? .inProgress : .proposed, subkind: .pioneer, confidence: 0.9, people: people)
            }
            // "finished the **Offline sync** project" in a programme's context
            if word.lower == "project", index > 0, contextProgramme != nil || hasWorker,
                let name = sentence.nameBefore(index, limit: 4), words[name].allSatisfy({ $0.inStrong || $0.link != nil }),
                !words[name].contains(where: { $0.lower == "pioneer" })
            {
                let done = sentence.hasAny(.projects_finished)
                add(name, status: done ? .done : .inProgress, subkind: contextProgramme, confidence: 0.75)
            }
            // "We could turn this into a Pioneer Project", "make it a Pioneer Project": the block's subject.
            if word.lower == "pioneer", index >= 2, index + 1 < words.count, words[index + 1].lower.hasPrefix("project"),
                ["a", "an"].contains(words[index - 1].lower),
                words[max(0, index - 4)..<index].contains(where: { ["into", "make", "becomes", "become", "as"].contains($0.lower) }),
                let subject = subjectOf(sentence, context)
            {
                var item = Item(kind: .project, subkind: .pioneer, title: subject, status: .proposed,
                    sources: [context.evidence(sentence, at: word.range.lowerBound)])
                item.url = word.link
                drafts.append(Draft(item, block: sentence.block, confidence: 0.7))
            }
            // "the new DHCP server, [Charrua], which was a result of a recent Pioneer Project"
            if word.lower == "pioneer", index + 1 < words.count, words[index + 1].lower.hasPrefix("project"),
                words[max(0, index - 5)..<index].contains(where: { ["result", "outcome", "product"].contains($0.lower) }),
                let named = words[..<index].lastIndex(where: { $0.link != nil || $0.inStrong || $0.inCode }).flatMap({ sentence.linkRange($0) ?? sentence.codeRange($0) })
            {
                add(named, status: .done, subkind: .pioneer, confidence: 0.7)
            }
            // "We have a candidate for Outreachy", "our GSoC student": someone in a programme.
            if workers.contains(word), index + 2 < words.count, ["for", "in", "from", "on"].contains(words[index + 1].lower),
                let subkind = programme(in: words[index + 2].text), subkind != .student, subkind != .pioneer
            {
                let label = words[index + 2].text
                var item = Item(kind: .project, subkind: subkind, title: "\(label) internship", status: word.lower.hasPrefix("candidate") || word.lower.hasPrefix("applicant") ? .proposed : .inProgress,
                    sources: [context.evidence(sentence, at: word.range.lowerBound)])
                item.people = []
                drafts.append(Draft(item, block: sentence.block, confidence: 0.6))
            }
            // "Hiroshi is mentoring the Plugin registry project", "will mentor two contributors on the installer project"
            if word.lower == "project", index > 0, sentence.hasAny(.projects_mentoring2),
                let name = phraseAfterDeterminer(sentence, before: index), !words[name].contains(where: { $0.lower == "pioneer" })
            {
                var people: [String] = []
                if let verb = words.firstIndex(where: { ["mentoring", "mentor", "mentors", "mentored", "supervising"].contains($0.lower) }) {
                    var end = verb
                    while end > 0, ["is", "will", "be", "has", "been", "are", "also"].contains(words[end - 1].lower) { end -= 1 }
                    if let who = sentence.nameBefore(end, limit: 3) { people.append(sentence.text(who, in: block)) }
                }
                add(name, status: .inProgress, subkind: contextProgramme, confidence: 0.75, people: people)
            }
            // "a project on a DHCP server", "another on an NTP server", "one on the docs site"
            if (word.lower == "project" || word.lower == "another" || word.lower == "one"), index + 1 < words.count, words[index + 1].lower == "on",
                contextProgramme != nil || hasWorker
            {
                if let object = projectObject(sentence, from: index + 2) {
                    add(object, status: .inProgress, subkind: contextProgramme, confidence: 0.7)
                }
            }
        }
        return drafts
    }

    /// The words between a determiner and word `index` ("the Solar charge monitor" before "Pioneer").
    static func phraseAfterDeterminer(_ sentence: Sentence, before index: Int) -> Range<Int>? {
        var lo = index
        while lo > 0, index - lo < 5 {
            let w = sentence.words[lo - 1]
            if w.isPunct || ["the", "a", "an", "this", "our", "their", "his", "her", "its"].contains(w.lower) { break }
            if Cues.nameStoppers.contains(w) && !w.capitalized { return sentence.nameBefore(index, limit: 4) }
            lo -= 1
        }
        guard lo < index else { return nil }
        // "the current Pioneer Projects": ordinary words are no project's name, unless set in bold.
        let words = sentence.words[lo..<index].map(\.text).joined(separator: " ")
        let marked = sentence.words[lo..<index].allSatisfy { $0.inStrong || $0.link != nil }
        return CommonWords.isOrdinary(words) && !marked ? nil : lo..<index
    }

    /// "1-star", "2 star projects": a difficulty, not a project.
    static func isRating(_ title: String) -> Bool {
        let lower = title.lowercased()
        return lower.first?.isNumber == true && lower.includes("star")
    }

    /// The block's subject for "turn this into a project": what the sentence before proposes ("to rewrite
    /// `xenconsoled`"), else the block's lead-in, else its heading.
    static func subjectOf(_ sentence: Sentence, _ context: NoteContext) -> String? {
        let block = context.blocks[sentence.block]
        if let previous = context.sentencesOfBlock[sentence.block].last(where: { $0 < sentence.index }).map({ context.sentences[$0] }),
            let to = previous.words.lastIndex(where: { $0.lower == "to" }), to + 2 < previous.words.count,
            !previous.words[to + 1].isPunct, previous.words[to + 2].inCode || previous.words[to + 2].link != nil
        {
            let verb = previous.words[to + 1].text
            let object = previous.linkRange(to + 2).map { previous.text($0, in: block) } ?? previous.text(previous.codeRange(to + 2), in: block)
            return verb.prefix(1).uppercased() + verb.dropFirst() + " " + object
        }
        if let lead = block.leadIn {
            let text = block.text(lead.range).trimmedPhrase()
            if !CommonWords.isOrdinary(text), programme(in: text) == nil { return text }
        }
        if let heading = context.headings(of: sentence.block).first, programme(in: heading) == nil, !CommonWords.isOrdinary(heading) {
            return heading.trimmedPhrase()
        }
        return nil
    }

    // MARK: - Lead-ins of a programme's section

    /// "**Charrua** — There's a PR…" under "Pioneer Projects": each lead-in names a project, unless it
    /// is the programme itself ("**Outreachy** —") or a kind of project ("**1 star projects** —").
    static func sectionLeadIns(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        for (index, block) in context.blocks.enumerated() where block.kind == .paragraph || block.isListItem {
            guard let lead = block.leadIn, !context.agenda.contains(index),
                let heading = context.headings(of: index).first, let subkind = programme(in: heading)
            else { continue }
            let name = block.text(lead.range).trimmedPhrase()
            guard !name.isEmpty, name.wordCount <= 5, programme(in: name) == nil, !name.lowercased().includes("project"),
                !isRating(name), !CommonWords.isOrdinary(name)
            else { continue }
            let sentence = context.sentences[context.sentencesOfBlock[index][0]]
            let lower = block.text.lowercased()
            let status: Item.Status = ["merged", "finished", "done", "completed", "released"].contains { lower.includes($0) } ? .done
                : (["could", "would", "idea", "suggest", "maybe", "perhaps"].contains { lower.includes($0) } ? .proposed : .inProgress)
            let item = Item(kind: .project, subkind: subkind, title: name, status: status,
                sources: [context.evidence(sentence, at: lead.range.lowerBound)])
            drafts.append(Draft(item, block: index, confidence: 0.65))
        }
        return drafts
    }

    /// The name of what is being worked on: up to four words, stopping at a clause.
    static func projectObject(_ sentence: Sentence, from start: Int) -> Range<Int>? {
        let words = sentence.words
        var lo = start
        while lo < words.count, ["a", "an", "the", "some", "this", "that", "their", "his", "her", "our", "my", "your", "its"].contains(words[lo].lower) {
            lo += 1
        }
        guard lo < words.count, !words[lo].isPunct else { return nil }
        if ["it", "this", "that", "them", "something", "things", "stuff", "getting"].contains(words[lo].lower) { return nil }
        // "work on their project", "the projects below": the programme's projects, not one of them.
        if ["project", "projects", "idea", "ideas"].contains(words[lo].lower) { return nil }
        if let link = sentence.linkRange(lo) { return link }
        var hi = lo
        while hi < words.count, hi - lo < 4, !words[hi].isPunct,
            !["which", "that", "as", "and", "with", "for", "in", "at", "on", "to", "so", "but", "is", "will", "from", "by",
              "since", "because", "when", "while", "over", "during", "after", "before", "until", "about", "through", "into",
              "within", "without", "under", "between", "across", "per", "via", "next", "this", "these", "those"].contains(words[hi].lower)
        {
            hi += 1
        }
        return hi > lo ? lo..<hi : nil
    }
}
