import AlmanacCore

// TOML 1.0 (https://toml.io/en/v1.0.0) as front matter writes it (Hugo's and Zola's `+++` blocks): a reader
// of its whole syntax into plain values. It is Almanac's own so that no text can stop the program: every
// malformed block is a `TOML.SyntaxError` naming its line and column, nesting is bounded, and nothing is
// evaluated. It is lenient where being strict would only lose a note's date: it does not check that a
// table is defined once, or that a static array is not extended by `[[…]]`.

/// A TOML document or value.
package indirect enum TOML: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// A local date, or the date of a date-time (with or without an offset); `time` is the rest as written.
    case date(year: Int, month: Int, day: Int, time: String?)
    case time(String)
    case array([TOML])
    case table([String: TOML])

    /// Where and why a block is not TOML: `line` and `column` count from 1 in the block.
    package struct SyntaxError: Error, Equatable, CustomStringConvertible {
        package var line: Int
        package var column: Int
        package var message: String
        package var description: String { message }
    }

    /// The table `text` holds.
    package static func parse(_ text: String) throws(SyntaxError) -> [String: TOML] {
        var parser = Parser(Array(text.utf8))
        return try parser.document()
    }

    package subscript(key: String) -> TOML? {
        if case .table(let members) = self { return members[key] }
        return nil
    }
}

private struct Parser {
    let bytes: [UInt8]
    var at = 0
    var root: [String: TOML] = [:]
    /// The keys of the table the last header opened.
    var section: [String] = []
    /// Arrays and inline tables inside one another, at most `maxDepth` deep.
    var depth = 0
    static let maxDepth = 64

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    func peek(_ offset: Int) -> UInt8? { at + offset < bytes.count ? bytes[at + offset] : nil }

    func error(_ message: String, at position: Int? = nil) -> TOML.SyntaxError {
        Self.syntaxError(message, at: position ?? at, in: bytes)
    }

    /// The error at `position` (a byte offset): its line and column are counted only when it is thrown.
    static func syntaxError(_ message: String, at position: Int, in bytes: [UInt8]) -> TOML.SyntaxError {
        let position = min(position, bytes.count)
        let lineStart = bytes[..<position].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = bytes[..<position].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        // Columns count characters, not bytes: UTF-8 continuation bytes are not counted.
        let column = bytes[lineStart..<position].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return TOML.SyntaxError(line: line, column: column, message: message)
    }

    func starts(with literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        return at + utf8.count <= bytes.count && Array(bytes[at..<at + utf8.count]) == utf8
    }

    mutating func skipBlanks() {
        while current == 0x20 || current == 0x09 { at += 1 }
    }

    /// Blanks, a comment, then the end of the line (or of the text).
    mutating func endOfLine() throws(TOML.SyntaxError) {
        skipBlanks()
        if current == 0x23 { while let byte = current, byte != 0x0A { at += 1 } }
        if current == 0x0D, peek(1) == 0x0A { at += 1 }
        guard let byte = current else { return }
        guard byte == 0x0A else { throw error("expected the end of the line, found '\(Self.shown(byte))'") }
        at += 1
    }

