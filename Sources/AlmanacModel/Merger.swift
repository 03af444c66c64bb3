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
                if let found = bestMatch(for: item, from: note, in: items, index: index, excluding: claimed) {
                    claimed.insert(found)
                    update(&items[found], with: item, from: note)
                    index.add(items[found].item, at: found)
                } else {
                    var uid = Self.uid(for: item, note: note)
                    var suffix = 2
                    while uids.contains(uid) {
                        uid = Self.uid(for: item, note: note, discriminator: suffix)
                        suffix += 1
                    }
                    uids.insert(uid)
                    items.append(ModelItem(uid: uid, item: item, note: note))
                    index.add(item, at: items.count - 1)
                    claimed.insert(items.count - 1)
                }
            }
        }
        items.sort { a, b in
            let da = a.item.when.start ?? CivilDate(dayNumber: Int.max / 4)
            let db = b.item.when.start ?? CivilDate(dayNumber: Int.max / 4)
            return (da, a.item.kind.rawValue, a.uid) < (db, b.item.kind.rawValue, b.uid)
        }
        return Model(items: items, notes: ordered.map { NoteRef($0.info) })
    }

    /// Where to look for an item's match: meetings by day, everything else by the words of its names,
    /// so a history of 10,000 notes is not compared item against item.
    struct Index {
        private var byKey: [String: Set<Int>] = [:]

        static func keys(_ item: Item) -> [String] {
            if let uid = item.externalUID { return ["uid|\(uid)"] + nameKeys(item) }
            if item.kind == .meeting { return ["meeting|\(item.when.start?.description ?? "undated")"] }
            return nameKeys(item)
        }

        static func nameKeys(_ item: Item) -> [String] {
            var keys = Set<String>()
            for name in item.names {
                for token in Names.tokens(name) { keys.insert("\(item.kind.rawValue)|\(token)") }
                let initials = String(name.split(separator: " ").compactMap { $0.first(where: \.isLetter) }.filter(\.isUppercase)).lowercased()
                if initials.count >= 2 { keys.insert("\(item.kind.rawValue)|acronym:\(initials)") }
                let letters = name.prefix { $0.isLetter }.lowercased()
                if !name.contains(" "), letters.count >= 2 { keys.insert("\(item.kind.rawValue)|acronym:\(letters)") }
            }
            return keys.sorted()
        }

        mutating func add(_ item: Item, at position: Int) {
            for key in Self.keys(item) { byKey[key, default: []].insert(position) }
        }

        /// Items sharing a key; words shared by hundreds of items ("release") only when nothing rarer is shared.
        func candidates(for item: Item) -> [Int] {
            let lists = Self.keys(item).compactMap { byKey[$0] }.sorted { $0.count < $1.count }
            guard let rarest = lists.first else { return [] }
            var found = rarest
            for list in lists.dropFirst() where list.count <= 300 { found.formUnion(list) }
            return found.sorted()
        }
    }

    func bestMatch(for item: Item, from note: NoteRef, in items: [ModelItem], index: Index, excluding claimed: Set<Int>) -> Int? {
        var best: (score: Double, index: Int)?
        for position in index.candidates(for: item) where !claimed.contains(position) {
            let known = items[position]
            guard let score = Self.match(item, known.item, sameDay: known.lastMentioned.date == note.date) else { continue }
            if best == nil || score > best!.score { best = (score, position) }
        }
        return best?.index
    }

    /// How surely `a` and `b` are the same thing, or nil when they cannot be. `sameDay`: the notes that
    /// mention them have the same date (one meeting's notes in two formats).
    static func match(_ a: Item, _ b: Item, sameDay: Bool = false) -> Double? {
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
        var best = 0.0
        for x in a.names {
            for y in b.names { best = max(best, Names.similarity(x, y)) }
        }
        if a.kind == .deadline, let ea = a.forEvent, let eb = b.forEvent {
            // A deadline is its event's cut-off of one kind: an extended CfP is the same CfP.
            guard Names.similarity(ea, eb) >= 0.6 || Names.isAcronym(ea, of: eb) || Names.isAcronym(eb, of: ea) else { return nil }
            if a.subkind == b.subkind, a.subkind != .other { return 1 }
        }
        guard best >= 0.6 else { return nil }
        // Dates must be compatible: both dated → overlapping within a couple of months.
        if let sa = a.when.start, let sb = b.when.start, a.kind != .deadline {
            let gap = abs(sa.dayNumber - sb.dayNumber)
            let slack = (a.when.precision == .year || b.when.precision == .year) ? 366 : 75
            if gap > slack { return nil }
            return best + 0.1
        }
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
        current.sources = item.sources + current.sources.filter { !item.sources.contains($0) }
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
