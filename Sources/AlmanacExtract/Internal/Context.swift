import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead
import AlmanacTime

/// A word of a sentence, with what the extractors look at.
struct Word {
    var text: String
    var lower: String
    /// UTF-8 range in the block's text.
    var range: Range<Int>
    var isPunct: Bool
    var capitalized: Bool
    var allCaps: Bool
    var hasDigit: Bool
    /// Inside a code span (`mirage-www`), a bold span, a link's text (with its URL).
    var inCode: Bool
    var inStrong: Bool
    var link: String?
    /// Index of the link span the word belongs to, for taking a link's whole text as a name.
    var linkSpan: Int?
    /// A space separates this word from the one before.
    var spaceBefore: Bool
    /// ``WordHash`` of `lower`, for ``WordSet`` questions.
    var hash: UInt64 = 0
    /// `lower` is all ASCII; `exotic`: it may still equal an ASCII string (see ``WordSet``).
    var ascii: Bool = true
    var exotic: Bool = false

    var isWord: Bool { !isPunct }
}

/// A sentence of a block: its words and the dates in it.
struct Sentence {
    var block: Int
    var range: Range<Int>
    var text: String
    var words: [Word]
    var dates: [TemporalExpression]
    /// Index of this sentence in the note.
    var index: Int

    /// The signature of the words' hashes (every bit set when a word is exotic, see ``WordSet``).
    var signature: WordSignature
    /// A word is exotic (see ``WordSet``).
    var hasExotic: Bool

    /// Whether a word of the sentence, lower-cased, is `word`.
    func has(_ word: String) -> Bool {
        guard word.isASCII else { return words.contains { $0.lower == word } }
        let hash = WordHash.of(word)
        guard signature.mayContain(hash) else { return false }
        return words.contains { $0.exotic ? $0.lower == word : ($0.hash == hash && WordHash.sameBytes($0.lower, word)) }
    }

    /// Whether a word of the sentence, lower-cased, is in `set`.
    func hasAny(_ set: WordSet) -> Bool { firstIndex(set) != nil }

    func firstIndex(_ set: WordSet) -> Int? {
        guard set.allASCII, !hasExotic else { return words.firstIndex { set.contains($0) } }
        // The usual case, an ASCII set and no exotic word: a word is a member when its hash is, so only
        // the hashes are read (in place) until one is.
        guard signature.intersects(set.signature) else { return nil }
        return words.withUnsafeBufferPointer { words in
            for k in words.indices where set.contains(words[k].lower, hash: words[k].hash, ascii: true, exotic: false) { return k }
            return nil
        }
    }

    static func signature(of words: [Word]) -> WordSignature {
        var signature = WordSignature()
        for word in words {
            if word.exotic { return .all }
            signature.insert(word.hash)
        }
        return signature
    }

    /// The text between two word indices (inclusive lower, exclusive upper), as written.
    func text(_ words: Range<Int>, in block: Block) -> String {
        guard !words.isEmpty, words.lowerBound >= 0, words.upperBound <= self.words.count else { return "" }
        return block.text(self.words[words.lowerBound].range.lowerBound..<self.words[words.upperBound - 1].range.upperBound)
    }
}

/// Answers computed once per note and block, on demand (the context itself is a value).
final class NoteCache {
    var subjects: [Int: String?] = [:]
    var headings: [Int: [String]] = [:]
}

/// One note, prepared for the extractors: blocks cut into sentences and words, dates tagged once.
struct NoteContext {
    let cache = NoteCache()
    let note: Note
    let info: NoteInfo
    let blocks: [Block]
    var sentences: [Sentence] = []
    /// Sentence indices of each block.
    var sentencesOfBlock: [[Int]] = []
    /// Block indices that are agenda items (list items before the first notes heading, or under "Agenda").
    var agenda: Set<Int> = []
    /// Words that look like a date but name none ("Dec 32", "on 0001-01-01"), by block: left undated, reported.
    var dateProblems: [(block: Int, expression: TemporalExpression)] = []

    /// The tagger the note's dates were read with (for dates a table spreads over its cells).
    let tagger: TemporalTagger

