import AlmanacNames
import Testing

struct TextTests {
    @Test func countsTakeThePluralUnlessOne() {
        #expect(0.counting("note") == "0 notes")
        #expect(1.counting("calendar event") == "1 calendar event")
        #expect(12.counting("warning") == "12 warnings")
    }
}
