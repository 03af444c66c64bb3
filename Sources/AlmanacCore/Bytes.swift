/// A flat binary form for large values stored between runs whose `Codable` form is too slow to read
/// back (a replay's checkpoint, where each item's text is in the outputs): integers are 8 bytes
/// little-endian, strings a length and their UTF-8, and a reader checks every length against what is
/// left, so damaged bytes give an error, never a crash.
///
/// ```swift
/// var writer = ByteWriter()
/// writer.write(42)
/// writer.write("Harbour Hackathon")
/// var reader = ByteReader(writer.bytes)
/// let (number, name) = (try reader.int(), try reader.string())
/// ```
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            write(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Bytes as they are, after their count.
    public mutating func write(bytes value: some Collection<UInt8>) {
        write(value.count)
        bytes.append(contentsOf: value)
    }

    /// An optional: a presence byte, then the value.
    public mutating func write<T>(_ value: T?, _ body: (inout ByteWriter, T) -> Void) {
        bytes.append(value == nil ? 0 : 1)
        if let value { body(&self, value) }
    }

    public mutating func write<T>(_ values: [T], _ body: (inout ByteWriter, T) -> Void) {
        write(values.count)
        for value in values { body(&self, value) }
    }
}

public struct ByteReader {
    public struct Damaged: Error, CustomStringConvertible {
        public var description: String { "damaged or truncated bytes" }
        public init() {}
    }

    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { offset == bytes.count }

    public mutating func uint64() throws -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Damaged() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
        offset += 8
        return value
    }

    public mutating func int() throws -> Int { Int(Int64(bitPattern: try uint64())) }

    /// A count of things that each take at least `size` bytes: no more than there is room for.
    public mutating func count(each size: Int = 1) throws -> Int {
        let count = try int()
        guard count >= 0, count <= (bytes.count - offset) / max(1, size) else { throw Damaged() }
        return count
    }

    public mutating func string() throws -> String {
        let count = try count()
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }

    /// What ``ByteWriter/write(bytes:)`` wrote.
    public mutating func slice() throws -> ArraySlice<UInt8> {
        let count = try count()
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    public mutating func optional<T>(_ body: (inout ByteReader) throws -> T) throws -> T? {
        guard offset < bytes.count else { throw Damaged() }
        offset += 1
        return bytes[offset - 1] == 0 ? nil : try body(&self)
    }

    public mutating func array<T>(each size: Int = 1, _ body: (inout ByteReader) throws -> T) throws -> [T] {
        let count = try count(each: size)
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try body(&self)) }
        return values
    }
}
