import AlmanacNames
import Foundation
import AlmanacCore

/// One item per real thing per note: drafts that name the same thing (an agenda line and its
/// section, an acronym and its expansion, the same call twice) become one item with aliases.
enum Consolidate {
    static func items(_ drafts: [Draft]) -> [Item] {
        let drafts = meetingsOverEvents(drafts)
        let memo = NameMemo()
        // Names prepared once per draft, and only for drafts compared with another: comparisons are many,
        // names few, and most drafts share no bucket.
        var prepared = [[Names.Key]?](repeating: nil, count: drafts.count)
        func names(_ i: Int) -> [Names.Key] {
            if let known = prepared[i] { return known }
            let keys = drafts[i].item.names.map(memo.key)
            prepared[i] = keys
            return keys
        }
        // Union-find over the pairs that can be the same thing: drafts sharing a day (meetings,
        // deadlines) or a word of their names (events, projects). Comparing only those keeps a note
        // with thousands of mentions fast; a pair already joined is not compared.
        var parent = Array(drafts.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var buckets: [UInt64: [Int]] = [:]
        for index in drafts.indices {
            for key in keys(drafts[index], memo) { buckets[key, default: []].append(index) }
        }
        func join(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[rb] = ra }
        }
        // The dated places of each group's events: a mention that fits two events of different days and
        // places ("the conference", under "SEP 16 … in San Francisco" and "OCT 22 … in Nice") joins neither.
        var datedPlaces: [Int: Set<DatedPlace>] = [:]
        for index in drafts.indices where drafts[index].item.kind == .event {
            let item = drafts[index].item
            if item.when.start != nil || item.location != nil { datedPlaces[index] = [DatedPlace(item.when, place: item.location)] }
        }
        func joinIfCompatible(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            guard ra != rb else { return }
            if let pa = datedPlaces[ra], let pb = datedPlaces[rb] {
                guard !pa.contains(where: { x in pb.contains(where: x.isApart) }) else { return }
                datedPlaces[ra] = pa.union(pb)
            } else if let pb = datedPlaces[rb] {
                datedPlaces[ra] = pb
            }
            parent[rb] = ra
        }
        // The groups are the connected pairs whatever the order; sorting only makes the work the same on every run.
        for (_, members) in buckets.sorted(by: { $0.key < $1.key }) where members.count > 1 {
            if members.count > largeBucket {
                joinLargeBucket(members, drafts, names, join)
                continue
            }
            for (position, a) in members.enumerated() {
                for b in members[(position + 1)...] where root(a) != root(b) && same(drafts, a, b, names(a), names(b)) {
                    joinIfCompatible(a, b)
                }
                // Everything in the bucket is one thing already (the same line a thousand times): nothing left to compare.
                if position == 0, members.allSatisfy({ root($0) == root(a) }) { break }
            }
        }
        var groups: [Int: [Draft]] = [:]
        var order: [Int] = []
        for index in drafts.indices {
            let r = root(index)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(drafts[index])
        }
        var combined = order.map { (groups[$0]!, combine(groups[$0]!, memo)) }
        // A deadline with no event takes the event its block names ("RSVP by 9/25" under the party): the first
        // event (not a release) with a mention in one of its blocks.
        var firstEventInBlock: [Int: Int] = [:]
        for (index, group) in combined.enumerated() where group.1.kind == .event && group.1.subkind != .release {
            for draft in group.0 where firstEventInBlock[draft.block] == nil { firstEventInBlock[draft.block] = index }
        }
        for index in combined.indices where combined[index].1.kind == .deadline && combined[index].1.forEvent == nil {
            if let event = combined[index].0.compactMap({ firstEventInBlock[$0.block] }).min() {
                combined[index].1.forEvent = combined[event].1.title
            }
        }
        var items = combined.map(\.1)
        linkDeadlines(&items, memo)
        impliedEvents(&items)
        items.sort { ($0.sources.first?.line ?? 0, $0.kind.rawValue) < ($1.sources.first?.line ?? 0, $1.kind.rawValue) }
        return items
    }

