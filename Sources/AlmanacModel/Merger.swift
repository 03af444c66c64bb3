public import AlmanacCore

/// NoteItems → Model: replays the notes in date order as an event log. Each item is matched to a
/// known one (same kind, a name in common, a compatible date) or starts a new one; the latest note
/// wins, earlier states stay in the history, and the revision rises when a later note changes the
/// date, status or place.
///
/// ```swift
/// let model = Merger().merge([(info1, items1), (info2, items2)])
/// model.items.map(\.uid)   // stable across runs
/// ```
public struct Merger: Sendable {
    public init() {}

    public func merge(_ notes: [(info: NoteInfo, items: [Item])]) -> Model {
        let ordered = notes.sorted { NoteRef($0.info) < NoteRef($1.info) }
        var items: [ModelItem] = []
        var index = Index()
        var uids = Set<String>()
        for (info, noteItems) in ordered {
            let note = NoteRef(info)
            var claimed = Set<Int>()
            for item in noteItems {
                if let found = bestMatch(for: item, from: note, in: items, index: &index, excluding: claimed) {
                    claimed.insert(found)
                    update(&items[found], with: item, from: note)
                    index.touch(items[found].item, at: found)
                } else {
                    var uid = Self.uid(for: item, note: note)
                    var suffix = 2
                    while uids.contains(uid) {
                        uid = Self.uid(for: item, note: note, discriminator: suffix)
                        suffix += 1
                    }
                    uids.insert(uid)
                    items.append(ModelItem(uid: uid, item: item, note: note))
                    index.touch(item, at: items.count - 1)
                    claimed.insert(items.count - 1)
                }
            }
        }
        // Sorted by date, kind and UID; the order is worked out on small keys, then the items move once.
        let keys = items.map { ($0.item.when.start?.dayNumber ?? Int.max, $0.item.kind.rawValue, $0.uid) }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        return Model(items: order.map { items[$0] }, notes: ordered.map { NoteRef($0.info) })
    }

    /// Where to look for an item's match: meetings by day, everything else by the words of its names,
    /// so a history of 10,000 notes is not compared item against item. Each key lists the items that
    /// have it, in the order they were last touched; a lookup looks at the most recent ones first and
    /// at most `perKey` of them (the event log's latest items are the ones a new note speaks of).
    struct Index {
        private var byKey: [UInt64: [Int]] = [:]
        /// The prepared names of each item, and of a deadline's event, by position.
        private(set) var names: [[Names.Key]] = []
        private(set) var events: [Names.Key?] = []
        /// The keys of each item as last indexed.
        private var indexKeys: [[UInt64]] = []
        /// Names prepared so far, and the words and acronyms each is indexed under: the same names come
        /// back note after note.
        private var prepared: [String: (key: Names.Key, words: [UInt64])] = [:]
        let perKey = 16

        /// The prepared form of `name`, made once per merge.
        mutating func key(_ name: String) -> Names.Key {
            entry(name).key
        }

        private mutating func entry(_ name: String) -> (key: Names.Key, words: [UInt64]) {
            if let known = prepared[name] { return known }
            let key = Names.Key(name)
            var words = key.tokenIDs
            let initials = String(name.split(separator: " ").compactMap { $0.first(where: \.isLetter) }.filter(\.isUppercase)).lowercased()
            if initials.count >= 2 { words.append(Hash.combine(Self.acronym, Hash.fnv1a(initials))) }
            let letters = name.prefix { $0.isLetter }.lowercased()
            if !name.contains(" "), letters.count >= 2 { words.append(Hash.combine(Self.acronym, Hash.fnv1a(letters))) }
            prepared[name] = (key, words)
            return (key, words)
        }

        private static let acronym = Hash.fnv1a("acronym:")

        mutating func prepare(_ names: [String]) -> [Names.Key] {
            names.map { key($0) }
        }

        /// Where an item is filed: its calendar UID, a meeting's day, else each word of its names and each
        /// acronym they could stand for, within its kind.
        mutating func keys(_ item: Item) -> [UInt64] {
            let kind = Hash.fnv1a(item.kind.rawValue)
            var keys: [UInt64] = []
            if let uid = item.externalUID { keys.append(Hash.combine(Hash.fnv1a("uid"), Hash.fnv1a(uid))) }
            if item.kind == .meeting, item.externalUID == nil {
                return [Hash.combine(kind, UInt64(bitPattern: Int64(item.when.start?.dayNumber ?? -1)))]
            }
            for name in item.names {
                for word in entry(name).words { keys.append(Hash.combine(kind, word)) }
            }
            return Array(Set(keys)).sorted()
        }

        /// Records that the item at `position` was created or changed.
        mutating func touch(_ item: Item, at position: Int) {
            if position == names.count {
                names.append(prepare(item.names))
                indexKeys.append(keys(item))
                events.append(item.forEvent.map { key($0) })
            } else {
                if !names[position].elementsEqual(item.names, by: { $0.name == $1 }) {
                    names[position] = prepare(item.names)
                    indexKeys[position] = keys(item)
                }
                if events[position]?.name != item.forEvent { events[position] = item.forEvent.map { key($0) } }
            }
            for key in indexKeys[position] { byKey[key, default: []].append(position) }
        }

