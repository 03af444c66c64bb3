/// Comparing the names notes give to the same thing: "MirageOS hackathon" and "Hackathon",
/// "Cloud Innovator Forum" and "CIF16", "Mirage 1.2 release" but not "Mirage 2.0 release".
public enum Names {
    /// Words that say nothing about which thing is meant.
    static let stopwords: Set<String> = [
        "the", "a", "an", "of", "and", "for", "at", "in", "on", "to", "with", "our", "new", "next", "this", "its",
        "their", "some", "another", "first",
    ]

    /// Lowercased words and version numbers ("1.2.1" stays one token), stopwords dropped.
    public static func tokens(_ name: String) -> [String] {
        var result: [String] = []
        var current = ""
        let scalars = Array(name.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let isWordChar = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            let isVersionDot = scalar == "." && !current.isEmpty && current.last!.isNumber && index + 1 < scalars.count
                && ("0"..."9").contains(scalars[index + 1])
            if isWordChar || isVersionDot {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                result.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { result.append(current.lowercased()) }
        return result.filter { !stopwords.contains($0) }.map(singular)
    }

    /// "releases" → "release", "docs" → "doc"; "tls", "class", "status", "bus" stay.
    static func singular(_ token: String) -> String {
        guard token.count >= 4, token.hasSuffix("s"), !token.hasSuffix("ss"), !token.hasSuffix("us"), !token.hasSuffix("is"),
            token.last?.isLetter == true, !token.contains(".")
        else { return token }
        return String(token.dropLast())
    }

    /// A stable, URL-safe form of a name: "Cloud Innovator Forum 2016" → "cloud-innovator-forum-2016".
    public static func slug(_ name: String, limit: Int = 48) -> String {
        var out = ""
        var dash = false
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if dash, !out.isEmpty { out.append("-") }
                out.unicodeScalars.append(scalar)
                dash = false
            } else {
                dash = true
            }
            if out.count >= limit { break }
        }
        return out.isEmpty ? "item" : out
    }

    /// Version-like tokens ("1.2", "2.0", "0.9.10", "v2").
    static func versions(_ tokens: [String]) -> Set<String> {
        Set(tokens.filter { token in token.first?.isNumber == true && token.contains(".") })
    }

    /// How surely two names denote the same thing, 0…1.
    public static func similarity(_ a: String, _ b: String) -> Double {
        let ta = tokens(a)
        let tb = tokens(b)
        guard !ta.isEmpty, !tb.isEmpty else { return 0 }
        // Different versions are different things.
        let va = versions(ta)
        let vb = versions(tb)
        if !va.isEmpty, !vb.isEmpty, va.isDisjoint(with: vb) { return 0 }
        if ta == tb { return 1 }
        if isAcronym(a, of: b) || isAcronym(b, of: a) { return 0.9 }
        let sa = Set(ta)
        let sb = Set(tb)
        let shared = sa.intersection(sb).count
        let jaccard = Double(shared) / Double(sa.union(sb).count)
        // One name inside the other, keeping its last word (the head: "Hackathon" in "MirageOS hackathon"),
        // when the shorter name says something: "work" inside "docs work" is no evidence.
        let (short, long) = ta.count <= tb.count ? (ta, tb) : (tb, ta)
        if Set(short).isSubset(of: Set(long)), let head = short.last, long.contains(head),
            short.contains(where: { !CommonWords.contains($0) }) || short.count >= 2
        {
            return max(jaccard, short.count >= 2 || head.count >= 5 ? 0.8 : 0.6)
        }
        // Only ordinary words in common ("release", "day") is weak evidence.
        if sa.intersection(sb).allSatisfy(CommonWords.contains) { return min(jaccard, 0.5) }
        return jaccard
    }

    /// "CIF16" is an acronym of "Cloud Innovator Forum" (and "Cloud Innovator Forum 2016").
    public static func isAcronym(_ short: String, of long: String) -> Bool {
        let trimmed = short.trimmingCharacters(in: " ")
        guard !trimmed.contains(" "), trimmed.count >= 2, trimmed.count <= 10 else { return false }
        let letters = trimmed.prefix { $0.isLetter }
        let digits = trimmed.dropFirst(letters.count)
        guard letters.count >= 2, letters.allSatisfy({ $0.isUppercase }) || letters.count >= 3,
            digits.allSatisfy({ $0.isNumber })
        else { return false }
        let words = long.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" })
            .filter { word in word.first.map { $0.isUppercase } ?? false }
        let initials = String(words.compactMap(\.first)).lowercased()
        guard initials.count >= 2 else { return false }
        let wanted = letters.lowercased()
        if initials == wanted { return true }
        // A trailing year in the long name is not part of the acronym.
        return initials.hasPrefix(wanted) && initials.count == wanted.count + 1 && long.last?.isNumber == true
    }

    /// The long name with the year an acronym carries: ("Cloud Innovator Forum", "CIF16") → "Cloud Innovator Forum 2016".
    public static func expand(_ long: String, withYearOf acronym: String) -> String {
        let digits = acronym.reversed().prefix { $0.isNumber }
        guard digits.count == 2 || digits.count == 4, !long.contains(where: { $0.isNumber }) else { return long }
        let year = digits.count == 2 ? "20" + String(digits.reversed()) : String(digits.reversed())
        return "\(long) \(year)"
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
