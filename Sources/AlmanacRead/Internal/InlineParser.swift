/// Markdown inline syntax (emphasis, code, links, autolinks, escapes, entities) into a
/// ``TextBuilder``: markup removed, spans recorded, every byte keeping its source line and column.
///
/// A simplified CommonMark: delimiter runs with flanking rules, reference links resolved against the
/// document's definitions, bare URLs marked so date taggers skip them.
struct InlineParser {
    /// One source line of the block: its number, the column of its first byte, and the bytes.
    struct Segment {
        var line: Int
        var column: Int
        var bytes: ArraySlice<UInt8>
    }

    let references: [String: String]
    private var raw: [UInt8] = []
    private var lines: [Int] = []
    private var columns: [Int] = []

    init(segments: [Segment], references: [String: String]) {
        self.references = references
        var total = 0
        for segment in segments { total += segment.bytes.count + 1 }
        raw.reserveCapacity(total)
        lines.reserveCapacity(total)
        columns.reserveCapacity(total)
        for (index, segment) in segments.enumerated() {
            if index > 0 {
                raw.append(0x0A)
                lines.append(segment.line)
                columns.append(segment.column - 1)
            }
            raw.append(contentsOf: segment.bytes)
            lines.append(contentsOf: repeatElement(segment.line, count: segment.bytes.count))
            columns.append(contentsOf: segment.column..<(segment.column + segment.bytes.count))
        }
    }

    /// Parses the whole block into `builder`.
    func parse(into builder: inout TextBuilder) {
        builder.reserve(raw.count)
        let pieces = scan(0..<raw.count)
        emit(pieces, into: &builder)
    }

    /// Parses `raw[range]` into `builder` (used for table cells).
    func parse(_ range: Range<Int>, into builder: inout TextBuilder) {
        emit(scan(range), into: &builder)
    }

    var bytes: [UInt8] { raw }

    // MARK: - Pieces

    private indirect enum Piece {
        case text(Range<Int>)
        case char(UInt8, at: Int)
        case decoded([UInt8], at: Int)
        case code(Range<Int>)
        case url(Range<Int>)
        case link(url: String?, inner: [Piece])
        case delimiter(Delimiter)
    }

    private final class Delimiter {
        let char: UInt8
        let group: Int
        let start: Int
        let count: Int
        var remaining: Int
        let canOpen: Bool
        let canClose: Bool
        var opens: [(id: Int, kind: Span.Kind)] = []
        var closes: [(id: Int, kind: Span.Kind)] = []
        var active = true

        init(char: UInt8, group: Int, start: Int, count: Int, canOpen: Bool, canClose: Bool) {
            self.char = char
            self.group = group
            self.start = start
            self.count = count
            self.remaining = count
            self.canOpen = canOpen
            self.canClose = canClose
        }
    }

    private final class Scratch {
        var delimiters: [Delimiter] = []
        var nextMatch = 0
        var nextGroup = 0
        /// The closing `]` and `)` found for each `[` and `(` (nil: none before `end`), so that no bracket is
        /// walked twice: a run of unclosed brackets would otherwise cost a walk to the end per bracket.
        var bracketCloses: [Int: Close] = [:]
        var parenCloses: [Int: Close] = [:]
    }

    /// Where a walk from an opening bracket, bounded by `end`, found its closing bracket.
    private struct Close {
        var end: Int
        var close: Int?

        /// The close for a walk bounded by `bound`, when this one tells: the same bound, or a close found
        /// before a smaller bound (the walk up to it did not depend on the bound).
        func close(within bound: Int) -> Int?? {
            if bound == end { return .some(close) }
            if let close, close < bound, bound < end { return .some(close) }
            return .none
        }
    }

    private func scan(_ range: Range<Int>) -> [Piece] {
        let scratch = Scratch()
        let pieces = scan(range, scratch, group: 0)
        resolveEmphasis(scratch)
        return pieces
    }