    init(note: Note, tagger: TemporalTagger) {
        self.tagger = tagger
        self.note = note
        self.info = note.info
        self.blocks = note.document.blocks
        sentencesOfBlock = Array(repeating: [], count: blocks.count)
        for (index, block) in blocks.enumerated() {
            if block.kind == .code { continue }
            let skip = block.spans.filter { $0.kind == .code || $0.kind == .url }.map(\.range)
            let (dates, problems) = tagger.tagReporting(block.text, reference: info.date, skip: Self.merged(skip))
            for problem in problems { dateProblems.append((index, problem)) }
            var spans = SpanCursor(block)
            var nextDate = 0
            for range in Self.sentenceRanges(block.text) {
                let words = Self.words(in: block, range: range, spans: &spans)
                // Dates and sentences are both in text order: one sweep hands each sentence its dates.
                while nextDate < dates.count, dates[nextDate].range.lowerBound < range.lowerBound { nextDate += 1 }
                var end = nextDate
                while end < dates.count, dates[end].range.lowerBound < range.upperBound { end += 1 }
                let sentence = Sentence(
                    block: index, range: range, text: block.text(range), words: words,
                    dates: Array(dates[nextDate..<end]), index: sentences.count, signature: Sentence.signature(of: words),
                    hasExotic: words.contains { $0.exotic })
                nextDate = end
                sentencesOfBlock[index].append(sentences.count)
                sentences.append(sentence)
            }
        }
        agenda = Self.findAgenda(blocks)
        giveListTimesTheirDay()
    }

    /// "Three talks, all on Sunday:" over "- Bridging things … at 11:15", or "Fri, Apr 17: before the Q&A"
    /// over "- Online at 1:30pm ET": a list's times are on the day its introducing line (a paragraph ending
    /// in a colon, or led by a day and a colon) gives.
    mutating func giveListTimesTheirDay() {
        var day: CivilDate?
        for (index, block) in blocks.enumerated() {
            switch block.kind {
            case .paragraph:
                let dates = sentencesOfBlock[index].flatMap { sentences[$0].dates }
                let isDay = { (e: TemporalExpression) in e.when.precision == .day && e.when.start != nil && (e.when.end == nil || e.when.end == e.when.start) }
                let text = block.text.trimmingSpaces()
                if text.hasSuffix(":") {
                    day = dates.last(where: isDay)?.when.start
                } else if let first = dates.first, isDay(first), first.range.lowerBound <= 2,
                    block.text(first.range.upperBound..<min(block.text.utf8.count, first.range.upperBound + 2)).hasPrefix(":")
                {
                    day = first.when.start
                } else {
                    day = nil
                }
            case .listItem:
                guard let day else { continue }
                for sentence in sentencesOfBlock[index] {
                    for k in sentences[sentence].dates.indices {
                        let stated = sentences[sentence].dates[k].stated
                        guard stated.contains(.time), !stated.contains(.day), !stated.contains(.weekday), !stated.contains(.relative) else { continue }
                        sentences[sentence].dates[k].when.start = day
                        sentences[sentence].dates[k].inferred.insert(.day)
                    }
                }
            default:
                day = nil
            }
        }
    }

    /// The note's tables: each run of table rows, its header row first.
    var tables: [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        while index < blocks.count {
            guard blocks[index].kind == .tableRow else {
                index += 1
                continue
            }
            let start = index
            while index < blocks.count, blocks[index].kind == .tableRow { index += 1 }
            runs.append(start..<index)
        }
        return runs
    }

    /// The heading texts above block `index`, innermost first.
    func headings(of index: Int) -> [String] {
        if let known = cache.headings[index] { return known }
        let found = note.document.headingPath(of: index).reversed().map { blocks[$0].text }
        cache.headings[index] = found
        return found
    }

    /// The source line of a UTF-8 offset in a block.
    func evidence(block index: Int, at offset: Int, quote: String) -> Evidence {
        let (line, column) = blocks[index].location(of: offset)
        return Evidence(path: info.path, line: line, column: column, quote: quote)
    }

    func evidence(_ sentence: Sentence, at offset: Int? = nil) -> Evidence {
        evidence(block: sentence.block, at: offset ?? sentence.range.lowerBound, quote: Self.quote(sentence.text))
    }

    /// A quote short enough for a calendar description.
    static func quote(_ text: String) -> String {
        // Trimming U+0020 only, on the bytes (as Foundation's trimming does, unit by unit).
        let bytes = text.utf8
        var lo = bytes.startIndex
        var hi = bytes.endIndex
        while lo < hi, bytes[lo] == 0x20 { lo = bytes.index(after: lo) }
        while hi > lo, bytes[bytes.index(before: hi)] == 0x20 { hi = bytes.index(before: hi) }
        let trimmed = lo == bytes.startIndex && hi == bytes.endIndex ? text : String(text[lo..<hi])
        // A Character is at least one byte: a short text needs no counting.
        if trimmed.utf8.count <= 200 || trimmed.count <= 200 { return trimmed }
        return String(trimmed.prefix(197)) + "…"
    }

    // MARK: - Sentences

    static let abbreviations: WordSet = [
        "e.g", "i.e", "cf", "vs", "etc", "dr", "mr", "mrs", "ms", "st", "no", "approx", "incl", "eg", "ie", "al",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "nb",
    ]

