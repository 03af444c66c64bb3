import AlmanacCore
import Testing

struct CommonWordsTests {
    /// Listed words are common in any case and with a plural or verb ending; names are not.
    @Test func listedWordsWithTheirEndingsAreCommon() {
        #expect(["release", "Releases", "planned", "RUNNING", "stopping", "studies", "wrap-up", "agenda's"].allSatisfy(CommonWords.contains))
        #expect(!["ctypes", "functoria", "nocrypto", "xyzzy", "", "1.0"].contains(where: CommonWords.contains))
        #expect(CommonWords.isOrdinary("version numbering") && !CommonWords.isOrdinary("MirageOS 2.0"))
    }
}
