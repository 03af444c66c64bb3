/// Reads Markdown (CommonMark with GitHub tables, as meeting notes use it) into a ``Document``.
///
/// ```swift
/// let document = MarkdownParser().parse("### Agenda\n\n- CIF16\n", firstLine: 10)
/// document.blocks[1].text   // "CIF16"
/// document.blocks[1].line   // 12
/// ```
public struct MarkdownParser: Sendable {
    public init() {}

    /// Parses `text`, whose first line is line `firstLine` of its file (front matter counts).
    public func parse(_ text: String, firstLine: Int = 1) -> Document {
        parse(SourceLines(Array(text.utf8), firstLine: firstLine))
    }

    /// `references`: the definitions of the text around a block quote being read. `quoteDepth`: how many
    /// quotes the lines are inside.
    func parse(_ source: SourceLines, references: [String: String] = [:], quoteDepth: Int = 0) -> Document {
        var state = State(lines: source.lines)
        state.references = references
        state.quoteDepth = quoteDepth
        state.collectReferences()
        state.run()
        return Document(blocks: state.output.blocks, references: state.references)
    }
}

// MARK: - Block parsing

private struct State {
    typealias Line = SourceLines.Line

    struct ListLevel {
        var markerIndent: Int
        var contentIndent: Int
        var block: Int?
    }

    enum Pending {
        case none
        case paragraph(kind: Block.Kind, parent: Int?, segments: [InlineParser.Segment])
    }

    let lines: [Line]
    var references: [String: String] = [:]
    var referenceLines = Set<Int>()
    var output = DocumentBuilder()
    var lists: [ListLevel] = []
    var pending = Pending.none
    var previousBlank = true
    var quoteDepth = 0
    /// Quotes inside quotes deeper than this are read as one paragraph each (no input can recurse without end).
    static let deepestQuote = 8

    init(lines: [Line]) { self.lines = lines }

    /// Pass 1: `[label]: url` definitions, wherever they are (notes put them after their use).
    mutating func collectReferences() {
        var fence: ArraySlice<UInt8>?
        for (index, line) in lines.enumerated() {
            let content = line.trimmed
            if let open = fence {
                if Self.isFence(content, closing: open) { fence = nil }
                continue
            }
            if let marker = Self.fenceMarker(content), line.indent < 4 {
                fence = marker
                continue
            }
            guard line.indent < 4, content.first == UInt8(ascii: "[") else { continue }
            guard let close = content.firstIndex(of: UInt8(ascii: "]")), close + 1 < content.endIndex,
                content[close + 1] == UInt8(ascii: ":"), close > content.startIndex + 1
            else { continue }
            let label = String(decoding: content[(content.startIndex + 1)..<close], as: UTF8.self)
            let rest = String(decoding: content[(close + 2)...], as: UTF8.self).trimmingASCIISpaces()
            guard var url = rest.split(separator: " ").first.map(String.init), !url.isEmpty else { continue }
            if url.hasPrefix("<"), url.hasSuffix(">") { url = String(url.dropFirst().dropLast()) }
            let key = InlineParser.normalizeLabel(label)
            if references[key] == nil { references[key] = url }
            referenceLines.insert(index)
        }
    }

