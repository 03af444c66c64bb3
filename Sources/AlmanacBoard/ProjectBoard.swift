import AlmanacNames
public import AlmanacCore
public import AlmanacModel

/// The project board: contributor projects from the model as GitHub-flavoured Markdown that reads
/// well on GitHub and in a wiki. A summary line (counts per status and difficulty), an overview
/// table, then one section per status, each project with its stars, programme, time estimate,
/// mentors, people, skills, a one-paragraph description, links and the note that last mentioned it.
///
/// Projects a list page has but no note mentioned for `staleMonths` months (counted back from the
/// newest note, never from the clock) are flagged stale; projects the notes mention but the list
/// lacks are flagged "not on the list". Every text from notes and lists goes through
/// ``MarkdownText``, so nothing in them can break a table, add HTML or make a link.
///
/// ```swift
/// let markdown = ProjectBoard(title: "Pioneer Projects", filter: BoardFilter(difficulties: [1])).render(model)
/// ```
public struct ProjectBoard: Sendable {
    public var title: String
    /// Section order; statuses not listed go last, under their own names.
    public var sections: [Item.Status]
    /// The URL of a note, for "last mentioned" links.
    public var noteURL: @Sendable (NoteRef) -> String?
    public var filter: BoardFilter
    /// A listed project no note mentioned for this many months is flagged stale.
    public var staleMonths: Int

    public static let defaultSections: [Item.Status] = [.available, .proposed, .inProgress, .tentative, .done, .cancelled, .unknown]

    public init(
        title: String = "Projects", sections: [Item.Status] = ProjectBoard.defaultSections,
        noteURL: @escaping @Sendable (NoteRef) -> String? = { _ in nil }, filter: BoardFilter = .init(), staleMonths: Int = 6
    ) {
        self.title = title
        self.sections = sections
        self.noteURL = noteURL
        self.filter = filter
        self.staleMonths = staleMonths
    }

    /// The projects this board shows, in its order.
    public func entries(_ model: Model) -> [BoardEntry] {
        BoardEntry.entries(model, filter: filter, sections: sections, staleMonths: staleMonths)
    }

