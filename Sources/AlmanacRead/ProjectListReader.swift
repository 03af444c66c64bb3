public import AlmanacCore
import Foundation

/// One project as a projects list page describes it.
@dynamicMemberLookup
public struct ListedProject: Sendable, Hashable, Codable {
    public var title: String
    public var programme: Item.Subkind?
    /// Stars, 1–3.
    public var difficulty: Int?
    /// Time estimate ("2 weeks", "175 h", "medium" as written), mentors, contributors, skills, the text
    /// under the project's heading (paragraphs separated by a blank line) and its http, https and mailto
    /// links in page order: what the merged item keeps, marked `listed`. Read and written through the
    /// project itself (`project.mentors`).
    public var details: ProjectDetails
    /// `available` unless the page says otherwise.
    public var status: Item.Status
    /// The line of the project's heading or table row.
    public var line: Int
    /// How many fields (difficulty, time, people, skills, status, programme, links) the page labelled.
    public var fieldCount: Int

    public init(
        title: String, programme: Item.Subkind? = nil, difficulty: Int? = nil, timeEstimate: String? = nil,
        mentors: [String] = [], contributors: [String] = [], skills: [String] = [], description: String? = nil,
        links: [String] = [], status: Item.Status = .available, line: Int, fieldCount: Int = 0
    ) {
        self.title = title
        self.programme = programme
        self.difficulty = difficulty
        details = ProjectDetails(
            timeEstimate: timeEstimate, mentors: mentors, contributors: contributors, skills: skills, description: description,
            links: links, listed: true)
        self.status = status
        self.line = line
        self.fieldCount = fieldCount
    }

    public subscript<Value>(dynamicMember field: WritableKeyPath<ProjectDetails, Value>) -> Value {
        get { details[keyPath: field] }
        set { details[keyPath: field] = newValue }
    }
}

/// A projects list page as read: its projects and what could not be read in it.
public struct ProjectList: Sendable, Codable {
    public var path: String
    public var title: String?
    public var titleLine: Int?
    /// The date the page states (front matter `date`, `updated`…, or the file name); nil when none.
    public var date: CivilDate?
    public var dateSource: NoteInfo.DateSource?
    /// Whether the date is a guess (only its month or year is known).
    public var dateIsGuess: Bool
    public var permalink: String?
    public var projects: [ListedProject]
    /// Fields that could not be read, headings that carry no project fields: `path:line:column: warning: …`.
    public var diagnostics: [Diagnostic]

    public init(
        path: String, title: String? = nil, titleLine: Int? = nil, date: CivilDate? = nil,
        dateSource: NoteInfo.DateSource? = nil, dateIsGuess: Bool = false, permalink: String? = nil, projects: [ListedProject] = [],
        diagnostics: [Diagnostic] = []
    ) {
        self.path = path
        self.title = title
        self.titleLine = titleLine
        self.date = date
        self.dateSource = dateSource
        self.dateIsGuess = dateIsGuess
        self.permalink = permalink
        self.projects = projects
        self.diagnostics = diagnostics
    }

    /// The page as an entry of the notes history, dated by its own date, else by `fallbackDate` (the
    /// pipeline passes the earliest note's date, so every note can move a listed project on).
    public func info(fallbackDate: CivilDate) -> NoteInfo {
        NoteInfo(
            path: path, date: date ?? fallbackDate, dateSource: date == nil ? .earliestNote : (dateSource ?? .frontMatter),
            dateIsGuess: date != nil && dateIsGuess, title: title, titleLine: titleLine, permalink: permalink, format: .markdown)
    }
}

/// Reads a projects list page: the newcomer projects a community keeps on its wiki, one heading per
/// project with its fields in bullets, lines or a two-column table, or one table row per project.
///
/// A Markdown page is a projects list when its front matter says `almanac: projects`, or when its title
/// (front matter `title`, else its first heading) names projects or ideas ("Pioneer Projects", "GSoC
/// ideas"), is no meeting's ("Weekly meeting", "minutes", "notes", "agenda"), and at least two projects on it
/// carry a labelled field (difficulty, time, mentors, contributors, skills, status, programme, links).
///
/// ```swift
/// let list = ProjectListReader().read(text: page, path: "data/projects.md")
/// list?.projects.map(\.title)     // ["Rain gauge calibration", …]
/// list?.diagnostics               // ["data/projects.md:31:17: warning: cannot read difficulty 'tricky' …"]
/// ```
public struct ProjectListReader: Sendable {
    public init() {}

