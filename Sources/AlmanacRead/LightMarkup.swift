import Foundation

/// AsciiDoc and Org mode bodies as Markdown, line for line (so every line keeps its number), for the
/// Markdown parser: headings, nested lists, bold and links are translated; block delimiters,
/// attributes, directives and comments become blank lines; the rest is left as written.
///
/// ```swift
/// LightMarkup.markdown(asciiDoc: "== Upcoming\n* *Tidecon*: link:https://x.org[site]")
/// // "## Upcoming\n- **Tidecon**: [site](https://x.org)"
/// ```
enum LightMarkup {
    /// An AsciiDoc body as Markdown.
    static func markdown(asciiDoc text: String) -> String {
        translate(text) { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") || trimmed.hasPrefix("ifdef::") || trimmed.hasPrefix("ifndef::") || trimmed.hasPrefix("endif::")
                || trimmed.hasPrefix("image::") || trimmed.hasPrefix("include::") || trimmed.hasPrefix("toc::")
                || (trimmed.hasPrefix("[") && trimmed.hasSuffix("]") && !trimmed.contains(" "))
                || ["----", "....", "====", "****", "--", "++++", "|==="].contains(trimmed)
                || (trimmed.hasPrefix(":") && trimmed.dropFirst().contains(":") && !trimmed.contains(" :"))
            {
                return ""
            }
            if let (marks, rest) = marked(line, by: "=") { return String(repeating: "#", count: min(marks, 6)) + " " + inline(asciiDoc: rest) }
            if let (marks, rest) = marked(line, by: "*") { return String(repeating: "  ", count: marks - 1) + "- " + inline(asciiDoc: rest) }
            if let (marks, rest) = marked(line, by: ".") { return String(repeating: "  ", count: marks - 1) + "1. " + inline(asciiDoc: rest) }
            return inline(asciiDoc: line)
        }
    }

    /// An Org mode body as Markdown.
    static func markdown(org text: String) -> String {
        translate(text) { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#+") || trimmed.hasPrefix("# ") || trimmed == "#" || trimmed.hasPrefix(":") && trimmed.hasSuffix(":") {
                return ""
            }
            if let (marks, rest) = marked(line, by: "*") { return String(repeating: "#", count: min(marks, 6)) + " " + inline(org: rest) }
            if trimmed.hasPrefix("+ ") { return line.replacingOccurrences(of: "+ ", with: "- ", options: [.anchored], range: nil) }
            return inline(org: line)
        }
    }

    /// Each line of `text` through `line`, with the line breaks kept.
    private static func translate(_ text: String, _ line: (String) -> String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { raw -> String in
            let carriageReturn = raw.hasSuffix("\r")
            let translated = line(String(carriageReturn ? raw.dropLast() : raw))
            return carriageReturn ? translated + "\r" : translated
        }.joined(separator: "\n")
    }

    /// A line opening with one or more `mark` characters and a space: how many, and the rest.
    private static func marked(_ line: String, by mark: Character) -> (Int, String)? {
        let marks = line.prefix { $0 == mark }.count
        guard marks > 0, line.dropFirst(marks).first == " " else { return nil }
        return (marks, String(line.dropFirst(marks + 1)))
    }

    static let asciiDocRules: [(NSRegularExpression, String)] = [
        // link:URL[text] and URL[text]
        (try! NSRegularExpression(pattern: #"(?:link:)?(https?://[^\s\[]+)\[([^\]]+)\]"#), "[$2]($1)"),
        (try! NSRegularExpression(pattern: #"(?:link:)?(https?://[^\s\[]+)\[\]"#), "$1"),
        // *bold* (constrained), not ** or a list mark
        (try! NSRegularExpression(pattern: #"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])"#), "**$1**"),
    ]

    static let orgRules: [(NSRegularExpression, String)] = [
        (try! NSRegularExpression(pattern: #"\[\[([^\]]+)\]\[([^\]]+)\]\]"#), "[$2]($1)"),
        (try! NSRegularExpression(pattern: #"\[\[([^\]]+)\]\]"#), "<$1>"),
        (try! NSRegularExpression(pattern: #"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])"#), "**$1**"),
    ]

    private static func inline(asciiDoc line: String) -> String { apply(asciiDocRules, to: line) }
    private static func inline(org line: String) -> String { apply(orgRules, to: line) }

    private static func apply(_ rules: [(NSRegularExpression, String)], to line: String) -> String {
        guard line.contains("[") || line.contains("*") else { return line }
        var result = line
        for (pattern, template) in rules {
            result = pattern.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
        }
        return result
    }
}