    /// "| Begin APAC-friendly meetings | Lead | 13 May |": a block that gives a meeting gives no event
    /// named by a meeting word as well.
    static func meetingsOverEvents(_ drafts: [Draft]) -> [Draft] {
        let meetingBlocks = Set(drafts.filter { $0.item.kind == .meeting && !$0.isOwnMeeting }.map(\.block))
        guard !meetingBlocks.isEmpty else { return drafts }
        return drafts.filter { draft in
            !(draft.item.kind == .event && meetingBlocks.contains(draft.block)
                && draft.item.title.lowercaseWords.contains(where: Cues.meetingTitleWords.contains))
        }
    }

    /// The buckets a draft is compared within, as hashes of (kind, day) or (kind, token) or (kind,
    /// acronym): no string is built per key.
    static func keys(_ draft: Draft, _ memo: NameMemo) -> [UInt64] {
        let kind = Hash.fnv1a(draft.item.kind.rawValue)
        switch draft.item.kind {
        case .meeting, .deadline:
            guard let day = draft.item.when.start else { return [Hash.combine(kind, Bucket.undated)] }
            let dated = Hash.combine(kind, Bucket.day)
            return [Hash.combine(Hash.combine(Hash.combine(dated, UInt64(bitPattern: Int64(day.year))), UInt64(day.month)), UInt64(day.day))]
        case .event, .project:
            var keys: [UInt64] = []
            let word = Hash.combine(kind, Bucket.word)
            for name in draft.item.names { for token in memo.tokens(name) { keys.append(Hash.combine(word, Hash.fnv1a(token))) } }
            // Acronyms compare with names whose initials they spell.
            let acronym = Hash.combine(kind, Bucket.acronym)
            for name in draft.item.names {
                for key in Names.acronymKeys(name) { keys.append(Hash.combine(acronym, Hash.fnv1a(key))) }
            }
            // Each bucket holds a draft once.
            keys.sort()
            var unique = 0
            for key in keys where unique == 0 || keys[unique - 1] != key {
                keys[unique] = key
                unique += 1
            }
            keys.removeLast(keys.count - unique)
            return keys
        }
    }

    /// What a bucket key is made of, so a token never shares a bucket with an acronym or a day.
    enum Bucket {
        static let undated: UInt64 = 0
        static let day: UInt64 = 1
        static let word: UInt64 = 2
        static let acronym: UInt64 = 3
    }

    /// Tokens and keys of the names in one note's drafts, each made once: the same names come back in
    /// bucket keys, comparisons, titles and aliases.
    final class NameMemo {
        private var tokenLists: [String: [String]] = [:]
        private var keyList: [String: Names.Key] = [:]

        func tokens(_ name: String) -> [String] {
            if let known = tokenLists[name] { return known }
            let found = Names.tokens(name)
            tokenLists[name] = found
            return found
        }

        func key(_ name: String) -> Names.Key {
            if let known = keyList[name] { return known }
            let made = Names.Key(name)
            keyList[name] = made
            return made
        }
    }

    /// A bucket holding more drafts than this is not compared pair by pair (``joinLargeBucket``).
    static let largeBucket = 400

