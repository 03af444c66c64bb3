/// What a projects list (or a note) says about a contributor project beyond its title and status.
public struct ProjectDetails: Sendable, Hashable, Codable {
    /// A human estimate ("2 weeks", "175 h", "medium").
    public var timeEstimate: String?
    public var mentors: [String]
    public var contributors: [String]
    public var skills: [String]
    /// The list page's text about the project: paragraphs separated by a blank line.
    public var description: String?
    public var links: [String]
    /// True when the item comes from a projects list page rather than from meeting notes.
    public var listed: Bool

    public init(
        timeEstimate: String? = nil, mentors: [String] = [], contributors: [String] = [], skills: [String] = [],
        description: String? = nil, links: [String] = [], listed: Bool = false
    ) {
        self.timeEstimate = timeEstimate
        self.mentors = mentors
        self.contributors = contributors
        self.skills = skills
        self.description = description
        self.links = links
        self.listed = listed
    }
}

/// Lenient readers for the fields of a projects list, shared by the list reader, the board's filters
/// and the command line: "★★☆", "2 stars", "**", "2/3" and "medium" are all difficulty 2.
///
/// ```swift
/// ProjectFields.difficulty("Difficulty: 2/3")     // 2
/// ProjectFields.timeEstimate("175 h")             // "175 h"
/// ProjectFields.status("taken by Lena Novak")     // (.inProgress, ["Lena Novak"])
/// ProjectFields.programme("GSoC 2027 ideas")      // .gsoc
/// ```
public enum ProjectFields {
    // MARK: - Difficulty

    /// Stars 1–3 from "★★☆", "⭐⭐", "**", "2 stars", "2-star", "two-star", "2/3", "2 of 3", "easy",
    /// "medium", "hard" or a bare "2"; nil when the text says none of these.
    public static func difficulty(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        // Star glyphs: filled ones count, on a scale of the glyphs written ("★★★★☆" is 4 of 5).
        var filled = 0
        var empty = 0
        for scalar in trimmed.unicodeScalars {
            switch scalar {
            case "★", "⭐", "🌟", "✪", "✭": filled += 1
            case "☆", "✩": empty += 1
            default: break
            }
        }
        if filled > 0 { return scaled(filled, of: max(3, filled + empty)) }
        // "**" or "***": stars typed as asterisks.
        if trimmed.allSatisfy({ $0 == "*" }), (1...3).contains(trimmed.count) { return trimmed.count }
        let words = tokens(trimmed.lowercased())
        // "2/3", "2 of 3", "2 out of 3"
        for (index, word) in words.enumerated() {
            guard let n = number(word), index + 2 < words.count else { continue }
            var next = index + 1
            if words[next] == "out", next + 1 < words.count, words[next + 1] == "of" { next += 1 }
            guard ["/", "of"].contains(words[next]), next + 1 < words.count, let d = Int(words[next + 1]), d >= 2, d <= 10
            else { continue }
            if (1...d).contains(n) { return scaled(n, of: d) }
        }
        // "2 stars", "2-star", "two star"
        for (index, word) in words.enumerated() where word.hasPrefix("star") && index > 0 {
            var before = index - 1
            if words[before] == "-", before > 0 { before -= 1 }
            if let n = number(words[before]), (1...3).contains(n) { return n }
        }
        for word in words {
            if easyWords.contains(word) { return 1 }
            if mediumWords.contains(word) { return 2 }
            if hardWords.contains(word) { return 3 }
        }
        if words.count == 1, let n = Int(words[0]), (1...3).contains(n) { return n }
        return nil
    }

    static let easyWords: Set<String> = ["easy", "beginner", "beginners", "starter", "simple", "low", "newcomer", "entry"]
    static let mediumWords: Set<String> = ["medium", "intermediate", "moderate", "mid"]
    static let hardWords: Set<String> = ["hard", "difficult", "advanced", "high", "expert", "challenging", "tough"]

    static func scaled(_ n: Int, of d: Int) -> Int {
        guard d != 3 else { return max(1, min(3, n)) }
        return max(1, min(3, Int((Double(n) * 3 / Double(d)).rounded())))
    }

    // MARK: - Time

    /// The estimate as written (spaces collapsed) when it reads as one: a number and a unit ("2 weeks",
    /// "175 h", "350 hours", "a weekend", "1-2 months") or a size ("small", "medium (175 h)", "large").
    public static func timeEstimate(_ text: String) -> String? {
        let cleaned = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
            .trimmingCharacters(".;,")
        let words = tokens(cleaned.lowercased())
        guard !words.isEmpty, cleaned.count <= 80 else { return nil }
        let hasUnit = words.contains(where: timeUnits.contains)
        let hasNumber = words.contains { number($0) != nil || countWords.contains($0) }
        if hasUnit && hasNumber || words.contains(where: sizeWords.contains) { return cleaned }
        return nil
    }

