/// A file's bytes cut into lines (`\n`, `\r\n` or `\r`), each with its 1-based line number.
struct SourceLines {
    struct Line: LineOfBytes {
        var number: Int
        var bytes: ArraySlice<UInt8>

        /// Leading spaces (a tab counts to the next multiple of 4).
        var indent: Int { indent(tabWidth: 4) }

        /// The 1-based column of index `index` in `bytes`.
        func column(of index: Int) -> Int { index - bytes.startIndex + 1 }
    }

    let storage: [UInt8]
    var lines: [Line] = []

    init(_ bytes: [UInt8], firstLine: Int = 1) {
        storage = bytes
        var lines: [Line] = []
        var start = 0
        var number = firstLine
        var i = 0
        let count = bytes.count
        // On the buffer: the search for line breaks visits every byte of the file.
        bytes.withUnsafeBufferPointer { buffer in
            while i < count {
                let byte = buffer[i]
                if byte <= 0x0D, byte == 0x0A || byte == 0x0D {
                    lines.append(Line(number: number, bytes: bytes[start..<i]))
                    if byte == 0x0D, i + 1 < count, buffer[i + 1] == 0x0A { i += 1 }
                    number += 1
                    start = i + 1
                }
                i += 1
            }
        }
        if start < count { lines.append(Line(number: number, bytes: bytes[start..<count])) }
        self.lines = lines
    }
}

/// Appends blocks to a document, keeping each block's enclosing heading and marking bold lead-ins.
struct DocumentBuilder {
    private(set) var blocks: [Block] = []
    private var headings: [(level: Int, index: Int)] = []

    /// Adds a block built in `text`; returns its index, or nil when the text was empty.
    @discardableResult
    mutating func add(_ kind: Block.Kind, _ text: TextBuilder, parent: Int? = nil, cells: [Range<Int>] = [])
        -> Int?
    {
        guard let (string, spans, anchors) = text.finish() else { return nil }
        var section = headings.last?.index
        if case .heading(let level) = kind {
            while let top = headings.last, top.level >= level { headings.removeLast() }
            section = headings.last?.index
            headings.append((level, blocks.count))
        }
        var allSpans = spans
        if kind != .code, !kind.isHeading, let first = spans.first(where: { $0.kind == .strong }),
            first.range.lowerBound == 0, !spans.contains(where: { $0.kind == .leadIn })
        {
            allSpans.append(Span(.leadIn, first.range))
            allSpans.sort { ($0.range.lowerBound, -$0.range.upperBound) < ($1.range.lowerBound, -$1.range.upperBound) }
        }
        blocks.append(
            Block(kind: kind, text: string, spans: allSpans, anchors: anchors, parent: parent, section: section, cells: cells))
        return blocks.count - 1
    }

    /// The heading new blocks belong to.
    var currentSection: Int? { headings.last?.index }

}

extension DocumentBuilder {
    /// Adds the blocks another parser read (an HTML table inside Markdown: its rows, and the lists and
    /// paragraphs inside its cells), whose lines count from `firstLine`: anchors move to the file's
    /// lines, parents to the blocks' new indices; they belong to the current heading (a heading among
    /// them becomes a paragraph).
    mutating func addBlocks(_ added: [Block], firstLine: Int) {
        append(added, as: .paragraph) { Block.Anchor(offset: $0.offset, line: $0.line + firstLine - 1, column: $0.column) }
    }

    /// Adds the blocks of a block quote, read as a document of its own from its lines without their
    /// markers: columns move right by each line's marker (`columnShifts`, by line), parents to the
    /// blocks' new indices; paragraphs and headings become quote paragraphs of the current heading.
    mutating func addQuoted(_ added: [Block], columnShifts: [Int: Int]) {
        append(added, as: .quote) { Block.Anchor(offset: $0.offset, line: $0.line, column: $0.column + (columnShifts[$0.line] ?? 0)) }
    }

    /// Adds blocks another parse read, each anchor moved by `anchor`, parents to their new indices, in
    /// the current heading; a heading among them, or a paragraph, becomes `kind`.
    private mutating func append(_ added: [Block], as kind: Block.Kind, anchor: (Block.Anchor) -> Block.Anchor) {
        let base = blocks.count
        for block in added {
            var moved = block
            moved.anchors = block.anchors.map(anchor)
            moved.parent = block.parent.map { $0 + base }
            moved.section = currentSection
            if moved.isHeading || moved.kind == .paragraph { moved.kind = kind }
            blocks.append(moved)
        }
    }
}

extension Block.Kind {
    var isHeading: Bool {
        if case .heading = self { return true }
        return false
    }
}

extension SourceLines {
    /// Lines that are not one run of a file (decoded mail), each with the file line it came from.
    init(numbered: [(line: Int, text: String)]) {
        var storage: [UInt8] = []
        var ranges: [(Int, Range<Int>)] = []
        ranges.reserveCapacity(numbered.count)
        for (line, text) in numbered {
            let start = storage.count
            storage.append(contentsOf: text.utf8)
            ranges.append((line, start..<storage.count))
        }
        self.storage = storage
        self.lines = ranges.map { Line(number: $0.0, bytes: storage[$0.1]) }
    }
}

/// A line of a file as bytes: what the readers ask of every line, whatever the markup.
protocol LineOfBytes {
    var bytes: ArraySlice<UInt8> { get }
}

extension LineOfBytes {
    /// Leading spaces, a tab counting to the next multiple of `tabWidth`.
    func indent(tabWidth: Int) -> Int {
        var width = 0
        for byte in bytes {
            if byte == 0x20 { width += 1 } else if byte == 0x09 { width += tabWidth - width % tabWidth } else { break }
        }
        return width
    }

    /// The bytes after leading whitespace.
    var content: ArraySlice<UInt8> {
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        return bytes[start...]
    }

    /// The bytes with whitespace trimmed at both ends.
    var trimmed: ArraySlice<UInt8> {
        var slice = content
        while let last = slice.last, last.isASCIISpace { slice = slice.dropLast() }
        return slice
    }

    var isBlank: Bool { trimmed.isEmpty }
}
