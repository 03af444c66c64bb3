import AlmanacCore
import Testing

struct HashTests {
    /// The values are fixed (UIDs and cache keys written by one run are read by the next, on any machine):
    /// FNV-1a's published offset basis for no bytes, and the same value for a String and its UTF-8 bytes.
    @Test func fnv1aIsStable() {
        #expect(Hash.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(Hash.fnv1a("almanac") == 0x9a54_a2ef_3041_c274)
        #expect(Hash.fnv1a(Array("almanac".utf8)) == Hash.fnv1a("almanac"))
        #expect(Hash.fnv1a(Array("manac".utf8), continuing: Hash.fnv1a("al")) == Hash.fnv1a("almanac"))
        #expect(Hash.hex8("almanac") == "9a54a2ef")
    }
}
