import AlmanacTestSupport
import Foundation
import Testing

/// Issue 18 through the `almanac` executable: what a hostile or unlucky user meets.
struct HardeningCLITests {
    /// A copy of data/ in a new folder.
    func dataCopy() throws -> URL {
        let folder = try TestPaths.temporaryDirectory("hardening-cli")
        let copy = folder.appendingPathComponent("data")
        try FileManager.default.copyItem(at: TestPaths.data, to: copy)
        // Without the cache earlier runs left in data/.
        try? FileManager.default.removeItem(at: copy.appendingPathComponent(".almanac"))
        return copy
    }

    func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
    }

    /// Item 1: `--cache notes` (or any file or folder that is not an Almanac cache) is refused and left as it was.
    @Test func theCacheOptionNeverDeletesWhatIsNotACache() throws {
        let data = try dataCopy()
        let notes = data.appendingPathComponent("notes")
        let before = try listing(notes)
        for command in ["collect", "lint", "extract"] {
            let run = try almanac([command, "--config", data.appendingPathComponent("almanac.yml").path, "--cache", notes.path])
            #expect(run.status == 1, "\(command): \(run.err)")
            #expect(run.err.contains("\(notes.path): error: cannot use this as the cache: it is a folder"), "\(run.err)")
            #expect(try listing(notes) == before)
        }
        #expect(!FileManager.default.fileExists(atPath: data.deletingLastPathComponent().appendingPathComponent("public").path))
        let note = notes.appendingPathComponent("2026-09-02.md")
        let text = try Data(contentsOf: note)
        let run = try almanac(["collect", "--config", data.appendingPathComponent("almanac.yml").path, "--cache", note.path])
        #expect(run.status == 1)
        #expect(run.err.contains("it is not an Almanac cache (not an SQLite file); Almanac leaves it alone"))
        #expect(try Data(contentsOf: note) == text)
        // The default cache path, when a folder is there.
        let inside = data.appendingPathComponent(".almanac/cache.sqlite/keep.txt")
        try FileManager.default.createDirectory(at: inside.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: inside)
        let defaulted = try almanac(["lint", "--config", data.appendingPathComponent("almanac.yml").path])
        #expect(defaulted.status == 1)
        #expect(try String(contentsOf: inside, encoding: .utf8) == "keep")
    }

    /// Item 9: `--cache .` and `--cache ./` are a usage problem, not a crash.
    @Test(arguments: [".", "./", "", "data/"]) func aFolderAsTheCacheIsAnError(path: String) throws {
        let run = try almanac(["extract", "data/notes/2026-09-02.md", "--cache", path])
        #expect(run.status == 1, "\(run.err)")
        #expect(run.err.contains("error: cannot use this as the cache: it is a folder"), "\(run.err)")
    }

    /// Item 10: durations too large for a year are an error at their line, not an overflow trap.
    @Test(arguments: [
        ("refresh: 999999999d\n", "almanac.yml:1:10: error: 'refresh' must be at most 366 days (527040 minutes), not '999999999d'"),
        ("reminders:\n  deadlines.ics: [99999999999d]\n", "almanac.yml:2:19: error: 'reminders' must be at most 366 days (527040 minutes), not '99999999999d'"),
        ("refresh: 99999999999999999999999m\n", "almanac.yml:1:10: error: 'refresh' must be at most 366 days (527040 minutes), not '99999999999999999999999m'"),
        ("board:\n  stale_months: 9223372036854775807\n", "almanac.yml:2:17: error: 'stale_months' must be a number of months from 1 to 1200"),
    ]) func hugeDurationsAreAnError(yaml: String, error: String) throws {
        let folder = try TestPaths.temporaryDirectory("config")
        let config = folder.appendingPathComponent("almanac.yml")
        try Data(yaml.utf8).write(to: config)
        let run = try runProcess(TestPaths.almanacBinary.path, ["extract", TestPaths.data.path + "/notes/2026-09-02.md", "--config", "almanac.yml"], in: folder)
        #expect(run.status == 1)
        #expect(run.err == error + "\n")
    }

    /// Item 2 for almanac.yml: an alias bomb is an error at the alias.
    @Test(.timeLimit(.minutes(1))) func aConfigurationAliasBombIsAnError() throws {
        let folder = try TestPaths.temporaryDirectory("config")
        var yaml = "x0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { yaml += "x\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", "))]\n" }
        yaml += "name: *a9\n"
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("almanac.yml"))
        let run = try runProcess(TestPaths.almanacBinary.path, ["extract", TestPaths.data.path + "/notes/2026-09-02.md"], in: folder, timeout: 30)
        #expect(run.status == 1)
        #expect(run.err == "almanac.yml:5:10: error: configuration is not read: its aliases expand to more than 10000 values (an alias bomb?)\n")
    }

    /// Item 16: validate stops at what is not a calendar (NULs, a file over the size limit) at once.
    @Test(.timeLimit(.minutes(1))) func validateRefusesBinaryAndHugeFilesQuickly() throws {
        let folder = try TestPaths.temporaryDirectory("validate")
        let nuls = folder.appendingPathComponent("nuls.ics")
        try Data(count: 32 << 20).write(to: nuls)
        let run = try almanac(["validate", nuls.path])
        #expect(run.status == 1)
        #expect(run.err == "\(nuls.path):1:1: error: binary file (NUL byte), not an iCalendar file\n")
        // A sparse file of 300 MB: refused by its size without being read.
        let huge = folder.appendingPathComponent("huge.ics")
        FileManager.default.createFile(atPath: huge.path, contents: Data("BEGIN:VCALENDAR\r\n".utf8))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 300 << 20)
        try handle.close()
        let big = try almanac(["validate", huge.path])
        #expect(big.status == 1)
        #expect(big.err == "\(huge.path): error: file is 314572800 bytes, over the 268435456-byte limit for a calendar; not checked\n")
    }

    /// Item 16: a source that cannot be read makes the run exit 1 (the rest is still published); thousands of
    /// the same warning are summarised.
    @Test func unreadableSourcesFailTheRunAndRepeatedWarningsAreSummarised() throws {
        let folder = try TestPaths.temporaryDirectory("sources")
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        for index in 0..<2000 { FileManager.default.createFile(atPath: empty.appendingPathComponent("n\(index).md").path, contents: Data()) }
        let out = folder.appendingPathComponent("public").path
        let run = try almanac(["collect", "-q", "data/notes", empty.path, folder.appendingPathComponent("missing").path, "--out", out])
        #expect(run.status == 1)
        let lines = run.err.split(separator: "\n")
        #expect(lines.count == 12, "\(lines.count) lines")
        #expect(lines.contains("\(folder.path)/missing: error: no such file or folder"))
        #expect(lines.last == "almanac: warning: and 1990 more like these: empty note; skipped (--verbose lists them all)")
        #expect(FileManager.default.fileExists(atPath: out + "/calendar.ics"))
    }
}
