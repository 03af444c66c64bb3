import Almanac
import AlmanacCore
import AlmanacStore
import AlmanacTestSupport
import Foundation
import class GRDB.DatabaseQueue
import Testing

/// `collect` resumed from the checkpoint the last run left: only the files after it are replayed, and
/// the outputs are the bytes a whole run gives over the same previous outputs.
@Suite struct ResumeTests {
    /// Twelve weekly notes of a made-up community, with events (one in a named zone, for a VTIMEZONE),
    /// deadlines, projects and calls; a configuration with reminders and a feed of its own.
    func project() throws -> (notes: URL, configuration: Almanac.Configuration, cache: String) {
        let folder = try TestPaths.temporaryDirectory()
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        for week in 0..<12 {
            try note(week).write(to: notes.appendingPathComponent(name(week)), atomically: true, encoding: .utf8)
        }
        var configuration = Almanac.Configuration()
        configuration.output = folder.appendingPathComponent("public").path
        configuration.reminders = ["deadlines.ics": [1440]]
        var conferences = Almanac.Configuration.FeedDefinition(name: "Conferences", file: "conferences.ics")
        conferences.kinds = [.event, .deadline]
        configuration.feeds = [conferences]
        return (notes, configuration, folder.appendingPathComponent(".almanac/cache.sqlite").path)
    }

    func name(_ week: Int) -> String { "\(date(week)).md" }

    func date(_ week: Int) -> CivilDate { CivilDate(year: 2031, month: 1, day: 6)!.adding(days: 7 * week) }

    func note(_ week: Int, extra: String = "") -> String {
        let date = date(week)
        let event = ["Harbour Hackathon", "Kelp Summit", "Lighthouse Meetup"][week % 3]
        let day = date.adding(days: 30 + week)
        return """
            ---
            title: Weekly call
            date: \(date)
            ---
            ## Events

            - The \(event) is on \(day) in Porto.
            - Tidepool Conference \(2031 + week % 2): the CfP closes on \(date.adding(days: 20)).
            - The release party is at 18:00 PT on \(date.adding(days: 3)).

            ## Pioneer Projects

            - Outreachy: Ana is working on the \(["sensor map", "tide charts", "buoy firmware"][week % 3]) project.

            ## Next call

            - The next call is on \(date.adding(days: 7)).
            \(extra)
            """
    }

    func collect(_ notes: URL, _ configuration: Almanac.Configuration, cache: String?) throws -> Collector.Result {
        var pipeline = Pipeline()
        if let cache { pipeline.cache = try Cache(path: cache, fingerprint: pipeline.fingerprint) }
        var collector = Collector(configuration: configuration, pipeline: pipeline)
        collector.tailFiles = 3
        return try collector.collect(paths: [notes.path])
    }

    func outputs(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
        return files
    }

