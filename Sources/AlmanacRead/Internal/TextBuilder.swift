/// Accumulates a block's text byte by byte, collapsing whitespace, and records where every byte
/// came from (an anchor whenever the source position jumps) and the inline spans.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []
    private(set) var anchors: [Block.Anchor] = []
    var spans: [Span] = []
    private var pendingSpace = false

    var count: Int { bytes.count }
    var isEmpty: Bool { bytes.isEmpty }

    /// Appends one byte that came from `line`:`column` of the file.
    mutating func append(_ byte: UInt8, line: Int, column: Int) {
        if Self.isSpace(byte) {
            space()
            return
        }
        if pendingSpace {
            if !bytes.isEmpty { bytes.append(0x20) }
            pendingSpace = false
        }
        let offset = bytes.count
        if let last = anchors.last, last.line == line, last.column + (offset - last.offset) == column {
            // Contiguous with the last anchor: no new one needed.
        } else {
            anchors.append(Block.Anchor(offset: offset, line: line, column: column))
        }
        bytes.append(byte)
    }

    /// Appends a byte that is no space and comes right after the last appended one, which was no space
    /// either, on the same source line: it needs no anchor and no pending space.
    mutating func appendFollowing(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// The bytes `append` turns into a word break.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Appends text whose bytes all come from one line, starting at `column`.
    mutating func append<S: Sequence>(_ text: S, line: Int, column: Int) where S.Element == UInt8 {
        var col = column
        for byte in text {
            append(byte, line: line, column: col)
            col += 1
        }
    }

    /// Room for `count` more bytes (a block's text is about as long as its source).
    mutating func reserve(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// A word break: collapses with neighbouring whitespace, dropped at the ends.
    mutating func space() { pendingSpace = true }

    /// The offset where the next non-space byte will land (for opening a span).
    var nextOffset: Int { bytes.count + (pendingSpace && !bytes.isEmpty ? 1 : 0) }

    mutating func addSpan(_ kind: Span.Kind, from start: Int) {
        let end = bytes.count
        let lower = min(start, end)
        if lower < end { spans.append(Span(kind, lower..<end)) }
    }

    /// The block's text, spans sorted by position, anchors; nil when the text is empty.
    func finish() -> (text: String, spans: [Span], anchors: [Block.Anchor])? {
        guard !bytes.isEmpty else { return nil }
        let sorted = spans.sorted { ($0.range.lowerBound, -$0.range.upperBound) < ($1.range.lowerBound, -$1.range.upperBound) }
        return (String(decoding: bytes, as: UTF8.self), sorted, anchors)
    }
}

extension UInt8 {
    var isASCIISpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D || self == 0x0C }
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
}
