import AlmanacCore

/// A line of a light-markup file (reStructuredText, AsciiDoc, Org): its number, its bytes (after any
/// indentation a nested block takes away) and the file column of its first byte.
struct MarkupLine: LineOfBytes {
    var number: Int
    var bytes: ArraySlice<UInt8>
    /// The 1-based file column of `bytes.startIndex`.
    var firstColumn: Int

    init(_ line: SourceLines.Line) {
        number = line.number
        bytes = line.bytes
        firstColumn = 1
    }

    init(number: Int, bytes: ArraySlice<UInt8>, firstColumn: Int) {
        self.number = number
        self.bytes = bytes
        self.firstColumn = firstColumn
    }

    /// Leading spaces (a tab to the next multiple of 8, as reStructuredText counts).
    var indent: Int { indent(tabWidth: 8) }

    /// The file column of index `index` of `bytes`.
    func column(of index: Int) -> Int { firstColumn + index - bytes.startIndex }

    /// The line without its first `width` columns of indentation (fewer when it has fewer).
    func dedented(by width: Int) -> MarkupLine {
        var start = bytes.startIndex
        var taken = 0
        while start < bytes.endIndex, taken < width, bytes[start] == 0x20 || bytes[start] == 0x09 {
            taken += bytes[start] == 0x09 ? 8 - taken % 8 : 1
            start += 1
        }
        return MarkupLine(number: number, bytes: bytes[start...], firstColumn: column(of: start))
    }

    /// The line from `index` to its end (trailing spaces trimmed) as an inline segment.
    func segment(from index: Int) -> InlineParser.Segment {
        var end = bytes.endIndex
        while end > index, bytes[end - 1].isASCIISpace { end -= 1 }
        return InlineParser.Segment(line: number, column: column(of: index), bytes: bytes[index..<max(index, end)])
    }

    /// The trimmed line as an inline segment.
    var segment: InlineParser.Segment { segment(from: content.startIndex) }

    /// Whether the trimmed line starts with `prefix` (ASCII).
    func starts(with prefix: String) -> Bool { trimmed.starts(with: prefix.utf8) }

    var text: String { String(decoding: trimmed, as: UTF8.self) }

    static func lines(_ text: String, firstLine: Int) -> [MarkupLine] {
        SourceLines(Array(text.utf8), firstLine: firstLine).lines.map(MarkupLine.init)
    }
}

/// What the light-markup readers share: blocks built from inline segments in the markup's own inline
/// syntax, added to a ``DocumentBuilder`` with their enclosing heading.
struct MarkupBlocks {
    var output = DocumentBuilder()
    var inline: LightInline

    init(_ inline: LightInline) { self.inline = inline }

    /// A heading, paragraph, list item or quote from its lines; returns its index (nil when empty).
    @discardableResult
    mutating func add(_ kind: Block.Kind, _ segments: [InlineParser.Segment], parent: Int? = nil) -> Int? {
        guard !segments.isEmpty else { return nil }
        var text = TextBuilder()
        inline.parse(segments, into: &text)
        return output.add(kind, text, parent: parent)
    }

    /// Code, a literal block or a listing: kept as text, marked as code (no date in it is read).
    mutating func code(_ lines: [MarkupLine], parent: Int? = nil) {
        var text = TextBuilder()
        for line in lines where !line.isBlank {
            text.append(line.trimmed, line: line.number, column: line.column(of: line.trimmed.startIndex))
            text.space()
        }
        output.add(.code, text, parent: parent)
    }

    /// A table row: each cell's lines, the cells joined by " | " as the Markdown reader joins them.
    mutating func row(_ cells: [[InlineParser.Segment]], parent: Int? = nil) {
        var text = TextBuilder()
        var ranges: [Range<Int>] = []
        for cell in cells {
            if !ranges.isEmpty {
                text.space()
                let at = cell.first ?? InlineParser.Segment(line: text.anchors.last?.line ?? 1, column: 1, bytes: [])
                text.append(UInt8(ascii: "|"), line: at.line, column: max(1, at.column - 1))
                text.space()
            }
            // An empty cell is an empty range where the text ends (not past it, at a pending space).
            let start = min(text.nextOffset, text.count + (cell.isEmpty ? 0 : 1))
            inline.parse(cell, into: &text)
            let lower = min(start, text.count)
            ranges.append(lower..<max(lower, text.count))
        }
        guard ranges.contains(where: { !$0.isEmpty }) else { return }
        output.add(.tableRow, text, parent: parent, cells: ranges)
    }

    var document: Document { Document(blocks: output.blocks) }
}

/// The metadata a light-markup note states in its own syntax (an RST field list, an AsciiDoc header,
/// Org `#+KEY:` lines): title, date and authors, as front matter gives them.
struct MarkupMetadata {
    var title: String?
    var titleLine: Int?
    var date: CivilDate?
    var dateLine: Int?
    var authors: [String] = []
    var diagnostics: [Diagnostic] = []

    /// Takes a date key's value; a value that is no date is a warning at its line.
    mutating func date(_ value: String, key: String, line: Int, column: Int = 1, path: String) {
        guard date == nil else { return }
        let trimmed = value.trimmingASCIISpaces()
        guard !trimmed.isEmpty else { return }
        if let parsed = FrontMatter.date(in: trimmed) {
            date = parsed
            dateLine = line
        } else {
            diagnostics.append(.warning("'\(key)' is not a date: \(trimmed)", path: path, line: line, column: column))
        }
    }

    mutating func title(_ value: String, line: Int) {
        let trimmed = value.trimmingASCIISpaces()
        guard title == nil, !trimmed.isEmpty else { return }
        title = trimmed
        titleLine = line
    }

    mutating func authors(_ value: String) {
        guard authors.isEmpty else { return }
        authors = value.split(whereSeparator: { $0 == ";" || $0 == "," }).map { String($0).trimmingASCIISpaces() }
            .map { name in
                // "Noor Haddad <noor@example.org>": the name.
                name.firstIndex(of: "<").map { String(name[..<$0]).trimmingASCIISpaces() } ?? name
            }
            .filter { !$0.isEmpty }
    }
}

/// Byte search shared by the readers.
enum ByteSearch {
    static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.startIndex
        while i + needle.count <= haystack.endIndex {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
