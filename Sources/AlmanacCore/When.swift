/// How exact a date is, from a minute to "some time that year".
public enum Precision: String, Sendable, Hashable, Codable, CaseIterable {
    case datetime, day, week, month, quarter, year, none

    /// The coarser scale used by the items JSON (`datetime | day | month | year | none`):
    /// a week is a range of days, a quarter a range of months.
    public var reported: Precision {
        switch self {
        case .week: return .day
        case .quarter: return .month
        default: return self
        }
    }
}

/// A time zone as a note states it ("UTC", "AoE", "10am PT").
public struct Zone: Sendable, Hashable, Codable {
    /// The name as written, normalised to its usual spelling ("AoE", "UTC", "PT").
    public var name: String
    /// A fixed offset from UTC in minutes, when the name denotes one (AoE = -720, CET = +60).
    public var utcOffsetMinutes: Int?
    /// An IANA zone, when the name denotes a region that observes daylight saving ("PT").
    public var tzid: String?

    public init(name: String, utcOffsetMinutes: Int? = nil, tzid: String? = nil) {
        self.name = name
        self.utcOffsetMinutes = utcOffsetMinutes
        self.tzid = tzid
    }
}

/// When something happens, as precisely as the note says: a day, a range, a month, a timed slot.
///
/// `end` is inclusive (the last day of a range). Month, quarter and year precision keep `start` at
/// the first day of the period, and `end` at the first day of the last month/year of a range.
public struct When: Sendable, Hashable, Codable {
    public var start: CivilDate?
    public var startTime: TimeOfDay?
    public var end: CivilDate?
    public var endTime: TimeOfDay?
    public var precision: Precision
    public var zone: Zone?
    public var tentative: Bool

    public init(
        start: CivilDate?, startTime: TimeOfDay? = nil, end: CivilDate? = nil, endTime: TimeOfDay? = nil,
        precision: Precision, zone: Zone? = nil, tentative: Bool = false
    ) {
        self.start = start
        self.startTime = startTime
        self.end = end
        self.endTime = endTime
        self.precision = precision
        self.zone = zone
        self.tentative = tentative
    }

    /// A single day.
    public static func day(_ date: CivilDate, tentative: Bool = false) -> When {
        When(start: date, precision: .day, tentative: tentative)
    }

    /// No date at all ("NEXT YEAR!" for a call, "needs a date").
    public static let undated = When(start: nil, precision: .none)

    public var isDated: Bool { start != nil && precision != .none }

    /// The first day of the period (`start`), and the last day it covers.
    public var lastDay: CivilDate? {
        guard let start else { return nil }
        let last = end ?? start
        switch precision {
        case .month, .quarter: return last.lastOfMonth
        case .year: return CivilDate(year: last.year, month: 12, day: 31)
        default: return last
        }
    }

    /// The start as the items JSON writes it: `YYYY-MM-DDTHH:MM`, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public var startText: String? { start.map { Self.format($0, time: startTime, precision: precision) } }

    /// The end as the items JSON writes it, or nil for a single day/period.
    public var endText: String? {
        guard start != nil else { return nil }
        if let end, end != start || (endTime != nil && endTime != startTime) {
            return Self.format(end, time: endTime, precision: precision)
        }
        if end == nil, let endTime, let start, endTime != startTime {
            return Self.format(start, time: endTime, precision: precision)
        }
        return nil
    }

    static func format(_ date: CivilDate, time: TimeOfDay?, precision: Precision) -> String {
        switch precision.reported {
        case .datetime:
            if let time { return "\(date)T\(time)" }
            return date.description
        case .month: return "\(CivilDate.pad(date.year, 4))-\(CivilDate.pad(date.month, 2))"
        case .year: return CivilDate.pad(date.year, 4)
        default: return date.description
        }
    }
}
