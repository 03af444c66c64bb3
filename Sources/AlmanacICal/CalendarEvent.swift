public import AlmanacCore

/// A moment or day as a calendar writes it.
public enum EventTime: Sendable, Hashable {
    /// An all-day date (`VALUE=DATE`).
    case date(CivilDate)
    /// An instant in UTC (`...Z`).
    case utc(CivilDate, TimeOfDay)
    /// A wall-clock time with no zone (the subscriber's local time).
    case floating(CivilDate, TimeOfDay)
    /// A wall-clock time in an IANA zone, written with a `TZID` and a `VTIMEZONE`.
    case zoned(CivilDate, TimeOfDay, tzid: String)

    public var date: CivilDate {
        switch self {
        case .date(let d), .utc(let d, _), .floating(let d, _), .zoned(let d, _, _): return d
        }
    }
}

/// One VEVENT, as the views build it from the model.
public struct CalendarEvent: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case tentative = "TENTATIVE"
        case confirmed = "CONFIRMED"
        case cancelled = "CANCELLED"
    }

    public var uid: String
    public var summary: String
    public var description: String?
    public var location: String?
    public var url: String?
    public var categories: [String]
    public var status: Status
    public var start: EventTime
    /// Exclusive end (the day after the last day for all-day events).
    public var end: EventTime
    public var sequence: Int
    /// DTSTAMP and LAST-MODIFIED: derived from the notes, never from the clock.
    public var stamp: CivilDate
    /// Minutes before the start at which to remind (VALARM), empty for none.
    public var alarms: [Int]

    public init(
        uid: String, summary: String, description: String? = nil, location: String? = nil, url: String? = nil,
        categories: [String] = [], status: Status = .confirmed, start: EventTime, end: EventTime, sequence: Int = 0,
        stamp: CivilDate, alarms: [Int] = []
    ) {
        self.uid = uid
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.categories = categories
        self.status = status
        self.start = start
        self.end = end
        self.sequence = sequence
        self.stamp = stamp
        self.alarms = alarms
    }
}

/// What a feed says about itself (RFC 7986 NAME, DESCRIPTION, REFRESH-INTERVAL, and the X-WR-
/// equivalents older clients read).
public struct FeedInfo: Sendable, Hashable {
    public var name: String
    public var description: String
    /// How often subscribers should refresh, in minutes (default 12 h).
    public var refreshMinutes: Int

    public init(name: String, description: String, refreshMinutes: Int = 12 * 60) {
        self.name = name
        self.description = description
        self.refreshMinutes = refreshMinutes
    }
}
