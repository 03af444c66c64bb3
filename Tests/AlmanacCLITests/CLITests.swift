import AlmanacTestSupport
import Foundation
import Testing

/// Runs the built `almanac` in the repository with arguments and extra environment variables.
func almanac(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    return try runProcess(TestPaths.almanacBinary.path, arguments, environment: env)
}

struct CLITests {
    /// `init` asks for the zone of times given without one (here, off a terminal, it takes --time-zone or
    /// says to set it), and checks it is an IANA name.
    @Test func initAsksForTheTimeZone() throws {
        let folder = try TestPaths.temporaryDirectory()
        let zoned = folder.appendingPathComponent("zoned.yml").path
        let run = try almanac(["init", zoned, "--time-zone", "Europe/Lisbon"])
        #expect(run.status == 0, "\(run.err)")
        #expect(try String(contentsOfFile: zoned, encoding: .utf8).contains("\ntime_zone: Europe/Lisbon\n"))
        let plain = folder.appendingPathComponent("plain.yml").path
        let unset = try almanac(["init", plain])
        #expect(unset.out.contains("Set time_zone: in it"))
        #expect(try String(contentsOfFile: plain, encoding: .utf8).contains("\n# time_zone: Europe/London\n"))
        let wrong = try almanac(["init", folder.appendingPathComponent("wrong.yml").path, "--time-zone", "Lisbon"])
        #expect(wrong.status != 0)
    }

    @Test func collectOnData() throws {
        let out = try TestPaths.temporaryDirectory()
        let result = try almanac(["collect", "--config", "data/almanac.yml", "--out", out.path])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err == "")
        #expect(result.out.hasPrefix("Read 5 notes and 2 events of 1 calendar: 13 in the feeds "))
        for name in ["calendar.ics", "deadlines.ics", "events.ics", "meetings.ics", "conferences.ics", "projects.md", "items.json",
            "index.html"]
        {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path))
        }
    }

    @Test func extractJSONHasTheDocumentedShape() throws {
        let result = try almanac(["extract", "data/notes/2026-09-16.md", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let notes = try #require(json["notes"] as? [[String: Any]])
        #expect(notes.count == 1)
        #expect(notes[0]["source"] as? String == "data/notes/2026-09-16.md")
        #expect(notes[0]["note_date"] as? String == "2026-09-16")
        let item = try #require((notes[0]["items"] as? [[String: Any]])?.first)
        #expect(item.keys.sorted() == ["aliases", "difficulty", "end", "for_event", "kind", "location", "people", "precision",
            "sources", "start", "status", "subkind", "tentative", "title", "tz", "url"])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")))
    func datesFromGit() throws {
        let folder = try TestPaths.temporaryDirectory()
        try "# Schedule\n\nNothing dated here.\n".write(to: folder.appendingPathComponent("schedule.md"), atomically: true, encoding: .utf8)
        let environment = [
            "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org",
            "GIT_AUTHOR_DATE": "2018-11-20T12:00:00+00:00", "GIT_COMMITTER_DATE": "2018-11-20T12:00:00+00:00",
        ]
        for arguments in [["init", "-q"], ["add", "."], ["commit", "-q", "-m", "schedule"]] {
            let result = try runProcess("/usr/bin/git", ["-C", folder.path] + arguments,
                environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
            #expect(result.status == 0, "\(result.err)")
        }
        let skipped = try almanac(["extract", folder.path, "--no-cache", "--quiet"])
        #expect(skipped.err.contains("schedule.md:1:1: warning: note has no date"))
        let dated = try almanac(["extract", folder.path, "--no-cache", "--quiet", "--dates-from-git"])
        #expect(dated.status == 0, "\(dated.err)")
        #expect(dated.out.hasPrefix(folder.path + "/schedule.md (2018-11-20, date from last commit, a guess)\n"))
        let lint = try almanac(["lint", folder.path, "--no-cache", "--quiet", "--dates-from-git"])
        #expect(lint.out.contains("schedule.md:1:1: warning: the note's own date 2018-11-20 is a guess (date from last commit)"))
    }

    @Test func missingInputIsAnError() throws {
        let out = try TestPaths.temporaryDirectory()
        let result = try almanac(["collect", "/nonexistent/notes", "--out", out.path])
        #expect(result.status == 1)
        #expect(result.err.contains("/nonexistent/notes: error: no such file or folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func usageErrorsExitWith2() throws {
        let result = try almanac(["collect", "--no-such-flag"])
        #expect(result.status == 2)
        #expect(result.err.contains("Unknown option '--no-such-flag'"))
    }
}

/// The cache as a user meets it: beside almanac.yml, used by default, skipped with --no-cache, silent when piped.
struct CLICacheTests {
    /// `count` small dated notes and an almanac.yml in a new folder.
    func project(notes count: Int) throws -> URL {
        let folder = try TestPaths.temporaryDirectory()
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        for index in 0..<count {
            let day = String(format: "2030-%02d-%02d", index / 28 % 12 + 1, index % 28 + 1)
            try "---\ndate: \(day)\n---\n# Call \(index)\n\nThe Harbour meetup is on 5 May 2031.\n"
                .write(to: notes.appendingPathComponent("\(day)-\(index).md"), atomically: true, encoding: .utf8)
        }
        try "name: Harbour\nsources: [notes]\noutput: public\n".write(
            to: folder.appendingPathComponent("almanac.yml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aRepeatedCollectIsUpToDate() throws {
        let folder = try project(notes: 3)
        let config = folder.appendingPathComponent("almanac.yml").path
        let first = try almanac(["collect", "--config", config])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out == "Read 3 notes: 4 in the feeds (1 event, 0 deadlines, 3 meetings); wrote 7 files to \(folder.path)/public\n")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".almanac/cache.sqlite").path))
        let second = try almanac(["collect", "--config", config])
        #expect(second.out == "Read 3 notes: 4 in the feeds (1 event, 0 deadlines, 3 meetings); \(folder.path)/public is up to date\n")
        #expect(second.err == "")
    }

    @Test func noCacheLeavesNoCache() throws {
        let folder = try project(notes: 2)
        let result = try almanac(["collect", "--config", folder.appendingPathComponent("almanac.yml").path, "--no-cache"])
        #expect(result.status == 0, "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".almanac").path))
    }

    /// Past 300 files a terminal gets a progress bar; a pipe gets nothing but the summary.
    @Test func manyNotesPipedShowNoProgressBar() throws {
        let folder = try project(notes: 320)
        let result = try almanac(["collect", "--config", folder.appendingPathComponent("almanac.yml").path, "--no-cache"])
        #expect(result.status == 0)
        #expect(result.err == "")
        #expect(result.out.hasPrefix("Read 320 notes: "))
    }
}
