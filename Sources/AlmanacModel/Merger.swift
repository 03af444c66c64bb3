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
        // What depends on one note alone (its items' names made ready for matching, their index keys and
        // UIDs) is worked out on all cores first; the replay itself is sequential.
        var replay = Replay()
        for ready in parallelMap(ordered, { Merger.prepare($0.info, $0.items) }) {
            _ = replay.add(ready)
        }
        return replay.model()!  // a replay from the start has every item
    }

    /// The replay one note at a time, for a reader that has the notes in history order (by date, then
    /// path) while later ones are still being read: the same model as ``merge(_:)`` gives.
    ///
    /// ```swift
    /// var replay = Merger.Replay()
    /// for (info, items) in notesInOrder where !replay.add(info, items) { /* out of order: merge(_:) instead */ }
    /// let model = replay.model()
    /// ```
    public struct Replay: Sendable {
        /// By position; nil for an item of a resumed checkpoint not loaded yet (see `load`).
        private var items: [ModelItem?] = []
        private var index = Index()
        private var uids = Set<String>()
        /// The position of the item with each UID (an item keeps its first UID here too).
        private var positions: [String: Int] = [:]
        private var notes: [NoteRef] = []
        /// Loads the item at a position of the checkpoint this replay resumed; nil when it cannot.
        private var load: (@Sendable (Int) -> ModelItem?)?
        /// True once an item of the checkpoint could not be loaded: the model is then not to be used.
        public private(set) var isDamaged = false
        /// Positions created or changed since the replay began or resumed.
        public private(set) var touched = Set<Int>()

        public init() {}

        /// Replays the next note; false, with nothing changed, when it comes before the last one added.
        public mutating func add(_ info: NoteInfo, _ noteItems: [Item]) -> Bool {
            add(Merger.prepare(info, noteItems))
        }

        /// Replays the next note, made ready beforehand (on any thread); false, with nothing changed,
        /// when it comes before the last one added.
        public mutating func add(_ ready: PreparedNote) -> Bool {
            if let last = notes.last, ready.note < last { return false }
            replay(ready.note, ready.items, ready.prepared)
            return true
        }

        private mutating func replay(_ note: NoteRef, _ noteItems: [Item], _ prepared: [Prepared]) {
            let merger = Merger()
            index.claimsBy = notes.count
            notes.append(note)
            for (item, ready) in zip(noteItems, prepared) {
                // An event of a calendar and an item with the same UID are one (Almanac's own feed read back,
                // whichever comes first).
                let byUID = positions[ready.uid].flatMap { found in
                    (item.externalUID != nil || index.facts[found].externalUID == Hash.fnv1a(ready.uid)) && !index.isClaimed(found) ? found : nil
                }
                if let found = byUID ?? merger.bestMatch(for: item, ready, from: note, index: &index) {
                    if items[found] == nil {
                        items[found] = load?(found)
                        if items[found] == nil {
                            isDamaged = true
                            items[found] = ModelItem(uid: index.uids[found], item: item, note: note)
                        }
                    }
                    merger.update(&items[found]!, with: item, from: note, titles: (ready.names[0].key, index.names(at: found)[0].key))
                    index.touch(items[found]!.item, at: found, mentioned: note.date, incoming: ready)
                    touched.insert(found)
                    if positions[items[found]!.uid] == nil { positions[items[found]!.uid] = found }
                } else {
                    // Terminates: after 16 hashed candidates, each is the UID with "-N" for a new N, and of
                    // the finitely many UIDs known, at most uids.count end that way.
                    var uid = ready.uid
                    var suffix = 2
                    while uids.contains(uid) {
                        uid = suffix <= 16 ? Merger.uid(for: item, note: note, discriminator: suffix) : "\(ready.uid)-\(suffix)"
                        suffix += 1
                    }
                    uids.insert(uid)
                    positions[uid] = items.count
                    touched.insert(items.count)
                    items.append(ModelItem(uid: uid, item: item, note: note))
                    index.add(item, mentioned: note.date, ready)
                }
            }
        }

        /// The model of the notes added so far; nil when an item of the checkpoint cannot be loaded.
        public func model() -> Model? {
            allItems().map { all in Model(items: order().map { all[$0] }, notes: notes) }
        }

        /// Every item, by position; nil when one of the checkpoint's cannot be loaded.
        private func allItems() -> [ModelItem]? {
            var all: [ModelItem] = []
            all.reserveCapacity(items.count)
            for position in items.indices {
                guard let item = item(at: position) else { return nil }
                all.append(item)
            }
            return all
        }

        /// The items' positions in model order: by date, kind and UID, worked out on small keys (the
        /// index's), so an item not loaded stays so.
        public func order() -> [Int] {
            let keys = index.facts.indices.map { (index.facts[$0].start ?? Int.max, index.facts[$0].kind.rawValue, uid(at: $0)) }
            return keys.indices.sorted { keys[$0] < keys[$1] }
        }

        /// Starts `touched` afresh.
        public mutating func forgetTouched() { touched = [] }

        /// How many items there are, loaded or not.
        public var count: Int { items.count }
        /// The notes added so far, the resumed checkpoint's included.
        public var noteRefs: [NoteRef] { notes }
        public func kind(at position: Int) -> Item.Kind { index.facts[position].kind }
        public func uid(at position: Int) -> String { items[position]?.uid ?? index.uids[position] }

        /// The item at `position`, loaded when it is not yet; nil when it cannot be.
        public func item(at position: Int) -> ModelItem? { items[position] ?? load?(position) }

        // MARK: Checkpoints

        /// What a replay needs to go on from here, apart from the items themselves (`items`, by position):
        /// what the index knows of each item as plain values, and the latest entries of each index key.
        public struct Checkpoint: Sendable {
            public var notes: [NoteRef]
            public var entries: [Entry]
            /// The UIDs made so far (an item that took its calendar's UID later keeps its first one here).
            public var uids: [String]
            /// Each index key, its entry count, then that many positions: only the last ones a lookup looks at.
            public var keys: [UInt64]

            public struct Entry: Sendable {
                var uid: String
                var facts: Facts
                var names: [String]
                var event: String?
                var keys: [UInt64]
            }
        }

        /// The state to resume from, and the items by position (each to be stored for `load`).
        public func checkpoint() -> (Checkpoint, items: [ModelItem])? {
            guard let all = allItems() else { return nil }
            let entries = all.indices.map { position in
                Checkpoint.Entry(uid: all[position].uid, facts: index.facts[position], names: index.nameStrings(at: position), event: index.events[position]?.name,
                    keys: index.keys(at: position))
            }
            return (Checkpoint(notes: notes, entries: entries, uids: uids.sorted(), keys: index.latestKeys()), all)
        }

        /// Goes on from `checkpoint`; `load` gives the item at a position when the replay first needs it
        /// (from any thread). An item's names are made ready for matching when a lookup first finds it.
        public init(resuming checkpoint: Checkpoint, load: @escaping @Sendable (Int) -> ModelItem?) {
            notes = checkpoint.notes
            uids = Set(checkpoint.uids)
            positions = Dictionary(checkpoint.entries.indices.map { (checkpoint.entries[$0].uid, $0) }, uniquingKeysWith: { first, _ in first })
            items = Array(repeating: nil, count: checkpoint.entries.count)
            self.load = load
            index = Index(resuming: checkpoint)
        }
    }

    /// One note's items made ready for ``Replay/add(_:)-(PreparedNote)``: what depends on the note alone,
    /// worked out where the note is read, on any thread.
    public struct PreparedNote: Sendable {
        let note: NoteRef
        let items: [Item]
        let prepared: [Prepared]
    }

    public static func prepare(_ info: NoteInfo, _ items: [Item]) -> PreparedNote {
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
        var keys: [UInt64]
        var uid: String

        init(_ item: Item, note: NoteRef, names known: inout [String: PreparedName]) {
            names = item.names.map { name in
                if let ready = known[name] { return ready }
                let ready = PreparedName(name)
                known[name] = ready
                return ready
            }
            event = item.forEvent.map(Names.Key.init)
            keys = Index.keys(item, names)
            uid = Merger.uid(for: item, note: note)
        }
    }

    /// Where to look for an item's match: meetings by day, everything else by the words of its names,
    /// so a history of 10,000 notes is not compared item against item. Each key lists the items that
    /// have it, in the order they were last touched; a lookup looks at the most recent ones first and
    /// at most `perKey` of them (the event log's latest items are the ones a new note speaks of).
    struct Index {
        private var byKey: [UInt64: [Int]] = [:]
        /// By position: the facts, prepared names and deadline's event of each item, and its keys as
        /// last indexed.
        private(set) var facts: [Facts] = []
        private var names: [[PreparedName]] = []
        /// The names of a resumed checkpoint's items, by position, until they are first prepared (empty after).
        private var unprepared: [[String]] = []
        private(set) var events: [Names.Key?] = []
        private var indexKeys: [[UInt64]] = []
        /// The note (its position in the replay) that last claimed each item: a note's items match
        /// different known items.
        private var claimedBy: [Int] = []
        var claimsBy = 0
        /// Marks of the candidates already found, by position, for the lookup numbered `lookup`.
        private var seenIn: [Int] = []
        private var lookup = 0
        /// The UIDs of the items of a resumed checkpoint, by position (a loaded item has its own).
        private(set) var uids: [String] = []
        let perKey = 16
        /// A lookup looks at no more than this many of a key's latest entries.
        static let window = 16 * 8

        init() {}

        init(resuming checkpoint: Replay.Checkpoint) {
            let entries = checkpoint.entries
            facts = entries.map(\.facts)
            names = Array(repeating: [], count: entries.count)
            unprepared = entries.map(\.names)
            events = entries.map { $0.event.map(Names.Key.init) }
            indexKeys = entries.map(\.keys)
            uids = entries.map(\.uid)
            claimedBy = Array(repeating: -1, count: entries.count)
            seenIn = Array(repeating: -1, count: entries.count)
            claimsBy = checkpoint.notes.count
            var cursor = 0
            let keys = checkpoint.keys
            while cursor + 1 < keys.count {
                let count = Int(keys[cursor + 1])
                byKey[keys[cursor]] = keys[(cursor + 2)..<(cursor + 2 + count)].map { Int($0) }
                cursor += 2 + count
            }
        }

        func keys(at position: Int) -> [UInt64] { indexKeys[position] }

        /// The item's names made ready for matching (prepared now if they were not yet: a resumed
        /// checkpoint's items are, only when a lookup first finds them).
        mutating func names(at position: Int) -> [PreparedName] {
            if names[position].isEmpty, position < unprepared.count {
                names[position] = unprepared[position].map(PreparedName.init)
                unprepared[position] = []
            }
            return names[position]
        }

        func nameStrings(at position: Int) -> [String] {
            names[position].isEmpty && position < unprepared.count ? unprepared[position] : names[position].map(\.key.name)
        }

        /// Every key with its last `window` entries, flattened (key, count, positions), in key order.
        func latestKeys() -> [UInt64] {
            var flat: [UInt64] = []
            for key in byKey.keys.sorted() {
                let list = byKey[key]!.suffix(Self.window)
                flat.append(key)
                flat.append(UInt64(list.count))
                flat += list.map { UInt64($0) }
            }
            return flat
        }

        /// Where an item is filed: its calendar UID, a meeting's day, else each word of its names and each
        /// acronym they could stand for, within its kind.
        static func keys(_ item: Item, _ names: [PreparedName]) -> [UInt64] {
            let kind = Hash.fnv1a(item.kind.rawValue)
            var keys: [UInt64] = []
            if let uid = item.externalUID { keys.append(Hash.combine(Hash.fnv1a("uid"), Hash.fnv1a(uid))) }
            if item.kind == .meeting, item.externalUID == nil {
                return [Hash.combine(kind, UInt64(bitPattern: Int64(item.when.start?.dayNumber ?? -1)))]
            }
            for name in names {
                for word in name.words { keys.append(Hash.combine(kind, word)) }
            }
            return Array(Set(keys)).sorted()
        }

        func isClaimed(_ position: Int) -> Bool { claimedBy[position] == claimsBy }

        /// Records a new item.
        mutating func add(_ item: Item, mentioned: CivilDate, _ ready: Prepared) {
            facts.append(Facts(item, lastMentioned: mentioned))
            names.append(ready.names)
            events.append(ready.event)
            indexKeys.append(ready.keys)
            claimedBy.append(claimsBy)
            seenIn.append(-1)
            file(facts.count - 1)
        }

        /// Records that the item at `position` changed after a mention (`incoming`) in a note of that date.
        mutating func touch(_ item: Item, at position: Int, mentioned: CivilDate, incoming: Prepared) {
            facts[position] = Facts(item, lastMentioned: mentioned)
            claimedBy[position] = claimsBy
            if !names(at: position).elementsEqual(item.names, by: { $0.key.name == $1 }) {
                // The names come from the item's earlier names and the mention's: reuse their preparation.
                let known = names[position] + incoming.names
                names[position] = item.names.map { name in known.first { $0.key.name == name } ?? PreparedName(name) }
                indexKeys[position] = Self.keys(item, names[position])
            }
            if events[position]?.name != item.forEvent {
                events[position] = incoming.event?.name == item.forEvent ? incoming.event : item.forEvent.map(Names.Key.init)
            }
            file(position)
        }

        private mutating func file(_ position: Int) {
            for key in indexKeys[position] { byKey[key, default: []].append(position) }
        }

        /// Items sharing a key with the prepared item, most recently touched first, at most `perKey` per key.
        mutating func candidates(for ready: Prepared) -> [Int] {
            lookup += 1
            var found: [Int] = []
            for key in ready.keys {
                guard let list = byKey[key] else { continue }
                var taken = 0
                var cursor = list.count - 1
                // Walk back at most a few times `perKey` entries: a busy item appears many times in a row.
                while cursor >= 0, taken < perKey, list.count - cursor <= Self.window {
                    let position = list[cursor]
                    if seenIn[position] != lookup {
                        seenIn[position] = lookup
                        found.append(position)
                        taken += 1
                    }
                    cursor -= 1
                }
            }
            return found
        }
    }

    func bestMatch(for item: Item, _ ready: Prepared, from note: NoteRef, index: inout Index) -> Int? {
        var best: (score: Double, index: Int)?
        let a = Facts(item, lastMentioned: note.date)
        for position in index.candidates(for: ready) where !index.isClaimed(position) {
            let b = index.facts[position]
            guard let score = Self.match(a, ready.names, ready.event, b, index.names(at: position), index.events[position],
                sameDay: b.lastMentioned == note.date)
            else { continue }
            if best == nil || score > best!.score || (score == best!.score && position > best!.index) { best = (score, position) }
        }
        return best?.index
    }

    /// How surely `a` and `b` are the same thing, or nil when they cannot be. `sameDay`: the notes that
    /// mention them have the same date (one meeting's notes in two formats).
    static func match(_ a: Facts, _ aNames: [PreparedName], _ aEvent: Names.Key?, _ b: Facts, _ bNames: [PreparedName],
        _ bEvent: Names.Key?, sameDay: Bool) -> Double?
    {
        if let ua = a.externalUID, let ub = b.externalUID { return ua == ub ? 2 : nil }
        guard a.kind == b.kind else { return nil }
        if a.kind == .meeting, a.start == nil, b.start == nil {
            // An undated "next call" is only the same as one from the same meeting's notes.
            guard sameDay, let ta = aNames.first?.key, let tb = bNames.first?.key else { return nil }
            return Names.similarity(ta, tb) >= 0.6 ? 1 : nil
        }
        if a.kind == .meeting {
            // A call is its day: "next call on the 25th" and the 25th's own meeting are one meeting.
            guard let da = a.start, let db = b.start, a.precision.reported == .day || a.precision == .datetime,
                da == db
            else { return nil }
            return 1
        }
        // Dates first, they are cheap: two dated mentions months apart are two things.
        if a.kind != .deadline, let sa = a.start, let sb = b.start {
            let slack = (a.precision == .year || b.precision == .year) ? 366 : 75
            if abs(sa - sb) > slack { return nil }
        }
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
    static func uid(for item: Item, note: NoteRef, discriminator: Int = 1) -> String {
        if let external = item.externalUID { return discriminator > 1 ? "\(external)-\(discriminator)" : external }
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

// (In an extension, so that Facts keeps the memberwise initializer a checkpoint is read with.)
extension Merger.Facts {
    init(_ item: Item, lastMentioned: CivilDate) {
        kind = item.kind
        subkind = item.subkind
        start = item.when.start?.dayNumber
        precision = item.when.precision
        externalUID = item.externalUID.map { Hash.fnv1a($0) }
        self.lastMentioned = lastMentioned
    }
}

// MARK: - A checkpoint's bytes

extension Merger.Replay.Checkpoint {
    /// The checkpoint in ``ByteWriter``'s form (tens of thousands of entries read back in milliseconds).
    public func bytes() -> [UInt8] {
        var out = ByteWriter()
        out.write(notes)
        out.write(entries) { out, entry in
            let facts = entry.facts
            out.write(entry.uid)
            out.write(case: facts.kind)
            out.write(facts.subkind) { $0.write(case: $1) }
            out.write(facts.start)
            out.write(case: facts.precision)
            out.write(facts.externalUID) { $0.write($1) }
            out.write(facts.lastMentioned)
            out.write(entry.names)
            out.write(entry.event)
            out.write(entry.keys)
        }
        out.write(uids)
        out.write(keys)
        return out.bytes
    }

    /// Reads what ``bytes()`` wrote; throws when the bytes are damaged.
    public init(bytes: [UInt8]) throws {
        var reader = ByteReader(bytes)
        notes = try reader.array()
        entries = try reader.array(each: 60) { reader in
            Entry(uid: try reader.string(),
                facts: Merger.Facts(kind: try reader.case(), subkind: try reader.optional { try $0.case() }, start: try reader.optionalInt(),
                    precision: try reader.case(), externalUID: try reader.optional { try $0.uint64() }, lastMentioned: try reader.read()),
                names: try reader.strings(), event: try reader.optionalString(), keys: try reader.uint64s())
        }
        uids = try reader.strings()
        keys = try reader.uint64s()
        guard reader.isAtEnd else { throw ByteReader.Damaged() }
        // Each key's entries are positions of entries.
        var cursor = 0
        while cursor < keys.count {
            guard cursor + 1 < keys.count, keys[cursor + 1] <= UInt64(keys.count - cursor - 2) else { throw ByteReader.Damaged() }
            let count = Int(keys[cursor + 1])
            guard keys[(cursor + 2)..<(cursor + 2 + count)].allSatisfy({ $0 < UInt64(entries.count) }) else { throw ByteReader.Damaged() }
            cursor += 2 + count
        }
    }
}
