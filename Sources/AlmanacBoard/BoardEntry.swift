import AlmanacNames
public import AlmanacCore
public import AlmanacModel

/// Which projects a board shows: every filter given must accept a project; within one filter any of
/// its values will do (`--difficulty 1 --difficulty 2`).
///
/// ```swift
/// BoardFilter(difficulties: [1], skills: ["networking"], programmes: [.outreachy], statuses: [.available])
/// ```
public struct BoardFilter: Sendable, Hashable {
    public var difficulties: [Int]
    /// Matched against a project's skills word by word, ignoring case ("network" finds "Networking").
    public var skills: [String]
    /// Outreachy also finds OPW, its former name.
    public var programmes: [Item.Subkind]
    public var statuses: [Item.Status]

    public init(difficulties: [Int] = [], skills: [String] = [], programmes: [Item.Subkind] = [], statuses: [Item.Status] = []) {
        self.difficulties = difficulties
        self.skills = skills
        self.programmes = programmes
        self.statuses = statuses
    }

    public var isEmpty: Bool { difficulties.isEmpty && skills.isEmpty && programmes.isEmpty && statuses.isEmpty }

    public func accepts(_ item: Item) -> Bool {
        if !difficulties.isEmpty, !difficulties.contains(where: { $0 == item.difficulty }) { return false }
        if !statuses.isEmpty, !statuses.contains(item.status) { return false }
        if !programmes.isEmpty {
            let programme = item.subkind == .opw ? .outreachy : item.subkind
            guard programmes.contains(where: { ($0 == .opw ? .outreachy : $0) == programme }) else { return false }
        }
        if !skills.isEmpty {
            let have = (item.project?.skills ?? []).flatMap(Self.words)
            guard skills.contains(where: { wanted in
                let words = Self.words(wanted)
                return !words.isEmpty && words.allSatisfy { word in have.contains { Self.sameWord($0, word) } }
            }) else { return false }
        }
        return true
    }

    /// What the filter keeps, for a board's header: "★☆☆ · skill networking · Outreachy · available".
    public var description: String {
        var parts: [String] = []
        if !difficulties.isEmpty { parts.append(difficulties.map(ProjectBoard.stars).joined(separator: " or ")) }
        if !skills.isEmpty { parts.append("skill " + skills.joined(separator: " or ")) }
        if !programmes.isEmpty { parts.append(programmes.map(ProjectBoard.programmeName).joined(separator: " or ")) }
        if !statuses.isEmpty { parts.append(statuses.map { ProjectBoard.statusName($0).lowercased() }.joined(separator: " or ")) }
        return parts.joined(separator: " · ")
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "+" && $0 != "#" }).map(String.init)
    }

    /// "network" and "networking", "sensor" and "sensors": one is the other's start, four letters at least.
    static func sameWord(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        return short.count >= 4 && long.hasPrefix(short)
    }
}

/// One project as every board view shows it: the model item with what the views need worked out
/// (mentors and other people apart, the description's first paragraph, safe links, the list and
/// staleness flags, the last meeting note that mentioned it).
public struct BoardEntry: Sendable {
    public var model: ModelItem
    public var mentors: [String]
    /// Contributors and everyone else the notes name, mentors left out.
    public var people: [String]
    /// The first paragraph of the list's description, else what the latest note said; nil when that
    /// only repeats the title.
    public var summary: String?
    /// http, https and mailto links only.
    public var links: [String]
    /// On a projects list page.
    public var listed: Bool
    /// In the notes but not on the list (only when a list was read).
    public var notOnList: Bool
    /// On the list, not done, and not mentioned in the last `staleMonths` months of notes.
    public var stale: Bool
    /// The last meeting note that mentioned the project; nil when only the list has it.
    public var lastNote: NoteRef?
    /// The list page that has it.
    public var list: NoteRef?

    public var item: Item { model.item }
    public var uid: String { model.uid }

    /// The entries of `model`'s projects that `filter` accepts, in board order: by `sections`, then
    /// stars (unrated last), then title.
    public static func entries(
        _ model: Model, filter: BoardFilter = .init(), sections: [Item.Status] = ProjectBoard.defaultSections, staleMonths: Int = 6
    ) -> [BoardEntry] {
        let projects = model.items.filter { $0.item.kind == .project }
        let hasList = projects.contains { $0.item.project?.listed == true }
        let newest = model.notes.map(\.date).max()
        let cutoff = newest?.adding(months: -max(1, staleMonths))
        let order = ProjectBoard.order(sections)
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return projects.filter { filter.accepts($0.item) }
            .map { BoardEntry($0, hasList: hasList, cutoff: cutoff) }
            .sorted { a, b in
                (rank[a.item.status] ?? 99, a.item.difficulty ?? 9, a.item.title.lowercased(), a.uid)
                    < (rank[b.item.status] ?? 99, b.item.difficulty ?? 9, b.item.title.lowercased(), b.uid)
            }
    }

    init(_ model: ModelItem, hasList: Bool, cutoff: CivilDate?) {
        self.model = model
        let item = model.item
        let details = item.project
        listed = details?.listed == true
        notOnList = hasList && !listed
        lastNote = model.mentions.last { $0.item.project?.listed != true }?.note
        list = model.mentions.last { $0.item.project?.listed == true }?.note
        if listed, ![.done, .cancelled].contains(item.status), let cutoff, let seen = (lastNote ?? list)?.date {
            stale = seen < cutoff
        } else {
            stale = false
        }
        mentors = details?.mentors ?? []
        var people: [String] = []
        for person in (details?.contributors ?? []) + item.people
        where !Self.samePerson(person, in: mentors) && !Self.samePerson(person, in: people) {
            people.append(person)
        }
        self.people = people
        var links = details?.links ?? []
        if let url = item.url, !links.contains(url) { links.insert(url, at: 0) }
        self.links = links.filter { MarkdownText.safeURL($0) != nil }
        summary = Self.summary(of: item)
    }

    /// "Ben" is "Ben Okafor" (a first name the list gives in full), and names compare without case.
    static func samePerson(_ name: String, in names: [String]) -> Bool {
        let lower = name.lowercased()
        return names.contains { known in
            let other = known.lowercased()
            return other == lower || other.split(separator: " ").first.map(String.init) == lower
                || lower.split(separator: " ").first.map(String.init) == other
        }
    }

    static func summary(of item: Item) -> String? {
        let text: String
        let quoted: Bool
        if let description = item.project?.description {
            text = description.split(separator: "\n\n").first.map(String.init) ?? description
            quoted = false
        } else if let quote = item.sources.first?.quote {
            text = quote
            quoted = true
        } else {
            return nil
        }
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
        // A note's words that barely add to the title ("the NTP project") say nothing the card does not.
        guard Names.tokens(flat) != Names.tokens(item.title), !quoted || flat.count > item.title.count + 4 else { return nil }
        guard flat.count > 600 else { return flat }
        let cut = flat.prefix(600)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
    }
}