    /// The list in the file at `path`, or nil when it is not a projects list (or cannot be read: the
    /// note reader reports that).
    public func read(contentsOf path: String) -> ProjectList? {
        let ext = (path as NSString).pathExtension.lowercased()
        // Read as a note is (size limit, byte-order mark, binary and UTF-8 checks).
        guard ["md", "markdown", "mdown", "mkd", "txt", "text"].contains(ext), let text = NoteReader().text(contentsOf: path).text
        else { return nil }
        return read(text: text, path: path)
    }

    /// The list in `text`, or nil when the page is not a projects list.
    public func read(text: String, path: String) -> ProjectList? {
        guard Self.mayNameProjects(text) else { return nil }
        let declared = Self.frontMatterValue("almanac", in: text)?.lowercased() == "projects"
        if !declared {
            // Cheap tests first, as every note passes here: the title must name projects.
            let candidate = Self.frontMatterValue("title", in: text) ?? Self.frontMatterValue("subject", in: text)
                ?? Self.firstHeading(text)
            guard let candidate, Self.titleNamesProjects(candidate) else { return nil }
        }
        guard NoteReader.format(of: path, text: text) == .markdown else { return nil }
        let front = FrontMatter.split(text, path: path)
        var title = front.title
        var titleLine = front.titleLine
        let document = MarkdownParser().parse(String(front.body), firstLine: front.bodyLine)
        if title == nil, let heading = document.blocks.first(where: \.isHeading) {
            title = heading.text
            titleLine = heading.line
        }
        var programme = Self.frontMatterValue("programme", in: text).flatMap(ProjectFields.programme)
            ?? Self.frontMatterValue("program", in: text).flatMap(ProjectFields.programme)
        if programme == nil, let title { programme = ProjectFields.programme(title) }
        var walker = ListWalker(document: document, path: path, programme: programme == .other ? nil : programme)
        walker.run()
        if !declared {
            guard let title, Self.titleNamesProjects(title), walker.projects.filter({ $0.fieldCount > 0 }).count >= 2 else {
                return nil
            }
        }
        // The page's own date as a note's is found (front matter, text, path, the page's year), or none.
        let dating = NoteDating(path: path, front: front, title: title, blocks: document.blocks)
        let date = dating.noteDate(stated: front.date.map { NoteDate($0, .frontMatter) })
        return ProjectList(
            path: path, title: title, titleLine: titleLine, date: date?.date, dateSource: date?.source,
            dateIsGuess: date?.isGuess ?? false, permalink: front.permalink,
            projects: walker.projects, diagnostics: front.diagnostics + walker.diagnostics)
    }

    // MARK: - Page tests

    /// Whether the first 200 lines of `text` hold "project", "ideas" or "almanac" in any ASCII case, on
    /// the bytes: a page must, for its `almanac: projects` key or a title naming projects to be read
    /// (the line-by-line tests below look no further, and lines ending at other breaks than a line
    /// feed only end sooner). Nearly every note is no list, and this is all it costs.
    static func mayNameProjects(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var lines = 0
            var i = 0
            while i < bytes.count, lines < 200 {
                switch bytes[i] | 0x20 {
                case UInt8(ascii: "p"): if matches(bytes, at: i, "project") { return true }
                case UInt8(ascii: "i"): if matches(bytes, at: i, "ideas") { return true }
                case UInt8(ascii: "a"): if matches(bytes, at: i, "almanac") { return true }
                default: if bytes[i] == 0x0A { lines += 1 }
                }
                i += 1
            }
            return false
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ word: StaticString) -> Bool {
        guard start + word.utf8CodeUnitCount <= bytes.count else { return false }
        for k in 0..<word.utf8CodeUnitCount where bytes[start + k] | 0x20 != word.utf8Start[k] { return false }
        return true
    }

    /// "Pioneer Projects", "GSoC 2027 project ideas": yes; "Weekly meeting: projects", "Agenda": no.
    static func titleNamesProjects(_ title: String) -> Bool {
        let words = title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        let names = words.contains { $0.hasPrefix("project") || $0 == "ideas" }
        let meeting = words.contains { ["meeting", "meetings", "minutes", "notes", "agenda", "call"].contains($0) }
        return names && !meeting
    }

