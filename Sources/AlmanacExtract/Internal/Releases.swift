import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead
import AlmanacTime

/// Releases: "Mirage 1.2 was released on Monday", "Anil released Mirage 1.1.1", "the 3.0 release",
/// "release of the Bitcoin Piñata", "we will soon release functoria".
enum Releases {
    static let auxiliaries: WordSet = ["was", "were", "is", "are", "been", "be", "got", "gets", "now", "just", "finally", "already", "being"]
    static let determiners: WordSet = ["the", "a", "an", "new", "next", "our", "its", "their", "this", "that", "any", "some"]
    /// Words after "release" that make it an attribute ("release goals"), not the thing.
    static let attributes: WordSet = [
        "goals", "goal", "plan", "plans", "checklist", "process", "notes", "note", "branch", "schedule", "cycle",
        "manager", "management", "engineering", "date", "dates", "candidate", "tarball", "script", "scripts", "tag",
        "workflow", "blockers", "blocker", "status", "announcement", "party", "team", "planning", "tracking",
        "tracker", "policy", "cadence", "numbering", "engineer", "build", "builds", "pipeline", "criteria",
        "criterion", "requirements", "milestone", "gate", "gates", "blog", "highlights", "calendar", "timeline",
    ]
    /// Releases that are not software ("news release", "press release").
    static let notSoftware: WordSet = ["news", "press", "latest", "last", "every", "each", "any", "stable", "frequent", "regular"]
    /// People of a release ("release manager"), not a release.
    static let roles: WordSet = ["manager", "managers", "engineer", "engineers", "team", "management", "engineering"]
    /// Words before a release's name that make it no particular release ("a future release").
    static let indefinite: WordSet = ["future", "subsequent", "later"]
    /// Words that make a sentence's release something wished for or refused, not an event.
    static let hypothetical: WordSet = ["need", "needs", "needed", "reluctance", "reluctant", "not", "n't", "no", "without", "if", "whether", "hesitant"]
    /// Objects of "release" that are no thing's name.
    static let notObjects: WordSet = [
        "it", "them", "this", "that", "these", "those", "soon", "now", "today", "something", "everything", "anything",
        "things", "stuff", "more", "all", "often", "early", "regularly", "frequently", "upstream", "then", "again",
        "when", "once", "here", "there", "as", "to", "in", "on", "of", "for", "with", "and", "or",
    ]
    static let previewWords: WordSet = ["preview", "beta", "alpha", "version", "set", "bunch", "round", "series", "batch"]

    /// A release named as such, or as done.
    static let releaseWords: WordSet = ["release", "releases", "released", "shipped"]
    static let cueWords = releaseWords.union(["cut", "cutting", "eta"])
    /// Verbs before "version N" that say it is out ("has reached version 2.7.0").
    static let versionVerbs: WordSet = ["reached", "reaches", "hit", "hits"]

    /// Whether the sentence can speak of a release: a release word, a major version ("3.0"), or a version
    /// reached ("has reached version 2.7.0").
    static func mayMention(_ sentence: Sentence) -> Bool {
        sentence.hasAny(cueWords) || sentence.words.contains { $0.hasDigit && isMajorVersion($0) } || sentence.hasAny(versionVerbs)
    }