    /// Runs `collect` with the cache, and a whole run without it over a copy of the same previous
    /// outputs (SEQUENCE carries on from them); expects the same bytes and summary from both.
    func expectSameAsWholeRun(_ notes: URL, _ configuration: Almanac.Configuration, cache: String) throws -> Collector.Result {
        var whole = configuration
        whole.output += "-whole"
        try? FileManager.default.removeItem(atPath: whole.output)
        try FileManager.default.copyItem(atPath: configuration.output, toPath: whole.output)
        let result = try collect(notes, configuration, cache: cache)
        let wholeRun = try collect(notes, whole, cache: nil)
        let expected = try outputs(whole.output)
        let got = try outputs(configuration.output)
        #expect(got.keys.sorted() == expected.keys.sorted())
        for (name, bytes) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(got[name] == bytes, "\(name) differs from a whole run's")
        }
        #expect(result.summary == wholeRun.summary)
        #expect(result.diagnostics == wholeRun.diagnostics)
        return result
    }

    @Test func anEditedOrAddedLatestNoteReplaysOnlyTheFilesAfterTheCheckpoint() throws {
        let (notes, configuration, cache) = try project()
        let first = try collect(notes, configuration, cache: cache)
        #expect(first.resumedAfter == nil)
        // The latest note moves its event and cancels the call.
        try note(11, extra: "- The call on \(date(12)) is cancelled.").replacingOccurrences(of: "in Porto", with: "in Braga")
            .write(to: notes.appendingPathComponent(name(11)), atomically: true, encoding: .utf8)
        let edited = try expectSameAsWholeRun(notes, configuration, cache: cache)
        #expect(edited.resumedAfter == 9)
        #expect(try String(contentsOfFile: configuration.output + "/events.ics", encoding: .utf8).contains("LOCATION:Braga"))
        // A new week's note.
        try note(12).write(to: notes.appendingPathComponent(name(12)), atomically: true, encoding: .utf8)
        let added = try expectSameAsWholeRun(notes, configuration, cache: cache)
        #expect(added.resumedAfter == 9)
        #expect(added.summary.notes == 13)
        // The edit undone: the items it changed are written from the checkpoint's state again.
        try note(11).write(to: notes.appendingPathComponent(name(11)), atomically: true, encoding: .utf8)
        #expect(try expectSameAsWholeRun(notes, configuration, cache: cache).resumedAfter == 9)
        #expect(try collect(notes, configuration, cache: cache).upToDate)
    }

    @Test func anEditBeforeTheCheckpointIsAWholeRun() throws {
        let (notes, configuration, cache) = try project()
        _ = try collect(notes, configuration, cache: cache)
        try note(2, extra: "- The Kelp Summit is postponed to \(date(30)).")
            .write(to: notes.appendingPathComponent(name(2)), atomically: true, encoding: .utf8)
        #expect(try expectSameAsWholeRun(notes, configuration, cache: cache).resumedAfter == nil)
        // That run made a new checkpoint: the next edit of the latest note resumes from it.
        try note(11, extra: "- The Lighthouse Meetup is cancelled.")
            .write(to: notes.appendingPathComponent(name(11)), atomically: true, encoding: .utf8)
        let resumed = try expectSameAsWholeRun(notes, configuration, cache: cache)
        #expect(resumed.resumedAfter == 9)
        // The resumed run did not hash the items it wrote again; the next whole run writes those again
        // too, and copies the rest.
        try note(2).write(to: notes.appendingPathComponent(name(2)), atomically: true, encoding: .utf8)
        let whole = try expectSameAsWholeRun(notes, configuration, cache: cache)
        #expect(whole.resumedAfter == nil)
        #expect(whole.itemsRendered >= resumed.itemsRendered && whole.itemsRendered < whole.summary.items.reduce(0, +))
    }

    @Test func aDamagedCheckpointIsAWholeRun() throws {
        let (notes, configuration, cache) = try project()
        _ = try collect(notes, configuration, cache: cache)
        try DatabaseQueue(path: cache).write { db in try db.execute(sql: "UPDATE items SET value = x'00'") }
        try note(11, extra: "- Hello.").write(to: notes.appendingPathComponent(name(11)), atomically: true, encoding: .utf8)
        #expect(try expectSameAsWholeRun(notes, configuration, cache: cache).resumedAfter == nil)
        try DatabaseQueue(path: cache).write { db in try db.execute(sql: "UPDATE runs SET value = x'00' WHERE name LIKE 'fragments %'") }
        try note(11, extra: "- Hello again.").write(to: notes.appendingPathComponent(name(11)), atomically: true, encoding: .utf8)
        #expect(try expectSameAsWholeRun(notes, configuration, cache: cache).resumedAfter == nil)
        try note(11).write(to: notes.appendingPathComponent(name(11)), atomically: true, encoding: .utf8)
        #expect(try expectSameAsWholeRun(notes, configuration, cache: cache).resumedAfter == 9)
    }

    /// The corpus (when ../shared is there): its latest note edited, then a new note after it.
    @Test(.enabled(if: TestPaths.hasShared)) func theCorpusResumedIsTheWholeRun() throws {
        let folder = try TestPaths.temporaryDirectory()
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.copyItem(at: try #require(TestPaths.shared).appendingPathComponent("corpus/mirage-weekly/notes"), to: notes)
        var configuration = Almanac.Configuration()
        configuration.output = folder.appendingPathComponent("public").path
        let cache = folder.appendingPathComponent("cache.sqlite").path
        _ = try collect(notes, configuration, cache: cache)
        let names = try FileManager.default.contentsOfDirectory(atPath: notes.path).sorted()
        let latest = notes.appendingPathComponent(try #require(names.last))
        try (try String(contentsOf: latest, encoding: .utf8) + "\n- The Harbour Hackathon is on 3 March 2016 in Porto.\n")
            .write(to: latest, atomically: true, encoding: .utf8)
        #expect(try expectSameAsWholeRun(notes, configuration, cache: cache).resumedAfter == names.count - 3)
    }

    @Test func anOutputEditedByHandOrAnotherConfigurationIsAWholeRun() throws {
        var (notes, configuration, cache) = try project()
        _ = try collect(notes, configuration, cache: cache)
        try note(11, extra: "- Hello.").write(to: notes.appendingPathComponent(name(11)), atomically: true, encoding: .utf8)
        try "edited by hand".write(toFile: configuration.output + "/items.json", atomically: true, encoding: .utf8)
        #expect(try expectSameAsWholeRun(notes, configuration, cache: cache).resumedAfter == nil)
        try note(11, extra: "- Hello again.").write(to: notes.appendingPathComponent(name(11)), atomically: true, encoding: .utf8)
        configuration.reminders = [:]
        #expect(try expectSameAsWholeRun(notes, configuration, cache: cache).resumedAfter == nil)
    }
}
