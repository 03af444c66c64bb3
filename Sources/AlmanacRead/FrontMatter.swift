public import AlmanacCore
import Foundation
import Yams

/// The metadata at the top of a note, in any of the forms site generators and writing tools use:
///
/// | form | looks like | used by |
/// |---|---|---|
/// | YAML | `---` … `---` | Jekyll, Hugo, Docusaurus, MkDocs, Astro |
/// | TOML | `+++` … `+++` | Hugo, Zola |
/// | JSON | a `{…}` object as the first block | Hugo |
/// | Franklin | `@def title = "…"`, `@def date = Date(2025, 1, 5)` lines | Franklin.jl |
/// | Org | `#+TITLE:`, `#+DATE:` lines | Org mode |
/// | Pandoc | `% title`, `% author`, `% date` lines | Pandoc |
/// | MultiMarkdown | `Title:`, `Date:` lines before the first blank line | MultiMarkdown, Pandoc |
/// | AsciiDoc | `= Title`, an author line, a revision line, `:name: value` attributes | Asciidoctor, JBake |
///
/// YAML is read with Yams, TOML with Almanac's own reader (`TOML`) and JSON with Foundation. A block that does not parse is a
/// warning naming the key at fault, at its line and column; the keys around it are still read.
public struct FrontMatter: Sendable {
    /// The form the block was written in.
    public enum Form: String, Sendable {
        case none, yaml, toml, json, franklin, org, pandoc, multiMarkdown, asciiDoc
    }

    public var form = Form.none
    public var title: String?
    /// The line of the title's key.
    public var titleLine: Int?
    public var date: CivilDate?
    public var dateLine: Int?
    /// A year the front matter gives without a date (`year: 2019`): the note's year, not its day.
    public var year: Int?
    public var authors: [String] = []
    /// The published location of the note (`permalink`, `url`, TOML `path`), if any.
    public var permalink: String?
    /// The 1-based file line where the body starts.
    public var bodyLine: Int
    /// The body's text.
    public var body: Substring
    public var diagnostics: [Diagnostic] = []

    /// The keys a note's own date is read from, best first.
    static let dateKeys = ["date", "publishDate", "published", "pubDate", "created", "updated", "lastmod", "revdate"]

    /// Splits `text` into front matter and body; a file without front matter is all body.
    public static func split(_ text: String, path: String) -> FrontMatter {
        // "\r\n" is one Character in Swift: split at any line break, not at "\n" only.
        let lines = text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let first = lines.first.map(Self.trimmed) ?? ""
        guard first == "---" || first == "+++", lines.count == 2 else {
            return Self.splitUnfenced(text, path: path) ?? FrontMatter(bodyLine: 1, body: Substring(text))
        }
        let fence = first
        // Find the closing fence.
        var lineNumber = 2
        var index = lines[1].startIndex
        let rest = lines[1]
        while index < rest.endIndex {
            let end = rest[index...].firstIndex(where: \.isNewline) ?? rest.endIndex
            let line = Self.trimmed(rest[index..<end])
            if line == fence || (fence == "---" && line == "...") {
                let block = String(rest[rest.startIndex..<index])
                let bodyStart = end < rest.endIndex ? rest.index(after: end) : end
                var result = FrontMatter(bodyLine: lineNumber + 1, body: rest[bodyStart...])
                if fence == "---" {
                    result.form = .yaml
                    result.read(yaml: block, path: path)
                } else {
                    result.form = .toml
                    result.read(toml: block, path: path)
                }
                return result
            }
            lineNumber += 1
            index = end < rest.endIndex ? rest.index(after: end) : end
        }
        var result = FrontMatter(bodyLine: 1, body: Substring(text))
        result.diagnostics.append(.warning(
            "front matter opened here is never closed (no closing '\(fence)' line); read as text", path: path, line: 1,
            column: 1))
        return result
    }

    /// A line without surrounding spaces and tabs (cheap: no Foundation).
    static func trimmed(_ line: Substring) -> Substring {
        var line = line
        while let first = line.first, first == " " || first == "\t" || first.isNewline { line.removeFirst() }
        while let last = line.last, last == " " || last == "\t" || last.isNewline { line.removeLast() }
        return line
    }

    /// Yams' defaults, looked up once: `Parser.Encoding.default` reads the environment on every call
    /// and `Constructor.default` builds its tables on every call.
    nonisolated(unsafe) static let yamlEncoding = Parser.Encoding.default
    nonisolated(unsafe) static let yamlConstructor = Constructor.default

    /// What is read of a key's value: a scalar's string and file line, or a list's scalars.
    enum Value {
        case scalar(String, line: Int)
        case list([String])
        /// A mapping's "name" (an author written as a mapping), or nothing read.
        case other(name: String?)
    }

