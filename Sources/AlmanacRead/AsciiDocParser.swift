public import AlmanacCore
import Foundation

/// Reads AsciiDoc (Asciidoctor, JBake and Antora sites) into a ``Document``, as the Markdown reader
/// does: the header (`= Title`, the author line, the revision line with its date, attribute entries),
/// sections, lists (`*`, `-`, `.`, `term::`), tables (`|===`, `,===`), admonitions (`NOTE:` and
/// `[NOTE]` blocks), example, sidebar, quote and open blocks; listing, literal, passthrough and comment
/// blocks are code or skipped. Attribute references (`{name}`) are resolved from the entries above them.
///
/// ```swift
/// let text = "= Tidecon\n:cfp: 15 March 2024\n\n== Dates\n* CfP closes {cfp}\n"
/// let (document, _) = AsciiDocParser().parse(text, path: "x.adoc")
/// document.blocks[1].text   // "CfP closes 15 March 2024"
/// document.blocks[1].line   // 5
/// ```
public struct AsciiDocParser: Sendable {
    public init() {}

    public func parse(_ text: String, firstLine: Int = 1, path: String = "") -> (document: Document, diagnostics: [Diagnostic]) {
        let (document, metadata) = read(text, firstLine: firstLine, path: path)
        return (document, metadata.diagnostics)
    }

    /// `text` is the whole file after any YAML front matter; its first line is `firstLine`.
    func read(_ text: String, firstLine: Int = 1, path: String) -> (Document, MarkupMetadata) {
        var state = AsciiDocState(lines: MarkupLine.lines(text, firstLine: firstLine), path: path)
        state.run()
        return (state.blocks.document, state.metadata)
    }
}

private struct AsciiDocState {
    let lines: [MarkupLine]
    let path: String
    var blocks = MarkupBlocks(LightInline(.asciiDoc))
    var metadata = MarkupMetadata()
    /// Open list items by depth: (marker, block).
    var lists: [(marker: String, block: Int?)] = []
    /// A `+` line joins the next block to the list item above.
    var continuation = false
    /// `[NOTE]`, `[source]`, `[cols=…]`: the attribute line before a block.
    var blockStyle: String?
    var i = 0
    /// Delimited blocks open around the current line.
    var nesting = 0

    init(lines: [MarkupLine], path: String) {
        self.lines = lines
        self.path = path
    }

    var attributes: [String: String] {
        get { blocks.inline.attributes }
        set { blocks.inline.attributes = newValue }
    }

    mutating func run() {
        header()
        while i < lines.count { step() }
    }

    // MARK: - Header

    /// `= Title`, the author line, the revision line and attribute entries, up to the first blank line.
    mutating func header() {
        // Comments and attribute entries may come before the title.
        while i < lines.count, lines[i].isBlank || lines[i].starts(with: "//") && !lines[i].starts(with: "////") { i += 1 }
        while i < lines.count, attributeEntry(lines[i]) { i += 1 }
        guard i < lines.count, let title = Self.sectionTitle(lines[i]), title.level == 1 else { return }
        metadata.title(resolved(String(decoding: title.text.bytes, as: UTF8.self)), line: lines[i].number)
        i += 1
        var plain = 0
        while i < lines.count, !lines[i].isBlank {
            let line = lines[i]
            i += 1
            if line.starts(with: "//") || attributeEntry(line) { continue }
            plain += 1
            if plain == 1 {
                // "Noor Haddad <noor@example.org>; Emil Sato"
                metadata.authors(resolved(line.text))
            } else if plain == 2 {
                // "v1.2, 2024-03-06: remark" or a date alone.
                let revision = line.text
                let afterVersion = revision.split(separator: ",", maxSplits: 1).count == 2 && revision.lowercased().hasPrefix("v")
                    ? String(revision.split(separator: ",", maxSplits: 1)[1]) : revision
                let date = afterVersion.split(separator: ":", maxSplits: 1).first.map(String.init) ?? afterVersion
                metadata.date(resolved(date), key: "revision line", line: line.number, path: path)
            }
        }
        for key in ["revdate", "date", "docdate", "page-date", "publish-date", "published"] {
            if let value = attributes[key] { metadata.date(value, key: key, line: attributeLines[key] ?? 1, path: path) }
        }
        if let author = attributes["author"] ?? attributes["authors"] { metadata.authors(author) }
    }

