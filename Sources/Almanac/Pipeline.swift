public import AlmanacCore
public import AlmanacModel
import AlmanacExtract
import AlmanacICal
import AlmanacRead
public import AlmanacTime
import Dispatch
import Foundation

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
    /// its last change.
    public func notes(paths: [String], calendars: Bool = false) -> (notes: [NoteItems], diagnostics: [Diagnostic], files: Int) {
        let (files, found) = SourceFinder(extensions: NoteReader.extensions.union(calendars ? ["ics"] : [])).files(in: paths)
        var diagnostics = found
        let reader = NoteReader(maximumBytes: maximumBytes)
        let extractor = Extractor(dateOptions: dateOptions)
        let outcomes = parallelMap(files) { path -> ([NoteItems], [Diagnostic]) in
            if path.lowercased().hasSuffix(".ics") {
                let (events, problems) = ICalendarImporter().read(contentsOf: path)
                return (events.map { NoteItems(info: $0.0, items: [$0.1]) }, problems)
            }
            let outcome = reader.read(contentsOf: path)
            guard let note = outcome.note else { return ([], outcome.diagnostics) }
            return ([NoteItems(info: note.info, items: extractor.extract(note))], outcome.diagnostics)
        }
        var notes: [NoteItems] = []
        for (found, problems) in outcomes {
            diagnostics += problems
            notes += found
        }
        return (notes, diagnostics, files.count)
    }

    /// Reads, extracts and merges; `.ics` files among the sources join as calendars.
    public func run(paths: [String]) -> Collection {
        let (notes, diagnostics, files) = self.notes(paths: paths, calendars: true)
        let model = Merger().merge(notes.map { ($0.info, $0.items) })
        return Collection(notes: notes, model: model, diagnostics: diagnostics, filesRead: files)
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
