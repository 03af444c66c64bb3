@testable import AlmanacCore
import Foundation
import Testing

struct TextTests {
    /// `trimmingSpaces()` trims what Foundation's `trimmingCharacters(in: .whitespaces)` trims: spaces
    /// of every kind and tabs, not line breaks.
    @Test(arguments: [
        "  Mentors: Ana  ", "\tDifficulty\t", "\u{00A0}no-break\u{00A0}", "\u{3000}全角\u{3000}", "line\n", "\n line \n",
        "   ", "", "é ", " e\u{301}", "\u{2009}thin\u{202F}", "inner  spaces stay",
    ])
    func trimmingSpacesIsFoundationsWhitespaceTrim(text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.dropFirst(0).trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func trimmingWhereDropsOnlyTheEnds() {
        #expect("**Chair:**_".trimming { "*_:".unicodeScalars.contains($0) } == "Chair")
        #expect("*_*".trimming { "*_".unicodeScalars.contains($0) } == "")
    }

    /// What `mayState` turns away, none of the four readers reads, in the text or in any part of it
    /// (the project walker asks it before cutting a line into parts); what it lets through includes
    /// every line they read.
    @Test(arguments: [
        // Read by one of them: each must pass.
        ("★★☆ · 2 weeks", true), ("easy, a weekend", true), ("available", true), ("taken by Lena Novak", true),
        ("In-progress (Ana)", true), ("on hold", true), ("up for grabs", true), ("2/3", true), ("2 out of 3", true),
        ("175h", true), ("1-2 months", true), ("GSoC", true), ("Summer of Code", true), ("two stars", true),
        ("3.", true), ("**", true), ("needs a mentor", true), ("Größe: large", true), ("⭐⭐", true),
        // Read by none: most lines of a note, which must not pass.
        ("Radio install party", false), ("Release planning", false), ("We reviewed PR 12 and 14 today", false),
        ("Meet in the lobby on Tuesday", false), ("See the minutes for details", false),
    ])
    func mayStateIsTrueOfEveryFact(text: String, passes: Bool) {
        #expect(ProjectFields.mayState(text) == passes)
        if !ProjectFields.mayState(text) {
            for part in [text] + text.components(separatedBy: CharacterSet(charactersIn: ",;·|—–")) {
                #expect(ProjectFields.status(part) == nil)
                #expect(ProjectFields.timeEstimate(part) == nil)
                #expect(ProjectFields.difficulty(part) == nil)
                #expect(ProjectFields.programme(part) == nil || ProjectFields.programme(part) == .other)
            }
        } else {
            let parts = [text] + text.components(separatedBy: CharacterSet(charactersIn: ",;·"))
            #expect(parts.contains { part in
                ProjectFields.status(part) != nil || ProjectFields.timeEstimate(part) != nil
                    || ProjectFields.difficulty(part) != nil || ProjectFields.programme(part).map { $0 != .other } == true
            })
        }
    }
}
