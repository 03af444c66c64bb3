public import AlmanacCore
public import AlmanacModel
import AlmanacExtract
import AlmanacICal
public import AlmanacRead
public import AlmanacStore
public import AlmanacTime
import Foundation
public import Logging

/// What one note gave.
public struct NoteItems: Sendable, Codable {
    public var info: NoteInfo
    public var items: [Item]

    public init(info: NoteInfo, items: [Item]) {
        self.info = info
        self.items = items
    }

    /// How many notes (files) and how many calendar events `notes` are, as a run's summary counts them.
    static func counts(_ notes: some Sequence<NoteItems>) -> (notes: Int, calendarEvents: Int) {
        var paths = Set<String>()
        var calendarEvents = 0
        for note in notes {
            if note.info.format == .calendar { calendarEvents += 1 } else { paths.insert(note.info.path) }
        }
        return (paths.count, calendarEvents)
    }
}

/// Everything a run read and built.
public struct Collection: Sendable {
    public var notes: [NoteItems]
    /// Projects list pages read among the sources.
    public var lists: [ProjectList]
    public var model: Model
    public var diagnostics: [Diagnostic]
    /// Files looked at (notes and calendars).
    public var filesRead: Int
    /// Files whose extraction came from the cache.
    public var filesCached = 0
    /// The replay captured partway (`Pipeline.run(_:checkpointAt:)`), and the replay at the end.
    public var checkpoint: Pipeline.Checkpoint?
    public var replay: Merger.Replay?
    /// The replay's position of each model item, when it has a checkpoint.
    public var order: [Int]?
}

/// The source files of a run as they are on disk: read once, hashed, not yet parsed.
public struct Snapshot: Sendable {
    public struct File: Sendable {
        public var path: String
        /// Nil when the file could not be read (see `problems`).
        public var bytes: [UInt8]?
        public var problems: [Diagnostic]
        /// FNV-1a of the bytes (of the problems when unreadable).
        public var hash: UInt64
    }

    public var files: [File]
    /// Paths that matched nothing, folders that could not be listed.
    public var diagnostics: [Diagnostic]
    /// One hash over every path and content and the reading options: equal digests read the same.
    public var digest: UInt64
}