    /// Scans `range`; delimiters of one `group` (the block, or one link's text) only match each other.
    private func scan(_ range: Range<Int>, _ scratch: Scratch, group: Int) -> [Piece] {
        var pieces: [Piece] = []
        var textStart = range.lowerBound
        var i = range.lowerBound
        let end = range.upperBound

        func flushText(_ upTo: Int) {
            if textStart < upTo { pieces.append(.text(textStart..<upTo)) }
        }

        while i < end {
            let c = raw[i]
            switch c {
            case UInt8(ascii: "\\"):
                if i + 1 < end, raw[i + 1].isASCIIPunctuation {
                    flushText(i)
                    pieces.append(.char(raw[i + 1], at: i + 1))
                    i += 2
                    textStart = i
                    continue
                }
            case UInt8(ascii: "`"):
                let run = runLength(at: i, end: end)
                if let close = findBacktickRun(length: run, from: i + run, end: end) {
                    flushText(i)
                    var lower = i + run
                    var upper = close
                    if upper - lower >= 2, raw[lower] == 0x20 || raw[lower] == 0x0A,
                        raw[upper - 1] == 0x20 || raw[upper - 1] == 0x0A
                    {
                        lower += 1
                        upper -= 1
                    }
                    pieces.append(.code(lower..<upper))
                    i = close + run
                    textStart = i
                    continue
                }
                i += run
                continue
            case UInt8(ascii: "*"), UInt8(ascii: "_"):
                flushText(i)
                let run = runLength(at: i, end: end)
                let before: UInt8 = i > range.lowerBound ? raw[i - 1] : 0x20
                let after: UInt8 = i + run < end ? raw[i + run] : 0x20
                let left = !after.isWhitespaceOrNewline && (!after.isASCIIPunctuation || before.isWhitespaceOrNewline || before.isASCIIPunctuation)
                let right = !before.isWhitespaceOrNewline && (!before.isASCIIPunctuation || after.isWhitespaceOrNewline || after.isASCIIPunctuation)
                let canOpen: Bool
                let canClose: Bool
                if c == UInt8(ascii: "*") {
                    canOpen = left
                    canClose = right
                } else {
                    canOpen = left && (!right || before.isASCIIPunctuation)
                    canClose = right && (!left || after.isASCIIPunctuation)
                }
                let delimiter = Delimiter(
                    char: c, group: group, start: i, count: run, canOpen: canOpen, canClose: canClose)
                scratch.delimiters.append(delimiter)
                pieces.append(.delimiter(delimiter))
                i += run
                textStart = i
                continue
            case UInt8(ascii: "!") where i + 1 < end && raw[i + 1] == UInt8(ascii: "["):
                if let (next, _) = link(at: i + 1, end: end, scratch) {
                    // Images carry no note text worth reading; keep nothing.
                    flushText(i)
                    i = next
                    textStart = i
                    continue
                }
            case UInt8(ascii: "["):
                if let (next, piece) = link(at: i, end: end, scratch) {
                    flushText(i)
                    pieces.append(piece)
                    i = next
                    textStart = i
                    continue
                }
            case UInt8(ascii: "<"):
                if let close = autolinkEnd(at: i, end: end) {
                    flushText(i)
                    pieces.append(.url(i + 1..<close))
                    i = close + 1
                    textStart = i
                    continue
                }
                if let close = htmlTagEnd(at: i, end: end) {
                    flushText(i)
                    i = close
                    textStart = i
                    continue
                }
            case UInt8(ascii: "&"):
                if let (next, decoded) = entity(at: i, end: end) {
                    flushText(i)
                    pieces.append(.decoded(decoded, at: i))
                    i = next
                    textStart = i
                    continue
                }
            case UInt8(ascii: "h"), UInt8(ascii: "w"):
                if i == range.lowerBound || !raw[i - 1].isASCIIAlphanumeric, let urlEnd = bareURLEnd(at: i, end: end) {
                    flushText(i)
                    pieces.append(.url(i..<urlEnd))
                    i = urlEnd
                    textStart = i
                    continue
                }
            default:
                break
            }
            i += 1
        }
        flushText(end)
        return pieces
    }

