/// Text from notes made safe for Markdown (GitHub-flavoured and wikis): no markup, no HTML, no
/// links but the ones Almanac writes, nothing that breaks a table or a line.
public enum MarkdownText {
    /// Escapes every character Markdown or HTML would read as syntax; line breaks become spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}":
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                continue
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", "!", "|", "~", ">", "<", "&", "\"", ":":
                out.append("\\")
                out.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory == .control { continue }
                out.unicodeScalars.append(scalar)
            }
            lastWasSpace = false
        }
        return out.trimmingSpaces()
    }

    /// A URL safe to link to: http, https or mailto, with the characters that could end a Markdown
    /// link target percent-encoded; nil for anything else (javascript:, data:, relative paths).
    public static func safeURL(_ url: String) -> String? {
        let trimmed = url.trimmingSpaces()
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else { return nil }
        var out = ""
        for scalar in trimmed.unicodeScalars {
            switch scalar {
            case " ": out += "%20"
            case "(": out += "%28"
            case ")": out += "%29"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "\"": out += "%22"
            case "|": out += "%7C"
            case "[": out += "%5B"
            case "]": out += "%5D"
            case "`": out += "%60"
            case "\\": out += "%5C"
            default:
                if scalar.properties.generalCategory == .control { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `[text](url)` with both made safe; the escaped text alone when the URL is not safe.
    public static func link(_ text: String, _ url: String?) -> String {
        let label = escape(text)
        guard let url, let safe = safeURL(url) else { return label }
        return "[\(label)](\(safe))"
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
