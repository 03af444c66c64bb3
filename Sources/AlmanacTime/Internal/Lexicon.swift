import AlmanacCore

/// What a word can mean to the date grammar. One word may have several roles ("may" is a month and a
/// modal verb, "last" a modifier and a past cue); the grammar decides from context.
struct Lex: Sendable {
    struct Roles: OptionSet, Sendable {
        let rawValue: UInt32
        static let month = Roles(rawValue: 1 << 0)
        static let weekday = Roles(rawValue: 1 << 1)
        static let dayWord = Roles(rawValue: 1 << 2)  // today, tomorrow, yesterday, tonight
        static let modifier = Roles(rawValue: 1 << 3)  // next, last, this, coming, following, previous
        static let unit = Roles(rawValue: 1 << 4)  // day, week, weekend, month, year, quarter, fortnight
        static let numberWord = Roles(rawValue: 1 << 5)  // a, one, two, couple, few
        static let part = Roles(rawValue: 1 << 6)  // early, mid, late, end, beginning, start, middle
        static let meridiem = Roles(rawValue: 1 << 7)  // am, pm
        static let timeWord = Roles(rawValue: 1 << 8)  // noon, midnight
        static let zone = Roles(rawValue: 1 << 9)
        static let hedge = Roles(rawValue: 1 << 10)
        static let pastCue = Roles(rawValue: 1 << 11)
        static let futureCue = Roles(rawValue: 1 << 12)
        static let quarter = Roles(rawValue: 1 << 13)  // q1..q4
        static let ago = Roles(rawValue: 1 << 14)
        static let ambiguous = Roles(rawValue: 1 << 15)  // month/weekday word that is also a common word or name
        static let abbreviation = Roles(rawValue: 1 << 16)  // jan, feb, mon, tue…
        static let vague = Roles(rawValue: 1 << 17)  // couple, few, several, later, sometime
        static let ordinalWord = Roles(rawValue: 1 << 18)  // first, second, third, fourth
        static let preposition = Roles(rawValue: 1 << 19)  // in, on, at, by, during, until, since, of, for
        static let durationLead = Roles(rawValue: 1 << 20)  // for, lasting, over
        static let relativeEdge = Roles(rawValue: 1 << 21)  // earlier, later
        static let auxiliary = Roles(rawValue: 1 << 22)  // will, is, are, to: "will be held" looks ahead
    }

    var roles: Roles
    /// Month 1–12, weekday 1–7 (ISO), number, unit, zone index, day offset: by role.
    var value: Int = 0

    func has(_ role: Roles) -> Bool { roles.contains(role) }
}

enum Unit: Int {
    case day = 1, week, weekend, fortnight, month, quarter, year
}

enum Part: Int {
    case early = 1, mid, late, end, beginning
}

