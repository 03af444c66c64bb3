import AlmanacCore
import Foundation

// The forms of front matter besides YAML: TOML (`+++`), JSON, Franklin, Org, Pandoc, MultiMarkdown
// and the AsciiDoc header. Each gives its keys as `Value`s to `read(path:_:)`, which takes the title,
// date, year, authors and permalink from them as it does from YAML.

extension FrontMatter {
    /// The front matter of a note that does not open with a `---` or `+++` fence, or nil when it has none.
    static func splitUnfenced(_ text: String, path: String) -> FrontMatter? {
        let lines = Self.leadingLines(text, limit: 400)
        guard let first = lines.first else { return nil }
        let opening = first.text
        // A JSON object's first line ("{", or '{"title": …'); not a template tag ("{{< toc >}}", "{% … %}", "{:toc}").
        let trimmedOpening = Self.trimmed(opening)
        if trimmedOpening == "{" || trimmedOpening.hasPrefix("{\"") || trimmedOpening.hasPrefix("{ \"") {
            return Self.json(text, lines: lines, path: path)
        }
        if opening.hasPrefix("@def ") { return Self.franklin(text, lines: lines, path: path) }
        if opening.hasPrefix("#+") { return Self.org(text, lines: lines, path: path) }
        if opening.hasPrefix("% ") { return Self.pandoc(text, lines: lines, path: path) }
        if opening.hasPrefix("= ") { return Self.asciiDoc(text, lines: lines, path: path) }
        return Self.multiMarkdown(text, lines: lines, path: path)
    }

    /// A line of the text: its number, its content without the line break, and where the next line starts.
    struct Line {
        var number: Int
        var text: Substring
        var next: String.Index
    }

    /// The first `limit` lines of `text`.
    static func leadingLines(_ text: String, limit: Int) -> [Line] {
        var lines: [Line] = []
        var index = text.startIndex
        while index < text.endIndex, lines.count < limit {
            let end = text[index...].firstIndex(where: \.isNewline) ?? text.endIndex
            let next = end < text.endIndex ? text.index(after: end) : end
            lines.append(Line(number: lines.count + 1, text: text[index..<end], next: next))
            index = next
        }
        return lines
    }

    /// The front matter of `form` whose last line is `lines[last]`: the body starts on the next line.
    static func block(_ form: Form, _ text: String, lines: [Line], last: Int) -> FrontMatter {
        var result = FrontMatter(bodyLine: last + 2, body: text[lines[last].next...])
        result.form = form
        return result
    }

    // MARK: - TOML

    /// Reads TOML front matter (Hugo, Zola): top-level keys, then those of the `[extra]`, `[params]` and
    /// `[taxonomies]` tables. Dates may be TOML dates, date-times with an offset, or strings.
    mutating func read(toml: String, path: String) {
        let sourceLines = toml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let table: [String: TOML]
        do {
            table = try TOML.parse(toml)
        } catch {
            // Name the key on the line at fault (or the nearest one above it), and read the top-level lines
            // above the first table that parse alone.
            let line = max(1, min(error.line, sourceLines.count))
            let key = sourceLines[..<line].reversed().lazy.compactMap(Self.tomlKey).first
            let what = key.map { "front matter key '\($0)' is not valid TOML" } ?? "front matter is not valid TOML"
            diagnostics.append(.warning("\(what): \(error.message)", path: path, line: line + 1, column: error.column))
            var valid: [String: Value] = [:]
            for (offset, text) in sourceLines.enumerated() where offset + 1 != line {
                if Self.trimmed(Substring(text)).hasPrefix("[") { break }
                for (key, value) in (try? TOML.parse(text)) ?? [:] { valid[key] = Self.value(value, line: offset + 2) }
            }
            read(path: path) { valid[$0] }
            return
        }
        func lineOf(_ key: String, in section: String?) -> Int {
            var inSection = section == nil
            for (offset, text) in sourceLines.enumerated() {
                let trimmed = Self.trimmed(Substring(text))
                if trimmed.hasPrefix("[") {
                    inSection = section.map { trimmed == "[\($0)]" } ?? false
                } else if inSection, Self.tomlKey(text) == key {
                    return offset + 2
                }
            }
            return 2
        }
        read(path: path) { key in
            if let value = table[key] { return Self.value(value, line: lineOf(key, in: nil)) }
            for section in ["extra", "params", "taxonomies"] {
                if let value = table[section]?[key] { return Self.value(value, line: lineOf(key, in: section)) }
            }
            return nil
        }
    }

