import Almanac
import AlmanacCore
import AlmanacModel
import AlmanacTime
import ArgumentParser
import Foundation

extension AlmanacCommand {
    struct Collect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read notes and write the calendar feeds, the project board and the model.",
            discussion: """
                Reads .md, .markdown, .txt and .html files (folders recursively) and writes into --out:
                  calendar.ics   every dated item
                  deadlines.ics  deadlines only
                  projects.md    the project board
                  items.json     the merged model, with each item's history

                Example:
                  almanac collect data --out public
                """)

        @Argument(help: "Notes: files or folders.")
        var paths: [String] = ["."]

        @Option(name: .shortAndLong, help: "Output folder.")
        var out: String = "public"

        @Option(help: "Name of the calendars.")
        var name: String = "Almanac"

        @Option(help: "Published URL of the notes, for links back to them.")
        var baseURL: String?

        @Flag(help: "Read numeric dates as day/month (10/1 is 10 January).")
        var dayFirst = false

        @Flag(name: .shortAndLong, help: "Print nothing but problems.")
        var quiet = false

        func run() throws {
            let pipeline = Pipeline(dateOptions: .init(dayFirst: dayFirst))
            let collection = pipeline.run(paths: paths)
            report(collection.diagnostics)
            if collection.diagnostics.contains(where: { $0.severity == .error }), collection.notes.isEmpty {
                throw ExitCode(1)
            }
            guard !collection.notes.isEmpty else {
                printError("no notes with a date were found in \(paths.joined(separator: ", "))")
                throw ExitCode(1)
            }
            let publisher = Publisher(baseURL: baseURL, calendarName: name)
            let written: [String]
            do {
                written = try publisher.publish(collection.model, to: out)
            } catch {
                printError("cannot write to \(out): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            if !quiet {
                let counts = Dictionary(grouping: collection.model.items, by: { $0.item.kind }).mapValues(\.count)
                let kinds = Item.Kind.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)\((counts[$0] ?? 0) == 1 ? "" : "s")" }
                let warnings = collection.diagnostics.filter { $0.severity == .warning }.count
                print("Read \(collection.notes.count) notes: \(kinds.joined(separator: ", ")); wrote \(written.joined(separator: ", "))"
                    + (warnings > 0 ? "; \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
            }
        }
    }
}
