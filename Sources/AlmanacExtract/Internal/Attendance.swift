import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead

/// Who attended the meeting a note records, in the shapes minutes write it: a `Present: A, B, C` line,
/// a label line or heading ("Attendees", "## Attendance (please add yourself):", "#### Introduction of
/// attendees") followed by bullets, by names one per line or paragraph, or by a table whose marked rows
/// (`x`) are the people present.
struct Attendance {
    /// The block and UTF-8 offset where the names start (the evidence).
    var block: Int
    var offset: Int
    /// Chair first, then the others in the order written.
    var people: [String]

    /// Every attendees list of the note, joined: the first list whatever its label, then the other
    /// lists of people present ("Directors present:", then "Officers present:"); a "Chair:" or
    /// "Facilitator:" line puts its names first.
    static func find(_ context: NoteContext) -> Attendance? {
        let blocks = context.blocks
        var found: Attendance?
        var chairs: [String] = []
        for (index, block) in blocks.enumerated() where block.kind != .code && block.kind != .tableRow {
            if let names = chairLine(block) { for name in names where !chairs.contains(name) { chairs.append(name) } }
            guard let (label, strong) = label(in: block), found == nil || strong else { continue }
            var group: Attendance?
            switch label {
            case .inline(let offset):
                group = Attendance(block: index, offset: offset, people: Meetings.people(in: block.text, from: offset))
            case .lines(let offset):
                // "Attendees:" ending its line in a paragraph: a name a line below it.
                var chair: String?
                var people: [String] = []
                for line in lineTexts(block, from: offset) {
                    if isLabelLine(line) { break }
                    let names = Meetings.people(in: line, from: 0, keepChair: true)
                    if let c = names.chair, chair == nil { chair = c }
                    people += names.people
                }
                if let chair { people.insert(chair, at: 0) }
                group = Attendance(block: index, offset: offset, people: people)
            case .following:
                group = following(index, context)
            }
            // "Participants: students from Lisbon and Porto": a list after a weak label is of names.
            if !strong, let weak = group, !weak.people.allSatisfy({ $0.first?.isUppercase == true || $0.hasPrefix("@") }) {
                group = nil
            }
            guard let group, !group.people.isEmpty else { continue }
            if found == nil {
                found = group
            } else {
                for person in group.people where !found!.people.contains(person) { found!.people.append(person) }
            }
        }
        guard var found else { return nil }
        found.people = chairs + found.people.filter { !chairs.contains($0) }
        return found
    }

    /// "Chair: Ana Ferreira", "**Facilitator:** Ben": the names a chair label gives.
    static func chairLine(_ block: Block) -> [String]? {
        guard block.text.utf8.count < 200, let colon = block.text.firstIndex(of: ":") else { return nil }
        let key = block.text[..<colon].lowercased().trimming { " *_".unicodeScalars.contains($0) }
        guard Cues.chairLabels.contains(key) else { return nil }
        let offset = block.text.utf8.distance(from: block.text.utf8.startIndex, to: colon.samePosition(in: block.text.utf8)!) + 1
        let names = Meetings.people(in: block.text, from: offset)
        return names.isEmpty ? nil : names
    }

    /// Where the names of an attendees label are: on its line from an offset, on the block's next lines
    /// from an offset, or in the next blocks (a heading, a label alone in its block).
    enum Label {
        case inline(Int)
        case lines(Int)
        case following
    }

    /// An attendees label: at the start of the block or of one of its lines, a label word (whole word),
    /// maybe a parenthesis ("(please add yourself)"), then a colon or a dash and the names, or nothing
    /// more (a heading or a line of its own: the names follow). A heading may also end with the word
    /// ("Introduction of attendees", "Roll call"). Prose that starts with the word ("Present the plan",
    /// "People who…") is no label.
    static func label(in block: Block) -> (Label, Bool)? {
        guard let found = labelAndWord(in: block) else { return nil }
        return (found.0, !Cues.attendeeWordsNeedingColon.contains(found.1))
    }

