import Almanac
import AlmanacCore
import AlmanacStore
import ArgumentParser
import Foundation
import Logging

/// Options every command that reads notes shares: where the notes are and how to read them.
struct SourceOptions: ParsableArguments {
    @Argument(help: "Notes and calendars: files or folders (default: the configuration's sources, else the current folder).")
    var paths: [String] = []

    @Option(help: "Configuration file (default: almanac.yml in the current folder or the first folder given).")
    var config: String?

    @Flag(help: "Read numeric dates as day/month (10/1 is 10 January).")
    var dayFirst = false

    @Flag(help: "Date a note that gives no date of its own by the commit that last changed it (runs git).")
    var datesFromGit = false

    @Flag(name: .shortAndLong, help: "Log what is read and how long each step takes (to standard error).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "No progress bar and no summary line; only problems.")
    var quiet = false

    @Option(help: "The cache of earlier runs (default: .almanac/cache.sqlite beside almanac.yml, else in the current folder).")
    var cache: String?

    @Flag(help: "Parse every note again, without reading or writing the cache.")
    var noCache = false

    /// The logger the command uses: debug level with --verbose, warnings otherwise; lines go to stderr.
    var logger: Logger {
        LoggingSystem.bootstrapOnce
        var logger = Logger(label: "almanac")
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    /// The configuration (from the file, with these flags applied), the paths to read, and a pipeline
    /// reading them with the cache and progress bar these flags ask for; problems with the configuration
    /// file end the run with status 1.
    func resolve() throws -> (Configuration, [String], Pipeline) {
        reportEverything = verbose
        var configuration = Configuration()
        if let file = Configuration.locate(explicit: config, paths: paths) {
            let (loaded, problems) = Configuration.load(path: file)
            report(problems)
            guard let loaded else { throw ExitCode(1) }
            configuration = loaded
        }
        if dayFirst { configuration.dayFirst = true }
        if datesFromGit { configuration.datesFromGit = true }
        var sources = paths
        if sources.isEmpty {
            let (resolved, problems) = configuration.resolvedSources()
            report(problems)
            sources = resolved.isEmpty && configuration.sources.isEmpty ? ["."] : resolved
        }
        var pipeline = Pipeline(configuration: configuration)
        pipeline.logger = logger
        if !noCache {
            let folder = configuration.folder ?? ""
            let path = cache ?? ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(".almanac/cache.sqlite")
            do {
                let opened = try Cache(path: path, fingerprint: pipeline.fingerprint, owned: cache == nil)
                if let note = opened.openingNote { logger.debug("\(note)") }
                pipeline.cache = opened
            } catch Cache.CacheError.notACache(let at, let why) {
                // What is there is the user's: refuse rather than replace it.
                report([.error("cannot use this as the cache: \(why); pass another --cache path or --no-cache", path: at)])
                throw ExitCode(1)
            } catch {
                logger.warning("cannot use the cache at \(path) (\(error)); reading every note")
            }
        }
        if !quiet { pipeline.progress = ProgressBar.shared.show }
        return (configuration, sources, pipeline)
    }
}

extension LoggingSystem {
    /// Log lines on standard error, once per process.
    static let bootstrapOnce: Void = LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = .debug
        return handler
    }
}
