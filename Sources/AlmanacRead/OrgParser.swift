public import AlmanacCore
import Foundation

/// Reads Org mode into a ``Document``, as the Markdown reader does: `#+TITLE`/`#+DATE`/`#+AUTHOR`,
/// headings (without their TODO keyword, priority and tags; a COMMENT subtree is skipped), lists,
/// tables, links (`[[url][text]]`), and quote, center and special blocks; `#+BEGIN_SRC` and
/// `#+BEGIN_EXAMPLE` are code, comments, drawers and export blocks are skipped.
///
/// Active timestamps are dates the note states: `<2025-10-02 Thu 18:00-20:00>` reads
/// "2025-10-02 18:00-20:00" and a range `<…>--<…>` "… to …"; a repeater or warning period
/// (`+1w`, `-2d`) is kept as a code span after the date, so the temporal tagger skips it and
/// extraction sees it. Inactive timestamps (`[2025-10-02 Thu]`) are records, kept as code. A planning
/// line (`DEADLINE: <…> SCHEDULED: <…>`) under a heading is a paragraph of its own of the heading's
/// section, one per keyword ("DEADLINE: 2025-10-02"); CLOSED is a record and is dropped.
///
/// ```swift
/// let (document, _) = OrgParser().parse("* Meetup\nSCHEDULED: <2025-10-02 Thu>\n", path: "x.org")
/// document.blocks[1].text   // "SCHEDULED: 2025-10-02"
/// ```
public struct OrgParser: Sendable {
    public init() {}

    public func parse(_ text: String, firstLine: Int = 1, path: String = "") -> (document: Document, diagnostics: [Diagnostic]) {
        let (document, metadata) = read(text, firstLine: firstLine, path: path)
        return (document, metadata.diagnostics)
    }

    func read(_ text: String, firstLine: Int = 1, path: String) -> (Document, MarkupMetadata) {
        var state = OrgState(lines: MarkupLine.lines(text, firstLine: firstLine), path: path)
        state.run()
        return (state.blocks.document, state.metadata)
    }

    /// The TODO keywords a heading may open with (the usual ones, and those `#+TODO:` lines declare).
    static let todoKeywords: Set<String> = ["TODO", "DONE", "NEXT", "WAITING", "WAIT", "HOLD", "CANCELLED", "CANCELED", "STARTED",
        "SOMEDAY", "MAYBE", "PROJ", "IDEA", "FIXME"]
}

private struct OrgState {
    let lines: [MarkupLine]
    let path: String
    var blocks = MarkupBlocks(LightInline(.org))
    var metadata = MarkupMetadata()
    var lists: [(indent: Int, block: Int?)] = []
    var todo = OrgParser.todoKeywords
    var i = 0
    /// Blocks open around the current line.
    var nesting = 0
    /// The heading just added (a planning line may follow it).
    var afterHeading = false

    init(lines: [MarkupLine], path: String) {
        self.lines = lines
        self.path = path
    }

    mutating func run() {
        while i < lines.count { step() }
    }