    /// Reads the YAML's keys; `flat: false` always goes through Yams (for comparing the two in tests).
    mutating func read(yaml: String, path: String, flat: Bool = true) {
        if flat, let values = Self.flatValues(yaml) {
            read(path: path) { values[$0] }
            return
        }
        // Aliases that stand for millions of values, or nesting that would overflow the stack: not read at all.
        if let violation = YAMLLimits.check(yaml) {
            diagnostics.append(.warning("front matter is not read: \(violation.message)", path: path,
                line: violation.line + 2, column: violation.column + 1))
            return
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, .default, Self.yamlConstructor, Self.yamlEncoding)
        } catch {
            readValid(yaml: yaml, path: path, error: error)
            return
        }
        guard let node else { return }
        guard let mapping = node.mapping else {
            diagnostics.append(.warning("front matter is not a YAML mapping of keys to values", path: path, line: 2, column: 1))
            return
        }
        /// `mapping[key]` without its tag test: Yams compares the tags of two keys by resolving both with
        /// a list of regular expressions, and each key asked for here (a plain word, no YAML boolean,
        /// number, null or date) resolves to a string unless its tag is an explicit other one.
        func lookup(_ key: String) -> Node? {
            for index in mapping.indices.reversed() {
                // JBake's AsciiDoc pages write their YAML keys as AsciiDoc attributes (":title: …").
                guard case .scalar(let candidate) = mapping[index].key, candidate.string == key || candidate.string == ":" + key
                else { continue }
                let tag = candidate.tag.rawValue
                if tag == Tag.Name.implicit.rawValue || tag == Tag.Name.nonSpecific.rawValue || tag == Tag.Name.str.rawValue {
                    return mapping[index].value
                }
            }
            return nil
        }
        read(path: path) { key in
            guard let node = lookup(key) else { return nil }
            if let scalar = node.scalar { return .scalar(scalar.string, line: (node.mark?.line ?? 1) + 1) }
            if let sequence = node.sequence { return .list(sequence.flatMap(Self.names)) }
            return .other(name: node.mapping?["name"]?.scalar?.string)
        }
    }

    /// Reads what YAML that Yams rejected still says: each top-level key with its indented lines is
    /// parsed alone, and the first that does not parse is the one the warning names (at its value).
    /// Keys that parse alone are read as usual, so a bad `title` does not lose the `date`.
    mutating func readValid(yaml: String, path: String, error: any Error) {
        var entries: [(key: String, line: Int, text: String)] = []
        for (offset, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = String(line)
            if let first = text.first, first != " ", first != "\t", first != "#", first != "-", let colon = text.firstIndex(of: ":") {
                entries.append((String(text[..<colon]).trimmingSpaces(), offset + 1, text + "\n"))
            } else if !entries.isEmpty {
                entries[entries.count - 1].text += text + "\n"
            }
        }
        var valid: [String: Value] = [:]
        var culprit: (key: String, line: Int, column: Int, problem: String)?
        for entry in entries {
            if let violation = YAMLLimits.check(entry.text) {
                if culprit == nil {
                    culprit = (entry.key, entry.line + 1 + violation.line, violation.column + 1, violation.message)
                }
                continue
            }
            do {
                guard let mapping = try Yams.compose(yaml: entry.text, .default, Self.yamlConstructor, Self.yamlEncoding)?.mapping,
                    let (_, node) = mapping.first
                else { continue }
                // Yams counts lines from the YAML's first line, which is the file's second.
                if let scalar = node.scalar { valid[entry.key] = .scalar(scalar.string, line: entry.line + 1) }
                if let sequence = node.sequence { valid[entry.key] = .list(sequence.flatMap(Self.names)) }
                if let mapping = node.mapping { valid[entry.key] = .other(name: mapping["name"]?.scalar?.string) }
            } catch {
                guard culprit == nil else { continue }
                let problem = Self.yamlProblem(error)
                let column = (entry.text.firstIndex(of: ":").map { entry.text.distance(from: entry.text.startIndex, to: $0) } ?? 0) + 3
                culprit = (entry.key, entry.line + 1, column, problem)
            }
        }
        if let culprit {
            diagnostics.append(.warning("front matter key '\(culprit.key)' is not valid YAML: \(culprit.problem)", path: path,
                line: culprit.line, column: culprit.column))
        } else {
            diagnostics.append(Self.yamlDiagnostic(error, path: path, subject: "front matter", lineOffset: 1, severity: .warning))
        }
        read(path: path) { valid[$0] ?? valid[":" + $0] }
    }

    /// What Yams says is wrong, without its position.
    static func yamlProblem(_ error: any Error) -> String {
        guard let error = error as? YamlError else { return "\(error)" }
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _), .reader(let problem, _, _, _):
            return problem
        default:
            return "\(error)"
        }
    }

    /// Takes the title, date, year, authors and permalink from the values of the keys.
    mutating func read(path: String, _ value: (String) -> Value?) {
        func scalar(_ key: String) -> (String, Int)? {
            if case .scalar(let string, let line) = value(key) { return (string, line) }
            return nil
        }
        for key in ["title", "subject"] {
            if let (value, line) = scalar(key), !value.isEmpty {
                title = value
                titleLine = line
                break
            }
        }
        for key in Self.dateKeys {
            guard let (value, line) = scalar(key) else { continue }
            let trimmed = value.trimmingSpaces()
            if let parsed = Self.date(in: trimmed) {
                date = parsed
                dateLine = line
                break
            }
            diagnostics.append(.warning("front matter '\(key)' is not a date: \(trimmed)", path: path, line: line, column: 1))
        }
        if let (value, _) = scalar("year"), let number = Int(value.trimmingSpaces()), (1900...2199).contains(number) {
            year = number
        }
        switch value("authors") ?? value("author") {
        case .scalar(let name, _): authors = [name]
        case .list(let names): authors = names
        case .other(let name?): authors = [name]
        case .other(nil): authors = []
        case nil: break
        }
        if let (value, _) = scalar("permalink") ?? scalar("url") ?? scalar("path") { permalink = value }
    }

    /// The date a front matter value gives: ISO 8601 (`2024-01-05`, with a time and offset after it: the
    /// day as written), a single-digit month or day (`2016-1-5`), Franklin's `Date(2025, 1, 5)`, Org's
    /// `<2024-01-05 Fri>`, or any date the temporal tagger reads with its year ("5 January 2024").
    static func date(in value: String) -> CivilDate? {
        var text = Substring(value)
        if text.hasPrefix("<") || text.hasPrefix("[") { text = text.dropFirst() }
        if let parsed = CivilDate(String(text.prefix(10))) { return parsed }
        let numbers: [Int]
        if text.hasPrefix("Date(") {
            numbers = text.dropFirst(5).prefix { $0 != ")" }.split(separator: ",").compactMap {
                Int($0.trimmingSpaces())
            }
        } else {
            let head = text.prefix { !$0.isWhitespace && $0 != "T" }
            numbers = head.split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
            guard head.split(separator: "-", omittingEmptySubsequences: false).count == 3 else {
                return TemporalTaggerBridge.statedDate(in: value)
            }
        }
        if numbers.count == 3, numbers[0] >= 1000, let parsed = CivilDate(year: numbers[0], month: numbers[1], day: numbers[2]) {
            return parsed
        }
        return text.hasPrefix("Date(") ? nil : TemporalTaggerBridge.statedDate(in: value)
    }

    // MARK: - Flat front matter

    /// The values Yams would give for front matter as nearly every note writes it, one `key: value` a
    /// line, without libyaml (whose scanner, and the duplicate-key check that resolves every key's tag
    /// with regular expressions, cost more than the rest of reading a note). A value is a plain scalar
    /// on one line, a quoted one without escapes, or a one-line flow list of such scalars. Anything
    /// else (comments, indentation, block lists, anchors, tags, escapes, empty values, repeated keys,
    /// tabs, carriage returns, characters YAML treats as line breaks or forbids) gives nil, and Yams
    /// reads the text.
    static func flatValues(_ yaml: String) -> [String: Value]? {
        let bytes = Array(yaml.utf8)
        guard Self.onlyPrintableLines(bytes) else { return nil }
        var values: [String: Value] = [:]
        var start = 0
        var line = 1
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            defer {
                start = end + 1
                line += 1
            }
            if start == end { continue }
            // The key: a plain word at the start of the line, then ": ".
            var k = start
            while k < end, Self.isKeyByte(bytes[k]) { k += 1 }
            // (A key of a thousand bytes or more is an error to libyaml.)
            guard k > start, k - start < 1000, bytes[start] != UInt8(ascii: "-"), k + 1 < end, bytes[k] == UInt8(ascii: ":"),
                bytes[k + 1] == 0x20
            else { return nil }
            var v = k + 1
            while v < end, bytes[v] == 0x20 { v += 1 }
            var e = end
            while e > v, bytes[e - 1] == 0x20 { e -= 1 }
            guard v < e else { return nil }
            let value: Value
            if bytes[v] == UInt8(ascii: "[") {
                guard bytes[e - 1] == UInt8(ascii: "]"), let items = Self.flowItems(bytes, v + 1, e - 1) else { return nil }
                value = .list(items)
            } else {
                guard let scalar = Self.scalar(bytes, v, e, flow: false) else { return nil }
                // Yams counts lines from the YAML's first line, which is the file's second.
                value = .scalar(scalar, line: line + 1)
            }
            // Yams rejects a repeated key: leave the message to it.
            guard values.updateValue(value, forKey: String(decoding: bytes[start..<k], as: UTF8.self)) == nil else { return nil }
        }
        return values.isEmpty ? nil : values
    }

    /// A key's characters: ASCII letters, digits, "_" and "-" (then two keys are equal exactly when
    /// their bytes are, as Yams compares them).
    static func isKeyByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    /// No control character but the line feed, and none of what YAML reads as a line break (U+0085,
    /// U+2028, U+2029) or does not allow (C1 controls, U+FEFF, U+FFFE, U+FFFF).
    static func onlyPrintableLines(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20 && b != 0x0A || b == 0x7F { return false }
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] <= 0x9F { return false }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return false }
            if b == 0xEF, i + 2 < bytes.count,
                bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF || bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE
            {
                return false
            }
            i += 1
        }
        return true
    }

    /// The scalar in `bytes[from..<to]` (no spaces around it): quoted without escapes or inner quotes, or
    /// plain without a character that would end it, start a comment or make it something else.
    static func scalar(_ bytes: [UInt8], _ from: Int, _ to: Int, flow: Bool) -> String? {
        let first = bytes[from]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            guard to - from >= 2, bytes[to - 1] == first,
                !bytes[(from + 1)..<(to - 1)].contains(where: { $0 == first || $0 == UInt8(ascii: "\\") })
            else { return nil }
            return String(decoding: bytes[(from + 1)..<(to - 1)], as: UTF8.self)
        }
        // Indicators: a plain scalar cannot start with one.
        if "-?:,[]{}#&*!|>'\"%@`".utf8.contains(first) { return nil }
        var i = from
        while i < to {
            let b = bytes[i]
            if b == UInt8(ascii: ":") && (i + 1 == to || bytes[i + 1] == 0x20) { return nil }
            if b == UInt8(ascii: "#") && bytes[i - 1] == 0x20 { return nil }
            if flow, ",[]{}:#?'\"".utf8.contains(b) { return nil }
            i += 1
        }
        return String(decoding: bytes[from..<to], as: UTF8.self)
    }

    /// The items of a one-line flow list (between its brackets), or nil.
    static func flowItems(_ bytes: [UInt8], _ from: Int, _ to: Int) -> [String]? {
        var items: [String] = []
        if bytes[from..<to].allSatisfy({ $0 == 0x20 }) { return items }
        var start = from
        while start <= to {
            let end = bytes[start..<to].firstIndex(of: UInt8(ascii: ",")) ?? to
            var lo = start
            var hi = end
            while lo < hi, bytes[lo] == 0x20 { lo += 1 }
            while hi > lo, bytes[hi - 1] == 0x20 { hi -= 1 }
            guard lo < hi, let item = scalar(bytes, lo, hi, flow: true) else { return nil }
            items.append(item)
            start = end + 1
        }
        return items
    }

    static func names(_ node: Node) -> [String] {
        if let string = node.scalar?.string { return [string] }
        if let sequence = node.sequence { return sequence.flatMap(names) }
        if let mapping = node.mapping, let name = mapping["name"]?.scalar?.string { return [name] }
        return []
    }

    /// A YAML parse error (from Yams) as a diagnostic naming the line and column in the file; the YAML
    /// starts `lineOffset` lines into the file.
    public static func yamlDiagnostic(_ error: any Error, path: String, subject: String, lineOffset: Int,
        severity: Diagnostic.Severity) -> Diagnostic
    {
        func make(_ message: String, _ line: Int, _ column: Int?) -> Diagnostic {
            Diagnostic(path: path, line: line, column: column, severity: severity, message: message)
        }
        guard let error = error as? YamlError else { return make("\(subject) is not valid YAML: \(error)", 1 + lineOffset, 1) }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return make("\(subject) is not valid YAML: \(problem)", mark.line + lineOffset, mark.column)
        case .reader(let problem, _, _, _):
            return make("\(subject) is not valid YAML: \(problem)", 1 + lineOffset, 1)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return make("\(subject) repeats the key \(duplicates.joined(separator: ", "))", context.mark.line + lineOffset, context.mark.column)
        default:
            return make("\(subject) is not valid YAML: \(error)", 1 + lineOffset, 1)
        }
    }
}
