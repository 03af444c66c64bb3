import AlmanacNames
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
    /// The meeting the note records (not one it mentions).
    var isOwnMeeting = false
    /// An entry of a table row: each row of a schedule's table is a thing of its own.
    var fromTableRow = false
    /// Named beside another item and sharing its news ("… released on Monday, as well as `ocaml-tls`").
    var sharesDate = false

    /// `rule` and `file` name the function that proposes the item (`Deadlines.byDateUnderSubject`): each of
    /// the item's sources records it, as the rule that fired there.
    init(_ item: Item, block: Int, confidence: Double = 1, fromAgenda: Bool = false, rule: String = #function, file: String = #fileID) {
        self.item = item
        self.block = block
        self.confidence = confidence
        self.fromAgenda = fromAgenda
        let name = Self.ruleName(function: rule, file: file)
        for index in self.item.sources.indices where self.item.sources[index].rule == nil { self.item.sources[index].rule = name }
    }

    /// "Deadlines.byDateUnderSubject" for `byDateUnderSubject(_:claimed:_:)` in `AlmanacExtract/Deadlines.swift`.
    static func ruleName(function: String, file: String) -> String {
        let type = file.split(separator: "/").last.map { $0.hasSuffix(".swift") ? $0.dropLast(6) : $0 } ?? ""
        return "\(type).\(function.prefix { $0 != "(" })"
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

    /// `lowercased().hasPrefix(prefix)`.
    func lowercasedHasPrefix(_ prefix: String) -> Bool {
        lowercased().hasPrefix(prefix)
    }

    /// The text before the first `separator`, the whole text when there is none.
    func before(separator: String) -> String {
        utf8Offset(of: separator).map { String(decoding: utf8.prefix($0), as: UTF8.self) } ?? self
    }

    /// The text before a parenthesis or a dash: "CIF16 (CfP closes…)" → "CIF16".
    func headPhrase() -> String {
        var s = self
        for separator in [" (", " — ", " – ", " - ", ": "] {
            s = s.before(separator: separator)
        }
        return s.trimmedPhrase()
    }

    /// How many words the text has, between spaces.
    var wordCount: Int { split(separator: " ").count }
}
