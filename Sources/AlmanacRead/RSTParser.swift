public import AlmanacCore
import Foundation

/// Reads reStructuredText (Sphinx documentation, PEP-style repositories, Pelican posts) into a
/// ``Document``, as the Markdown reader does: section titles, paragraphs, bullet, enumerated,
/// definition and field lists, grid, simple, `list-table` and `csv-table` tables (a row a block,
/// cells kept), admonitions' contents; literal blocks (`::`), code directives and comments are kept
/// as code or skipped. Inline markup and roles are reduced to their text (``LightInline``).
///
/// ```swift
/// let (document, _) = RSTParser().parse("Schedule\n========\n\n* 2024-03-15: CfP closes\n", path: "x.rst")
/// document.blocks[1].text   // "2024-03-15: CfP closes"
/// document.blocks[1].line   // 4
/// ```
///
/// A leading field list (`:Date: 2024-03-06`, `:Authors: …`) gives the note's date, title and authors.
public struct RSTParser: Sendable {
    public init() {}

    /// Parses `text`, whose first line is line `firstLine` of the file at `path` (named in warnings).
    public func parse(_ text: String, firstLine: Int = 1, path: String = "") -> (document: Document, diagnostics: [Diagnostic]) {
        let (document, metadata) = read(text, firstLine: firstLine, path: path)
        return (document, metadata.diagnostics)
    }

    func read(_ text: String, firstLine: Int = 1, path: String) -> (Document, MarkupMetadata) {
        let lines = MarkupLine.lines(text, firstLine: firstLine)
        var state = RSTState(lines: lines, path: path)
        state.collectTargets()
        state.body(lines[...], parent: nil, depth: 0, topLevel: true)
        return (state.blocks.document, state.metadata)
    }
}

private struct RSTState {
    let lines: [MarkupLine]
    let path: String
    var blocks = MarkupBlocks(LightInline(.restructuredText))
    var metadata = MarkupMetadata()
    /// Title adornments in order of appearance: (character, overlined) → level.
    var styles: [[UInt8]] = []
    var sawBlock = false

    init(lines: [MarkupLine], path: String) {
        self.lines = lines
        self.path = path
    }

    /// `.. _name: url` targets and `.. |name| replace:: text` substitutions, wherever they are.
    mutating func collectTargets() {
        for line in lines where line.starts(with: ".. ") {
            let text = line.text
            if text.hasPrefix(".. _"), let colon = text.range(of: ": ") {
                let name = String(text[text.index(text.startIndex, offsetBy: 4)..<colon.lowerBound]).lowercased()
                let url = String(text[colon.upperBound...]).trimmingASCIISpaces()
                let key = name.hasPrefix("`") && name.hasSuffix("`") ? String(name.dropFirst().dropLast()) : name
                if !url.isEmpty { blocks.inline.targets[key] = url }
            } else if text.hasPrefix(".. |"), let close = text.dropFirst(4).firstIndex(of: "|") {
                let name = String(text[text.index(text.startIndex, offsetBy: 4)..<close]).lowercased()
                let rest = text[text.index(after: close)...].trimmingSpaces()
                for directive in ["replace::", "unicode::", "date::"] where rest.hasPrefix(directive) {
                    blocks.inline.attributes[name] = String(rest.dropFirst(directive.count)).trimmingASCIISpaces()
                }
            }
        }
    }

    // MARK: - Body

    /// How deep blocks nest in blocks (a list in a quote in a list…); deeper ones are read as plain paragraphs.
    static let maximumNesting = 32
    var nesting = 0

