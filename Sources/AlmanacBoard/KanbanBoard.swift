import AlmanacCore
public import AlmanacModel

/// The board as a Markdown file that Obsidian's Kanban plugin opens: front matter
/// `kanban-plugin: basic`, one `## Lane` per status, one `- [ ] card` line per project (`- [x]` in the
/// Done lane, which is marked complete). The lanes for proposed, available, in progress and done are
/// always there, so cards can be dragged into an empty one.
///
/// ```swift
/// let markdown = KanbanBoard(ProjectBoard(sections: [.available, .inProgress, .done])).render(model)
/// ```
public struct KanbanBoard: Sendable {
    /// Sections, filter, staleness and note links come from the board.
    public var board: ProjectBoard

    public init(_ board: ProjectBoard = ProjectBoard()) { self.board = board }

    static let standardLanes: [Item.Status] = [.proposed, .available, .inProgress, .done]

    public func render(_ model: Model) -> String {
        let projects = board.entries(model)
        var lines = ["---", "", "kanban-plugin: basic", "", "---", ""]
        for status in ProjectBoard.order(board.sections) {
            let lane = projects.filter { $0.item.status == status }
            guard !lane.isEmpty || Self.standardLanes.contains(status) else { continue }
            lines += ["", "## \(ProjectBoard.statusName(status))", ""]
            if status == .done { lines.append("**Complete**") }
            for project in lane { lines.append((status == .done ? "- [x] " : "- [ ] ") + card(project)) }
            lines.append("")
        }
        lines += ["", "", "", "%% kanban:settings", "```", #"{"kanban-plugin":"basic"}"#, "```", "%%"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line: "**Title** ★★☆ · ⏱ 2 weeks · Mentors: A, B · Skills: C · [link](url)".
    func card(_ entry: BoardEntry) -> String {
        let item = entry.item
        var parts = ["**\(Self.text(item.title))**" + (item.difficulty.map { " " + ProjectBoard.stars($0) } ?? "")]
        if let subkind = item.subkind, subkind != .other { parts.append(ProjectBoard.programmeName(subkind)) }
        if let time = item.project?.timeEstimate { parts.append("⏱ " + Self.text(time)) }
        if !entry.mentors.isEmpty { parts.append("Mentors: " + entry.mentors.map(Self.text).joined(separator: ", ")) }
        if !entry.people.isEmpty { parts.append("People: " + entry.people.map(Self.text).joined(separator: ", ")) }
        if let skills = item.project?.skills, !skills.isEmpty { parts.append("Skills: " + skills.map(Self.text).joined(separator: ", ")) }
        if entry.notOnList { parts.append("not on the list") }
        if entry.stale { parts.append("stale") }
        if let url = entry.links.first, let safe = MarkdownText.safeURL(url) {
            parts.append("[\(Self.text(ProjectBoard.linkLabel(url)))](\(safe.replacingPercents()))")
        }
        return parts.joined(separator: " · ")
    }

    /// Markdown-escaped, and `%` escaped too: `%%` starts an Obsidian comment.
    static func text(_ value: String) -> String {
        var out = ""
        for character in MarkdownText.escape(value) {
            if character == "%" { out += "\\%" } else { out.append(character) }
        }
        return out
    }
}

extension String {
    /// A `%` not starting an escape ("%20") encoded as "%25", so a URL never holds the "%%" that would
    /// open an Obsidian comment.
    fileprivate func replacingPercents() -> String {
        let characters = Array(self)
        var out = ""
        for (index, character) in characters.enumerated() {
            if character == "%", !(index + 2 < characters.count && characters[index + 1].isHexDigit && characters[index + 2].isHexDigit) {
                out += "%25"
            } else {
                out.append(character)
            }
        }
        return out
    }
}