    mutating func step() {
        let line = lines[i]
        let content = line.trimmed
        if line.isBlank {
            i += 1
            afterHeading = false
            return
        }
        // Headings.
        if line.indent == 0, let (level, text) = heading(line) {
            lists = []
            if text.bytes.starts(with: "COMMENT".utf8) && (text.bytes.count == 7 || text.bytes.dropFirst(7).first == 0x20) {
                // A commented subtree: up to the next heading of the same or a higher level.
                i += 1
                while i < lines.count, heading(lines[i]).map({ $0.0 > level }) ?? true { i += 1 }
                return
            }
            blocks.add(.heading(level: level), [text])
            afterHeading = true
            i += 1
            return
        }
        // Keywords, blocks, comments.
        if content.starts(with: "#+".utf8) {
            keywordOrBlock(line)
            return
        }
        if content.first == UInt8(ascii: "#"), content.count == 1 || content[content.startIndex + 1] == 0x20 {
            i += 1
            return
        }
        // Drawers (:PROPERTIES: … :END:, :LOGBOOK:).
        if content.first == UInt8(ascii: ":"), content.last == UInt8(ascii: ":"), content.count > 2,
            content.dropFirst().dropLast().allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
        {
            i += 1
            while i < lines.count, !lines[i].trimmed.elementsEqual(":END:".utf8), !lines[i].trimmed.elementsEqual(":end:".utf8),
                heading(lines[i]) == nil
            {
                i += 1
            }
            if i < lines.count, heading(lines[i]) == nil { i += 1 }
            return
        }
        // Planning: DEADLINE, SCHEDULED, CLOSED.
        if afterHeading, planning(line) { return }
        afterHeading = false
        // Anything at the margin but an item ends the lists.
        if line.indent == 0, listMarker(line) == nil { lists = [] }
        // Fixed-width lines ": text".
        if content.first == UInt8(ascii: ":"), content.count == 1 || content[content.startIndex + 1] == 0x20 {
            var end = i
            while end < lines.count, lines[end].trimmed.first == UInt8(ascii: ":") { end += 1 }
            blocks.code(Array(lines[i..<end]), parent: lists.last?.block ?? nil)
            i = end
            return
        }
        // Tables.
        if content.first == UInt8(ascii: "|") {
            table()
            return
        }
        if content.starts(with: "+-".utf8), content.allSatisfy({ $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
            i += 1
            return
        }
        // Horizontal rule.
        if content.count >= 5, content.allSatisfy({ $0 == UInt8(ascii: "-") }) {
            i += 1
            return
        }
        if let textStart = listMarker(line) {
            listItem(line, textStart: textStart)
            return
        }
        paragraph()
    }

    /// `*** TODO [#A] Title :tag:`: the level and the title.
    func heading(_ line: MarkupLine) -> (Int, InlineParser.Segment)? {
        let bytes = line.bytes
        guard bytes.first == UInt8(ascii: "*") else { return nil }
        var k = bytes.startIndex
        while k < bytes.endIndex, bytes[k] == UInt8(ascii: "*") { k += 1 }
        let level = k - bytes.startIndex
        guard k < bytes.endIndex, bytes[k] == 0x20 || bytes[k] == 0x09 else { return k == bytes.endIndex && level > 0 ? (min(level, 6), line.segment(from: k)) : nil }
        while k < bytes.endIndex, bytes[k] == 0x20 { k += 1 }
        // TODO keyword.
        var wordEnd = k
        while wordEnd < bytes.endIndex, bytes[wordEnd] != 0x20 { wordEnd += 1 }
        if todo.contains(String(decoding: bytes[k..<wordEnd], as: UTF8.self)) {
            k = wordEnd
            while k < bytes.endIndex, bytes[k] == 0x20 { k += 1 }
        }
        // Priority cookie.
        if bytes.endIndex - k >= 4, bytes[k] == UInt8(ascii: "["), bytes[k + 1] == UInt8(ascii: "#"), bytes[k + 3] == UInt8(ascii: "]") {
            k += 4
            while k < bytes.endIndex, bytes[k] == 0x20 { k += 1 }
        }
        // Tags at the end: " :a:b:".
        var end = bytes.endIndex
        while end > k, bytes[end - 1].isASCIISpace { end -= 1 }
        if end > k, bytes[end - 1] == UInt8(ascii: ":") {
            var tagStart = end - 1
            while tagStart > k, bytes[tagStart - 1] != 0x20 && bytes[tagStart - 1] != 0x09 { tagStart -= 1 }
            let tags = bytes[tagStart..<end]
            if tags.count >= 3, tags.first == UInt8(ascii: ":"), tagStart > k,
                tags.allSatisfy({ $0.isASCIIAlphanumeric || $0 >= 0x80 || "_@#%:".utf8.contains($0) })
            {
                end = tagStart
                while end > k, bytes[end - 1].isASCIISpace { end -= 1 }
            }
        }
        // A statistics cookie "[2/5]" or "[40%]" at the end.
        if end > k, bytes[end - 1] == UInt8(ascii: "]"), let open = bytes[k..<end].lastIndex(of: UInt8(ascii: "[")),
            bytes[(open + 1)..<(end - 1)].allSatisfy({ $0.isASCIIDigit || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "%") })
        {
            end = open
            while end > k, bytes[end - 1].isASCIISpace { end -= 1 }
        }
        return (min(level, 6), InlineParser.Segment(line: line.number, column: line.column(of: k), bytes: bytes[k..<end]))
    }

