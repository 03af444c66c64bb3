import AlmanacNames
import Testing

struct CommonWordsTests {
    /// Listed words are common in any case and with a plural or verb ending; names are not.
    @Test func listedWordsWithTheirEndingsAreCommon() {
        for word in ["release", "Releases", "planned", "RUNNING", "stopping", "wrap-up", "agenda's"] {
            #expect(CommonWords.contains(word), "\(word)")
        }
        #expect(!["ctypes", "functoria", "nocrypto", "xyzzy", "", "1.0"].contains(where: CommonWords.contains))
        #expect(CommonWords.isOrdinary("version numbering") && !CommonWords.isOrdinary("MirageOS 2.0"))
    }
}
