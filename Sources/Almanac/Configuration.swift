public import AlmanacCore
import AlmanacRead
import Foundation
import Yams

/// `almanac.yml`: where the notes are, where outputs go, which feeds to publish and how.
///
/// Every key is optional; flags on the command line override the file. An unknown key or a value of
/// the wrong shape is an error naming the file, line and column.
public struct Configuration: Sendable, Hashable, Codable {
    /// Calendar, page and board title.
    public var name = "Almanac"
    /// Files, folders or globs (`calendars/*.ics`), relative to the configuration file.
    public var sources: [String] = []
    public var output = "public"
    /// Where the notes are published; links back to a note are this plus its permalink or path.
    public var baseURL: String?
    /// Where the outputs (feeds, board, page) are published; the subscribe page links to feeds there.
    public var feedsURL: String?
    /// The zone of times the notes give without one ("the call is at 4pm"); floating time when nil.
    public var timeZone: String?
    /// Read "10/1" as 10 January.
    public var dayFirst = false
    /// Date a note that gives no date of its own by the commit that last changed it (`dates: git`).
    public var datesFromGit = false
    /// Follow symbolic links that lead out of the source folders (`follow_links: true`); off by default.
    public var followLinks = false
    /// How often subscribers refresh, minutes.
    public var refreshMinutes = 12 * 60
    /// Extra feeds by kind, subkind or tag.
    public var feeds: [FeedDefinition] = []
    /// Reminders (minutes before) on the built-in feeds, by feed file name ("deadlines.ics": [10080, 1440]).
    public var reminders: [String: [Int]] = [:]
    public var board = BoardSettings()
    /// The file the configuration came from, for messages.
    public var path: String?

    public init() {}

    public struct FeedDefinition: Sendable, Hashable, Codable {
        public var name: String
        public var file: String
        public var description: String?
        public var kinds: [Item.Kind] = []
        public var subkinds: [Item.Subkind] = []
        public var tags: [String] = []
        public var alarms: [Int] = []

        public init(name: String, file: String) {
            self.name = name
            self.file = file
        }

        /// Whether an item belongs in this feed: every filter given must accept it.
        public func accepts(_ item: Item) -> Bool {
            (kinds.isEmpty || kinds.contains(item.kind))
                && (subkinds.isEmpty || item.subkind.map(subkinds.contains) == true)
                && (tags.isEmpty || !Set(tags).isDisjoint(with: item.tags))
        }
    }

    public struct BoardSettings: Sendable, Hashable, Codable {
        public var title: String?
        public var sections: [Item.Status] = []
        /// A listed project not mentioned for this many months is flagged stale.
        public var staleMonths = 6

        public init() {}
    }
}

// MARK: - Reading

