public import AlmanacCore
import Foundation

/// Another calendar's events as items (a community's feed, a conference calendar): they join the model
/// beside what the notes say, matched to extracted items by UID or by name and date, and keep their UIDs.
///
/// Each VEVENT becomes one item "mentioned" on the date of its LAST-MODIFIED (else DTSTAMP, else
/// DTSTART), so a later change to the calendar is a later revision of the item.
public struct ICalendarImporter: Sendable {
    public init() {}

    public func read(contentsOf path: String) -> (events: [(NoteInfo, Item)], diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ([], [.warning("cannot read calendar; skipped", path: path)])
        }
        return read(bytes: [UInt8](data), path: path)
    }

    public func read(bytes: [UInt8], path: String) -> (events: [(NoteInfo, Item)], diagnostics: [Diagnostic]) {
        // RFC 5545 §3.1: unfold first, then decode; a fold may fall inside a UTF-8 character.
        guard let text = String(validating: Self.unfolded(bytes), as: UTF8.self) else {
            return ([], [.warning("calendar is not valid UTF-8; skipped", path: path)])
        }
        // Lines are counted in the file as it is, folds and all.
        return read(text: text, path: path, lines: Self.uidLines(String(decoding: bytes, as: UTF8.self)))
    }

    public func read(text: String, path: String) -> (events: [(NoteInfo, Item)], diagnostics: [Diagnostic]) {
        read(text: text, path: path, lines: Self.uidLines(text))
    }

    func read(text: String, path: String, lines: [String: Int]) -> (events: [(NoteInfo, Item)], diagnostics: [Diagnostic]) {
        guard let calendar = ICalendarReader().parse(text), calendar.name == "VCALENDAR" || !calendar.components.isEmpty else {
            return ([], [.warning("not an iCalendar file (libical found no calendar); skipped", path: path, line: 1)])
        }
        var diagnostics = calendar.errors.map { Diagnostic.warning("libical: \($0)", path: path) }
        let ownFeed = calendar["PRODID"]?.value.contains("//Almanac//") == true
        var events: [(NoteInfo, Item)] = []
        let vevents = calendar.name == "VEVENT" ? [calendar] : calendar.components(named: "VEVENT")
        for event in vevents {
            let uid = event["UID"]?.value
            guard let summary = event["SUMMARY"]?.value, !summary.isEmpty, let start = event["DTSTART"]?.time else {
                diagnostics.append(.warning("event \(uid ?? "without UID") has no SUMMARY or DTSTART; skipped", path: path,
                    line: uid.flatMap { lines[$0] }))
                continue
            }
            let line = uid.flatMap { lines[$0] } ?? 1
            var item = Item(kind: Self.kind(event), subkind: Self.subkind(event), title: ownFeed ? Self.undecorated(summary) : summary,
                when: Self.when(start: start, end: event["DTEND"]?.time), status: .scheduled,
                location: event["LOCATION"]?.value, url: event["URL"]?.value,
                sources: [Evidence(path: path, line: line, quote: summary)], tags: event.all("CATEGORIES").flatMap { $0.value.split(separator: ",").map(String.init) },
                externalUID: uid)
            switch event["STATUS"]?.value.uppercased() {
            case "TENTATIVE":
                item.status = .tentative
                item.when.tentative = true
            case "CANCELLED":
                item.status = .cancelled
            default:
                break
            }
            // Almanac keeps one date per item: a series is its first occurrence, and says so.
            if let rule = event["RRULE"] ?? event["RDATE"] {
                let what = event["RRULE"] != nil ? "RRULE:\(rule.value)" : "RDATE"
                diagnostics.append(.warning("event '\(summary)' repeats (\(what)); only its first occurrence, \(start.date), is kept",
                    path: path, line: line))
            }
            let stamp = (event["LAST-MODIFIED"]?.time ?? event["DTSTAMP"]?.time ?? start).date
            let info = NoteInfo(path: path, date: stamp, dateSource: .calendar, title: calendar["X-WR-CALNAME"]?.value ?? calendar["NAME"]?.value,
                format: .calendar)
            events.append((info, item))
        }
        return (events, diagnostics)
    }

    /// The bytes with every line fold (CRLF or LF, then a space or a tab) removed.
    static func unfolded(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0D, i + 2 < n, bytes[i + 1] == 0x0A, bytes[i + 2] == 0x20 || bytes[i + 2] == 0x09 {
                i += 3
                continue
            }
            if b == 0x0A, i + 1 < n, bytes[i + 1] == 0x20 || bytes[i + 1] == 0x09 {
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }

    /// A title of Almanac's own feed without what FeedBuilder adds to it ("(tentative)", "Cancelled: ",
    /// "(April 2016, date to be confirmed)", "(16:00, time zone not stated)"): read back, the item keeps its title.
    static func undecorated(_ summary: String) -> String {
        var title = summary
        if title.hasPrefix("Cancelled: ") { title.removeFirst("Cancelled: ".count) }
        for suffix in [" (tentative)"] where title.hasSuffix(suffix) { title.removeLast(suffix.count) }
        for marker in [", date to be confirmed)", ", time zone not stated)"] where title.hasSuffix(marker) {
            if let open = title.range(of: " (", options: .backwards) { title = String(title[..<open.lowerBound]) }
        }
        return title.isEmpty ? summary : title
    }

    /// The line of each `UID:` in the raw text, for provenance.
    static func uidLines(_ text: String) -> [String: Int] {
        var result: [String: Int] = [:]
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            if line.hasPrefix("UID:") {
                let uid = line.dropFirst(4).trimmingCharacters(in: .whitespacesAndNewlines)
                if result[uid] == nil { result[uid] = number }
            }
        }
        return result
    }

    static func when(start: EventTime, end: EventTime?) -> When {
        switch start {
        case .date(let day):
            var when = When.day(day)
            if case .date(let last)? = end, last.dayNumber - day.dayNumber > 1 { when.end = last.adding(days: -1) }
            return when
        case .utc(let day, let time), .floating(let day, let time), .zoned(let day, let time, _):
            var when = When(start: day, startTime: time, precision: .datetime)
            switch start {
            case .utc: when.zone = Zone(name: "UTC", utcOffsetMinutes: 0)
            case .zoned(_, _, let tzid): when.zone = Zone(name: tzid, tzid: tzid)
            default: break
            }
            switch end {
            case .utc(let d, let t)?, .floating(let d, let t)?, .zoned(let d, let t, _)?:
                when.endTime = t
                if d != day { when.end = d }
            default: break
            }
            return when
        }
    }

    /// A deadline when its categories or summary say so, a meeting when they say call or meeting.
    static func kind(_ event: ParsedComponent) -> Item.Kind {
        let categories = event.all("CATEGORIES").map { $0.value.lowercased() }.joined(separator: ",")
        let summary = (event["SUMMARY"]?.value ?? "").lowercased()
        if categories.contains("deadline") || categories.contains("cfp") || summary.contains("cfp") || summary.contains("deadline")
            || summary.contains("call for papers") || summary.contains("closes")
        {
            return .deadline
        }
        if categories.contains("meeting") || categories.contains("call") { return .meeting }
        return .event
    }

    static func subkind(_ event: ParsedComponent) -> Item.Subkind? {
        let categories = event.all("CATEGORIES").flatMap { $0.value.lowercased().split(separator: ",").map(String.init) }
        return categories.compactMap(Item.Subkind.init(rawValue:)).first { $0 != .other }
    }
}