    private struct OpenerKey: Hashable {
        var char: UInt8
        var group: Int
    }

    private func resolveEmphasis(_ scratch: Scratch) {
        let delimiters = scratch.delimiters
        // Below `bottom`, no delimiter can open for a closer of that character and group any more: a closer
        // left unmatched has used up every opener before it (as CommonMark's openers_bottom), so a run of
        // closers is not quadratic.
        var bottom: [OpenerKey: Int] = [:]
        for closerIndex in delimiters.indices {
            let closer = delimiters[closerIndex]
            guard closer.canClose else { continue }
            let key = OpenerKey(char: closer.char, group: closer.group)
            let lowest = bottom[key] ?? 0
            var openerIndex = closerIndex - 1
            while closer.remaining > 0, openerIndex >= lowest {
                let opener = delimiters[openerIndex]
                guard opener.active, opener.canOpen, opener.char == closer.char, opener.group == closer.group,
                    opener.remaining > 0
                else {
                    openerIndex -= 1
                    continue
                }
                let use = opener.remaining >= 2 && closer.remaining >= 2 ? 2 : 1
                let kind: Span.Kind = use == 2 ? .strong : .emphasis
                let id = scratch.nextMatch
                scratch.nextMatch += 1
                opener.opens.append((id, kind))
                closer.closes.append((id, kind))
                opener.remaining -= use
                closer.remaining -= use
                for between in delimiters[(openerIndex + 1)..<closerIndex] where between.group == closer.group {
                    between.active = false
                }
                if opener.remaining > 0 { continue }
                openerIndex -= 1
            }
            if closer.remaining > 0 { bottom[key] = closerIndex }
        }
    }

    // MARK: - Emission

    private func emit(_ pieces: [Piece], into builder: inout TextBuilder) {
        var openSpans: [Int: Int] = [:]
        emit(pieces, into: &builder, openSpans: &openSpans)
    }

    private func emit(_ pieces: [Piece], into builder: inout TextBuilder, openSpans: inout [Int: Int]) {
        for piece in pieces {
            switch piece {
            case .text(let range):
                appendSource(range, into: &builder)
            case .char(let byte, let at):
                builder.append(byte, line: lines[at], column: columns[at])
            case .decoded(let bytes, let at):
                for byte in bytes { builder.append(byte, line: lines[at], column: columns[at]) }
            case .code(let range):
                let start = builder.nextOffset
                appendSource(range, into: &builder)
                builder.addSpan(.code, from: start)
            case .url(let range):
                let start = builder.nextOffset
                appendSource(range, into: &builder)
                builder.addSpan(.url, from: start)
                builder.addSpan(.link(url: String(decoding: raw[range], as: UTF8.self)), from: start)
            case .link(let url, let inner):
                let start = builder.nextOffset
                emit(inner, into: &builder, openSpans: &openSpans)
                if let url { builder.addSpan(.link(url: url), from: start) }
            case .delimiter(let delimiter):
                // Closers first (inner spans end), then unmatched characters, then openers.
                for close in delimiter.closes {
                    if let start = openSpans.removeValue(forKey: close.id) { builder.addSpan(close.kind, from: start) }
                }
                if delimiter.remaining > 0 {
                    let literalStart = delimiter.closes.isEmpty ? delimiter.start : delimiter.start + delimiter.count - delimiter.remaining
                    for p in literalStart..<(literalStart + delimiter.remaining) {
                        builder.append(raw[p], line: lines[p], column: columns[p])
                    }
                }
                for open in delimiter.opens.reversed() { openSpans[open.id] = builder.nextOffset }
            }
        }
    }

