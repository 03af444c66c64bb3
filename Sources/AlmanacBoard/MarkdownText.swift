/// Text from notes made safe for Markdown (GitHub-flavoured and wikis): no markup, no HTML, no
/// links but the ones Almanac writes, nothing that breaks a table or a line.
package enum MarkdownText {
    /// Escapes what Markdown or HTML would read as syntax (emphasis, code, links, HTML, table pipes,
    /// and block markers at the start); line breaks become spaces, so the text stays on its line.
    package static func escape(_ text: String) -> String {
        var flat = ""
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{2028}" || scalar == "\u{2029}"
                || scalar == "\u{0B}" || scalar == "\u{0C}"
            {
                if !lastWasSpace { flat.append(" ") }
                lastWasSpace = true
                continue
            }
            if scalar.properties.generalCategory == .control { continue }
            flat.unicodeScalars.append(scalar)
            lastWasSpace = scalar == " "
        }
        flat = flat.trimmingPlainSpaces()
        var out = ""
        out.reserveCapacity(flat.utf8.count + 8)
        var previous: Unicode.Scalar = " "
        for (index, scalar) in flat.unicodeScalars.enumerated() {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&":
                out.append("\\")
            case "#":
                // A heading marker at the start, a closing sequence ("Title #") after a space.
                if previous == " " { out.append("\\") }
            case "+", "-", "=", "!":
                // Block markers only matter at the start of the text.
                if index == 0 { out.append("\\") }
            default:
                break
            }
            out.unicodeScalars.append(scalar)
            previous = scalar
        }
        // "1. text" at the start would become a numbered list.
        if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex, out[dot] == "." || out[dot] == ")" {
            out.insert("\\", at: dot)
        }
        return out
    }

    /// A URL safe to link to: http, https or mailto, with the characters that could end a Markdown
    /// link target percent-encoded; nil for anything else (javascript:, data:, relative paths).
    package static func safeURL(_ url: String) -> String? {
        let trimmed = url.trimmingPlainSpaces()
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else { return nil }
        return percentEncoding(trimmed, [" ", "(", ")", "<", ">", "\"", "|", "[", "]", "`", "\\"])
    }

    /// `url` with each of `scalars` (ASCII) percent-encoded and control characters dropped: what both
    /// Markdown and HTML links need, each with the characters that could end its link target.
    static func percentEncoding(_ url: String, _ scalars: Set<Unicode.Scalar>) -> String {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var out = ""
        for scalar in url.unicodeScalars {
            if scalars.contains(scalar) {
                out.unicodeScalars.append(contentsOf: ["%", hex[Int(scalar.value >> 4)], hex[Int(scalar.value & 0x0F)]])
            } else if scalar.properties.generalCategory != .control {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `[text](url)` with both made safe; the escaped text alone when the URL is not safe.
    package static func link(_ text: String, _ url: String?) -> String {
        let label = escape(text)
        guard let url, let safe = safeURL(url) else { return label }
        return "[\(label)](\(safe))"
    }
}

extension String {
    /// Without the U+0020 spaces at its ends (tabs and other spaces are kept).
    func trimmingPlainSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