    /// `#+KEY: value` (metadata, or nothing), `#+BEGIN_X` … `#+END_X` blocks.
    mutating func keywordOrBlock(_ line: MarkupLine) {
        let content = line.trimmed
        let upper = String(decoding: content.prefix(40), as: UTF8.self).uppercased()
        if upper.hasPrefix("#+BEGIN_") || upper.hasPrefix("#+BEGIN:") {
            var name = String(upper.dropFirst(8).prefix { $0 != " " && $0 != "\t" })
            if upper.hasPrefix("#+BEGIN:") { name = "DYNAMIC" }
            let closing = upper.hasPrefix("#+BEGIN:") ? "#+END:" : "#+END_" + name
            var end = i + 1
            while end < lines.count, !String(decoding: lines[end].trimmed.prefix(40), as: UTF8.self).uppercased().hasPrefix(closing) { end += 1 }
            let inside = Array(lines[(i + 1)..<min(end, lines.count)])
            let parent = lists.last?.block ?? nil
            switch name {
            case "SRC", "EXAMPLE":
                blocks.code(inside, parent: parent)
            case "COMMENT", "EXPORT", "HTML", "LATEX", "DYNAMIC":
                break
            default:
                // QUOTE, CENTER, VERSE, NOTE, WARNING…: the note's own text (as plain paragraphs when nested deeper than notes nest).
                let savedLists = lists
                let stop = min(end, lines.count)
                i += 1
                if nesting >= 32 {
                    for line in lines[i..<max(i, stop)] where !line.isBlank { blocks.add(.paragraph, [line.segment]) }
                } else {
                    nesting += 1
                    while i < stop { step() }
                    nesting -= 1
                }
                lists = savedLists
            }
            i = min(lines.count, end + 1)
            return
        }
        if let colon = content.firstIndex(of: UInt8(ascii: ":")) {
            let key = String(decoding: content[(content.startIndex + 2)..<colon], as: UTF8.self).lowercased()
            var valueStart = colon + 1
            while valueStart < content.endIndex, content[valueStart] == 0x20 { valueStart += 1 }
            let value = String(decoding: content[valueStart...], as: UTF8.self)
            switch key {
            case "title": metadata.title(value, line: line.number)
            case "date": metadata.date(value, key: "#+DATE", line: line.number, column: line.column(of: valueStart), path: path)
            case "author": metadata.authors(value)
            case "todo", "seq_todo", "typ_todo":
                for word in value.split(separator: " ") where word != "|" {
                    todo.insert(String(word.prefix { $0 != "(" }))
                }
            default: break
            }
        }
        i += 1
    }

    /// A planning line under a heading: a paragraph per DEADLINE and SCHEDULED ("DEADLINE: 2025-10-02"); true when it was one.
    mutating func planning(_ line: MarkupLine) -> Bool {
        let content = line.trimmed
        let keywords = ["DEADLINE:", "SCHEDULED:", "CLOSED:"]
        guard keywords.contains(where: { content.starts(with: $0.utf8) }) else { return false }
        var k = content.startIndex
        var found: [(keyword: Int, end: Int)] = []
        while k < content.endIndex {
            if let keyword = keywords.first(where: { content[k...].starts(with: $0.utf8) }) {
                found.append((k, k + keyword.utf8.count))
                k += keyword.utf8.count
            } else {
                k += 1
            }
        }
        for (index, piece) in found.enumerated() {
            let end = index + 1 < found.count ? found[index + 1].keyword : content.endIndex
            guard !content[piece.keyword...].starts(with: "CLOSED:".utf8) else { continue }
            var upper = end
            while upper > piece.keyword, content[upper - 1] == 0x20 { upper -= 1 }
            blocks.add(.paragraph, [InlineParser.Segment(line: line.number, column: line.column(of: piece.keyword), bytes: content[piece.keyword..<upper])])
        }
        i += 1
        return true
    }