    public func render(_ model: Model) -> String {
        let projects = entries(model)
        var lines = ["# \(MarkdownText.escape(title))", ""]
        if !filter.isEmpty {
            lines += ["Showing: " + MarkdownText.escape(filter.description), ""]
        }
        guard !projects.isEmpty else {
            lines.append(filter.isEmpty ? "No projects yet." : "No projects match.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines += [summary(projects), ""]
        lines += overview(projects)
        lines.append("")
        for status in Self.order(sections) {
            let group = projects.filter { $0.item.status == status }
            guard !group.isEmpty else { continue }
            lines.append("## \(Self.statusName(status)) (\(group.count))")
            lines.append("")
            for project in group { lines += card(project) }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "**6 projects**: 3 available, 2 in progress, 1 done · 2 × ★☆☆, 3 × ★★☆, 1 × ★★★ · 2 not on the list"
    func summary(_ projects: [BoardEntry]) -> String {
        var parts: [String] = []
        for status in Self.order(sections) {
            let n = projects.filter { $0.item.status == status }.count
            if n > 0 { parts.append("\(n) \(Self.statusName(status).lowercased())") }
        }
        var stars: [String] = []
        for level in 1...3 {
            let n = projects.filter { $0.item.difficulty == level }.count
            if n > 0 { stars.append("\(n) × \(Self.stars(level))") }
        }
        let unrated = projects.filter { $0.item.difficulty == nil }.count
        if unrated > 0 { stars.append("\(unrated) unrated") }
        var flags: [String] = []
        let missing = projects.filter(\.notOnList).count
        if missing > 0 { flags.append("\(missing) not on the list") }
        let stale = projects.filter(\.stale).count
        if stale > 0 { flags.append("\(stale) stale") }
        let total = projects.count.counting("project")
        return "**\(total)**: " + parts.joined(separator: ", ") + " · " + stars.joined(separator: ", ")
            + (flags.isEmpty ? "" : " · " + flags.joined(separator: ", "))
    }

    /// One table row per project: name, status, stars, time, mentors, skills.
    func overview(_ projects: [BoardEntry]) -> [String] {
        var lines = ["| Project | Status | Difficulty | Time | Mentors | Skills |", "|---|---|---|---|---|---|"]
        for project in projects {
            let item = project.item
            let cells = [
                MarkdownText.escape(item.title),
                Self.statusName(item.status),
                item.difficulty.map(Self.stars) ?? "–",
                item.project?.timeEstimate.map(MarkdownText.escape) ?? "–",
                project.mentors.isEmpty ? "–" : project.mentors.map(MarkdownText.escape).joined(separator: ", "),
                (item.project?.skills ?? []).isEmpty ? "–" : (item.project?.skills ?? []).map(MarkdownText.escape).joined(separator: ", "),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    func card(_ entry: BoardEntry) -> [String] {
        let item = entry.item
        var lines = ["### \(MarkdownText.escape(item.title))", ""]
        var facts: [String] = []
        if let level = item.difficulty { facts.append(Self.stars(level)) }
        if let subkind = item.subkind, subkind != .other { facts.append(Self.programmeName(subkind)) }
        if let time = item.project?.timeEstimate { facts.append("⏱ " + MarkdownText.escape(time)) }
        if entry.notOnList { facts.append("not on the list") }
        if entry.stale { facts.append("stale: no note mentioned it for \(staleMonths) months") }
        if !facts.isEmpty { lines += [facts.joined(separator: " · "), ""] }
        var bullets: [String] = []
        if !entry.mentors.isEmpty { bullets.append("- Mentors: " + entry.mentors.map(MarkdownText.escape).joined(separator: ", ")) }
        if !entry.people.isEmpty { bullets.append("- People: " + entry.people.map(MarkdownText.escape).joined(separator: ", ")) }
        if let skills = item.project?.skills, !skills.isEmpty {
            bullets.append("- Skills: " + skills.map(MarkdownText.escape).joined(separator: ", "))
        }
        if !entry.links.isEmpty {
            bullets.append("- Links: " + entry.links.map { MarkdownText.link(Self.linkLabel($0), $0) }.joined(separator: ", "))
        }
        if !bullets.isEmpty { lines += bullets + [""] }
        if let summary = entry.summary { lines += [MarkdownText.escape(summary), ""] }
        lines += [mentionLine(entry), ""]
        return lines
    }

    /// "_Last mentioned 2026-09-30 in [Weekly Meeting: 2026-09-30](…)_", or where the list has it.
    func mentionLine(_ entry: BoardEntry) -> String {
        if let note = entry.lastNote {
            return "_Last mentioned \(note.date) in \(MarkdownText.link(note.title ?? note.path, noteURL(note)))_"
        }
        let list = entry.list ?? entry.model.lastMentioned
        return "_Not mentioned in the notes yet; listed in \(MarkdownText.link(list.title ?? list.path, noteURL(list)))_"
    }

    static func order(_ sections: [Item.Status]) -> [Item.Status] {
        var seen = Set<Item.Status>()
        return (sections + Item.Status.allCases).filter { seen.insert($0).inserted }
    }

    static func linkLabel(_ url: String) -> String {
        var label = url
        for prefix in ["https://", "http://", "mailto:", "www."] where label.lowercased().hasPrefix(prefix) {
            label.removeFirst(prefix.count)
        }
        if label.hasSuffix("/") { label.removeLast() }
        return label.count > 60 ? String(label.prefix(57)) + "…" : label
    }

    public static func stars(_ level: Int) -> String {
        let filled = max(0, min(3, level))
        return String(repeating: "★", count: filled) + String(repeating: "☆", count: 3 - filled)
    }

    public static func statusName(_ status: Item.Status) -> String {
        switch status {
        case .available: return "Available"
        case .proposed: return "Proposed"
        case .inProgress: return "In progress"
        case .done: return "Done"
        case .cancelled: return "Cancelled"
        case .tentative: return "Tentative"
        case .scheduled: return "Scheduled"
        case .past: return "Past"
        case .postponed: return "On hold"
        case .unknown: return "Status unknown"
        }
    }

    public static func programmeName(_ subkind: Item.Subkind) -> String {
        switch subkind {
        case .pioneer: return "Pioneer Project"
        case .gsoc: return "GSoC"
        case .outreachy: return "Outreachy"
        case .opw: return "OPW"
        case .urop: return "UROP"
        case .student: return "Student project"
        default: return subkind.rawValue
        }
    }
}