    /// Joins the drafts of a bucket too large to compare pair by pair: a word, an acronym or a day that more
    /// than ``largeBucket`` of one note's mentions share (a generated or hostile note: thousands of lines
    /// naming a workshop and its CfP). Comparing every pair there takes time quadratic in the bucket (8,000
    /// such lines took 25 s, a 20 MB line never ended); instead the drafts join on what decides without a
    /// comparison: meetings on one day; deadlines of one day in one block or with one name; events and
    /// projects with one name, or (events) one block and one head noun ("… workshop"), where mentions
    /// dated more than 120 days apart stay apart. Pairs only a comparison would join (similar names) are
    /// still joined in the smaller buckets of their rarer words.
    static func joinLargeBucket(_ members: [Int], _ drafts: [Draft], _ names: (Int) -> [Names.Key], _ join: (Int, Int) -> Void) {
        func joinAll(_ group: [Int]) { for index in group.dropFirst() { join(group[0], index) } }
        /// Joins mentions of one thing whose dates may be far apart: those no more than 120 days apart
        /// (in date order, each with the next), and all of them when one is undated.
        func joinByDate(_ group: [Int]) {
            let days = group.map { (index: $0, day: drafts[$0].item.when.start?.dayNumber) }
            if days.contains(where: { $0.day == nil }) { return joinAll(group) }
            let sorted = days.sorted { ($0.day!, $0.index) < ($1.day!, $1.index) }
            for (previous, next) in zip(sorted, sorted.dropFirst()) where next.day! - previous.day! <= 120 {
                join(previous.index, next.index)
            }
        }
        func grouped<Key: Hashable>(_ key: (Int) -> Key?) -> [[Int]] {
            var groups: [Key: [Int]] = [:]
            var order: [Key] = []
            for index in members {
                guard let value = key(index) else { continue }
                if groups[value] == nil { order.append(value) }
                groups[value, default: []].append(index)
            }
            return order.map { groups[$0]! }.filter { $0.count > 1 }
        }
        let kinds = grouped { drafts[$0].item.kind }
        for sameKind in kinds {
            switch drafts[sameKind[0]].item.kind {
            case .meeting:
                // Calls of one day are one call; undated calls are one when their titles are.
                let set = Set(sameKind)
                for group in grouped({ set.contains($0) ? drafts[$0].item.when.start?.description ?? "undated " + drafts[$0].item.title : nil }) {
                    joinAll(group)
                }
            case .deadline:
                let set = Set(sameKind)
                for group in grouped({ set.contains($0) ? "\(drafts[$0].item.when.start.map(\.description) ?? "") \(drafts[$0].block)" : nil }) {
                    joinAll(group)
                }
                for group in grouped({ set.contains($0) ? "\(drafts[$0].item.when.start.map(\.description) ?? "") \(names($0)[0].tokenIDs)" : nil }) {
                    joinAll(group)
                }
            case .event, .project:
                let set = Set(sameKind)
                for group in grouped({ set.contains($0) ? names($0)[0].tokenIDs : nil }) { joinByDate(group) }
                for group in grouped({ index -> String? in
                    guard set.contains(index), drafts[index].item.kind == .event, let head = names(index)[0].tokens.last,
                        Cues.eventNouns[head] != nil
                    else { return nil }
                    return "\(drafts[index].block) \(head)"
                }) {
                    joinByDate(group)
                }
            }
        }
    }

    static func same(_ drafts: [Draft], _ i: Int, _ j: Int, _ aNames: [Names.Key], _ bNames: [Names.Key]) -> Bool {
        same(drafts[i], drafts[j], aNames, bNames)
    }

