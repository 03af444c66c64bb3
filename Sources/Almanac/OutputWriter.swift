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
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
