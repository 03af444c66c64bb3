import AlmanacCore
import Testing

struct HashTests {
    func content(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes(Hash.content) }

    /// The value is fixed (a cache written by one run is read by the next, on any machine), and for every
    /// length from 0 to 40 bytes, each byte and a trailing zero byte change it.
    @Test func contentHashIsStableAndSeesEveryByte() {
        #expect(String(content(Array("almanac".utf8)), radix: 16) == "a349096a1f6e676a")
        var seen: Set<UInt64> = []
        var count = 0
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            seen.insert(content(bytes))
            seen.insert(content(bytes + [0]))
            count += 2
            for index in bytes.indices {
                var changed = bytes
                changed[index] ^= 0x01
                seen.insert(content(changed))
                count += 1
            }
        }
        #expect(seen.count == count)
    }
}
