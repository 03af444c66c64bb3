import Almanac
import AlmanacBoard
import AlmanacCore
import AlmanacICal
import AlmanacModel
import ArgumentParser
import Foundation

/// Options of `deadlines` and `upcoming`.
struct AgendaOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, markdown, ics
    }

    @Option(help: "How far ahead to look: 30d, 2w, 90 (days).")
    var within: String = "30d"

    @Option(help: "Also show items passed within this window (e.g. 7d).")
    var past: String = "0d"

    @Option(help: "The day to count from, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(help: "Only these kinds (event, deadline, meeting, project); repeat or separate with commas.")
    var kind: [String] = []

    @Option(help: "Only items with this tag or subkind (cfp, conference, talk…).")
    var tag: [String] = []

    @Option(help: "Output: table, json, markdown or ics.")
    var format: Format = .table

    func days(_ text: String, option: String) throws -> Int {
        let trimmed = text.trimmingSpaces().lowercased()
        if let n = Int(trimmed), n >= 0 { return n }
        if let unit = trimmed.last, let n = Int(trimmed.dropLast()), n >= 0 {
            switch unit {
            case "d": return n
            case "w": return n * 7
            default: break
            }
        }
        throw ValidationError("--\(option) takes days or weeks, like 30d or 2w (not '\(text)')")
    }

    func asOfDate() throws -> CivilDate {
        if let asOf {
            guard let date = CivilDate(asOf) else { throw ValidationError("--as-of takes a date as YYYY-MM-DD (not '\(asOf)')") }
            return date
        }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    func kinds() throws -> Set<Item.Kind> {
        var result = Set<Item.Kind>()
        for name in kind.flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let value = Item.Kind(rawValue: name.trimmingSpaces()) else {
                throw ValidationError("unknown kind '\(name)' (event, deadline, meeting, project)")
            }
            result.insert(value)
        }
        return result
    }

    func accepts(_ entry: ModelItem, kinds: Set<Item.Kind>) -> Bool {
        let tags = Set(tag.flatMap { $0.split(separator: ",").map { $0.lowercased() } })
        let itemTags = Set(entry.item.tags.map { $0.lowercased() } + [entry.item.subkind?.rawValue].compactMap { $0 })
        return (kinds.isEmpty || kinds.contains(entry.item.kind)) && (tags.isEmpty || !tags.isDisjoint(with: itemTags))
    }

    func run(sources: SourceOptions, defaultKinds: Set<Item.Kind>, title: String) throws {
        let (configuration, paths, pipeline) = try sources.resolve()
        let collection = pipeline.run(paths: paths)
        report(collection.diagnostics.filter { $0.severity == .error })
        let chosenKinds = try kinds()
        let kinds = chosenKinds.isEmpty ? defaultKinds : chosenKinds
        let agenda = Agenda(asOf: try asOfDate(), within: try days(within, option: "within"), past: try days(past, option: "past"))
        let entries = agenda.entries(collection.model) { accepts($0, kinds: kinds) }
        let publisher = Publisher(configuration: configuration)
        switch format {
        case .table: print(AgendaTable.render(entries, asOf: agenda.asOf, title: title, colors: Terminal.colors, width: Terminal.width), terminator: "")
        case .json: print(AgendaTable.json(entries, noteURL: publisher.noteURL).render(), terminator: "")
        case .markdown: print(AgendaTable.markdown(entries, noteURL: publisher.noteURL), terminator: "")
        case .ics:
            let events = entries.compactMap { FeedBuilder(noteURL: publisher.noteURL, defaultTimeZone: configuration.timeZone).event($0.item) }
            print(ICalendarWriter().render(events, feed: FeedInfo(name: "\(configuration.name): \(title.lowercased())",
                description: "\(title) from \(configuration.name)'s notes", refreshMinutes: configuration.refreshMinutes)), terminator: "")
        }
    }
}

extension AlmanacCommand {
    struct Deadlines: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upcoming CfP and other deadlines, with a countdown.",
            discussion: """
                A deadline closing today is still open: it is listed as "today" until the day is over.

                Examples:
                  almanac deadlines
                  almanac deadlines --within 90d --past 7d
                  almanac deadlines --as-of 2015-12-16 --format markdown
                  almanac deadlines --tag cfp --format ics > cfps.ics
                """)

        @OptionGroup var sources: SourceOptions
        @OptionGroup var options: AgendaOptions

        func run() throws {
            try options.run(sources: sources, defaultKinds: [.deadline], title: "Deadlines")
        }
    }

    struct Upcoming: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Everything coming up: events, deadlines and meetings.",
            discussion: """
                Examples:
                  almanac upcoming
                  almanac upcoming --within 2w --kind event
                  almanac upcoming --as-of 2016-01-13 --format json
                """)

        @OptionGroup var sources: SourceOptions
        @OptionGroup var options: AgendaOptions

        func run() throws {
            try options.run(sources: sources, defaultKinds: [.event, .deadline, .meeting], title: "Upcoming")
        }
    }
}

