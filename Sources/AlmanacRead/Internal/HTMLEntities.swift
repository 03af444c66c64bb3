/// The character references that turn up in hand-written Markdown (`&amp;`, `&nbsp;`, `&#8212;`).
enum HTMLEntities {
    private static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "mdash": "\u{2014}",
        "ndash": "\u{2013}", "hellip": "\u{2026}", "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}",
        "ldquo": "\u{201C}", "copy": "\u{00A9}", "eacute": "\u{00E9}", "uuml": "\u{00FC}", "ouml": "\u{00F6}",
        "auml": "\u{00E4}", "ntilde": "\u{00F1}", "times": "\u{00D7}", "middot": "\u{00B7}", "bull": "\u{2022}",
    ]

    /// The scalar for an entity name without `&` and `;` (`amp`, `#38`, `#x26`), or nil.
    static func decode(_ name: String) -> Unicode.Scalar? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Self.scalar)
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Self.scalar) }
        return named[name]
    }

    private static func scalar(_ value: UInt32) -> Unicode.Scalar? {
        guard value != 0 else { return nil }
        return Unicode.Scalar(value)
    }
}
