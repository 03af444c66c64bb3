public import AlmanacCore
import Foundation

/// Reads the text of a rendered web page (what "Save as text" or a copy from the browser gives):
/// no markup, "•" bullets indented by depth, headings as bare lines, bold lead-ins turned into
/// "Title — text", and site chrome (logo, navigation) above the title.
///
/// Everything lands in the same ``Document`` as Markdown: bullets become list items, bare short
/// lines become headings, and "Name — text" prefixes become lead-in spans.
public struct TextParser: Sendable {
    public init() {}

    public func parse(_ text: String, firstLine: Int = 1) -> Document {
        let lines = SourceLines(Array(text.utf8), firstLine: firstLine).lines
        var builder = DocumentBuilder()
        var lists: [(indent: Int, block: Int?)] = []
        var index = Self.titleIndex(lines).map { title in
            // The page's title: a level-1 heading; what stands above it is site chrome.
            var text = TextBuilder()
            let line = lines[title]
            text.append(line.trimmed, line: line.number, column: line.column(of: line.trimmed.startIndex))
            builder.add(.heading(level: 1), text)
            return title + 1
        } ?? 0

        while index < lines.count {
            let line = lines[index]
            if line.isBlank {
                index += 1
                continue
            }
            let content = line.trimmed
            if let bulletEnd = Self.bulletEnd(content) {
                let indent = line.indent
                while let top = lists.last, top.indent >= indent { lists.removeLast() }
                let parent = lists.last?.block
                var text = TextBuilder()
                var start = bulletEnd
                while start < content.endIndex, content[start] == 0x20 || content[start] == 0x09 { start += 1 }
                text.append(content[start...], line: line.number, column: line.column(of: start))
                Self.markLeadIn(&text)
                let added = builder.add(.listItem(depth: lists.count), text, parent: parent)
                lists.append((indent, added ?? parent))
                index += 1
                continue
            }
            // A paragraph: one line, or hard-wrapped lines joined.
            var text = TextBuilder()
            var last = index
            text.append(content, line: line.number, column: line.column(of: content.startIndex))
            while last + 1 < lines.count, Self.continues(lines[last].trimmed), !lines[last + 1].isBlank,
                Self.bulletEnd(lines[last + 1].trimmed) == nil
            {
                last += 1
                let next = lines[last]
                text.space()
                text.append(next.trimmed, line: next.number, column: next.column(of: next.trimmed.startIndex))
            }
            let blankBefore = index == 0 || lines[index - 1].isBlank
            let blankAfter = last + 1 >= lines.count || lines[last + 1].isBlank
            let isIndented = line.indent > 0
            if !isIndented { lists = [] }
            if last == index, blankBefore, blankAfter, Self.looksLikeHeading(content) {
                builder.add(.heading(level: 2), text)
            } else {
                Self.markLeadIn(&text)
                builder.add(.paragraph, text, parent: isIndented ? lists.last?.block : nil)
            }
            index = last + 1
        }
        return Document(blocks: builder.blocks, references: [:])
    }

    /// The line above a "By NAME - YYYY-MM-DD" byline near the top: the page's title.
    static func titleIndex(_ lines: [SourceLines.Line]) -> Int? {
        var seen = 0
        for (index, line) in lines.enumerated() where !line.isBlank {
            seen += 1
            if seen > 25 { return nil }
            if Byline.parse(String(decoding: line.trimmed, as: UTF8.self)) != nil {
                var title = index - 1
                while title >= 0, lines[title].isBlank { title -= 1 }
                return title >= 0 ? title : nil
            }
        }
        return nil
    }

    static func bulletEnd(_ content: ArraySlice<UInt8>) -> Int? {
        let i = content.startIndex
        guard let first = content.first else { return nil }
        if first == 0xE2, content.count >= 3, content[i + 1] == 0x80, content[i + 2] == 0xA2 || content[i + 2] == 0xA3 {
            return i + 3  // • or ‣
        }
        if first == 0xC2, content.count >= 2, content[i + 1] == 0xB7 { return i + 2 }  // ·
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") || first == UInt8(ascii: "o"),
            content.count >= 2, content[i + 1] == 0x20
        {
            return i + 1
        }
        return nil
    }

    /// A hard-wrapped line: long, and not finished with sentence punctuation.
    static func continues(_ content: ArraySlice<UInt8>) -> Bool {
        guard content.count >= 60, let last = content.last else { return false }
        return ![UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":")].contains(last)
    }

    static func looksLikeHeading(_ content: ArraySlice<UInt8>) -> Bool {
        guard content.count <= 70, let first = content.first, let last = content.last else { return false }
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") { return false }
        if [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":")].contains(last) { return false }
        let words = content.split(separator: 0x20).count
        if words > 10 { return false }
        return Self.leadInEnd(Array(content)) == nil
    }

    /// Marks "Name — text" / "Name - text" / "Name: text" prefixes as lead-ins.
    static func markLeadIn(_ text: inout TextBuilder) {
        guard let end = leadInEnd(text.bytes) else { return }
        text.spans.append(Span(.leadIn, 0..<end))
    }

    /// The end of a short naming prefix followed by a dash or colon separator.
    static func leadInEnd(_ bytes: [UInt8]) -> Int? {
        let limit = min(bytes.count, 80)
        var i = 0
        var words = 1
        while i < limit {
            let byte = bytes[i]
            if byte == 0x20 {
                // " — " (E2 80 94), " – " (E2 80 93), " - "
                if i + 4 < bytes.count, bytes[i + 1] == 0xE2, bytes[i + 2] == 0x80,
                    bytes[i + 3] == 0x94 || bytes[i + 3] == 0x93, bytes[i + 4] == 0x20
                {
                    return i > 0 ? i : nil
                }
                if i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "-"), bytes[i + 2] == 0x20 { return i > 0 ? i : nil }
                words += 1
                if words > 8 { return nil }
            } else if byte == UInt8(ascii: ":") {
                return i > 0 && i + 1 < bytes.count && bytes[i + 1] == 0x20 ? i : nil
            } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "?") {
                return nil
            } else if byte == UInt8(ascii: "."), i + 1 < bytes.count, bytes[i + 1] == 0x20 {
                return nil
            }
            i += 1
        }
        return nil
    }
}

/// "By Amir Chaudhry - 2015-12-16": the byline a rendered page puts under its title.
public enum Byline {
    /// The author and the ISO date, or nil when `line` is not a byline.
    public static func parse(_ line: String) -> (author: String, date: CivilDate)? {
        guard line.hasPrefix("By ") || line.hasPrefix("by ") else { return nil }
        let body = line.dropFirst(3)
        for separator in [" - ", " — ", " – ", ", ", " on "] {
            guard let range = body.range(of: separator, options: .backwards) else { continue }
            let author = body[..<range.lowerBound].trimmingSpaces()
            let datePart = body[range.upperBound...].trimmingSpaces()
            if !author.isEmpty, let date = CivilDate(String(datePart.prefix(10))) { return (author, date) }
        }
        return nil
    }
}
