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
func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
}

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
