import AlmanacNames
import Almanac
import AlmanacCore
import ArgumentParser
import Foundation

extension AlmanacCommand {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What a note-taker should fix: ambiguous years, unconfirmed or moved dates, guessed note dates, bad front matter.",
            discussion: """
                Prints `file:line:column: warning: message`. With --strict, any warning makes the exit status 1, \
                for CI.

                Examples:
                  almanac lint notes
                  almanac lint --strict
                """)

        @OptionGroup var sources: SourceOptions

        @Flag(help: "Exit with status 1 when there is any warning.")
        var strict = false

        func run() throws {
            let (configuration, paths, pipeline) = try sources.resolve()
            let collection = pipeline.run(paths: paths)
            var findings = Linter.findings(collection.model, notes: collection.notes.map(\.info), reading: collection.diagnostics)
            findings += Linter.zonelessTimes(collection.model, timeZone: configuration.timeZone, configuration: configuration.path)
            let unreadable = collection.diagnostics.filter { !$0.message.contains("front matter") }
            for diagnostic in unreadable + findings { print(diagnostic) }
            let count = unreadable.count + findings.count
            if !sources.quiet {
                FileHandle.standardError.write(Data("\(count.counting("warning")) in \(collection.notes.count) notes\n".utf8))
            }
            if strict, count > 0 { throw ExitCode(1) }
        }
    }
}
