import AlmanacNames
import AlmanacCore

/// A fixed set of lower-case cue words, asked "is this word in you?" many times per sentence.
///
/// `Set<String>` hashes the asked word with SipHash on every question; here each word of a note is
/// hashed once (FNV-1a over its UTF-8 bytes, ``WordHash``) when the note is cut into words, and a
/// question is a probe of a small open-addressing table of those hashes plus one byte comparison on a
/// hit. A 256-bit signature of the set lets a sentence rule the whole set out in four AND operations.
///
/// Membership is the same as `Set<String>`'s. Two ASCII strings are equal exactly when their bytes
/// are; a non-ASCII word can only equal (canonically) an ASCII member when it holds one of the three
/// characters whose canonical form is ASCII (U+037E, U+1FEF, U+212A: ``WordHash/isExotic(_:)``), and
/// such a word, or any non-ASCII word when the set has non-ASCII members, is compared with `==`.
struct WordSet: ExpressibleByArrayLiteral, Sequence, Sendable {
    /// The members, in the order given (duplicates dropped).
    private(set) var members: [String] = []
    /// Open-addressing table of member hashes (0: empty slot) and the member index in each slot.
    private var hashes: [UInt64]
    private var slots: [Int32]
    private var mask: Int
    let signature: WordSignature
    /// Every member is ASCII (true of every cue list): the byte test is exact for all but exotic words.
    let allASCII: Bool

    init(_ words: some Sequence<String>) {
        var unique: [String] = []
        var seen = Set<String>()
        for word in words where seen.insert(word).inserted {
            // A sentence is asked word by word: a member with a space could never be found (see PhraseSet).
            precondition(!word.contains(" "), "WordSet member '\(word)' is not one word")
            unique.append(word)
        }
        var size = 8
        while size < unique.count * 3 { size *= 2 }
        var hashes = [UInt64](repeating: 0, count: size)
        var slots = [Int32](repeating: -1, count: size)
        var signature = WordSignature()
        for (index, word) in unique.enumerated() {
            let hash = WordHash.of(word)
            signature.insert(hash)
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while hashes[slot] != 0 { slot = (slot + 1) & (size - 1) }
            hashes[slot] = hash
            slots[slot] = Int32(index)
        }
        self.members = unique
        self.hashes = hashes
        self.slots = slots
        self.mask = size - 1
        self.signature = signature
        self.allASCII = unique.allSatisfy(\.isASCII)
    }

    init(arrayLiteral elements: String...) { self.init(elements) }

    func makeIterator() -> IndexingIterator<[String]> { members.makeIterator() }

    var count: Int { members.count }

    func union(_ other: some Sequence<String>) -> WordSet { WordSet(members + Array(other)) }

    /// Whether `word`, whose ``WordHash`` is `hash`, is a member.
    @inline(__always)
    func contains(_ word: String, hash: UInt64, ascii: Bool, exotic: Bool) -> Bool {
        if exotic || (!ascii && !allASCII) { return members.contains(word) }
        guard signature.mayContain(hash) else { return false }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let h = hashes[slot]
            if h == 0 { return false }
            if h == hash, WordHash.sameBytes(members[Int(slots[slot])], word) { return true }
            slot = (slot + 1) & mask
        }
    }

    func contains(_ word: String) -> Bool {
        let ascii = word.isASCII
        return contains(word, hash: WordHash.of(word), ascii: ascii, exotic: !ascii && WordHash.isExotic(word))
    }

    @inline(__always)
    func contains(_ word: Word) -> Bool { contains(word.lower, hash: word.hash, ascii: word.ascii, exotic: word.exotic) }
}

/// A 256-bit Bloom signature of a set of word hashes (one bit a word): bit `hash >> 56`, in the lane
/// the top two bits choose (indexed, so a test is a load and a mask, with no branch on the lane).
struct WordSignature: Sendable {
    var lanes = SIMD4<UInt64>(repeating: 0)

