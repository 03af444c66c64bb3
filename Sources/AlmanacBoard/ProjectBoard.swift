public import AlmanacCore
public import AlmanacModel

/// The project board: contributor projects from the model as GitHub-flavoured Markdown, one
/// section per status, each project with its stars, time estimate, people, skills, description,
/// links and when the notes last mentioned it.
///
/// ```swift
/// let markdown = ProjectBoard(title: "Pioneer Projects").render(model)
/// ```
public struct ProjectBoard: Sendable {
    public var title: String
    /// Section order; statuses not listed go last, under their own names.
    public var sections: [Item.Status]
    /// The URL of a note, for "last mentioned" links.
    public var noteURL: @Sendable (NoteRef) -> String?

    public init(
        title: String = "Projects",
        sections: [Item.Status] = [.available, .proposed, .inProgress, .tentative, .done, .cancelled, .unknown],
        noteURL: @escaping @Sendable (NoteRef) -> String? = { _ in nil }
    ) {
        self.title = title
        self.sections = sections
        self.noteURL = noteURL
    }

    public func render(_ model: Model) -> String {
        let projects = model.items.filter { $0.item.kind == .project }.sorted { a, b in
            (a.item.difficulty ?? 9, a.item.title.lowercased(), a.uid) < (b.item.difficulty ?? 9, b.item.title.lowercased(), b.uid)
        }
        var lines = ["# \(MarkdownText.escape(title))", ""]
        lines.append(summary(projects))
        lines.append("")
        let order = sections + Item.Status.allCases.filter { !sections.contains($0) }
        for status in order {
            let group = projects.filter { $0.item.status == status }
            guard !group.isEmpty else { continue }
            lines.append("## \(Self.statusName(status)) (\(group.count))")
            lines.append("")
            for project in group { lines += card(project) }
        }
        if projects.isEmpty { lines.append("No projects yet.") }
        return lines.joined(separator: "\n") + "\n"
    }

    func summary(_ projects: [ModelItem]) -> String {
        var parts: [String] = []
        let counts = Dictionary(grouping: projects, by: { $0.item.status }).mapValues(\.count)
        for status in Item.Status.allCases { if let n = counts[status] { parts.append("\(n) \(Self.statusName(status).lowercased())") } }
        var stars: [String] = []
        for level in 1...3 {
            let n = projects.filter { $0.item.difficulty == level }.count
            if n > 0 { stars.append("\(n) × \(Self.stars(level))") }
        }
        let unrated = projects.filter { $0.item.difficulty == nil }.count
        if unrated > 0 { stars.append("\(unrated) unrated") }
        let total = "\(projects.count) project\(projects.count == 1 ? "" : "s")"
        return "**\(total)**" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
            + (stars.isEmpty ? "" : " · " + stars.joined(separator: ", "))
    }

    func card(_ entry: ModelItem) -> [String] {
        let item = entry.item
        let details = item.project
        var lines = ["### \(MarkdownText.escape(item.title))", ""]
        var facts: [String] = []
        if let level = item.difficulty { facts.append(Self.stars(level)) }
        if let subkind = item.subkind, subkind != .other { facts.append(Self.programmeName(subkind)) }
        if let time = details?.timeEstimate { facts.append("⏱ " + MarkdownText.escape(time)) }
        if details?.listed == false || details == nil { facts.append("not on the list") }
        if !facts.isEmpty { lines.append(facts.joined(separator: " · ")) ; lines.append("") }
        let mentors = details?.mentors ?? []
        let contributors = (details?.contributors ?? []) + item.people.filter { !mentors.contains($0) && !(details?.contributors.contains($0) ?? false) }
        if !mentors.isEmpty { lines.append("- Mentors: " + mentors.map(MarkdownText.escape).joined(separator: ", ")) }
        if !contributors.isEmpty { lines.append("- People: " + contributors.map(MarkdownText.escape).joined(separator: ", ")) }
        if let skills = details?.skills, !skills.isEmpty {
            lines.append("- Skills: " + skills.map(MarkdownText.escape).joined(separator: ", "))
        }
        var links = details?.links ?? []
        if let url = item.url, !links.contains(url) { links.insert(url, at: 0) }
        let safeLinks = links.compactMap { url in MarkdownText.safeURL(url).map { _ in MarkdownText.link(Self.linkLabel(url), url) } }
        if !safeLinks.isEmpty { lines.append("- Links: " + safeLinks.joined(separator: ", ")) }
        if lines.last?.hasPrefix("- ") == true { lines.append("") }
        if let text = details?.description ?? item.sources.first?.quote,
            Names.tokens(text) != Names.tokens(item.title), text.count > item.title.count + 4
        {
            lines.append(MarkdownText.escape(text))
            lines.append("")
        }
        let note = entry.lastMentioned
        let noteLink = MarkdownText.link(note.title ?? note.path, noteURL(note))
        lines.append("_Last mentioned \(note.date) in \(noteLink)_")
        lines.append("")
        return lines
    }

    static func linkLabel(_ url: String) -> String {
        var label = url
        for prefix in ["https://", "http://", "mailto:", "www."] where label.hasPrefix(prefix) { label.removeFirst(prefix.count) }
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
        case .postponed: return "Postponed"
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
