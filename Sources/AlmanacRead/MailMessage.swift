public import AlmanacCore
import Foundation

/// One e-mail message (RFC 5322 and MIME), as a note: its headers decoded (RFC 2047 encoded words),
/// its text chosen from the parts (text/plain preferred, else text/html) and decoded
/// (quoted-printable, base64; UTF-8, ISO-8859-1, Windows-1252 and the like), with the file line each
/// text line came from. Quoted text (`>`) and the attribution line before it, the signature (after
/// `-- `), forwarded originals and mailing-list footers are not the message's own words and are left
/// out (their lines read as blank).
///
/// ```swift
/// let message = MailMessage(bytes: Array(raw.utf8), firstLine: 1, path: "cfp.eml")
/// message.subject     // "Tidecon CfP" (from "Re: [tide-dev] Tidecon CfP")
/// message.date        // 2024-03-06
/// ```
///
/// Malformed headers, parts and encodings are warnings at their file line; the rest is read.
public struct MailMessage: Sendable {
    public struct Header: Sendable {
        public var name: String
        public var value: String
        public var line: Int
    }

    /// The message's text: plain lines with their file line numbers, or an HTML part.
    public enum Body: Sendable {
        case text([(line: Int, text: String)])
        case html(String, firstLine: Int)
    }

    public var headers: [Header] = []
    public var body = Body.text([])
    public var diagnostics: [Diagnostic] = []
    /// The first and last file lines of the message.
    public var firstLine: Int
    public var lastLine: Int

    let path: String

