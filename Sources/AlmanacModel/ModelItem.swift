public import AlmanacCore

/// A note as the model refers to it.
public struct NoteRef: Sendable, Hashable, Codable, Comparable {
    public var path: String
    public var date: CivilDate
    public var title: String?
    public var permalink: String?

    public init(path: String, date: CivilDate, title: String? = nil, permalink: String? = nil) {
        self.path = path
        self.date = date
        self.title = title
        self.permalink = permalink
    }

    public init(_ info: NoteInfo) {
        self.init(path: info.path, date: info.date, title: info.title, permalink: info.permalink)
    }

    /// Notes in the order the history is replayed: by date, then path.
    public static func < (lhs: NoteRef, rhs: NoteRef) -> Bool { (lhs.date, lhs.path) < (rhs.date, rhs.path) }
}

/// One real thing across the whole notes history: its current state, its identity, and how it got there.
public struct ModelItem: Sendable, Hashable, Codable {
    /// Stable identity: derived from what the item is (kind, name, and for meetings the day), never
    /// from its position or the clock.
    public var uid: String
    /// The current state: the latest information wins.
    public var item: Item
    /// Rises each time a later note changes the item's date, status or place (iCalendar SEQUENCE).
    public var revision: Int
    public var firstMentioned: NoteRef
    public var lastMentioned: NoteRef
    /// The note that created the item or last changed its date, status or place.
    public var lastChanged: NoteRef
    /// Every note that mentioned the item, oldest first, with what it said.
    public var mentions: [Mention]
    /// What changed, and in which note.
    public var history: [Revision]

    public init(uid: String, item: Item, note: NoteRef) {
        self.uid = uid
        self.item = item
        self.revision = 0
        self.firstMentioned = note
        self.lastMentioned = note
        self.lastChanged = note
        self.mentions = [Mention(note: note, item: item)]
        self.history = []
    }
}

/// What one note said about an item.
public struct Mention: Sendable, Hashable, Codable {
    public var note: NoteRef
    public var item: Item

    public init(note: NoteRef, item: Item) {
        self.note = note
        self.item = item
    }
}

/// A change a later note made.
public struct Revision: Sendable, Hashable, Codable {
    public var note: NoteRef
    public var changes: [Change]

    public init(note: NoteRef, changes: [Change]) {
        self.note = note
        self.changes = changes
    }

    public struct Change: Sendable, Hashable, Codable {
        /// "date", "status", "location" or "title".
        public var field: String
        public var from: String
        public var to: String

        public init(field: String, from: String, to: String) {
            self.field = field
            self.from = from
            self.to = to
        }
    }
}

/// Everything Almanac knows: items merged across notes, and the notes they came from.
public struct Model: Sendable, Hashable, Codable {
    public var items: [ModelItem]
    public var notes: [NoteRef]

    public init(items: [ModelItem] = [], notes: [NoteRef] = []) {
        self.items = items
        self.notes = notes
    }

    /// The item with this UID, or whose title or alias is `name` (case-insensitive).
    public func find(_ name: String) -> [ModelItem] {
        if let exact = items.first(where: { $0.uid == name }) { return [exact] }
        let wanted = name.lowercased()
        let named = items.filter { $0.item.names.contains { $0.lowercased() == wanted } }
        if !named.isEmpty { return named }
        return items.filter { $0.item.names.contains { $0.lowercased().contains(wanted) } || $0.uid.hasPrefix(wanted) }
    }
}

// MARK: - Packing

extension NoteRef: Packable {
    public func pack(into out: inout ByteWriter) {
        out.write(path)
        out.write(date)
        out.write(title)
        out.write(permalink)
    }

    public init(unpacking reader: inout ByteReader) throws {
        self.init(path: try reader.string(), date: try reader.read(), title: try reader.optionalString(),
            permalink: try reader.optionalString())
    }
}

extension ModelItem: Packable {
    /// Notes are written once each and referred to by number: an item's mentions and history name few
    /// notes many times.
    public func pack(into out: inout ByteWriter) {
        var notes: [NoteRef] = []
        var numbers: [NoteRef: Int] = [:]
        numbers.reserveCapacity(mentions.count + history.count + 3)
        func number(_ note: NoteRef) -> Int {
            if let known = numbers[note] { return known }
            numbers[note] = notes.count
            notes.append(note)
            return notes.count - 1
        }
        let refs = [firstMentioned, lastMentioned, lastChanged].map(number)
        let mentioned = mentions.indices.map { number(mentions[$0].note) }
        let revised = history.indices.map { number(history[$0].note) }
        out.write(notes)
        out.write(uid)
        out.write(item)
        out.write(revision)
        for ref in refs { out.write(ref) }
        out.write(mentions.count)
        for index in mentions.indices {
            out.write(mentioned[index])
            mentions[index].item.pack(into: &out)
        }
        out.write(history.count)
        for index in history.indices {
            out.write(revised[index])
            out.write(history[index].changes) { out, change in
                out.write(change.field)
                out.write(change.from)
                out.write(change.to)
            }
        }
    }

    public init(unpacking reader: inout ByteReader) throws {
        let notes: [NoteRef] = try reader.array()
        func note(_ reader: inout ByteReader) throws -> NoteRef {
            let index = try reader.int()
            guard notes.indices.contains(index) else { throw ByteReader.Damaged() }
            return notes[index]
        }
        let uid = try reader.string()
        let item: Item = try reader.read()
        self.init(uid: uid, item: item, note: notes.first ?? NoteRef(path: "", date: CivilDate(dayNumber: 0)))
        revision = try reader.int()
        firstMentioned = try note(&reader)
        lastMentioned = try note(&reader)
        lastChanged = try note(&reader)
        mentions = try reader.array(each: 16) { Mention(note: try note(&$0), item: try $0.read()) }
        history = try reader.array(each: 16) { reader in
            Revision(note: try note(&reader), changes: try reader.array(each: 24) {
                Revision.Change(field: try $0.string(), from: try $0.string(), to: try $0.string())
            })
        }
    }
}