    /// The key a TOML line sets (`date = …`, `"date" = …`), or nil.
    static func tomlKey(_ line: String) -> String? {
        let trimmed = Self.trimmed(Substring(line))
        guard let equals = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#"), !trimmed.hasPrefix("[") else { return nil }
        var key = Self.trimmed(trimmed[..<equals])
        if key.count >= 2, let quote = key.first, quote == "\"" || quote == "'", key.last == quote { key = key.dropFirst().dropLast() }
        return key.isEmpty ? nil : String(key)
    }

    /// A TOML value as the front matter reader takes it: a date as ISO text, a string, a number, a
    /// list of strings, or a table's `name`.
    static func value(_ value: TOML, line: Int) -> Value? {
        switch value {
        case .string(let string): return .scalar(string, line: line)
        case .date(let year, let month, let day, _):
            return .scalar(CivilDate(year: year, month: month, day: day)?.description ?? "\(year)-\(month)-\(day)", line: line)
        case .integer(let number): return .scalar(String(number), line: line)
        case .array(let elements):
            return .list(elements.compactMap { if case .string(let string) = $0 { string } else { nil } })
        case .table(let members):
            if case .string(let name)? = members["name"] { return .other(name: name) }
            return .other(name: nil)
        case .float, .boolean, .time: return nil
        }
    }

    // MARK: - JSON

    /// Hugo's JSON front matter: an object opening the file, up to its closing brace.
    static func json(_ text: String, lines: [Line], path: String) -> FrontMatter? {
        // The closing brace: braces counted outside strings.
        var depth = 0
        var inString = false
        var escaped = false
        var last: Int?
        scan: for (index, line) in lines.enumerated() {
            for character in line.text {
                if inString {
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                } else if character == "\"" {
                    inString = true
                } else if character == "{" {
                    depth += 1
                } else if character == "}" {
                    depth -= 1
                    if depth == 0 {
                        last = index
                        break scan
                    }
                }
            }
        }
        guard let last else { return nil }
        var result = Self.block(.json, text, lines: lines, last: last)
        let source = lines[0...last].map(\.text).joined(separator: "\n")
        do {
            let object = try JSONSerialization.jsonObject(with: Data(source.utf8), options: [.fragmentsAllowed])
            guard let dictionary = object as? [String: Any] else {
                result.diagnostics.append(.warning("front matter is not a JSON object of keys to values", path: path, line: 1, column: 1))
                return result
            }
            result.read(path: path) { key in
                let line = lines[0...last].first { $0.text.contains("\"\(key)\"") }?.number ?? 1
                return dictionary[key].flatMap { Self.value(json: $0, line: line) }
            }
        } catch {
            // The key at fault: the last one before where the parser stopped (else the first line that does
            // not parse alone); the keys of the lines that parse alone are still read.
            var valid: [String: Value] = [:]
            var culprit: (key: String?, line: Int, column: Int)?
            for line in lines[0...last] {
                guard let (key, value, column) = Self.jsonMember(line.text) else { continue }
                if let parsed = try? JSONSerialization.jsonObject(with: Data(value.utf8), options: [.fragmentsAllowed]) {
                    valid[key] = Self.value(json: parsed, line: line.number)
                } else if culprit == nil {
                    culprit = (key, line.number, column)
                }
            }
            if culprit == nil, let offset = (error as NSError).userInfo["NSJSONSerializationErrorIndex"] as? Int {
                let before = source.utf8.prefix(offset)
                let line = before.filter { $0 == 0x0A }.count + 1
                let key = lines[0..<line].reversed().lazy.compactMap { Self.jsonMember($0.text)?.key }.first
                culprit = (key, line, before.count - (before.lastIndex(of: 0x0A).map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1)
            }
            let at = culprit ?? (nil, 1, 1)
            let what = at.key.map { "front matter key '\($0)' is not valid JSON" } ?? "front matter is not valid JSON"
            let reason = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String).map { ": \($0)" } ?? ""
            result.diagnostics.append(.warning(what + reason, path: path, line: at.line, column: at.column))
            result.read(path: path) { valid[$0] }
        }
        return result
    }

