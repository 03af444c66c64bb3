import Almanac
import AlmanacCore
import AlmanacModel
import AlmanacTime
import ArgumentParser
import Foundation

@main
struct AlmanacCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "almanac",
        abstract: "Turns meeting notes into subscribable calendars and a project board.",
        discussion: """
            Exit status: 0 when the outputs were written (warnings allowed), 1 when there were findings \
            or invalid input, 2 for a usage error.
            """,
        version: Pipeline.version,
        subcommands: [Collect.self, Extract.self, Deadlines.self, Upcoming.self, Explain.self, Lint.self, Board.self, Validate.self, Init.self])

    /// Runs the command; usage errors exit with 2 (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Diagnostics to standard error, compiler style.
/// Diagnostics to standard error, compiler style. The same message for more than ``reportedAlike`` files (a
/// folder of 100,000 empty notes) is printed that many times, then counted in one line; `--verbose` prints all.
func report(_ diagnostics: [Diagnostic]) {
    var seen: [String: Int] = [:]
    var order: [String] = []
    var text = ""
    for diagnostic in diagnostics {
        let key = "\(diagnostic.severity)|\(diagnostic.message)"
        let count = (seen[key] ?? 0) + 1
        if count == 1 { order.append(key) }
        seen[key] = count
        if count <= reportedAlike || reportEverything { text += diagnostic.description + "\n" }
    }
    if !reportEverything {
        for key in order where seen[key]! > reportedAlike {
            let (severity, message) = (key.prefix { $0 != "|" }, key.drop { $0 != "|" }.dropFirst())
            text += "almanac: \(severity): and \(seen[key]! - reportedAlike) more like these: \(message) (--verbose lists them all)\n"
        }
    }
    if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
}

/// How many diagnostics with the same message are printed before the rest are counted.
let reportedAlike = 10
/// Set by `--verbose`: every diagnostic is printed.
nonisolated(unsafe) var reportEverything = false

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("almanac: error: " + message + "\n").utf8))
}

/// Leaves `value` to the end of the process: a run's notes and model are its largest allocation, and
/// the system takes the memory back at exit at once where freeing it would visit every item (about
/// 0.1 s for 10,000 notes).
func keepUntilExit<T>(_ value: T) {
    _ = Unmanaged.passRetained(Kept(value))
}

private final class Kept<T> {
    let value: T
    init(_ value: T) { self.value = value }
}
