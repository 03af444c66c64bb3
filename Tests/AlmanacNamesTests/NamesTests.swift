import AlmanacNames
import Testing

struct NamesTests {
    @Test func acronymsMatchTheirExpansion() {
        #expect(Names.isAcronym("CIF16", of: "Cloud Innovator Forum"))
        #expect(Names.isAcronym("PLS24", of: "Packet Level Summit"))
        #expect(!Names.isAcronym("CIF16", of: "Cloud Summit"))
        #expect(Names.expand("Cloud Innovator Forum", withYearOf: "CIF16") == "Cloud Innovator Forum 2016")
    }

    @Test func similarity() {
        #expect(Names.similarity("MirageOS hackathon", "Hackathon") >= 0.6)
        #expect(Names.similarity("Mirage 1.2 release", "Mirage 2.0 release") == 0)
        #expect(Names.similarity("Mirage 1.2 release", "mirage 1.2 release") == 1)
        #expect(Names.similarity("Unikernel install party", "Hello World party") < 0.6)
    }

    @Test func slugsAreStable() {
        #expect(Names.slug("Cloud Innovator Forum 2016 (CIF16)") == "cloud-innovator-forum-2016-cif16")
        #expect(Names.slug("!!!") == "item")
    }
}