    @inline(__always)
    static func same(_ a: borrowing Draft, _ b: borrowing Draft, _ aNames: [Names.Key], _ bNames: [Names.Key]) -> Bool {
        guard a.item.kind == b.item.kind else { return false }
        switch a.item.kind {
        case .meeting:
            if let da = a.item.when.start, let db = b.item.when.start { return da == db }
            return a.item.when.start == nil && b.item.when.start == nil && a.item.title == b.item.title
        case .deadline:
            guard a.item.when.start == b.item.when.start else { return false }
            // "Code Freeze and Test Freeze" in one line are two cut-offs.
            if a.block == b.block { return !namesDifferentThings(aNames[0], bNames[0]) }
            // So are two rows of a table ("| swift-llbuild | 11 Feb |", "| swift-package-manager | 11 Feb |").
            if a.fromTableRow, b.fromTableRow { return false }
            // "The deadline for submissions is 12 October" and "12 October: deadline for devroom proposals".
            return nameSimilarity(aNames, bNames) >= 0.5 || sharesThing(aNames[0], bNames[0])
                || isGeneric(aNames[0]) || isGeneric(bNames[0])
        case .event, .project:
            // "Quill 5.0 release" and "5.0.0-beta.1 release" are two releases; "v1.10.0" and "1.10" one.
            if a.item.subkind == .release, b.item.subkind == .release, let va = version(a.item.title), let vb = version(b.item.title) {
                if va != vb { return false }
                // "v5.0.0 release" in the schedule of "Quill 5.0": a version alone is the release of the same version.
                if versionAlone(a.item.title) || versionAlone(b.item.title) { return true }
            }
            // "FOSDEM 2027 Tide Devroom" is a part of "FOSDEM 2027", not the conference.
            if a.item.kind == .event, isPart(aNames[0]) != isPart(bNames[0]) { return false }
            let similarity = nameSimilarity(aNames, bNames)
            if similarity >= 0.6 {
                return !DatedPlace(a.item.when, place: a.item.location).isApart(from: DatedPlace(b.item.when, place: b.item.location))
            }
            // In one block, "the release" without a name is the release the block names.
            if a.block == b.block, a.item.subkind == .release, b.item.subkind == .release,
                a.item.title == "Release" || b.item.title == "Release"
            {
                return true
            }
            // In one block, a lead-in event and another mention of its noun ("**MirageOS hackathon** — …
            // desire to hold an OpenBSD-style hackathon") are one event.
            // The title is each draft's first name, its tokens already in its key.
            if a.block == b.block, a.item.kind == .event, let ha = aNames[0].tokens.last,
                let hb = bNames[0].tokens.last, ha == hb, Cues.eventNouns[ha] != nil
            {
                return true
            }
            // An agenda line and a section lead-in that share their head word ("Hello World party" /
            // "Unikernel install party") are the same topic.
            if a.fromAgenda != b.fromAgenda, a.item.kind == .event, let ha = aNames[0].tokens.last,
                let hb = bNames[0].tokens.last, ha == hb, Cues.eventNouns[ha] != nil, a.item.subkind == b.item.subkind
            {
                return true
            }
            return false
        }
    }

    /// Whether a name ends in a noun for a part of an event ("… Devroom", "… track").
    static func isPart(_ name: Names.Key) -> Bool { name.tokens.last.map(partNouns.contains) ?? false }
    static let partNouns: Set<String> = ["devroom", "track", "stand", "booth"]

    /// The version a release's title names, without "v" and trailing ".0"s ("v1.10.0" → "1.10",
    /// "5.0.0-beta.1" → "5-beta.1"), or nil.
    static func version(_ title: String) -> String? {
        guard let word = ScheduleCues.words(title).first(where: ScheduleCues.isVersion) else { return nil }
        var core = Substring(word.hasPrefix("v") ? String(word.dropFirst()) : word)
        var suffix = ""
        if let dash = core.firstIndex(of: "-") {
            suffix = String(core[dash...])
            core = core[..<dash]
        }
        var parts = core.split(separator: ".", omittingEmptySubsequences: false)
        while parts.count > 1, parts.last == "0" { parts.removeLast() }
        return parts.joined(separator: ".") + suffix
    }

    /// "v5.0.0 release", "1.10": a release named by its version alone.
    static func versionAlone(_ title: String) -> Bool {
        ScheduleCues.words(title).allSatisfy { ScheduleCues.isVersion($0) || $0 == "release" }
    }

    /// When and where one mention of an event puts it.
    struct DatedPlace: Hashable {
        var day: CivilDate?
        var place: String?
        /// Only the year is known ("Harbour Summit 2026").
        var yearOnly = false

        init(_ when: When, place: String?) {
            day = when.start
            self.place = place
            yearOnly = when.precision == .year
        }

        /// Two dated mentions far apart are two things ("the 2015 and the 2016 hackathon"; a year and a
        /// day of another year), and so are two in places that share no word, unless both are of one day
        /// ("the conference in San Francisco", "… in Nice"; not "in Nice" and "in Nice, France").
        func isApart(from other: DatedPlace) -> Bool {
            if let day, let otherDay = other.day {
                if yearOnly || other.yearOnly { return day.year != otherDay.year }
                if abs(day.dayNumber - otherDay.dayNumber) > 120 { return true }
                if day == otherDay { return false }
            }
            guard let place, let otherPlace = other.place else { return false }
            let words = Set(place.lowercaseWords)
            return !otherPlace.lowercaseWords.contains(where: words.contains)
        }
    }