    /// Pass 2: blocks.
    mutating func run() {
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if referenceLines.contains(index) {
                flush()
                previousBlank = true
                index += 1
                continue
            }
            if line.isBlank {
                flush()
                previousBlank = true
                index += 1
                continue
            }
            let content = line.trimmed
            let indent = line.indent

            // Fenced code.
            if indent < 4 + (lists.last?.contentIndent ?? 0), let marker = Self.fenceMarker(content) {
                flush()
                index = codeBlock(from: index + 1, fence: marker, opener: line)
                previousBlank = false
                continue
            }
            // HTML comments are not note text.
            if content.starts(with: Array("<!--".utf8)) {
                flush()
                index = skipComment(from: index)
                previousBlank = true
                continue
            }
            // An HTML table (GitHub renders them; document exports write them): its rows as the HTML
            // reader reads them.
            if indent < 4, Self.startsTag(content, "table") {
                flush()
                index = htmlTable(from: index)
                previousBlank = true
                continue
            }
            // Setext heading underline.
            if case .paragraph(.paragraph, _, let segments) = pending, !previousBlank, indent < 4,
                let level = Self.setextLevel(content)
            {
                pending = .none
                var text = TextBuilder()
                InlineParser(segments: segments, references: references).parse(into: &text)
                output.add(.heading(level: level), text)
                lists = []
                previousBlank = false
                index += 1
                continue
            }
            // Thematic break.
            if indent < 4, Self.isThematicBreak(content) {
                flush()
                lists = []
                previousBlank = true
                index += 1
                continue
            }
            // ATX heading.
            if indent < 4, let (level, range) = Self.atxHeading(content) {
                flush()
                lists = []
                var text = TextBuilder()
                let segment = InlineParser.Segment(
                    line: line.number, column: line.column(of: range.lowerBound), bytes: content[range])
                InlineParser(segments: [segment], references: references).parse(into: &text)
                output.add(.heading(level: level), text)
                previousBlank = false
                index += 1
                continue
            }
            // Table.
            if content.first == UInt8(ascii: "|") || (index + 1 < lines.count && content.contains(UInt8(ascii: "|"))
                && Self.isTableSeparator(lines[index + 1].trimmed))
            {
                flush()
                index = table(from: index)
                previousBlank = false
                continue
            }
            // List item.
            if let (markerEnd, contentStart) = Self.listMarker(line) {
                flush()
                while let top = lists.last, top.markerIndent >= indent { lists.removeLast() }
                let depth = lists.count
                let parent = lists.last?.block
                let contentIndent = contentStart - line.bytes.startIndex
                lists.append(ListLevel(markerIndent: indent, contentIndent: contentIndent, block: nil))
                _ = markerEnd
                let bytes = line.bytes[contentStart...]
                let segment = InlineParser.Segment(line: line.number, column: line.column(of: contentStart), bytes: Self.trimEnd(bytes))
                pending = .paragraph(kind: .listItem(depth: depth), parent: parent, segments: bytes.isEmpty ? [] : [segment])
                previousBlank = false
                index += 1
                continue
            }
            // Block quote: its lines without their marker are Markdown of their own (paragraphs, list items,
            // tables), read as blocks here.
            if indent < 4, content.first == UInt8(ascii: ">"), quoteDepth < Self.deepestQuote {
                flush()
                index = blockQuote(from: index)
                previousBlank = true
                continue
            }
            if indent < 4, content.first == UInt8(ascii: ">") {
                var start = content.startIndex + 1
                if start < content.endIndex, content[start] == 0x20 { start += 1 }
                let segment = InlineParser.Segment(line: line.number, column: line.column(of: start), bytes: content[start...])
                if case .paragraph(.quote, let parent, var segments) = pending, !previousBlank {
                    segments.append(segment)
                    pending = .paragraph(kind: .quote, parent: parent, segments: segments)
                } else {
                    flush()
                    pending = .paragraph(kind: .quote, parent: nil, segments: [segment])
                }
                previousBlank = false
                index += 1
                continue
            }
            // Continuation or a new paragraph.
            let segment = InlineParser.Segment(
                line: line.number, column: line.column(of: content.startIndex), bytes: content)
            if case .paragraph(let kind, let parent, var segments) = pending, !previousBlank {
                segments.append(segment)
                pending = .paragraph(kind: kind, parent: parent, segments: segments)
            } else {
                flush()
                while let top = lists.last, indent <= top.markerIndent { lists.removeLast() }
                if lists.isEmpty, indent >= 4, previousBlank {
                    index = indentedCode(from: index)
                    previousBlank = false
                    continue
                }
                pending = .paragraph(kind: .paragraph, parent: lists.last?.block, segments: [segment])
            }
            previousBlank = false
            index += 1
        }
        flush()
    }

    mutating func flush() {
        guard case .paragraph(let kind, let parent, let segments) = pending else { return }
        pending = .none
        var text = TextBuilder()
        InlineParser(segments: segments, references: references).parse(into: &text)
        let added = output.add(kind, text, parent: parent)
        if case .listItem = kind, !lists.isEmpty {
            // Children of an empty item hang from the item's own parent.
            lists[lists.count - 1].block = added ?? parent
        }
    }

    /// Reads the block quote whose first line is `start`; returns the index of the line after it.
    mutating func blockQuote(from start: Int) -> Int {
        var inner: [(line: Int, text: String)] = []
        var shifts: [Int: Int] = [:]
        var end = start
        while end < lines.count, lines[end].indent < 4, lines[end].trimmed.first == UInt8(ascii: ">") {
            let content = lines[end].trimmed
            var from = content.startIndex + 1
            if from < content.endIndex, content[from] == 0x20 { from += 1 }
            inner.append((lines[end].number, String(decoding: content[from...], as: UTF8.self)))
            shifts[lines[end].number] = lines[end].column(of: from) - 1
            end += 1
        }
        let quoted = MarkdownParser().parse(SourceLines(numbered: inner), references: references, quoteDepth: quoteDepth + 1)
        output.addQuoted(quoted.blocks, columnShifts: shifts)
        return end
    }

    mutating func codeBlock(from start: Int, fence: ArraySlice<UInt8>, opener: Line) -> Int {
        var text = TextBuilder()
        var index = start
        while index < lines.count {
            let line = lines[index]
            if Self.isFence(line.trimmed, closing: fence) {
                index += 1
                break
            }
            text.append(line.bytes, line: line.number, column: 1)
            text.space()
            index += 1
        }
        output.add(.code, text, parent: lists.last?.block)
        return index
    }

    mutating func indentedCode(from start: Int) -> Int {
        var text = TextBuilder()
        var index = start
        while index < lines.count, lines[index].isBlank || lines[index].indent >= 4 {
            let line = lines[index]
            text.append(line.content, line: line.number, column: line.column(of: line.content.startIndex))
            text.space()
            index += 1
        }
        output.add(.code, text)
        return index
    }

    func skipComment(from start: Int) -> Int {
        var index = start
        while index < lines.count {
            let bytes = lines[index].bytes
            index += 1
            if ByteSearch.firstIndex(of: Array("-->".utf8), in: bytes) != nil { break }
        }
        return index
    }

    /// The lines from `<table` to `</table>` (at most 5,000), read by the HTML reader; its rows (and the
    /// lists and paragraphs in their cells) join the document at their lines.
    mutating func htmlTable(from start: Int) -> Int {
        var end = start
        var bytes: [UInt8] = []
        while end < lines.count, end - start < 5_000 {
            bytes += lines[end].bytes
            bytes.append(0x0A)
            end += 1
            if ByteSearch.firstIndex(of: Array("</table>".utf8), in: lines[end - 1].bytes) != nil
                || ByteSearch.firstIndex(of: Array("</TABLE>".utf8), in: lines[end - 1].bytes) != nil
            {
                break
            }
        }
        let page = HTMLParser().parse(String(decoding: bytes, as: UTF8.self))
        output.addBlocks(page.document.blocks, firstLine: lines[start].number)
        return end
    }

    /// Whether `content` starts with the tag `<name` (any ASCII case), followed by `>`, a space or the end.
    static func startsTag(_ content: ArraySlice<UInt8>, _ name: String) -> Bool {
        let tag = Array(name.utf8)
        guard content.count > tag.count, content.first == UInt8(ascii: "<") else { return false }
        for (k, byte) in tag.enumerated() where content[content.startIndex + 1 + k] | 0x20 != byte { return false }
        let after = content.startIndex + 1 + tag.count
        return after == content.endIndex || content[after] == UInt8(ascii: ">") || content[after] == 0x20
    }

    mutating func table(from start: Int) -> Int {
        var index = start
        while index < lines.count, !lines[index].isBlank {
            let line = lines[index]
            let content = line.trimmed
            guard content.contains(UInt8(ascii: "|")) else { break }
            index += 1
            if Self.isTableSeparator(content) { continue }
            // One segment for the row; cells are parsed separately so their ranges are known.
            let segment = InlineParser.Segment(line: line.number, column: line.column(of: content.startIndex), bytes: content)
            let parser = InlineParser(segments: [segment], references: references)
            var text = TextBuilder()
            var cells: [Range<Int>] = []
            for cell in Self.cellRanges(parser.bytes) {
                if !cells.isEmpty {
                    text.space()
                    text.append(UInt8(ascii: "|"), line: line.number, column: line.column(of: content.startIndex + cell.lowerBound - 1))
                    text.space()
                }
                let cellStart = text.nextOffset
                parser.parse(cell, into: &text)
                // An empty cell is an empty range where the text ends, not past it (at a pending space).
                let lower = min(cellStart, text.count)
                cells.append(lower..<max(lower, text.count))
            }
            output.add(.tableRow, text, parent: nil, cells: cells)
        }
        return index
    }

    // MARK: - Line classifiers

    static func fenceMarker(_ content: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let first = content.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        var end = content.startIndex
        while end < content.endIndex, content[end] == first { end += 1 }
        guard end - content.startIndex >= 3 else { return nil }
        if first == UInt8(ascii: "`"), content[end...].contains(UInt8(ascii: "`")) { return nil }
        return content[content.startIndex..<end]
    }

    static func isFence(_ content: ArraySlice<UInt8>, closing open: ArraySlice<UInt8>) -> Bool {
        guard let first = open.first, content.count >= open.count else { return false }
        return content.allSatisfy { $0 == first }
    }

    static func setextLevel(_ content: ArraySlice<UInt8>) -> Int? {
        guard let first = content.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "-") else { return nil }
        guard content.allSatisfy({ $0 == first }) else { return nil }
        if first == UInt8(ascii: "-"), content.count < 2 { return nil }
        return first == UInt8(ascii: "=") ? 1 : 2
    }

    static func isThematicBreak(_ content: ArraySlice<UInt8>) -> Bool {
        guard let first = content.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "_")
        else { return false }
        var count = 0
        for byte in content {
            if byte == first { count += 1 } else if byte != 0x20 && byte != 0x09 { return false }
        }
        return count >= 3
    }

    static func atxHeading(_ content: ArraySlice<UInt8>) -> (Int, Range<Int>)? {
        var level = 0
        var i = content.startIndex
        while i < content.endIndex, content[i] == UInt8(ascii: "#") {
            level += 1
            i += 1
        }
        guard (1...6).contains(level), i == content.endIndex || content[i] == 0x20 || content[i] == 0x09 else { return nil }
        var end = content.endIndex
        while end > i, content[end - 1] == 0x20 || content[end - 1] == 0x09 { end -= 1 }
        var hashes = end
        while hashes > i, content[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
        if hashes == i || content[hashes - 1] == 0x20 || content[hashes - 1] == 0x09 { end = hashes }
        while i < end, content[i] == 0x20 || content[i] == 0x09 { i += 1 }
        while end > i, content[end - 1] == 0x20 || content[end - 1] == 0x09 { end -= 1 }
        return (level, i..<end)
    }

    /// The end of a list marker and the start of the item's content, for `- x`, `* x`, `+ x`, `1. x`, `1) x`.
    static func listMarker(_ line: Line) -> (Int, Int)? {
        let content = line.content
        guard let first = content.first else { return nil }
        var i = content.startIndex
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") || first == 0xE2 {
            if first == 0xE2 {
                // "•" (U+2022, E2 80 A2) as a bullet, which pasted notes carry.
                guard content.count >= 3, content[i + 1] == 0x80, content[i + 2] == 0xA2 else { return nil }
                i += 3
            } else {
                i += 1
            }
        } else if first.isASCIIDigit {
            while i < content.endIndex, content[i].isASCIIDigit, i - content.startIndex < 9 { i += 1 }
            guard i < content.endIndex, content[i] == UInt8(ascii: ".") || content[i] == UInt8(ascii: ")") else { return nil }
            i += 1
        } else {
            return nil
        }
        let markerEnd = i
        if i == content.endIndex { return (markerEnd, i) }
        guard content[i] == 0x20 || content[i] == 0x09 else { return nil }
        while i < content.endIndex, content[i] == 0x20 || content[i] == 0x09 { i += 1 }
        return (markerEnd, i)
    }

    static func isTableSeparator(_ content: ArraySlice<UInt8>) -> Bool {
        guard content.contains(UInt8(ascii: "-")) else { return false }
        var sawPipeOrColon = false
        for byte in content {
            switch byte {
            case UInt8(ascii: "|"), UInt8(ascii: ":"): sawPipeOrColon = true
            case UInt8(ascii: "-"), 0x20, 0x09: continue
            default: return false
            }
        }
        return sawPipeOrColon
    }

    /// Cell ranges of a table row (in the row's bytes), split at pipes outside code spans.
    static func cellRanges(_ row: [UInt8]) -> [Range<Int>] {
        var cells: [Range<Int>] = []
        var start = 0
        var i = 0
        var inCode = false
        while i < row.count {
            let byte = row[i]
            if byte == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if byte == UInt8(ascii: "`") { inCode.toggle() }
            if byte == UInt8(ascii: "|"), !inCode {
                cells.append(start..<i)
                start = i + 1
            }
            i += 1
        }
        cells.append(start..<row.count)
        if let first = cells.first, row[first].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { cells.removeFirst() }
        if let last = cells.last, row[last].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { cells.removeLast() }
        return cells
    }

    static func trimEnd(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let last = slice.last, last.isASCIISpace { slice = slice.dropLast() }
        return slice
    }

}