    static func extract(_ sentence: Sentence, _ context: NoteContext) -> [Draft] {
        // "Debut release" over a list heads the list (``listed(_:)``); it is no release of its own.
        if context.blocks[sentence.block].kind == .paragraph, isReleaseHeader(context.blocks[sentence.block].text) { return [] }
        var drafts: [Draft] = []
        let words = sentence.words
        let block = context.blocks[sentence.block]
        var used = Set<Int>()
        for index in words.indices {
            // Every rule below starts at a cue word or a version ("3.0"): skip the rest unasked, in place
            // (copying each Word costs three retains and releases).
            if !words[index].hasDigit, !cueWords.contains(words[index]) { continue }
            if used.contains(index) { continue }
            let word = words[index]
            var name: Range<Int>?
            var past = false
            var modifier: String?
            // "reluctance to release", "needs a release of": wished for or refused, not an event.
            if releaseWords.contains(word),
                words[max(0, index - 4)..<index].contains(where: { hypothetical.contains($0) || $0.lower.hasSuffix("n't") })
            {
                continue
            }
            if index > 0, notSoftware.contains(words[index - 1]), word.lower.hasPrefix("release") { continue }
            // "before the release", "since the release": a reference point, not the release itself.
            if word.lower == "release", index >= 2, words[index - 1].lower == "the",
                ["before", "after", "since", "until", "till"].contains(words[index - 2].lower)
            {
                continue
            }
            // "[simplebot] has reached version 2.7.0": the thing before the verb, at that version, is released.
            if index >= 2, words[index - 1].lower == "version", versionVerbs.contains(words[index - 2]),
                ScheduleCues.isVersion(word.lower)
            {
                var subjectEnd = index - 2
                while subjectEnd > 0, ["has", "have", "finally", "now", "just"].contains(words[subjectEnd - 1].lower) { subjectEnd -= 1 }
                guard let subject = sentence.nameBefore(subjectEnd, limit: 4) else { continue }
                var item = Events.draftItem(sentence.text(subject, in: block) + " " + word.text + " release", subkind: .release,
                    sentence: sentence, at: subject.lowerBound, context)
                if item.when.start.map({ $0 <= context.info.date }) ?? true { item.status = .past }
                item.url = words[subject].compactMap(\.link).first
                used.formUnion(subject.lowerBound...index)
                drafts.append(Draft(item, block: sentence.block, confidence: 0.8))
                continue
            }
            switch word.lower {
            case "cut", "cutting", "eta":
                // "Still want to cut package" under **cohttp**: a release of the block's subject;
                // "ETA of Functoria": its release.
                if word.lower == "eta" {
                    guard index + 2 < words.count, ["of", "for", "on"].contains(words[index + 1].lower),
                        let after = object(after: index + 2, sentence, &modifier, lowercaseFirst: true)
                    else { continue }
                    name = after
                } else {
                    var k = index + 1
                    while k < words.count, determiners.contains(words[k]) { k += 1 }
                    // "cut a new set of releases", "cut a bunch of packages"
                    if k + 2 < words.count, previewWords.contains(words[k]), words[k + 1].lower == "of" { k += 2 }
                    guard k < words.count, ["package", "packages", "tag", "tags", "tarball", "releases"].contains(words[k].lower),
                        let subject = subjectName(sentence, context)
                    else { continue }
                    used.insert(k)
                    var item = Events.draftItem(subject + (words[k].lower == "releases" ? " releases" : " release"), subkind: .release,
                        sentence: sentence, at: index, context)
                    item.status = .scheduled
                    drafts.append(Draft(item, block: sentence.block, confidence: 0.6))
                    continue
                }
            case _ where isMajorVersion(word) && index + 1 < words.count
                ? !releaseWords.contains(words[index + 1]) && !["is", "was"].contains(words[index + 1].lower) : isMajorVersion(word):
                // "towards a 3.0", "blocker to mirage 3.0?", "what we want from Mirage 3.0", "MirageOS 3.0 will be
                // the one to …": the next major version, being planned.
                let before = words[max(0, index - 3)..<index].map(\.lower)
                let planning = before.contains(where: { ["towards", "toward", "from", "blocker", "plans", "plan"].contains($0) })
                    || (index + 1 < words.count && words[index + 1].lower == "will")
                guard planning, !before.contains(where: { ["since", "upgrade", "upgraded", "with", "on", "using", "supports"].contains($0) }) else { continue }
                var lo = index
                if index > 0, sentence.isNameWord(index - 1), !words[index - 1].hasDigit, !CommonWords.contains(words[index - 1].lower) { lo = index - 1 }
                name = lo..<(index + 1)
                var item = Events.draftItem(sentence.text(lo..<(index + 1), in: block) + " release", subkind: .release,
                    sentence: sentence, at: lo, context)
                item.when = .undated
                item.status = .proposed
                for i in lo...index { used.insert(i) }
                drafts.append(Draft(item, block: sentence.block, confidence: 0.5))
                continue
            case "released", "shipped":
                let before = index > 0 ? words[index - 1].lower : ""
                // "the released version": an adjective.
                if index + 1 < words.count, attributes.contains(words[index + 1]) || ["version", "versions", "code", "packages"].contains(words[index + 1].lower) {
                    continue
                }
                let auxIndex = (max(0, index - 3)..<index).last { auxiliaries.contains(words[$0]) }
                if let auxIndex {
                    // Passive: "<X> was released", "<X> will be released".
                    var subjectEnd = auxIndex
                    while subjectEnd > 0, auxiliaries.contains(words[subjectEnd - 1]) || ["will", "has", "have", "had", "to"].contains(words[subjectEnd - 1].lower) {
                        subjectEnd -= 1
                    }
                    name = sentence.nameBefore(subjectEnd, limit: 4)
                    let future = (max(0, auxIndex - 2)...auxIndex).contains { ["will", "to", "'ll", "be"].contains(words[$0].lower) }
                        && words[auxIndex].lower == "be"
                    past = !future
                    // "since 4.00.1 was released": a reference point, not news ("waiting for functoria to be
                    // released" is news).
                    if !future, let found = name, found.lowerBound > 0,
                        ["since", "for", "of", "in", "on", "with", "from"].contains(words[found.lowerBound - 1].lower)
                    {
                        continue
                    }
                } else if index > 0, sentence.isNameWord(index - 1), !["has", "have", "had"].contains(before),
                    object(after: index + 1, sentence, &modifier) == nil
                {
                    // "MirageOS 2.7 released!" (nothing released after the verb)
                    name = sentence.nameBefore(index, limit: 4)
                    past = true
                    if let found = name, found.lowerBound > 0, ["since", "for", "of", "in", "on", "with", "from"].contains(words[found.lowerBound - 1].lower) {
                        continue
                    }
                }
                if name == nil || name!.isEmpty {
                    // Active: "Anil released Mirage 1.1.1", "has released a preview of Jenga".
                    name = object(after: index + 1, sentence, &modifier)
                    past = true
                }
            case "release", "releases":
                let next = index + 1 < words.count ? words[index + 1].lower : ""
                let previous = index > 0 ? words[index - 1].lower : ""
                if next == "of", let after = object(after: index + 2, sentence, &modifier) {
                    name = after  // "release of the Bitcoin Piñata"
                } else if ["to", "will", "'ll", "soon", "can", "could", "should", "would", "and", "then", "we", "also", "must", "might"].contains(previous),
                    let after = object(after: index + 1, sentence, &modifier, lowercaseFirst: true)
                {
                    name = after  // "will release miniOS", "soon release functoria"
                } else if next == "candidate" || next == "candidates" {
                    // "Release candidate 1 went out on 9/10": the candidate is the release.
                    var hi = index + 2
                    if hi < words.count, words[hi].hasDigit || words[hi].lower.hasPrefix("rc") { hi += 1 }
                    name = index..<hi
                    past = sentence.hasAny(.releases_went)
                } else if roles.contains(next) {
                    continue  // "the release manager for Clang": a role, no release
                } else if attributes.contains(next) {
                    // "release goals for 1.0", "release criteria for Functoria": the thing after "for";
                    // "Functoria release status": the name before.
                    if index + 3 < words.count, words[index + 2].lower == "for", let after = object(after: index + 3, sentence, &modifier, lowercaseFirst: true) {
                        name = after
                    } else if let before = sentence.nameBefore(index, limit: 3), !CommonWords.isOrdinary(sentence.text(before, in: block)) {
                        name = before
                    } else {
                        continue
                    }
                } else if let before = sentence.nameBefore(index, limit: 4) {
                    name = before  // "Mirage 2.0 release", "the 3.0 release"
                    // "alpha release": a modifier, the thing is the sentence's subject.
                    let content = words[before].map(\.lower)
                    if content.allSatisfy({ previewWords.contains($0) || $0 == "public" }) {
                        modifier = sentence.text(before, in: block)
                        name = nil
                    }
                }
            default:
                continue
            }
            // "a future Swift release", "a subsequent 5.x release": some release to come, not a particular one.
            let start = name?.lowerBound ?? index
            if words[max(0, start - 2)..<start].contains(where: { Self.indefinite.contains($0) }) { continue }
            var title: String?
            if let name, !name.isEmpty {
                title = sentence.text(name, in: block).trimmedPhrase()
                for i in name { used.insert(i) }
                // "the v2 release", "the 3.0 release" under a "mirage-dev releases" heading: the heading's thing
                // (a pre-release, "5.0.0-beta.1", is named enough).
                if words[name].allSatisfy({ $0.hasDigit || $0.isPunct }), !words[name].contains(where: { ScheduleCues.isPrerelease($0.lower) }),
                    let subject = subjectName(sentence, context),
                    !Names.tokens(title!).isEmpty, !Set(Names.tokens(subject)).isSubset(of: Set(Names.tokens(title!)))
                {
                    title = subject + " " + title!
                }
            } else if word.lower != "releases", isStatement(sentence, at: index), let subject = subjectName(sentence, context) {
                title = subject
            } else if word.lower != "releases", !sentence.dates.isEmpty, isStatement(sentence, at: index) {
                title = "Release"
            }
            // "Final release is planned for 10/1": an ordinary word names a release only with a date.
            if let found = title, CommonWords.isOrdinary(found), found != "Release", sentence.dates.isEmpty || name == nil { continue }
            // "a lot of Irmin releases since …", "all our libs": many releases in passing, not one.
            if word.lower == "releases", let name, name.lowerBound > 0,
                words[max(0, name.lowerBound - 3)..<name.lowerBound].contains(where: { ["lot", "lots", "many", "several", "all", "some", "few", "our"].contains($0.lower) })
            {
                continue
            }
            guard var base = title, !base.isEmpty, !Names.tokens(base).isEmpty, base.count <= 60 else { continue }
            if let modifier, !base.lowercased().contains(modifier.lowercased()) { base += " " + modifier }
            let lowerBase = base.lowercased()
            let full = lowerBase.hasSuffix("release") || lowerBase.hasSuffix("releases") || lowerBase.hasPrefix("release ") ? base : base + " release"
            var item = Events.draftItem(full, subkind: .release, sentence: sentence, at: index, context)
            if past, !item.when.isDated || item.when.lastDay.map({ $0 <= context.info.date }) == true {
                item.status = .past
            } else if !past, item.status == .past, !item.when.isDated {
                item.status = sentence.hasAny(Cues.proposalWords) ? .proposed : .scheduled
            }
            if let url = name.flatMap({ words[$0].compactMap(\.link).first }) { item.url = url }
            drafts.append(Draft(item, block: sentence.block, confidence: name == nil ? 0.5 : 0.8))
            // "Mirage 1.2 was released on Monday, as well as `ocaml-tls`": the same release news for another thing.
            if let name, let more = coordinated(after: max(name.upperBound, index + 1), sentence)
                ?? coordinated(after: max(name.upperBound, index + 1), sentence, scanning: true)
            {
                for range in more {
                    var other = item
                    other.title = sentence.text(range, in: block).trimmedPhrase() + " release"
                    other.sources = [context.evidence(sentence, at: words[range.lowerBound].range.lowerBound)]
                    other.url = words[range].compactMap(\.link).first
                    for i in range { used.insert(i) }
                    var draft = Draft(other, block: sentence.block, confidence: 0.7)
                    draft.sharesDate = true
                    drafts.append(draft)
                }
            }
        }
        return drafts
    }