    /// The blocks of `lines` (already dedented to their own margin).
    mutating func body(_ lines: ArraySlice<MarkupLine>, parent: Int?, depth: Int, topLevel: Bool) {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Self.maximumNesting {
            for line in lines where !line.isBlank { _ = add(.paragraph, [line.segment], parent: parent) }
            return
        }
        var i = lines.startIndex
        while i < lines.endIndex {
            let line = lines[i]
            if line.isBlank {
                i += 1
                continue
            }
            let next = i + 1 < lines.endIndex ? lines[i + 1] : nil
            let content = line.trimmed

            // Section title with an overline, or a transition.
            if line.indent == 0, Self.isAdornment(content) {
                if let title = next, !title.isBlank, i + 2 < lines.endIndex, lines[i + 2].trimmed.first == content.first,
                    Self.isAdornment(lines[i + 2].trimmed), !Self.isAdornment(title.trimmed)
                {
                    heading(title, style: [content.first!, 1])
                    i += 3
                    continue
                }
                if content.first == UInt8(ascii: "="), let end = simpleTable(lines, from: i, parent: parent) {
                    i = end
                    continue
                }
                i += 1
                continue
            }
            // A simple table's top border.
            if line.indent == 0, content.first == UInt8(ascii: "="), content.contains(0x20),
                content.allSatisfy({ $0 == UInt8(ascii: "=") || $0 == 0x20 }), let end = simpleTable(lines, from: i, parent: parent)
            {
                i = end
                continue
            }
            // Section title with an underline.
            if line.indent == 0, let under = next, Self.isAdornment(under.trimmed), under.indent == 0,
                under.trimmed.count >= min(3, content.count), !content.starts(with: "..".utf8)
            {
                heading(line, style: [under.trimmed.first!, 0])
                i += 2
                continue
            }
            // The docinfo field list at the top: the note's metadata.
            if topLevel, !sawBlock || (blocks.output.blocks.count == 1 && blocks.output.blocks[0].isHeading), let field = Self.field(line),
                readDocinfo(field.name, field.value, line: line, valueIndex: field.valueIndex)
            {
                i += 1
                while i < lines.endIndex, !lines[i].isBlank, lines[i].indent > 0 { i += 1 }
                continue
            }
            // Explicit markup: directives, comments, targets, footnotes.
            if content.starts(with: "..".utf8), content.count == 2 || content[content.startIndex + 2] == 0x20 {
                i = explicit(lines, from: i, parent: parent, depth: depth)
                continue
            }
            // Tables.
            if content.first == UInt8(ascii: "+"), content.count > 2, content[content.startIndex + 1] == UInt8(ascii: "-")
                || content[content.startIndex + 1] == UInt8(ascii: "=")
            {
                i = gridTable(lines, from: i, parent: parent)
                continue
            }
            // Lists.
            if let markerEnd = Self.listMarker(content) {
                i = listItem(lines, from: i, markerEnd: markerEnd, parent: parent, depth: depth)
                continue
            }
            if let field = Self.field(line) {
                i = fieldItem(lines, from: i, field: field, parent: parent, depth: depth)
                continue
            }
            // Doctest blocks and line blocks.
            if content.starts(with: ">>>".utf8) {
                var end = i
                while end < lines.endIndex, !lines[end].isBlank { end += 1 }
                blocks.code(Array(lines[i..<end]), parent: parent)
                i = end
                continue
            }
            if content.first == UInt8(ascii: "|"), content.count == 1 || content[content.startIndex + 1] == 0x20 {
                var segments: [InlineParser.Segment] = []
                var end = i
                while end < lines.endIndex, lines[end].trimmed.first == UInt8(ascii: "|") {
                    let trimmed = lines[end].trimmed
                    segments.append(lines[end].segment(from: min(trimmed.endIndex, trimmed.startIndex + 2)))
                    end += 1
                }
                _ = add(.paragraph, segments, parent: parent)
                i = end
                continue
            }
            // An indented block: a block quote, read as the text around it.
            if line.indent > 0 {
                let margin = line.indent
                var end = i
                while end < lines.endIndex, lines[end].isBlank || lines[end].indent >= margin { end += 1 }
                body(lines[i..<end].map { $0.dedented(by: margin) }[...], parent: parent, depth: depth, topLevel: false)
                i = end
                continue
            }
            // A definition list item: a term, its definition indented on the next line.
            if let definition = next, !definition.isBlank, definition.indent > line.indent {
                i = definitionItem(lines, from: i, parent: parent, depth: depth)
                continue
            }
            i = paragraph(lines, from: i, parent: parent)
        }
    }

    mutating func add(_ kind: Block.Kind, _ segments: [InlineParser.Segment], parent: Int?) -> Int? {
        sawBlock = true
        return blocks.add(kind, segments, parent: parent)
    }

    mutating func heading(_ line: MarkupLine, style: [UInt8]) {
        if !styles.contains(style) { styles.append(style) }
        let level = min(6, styles.firstIndex(of: style)! + 1)
        _ = add(.heading(level: level), [line.segment], parent: nil)
    }

