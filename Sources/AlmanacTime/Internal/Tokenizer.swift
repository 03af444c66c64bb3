/// A word, number or punctuation mark of the text, with what the date grammar needs to know.
struct Token {
    enum Kind: UInt8 {
        case word, number, punct
    }

    var start: Int
    var end: Int
    var kind: Kind
    /// Numbers: the value (capped); punctuation: the ASCII byte ("-" for any dash, "'" for any apostrophe).
    var value: Int
    /// Numbers: how many digits.
    var digits: Int = 0
    /// "22nd", "1st".
    var ordinal = false
    var lex: Lex?
    var capitalized = false
    var allCaps = false
    /// Whitespace separates this token from the previous one.
    var spaceBefore = false
    /// Part of a URL, code, version number, issue number or amount: never part of a date.
    var blocked = false
    /// Index of the sentence the token is in.
    var sentence = 0

    func isPunct(_ ascii: Unicode.Scalar) -> Bool { kind == .punct && value == Int(ascii.value) }
    func has(_ role: Lex.Roles) -> Bool { lex?.has(role) ?? false }
}

/// Cuts UTF-8 text into tokens in one pass over the bytes.
enum Tokenizer {
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, skip: [Range<Int>]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4 + 4)
        let count = bytes.count
        var i = 0
        var space = true
        var sentence = 0
        var skipIndex = 0

        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

        while i < count {
            let b = bytes[i]
            // Spans the caller marks as code or URL are skipped whole.
            while skipIndex < skip.count, skip[skipIndex].upperBound <= i { skipIndex += 1 }
            if skipIndex < skip.count, skip[skipIndex].contains(i) {
                var t = Token(start: i, end: skip[skipIndex].upperBound, kind: .punct, value: 0)
                t.blocked = true
                t.spaceBefore = space
                t.sentence = sentence
                tokens.append(t)
                i = skip[skipIndex].upperBound
                space = false
                continue
            }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                space = true
                i += 1
                continue
            }
            let start = i
            let isGeneralPunctuation = b == 0xE2 && i + 1 < count && bytes[i + 1] == 0x80  // – — ’ “ • …
            if isLetter(b) || (b >= 0xC0 && !isGeneralPunctuation) {
                // A word: letters, digits, apostrophes inside (week's, o'clock), any non-ASCII letter.
                var upperCount = 0
                var letterCount = 0
                while i < count {
                    let c = bytes[i]
                    if isLetter(c) {
                        letterCount += 1
                        if c <= 0x5A { upperCount += 1 }
                        i += 1
                    } else if isDigit(c) || (c >= 0x80 && !(c == 0xE2 && i + 1 < count && bytes[i + 1] == 0x80)) {
                        i += 1
                    } else if c == 0x27, i + 1 < count, isLetter(bytes[i + 1]) {
                        i += 1
                    } else if c == 0xE2, i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99, i + 3 < count,
                        isLetter(bytes[i + 3])
                    {
                        i += 3  // ’ inside a word
                    } else {
                        break
                    }
                }
                var t = Token(start: start, end: i, kind: .word, value: 0)
                t.capitalized = b <= 0x5A && b >= 0x41
                t.allCaps = letterCount > 0 && upperCount == letterCount
                t.lex = Lexicon.lookup(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                t.spaceBefore = space
                t.sentence = sentence
                // URLs and e-mail addresses: block to the next whitespace.
                if i + 2 < count, bytes[i] == 0x3A, bytes[i + 1] == 0x2F, bytes[i + 2] == 0x2F {
                    while i < count, !(bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09) { i += 1 }
                    t.end = i
                    t.blocked = true
                    t.kind = .punct
                }
                tokens.append(t)
                space = false
                continue
            }
            if isDigit(b) {
                var value = 0
                while i < count, isDigit(bytes[i]) {
                    if value < 100_000 { value = value * 10 + Int(bytes[i] - 0x30) }
                    i += 1
                }
                let digits = i - start
                var t = Token(start: start, end: i, kind: .number, value: value)
                t.digits = digits
                t.spaceBefore = space
                t.sentence = sentence
                // Suffixes: 22nd, 4pm (split), 64bit (a word, not a number).
                if i < count, isLetter(bytes[i]) {
                    var j = i
                    while j < count, isLetter(bytes[j]) || isDigit(bytes[j]) { j += 1 }
                    let suffix = UnsafeBufferPointer(rebasing: bytes[i..<j])
                    if j - i == 2, isOrdinalSuffix(suffix) {
                        t.ordinal = true
                        t.end = j
                        i = j
                    } else if let lex = Lexicon.lookup(suffix), lex.has(.meridiem) {
                        // "4pm": the number, then "pm" as its own token (no space between).
                    } else {
                        t.kind = .word
                        t.blocked = true
                        t.end = j
                        i = j
                    }
                }
                tokens.append(t)
                space = false
                continue
            }
            // Punctuation; dashes and quotes normalised.
            var value = Int(b)
            var length = 1
            if b == 0xE2, i + 2 < count, bytes[i + 1] == 0x80 {
                switch bytes[i + 2] {
                case 0x90, 0x91, 0x92, 0x93, 0x94: value = 0x2D  // ‐ ‑ ‒ – —
                case 0x98, 0x99: value = 0x27  // ‘ ’
                case 0x9C, 0x9D: value = 0x22  // “ ”
                default: value = 0
                }
                length = 3
            } else if b >= 0x80 {
                value = 0
                length = 1
                while i + length < count, bytes[i + length] & 0xC0 == 0x80 { length += 1 }
            }
            var t = Token(start: start, end: start + length, kind: .punct, value: value)
            t.spaceBefore = space
            t.sentence = sentence
            tokens.append(t)
            i += length
            space = false
            if value == 0x2E || value == 0x21 || value == 0x3F || value == 0x3B {
                // A sentence ends at . ! ? ; followed by space or the end.
                if i >= count || bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 { sentence += 1 }
            }
        }
        markBlocked(&tokens)
        return tokens
    }

    @inline(__always)
    static func isOrdinalSuffix(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = s[0] | 0x20
        let b = s[1] | 0x20
        return (a == 0x73 && b == 0x74) || (a == 0x6E && b == 0x64) || (a == 0x72 && b == 0x64) || (a == 0x74 && b == 0x68)
    }

    /// Numbers that are versions (1.2.1, v2.5, 4.02), issue numbers (#20), amounts ($20, 20%),
    /// counts of things (2-star), or thousands (1,000) are never dates.
    static func markBlocked(_ tokens: inout [Token]) {
        let n = tokens.count
        var k = 0
        while k < n {
            defer { k += 1 }
            guard tokens[k].kind == .number, !tokens[k].blocked else { continue }
            let t = tokens[k]
            // Preceded by # $ € £ v / a letter with no space.
            if k > 0, !t.spaceBefore {
                let p = tokens[k - 1]
                if p.kind == .punct && (p.value == 0x23 || p.value == 0x24 || p.value == 0 || p.value == 0x5F || p.value == 0x3D) {
                    tokens[k].blocked = true
                    continue
                }
                if p.kind == .word {
                    tokens[k].blocked = true
                    continue
                }
            }
            // Dotted chains: 1.2.1, 4.02, 2.5 (but "Dec. 19" has a word before the dot).
            if k + 2 < n, tokens[k + 1].isPunct("."), !tokens[k + 1].spaceBefore, tokens[k + 2].kind == .number,
                !tokens[k + 2].spaceBefore
            {
                var j = k
                while j + 2 < n, tokens[j + 1].isPunct("."), !tokens[j + 1].spaceBefore, tokens[j + 2].kind == .number,
                    !tokens[j + 2].spaceBefore
                {
                    tokens[j].blocked = true
                    j += 2
                }
                tokens[j].blocked = true
                // "4.30pm" and "23.59 UTC" are times, not versions (a zone in capitals after a space).
                let zoneAfter = j + 1 < n && tokens[j + 1].has(.zone) && tokens[j + 1].spaceBefore && tokens[j + 1].allCaps
                    && tokens[k].digits <= 2 && tokens[j].digits == 2
                if j + 1 < n, tokens[j + 1].has(.meridiem) && !tokens[j + 1].spaceBefore || zoneAfter, j == k + 2 {
                    tokens[k].blocked = false
                    tokens[j].blocked = false
                }
                k = j
                continue
            }
            if k + 1 < n, !tokens[k + 1].spaceBefore {
                let next = tokens[k + 1]
                // 20% ; 1,000 ; 2-star ; 3x
                if next.isPunct("%") { tokens[k].blocked = true }
                if next.isPunct(","), k + 2 < n, tokens[k + 2].kind == .number, tokens[k + 2].digits == 3,
                    !tokens[k + 2].spaceBefore
                {
                    tokens[k].blocked = true
                    tokens[k + 2].blocked = true
                }
                if next.isPunct("-"), k + 2 < n, tokens[k + 2].kind == .word, !tokens[k + 2].spaceBefore,
                    tokens[k + 2].lex.map({ !$0.has(.month) && !$0.has(.weekday) }) ?? true,
                    !(tokens[k + 2].has(.ordinalWord))
                {
                    tokens[k].blocked = true
                }
            }
        }
    }
}