    /// A `"key": value` line of a JSON object: the key, the value's text and the value's column.
    static func jsonMember(_ line: Substring) -> (key: String, value: String, column: Int)? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("\""), let close = trimmed.dropFirst().firstIndex(of: "\"") else { return nil }
        let key = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
        let afterKey = trimmed[trimmed.index(after: close)...].drop { $0 == " " || $0 == "\t" }
        guard afterKey.hasPrefix(":") else { return nil }
        var value = afterKey.dropFirst().drop { $0 == " " || $0 == "\t" }
        while let last = value.last, last == " " || last == "\t" || last == "," { value = value.dropLast() }
        guard !value.isEmpty, value != "{", value != "[" else { return nil }
        return (key, String(value), line.distance(from: line.startIndex, to: value.startIndex) + 1)
    }

    /// A JSON value as the front matter reader takes it.
    static func value(json: Any, line: Int) -> Value? {
        if let string = json as? String { return .scalar(string, line: line) }
        if let number = json as? Int { return .scalar(String(number), line: line) }
        if let list = json as? [Any] {
            return .list(list.compactMap { ($0 as? String) ?? (($0 as? [String: Any])?["name"] as? String) })
        }
        if let object = json as? [String: Any] { return .other(name: object["name"] as? String) }
        return nil
    }

    // MARK: - Line forms: Franklin, Org, Pandoc, MultiMarkdown, AsciiDoc

    /// Franklin's `@def key = value` lines (Julia values: strings, numbers, `Date(2025, 1, 5)`, vectors).
    static func franklin(_ text: String, lines: [Line], path: String) -> FrontMatter? {
        var values: [String: Value] = [:]
        var problems: [Diagnostic] = []
        var last = 0
        for (index, line) in lines.enumerated() {
            let trimmed = Self.trimmed(line.text)
            if trimmed.isEmpty { continue }
            guard trimmed.hasPrefix("@def ") else { break }
            last = index
            let definition = trimmed.dropFirst(5)
            guard let equals = definition.firstIndex(of: "=") else {
                problems.append(.warning("front matter line is not '@def name = value'", path: path, line: line.number, column: 1))
                continue
            }
            let key = String(Self.trimmed(definition[..<equals]))
            var value = Self.trimmed(definition[definition.index(after: equals)...])
            if value.hasPrefix("[") && value.hasSuffix("]") {
                values[key] = .list(value.dropFirst().dropLast().split(separator: ",").map { Self.unquoted(Self.trimmed($0)) })
                continue
            }
            value = Substring(Self.unquoted(value))
            values[key] = .scalar(String(value), line: line.number)
        }
        var result = Self.block(.franklin, text, lines: lines, last: last)
        result.diagnostics = problems
        result.read(path: path) { values[$0] }
        return result
    }

    /// Org mode's `#+KEY: value` lines (keys in any case).
    static func org(_ text: String, lines: [Line], path: String) -> FrontMatter? {
        var values: [String: Value] = [:]
        var last = 0
        for (index, line) in lines.enumerated() {
            let trimmed = Self.trimmed(line.text)
            if trimmed.isEmpty { continue }
            guard trimmed.hasPrefix("#+"), let colon = trimmed.firstIndex(of: ":") else { break }
            last = index
            let key = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<colon].lowercased()
            let value = Self.trimmed(trimmed[trimmed.index(after: colon)...])
            values[key] = .scalar(String(value), line: line.number)
        }
        var result = Self.block(.org, text, lines: lines, last: last)
        result.read(path: path) { values[$0.lowercased()] }
        return result
    }

    /// Pandoc's title block: `% title`, `% authors` (separated by `;`), `% date`.
    static func pandoc(_ text: String, lines: [Line], path: String) -> FrontMatter? {
        var fields: [(String, Int)] = []
        var last = 0
        for (index, line) in lines.prefix(3).enumerated() {
            guard line.text.hasPrefix("%") else { break }
            fields.append((String(Self.trimmed(line.text.dropFirst())), line.number))
            last = index
        }
        var values: [String: Value] = [:]
        for (key, field) in zip(["title", "author", "date"], fields) where !field.0.isEmpty {
            values[key] = key == "author"
                ? .list(field.0.split(separator: ";").map { String(Self.trimmed($0)) })
                : .scalar(field.0, line: field.1)
        }
        var result = Self.block(.pandoc, text, lines: lines, last: last)
        result.read(path: path) { values[$0] }
        return result
    }

    /// The keys MultiMarkdown and Pandoc metadata blocks use; a block with any other key is the note's own
    /// text ("Title: Sync" then "When: …" and "Attendees: …" lines), not metadata.
    static let metadataKeys: Set<String> = [
        "title", "subtitle", "date", "author", "authors", "affiliation", "email", "tags", "keywords", "categories",
        "category", "summary", "abstract", "slug", "lang", "language", "copyright", "format", "css", "baseheaderlevel",
        "published", "updated", "created", "lastmod", "permalink", "layout", "status", "description",
    ]

    /// MultiMarkdown metadata: `Key: value` lines up to the first blank line, read only when they name a
    /// title or a date and every key is a metadata key (else the lines are the note's own, "Attendees: …").
    static func multiMarkdown(_ text: String, lines: [Line], path: String) -> FrontMatter? {
        var values: [String: Value] = [:]
        var last: Int?
        for (index, line) in lines.enumerated() {
            if Self.trimmed(line.text).isEmpty { break }
            guard let colon = line.text.firstIndex(of: ":"), line.text.first?.isLetter == true else { return nil }
            let key = line.text[..<colon]
            guard key.count <= 30, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "_" || $0 == "-" }),
                line.text[line.text.index(after: colon)...].first?.isWhitespace ?? true
            else { return nil }
            let name = key.lowercased().replacingOccurrences(of: " ", with: "")
            guard Self.metadataKeys.contains(name) else { return nil }
            values[name] = .scalar(String(Self.trimmed(line.text[line.text.index(after: colon)...])), line: line.number)
            last = index
        }
        guard let last, values["title"] != nil || values["date"] != nil else { return nil }
        var result = Self.block(.multiMarkdown, text, lines: lines, last: last)
        result.read(path: path) { values[$0.lowercased()] }
        return result
    }

    /// The AsciiDoc document header: `= Title`, then an author line and a revision line (`v1.0, 2021-11-19`
    /// or a date alone), and `:name: value` attributes (`:revdate:`), up to the first blank line.
    static func asciiDoc(_ text: String, lines: [Line], path: String) -> FrontMatter? {
        var values: [String: Value] = ["title": .scalar(String(Self.trimmed(lines[0].text.dropFirst(2))), line: 1)]
        var last = 0
        var plainLines = 0
        for (index, line) in lines.enumerated().dropFirst() {
            let trimmed = Self.trimmed(line.text)
            if trimmed.isEmpty { break }
            last = index
            if trimmed.hasPrefix(":"), let close = trimmed.dropFirst().firstIndex(of: ":") {
                let key = trimmed[trimmed.index(after: trimmed.startIndex)..<close].lowercased()
                values[key] = .scalar(String(Self.trimmed(trimmed[trimmed.index(after: close)...])), line: line.number)
            } else if trimmed.hasPrefix("//") {
                continue
            } else {
                plainLines += 1
                // The author line, then the revision line: its date is after a version and a comma, before a colon.
                if plainLines == 1 {
                    values["author"] = .list(trimmed.split(separator: ";").map { String(Self.trimmed($0)) })
                } else if plainLines == 2 {
                    let revision = trimmed.split(separator: ",").last.map { $0.split(separator: ":").first ?? $0 } ?? trimmed
                    values["revdate"] = .scalar(String(Self.trimmed(revision)), line: line.number)
                }
            }
        }
        var result = Self.block(.asciiDoc, text, lines: lines, last: last)
        result.read(path: path) { values[$0.lowercased()] }
        return result
    }

    /// A value without the double or single quotes around it.
    static func unquoted(_ value: Substring) -> String {
        if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
            return String(value.dropFirst().dropLast())
        }
        return String(value)
    }
}
