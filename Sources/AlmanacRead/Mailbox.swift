import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The messages of an mbox file (and of a monthly pipermail `.txt` archive, which is one): each starts
/// with a `From ` line at the start of the file or after a blank line.
///
/// ```swift
/// for (bytes, firstLine) in Mailbox.messages(in: Array(text.utf8)) { … }
/// let reader = try MailboxReader(path: "list.mbox")   // the same, streamed from disk
/// while let message = reader.next() { … }
/// ```
public enum Mailbox {
    /// Each message's bytes (its `From ` line included) and the file line it starts on.
    public static func messages(in bytes: [UInt8]) -> [(bytes: ArraySlice<UInt8>, firstLine: Int)] {
        var result: [(ArraySlice<UInt8>, Int)] = []
        var start = 0
        var startLine = 1
        var line = 1
        var i = 0
        var previousBlank = true
        var lineStart = 0
        while i < bytes.count {
            if i == lineStart, previousBlank, isSeparator(bytes, at: i), i > start {
                result.append((bytes[start..<i], startLine))
                start = i
                startLine = line
            }
            if bytes[i] == 0x0A {
                let content = bytes[lineStart..<i]
                previousBlank = content.isEmpty || content.elementsEqual([0x0D])
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        if start < bytes.count { result.append((bytes[start..<bytes.count], startLine)) }
        return result
    }

    /// A `From ` separator line at `i`: "From " and a sender, then more on the line.
    static func isSeparator(_ bytes: [UInt8], at i: Int) -> Bool {
        guard bytes.count - i > 6, bytes[i] == UInt8(ascii: "F"), bytes[i + 1] == UInt8(ascii: "r"), bytes[i + 2] == UInt8(ascii: "o"),
            bytes[i + 3] == UInt8(ascii: "m"), bytes[i + 4] == 0x20
        else { return false }
        return bytes[i + 5] != 0x20 && bytes[i + 5] != 0x0A && bytes[i + 5] != 0x0D
    }

    /// Whether text read as a `.txt` note is a mail archive: it opens with a `From ` line followed by headers.
    public static func looksLikeArchive(_ text: String) -> Bool {
        guard text.hasPrefix("From ") else { return false }
        let head = text.prefix(4096).split(separator: "\n", maxSplits: 12, omittingEmptySubsequences: false).dropFirst().prefix(10)
        let names = head.compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return line[..<colon].lowercased()
        }
        return names.contains("from") && (names.contains("date") || names.contains("subject"))
    }
}

/// An mbox file read message by message from disk, in bounded memory (a chunk and the message in hand).
public final class MailboxReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts.
    private var position = 0
    private var atEnd = false
    /// The file line of `buffer[position]`.
    private var line = 1
    /// Messages larger than this are skipped (with a warning in `skipped`).
    public let maximumMessageBytes: Int
    /// The first lines of messages skipped for their size.
    public private(set) var skipped: [Int] = []

    public init(path: String, maximumMessageBytes: Int = 32 << 20) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        self.maximumMessageBytes = maximumMessageBytes
    }

    deinit { close(descriptor) }

    /// Reads the next chunk into the buffer; false at the end of the file.
    private func fill() -> Bool {
        guard !atEnd else { return false }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let chunk = 1 << 20
        let old = buffer.count
        buffer += [UInt8](repeating: 0, count: chunk)
        var got = 0
        repeat {
            got = buffer.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.read(descriptor, raw.baseAddress! + old, chunk)
                #else
                Darwin.read(descriptor, raw.baseAddress! + old, chunk)
                #endif
            }
        } while got < 0 && errno == EINTR
        buffer.removeLast(chunk - max(0, got))
        if got <= 0 { atEnd = true }
        return got > 0
    }

    /// The next message's bytes and its first file line; nil at the end.
    public func next() -> (bytes: [UInt8], firstLine: Int)? {
        while true {
            let firstLine = line
            var dropping = false
            // Offsets from `position`: the scan, the current line's start; lines complete before it.
            var offset = 0
            var lineOffset = 0
            var lines = 0
            var previousBlank = false
            while true {
                let i = position + offset
                // Enough bytes to judge a separator line, or the end of the file.
                if i + 8 > buffer.count, !atEnd {
                    if dropping, lineOffset > 0 {
                        // An oversized message: what was read of it is let go, line by line.
                        position += lineOffset
                        line += lines
                        offset -= lineOffset
                        lineOffset = 0
                        lines = 0
                    }
                    _ = fill()
                    continue
                }
                if i >= buffer.count { break }
                if offset == lineOffset, offset > 0, previousBlank, Mailbox.isSeparator(buffer, at: i) { break }
                if buffer[i] == 0x0A {
                    previousBlank = offset == lineOffset || (offset == lineOffset + 1 && buffer[i - 1] == 0x0D)
                    lines += 1
                    lineOffset = offset + 1
                }
                offset += 1
                if !dropping, offset > maximumMessageBytes {
                    dropping = true
                    skipped.append(firstLine)
                }
            }
            if offset == 0 { return nil }
            let bytes = dropping ? [] : Array(buffer[position..<(position + offset)])
            position += offset
            line += lines
            if dropping { continue }
            return (bytes, firstLine)
        }
    }
}