extension Configuration {
    /// The configuration file to use: `explicit`, else `almanac.yml` in the current folder, else in the
    /// first folder among `paths`; nil when there is none.
    public static func locate(explicit: String?, paths: [String]) -> String? {
        if let explicit { return explicit }
        let manager = FileManager.default
        var candidates = ["almanac.yml", "almanac.yaml"]
        for path in paths {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                candidates += ["almanac.yml", "almanac.yaml"].map { (path as NSString).appendingPathComponent($0) }
            }
        }
        return candidates.first { manager.fileExists(atPath: $0) }
    }

    /// Reads a configuration file; the diagnostics say what is wrong, with line and column.
    public static func load(path: String) -> (Configuration?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read configuration file", path: path)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [.error("configuration file is not valid UTF-8", path: path)])
        }
        return parse(text, path: path)
    }

    /// Parses configuration text.
    public static func parse(_ text: String, path: String) -> (Configuration?, [Diagnostic]) {
        var config = Configuration()
        config.path = path
        if let violation = YAMLLimits.check(text) {
            return (nil, [.error("configuration is not read: \(violation.message)", path: path, line: violation.line + 1,
                column: violation.column + 1)])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            return (nil, [FrontMatter.yamlDiagnostic(error, path: path, subject: "configuration", lineOffset: 0, severity: .error)])
        }
        guard let node else { return (config, []) }
        var reader = Reader(path: path)
        reader.read(node, into: &config)
        return (reader.diagnostics.contains { $0.severity == .error } ? nil : config, reader.diagnostics)
    }

    /// What `almanac init` writes, with `time_zone` set when one is given.
    public static func template(timeZone: String?) -> String {
        guard let timeZone else { return template }
        return template.replacingOccurrences(of: "# time_zone: Europe/London\n", with: "time_zone: \(timeZone)\n")
    }

    /// What `almanac init` writes: every key, commented.
    public static let template = """
        # Almanac configuration. Every key is optional; command-line flags override these values.

        # Title of the calendars, the subscribe page and the board.
        name: My Community

        # Notes and calendars to read: files, folders (read recursively) or globs, relative to this file.
        # .md, .markdown, .txt and .html are notes; .ics files are calendars to merge in.
        sources:
          - notes

        # Where collect writes calendar.ics, deadlines.ics, events.ics, meetings.ics, projects.md,
        # items.json and index.html.
        output: public

        # Where the notes are published: feeds and the board link back to each note.
        # base_url: https://example.org/notes

        # Where the outputs are published: the subscribe page links to the feeds there.
        # feeds_url: https://example.org/calendar

        # Zone for times the notes give without one ("the call is at 4pm"). An IANA name. Without it
        # such a time has no instant: the feeds give its day as an all-day event (the time in the title)
        # and collect and lint say how many there are.
        # time_zone: Europe/London

        # Symbolic links inside the source folders are followed when they lead to a file or folder inside
        # them; a link leading elsewhere (/etc, another project) is skipped with a warning unless this is true.
        # follow_links: false

        # How to read numeric dates like 10/1: month-first (October 1) or day-first (10 January).
        date_order: month-first

        # A note that gives no date of its own (front matter, text, path, page year) is skipped; with
        # git, it takes the date of the commit that last changed it (a guess, which lint reports).
        # dates: git

        # How often subscribed calendars should refresh: REFRESH-INTERVAL and X-PUBLISHED-TTL.
        refresh: 12h

        # Reminders (VALARM) per feed file, off by default: subscribed calendars often ignore them.
        # reminders:
        #   deadlines.ics: [7d, 1d]

        # Extra feeds: any of kinds (event, deadline, meeting, project), subkinds (conference, talk,
        # hackathon, cfp, call, …) and tags; an item must match every filter given.
        # feeds:
        #   - name: Conferences and CfPs
        #     file: conferences.ics
        #     kinds: [event, deadline]
        #     subkinds: [conference, cfp]
        #     alarms: [7d]

        # The project board.
        board:
          # title: Pioneer Projects
          # Sections in order (statuses): available, proposed, in-progress, done, cancelled
          # sections: [available, in-progress, proposed, done]
          # A listed project no note mentions for this many months is flagged stale.
          stale_months: 6

        """
}

/// Walks the YAML tree, checking every key and value.
private struct Reader {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func error(_ message: String, _ node: Node) {
        let mark = node.mark
        diagnostics.append(.error(message, path: path, line: mark?.line, column: mark?.column))
    }

    func string(_ node: Node) -> String? { node.scalar?.string }

    mutating func strings(_ node: Node, key: String) -> [String]? {
        if let single = node.scalar?.string { return [single] }
        guard let sequence = node.sequence else {
            error("'\(key)' must be a list of strings", node)
            return nil
        }
        var result: [String] = []
        for element in sequence {
            guard let value = element.scalar?.string else {
                error("'\(key)' must be a list of strings", element)
                continue
            }
            result.append(value)
        }
        return result
    }

    /// "12h", "30m", "7d", "2w", or a number of minutes.
    mutating func minutes(_ node: Node, key: String) -> Int? {
        guard let text = node.scalar?.string.trimmingSpaces(), !text.isEmpty else {
            error("'\(key)' must be a duration like 12h, 30m, 7d or 2w", node)
            return nil
        }
        let units: [Character: Int] = ["m": 1, "h": 60, "d": 1440, "w": 10080]
        var minutes: Int?
        if let unit = text.last, let factor: Int = units[unit], let count: Int = Int(String(text.dropLast())), count > 0 {
            let (product, overflow) = count.multipliedReportingOverflow(by: factor)
            minutes = overflow ? Int.max : product
        } else if let count: Int = Int(text), count > 0 {
            minutes = count
        } else if let unit = text.last, units[unit] != nil, text.dropLast().allSatisfy(\.isNumber), !text.dropLast().isEmpty {
            minutes = Int.max  // more digits than an Int holds
        }
        guard let minutes else {
            error("'\(key)' must be a duration like 12h, 30m, 7d or 2w, not '\(text)'", node)
            return nil
        }
        guard minutes <= Self.maximumDurationMinutes else {
            error("'\(key)' must be at most 366 days (527040 minutes), not '\(text)'", node)
            return nil
        }
        return minutes
    }

