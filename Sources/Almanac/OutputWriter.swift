public import Foundation

/// Writes output files atomically: the bytes go to a temporary file in the same folder, which is
/// then renamed over the target, so a subscriber fetching the feed never sees half of it.
public struct OutputWriter: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// Creates the folder if needed.
    public func prepare() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the folder, atomically; returns the path. A file that already
    /// holds exactly these bytes is left alone, so its modification time says when it last changed.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        try write(Data(text.utf8), to: name)
    }

    @discardableResult
    public func write(_ data: Data, to name: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        if (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == data.count,
            FileManager.default.contents(atPath: path) == data
        {
            return path
        }
        try Self.atomicWrite(data, to: path)
        return path
    }

    /// A file that could not be written, and why.
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Writes every file or none: each changed file's bytes go to a temporary file beside it first, and
    /// only when all of them are written (and nothing is in the way of any) are they renamed over the old
    /// files, one after another. A failure (disk full, a folder where a file goes, no permission) removes
    /// the temporary files, leaves every output as it was, and names the file. Temporary files a killed
    /// run left (`.calendar.ics.<pid>.tmp`, of a process no longer running) are removed first. Returns the
    /// paths, in order.
    public func writeAll(_ files: [(name: String, data: Data)]) throws -> [String] {
        removeStaleTemporaries(of: files.map(\.name))
        var pending: [(temporary: String, path: String)] = []
        var paths: [String] = []
        func abandon() { for file in pending { unlink(file.temporary) } }
        for (name, data) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            paths.append(path)
            var status = stat()
            if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
                abandon()
                throw Failure(path: path, reason: status.st_mode & S_IFMT == S_IFDIR ? "a folder is in the way" : "something that is not a file is in the way")
            }
            if (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == data.count,
                FileManager.default.contents(atPath: path) == data
            {
                continue
            }
            let temporary = Self.temporaryPath(for: path)
            do {
                try Self.writeNew(temporary) { descriptor in try data.withUnsafeBytes { try Self.write($0, to: descriptor) } }
            } catch {
                abandon()
                throw Failure(path: path, reason: Self.reason(error))
            }
            pending.append((temporary, path))
        }
        for (index, file) in pending.enumerated() where rename(file.temporary, file.path) != 0 {
            let code = errno
            for rest in pending[index...] { unlink(rest.temporary) }
            throw Failure(path: file.path, reason: String(cString: strerror(code)))
        }
        return paths
    }

    /// Removes `.NAME.PID.tmp` files of these outputs whose process is gone (a run that was killed).
    func removeStaleTemporaries(of names: [String]) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let wanted = Set(names)
        for entry in entries where entry.hasPrefix(".") && entry.hasSuffix(".tmp") {
            let parts = entry.dropFirst().dropLast(4)
            guard let dot = parts.lastIndex(of: "."), let pid = Int32(parts[parts.index(after: dot)...]),
                wanted.contains(String(parts[..<dot])), pid != ProcessInfo.processInfo.processIdentifier
            else { continue }
            // kill(pid, 0) fails with ESRCH when no such process runs.
            if kill(pid, 0) != 0, errno == ESRCH { unlink((directory as NSString).appendingPathComponent(entry)) }
        }
    }

    static func temporaryPath(for path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return (folder.isEmpty ? "." : folder) + "/.\(name).\(ProcessInfo.processInfo.processIdentifier).tmp"
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? POSIXError { return String(cString: strerror(error.code.rawValue)) }
        return "\(error)"
    }

    /// Creates `temporary` and runs `body` on it; removes it when anything fails.
    private static func writeNew(_ temporary: String, _ body: (Int32) throws -> Void) throws {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        do {
            try body(descriptor)
            guard close(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
    }

    public static func atomicWrite(_ data: Data, to path: String) throws {
        try atomicWrite(path) { descriptor in try data.withUnsafeBytes { try write($0, to: descriptor) } }
    }

    /// Runs `body` on a new temporary file beside `path`, then renames it over `path`; the temporary
    /// file is removed when anything fails.
    private static func atomicWrite(_ path: String, _ body: (Int32) throws -> Void) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).\(ProcessInfo.processInfo.processIdentifier).tmp"
        try writeNew(temporary, body)
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    /// Writes all of `bytes`, however many calls it takes.
    private static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
    }
}
