public import AlmanacCore

/// A note as the model refers to it.
public struct NoteRef: Sendable, Hashable, Codable, Comparable {
    public var path: String
    public var date: CivilDate
    public var title: String?
    public var permalink: String?
    /// The message, when the note is one of a mail file.
    public var messageID: String?

    public init(path: String, date: CivilDate, title: String? = nil, permalink: String? = nil, messageID: String? = nil) {
        self.path = path
        self.date = date
        self.title = title
        self.permalink = permalink
        self.messageID = messageID
    }

    public init(_ info: NoteInfo) {
        self.init(path: info.path, date: info.date, title: info.title, permalink: info.permalink, messageID: info.messageID)
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
