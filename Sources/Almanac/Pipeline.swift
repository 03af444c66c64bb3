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
        /// An mbox: not held in memory, read message by message when its notes are needed.
        public var streamed = false
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
    /// Date notes that give no date of their own by their last commit (runs git).
    public var datesFromGit = false
    /// Follow symbolic links that lead out of the source folders (`follow_links: true`).
    public var followLinks = false

    public init(dateOptions: TemporalTagger.Options = .init(), maximumBytes: Int = 64 << 20) {
        self.dateOptions = dateOptions
        self.maximumBytes = maximumBytes
    }

    /// Reads notes the way `configuration` says (numeric date order).
    public init(configuration: Configuration) {
        self.init(dateOptions: .init(dayFirst: configuration.dayFirst))
        datesFromGit = configuration.datesFromGit
        followLinks = configuration.followLinks
    }

    /// What a cache must match to be used: this build of Almanac and these reading options.
    public var fingerprint: String {
        "\(Self.buildIdentity) day-first:\(dateOptions.dayFirst) maximum-bytes:\(maximumBytes) dates-from-git:\(datesFromGit)"
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
        var (paths, diagnostics) = SourceFinder(extensions: NoteReader.extensions.union(calendars ? ["ics"] : []), followLinks: followLinks)
            .files(in: roots)
        if let output { paths = output.excluded(from: paths, roots: roots) }
        let reader = NoteReader(maximumBytes: maximumBytes)
        let files = parallelMap(paths) { path -> Snapshot.File in
            if path.lowercased().hasSuffix(".mbox"), let hash = MailboxFile.hash(path) {
                return Snapshot.File(path: path, bytes: nil, problems: [], hash: hash, streamed: true)
            }
            let (bytes, problems) = reader.bytes(contentsOf: path)
            let hash = bytes.map { $0.withUnsafeBytes(Hash.fnv1a) } ?? Hash.fnv1a(problems.map(\.message).joined())
            return Snapshot.File(path: path, bytes: bytes, problems: problems, hash: hash)
        }
        return Snapshot(files: files, diagnostics: diagnostics, digest: digest(files))
    }

    /// Reads every note under `paths` and extracts its items, in path order. `.ics` files (when
    /// `calendars` is set) are read as calendars: each of their events is an entry of its own, dated by
    /// its last change. Projects list pages join with their projects when they have a date of their own.
    public func notes(paths: [String], calendars: Bool = false) -> (notes: [NoteItems], diagnostics: [Diagnostic], files: Int) {
        let read = sources(snapshot(paths: paths, calendars: calendars))
        let lists = read.lists.compactMap { list in list.date.map { NoteItems(info: list.info(fallbackDate: $0), items: list.items) } }
        let inPathOrder = (read.notes + lists).enumerated().sorted { ($0.element.info.path, $0.offset) < ($1.element.info.path, $1.offset) }
        return (inPathOrder.map(\.element), read.diagnostics, read.files)
    }

    /// What one source file gave; what the cache keeps for it.
    struct FileOutcome: Codable, Sendable {
        var notes: [NoteItems] = []
        var list: ProjectList?
        var diagnostics: [Diagnostic] = []
    }

    /// The notes, calendars and projects list pages of the snapshot, in path order.
    public func sources(_ snapshot: Snapshot)
        -> (notes: [NoteItems], lists: [ProjectList], diagnostics: [Diagnostic], files: Int, cached: Int)
    {
        let files = snapshot.files
        let cached = cache?.values(for: files.map { Cache.Key(path: $0.path, hash: $0.hash) }) ?? [:]
        let reader = NoteReader(maximumBytes: maximumBytes, commitDates: datesFromGit ? CommitDates() : nil)
        let listReader = ProjectListReader()
        let extractor = Extractor(dateOptions: dateOptions)
        let counter = progress.map { ProgressCounter(total: files.count, report: $0) }
        let store = cache != nil
        let outcomes = parallelMap(files) { file -> (outcome: FileOutcome, fromCache: Bool, encoded: Data?) in
            defer { counter?.advance() }
            if let data = cached[file.path], let decoded = try? BinaryCoder.decode(FileOutcome.self, from: data) {
                return (decoded, true, nil)
            }
            let outcome = Self.outcome(of: file, reader: reader, listReader: listReader, extractor: extractor)
            // A note dated by its last commit is not kept: a commit changes its date, not its content.
            let byGit = outcome.notes.contains { $0.info.dateSource == .git }
            return (outcome, false, store && !byGit ? try? BinaryCoder.encode(outcome) : nil)
        }
        var notes: [NoteItems] = []
        var lists: [ProjectList] = []
        var diagnostics = snapshot.diagnostics
        var fresh: [(key: Cache.Key, value: Data)] = []
        for (file, (outcome, _, encoded)) in zip(files, outcomes) {
            diagnostics += outcome.diagnostics
            notes += outcome.notes
            if let list = outcome.list { lists.append(list) }
            if let encoded { fresh.append((Cache.Key(path: file.path, hash: file.hash), encoded)) }
        }
        if let cache, !fresh.isEmpty || cached.count != files.count { cache.store(fresh) }
        return (notes, lists, diagnostics, files.count, outcomes.count { $0.fromCache })
    }

    static func outcome(of file: Snapshot.File, reader: NoteReader, listReader: ProjectListReader, extractor: Extractor)
        -> FileOutcome
    {
        if file.streamed { return MailboxFile.outcome(path: file.path, reader: reader, extractor: extractor) }
        guard let bytes = file.bytes else { return FileOutcome(diagnostics: file.problems) }
        if NoteReader.isMail(path: file.path, bytes: bytes) {
            return MailboxFile.outcome(reader.readAll(bytes: bytes[...], path: file.path), extractor: extractor)
        }
        if file.path.lowercased().hasSuffix(".ics") {
            let (events, problems) = ICalendarImporter().read(bytes: bytes, path: file.path)
            var diagnostics = problems
            let notes = events.map { NoteItems(info: $0.0, items: Self.publishable([$0.1], diagnostics: &diagnostics)) }
            return FileOutcome(notes: notes, diagnostics: diagnostics)
        }
        let (text, problems) = reader.decode(bytes, path: file.path)
        guard let text else { return FileOutcome(diagnostics: problems) }
        if let list = listReader.read(text: text, path: file.path) { return FileOutcome(list: list, diagnostics: list.diagnostics) }
        let read = reader.read(text: text, path: file.path)
        guard let note = read.note else { return FileOutcome(diagnostics: read.diagnostics) }
        let (items, dateProblems) = extractor.extractReporting(note)
        var diagnostics = read.diagnostics + dateProblems
        let kept = Self.publishable(items, diagnostics: &diagnostics)
        return FileOutcome(notes: [NoteItems(info: note.info, items: kept)], diagnostics: diagnostics)
    }

    /// The URL schemes a link may have to reach a feed, the JSON or the page (a relative link is resolved
    /// against the note's published address later): never `javascript:`, `data:`, `file:` or the like.
    public static let linkSchemes: Set<String> = ["http", "https", "mailto"]

    /// Whether `link` is relative or has one of ``linkSchemes``.
    public static func isPublishable(link: String) -> Bool {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        let scheme = trimmed[..<colon]
        // A colon after a slash, "?" or "#" is in a relative path or query, not after a scheme.
        if scheme.contains(where: { "/?#".contains($0) }) { return true }
        return linkSchemes.contains(scheme.lowercased())
    }

    /// Items as they may be published: a link with another scheme is dropped, and a date that iCalendar
    /// cannot write (its day, the day before or the day after outside the years 1–9999: "next week" in a note
    /// dated 9999-12-31) is left undated; both with a warning at the item's line.
    static func publishable(_ items: [Item], diagnostics: inout [Diagnostic]) -> [Item] {
        items.map { item in
            var item = item
            let source = item.sources.first
            if let url = item.url, !isPublishable(link: url) {
                diagnostics.append(.warning("link '\(url.prefix(60))' is not http, https or mailto; left out", path: source?.path ?? "",
                    line: source?.line, column: source?.column))
                item.url = nil
            }
            if let start = item.when.start, let last = item.when.lastDay ?? item.when.end ?? item.when.start,
                !start.adding(days: -1).isSupported || !last.adding(days: 1).isSupported || !start.isSupported || !last.isSupported
            {
                diagnostics.append(.warning("the date of '\(item.title)' (\(start)) is outside the years iCalendar can hold (0001-01-02 to 9999-12-30); left undated",
                    path: source?.path ?? "", line: source?.line, column: source?.column))
                item.when = .undated
            }
            return item
        }
    }

    /// Reads, extracts and merges; `.ics` files among the sources join as calendars, projects list
    /// pages at their own date (else the earliest note's).
    public func run(paths: [String]) -> Collection {
        run(snapshot(paths: paths, calendars: true))
    }

    public func run(_ snapshot: Snapshot) -> Collection {
        let clock = ContinuousClock()
        let readStart = clock.now
        let read = sources(snapshot)
        logger.debug("extracted \(read.files) files (\(read.cached) from the cache) in \(readStart.duration(to: clock.now))")
        let mergeStart = clock.now
        defer { logger.debug("merged \(read.notes.count) notes in \(mergeStart.duration(to: clock.now))") }
        let earliest = read.notes.map(\.info.date).min() ?? read.lists.compactMap(\.date).min() ?? CivilDate(year: 2000, month: 1, day: 1)!
        var entries = read.notes.map { ($0.info, $0.items) }
        for list in read.lists { entries.append((list.info(fallbackDate: earliest), list.items)) }
        return Collection(notes: read.notes, lists: read.lists, model: Merger().merge(entries), diagnostics: read.diagnostics,
            filesRead: read.files, filesCached: read.cached)
    }

    /// One hash over the paths and contents of `files` (and the reading options).
    func digest(_ files: [Snapshot.File]) -> UInt64 {
        var digest = Hash.fnv1a(fingerprint)
        for file in files {
            digest = Hash.combine(digest, Hash.fnv1a(file.path))
            digest = Hash.combine(digest, file.hash)
        }
        return digest
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
