extension String {
    /// Whether every byte is ASCII, read from the contiguous UTF-8 (`utf8.allSatisfy` steps through the
    /// view a byte at a time, several times slower on hot paths).
    package var isASCII: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte >= 0x80 { return false }
            return true
        } ?? utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether `needle` occurs in the string, compared byte for byte (UTF-8). Much cheaper in hot
    /// loops than Foundation's `contains`, which goes through NSString.
    package func includes(_ needle: String) -> Bool { utf8Offset(of: needle) != nil }

    /// The UTF-8 offset where `needle` first occurs, compared byte for byte; nil when it does not.
    package func utf8Offset(of needle: String) -> Int? {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard !n.isEmpty else { return 0 }
                guard h.count >= n.count else { return nil }
                let first = n[0]
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count, h[i + k] == n[k] { k += 1 }
                        if k == n.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// Lower-cased runs of ASCII letters and digits, apostrophes inside a word kept ("GSoC/OPW panel" →
    /// ["gsoc", "opw", "panel"], "It's" → ["it's"]); other letters are kept as they are.
    package var lowercaseWords: [String] {
        var words: [String] = []
        var current: [UInt8] = []
        let bytes = Array(utf8)
        for (index, byte) in bytes.enumerated() {
            if (byte >= 0x41 && byte <= 0x5A) {
                current.append(byte | 0x20)
            } else if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80 {
                current.append(byte)
            } else if byte == 0x27, !current.isEmpty, index + 1 < bytes.count, (bytes[index + 1] | 0x20) >= 0x61, (bytes[index + 1] | 0x20) <= 0x7A {
                current.append(byte)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }
}

extension Int {
    /// The number and its noun, with the plural "s" unless the number is one: "1 note", "3 notes".
    package func counting(_ noun: String) -> String { "\(self) \(noun)\(self == 1 ? "" : "s")" }
}
