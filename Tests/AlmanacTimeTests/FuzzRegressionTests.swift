import AlmanacCore
import AlmanacTime
import Testing

/// Inputs the fuzz target (Tests/Fuzz, scripts/fuzz.sh) found crashing the tagger.
struct TaggerFuzzRegressionTests {
    /// A time looked for a date after it by matching there in full, so a run of times recursed once per
    /// time: 64 KB of "4-5pm " overflowed the stack (and each time re-walked the rest of the run).
    @Test(arguments: [("4pm ", 40_000), ("4-5pm ", 20_000), ("16:00 UTC, ", 10_000)])
    func longRunsOfTimes(unit: String, count: Int) {
        let text = String(repeating: unit, count: count)
        let found = TemporalTagger().tag(text, reference: CivilDate("2015-12-16")!)
        #expect(found.count == count)
        #expect(found.allSatisfy { $0.when.precision == .datetime })
    }

    @Test func aTimeBeforeATimeAndADate() {
        #expect(render("4pm 4pm on Friday") == ["4pm => 2015-12-16T16:00 datetime", "4pm on Friday => 2015-12-18T16:00 datetime"])
        #expect(render("16:00 UTC, 22 Jan") == ["16:00 UTC, 22 Jan => 2016-01-22T16:00 datetime UTC"])
    }
}
