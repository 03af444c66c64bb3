import Almanac
import AlmanacStore
import AlmanacTestSupport
import Foundation
import class GRDB.DatabaseQueue
import Testing

/// The cache of earlier runs: what it keeps, when it is not trusted, and `collect` over it.
struct CacheTests {
    static let fingerprint = "tests 1"

    @Test func valuesAreFoundByPathAndContentHash() throws {
        let folder = try TestPaths.temporaryDirectory()
        let path = folder.appendingPathComponent(".almanac/cache.sqlite").path
        let note = folder.appendingPathComponent("a.md").path
        try "x".write(toFile: note, atomically: true, encoding: .utf8)
        let cache = try Cache(path: path, fingerprint: Self.fingerprint)
        #expect(cache.openingNote == nil)
        cache.store([(Cache.Key(path: note, hash: 1), Data("one".utf8))])
        #expect(cache.values(for: [Cache.Key(path: note, hash: 1)]) == [note: Data("one".utf8)])
        #expect(cache.values(for: [Cache.Key(path: note, hash: 2)]).isEmpty)

        // Reopened by the same build: still there. By another build or other options: dropped.
        #expect(try Cache(path: path, fingerprint: Self.fingerprint).values(for: [Cache.Key(path: note, hash: 1)]).count == 1)
        let other = try Cache(path: path, fingerprint: "tests 2")
        #expect(other.openingNote?.hasPrefix("cleared") == true)
        #expect(other.values(for: [Cache.Key(path: note, hash: 1)]).isEmpty)
    }

    @Test func filesThatNoLongerExistAreForgotten() throws {
        let folder = try TestPaths.temporaryDirectory()
        let cache = try Cache(path: folder.appendingPathComponent("c.sqlite").path, fingerprint: Self.fingerprint)
        let kept = folder.appendingPathComponent("kept.md").path
        try "x".write(toFile: kept, atomically: true, encoding: .utf8)
        let gone = folder.appendingPathComponent("gone.md").path
        cache.store([(Cache.Key(path: kept, hash: 1), Data("k".utf8)), (Cache.Key(path: gone, hash: 1), Data("g".utf8))])
        let keys = [Cache.Key(path: kept, hash: 1), Cache.Key(path: gone, hash: 1)]
        #expect(cache.values(for: keys).keys.sorted() == [kept])
    }

    /// An empty file (SQLite interrupted while creating it) becomes a cache.
    @Test func anEmptyFileBecomesACache() throws {
        let folder = try TestPaths.temporaryDirectory()
        let path = folder.appendingPathComponent("cache.sqlite").path
        try Data().write(to: URL(fileURLWithPath: path))
        let cache = try Cache(path: path, fingerprint: Self.fingerprint)
        let note = folder.appendingPathComponent("a.md").path
        try "x".write(toFile: note, atomically: true, encoding: .utf8)
        cache.store([(Cache.Key(path: note, hash: 7), Data("v".utf8))])
        #expect(cache.values(for: [Cache.Key(path: note, hash: 7)]).count == 1)
    }

