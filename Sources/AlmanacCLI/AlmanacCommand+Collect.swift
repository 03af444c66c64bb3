import Almanac
import AlmanacCore
import AlmanacModel
import AlmanacTime
import ArgumentParser
import Foundation
import Logging

extension AlmanacCommand {
    struct Collect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read notes and calendars; write the feeds, the project board and the model.",
            discussion: """
                Reads .md, .markdown, .txt and .html notes and .ics calendars (folders recursively) and writes \
                into the output folder:
                  calendar.ics   every dated item
                  deadlines.ics  deadlines        events.ics  events        meetings.ics  meetings
                  (and the feeds almanac.yml defines)
                  projects.md    the project board
                  items.json     the merged model, with each item's history

                Examples:
                  almanac collect data --out public
                  almanac collect                      # sources and output from almanac.yml
                  almanac collect notes calendars/partner.ics --base-url https://example.org/notes
                """)

        @OptionGroup var sources: SourceOptions

        @Option(name: .shortAndLong, help: "Output folder (default: the configuration's output, else public).")
        var out: String?

        @Option(help: "Name of the calendars and the page.")
        var name: String?

        @Option(help: "Published URL of the notes, for links back to them.")
        var baseURL: String?

        @Option(help: "Published URL of the output folder, for subscribe links.")
        var feedsURL: String?

        @Option(help: "IANA zone of times the notes give without one (e.g. Europe/London).")
        var timeZone: String?

        @Flag(name: .shortAndLong, help: "Print nothing but problems.")
        var quiet = false

        @Flag(help: "Fail (exit 1) when any note gave a warning.")
        var strict = false

        func run() throws {
            var (configuration, paths) = try sources.resolve()
            configuration.output = configuration.resolvedOutput()
            if let out { configuration.output = out }
            if let name { configuration.name = name }
            if let baseURL { configuration.baseURL = baseURL }
            if let feedsURL { configuration.feedsURL = feedsURL }
            if let timeZone {
                guard TimeZone(identifier: timeZone) != nil else {
                    throw ValidationError("'\(timeZone)' is not an IANA time zone name")
                }
                configuration.timeZone = timeZone
            }
            var pipeline = Pipeline(configuration: configuration)
            pipeline.logger = sources.logger
            let collection = pipeline.run(paths: paths)
            report(collection.diagnostics)
            guard !collection.notes.isEmpty else {
                printError("no notes with a date were found in \(paths.joined(separator: ", "))")
                throw ExitCode(1)
            }
            let written: [String]
            do {
                var publisher = Publisher(configuration: configuration)
                publisher.logger = sources.logger
                written = try publisher.publish(collection.model, to: configuration.output)
            } catch {
                printError("cannot write to \(configuration.output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            if !quiet {
                let counts = Dictionary(grouping: collection.model.items, by: { $0.item.kind }).mapValues(\.count)
                let kinds = Item.Kind.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)\((counts[$0] ?? 0) == 1 ? "" : "s")" }
                let warnings = collection.diagnostics.filter { $0.severity >= .warning }.count
                let notes = Set(collection.notes.filter { $0.info.format != .calendar }.map(\.info.path)).count
                let calendarEvents = collection.notes.filter { $0.info.format == .calendar }.count
                var line = "Read \(notes) note\(notes == 1 ? "" : "s")"
                if calendarEvents > 0 { line += " and \(calendarEvents) calendar event\(calendarEvents == 1 ? "" : "s")" }
                line += ": \(kinds.joined(separator: ", ")); wrote \(written.count) files to \(configuration.output)"
                if warnings > 0 { line += "; \(warnings) warning\(warnings == 1 ? "" : "s")" }
                print(line)
            }
            if strict, !collection.diagnostics.isEmpty { throw ExitCode(1) }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a commented almanac.yml to start from.",
            discussion: """
                Example:
                  almanac init            # writes ./almanac.yml
                  almanac init notes/almanac.yml
                """)

        @Argument(help: "Where to write the configuration.")
        var path = "almanac.yml"

        @Flag(help: "Replace an existing file.")
        var force = false

        func run() throws {
            if FileManager.default.fileExists(atPath: path), !force {
                printError("\(path) exists; use --force to replace it")
                throw ExitCode(1)
            }
            try OutputWriter.atomicWrite(Data(Configuration.template.utf8), to: path)
            print("Wrote \(path)")
        }
    }
}
