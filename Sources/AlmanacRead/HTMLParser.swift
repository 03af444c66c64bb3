public import AlmanacCore
internal import CLibXML2
import Foundation

/// What an HTML page gives besides its blocks: its title and any date its markup states.
public struct HTMLPage: Sendable {
    public var document: Document
    public var title: String?
    public var titleLine: Int?
    /// From `<time datetime>` or a `<meta>` date (article:published_time, date, DC.date).
    public var date: CivilDate?
}

/// Reads an HTML page through libxml2's HTML parser into a ``Document``: headings, list items with
/// their depth, paragraphs, table rows, bold, code and links, each with its source line.
///
/// Site chrome is left out: only `<main>` or `<article>` is read when the page has one, and
/// navigation, scripts, styles, forms and footers never are.
public struct HTMLParser: Sendable {
    public init() {}

    public func parse(_ text: String) -> HTMLPage {
        let bytes = Array(text.utf8)
        CLibXML2_silence()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, buffer.count)) { base in
                htmlReadMemory(base, Int32(clamping: buffer.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return HTMLPage(document: Document(), title: nil, titleLine: nil, date: nil) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else {
            return HTMLPage(document: Document(), title: nil, titleLine: nil, date: nil)
        }
        // A page fragment (a server-side include above it, no <html>) has several top-level elements:
        // the document's children are the page then.
        let page = Walker.name(root) == "html" ? root : UnsafeMutableRawPointer(doc).assumingMemoryBound(to: xmlNode.self)
        var walker = Walker()
        let scope = Walker.find(page, anyOf: ["main", "article"]) ?? page
        walker.walk(children: scope)
        walker.flush()

        // The title: the first <h1>, else <title> without the site's name, else the first heading.
        var title: String?
        var titleLine: Int?
        if let h1 = walker.output.blocks.first(where: { $0.kind == .heading(level: 1) }) {
            title = h1.text
            titleLine = h1.line
        } else if let node = Walker.find(page, anyOf: ["title"]) {
            var builder = TextBuilder()
            Walker.appendText(of: node, into: &builder)
            title = builder.finish().map { Self.withoutSiteName($0.text) }
            titleLine = Int(xmlGetLineNo(node))
        }
        if title?.isEmpty ?? true, let heading = walker.output.blocks.first(where: \.isHeading) {
            title = heading.text
            titleLine = heading.line
        }
        // Recovering from a broken page, libxml2 can give a node a line past the input's last: no line
        // Almanac cites is outside the input.
        let lastLine = max(1, bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + (bytes.last == 0x0A ? 0 : 1))
        var blocks = walker.output.blocks
        for index in blocks.indices {
            for anchor in blocks[index].anchors.indices where blocks[index].anchors[anchor].line > lastLine {
                blocks[index].anchors[anchor].line = lastLine
            }
        }
        return HTMLPage(document: Document(blocks: blocks, references: [:]), title: title,
            titleLine: titleLine.map { min($0, lastLine) }, date: Walker.statedDate(page))
    }

    /// A page title without the site's name after a separator: "CfP is open | Tidepool" → "CfP is open".
    static func withoutSiteName(_ title: String) -> String {
        // The site's name is a short last part: "Kelp Camp 2031 | Kelp Society"; "Aug 2031 – Feb 2032
        // report" is all title.
        for separator in [" | ", " · ", " — ", " – ", " :: "] {
            if let range = title.range(of: separator, options: .backwards) {
                let page = title[..<range.lowerBound].trimmingSpaces()
                let site = title[range.upperBound...].trimmingSpaces()
                if !page.isEmpty, site.split(separator: " ").count <= 4, !site.contains(where: \.isNumber) { return page }
            }
        }
        return title
    }
}

private struct Walker {
    typealias Node = UnsafeMutablePointer<xmlNode>

    static let skipped: Set<String> = [
        "script", "style", "nav", "footer", "aside", "noscript", "form", "svg", "button", "template", "iframe",
        "select", "head", "img", "picture", "video", "audio", "canvas", "object",
    ]
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "header", "blockquote", "dl", "dt", "dd", "hr", "figure",
        "figcaption", "address", "details", "summary", "center",
    ]

    var output = DocumentBuilder()
    var current: (kind: Block.Kind, parent: Int?, text: TextBuilder)?
    var cells: [Range<Int>] = []
    /// Counts the blocks flushed: an inline element whose content a line break cut in two spans only its last part.
    var flushed = 0
    var listItems: [Int?] = []
    var listDepth = 0
    var inQuote = false

    mutating func flush() {
        guard let block = current else { return }
        current = nil
        flushed += 1
        let index = output.add(block.kind, block.text, parent: block.parent, cells: block.kind == .tableRow ? cells : [])
        if case .listItem = block.kind, !listItems.isEmpty { listItems[listItems.count - 1] = index ?? listItems.last! }
        cells = []
    }

    mutating func begin(_ kind: Block.Kind) {
        flush()
        current = (kind, listItems.last(where: { $0 != nil }) ?? nil, TextBuilder())
    }

    mutating func walk(children node: Node) {
        var child = node.pointee.children
        while let next = child {
            walk(next)
            child = next.pointee.next
        }
    }

    mutating func walk(_ node: Node) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if current == nil {
                // Text directly in a container: a paragraph, unless it is only whitespace.
                guard Self.hasVisibleText(node) else { return }
                begin(inQuote ? .quote : .paragraph)
            }
            Self.appendText(node, into: &current!.text)
        case XML_ELEMENT_NODE:
            element(node)
        default:
            return
        }
    }

    mutating func element(_ node: Node) {
        let name = Self.name(node)
        if Self.skipped.contains(name) { return }
        if Self.attribute(node, "role") == "navigation" || Self.attribute(node, "aria-hidden") == "true" { return }
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            begin(.heading(level: Int(name.dropFirst())!))
            inline(node)
            flush()
        case "div" where Self.isTitle(node), "p" where Self.isTitle(node):
            // A block styled as a title (`<div class="section-title">`): a heading without the tag.
            begin(.heading(level: 2))
            inline(node)
            flush()
        case "ul", "ol", "menu":
            flush()
            listDepth += 1
            walk(children: node)
            flush()
            listDepth -= 1
        case "li":
            begin(.listItem(depth: max(0, listDepth - 1)))
            listItems.append(nil)
            walk(children: node)
            flush()
            listItems.removeLast()
        case "tr":
            begin(.tableRow)
            walk(children: node)
            flush()
        case "td", "th":
            if current?.kind != .tableRow { begin(.tableRow) }
            if !cells.isEmpty {
                current!.text.space()
                current!.text.append(UInt8(ascii: "|"), line: Int(xmlGetLineNo(node)), column: 1)
                current!.text.space()
            }
            let start = current!.text.nextOffset
            inline(node)
            // A block inside the cell (`<td><p>…</p></td>`) has ended the row, and this cell with it. An empty
            // last cell starts where the space before it would have been, had text followed: at the row's end.
            if let row = current {
                let lower = min(start, row.text.count)
                cells.append(lower..<max(lower, row.text.count))
            }
        case "pre":
            begin(.code)
            Self.appendText(of: node, into: &current!.text)
            flush()
        case "blockquote":
            flush()
            let was = inQuote
            inQuote = true
            walk(children: node)
            flush()
            inQuote = was
        case "br":
            // A line break in a paragraph ends a line of its own ("June 29 - Call for papers<br>July 30 - …"):
            // each line is a block. In a list item or a table cell it is a space.
            if let kind = current?.kind, kind == .paragraph || kind == .quote {
                flush()
            } else {
                current?.text.space()
            }
        case "table", "thead", "tbody", "tfoot":
            flush()
            walk(children: node)
            flush()
        default:
            if Self.blocks.contains(name) {
                // A paragraph inside a list item that has no text yet continues the item.
                if case .listItem = current?.kind, current?.text.isEmpty == true {
                    walk(children: node)
                    return
                }
                flush()
                if name == "p" || name == "dt" || name == "dd" || name == "summary" || name == "figcaption" {
                    begin(inQuote ? .quote : .paragraph)
                    inline(node)
                    flush()
                } else {
                    walk(children: node)
                    flush()
                }
            } else {
                inline(node)
            }
        }
    }

    /// An inline element's content into the current block, with its span.
    mutating func inline(_ node: Node) {
        let name = Self.name(node)
        var kind: Span.Kind?
        switch name {
        case "strong", "b": kind = .strong
        case "em", "i", "cite": kind = .emphasis
        case "code", "kbd", "samp", "tt", "var": kind = .code
        case "a":
            if let href = Self.attribute(node, "href"), !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:") {
                kind = .link(url: href)
            }
        default: break
        }
        if current == nil { begin(inQuote ? .quote : .paragraph) }
        let start = current!.text.nextOffset
        let serial = flushed
        walk(children: node)
        if let kind, current != nil { current!.text.addSpan(kind, from: serial == flushed ? start : 0) }
    }

    // MARK: - libxml2 helpers

    static func name(_ node: Node) -> String {
        guard let raw = node.pointee.name else { return "" }
        return String(cString: raw).lowercased()
    }

    /// Whether a `<div>` or `<p>` is styled as a title: its class names one ("title", "page-title",
    /// "post-title").
    static func isTitle(_ node: Node) -> Bool {
        guard let classes = attribute(node, "class")?.lowercased(), classes.contains("title") else { return false }
        // Only a short line of text: a container of the page is no title.
        var builder = TextBuilder()
        appendText(of: node, into: &builder)
        guard let text = builder.finish()?.text else { return false }
        return text.count <= 120 && !text.contains("\n")
    }

    static func attribute(_ node: Node, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { CLibXML2_free(value) }
        return String(cString: value)
    }

    static func hasVisibleText(_ node: Node) -> Bool {
        guard let content = node.pointee.content else { return false }
        var p = content
        while p.pointee != 0 {
            if !p.pointee.isASCIISpace { return true }
            p += 1
        }
        return false
    }

    /// A text node's bytes, lines counted from the line where the text starts. libxml2 (2.9) gives a text
    /// node the line its parser was on when it made the node: where the text ends, or where its first
    /// 1,000 bytes (the parser's buffer) end when it is longer. Counting that span's line breaks back
    /// finds the first line.
    static func appendText(_ node: Node, into builder: inout TextBuilder) {
        guard let content = node.pointee.content else { return }
        var line = Int(xmlGetLineNo(node))
        var scanned = 0
        var q = content
        while q.pointee != 0, scanned < 1000 {
            if q.pointee == 0x0A { line -= 1 }
            q += 1
            scanned += 1
        }
        if line <= 0 { line = 1 }
        var column = 1
        var p = content
        while p.pointee != 0 {
            let byte = p.pointee
            builder.append(byte, line: line, column: column)
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            p += 1
        }
    }

    /// All text below `node`, whatever the elements.
    static func appendText(of node: Node, into builder: inout TextBuilder) {
        var child = node.pointee.children
        while let next = child {
            if next.pointee.type == XML_TEXT_NODE || next.pointee.type == XML_CDATA_SECTION_NODE {
                appendText(next, into: &builder)
            } else if next.pointee.type == XML_ELEMENT_NODE {
                if name(next) == "br" { builder.space() }
                appendText(of: next, into: &builder)
            }
            child = next.pointee.next
        }
    }

    static func find(_ node: Node, anyOf names: Set<String>) -> Node? {
        var child = node.pointee.children
        while let next = child {
            if next.pointee.type == XML_ELEMENT_NODE {
                if names.contains(name(next)) { return next }
                if let found = find(next, anyOf: names) { return found }
            }
            child = next.pointee.next
        }
        return nil
    }

    /// A date the page's markup states for itself.
    static func statedDate(_ root: Node) -> CivilDate? {
        var result: CivilDate?
        func visit(_ node: Node) {
            var child = node.pointee.children
            while let next = child, result == nil {
                if next.pointee.type == XML_ELEMENT_NODE {
                    let tag = name(next)
                    if tag == "meta" {
                        let key = (attribute(next, "property") ?? attribute(next, "name") ?? "").lowercased()
                        if ["article:published_time", "date", "dc.date", "dcterms.date", "dc.date.issued",
                            "datepublished", "publish_date"].contains(key),
                            let content = attribute(next, "content")
                        {
                            result = CivilDate(String(content.prefix(10)))
                        }
                    } else if tag == "time", let value = attribute(next, "datetime") {
                        result = CivilDate(String(value.prefix(10)))
                    }
                    if result == nil { visit(next) }
                }
                child = next.pointee.next
            }
        }
        visit(root)
        return result
    }
}