    /// "3.0", "v2.0", "4.0": a major version.
    static func isMajorVersion(_ word: Word) -> Bool {
        guard word.hasDigit, word.text.hasSuffix(".0") else { return false }
        var text = Substring(word.text)
        if text.hasPrefix("v") { text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[1] == "0" && !parts[0].isEmpty && parts[0].allSatisfy(\.isNumber) && parts[0] != "0"
    }

    /// Names joined to a release by "as well as" or "and": code, links, or names English does not have.
    static func coordinated(after start: Int, _ sentence: Sentence, scanning: Bool = false) -> [Range<Int>]? {
        let words = sentence.words
        var result: [Range<Int>] = []
        var index = start
        // Past a date or a place ("on Monday, as well as …"), up to the next clause.
        if scanning {
            var k = start
            while k + 2 < words.count, !(words[k].lower == "as" && words[k + 1].lower == "well" && words[k + 2].lower == "as") {
                if words[k].text == "." || words[k].text == ";" || words[k].lower == "but" || k - start > 8 { return nil }
                k += 1
            }
            guard k + 2 < words.count else { return nil }
            index = k
        }
        while index < words.count {
            var next = index
            if words[next].text == "," { next += 1 }
            if next + 2 < words.count, words[next].lower == "as", words[next + 1].lower == "well", words[next + 2].lower == "as" {
                next += 3
            } else if next < words.count, words[next].lower == "and" {
                next += 1
            } else if next > index {
                // a comma alone continues a list of names
            } else {
                break
            }
            guard next < words.count else { break }
            let range: Range<Int>
            if let link = sentence.linkRange(next) {
                range = link
            } else if words[next].inCode {
                range = sentence.codeRange(next)
            } else {
                break
            }
            result.append(range)
            index = range.upperBound
        }
        return result.isEmpty ? nil : result
    }

    /// The thing after a verb: a name, or "a preview of <name>" (the modifier is kept).
    static func object(after start: Int, _ sentence: Sentence, _ modifier: inout String?, lowercaseFirst: Bool = false) -> Range<Int>? {
        let words = sentence.words
        var index = start
        // "released, [ocaml-vmnet] and …": a comma before a list of names.
        if index + 1 < words.count, words[index].text == ",", words[index + 1].link != nil || words[index + 1].inCode { index += 1 }
        while index < words.count, determiners.contains(words[index]) { index += 1 }
        guard index < words.count else { return nil }
        if previewWords.contains(words[index]), index + 1 < words.count, words[index + 1].lower == "of" {
            modifier = words[index].lower
            return object(after: index + 2, sentence, &modifier, lowercaseFirst: lowercaseFirst)
        }
        if notObjects.contains(words[index]) { return nil }
        let found = sentence.nameAfter(index, limit: 4, allowLowercaseFirst: lowercaseFirst)
        guard let found else { return nil }
        // A lone lower-case common word is no name ("release soon" was excluded above; "release notes" too).
        if found.count == 1, !words[found.lowerBound].capitalized, !words[found.lowerBound].hasDigit,
            !words[found.lowerBound].inCode, words[found.lowerBound].link == nil, !lowercaseFirst
        {
            return nil
        }
        return found
    }

    /// A release the sentence asserts ("a release due very soon", "on the brink of the release"),
    /// not one it wonders about ("check if we need a release").
    static let statementCues: WordSet = [
        "due", "soon", "out", "coming", "ready", "shape", "gearing", "brink", "cut", "cutting", "made", "make", "making",
        "released", "planned", "scheduled", "imminent", "upcoming", "next", "preparing", "prepare",
    ]

    static func isStatement(_ sentence: Sentence, at index: Int) -> Bool {
        guard sentence.hasAny(statementCues) else { return false }
        if sentence.words[max(0, index - 5)..<index].contains(where: { WordSet.releases_conditional.contains($0) }) { return false }
        return sentence.hasAny(.releases_due)
    }

    /// What a sentence without a name for its release is about: its block's lead-in or heading, without
    /// asides and generic words ("Irmin roadmap" → "Irmin", "mirage-dev releases" → "mirage-dev");
    /// nil when that is only ordinary words ("Version numbering", "AoB").
    static func subjectName(_ sentence: Sentence, _ context: NoteContext) -> String? {
        if let known = context.cache.subjects[sentence.block] { return known }
        let found = computeSubjectName(sentence, context)
        context.cache.subjects[sentence.block] = .some(found)
        return found
    }

    static func computeSubjectName(_ sentence: Sentence, _ context: NoteContext) -> String? {
        let block = context.blocks[sentence.block]
        var candidates: [String] = []
        if let lead = block.leadIn { candidates.append(block.text(lead.range)) }
        if let heading = context.headings(of: sentence.block).first { candidates.append(heading) }
        for candidate in candidates {
            var words = candidate.headPhrase().split(separator: " ").map(String.init)
            while let last = words.last, ["release", "releases", "roadmap", "status", "update", "updates", "plan", "plans",
                "planning", "progress", "discussion", "news", "report", "notes", "preview", "timeline", "schedule", "calendar",
                "dates"].contains(last.lowercased())
            {
                words.removeLast()
            }
            let name = words.joined(separator: " ").trimmedPhrase()
            guard !name.isEmpty, words.count <= 4, !CommonWords.isOrdinary(name) else { continue }
            return name
        }
        return nil
    }
}

// MARK: - Lists of releases

extension Releases {
    /// A newsletter's list of releases: under a heading or a line that speaks of releases or updates
    /// ("New releases this week:", "Libraries and Tools", "Updates"), each entry whose head is a name and a
    /// version ("[tidepool](…) 3.4.1 - A tide table library") is a release that happened.
    static func listed(_ context: NoteContext) -> [Draft] {
        var drafts: [Draft] = []
        var introSaysReleases: [Int: Bool] = [:]
        // The line before the current list (the last block that was no list item), found in one pass.
        var intro = -1
        for (index, block) in context.blocks.enumerated() {
            guard block.isListItem else {
                intro = index
                continue
            }
            // Under a short line that names the entries releases ("Debut releases"), an entry needs no version.
            let namesReleases = intro >= 0 && context.blocks[intro].kind == .paragraph && isReleaseHeader(context.blocks[intro].text)
            guard let head = versionedHead(block.text) ?? (namesReleases ? namedHead(block.text) : nil) else { continue }
            // A nested list is introduced by its parent item ("… now deploying:"), a list by the line before it.
            let parent = block.parent.flatMap { context.blocks[$0].isListItem ? $0 : nil }
            let says: Bool
            if let known = introSaysReleases[parent ?? intro] {
                says = known
            } else {
                let texts = parent.map { [context.blocks[$0].text] }
                    ?? (intro >= 0 ? [context.blocks[intro].text] : []) + context.headings(of: index).prefix(1)
                says = texts.contains { text in
                    text.utf8.count <= 120 && ScheduleCues.words(text).contains(where: Cues.releaseListWords.contains)
                }
                introSaysReleases[parent ?? intro] = says
            }
            guard says else { continue }
            var item = Item(kind: .event, subkind: .release, title: head, when: .undated, status: .past,
                sources: [context.evidence(block: index, at: 0, quote: NoteContext.quote(block.text))])
            item.url = block.spans.first { $0.url != nil }?.url
            drafts.append(Draft(item, block: index, confidence: 0.8))
        }
        return drafts
    }