    /// The label and its word.
    static func labelAndWord(in block: Block) -> (Label, String)? {
        let bytes = Array(block.text.utf8)
        guard !bytes.isEmpty else { return nil }
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let lines = lineStarts(block)
        // Labels start the block or a line of it that starts at its margin.
        let starts = [0] + lines.filter { start in start > 0 && start < bytes.count && block.location(of: start).column <= 3 }
        for start in starts {
            for label in Cues.attendeeLabels {
                let word = Array(label.utf8)
                guard start + word.count <= lower.count, Array(lower[start..<(start + word.count)]) == word else { continue }
                var i = start + word.count
                // A whole word: "presentation" is not "present".
                if i < bytes.count, isLetter(bytes[i]) { continue }
                i = skip(bytes, from: i, over: markers)
                // "(please add yourself)", "((please mark an X …))": one parenthesis, nested ones inside.
                if i < bytes.count, bytes[i] == UInt8(ascii: "(") {
                    var depth = 0
                    var k = i
                    while k < bytes.count {
                        if bytes[k] == UInt8(ascii: "(") { depth += 1 }
                        if bytes[k] == UInt8(ascii: ")") {
                            depth -= 1
                            if depth == 0 { break }
                        }
                        k += 1
                    }
                    guard k < bytes.count else {
                        if block.isHeading { return (.following, label) }
                        continue
                    }
                    i = skip(bytes, from: k + 1, over: markers)
                }
                let lineEnd = lines.first { $0 > start } ?? bytes.count
                let dash = bytes[min(i, bytes.count - 1)] == UInt8(ascii: "-") && i + 1 < bytes.count && bytes[i + 1] == 0x20
                    && !Cues.attendeeWordsNeedingColon.contains(label)
                if i < bytes.count, bytes[i] == UInt8(ascii: ":") || dash {
                    let names = skip(bytes, from: i + 1, over: markers)
                    if names >= bytes.count { return (.following, label) }
                    return (names >= lineEnd ? .lines(names) : .inline(names), label)
                }
                // "Attendees" alone in its block (a heading, a bold line).
                if i >= bytes.count, start == 0, !Cues.attendeeWordsNeedingColon.contains(label) { return (.following, label) }
            }
            // "Directors present:", "TSC members attending:": a short key that ends with a label word.
            if let colon = lower[start..<min(lower.count, start + 40)].firstIndex(of: UInt8(ascii: ":")), colon > start {
                let key = String(decoding: lower[start..<colon], as: UTF8.self).trimming { " *_".unicodeScalars.contains($0) }
                let words = key.split(separator: " ")
                if words.count >= 2, words.count <= 3, let last = words.last, Cues.attendeeKeyEnds.contains(String(last)) {
                    let lineEnd = lines.first { $0 > start } ?? bytes.count
                    let names = skip(bytes, from: colon + 1, over: markers)
                    if names >= bytes.count { return (.following, String(last)) }
                    return (names >= lineEnd ? .lines(names) : .inline(names), String(last))
                }
            }
        }
        // "Introduction of attendees", "Roll call": a short heading that ends with the label.
        if block.isHeading, block.text.wordCount <= 5 {
            let words = block.text.lowercaseWords
            if let last = words.last, Cues.attendeeHeadingEnds.contains(last) { return (.following, last) }
            if words.count >= 2, words.suffix(2) == ["roll", "call"] { return (.following, "roll call") }
        }
        return nil
    }

    static let markers: Set<UInt8> = [UInt8(ascii: "*"), UInt8(ascii: "_"), 0x20]

    static func skip(_ bytes: [UInt8], from: Int, over set: Set<UInt8>) -> Int {
        var i = from
        while i < bytes.count, set.contains(bytes[i]) { i += 1 }
        return i
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }

    // MARK: - Names in the blocks after a label