    static let timeUnits: Set<String> = [
        "h", "hr", "hrs", "hour", "hours", "d", "day", "days", "week", "weeks", "wk", "wks", "w", "month", "months",
        "weekend", "weekends", "sprint", "sprints", "evening", "evenings", "summer", "term",
    ]
    static let sizeWords: Set<String> = ["small", "medium", "large", "short", "long", "tiny", "big"]

    // MARK: - Status

    /// The status a list gives ("available", "taken by NAME", "in progress", "done", "on hold") and the
    /// people it names ("taken by Lena Novak" → ["Lena Novak"]); nil when the text is no status.
    public static func status(_ text: String) -> (status: Item.Status, people: [String])? {
        let trimmed = text.trimmingWhitespace()
        let words = tokens(trimmed.lowercased())
        var people: [String] = []
        // "taken by NAME", "assigned to NAME", "in progress (NAME)"
        for marker in [" by ", " to "] {
            guard let range = trimmed.caseInsensitiveRange(of: marker) else { continue }
            people = Self.people(String(trimmed[range.upperBound...]))
            break
        }
        if people.isEmpty, let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") {
            let inside = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            if programme(inside) == nil, difficulty(inside) == nil { people = Self.people(inside) }
        }
        for (phrases, status) in statusPhrases where phrases.contains(where: { Self.contains(words, phrase: $0) }) {
            return (status, status == .inProgress || status == .done ? people : [])
        }
        return nil
    }

    static let statusPhrases: [([[String]], Item.Status)] = phrases([
        (["cancelled", "canceled", "dropped", "abandoned", "withdrawn", "retired"], .cancelled),
        (["on hold", "paused", "postponed", "deferred", "stalled"], .postponed),
        (["done", "finished", "completed", "complete", "merged", "shipped", "released"], .done),
        (["in progress", "in - progress", "ongoing", "taken", "assigned", "claimed", "started", "underway", "under way",
          "active", "wip", "being worked on", "working on it", "in development"], .inProgress),
        (["proposed", "idea", "draft", "needs a mentor", "needs mentor", "needs mentors", "not yet open"], .proposed),
        (["available", "open", "free", "unassigned", "up for grabs", "looking for a contributor", "looking for a student",
          "wanted", "seeking"], .available),
    ])

    // MARK: - Programme

    /// The programme a text names: "Pioneer Projects", "GSoC", "Google Summer of Code", "Outreachy",
    /// "OPW", "UROP", "student project", "other".
    public static func programme(_ text: String) -> Item.Subkind? {
        let words = tokens(text.lowercased())
        for (phrases, subkind) in programmePhrases where phrases.contains(where: { Self.contains(words, phrase: $0) }) {
            return subkind
        }
        return nil
    }

    static let programmePhrases: [([[String]], Item.Subkind)] = phrases([
        (["gsoc", "summer of code"], .gsoc),
        (["outreachy"], .outreachy),
        (["opw", "outreach program for women", "outreach programme for women"], .opw),
        (["urop"], .urop),
        (["pioneer", "pioneers"], .pioneer),
        (["student project", "student projects", "thesis", "student"], .student),
        (["other"], .other),
    ])

    /// Each phrase as its words.
    static func phrases<Value>(_ table: [([String], Value)]) -> [([[String]], Value)] {
        table.map { phrases, value in (phrases.map { $0.split(separator: " ").map(String.init) }, value) }
    }

    /// Whether `words` hold the words of `phrase` in a row.
    static func contains(_ words: [String], phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in phrase.indices.allSatisfy { words[start + $0] == phrase[$0] } }
    }

    // MARK: - Any of them

    /// Whether `text` could state a status, a time, a difficulty or a programme: whether it has a star or
    /// an asterisk, or the words ``status(_:)``, ``timeEstimate(_:)``, ``difficulty(_:)`` or
    /// ``programme(_:)`` (other than `.other`) need, or numbers as a difficulty writes them ("2/3",
    /// "2 of 3", a number alone). False means each of them gives nil (or `.other`), for the text and for
    /// every part of it cut at punctuation: a walk over every short line of a note asks this first.
    public static func mayState(_ text: String) -> Bool {
        var words: [String] = []
        var word: [UInt8] = []
        var (digits, slash) = (false, false)
        for byte in text.utf8 + [0x20] {
            if byte >= 0x80 { return mayStateSlowly(text) }
            if byte == UInt8(ascii: "*") { return true }
            if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
                word.append(byte | 0x20)
                continue
            }
            if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
            digits = digits || (0x30...0x39).contains(byte)
            slash = slash || byte == UInt8(ascii: "/")
        }
        // Words are letters only here: a phrase of the tables matches wherever its letters are in a row.
        if words.contains(where: { factWords.contains($0) || $0.hasPrefix("star") }) { return true }
        if words.contains(where: timeUnits.contains), digits || words.contains(where: countWords.contains) { return true }
        if factPhrases.contains(where: { contains(words, phrase: $0) }) { return true }
        return digits && (words.isEmpty || slash || words.contains("of"))
    }

    /// ``mayState(_:)`` of any text, by its ``tokens(_:)``.
    private static func mayStateSlowly(_ text: String) -> Bool {
        if text.unicodeScalars.contains(where: { "★⭐🌟✪✭☆✩*".unicodeScalars.contains($0) }) { return true }
        return tokens(text.lowercased()).contains { word in
            factWords.contains(word) || timeUnits.contains(word) || word.hasPrefix("star") || number(word) != nil
                || Int(word) != nil || factPhrases.contains { $0[0] == word }
        }
    }

    /// The status and programme phrases (but "other"), their words of letters only.
    static let factPhrases: [[String]] = (statusPhrases.flatMap(\.0) + programmePhrases.filter { $0.1 != .other }.flatMap(\.0))
        .map { $0.filter { $0 != "-" && $0 != "/" } }
    /// The words that read alone: one-word phrases, sizes and levels.
    static let factWords: Set<String> = Set(factPhrases.filter { $0.count == 1 }.map { $0[0] })
        .union(sizeWords).union(easyWords).union(mediumWords).union(hardWords)
    /// What counts a time unit ("a weekend", "two weeks") besides digits.
    static let countWords: Set<String> = ["a", "an", "few", "couple", "several", "half", "one", "two", "three", "four", "five", "six"]

    // MARK: - Lists of names and words

    /// Names in "Ben Okafor, Aiko Mori and @jonas": split at commas, "and", "&", "/", ";"; a trailing
    /// "(email)" dropped; placeholders ("TBD", "none", "?", "needed") left out.
    public static func people(_ text: String) -> [String] {
        var result: [String] = []
        for part in split(text, separators: [",", ";", " and ", " & ", " / ", "/", " + "]) {
            var name = part
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") { name = String(name[..<open]) }
            name = name.trimmingWhitespace().trimmingCharacters(".:")
            let lower = name.lowercased()
            guard !name.isEmpty, !placeholders.contains(lower), !lower.hasPrefix("looking for"), !lower.hasPrefix("needs"),
                name.count <= 60, !result.contains(name)
            else { continue }
            result.append(name)
        }
        return result
    }

    static let placeholders: Set<String> = [
        "tbd", "tba", "tbc", "none", "nobody", "no one", "-", "–", "—", "?", "??", "n/a", "na", "needed", "wanted",
        "you?", "you", "anyone", "someone", "unassigned", "open", "available",
    ]

    /// Skills or areas in "OCaml, networking; C": split at commas, semicolons, "·" and "and".
    public static func skills(_ text: String) -> [String] {
        var result: [String] = []
        for part in split(text, separators: [",", ";", " · ", "·", " and "]) {
            let skill = part.trimmingWhitespace().trimmingCharacters(".:")
            if !skill.isEmpty, skill.count <= 60, !result.contains(where: { $0.lowercased() == skill.lowercased() }) {
                result.append(skill)
            }
        }
        return result
    }

    // MARK: - Helpers

    /// Lowercase words, numbers and the punctuation "/" and "-" as tokens: "2/3" → ["2", "/", "3"],
    /// "175h" → ["175", "h"], "two-star" → ["two", "-", "star"].
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var currentIsDigit = false
        for character in text {
            let isDigit = character.isASCII && character.isNumber
            if character.isLetter || isDigit {
                if !current.isEmpty, currentIsDigit != isDigit {
                    result.append(current)
                    current = ""
                }
                current.append(character)
                currentIsDigit = isDigit
            } else {
                if !current.isEmpty { result.append(current) }
                current = ""
                if character == "/" || character == "-" { result.append(String(character)) }
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func number(_ word: String) -> Int? {
        if let n = Int(word), word.count <= 4 { return n }
        return ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6][word]
    }

    static func split(_ text: String, separators: [String]) -> [String] {
        var parts = [text]
        for separator in separators {
            parts = parts.flatMap { $0.split(separator: separator, omittingEmptySubsequences: false).map(String.init) }
        }
        return parts
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }

    fileprivate func trimmingCharacters(_ set: String) -> String {
        var s = Substring(self)
        while let first = s.first, set.contains(first) || first.isWhitespace { s.removeFirst() }
        while let last = s.last, set.contains(last) || last.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// The range of `needle`, ignoring case (names and status words are compared lowercased).
    fileprivate func caseInsensitiveRange(of needle: String) -> Range<String.Index>? {
        let lowered = lowercased()
        // Lowercasing keeps the length for the scripts names use; no match otherwise.
        guard lowered.count == count, let found = lowered.firstRange(of: needle.lowercased()) else { return nil }
        let start = index(startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: found.lowerBound))
        let end = index(start, offsetBy: lowered.distance(from: found.lowerBound, to: found.upperBound))
        return start..<end
    }
}
