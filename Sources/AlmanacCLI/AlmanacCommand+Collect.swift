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

        @Flag(help: "Fail (exit 1) when any note gave a warning.")
        var strict = false

        func run() throws {
            var (configuration, paths, pipeline) = try sources.resolve()
            configuration.output = out ?? configuration.resolvedOutput()
            if let name { configuration.name = name }
            if let baseURL { configuration.baseURL = baseURL }
            if let feedsURL { configuration.feedsURL = feedsURL }
            if let timeZone {
                guard TimeZone(identifier: timeZone) != nil else {
                    throw ValidationError("'\(timeZone)' is not an IANA time zone name")
                }
                configuration.timeZone = timeZone
            }
            var collector = Collector(configuration: configuration, pipeline: pipeline)
            collector.logger = sources.logger
            let result: Collector.Result
            do {
                result = try collector.collect(paths: paths)
            } catch let failure as Collector.Failure {
                if case .noNotes(_, let diagnostics) = failure { report(diagnostics) }
                printError(failure.description)
                throw ExitCode(1)
            }
            keepUntilExit(result.collection)
            report(result.diagnostics)
            // Times with no zone and no time_zone: said every run (never a silent floating time).
            let advice = result.summary.tally.zonelessAdvice(timeZone: configuration.timeZone)
            if let advice { report([.warning(advice, path: configuration.path ?? "almanac")]) }
            if !sources.quiet { print(result.summary.line(output: configuration.output, upToDate: result.upToDate)) }
            if strict, !result.diagnostics.isEmpty || advice != nil { throw ExitCode(1) }
            // A source that could not be read (a missing path, an unreadable folder): the rest was published.
            if result.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
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

        @Option(help: "IANA zone of times the notes give without one (e.g. Europe/London); asked for on a terminal.")
        var timeZone: String?

        func run() throws {
            if FileManager.default.fileExists(atPath: path), !force {
                printError("\(path) exists; use --force to replace it")
                throw ExitCode(1)
            }
            var zone = timeZone
            if zone == nil, isatty(STDIN_FILENO) != 0 {
                // Asked, not guessed: a time a note gives without a zone is in this one.
                let suggested = TimeZone.current.identifier
                print("Time zone of the times your notes give without one (an IANA name) [\(suggested)]: ", terminator: "")
                let answer = (readLine() ?? "").trimmingSpaces()
                zone = answer.isEmpty ? suggested : answer
            }
            if let zone, TimeZone(identifier: zone) == nil || !zone.contains("/") && zone != "UTC" {
                throw ValidationError("'\(zone)' is not an IANA time zone name (such as Europe/London)")
            }
            try OutputWriter.atomicWrite(Data(Configuration.template(timeZone: zone).utf8), to: path)
            print("Wrote \(path)")
            if zone == nil {
                print("Set time_zone: in it (an IANA name such as Europe/London): times the notes give without a zone are in it.")
            }
        }
    }
}
