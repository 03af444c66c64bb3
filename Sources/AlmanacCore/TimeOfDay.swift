/// A wall-clock time, minutes precision.
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutesSinceMidnight < rhs.minutesSinceMidnight }
}

extension TimeOfDay: CustomStringConvertible {
    /// `HH:MM`.
    public var description: String { "\(CivilDate.pad(hour, 2)):\(CivilDate.pad(minute, 2))" }
}
