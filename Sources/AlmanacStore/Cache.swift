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

    /// Opens (creating it and its folder if needed) the cache at `path`. An Almanac cache of another format, or
    /// one SQLite finds corrupt, is replaced; rows from another `fingerprint` are dropped. Anything else at
    /// `path` (a folder, a file that is not an Almanac cache: notes, a database of something else) is never
    /// touched: that throws ``CacheError/notACache(_:_:)``, as does a path where no cache can be made at all
    /// (read-only folder, say).
    ///
    /// `owned`: the path is Almanac's own (`.almanac/cache.sqlite`, the default), so a file there that is not a
    /// readable cache is Almanac's too, and is replaced; a folder there is still refused.
    public init(path: String, fingerprint: String, owned: Bool = false) throws {
        self.path = path
        var status = stat()
        let exists = lstat(path, &status) == 0
        if path.isEmpty || path.hasSuffix("/") || (exists && status.st_mode & S_IFMT == S_IFDIR) {
            throw CacheError.notACache(path, "it is a folder; give the path of a file, such as \(path.isEmpty || path.hasSuffix("/") ? path : path + "/")cache.sqlite")
        }
        if exists, status.st_mode & S_IFMT != S_IFREG {
            throw CacheError.notACache(path, "it is not a regular file")
        }
        if exists, !owned, !Self.isSQLite(path) {
            throw CacheError.notACache(path, "it is not an Almanac cache (not an SQLite file); Almanac leaves it alone")
        }
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        var note: String?
        var opened: DatabaseQueue
        do {
            opened = try Self.open(path, fingerprint: fingerprint, note: &note)
        } catch CacheError.foreign where !owned {
            // An SQLite database, but not Almanac's (or no longer readable as one): not ours to delete.
            throw CacheError.notACache(path, "it is an SQLite database but not an Almanac cache; Almanac leaves it alone")
        } catch {
            // Almanac's own cache, of another format or corrupt: start again from nothing.
            note = "rebuilt \(path): \(Self.reason(error))"
            Self.remove(path)
            opened = try Self.open(path, fingerprint: fingerprint, note: &note)
        }
        queue = opened
        openingNote = note
    }

    /// Whether the file at `path` starts as every SQLite database does.
    static func isSQLite(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        // An empty file is what SQLite leaves when it is interrupted while creating one.
        return header.isEmpty || header == Data("SQLite format 3\u{0}".utf8)
    }

    private static func open(_ path: String, fingerprint: String, note: inout String?) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            // Until the meta table says it is Almanac's, any failure means it is not recognisably so.
            guard let tables = try? String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            else { throw CacheError.foreign }
            if tables.isEmpty {
                try db.execute(sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE files (path TEXT PRIMARY KEY, hash INTEGER NOT NULL, checksum INTEGER NOT NULL, value BLOB NOT NULL);
                    CREATE TABLE runs (name TEXT PRIMARY KEY, digest INTEGER NOT NULL, checksum INTEGER NOT NULL, value BLOB NOT NULL);
                    """)
                try db.execute(sql: "INSERT INTO meta VALUES ('format', ?), ('fingerprint', ?)", arguments: [format, fingerprint])
                return
            }
            // Almanac's by its meta table; of this format, and whole (quick_check reads every page once).
            guard tables.contains("meta"),
                let stored = try? String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'"),
                stored.hasPrefix("almanac-cache")
            else { throw CacheError.foreign }
            guard tables == ["files", "meta", "runs"], stored == format else { throw CacheError.otherFormat }
            let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
            guard check == ["ok"] else { throw CacheError.corrupt(check.first ?? "") }
            if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'") != fingerprint {
                note = "cleared \(path): written by another build or with other reading options"
                try db.execute(sql: "DELETE FROM files; DELETE FROM runs")
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'fingerprint'", arguments: [fingerprint])
            }
        }
        return queue
    }

    public enum CacheError: Error, CustomStringConvertible {
        /// An SQLite database that is not an Almanac cache.
        case foreign
        case otherFormat
        case corrupt(String)
        /// What is at the path is not Almanac's: it is left alone.
        case notACache(String, String)

        public var description: String {
            switch self {
            case .foreign: "not an Almanac cache"
            case .otherFormat: "an Almanac cache of another format"
            case .corrupt(let problem): "corrupt (\(problem))"
            case .notACache(let path, let why): "cannot use \(path) as the cache: \(why)"
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Deletes Almanac's own cache file and SQLite's files beside it; never a folder (unlink(2) removes none).
    private static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
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

    /// ``Hash/fnv1a(_:)-(UnsafeRawBufferPointer)`` of the bytes.
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