    /// `- item`, `+ item`, `* item` (indented), `1. item`, `1) item`: where the text starts.
    func listMarker(_ line: MarkupLine) -> Int? {
        let content = line.trimmed
        guard let first = content.first else { return nil }
        var k = content.startIndex
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || (first == UInt8(ascii: "*") && line.indent > 0) {
            k += 1
        } else if first.isASCIIDigit || first.isASCIILetter {
            while k < content.endIndex, k - content.startIndex < 3, content[k].isASCIIDigit { k += 1 }
            if k == content.startIndex { k += 1 }
            guard k < content.endIndex, content[k] == UInt8(ascii: ".") || content[k] == UInt8(ascii: ")") else { return nil }
            k += 1
        } else {
            return nil
        }
        guard k < content.endIndex, content[k] == 0x20 || content[k] == 0x09 else { return nil }
        while k < content.endIndex, content[k] == 0x20 { k += 1 }
        // A checkbox "[ ] ", "[X] ", "[-] ".
        if content.endIndex - k >= 4, content[k] == UInt8(ascii: "["), content[k + 2] == UInt8(ascii: "]"), content[k + 3] == 0x20 {
            k += 4
        }
        return k
    }

    mutating func listItem(_ line: MarkupLine, textStart: Int) {
        let indent = line.indent
        while let top = lists.last, top.indent >= indent { lists.removeLast() }
        let depth = lists.count
        let parent = lists.last?.block ?? nil
        var segments = [line.segment(from: textStart)]
        // "- term :: definition" reads "term: definition".
        if let separator = ByteSearch.firstIndex(of: Array(" :: ".utf8), in: segments[0].bytes) {
            let definition = segments[0].bytes[(separator + 4)...]
            segments = [InlineParser.Segment(line: line.number, column: line.column(of: textStart),
                bytes: ArraySlice(Array(line.bytes[textStart..<separator]) + [UInt8(ascii: ":")]))]
            if !definition.isEmpty { segments.append(InlineParser.Segment(line: line.number, column: line.column(of: separator + 4), bytes: definition)) }
        }
        i += 1
        while i < lines.count, !lines[i].isBlank, lines[i].indent > indent, listMarker(lines[i]) == nil, heading(lines[i]) == nil,
            !lines[i].trimmed.starts(with: "#+".utf8), lines[i].trimmed.first != UInt8(ascii: "|")
        {
            segments.append(lines[i].segment)
            i += 1
        }
        lists.append((indent, blocks.add(.listItem(depth: depth), segments, parent: parent)))
    }

    mutating func paragraph() {
        var segments: [InlineParser.Segment] = []
        let indent = lines[i].indent
        while i < lines.count, !lines[i].isBlank, heading(lines[i]) == nil, !lines[i].trimmed.starts(with: "#+".utf8),
            lines[i].trimmed.first != UInt8(ascii: "|"), segments.isEmpty || listMarker(lines[i]) == nil
        {
            segments.append(lines[i].segment)
            i += 1
        }
        // A paragraph indented under a list item belongs to it; one at the margin ends the lists.
        while let top = lists.last, indent <= top.indent { lists.removeLast() }
        blocks.add(.paragraph, segments, parent: lists.last?.block ?? nil)
    }

    /// `| a | b |` rows; `|---+---|` rules are skipped.
    mutating func table() {
        while i < lines.count, lines[i].trimmed.first == UInt8(ascii: "|") {
            let line = lines[i]
            let content = line.trimmed
            i += 1
            if content.count > 1, content[content.startIndex + 1] == UInt8(ascii: "-") { continue }
            var cells: [[InlineParser.Segment]] = []
            var start = content.startIndex + 1
            var k = start
            while k <= content.endIndex {
                if k == content.endIndex || content[k] == UInt8(ascii: "|") {
                    if k == content.endIndex, start >= content.endIndex { break }
                    var lo = start
                    var hi = k
                    while lo < hi, content[lo].isASCIISpace { lo += 1 }
                    while hi > lo, content[hi - 1].isASCIISpace { hi -= 1 }
                    cells.append(lo < hi ? [InlineParser.Segment(line: line.number, column: line.column(of: lo), bytes: content[lo..<hi])] : [])
                    start = k + 1
                }
                k += 1
            }
            // Org's column-width cookies ("<10>") and a row of them are no data.
            if cells.allSatisfy({ $0.isEmpty || $0[0].bytes.first == UInt8(ascii: "<") && $0[0].bytes.last == UInt8(ascii: ">") }) { continue }
            blocks.row(cells, parent: nil)
        }
    }
}
