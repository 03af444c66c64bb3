/// The inline markup of reStructuredText, AsciiDoc and Org mode into a ``TextBuilder``: markup removed,
/// strong, emphasis, code and links recorded as spans, every byte keeping its source line and column (as
/// ``InlineParser`` does for Markdown).
///
/// ```swift
/// // RST: "See `Tidecon <https://tide.example>`_ and :pep:`8`" → "See Tidecon and PEP 8", a link span
/// // AsciiDoc: "*Tidecon* on {date}" → "Tidecon on 2 May" (attribute resolved), a strong span
/// // Org: "[[https://x.org][Tidecon]] <2025-10-02 Thu 18:00>" → "Tidecon 2025-10-02 18:00", a link span
/// ```
///
/// One pass over the bytes; a delimiter pair is searched for only within the block, and a failed search
/// leaves the delimiter as text, so the cost is at most quadratic in the number of delimiters of one
/// kind, bounded by ``searchLimit``.
struct LightInline {
    enum Syntax {
        case restructuredText
        case asciiDoc
        case org
    }

    let syntax: Syntax
    /// AsciiDoc attributes (`{name}`), RST substitutions (`|name|`) and hyperlink targets (`name_`), by lowercased name.
    var attributes: [String: String] = [:]
    var targets: [String: String] = [:]

    /// How far (in bytes) a closing delimiter is looked for.
    static let searchLimit = 4096

    private var raw: [UInt8] = []
    private var lines: [Int] = []
    private var columns: [Int] = []

    init(_ syntax: Syntax, attributes: [String: String] = [:], targets: [String: String] = [:]) {
        self.syntax = syntax
        self.attributes = attributes
        self.targets = targets
    }

    /// The block's source lines as one text (joined by line breaks) into `builder`.
    mutating func parse(_ segments: [InlineParser.Segment], into builder: inout TextBuilder) {
        raw.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
        for (index, segment) in segments.enumerated() {
            if index > 0 {
                raw.append(0x0A)
                lines.append(segment.line)
                columns.append(max(1, segment.column - 1))
            }
            raw.append(contentsOf: segment.bytes)
            lines.append(contentsOf: repeatElement(segment.line, count: segment.bytes.count))
            columns.append(contentsOf: segment.column..<(segment.column + segment.bytes.count))
        }
        builder.reserve(raw.count)
        scan(0..<raw.count, into: &builder, depth: 0)
    }

    // MARK: - Scanning