    /// The first ATX heading among the first 200 lines of the page, front matter skipped.
    static func firstHeading(_ text: String) -> String? {
        var inFront = text.hasPrefix("---")
        var heading: String?
        forEachLine(of: text, limit: 200) { index, line in
            let trimmed = line.drop { $0 == " " }
            if inFront {
                if index > 0, trimmed.hasPrefix("---") || trimmed.hasPrefix("...") { inFront = false }
                return true
            }
            guard trimmed.hasPrefix("#") else { return true }
            heading = String(trimmed.drop { $0 == "#" }).trimmingCharacters(in: CharacterSet(charactersIn: " #\t"))
            return false
        }
        return heading
    }

    /// A plain `key: value` line of the YAML front matter (quotes dropped), without a YAML parse.
    static func frontMatterValue(_ key: String, in text: String) -> String? {
        guard text.hasPrefix("---") else { return nil }
        var value: String?
        let label = Array((key + ":").utf8)
        forEachLine(of: text, limit: 200) { index, line in
            // Every note passes here: a line that holds neither a fence nor the label is skipped before
            // Foundation's trimming. (Lower-casing makes an ASCII letter of one other character only, the
            // Kelvin sign's "k", and no key asked for has a "k".)
            guard holds(line, Self.fence) || holds(line, Self.dots) || holds(line, label) else { return true }
            let trimmed = line.trimmingSpaces()
            if index > 0, trimmed == "---" || trimmed == "..." { return false }
            guard trimmed.lowercased().hasPrefix(key + ":") else { return true }
            let found = trimmed.dropFirst(key.count + 1).trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            value = found.isEmpty ? nil : found
            return false
        }
        return value
    }

    static let fence = Array("---".utf8)
    static let dots = Array("...".utf8)

    /// Whether `line` may hold `needle` (ASCII) in any ASCII case: bytes are compared with their 0x20
    /// bit ignored, which never misses a match and rarely finds a false one (a pre-check only).
    static func holds(_ line: Substring, _ needle: [UInt8]) -> Bool {
        let bytes = line.utf8
        guard let first = needle.first, bytes.count >= needle.count else { return needle.isEmpty }
        var start = bytes.startIndex
        while let found = bytes[start...].firstIndex(where: { $0 | 0x20 == first | 0x20 }) {
            var i = found
            var k = 0
            while k < needle.count, i < bytes.endIndex, bytes[i] | 0x20 == needle[k] | 0x20 { i = bytes.index(after: i); k += 1 }
            if k == needle.count { return true }
            start = bytes.index(after: found)
        }
        return false
    }

    /// Calls `body` with each line (any line break) until it returns false or `limit` lines were seen;
    /// the rest of the text is never split.
    static func forEachLine(of text: String, limit: Int, _ body: (Int, Substring) -> Bool) {
        // Lines end where a Character is a newline, found on the bytes: LF, VT, FF, CR (CR LF is one
        // break), NEL (C2 85), LS and PS (E2 80 A8/A9). Each is a Character of its own (grapheme
        // clusters always break around them), so the slices fall on Character boundaries.
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = 0
        while start < utf8.endIndex, index < limit {
            var end = start
            var next = utf8.endIndex
            while end < utf8.endIndex {
                let byte = utf8[end]
                if byte >= 0x0A && byte <= 0x0D {
                    next = utf8.index(after: end)
                    if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                    break
                }
                if byte == 0xC2 || byte == 0xE2 {
                    let b1 = utf8.index(after: end)
                    if byte == 0xC2, b1 < utf8.endIndex, utf8[b1] == 0x85 {
                        next = utf8.index(after: b1)
                        break
                    }
                    if byte == 0xE2, b1 < utf8.endIndex, utf8[b1] == 0x80 {
                        let b2 = utf8.index(after: b1)
                        if b2 < utf8.endIndex, utf8[b2] == 0xA8 || utf8[b2] == 0xA9 {
                            next = utf8.index(after: b2)
                            break
                        }
                    }
                }
                end = utf8.index(after: end)
            }
            guard body(index, text[start..<end]) else { return }
            start = next
            index += 1
        }
    }
}

// MARK: - Walking the page

/// The fields a list labels, by the names pages give them.
enum ListField: Equatable {
    case title, difficulty, time, mentors, contributors, skills, description, links, status, programme