    /// Appends `raw[range]` as written. Segments are joined by a line break, so a run of non-space bytes
    /// lies in one segment: after its first byte, each byte follows the one before in the source.
    private func appendSource(_ range: Range<Int>, into builder: inout TextBuilder) {
        var p = range.lowerBound
        while p < range.upperBound {
            builder.append(raw[p], line: lines[p], column: columns[p])
            p += 1
            guard !TextBuilder.isSpace(raw[p - 1]) else { continue }
            while p < range.upperBound, !TextBuilder.isSpace(raw[p]) {
                builder.appendFollowing(raw[p])
                p += 1
            }
        }
    }

    // MARK: - Scanners

    private func runLength(at i: Int, end: Int) -> Int {
        var j = i
        while j < end, raw[j] == raw[i] { j += 1 }
        return j - i
    }

    private func findBacktickRun(length: Int, from start: Int, end: Int) -> Int? {
        var j = start
        while j < end {
            if raw[j] == UInt8(ascii: "`") {
                let run = runLength(at: j, end: end)
                if run == length { return j }
                j += run
            } else {
                j += 1
            }
        }
        return nil
    }

    /// `[text](url)`, `[text][ref]`, `[text][]`, `[text]` with a definition.
    private func link(at open: Int, end: Int, _ scratch: Scratch) -> (Int, Piece)? {
        guard let close = matchingBracket(at: open, end: end, scratch) else { return nil }
        let textRange = (open + 1)..<close
        var next = close + 1
        var url: String?
        var isLink = false
        if next < end, raw[next] == UInt8(ascii: "("), let (destination, after) = inlineDestination(at: next, end: end, scratch) {
            url = destination
            next = after
            isLink = true
        } else if next < end, raw[next] == UInt8(ascii: "["), let labelClose = matchingBracket(at: next, end: end, scratch) {
            url = reference(labelClose == next + 1 ? textRange : (next + 1)..<labelClose)
            next = labelClose + 1
            isLink = true
        } else if let target = reference(textRange) {
            url = target
            isLink = true
        }
        guard isLink else { return nil }
        scratch.nextGroup += 1
        let inner = scan(textRange, scratch, group: scratch.nextGroup)
        return (next, .link(url: url, inner: inner))
    }

    /// The definition a link label names. A label has at most 999 characters (CommonMark), which also
    /// spares normalising a long bracketed text once per bracket in it.
    private func reference(_ label: Range<Int>) -> String? {
        guard label.count <= 999 * 4 else { return nil }
        let text = String(decoding: raw[label], as: UTF8.self)
        guard text.count <= 999 else { return nil }
        return references[Self.normalizeLabel(text)]
    }

    private func matchingBracket(at open: Int, end: Int, _ scratch: Scratch) -> Int? {
        closing(open, end: end, UInt8(ascii: "["), UInt8(ascii: "]"), skipsCode: true, &scratch.bracketCloses)
    }

    /// The index of the `closer` that closes the `opener` at `open` (nesting counted, backslash escapes and,
    /// with `skipsCode`, code spans skipped), or nil before `end`. Every opener the walk passes is recorded
    /// in `known` with its close, and an opener already known is stepped over: each byte is walked once.
    private func closing(_ open: Int, end: Int, _ opener: UInt8, _ closer: UInt8, skipsCode: Bool,
        _ known: inout [Int: Close]) -> Int?
    {
        if let close = known[open]?.close(within: end) { return close }
        var pending = [open]
        var j = open + 1
        while j < end {
            switch raw[j] {
            case UInt8(ascii: "\\"): j += 1
            case opener:
                if let close = known[j]?.close(within: end) {
                    // An inner opener with no close leaves every pending one without.
                    j = close ?? end
                } else {
                    pending.append(j)
                }
            case closer:
                known[pending.removeLast()] = Close(end: end, close: j)
                if pending.isEmpty { return j }
            case UInt8(ascii: "`") where skipsCode:
                let run = runLength(at: j, end: end)
                if let close = findBacktickRun(length: run, from: j + run, end: end) { j = close + run - 1 } else { j += run - 1 }
            default: break
            }
            j += 1
        }
        for index in pending { known[index] = Close(end: end, close: nil) }
        return nil
    }

