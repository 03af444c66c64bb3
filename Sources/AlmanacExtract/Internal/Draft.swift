import Foundation
import AlmanacCore

/// An item as an extractor proposes it, before the note's items are consolidated.
struct Draft {
    var item: Item
    /// The block the item is anchored in (for merging agenda and section mentions).
    var block: Int
    /// How sure the extractor is (1 = explicit, lower = weak cue).
    var confidence: Double
    /// Came from an agenda line.
    var fromAgenda = false

    init(_ item: Item, block: Int, confidence: Double = 1, fromAgenda: Bool = false) {
        self.item = item
        self.block = block
        self.confidence = confidence
        self.fromAgenda = fromAgenda
    }
}

extension String {
    /// Trims spaces and the punctuation that ends a phrase.
    func trimmedPhrase() -> String {
        var s = Substring(self)
        let edge: Set<Character> = [" ", ".", ",", ";", ":", "!", "?", "-", "—", "–", "*", "_", "\"", "'", "“", "”", "(", ")", "[", "]"]
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

    /// The text before a parenthesis or a dash: "CIF16 (CfP closes…)" → "CIF16".
    func headPhrase() -> String {
        var s = self
        for separator in [" (", " — ", " – ", " - ", ": "] {
            if let range = s.range(of: separator) { s = String(s[..<range.lowerBound]) }
        }
        return s.trimmedPhrase()
    }

    var wordCount: Int { split(separator: " ").count }
}
