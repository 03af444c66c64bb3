import Almanac
import AlmanacCore
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

    @Flag(name: .shortAndLong, help: "Log what is read and how long each step takes (to standard error).")
    var verbose = false

    /// The logger the command uses: debug level with --verbose, warnings otherwise; lines go to stderr.
    var logger: Logger {
        LoggingSystem.bootstrapOnce
        var logger = Logger(label: "almanac")
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    /// The configuration (from the file, with these flags applied) and the paths to read; problems
    /// with the configuration file end the run with status 1.
    func resolve() throws -> (Configuration, [String]) {
        var configuration = Configuration()
        if let file = Configuration.locate(explicit: config, paths: paths) {
            let (loaded, problems) = Configuration.load(path: file)
            report(problems)
            guard let loaded else { throw ExitCode(1) }
            configuration = loaded
        }
        if dayFirst { configuration.dayFirst = true }
        var sources = paths
        if sources.isEmpty {
            let (resolved, problems) = configuration.resolvedSources()
            report(problems)
            sources = resolved.isEmpty && configuration.sources.isEmpty ? ["."] : resolved
        }
        return (configuration, sources)
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
