public import AlmanacCore
public import AlmanacModel
import AlmanacStore
import Foundation
public import Logging

/// `almanac collect` as a library: sources → model → feeds, board, JSON and page in the output folder.
///
/// With the pipeline's cache, a run whose sources, configuration and outputs are exactly as the last run
/// left them reads every file (to hash it) but parses and writes nothing, and reports what that run
/// reported; one changed file is the only one parsed again.
public struct Collector: Sendable {
    public var configuration: Configuration
    public var pipeline: Pipeline
    public var logger = Logger(label: "almanac")

    public init(configuration: Configuration, pipeline: Pipeline) {
        self.configuration = configuration
        self.pipeline = pipeline
    }

    /// What a run did, for its summary line.
    public struct Summary: Sendable, Codable, Equatable {
        public var notes: Int
        public var calendarEvents: Int
        /// Model items per kind, in `Item.Kind.allCases` order.
        public var items: [Int]
        public var filesWritten: Int
        public var warnings: Int
        /// The model's counts (notes, calendars, what the feeds hold and leave out): what the line says.
        public var tally: Tally?

        /// What a run that read `notes`, made items of `kinds`, wrote files and gave `diagnostics` reports.
        init(_ notes: [NoteItems], _ kinds: [Item.Kind], filesWritten: Int, diagnostics: [Diagnostic]) {
            (self.notes, calendarEvents) = NoteItems.counts(notes)
            var counts: [Item.Kind: Int] = [:]
            for kind in kinds { counts[kind, default: 0] += 1 }
            items = Item.Kind.allCases.map { counts[$0] ?? 0 }
            self.filesWritten = filesWritten
            warnings = diagnostics.count { $0.severity >= .warning }
        }

        /// "Read 4 notes and 3 calendar events: 5 events, …; wrote 8 files to public; 1 warning".
        public func line(output: String, upToDate: Bool) -> String {
            var line = "Read \(notes.counting("note"))"
            if calendarEvents > 0 { line += " and \(calendarEvents.counting("calendar event"))" }
            line += ": " + zip(Item.Kind.allCases, items).map { $1.counting($0.rawValue) }.joined(separator: ", ")
            if let tally { line = "Read \(tally.sources): \(tally.summary)" }
            line += upToDate ? "; \(output) is up to date" : "; wrote \(filesWritten.counting("file")) to \(output)"
            if warnings > 0 { line += "; \(warnings.counting("warning"))" }
            return line
        }
    }

    public struct Result: Sendable {
        public var summary: Summary
        public var diagnostics: [Diagnostic]
        /// Paths of the outputs (written, or already up to date).
        public var outputs: [String]
        /// True when nothing needed to be parsed or written.
        public var upToDate: Bool
        /// The model, when the run built one.
        public var collection: Collection?
        /// When the run resumed from the last run's checkpoint: the files before it, not read again.
        public var resumedAfter: Int?
        /// How many items' text the run wrote again (the others' was copied from the last outputs).
        public var itemsRendered = 0
    }

    public enum Failure: Error, CustomStringConvertible {
        /// Nothing dated was read; the diagnostics say what was wrong with the files.
        case noNotes([String], [Diagnostic])
        case cannotWrite(String, any Error)

        public var description: String {
            switch self {
            case .noNotes(let paths, _): "no notes with a date were found in \(paths.joined(separator: ", "))"
            case .cannotWrite(let folder, let error): "cannot write to \(folder): \(error.localizedDescription)"
            }
        }
    }

    /// What the cache keeps about the last run into an output folder.
    struct Record: Codable {
        var summary: Summary
        var diagnostics: [Diagnostic]
        var outputs: [Stamp]
        /// The digest of the configuration the run used.
        var configuration: UInt64
        /// The checkpoint the run's replay started from or made (its file count and digest), and the
        /// positions of its items the run changed after it.
        var checkpoint: CheckpointKey?
        var changed: [Int] = []
    }

    struct CheckpointKey: Codable, Equatable {
        var files: Int
        var digest: UInt64
    }

    /// An output file as it was left: someone editing or deleting it makes the next run write again.
    struct Stamp: Codable, Equatable {
        var path: String
        var size: Int
        var modified: Double

        init?(path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date
            else { return nil }
            self.path = path
            self.size = size
            self.modified = modified.timeIntervalSince1970
        }
    }

