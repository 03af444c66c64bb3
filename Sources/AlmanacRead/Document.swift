public import AlmanacCore

/// One structure for every note format: blocks with inline spans and the source line of every
/// piece of text. Markdown, rendered page text and HTML all land here, so later stages never see
/// the format.
public struct Document: Sendable {
    public var blocks: [Block]
    /// Reference-style link definitions (`[label]: url`), keyed by lowercased label.
    public var references: [String: String]

    public init(blocks: [Block] = [], references: [String: String] = [:]) {
        self.blocks = blocks
        self.references = references
    }

    /// The headings enclosing block `index`, outermost first.
    public func headingPath(of index: Int) -> [Int] {
        var path: [Int] = []
        var next = blocks[index].section
        while let heading = next {
            path.append(heading)
            next = blocks[heading].section
        }
        return path.reversed()
    }

    /// The list items enclosing block `index`, innermost first.
    public func listAncestors(of index: Int) -> [Int] {
        var result: [Int] = []
        var next = blocks[index].parent
        while let item = next {
            result.append(item)
            next = blocks[item].parent
        }
        return result
    }
}

/// A heading, list item, paragraph, table row, quote or code block, with its text and spans.
public struct Block: Sendable {
    public enum Kind: Sendable, Hashable {
        case heading(level: Int)
        case listItem(depth: Int)
        case paragraph
        case tableRow
        case quote
        case code
    }

    public var kind: Kind
    /// The text with markup removed; source lines are joined with a space.
    public var text: String
    /// Inline spans (bold, links, code…) as UTF-8 offsets into `text`.
    public var spans: [Span]
    /// Where each source line's text starts in `text`; sorted by offset, at least one entry.
    public var anchors: [Anchor]
    /// The enclosing list item (for list items and paragraphs inside lists).
    public var parent: Int?
    /// The nearest heading above, for every block; for a heading, the enclosing heading.
    public var section: Int?
    /// For table rows: each cell's range in `text`.
    public var cells: [Range<Int>]

    public init(
        kind: Kind, text: String, spans: [Span] = [], anchors: [Anchor], parent: Int? = nil, section: Int? = nil,
        cells: [Range<Int>] = []
    ) {
        self.kind = kind
        self.text = text
        self.spans = spans
        self.anchors = anchors
        self.parent = parent
        self.section = section
        self.cells = cells
    }

    /// A source position: the text at `offset` (UTF-8) came from `line`:`column` of the file.
    public struct Anchor: Sendable, Hashable {
        public var offset: Int
        public var line: Int
        public var column: Int

        public init(offset: Int, line: Int, column: Int) {
            self.offset = offset
            self.line = line
            self.column = column
        }
    }

    /// The 1-based file line where the block starts.
    public var line: Int { anchors.first?.line ?? 1 }

    /// The file line and column of the UTF-8 offset `offset` in `text`.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0
        var hi = anchors.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if anchors[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
        }
        let anchor = anchors[lo]
        return (anchor.line, anchor.column + max(0, offset - anchor.offset))
    }

    /// The text in a UTF-8 range.
    public func text(_ range: Range<Int>) -> String {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: max(0, min(range.lowerBound, utf8.count)))
        let upper = utf8.index(utf8.startIndex, offsetBy: max(0, min(range.upperBound, utf8.count)))
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }

    /// The bold lead-in that names the block's subject ("**Unikernel install party** — ..."), if any.
    public var leadIn: Span? { spans.first { $0.kind == .leadIn } }

    public var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }

    public var isListItem: Bool {
        if case .listItem = kind { return true }
        return false
    }
}

/// An inline span of a block's text.
public struct Span: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case strong
        case emphasis
        case code
        /// Link text; `url` is the resolved target (reference links resolved).
        case link(url: String)
        /// A bare URL or autolink in the text.
        case url
        /// The words that name the block's subject before a dash or colon.
        case leadIn
    }

    public var kind: Kind
    public var range: Range<Int>

    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    public var url: String? {
        if case .link(let url) = kind { return url }
        return nil
    }
}

/// A note read from a file: what it is (path, date, title) and its document.
public struct Note: Sendable {
    public var info: NoteInfo
    public var document: Document

    public init(info: NoteInfo, document: Document) {
        self.info = info
        self.document = document
    }
}