/// The agenda as a terminal table, JSON or Markdown.
enum AgendaTable {
    static func render(_ entries: [Agenda.Entry], asOf: CivilDate, title: String, colors: Bool, width: Int) -> String {
        guard !entries.isEmpty else { return "Nothing \(title.lowercased() == "deadlines" ? "due" : "coming up") as of \(asOf).\n" }
        let rows = entries.map { entry -> [String] in
            let item = entry.item.item
            var date = item.when.startText ?? ""
            if let zone = item.when.zone { date += " \(zone.name)" }
            if item.when.tentative { date += "?" }
            let place = item.location ?? ""
            let event = item.kind == .deadline ? (item.forEvent ?? "") : (item.subkind?.rawValue ?? item.kind.rawValue)
            let source = item.sources.first.map { "\(($0.path as NSString).lastPathComponent):\($0.line)" } ?? ""
            return [date, entry.countdown, item.title, event, place, source]
        }
        let headers = ["Date", "When", "Title", title == "Deadlines" ? "Event" : "Kind", "Place", "Source"]
        var widths = headers.indices.map { column in max(headers[column].count, rows.map { $0[column].count }.max() ?? 0) }
        // Fit the terminal: shrink the title, then the event and place columns.
        let spacing = 2 * (headers.count - 1)
        for column in [2, 3, 4] {
            let total = widths.reduce(0, +) + spacing
            guard total > width else { break }
            widths[column] = max(column == 2 ? 16 : 8, widths[column] - (total - width))
        }
        var out = ""
        let header = headers.indices.map { Terminal.pad($0 == headers.count - 1 ? headers[$0] : headers[$0], widths[$0]) }
            .joined(separator: "  ")
        out += Terminal.paint(header.trimmingTrailingSpaces(), "1", enabled: colors) + "\n"
        for (entry, row) in zip(entries, rows) {
            var cells = row.indices.map { Terminal.pad(Terminal.fit(row[$0], widths[$0]), widths[$0]) }
            let code = !entry.open ? "2" : (entry.days <= 3 ? "31" : (entry.days <= 7 ? "33" : ""))
            if !code.isEmpty { cells[1] = Terminal.paint(cells[1], code, enabled: colors) }
            out += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        return out
    }

    static func json(_ entries: [Agenda.Entry], noteURL: (NoteRef) -> String?) -> JSON {
        .array(entries.map { entry in
            let item = entry.item.item
            return .object([
                ("date", .string(item.when.startText)),
                ("end", .string(item.when.endText)),
                ("tz", .string(item.when.zone?.name)),
                ("days", .int(entry.days)),
                ("countdown", .string(entry.countdown)),
                ("open", .bool(entry.open)),
                ("kind", .string(item.kind.rawValue)),
                ("subkind", .string(item.subkind?.rawValue)),
                ("title", .string(item.title)),
                ("for_event", .string(item.forEvent)),
                ("location", .string(item.location)),
                ("tentative", .bool(item.when.tentative)),
                ("status", .string(item.status.rawValue)),
                ("uid", .string(entry.item.uid)),
                ("source", .string(item.sources.first.map { "\($0.path):\($0.line)" })),
                ("note_url", .string(noteURL(entry.item.lastMentioned))),
            ])
        })
    }

    static func markdown(_ entries: [Agenda.Entry], noteURL: (NoteRef) -> String?) -> String {
        var lines = ["| Date | When | Title | Event | Place | Source |", "|---|---|---|---|---|---|"]
        for entry in entries {
            let item = entry.item.item
            var date = item.when.startText ?? ""
            if let zone = item.when.zone { date += " " + zone.name }
            let source = item.sources.first.map { "\(($0.path as NSString).lastPathComponent):\($0.line)" } ?? ""
            let cells = [date, entry.countdown, item.title, item.forEvent ?? "", item.location ?? ""].map(MarkdownText.escape)
                + [MarkdownText.link(source, noteURL(entry.item.lastMentioned))]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
