import AlmanacNames
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
        // What depends on one note alone (its items' names made ready for matching, their index keys and
        // UIDs) is worked out on all cores, a slice of the history ahead of the replay, which is sequential.
        let ordered = notes.sorted { NoteRef($0.info) < NoteRef($1.info) }
        var replay = Replay()
        pipelined(ordered, slice: 1000, { Merger.prepare($0.info, $0.items) }) { replay.add($0) }
        return replay.model()
    }

    /// The notes replayed one at a time, in history order.
    struct Replay {
        private var items: [ModelItem] = []
        private var index = Index()
        private var uids = Set<String>()
        /// The position of the item with each UID (an item keeps its first UID here too).
        private var positions: [String: Int] = [:]
        private var notes: [NoteRef] = []

        mutating func add(_ ready: PreparedNote) {
            let merger = Merger()
            let note = ready.note
            index.claimsBy = notes.count
            notes.append(note)
            for (item, prepared) in zip(ready.items, ready.prepared) {
                // An event of a calendar and an item with the same UID are one (Almanac's own feed read back,
                // whichever comes first).
                let byUID = positions[prepared.uid].flatMap { found in
                    (item.externalUID != nil || index.facts[found].externalUID == Hash.fnv1a(prepared.uid)) && !index.isClaimed(found)
                        ? found : nil
                }
                if let found = byUID ?? merger.bestMatch(for: item, prepared, from: note, index: &index) {
                    merger.update(&items[found], with: item, from: note, titles: (prepared.names[0].key, index.names[found][0].key))
                    index.touch(items[found].item, at: found, mentioned: note.date, incoming: prepared)
                    if positions[items[found].uid] == nil { positions[items[found].uid] = found }
                } else {
                    // Terminates: after 16 hashed candidates, each is the UID with "-N" for a new N, and of
                    // the finitely many UIDs known, at most uids.count end that way.
                    var uid = prepared.uid
                    var suffix = 2
                    while uids.contains(uid) {
                        uid = suffix <= 16 ? Merger.uid(for: item, note: note, discriminator: suffix) : "\(prepared.uid)-\(suffix)"
                        suffix += 1
                    }
                    uids.insert(uid)
                    positions[uid] = items.count
                    items.append(ModelItem(uid: uid, item: item, note: note))
                    index.add(item, mentioned: note.date, prepared)
                }
            }
        }

        /// The model of the notes added so far: its items by date, kind and UID.
        func model() -> Model {
            let keys = items.map { ($0.item.when.start?.dayNumber ?? Int.max, $0.item.kind.rawValue, $0.uid) }
            return Model(items: keys.indices.sorted { keys[$0] < keys[$1] }.map { items[$0] }, notes: notes)
        }
    }

    /// One note's items made ready for the replay: their names prepared for matching, index keys and UIDs.
    struct PreparedNote: Sendable {
        let note: NoteRef
        let items: [Item]
        let prepared: [Prepared]
    }

    static func prepare(_ info: NoteInfo, _ items: [Item]) -> PreparedNote {
        let note = NoteRef(info)
        var names: [String: PreparedName] = [:]
        return PreparedNote(note: note, items: items, prepared: items.map { Prepared($0, note: note, names: &names) })
    }

    /// The few facts of an item that matching looks at, copied out of it as plain numbers so that
    /// comparing with a candidate neither copies the item nor counts references (its title is its first
    /// prepared name).
    struct Facts {
        var kind: Item.Kind
        var subkind: Item.Subkind?
        /// The start's day number.
        var start: Int?
        var precision: Precision
        /// The hash of its calendar UID.
        var externalUID: UInt64?
        /// The date of the note that last mentioned it.
        var lastMentioned: CivilDate

        init(_ item: Item, lastMentioned: CivilDate) {
            kind = item.kind
            subkind = item.subkind
            start = item.when.start?.dayNumber
            precision = item.when.precision
            externalUID = item.externalUID.map { Hash.fnv1a($0) }
            self.lastMentioned = lastMentioned
        }
    }

    /// A name made ready for matching, and the words and acronyms it is indexed under.
    struct PreparedName {
        var key: Names.Key
        var words: [UInt64]

        init(_ name: String) {
            key = Names.Key(name)
            words = key.tokenIDs
            for acronymKey in Names.acronymKeys(name) { words.append(Hash.combine(Self.acronym, Hash.fnv1a(acronymKey))) }
        }

        private static let acronym = Hash.fnv1a("acronym:")
    }

    /// One note's item made ready for the replay.
    struct Prepared: Sendable {
        var names: [PreparedName]
        var event: Names.Key?
        /// The words and acronyms a deadline's event is indexed under (``PreparedName/words``).
        var eventWords: [UInt64]?
        var keys: [UInt64]
        var uid: String

        init(_ item: Item, note: NoteRef, names known: inout [String: PreparedName]) {
            names = item.names.map { name in
                if let ready = known[name] { return ready }
                let ready = PreparedName(name)
                known[name] = ready
                return ready
            }
            let eventName = item.forEvent.map(PreparedName.init)
            event = eventName?.key
            eventWords = eventName?.words
            keys = Index.keys(item, names)
            // The title is the first name: its words are read once.
            uid = Merger.uid(for: item, note: note, titleTokens: names.first?.key.tokens, eventTokens: event?.tokens)
        }
    }

    /// Where to look for an item's match: by its calendar UID, meetings by day, everything else by the
    /// words of its names, so a history of 10,000 notes is not compared item against item. A lookup finds
    /// every item ``match(_:_:_:_:_:_:sameDay:)`` can accept, and no more than needed: two dated items
    /// other than deadlines match only when they are at most 366 days apart, so such items are also
    /// filed by the span of 366 days their date falls in, and a dated lookup reads the neighbouring
    /// spans and the undated items of each key instead of the whole key; two deadlines with events match
    /// only when their events are alike, so deadlines are also filed by the words of their event.
    struct Index {
        /// The items filed under each key, each once: under the key itself, and under the key and a span.
        private var byKey: [UInt64: [Int]] = [:]
        /// By position: the facts, prepared names and deadline's event of each item, its name keys, and
        /// every list it is filed in (an item whose date or names change is filed again; its old entries
        /// stay, and ``match(_:_:_:_:_:_:sameDay:)`` looks at its current facts).
        private(set) var facts: [Facts] = []
        private(set) var names: [[PreparedName]] = []
        private(set) var events: [Names.Key?] = []
        private var eventWords: [[UInt64]?] = []
        private var indexKeys: [[UInt64]] = []
        private var filed: [Set<UInt64>] = []
        /// The note (its position in the replay) that last claimed each item: a note's items match
        /// different known items.
        private var claimedBy: [Int] = []
        var claimsBy = 0
        /// Marks of the candidates already found, by position, for the lookup numbered `lookup`.
        private var seenIn: [Int] = []
        private var lookup = 0

        /// Where an item is filed: a meeting's day, else each word of its names and each acronym they
        /// could stand for, within its kind (its calendar UID is a key of its own, ``uidKey(_:)``).
        static func keys(_ item: Item, _ names: [PreparedName]) -> [UInt64] {
            let kind = Hash.fnv1a(item.kind.rawValue)
            if item.kind == .meeting, item.externalUID == nil {
                return [Hash.combine(kind, UInt64(bitPattern: Int64(item.when.start?.dayNumber ?? -1)))]
            }
            var keys: [UInt64] = []
            for name in names {
                for word in name.words { keys.append(Hash.combine(kind, word)) }
            }
            return Array(Set(keys)).sorted()
        }

        private static func uidKey(_ hash: UInt64) -> UInt64 { Hash.combine(Hash.fnv1a("uid"), hash) }

        /// The span of 366 days a dated item other than a deadline is filed in, as a key part; nil for
        /// others. Spans next to each other hold every date within 366 days.
        private static func span(_ facts: Facts) -> Int? {
            guard facts.kind != .deadline, let start = facts.start else { return nil }
            return start >= 0 ? start / 366 : (start + 1) / 366 - 1
        }

        private static func spanned(_ key: UInt64, _ span: Int?) -> UInt64 {
            Hash.combine(Hash.combine(key, span == nil ? 0 : 1), UInt64(bitPattern: Int64(span ?? 0)))
        }

        /// A deadline's key with each word of its event (a deadline with an event matches another's only when
        /// their events are alike, which takes a word or an acronym in common), or marked as having none.
        private static func withEvent(_ key: UInt64, _ words: [UInt64]?) -> [UInt64] {
            guard let words else { return [Hash.combine(Hash.combine(key, 2), 0)] }
            return words.map { Hash.combine(Hash.combine(key, 3), $0) }
        }

        func isClaimed(_ position: Int) -> Bool { claimedBy[position] == claimsBy }

        /// Records a new item.
        mutating func add(_ item: Item, mentioned: CivilDate, _ ready: Prepared) {
            facts.append(Facts(item, lastMentioned: mentioned))
            names.append(ready.names)
            events.append(ready.event)
            eventWords.append(ready.eventWords)
            indexKeys.append(ready.keys)
            filed.append([])
            claimedBy.append(claimsBy)
            seenIn.append(-1)
            file(facts.count - 1)
        }

        /// Records that the item at `position` changed after a mention (`incoming`) in a note of that date.
        mutating func touch(_ item: Item, at position: Int, mentioned: CivilDate, incoming: Prepared) {
            facts[position] = Facts(item, lastMentioned: mentioned)
            claimedBy[position] = claimsBy
            if !names[position].elementsEqual(item.names, by: { $0.key.name == $1 }) {
                // The names come from the item's earlier names and the mention's: reuse their preparation.
                let known = names[position] + incoming.names
                names[position] = item.names.map { name in known.first { $0.key.name == name } ?? PreparedName(name) }
                indexKeys[position] = Self.keys(item, names[position])
            }
            if events[position]?.name != item.forEvent {
                events[position] = incoming.event?.name == item.forEvent ? incoming.event : item.forEvent.map(Names.Key.init)
                eventWords[position] = incoming.event?.name == item.forEvent ? incoming.eventWords : item.forEvent.map { PreparedName($0).words }
            }
            file(position)
        }

        private mutating func file(_ position: Int) {
            var lists = indexKeys[position].flatMap { key in
                [key] + (facts[position].kind == .deadline
                    ? Self.withEvent(key, eventWords[position]) : [Self.spanned(key, Self.span(facts[position]))])
            }
            if let uid = facts[position].externalUID { lists.append(Self.uidKey(uid)) }
            for list in lists where filed[position].insert(list).inserted { byKey[list, default: []].append(position) }
        }

        /// Every item that shares a key with the prepared item and could match it (`facts`).
        mutating func candidates(for ready: Prepared, _ facts: Facts) -> [Int] {
            lookup += 1
            var lists: [UInt64]
            if let span = Self.span(facts) {
                lists = ready.keys.flatMap { key in [span - 1, span, span + 1, nil].map { Self.spanned(key, $0) } }
            } else if facts.kind == .deadline, let words = ready.eventWords {
                lists = ready.keys.flatMap { key in Self.withEvent(key, words) + Self.withEvent(key, nil) }
            } else {
                lists = ready.keys
            }
            if let uid = facts.externalUID { lists.append(Self.uidKey(uid)) }
            var found: [Int] = []
            for list in lists {
                for position in byKey[list] ?? [] where seenIn[position] != lookup {
                    seenIn[position] = lookup
                    found.append(position)
                }
            }
            return found
        }
    }

    func bestMatch(for item: Item, _ ready: Prepared, from note: NoteRef, index: inout Index) -> Int? {
        var best: (score: Double, index: Int)?
        let a = Facts(item, lastMentioned: note.date)
        for position in index.candidates(for: ready, a) where !index.isClaimed(position) {
            let b = index.facts[position]
            // Most candidates fail on their facts: their names are not looked at (or retained).
            guard Self.factsAllow(a, b, sameDay: b.lastMentioned == note.date) else { continue }
            guard let score = Self.match(a, ready.names, ready.event, b, index.names[position], index.events[position],
                sameDay: b.lastMentioned == note.date)
            else { continue }
            if best == nil || score > best!.score || (score == best!.score && position > best!.index) { best = (score, position) }
        }
        return best?.index
    }

    /// Whether what `a` and `b` are and when they are lets them be one thing, their names aside: the
    /// part of ``match(_:_:_:_:_:_:sameDay:)`` that looks at facts only.
    static func factsAllow(_ a: Facts, _ b: Facts, sameDay: Bool) -> Bool {
        if let ua = a.externalUID, let ub = b.externalUID { return ua == ub }
        guard a.kind == b.kind else { return false }
        if a.kind == .meeting {
            guard a.start != nil || b.start != nil else { return sameDay }
            guard let da = a.start, let db = b.start, a.precision.reported == .day || a.precision == .datetime else { return false }
            return da == db
        }
        // Dates first, they are cheap: two dated mentions months apart are two things.
        if a.kind != .deadline, let sa = a.start, let sb = b.start {
            let slack = (a.precision == .year || b.precision == .year) ? 366 : 75
            if abs(sa - sb) > slack { return false }
        }
        return true
    }

    /// How surely `a` and `b` are the same thing, or nil when they cannot be. `sameDay`: the notes that
    /// mention them have the same date (one meeting's notes in two formats).
    static func match(_ a: Facts, _ aNames: [PreparedName], _ aEvent: Names.Key?, _ b: Facts, _ bNames: [PreparedName],
        _ bEvent: Names.Key?, sameDay: Bool) -> Double?
    {
        guard factsAllow(a, b, sameDay: sameDay) else { return nil }
        if a.externalUID != nil, b.externalUID != nil { return 2 }
        if a.kind == .meeting, a.start == nil, b.start == nil {
            // An undated "next call" is only the same as one from the same meeting's notes.
            guard let ta = aNames.first?.key, let tb = bNames.first?.key else { return nil }
            return Names.similarity(ta, tb) >= 0.6 ? 1 : nil
        }
        // A call is its day: "next call on the 25th" and the 25th's own meeting are one meeting.
        if a.kind == .meeting { return 1 }
        var best = 0.0
        for x in aNames {
            for y in bNames { best = max(best, Names.similarity(x.key, y.key)) }
        }
        if a.kind == .deadline, let ea = aEvent, let eb = bEvent {
            // A deadline is its event's cut-off of one kind: an extended CfP is the same CfP.
            guard Names.similarity(ea, eb) >= 0.6 else { return nil }
            if a.subkind == b.subkind, a.subkind != .other { return 1 }
        }
        guard best >= 0.6 else { return nil }
        // Both dated (and compatible, above): a little surer.
        if a.start != nil, b.start != nil, a.kind != .deadline { return best + 0.1 }
        return best
    }

    // MARK: - Updating

    /// `titles`: the mention's title and the known item's, prepared.
    func update(_ known: inout ModelItem, with item: Item, from note: NoteRef, titles: (Names.Key, Names.Key)) {
        known.mentions.append(Mention(note: note, item: item))
        // An imported calendar's event keeps its own UID, also when the notes spoke of it first.
        if let external = item.externalUID, known.item.externalUID == nil {
            known.uid = external
            known.item.externalUID = external
        }
        known.lastMentioned = note
        let changes = Self.revise(&known.item, with: item, titles: titles)
        if !changes.isEmpty { known.history.append(Revision(note: note, changes: changes)) }
        if changes.contains(where: { $0.field != "title" }) {
            known.revision += 1
            known.lastChanged = note
        }
    }

    /// Brings `current` up to date with a later mention; returns what changed. Works on the item in
    /// place: a copy would make each of its lists copy itself on the first change.
    static func revise(_ current: inout Item, with item: Item, titles: (Names.Key, Names.Key)) -> [Revision.Change] {
        var changes: [Revision.Change] = []

        // A meeting's own record (its day) does not undo the time its announcement gave.
        let coarserSameDay = item.kind == .meeting && item.when.precision == .day && current.when.precision == .datetime
            && item.when.start == current.when.start
        if item.when.isDated, item.when != current.when, !coarserSameDay {
            changes.append(.init(field: "date", from: describe(current.when), to: describe(item.when)))
            current.when = item.when
        }
        if item.status != .unknown, item.status != current.status, !isStatusRegression(item, from: current) {
            changes.append(.init(field: "status", from: current.status.rawValue, to: item.status.rawValue))
            current.status = item.status
        }
        if let location = item.location, location != current.location {
            changes.append(.init(field: "location", from: current.location ?? "none", to: location))
            current.location = location
        }
        // Names: the latest title, every other name kept as an alias; a projects list names its projects,
        // and notes do not rename a listed one.
        let listed = (item.project?.listed == true, current.project?.listed == true)
        if item.title != current.title, !item.title.isEmpty,
            listed == (true, false) || !listed.1 && prefersTitle(item, over: current, titles: titles)
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
            current.project = merge(current.project, details)
        }
        // The latest note's lines first; the current state keeps a handful (every mention keeps its own).
        var sources = Array(item.sources.prefix(12))
        for source in current.sources where sources.count < 12 && !item.sources.contains(source) { sources.append(source) }
        current.sources = sources
        current.inferred = item.inferred.isEmpty && !item.when.isDated ? current.inferred : item.inferred
        for tag in item.tags where !current.tags.contains(tag) { current.tags.append(tag) }
        return changes
    }

    /// A project moves forward (proposed → available → in progress → done): a note that brings up an
    /// open, taken or finished project as an idea again does not make it proposed.
    static func isStatusRegression(_ item: Item, from current: Item) -> Bool {
        item.kind == .project && item.status == .proposed && [.available, .inProgress, .done].contains(current.status)
    }

    /// A meeting's own record names it better than the earlier "Next call"; otherwise the latest name wins
    /// unless it is only a shorter form of the current one.
    static func prefersTitle(_ item: Item, over current: Item, titles: (new: Names.Key, old: Names.Key)) -> Bool {
        if item.kind == .meeting { return item.title.count >= current.title.count || current.title.lowercased().hasPrefix("next") }
        return !Names.wordsAreSubset(titles.new, of: titles.old)
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
    /// `titleTokens`, `eventTokens`: the title's and the event's ``Names/tokens(_:)`` when known.
    static func uid(for item: Item, note: NoteRef, discriminator: Int = 1, titleTokens: [String]? = nil, eventTokens: [String]? = nil)
        -> String
    {
        if let external = item.externalUID { return discriminator > 1 ? "\(external)-\(discriminator)" : external }
        var key = "\(item.kind.rawValue)|\((titleTokens ?? Names.tokens(item.title)).joined(separator: " "))"
        if item.kind == .meeting, let start = item.when.start {
            key += "|\(start)"
        } else if item.kind == .meeting {
            key += "|\(note.date)|\(note.path)"
        } else if item.kind == .deadline {
            key += "|\((eventTokens ?? Names.tokens(item.forEvent ?? "")).joined(separator: " "))|\(item.when.start?.year ?? note.date.year)"
        } else {
            key += "|\(note.date.year)"
        }
        if discriminator > 1 { key += "|\(discriminator)" }
        return "\(item.kind.rawValue)-\(Names.slug(item.title, limit: 40))-\(Hash.hex8(key))@almanac"
    }
}