    /// Blanks, comments and line breaks (inside an array).
    mutating func skipBlanksAndComments() {
        while let byte = current {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                at += 1
            } else if byte == 0x23 {
                while let byte = current, byte != 0x0A { at += 1 }
            } else {
                return
            }
        }
    }

    static func shown(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    // MARK: - Document, headers and keys

    mutating func document() throws(TOML.SyntaxError) -> [String: TOML] {
        if starts(with: "\u{FEFF}") { at += 3 }
        while true {
            skipBlanks()
            guard let byte = current else { return root }
            switch byte {
            case 0x0A, 0x0D, 0x23: try endOfLine()
            case 0x5B: try header()
            default:
                let start = at
                let (keys, value) = try keyValue()
                let path = section + keys
                try Self.assign(value, at: path[...], in: &root, error: Self.definedTwice(path, at: start, in: bytes))
                try endOfLine()
            }
        }
    }

    /// `[a.b]` or `[[a.b]]`.
    mutating func header() throws(TOML.SyntaxError) {
        let start = at
        let isArray = peek(1) == 0x5B
        at += isArray ? 2 : 1
        skipBlanks()
        let keys = try dottedKey()
        guard current == 0x5D, !isArray || peek(1) == 0x5D else { throw error(isArray ? "expected ']]' to close the table header" : "expected ']' to close the table header") }
        at += isArray ? 2 : 1
        try endOfLine()
        section = keys
        try Self.open(keys[...], appending: isArray, in: &root,
            error: Self.syntaxError("'\(keys.joined(separator: "."))' is already a value, not a table", at: start, in: bytes))
    }

    /// Makes the tables a header names; `[[…]]` appends a table to the array at its last key.
    static func open(_ keys: ArraySlice<String>, appending: Bool, in table: inout [String: TOML],
        error: @autoclosure () -> TOML.SyntaxError) throws(TOML.SyntaxError)
    {
        guard let key = keys.first else { return }
        let rest = keys.dropFirst()
        switch table[key] {
        case nil:
            if rest.isEmpty, appending {
                table[key] = .array([.table([:])])
            } else {
                var inner: [String: TOML] = [:]
                try open(rest, appending: appending, in: &inner, error: error())
                table[key] = .table(inner)
            }
        case .table(var inner):
            if rest.isEmpty, appending { throw error() }
            table[key] = nil
            try open(rest, appending: appending, in: &inner, error: error())
            table[key] = .table(inner)
        case .array(var elements):
            if rest.isEmpty, appending {
                elements.append(.table([:]))
            } else {
                guard case .table(var inner)? = elements.last else { throw error() }
                try open(rest, appending: appending, in: &inner, error: error())
                elements[elements.count - 1] = .table(inner)
            }
            table[key] = .array(elements)
        default:
            throw error()
        }
    }

    /// Puts `value` at `keys` in `table`, below the tables (or the last table of an array of tables) on the way.
    static func assign(_ value: TOML, at keys: ArraySlice<String>, in table: inout [String: TOML],
        error: @autoclosure () -> TOML.SyntaxError) throws(TOML.SyntaxError)
    {
        let key = keys.first!
        if keys.count == 1 {
            guard table[key] == nil else { throw error() }
            table[key] = value
            return
        }
        switch table[key] {
        case nil:
            var inner: [String: TOML] = [:]
            try assign(value, at: keys.dropFirst(), in: &inner, error: error())
            table[key] = .table(inner)
        case .table(var inner):
            table[key] = nil
            try assign(value, at: keys.dropFirst(), in: &inner, error: error())
            table[key] = .table(inner)
        case .array(var elements):
            guard case .table(var inner)? = elements.last else { throw error() }
            try assign(value, at: keys.dropFirst(), in: &inner, error: error())
            elements[elements.count - 1] = .table(inner)
            table[key] = .array(elements)
        default:
            throw error()
        }
    }

    static func definedTwice(_ keys: [String], at start: Int, in bytes: [UInt8]) -> TOML.SyntaxError {
        syntaxError("key '\(keys.joined(separator: "."))' is defined twice", at: start, in: bytes)
    }

    /// `key = value`, the key possibly dotted.
    mutating func keyValue() throws(TOML.SyntaxError) -> ([String], TOML) {
        let keys = try dottedKey()
        guard current == 0x3D else {
            throw error(current.map { "expected '=' after the key, found '\(Self.shown($0))'" } ?? "expected '=' after the key")
        }
        at += 1
        skipBlanks()
        return (keys, try value())
    }

    mutating func dottedKey() throws(TOML.SyntaxError) -> [String] {
        var keys: [String] = []
        while true {
            skipBlanks()
            keys.append(try simpleKey())
            skipBlanks()
            guard current == 0x2E else { return keys }
            at += 1
        }
    }

    mutating func simpleKey() throws(TOML.SyntaxError) -> String {
        switch current {
        case 0x22: return try basicString()
        case 0x27: return try literalString()
        default:
            let start = at
            while let byte = current, Self.isBareKey(byte) { at += 1 }
            guard at > start else { throw error(current.map { "expected a key, found '\(Self.shown($0))'" } ?? "expected a key") }
            return String(decoding: bytes[start..<at], as: UTF8.self)
        }
    }

    static func isBareKey(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F || byte == 0x2D
    }

    // MARK: - Values

    mutating func value() throws(TOML.SyntaxError) -> TOML {
        guard let byte = current else { throw error("expected a value") }
        switch byte {
        case 0x22: return .string(starts(with: "\"\"\"") ? try multilineBasicString() : try basicString())
        case 0x27: return .string(starts(with: "'''") ? try multilineLiteralString() : try literalString())
        case 0x5B: return try nested { (parser: inout Parser) throws(TOML.SyntaxError) in try parser.array() }
        case 0x7B: return try nested { (parser: inout Parser) throws(TOML.SyntaxError) in try parser.inlineTable() }
        default: return try scalar()
        }
    }

    mutating func nested(_ body: (inout Parser) throws(TOML.SyntaxError) -> TOML) throws(TOML.SyntaxError) -> TOML {
        guard depth < Self.maxDepth else { throw error("arrays and tables are nested more than \(Self.maxDepth) deep") }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    mutating func array() throws(TOML.SyntaxError) -> TOML {
        at += 1
        var elements: [TOML] = []
        while true {
            skipBlanksAndComments()
            guard let byte = current else { throw error("the array is not closed with ']'") }
            if byte == 0x5D {
                at += 1
                return .array(elements)
            }
            elements.append(try value())
            skipBlanksAndComments()
            if current == 0x2C {
                at += 1
            } else if current != 0x5D {
                throw error(current.map { "expected ',' or ']' in the array, found '\(Self.shown($0))'" } ?? "the array is not closed with ']'")
            }
        }
    }

    /// `{ a = 1, b.c = "x" }`, on one line.
    mutating func inlineTable() throws(TOML.SyntaxError) -> TOML {
        at += 1
        var table: [String: TOML] = [:]
        skipBlanks()
        if current == 0x7D {
            at += 1
            return .table(table)
        }
        while true {
            let start = at
            let (keys, value) = try keyValue()
            try Self.assign(value, at: keys[...], in: &table, error: Self.definedTwice(keys, at: start, in: bytes))
            skipBlanks()
            guard let byte = current, byte == 0x2C || byte == 0x7D else {
                throw error(current.map { "expected ',' or '}' in the inline table, found '\(Self.shown($0))'" } ?? "the inline table is not closed with '}'")
            }
            at += 1
            if byte == 0x7D { return .table(table) }
            skipBlanks()
        }
    }

    mutating func basicString() throws(TOML.SyntaxError) -> String {
        at += 1
        var result: [UInt8] = []
        while true {
            guard let byte = current, byte != 0x0A else { throw error("the string is not closed with '\"'") }
            at += 1
            switch byte {
            case 0x22: return String(decoding: result, as: UTF8.self)
            case 0x5C: try escape(into: &result)
            default: result.append(byte)
            }
        }
    }

    mutating func multilineBasicString() throws(TOML.SyntaxError) -> String {
        at += 3
        if current == 0x0A { at += 1 } else if current == 0x0D, peek(1) == 0x0A { at += 2 }
        var result: [UInt8] = []
        while true {
            guard let byte = current else { throw error("the string is not closed with '\"\"\"'") }
            if starts(with: "\"\"\"") {
                // Up to two quotes may stand right before the closing three.
                var quotes = 3
                while quotes < 5, peek(quotes) == 0x22 { quotes += 1 }
                result += repeatElement(0x22, count: quotes - 3)
                at += quotes
                return String(decoding: result, as: UTF8.self)
            }
            at += 1
            if byte != 0x5C {
                result.append(byte)
                continue
            }
            // A backslash ending a line trims the line break and the blanks after it.
            var look = at
            while look < bytes.count, bytes[look] == 0x20 || bytes[look] == 0x09 { look += 1 }
            if look < bytes.count, bytes[look] == 0x0A || bytes[look] == 0x0D {
                at = look
                while let next = current, next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D { at += 1 }
            } else {
                try escape(into: &result)
            }
        }
    }

    mutating func escape(into result: inout [UInt8]) throws(TOML.SyntaxError) {
        guard let byte = current else { throw error("the string is not closed with '\"'") }
        at += 1
        let simple: [UInt8: UInt8] = [0x62: 0x08, 0x74: 0x09, 0x6E: 0x0A, 0x66: 0x0C, 0x72: 0x0D, 0x22: 0x22, 0x5C: 0x5C]
        if let replacement = simple[byte] {
            result.append(replacement)
            return
        }
        guard byte == 0x75 || byte == 0x55 else { throw error("'\\\(Self.shown(byte))' is not an escape", at: at - 2) }
        let count = byte == 0x75 ? 4 : 8
        guard at + count <= bytes.count, let code = UInt32(String(decoding: bytes[at..<at + count], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(code)
        else { throw error("'\\\(Self.shown(byte))' must be followed by \(count) hex digits of a Unicode scalar", at: at - 2) }
        at += count
        result += Array(String(Character(scalar)).utf8)
    }

    mutating func literalString() throws(TOML.SyntaxError) -> String {
        at += 1
        let start = at
        while let byte = current, byte != 0x27 {
            if byte == 0x0A { break }
            at += 1
        }
        guard current == 0x27 else { throw error("the string is not closed with \"'\"") }
        at += 1
        return String(decoding: bytes[start..<at - 1], as: UTF8.self)
    }

    mutating func multilineLiteralString() throws(TOML.SyntaxError) -> String {
        at += 3
        if current == 0x0A { at += 1 } else if current == 0x0D, peek(1) == 0x0A { at += 2 }
        let start = at
        while current != nil, !starts(with: "'''") { at += 1 }
        guard current != nil else { throw error("the string is not closed with \"'''\"") }
        // Up to two quotes may stand right before the closing three.
        var quotes = 3
        while quotes < 5, peek(quotes) == 0x27 { quotes += 1 }
        let end = at + quotes - 3
        at += quotes
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A boolean, number, date, date-time or time: the run of characters up to a blank, a comma or a
    /// bracket (a date-time may have a space between its date and time).
    mutating func scalar() throws(TOML.SyntaxError) -> TOML {
        let start = at
        func isPart(_ byte: UInt8) -> Bool { Self.isBareKey(byte) || byte == 0x2B || byte == 0x2E || byte == 0x3A }
        while let byte = current, isPart(byte) { at += 1 }
        if at - start == 10, current == 0x20, let next = peek(1), (0x30...0x39).contains(next), peek(3) == 0x3A {
            at += 1
            while let byte = current, isPart(byte) { at += 1 }
        }
        let token = String(decoding: bytes[start..<at], as: UTF8.self)
        guard !token.isEmpty else { throw error("expected a value, found '\(Self.shown(bytes[start]))'") }
        if let value = Self.scalar(token) { return value }
        throw error("'\(token)' is not a TOML value", at: start)
    }

    static func scalar(_ token: String) -> TOML? {
        switch token {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        let b = Array(token.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count, range.allSatisfy({ (0x30...0x39).contains(b[$0]) }) else { return nil }
            return Int(String(decoding: b[range], as: UTF8.self))
        }
        // 1979-05-27, 1979-05-27T07:32:00Z, 1979-05-27 07:32:00.999-07:00
        if b.count >= 10, b[4] == 0x2D, b[7] == 0x2D, let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) {
            guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
            if b.count == 10 { return .date(year: year, month: month, day: day, time: nil) }
            guard b[10] | 0x20 == 0x74 || b[10] == 0x20 else { return nil }
            let rest = String(token.dropFirst(11))
            guard isTime(rest, offset: true) else { return nil }
            return .date(year: year, month: month, day: day, time: rest)
        }
        if isTime(token, offset: false) { return .time(token) }
        return number(token)
    }

    /// `07:32:00`, `07:32:00.999`, and with `offset`, `Z` or `+01:00` after it.
    static func isTime(_ text: String, offset: Bool) -> Bool {
        let b = Array(text.utf8)
        func digit(_ i: Int) -> Bool { i < b.count && (0x30...0x39).contains(b[i]) }
        guard b.count >= 8, digit(0), digit(1), b[2] == 0x3A, digit(3), digit(4), b[5] == 0x3A, digit(6), digit(7) else { return false }
        var i = 8
        if i < b.count, b[i] == 0x2E {
            i += 1
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        if i == b.count { return true }
        guard offset else { return false }
        if b[i] | 0x20 == 0x7A { return i + 1 == b.count }
        guard b[i] == 0x2B || b[i] == 0x2D, b.count == i + 6, digit(i + 1), digit(i + 2), b[i + 3] == 0x3A, digit(i + 4), digit(i + 5)
        else { return false }
        return true
    }

    /// An integer (`+12`, `1_000`, `0xFF`, `0o17`, `0b101`) or a float (`3.14`, `-2e10`), or nil.
    static func number(_ token: String) -> TOML? {
        // Underscores stand only between digits.
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.dropFirst().allSatisfy({ $0.first?.isHexDigit == true }),
            parts.dropLast().allSatisfy({ $0.last?.isHexDigit == true })
        else { return nil }
        let plain = String(token.filter { $0 != "_" })
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where plain.hasPrefix(prefix) {
            return Int(plain.dropFirst(2), radix: radix).map(TOML.integer)
        }
        let unsigned = plain.first == "+" || plain.first == "-" ? plain.dropFirst() : plain[...]
        // No leading zeros ("007"), no bare point ("1.", ".5").
        guard let first = unsigned.first, first.isASCII, first.isNumber, !(unsigned.count > 1 && first == "0" && unsigned.dropFirst().first?.isNumber == true)
        else { return nil }
        if unsigned.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(plain).map(TOML.integer) }
        guard !unsigned.contains(".e"), !unsigned.contains(".E"), unsigned.last?.isNumber == true,
            unsigned.allSatisfy({ $0.isASCII && ($0.isNumber || "eE.+-".contains($0)) })
        else { return nil }
        return Double(plain).map(TOML.float)
    }
}