    private func scan(_ range: Range<Int>, into builder: inout TextBuilder, depth: Int) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = raw[i]
            if c >= 0x80 || c.isASCIIAlphanumeric {
                // Words go straight through; only a word's start may open a reference, a URL or a macro.
                let wordStart = i == range.lowerBound || !(raw[i - 1].isASCIIAlphanumeric || raw[i - 1] >= 0x80)
                if wordStart, syntax == .restructuredText, let next = rstReference(at: i, range: range, into: &builder) {
                    i = next
                    continue
                }
                if wordStart, depth < 8, c.isASCIILetter, c == UInt8(ascii: "h") || c == UInt8(ascii: "m") || syntax == .asciiDoc,
                    let next = markup(at: i, range: range, into: &builder, depth: depth)
                {
                    i = next
                    continue
                }
                copy(i, into: &builder)
                i += 1
                continue
            }
            if depth < 8, let next = markup(at: i, range: range, into: &builder, depth: depth) {
                i = next
                continue
            }
            copy(i, into: &builder)
            i += 1
        }
    }

    /// Markup starting at `i`: its end, after emitting it; nil when `i` starts none.
    private func markup(at i: Int, range: Range<Int>, into builder: inout TextBuilder, depth: Int) -> Int? {
        let c = raw[i]
        let end = range.upperBound
        let atWordStart = i == range.lowerBound || !raw[i - 1].isASCIIAlphanumeric
        if (c == UInt8(ascii: "h") || c == UInt8(ascii: "m")) && atWordStart, let urlEnd = bareURLEnd(at: i, end: end) {
            return url(i..<urlEnd, range: range, into: &builder, depth: depth)
        }
        if c == UInt8(ascii: "\\"), i + 1 < end, raw[i + 1].isPunctuationByte, syntax != .org {
            copy(i + 1, into: &builder)
            return i + 2
        }
        switch syntax {
        case .restructuredText: return rst(at: i, range: range, into: &builder, depth: depth)
        case .asciiDoc: return asciiDoc(at: i, range: range, into: &builder, depth: depth)
        case .org: return org(at: i, range: range, into: &builder, depth: depth)
        }
    }

    // MARK: reStructuredText

    private func rst(at i: Int, range: Range<Int>, into builder: inout TextBuilder, depth: Int) -> Int? {
        let c = raw[i]
        let end = range.upperBound
        switch c {
        case UInt8(ascii: "`"):
            if i + 1 < end, raw[i + 1] == UInt8(ascii: "`") {
                // ``literal``
                guard startsInline(i, range), let close = find([0x60, 0x60], from: i + 2, end: end), close > i + 2 else { return nil }
                emitSpan(.code, (i + 2)..<close, into: &builder)
                return close + 2
            }
            guard startsInline(i, range), let close = findClosing(UInt8(ascii: "`"), from: i + 1, end: end) else { return nil }
            var after = close + 1
            // `text <url>`_ , `text`_ , `text`__ , `text`:role:
            var isReference = false
            if after < end, raw[after] == UInt8(ascii: "_") {
                isReference = true
                after += 1
                if after < end, raw[after] == UInt8(ascii: "_") { after += 1 }
            } else if after < end, raw[after] == UInt8(ascii: ":"), let roleEnd = roleName(from: after + 1, end: end) {
                after = roleEnd + 1
            }
            interpreted((i + 1)..<close, reference: isReference, role: nil, into: &builder, depth: depth)
            return after
        case UInt8(ascii: ":"):
            // :role:`text`
            guard startsInline(i, range), let roleEnd = roleName(from: i + 1, end: end), roleEnd + 1 < end,
                raw[roleEnd + 1] == UInt8(ascii: "`"), let close = findClosing(UInt8(ascii: "`"), from: roleEnd + 2, end: end)
            else { return nil }
            let role = String(decoding: raw[(i + 1)..<roleEnd], as: UTF8.self).lowercased()
            interpreted((roleEnd + 2)..<close, reference: false, role: role, into: &builder, depth: depth)
            return close + 1
        case UInt8(ascii: "*"):
            let strong = i + 1 < end && raw[i + 1] == UInt8(ascii: "*")
            let width = strong ? 2 : 1
            guard startsInline(i, range), i + width < end, !raw[i + width].isASCIISpace,
                let close = find(strong ? [0x2A, 0x2A] : [0x2A], from: i + width + 1, end: end, endsInline: true),
                !raw[close - 1].isASCIISpace
            else { return nil }
            let start = builder.nextOffset
            scan((i + width)..<close, into: &builder, depth: depth + 1)
            builder.addSpan(strong ? .strong : .emphasis, from: start)
            return close + width
        case UInt8(ascii: "|"):
            // |substitution| (and |name|_)
            guard startsInline(i, range), let close = findClosing(UInt8(ascii: "|"), from: i + 1, end: end) else { return nil }
            let name = String(decoding: raw[(i + 1)..<close], as: UTF8.self).lowercased()
            var after = close + 1
            while after < end, raw[after] == UInt8(ascii: "_") { after += 1 }
            if let value = attributes[name] {
                emitGenerated(value, at: i, into: &builder)
            } else {
                emitRaw((i + 1)..<close, into: &builder)
            }
            return after
        case UInt8(ascii: "["):
            // [1]_ , [#]_ , [CIT2002]_ : footnote and citation references carry no text.
            guard let close = raw[(i + 1)..<min(end, i + 64)].firstIndex(of: UInt8(ascii: "]")), close + 1 < end,
                raw[close + 1] == UInt8(ascii: "_"), close > i + 1
            else { return nil }
            if i > range.lowerBound, raw[i - 1] == 0x20 { builder.space() }
            return close + 2
        default:
            return nil
        }
    }

    /// `word_` (a reference to a target by its one-word name): the word without the underscore.
    private func rstReference(at i: Int, range: Range<Int>, into builder: inout TextBuilder) -> Int? {
        guard i == range.lowerBound || !(raw[i - 1].isASCIIAlphanumeric || raw[i - 1] >= 0x80) else { return nil }
        var j = i
        while j < range.upperBound, raw[j].isASCIIAlphanumeric || raw[j] >= 0x80 || raw[j] == UInt8(ascii: "-")
            || (raw[j] == UInt8(ascii: "_") && j + 1 < range.upperBound && (raw[j + 1].isASCIIAlphanumeric || raw[j + 1] >= 0x80))
        {
            j += 1
        }
        guard j < range.upperBound, raw[j] == UInt8(ascii: "_") else { return nil }
        let after = j + 1 < range.upperBound && raw[j + 1] == UInt8(ascii: "_") ? j + 2 : j + 1
        guard after == range.upperBound || !(raw[after].isASCIIAlphanumeric || raw[after] >= 0x80) else { return nil }
        let start = builder.nextOffset
        emitRaw(i..<j, into: &builder)
        let name = String(decoding: raw[i..<j], as: UTF8.self).lowercased()
        if let url = targets[name] { builder.addSpan(.link(url: url), from: start) }
        return after
    }

    /// The name of a role (`pep` in `:pep:`) from `start`: the index of its closing colon.
    private func roleName(from start: Int, end: Int) -> Int? {
        var j = start
        while j < end, j - start < 40, raw[j].isASCIIAlphanumeric || raw[j] == UInt8(ascii: "-") || raw[j] == UInt8(ascii: "_")
            || raw[j] == UInt8(ascii: ".") || raw[j] == UInt8(ascii: "+")
        {
            j += 1
        }
        return j > start && j < end && raw[j] == UInt8(ascii: ":") ? j : nil
    }

    /// The text of `` `…` `` with a role or as a reference: `text <url>` gives a link, `:pep:` "PEP 8".
    private func interpreted(_ inner: Range<Int>, reference: Bool, role: String?, into builder: inout TextBuilder, depth: Int) {
        // "text <target>": a link (or a cross-reference) whose text is shown.
        var text = inner
        var target: String?
        if let last = inner.last, raw[last] == UInt8(ascii: ">"),
            let open = raw[inner].lastIndex(of: UInt8(ascii: "<")), open > inner.lowerBound || reference
        {
            target = String(decoding: raw[(open + 1)..<last], as: UTF8.self)
            var upper = open
            while upper > inner.lowerBound, raw[upper - 1].isASCIISpace { upper -= 1 }
            text = inner.lowerBound..<upper
            if text.isEmpty { text = (open + 1)..<last }
        }
        let start = builder.nextOffset
        switch role {
        case "pep", "rfc":
            emitGenerated(role!.uppercased() + " ", at: inner.lowerBound, into: &builder)
            emitRaw(text, into: &builder)
        case "code", "literal", "file", "samp", "command", "program", "envvar", "option", "kbd", "math", "regexp":
            emitRaw(text, into: &builder)
            builder.addSpan(.code, from: start)
            return
        default:
            scan(text, into: &builder, depth: depth + 1)
        }
        if let target, target.contains("://") || target.hasPrefix("mailto:") {
            builder.addSpan(.link(url: target), from: start)
        } else if reference, let url = targets[String(decoding: raw[text], as: UTF8.self).lowercased()] {
            builder.addSpan(.link(url: url), from: start)
        } else if role == "strong" {
            builder.addSpan(.strong, from: start)
        } else if role == "emphasis" {
            builder.addSpan(.emphasis, from: start)
        }
    }

    // MARK: AsciiDoc

    private func asciiDoc(at i: Int, range: Range<Int>, into builder: inout TextBuilder, depth: Int) -> Int? {
        let c = raw[i]
        let end = range.upperBound
        switch c {
        case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "#"), UInt8(ascii: "+"):
            // **unconstrained** anywhere, *constrained* at word edges.
            let double = i + 1 < end && raw[i + 1] == c
            let width = double ? 2 : 1
            if !double, !startsInline(i, range) { return nil }
            guard i + width < end, !raw[i + width].isASCIISpace,
                let close = find(double ? [c, c] : [c], from: i + width + 1, end: end, endsInline: !double),
                !raw[close - 1].isASCIISpace
            else { return nil }
            let start = builder.nextOffset
            if c == UInt8(ascii: "`") || c == UInt8(ascii: "+") {
                emitRaw((i + width)..<close, into: &builder)
                if c == UInt8(ascii: "`") { builder.addSpan(.code, from: start) }
            } else {
                scan((i + width)..<close, into: &builder, depth: depth + 1)
                if c == UInt8(ascii: "*") { builder.addSpan(.strong, from: start) }
                if c == UInt8(ascii: "_") { builder.addSpan(.emphasis, from: start) }
            }
            return close + width
        case UInt8(ascii: "{"):
            // {attribute}
            guard let close = raw[(i + 1)..<min(end, i + 80)].firstIndex(of: UInt8(ascii: "}")), close > i + 1 else { return nil }
            let name = String(decoding: raw[(i + 1)..<close], as: UTF8.self).lowercased()
            guard let value = attributes[name] ?? Self.builtInAttributes[name] else { return nil }
            // {url}[text]: attributes are replaced before macros, so a URL attribute before brackets is a link.
            if value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("mailto:"), close + 1 < end,
                raw[close + 1] == UInt8(ascii: "["),
                let textEnd = findClosing(UInt8(ascii: "]"), from: close + 2, end: end, opener: UInt8(ascii: "["))
            {
                let start = builder.nextOffset
                if textEnd > close + 2 {
                    scan((close + 2)..<textEnd, into: &builder, depth: depth + 1)
                } else {
                    emitGenerated(value, at: i, into: &builder)
                    builder.addSpan(.url, from: start)
                }
                builder.addSpan(.link(url: value), from: start)
                return textEnd + 1
            }
            emitGenerated(value, at: i, into: &builder)
            return close + 1
        case UInt8(ascii: "<"):
            // <<id,text>> and <<id>>
            guard i + 1 < end, raw[i + 1] == UInt8(ascii: "<"), let close = find([0x3E, 0x3E], from: i + 2, end: end) else { return nil }
            let inner = (i + 2)..<close
            if let comma = raw[inner].firstIndex(of: UInt8(ascii: ",")) {
                scan((comma + 1)..<close, into: &builder, depth: depth + 1)
            } else {
                emitRaw(inner, into: &builder)
            }
            return close + 2
        case UInt8(ascii: "l"), UInt8(ascii: "m"):
            // link:target[text], mailto:addr[text]
            for prefix in ["link:", "mailto:"] where matches(prefix, at: i, end: end) && startsInline(i, range) {
                let targetStart = i + (prefix == "link:" ? 5 : 0)
                guard let open = raw[targetStart..<min(end, targetStart + 2048)].firstIndex(where: { $0 == UInt8(ascii: "[") || $0.isASCIISpace }),
                    raw[open] == UInt8(ascii: "[")
                else { return nil }
                return macroText(target: targetStart..<open, open: open, range: range, into: &builder, depth: depth)
            }
            return nil
        default:
            // Inline macros that keep their text: kbd:[…], footnote:[…], pass:[…]; image:…[…] keeps nothing.
            guard c.isASCIILetter, startsInline(i, range) else { return nil }
            var j = i
            while j < end, j - i < 16, raw[j].isASCIILetter { j += 1 }
            guard j + 1 < end, raw[j] == UInt8(ascii: ":") else { return nil }
            let name = String(decoding: raw[i..<j], as: UTF8.self)
            guard Self.asciiDocMacros.contains(name) else { return nil }
            guard let open = raw[(j + 1)..<min(end, j + 1024)].firstIndex(where: { $0 == UInt8(ascii: "[") || $0.isASCIISpace }),
                raw[open] == UInt8(ascii: "["), let close = findClosing(UInt8(ascii: "]"), from: open + 1, end: end, opener: UInt8(ascii: "["))
            else { return nil }
            if name != "image" && name != "icon" && name != "indexterm" { scan((open + 1)..<close, into: &builder, depth: depth + 1) }
            return close + 1
        }
    }

    static let asciiDocMacros: Set<String> = [
        "kbd", "btn", "menu", "footnote", "footnoteref", "pass", "image", "icon", "indexterm", "indexterm2", "anchor", "xref", "stem",
        "latexmath", "asciimath", "ifdef", "ifndef",
    ]

    /// AsciiDoc's predefined character attributes.
    static let builtInAttributes: [String: String] = [
        "nbsp": " ", "sp": " ", "zwsp": "", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "deg": "°",
        "plus": "+", "brvbar": "¦", "vbar": "|", "startsb": "[", "endsb": "]", "caret": "^", "asterisk": "*", "tilde": "~",
        "backslash": "\\", "backtick": "`", "two-colons": "::", "two-semicolons": ";;", "cpp": "C++", "empty": "", "blank": "",
        "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’",
    ]

    /// `target[text]` (after a URL or `link:`): the text (the target when empty) as a link.
    private func macroText(target: Range<Int>, open: Int, range: Range<Int>, into builder: inout TextBuilder, depth: Int) -> Int? {
        guard let close = findClosing(UInt8(ascii: "]"), from: open + 1, end: range.upperBound, opener: UInt8(ascii: "[")) else { return nil }
        var textRange = (open + 1)..<close
        // [text, window=_blank] / [text^]: the text before attributes.
        if let comma = raw[textRange].firstIndex(of: UInt8(ascii: ",")), raw[(comma + 1)..<close].contains(UInt8(ascii: "=")) {
            textRange = textRange.lowerBound..<comma
        }
        if let last = textRange.last, raw[last] == UInt8(ascii: "^") { textRange = textRange.lowerBound..<last }
        if textRange.count >= 2 && raw[textRange.lowerBound] == UInt8(ascii: "\"") && raw[textRange.upperBound - 1] == UInt8(ascii: "\"") {
            textRange = (textRange.lowerBound + 1)..<(textRange.upperBound - 1)
        }
        let url = String(decoding: raw[target], as: UTF8.self)
        let start = builder.nextOffset
        if textRange.isEmpty {
            emitRaw(target, into: &builder)
            builder.addSpan(.url, from: start)
        } else {
            scan(textRange, into: &builder, depth: depth + 1)
        }
        builder.addSpan(.link(url: url), from: start)
        return close + 1
    }

    // MARK: Org

    private func org(at i: Int, range: Range<Int>, into builder: inout TextBuilder, depth: Int) -> Int? {
        let c = raw[i]
        let end = range.upperBound
        switch c {
        case UInt8(ascii: "["):
            if i + 1 < end, raw[i + 1] == UInt8(ascii: "["), let close = find([0x5D, 0x5D], from: i + 2, end: end) {
                // [[target][text]] or [[target]]
                let inner = (i + 2)..<close
                let start = builder.nextOffset
                var target = inner
                if let split = find([0x5D, 0x5B], from: inner.lowerBound, end: close) {
                    target = inner.lowerBound..<split
                    scan((split + 2)..<close, into: &builder, depth: depth + 1)
                } else {
                    emitRaw(inner, into: &builder)
                }
                let url = String(decoding: raw[target], as: UTF8.self)
                if url.contains(":") { builder.addSpan(.link(url: url), from: start) }
                return close + 2
            }
            // An inactive timestamp [2025-10-02 Thu]: a record, not a date the note states; kept as code so no tagger reads it.
            if let close = orgTimestampEnd(at: i, closer: UInt8(ascii: "]"), end: end) {
                let start = builder.nextOffset
                emitRaw(i..<(close + 1), into: &builder)
                builder.addSpan(.code, from: start)
                return close + 1
            }
            return nil
        case UInt8(ascii: "<"):
            // An active timestamp <2025-10-02 Thu 18:00-20:00>, a range <…>--<…>.
            guard let close = orgTimestampEnd(at: i, closer: UInt8(ascii: ">"), end: end) else { return nil }
            emitTimestamp((i + 1)..<close, into: &builder)
            var next = close + 1
            if next + 2 < end, raw[next] == UInt8(ascii: "-"), raw[next + 1] == UInt8(ascii: "-"), raw[next + 2] == UInt8(ascii: "<"),
                let second = orgTimestampEnd(at: next + 2, closer: UInt8(ascii: ">"), end: end)
            {
                emitGenerated(" to ", at: next, into: &builder)
                emitTimestamp((next + 3)..<second, into: &builder)
                next = second + 1
            }
            return next
        case UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: "~"), UInt8(ascii: "+"):
            guard orgPre(i, range), i + 1 < end, !raw[i + 1].isASCIISpace,
                let close = orgClose(c, from: i + 2, end: end)
            else { return nil }
            let start = builder.nextOffset
            switch c {
            case UInt8(ascii: "="), UInt8(ascii: "~"):
                emitRaw((i + 1)..<close, into: &builder)
                builder.addSpan(.code, from: start)
            default:
                scan((i + 1)..<close, into: &builder, depth: depth + 1)
                if c == UInt8(ascii: "*") { builder.addSpan(.strong, from: start) }
                if c == UInt8(ascii: "/") || c == UInt8(ascii: "_") { builder.addSpan(.emphasis, from: start) }
            }
            return close + 1
        default:
            return nil
        }
    }

    /// Org's emphasis may open after a line start, a space or `-({'"`.
    private func orgPre(_ i: Int, _ range: Range<Int>) -> Bool {
        guard i > range.lowerBound else { return true }
        return raw[i - 1].isASCIISpace || "-({'\"".utf8.contains(raw[i - 1])
    }

    /// The closing `marker` of Org emphasis: not after a space, before a space, punctuation or the end; within two lines.
    private func orgClose(_ marker: UInt8, from start: Int, end: Int) -> Int? {
        var j = start
        var breaks = 0
        while j < end, j - start < Self.searchLimit {
            let b = raw[j]
            if b == 0x0A {
                breaks += 1
                if breaks > 1 { return nil }
            }
            if b == marker, !raw[j - 1].isASCIISpace, j + 1 == end || raw[j + 1].isASCIISpace || "-.,:!?;'\")}[\\".utf8.contains(raw[j + 1]) {
                return j
            }
            j += 1
        }
        return nil
    }

    /// The closing bracket of an Org timestamp opening at `i` (`<2025-10-02 Thu 18:00>`, `[2025-10-02]`), or nil.
    private func orgTimestampEnd(at i: Int, closer: UInt8, end: Int) -> Int? {
        guard i + 11 < end else { return nil }
        for k in 1...10 {
            let b = raw[i + k]
            if k == 5 || k == 8 { guard b == UInt8(ascii: "-") else { return nil } } else { guard b.isASCIIDigit else { return nil } }
        }
        var j = i + 11
        while j < end, j - i < 64 {
            if raw[j] == closer { return j }
            if raw[j] == 0x0A || raw[j] == UInt8(ascii: "<") || raw[j] == UInt8(ascii: "[") { return nil }
            j += 1
        }
        return nil
    }

    /// An active timestamp's inside as the temporal tagger reads it: "2025-10-02 18:00-20:00" (the day's name
    /// left out), its repeater or warning period (`+1w`, `-2d`) kept as a code span for extraction to read.
    private func emitTimestamp(_ inner: Range<Int>, into builder: inout TextBuilder) {
        var first = true
        var j = inner.lowerBound
        while j < inner.upperBound {
            var k = j
            while k < inner.upperBound, raw[k] != 0x20 { k += 1 }
            let word = raw[j..<k]
            if !word.isEmpty {
                if !first { builder.space() }
                first = false
                let isCookie = word.count >= 2 && (word.first == UInt8(ascii: "+") || word.first == UInt8(ascii: ".") || word.first == UInt8(ascii: "-"))
                    && word.dropFirst().first.map { $0.isASCIIDigit || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") } == true
                // The day's name says nothing the ISO date does not (and would keep the tagger from the time after it).
                let isDayName = !first && word.allSatisfy { $0.isASCIILetter || $0 >= 0x80 || $0 == UInt8(ascii: ".") }
                if isCookie {
                    emitSpan(.code, j..<k, into: &builder)
                } else if !isDayName {
                    emitRaw(j..<k, into: &builder)
                }
            }
            j = k + 1
        }
    }

    // MARK: - Shared pieces

    /// A URL at `i`: its text, as a link (AsciiDoc: `https://…[text]` gives the text).
    private func url(_ urlRange: Range<Int>, range: Range<Int>, into builder: inout TextBuilder, depth: Int) -> Int {
        if syntax == .asciiDoc, urlRange.upperBound < range.upperBound, raw[urlRange.upperBound] == UInt8(ascii: "["),
            let next = macroText(target: urlRange, open: urlRange.upperBound, range: range, into: &builder, depth: depth)
        {
            return next
        }
        let start = builder.nextOffset
        emitRaw(urlRange, into: &builder)
        builder.addSpan(.url, from: start)
        builder.addSpan(.link(url: String(decoding: raw[urlRange], as: UTF8.self)), from: start)
        return urlRange.upperBound
    }

    private func bareURLEnd(at start: Int, end: Int) -> Int? {
        let prefixes = ["https://", "http://", "mailto:"]
        guard let prefix = prefixes.first(where: { matches($0, at: start, end: end) }) else { return nil }
        var j = start + prefix.utf8.count
        var parens = 0
        while j < end {
            let c = raw[j]
            if c.isASCIISpace || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
                || c == UInt8(ascii: "`")
            {
                break
            }
            if c == UInt8(ascii: "(") { parens += 1 }
            if c == UInt8(ascii: ")") {
                if parens == 0 { break }
                parens -= 1
            }
            j += 1
        }
        while j > start + prefix.utf8.count, ".,;:!?*_'\"".utf8.contains(raw[j - 1]) { j -= 1 }
        return j > start + prefix.utf8.count ? j : nil
    }

    private func matches(_ text: String, at i: Int, end: Int) -> Bool {
        let bytes = text.utf8
        guard i + bytes.count <= end else { return false }
        var k = i
        for b in bytes {
            if raw[k] != b { return false }
            k += 1
        }
        return true
    }

    /// Inline markup may start at the text's start or after a space or an opening punctuation (RST, AsciiDoc).
    private func startsInline(_ i: Int, _ range: Range<Int>) -> Bool {
        guard i > range.lowerBound else { return true }
        let before = raw[i - 1]
        return before.isASCIISpace || "-:/'\"<([{".utf8.contains(before)
    }

    /// The first `needle` from `from` (within ``searchLimit``); with `endsInline`, one followed by a space, punctuation or the end.
    private func find(_ needle: [UInt8], from: Int, end: Int, endsInline: Bool = false) -> Int? {
        var j = from
        let limit = min(end, from + Self.searchLimit)
        while j + needle.count <= limit {
            if raw[j] == needle[0], needle.count == 1 || raw[j + 1] == needle[1] {
                let after = j + needle.count
                if !endsInline || after == end || raw[after].isASCIISpace || raw[after].isPunctuationByte { return j }
            }
            j += 1
        }
        return nil
    }

    /// The closing `closer` from `from`, skipping escaped ones; with an `opener`, nesting counted.
    private func findClosing(_ closer: UInt8, from: Int, end: Int, opener: UInt8? = nil) -> Int? {
        var j = from
        var depth = 0
        let limit = min(end, from + Self.searchLimit)
        while j < limit {
            let b = raw[j]
            if b == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if let opener, b == opener {
                depth += 1
            } else if b == closer {
                if depth == 0 { return j > from || opener != nil ? j : nil }
                depth -= 1
            }
            j += 1
        }
        return nil
    }

    private func copy(_ i: Int, into builder: inout TextBuilder) {
        builder.append(raw[i], line: lines[i], column: columns[i])
    }

    private func emitRaw(_ range: Range<Int>, into builder: inout TextBuilder) {
        for i in range { builder.append(raw[i], line: lines[i], column: columns[i]) }
    }

    private func emitSpan(_ kind: Span.Kind, _ range: Range<Int>, into builder: inout TextBuilder) {
        let start = builder.nextOffset
        emitRaw(range, into: &builder)
        builder.addSpan(kind, from: start)
    }

    /// Text that is not in the source (an attribute's value, "PEP "), placed at the markup's position.
    private func emitGenerated(_ text: String, at i: Int, into builder: inout TextBuilder) {
        builder.append(text.utf8, line: lines[i], column: columns[i])
    }
}

extension UInt8 {
    var isPunctuationByte: Bool {
        (self >= 0x21 && self <= 0x2F) || (self >= 0x3A && self <= 0x40) || (self >= 0x5B && self <= 0x60)
            || (self >= 0x7B && self <= 0x7E)
    }
}
