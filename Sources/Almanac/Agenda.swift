public import AlmanacCore
public import AlmanacModel

/// What is coming up: items whose dates are within a window after a given day (and, for deadlines,
/// those closed recently), with a countdown. The basis of `almanac deadlines` and `almanac upcoming`.
public struct Agenda: Sendable {
    public struct Entry: Sendable, Hashable {
        public var item: ModelItem
        /// Days from the as-of day to the item's day (negative once passed).
        public var days: Int
        /// "today", "tomorrow", "in 3 days", "in 2 weeks", "closed 2 days ago", "3 days ago".
        public var countdown: String
        public var open: Bool
    }

    /// The day to count from.
    public var asOf: CivilDate
    /// How far ahead to look, in days.
    public var within: Int
    /// How far back to show items already passed, in days (0: none).
    public var past: Int

    public init(asOf: CivilDate, within: Int = 30, past: Int = 0) {
        self.asOf = asOf
        self.within = within
        self.past = past
    }

    /// The model's dated items that `include` accepts, in date order.
    public func entries(_ model: Model, include: (ModelItem) -> Bool = { _ in true }) -> [Entry] {
        var result: [Entry] = []
        for entry in model.items where include(entry) && entry.item.status != .cancelled {
            guard let day = Self.closingDay(entry.item.when), entry.item.when.precision != .year else { continue }
            let days = day.dayNumber - asOf.dayNumber
            guard days <= within, days >= -past else { continue }
            let last = (entry.item.when.lastDay ?? day).dayNumber - asOf.dayNumber
            let open = last >= 0
            // A range that has started but not ended is "on now".
            let countdown = days < 0 && open ? "until \(entry.item.when.lastDay ?? day)" : Self.countdown(days, deadline: entry.item.kind == .deadline)
            result.append(Entry(item: entry, days: days, countdown: countdown, open: open))
        }
        return result.sorted { ($0.days, $0.item.item.title) < ($1.days, $1.item.item.title) }
    }

    /// The day that counts: a deadline's day in its own zone (AoE when stated, so a deadline closing
    /// today is open until the end of today there), an event's first day.
    static func closingDay(_ when: When) -> CivilDate? {
        guard let start = when.start, when.isDated else { return nil }
        return start
    }

    public static func countdown(_ days: Int, deadline: Bool) -> String {
        switch days {
        case 0: return "today"
        case 1: return "tomorrow"
        case -1: return deadline ? "closed yesterday" : "yesterday"
        case 2..<14: return "in \(days) days"
        case 14...: return days % 7 == 0 ? "in \(days / 7) weeks" : "in \(days) days"
        default: return deadline ? "closed \(-days) days ago" : "\(-days) days ago"
        }
    }
}
