import Foundation
import AlmanacCore
import AlmanacTime

/// An item as an extractor proposes it, before the note's items are consolidated.
struct Draft {
    var item: Item
    /// The block the item is anchored in (for merging agenda and section mentions).
    var block: Int
    /// How sure the extractor is (1 = explicit, lower = weak cue).
    var confidence: Double
    /// Came from an agenda line.
    var fromAgenda = false
    /// The sentence and UTF-8 offset (in its block) where the item is named, and the date expression it
    /// took from that sentence: a date goes to the item named nearest to it.
    var sentence: Int?
    var anchor: Int?
    var dateRange: Range<Int>?
    /// Named beside another item and sharing its news ("… released on Monday, as well as `ocaml-tls`").
    var sharesDate = false

    init(_ item: Item, block: Int, confidence: Double = 1, fromAgenda: Bool = false) {
        self.item = item
        self.block = block
        self.confidence = confidence
        self.fromAgenda = fromAgenda
    }
}

extension Draft {
    /// Records where in `sentence` the item is named and which of its dates it took.
    mutating func locate(in sentence: Sentence) {
        self.sentence = sentence.index
        anchor = anchorOffset(in: sentence)
        if item.when.isDated, let expression = sentence.dates.first(where: { $0.when == item.when }) {
            dateRange = expression.range
        }
    }

    private func anchorOffset(in sentence: Sentence) -> Int? {
        // The first word of the item's title in the sentence, else the sentence start.
        let first = Names.tokens(item.title).first
        // An ASCII word's tokens are runs of its lower-cased bytes: one that does not hold `first` cannot start with it.
        return sentence.words.first { word in
            first.map { first in (!word.ascii || word.lower.includes(first)) && Names.tokens(word.text).first == first } ?? false
        }?.range.lowerBound
            ?? sentence.range.lowerBound
    }
}

extension String {
    static let phraseEdges: Set<Character> = [" ", ".", ",", ";", ":", "!", "?", "-", "—", "–", "*", "_", "\"", "'", "“", "”", "(", ")", "[", "]"]

    /// Trims spaces and the punctuation that ends a phrase.
    func trimmedPhrase() -> String {
        if let trimmed = asciiTrimmedPhrase() { return trimmed }
        var s = Substring(self)
        let edge = Self.phraseEdges
        while let f = s.first, edge.contains(f) {
            if f == "(" || f == "[" { break }
            s.removeFirst()
        }
        while let l = s.last, edge.contains(l) {
            if l == ")" && s.contains("(") { break }
            if l == "]" && s.contains("[") { break }
            s.removeLast()
        }
        return String(s)
    }

    /// `trimmedPhrase()` of an all-ASCII string, on its bytes (every ASCII character but "\r\n" is one
    /// `Character`, and neither "\r" nor "\n" is an edge); nil for any other string.
    private func asciiTrimmedPhrase() -> String? {
        var copy = self
        return copy.withUTF8 { b -> String? in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            func isEdge(_ c: UInt8) -> Bool {
                switch c {
                case 0x20, 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x2D, 0x2A, 0x5F, 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D: return true
                default: return false
                }
            }
            var lo = 0
            var hi = b.count
            while lo < hi, isEdge(b[lo]) {
                if b[lo] == 0x28 || b[lo] == 0x5B { break }
                lo += 1
            }
            while hi > lo, isEdge(b[hi - 1]) {
                let l = b[hi - 1]
                if l == 0x29, b[lo..<hi].contains(0x28) { break }
                if l == 0x5D, b[lo..<hi].contains(0x5B) { break }
                hi -= 1
            }
            if lo == 0, hi == b.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
        }
    }

    /// The text before the first `separator` (the whole text when there is none), as
    /// `range(of: separator)` finds it: bytes compared, and Foundation asked whenever the match is
    /// followed by a non-ASCII byte (which could be a combining mark that makes it no match).
    func before(separator: String) -> String {
        var copy = self
        var needle = separator
        let cut: Int?? = copy.withUTF8 { h in
            needle.withUTF8 { n -> Int?? in
                guard !n.isEmpty, h.count >= n.count else { return .some(nil) }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == n[0] {
                        var k = 1
                        while k < n.count, h[i + k] == n[k] { k += 1 }
                        if k == n.count {
                            if i + n.count < h.count, h[i + n.count] >= 0x80 { return nil }
                            return .some(i)
                        }
                    }
                    i += 1
                }
                return .some(nil)
            }
        }
        switch cut {
        case .some(.some(let offset)):
            return String(decoding: Array(utf8.prefix(offset)), as: UTF8.self)
        case .some(.none):
            return self
        case .none:
            if let range = range(of: separator) { return String(self[..<range.lowerBound]) }
            return self
        }
    }

    /// `lowercased().hasPrefix(prefix)` for a lower-case ASCII `prefix`, without lower-casing the whole
    /// text: the ASCII bytes at the start decide; the full test runs only when a non-ASCII byte is
    /// reached (or follows the prefix, where it could be a combining mark).
    func lowercasedHasPrefix(_ prefix: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        var i = 0
        for byte in utf8 {
            if byte >= 0x80 { break }
            if i == p.count { return true }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower != p[i] { return false }
            i += 1
        }
        if i == p.count, utf8.count == i { return true }
        if i < p.count, utf8.count == i { return false }
        return lowercased().hasPrefix(prefix.description)
    }

    /// The text before a parenthesis or a dash: "CIF16 (CfP closes…)" → "CIF16".
    func headPhrase() -> String {
        var s = self
        for separator in [" (", " — ", " – ", " - ", ": "] {
            s = s.before(separator: separator)
        }
        return s.trimmedPhrase()
    }

    /// `split(separator: " ").count`; counted on the bytes for ASCII text (where " " is one byte and one
    /// Character, never part of a longer one).
    var wordCount: Int {
        var count = 0
        var inWord = false
        for byte in utf8 {
            if byte >= 0x80 { return split(separator: " ").count }
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }
}
