public import AlmanacCore
import Foundation

/// The date of the commit that last changed each note, for notes that give no date of their own
/// (`--dates-from-git`, or `dates: git` in almanac.yml).
///
/// git runs once per folder of notes, as a subprocess (`git log --format=%cs --name-only` over the
/// folder), and only when a note needs it; a folder outside a git work tree, or git missing, gives no
/// dates. The day is the committer's date in the committer's zone, as `git log --format=%cs` prints it.
///
/// ```swift
/// let dates = CommitDates()
/// dates.date(ofFileAt: "notes/schedule.md")   // 2018-11-20, or nil when untracked
/// ```
public final class CommitDates: Sendable {
    /// The last commit dates of the files under each folder read so far, by file path relative to it.
    private let folders = Locked<[String: [String: CivilDate]]>([:])

    public init() {}

    /// The date of the last commit that changed the file at `path`, or nil (untracked, no repository).
    public func date(ofFileAt path: String) -> CivilDate? {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        if let dates = folders.withLock({ $0[folder] }) { return dates[name] }
        // Outside the lock: other folders' notes are dated meanwhile (two threads may ask git for one folder).
        let dates = Self.lastCommitDates(in: folder.isEmpty ? "." : folder)
        folders.withLock { $0[folder] = dates }
        return dates[name]
    }

    /// `git log` over `folder`: for each file in it (and below it, by relative path), the date of the
    /// newest commit that changed it.
    static func lastCommitDates(in folder: String) -> [String: CivilDate] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // -z: names as they are, each ended by a NUL (no quoting of unusual characters).
        process.arguments = ["git", "-C", folder, "log", "-z", "--format=%x01%cs", "--name-only", "--relative", "--no-renames", "--", "."]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return [:]
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [:] }
        var dates: [String: CivilDate] = [:]
        var current: CivilDate?
        // "\u{01}DATE\0", then "\nNAME\0NAME\0…" for each commit.
        for field in String(decoding: data, as: UTF8.self).split(separator: "\0") {
            if field.first == "\u{01}" {
                current = CivilDate(String(field.dropFirst()))
                continue
            }
            let name = String(field.drop(while: { $0 == "\n" }))
            // Newest commits come first: the first date seen for a file is its last change.
            if let current, !name.isEmpty, dates[name] == nil { dates[name] = current }
        }
        return dates
    }
}

/// A value behind a lock, for the folders `CommitDates` has read from any thread.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
