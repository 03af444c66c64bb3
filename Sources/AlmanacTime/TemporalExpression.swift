public import AlmanacCore

/// A date, range, time or period found in text, resolved against a reference date.
public struct TemporalExpression: Sendable, Hashable {
    /// UTF-8 offsets of the expression in the text that was tagged.
    public var range: Range<Int>
    /// 1-based line and column (UTF-8) of the expression's first byte in that text.
    public var line: Int
    public var column: Int
    /// The words as written.
    public var text: String
    /// The resolved value: start, inclusive end, precision, zone, tentative.
    public var when: When
    /// The parts the text states outright.
    public var stated: DateParts
    /// The parts the tagger filled in (a year from the reference date, a date for a bare time).
    public var inferred: DateParts
    /// Which way the sentence leans ("was" → past, "will" → future); used to pick missing years.
    public var tense: Tense
    /// True for expressions that only fix a period vaguely ("later in the year", "a couple of weeks ago").
    public var vague: Bool
    /// The year was inferred and another year was nearly as likely ("22 Jan" written in July).
    public var yearWasCloseCall: Bool = false
    /// Why the words, which look like a date, name none ("on 0001-01-01", "Dec 32", "31 February"): the text
    /// is left undated and the reason is reported (``TemporalTagger/tagReporting(_:reference:skip:)``).
    public var problem: String?

    public enum Tense: String, Sendable, Hashable {
        case past, neutral, future
    }
}

/// Parts of a date or time.
public struct DateParts: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let year = DateParts(rawValue: 1 << 0)
    public static let month = DateParts(rawValue: 1 << 1)
    public static let day = DateParts(rawValue: 1 << 2)
    public static let weekday = DateParts(rawValue: 1 << 3)
    public static let time = DateParts(rawValue: 1 << 4)
    public static let zone = DateParts(rawValue: 1 << 5)
    /// The date is relative to the reference date ("tomorrow", "next week").
    public static let relative = DateParts(rawValue: 1 << 6)
}

extension DateParts: CustomStringConvertible {
    public var description: String {
        let names: [(DateParts, String)] = [
            (.year, "year"), (.month, "month"), (.day, "day"), (.weekday, "weekday"), (.time, "time"),
            (.zone, "zone"), (.relative, "relative"),
        ]
        return names.filter { contains($0.0) }.map(\.1).joined(separator: ",")
    }
}