/// Files → notes → items → model: the whole reading side of Almanac. Notes are independent until
/// the merge, so they are read and extracted on all cores; with a ``cache``, a file whose content was
/// seen before is not parsed again.
///
/// ```swift
/// let collection = Pipeline().run(paths: ["data/notes"])
/// collection.model.items.count
/// ```
public struct Pipeline: Sendable {
    public var dateOptions: TemporalTagger.Options
    public var maximumBytes: Int
    /// Where progress and timings go (debug level: `--verbose`).
    public var logger = Logger(label: "almanac")
    /// Extractions of earlier runs, by path and content hash.
    public var cache: Cache?
    /// Called with (files done, files in all) while files are extracted, from any thread.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(dateOptions: TemporalTagger.Options = .init(), maximumBytes: Int = 64 << 20) {
        self.dateOptions = dateOptions
        self.maximumBytes = maximumBytes
    }

    /// Reads notes the way `configuration` says (numeric date order).
    public init(configuration: Configuration) {
        self.init(dateOptions: .init(dayFirst: configuration.dayFirst))
    }

    /// What a cache must match to be used: this build of Almanac and these reading options.
    public var fingerprint: String {
        "\(Self.buildIdentity) day-first:\(dateOptions.dayFirst) maximum-bytes:\(maximumBytes)"
    }

    /// The running executable's size and modification time: a rebuilt Almanac does not reuse what an
    /// older one extracted.
    static let buildIdentity: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "almanac \(version)" }
        let size = attributes[.size] as? Int ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "almanac \(version) build:\(size)-\(Int64(modified * 1000))"
    }()

    /// Almanac's version.
    public static let version = "0.1.0"

    /// Reads every file under `paths` (`.ics` too when `calendars` is set), on all cores, in path order.
    public func snapshot(paths roots: [String], calendars: Bool = false, excluding output: OutputFolder? = nil) -> Snapshot {
        var (paths, diagnostics) = SourceFinder(extensions: NoteReader.extensions.union(calendars ? ["ics"] : [])).files(in: roots)
        if let output { paths = output.excluded(from: paths, roots: roots) }
        let reader = NoteReader(maximumBytes: maximumBytes)
        let files = parallelMap(paths) { path -> Snapshot.File in
            let (bytes, problems) = reader.bytes(contentsOf: path)
            let hash = bytes.map { $0.withUnsafeBytes(Hash.content) } ?? Hash.fnv1a(problems.map(\.message).joined())
            return Snapshot.File(path: path, bytes: bytes, problems: problems, hash: hash)
        }
        return Snapshot(files: files, diagnostics: diagnostics, digest: digest(files[...]))
    }

    /// Reads every note under `paths` and extracts its items, in path order. `.ics` files (when
    /// `calendars` is set) are read as calendars: each of their events is an entry of its own, dated by
    /// its last change. Projects list pages are left out (see ``sources(_:)``).
    public func notes(paths: [String], calendars: Bool = false) -> (notes: [NoteItems], diagnostics: [Diagnostic], files: Int) {
        let read = sources(snapshot(paths: paths, calendars: calendars))
        return (read.notes, read.diagnostics, read.files)
    }

    /// What one source file gave; what the cache keeps for it.
    struct FileOutcome: Codable, Sendable {
        var notes: [NoteItems] = []
        var list: ProjectList?
        var diagnostics: [Diagnostic] = []

        /// The outcome in ``ByteWriter``'s form: notes and diagnostics packed, a projects list (rare) through `BinaryCoder`.
        func bytes() throws -> Data {
            var out = ByteWriter()
            out.write(notes) { out, note in
                out.write(note.info)
                out.write(note.items)
            }
            out.write(try list.map { try BinaryCoder.encode($0) }) { $0.write(bytes: $1) }
            out.write(diagnostics)
            return Data(out.bytes)
        }

        init(notes: [NoteItems] = [], list: ProjectList? = nil, diagnostics: [Diagnostic] = []) {
            self.notes = notes
            self.list = list
            self.diagnostics = diagnostics
        }

        /// Reads what ``bytes()`` wrote; throws when the bytes are damaged.
        init(bytes data: Data) throws {
            var reader = ByteReader([UInt8](data))
            notes = try reader.array(each: 16) { NoteItems(info: try $0.read(), items: try $0.array()) }
            list = try reader.optional { try BinaryCoder.decode(ProjectList.self, from: Data(try $0.slice())) }
            diagnostics = try reader.array()
            guard reader.isAtEnd else { throw ByteReader.Damaged() }
        }
    }

    /// The notes, calendars and projects list pages of the snapshot, in path order.
    public func sources(_ snapshot: Snapshot)
        -> (notes: [NoteItems], lists: [ProjectList], diagnostics: [Diagnostic], files: Int, cached: Int)
    {
        let read = sources(snapshot, consumingInOrder: nil)
        return (read.notes, read.lists, read.diagnostics, read.files, read.cached)
    }

    /// What the files of a snapshot (from `first` on) gave, in path order.
    struct Read {
        var notes: [NoteItems] = []
        var lists: [ProjectList] = []
        /// The snapshot's own, then each file's.
        var diagnostics: [Diagnostic] = []
        /// Per file: how many diagnostics and notes it gave.
        var counts: [(diagnostics: Int, notes: Int)] = []
        var files = 0
        var cached = 0
    }

    /// `sources(_:)` from the file at `first` on, handing each file's outcome, its notes made ready for
    /// the merge (nil for a projects list of no date of its own), to `consume` in path order, on the
    /// calling thread, while later files are still being extracted.
    func sources(_ snapshot: Snapshot, from first: Int = 0, consumingInOrder consume: (([Merger.PreparedNote]?) -> Void)?)
        -> Read
    {
        let files = Array(snapshot.files[first...])
        let cached = cache?.values(for: files.map { Cache.Key(path: $0.path, hash: $0.hash) }) ?? [:]
        let reader = NoteReader(maximumBytes: maximumBytes)
        let listReader = ProjectListReader()
        let extractor = Extractor(dateOptions: dateOptions)
        let counter = progress.map { ProgressCounter(total: files.count, report: $0) }
        let store = cache != nil
        let prepare = consume != nil
        let outcomes = parallelMap(files, { file -> ((FileOutcome, fromCache: Bool, encoded: Data?), [Merger.PreparedNote]?) in
            defer { counter?.advance() }
            let outcome: FileOutcome
            var encoded: Data?
            let fromCache: Bool
            if let data = cached[file.path], let decoded = try? FileOutcome(bytes: data) {
                (outcome, fromCache) = (decoded, true)
            } else {
                (outcome, fromCache) = (Self.outcome(of: file, reader: reader, listReader: listReader, extractor: extractor), false)
                encoded = store ? try? outcome.bytes() : nil
            }
            guard prepare else { return ((outcome, fromCache, encoded), nil) }
            // A projects list of no date of its own joins at the earliest note's date, known only at the end.
            if let list = outcome.list, list.date == nil { return ((outcome, fromCache, encoded), nil) }
            var ready = outcome.notes.map { Merger.prepare($0.info, $0.items) }
            if let list = outcome.list, let date = list.date { ready.append(Merger.prepare(list.info(fallbackDate: date), list.items)) }
            return ((outcome, fromCache, encoded), ready)
        }, consumingInOrder: { consume?($0) })
        var read = Read(diagnostics: snapshot.diagnostics, files: files.count)
        var fresh: [(key: Cache.Key, value: Data)] = []
        for (file, (outcome, fromCache, encoded)) in zip(files, outcomes) {
            read.diagnostics += outcome.diagnostics
            read.notes += outcome.notes
            read.counts.append((outcome.diagnostics.count, outcome.notes.count))
            if let list = outcome.list { read.lists.append(list) }
            if fromCache { read.cached += 1 }
            if let encoded { fresh.append((Cache.Key(path: file.path, hash: file.hash), encoded)) }
        }
        // A resumed run reads only the later files: the earlier ones stay in the cache as they are.
        if let cache, !fresh.isEmpty || (first == 0 && cached.count != files.count) { cache.store(fresh) }
        return read
    }

    private static func outcome(of file: Snapshot.File, reader: NoteReader, listReader: ProjectListReader, extractor: Extractor)
        -> FileOutcome
    {
        guard let bytes = file.bytes else { return FileOutcome(diagnostics: file.problems) }
        if file.path.lowercased().hasSuffix(".ics") {
            let (events, problems) = ICalendarImporter().read(bytes: bytes, path: file.path)
            return FileOutcome(notes: events.map { NoteItems(info: $0.0, items: [$0.1]) }, diagnostics: problems)
        }
        let (text, problems) = reader.decode(bytes, path: file.path)
        guard let text else { return FileOutcome(diagnostics: problems) }
        if let list = listReader.read(text: text, path: file.path) { return FileOutcome(list: list, diagnostics: list.diagnostics) }
        let read = reader.read(text: text, path: file.path)
        guard let note = read.note else { return FileOutcome(diagnostics: read.diagnostics) }
        return FileOutcome(notes: [NoteItems(info: note.info, items: extractor.extract(note))], diagnostics: read.diagnostics)
    }

    /// Reads, extracts and merges; `.ics` files among the sources join as calendars, projects list
    /// pages at their own date (else the earliest note's).
    public func run(paths: [String]) -> Collection {
        run(snapshot(paths: paths, calendars: true))
    }

    public func run(_ snapshot: Snapshot) -> Collection {
        run(snapshot, checkpointAt: nil)
    }

    /// `run(_:)`, capturing the replay after the first `checkpointAt` files (when the notes came in history
    /// order) for ``resume(_:from:)``.
    func run(_ snapshot: Snapshot, checkpointAt cut: Int?) -> Collection {
        let clock = ContinuousClock()
        let readStart = clock.now
        // Notes usually come in history order by path too (dated file names): then they are merged as
        // they are extracted, else (or with a projects list of no date of its own) once all are.
        var replay: Merger.Replay? = Merger.Replay()
        var consumed = 0
        var captured: (Merger.Replay.Checkpoint, items: [ModelItem])?
        let read = sources(snapshot) { ready in
            if consumed == cut, var state = replay {
                captured = state.checkpoint()!
                state.forgetTouched()
                replay = state
            }
            consumed += 1
            Self.replay(ready, onto: &replay)
        }
        let notes = read.notes
        logger.debug("extracted \(read.files) files (\(read.cached) from the cache) in \(readStart.duration(to: clock.now))")
        let mergeStart = clock.now
        var collection = Collection(notes: notes, lists: read.lists, model: Model(), diagnostics: read.diagnostics,
            filesRead: read.files, filesCached: read.cached)
        if let replay {
            // A replay from the start has every item.
            let order = replay.order()
            collection.model = Model(items: order.map { replay.item(at: $0)! }, notes: replay.noteRefs)
            logger.debug("merged \(notes.count) notes as they were extracted (\(mergeStart.duration(to: clock.now)) after)")
            if let cut, let captured {
                let before = read.counts.prefix(cut)
                let counts = NoteItems.counts(notes.prefix(before.reduce(0) { $0 + $1.notes }))
                collection.checkpoint = Checkpoint(files: cut, digest: digest(snapshot.files.prefix(cut)), state: captured.0,
                    items: captured.items,
                    diagnostics: Array(read.diagnostics[snapshot.diagnostics.count...].prefix(before.reduce(0) { $0 + $1.diagnostics })),
                    notes: counts.notes, calendarEvents: counts.calendarEvents)
                collection.replay = replay
                collection.order = order
            }
        } else {
            defer { logger.debug("merged \(notes.count) notes in \(mergeStart.duration(to: clock.now))") }
            let earliest = notes.map(\.info.date).min() ?? read.lists.compactMap(\.date).min() ?? CivilDate(year: 2000, month: 1, day: 1)!
            var entries = notes.map { ($0.info, $0.items) }
            for list in read.lists { entries.append((list.info(fallbackDate: earliest), list.items)) }
            collection.model = Merger().merge(entries)
        }
        return collection
    }

    /// The replay of a run after its first `files` files, and what those files gave that a later run
    /// needs without reading them again.
    public struct Checkpoint: Sendable {
        public var files: Int
        /// ``digest(_:)`` of those files.
        public var digest: UInt64
        public var state: Merger.Replay.Checkpoint
        /// The items, by position (stored apart: they are loaded only when a later note touches them).
        public var items: [ModelItem] = []
        public var diagnostics: [Diagnostic]
        /// How many notes and calendar events those files gave (as in ``Collector/Summary``).
        public var notes: Int
        public var calendarEvents: Int
    }

    /// One hash over the paths and contents of `files` (and the reading options).
    func digest(_ files: ArraySlice<Snapshot.File>) -> UInt64 {
        var digest = Hash.fnv1a(fingerprint)
        for file in files {
            digest = Hash.combine(digest, Hash.fnv1a(file.path))
            digest = Hash.combine(digest, file.hash)
        }
        return digest
    }

    /// What a run resumed from a checkpoint read: the files after it, replayed on its state.
    struct Resumed {
        var replay: Merger.Replay
        var read: Read
    }

    /// Replays the files after `checkpoint` (whose files must be the snapshot's first ones, unchanged) on
    /// its state; nil when they cannot be replayed in order (a note dated before the checkpoint's last,
    /// a projects list of no date of its own): then the whole run is needed.
    func resume(_ snapshot: Snapshot, from checkpoint: Checkpoint, load: @escaping @Sendable (Int) -> ModelItem?) -> Resumed? {
        var replay: Merger.Replay? = Merger.Replay(resuming: checkpoint.state, load: load)
        let read = sources(snapshot, from: checkpoint.files) { Self.replay($0, onto: &replay) }
        guard let replay, !replay.isDamaged else { return nil }
        return Resumed(replay: replay, read: read)
    }

    /// Adds a file's notes made ready for the merge to `replay`; nil, for a whole merge instead, when they
    /// cannot be replayed in order (nil `ready`: a projects list of no date of its own).
    private static func replay(_ ready: [Merger.PreparedNote]?, onto replay: inout Merger.Replay?) {
        guard let ready else { return replay = nil }
        for note in ready where replay?.add(note) == false { replay = nil }
    }
}

/// Counts finished files and reports every percent, from any thread.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let step: Int
    private let report: @Sendable (Int, Int) -> Void

    init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
        self.total = total
        self.step = max(1, total / 100)
        self.report = report
    }

    func advance() {
        lock.lock()
        done += 1
        let now = done
        lock.unlock()
        if now % step == 0 || now == total { report(now, total) }
    }
}