    /// Issue 18, item 1: what is not recognisably an Almanac cache (a text file, another program's SQLite
    /// database, a folder) is refused and left as it was, never deleted.
    @Test func whatIsNotAnAlmanacCacheIsLeftAlone() throws {
        let folder = try TestPaths.temporaryDirectory()
        let text = folder.appendingPathComponent("notes.md").path
        try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: Cache.CacheError.self) { try Cache(path: text, fingerprint: Self.fingerprint) }
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "not a database at all")

        let database = folder.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: "CREATE TABLE files (path TEXT, hash INTEGER, checksum INTEGER, value BLOB); INSERT INTO files VALUES ('x', 1, 2, x'00')")
        }
        #expect(throws: Cache.CacheError.self) { try Cache(path: database, fingerprint: Self.fingerprint) }
        #expect(try DatabaseQueue(path: database).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM files") } == 1)

        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes.appendingPathComponent(".almanac/cache.sqlite"), withIntermediateDirectories: true)
        try Data("# kept\n".utf8).write(to: notes.appendingPathComponent(".almanac/cache.sqlite/inside.md"))
        for path in [notes.path, notes.path + "/", notes.appendingPathComponent(".almanac/cache.sqlite").path, "", "."] {
            #expect(throws: Cache.CacheError.self) { try Cache(path: path, fingerprint: Self.fingerprint) }
        }
        #expect(FileManager.default.fileExists(atPath: notes.appendingPathComponent(".almanac/cache.sqlite/inside.md").path))
    }

    /// Issue 18, item 12: an Almanac cache with overwritten pages (integrity check fails) is rebuilt.
    @Test func aCacheWithOverwrittenPagesIsRebuilt() throws {
        let folder = try TestPaths.temporaryDirectory()
        let path = folder.appendingPathComponent("cache.sqlite").path
        let note = folder.appendingPathComponent("a.md").path
        try "x".write(toFile: note, atomically: true, encoding: .utf8)
        let values = (0..<200).map { (Cache.Key(path: note + "\($0)", hash: 1), Data(repeating: UInt8($0), count: 3000)) }
        try Cache(path: path, fingerprint: Self.fingerprint).store(values)
        // Keep the first pages (the schema and the meta table); overwrite some of the rest.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count > 40 * 4096)
        for page in stride(from: 6, to: bytes.count / 4096, by: 5) {
            bytes.replaceSubrange(page * 4096..<(page * 4096 + 4096), with: Data(repeating: 0xA5, count: 4096))
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        let reopened = try Cache(path: path, fingerprint: Self.fingerprint)
        #expect(reopened.openingNote?.hasPrefix("rebuilt \(path): ") == true, "\(reopened.openingNote ?? "kept")")
        reopened.store([(Cache.Key(path: note, hash: 7), Data("v".utf8))])
        #expect(reopened.values(for: [Cache.Key(path: note, hash: 7)]).count == 1)
    }

    @Test func aTamperedValueIsAMiss() throws {
        let folder = try TestPaths.temporaryDirectory()
        let path = folder.appendingPathComponent("cache.sqlite").path
        let note = folder.appendingPathComponent("a.md").path
        try "x".write(toFile: note, atomically: true, encoding: .utf8)
        try Cache(path: path, fingerprint: Self.fingerprint).store([(Cache.Key(path: note, hash: 1), Data("good".utf8))])
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE files SET value = ?", arguments: [Data("evil".utf8)])
        }
        #expect(try Cache(path: path, fingerprint: Self.fingerprint).values(for: [Cache.Key(path: note, hash: 1)]).isEmpty)
    }

    // MARK: - collect over the cache

    /// Two dated notes and a folder to publish into, with the cache beside them.
    func project() throws -> (notes: URL, configuration: Almanac.Configuration, cache: String) {
        let folder = try TestPaths.temporaryDirectory()
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try """
            ---
            title: Weekly call
            date: 2031-03-04
            ---
            - The Harbour Hackathon is on 12 April 2031 in Porto.
            - The next call is on 11 March.
            """.write(to: notes.appendingPathComponent("2031-03-04.md"), atomically: true, encoding: .utf8)
        try """
            ---
            title: Weekly call
            date: 2031-03-11
            ---
            - Harbour Hackathon: registration closes on 1 April 2031.
            """.write(to: notes.appendingPathComponent("2031-03-11.md"), atomically: true, encoding: .utf8)
        var configuration = Almanac.Configuration()
        configuration.output = folder.appendingPathComponent("public").path
        return (notes, configuration, folder.appendingPathComponent(".almanac/cache.sqlite").path)
    }

    func collect(_ notes: URL, _ configuration: Almanac.Configuration, cache: String?) throws -> Collector.Result {
        var pipeline = Pipeline()
        // The default path (.almanac/cache.sqlite): Almanac's own, so whatever file is there is replaced when unreadable.
        if let cache { pipeline.cache = try Cache(path: cache, fingerprint: pipeline.fingerprint, owned: true) }
        return try Collector(configuration: configuration, pipeline: pipeline).collect(paths: [notes.path])
    }

    func outputs(_ configuration: Almanac.Configuration) throws -> [String: Data] {
        let folder = URL(fileURLWithPath: configuration.output)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test func anUnchangedReRunParsesAndWritesNothing() throws {
        let (notes, configuration, cache) = try project()
        let first = try collect(notes, configuration, cache: cache)
        #expect(!first.upToDate)
        #expect(first.collection?.filesCached == 0)
        let written = try outputs(configuration)
        let second = try collect(notes, configuration, cache: cache)
        #expect(second.upToDate)
        #expect(second.summary == first.summary)
        #expect(second.outputs == first.outputs)
        #expect(try outputs(configuration) == written)
        #expect(second.summary.line(output: "public", upToDate: true)
            == "Read 2 notes: 4 in the feeds (1 event, 1 deadline, 2 meetings); public is up to date")
    }

    @Test func anEditedNoteIsTheOnlyOneParsedAgain() throws {
        let (notes, configuration, cache) = try project()
        _ = try collect(notes, configuration, cache: cache)
        let edited = notes.appendingPathComponent("2031-03-11.md")
        try (try String(contentsOf: edited, encoding: .utf8)).replacingOccurrences(of: "1 April", with: "3 April")
            .write(to: edited, atomically: true, encoding: .utf8)
        let after = try collect(notes, configuration, cache: cache)
        #expect(!after.upToDate)
        #expect(after.collection?.filesRead == 2)
        #expect(after.collection?.filesCached == 1)
        let deadlines = try String(contentsOfFile: configuration.output + "/deadlines.ics", encoding: .utf8)
        #expect(deadlines.contains("DTSTART;VALUE=DATE:20310403\r\n"))
        // The same bytes as a run without any cache.
        let cached = try outputs(configuration)
        _ = try collect(notes, configuration, cache: nil)
        #expect(try outputs(configuration) == cached)
    }

    @Test func aDeletedOrEditedOutputIsWrittenAgain() throws {
        let (notes, configuration, cache) = try project()
        _ = try collect(notes, configuration, cache: cache)
        let written = try outputs(configuration)
        try FileManager.default.removeItem(atPath: configuration.output + "/events.ics")
        #expect(try !collect(notes, configuration, cache: cache).upToDate)
        #expect(try outputs(configuration) == written)
        try "edited by hand".write(toFile: configuration.output + "/projects.md", atomically: true, encoding: .utf8)
        #expect(try !collect(notes, configuration, cache: cache).upToDate)
        #expect(try outputs(configuration) == written)
    }

    @Test func aChangedConfigurationIsNotUpToDate() throws {
        var (notes, configuration, cache) = try project()
        _ = try collect(notes, configuration, cache: cache)
        configuration.name = "Harbour"
        let result = try collect(notes, configuration, cache: cache)
        #expect(!result.upToDate)
        #expect(result.collection?.filesCached == 2)
        #expect(try String(contentsOfFile: configuration.output + "/calendar.ics", encoding: .utf8).contains("X-WR-CALNAME:Harbour\r\n"))
    }

    @Test func aCorruptCacheGivesTheSameOutputs() throws {
        let (notes, configuration, cache) = try project()
        _ = try collect(notes, configuration, cache: cache)
        let written = try outputs(configuration)
        try Data(repeating: 0xFF, count: 8192).write(to: URL(fileURLWithPath: cache))
        try FileManager.default.removeItem(atPath: configuration.output)
        let result = try collect(notes, configuration, cache: cache)
        #expect(!result.upToDate)
        #expect(result.collection?.filesCached == 0)
        #expect(try outputs(configuration) == written)
        #expect(try collect(notes, configuration, cache: cache).upToDate)
    }
}
