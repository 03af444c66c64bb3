import AlmanacNames
import Foundation
import AlmanacCore
import AlmanacTime

/// An item's status from its sentence and date, judged against the note's date.
enum StatusJudge {
    static func status(_ sentence: Sentence, when: When, noteDate: CivilDate, kind: Item.Kind) -> Item.Status {
        if sentence.has(Cues.cancelPhrases) { return .cancelled }
        if sentence.has(Cues.postponePhrases) { return .postponed }
        if let last = when.lastDay, when.isDated {
            if last < noteDate { return .past }
            if when.tentative { return .tentative }
            if kind == .event, sentence.hasAny(Cues.proposalWords), !sentence.hasAny(.status_will) {
                return .proposed
            }
            return .scheduled
        }
        let words = sentence.words.map(\.lower)
        let hasFutureAux = words.contains { ["will", "going", "soon", "upcoming", "next", "'ll", "shall"].contains($0) }
            || words.contains { $0.hasSuffix("'ll") }
        if !hasFutureAux, words.contains(where: Cues.pastVerbs.contains) || words.contains(where: { $0.hasSuffix("ed") && ["was", "were", "has", "have", "had"].contains($0) }) {
            return .past
        }
        if sentence.hasAny(Cues.proposalWords), !sentence.hasAny(.status_scheduled) { return .proposed }
        if sentence.hasAny(Cues.futureWords) { return .scheduled }
        if words.contains(where: Cues.pastVerbs.contains) { return .past }
        return .scheduled
    }
}