    /// A paragraph: lines up to a blank line, a title underline or an indented line; `::` at its end opens a literal block.
    mutating func paragraph(_ lines: ArraySlice<MarkupLine>, from start: Int, parent: Int?) -> Int {
        var end = start + 1
        while end < lines.endIndex, !lines[end].isBlank, lines[end].indent == lines[start].indent,
            !(end + 1 < lines.endIndex && Self.isAdornment(lines[end + 1].trimmed) && !Self.isAdornment(lines[end].trimmed))
        {
            end += 1
        }
        var segments = lines[start..<end].map(\.segment)
        let literal = Self.removeLiteralMarker(&segments)
        _ = add(.paragraph, segments, parent: parent)
        guard literal else { return end }
        return literalBlock(lines, from: end, margin: lines[start].indent, parent: parent)
    }

    /// The indented block after `::`: code.
    mutating func literalBlock(_ lines: ArraySlice<MarkupLine>, from start: Int, margin: Int, parent: Int?) -> Int {
        var end = start
        while end < lines.endIndex, lines[end].isBlank { end += 1 }
        let first = end
        guard first < lines.endIndex, lines[first].indent > margin || lines[first].trimmed.first.map(Self.isQuoteChar) == true else { return start }
        let quoted = lines[first].indent <= margin
        while end < lines.endIndex, lines[end].isBlank && !quoted || (quoted ? !lines[end].isBlank : lines[end].indent > margin) { end += 1 }
        blocks.code(Array(lines[first..<end]), parent: parent)
        sawBlock = true
        return end
    }

    // MARK: Lists

    /// A bullet or enumerated item: its first paragraph is the item, the rest of its body its children.
    mutating func listItem(_ lines: ArraySlice<MarkupLine>, from start: Int, markerEnd: Int, parent: Int?, depth: Int) -> Int {
        let line = lines[start]
        let content = line.trimmed
        var textStart = markerEnd
        while textStart < content.endIndex, content[textStart] == 0x20 || content[textStart] == 0x09 { textStart += 1 }
        let margin = line.column(of: textStart) - line.firstColumn
        return item(lines, from: start, firstText: textStart, margin: margin, parent: parent, depth: depth, kind: .listItem(depth: depth))
    }

    /// `:Name: value`: a "Name: value" line, as notes write key and value.
    mutating func fieldItem(_ lines: ArraySlice<MarkupLine>, from start: Int, field: Field, parent: Int?, depth: Int) -> Int {
        let line = lines[start]
        // From the name (after the opening colon) to the end: "Name: value".
        var end = start + 1
        while end < lines.endIndex, !lines[end].isBlank, lines[end].indent > line.indent { end += 1 }
        var segments = [line.segment(from: field.nameIndex)]
        segments += lines[(start + 1)..<end].map(\.segment)
        _ = add(.paragraph, segments, parent: parent)
        var rest = end
        while rest < lines.endIndex, lines[rest].isBlank || lines[rest].indent > line.indent { rest += 1 }
        if rest > end, lines[end..<rest].contains(where: { !$0.isBlank }) {
            let margin = lines[end..<rest].filter { !$0.isBlank }.map(\.indent).min() ?? 0
            body(lines[end..<rest].map { $0.dedented(by: margin) }[...], parent: parent, depth: depth, topLevel: false)
        }
        return rest
    }

    /// A term and its indented definition: the term a paragraph, the definition read under it.
    mutating func definitionItem(_ lines: ArraySlice<MarkupLine>, from start: Int, parent: Int?, depth: Int) -> Int {
        let line = lines[start]
        // "term : classifier" keeps the term.
        var segment = line.segment
        if let colon = ByteSearch.firstIndex(of: [0x20, 0x3A, 0x20], in: segment.bytes) { segment.bytes = segment.bytes[..<colon] }
        _ = add(.paragraph, [segment], parent: parent)
        var end = start + 1
        while end < lines.endIndex, lines[end].isBlank || lines[end].indent > line.indent { end += 1 }
        let margin = lines[(start + 1)..<end].filter { !$0.isBlank }.map(\.indent).min() ?? 0
        body(lines[(start + 1)..<end].map { $0.dedented(by: margin) }[...], parent: parent, depth: depth, topLevel: false)
        return end
    }

