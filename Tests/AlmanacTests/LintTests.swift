import Almanac
import AlmanacCore
import AlmanacModel
import Testing

struct LintTests {
    func note(_ date: String) -> NoteInfo {
        NoteInfo(path: "notes/\(date).md", date: CivilDate(date)!, dateSource: .frontMatter, format: .markdown)
    }

    func item(_ when: When, line: Int, status: Item.Status = .scheduled) -> Item {
        Item(kind: .event, title: "Install party", when: when, status: status,
            sources: [Evidence(path: "n.md", line: line, column: 3, quote: "install party")])
    }

    @Test func hedgedNeverConfirmedAndMovedDates() {
        let tentative = When.day(CivilDate("2016-02-22")!, tentative: true)
        let unconfirmed = Merger().merge([(note("2015-12-16"), [item(tentative, line: 57)])])
        #expect(Linter.findings(unconfirmed).map(\.description) == [
            "n.md:57:3: warning: Install party: the date 2016-02-22 is hedged and no later note confirms it"
        ])
        let moved = Merger().merge([
            (note("2015-12-16"), [item(.day(CivilDate("2016-02-22")!), line: 57)]),
            (note("2016-01-13"), [item(.day(CivilDate("2016-03-01")!), line: 12)]),
        ])
        #expect(Linter.findings(moved).map(\.description) == [
            "n.md:12:3: warning: Install party: date moved from 2016-02-22 (notes/2015-12-16.md) to 2016-03-01"
        ])
    }

    @Test func guessedNoteDatesAreReported() {
        let guessed = NoteInfo(path: "agendas/2013/05.md", date: CivilDate("2013-05-01")!, dateSource: .path, dateIsGuess: true,
            format: .markdown)
        let stated = NoteInfo(path: "agendas/2013/06.md", date: CivilDate("2013-06-04")!, dateSource: .text, format: .markdown)
        let model = Merger().merge([(guessed, []), (stated, [])])
        #expect(Linter.findings(model, notes: [guessed, stated]).map(\.description) == [
            "agendas/2013/05.md:1:1: warning: the note's own date 2013-05-01 is a guess (date from path); state it in front matter or a 'Date:' line"
        ])
    }

    @Test func narrowingADateIsNoMove() {
        let month = When(start: CivilDate("2016-02-01")!, precision: .month, tentative: true)
        let model = Merger().merge([
            (note("2015-12-02"), [item(month, line: 171)]),
            (note("2015-12-16"), [item(.day(CivilDate("2016-02-22")!), line: 57)]),
        ])
        #expect(Linter.findings(model).isEmpty)
    }

    @Test func guessesAreWarnings() {
        var guessed = item(.day(CivilDate("2016-01-22")!), line: 16)
        guessed.inferred = [Inference("the year of \"22 Jan\" was a close call; read as 2016", at: Evidence(path: "n.md", line: 16, column: 44, quote: ""))]
        let model = Merger().merge([(note("2015-07-01"), [guessed])])
        #expect(Linter.findings(model).map(\.description) == [
            "n.md:16:44: warning: Install party: the year of \"22 Jan\" was a close call; read as 2016"
        ])
    }
}