    /// The names in the blocks after the label block `index`: list items of one depth, short lines or
    /// paragraphs of one name each, or a table; they end at a heading, prose or another label.
    static func following(_ index: Int, _ context: NoteContext) -> Attendance? {
        let blocks = context.blocks
        var people: [String] = []
        var chair: String?
        var first: Int?
        var depth: Block.Kind?
        var k = index + 1
        while k < blocks.count, people.count < 400 {
            let block = blocks[k]
            if block.isHeading || block.kind == .code { break }
            if block.kind == .tableRow {
                guard people.isEmpty, let table = Self.table(from: k, context) else { break }
                return table
            }
            // Another label ("Regrets:", "Agenda:", "Notes") ends the list.
            if isLabelLine(block.text) { break }
            if block.isListItem {
                if depth == nil { depth = block.kind }
                // Sub-items (affiliations, notes) under a name are not names.
                guard block.kind == depth else {
                    k += 1
                    continue
                }
                let names = Meetings.people(in: block.text, from: 0, keepChair: true)
                if names.people.isEmpty {
                    if block.text.wordCount > 8 { break }
                } else {
                    if first == nil { first = k }
                    if let found = names.chair, chair == nil { chair = found }
                    people += names.people
                }
            } else if block.kind == .paragraph || block.kind == .quote {
                if depth != nil { break }
                // One name a line: every line of the paragraph must look like a name.
                let lines = lineTexts(block)
                let names = lines.map { Meetings.people(in: $0, from: 0, keepChair: true) }
                guard !lines.isEmpty, lines.allSatisfy({ $0.wordCount <= 6 && !$0.hasSuffix(".") }),
                    names.allSatisfy({ $0.people.count + ($0.chair == nil ? 0 : 1) >= 1 })
                else { break }
                if first == nil { first = k }
                for found in names {
                    if let c = found.chair, chair == nil { chair = c }
                    people += found.people
                }
            } else {
                break
            }
            k += 1
        }
        guard let first else { return nil }
        if let chair { people.insert(chair, at: 0) }
        return Attendance(block: first, offset: 0, people: people)
    }

    /// "Regrets: Claire", "**Notes:** …": a line that starts another labelled part (a colon after at
    /// most three words, none with a digit).
    static func isLabelLine(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let head = text[..<colon]
        return head.split(separator: " ").count <= 3 && !head.contains(where: \.isNumber) && !head.contains("(")
    }

    /// The text of each source line of a block.
    static func lineTexts(_ block: Block, from offset: Int = 0) -> [String] {
        let count = block.text.utf8.count
        let starts = [offset] + lineStarts(block).filter { $0 > offset }
        var result: [String] = []
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : count
            guard start < end else { continue }
            let text = block.text(start..<end).trimmingSpaces()
            if !text.isEmpty { result.append(text) }
        }
        return result
    }

    /// Where each source line of a block starts in its text (anchors also mark spans within a line).
    static func lineStarts(_ block: Block) -> [Int] {
        var starts: [Int] = []
        var line = -1
        for anchor in block.anchors where anchor.line != line {
            starts.append(anchor.offset)
            line = anchor.line
        }
        return starts
    }

    // MARK: - Tables of attendees

    /// A table of attendees: a header naming a name column; when one column holds only marks ("x",
    /// "✓", "yes") and blanks, only the marked rows are people present.
    static func table(from start: Int, _ context: NoteContext) -> Attendance? {
        let blocks = context.blocks
        var end = start
        while end < blocks.count, blocks[end].kind == .tableRow { end += 1 }
        guard end - start >= 2 else { return nil }
        let header = blocks[start].cells.map { blocks[start].text($0).lowercased().trimmedPhrase() }
        guard let nameColumn = header.firstIndex(where: { cell in
            let words = cell.lowercaseWords
            return words.contains { ["name", "names", "attendee", "attendees", "who", "person", "participant"].contains($0) }
        }) else { return nil }
        let rows = (start + 1)..<end
        func cell(_ row: Int, _ column: Int) -> String {
            let cells = blocks[row].cells
            return column < cells.count ? blocks[row].text(cells[column]).trimmedPhrase() : ""
        }
        let markColumn = header.indices.first { column in
            column != nameColumn && rows.allSatisfy { Self.marks.contains(cell($0, column).lowercased()) }
                && rows.contains { !cell($0, column).isEmpty }
        }
        var people: [String] = []
        var first: Int?
        for row in rows {
            if let markColumn, cell(row, markColumn).isEmpty { continue }
            let names = Meetings.people(in: cell(row, nameColumn), from: 0, keepChair: true)
            guard let name = names.chair ?? names.people.first else { continue }
            if first == nil { first = row }
            people.append(name)
        }
        guard let first else { return nil }
        let offset = blocks[first].cells.indices.contains(nameColumn) ? blocks[first].cells[nameColumn].lowerBound : 0
        return Attendance(block: first, offset: offset, people: people)
    }

    static let marks: Set<String> = ["", "x", "✓", "✔", "✅", "yes", "y", "present", "here", "*"]
}
