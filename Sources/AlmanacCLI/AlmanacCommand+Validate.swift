import AlmanacNames
import AlmanacCore
import AlmanacICal
import AlmanacRead
import AlmanacValidate
import ArgumentParser
import Foundation

extension AlmanacCommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check iCalendar files against RFC 5545 and what calendar clients need.",
            discussion: """
                Checks what libical and most validators let pass: required properties and their number per \
                component, unique UIDs, DTEND after DTSTART, DATE vs DATE-TIME agreement, every TZID defined \
                by a VTIMEZONE, value types, lines of at most 75 octets, CRLF line ends and UTF-8.
                Problems are printed as `file:line: error: message`; the exit status is 1 when there is an \
                error (or, with --strict, a warning), so CI can fail on a broken feed.

                Examples:
                  almanac validate public/*.ics
                  almanac validate --strict public/calendar.ics
                """)

        /// Files larger than this are not read.
        static let maximumBytes = 256 << 20

        @Argument(help: "iCalendar files.")
        var files: [String]

        @Flag(help: "Fail on warnings too.")
        var strict = false

        @Flag(name: .shortAndLong, help: "Print nothing when a file is valid.")
        var quiet = false

        func run() throws {
            var failed = false
            // A calendar of 10,000 notes' items is about 70 MB; four times that is no feed.
            let reader = NoteReader(maximumBytes: Self.maximumBytes)
            for file in files {
                let (read, problems) = reader.bytes(contentsOf: file)
                guard let bytes = read else {
                    report(problems.map {
                        $0.message.hasPrefix("file is ")
                            ? .error("file is \($0.message.dropFirst(8).prefix { $0 != " " }) bytes, over the \(Self.maximumBytes)-byte limit for a calendar; not checked", path: file)
                            : .error($0.message.replacingOccurrences(of: "; skipped", with: ""), path: file)
                    })
                    failed = true
                    continue
                }
                let diagnostics = ICalendarValidator().validate(bytes: bytes, path: file)
                report(diagnostics)
                let errors = diagnostics.filter { $0.severity == .error }.count
                let warnings = diagnostics.filter { $0.severity == .warning }.count
                if errors > 0 || (strict && warnings > 0) { failed = true }
                if !quiet, diagnostics.isEmpty { print("\(file): valid") }
                if !quiet, !diagnostics.isEmpty {
                    print("\(file): \(errors.counting("error")), \(warnings.counting("warning"))")
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