    /// How many files at the end of the sources a run replays on the state it keeps for the next run
    /// (the checkpoint); a run whose changes are all among them, or after them, replays only those files.
    public var tailFiles = 32
    /// A checkpoint is used until this many files follow it; then a whole run makes a new one.
    var longestTail: Int { 8 * tailFiles }

    public func collect(paths: [String]) throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let snapshot = pipeline.snapshot(paths: paths, calendars: true, excluding: OutputFolder(configuration))
        logger.debug("read and hashed \(snapshot.files.count) files in \(start.duration(to: clock.now))")
        let runName = "collect " + URL(fileURLWithPath: configuration.output).standardizedFileURL.path
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var configured = configuration
        configured.path = nil
        let settings = (try? encoder.encode(configured)).map { $0.withUnsafeBytes { Hash.fnv1a($0) } } ?? 0
        let digest = Hash.combine(snapshot.digest, settings)
        let last = pipeline.cache?.run(runName).flatMap { stored in
            (try? BinaryCoder.decode(Record.self, from: stored.value)).map { (digest: stored.digest, record: $0) }
        }
        let outputsAsLeft = last?.record.outputs.allSatisfy { Stamp(path: $0.path) == $0 } == true
        if let last, last.digest == digest, outputsAsLeft {
            logger.debug("sources, configuration and outputs unchanged since the last run")
            return Result(summary: last.record.summary, diagnostics: last.record.diagnostics,
                outputs: last.record.outputs.map(\.path), upToDate: true)
        }
        // The outputs as the last run left them, with the same configuration: the text of each item that
        // has not changed since is copied from them.
        let previous = last.flatMap { last in
            outputsAsLeft && last.record.configuration == settings ? previousOutputs(runName: runName, digest: last.digest) : nil
        }
        if let last, let previous, let resumed = try resume(snapshot, after: last.record, previous: previous, runName: runName, digest: digest) {
            return resumed
        }
        if last != nil, previous == nil {
            logger.debug("a whole run: the outputs or the configuration changed since the last run")
        }

