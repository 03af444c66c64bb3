import AlmanacCore
public import AlmanacModel

/// A plain-text email, ready to paste, that asks the community for more projects: what is available
/// (by difficulty, with mentors and time), what is in progress or done, which difficulties are short of
/// projects ("No 1-star projects are available"), and which listed projects nobody has mentioned
/// lately. Lines are wrapped at `width` columns; text from notes is flattened to one line per item.
///
/// ```swift
/// let email = MailingListSummary(board, community: "Tidepool", listURL: "https://tidepool.example.org/wiki/pioneer-projects")
/// print(email.render(model))
/// ```
public struct MailingListSummary: Sendable {
    /// Filter, sections and staleness come from the board.
    public var board: ProjectBoard
    public var community: String
    /// Where people add a project (the list page), if any.
    public var listURL: String?
    /// A difficulty with fewer available projects than this is reported as short.
    public var wanted: Int
    public var width: Int

    public init(_ board: ProjectBoard = ProjectBoard(), community: String, listURL: String? = nil, wanted: Int = 2, width: Int = 72) {
        self.board = board
        self.community = community
        self.listURL = listURL
        self.wanted = wanted
        self.width = width
    }

    public func render(_ model: Model) -> String {
        let projects = board.entries(model)
        let available = projects.filter { $0.item.status == .available }
        let name = Self.plain(community)
        var short: [Int] = []
        for level in 1...3 where available.filter({ $0.item.difficulty == level }).count < wanted { short.append(level) }

        var subject = "Subject: \(name) projects: \(available.count) available"
        if !short.isEmpty { subject += ", more " + Self.series(short.map { "\($0)-star" }) + " projects wanted" }
        var lines = [subject, "", "Hello everyone,", ""]
        var intro = "This is where the \(name) projects stand"
        if let newest = model.notes.map(\.date).max() { intro += ", from the notes up to \(newest)" }
        if !board.filter.isEmpty { intro += " (only \(board.filter.description))" }
        lines += wrap(intro + ".") + [""]

        if available.isEmpty {
            lines += ["No project is available at the moment.", ""]
        } else {
            lines += ["Available (\(available.count)):", ""]
            for project in available { lines += wrap(line(project), first: "  * ", rest: "    ") }
            lines.append("")
        }
        for status in ProjectBoard.order(board.sections) where status != .available {
            let group = projects.filter { $0.item.status == status }
            guard !group.isEmpty else { continue }
            let titles = group.map { Self.plain($0.item.title) }.joined(separator: ", ")
            lines += wrap("\(ProjectBoard.statusName(status)) (\(group.count)): \(titles).")
        }
        lines.append("")

        var missing: [String] = []
        for level in short {
            let n = available.filter { $0.item.difficulty == level }.count
            let what = "\(level)-star (\(ProjectBoard.stars(level)))"
            missing.append(n == 0 ? "No \(what) projects are available." : "Only \(Self.count(n)) \(what) project\(n == 1 ? " is" : "s are") available.")
        }
        let unmentored = available.filter { $0.mentors.isEmpty }
        if !unmentored.isEmpty {
            missing.append("Without a mentor: " + unmentored.map { Self.plain($0.item.title) }.joined(separator: ", ") + ".")
        }
        if !missing.isEmpty {
            lines += ["What we are missing:", ""]
            for text in missing { lines += wrap(text, first: "  * ", rest: "    ") }
            lines.append("")
        }
        let stale = projects.filter(\.stale)
        if !stale.isEmpty {
            lines += wrap("On the list, but no meeting has mentioned them for \(board.staleMonths) months; are they still wanted?") + [""]
            for project in stale {
                let seen = project.lastNote.map { "last mentioned \($0.date)" } ?? "never mentioned in the notes"
                lines += wrap("\(Self.plain(project.item.title)) (\(seen))", first: "  * ", rest: "    ")
            }
            lines.append("")
        }
        let ask = "Do you have an idea for a project, or could you mentor one? Reply to this email"
        if let listURL, MarkdownText.safeURL(listURL) != nil {
            // The address on a line of its own, with nothing after it that a mail client could take into the link.
            lines += wrap(ask + ", or add it to the list:") + ["", "  " + Self.plain(listURL)]
        } else {
            lines += wrap(ask + ".")
        }
        lines += ["", "Thank you!", ""]
        return lines.joined(separator: "\n")
    }

    /// "[★☆☆] Wind vane self-test (a weekend). Mentor: Aiko Mori. Skills: C, sensors. https://…"
    func line(_ entry: BoardEntry) -> String {
        let item = entry.item
        var text = "[\(item.difficulty.map(ProjectBoard.stars) ?? "unrated")] \(Self.plain(item.title))"
        if let time = item.project?.timeEstimate { text += " (\(Self.plain(time)))" }
        text += "."
        if !entry.mentors.isEmpty {
            text += " Mentor\(entry.mentors.count == 1 ? "" : "s"): " + entry.mentors.map(Self.plain).joined(separator: ", ") + "."
        }
        if let skills = item.project?.skills, !skills.isEmpty { text += " Skills: " + skills.map(Self.plain).joined(separator: ", ") + "." }
        if let link = entry.links.first { text += " " + Self.plain(link) }
        return text
    }

    /// "a", "a and b", "a, b and c".
    static func series(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// "one" to "nine", then digits.
    static func count(_ n: Int) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        return n >= 0 && n < words.count ? words[n] : String(n)
    }

    /// Words filled into lines of `width` columns; the first line starts with `first`, the others with `rest`.
    func wrap(_ text: String, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var current = first
        var empty = true
        for word in text.split(separator: " ") {
            if !empty, current.count + 1 + word.count > width {
                lines.append(current)
                current = rest
                empty = true
            }
            current += (empty ? "" : " ") + word
            empty = false
        }
        if !empty { lines.append(current) }
        return lines
    }

    /// One line of text: line breaks and tabs become spaces, other control characters go.
    static func plain(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) { continue }  // bidi overrides
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar.value >= 0x2028, out.last != " " { out += " " }
                continue
            }
            out.unicodeScalars.append(scalar)
        }
        return out.split(separator: " ").joined(separator: " ")
    }
}