    /// Two cut-offs of one day whose names share a word that is not a cut-off's ("Docs must be completed"
    /// and "Docs complete — all PRs reviewed"; not "Code Freeze" and "Test Freeze").
    static func sharesThing(_ a: Names.Key, _ b: Names.Key) -> Bool {
        a.tokens.contains { token in !deadlineTokens.contains(token) && b.tokens.contains(token) }
    }

    /// A name of cut-off words only ("submissions deadline", "Deadline").
    static func isGeneric(_ name: Names.Key) -> Bool { name.tokens.allSatisfy(deadlineTokens.contains) }

    /// Both names say what is cut off, and they share none of it.
    static func namesDifferentThings(_ a: Names.Key, _ b: Names.Key) -> Bool {
        let ta = a.tokens.filter { !deadlineTokens.contains($0) }
        let tb = b.tokens.filter { !deadlineTokens.contains($0) }
        return !ta.isEmpty && !tb.isEmpty && !ta.contains(where: tb.contains)
    }

    static let deadlineTokens: Set<String> = Set(
        (Array(Cues.scheduleDeadlineWords) + [
            "proposals", "submissions", "applications", "registration", "cfp", "call", "final", "first", "last", "day", "date", "all",
        ]).flatMap(Names.tokens))

    static func nameSimilarity(_ a: [Names.Key], _ b: [Names.Key]) -> Double {
        var best = 0.0
        for x in a { for y in b { best = max(best, Names.similarity(x, y)) } }
        return best
    }

    static func combine(_ group: [Draft], _ memo: NameMemo) -> Item {
        let sorted = group.sorted { $0.confidence > $1.confidence }
        var item = sorted[0].item
        // The title: the fullest name, an acronym expanded with its year.
        var names: [String] = []
        var seenNames = Set<String>()
        for draft in group { for name in draft.item.names where seenNames.insert(name).inserted { names.append(name) } }
        let title = bestTitle(names, kind: item.kind, memo)
        item.title = title
        let titleTokens = memo.tokens(title)
        item.aliases = names.filter { $0 != title && !memo.tokens($0).isEmpty && memo.tokens($0) != titleTokens }
        // The date: the most precise stated one, an explicit day over a vague period.
        let dated = group.filter { $0.item.when.isDated }
        if let best = dated.max(by: { rank($0) < rank($1) }) {
            item.when = best.item.when
            item.status = best.item.status
        } else {
            item.status = sorted.map(\.item.status).first { $0 != .unknown } ?? item.status
        }
        if item.kind == .meeting, let own = group.first(where: { $0.item.status == .past }) {
            // The meeting the note records keeps its own days: a time said of it elsewhere is a session's.
            item.title = own.item.title
            item.when = own.item.when
            item.status = .past
            item.people = own.item.people
        }
        item.subkind = group.compactMap(\.item.subkind).first { $0 != .other } ?? item.subkind
        // The title's own noun decides: "Ben talk at RustFest" is a talk even when merged with RustFest.
        if item.kind == .event, item.subkind != .release,
            let noun = titleTokens.first(where: { Cues.eventNouns[$0] != nil && !Cues.weakEventNouns.contains($0) }),
            let subkind = Cues.eventNouns[noun]
        {
            item.subkind = subkind
        }
        item.location = item.location ?? group.compactMap(\.item.location).first
        item.url = item.url ?? group.compactMap(\.item.url).first
        item.forEvent = item.forEvent ?? group.compactMap(\.item.forEvent).first
        item.difficulty = item.difficulty ?? group.compactMap(\.item.difficulty).first
        var people = Set(item.people)
        for draft in group { for person in draft.item.people where people.insert(person).inserted { item.people.append(person) } }
        var sources: [Evidence] = []
        var lines = Set<Int>()
        for draft in sorted { for source in draft.item.sources where lines.insert(source.line).inserted { sources.append(source) } }
        item.sources = sources
        return item
    }