        /// Items sharing a key with `item`, most recently touched first, at most `perKey` per key.
        mutating func candidates(for item: Item) -> [Int] {
            var found: [Int] = []
            var seen = Set<Int>(minimumCapacity: 64)
            for key in keys(item) {
                guard let list = byKey[key] else { continue }
                var taken = 0
                var cursor = list.count - 1
                // Walk back at most a few times `perKey` entries: a busy item appears many times in a row.
                while cursor >= 0, taken < perKey, list.count - cursor <= perKey * 8 {
                    if seen.insert(list[cursor]).inserted {
                        found.append(list[cursor])
                        taken += 1
                    }
                    cursor -= 1
                }
            }
            return found
        }
    }

    func bestMatch(for item: Item, from note: NoteRef, in items: [ModelItem], index: inout Index, excluding claimed: Set<Int>) -> Int? {
        var best: (score: Double, index: Int)?
        let prepared = index.prepare(item.names)
        let event = item.forEvent.map { index.key($0) }
        for position in index.candidates(for: item) where !claimed.contains(position) {
            guard let score = Self.match(item, prepared, event, items[position].item, index.names[position],
                index.events[position], sameDay: items[position].lastMentioned.date == note.date)
            else { continue }
            if best == nil || score > best!.score || (score == best!.score && position > best!.index) { best = (score, position) }
        }
        return best?.index
    }

    /// How surely `a` and `b` are the same thing, or nil when they cannot be. `sameDay`: the notes that
    /// mention them have the same date (one meeting's notes in two formats).
    static func match(_ a: Item, _ b: Item, sameDay: Bool = false) -> Double? {
        match(a, a.names.map(Names.Key.init), a.forEvent.map(Names.Key.init), b, b.names.map(Names.Key.init),
            b.forEvent.map(Names.Key.init), sameDay: sameDay)
    }

    static func match(_ a: Item, _ aNames: [Names.Key], _ aEvent: Names.Key?, _ b: Item, _ bNames: [Names.Key],
        _ bEvent: Names.Key?, sameDay: Bool) -> Double?
    {
        if let ua = a.externalUID, let ub = b.externalUID { return ua == ub ? 2 : nil }
        guard a.kind == b.kind else { return nil }
        if a.kind == .meeting, a.when.start == nil, b.when.start == nil {
            // An undated "next call" is only the same as one from the same meeting's notes.
            return sameDay && Names.similarity(a.title, b.title) >= 0.6 ? 1 : nil
        }
        if a.kind == .meeting {
            // A call is its day: "next call on the 25th" and the 25th's own meeting are one meeting.
            guard let da = a.when.start, let db = b.when.start, a.when.precision.reported == .day || a.when.precision == .datetime,
                da == db
            else { return nil }
            return 1
        }
        // Dates first, they are cheap: two dated mentions months apart are two things.
        if a.kind != .deadline, let sa = a.when.start, let sb = b.when.start {
            let slack = (a.when.precision == .year || b.when.precision == .year) ? 366 : 75
            if abs(sa.dayNumber - sb.dayNumber) > slack { return nil }
        }
        var best = 0.0
        for x in aNames {
            for y in bNames { best = max(best, Names.similarity(x, y)) }
        }
        if a.kind == .deadline, let ea = aEvent, let eb = bEvent {
            // A deadline is its event's cut-off of one kind: an extended CfP is the same CfP.
            guard Names.similarity(ea, eb) >= 0.6 else { return nil }
            if a.subkind == b.subkind, a.subkind != .other { return 1 }
        }
        guard best >= 0.6 else { return nil }
        // Both dated (and compatible, above): a little surer.
        if a.when.start != nil, b.when.start != nil, a.kind != .deadline { return best + 0.1 }
        return best
    }

    // MARK: - Updating