    /// "emmy 0.30.0", "Datomic On-prem 1.0.6711", "neil v0.0.17": the text before the entry's dash when it
    /// is a short name ending in a version.
    static func versionedHead(_ text: String) -> String? {
        // A version has a dot (asked first: every list item of a note comes here).
        guard text.utf8.contains(UInt8(ascii: ".")) else { return nil }
        var head = text
        for separator in [" - ", " – ", " — ", ": "] {
            head = head.before(separator: separator)
        }
        let words = head.split(separator: " ")
        guard (2...5).contains(words.count), let last = words.last, isVersionWord(String(last)) else { return nil }
        return words.joined(separator: " ")
    }

    /// "Debut release", "New releases:": a short line of release words (a section's own header).
    static func isReleaseHeader(_ text: String) -> Bool {
        guard text.utf8.count <= 40 else { return false }
        let words = ScheduleCues.words(text)
        return (1...3).contains(words.count) && words.contains { $0 == "release" || $0 == "releases" }
            && words.allSatisfy { Cues.releaseHeaderWords.contains($0) }
    }

    /// "tree-sitter-clojure - a wasm version of …" → "tree-sitter-clojure": a name of one to three words
    /// before the entry's dash.
    static func namedHead(_ text: String) -> String? {
        guard let range = text.firstRange(of: " - ") ?? text.firstRange(of: " – ") ?? text.firstRange(of: " — ") else { return nil }
        let head = text[..<range.lowerBound].trimmingSpaces()
        return (1...3).contains(head.split(separator: " ").count) ? head : nil
    }

    /// "0.30.0", "v0.0.17", "1.1.0-RC3", "2021.11.16-alpha": digits and dots, maybe a pre-release tag.
    static func isVersionWord(_ word: String) -> Bool {
        var s = Substring(word)
        if s.hasPrefix("v") || s.hasPrefix("V") { s = s.dropFirst() }
        guard let first = s.first, first.isNumber else { return false }
        let core = s.prefix { $0.isNumber || $0 == "." }
        return core.contains(".") && core.last != "."
    }
}
