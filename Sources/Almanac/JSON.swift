import AlmanacCore
import AlmanacModel
/// A JSON value with ordered keys, so output follows the documented field order and is byte-stable.
public indirect enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.render() == rhs.render() }
    public func hash(into hasher: inout Hasher) { hasher.combine(render()) }

    public static func string(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }
    public static func int(_ value: Int?) -> JSON { value.map { .int($0) } ?? .null }
    public static func strings(_ values: [String]) -> JSON { .array(values.map { .string($0) }) }

    /// Two-space indented JSON with a final newline when `pretty`, else one line.
    public func render(pretty: Bool = true) -> String {
        String(decoding: bytes(pretty: pretty), as: UTF8.self)
    }

    /// ``render(pretty:)``'s UTF-8 bytes, for writing a large file without making a String of it first.
    public func bytes(pretty: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, indent: pretty ? 0 : -1)
        if pretty { out.append(0x0A) }
        return out
    }

    /// The value as it is written inside a pretty document at nesting `level` (no final newline).
    public func bytes(level: Int) -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: level)
        return out
    }

    private static let indents: [[UInt8]] = (0..<32).map { [0x0A] + Array(repeating: 0x20, count: 2 * $0) }

    private static func newline(_ level: Int, into out: inout [UInt8]) {
        guard level >= 0 else { return }
        if level < indents.count { out += indents[level] } else { out += [0x0A] + Array(repeating: 0x20, count: 2 * level) }
    }

    /// Arrays longer than this render their elements on all cores, in chunks joined in order.
    private static let parallelThreshold = 2048

    private func write(into out: inout [UInt8], indent: Int) {
        let pretty = indent >= 0
        let inner = pretty ? indent + 1 : -1
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .string(let value): JSON.escape(value, into: &out)
        case .array(let values):
            JSON.writeArray(count: values.count, element: { values[$0] }, into: &out, indent: indent)
        case .object(let fields):
            guard !fields.isEmpty else {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(0x7B)
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out.append(0x2C) }
                JSON.newline(inner, into: &out)
                JSON.escape(key, into: &out)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                value.write(into: &out, indent: inner)
            }
            JSON.newline(indent, into: &out)
            out.append(0x7D)
        }
    }

    private static func writeArray(count: Int, element: @Sendable (Int) -> JSON, into out: inout [UInt8], indent: Int) {
        guard count > 0 else {
            out.append(contentsOf: "[]".utf8)
            return
        }
        let inner = indent >= 0 ? indent + 1 : -1
        @Sendable func write(_ index: Int, into out: inout [UInt8]) {
            if index > 0 { out.append(0x2C) }
            newline(inner, into: &out)
            element(index).write(into: &out, indent: inner)
        }
        out.append(0x5B)
        if count > JSON.parallelThreshold {
            let chunks = stride(from: 0, to: count, by: 512).map { $0..<min($0 + 512, count) }
            let rendered = parallelMap(chunks) { range -> [UInt8] in
                var part: [UInt8] = []
                for index in range { write(index, into: &part) }
                return part
            }
            for part in rendered { out += part }
        } else {
            for index in 0..<count { write(index, into: &out) }
        }
        newline(indent, into: &out)
        out.append(0x5D)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Escapes quotes, backslashes and control characters, and `<`, `>`, `&`, U+2028/2029 too, so the
    /// JSON is safe inside an HTML `<script>` as well.
    static func escape(_ value: String, into out: inout [UInt8]) {
        out.append(0x22)
        // Most strings need no escaping: copy them whole.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 != 0x3E && $0 != 0x26 && $0 != 0x7F && $0 != 0xE2 }) {
            out.append(contentsOf: value.utf8)
            out.append(0x22)
            return
        }
        var bytes = value.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = bytes.next() {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x3C, 0x3E, 0x26, 0x7F, 0x00..<0x20:
                out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            case 0xE2:
                // U+2028 and U+2029 (E2 80 A8 / E2 80 A9) end lines in JavaScript.
                pending = [byte]
                if let b1 = bytes.next() {
                    pending.append(b1)
                    if let b2 = bytes.next() {
                        pending.append(b2)
                        if b1 == 0x80, b2 == 0xA8 || b2 == 0xA9 {
                            out += Array("\\u202".utf8) + [b2 == 0xA8 ? 0x38 : 0x39]
                            continue
                        }
                    }
                }
                out += pending
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

}
