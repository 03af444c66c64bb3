import AlmanacCore
public import Foundation
import GRDB

/// What earlier runs worked out, in one SQLite file (`.almanac/cache.sqlite`): each source file's
/// extraction, keyed by its path and content hash, and the record of each output folder's last run.
///
/// The cache is never trusted blindly: a file that is not an Almanac cache of this format (corrupt,
/// foreign, an older format) is deleted and rebuilt; rows written by a different build or with different
/// reading options (the `fingerprint`) are dropped; each stored value carries a checksum that is checked
/// when it is read. Anything that fails is a miss, never an error.
///
/// ```swift
/// let cache = try Cache(path: ".almanac/cache.sqlite", fingerprint: "almanac 0.1.0 day-first:no")
/// cache.values(for: [Cache.Key(path: "notes/a.md", hash: 42)])   // [:] on the first run
/// ```
public final class Cache: Sendable {
    /// Bumped when the tables change.
    static let format = "almanac-cache 6"

    public let path: String
    /// What happened when the cache was opened ("rebuilt: not an Almanac cache"), for `--verbose`.
    public let openingNote: String?
    private let queue: DatabaseQueue

    /// A source file as the cache knows it.
    public struct Key: Sendable, Hashable {
        public var path: String
        public var hash: UInt64

        public init(path: String, hash: UInt64) {
            self.path = path
            self.hash = hash
        }
    }

    /// Opens (creating it and its folder if needed) the cache at `path`. A file that is not a cache of this
    /// format is replaced; rows from another `fingerprint` are dropped. Throws only when no cache can be made
    /// there at all (read-only folder, say).
    public init(path: String, fingerprint: String) throws {
        self.path = path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        var note: String?
        var opened: DatabaseQueue
        do {
            opened = try Self.open(path, fingerprint: fingerprint, note: &note)
        } catch {
            // Corrupt, foreign or unreadable: start again from nothing.
            note = "rebuilt \(path): \(Self.reason(error))"
            Self.remove(path)
            opened = try Self.open(path, fingerprint: fingerprint, note: &note)
        }
        queue = opened
        openingNote = note
    }

    private static func open(_ path: String, fingerprint: String, note: inout String?) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if tables.isEmpty {
                try db.execute(sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE files (path TEXT PRIMARY KEY, hash INTEGER NOT NULL, checksum INTEGER NOT NULL, value BLOB NOT NULL);
                    CREATE TABLE runs (name TEXT PRIMARY KEY, digest INTEGER NOT NULL, checksum INTEGER NOT NULL, value BLOB NOT NULL);
                    """)
                try db.execute(sql: "INSERT INTO meta VALUES ('format', ?), ('fingerprint', ?)", arguments: [format, fingerprint])
                return
            }
            guard tables == ["files", "meta", "runs"],
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'") == format
            else { throw CacheError.foreign }
            if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'") != fingerprint {
                note = "cleared \(path): written by another build or with other reading options"
                try db.execute(sql: "DELETE FROM files; DELETE FROM runs")
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'fingerprint'", arguments: [fingerprint])
            }
        }
        return queue
    }

    enum CacheError: Error, CustomStringConvertible {
        case foreign
        var description: String { "not an Almanac cache of this format" }
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    private static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    // MARK: - Source files

    /// The stored values of the files whose path and content hash match; a value whose checksum does
    /// not match is left out (and will be replaced).
    public func values(for keys: [Key]) -> [String: Data] {
        let wanted = Dictionary(keys.map { ($0.path, $0.hash) }, uniquingKeysWith: { first, _ in first })
        var found: [String: Data] = [:]
        _ = guarded { try queue.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT path, hash, checksum, value FROM files")
            while let row = try rows.next() {
                let path: String = row[0]
                guard let hash = wanted[path], UInt64(bitPattern: row[1]) == hash else { continue }
                let value: Data = row[3]
                if Self.checksum(value) == UInt64(bitPattern: row[2]) { found[path] = value }
            }
        } }
        return found
    }

    /// Stores the files' values, and forgets files that no longer exist.
    public func store(_ values: [(key: Key, value: Data)]) {
        _ = guarded { try queue.write { db in
            let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)")
            for (key, value) in values {
                try insert.execute(arguments: [key.path, Int64(bitPattern: key.hash), Int64(bitPattern: Self.checksum(value)), value])
            }
            let gone = try String.fetchAll(db, sql: "SELECT path FROM files").filter { !FileManager.default.fileExists(atPath: $0) }
            let delete = try db.cachedStatement(sql: "DELETE FROM files WHERE path = ?")
            for path in gone { try delete.execute(arguments: [path]) }
        } }
    }

    // MARK: - Runs

    /// The value stored for the run `name` when its inputs digest was `digest`; nil otherwise.
    public func run(_ name: String, digest: UInt64) -> Data? {
        guarded { try queue.read { db -> Data? in
            guard let row = try Row.fetchOne(db, sql: "SELECT digest, checksum, value FROM runs WHERE name = ?", arguments: [name]),
                UInt64(bitPattern: row[0]) == digest
            else { return nil }
            let value: Data = row[2]
            return Self.checksum(value) == UInt64(bitPattern: row[1]) ? value : nil
        } }
    }

    public func setRun(_ name: String, digest: UInt64, value: Data) {
        _ = guarded { try queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?)",
                arguments: [name, Int64(bitPattern: digest), Int64(bitPattern: Self.checksum(value)), value])
        } }
    }

    /// ``Hash/fnv1a(_:continuing:)`` of the bytes.
    static func checksum(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { Hash.fnv1a($0) }
    }

    /// Runs `body`; a database found corrupt on the way is deleted so the next run rebuilds it.
    private func guarded<T>(_ body: () throws -> T?) -> T? {
        do {
            return try body()
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            Self.remove(path)
            return nil
        } catch {
            return nil
        }
    }
}