    /// The longest refresh interval or reminder: a year (366 days), in minutes.
    static let maximumDurationMinutes = 366 * 1440

    mutating func mapping(_ node: Node, key: String) -> [(String, Node, Node)]? {
        guard let mapping = node.mapping else {
            error("'\(key)' must be a mapping of keys to values", node)
            return nil
        }
        return mapping.map { ($0.key.scalar?.string ?? "", $0.key, $0.value) }
    }

    mutating func read(_ root: Node, into config: inout Configuration) {
        guard let entries = mapping(root, key: "configuration") else { return }
        for (key, keyNode, value) in entries {
            switch key {
            case "name":
                if let v = string(value) { config.name = v } else { error("'name' must be a string", value) }
            case "sources":
                config.sources = strings(value, key: key) ?? []
            case "output":
                if let v = string(value) { config.output = v } else { error("'output' must be a folder path", value) }
            case "base_url", "feeds_url":
                guard let v = string(value), let url = URL(string: v), ["http", "https"].contains(url.scheme ?? "") else {
                    error("'\(key)' must be an http or https URL", value)
                    continue
                }
                if key == "base_url" { config.baseURL = v } else { config.feedsURL = v }
            case "time_zone":
                guard let v = string(value), TimeZone(identifier: v) != nil else {
                    error("'time_zone' must be an IANA zone name such as Europe/London", value)
                    continue
                }
                config.timeZone = v
            case "date_order":
                switch string(value) {
                case "month-first": config.dayFirst = false
                case "day-first": config.dayFirst = true
                default: error("'date_order' must be month-first or day-first", value)
                }
            case "dates":
                switch string(value) {
                case "git": config.datesFromGit = true
                case "notes": config.datesFromGit = false
                default: error("'dates' must be git or notes", value)
                }
            case "refresh":
                if let m = minutes(value, key: key) { config.refreshMinutes = m }
            case "follow_links":
                switch value.scalar?.string {
                case "true", "yes": config.followLinks = true
                case "false", "no": config.followLinks = false
                default: error("'follow_links' must be true or false", value)
                }
            case "reminders":
                guard let items = mapping(value, key: key) else { continue }
                for (file, _, durations) in items {
                    guard let list = durations.sequence ?? (durations.scalar != nil ? [durations] : nil) else {
                        error("reminders for '\(file)' must be a list of durations like [7d, 1d]", durations)
                        continue
                    }
                    config.reminders[file] = list.compactMap { minutes($0, key: "reminders") }
                }
            case "feeds":
                guard let list = value.sequence else {
                    error("'feeds' must be a list of feeds", value)
                    continue
                }
                for feedNode in list { if let feed = readFeed(feedNode) { config.feeds.append(feed) } }
            case "board":
                guard let items = mapping(value, key: key) else { continue }
                for (boardKey, boardKeyNode, boardValue) in items {
                    switch boardKey {
                    case "title": config.board.title = string(boardValue)
                    case "sections":
                        for name in strings(boardValue, key: "sections") ?? [] {
                            if let status = Item.Status(rawValue: name) { config.board.sections.append(status) } else {
                                error("unknown status '\(name)' in board sections (available, proposed, in-progress, done, cancelled, …)", boardValue)
                            }
                        }
                    case "stale_months":
                        if let v = boardValue.scalar.flatMap({ Int($0.string) }), (1...1200).contains(v) { config.board.staleMonths = v } else {
                            error("'stale_months' must be a number of months from 1 to 1200", boardValue)
                        }
                    default: error("unknown key 'board.\(boardKey)'", boardKeyNode)
                    }
                }
            default:
                error("unknown key '\(key)'", keyNode)
            }
        }
    }