        let cut = pipeline.cache != nil && snapshot.files.count > tailFiles ? snapshot.files.count - tailFiles : nil
        let collection = pipeline.run(snapshot, checkpointAt: cut)
        guard !collection.notes.isEmpty else { throw Failure.noNotes(paths, collection.diagnostics) }
        let items = collection.model.items
        // With a cache, each item is packed: its hash is kept with where its text went, so a later run can
        // copy the text of an item with the same hash; the same bytes go into the checkpoint.
        let packed = pipeline.cache == nil ? nil : parallelMap(items) { Data($0.packedBytes) }
        let hashes = packed.map { parallelMap($0, Cache.checksum) }
        // The replay after all but the last files is stored for the next run while this one publishes.
        let stored = Background { () -> CheckpointKey? in
            guard let cache = pipeline.cache, let checkpoint = collection.checkpoint, let replay = collection.replay,
                let order = collection.order, let packed, let hashes
            else { return nil }
            let storing = clock.now
            // An item no file after the checkpoint touched is there as it is in the model.
            var known = [(Data, UInt64)?](repeating: nil, count: checkpoint.items.count)
            for (index, position) in order.enumerated() where position < known.count && !replay.touched.contains(position) {
                known[position] = (packed[index], hashes[index])
            }
            let values = parallelMap(Array(known.indices)) { [known] position in
                known[position] ?? { bytes in (bytes, Cache.checksum(bytes)) }(Data(checkpoint.items[position].packedBytes))
            }
            guard Self.store(checkpoint, values: values, in: cache, as: runName) else { return nil }
            logger.debug("stored the replay after \(checkpoint.files) files for the next run in \(storing.duration(to: clock.now))")
            return CheckpointKey(files: checkpoint.files, digest: checkpoint.digest)
        }
        let slots = items.indices.map { index -> Publisher.Slot in
            if let hash = hashes?[index], let place = previous?.place(of: items[index].uid, hash: hash) {
                return .kept(uid: items[index].uid, at: place)
            }
            return .fresh(items[index])
        }
        let tally = Tally(collection.model)
        let published = try publish(Publisher.Plan(notes: collection.model.notes, slots: slots,
            pageItems: items.filter { $0.item.kind == .deadline || $0.item.kind == .project }, hashes: hashes, previous: previous, tally: tally))
        var summary = Summary(collection.notes, items.map(\.item.kind), filesWritten: published.written.count,
            diagnostics: collection.diagnostics)
        summary.tally = tally
        var record = Record(summary: summary, diagnostics: collection.diagnostics, outputs: [], configuration: settings)
        if let key = stored.value, let checkpoint = collection.checkpoint, let replay = collection.replay {
            record.checkpoint = key
            record.changed = replay.touched.filter { $0 < checkpoint.state.entries.count }.sorted()
        }
        save(record, published, runName: runName, digest: digest)
        logger.debug("wrote \(Self.rendered(slots)) of \(slots.count) items again, copied the others' text from the last outputs")
        return Result(summary: summary, diagnostics: collection.diagnostics, outputs: published.written, upToDate: false,
            collection: collection, itemsRendered: Self.rendered(slots))
    }

    /// The last run's outputs and where each item's text is in them; nil when any is missing or damaged.
    private func previousOutputs(runName: String, digest: UInt64) -> Publisher.Previous? {
        guard let stored = pipeline.cache?.run("fragments " + runName, digest: digest),
            let fragments = try? Publisher.Fragments(bytes: [UInt8](stored))
        else { return nil }
        var files: [String: Data] = [:]
        for file in fragments.files {
            let url = URL(fileURLWithPath: configuration.output).appendingPathComponent(file.name)
            guard let bytes = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
            files[file.name] = bytes
        }
        return Publisher.Previous(fragments: fragments, files: files)
    }

    private func publish(_ plan: Publisher.Plan) throws -> (written: [String], fragments: Publisher.Fragments) {
        do {
            var publisher = Publisher(configuration: configuration)
            publisher.logger = logger
            return try publisher.publish(plan, to: configuration.output)
        } catch {
            throw Failure.cannotWrite(configuration.output, error)
        }
    }

    /// Stores the record of the run, and where each item went in its outputs.
    private func save(_ record: Record, _ published: (written: [String], fragments: Publisher.Fragments), runName: String,
        digest: UInt64)
    {
        var record = record
        record.outputs = published.written.compactMap(Stamp.init(path:))
        guard let cache = pipeline.cache, record.outputs.count == published.written.count, let data = try? BinaryCoder.encode(record)
        else { return }
        cache.setRun("fragments " + runName, digest: digest, value: Data(published.fragments.bytes()))
        cache.setRun(runName, digest: digest, value: data)
    }

    // MARK: - Resuming

    /// The run from the checkpoint the last run left, when every file before it is as it was and not too
    /// many come after it: only the files after it are replayed, and only the items they touch (and those
    /// the last run changed after it) are written again; the others' text is copied from the outputs.
    /// Nil when the whole run is needed.
    private func resume(_ snapshot: Snapshot, after last: Record, previous: Publisher.Previous, runName: String, digest: UInt64)
        throws -> Result?
    {
        let clock = ContinuousClock()
        let start = clock.now
        guard let cache = pipeline.cache, let key = last.checkpoint else { return nil }
        func whole(_ reason: String) -> Result? {
            logger.debug("a whole run: \(reason)")
            return nil
        }
        guard key.files <= snapshot.files.count, snapshot.files.count - key.files <= longestTail else {
            return whole("\(snapshot.files.count) files, the checkpoint is after \(key.files)")
        }
        guard pipeline.digest(snapshot.files.prefix(key.files)) == key.digest else { return whole("a file before the checkpoint changed") }
        guard let (checkpoint, load) = Self.loadCheckpoint(from: cache, as: runName, key: key) else {
            return whole("the checkpoint is missing or damaged")
        }
        guard let resumed = pipeline.resume(snapshot, from: checkpoint, load: load) else {
            return whole("the files after the checkpoint cannot be replayed on it (out of date order, or a damaged item)")
        }
        let replay = resumed.replay
        let checkpointed = checkpoint.state.entries.count
        let stale = Set(last.changed).union(replay.touched)
        logger.debug("replayed \(resumed.read.files) files after the checkpoint of \(key.files) in \(start.duration(to: clock.now))")
        // The previous outputs hold the text of every item that has not changed since the checkpoint; the
        // page and the board need the deadlines and projects themselves.
        var slots: [Publisher.Slot] = []
        var hashes: [UInt64] = []
        var pageItems: [ModelItem] = []
        for position in replay.order() {
            let uid = replay.uid(at: position)
            let onPage = [.deadline, .project].contains(replay.kind(at: position))
            let kept = position < checkpointed && !stale.contains(position) ? previous.place[uid] : nil
            if let kept {
                slots.append(.kept(uid: uid, at: kept))
                hashes.append(previous.hashes[kept])
            }
            guard kept == nil || onPage else { continue }
            guard let item = replay.item(at: position) else { return whole("an item of the checkpoint is damaged") }
            if onPage { pageItems.append(item) }
            if kept == nil {
                // Its hash is left to the next whole run: only a whole run compares them.
                slots.append(.fresh(item))
                hashes.append(0)
            }
        }
        // The counts are the model's: every item is loaded for them.
        guard let tally = replay.model().map(Tally.init) else { return whole("an item of the checkpoint is damaged") }
        let published = try publish(Publisher.Plan(notes: replay.noteRefs, slots: slots, pageItems: pageItems, hashes: hashes,
            previous: previous, tally: tally))

        let diagnostics = snapshot.diagnostics + checkpoint.diagnostics + resumed.read.diagnostics.dropFirst(snapshot.diagnostics.count)
        var summary = Summary(resumed.read.notes, (0..<replay.count).map(replay.kind(at:)), filesWritten: published.written.count,
            diagnostics: diagnostics)
        summary.notes += checkpoint.notes
        summary.calendarEvents += checkpoint.calendarEvents
        summary.tally = tally
        let record = Record(summary: summary, diagnostics: diagnostics, outputs: [], configuration: last.configuration,
            checkpoint: key, changed: replay.touched.filter { $0 < checkpointed }.sorted())
        save(record, published, runName: runName, digest: digest)
        logger.debug("wrote \(Self.rendered(slots)) of \(slots.count) items again, copied the others' text from the last outputs")
        return Result(summary: summary, diagnostics: diagnostics, outputs: published.written, upToDate: false, resumedAfter: key.files,
            itemsRendered: Self.rendered(slots))
    }

    /// How many of the slots are written afresh.
    static func rendered(_ slots: [Publisher.Slot]) -> Int {
        slots.count { $0.freshItem != nil }
    }

    /// Stores the checkpoint under the run's name: what it says of the files before it (`Codable`), its
    /// state (``Merger/Replay/Checkpoint/bytes()``), and each item on its own (`values`: packed, with
    /// their hash), to be loaded only when a later note touches it. False when the files' part cannot be encoded.
    static func store(_ checkpoint: Pipeline.Checkpoint, values: [(Data, UInt64)], in cache: Cache, as runName: String) -> Bool {
        cache.setItems(runName, values: values)
        let files = StoredFiles(diagnostics: checkpoint.diagnostics, notes: checkpoint.notes, calendarEvents: checkpoint.calendarEvents,
            checksums: values.map(\.1))
        guard let head = try? BinaryCoder.encode(files) else { return false }
        var value = ByteWriter()
        value.write(bytes: head)
        value.write(bytes: checkpoint.state.bytes())
        cache.setRun("checkpoint " + runName, digest: checkpoint.digest, value: Data(value.bytes))
        return true
    }

    /// What a checkpoint keeps of the files before it.
    struct StoredFiles: Codable {
        var diagnostics: [Diagnostic]
        var notes: Int
        var calendarEvents: Int
        /// Of each item's stored value, by position: the items table is shared by the run's checkpoints,
        /// only the values that changed are written again.
        var checksums: [UInt64]
    }

    /// The checkpoint stored under the run's name with this digest, and a loader of its items by
    /// position; nil when there is none or it does not read back whole.
    static func loadCheckpoint(from cache: Cache, as runName: String, key: CheckpointKey)
        -> (Pipeline.Checkpoint, @Sendable (Int) -> ModelItem?)?
    {
        let digest = key.digest
        guard let data = cache.run("checkpoint " + runName, digest: digest) else { return nil }
        var reader = ByteReader([UInt8](data))
        guard let head = try? reader.slice(), let files = try? BinaryCoder.decode(StoredFiles.self, from: Data(head)),
            let stateBytes = try? reader.slice(), reader.isAtEnd, let state = try? Merger.Replay.Checkpoint(bytes: Array(stateBytes)),
            files.checksums.count == state.entries.count
        else { return nil }
        let checksums = files.checksums
        let checkpoint = Pipeline.Checkpoint(files: key.files, digest: digest, state: state, diagnostics: files.diagnostics, notes: files.notes,
            calendarEvents: files.calendarEvents)
        return (checkpoint, { position in
            let item = cache.item(runName, position: position, checksum: checksums[position]).flatMap {
                try? ModelItem(packed: [UInt8]($0))
            }
            // A damaged item: the whole run that follows stores them all again.
            if item == nil { cache.forgetItems(runName) }
            return item
        })
    }
}