    public init(bytes: ArraySlice<UInt8>, firstLine: Int, path: String) {
        self.firstLine = firstLine
        self.lastLine = firstLine
        self.path = path
        var lines: [MailLine] = []
        var start = bytes.startIndex
        var number = firstLine
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x0A {
                var end = i
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                lines.append(MailLine(number: number, bytes: bytes[start..<end]))
                number += 1
                start = i + 1
            }
            i += 1
        }
        if start < bytes.endIndex { lines.append(MailLine(number: number, bytes: bytes[start..<bytes.endIndex])) }
        lastLine = lines.last?.number ?? firstLine
        // The mbox separator line.
        var first = 0
        if let line = lines.first, line.bytes.starts(with: "From ".utf8) { first = 1 }
        let (headers, bodyStart) = parseHeaders(lines, from: first)
        self.headers = headers
        var chosen: Entity?
        choose(Entity(headers: headers, lines: lines[bodyStart...]), into: &chosen, depth: 0)
        if let chosen { body = decode(chosen) }
    }

    /// The value of the first header named `name` (any case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The subject without `Re:`, `Fwd:` and `[list]` tags.
    public var subject: String? {
        header("Subject").map(Self.cleanSubject).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The day the `Date:` header gives, as the sender wrote it (their zone).
    public var date: CivilDate? { header("Date").flatMap(Self.date(rfc5322:)) }

    /// The `Message-ID`, without its angle brackets.
    public var messageID: String? {
        header("Message-ID").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " <>\t")) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The sender's name (else address) from `From:`; pipermail's "x at example.org (Name)" too.
    public var author: String? {
        guard let from = header("From")?.trimmingASCIISpaces(), !from.isEmpty else { return nil }
        if let open = from.firstIndex(of: "<") {
            let name = from[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            if !name.isEmpty { return name }
        }
        if let open = from.firstIndex(of: "("), let close = from.lastIndex(of: ")"), open < close {
            let name = from[from.index(after: open)..<close].trimmingSpaces()
            if !name.isEmpty { return name }
        }
        return from.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
    }

    // MARK: - Headers

    struct MailLine {
        var number: Int
        var bytes: ArraySlice<UInt8>
    }

    /// Header fields (folded lines unfolded, encoded words decoded) up to the blank line: the fields and the body's first line index.
    mutating func parseHeaders(_ lines: [MailLine], from start: Int) -> ([Header], Int) {
        var headers: [Header] = []
        var index = start
        var bodyStart = lines.count
        while index < lines.count {
            let line = lines[index]
            if line.bytes.isEmpty || line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                bodyStart = index + 1
                break
            }
            if let first = line.bytes.first, first == 0x20 || first == 0x09 {
                if !headers.isEmpty {
                    headers[headers.count - 1].value += " " + Self.text(line.bytes).trimmingASCIISpaces()
                } else {
                    warn("header continuation line before any header; skipped", line: line.number, column: 1)
                }
                index += 1
                continue
            }
            guard let colon = line.bytes.firstIndex(of: UInt8(ascii: ":")), colon > line.bytes.startIndex,
                line.bytes[line.bytes.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            else {
                // A body with no blank line before it, or a broken header: the body starts here.
                if !headers.isEmpty { warn("malformed header line (no 'Name:'); read as the start of the body", line: line.number, column: 1) }
                bodyStart = index
                break
            }
            headers.append(Header(name: Self.text(line.bytes[line.bytes.startIndex..<colon]),
                value: Self.text(line.bytes[(colon + 1)...]).trimmingASCIISpaces(), line: line.number))
            index += 1
        }
        for k in headers.indices { headers[k].value = decodeWords(headers[k].value, line: headers[k].line) }
        return (headers, bodyStart)
    }

    /// Header bytes as text: UTF-8 when valid, else ISO-8859-1 (raw 8-bit headers).
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(validating: bytes, as: UTF8.self) ?? String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    /// RFC 2047: `=?UTF-8?Q?Tidecon_CfP?=` and `=?ISO-8859-1?B?…?=`; whitespace between two encoded words goes.
    mutating func decodeWords(_ value: String, line: Int) -> String {
        guard value.contains("=?") else { return value }
        var result = ""
        var rest = Substring(value)
        var lastWasEncoded = false
        while let open = rest.range(of: "=?") {
            let before = rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            // charset?encoding?text?=
            let parts = afterOpen.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let end = parts[2].range(of: "?=") else {
                result += before + "=?"
                rest = afterOpen
                lastWasEncoded = false
                continue
            }
            if !(lastWasEncoded && before.allSatisfy(\.isWhitespace)) { result += before }
            let charset = parts[0].split(separator: "*").first.map(String.init) ?? ""
            let payload = parts[2][..<end.lowerBound]
            var bytes: [UInt8]?
            switch parts[1].uppercased() {
            case "Q": bytes = Self.quotedPrintable(Array(payload.utf8), header: true)
            case "B": bytes = Data(base64Encoded: Self.padded(String(payload))).map { [UInt8]($0) }
            default: bytes = nil
            }
            if let bytes, let decoded = decodeCharset(bytes, charset: charset, line: line) {
                result += decoded
            } else {
                warn("cannot decode the encoded word '=?\(parts[0])?\(parts[1])?…?=' in a header; kept as written", line: line, column: 1)
                result += "=?" + afterOpen[..<end.upperBound]
            }
            rest = parts[2][end.upperBound...]
            lastWasEncoded = true
        }
        return result + rest
    }

    static func padded(_ base64: String) -> String {
        let clean = base64.filter { !$0.isWhitespace }
        return clean + String(repeating: "=", count: (4 - clean.count % 4) % 4)
    }

    // MARK: - MIME

    struct Entity {
        var headers: [Header]
        var lines: ArraySlice<MailLine>

        func header(_ name: String) -> String? { headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value }

        /// `text/plain` (the default), lowercased, and its parameters.
        var contentType: (type: String, parameters: [String: String]) {
            guard let value = header("Content-Type") else { return ("text/plain", [:]) }
            var pieces = MailMessage.splitParameters(value)
            let type = pieces.isEmpty ? "text/plain" : pieces.removeFirst().lowercased()
            var parameters: [String: String] = [:]
            for piece in pieces {
                guard let equals = piece.firstIndex(of: "=") else { continue }
                let key = piece[..<equals].trimmingSpaces().lowercased()
                var parameter = piece[piece.index(after: equals)...].trimmingSpaces()
                if parameter.hasPrefix("\""), parameter.hasSuffix("\""), parameter.count >= 2 { parameter = String(parameter.dropFirst().dropLast()) }
                parameters[key] = parameter
            }
            return (type.isEmpty ? "text/plain" : type, parameters)
        }

        var isAttachment: Bool { header("Content-Disposition")?.lowercased().hasPrefix("attachment") ?? false }
    }

    /// `a; b="c;d"; e` split at semicolons outside quotes.
    static func splitParameters(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted {
                pieces.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current.trimmingSpaces())
        return pieces.filter { !$0.isEmpty }
    }

    /// The part whose text is the message's: the first text/plain, else the first text/html, depth first.
    mutating func choose(_ entity: Entity, into chosen: inout Entity?, depth: Int) {
        let (type, parameters) = entity.contentType
        if type.hasPrefix("multipart/") {
            guard depth < 16, let boundary = parameters["boundary"], !boundary.isEmpty else {
                warn("multipart part without a boundary; skipped", line: entity.lines.first?.number ?? firstLine, column: 1)
                return
            }
            for part in split(entity.lines, boundary: boundary) {
                let (headers, bodyStart) = parseHeaders(Array(part), from: 0)
                let sub = Entity(headers: headers, lines: part[(part.startIndex + min(bodyStart, part.count))...])
                choose(sub, into: &chosen, depth: depth + 1)
                if let found = chosen, found.contentType.type == "text/plain" { return }
            }
            return
        }
        if type == "message/rfc822", depth < 16 {
            // A forwarded message: its own text, when the outer message has none.
            let (headers, bodyStart) = parseHeaders(Array(entity.lines), from: 0)
            choose(Entity(headers: headers, lines: entity.lines[(entity.lines.startIndex + min(bodyStart, entity.lines.count))...]),
                into: &chosen, depth: depth + 1)
            return
        }
        guard !entity.isAttachment else { return }
        if type == "text/plain" || (type == "text/html" && chosen == nil) || (type == "text/html" && chosen?.contentType.type != "text/plain") {
            if type == "text/html", chosen?.contentType.type == "text/html" { return }
            chosen = entity
        }
    }

    /// The parts between `--boundary` lines, up to `--boundary--`.
    func split(_ lines: ArraySlice<MailLine>, boundary: String) -> [ArraySlice<MailLine>] {
        let open = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<MailLine>] = []
        var start: Int?
        for index in lines.indices {
            let bytes = lines[index].bytes
            guard bytes.starts(with: open) else { continue }
            let rest = bytes.dropFirst(open.count)
            if let begin = start { parts.append(lines[begin..<index]) }
            if rest.starts(with: "--".utf8) { return parts }
            start = index + 1
        }
        if let begin = start, begin < lines.endIndex { parts.append(lines[begin...]) }
        return parts
    }

    /// The entity's text, decoded, with file line numbers; the lines that are not the sender's own go blank.
    mutating func decode(_ entity: Entity) -> Body {
        let encoding = entity.header("Content-Transfer-Encoding")?.trimmingASCIISpaces().lowercased() ?? "7bit"
        let charset = entity.contentType.parameters["charset"] ?? (entity.contentType.type == "text/html" ? "utf-8" : "us-ascii")
        var decoded: [(line: Int, bytes: [UInt8])] = []
        switch encoding {
        case "quoted-printable":
            var pending: [UInt8] = []
            var pendingLine: Int?
            for line in entity.lines {
                var bytes = Array(line.bytes)
                while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
                let soft = bytes.last == UInt8(ascii: "=")
                if soft { bytes.removeLast() }
                if pendingLine == nil { pendingLine = line.number }
                pending += bytes
                if !soft {
                    decoded.append((pendingLine!, Self.quotedPrintable(pending, header: false)))
                    pending = []
                    pendingLine = nil
                }
            }
            if let pendingLine { decoded.append((pendingLine, Self.quotedPrintable(pending, header: false))) }
        case "base64":
            let text = entity.lines.map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
            guard let data = Data(base64Encoded: Self.padded(text), options: .ignoreUnknownCharacters) else {
                warn("base64 body does not decode; skipped", line: entity.lines.first?.number ?? firstLine, column: 1)
                return .text([])
            }
            // Decoded lines have no line of their own: each takes the part's line at the same position, at most its last.
            let first = entity.lines.first?.number ?? firstLine
            let last = entity.lines.last?.number ?? first
            var lineIndex = 0
            for piece in [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false) {
                var bytes = Array(piece)
                if bytes.last == 0x0D { bytes.removeLast() }
                decoded.append((min(first + lineIndex, last), bytes))
                lineIndex += 1
            }
        default:
            decoded = entity.lines.map { ($0.number, Array($0.bytes)) }
        }
        var lines: [(line: Int, text: String)] = []
        lines.reserveCapacity(decoded.count)
        var warned = false
        for (line, bytes) in decoded {
            if let text = decodeCharset(bytes, charset: charset, line: warned ? nil : line) {
                lines.append((line, text))
            } else {
                warned = true
                lines.append((line, String(bytes.map { Character(Unicode.Scalar($0)) })))
            }
        }
        if entity.contentType.type == "text/html" {
            return .html(lines.map(\.text).joined(separator: "\n"), firstLine: lines.first?.line ?? firstLine)
        }
        return .text(Self.ownWords(lines))
    }

    /// Quoted-printable bytes decoded (`=XX`; in headers `_` is a space).
    static func quotedPrintable(_ bytes: [UInt8], header: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "="), i + 2 < bytes.count, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
                continue
            }
            out.append(header && b == UInt8(ascii: "_") ? 0x20 : b)
            i += 1
        }
        return out
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// Bytes in `charset` as text; an unknown charset is read as UTF-8 when valid, else ISO-8859-1, with a
    /// warning at `line` (nil: no warning). Nil when UTF-8 was declared and the bytes are not.
    mutating func decodeCharset(_ bytes: [UInt8], charset: String, line: Int?) -> String? {
        let name = charset.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")).lowercased()
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii", "":
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            // Undeclared 8-bit text is nearly always Windows-1252 (or Latin-1, its subset).
            if let line { warn("text is not valid UTF-8 (declared \(name.isEmpty ? "no charset" : name)); read as Windows-1252", line: line, column: 1) }
            return String(data: Data(bytes), encoding: .windowsCP1252) ?? String(bytes.map { Character(Unicode.Scalar($0)) })
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "iso_8859-1", "l1", "iso-8859-15", "latin9":
            return String(bytes.map { Character(Unicode.Scalar($0)) })
        case "windows-1252", "cp1252", "x-cp1252":
            return String(data: Data(bytes), encoding: .windowsCP1252) ?? String(bytes.map { Character(Unicode.Scalar($0)) })
        case "utf-16", "utf-16le", "utf-16be":
            return String(data: Data(bytes), encoding: name == "utf-16be" ? .utf16BigEndian : name == "utf-16le" ? .utf16LittleEndian : .utf16)
        default:
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            if let line { warn("unknown charset '\(name)'; read as ISO-8859-1", line: line, column: 1) }
            return String(bytes.map { Character(Unicode.Scalar($0)) })
        }
    }

    /// The sender's own lines: quoted lines and the attribution before them, the signature, a
    /// forwarded original and a list footer go blank (so that no line number moves).
    static func ownWords(_ lines: [(line: Int, text: String)]) -> [(line: Int, text: String)] {
        var out = lines
        var index = 0
        var cut: Int?
        while index < out.count {
            var text = out[index].text
            // mboxrd: ">From " was escaped in the body.
            if text.hasPrefix(">"), text.drop(while: { $0 == ">" }).hasPrefix("From ") {
                text.removeFirst()
                out[index].text = text
                index += 1
                continue
            }
            let trimmed = text.trimmingSpaces()
            if text == "-- " || trimmed == "-- " || text == "--" || trimmed.hasPrefix("-----Original Message-----")
                || trimmed.hasPrefix("---------- Forwarded message") || (trimmed.count >= 20 && trimmed.allSatisfy { $0 == "_" })
                || trimmed.hasPrefix("You received this message because you are subscribed")
            {
                cut = index
                break
            }
            if trimmed.hasPrefix(">") {
                out[index].text = ""
                // The attribution line(s) above the quote: "On Tue, 1 Oct 2024, Noor wrote:".
                var above = index - 1
                while above >= 0, out[above].text.trimmingSpaces().isEmpty { above -= 1 }
                if above >= 0, Self.isAttribution(out[above].text) {
                    out[above].text = ""
                    if above > 0, Self.isAttribution(out[above - 1].text + " " + out[above].text) { out[above - 1].text = "" }
                }
            } else if Self.isAttribution(trimmed), index + 1 < out.count, out[(index + 1)...].prefix(3).contains(where: { $0.text.hasPrefix(">") }) {
                out[index].text = ""
            }
            index += 1
        }
        if let cut { for k in cut..<out.count { out[k].text = "" } }
        return out
    }

    static func isAttribution(_ text: String) -> Bool {
        let trimmed = text.trimmingSpaces().lowercased()
        return trimmed.hasSuffix("wrote:") || trimmed.hasSuffix("writes:") || trimmed.hasSuffix("a écrit :") || trimmed.hasSuffix("schrieb:")
    }

    // MARK: - Subject and date

    /// "Re: [tide-dev] Fwd: Tidecon CfP" → "Tidecon CfP".
    public static func cleanSubject(_ subject: String) -> String {
        var text = Substring(subject.trimmingASCIISpaces())
        var changed = true
        while changed {
            changed = false
            text = text.drop { $0 == " " || $0 == "\t" }
            if text.first == "[", let close = text.firstIndex(of: "]"), text.distance(from: text.startIndex, to: close) <= 40 {
                text = text[text.index(after: close)...]
                changed = true
                continue
            }
            for prefix in ["re", "fwd", "fw", "aw", "wg", "sv", "vs", "tr", "antw", "rif", "r"] {
                let lower = text.prefix(prefix.count + 6).lowercased()
                guard lower.hasPrefix(prefix) else { continue }
                var rest = text.dropFirst(prefix.count)
                // "Re[2]:", "Re(2):"
                if let first = rest.first, first == "[" || first == "(", let close = rest.firstIndex(where: { $0 == "]" || $0 == ")" }),
                    rest[rest.index(after: rest.startIndex)..<close].allSatisfy(\.isNumber)
                {
                    rest = rest[rest.index(after: close)...]
                }
                rest = rest.drop { $0 == " " }
                if rest.first == ":" || rest.first == "：" {
                    text = rest.dropFirst()
                    changed = true
                    break
                }
            }
        }
        return String(text).trimmingASCIISpaces()
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The day of an RFC 5322 date ("Tue, 1 Oct 2024 10:00:00 +0200"), as written; ISO dates and other
    /// forms through the front matter's date reader.
    static func date(rfc5322 value: String) -> CivilDate? {
        let words = value.replacingOccurrences(of: ",", with: " ").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var day: Int?
        var month: Int?
        var year: Int?
        for word in words.prefix(5) {
            if month == nil, word.count >= 3, let index = months.firstIndex(of: String(word.prefix(3)).lowercased()) {
                month = index + 1
            } else if let number = Int(word) {
                if day == nil, number >= 1, number <= 31, month == nil || year == nil, word.count <= 2 {
                    day = number
                } else if year == nil, word.count == 4 || word.count == 2 {
                    year = word.count == 2 ? (number < 50 ? 2000 + number : 1900 + number) : number
                }
            }
        }
        if let day, let month, let year, let date = CivilDate(year: year, month: month, day: day) { return date }
        return FrontMatter.date(in: value)
    }

    mutating func warn(_ message: String, line: Int, column: Int) {
        diagnostics.append(.warning(message, path: path, line: line, column: column))
    }
}
