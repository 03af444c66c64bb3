import AlmanacNames
public import AlmanacCore
public import AlmanacModel
import AlmanacStore
import Foundation
public import Logging

/// `almanac collect` as a library: sources → model → feeds, board, JSON and page in the output folder.
///
/// With the pipeline's cache, a run whose sources, configuration and outputs are exactly as the last run
/// left them reads every file (to hash it) but parses and writes nothing, and reports what that run
/// reported; otherwise only the changed files are parsed again, and the model and outputs are built anew.
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
        /// The model's counts (notes, calendars, what the feeds hold and leave out).
        public var tally: Tally
        public var filesWritten: Int
        public var warnings: Int

        init(_ tally: Tally, filesWritten: Int, diagnostics: [Diagnostic]) {
            self.tally = tally
            self.filesWritten = filesWritten
            warnings = diagnostics.count { $0.severity >= .warning }
        }

        /// "Read 4 notes: 13 in the feeds (…); left out: …; wrote 8 files to public; 1 warning".
        public func line(output: String, upToDate: Bool) -> String {
            var line = "Read \(tally.sources): \(tally.summary)"
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
    }

    public enum Failure: Error, CustomStringConvertible {
        /// Nothing dated was read; the diagnostics say what was wrong with the files.
        case noNotes([String], [Diagnostic])
        case cannotWrite(String, any Error)

        public var description: String {
            switch self {
            case .noNotes(let paths, _): "no notes with a date were found in \(paths.joined(separator: ", "))"
            case .cannotWrite(let folder, let error as OutputWriter.Failure):
                "cannot write \(error.path): \(error.reason); no file in \(folder) was changed"
            case .cannotWrite(let folder, let error): "cannot write to \(folder): \(error.localizedDescription)"
            }
        }
    }

    /// What the cache keeps about the last run into an output folder: when the sources, the configuration
    /// and the outputs are all as that run left them, the next run has nothing to do.
    struct Record: Codable {
        var summary: Summary
        var diagnostics: [Diagnostic]
        var outputs: [Stamp]
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
        if let stored = pipeline.cache?.run(runName, digest: digest), let last = try? BinaryCoder.decode(Record.self, from: stored),
            last.outputs.allSatisfy({ Stamp(path: $0.path) == $0 })
        {
            logger.debug("sources, configuration and outputs unchanged since the last run")
            return Result(summary: last.summary, diagnostics: last.diagnostics, outputs: last.outputs.map(\.path), upToDate: true)
        }

        let collection = pipeline.run(snapshot)
        guard !collection.notes.isEmpty else { throw Failure.noNotes(paths, collection.diagnostics) }
        let written: [String]
        do {
            var publisher = Publisher(configuration: configuration)
            publisher.logger = logger
            written = try publisher.publish(collection.model, to: configuration.output,
                published: Publisher.published(in: configuration.output))
        } catch {
            throw Failure.cannotWrite(configuration.output, error)
        }
        let summary = Summary(Tally(collection.model), filesWritten: written.count, diagnostics: collection.diagnostics)
        let record = Record(summary: summary, diagnostics: collection.diagnostics, outputs: written.compactMap(Stamp.init(path:)))
        if let cache = pipeline.cache, record.outputs.count == written.count, let value = try? BinaryCoder.encode(record) {
            cache.setRun(runName, digest: digest, value: value)
        }
        return Result(summary: summary, diagnostics: collection.diagnostics, outputs: written, upToDate: false, collection: collection)
    }
}