    /// "Difficulty", "**Mentors:**", "Time estimate", "Skills/areas", "Taken by" → the field; nil for other labels.
    static func named(_ label: String) -> ListField? {
        let words = label.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
        guard !words.isEmpty, words.count <= 30 else { return nil }
        if let field = names[words] { return field }
        // "Skills / areas", "Time commitment": the first of two words decides ("State of the art" is no status).
        let split = words.split(separator: " ")
        // "Potential mentors", "Estimated difficulty", "Recommended skills": a qualifier, then the field.
        if split.count == 2, qualifiers.contains(String(split[0])), let field = names[String(split[1])], field != .title {
            return field
        }
        guard split.count <= 2 || label.contains("/") || label.contains("("), let first = split.first,
            let field = names[String(first)], field != .title
        else { return nil }
        return field
    }

    /// Words that qualify a field's name without changing it ("Potential mentors").
    static let qualifiers: Set<String> = [
        "potential", "possible", "estimated", "recommended", "expected", "required", "suggested", "preferred", "desired",
        "proposed", "prospective", "primary", "main", "approximate",
    ]

    static let names: [String: ListField] = {
        var table: [String: ListField] = [:]
        let groups: [(ListField, String)] = [
            (.title, "project projects title name idea project idea project name"),
            (.difficulty, "difficulty level stars star rating rating difficulty level level of difficulty difficulty rating"),
            (.time, """
                time time estimate estimated time estimate effort duration size length time rating hours expected size \
                project size timeframe time frame time needed time commitment
                """),
            (.mentors, "mentor mentors mentor s mentored by co mentor co mentors contact supervisor supervisors"),
            (.contributors, """
                contributor contributors student students taken by assigned to assignee assignees intern interns who \
                worked on by participant participants mentee mentees
                """),
            (.skills, """
                skill skills area areas tags languages language technologies technology tech stack prerequisites \
                requirements required skills skills needed topics
                """),
            (.description, "description summary about details goal goals"),
            (.links, "link links issue issues repo repository url see see also resources references"),
            (.status, "status state availability"),
            (.programme, "programme program track"),
        ]
        for (field, list) in groups {
            // Multi-word names first, so "time estimate" is one name, then single words.
            let text = " " + list + " "
            for name in multiWordNames where text.contains(" \(name) ") { table[name] = field }
            for word in list.split(separator: " ") where table[String(word)] == nil { table[String(word)] = field }
        }
        return table
    }()

    static let multiWordNames = [
        "project idea", "project name", "star rating", "difficulty level", "time estimate", "estimated time",
        "time rating", "expected size", "project size", "time frame", "mentor s", "mentored by", "co mentor", "co mentors",
        "taken by", "assigned to", "worked on by", "required skills", "skills needed", "see also", "level of difficulty",
        "difficulty rating", "time needed", "time commitment",
    ]
}

/// A project being read: its fields as the page gives them, and where.
struct ProjectDraft {
    var project: ListedProject
    var paragraphs: [String] = []
}

