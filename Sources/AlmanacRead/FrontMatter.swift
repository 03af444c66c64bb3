public import AlmanacCore
import Foundation
import Yams

/// The metadata block at the top of a note: YAML between `---` lines (Jekyll, Hugo), or TOML between
/// `+++` lines (Hugo; recognised and skipped, its date read from the text instead).
public struct FrontMatter: Sendable {
    public var title: String?
    /// The line of the title's key.
    public var titleLine: Int?
    public var date: CivilDate?
    public var dateLine: Int?
    public var authors: [String] = []
    public var permalink: String?
    /// The 1-based file line where the body starts.
    public var bodyLine: Int
    /// The body's text.
    public var body: Substring
    public var diagnostics: [Diagnostic] = []

    /// Splits `text` into front matter and body; a file without front matter is all body.
    public static func split(_ text: String, path: String) -> FrontMatter {
        // "\r\n" is one Character in Swift: split at any line break, not at "\n" only.
        var lines = text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let first = lines.first.map(Self.trimmed) ?? ""
        guard first == "---" || first == "+++", lines.count == 2 else {
            return FrontMatter(bodyLine: 1, body: Substring(text))
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
                let yaml = String(rest[rest.startIndex..<index])
                let bodyStart = end < rest.endIndex ? rest.index(after: end) : end
                var result = FrontMatter(bodyLine: lineNumber + 1, body: rest[bodyStart...])
                if fence == "---" {
                    result.read(yaml: yaml, path: path)
                } else {
                    result.diagnostics.append(.warning(
                        "TOML front matter is not read; the note's date comes from its text or file name",
                        path: path, line: 1, column: 1))
                }
                return result
            }
            lineNumber += 1
            index = end < rest.endIndex ? rest.index(after: end) : end
        }
        lines.removeAll()
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

    private mutating func read(yaml: String, path: String) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, .default, Self.yamlConstructor, Self.yamlEncoding)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, path: path))
            return
        } catch {
            diagnostics.append(.warning("front matter is not valid YAML: \(error)", path: path, line: 2, column: 1))
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
                guard case .scalar(let candidate) = mapping[index].key, candidate.string == key else { continue }
                let tag = candidate.tag.rawValue
                if tag == Tag.Name.implicit.rawValue || tag == Tag.Name.nonSpecific.rawValue || tag == Tag.Name.str.rawValue {
                    return mapping[index].value
                }
            }
            return nil
        }
        func scalar(_ key: String) -> (String, Int)? {
            guard let value = lookup(key) else { return nil }
            if let string = value.scalar?.string { return (string, (value.mark?.line ?? 1) + 1) }
            return nil
        }
        for key in ["title", "subject"] {
            if let (value, line) = scalar(key), !value.isEmpty {
                title = value
                titleLine = line
                break
            }
        }
        for key in ["date", "published", "created", "updated", "lastmod", "pubDate"] {
            guard let (value, line) = scalar(key) else { continue }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if let parsed = CivilDate(String(trimmed.prefix(10))) {
                date = parsed
                dateLine = line
                break
            }
            let found = TemporalTaggerBridge.statedDate(in: trimmed)
            if let found {
                date = found
                dateLine = line
                break
            }
            diagnostics.append(.warning("front matter '\(key)' is not a date: \(trimmed)", path: path, line: line, column: 1))
        }
        if let authors = lookup("authors") ?? lookup("author") {
            self.authors = Self.names(authors)
        }
        if let (value, _) = scalar("permalink") ?? scalar("url") { permalink = value }
    }

    static func names(_ node: Node) -> [String] {
        if let string = node.scalar?.string { return [string] }
        if let sequence = node.sequence { return sequence.flatMap(names) }
        if let mapping = node.mapping, let name = mapping["name"]?.scalar?.string { return [name] }
        return []
    }

    static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        // Yams counts lines from the YAML's first line, which is the file's second.
        Self.yamlDiagnostic(error, path: path, subject: "front matter", lineOffset: 1, severity: .warning)
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
