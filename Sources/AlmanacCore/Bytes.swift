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
///
/// Both are `@inlinable`: their generic methods are then specialised where they are called (packing a
/// model item through unspecialised generics took several times as long).
public struct ByteWriter: Sendable {
    @usableFromInline var storage: [UInt8] = []

    /// What was written.
    public var bytes: [UInt8] { storage }

    @inlinable public init() {}

    @inlinable public mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

    @inlinable public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { storage.append(contentsOf: $0) }
    }

    @inlinable public mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            write(utf8.count)
            storage.append(contentsOf: utf8)
        }
    }

    /// Bytes as they are, after their count.
    @inlinable public mutating func write(bytes value: some Collection<UInt8>) {
        write(value.count)
        storage.append(contentsOf: value)
    }

    /// An optional: a presence byte, then the value.
    @inlinable public mutating func write<T>(_ value: T?, _ body: (inout ByteWriter, T) -> Void) {
        storage.append(value == nil ? 0 : 1)
        if let value { body(&self, value) }
    }

    @inlinable public mutating func write<T>(_ values: [T], _ body: (inout ByteWriter, T) -> Void) {
        write(values.count)
        for value in values { body(&self, value) }
    }
}

public struct ByteReader {
    public struct Damaged: Error, CustomStringConvertible {
        public var description: String { "damaged or truncated bytes" }
        @inlinable public init() {}
    }

    @usableFromInline let bytes: [UInt8]
    @usableFromInline var offset = 0

    @inlinable public init(_ bytes: [UInt8]) { self.bytes = bytes }

    @inlinable public var isAtEnd: Bool { offset == bytes.count }

    @inlinable public mutating func uint64() throws -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Damaged() }
        let value = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        offset += 8
        return value
    }

    @inlinable public mutating func int() throws -> Int { Int(Int64(bitPattern: try uint64())) }

    /// A count of things that each take at least `size` bytes: no more than there is room for.
    @inlinable public mutating func count(each size: Int = 1) throws -> Int {
        let count = try int()
        guard count >= 0, count <= (bytes.count - offset) / max(1, size) else { throw Damaged() }
        return count
    }

    @inlinable public mutating func string() throws -> String {
        let count = try count()
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }

    /// What ``ByteWriter/write(bytes:)`` wrote.
    @inlinable public mutating func slice() throws -> ArraySlice<UInt8> {
        let count = try count()
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    @inlinable public mutating func optional<T>(_ body: (inout ByteReader) throws -> T) throws -> T? {
        guard offset < bytes.count else { throw Damaged() }
        offset += 1
        return bytes[offset - 1] == 0 ? nil : try body(&self)
    }

    @inlinable public mutating func array<T>(each size: Int = 1, _ body: (inout ByteReader) throws -> T) throws -> [T] {
        let count = try count(each: size)
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try body(&self)) }
        return values
    }
}