    func update(_ known: inout ModelItem, with item: Item, from note: NoteRef) {
        known.mentions.append(Mention(note: note, item: item))
        // An imported calendar's event keeps its own UID, also when the notes spoke of it first.
        if let external = item.externalUID, known.item.externalUID == nil {
            known.uid = external
            known.item.externalUID = external
        }
        known.lastMentioned = note
        var current = known.item
        var changes: [Revision.Change] = []

        // A meeting's own record (its day) does not undo the time its announcement gave.
        let coarserSameDay = item.kind == .meeting && item.when.precision == .day && current.when.precision == .datetime
            && item.when.start == current.when.start
        if item.when.isDated, item.when != current.when, !coarserSameDay {
            changes.append(.init(field: "date", from: Self.describe(current.when), to: Self.describe(item.when)))
            current.when = item.when
        }
        if item.status != .unknown, item.status != current.status, !Self.isStatusRegression(item, from: current) {
            changes.append(.init(field: "status", from: current.status.rawValue, to: item.status.rawValue))
            current.status = item.status
        }
        if let location = item.location, location != current.location {
            changes.append(.init(field: "location", from: current.location ?? "none", to: location))
            current.location = location
        }
        let revising = !changes.isEmpty
        // Names: the latest title, every other name kept as an alias; a projects list names its projects,
        // and notes do not rename a listed one.
        let listed = (item.project?.listed == true, current.project?.listed == true)
        if item.title != current.title, !item.title.isEmpty,
            listed == (true, false) || !listed.1 && Self.prefersTitle(item, over: current)
        {
            changes.append(.init(field: "title", from: current.title, to: item.title))
            current.aliases.append(current.title)
            current.title = item.title
        }
        for name in item.names where name != current.title && !current.aliases.contains(name) {
            current.aliases.append(name)
        }
        current.aliases.removeAll { $0 == current.title }
        // A project's programme: a note's vague one (.other) never replaces a known one.
        if let subkind = item.subkind, !(item.kind == .project && subkind == .other && current.subkind != nil) { current.subkind = subkind }
        current.forEvent = item.forEvent ?? current.forEvent
        current.url = item.url ?? current.url
        // The projects list's stars win over what a note says.
        if current.project?.listed != true || item.project?.listed == true || current.difficulty == nil {
            current.difficulty = item.difficulty ?? current.difficulty
        }
        if !item.people.isEmpty {
            if current.kind == .meeting {
                current.people = item.people
            } else {
                for person in item.people where !current.people.contains(person) { current.people.append(person) }
            }
        }
        if let details = item.project {
            current.project = Self.merge(current.project, details)
        }
        // The latest note's lines first; the current state keeps a handful (every mention keeps its own).
        current.sources = Array((item.sources + current.sources.filter { !item.sources.contains($0) }).prefix(12))
        current.inferred = item.inferred.isEmpty && !item.when.isDated ? current.inferred : item.inferred
        for tag in item.tags where !current.tags.contains(tag) { current.tags.append(tag) }
        known.item = current
        if !changes.isEmpty { known.history.append(Revision(note: note, changes: changes)) }
        if revising {
            known.revision += 1
            known.lastChanged = note
        }
    }

    /// A project moves forward (proposed → available → in progress → done): a note that brings up an
    /// open, taken or finished project as an idea again does not make it proposed.
    static func isStatusRegression(_ item: Item, from current: Item) -> Bool {
        item.kind == .project && item.status == .proposed && [.available, .inProgress, .done].contains(current.status)
    }

    /// A meeting's own record names it better than the earlier "Next call"; otherwise the latest name wins
    /// unless it is only a shorter form of the current one.
    static func prefersTitle(_ item: Item, over current: Item) -> Bool {
        if item.kind == .meeting { return item.title.count >= current.title.count || current.title.lowercased().hasPrefix("next") }
        let new = Names.tokens(item.title)
        let old = Names.tokens(current.title)
        if Set(new).isSubset(of: Set(old)) { return false }
        return true
    }

    static func merge(_ old: ProjectDetails?, _ new: ProjectDetails) -> ProjectDetails {
        guard let old else { return new }
        // A projects list wins for descriptive fields (time, description, skills) whenever it was read;
        // between two lists, or two notes, the later one does. People and links of both are kept, the
        // winner's first.
        let (winner, other) = new.listed || !old.listed ? (new, old) : (old, new)
        var merged = winner
        merged.timeEstimate = winner.timeEstimate ?? other.timeEstimate
        merged.description = winner.description ?? other.description
        if winner.skills.isEmpty { merged.skills = other.skills }
        for person in other.mentors where !merged.mentors.contains(person) { merged.mentors.append(person) }
        for person in other.contributors where !merged.contributors.contains(person) && !merged.mentors.contains(person) {
            merged.contributors.append(person)
        }
        for link in other.links where !merged.links.contains(link) { merged.links.append(link) }
        merged.listed = old.listed || new.listed
        return merged
    }

    static func describe(_ when: When) -> String {
        guard let start = when.startText else { return "undated" }
        var text = start
        if let end = when.endText { text += "..\(end)" }
        if let zone = when.zone { text += " \(zone.name)" }
        if when.tentative { text += " (tentative)" }
        return text
    }

    // MARK: - Identity

    /// The UID: kind, slug of the first name, and a hash of what the item is. Meetings are their day;
    /// other items their name and the year they were first mentioned in.
    static func uid(for item: Item, note: NoteRef, discriminator: Int = 1) -> String {
        if let external = item.externalUID { return external }
        var key = "\(item.kind.rawValue)|\(Names.tokens(item.title).joined(separator: " "))"
        if item.kind == .meeting, let start = item.when.start {
            key += "|\(start)"
        } else if item.kind == .meeting {
            key += "|\(note.date)|\(note.path)"
        } else if item.kind == .deadline {
            key += "|\(Names.tokens(item.forEvent ?? "").joined(separator: " "))|\(item.when.start?.year ?? note.date.year)"
        } else {
            key += "|\(note.date.year)"
        }
        if discriminator > 1 { key += "|\(discriminator)" }
        return "\(item.kind.rawValue)-\(Names.slug(item.title, limit: 40))-\(Hash.hex8(key))@almanac"
    }
}