    @inline(__always)
    mutating func insert(_ hash: UInt64) {
        lanes[Int(truncatingIfNeeded: hash >> 62)] |= 1 << ((hash >> 56) & 63)
    }

    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
        lanes[Int(truncatingIfNeeded: hash >> 62)] & (1 << ((hash >> 56) & 63)) != 0
    }

    @inline(__always)
    func intersects(_ other: WordSignature) -> Bool {
        lanes & other.lanes != SIMD4(repeating: 0)
    }

    /// A signature that says "maybe" to everything (for sentences with a non-ASCII word).
    static let all = WordSignature(lanes: SIMD4(repeating: ~0))
}

enum WordHash {
    /// FNV-1a of the UTF-8 bytes, never 0, with the bits mixed so the top bits (the signature's) vary.
    @inline(__always)
    static func of(_ word: String) -> UInt64 {
        finish(Hash.fnv1a(word))
    }

    @inline(__always)
    static func of(_ bytes: some Sequence<UInt8>) -> UInt64 {
        finish(Hash.fnv1a(bytes))
    }

    @inline(__always)
    static func finish(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h == 0 ? 1 : h
    }

    /// Holds U+037E, U+1FEF or U+212A, the characters whose canonical decomposition is ASCII (";", "`",
    /// "K"), so that it may equal an ASCII string.
    static func isExotic(_ word: String) -> Bool {
        word.unicodeScalars.contains { $0.value == 0x037E || $0.value == 0x1FEF || $0.value == 0x212A }
    }

    /// Byte equality on the strings' contiguous UTF-8 (comparing the two `UTF8View`s element by element
    /// costs hundreds of instructions on short words).
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let (x, y) = (a.utf8, b.utf8)
        guard x.count == y.count else { return false }
        let same = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in
                for i in 0..<p.count where p[i] != q[i] { return false }
                return true
            }
        }
        return same.flatMap { $0 } ?? x.elementsEqual(y)
    }
}

/// The word lists rules ask about inline, built once.
extension WordSet {
    static let events_cfp: WordSet = ["cfp", "deadline", "closes", "registration", "applications"]
    static let events_another: WordSet = ["another", "other", "previous", "last"]
    static let meetings_cancelled: WordSet = ["cancelled", "canceled", "skip", "skipping"]
    static let meetings_scheduled: WordSet = ["scheduled", "resume", "will", "moved", "rescheduled", "take", "place"]
    static let projects_will: WordSet = ["will", "would", "could", "willing", "might", "may"]
    static let projects_mentoring: WordSet = ["mentoring", "mentor", "mentors", "mentored"]
    static let projects_finished: WordSet = ["finished", "completed", "done", "merged", "wrapped"]
    static let projects_mentoring2: WordSet = ["mentoring", "mentor", "mentors", "mentored", "supervising", "leading", "leads"]
    static let releases_conditional: WordSet = ["if", "whether", "need", "needs", "should"]
    static let releases_went: WordSet = ["went", "out", "released", "shipped", "tagged", "published"]
    static let releases_due: WordSet = ["due", "soon", "out", "coming", "ready", "shape", "gearing", "brink", "cut", "cutting", "made", "make", "making", "released", "planned", "scheduled", "imminent", "upcoming", "next", "preparing", "prepare"]
    static let status_will: WordSet = ["will", "scheduled", "confirmed"]
    static let status_scheduled: WordSet = ["scheduled", "confirmed", "registered"]
}

/// Phrases of one or more words, found in a sentence as whole words in a row (lower-cased, punctuation
/// skipped): where a ``WordSet`` answers for one word, this answers for "called off" or "got in the way".
struct PhraseSet: Sendable {
    let phrases: [[String]]

    init(_ phrases: [String]) {
        self.phrases = phrases.map { $0.split(separator: " ").map(String.init) }
    }
}

extension Sentence {
    /// Whether one of the phrases occurs in the sentence, word for word.
    func has(_ set: PhraseSet) -> Bool {
        let lower = words.filter(\.isWord).map(\.lower)
        return set.phrases.contains { phrase in
            lower.count >= phrase.count && (0...(lower.count - phrase.count)).contains { start in
                phrase.indices.allSatisfy { lower[start + $0] == phrase[$0] }
            }
        }
    }
}