    /// Sentence ranges: ends at . ! ? followed by a space and a capital, a digit or a bullet.
    static func sentenceRanges(_ text: String) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        var start = 0
        var i = 0
        var depth = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "(") { depth += 1 }
            if b == UInt8(ascii: ")") { depth = max(0, depth - 1) }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
                var j = i + 1
                while j < bytes.count, bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: "!") || bytes[j] == UInt8(ascii: "?")
                    || bytes[j] == UInt8(ascii: ")") || bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "*")
                {
                    j += 1
                }
                if j < bytes.count, bytes[j] == 0x20, j + 1 < bytes.count, isSentenceStart(bytes[j + 1]),
                    b != UInt8(ascii: ".") || !endsWithAbbreviation(bytes, i, from: start), depth == 0 || b != UInt8(ascii: ".")
                {
                    chunk(start..<j, bytes, into: &ranges)
                    start = j + 1
                    depth = 0
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        if start < bytes.count { chunk(start..<bytes.count, bytes, into: &ranges) }
        return ranges
    }

    /// Appends a sentence's range (none when empty). Run-on text (a pasted log, a 5 MB line) is cut into
    /// pieces of at most `limit` bytes at spaces, so every later step works on bounded sentences.
    static func chunk(_ range: Range<Int>, _ bytes: [UInt8], into pieces: inout [Range<Int>], limit: Int = 800) {
        guard !range.isEmpty else { return }
        guard range.count > limit else {
            pieces.append(range)
            return
        }
        var start = range.lowerBound
        while range.upperBound - start > limit {
            var cut = start + limit
            while cut > start + limit / 2, bytes[cut] != 0x20 { cut -= 1 }
            if bytes[cut] != 0x20 {
                // No space: cut at a character boundary.
                cut = start + limit
                while cut > start, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            }
            pieces.append(start..<cut)
            start = bytes[cut] == 0x20 ? cut + 1 : cut
        }
        if start < range.upperBound { pieces.append(start..<range.upperBound) }
    }

    static func isSentenceStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b >= 0x80
            || b == UInt8(ascii: "[") || b == UInt8(ascii: "(") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "*")
            || b == UInt8(ascii: "`")
    }

    static func endsWithAbbreviation(_ bytes: [UInt8], _ dot: Int, from start: Int) -> Bool {
        var k = dot - 1
        while k >= start, (bytes[k] | 0x20) >= UInt8(ascii: "a") && (bytes[k] | 0x20) <= UInt8(ascii: "z") || bytes[k] == UInt8(ascii: ".") {
            k -= 1
        }
        // ASCII letters and dots: lower-cased by a byte map, a Character a byte; the word is made only
        // when its hash may be an abbreviation's.
        let word = bytes[(k + 1)..<dot].map { $0 | 0x20 }
        if word.count == 1 { return true }  // initials: "J. Smith"
        let hash = WordHash.of(word)
        guard abbreviations.signature.mayContain(hash) else { return false }
        return abbreviations.contains(String(decoding: word, as: UTF8.self), hash: hash, ascii: true, exotic: false)
    }

    // MARK: - Words

    static func words(in block: Block, range: Range<Int>, spans: inout SpanCursor) -> [Word] {
        let bytes = spans.bytes
        var words: [Word] = []
        // About a word every five bytes in prose: room for most sentences at once, not by repeated doubling.
        words.reserveCapacity(range.count / 3 + 4)
        var i = range.lowerBound
        var space = true
        while i < range.upperBound {
            let b = bytes[i]
            if b == 0x20 {
                space = true
                i += 1
                continue
            }
            let start = i
            if isWordByte(b) {
                while i < range.upperBound {
                    let c = bytes[i]
                    if isWordByte(c) {
                        i += 1
                    } else if (c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/") || c == UInt8(ascii: "'")
                        || c == UInt8(ascii: "_") || c == UInt8(ascii: "+") || c == UInt8(ascii: "#") || c == UInt8(ascii: "&")),
                        i + 1 < range.upperBound, isWordByte(bytes[i + 1])
                    {
                        i += 1
                    } else if c == 0xE2, i + 3 < range.upperBound, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99, isWordByte(bytes[i + 3]) {
                        i += 3
                    } else {
                        break
                    }
                }
            } else if b >= 0x80 {
                // A non-ASCII symbol (dash, bullet, quote): one punctuation word.
                i += 1
                while i < range.upperBound, bytes[i] & 0xC0 == 0x80 { i += 1 }
            } else {
                i += 1
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            let isPunct = !isWordByte(b)
            var letters = 0
            var uppers = 0
            var digit = false
            var ascii = true
            for byte in bytes[start..<i] {
                if byte >= 0x80 {
                    ascii = false
                } else if byte >= 0x41 && byte <= 0x5A {
                    letters += 1
                    uppers += 1
                } else if byte >= 0x61 && byte <= 0x7A {
                    letters += 1
                } else if byte >= 0x30 && byte <= 0x39 {
                    digit = true
                }
            }
            if !ascii {
                letters = 0
                uppers = 0
                for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
                    letters += 1
                    if scalar.properties.isUppercase { uppers += 1 }
                }
            }
            let first = bytes[start]
            let capitalized = first < 0x80 ? (first >= 0x41 && first <= 0x5A) : (text.first?.isUppercase ?? false)
            let linkIndex = spans.link(at: start)
            // ASCII: lower-casing is a byte map (what `lowercased()` does for ASCII), hashed on the way.
            let lower: String
            let hash: UInt64
            if ascii {
                if uppers == 0 {
                    lower = text
                    hash = WordHash.of(bytes[start..<i])
                } else {
                    let lowered = bytes[start..<i].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                    lower = String(decoding: lowered, as: UTF8.self)
                    hash = WordHash.of(lowered)
                }
            } else {
                lower = text.lowercased()
                hash = WordHash.of(lower)
            }
            words.append(
                Word(
                    text: text, lower: lower, range: start..<i, isPunct: isPunct,
                    capitalized: capitalized, allCaps: letters >= 2 && uppers == letters, hasDigit: digit,
                    inCode: spans.code(at: start), inStrong: spans.strong(at: start),
                    link: linkIndex.flatMap { block.spans[$0].url }, linkSpan: linkIndex, spaceBefore: space,
                    hash: hash, ascii: ascii, exotic: !ascii && WordHash.isExotic(lower)))
            space = false
        }
        return words
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b >= 0xC3 && b != 0xE2 || (b >= 0x80 && b < 0xC0)
    }

    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var result: [Range<Int>] = []
        for range in sorted {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    // MARK: - Agenda

    /// List items that form the note's agenda: under a heading named like an agenda, or the first
    /// list of the note when it comes before any other heading with list items.
    static func findAgenda(_ blocks: [Block]) -> Set<Int> {
        var result = Set<Int>()
        var inAgenda = false
        for (index, block) in blocks.enumerated() {
            if block.isHeading {
                inAgenda = block.text.lowercasedHasPrefix("agenda")
                    || (block.text.utf8.count < 64 && block.text.lowercased() == "topics")
                continue
            }
            if block.kind == .paragraph, block.text.lowercasedHasPrefix("agenda") { inAgenda = true; continue }
            if inAgenda, block.isListItem { result.insert(index) }
            if inAgenda, block.kind == .paragraph, !block.text.lowercasedHasPrefix("agenda") { inAgenda = false }
        }
        // Rendered pages lose the "Agenda" heading: a list right under the title, before the attendees.
        if result.isEmpty {
            var sawList = false
            for (index, block) in blocks.enumerated() {
                if block.isListItem {
                    result.insert(index)
                    sawList = true
                } else if sawList {
                    break
                } else if block.kind == .paragraph, block.text.prefix(201).count > 200 {
                    break
                }
            }
            // Only a list followed by an attendees line reads as an agenda.
            let last = result.max() ?? 0
            let after = blocks.indices.first { $0 > last && !blocks[$0].isListItem }
            if after.map({ !blocks[$0].text.lowercasedHasPrefix("attendees") }) ?? true { result = [] }
        }
        return result
    }
}

