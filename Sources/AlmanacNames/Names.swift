import AlmanacCore

/// Comparing the names notes give to the same thing: "MirageOS hackathon" and "Hackathon",
/// "Cloud Innovator Forum" and "CIF16", "Mirage 1.2 release" but not "Mirage 2.0 release".
package enum Names {
    /// Words that say nothing about which thing is meant.
    static let stopwords: Set<String> = [
        "the", "a", "an", "of", "and", "for", "at", "in", "on", "to", "with", "our", "new", "next", "this", "its",
        "their", "some", "another", "first",
    ]

    /// Lowercased words and version numbers ("1.2.1" stays one token), stopwords dropped.
    package static func tokens(_ name: String) -> [String] {
        var result: [String] = []
        var current = ""
        let scalars = Array(name.unicodeScalars)
        // (An ASCII scalar's letters are a-z and A-Z: the Unicode property is looked up for the others only.)
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) : scalar.properties.isAlphabetic
        }
        for (index, scalar) in scalars.enumerated() {
            let isWordChar = isLetter(scalar) || ("0"..."9").contains(scalar)
            let isVersionDot = scalar == "." && !current.isEmpty && current.last!.isNumber && index + 1 < scalars.count
                && ("0"..."9").contains(scalars[index + 1])
            // "1.22.0-alpha.1", "2.0.0-rc.2": a pre-release stays one token with its version.
            let isPrereleaseMark = (scalar == "-" || scalar == ".") && isVersion(current) && index + 1 < scalars.count
                && (isLetter(scalars[index + 1]) || ("0"..."9").contains(scalars[index + 1]))
            if isWordChar || isVersionDot || isPrereleaseMark {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                result.append(versionless(current.lowercased()))
                current = ""
            }
        }
        if !current.isEmpty { result.append(versionless(current.lowercased())) }
        return result.filter { !stopwords.contains($0) }.map(singular)
    }

    /// "v1.2" and "1.2" are one version.
    static func versionless(_ token: String) -> String {
        token.hasPrefix("v") && isVersion(token) ? String(token.dropFirst()) : token
    }

    /// "1.2", "v1.37.0", "1.22.0-alpha": a version number so far.
    static func isVersion(_ token: String) -> Bool {
        var digits = Substring(token)
        if digits.hasPrefix("v") || digits.hasPrefix("V") { digits = digits.dropFirst() }
        guard let first = digits.first, first.isNumber, let dot = digits.firstIndex(of: ".") else { return false }
        return digits[digits.index(after: dot)...].first?.isNumber == true
    }

    /// "releases" → "release", "docs" → "doc"; "tls", "class", "status", "bus" stay.
    static func singular(_ token: String) -> String {
        guard token.count >= 4, token.hasSuffix("s"), !token.hasSuffix("ss"), !token.hasSuffix("us"), !token.hasSuffix("is"),
            token.last?.isLetter == true, !token.contains(".")
        else { return token }
        return String(token.dropLast())
    }

    /// A stable, URL-safe form of a name: "Cloud Innovator Forum 2016" → "cloud-innovator-forum-2016".
    package static func slug(_ name: String, limit: Int = 48) -> String {
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
            // (The slug is ASCII: its length is its byte count, which a String knows without counting.)
            if out.utf8.count >= limit { break }
        }
        return out.isEmpty ? "item" : out
    }

    /// How surely two names denote the same thing, 0…1.
    package static func similarity(_ a: String, _ b: String) -> Double {
        similarity(Key(a), Key(b))
    }

    /// A name prepared for comparison once: its tokens, and their hashes sorted, so comparing two names
    /// walks two short arrays instead of hashing strings into sets.
    package final class Key: Sendable, Hashable {
        package let name: String
        package let tokens: [String]
        /// Hashes of the distinct tokens, ascending.
        let ids: [UInt64]
        package var tokenIDs: [UInt64] { ids }
        /// Hashes of the distinct tokens that are ordinary words, ascending.
        let commonIDs: [UInt64]
        /// Hashes of the distinct version tokens ("1.2"), ascending.
        let versionIDs: [UInt64]
        let headID: UInt64?
        let acronym: String?
        let initials: String
        let endsWithDigit: Bool

        package init(_ name: String) {
            self.name = name
            tokens = Names.tokens(name)
            var ids: [UInt64] = []
            var common: [UInt64] = []
            var versions: [UInt64] = []
            for token in tokens {
                let id = Hash.fnv1a(token)
                guard !ids.contains(id) else { continue }
                ids.append(id)
                if CommonWords.contains(token) { common.append(id) }
                // (On the bytes for an ASCII token, where a number is a digit.)
                if Names.isVersion(token) { versions.append(id) }
            }
            self.ids = ids.sorted()
            commonIDs = common.sorted()
            versionIDs = versions.sorted()
            headID = tokens.last.map(Hash.fnv1a)
            acronym = Names.acronymLetters(name)
            initials = Names.initials(name)
            endsWithDigit = name.last?.isNumber == true
        }

        package static func == (a: Key, b: Key) -> Bool { a.name == b.name }
        package func hash(into hasher: inout Hasher) { hasher.combine(name) }
    }

    /// How many values two ascending arrays share.
    static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0
        var j = 0
        var count = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                count += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return count
    }

    /// Whether every word of `a` is also a word of `b`.
    package static func wordsAreSubset(_ a: Key, of b: Key) -> Bool {
        sharedCount(a.ids, b.ids) == a.ids.count
    }

    /// How surely two prepared names denote the same thing, 0…1.
    package static func similarity(_ a: Key, _ b: Key) -> Double {
        guard !a.tokens.isEmpty, !b.tokens.isEmpty else { return 0 }
        // Different versions are different things.
        if !a.versionIDs.isEmpty, !b.versionIDs.isEmpty, sharedCount(a.versionIDs, b.versionIDs) == 0 { return 0 }
        if a.tokens == b.tokens { return 1 }
        if isAcronym(a.acronym, of: b.initials, longEndsWithDigit: b.endsWithDigit)
            || isAcronym(b.acronym, of: a.initials, longEndsWithDigit: a.endsWithDigit)
        {
            return 0.9
        }
        let shared = sharedCount(a.ids, b.ids)
        let jaccard = Double(shared) / Double(a.ids.count + b.ids.count - shared)
        // One name inside the other, keeping its last word (the head: "Hackathon" in "MirageOS hackathon"),
        // when the shorter name says something: "work" inside "docs work" is no evidence.
        let (short, long) = a.tokens.count <= b.tokens.count ? (a, b) : (b, a)
        if shared == short.ids.count, let head = short.headID, long.ids.contains(head),
            short.commonIDs.count < short.ids.count || short.tokens.count >= 2
        {
            return max(jaccard, short.tokens.count >= 2 || short.tokens.last!.count >= 5 ? 0.8 : 0.6)
        }
        // Only ordinary words in common ("release", "day") is weak evidence.
        if sharedCount(a.commonIDs, b.ids) == shared { return min(jaccard, 0.5) }
        return jaccard
    }

    /// "CIF16" is an acronym of "Cloud Innovator Forum" (and "Cloud Innovator Forum 2016").
    package static func isAcronym(_ short: String, of long: String) -> Bool {
        isAcronym(acronymLetters(short), of: initials(long), longEndsWithDigit: long.last?.isNumber == true)
    }

    /// What an acronym of the name, or the name as an acronym, is looked up by: the lower-cased capital
    /// initials of its words ("Cloud Innovator Forum" → "cif") when there are two or more, and the
    /// leading letters of a one-word name ("CIF16" → "cif") when there are two or more.
    package static func acronymKeys(_ name: String) -> [String] {
        let (initials, letters) = acronymParts(name)
        var keys: [String] = []
        if initials.count >= 2 { keys.append(initials) }
        if letters.count >= 2, !(name.isASCII ? name.utf8.contains(0x20) : name.contains(" ")) { keys.append(letters) }
        return keys
    }

    /// The initials and leading letters of ``acronymKeys(_:)``, on the bytes when the name is ASCII
    /// (where every character is one byte and a letter is A-Z or a-z), else with `Character` properties.
    static func acronymParts(_ name: String) -> (initials: String, letters: String) {
        if name.isASCII {
            var initials: [UInt8] = []
            var letters: [UInt8] = []
            var inWord = false
            var wordHasLetter = false
            var leading = true
            for byte in name.utf8 {
                let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
                if leading {
                    if isLetter { letters.append(byte | 0x20) } else { leading = false }
                }
                if byte == 0x20 {
                    inWord = false
                    continue
                }
                if !inWord {
                    inWord = true
                    wordHasLetter = false
                }
                if isLetter, !wordHasLetter {
                    wordHasLetter = true
                    if byte >= 0x41 && byte <= 0x5A { initials.append(byte | 0x20) }
                }
            }
            return (String(decoding: initials, as: UTF8.self), String(decoding: letters, as: UTF8.self))
        }
        let initials = String(name.split(separator: " ").compactMap { $0.first(where: \.isLetter) }.filter(\.isUppercase)).lowercased()
        let letters = name.prefix { $0.isLetter }.lowercased()
        return (initials, letters)
    }

    /// The letters of a name that can be an acronym ("CIF16" → "cif"), or nil.
    static func acronymLetters(_ short: String) -> String? {
        // Most names have a space inside: no acronym.
        if short.utf8.count > 12 || short.utf8.dropFirst().dropLast().contains(0x20) { return nil }
        let trimmed = short.trimmingCharacters(in: " ")
        guard !trimmed.contains(" "), trimmed.count >= 2, trimmed.count <= 10 else { return nil }
        let letters = trimmed.prefix { $0.isLetter }
        let digits = trimmed.dropFirst(letters.count)
        guard letters.count >= 2, letters.allSatisfy({ $0.isUppercase }) || letters.count >= 3,
            digits.allSatisfy({ $0.isNumber })
        else { return nil }
        return letters.lowercased()
    }

    /// The initials of a name's capitalised words ("Cloud Innovator Forum" → "cif").
    static func initials(_ long: String) -> String {
        if long.isASCII {
            // ASCII: the lower-cased first letter of each word that starts with a capital.
            var result: [UInt8] = []
            var atStart = true
            for byte in long.utf8 {
                if byte == 0x20 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") {
                    atStart = true
                } else {
                    if atStart, byte >= 0x41, byte <= 0x5A { result.append(byte | 0x20) }
                    atStart = false
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
        let words = long.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" })
            .filter { word in word.first.map { $0.isUppercase } ?? false }
        return String(words.compactMap(\.first)).lowercased()
    }

    static func isAcronym(_ letters: String?, of initials: String, longEndsWithDigit: Bool) -> Bool {
        guard let wanted = letters, initials.count >= 2 else { return false }
        if initials == wanted { return true }
        // A trailing year in the long name is not part of the acronym.
        return initials.hasPrefix(wanted) && initials.count == wanted.count + 1 && longEndsWithDigit
    }

    /// The long name with the year an acronym carries: ("Cloud Innovator Forum", "CIF16") → "Cloud Innovator Forum 2016".
    package static func expand(_ long: String, withYearOf acronym: String) -> String {
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
