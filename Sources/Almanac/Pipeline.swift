public import AlmanacCore
public import AlmanacModel
import AlmanacExtract
import AlmanacICal
public import AlmanacRead
public import AlmanacTime
import Dispatch
import Foundation
public import Logging

/// What one note gave.
public struct NoteItems: Sendable {
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
}

/// Files → notes → items → model: the whole reading side of Almanac. Notes are independent until
/// the merge, so they are read and extracted on all cores.
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

    public init(dateOptions: TemporalTagger.Options = .init(), maximumBytes: Int = 64 << 20) {
        self.dateOptions = dateOptions
        self.maximumBytes = maximumBytes
    }

    /// Reads notes the way `configuration` says (numeric date order).
    public init(configuration: Configuration) {
        self.init(dateOptions: .init(dayFirst: configuration.dayFirst))
    }

    /// Reads every note under `paths` and extracts its items, in path order. `.ics` files (when
    /// `calendars` is set) are read as calendars: each of their events is an entry of its own, dated by
    /// its last change. Projects list pages are left out (see ``sources(paths:calendars:)``).
    public func notes(paths: [String], calendars: Bool = false) -> (notes: [NoteItems], diagnostics: [Diagnostic], files: Int) {
        let read = sources(paths: paths, calendars: calendars)
        return (read.notes, read.diagnostics, read.files)
    }

    /// The notes, calendars and projects list pages under `paths`, in path order.
    public func sources(paths: [String], calendars: Bool = false)
        -> (notes: [NoteItems], lists: [ProjectList], diagnostics: [Diagnostic], files: Int)
    {
        let (files, found) = SourceFinder(extensions: NoteReader.extensions.union(calendars ? ["ics"] : [])).files(in: paths)
        var diagnostics = found
        let reader = NoteReader(maximumBytes: maximumBytes)
        let listReader = ProjectListReader()
        let extractor = Extractor(dateOptions: dateOptions)
        let outcomes = parallelMap(files) { path -> ([NoteItems], ProjectList?, [Diagnostic]) in
            if path.lowercased().hasSuffix(".ics") {
                let (events, problems) = ICalendarImporter().read(contentsOf: path)
                return (events.map { NoteItems(info: $0.0, items: [$0.1]) }, nil, problems)
            }
            let (text, problems) = reader.text(contentsOf: path)
            guard let text else { return ([], nil, problems) }
            if let list = listReader.read(text: text, path: path) { return ([], list, list.diagnostics) }
            let outcome = reader.read(text: text, path: path)
            guard let note = outcome.note else { return ([], nil, outcome.diagnostics) }
            return ([NoteItems(info: note.info, items: extractor.extract(note))], nil, outcome.diagnostics)
        }
        var notes: [NoteItems] = []
        var lists: [ProjectList] = []
        for (found, list, problems) in outcomes {
            diagnostics += problems
            notes += found
            if let list { lists.append(list) }
        }
        return (notes, lists, diagnostics, files.count)
    }

    /// Reads, extracts and merges; `.ics` files among the sources join as calendars, projects list
    /// pages at their own date (else the earliest note's).
    public func run(paths: [String]) -> Collection {
        let clock = ContinuousClock()
        let readStart = clock.now
        let (notes, lists, diagnostics, files) = sources(paths: paths, calendars: true)
        logger.debug("read and extracted \(files) files in \(readStart.duration(to: clock.now))")
        let mergeStart = clock.now
        defer { logger.debug("merged \(notes.count) notes in \(mergeStart.duration(to: clock.now))") }
        let earliest = notes.map(\.info.date).min() ?? lists.compactMap(\.date).min() ?? CivilDate(year: 2000, month: 1, day: 1)!
        var entries = notes.map { ($0.info, $0.items) }
        for list in lists { entries.append((list.info(fallbackDate: earliest), list.items)) }
        let model = Merger().merge(entries)
        return Collection(notes: notes, lists: lists, model: model, diagnostics: diagnostics, filesRead: files)
    }
}

/// `map` over all cores; results keep the input order.
func parallelMap<T: Sendable, R: Sendable>(_ input: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard input.count > 1 else { return input.map(transform) }
    let box = ResultBox<R>(count: input.count)
    DispatchQueue.concurrentPerform(iterations: input.count) { index in
        box.set(index, transform(input[index]))
    }
    return box.values()
}

/// Slots written by one thread each (concurrentPerform gives every index to exactly one worker),
/// read after all have finished; the lock makes the hand-over visible across threads.
private final class ResultBox<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: R) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [R] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