/// Keyword tables: one place to add a word.
enum Lexicon {
    static let months: [(String, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
        ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9),
        ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ]
    static let weekdays: [(String, Int)] = [
        ("monday", 1), ("tuesday", 2), ("wednesday", 3), ("thursday", 4), ("friday", 5), ("saturday", 6),
        ("sunday", 7), ("mon", 1), ("tue", 2), ("tues", 2), ("wed", 3), ("weds", 3), ("thu", 4), ("thur", 4), ("thurs", 4),
        ("fri", 5), ("sat", 6), ("sun", 7), ("mondays", 1), ("tuesdays", 2), ("wednesdays", 3), ("thursdays", 4),
        ("fridays", 5),
    ]
    /// Month and weekday words that are also ordinary words or names: they need a number or a
    /// preposition beside them to count as dates.
    static let ambiguous: Set<String> = [
        "may", "march", "jan", "mar", "jun", "sat", "sun", "wed", "weds", "mon", "dec", "sept", "aug", "august",
        "thu", "fri", "tue", "oct", "nov", "feb", "apr", "jul", "sep", "thur", "thurs", "tues",
    ]
    static let dayWords: [(String, Int)] = [("today", 0), ("tonight", 0), ("tomorrow", 1), ("yesterday", -1)]
    static let modifiers: [(String, Int)] = [
        ("next", 1), ("last", -1), ("this", 0), ("coming", 1), ("following", 1), ("previous", -1), ("past", -1),
        ("upcoming", 1),
    ]
    static let units: [(String, Unit)] = [
        ("day", .day), ("days", .day), ("week", .week), ("weeks", .week), ("weekend", .weekend),
        ("weekends", .weekend), ("fortnight", .fortnight), ("fortnights", .fortnight), ("month", .month),
        ("months", .month), ("quarter", .quarter), ("quarters", .quarter), ("year", .year), ("years", .year),
        ("week's", .week), ("weeks'", .week), ("month's", .month), ("year's", .year), ("day's", .day),
    ]
    static let numberWords: [(String, Int)] = [
        ("a", 1), ("an", 1), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6),
        ("seven", 7), ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("couple", 2),
        ("few", 3), ("several", 3),
    ]
    static let vague: Set<String> = ["couple", "few", "several", "later", "sometime", "soon"]
    static let parts: [(String, Part)] = [
        ("early", .early), ("mid", .mid), ("middle", .mid), ("late", .late), ("end", .end),
        ("beginning", .beginning), ("start", .beginning),
    ]
    static let ordinalWords: [(String, Int)] = [("first", 1), ("second", 2), ("third", 3), ("fourth", 4)]
    static let hedges: Set<String> = [
        "tbc", "tbd", "tba", "probably", "tentatively", "tentative", "likely", "maybe", "perhaps", "possibly",
        "hopefully", "hoping", "hope", "sometime", "provisionally", "provisional", "pencilled", "penciled",
        "might", "may", "unconfirmed", "approximately", "roughly", "expected", "ish",
    ]
    static let pastCues: Set<String> = [
        "was", "were", "took", "happened", "held", "released", "had", "did", "went", "ago", "previously",
        "earlier", "recently", "gave", "attended", "visited", "presented", "spoke", "ran", "launched",
        "announced", "shipped", "published", "merged", "completed", "finished", "saw", "met", "last", "been",
        "yesterday", "closed", "ended", "occurred", "came", "joined", "demoed", "submitted", "organised",
        "organized", "hosted",
    ]
    static let futureCues: Set<String> = [
        "will", "shall", "going", "closes", "close", "due", "scheduled", "planned", "planning", "upcoming", "next",
        "coming", "soon", "deadline", "until", "till", "expected", "plan", "aim", "aiming", "hoping", "hope",
        "tomorrow", "ahead", "future", "opens", "starts", "begins", "needs", "need", "intend", "propose",
        "proposed", "looking", "gearing", "tentatively", "'ll", "once",
        // "was postponed to 20 February": a new date lies ahead.
        "postponed", "rescheduled", "delayed", "deferred", "moved", "pushed",
    ]
    static let prepositions: Set<String> = [
        "in", "on", "at", "by", "during", "until", "till", "since", "of", "for", "before", "after", "from",
        "around", "through", "throughout", "within", "over", "to", "between", "circa",
    ]
    static let durationLeads: Set<String> = ["for", "lasting", "over", "takes", "take", "took", "spent", "spend"]

    /// Time zones: name as normalised, fixed offset in minutes (nil for regions with daylight saving), IANA id.
    static let zones: [(String, String, Int?, String?)] = [
        ("utc", "UTC", 0, nil), ("gmt", "GMT", 0, nil), ("z", "UTC", 0, nil), ("aoe", "AoE", -720, nil),
        ("cet", "CET", 60, nil), ("cest", "CEST", 120, nil), ("bst", "BST", 60, nil), ("wet", "WET", 0, nil),
        ("west", "WEST", 60, nil), ("eet", "EET", 120, nil), ("eest", "EEST", 180, nil),
        ("pst", "PST", -480, nil), ("pdt", "PDT", -420, nil), ("est", "EST", -300, nil), ("edt", "EDT", -240, nil),
        ("cst", "CST", -360, nil), ("cdt", "CDT", -300, nil), ("mst", "MST", -420, nil), ("mdt", "MDT", -360, nil),
        ("jst", "JST", 540, nil), ("kst", "KST", 540, nil), ("aest", "AEST", 600, nil), ("aedt", "AEDT", 660, nil),
        ("nzst", "NZST", 720, nil), ("nzdt", "NZDT", 780, nil), ("hkt", "HKT", 480, nil), ("sgt", "SGT", 480, nil),
        ("pt", "PT", nil, "America/Los_Angeles"), ("et", "ET", nil, "America/New_York"),
        ("ct", "CT", nil, "America/Chicago"), ("mt", "MT", nil, "America/Denver"),
        ("uk", "UK time", nil, "Europe/London"),
        // More of the usual abbreviations; words that are also English words ("eat", "cat", "art") are left out.
        ("ist", "IST", 330, nil), ("msk", "MSK", 180, nil), ("hst", "HST", -600, nil), ("akst", "AKST", -540, nil),
        ("akdt", "AKDT", -480, nil), ("awst", "AWST", 480, nil), ("acst", "ACST", 570, nil), ("acdt", "ACDT", 630, nil),
        ("brt", "BRT", -180, nil), ("sast", "SAST", 120, nil), ("wib", "WIB", 420, nil), ("ict", "ICT", 420, nil),
        ("pht", "PHT", 480, nil), ("nzt", "NZT", nil, "Pacific/Auckland"), ("aet", "AET", nil, "Australia/Sydney"),
        ("pacific", "Pacific", nil, "America/Los_Angeles"), ("eastern", "Eastern", nil, "America/New_York"),
    ]

    /// The lexicon as a hash table keyed by the lowercased word's FNV-1a hash.
    static let table: [UInt64: (word: [UInt8], lex: Lex)] = {
        var entries: [String: Lex] = [:]
        func add(_ word: String, _ role: Lex.Roles, _ value: Int? = nil) {
            var lex = entries[word] ?? Lex(roles: [])
            lex.roles.insert(role)
            if let value { lex.value = value }
            entries[word] = lex
        }
        for (word, month) in months { add(word, .month, month) }
        for (word, day) in weekdays { add(word, .weekday, day) }
        for word in ambiguous { add(word, .ambiguous) }
        for (word, _) in months + weekdays where word.count <= 4 && word != "june" && word != "july" { add(word, .abbreviation) }
        for (word, offset) in dayWords { add(word, .dayWord, offset) }
        for (word, direction) in modifiers { add(word, .modifier, direction) }
        for (word, unit) in units { add(word, .unit, unit.rawValue) }
        for (word, number) in numberWords { add(word, .numberWord, number) }
        for word in vague { add(word, .vague) }
        for (word, part) in parts { add(word, .part, part.rawValue) }
        for (word, number) in ordinalWords { add(word, .ordinalWord, number) }
        for word in hedges { add(word, .hedge) }
        for word in pastCues { add(word, .pastCue) }
        for word in futureCues { add(word, .futureCue) }
        for word in prepositions { add(word, .preposition) }
        for word in durationLeads { add(word, .durationLead) }
        for word in ["will", "shall", "'ll", "is", "are", "being", "to", "going", "gets"] { add(word, .auxiliary) }
        for (index, zone) in zones.enumerated() { add(zone.0, .zone, index) }
        for quarter in 1...4 { add("q\(quarter)", .quarter, quarter) }
        add("am", .meridiem, 0)
        add("pm", .meridiem, 12)
        add("a.m", .meridiem, 0)
        add("p.m", .meridiem, 12)
        add("noon", .timeWord, 12)
        add("midday", .timeWord, 12)
        add("midnight", .timeWord, 0)
        add("ago", .ago)
        add("earlier", .relativeEdge, -1)
        add("later", .relativeEdge, 1)

        var table: [UInt64: (word: [UInt8], lex: Lex)] = [:]
        for (word, lex) in entries {
            let bytes = Array(word.utf8)
            table[bytes.withUnsafeBufferPointer { hash($0) }] = (bytes, lex)
        }
        return table
    }()

    /// `table` as an open-addressing table of its hashes: a lookup per word token without hashing the
    /// hash again (SipHash) as a `Dictionary<UInt64, …>` does.
    static let probe = HashProbe(table)

    struct HashProbe: Sendable {
        private var keys: [UInt64]
        private var slots: [Int32]
        private var entries: [(word: [UInt8], lex: Lex)]
        private var mask: Int

        init(_ table: [UInt64: (word: [UInt8], lex: Lex)]) {
            var size = 16
            while size < table.count * 4 { size *= 2 }
            keys = Array(repeating: 0, count: size)
            slots = Array(repeating: -1, count: size)
            entries = []
            mask = size - 1
            for (key, entry) in table {
                var slot = Self.start(key, mask)
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                keys[slot] = key
                slots[slot] = Int32(entries.count)
                entries.append(entry)
            }
        }

        @inline(__always)
        static func start(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: key ^ (key >> 31)) & mask }

        @inline(__always)
        func find(_ key: UInt64) -> (word: [UInt8], lex: Lex)? {
            var slot = Self.start(key, mask)
            while true {
                let index = slots[slot]
                if index < 0 { return nil }
                if keys[slot] == key { return entries[Int(index)] }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a over ASCII-lowercased bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        Hash.fnv1a(bytes.lazy.map { $0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) })
    }

    /// The lexicon entry for a word (any case), if it is a keyword.
    @inline(__always)
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Lex? {
        guard bytes.count <= 12, let entry = probe.find(hash(bytes)), entry.word.count == bytes.count else { return nil }
        var i = 0
        for expected in entry.word {
            let byte = bytes[i]
            if (byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)) != expected { return nil }
            i += 1
        }
        return entry.lex
    }

    static func zone(_ index: Int) -> (name: String, offset: Int?, tzid: String?) {
        let entry = zones[index]
        return (entry.1, entry.2, entry.3)
    }
}