    /// An item's body: the lines after its first that are blank or indented to `margin`.
    mutating func item(_ lines: ArraySlice<MarkupLine>, from start: Int, firstText: Int, margin: Int, parent: Int?, depth: Int,
        kind: Block.Kind) -> Int
    {
        let line = lines[start]
        let base = line.indent
        var end = start + 1
        while end < lines.endIndex, lines[end].isBlank || lines[end].indent > base {
            end += 1
        }
        while end > start + 1, lines[end - 1].isBlank { end -= 1 }
        // The first paragraph: the marker's line and the lines after it up to a blank or a nested item.
        var body = [MarkupLine(number: line.number, bytes: line.bytes[firstText...], firstColumn: line.column(of: firstText))]
        for index in (start + 1)..<end { body.append(lines[index].dedented(by: margin)) }
        var paragraphEnd = 1
        while paragraphEnd < body.count, !body[paragraphEnd].isBlank, Self.listMarker(body[paragraphEnd].trimmed) == nil,
            body[paragraphEnd].indent == 0
        {
            paragraphEnd += 1
        }
        var segments = body[0..<paragraphEnd].filter { !$0.isBlank }.map(\.segment)
        let literal = Self.removeLiteralMarker(&segments)
        let added = add(kind, segments, parent: parent)
        var rest = paragraphEnd
        if literal { rest = literalBlock(body[...], from: rest, margin: 0, parent: added ?? parent) }
        if rest < body.count {
            self.body(body[rest...], parent: added ?? parent, depth: depth + 1, topLevel: false)
        }
        return end
    }

    // MARK: Explicit markup