/// Answers "is this offset in a code span / bold / link?" for offsets that only move forward, in
/// constant amortised time per question.
struct SpanCursor {
    let bytes: [UInt8]
    private var code: [(Range<Int>, Int)]
    private var strong: [(Range<Int>, Int)]
    private var links: [(Range<Int>, Int)]
    private var positions = [0, 0, 0]

    init(_ block: Block) {
        bytes = Array(block.text.utf8)
        let indexed = block.spans.enumerated().map { ($0.element, $0.offset) }
        code = indexed.filter { $0.0.kind == .code }.map { ($0.0.range, $0.1) }
        strong = indexed.filter { $0.0.kind == .strong || $0.0.kind == .leadIn }.map { ($0.0.range, $0.1) }
        links = indexed.filter { $0.0.url != nil }.map { ($0.0.range, $0.1) }
    }

    private static func find(_ list: [(Range<Int>, Int)], _ position: inout Int, _ offset: Int) -> Int? {
        while position < list.count, list[position].0.upperBound <= offset { position += 1 }
        var k = position
        // Spans of one kind may nest (bold inside bold): look at the few that start before the offset.
        while k < list.count, list[k].0.lowerBound <= offset {
            if list[k].0.contains(offset) { return list[k].1 }
            k += 1
        }
        return nil
    }

    mutating func code(at offset: Int) -> Bool { Self.find(code, &positions[0], offset) != nil }
    mutating func strong(at offset: Int) -> Bool { Self.find(strong, &positions[1], offset) != nil }
    mutating func link(at offset: Int) -> Int? { Self.find(links, &positions[2], offset) }
}
