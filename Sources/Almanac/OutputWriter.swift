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

    /// Writes `file` to `name`, atomically, its `.previous` pieces taken from `previous`: the file's
    /// bytes as the last run left them (mapped), which are compared in place, so an unchanged file is
    /// neither read nor written.
    @discardableResult
    public func write(_ file: FileBytes, previous: Data?, to name: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        if let previous {
            if file.count == previous.count, file.equals(previous) { return path }
        } else if (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == file.count,
            let current = FileManager.default.contents(atPath: path), file.equals(current)
        {
            return path
        }
        try Self.atomicWrite(path) { descriptor in
            for piece in file.pieces {
                switch piece {
                case .new(let bytes): try bytes.withUnsafeBytes { try Self.write($0, to: descriptor) }
                case .previous(let range):
                    guard let previous else { throw POSIXError(.EINVAL) }
                    try previous.withUnsafeBytes { try Self.write(UnsafeRawBufferPointer(rebasing: $0[range]), to: descriptor) }
                }
            }
        }
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

/// A file's bytes as pieces: new bytes, and stretches of the file it replaces (by range), so text the
/// last run wrote is copied once, straight from that file when it is written, and compared in place.
public struct FileBytes: Sendable {
    public enum Piece: Sendable {
        case new([UInt8])
        case previous(Range<Int>)
    }

    /// The pieces before the last stretch of new bytes, which grows in `open`.
    private var closed: [Piece] = []
    private var open: [UInt8] = []
    /// The size of the file.
    public private(set) var count = 0

    public init() {}

    public var pieces: [Piece] { open.isEmpty ? closed : closed + [.new(open)] }

    /// Room for `count` more new bytes at the end (one allocation for a file written whole).
    public mutating func reserveCapacity(_ count: Int) { open.reserveCapacity(open.count + count) }

    public mutating func append(_ bytes: some Swift.Collection<UInt8>) {
        open += bytes
        count += bytes.count
    }

    public mutating func append(_ text: String) { append(text.utf8) }

    public mutating func append(_ piece: Piece) {
        switch piece {
        case .new(let bytes): append(bytes)
        case .previous(let range): append(previous: range)
        }
    }

    /// The new pieces' bytes: the whole file when it has no `.previous` piece.
    public var newBytes: [UInt8] {
        closed.isEmpty ? open : pieces.reduce(into: []) { bytes, piece in if case .new(let new) = piece { bytes += new } }
    }

    /// A stretch of the previous file; one that follows the last one there is joined to it.
    public mutating func append(previous range: Range<Int>) {
        guard !range.isEmpty else { return }
        if !open.isEmpty {
            closed.append(.new(open))
            open = []
        }
        if case .previous(let last) = closed.last, last.upperBound == range.lowerBound {
            closed[closed.count - 1] = .previous(last.lowerBound..<range.upperBound)
        } else {
            closed.append(.previous(range))
        }
        count += range.count
    }

    /// Whether the file is exactly `other` (of the same size), its `.previous` pieces read from `other`
    /// too: a stretch kept where it was is equal without a look.
    public func equals(_ other: Data) -> Bool {
        guard count == other.count else { return false }
        return other.withUnsafeBytes { other in
            var offset = 0
            for piece in pieces {
                switch piece {
                case .new(let bytes):
                    let same = bytes.withUnsafeBytes { bytes in memcmp(bytes.baseAddress!, other.baseAddress! + offset, bytes.count) == 0 }
                    guard same else { return false }
                    offset += bytes.count
                case .previous(let range):
                    guard range.lowerBound == offset || memcmp(other.baseAddress! + range.lowerBound, other.baseAddress! + offset, range.count) == 0
                    else { return false }
                    offset += range.count
                }
            }
            return true
        }
    }
}
