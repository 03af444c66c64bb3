@testable import AlmanacCore
import Testing

/// The byte path of `CommonWords.contains` answers as the `Character` rules do for ASCII words.
struct CommonWordsTests {
    @Test func asciiPathAgreesWithCharacterRules() {
        var words = Array(CommonWords.set)
        for member in CommonWords.set {
            for suffix in CommonWords.suffixes + ["y", "e", "ning", "ted", "ting", "ss", "'"] {
                words.append(member + suffix)
                words.append(String(member.dropLast()) + suffix)
                words.append(member.uppercased() + suffix)
                words.append(String(member.prefix(1)).uppercased() + member.dropFirst() + suffix)
            }
        }
        words += ["", "s", "es", "ing", "ed", "'s", "ies", "xyzzy", "ctypes", "functoria", "nocrypto", "Running", "STOPPED",
            "planned", "stopping", "a\nb", "1.0", "-", "co-op", "wrap-up", "wrap-ups", "AOB"]
        for word in words {
            #expect(CommonWords.containsASCII(Array(word.utf8)) == CommonWords.containsUnicode(word), "\(word)")
        }
        #expect(CommonWords.set.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } })
        #expect(CommonWords.contains("Releases") && CommonWords.contains("planned") && !CommonWords.contains("ctypes"))
    }
}
