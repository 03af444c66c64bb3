public import Foundation

/// A compact binary form of `Codable` values for the cache: values are written in the order their
/// `encode(to:)` writes them, without keys, so reading them back is a walk over the bytes instead of
/// parsing JSON (about ten times faster on a note's items).
///
/// It relies on what synthesized `Codable` does: a keyed container reads its keys in the order they
/// were written, and optional properties go through `encodeIfPresent`/`decodeIfPresent`, which write
/// and read a presence byte. A type whose own `init(from:)` asks `allKeys` or `contains` (an enum
/// with associated values, say) is not supported: `decode` then throws, and the cache entry is
/// simply not used. Integers are 8 bytes little-endian, strings a 4-byte length and their UTF-8.
///
/// ```swift
/// let bytes = try BinaryCoder.encode(noteItems)
/// let back = try BinaryCoder.decode(NoteItems.self, from: bytes)
/// ```
public enum BinaryCoder {
    /// The first byte of every encoding; a different one is a different format.
    static let version: UInt8 = 1

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let writer = Writer()
        writer.bytes.append(version)
        try value.encode(to: BinaryEncoder(writer: writer))
        return Data(writer.bytes)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let reader = Reader(bytes: [UInt8](data))
        guard try reader.byte() == version else { throw reader.corrupt("unknown format version") }
        let value = try T(from: BinaryDecoder(reader: reader))
        guard reader.offset == reader.bytes.count else { throw reader.corrupt("bytes left over") }
        return value
    }
}

// MARK: - Writing

final class Writer {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    func integer(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            integer(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }
}

struct BinaryEncoder: Encoder {
    let writer: Writer
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter(writer: writer))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedWriter(writer: writer)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleWriter(writer: writer)
    }
}

/// Writes one value; shared by the three containers.
struct SingleWriter: SingleValueEncodingContainer {
    let writer: Writer
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() throws {
        // Only optional properties (with a presence byte, in keyed containers) can be nil here.
        throw EncodingError.invalidValue(
            Optional<Int>.none as Any, .init(codingPath: codingPath, debugDescription: "nil outside a keyed container"))
    }

    mutating func encode(_ value: Bool) throws { writer.bytes.append(value ? 1 : 0) }
    mutating func encode(_ value: String) throws { writer.string(value) }
    mutating func encode(_ value: Double) throws { writer.integer(value.bitPattern) }
    mutating func encode(_ value: Float) throws { writer.integer(UInt64(value.bitPattern)) }
    mutating func encode(_ value: Int) throws { writer.integer(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int8) throws { writer.integer(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int16) throws { writer.integer(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int32) throws { writer.integer(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int64) throws { writer.integer(UInt64(bitPattern: value)) }
    mutating func encode(_ value: UInt) throws { writer.integer(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { writer.integer(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { writer.integer(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { writer.integer(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { writer.integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: BinaryEncoder(writer: writer)) }
}

struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: Writer
    var codingPath: [any CodingKey] = []
    private var single: SingleWriter { SingleWriter(writer: writer) }

    init(writer: Writer) { self.writer = writer }

    mutating func encodeNil(forKey key: Key) throws { writer.bytes.append(0) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { var s = single; try s.encode(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try value.encode(to: BinaryEncoder(writer: writer)) }

    // Optional properties: a presence byte, then the value.
    private mutating func present(_ value: (some Encodable)?) throws {
        guard let value else { return writer.bytes.append(0) }
        writer.bytes.append(1)
        try value.encode(to: BinaryEncoder(writer: writer))
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { UnkeyedWriter(writer: writer) }
    mutating func superEncoder() -> any Encoder { BinaryEncoder(writer: writer) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { BinaryEncoder(writer: writer) }
}

/// An array: its element count (patched in place as elements are written), then the elements.
struct UnkeyedWriter: UnkeyedEncodingContainer {
    let writer: Writer
    var codingPath: [any CodingKey] = []
    private(set) var count = 0
    private let countOffset: Int

    init(writer: Writer) {
        self.writer = writer
        countOffset = writer.bytes.count
        writer.integer(0)
    }

    private mutating func counted() {
        count += 1
        withUnsafeBytes(of: UInt64(count).littleEndian) { counted in
            writer.bytes.replaceSubrange(countOffset..<countOffset + 8, with: counted)
        }
    }

    mutating func encodeNil() throws {
        var single = SingleWriter(writer: writer)
        try single.encodeNil()
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: BinaryEncoder(writer: writer))
        counted()
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        counted()
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        counted()
        return UnkeyedWriter(writer: writer)
    }

    mutating func superEncoder() -> any Encoder { BinaryEncoder(writer: writer) }
}

// MARK: - Reading

final class Reader {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func corrupt(_ why: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "binary cache value at byte \(offset): \(why)"))
    }

    func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw corrupt("unexpected end") }
        defer { offset += 1 }
        return bytes[offset]
    }

    func integer() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw corrupt("unexpected end") }
        var value: UInt64 = 0
        for index in (offset..<offset + 8).reversed() { value = value << 8 | UInt64(bytes[index]) }
        offset += 8
        return value
    }

    func signed<T: FixedWidthInteger & SignedInteger>(_: T.Type = T.self) throws -> T {
        guard let value = T(exactly: Int64(bitPattern: try integer())) else { throw corrupt("integer out of range") }
        return value
    }

    func unsigned<T: FixedWidthInteger & UnsignedInteger>(_: T.Type = T.self) throws -> T {
        guard let value = T(exactly: try integer()) else { throw corrupt("integer out of range") }
        return value
    }

    func string() throws -> String {
        let count = try integer()
        guard count <= UInt64(bytes.count - offset) else { throw corrupt("string longer than the value") }
        let end = offset + Int(count)
        guard let text = String(validating: bytes[offset..<end], as: UTF8.self) else { throw corrupt("invalid UTF-8") }
        offset = end
        return text
    }
}

struct BinaryDecoder: Decoder {
    let reader: Reader
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedReader(reader: reader))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedReader(reader: reader) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleReader(reader: reader) }
}

struct SingleReader: SingleValueDecodingContainer {
    let reader: Reader
    var codingPath: [any CodingKey] = []

    /// Nil is never written outside a keyed container (see `SingleWriter.encodeNil`).
    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.byte() != 0 }
    func decode(_ type: String.Type) throws -> String { try reader.string() }
    func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try reader.integer()) }
    func decode(_ type: Float.Type) throws -> Float { Float(bitPattern: try reader.unsigned(UInt32.self)) }
    func decode(_ type: Int.Type) throws -> Int { try reader.signed() }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.signed() }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.signed() }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.signed() }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.signed() }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.unsigned() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.unsigned() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.unsigned() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.unsigned() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer() }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: BinaryDecoder(reader: reader)) }
}

struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: Reader
    var codingPath: [any CodingKey] = []
    private var single: SingleReader { SingleReader(reader: reader) }

    init(reader: Reader) { self.reader = reader }

    /// Keys are not written: a container that asks for them (instead of reading in order) is refused.
    var allKeys: [Key] { [] }
    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) throws -> Bool {
        // Only written by `encodeNil(forKey:)`, which synthesized code does not call.
        try reader.byte() == 0
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try single.decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try single.decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try single.decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try single.decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try single.decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try single.decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try single.decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try single.decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try single.decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try single.decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try single.decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try single.decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try single.decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try single.decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try single.decode(type) }

    // Optional properties: the presence byte, then the value.
    private func present<T: Decodable>(_ type: T.Type) throws -> T? {
        switch try reader.byte() {
        case 0: return nil
        case 1: return try single.decode(type)
        default: throw reader.corrupt("bad presence byte")
        }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(type) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(type) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(type) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(type) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(type) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(type) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(type) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(type) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(type) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(type) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(type) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(type) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(type) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(type) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try present(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        KeyedDecodingContainer(KeyedReader<NestedKey>(reader: reader))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try UnkeyedReader(reader: reader) }
    func superDecoder() throws -> any Decoder { BinaryDecoder(reader: reader) }
    func superDecoder(forKey key: Key) throws -> any Decoder { BinaryDecoder(reader: reader) }
}

struct UnkeyedReader: UnkeyedDecodingContainer {
    let reader: Reader
    var codingPath: [any CodingKey] = []
    let count: Int?
    private(set) var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= count! }

    init(reader: Reader) throws {
        self.reader = reader
        let count = try reader.integer()
        // Every element takes at least a byte: a larger count is a corrupt value, not a huge allocation.
        guard count <= UInt64(reader.bytes.count - reader.offset) else { throw reader.corrupt("count larger than the value") }
        self.count = Int(count)
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else { throw reader.corrupt("read past the end of an array") }
        currentIndex += 1
        return try SingleReader(reader: reader).decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        return KeyedDecodingContainer(KeyedReader<NestedKey>(reader: reader))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return try UnkeyedReader(reader: reader)
    }

    mutating func superDecoder() throws -> any Decoder { BinaryDecoder(reader: reader) }
}