    static func rank(_ draft: Draft) -> (Int, Double) {
        let precision: Int
        switch draft.item.when.precision {
        case .datetime: precision = 6
        case .day: precision = draft.item.when.tentative ? 4 : 5
        case .week: precision = 3
        case .month, .quarter: precision = 2
        case .year: precision = 1
        case .none: precision = 0
        }
        return (precision, draft.confidence)
    }

    /// The fullest name: most words, an expansion over its acronym (with the acronym's year).
    static func bestTitle(_ names: [String], kind: Item.Kind, _ memo: NameMemo) -> String {
        guard var best = names.first else { return "" }
        for name in names.dropFirst() {
            let a = memo.tokens(name).count
            let b = memo.tokens(best).count
            if a > b || (a == b && name.count > best.count) { best = name }
        }
        if let acronym = names.first(where: { Names.isAcronym($0, of: best) }) {
            best = Names.expand(best, withYearOf: acronym)
        }
        return best
    }

    /// "ConfX 2017 call for proposals closes Nov 30": a CfP's event exists even when the note says no more
    /// about it; it becomes an undated conference item (the deadline cites the line).
    static func impliedEvents(_ items: inout [Item]) {
        var eventNames = Set(items.filter { $0.kind == .event }.flatMap(\.names))
        for deadline in items where deadline.kind == .deadline && deadline.subkind == .cfp {
            guard let name = deadline.forEvent, !eventNames.contains(name) else { continue }
            // A programme ("GSoC") or a word that is no event's name takes no conference.
            if Names.tokens(name).allSatisfy({ Cues.notEventNames.contains($0) }) { continue }
            eventNames.insert(name)
            items.append(Item(kind: .event, subkind: .conference, title: name, status: .scheduled, sources: deadline.sources,
                inferred: deadline.sources.prefix(1).map { Inference("event implied by its call for proposals", at: $0) }))
        }
    }

    /// A deadline's event named as the event item is titled ("CIF16" → "Cloud Innovator Forum 2016").
    static func linkDeadlines(_ items: inout [Item], _ memo: NameMemo) {
        let events = items.filter { $0.kind == .event }
        // Each event's names made once (`names` builds a new array on every call).
        let eventNames = events.map(\.names)
        // Each name prepared once (Names.similarity of two strings prepares both on every call), and the events
        // looked up by the words and acronyms of their names: a name similar to another shares a word with it
        // or is its acronym. (A word more than `largeBucket` events share is not looked up by.)
        var eventKeys: [[Names.Key]]?
        var byKey: [UInt64: [Int]] = [:]
        func lookupKeys(_ name: String, _ key: Names.Key) -> [UInt64] {
            key.tokenIDs.map { Hash.combine(0, $0) } + Names.acronymKeys(name).map { Hash.combine(1, Hash.fnv1a($0)) }
        }
        var found: [String: Int?] = [:]
        for index in items.indices where items[index].kind == .deadline {
            guard let name = items[index].forEvent else { continue }
            if eventKeys == nil {
                let keys = eventNames.map { $0.map(memo.key) }
                for (e, names) in keys.enumerated() {
                    for (n, key) in names.enumerated() {
                        for lookup in Set(lookupKeys(eventNames[e][n], key)) where byKey[lookup]?.last != e { byKey[lookup, default: []].append(e) }
                    }
                }
                eventKeys = keys
            }
            let keys = eventKeys!
            if found[name] == nil {
                let nameKey = memo.key(name)
                let candidates = Set(lookupKeys(name, nameKey).flatMap { key -> [Int] in
                    let list = byKey[key] ?? []
                    return list.count > largeBucket ? [] : list
                }).sorted()
                found[name] = candidates.first(where: { e in
                    eventNames[e].indices.contains { n in
                        Names.similarity(keys[e][n], nameKey) >= 0.6 || Names.isAcronym(name, of: eventNames[e][n])
                    }
                })
            }
            if let event = found[name]! { items[index].forEvent = events[event].title }
        }
    }
}
