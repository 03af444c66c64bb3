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

    public static func atomicWrite(_ data: Data, to path: String) throws {
        try atomicWrite(path) { descriptor in try data.withUnsafeBytes { try write($0, to: descriptor) } }
    }

    /// Runs `body` on a new temporary file beside `path`, then renames it over `path`; the temporary
    /// file is removed when anything fails.
    private static func atomicWrite(_ path: String, _ body: (Int32) throws -> Void) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).\(ProcessInfo.processInfo.processIdentifier).tmp"
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
