import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacRead
import AlmanacTime

/// Finding names in sentences: the words before a noun ("Xen Developer Hackathon"), the object
/// after a verb ("released Mirage 1.1.1"), a link's whole text.
extension Sentence {
    /// A word that can be part of a name: capitalised (not a function word), all caps, with digits,
    /// code, a link, hyphenated or slashed, or one of the lower-case words names use.
    func isNameWord(_ index: Int, allowing modifiers: WordSet = Cues.nameModifiers) -> Bool {
        guard index >= 0, index < words.count else { return false }
        let w = words[index]
        if w.isPunct { return w.text == "&" || w.text == "+" }
        if w.inCode || w.link != nil || (w.inStrong && !Cues.nameStoppers.contains(w)) { return true }
        if Cues.nameStoppers.contains(w) {
            // A capitalised function word inside a name ("Outreach Program for Women") is not enough.
            return false
        }
        if w.capitalized || w.allCaps || w.hasDigit { return true }
        if modifiers.contains(w) { return true }
        // "dev/winter", "mirage-www", "unikernel.org": names; "high-quality", "full/half": ordinary words.
        if w.text.contains("-") || w.text.contains("/") || (w.text.contains(".") && !w.text.hasSuffix(".")) {
            return !CommonWords.isOrdinary(w.text)
        }
        // A lower-case word English does not have is a name ("ctypes", "functoria").
        return w.text.count >= 3 && w.text.allSatisfy(\.isLetter) && !CommonWords.contains(w.lower)
    }

    /// The words of the link span that word `index` belongs to.
    func linkRange(_ index: Int) -> Range<Int>? {
        guard let span = words[index].linkSpan else { return nil }
        var lo = index
        var hi = index + 1
        while lo > 0, words[lo - 1].linkSpan == span { lo -= 1 }
        while hi < words.count, words[hi].linkSpan == span { hi += 1 }
        return lo..<hi
    }

    /// The words of the code span that word `index` belongs to (contiguous code words).
    func codeRange(_ index: Int) -> Range<Int> {
        var lo = index
        var hi = index + 1
        while lo > 0, words[lo - 1].inCode, !words[lo].spaceBefore { lo -= 1 }
        while hi < words.count, words[hi].inCode, !words[hi].spaceBefore { hi += 1 }
        return lo..<hi
    }

    /// The name that ends just before word `index` (at most `limit` words), or nil.
    func nameBefore(_ index: Int, limit: Int = 5, modifiers: WordSet = Cues.nameModifiers) -> Range<Int>? {
        var lo = index
        while lo > 0, index - lo < limit, isNameWord(lo - 1, allowing: modifiers) {
            // A sentence-initial capital on a common word ("Some", "Also") does not start a name.
            lo -= 1
        }
        // Drop a leading lower-case modifier with nothing before it that names ("install" alone is fine with "party").
        return lo < index ? lo..<index : nil
    }

    /// The name that starts at or after word `index`, skipping determiners (at most `limit` words).
    func nameAfter(_ index: Int, limit: Int = 4, allowLowercaseFirst: Bool = false) -> Range<Int>? {
        var lo = index
        while lo < words.count, ["the", "a", "an", "new", "our", "its", "their", "this"].contains(words[lo].lower) { lo += 1 }
        guard lo < words.count else { return nil }
        if let link = linkRange(lo) { return link }
        if words[lo].inCode { return codeRange(lo) }
        var hi = lo
        while hi < words.count, hi - lo < limit {
            if isNameWord(hi) || (hi == lo && allowLowercaseFirst && !words[hi].isPunct && !Cues.nameStoppers.contains(words[hi])) {
                hi += 1
            } else {
                break
            }
        }
        return hi > lo ? lo..<hi : nil
    }

    /// Index of the first word at or after UTF-8 offset `offset`.
    func wordIndex(at offset: Int) -> Int? { words.firstIndex { $0.range.upperBound > offset } }

    /// Verbs that move an item from one date to another.
    static let moveVerbs: WordSet = ["moved", "postponed", "rescheduled", "pushed", "delayed", "changed", "shifted", "bumped"]

    /// The date that goes with word `index`: within its clause, a day over a vague period, after the
    /// word ("the hackathon runs on 24-25 October") over before it, then the nearest; not the old date
    /// of an item "moved from" one date to another. With `skippingDeadlines`, dates a deadline cue
    /// governs ("registration closes on 11/4") are left to the deadline.
    func nearestDate(to index: Int, skippingDeadlines: Bool = false) -> TemporalExpressionRef? {
        guard !dates.isEmpty, index < words.count else { return nil }
        let at = words[index].range.lowerBound
        func governedByDeadline(_ e: TemporalExpression) -> Bool {
            let before = words.filter { $0.range.upperBound <= e.range.lowerBound }.suffix(12).map(\.lower)
            let cues = ["closes", "close", "due", "deadline", "cfp", "rsvp", "registration", "submissions", "applications"]
            if before.suffix(3).contains(where: cues.contains) { return true }
            // "Registration for the sprint is open until 27 March": the date is the registration's.
            return before.suffix(3).contains { $0 == "until" || $0 == "till" } && before.contains(where: cues.contains)
        }
        let moved = hasAny(Self.moveVerbs)
        func cost(_ e: TemporalExpression) -> Int {
            if skippingDeadlines, governedByDeadline(e) { return Int.max / 2 }
            // "moved from next Saturday to 9 May": the old date is not the date.
            if moved, let before = words.last(where: { $0.range.upperBound <= e.range.lowerBound }), before.lower == "from",
                dates.contains(where: { $0.range.lowerBound >= e.range.upperBound })
            {
                return Int.max / 4
            }
            var distance = e.range.lowerBound >= at ? e.range.lowerBound - at : (at - e.range.upperBound) * 2
            // A clause break (";", "but") between them weighs like a long distance.
            let between = words.filter {
                $0.range.lowerBound >= min(at, e.range.upperBound) && $0.range.upperBound <= max(at, e.range.lowerBound)
            }
            if between.contains(where: { $0.text == ";" || $0.lower == "but" || $0.lower == "whereas" }) { distance += 400 }
            switch e.when.precision {
            case .year, .none: distance += 120
            case .month, .quarter: distance += 30
            default: break
            }
            return distance
        }
        guard let best = dates.enumerated().min(by: { cost($0.element) < cost($1.element) }), cost(best.element) < Int.max / 2 else {
            return nil
        }
        return TemporalExpressionRef(index: best.offset)
    }
}

struct TemporalExpressionRef {
    var index: Int
}