    mutating func readFeed(_ node: Node) -> Configuration.FeedDefinition? {
        guard let items = mapping(node, key: "feeds") else { return nil }
        var name: String?
        var file: String?
        var feed = Configuration.FeedDefinition(name: "", file: "")
        for (key, keyNode, value) in items {
            switch key {
            case "name": name = string(value)
            case "file":
                file = string(value)
                if let f = file, !f.hasSuffix(".ics") || f.contains("/") { error("a feed's 'file' must be a name ending in .ics", value) }
            case "description": feed.description = string(value)
            case "kinds":
                for kind in strings(value, key: key) ?? [] {
                    if let k = Item.Kind(rawValue: kind) { feed.kinds.append(k) } else { error("unknown kind '\(kind)' (event, deadline, meeting, project)", value) }
                }
            case "subkinds":
                for subkind in strings(value, key: key) ?? [] {
                    if let k = Item.Subkind(rawValue: subkind) { feed.subkinds.append(k) } else { error("unknown subkind '\(subkind)'", value) }
                }
            case "tags": feed.tags = strings(value, key: key) ?? []
            case "alarms":
                feed.alarms = (value.sequence ?? [value]).compactMap { minutes($0, key: "alarms") }
            default: error("unknown key '\(key)' in a feed", keyNode)
            }
        }
        guard let name, let file else {
            error("a feed needs a 'name' and a 'file'", node)
            return nil
        }
        feed.name = name
        feed.file = file
        return feed
    }
}

// MARK: - Sources

extension Configuration {
    /// The configured sources as paths: relative ones resolved against the configuration file's folder,
    /// globs (`calendars/*.ics`) expanded in sorted order; a glob that matches nothing is reported.
    public func resolvedSources() -> (paths: [String], diagnostics: [Diagnostic]) {
        let folder = self.folder ?? ""
        var paths: [String] = []
        var diagnostics: [Diagnostic] = []
        for source in sources {
            let full = source.hasPrefix("/") || folder.isEmpty ? source : (folder as NSString).appendingPathComponent(source)
            guard full.contains("*") || full.contains("?") || full.contains("[") else {
                paths.append(full)
                continue
            }
            let matches = Self.glob(full)
            if matches.isEmpty {
                diagnostics.append(.warning("source pattern '\(source)' matches no file", path: path ?? "almanac.yml"))
            }
            paths += matches
        }
        return (paths, diagnostics)
    }

    /// The configuration file's folder ("" for the current one), nil without a file. Note links are
    /// made from note paths relative to it.
    public var folder: String? {
        path.map { ($0 as NSString).deletingLastPathComponent }
    }

    /// The output folder: relative to the configuration file's folder, like the sources.
    public func resolvedOutput() -> String {
        guard let folder, !output.hasPrefix("/") else { return output }
        return folder.isEmpty ? output : Self.normalized((folder as NSString).appendingPathComponent(output))
    }

    /// "data/../public" → "public", "./notes" → "notes".
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// Paths matching a shell pattern, sorted; `*` and `?` within one path component, `**` for any depth.
    static func glob(_ pattern: String) -> [String] {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var current = [pattern.hasPrefix("/") ? "/" : ""]
        let manager = FileManager.default
        for (index, component) in components.enumerated() where !(index == 0 && component.isEmpty) {
            var next: [String] = []
            for base in current {
                let folder = base.isEmpty ? "." : base
                func join(_ name: String) -> String { base.isEmpty ? name : (base as NSString).appendingPathComponent(name) }
                if component == "**" {
                    next.append(base)
                    if let enumerator = manager.enumerator(atPath: folder) {
                        while let relative = enumerator.nextObject() as? String {
                            var isDirectory: ObjCBool = false
                            if manager.fileExists(atPath: (folder as NSString).appendingPathComponent(relative), isDirectory: &isDirectory),
                                isDirectory.boolValue
                            {
                                next.append(join(relative))
                            }
                        }
                    }
                } else if component.contains(where: { "*?[".contains($0) }) {
                    let names = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
                    next += names.filter { !$0.hasPrefix(".") && fnmatch(component, $0, 0) == 0 }.map(join)
                } else {
                    next.append(join(component))
                }
            }
            current = next
        }
        return Array(Set(current.filter { manager.fileExists(atPath: $0) })).sorted()
    }
}
