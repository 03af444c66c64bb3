/// A small, stable hash (FNV-1a, 64-bit) for identities and cache keys: the same text gives the same
/// value on every machine and every run, unlike `Hasher`.
///
/// Public rather than `package`: its generic `@inlinable` function is then specialised where it is
/// called (as `package`, calls from other targets went through the unspecialised generic, which made
/// extraction twice as slow).
public enum Hash {
    /// (From the contiguous UTF-8 when there is one, which is much faster than stepping through the view.)
    public static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.withContiguousStorageIfAvailable { fnv1a(UnsafeRawBufferPointer($0)) } ?? fnv1a(text.utf8)
    }

    /// The hash of a block of bytes in memory (file contents, stored values): a plain loop, with no
    /// generic iteration to specialise across modules.
    public static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The hash of any bytes: a String's UTF-8, file contents and stored blobs. `continuing` another hash goes on from it: `fnv1a(b, continuing: fnv1a(a))` is the hash of `a`
    /// followed by `b`.
    @inlinable
    public static func fnv1a(_ bytes: some Sequence<UInt8>, continuing start: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Folds `value` into `hash` (order matters).
    public static func combine(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        var hash = hash
        for shift in stride(from: 0, to: 64, by: 8) {
            hash ^= (value >> UInt64(shift)) & 0xFF
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Eight hex digits of the text's hash.
    public static func hex8(_ text: String) -> String {
        let value = fnv1a(text) >> 32
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// Sixteen hex digits of the bytes' hash.
    public static func hex16(_ bytes: some Sequence<UInt8>) -> String {
        let digits = String(fnv1a(bytes), radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }
}