    var attributeLines: [String: Int] = [:]

    /// `:name: value` (a value may go on after a trailing ` \`), `:name!:` unsets: true when the line is one.
    mutating func attributeEntry(_ line: MarkupLine) -> Bool {
        let content = line.trimmed
        guard line.indent == 0, content.first == UInt8(ascii: ":"), content.count >= 3,
            let close = content.dropFirst().firstIndex(of: UInt8(ascii: ":")), close > content.startIndex + 1,
            close + 1 == content.endIndex || content[close + 1] == 0x20 || content[close + 1] == 0x09
        else { return false }
        var name = String(decoding: content[(content.startIndex + 1)..<close], as: UTF8.self).lowercased()
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "!" }) else { return false }
        let unset = name.hasPrefix("!") || name.hasSuffix("!")
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: "!"))
        var value = String(decoding: content[(close + 1)...], as: UTF8.self).trimmingASCIISpaces()
        while value.hasSuffix(" \\") || value.hasSuffix(" +"), i + 1 < lines.count {
            value = String(value.dropLast(2)) + " " + lines[i + 1].text
            i += 1
        }
        if unset {
            attributes[name] = nil
        } else {
            attributes[name] = resolved(value)
            attributeLines[name] = line.number
        }
        return true
    }

    /// `{name}` references in a header value, resolved.
    func resolved(_ value: String) -> String {
        guard value.contains("{") else { return value }
        var result = ""
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                rest = rest[open...]
                break
            }
            let name = rest[rest.index(after: open)..<close].lowercased()
            if let found = attributes[name] ?? LightInline.builtInAttributes[name] { result += found } else { result += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    // MARK: - Body

    mutating func step() {
        let line = lines[i]
        if line.isBlank {
            i += 1
            flushContinuation()
            return
        }
        let content = line.trimmed
        // Comments, attribute lines, directives.
        if content.starts(with: "////".utf8), content.allSatisfy({ $0 == UInt8(ascii: "/") }) {
            i = delimited(from: i + 1, closing: content) { _, _ in }
            return
        }
        if content.starts(with: "//".utf8) {
            i += 1
            return
        }
        if attributeEntry(line) {
            i += 1
            return
        }
        if content.first == UInt8(ascii: "["), content.last == UInt8(ascii: "]"), line.indent == 0 {
            // [NOTE], [source,ruby], [cols="1,3"], [[anchor]]
            blockStyle = String(decoding: content.dropFirst().dropLast(), as: UTF8.self)
            i += 1
            return
        }
        for directive in ["ifdef::", "ifndef::", "ifeval::", "endif::", "include::", "image::", "toc::", "video::", "audio::"]
        where content.starts(with: directive.utf8) {
            i += 1
            return
        }
        if content.elementsEqual("+".utf8) {
            continuation = true
            i += 1
            return
        }
        if line.indent == 0, ["'''", "---", "***", "<<<"].contains(where: { content.elementsEqual($0.utf8) }) {
            i += 1
            return
        }
        // Delimited blocks.
        if line.indent == 0, let kind = Self.delimiter(content) {
            delimitedBlock(kind, content)
            return
        }
        // Section titles.
        if line.indent == 0, let title = Self.sectionTitle(line) {
            lists = []
            continuation = false
            blocks.add(.heading(level: title.level), [title.text])
            blockStyle = nil
            i += 1
            return
        }
        // A block title: ".Upcoming events" names the block after it.
        if line.indent == 0, content.count > 1, content.first == UInt8(ascii: "."), content[content.startIndex + 1] != 0x20,
            content[content.startIndex + 1] != UInt8(ascii: ".")
        {
            blocks.add(.paragraph, [line.segment(from: content.startIndex + 1)], parent: listParent)
            i += 1
            return
        }
        // Lists.
        if let (marker, textStart) = Self.listMarker(line) {
            listItem(line, marker: marker, textStart: textStart)
            return
        }
        if let (term, definition) = Self.definitionTerm(line) {
            definitionItem(line, term: term, definition: definition)
            return
        }
        // A literal paragraph: indented lines outside a list.
        if line.indent > 0, lists.isEmpty {
            var end = i
            while end < lines.count, !lines[end].isBlank { end += 1 }
            blocks.code(Array(lines[i..<end]))
            i = end
            return
        }
        paragraph()
    }

    /// The list item a paragraph belongs to: the innermost open one when a `+` continues it.
    var listParent: Int? { continuation ? lists.last?.block ?? nil : nil }

    mutating func flushContinuation() {
        // A blank line ends a list unless another item or a continuation follows.
        var next = i
        while next < lines.count, lines[next].isBlank { next += 1 }
        if next < lines.count, Self.listMarker(lines[next]) != nil || Self.definitionTerm(lines[next]) != nil
            || lines[next].trimmed.elementsEqual("+".utf8)
        {
            return
        }
        if !continuation { lists = [] }
    }

    /// A paragraph: lines up to a blank line or a line that starts another block. `NOTE: text` reads "text".
    mutating func paragraph() {
        let start = i
        var segments: [InlineParser.Segment] = []
        while i < lines.count, !lines[i].isBlank {
            let line = lines[i]
            if i > start, Self.listMarker(line) != nil || Self.delimiter(line.trimmed) != nil || Self.sectionTitle(line) != nil
                || line.trimmed.elementsEqual("+".utf8) || line.starts(with: "//")
            {
                break
            }
            var segment = line.segment
            if i == start, let label = Self.admonitionLabel(segment.bytes) { segment.bytes = segment.bytes[label...] }
            segment.bytes = Self.withoutHardBreak(segment.bytes)
            segments.append(segment)
            i += 1
        }
        let style = blockStyle
        blockStyle = nil
        if style.map({ $0.hasPrefix("source") || $0 == "listing" || $0 == "literal" }) == true {
            blocks.code(Array(lines[start..<i]), parent: listParent)
        } else {
            blocks.add(style?.hasPrefix("quote") == true ? .quote : .paragraph, segments, parent: listParent)
        }
        continuation = false
    }

    mutating func listItem(_ line: MarkupLine, marker: String, textStart: Int) {
        // Depth by marker: each distinct marker seen opens a level ("*", "**", "-", ".", "..").
        if let level = lists.firstIndex(where: { $0.marker == marker }) {
            lists.removeSubrange((level + 1)...)
            lists[level].block = nil
        } else {
            lists.append((marker, nil))
        }
        let depth = lists.count - 1
        let parent = depth > 0 ? lists[depth - 1].block : nil
        var segments = [line.segment(from: textStart)]
        // A checklist's box: "[x] " / "[ ] ".
        if segments[0].bytes.count >= 4, segments[0].bytes.first == UInt8(ascii: "["), segments[0].bytes.dropFirst(2).first == UInt8(ascii: "]"),
            segments[0].bytes.dropFirst(3).first == 0x20
        {
            segments[0].bytes = segments[0].bytes.dropFirst(4)
            segments[0].column += 4
        }
        i += 1
        while i < lines.count, !lines[i].isBlank, Self.listMarker(lines[i]) == nil, Self.definitionTerm(lines[i]) == nil,
            Self.delimiter(lines[i].trimmed) == nil, !lines[i].trimmed.elementsEqual("+".utf8), !lines[i].starts(with: "//")
        {
            var segment = lines[i].segment
            segment.bytes = Self.withoutHardBreak(segment.bytes)
            segments.append(segment)
            i += 1
        }
        if let last = segments.indices.last { segments[last].bytes = Self.withoutHardBreak(segments[last].bytes) }
        lists[depth].block = blocks.add(.listItem(depth: depth), segments, parent: parent)
        continuation = false
    }

    /// `term:: definition` (or the definition on the lines after): an item "term: definition".
    mutating func definitionItem(_ line: MarkupLine, term: Range<Int>, definition: Int?) {
        let key = "::"
        if let level = lists.firstIndex(where: { $0.marker == key }) { lists.removeSubrange((level + 1)...) } else { lists.append((key, nil)) }
        let depth = lists.count - 1
        let parent = depth > 0 ? lists[depth - 1].block : nil
        var segments = [InlineParser.Segment(line: line.number, column: line.column(of: term.lowerBound), bytes: line.bytes[term.lowerBound..<(term.upperBound + 1)])]
        if let definition { segments.append(line.segment(from: definition)) }
        i += 1
        while i < lines.count, !lines[i].isBlank, Self.listMarker(lines[i]) == nil, Self.definitionTerm(lines[i]) == nil,
            Self.delimiter(lines[i].trimmed) == nil, !lines[i].trimmed.elementsEqual("+".utf8)
        {
            segments.append(lines[i].segment)
            i += 1
        }
        lists[depth].block = blocks.add(.listItem(depth: depth), segments, parent: parent)
        continuation = false
    }

    // MARK: Delimited blocks

    enum Delimited { case listing, literal, pass, comment, example, sidebar, quote, open, table(separator: UInt8) }

    static func delimiter(_ content: ArraySlice<UInt8>) -> Delimited? {
        guard content.count >= 2, let first = content.first else { return nil }
        if content.count == 2, content.elementsEqual("--".utf8) { return .open }
        if content.count >= 4, content.dropFirst().elementsEqual("===".utf8) || content.count > 4 && content.dropFirst().allSatisfy({ $0 == UInt8(ascii: "=") }),
            first == UInt8(ascii: "|") || first == UInt8(ascii: ",") || first == UInt8(ascii: ":") || first == UInt8(ascii: "!")
        {
            return .table(separator: first == UInt8(ascii: "!") ? UInt8(ascii: "!") : first == UInt8(ascii: "|") ? UInt8(ascii: "|") : first)
        }
        guard content.count >= 4, content.allSatisfy({ $0 == first }) else { return nil }
        switch first {
        case UInt8(ascii: "-"): return .listing
        case UInt8(ascii: "."): return .literal
        case UInt8(ascii: "+"): return .pass
        case UInt8(ascii: "/"): return .comment
        case UInt8(ascii: "="): return .example
        case UInt8(ascii: "*"): return .sidebar
        case UInt8(ascii: "_"): return .quote
        default: return nil
        }
    }

    mutating func delimitedBlock(_ kind: Delimited, _ opener: ArraySlice<UInt8>) {
        let style = blockStyle
        blockStyle = nil
        let parent = listParent
        switch kind {
        case .listing, .literal:
            var body: [MarkupLine] = []
            i = delimited(from: i + 1, closing: opener) { _, line in body.append(line) }
            // [verse] and [quote] on a literal block are text; others are code.
            blocks.code(body, parent: parent)
        case .pass, .comment:
            i = delimited(from: i + 1, closing: opener) { _, _ in }
        case .table(let separator):
            var body: [MarkupLine] = []
            i = delimited(from: i + 1, closing: opener) { _, line in body.append(line) }
            table(body, separator: separator, style: style, parent: parent)
        case .example, .sidebar, .quote, .open:
            // Read what is inside as the note's own blocks; the closing delimiter ends them.
            let start = i + 1
            var end = start
            while end < lines.count, !lines[end].trimmed.elementsEqual(opener) { end += 1 }
            if nesting >= 32 {
                // Blocks nested deeper than notes nest them: their lines as paragraphs.
                for line in lines[start..<end] where !line.isBlank { blocks.add(.paragraph, [line.segment], parent: parent) }
                i = min(lines.count, end + 1)
                return
            }
            nesting += 1
            defer { nesting -= 1 }
            if style.map({ $0.hasPrefix("source") || $0 == "listing" || $0 == "literal" || $0.hasPrefix("comment") || $0 == "pass" }) == true {
                if style?.hasPrefix("comment") != true && style != "pass" { blocks.code(Array(lines[start..<end]), parent: parent) }
                i = min(lines.count, end + 1)
                return
            }
            let savedLists = lists
            let savedContinuation = continuation
            i = start
            let stop = end
            while i < stop { step() }
            lists = savedLists
            continuation = savedContinuation
            i = min(lines.count, stop + 1)
            continuation = false
        }
    }

    /// Calls `body` with each line up to the closing delimiter; returns the index after it.
    func delimited(from start: Int, closing: ArraySlice<UInt8>, _ body: (Int, MarkupLine) -> Void) -> Int {
        var index = start
        while index < lines.count {
            if lines[index].trimmed.elementsEqual(closing) { return index + 1 }
            body(index, lines[index])
            index += 1
        }
        return index
    }

    /// A table's cells, grouped into rows by the column count (`cols` of its attribute line, else the
    /// first line's cells). A cell's text may go on over several lines.
    mutating func table(_ body: [MarkupLine], separator: UInt8, style: String?, parent: Int?) {
        var columns = Self.columnCount(style)
        var cells: [[InlineParser.Segment]] = []
        var sawCell = false
        for line in body {
            if line.isBlank {
                continue
            }
            let bytes = line.bytes
            if separator == UInt8(ascii: ",") || separator == UInt8(ascii: ":") {
                // CSV and DSV: a row a line.
                var rowCells: [[InlineParser.Segment]] = []
                var start = bytes.startIndex
                for index in bytes.indices where bytes[index] == separator {
                    rowCells.append([Self.cell(line, start..<index)])
                    start = index + 1
                }
                rowCells.append([Self.cell(line, start..<bytes.endIndex)])
                if columns == nil { columns = rowCells.count }
                cells += rowCells
                sawCell = true
                continue
            }
            // "|a |b", "2+|spanned", "a|AsciiDoc cell": split at unescaped separators.
            var pieces: [Range<Int>] = []
            var start: Int?
            var index = bytes.startIndex
            while index < bytes.endIndex {
                if bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if bytes[index] == separator {
                    if let open = start { pieces.append(open..<Self.specStart(bytes, open, index)) }
                    start = index + 1
                }
                index += 1
            }
            let lineCells = pieces.count + (start != nil ? 1 : 0)
            if let first = bytes.firstIndex(of: separator) {
                // Text before the line's first separator (after a cell spec) continues the previous cell.
                let before = bytes.startIndex..<Self.specStart(bytes, bytes.startIndex, first)
                if !cells.isEmpty, bytes[before].contains(where: { !$0.isASCIISpace }) { cells[cells.count - 1].append(Self.cell(line, before)) }
            } else if !cells.isEmpty {
                cells[cells.count - 1].append(line.segment)
                continue
            }
            for piece in pieces { cells.append([Self.cell(line, piece)]) }
            if let open = start { cells.append([Self.cell(line, open..<bytes.endIndex)]) }
            if columns == nil, !sawCell { columns = lineCells }
            sawCell = true
        }
        let width = max(1, columns ?? 1)
        var row: [[InlineParser.Segment]] = []
        for cell in cells {
            row.append(cell.filter { !$0.bytes.allSatisfy(\.isASCIISpace) })
            if row.count == width {
                blocks.row(row, parent: parent)
                row = []
            }
        }
        if !row.isEmpty { blocks.row(row, parent: parent) }
    }

    /// Where a cell spec (`2+`, `.3+^.^a`, `s`) before a separator starts, so the previous cell's text ends there.
    static func specStart(_ bytes: ArraySlice<UInt8>, _ lower: Int, _ separator: Int) -> Int {
        var k = separator
        while k > lower, bytes[k - 1] != 0x20, bytes[k - 1] != 0x09 { k -= 1 }
        let spec = bytes[k..<separator]
        guard !spec.isEmpty, spec.count <= 8, k == lower || bytes[k - 1] == 0x20 || bytes[k - 1] == 0x09,
            spec.allSatisfy({ $0.isASCIIDigit || "+*.<^>adehlmsv".utf8.contains($0) })
        else { return separator }
        let isSpec = spec.contains(UInt8(ascii: "+")) || spec.contains(UInt8(ascii: "*")) || spec.count == 1 && !spec.first!.isASCIIDigit
        return isSpec ? k : separator
    }

    static func cell(_ line: MarkupLine, _ range: Range<Int>) -> InlineParser.Segment {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi, line.bytes[lo].isASCIISpace { lo += 1 }
        while hi > lo, line.bytes[hi - 1].isASCIISpace { hi -= 1 }
        return InlineParser.Segment(line: line.number, column: line.column(of: lo), bytes: line.bytes[lo..<hi])
    }

    /// The number of columns `[cols="1,2,3"]` or `[cols="3*"]` gives.
    static func columnCount(_ style: String?) -> Int? {
        guard let style, let range = style.range(of: "cols=") else { return nil }
        var value = style[range.upperBound...]
        if value.first == "\"" || value.first == "'" {
            let quote = value.first!
            value = value.dropFirst()
            value = value.prefix { $0 != quote }
        } else {
            value = value.prefix { $0 != "," && $0 != "]" }
        }
        if let star = value.firstIndex(of: "*"), let count = Int(value[..<star].trimmingSpaces()) { return count }
        let count = value.split(whereSeparator: { $0 == "," || $0 == ";" }).count
        return count > 0 ? count : nil
    }

    // MARK: - Classifiers

    /// `== Title` (or Markdown's `## Title`): the level (one `=` is the document title) and the text.
    static func sectionTitle(_ line: MarkupLine) -> (level: Int, text: InlineParser.Segment)? {
        let content = line.trimmed
        guard line.indent == 0, let first = content.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "#") else { return nil }
        var marks = 0
        var k = content.startIndex
        while k < content.endIndex, content[k] == first { marks += 1; k += 1 }
        guard marks <= 6, k < content.endIndex, content[k] == 0x20 else { return nil }
        while k < content.endIndex, content[k] == 0x20 { k += 1 }
        var end = content.endIndex
        // A symmetric closing "== Title ==".
        while end > k, content[end - 1] == first { end -= 1 }
        while end > k, content[end - 1] == 0x20 { end -= 1 }
        if end == k { end = content.endIndex }
        guard k < end else { return nil }
        return (marks, InlineParser.Segment(line: line.number, column: line.column(of: k), bytes: content[k..<end]))
    }

    /// A list marker (`*`…`*****`, `-`, `.`…`.....`, `1.`, `a.`) and where the item's text starts.
    static func listMarker(_ line: MarkupLine) -> (String, Int)? {
        let content = line.trimmed
        guard let first = content.first else { return nil }
        var k = content.startIndex
        if first == UInt8(ascii: "*") || first == UInt8(ascii: ".") || first == UInt8(ascii: "-") {
            while k < content.endIndex, content[k] == first { k += 1 }
            if first == UInt8(ascii: "-"), k - content.startIndex > 1 { return nil }
        } else if first.isASCIIDigit || first.isASCIILetter {
            while k < content.endIndex, k - content.startIndex < 3, content[k].isASCIIDigit { k += 1 }
            if k == content.startIndex { k += 1 }
            guard k < content.endIndex, content[k] == UInt8(ascii: ".") else { return nil }
            k += 1
        } else {
            return nil
        }
        guard k < content.endIndex, content[k] == 0x20 || content[k] == 0x09 else { return nil }
        let marker = String(decoding: content[content.startIndex..<k], as: UTF8.self)
        let kind = first.isASCIIDigit || first.isASCIILetter ? "1." : marker
        while k < content.endIndex, content[k] == 0x20 || content[k] == 0x09 { k += 1 }
        return (kind, k)
    }

    /// `term:: definition`, `term::` (definition below), `term;;`: the term's range (its last byte
    /// included up to the first colon, so "term:" reads as a key) and where the definition starts.
    static func definitionTerm(_ line: MarkupLine) -> (Range<Int>, Int?)? {
        let content = line.trimmed
        guard let first = content.first, first != UInt8(ascii: ":"), first != 0x20, content.count >= 3 else { return nil }
        var k = content.startIndex
        while k + 1 < content.endIndex {
            let a = content[k]
            let b = content[k + 1]
            if (a == UInt8(ascii: ":") && b == UInt8(ascii: ":")) || (a == UInt8(ascii: ";") && b == UInt8(ascii: ";")) {
                var after = k + 2
                while after < content.endIndex, content[after] == a { after += 1 }
                guard after == content.endIndex || content[after] == 0x20 || content[after] == 0x09, k > content.startIndex,
                    content[k - 1] != 0x20
                else { return nil }
                while after < content.endIndex, content[after] == 0x20 { after += 1 }
                // The term and one colon: "Submission deadline:" then the definition.
                return (content.startIndex..<k, after < content.endIndex ? after : nil)
            }
            if a == UInt8(ascii: "/") && b == UInt8(ascii: "/") { return nil }
            k += 1
        }
        return nil
    }

    /// `NOTE: `, `TIP: `, `IMPORTANT: `, `WARNING: `, `CAUTION: `: where the text after the label starts.
    static func admonitionLabel(_ bytes: ArraySlice<UInt8>) -> Int? {
        for label in ["NOTE: ", "TIP: ", "IMPORTANT: ", "WARNING: ", "CAUTION: "] where bytes.starts(with: label.utf8) {
            return bytes.startIndex + label.utf8.count
        }
        return nil
    }

    /// A line without its hard line break (" +" at its end).
    static func withoutHardBreak(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard bytes.count >= 2, bytes.last == UInt8(ascii: "+"), bytes[bytes.endIndex - 2] == 0x20 else { return bytes }
        return bytes.dropLast(2)
    }
}