/// Walks a list page's document: tables of projects, and headings with fields under them. Extraction
/// walks notes of every format with it too (idea sections of a post, a table of accepted projects).
package struct ListWalker {
    let document: Document
    let path: String
    let programme: Item.Subkind?
    package var projects: [ListedProject] = []
    var diagnostics: [Diagnostic] = []

    package init(document: Document, path: String, programme: Item.Subkind?) {
        self.document = document
        self.path = path
        self.programme = programme
    }

    var blocks: [Block] { document.blocks }

    package mutating func run() {
        var own: [Int: [Int]] = [:]
        var subheadings: [Int: [Int]] = [:]
        var children: [Int: [Int]] = [:]
        for (index, block) in blocks.enumerated() {
            if let parent = block.parent { children[parent, default: []].append(index) }
            guard let section = block.section else { continue }
            if block.isHeading { subheadings[section, default: []].append(index) } else { own[section, default: []].append(index) }
        }
        // Tables of projects: a header row naming a project column and at least one field column.
        var tableRows = Set<Int>()
        for rows in tables() {
            guard let columns = listColumns(rows[0]) else { continue }
            tableRows.formUnion(rows)
            for row in rows.dropFirst() { readRow(row, columns: columns) }
        }
        // Headings with fields under them.
        var projectHeadings = Set<Int>()
        var bare: [Int] = []
        for (index, block) in blocks.enumerated() where block.isHeading {
            // "### Project name" under "Project proposal template": a form to fill, no project.
            if ListField.named(block.text) == .title
                || document.headingPath(of: index).contains(where: { blocks[$0].text.lowercased().contains("template") })
            {
                continue
            }
            var draft = ProjectDraft(project: headingProject(index))
            var consumed = Set<Int>()
            for child in own[index] ?? [] where !tableRows.contains(child) && !consumed.contains(child) {
                read(child, into: &draft, children: children, consumed: &consumed)
            }
            if draft.project.fieldCount > 0 {
                projectHeadings.insert(index)
                projects.append(finish(draft))
            } else if subheadings[index] == nil, own[index]?.contains(where: { !tableRows.contains($0) }) == true {
                bare.append(index)
            }
        }
        // A heading among projects that carries no field: say why it is not on the board.
        let sectionsWithProjects = Set(projectHeadings.map { blocks[$0].section })
        for index in bare where sectionsWithProjects.contains(blocks[index].section) {
            warn("'\(blocks[index].text)' has no project fields (difficulty, time, mentors, skills or status); not read as a project",
                block: index, at: 0)
        }
        projects.sort { $0.line < $1.line }
        diagnostics.sort { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
    }

    // MARK: Headings

    /// The project a heading starts: its title without the facts written into it ("Solar charge monitor
    /// (★★☆)", "GSoC: Offline sync"), and what the headings above it say (programme, stars, status).
    func headingProject(_ index: Int) -> ListedProject {
        var project = ListedProject(title: blocks[index].text, programme: programme, line: blocks[index].line)
        for ancestor in document.headingPath(of: index) { applyGroup(blocks[ancestor].text, to: &project) }
        var title = blocks[index].text
        // "GSoC: Offline sync"
        if let colon = title.firstIndex(of: ":"), let found = ProjectFields.programme(String(title[..<colon])),
            title.distance(from: title.startIndex, to: colon) <= 30
        {
            project.programme = found
            title = String(title[title.index(after: colon)...])
        }
        // "★★☆ Solar charge monitor"
        let glyphs = title.prefix { "★☆⭐*".contains($0) || $0 == " " }
        if !glyphs.trimmingSpaces().isEmpty, let stars = ProjectFields.difficulty(String(glyphs)) {
            project.difficulty = stars
            title = String(title.dropFirst(glyphs.count))
        }
        // "Solar charge monitor (★★☆, 2 weeks)", "Solar charge monitor — ★★☆"
        if title.hasSuffix(")"), let open = title.lastIndex(of: "("), open != title.startIndex,
            applyFacts(String(title[title.index(after: open)..<title.index(before: title.endIndex)]), to: &project)
        {
            title = String(title[..<open])
        } else {
            for separator in [" — ", " – ", " · ", " | ", " - "] {
                guard let range = title.range(of: separator, options: .backwards), range.lowerBound != title.startIndex,
                    applyFacts(String(title[range.upperBound...]), to: &project)
                else { continue }
                title = String(title[..<range.lowerBound])
                break
            }
        }
        project.title = title.trimmingSpaces()
        if project.title.isEmpty { project.title = blocks[index].text }
        if let span = blocks[index].spans.first(where: { $0.url != nil }), let url = span.url { project.links.append(url) }
        return project
    }

    /// What a group heading ("1-star projects", "GSoC ideas", "Taken") says of the projects under it.
    func applyGroup(_ text: String, to project: inout ListedProject) {
        if let found = ProjectFields.programme(text), found != .other { project.programme = found }
        let lower = text.lowercased()
        if lower.contains("star") || text.contains(where: { "★⭐".contains($0) })
            || lower.split(whereSeparator: { !$0.isLetter }).contains(where: {
                ["easy", "medium", "hard", "beginner", "intermediate", "advanced"].contains($0)
            }), let stars = ProjectFields.difficulty(text)
        {
            project.difficulty = stars
        }
        if text.split(separator: " ").count <= 4, let (status, _) = ProjectFields.status(text), status != .proposed {
            project.status = status
        }
    }

    /// Unlabelled facts: "★★☆ · 2 weeks", "easy, a weekend", "available". True when every part was read.
    @discardableResult
    func applyFacts(_ text: String, to project: inout ListedProject) -> Bool {
        // A line of facts is short (asked first: a note's long paragraphs come through here too).
        guard text.prefix(81).count <= 80, ProjectFields.mayState(text) else { return false }
        var parts = [text]
        for separator in ["·", " | ", ",", ";", " — ", " – "] { parts = parts.flatMap { $0.split(separator: separator, omittingEmptySubsequences: false).map(String.init) } }
        parts = parts.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return false }
        var read = project
        var onlyStatus = true
        for part in parts {
            if let (status, people) = ProjectFields.status(part) {
                read.status = status
                for person in people where !read.contributors.contains(person) { read.contributors.append(person) }
            } else if part.contains(where: \.isNumber), let time = ProjectFields.timeEstimate(part) {
                read.timeEstimate = time
                onlyStatus = false
            } else if !part.allSatisfy(\.isNumber), let stars = ProjectFields.difficulty(part) {
                read.difficulty = stars
                onlyStatus = false
            } else if let time = ProjectFields.timeEstimate(part) {
                read.timeEstimate = time
                onlyStatus = false
            } else if let found = ProjectFields.programme(part), found != .other, part.split(separator: " ").count <= 3 {
                read.programme = found
            } else {
                return false
            }
        }
        if onlyStatus, text.split(separator: " ").count > 3 { return false }
        project = read
        return true
    }

    // MARK: Fields

    /// Reads one block under a project heading: labelled lines become fields, the rest description.
    mutating func read(_ index: Int, into draft: inout ProjectDraft, children: [Int: [Int]], consumed: inout Set<Int>) {
        let block = blocks[index]
        switch block.kind {
        case .code, .heading:
            return
        case .tableRow:
            // A two-column table of fields: | Difficulty | ★★☆ |
            guard block.cells.count >= 2 else { return }
            let label = block.text(block.cells[0])
            if let field = ListField.named(label), field != .title {
                apply(field, block: index, range: block.cells[1], to: &draft.project, paragraphs: &draft.paragraphs)
            } else if !["field", "key", "property", "what", ""].contains(label.lowercased().trimmingSpaces()),
                block.line != firstRowLine(index)
            {
                warn("'\(label)' is not a project field; ignored", block: index, at: block.cells[0].lowerBound)
            }
            return
        case .listItem, .paragraph, .quote:
            break
        }
        for segment in segments(index) {
            let text = block.text(segment)
            if let (field, value) = labelled(index, segment) ?? boldLabel(index, segment) {
                if value.isEmpty, let items = children[index] ?? followingItems(index) {
                    // "Mentors:" with the names in a nested list, or in the list right below a
                    // "**Potential mentors**" line.
                    for item in items {
                        apply(field, block: item, range: 0..<blocks[item].text.utf8.count, to: &draft.project,
                            paragraphs: &draft.paragraphs)
                        consumed.insert(item)
                    }
                } else {
                    apply(field, block: index, range: value, to: &draft.project, paragraphs: &draft.paragraphs)
                }
            } else if block.kind != .quote, applyFacts(text, to: &draft.project) {
                draft.project.fieldCount += 1
            } else {
                draft.paragraphs.append(text)
                links(in: index, range: segment, to: &draft.project)
            }
        }
    }

    /// A paragraph that is only a bold field name ("**Potential mentors**", "**Recommended skills**"): the
    /// field, with an empty value at its end (its values are the list below it).
    /// "**Potential mentors** Ana, Ben" (a line break after the bold name): the names after it.
    func boldLabel(_ index: Int, _ segment: Range<Int>) -> (ListField, Range<Int>)? {
        let block = blocks[index]
        let end = block.text.utf8.count
        guard block.kind == .paragraph, segment.lowerBound == 0,
            let bold = block.spans.first(where: { $0.kind == .strong && $0.range.lowerBound <= 1 }),
            let field = ListField.named(block.text(bold.range)), field != .title
        else { return nil }
        if bold.range.upperBound >= min(end, segment.upperBound) - 1 { return (field, end..<end) }
        var start = bold.range.upperBound
        let bytes = Array(block.text.utf8)
        while start < segment.upperBound, bytes[start] == 0x20 { start += 1 }
        return (field, start..<segment.upperBound)
    }

    /// The list items right after a paragraph, at the depth of the first one.
    func followingItems(_ index: Int) -> [Int]? {
        guard blocks[index].kind == .paragraph, index + 1 < blocks.count, blocks[index + 1].isListItem else { return nil }
        let depth = blocks[index + 1].kind
        var items: [Int] = []
        var k = index + 1
        while k < blocks.count, blocks[k].isListItem {
            if blocks[k].kind == depth { items.append(k) }
            k += 1
        }
        return items
    }

    /// The block's text split at each source line that starts with a field label, so "**Difficulty:** 2/3"
    /// and "**Mentors:** Ben" on consecutive lines are two fields.
    func segments(_ index: Int) -> [Range<Int>] {
        let block = blocks[index]
        var starts = [0]
        var previousLine = block.anchors.first?.line ?? 0
        for anchor in block.anchors.dropFirst() where anchor.line != previousLine {
            previousLine = anchor.line
            if labelled(index, anchor.offset..<block.text.utf8.count) != nil { starts.append(anchor.offset) }
        }
        let end = block.text.utf8.count
        let lines = starts.enumerated().map { i, start in start..<(i + 1 < starts.count ? starts[i + 1] : end) }
        // "Difficulty: ★★☆ · Time: 2 weeks · Mentor: Ana": fields side by side on a labelled line.
        let utf8 = Array(block.text.utf8)
        var result: [Range<Int>] = []
        for line in lines {
            guard labelled(index, line) != nil else {
                result.append(line)
                continue
            }
            var start = line.lowerBound
            var i = line.lowerBound
            while i < line.upperBound {
                for separator in Self.fieldSeparators where utf8[i..<min(line.upperBound, i + separator.count)].elementsEqual(separator) {
                    let next = i + separator.count
                    if labelled(index, next..<line.upperBound) != nil {
                        result.append(start..<i)
                        start = next
                        i = next - 1
                    }
                    break
                }
                i += 1
            }
            result.append(start..<line.upperBound)
        }
        return result
    }

    static let fieldSeparators: [[UInt8]] = [" · ", " | ", "; ", ", "].map { Array($0.utf8) }

    /// "Label: value" in a segment: the field and the value's range; nil when the label is no field's.
    func labelled(_ index: Int, _ segment: Range<Int>) -> (ListField, Range<Int>)? {
        let utf8 = blocks[index].text.utf8
        // The label is in the first 40 bytes (a long paragraph is not copied to find none).
        let head = Array(utf8.dropFirst(segment.lowerBound).prefix(min(40, segment.count)))
        guard let colon = head.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return nil }
        let label = String(decoding: head[..<colon], as: UTF8.self)
        guard let field = ListField.named(label), field != .title else { return nil }
        let bytes = Array(utf8.dropFirst(segment.lowerBound).prefix(segment.count))
        var start = colon + 1
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        var end = bytes.count
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        return (field, (segment.lowerBound + start)..<(segment.lowerBound + end))
    }

    /// Applies a field's value (block `index`, UTF-8 `range` of its text) to the project; warns when the
    /// value cannot be read.
    mutating func apply(_ field: ListField, block index: Int, range: Range<Int>, to project: inout ListedProject,
        paragraphs: inout [String])
    {
        let value = blocks[index].text(range).trimmingSpaces()
        guard !value.isEmpty || field == .links else { return }
        switch field {
        case .title:
            return
        case .difficulty:
            if let stars = ProjectFields.difficulty(value) { project.difficulty = stars } else {
                warn("cannot read difficulty '\(value)' (write ★★☆, 2 stars, 2/3 or easy, medium, hard)", block: index, at: range.lowerBound)
            }
        case .time:
            if let time = ProjectFields.timeEstimate(value) { project.timeEstimate = time } else {
                warn("cannot read time estimate '\(value)' (write 2 weeks, 175 h or small, medium, large)", block: index, at: range.lowerBound)
            }
        case .mentors:
            for person in ProjectFields.people(value) where !project.mentors.contains(person) { project.mentors.append(person) }
        case .contributors:
            for person in ProjectFields.people(value) where !project.contributors.contains(person) { project.contributors.append(person) }
        case .skills:
            for skill in ProjectFields.skills(value) where !project.skills.contains(skill) { project.skills.append(skill) }
        case .description:
            paragraphs.append(value)
            links(in: index, range: range, to: &project)
        case .links:
            if links(in: index, range: range, to: &project) == 0, !value.isEmpty {
                warn("no link in '\(value)'", block: index, at: range.lowerBound)
            }
        case .status:
            if let (status, people) = ProjectFields.status(value) {
                project.status = status
                for person in people where !project.contributors.contains(person) { project.contributors.append(person) }
            } else {
                warn("cannot read status '\(value)' (write available, taken by NAME, in progress or done)", block: index,
                    at: range.lowerBound)
            }
        case .programme:
            if let found = ProjectFields.programme(value) { project.programme = found } else {
                warn("cannot read programme '\(value)' (write pioneer, gsoc, outreachy, urop or other)", block: index, at: range.lowerBound)
            }
        }
        if field != .description { project.fieldCount += 1 }
    }

    /// The links in a range of a block: Markdown links and bare URLs; only http, https and mailto are kept.
    @discardableResult
    mutating func links(in index: Int, range: Range<Int>, to project: inout ListedProject) -> Int {
        let block = blocks[index]
        var found = 0
        for span in block.spans where span.range.lowerBound >= range.lowerBound && span.range.upperBound <= range.upperBound {
            let url: String
            switch span.kind {
            case .link(let target): url = target
            case .url: url = block.text(span.range)
            default: continue
            }
            found += 1
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") else {
                warn("link '\(url)' is not http, https or mailto; left out", block: index, at: span.range.lowerBound)
                continue
            }
            if !project.links.contains(url) { project.links.append(url) }
        }
        return found
    }

    func finish(_ draft: ProjectDraft) -> ListedProject {
        var project = draft.project
        let text = draft.paragraphs.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        if !text.isEmpty { project.description = text.joined(separator: "\n\n") }
        return project
    }

    // MARK: Tables

    /// Runs of table rows that form one table (consecutive lines; the header's separator line between;
    /// an HTML table's rows).
    func tables() -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        for (index, block) in blocks.enumerated() {
            guard block.kind == .tableRow else {
                if !current.isEmpty { result.append(current) }
                current = []
                continue
            }
            // An HTML table's rows are lines apart: rows right after each other with as many cells are one table.
            if let last = current.last, index == last + 1,
                block.line - blocks[last].line == 1 || (current.count == 1 && block.line - blocks[last].line == 2)
                    || (block.cells.count >= 2 && block.cells.count == blocks[last].cells.count && block.line - blocks[last].line <= 12)
            {
                current.append(index)
            } else {
                if !current.isEmpty { result.append(current) }
                current = [index]
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    func firstRowLine(_ index: Int) -> Int {
        var first = index
        while first > 0, blocks[first - 1].kind == .tableRow, blocks[first].line - blocks[first - 1].line <= 2 { first -= 1 }
        return blocks[first].line
    }

    /// The columns of a table of projects: a project (title, name) column and at least one field column.
    func listColumns(_ header: Int) -> [ListField?]? {
        let row = blocks[header]
        let columns = row.cells.map { ListField.named(row.text($0)) }
        let titled = columns.contains { $0 == .title }
        let fields = columns.filter { $0 != nil && $0 != .title && $0 != .description }.count
        guard titled, fields >= 1, columns.count >= 3 || fields >= 1 && columns.count >= 2 else { return nil }
        return columns
    }

    mutating func readRow(_ index: Int, columns: [ListField?]) {
        let row = blocks[index]
        let titleColumn = columns.firstIndex(of: .title) ?? 0
        guard titleColumn < row.cells.count else { return }
        var project = ListedProject(title: "", programme: programme, line: row.line)
        for ancestor in document.headingPath(of: index) { applyGroup(blocks[ancestor].text, to: &project) }
        var title = row.text(row.cells[titleColumn]).trimmingSpaces()
        if title.hasSuffix(")"), let open = title.lastIndex(of: "("), open != title.startIndex,
            applyFacts(String(title[title.index(after: open)..<title.index(before: title.endIndex)]), to: &project)
        {
            title = String(title[..<open]).trimmingSpaces()
        }
        guard !title.isEmpty else {
            warn("table row has no project name; skipped", block: index, at: 0)
            return
        }
        project.title = title
        links(in: index, range: row.cells[titleColumn], to: &project)
        var paragraphs: [String] = []
        for (column, field) in columns.enumerated() where column != titleColumn && column < row.cells.count {
            guard let field else { continue }
            apply(field, block: index, range: row.cells[column], to: &project, paragraphs: &paragraphs)
        }
        if !paragraphs.isEmpty { project.description = paragraphs.joined(separator: "\n\n") }
        projects.append(project)
    }

    mutating func warn(_ message: String, block index: Int, at offset: Int) {
        let (line, column) = blocks[index].location(of: offset)
        diagnostics.append(.warning(message, path: path, line: line, column: column))
    }
}