    /// `.. directive:: args`, a comment, a target or a footnote, with its indented block.
    mutating func explicit(_ lines: ArraySlice<MarkupLine>, from start: Int, parent: Int?, depth: Int) -> Int {
        let line = lines[start]
        var end = start + 1
        while end < lines.endIndex, lines[end].isBlank || lines[end].indent > line.indent { end += 1 }
        while end > start + 1, lines[end - 1].isBlank { end -= 1 }
        let content = line.trimmed
        let after = content.index(content.startIndex, offsetBy: min(3, content.count))
        let rest = content[after...]
        guard let marker = ByteSearch.firstIndex(of: Array("::".utf8), in: rest), marker > rest.startIndex,
            rest[rest.startIndex..<marker].allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "_") }),
            rest.first != UInt8(ascii: "_"), rest.first != UInt8(ascii: "|")
        else {
            return end  // a comment or a target
        }
        var name = String(decoding: rest[rest.startIndex..<marker], as: UTF8.self).lowercased()
        if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }  // "rst:directive", "py:function"
        var argumentIndex = marker + 2
        while argumentIndex < content.endIndex, content[argumentIndex] == 0x20 { argumentIndex += 1 }
        let argument = line.segment(from: argumentIndex)
        // The body: options (":key: value") first, then the content, indented.
        var bodyStart = start + 1
        // The argument may go on over the lines before the options or a blank line.
        var argumentLines = argument.bytes.isEmpty ? [] : [argument]
        while bodyStart < end, !lines[bodyStart].isBlank, Self.field(lines[bodyStart]) == nil {
            argumentLines.append(lines[bodyStart].segment)
            bodyStart += 1
        }
        while bodyStart < end, !lines[bodyStart].isBlank, Self.field(lines[bodyStart]) != nil { bodyStart += 1 }
        let bodyLines = lines[bodyStart..<end]
        let margin = bodyLines.filter { !$0.isBlank }.map(\.indent).min() ?? 0
        let dedented = bodyLines.map { $0.dedented(by: margin) }
        switch name {
        case _ where Self.skipped.contains(name):
            if Self.code.contains(name) { blocks.code(Array(bodyLines), parent: parent) }
        case "list-table", "csv-table":
            if !argumentLines.isEmpty { _ = add(.paragraph, argumentLines, parent: parent) }
            if name == "list-table" { listTable(dedented, parent: parent) } else { csvTable(dedented, parent: parent) }
        case "rubric", "topic", "title":
            if !argumentLines.isEmpty { _ = add(.heading(level: min(6, styles.count + 1)), argumentLines, parent: nil) }
            body(dedented[...], parent: parent, depth: depth, topLevel: false)
        default:
            // Admonitions (note, warning, important…) and containers: their contents are the note's; the
            // argument of an admonition, a sidebar or a version note is text too, that of a container is not.
            if !argumentLines.isEmpty, Self.titled.contains(name) { _ = add(.paragraph, argumentLines, parent: parent) }
            body(dedented[...], parent: parent, depth: depth, topLevel: false)
        }
        return end
    }

    /// Directives whose argument is text of the note.
    static let titled: Set<String> = ["note", "warning", "important", "tip", "hint", "attention", "caution", "danger", "error", "todo",
        "admonition", "sidebar", "versionadded", "versionchanged", "deprecated", "seealso", "table", "tab", "epigraph", "pull-quote"]
    static let code: Set<String> = ["code", "code-block", "sourcecode", "literalinclude", "highlight", "doctest", "testcode", "testoutput",
        "parsed-literal", "productionlist", "prompt", "ipython", "jupyter-execute", "math", "raw"]
    static let skipped: Set<String> = code.union(["image", "figure", "toctree", "include", "contents", "index", "meta", "graphviz",
        "digraph", "sectnum", "header", "footer", "autosummary", "automodule", "autoclass", "autofunction", "automethod", "autodata",
        "autoexception", "function", "class", "method", "attribute", "module", "currentmodule", "default-role", "role", "highlightlang",
        "substitution-def", "replace", "unicode", "date", "target-notes", "tabularcolumns"])

    /// `.. list-table::`: `* - cell` lines, a row a bullet.
    mutating func listTable(_ lines: [MarkupLine], parent: Int?) {
        var rows: [[[InlineParser.Segment]]] = []
        for line in lines where !line.isBlank {
            let content = line.trimmed
            if line.indent == 0, content.first == UInt8(ascii: "*") || content.first == UInt8(ascii: "-") && rows.isEmpty {
                rows.append([])
                let after = content.dropFirst().drop { $0 == 0x20 }
                if after.first == UInt8(ascii: "-"), after.count == 1 || after[after.startIndex + 1] == 0x20 {
                    rows[rows.count - 1].append([MarkupLine(number: line.number, bytes: line.bytes, firstColumn: line.firstColumn)
                        .segment(from: min(after.endIndex, after.startIndex + 2))])
                }
            } else if content.first == UInt8(ascii: "-"), content.count == 1 || content[content.startIndex + 1] == 0x20, !rows.isEmpty {
                rows[rows.count - 1].append([line.segment(from: min(content.endIndex, content.startIndex + 2))])
            } else if !rows.isEmpty, !rows[rows.count - 1].isEmpty {
                rows[rows.count - 1][rows[rows.count - 1].count - 1].append(line.segment)
            }
        }
        for row in rows { blocks.row(row, parent: parent) }
        sawBlock = true
    }

    /// `.. csv-table::`: comma-separated rows (quoted cells may hold commas).
    mutating func csvTable(_ lines: [MarkupLine], parent: Int?) {
        for line in lines where !line.isBlank {
            var cells: [[InlineParser.Segment]] = []
            let content = line.trimmed
            var start = content.startIndex
            var i = start
            var quoted = false
            while i <= content.endIndex {
                if i == content.endIndex || (content[i] == UInt8(ascii: ",") && !quoted) {
                    var lo = start
                    var hi = i
                    while lo < hi, content[lo] == 0x20 { lo += 1 }
                    while hi > lo, content[hi - 1] == 0x20 { hi -= 1 }
                    if hi - lo >= 2, content[lo] == UInt8(ascii: "\""), content[hi - 1] == UInt8(ascii: "\"") {
                        lo += 1
                        hi -= 1
                    }
                    cells.append([InlineParser.Segment(line: line.number, column: line.column(of: lo), bytes: content[lo..<hi])])
                    start = i + 1
                } else if content[i] == UInt8(ascii: "\"") {
                    quoted.toggle()
                }
                i += 1
            }
            blocks.row(cells, parent: parent)
        }
        sawBlock = true
    }

    // MARK: Tables

    /// A grid table: rows between `+---+` borders, each cell's lines joined.
    mutating func gridTable(_ lines: ArraySlice<MarkupLine>, from start: Int, parent: Int?) -> Int {
        var end = start
        while end < lines.endIndex, let first = lines[end].trimmed.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "|") { end += 1 }
        let border = lines[start].trimmed
        // Column boundaries: the "+" of the top border, as offsets from the line's content.
        let margin = lines[start].indent
        var bounds: [Int] = []
        for (offset, byte) in border.enumerated() where byte == UInt8(ascii: "+") { bounds.append(offset) }
        var cells: [[InlineParser.Segment]] = Array(repeating: [], count: max(0, bounds.count - 1))
        func flushRow() {
            if cells.contains(where: { !$0.isEmpty }) { blocks.row(cells, parent: parent) }
            cells = Array(repeating: [], count: max(0, bounds.count - 1))
        }
        for index in (start + 1)..<end {
            let line = lines[index]
            let content = line.dedented(by: margin).bytes
            if content.first == UInt8(ascii: "+") {
                // A border, or a row whose cells span: a "+-" run ends the row (spanned rows are joined).
                if content.dropFirst().first == UInt8(ascii: "-") || content.dropFirst().first == UInt8(ascii: "=") { flushRow() }
                continue
            }
            // Cell text between the column bounds (a missing "|" at a bound means a cell spanning columns).
            for column in 0..<cells.count {
                let lo = content.startIndex + bounds[column] + 1
                let hi = min(content.endIndex, content.startIndex + bounds[column + 1])
                guard lo < hi else { continue }
                // Bounds in bytes: never inside a character (a wide one shifts the columns after it).
                var a = lo
                var b = hi
                while a < b, content[a] & 0xC0 == 0x80 { a += 1 }
                while b < content.endIndex, content[b] & 0xC0 == 0x80 { b += 1 }
                while a < b, content[a] == 0x20 { a += 1 }
                while b > a, content[b - 1] == 0x20 || content[b - 1] == UInt8(ascii: "|") { b -= 1 }
                if a < b {
                    cells[column].append(InlineParser.Segment(line: line.number, column: line.dedented(by: margin).column(of: a), bytes: content[a..<b]))
                }
            }
        }
        flushRow()
        sawBlock = true
        return end
    }

    /// A simple table: `=====  =====` borders, columns where the border's runs are; a line whose first
    /// column is blank continues the row above. Nil when the line is no table border.
    mutating func simpleTable(_ lines: ArraySlice<MarkupLine>, from start: Int, parent: Int?) -> Int? {
        let border = lines[start].bytes
        var runs: [Range<Int>] = []
        var i = border.startIndex
        while i < border.endIndex {
            if border[i] == UInt8(ascii: "=") {
                let lo = i
                while i < border.endIndex, border[i] == UInt8(ascii: "=") { i += 1 }
                runs.append((lo - border.startIndex)..<(i - border.startIndex))
            } else if border[i] == 0x20 {
                i += 1
            } else {
                return nil
            }
        }
        guard runs.count >= 2 else { return nil }
        var rows: [[[InlineParser.Segment]]] = []
        var index = start + 1
        while index < lines.endIndex {
            let line = lines[index]
            let content = line.trimmed
            if content.first == UInt8(ascii: "="), content.allSatisfy({ $0 == UInt8(ascii: "=") || $0 == 0x20 }) {
                // The header's border is followed by a row; the closing one by a blank line or the end.
                index += 1
                if index >= lines.endIndex || lines[index].isBlank { break }
                continue
            }
            if line.isBlank {
                index += 1
                continue
            }
            if content.first == UInt8(ascii: "-"), content.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == 0x20 }) {
                index += 1
                continue
            }
            var cells: [[InlineParser.Segment]] = []
            for (column, run) in runs.enumerated() {
                let lo = line.bytes.startIndex + run.lowerBound
                // The last column takes the rest of the line.
                let hi = column == runs.count - 1 ? line.bytes.endIndex : min(line.bytes.endIndex, line.bytes.startIndex + runs[column + 1].lowerBound)
                guard lo < hi else {
                    cells.append([])
                    continue
                }
                var a = lo
                var b = hi
                while a < b, line.bytes[a] & 0xC0 == 0x80 { a += 1 }
                while b < line.bytes.endIndex, line.bytes[b] & 0xC0 == 0x80 { b += 1 }
                while a < b, line.bytes[a] == 0x20 { a += 1 }
                while b > a, line.bytes[b - 1].isASCIISpace { b -= 1 }
                cells.append(a < b ? [InlineParser.Segment(line: line.number, column: line.column(of: a), bytes: line.bytes[a..<b])] : [])
            }
            if cells.first?.isEmpty == true, !rows.isEmpty {
                for (column, cell) in cells.enumerated() where column < rows[rows.count - 1].count { rows[rows.count - 1][column] += cell }
            } else {
                rows.append(cells)
            }
            index += 1
        }
        for row in rows { blocks.row(row, parent: parent) }
        sawBlock = true
        return index
    }

    /// A paragraph ending in `::` introduces a literal block: "Text::" reads "Text:", " ::" and a lone "::" read nothing.
    static func removeLiteralMarker(_ segments: inout [InlineParser.Segment]) -> Bool {
        guard var last = segments.popLast() else { return false }
        guard last.bytes.hasSuffix("::") else {
            segments.append(last)
            return false
        }
        let before = last.bytes.dropLast(2)
        if before.last == nil || before.last == 0x20 {
            last.bytes = before
            while let final = last.bytes.last, final == 0x20 { last.bytes = last.bytes.dropLast() }
        } else {
            last.bytes = last.bytes.dropLast()
        }
        if !last.bytes.isEmpty { segments.append(last) }
        return true
    }

    // MARK: - Metadata

    /// A field of the docinfo list at the top that gives the note's date, title or authors: read, and true.
    mutating func readDocinfo(_ name: String, _ value: String, line: MarkupLine, valueIndex: Int) -> Bool {
        switch name.lowercased() {
        case "date", "created", "published", "pubdate", "modified", "updated", "revision date":
            metadata.date(value, key: name, line: line.number, column: line.column(of: valueIndex), path: path)
        case "title": metadata.title(value, line: line.number)
        case "author", "authors": metadata.authors(value)
        default: return false
        }
        return true
    }

    // MARK: - Classifiers

    /// A line of one repeated punctuation character (`=====`, `-----`, `~~~~`).
    static func isAdornment(_ content: ArraySlice<UInt8>) -> Bool {
        guard content.count >= 2, let first = content.first, first.isPunctuationByte else { return false }
        return content.allSatisfy { $0 == first }
    }

    static func isQuoteChar(_ byte: UInt8) -> Bool { byte.isPunctuationByte }

    /// The end of a bullet or enumerator at the start of `content` (which must be followed by a space), or nil.
    static func listMarker(_ content: ArraySlice<UInt8>) -> Int? {
        guard let first = content.first else { return nil }
        let start = content.startIndex
        var i = start
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            i += 1
        } else if first == 0xE2, content.count >= 3, content[start + 1] == 0x80, content[start + 2] == 0xA2 || content[start + 2] == 0xA3 {
            i += 3
        } else {
            // 1. 1) (1) a. #. — at most three characters of enumerator.
            if first == UInt8(ascii: "(") { i += 1 }
            let numberStart = i
            while i < content.endIndex, i - numberStart < 3, content[i].isASCIIDigit { i += 1 }
            if i == numberStart, i < content.endIndex, content[i].isASCIILetter || content[i] == UInt8(ascii: "#") { i += 1 }
            guard i > numberStart, i < content.endIndex else { return nil }
            if first == UInt8(ascii: "(") {
                guard content[i] == UInt8(ascii: ")") else { return nil }
            } else {
                guard content[i] == UInt8(ascii: ".") || content[i] == UInt8(ascii: ")") else { return nil }
            }
            i += 1
        }
        guard i < content.endIndex, content[i] == 0x20 || content[i] == 0x09 else { return nil }
        return i
    }

    struct Field {
        var name: String
        var value: String
        /// Index (in the line's bytes) of the name's first byte, and of the value's.
        var nameIndex: Int
        var valueIndex: Int
    }

    /// `:Name: value` (the name without backticks), or nil.
    static func field(_ line: MarkupLine) -> Field? {
        let content = line.trimmed
        guard content.first == UInt8(ascii: ":"), content.count >= 3 else { return nil }
        let nameStart = content.startIndex + 1
        var i = nameStart
        while i < content.endIndex, content[i] != UInt8(ascii: ":"), content[i] != UInt8(ascii: "`") { i += 1 }
        guard i < content.endIndex, content[i] == UInt8(ascii: ":"), i > nameStart, content[nameStart] != 0x20,
            i + 1 == content.endIndex || content[i + 1] == 0x20 || content[i + 1] == 0x09
        else { return nil }
        var valueStart = i + 1
        while valueStart < content.endIndex, content[valueStart] == 0x20 { valueStart += 1 }
        return Field(name: String(decoding: content[nameStart..<i], as: UTF8.self),
            value: String(decoding: content[valueStart...], as: UTF8.self), nameIndex: nameStart, valueIndex: valueStart)
    }

}

extension ArraySlice where Element == UInt8 {
    func hasSuffix(_ suffix: String) -> Bool {
        let bytes = Array(suffix.utf8)
        return count >= bytes.count && self[(endIndex - bytes.count)...].elementsEqual(bytes)
    }
}
