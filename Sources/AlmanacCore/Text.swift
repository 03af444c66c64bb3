extension Substring {
    /// The text without the scalars `drop` is true of at its ends, read in Swift: Foundation's
    /// `trimmingCharacters(in:)` copies the text through UTF-16 and back, which every line of every
    /// note paid.
    package func trimming(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }), let last = scalars.lastIndex(where: { !drop($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }

    /// The text without the spaces and tabs at its ends: what `trimmingCharacters(in: .whitespaces)`
    /// trims (Unicode's space separators and U+0009).
    package func trimmingSpaces() -> String { trimming(where: \.isSpace) }
}

extension String {
    /// ``Substring/trimming(where:)`` of the whole string.
    package func trimming(where drop: (Unicode.Scalar) -> Bool) -> String { self[...].trimming(where: drop) }

    /// ``Substring/trimmingSpaces()`` of the whole string.
    package func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}

extension Unicode.Scalar {
    /// A space or a tab: U+0009 or Unicode's general category Zs.
    package var isSpace: Bool {
        value == 0x20 || value == 0x09 || (value >= 0x80 && properties.generalCategory == .spaceSeparator)
    }
}