    private func inlineDestination(at open: Int, end: Int, _ scratch: Scratch) -> (String, Int)? {
        guard let j = closing(open, end: end, UInt8(ascii: "("), UInt8(ascii: ")"), skipsCode: false, &scratch.parenCloses)
        else { return nil }
        var inside = String(decoding: raw[(open + 1)..<j], as: UTF8.self)
        inside = inside.trimmingASCIISpaces()
        var destination = inside.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.map(String.init) ?? ""
        if destination.hasPrefix("<"), destination.hasSuffix(">") { destination = String(destination.dropFirst().dropLast()) }
        return (destination, j + 1)
    }

    private func autolinkEnd(at open: Int, end: Int) -> Int? {
        var j = open + 1
        var sawColonOrAt = false
        while j < end {
            let c = raw[j]
            if c == UInt8(ascii: ">") { return sawColonOrAt && j > open + 1 ? j : nil }
            if c.isWhitespaceOrNewline || c == UInt8(ascii: "<") { return nil }
            if c == UInt8(ascii: ":") || c == UInt8(ascii: "@") { sawColonOrAt = true }
            j += 1
        }
        return nil
    }

    private func htmlTagEnd(at open: Int, end: Int) -> Int? {
        guard open + 1 < end else { return nil }
        let next = raw[open + 1]
        guard next.isASCIILetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") else { return nil }
        var j = open + 1
        while j < end, j - open < 2048 {
            if raw[j] == UInt8(ascii: ">") { return j + 1 }
            if raw[j] == UInt8(ascii: "<") { return nil }
            j += 1
        }
        return nil
    }

    private func entity(at amp: Int, end: Int) -> (Int, [UInt8])? {
        var j = amp + 1
        while j < end, j - amp <= 10, raw[j] != UInt8(ascii: ";") {
            guard raw[j].isASCIIAlphanumeric || raw[j] == UInt8(ascii: "#") else { return nil }
            j += 1
        }
        guard j < end, raw[j] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: raw[(amp + 1)..<j], as: UTF8.self)
        guard let scalar = HTMLEntities.decode(name) else { return nil }
        return (j + 1, Array(String(scalar).utf8))
    }

    private func bareURLEnd(at start: Int, end: Int) -> Int? {
        let prefixes: [[UInt8]] = [Array("https://".utf8), Array("http://".utf8), Array("www.".utf8)]
        guard let prefix = prefixes.first(where: { p in start + p.count < end && raw[start..<(start + p.count)].elementsEqual(p) })
        else { return nil }
        var j = start + prefix.count
        var parens = 0
        while j < end {
            let c = raw[j]
            if c.isWhitespaceOrNewline || c == UInt8(ascii: "<") { break }
            if c == UInt8(ascii: "(") { parens += 1 }
            if c == UInt8(ascii: ")") {
                if parens == 0 { break }
                parens -= 1
            }
            j += 1
        }
        while j > start + prefix.count, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
            UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "_")].contains(raw[j - 1]) { j -= 1 }
        return j > start + prefix.count ? j : nil
    }

    static func normalizeLabel(_ label: String) -> String {
        label.lowercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}

extension UInt8 {
    fileprivate var isWhitespaceOrNewline: Bool { isASCIISpace }

    fileprivate var isASCIIPunctuation: Bool {
        (self >= 0x21 && self <= 0x2F) || (self >= 0x3A && self <= 0x40) || (self >= 0x5B && self <= 0x60)
            || (self >= 0x7B && self <= 0x7E)
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\n" || first == "\t" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\n" || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
