public import AlmanacCore

/// Checks iCalendar text the way a compiler checks code: every problem with the line it is on.
///
/// Errors are violations of RFC 5545 (and RFC 7986 for the calendar properties it adds); warnings
/// are things calendar clients are known to choke on. libical lets a VEVENT without UID or DTSTAMP
/// and a TZID without its VTIMEZONE pass, and gives no line numbers, so the validator does not use
/// it: it reads the raw bytes, unfolds content lines while remembering the physical line each began
/// on, splits them into name, parameters and value, and checks structure, cardinality, values and
/// references in one pass, in time linear in the size of the file.
///
/// ```swift
/// for diagnostic in ICalendarValidator().validate(text, path: "public/calendar.ics") {
///     print(diagnostic)  // public/calendar.ics:12: error: VEVENT has no UID
/// }
/// ```
public struct ICalendarValidator: Sendable {
    public init() {}

    /// Every problem in `text` (the content of the file at `path`), ordered by line: diagnostics with
    /// `path`, the 1-based physical line in the file (nil for the file as a whole) and a message;
    /// `.error` for violations of RFC 5545/7986, `.warning` for things clients choke on. Empty when
    /// the file is valid.
    public func validate(_ text: String, path: String) -> [Diagnostic] {
        var text = text
        return text.withUTF8 { check($0, path: path) }
    }

    /// Like ``validate(_:path:)`` for the bytes of a file, which need not be UTF-8: invalid UTF-8 is
    /// reported with its line and column, and the rest of the file is still checked.
    public func validate(bytes: [UInt8], path: String) -> [Diagnostic] {
        bytes.withUnsafeBufferPointer { check($0, path: path) }
    }

    /// The longest physical line checked: a longer one (megabytes of NULs, no line breaks) ends the check.
    public static let maximumLineBytes = 1 << 20

    private func check(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> [Diagnostic] {
        // A NUL near the start: a binary file, not text to check line by line.
        if let nul = bytes.prefix(8192).firstIndex(of: 0) {
            var line = 1
            var lineStart = 0
            for k in 0..<nul where bytes[k] == 0x0A {
                line += 1
                lineStart = k + 1
            }
            return [.error("binary file (NUL byte), not an iCalendar file", path: path, line: line, column: nul - lineStart + 1)]
        }
        var checker = Checker(path: path)
        checker.read(bytes)
        return checker.finish()
    }
}

// MARK: - Content lines

/// One unfolded content line: `NAME;PARAM=VALUE,VALUE:value`.
private struct ContentLine {
    /// Upper-cased.
    var name: String
    var parameters: [Parameter]
    var value: String
    /// The physical line the content line begins on.
    var line: Int

    /// The first value of a parameter.
    func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.values.first }
}

private struct Parameter {
    /// Upper-cased.
    var name: String
    /// Without the quotes of quoted values.
    var values: [String]
}

/// A component between its BEGIN and END, with its own properties (not its children's).
private struct OpenComponent {
    var name: String
    var line: Int
    var properties: [ContentLine] = []
    var children = 0
    var observances = 0

    func first(_ name: String) -> ContentLine? { properties.first { $0.name == name } }
}

/// Problems of the raw text that tend to repeat on every line: reported once, at the first line,
/// with a count of the others.
private enum RawProblem: CaseIterable {
    case bareLF, bareCR, long, control, utf8, splitCharacter, emptyLine
}

private struct Tally {
    var first: Diagnostic
    var lines = 1
    var lastLine: Int
}

private enum Byte {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let backslash: UInt8 = 0x5C
}

// MARK: - The checker

private struct Checker {
    let path: String
    private var diagnostics: [Diagnostic] = []
    private var tallies: [RawProblem: Tally] = [:]

    /// The logical line being unfolded: its bytes, the physical line it began on, and where each of
    /// its physical lines starts in it (offset, line number, bytes dropped before it: 1 for the
    /// folding space).
    private var logical: [UInt8] = []
    private var logicalLine: Int?
    private var segments: [(offset: Int, line: Int, skipped: Int)] = []
    private var isEmpty = false

    private var open: [OpenComponent] = []
    /// How many components of each name are open, so an unmatched END is found without searching `open`.
    private var openCounts: [String: Int] = [:]
    private var firstCalendarLine: Int?
    /// VEVENTs without DTSTART, reported when their VCALENDAR turns out to have no METHOD.
    private var eventsWithoutStart: [Int] = []
    /// UID (and RECURRENCE-ID) → the line of the UID that first used it.
    private var uids: [String: Int] = [:]
    /// TZIDs of VTIMEZONEs → the line of their TZID property.
    private var zones: [String: Int] = [:]
    /// TZID parameters in order of first use: the line of the first use and how many uses.
    private var zoneUses: [String: (line: Int, count: Int)] = [:]
    private var zoneOrder: [String] = []

    init(path: String) { self.path = path }

    // MARK: Physical lines

    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        var i = 0
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            warning("file starts with a UTF-8 byte order mark", line: 1)
            i = 3
        }
        guard i < n else {
            isEmpty = true
            return
        }
        var number = 1
        while i < n {
            var end = i
            while end < n, bytes[end] != Byte.lf, bytes[end] != Byte.cr { end += 1 }
            if end - i > ICalendarValidator.maximumLineBytes {
                error("line is \(end - i) octets, over \(ICalendarValidator.maximumLineBytes) (not a calendar?); the rest is not checked", line: number)
                return
            }
            physicalLine(UnsafeBufferPointer(rebasing: bytes[i..<end]), number: number)
            if end == n {
                error("last line does not end with CRLF", line: number)
                i = n
            } else if bytes[end] == Byte.lf {
                tally(.bareLF, .error, "line ends with a bare LF, not CRLF", line: number)
                i = end + 1
            } else if end + 1 < n, bytes[end + 1] == Byte.lf {
                i = end + 2
            } else {
                tally(.bareCR, .error, "line ends with a bare CR, not CRLF", line: number)
                i = end + 1
            }
            number += 1
        }
        flushLogicalLine()
    }

    private mutating func physicalLine(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        if line.count > 75 {
            tally(.long, .warning, "line is \(line.count) octets, over the 75-octet limit", line: number)
        }
        guard let first = line.first else {
            flushLogicalLine()
            tally(.emptyLine, .error, "empty line", line: number)
            return
        }
        if first == Byte.space || first == Byte.tab {
            guard logicalLine != nil else {
                error("continuation line with no content line before it", line: number)
                return
            }
            if line.count > 1, line[1] & 0xC0 == 0x80 {
                tally(.splitCharacter, .warning, "line folded inside a UTF-8 character", line: number)
            }
            segments.append((logical.count, number, 1))
            logical.append(contentsOf: line.dropFirst())
        } else {
            flushLogicalLine()
            logicalLine = number
            segments.append((0, number, 0))
            logical.append(contentsOf: line)
        }
    }

    private mutating func flushLogicalLine() {
        guard let line = logicalLine else { return }
        checkCharacters()
        if let content = parse(line: line) { handle(content) }
        logical.removeAll(keepingCapacity: true)
        segments.removeAll(keepingCapacity: true)
        logicalLine = nil
    }

    /// Valid UTF-8 and no control character but HTAB, anywhere in the (unfolded) line.
    private mutating func checkCharacters() {
        var i = 0
        let n = logical.count
        while i < n {
            let b = logical[i]
            if b < 0x80 {
                if (b < 0x20 && b != Byte.tab) || b == 0x7F {
                    let (line, column) = position(of: i)
                    let code = String(b, radix: 16, uppercase: true)
                    tally(
                        .control, .error,
                        "control character 0x\(code.count == 1 ? "0" : "")\(code); only HTAB is allowed",
                        line: line, column: column)
                }
                i += 1
            } else if let length = Self.utf8Length(logical, at: i) {
                i += length
            } else {
                let (line, column) = position(of: i)
                tally(
                    .utf8, .error, "not valid UTF-8 (byte 0x\(String(b, radix: 16, uppercase: true)))", line: line,
                    column: column)
                i += 1
            }
        }
    }

    /// The physical line and 1-based byte column of an offset in the logical line.
    private func position(of offset: Int) -> (Int, Int) {
        var lo = 0
        var hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if segments[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
        }
        let segment = segments[lo]
        return (segment.line, offset - segment.offset + segment.skipped + 1)
    }

    /// The length of the UTF-8 sequence starting at `i`, or nil when it is not valid UTF-8.
    private static func utf8Length(_ bytes: [UInt8], at i: Int) -> Int? {
        let b = bytes[i]
        let length: Int
        let minimum: UInt32
        if b & 0xE0 == 0xC0 {
            (length, minimum) = (2, 0x80)
        } else if b & 0xF0 == 0xE0 {
            (length, minimum) = (3, 0x800)
        } else if b & 0xF8 == 0xF0 {
            (length, minimum) = (4, 0x10000)
        } else {
            return nil
        }
        guard i + length <= bytes.count else { return nil }
        var scalar = UInt32(b) & (0xFF >> (length + 1))
        for k in 1..<length {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return nil }
        return length
    }

    // MARK: Content lines

    /// Splits the logical line into name, parameters and value; nil (and an error) when it is malformed.
    private mutating func parse(line: Int) -> ContentLine? {
        let bytes = logical
        let n = bytes.count
        var i = 0
        while i < n, bytes[i] != Byte.semicolon, bytes[i] != Byte.colon { i += 1 }
        guard i < n else {
            error("no ':' in content line \(Self.quoted(Self.text(bytes[...])))", line: line)
            return nil
        }
        guard let name = Self.name(bytes[0..<i]) else {
            error(
                i == 0 ? "content line has no name" : "invalid property name \(Self.quoted(Self.text(bytes[0..<i])))",
                line: line)
            return nil
        }
        var parameters: [Parameter] = []
        while bytes[i] == Byte.semicolon {
            i += 1
            let start = i
            while i < n, !Self.endsParameterName(bytes[i]) { i += 1 }
            guard let parameterName = Self.name(bytes[start..<i]) else {
                error("invalid parameter name \(Self.quoted(Self.text(bytes[start..<i]))) on \(name)", line: line)
                return nil
            }
            guard i < n, bytes[i] == Byte.equals else {
                error("parameter \(parameterName) on \(name) has no '=' and value", line: line)
                return nil
            }
            i += 1
            var values: [String] = []
            while true {
                if i < n, bytes[i] == Byte.quote {
                    let start = i + 1
                    i = start
                    while i < n, bytes[i] != Byte.quote { i += 1 }
                    guard i < n else {
                        error("unterminated quoted value of parameter \(parameterName) on \(name)", line: line)
                        return nil
                    }
                    values.append(Self.text(bytes[start..<i]))
                    i += 1
                } else {
                    let start = i
                    while i < n, bytes[i] != Byte.comma, bytes[i] != Byte.semicolon, bytes[i] != Byte.colon {
                        if bytes[i] == Byte.quote {
                            error("'\"' inside the unquoted value of parameter \(parameterName) on \(name)", line: line)
                            return nil
                        }
                        i += 1
                    }
                    values.append(Self.text(bytes[start..<i]))
                }
                guard i < n, bytes[i] == Byte.comma else { break }
                i += 1
            }
            guard i < n else {
                error("no ':' in content line \(Self.quoted(Self.text(bytes[...])))", line: line)
                return nil
            }
            guard bytes[i] == Byte.semicolon || bytes[i] == Byte.colon else {
                error(
                    "unexpected character after the quoted value of parameter \(parameterName) on \(name)", line: line)
                return nil
            }
            if parameters.contains(where: { $0.name == parameterName }) {
                error("parameter \(parameterName) appears more than once on \(name)", line: line)
            } else {
                parameters.append(Parameter(name: parameterName, values: values))
            }
        }
        return ContentLine(name: name, parameters: parameters, value: Self.text(bytes[(i + 1)...]), line: line)
    }

    private static func endsParameterName(_ b: UInt8) -> Bool {
        b == Byte.equals || b == Byte.semicolon || b == Byte.colon || b == Byte.comma || b == Byte.quote
    }

    /// An upper-cased name of letters, digits and '-', or nil.
    private static func name(_ bytes: ArraySlice<UInt8>) -> String? {
        guard !bytes.isEmpty else { return nil }
        var upper: [UInt8] = []
        upper.reserveCapacity(bytes.count)
        for b in bytes {
            switch b {
            case 0x61...0x7A: upper.append(b - 0x20)
            case 0x41...0x5A, 0x30...0x39, 0x2D: upper.append(b)
            default: return nil
            }
        }
        return String(decoding: upper, as: UTF8.self)
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A value for a message: in quotes, shortened when long.
    static func quoted(_ value: String) -> String {
        let shown = value.count > 40 ? value.prefix(39) + "…" : Substring(value)
        return "\"\(shown)\""
    }

    // MARK: Structure

    private mutating func handle(_ content: ContentLine) {
        switch content.name {
        case "BEGIN":
            begin(content)
        case "END":
            end(content)
        default:
            guard !open.isEmpty else {
                error("\(content.name) outside any component", line: content.line)
                return
            }
            checkProperty(content, in: open[open.count - 1].name)
            open[open.count - 1].properties.append(content)
        }
    }

    private mutating func begin(_ content: ContentLine) {
        let valid = Self.name(Array(content.value.utf8)[...])
        let name = valid ?? content.value.uppercased()
        if content.value.isEmpty {
            error("BEGIN has no component name", line: content.line)
        } else if valid == nil {
            error("invalid component name \(Self.quoted(content.value))", line: content.line)
        }
        if !open.isEmpty {
            open[open.count - 1].children += 1
            if name == "STANDARD" || name == "DAYLIGHT" { open[open.count - 1].observances += 1 }
        }
        if name == "VCALENDAR" {
            if let parent = open.last {
                error("VCALENDAR inside \(parent.name)", line: content.line)
            } else if let first = firstCalendarLine {
                warning(
                    "another VCALENDAR (the first begins at line \(first)); most clients read only the first",
                    line: content.line)
            } else {
                firstCalendarLine = content.line
            }
        } else if let parent = open.last {
            if let allowed = Rules.parents[name], !allowed.contains(parent.name) {
                error(
                    "\(name) inside \(parent.name); allowed only in \(allowed.joined(separator: " or "))",
                    line: content.line)
            }
        } else {
            error("\(name) outside VCALENDAR", line: content.line)
        }
        open.append(OpenComponent(name: name, line: content.line))
        openCounts[name, default: 0] += 1
    }

    private mutating func end(_ content: ContentLine) {
        let name = content.value.uppercased()
        guard !name.isEmpty else {
            error("END has no component name", line: content.line)
            return
        }
        guard openCounts[name, default: 0] > 0 else {
            error("END:\(name) with no BEGIN:\(name)", line: content.line)
            return
        }
        // Components opened inside the one END names and never closed are reported, then checked.
        while let component = close() {
            if component.name != name {
                error("BEGIN:\(component.name) has no END:\(component.name)", line: component.line)
            }
            finish(component)
            if component.name == name { return }
        }
    }

    /// Pops the innermost open component.
    private mutating func close() -> OpenComponent? {
        guard let component = open.popLast() else { return nil }
        openCounts[component.name, default: 1] -= 1
        return component
    }

    // MARK: Components

    private mutating func finish(_ component: OpenComponent) {
        checkCardinality(component)
        switch component.name {
        case "VCALENDAR":
            // RFC 5545 3.6: "icalbody = calprops component", at least one; sabre/vobject (Nextcloud) rejects one without.
            if component.children == 0 { error("VCALENDAR has no components (RFC 5545 requires at least one)", line: component.line) }
            if component.first("METHOD") == nil {
                for line in eventsWithoutStart {
                    error("VEVENT has no DTSTART (required when VCALENDAR has no METHOD)", line: line)
                }
            }
            eventsWithoutStart = []
        case "VEVENT":
            if component.first("DTSTART") == nil { eventsWithoutStart.append(component.line) }
            checkTimes(component, end: "DTEND")
            registerUID(component)
        case "VTODO":
            if component.first("DTSTART") == nil, let duration = component.first("DURATION") {
                error("VTODO has DURATION but no DTSTART", line: duration.line)
            }
            checkTimes(component, end: "DUE")
            registerUID(component)
        case "VJOURNAL":
            checkTimes(component, end: nil)
            registerUID(component)
        case "VFREEBUSY":
            checkTimes(component, end: "DTEND")
            registerUID(component)
        case "VTIMEZONE":
            if component.observances == 0 { error("VTIMEZONE has no STANDARD or DAYLIGHT", line: component.line) }
            if let tzid = component.first("TZID") {
                if let first = zones[tzid.value] {
                    error(
                        "another VTIMEZONE for TZID \(Self.quoted(tzid.value)) (the first at line \(first))",
                        line: tzid.line)
                } else {
                    zones[tzid.value] = tzid.line
                }
            }
        case "STANDARD", "DAYLIGHT":
            checkTimes(component, end: nil)
        case "VALARM":
            checkAlarm(component)
        default:
            break
        }
    }

    /// Required properties (exactly once), properties allowed at most once, and pairs that exclude each other.
    private mutating func checkCardinality(_ component: OpenComponent) {
        let required = Rules.required[component.name] ?? []
        let once = Rules.once[component.name] ?? []
        var first: [String: ContentLine] = [:]
        for property in component.properties {
            guard let earlier = first[property.name] else {
                first[property.name] = property
                continue
            }
            let message = "\(component.name) has more than one \(property.name) (the first at line \(earlier.line))"
            if required.contains(property.name) || once.contains(property.name) {
                error(message, line: property.line)
            } else if property.name == "RRULE" {
                warning(message, line: property.line)
            }
        }
        for name in required where first[name] == nil {
            error("\(component.name) has no \(name)", line: component.line)
        }
        if let pair = Rules.exclusive[component.name], let x = first[pair.0], let y = first[pair.1] {
            let (earlier, later) = x.line <= y.line ? (x, y) : (y, x)
            error(
                "\(component.name) has both \(earlier.name) (line \(earlier.line)) and \(later.name)", line: later.line)
        }
    }

    /// DTEND or DUE against DTSTART, DURATION of all-day events, and RRULE's UNTIL.
    private mutating func checkTimes(_ component: OpenComponent, end endName: String?) {
        guard let start = component.first("DTSTART"), let startTime = TimeValue(start) else { return }
        if let endName, let end = component.first(endName), let endTime = TimeValue(end) {
            if startTime.isDate != endTime.isDate {
                error(
                    "\(end.name) is a \(endTime.kind) but DTSTART (line \(start.line)) is a \(startTime.kind)",
                    line: end.line)
                return
            }
            if (startTime.form == .floating) != (endTime.form == .floating) {
                error(
                    "\(end.name) is \(endTime.formName) but DTSTART (line \(start.line)) is \(startTime.formName); "
                        + "both or neither must be floating", line: end.line)
            }
            // Wall-clock times in different zones are compared only when no pair of UTC offsets
            // (−12:00…+14:00) could reverse them.
            let margin = startTime.form == endTime.form ? 0 : 26 * 3600
            if endTime.seconds - startTime.seconds <= -margin {
                error(
                    "\(end.name) \(Self.quoted(end.value)) is not after DTSTART \(Self.quoted(start.value)) "
                        + "(line \(start.line))", line: end.line)
            }
        }
        if component.name == "VEVENT", startTime.isDate, let duration = component.first("DURATION"),
            let value = Duration(duration.value), value.hasTime
        {
            error(
                "DURATION \(Self.quoted(duration.value)) of an all-day VEVENT must be in days or weeks",
                line: duration.line)
        }
        for rule in component.properties where rule.name == "RRULE" {
            guard let until = Recurrence.parts(rule.value)["UNTIL"], let untilTime = TimeValue(until, tzid: nil)
            else { continue }
            let expected: String
            if component.name == "STANDARD" || component.name == "DAYLIGHT" {
                expected = "a UTC DATE-TIME"
            } else if startTime.isDate {
                expected = "a DATE"
            } else if startTime.form == .floating {
                expected = "a floating DATE-TIME"
            } else {
                expected = "a UTC DATE-TIME"
            }
            let actual =
                untilTime.isDate ? "a DATE" : untilTime.form == .utc ? "a UTC DATE-TIME" : "a floating DATE-TIME"
            if actual != expected {
                error(
                    "RRULE UNTIL \(Self.quoted(until)) must be \(expected) to match DTSTART (line \(start.line))",
                    line: rule.line)
            }
        }
    }

    private mutating func checkAlarm(_ alarm: OpenComponent) {
        let action = alarm.first("ACTION")?.value.uppercased()
        let needs: [String]
        switch action {
        case "DISPLAY": needs = ["DESCRIPTION"]
        case "EMAIL": needs = ["DESCRIPTION", "SUMMARY", "ATTENDEE"]
        default: needs = []
        }
        for name in needs where alarm.first(name) == nil {
            error("\(action ?? "") VALARM has no \(name)", line: alarm.line)
        }
        switch (alarm.first("DURATION"), alarm.first("REPEAT")) {
        case (let duration?, nil): error("VALARM has DURATION but no REPEAT", line: duration.line)
        case (nil, let repeatCount?): error("VALARM has REPEAT but no DURATION", line: repeatCount.line)
        default: break
        }
    }

    private mutating func registerUID(_ component: OpenComponent) {
        guard let uid = component.first("UID") else { return }
        var key = uid.value
        var what = "UID \(Self.quoted(uid.value))"
        if let recurrence = component.first("RECURRENCE-ID") {
            key += "\u{0}" + (recurrence.parameter("TZID") ?? "") + "\u{0}" + recurrence.value
            what += " with RECURRENCE-ID \(Self.quoted(recurrence.value))"
        }
        if let first = uids[key] {
            error("duplicate \(what) (the first at line \(first))", line: uid.line)
        } else {
            uids[key] = uid.line
        }
    }

    // MARK: Properties

    private mutating func checkProperty(_ property: ContentLine, in component: String) {
        for parameter in property.parameters where parameter.name == "TZID" {
            let tzid = parameter.values.first ?? ""
            if let use = zoneUses[tzid] {
                zoneUses[tzid] = (use.line, use.count + 1)
            } else {
                zoneUses[tzid] = (property.line, 1)
                zoneOrder.append(tzid)
            }
        }
        let name = property.name
        let value = property.value
        let line = property.line
        let shown = "\(name) \(Self.quoted(value))"
        switch name {
        case "VERSION" where component == "VCALENDAR":
            if value != "2.0" { error("VERSION is \(Self.quoted(value)), not \"2.0\"", line: line) }
        case "CALSCALE":
            if value.uppercased() != "GREGORIAN" {
                error("\(shown) is not GREGORIAN, the only one defined", line: line)
            }
        case "DTSTART", "DTEND", "DUE", "RECURRENCE-ID":
            checkTime(property, in: component)
        case "EXDATE", "RDATE":
            checkTimeList(property)
        case "DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED":
            checkUTC(property, value)
        case "SEQUENCE", "REPEAT":
            if Values.integer(value).map({ $0 < 0 }) ?? true {
                error("\(shown) is not a non-negative integer", line: line)
            }
        case "PRIORITY":
            if !(0...9).contains(Values.integer(value) ?? -1) {
                error("\(shown) is not an integer from 0 to 9", line: line)
            }
        case "PERCENT-COMPLETE":
            if !(0...100).contains(Values.integer(value) ?? -1) {
                error("\(shown) is not an integer from 0 to 100", line: line)
            }
        case "STATUS":
            if let allowed = Rules.statuses[component], !allowed.contains(value.uppercased()) {
                let list = allowed.dropLast().joined(separator: ", ") + " or " + allowed[allowed.count - 1]
                error("\(shown) is not valid in \(component) (\(list))", line: line)
            }
        case "TRANSP":
            if !["OPAQUE", "TRANSPARENT"].contains(value.uppercased()) {
                error("\(shown) is not OPAQUE or TRANSPARENT", line: line)
            }
        case "DURATION":
            if let duration = checkDuration(property) {
                if duration.negative, duration.seconds > 0, component == "VEVENT" || component == "VTODO" {
                    error("\(shown) is negative", line: line)
                }
            }
        case "REFRESH-INTERVAL":
            if property.parameter("VALUE")?.uppercased() != "DURATION" {
                error("REFRESH-INTERVAL needs VALUE=DURATION", line: line)
            }
            if let duration = checkDuration(property), duration.negative || duration.seconds == 0 {
                error("\(shown) is not a positive duration", line: line)
            }
        case "TRIGGER":
            if property.parameter("VALUE")?.uppercased() == "DATE-TIME" {
                checkUTC(property, value)
            } else {
                _ = checkDuration(property)
            }
        case "URL", "SOURCE", "TZURL", "ORGANIZER", "ATTENDEE":
            if let problem = Values.uriProblem(value) {
                error("\(shown) is not a URI (\(problem))", line: line)
            } else if name == "URL" || name == "SOURCE" || name == "TZURL", let colon = value.firstIndex(of: ":"),
                !["http", "https", "mailto", "webcal"].contains(value[..<colon].lowercased())
            {
                // javascript: and data: URLs are valid URIs, and one click from running in a client.
                warning("\(name) has the scheme '\(value[..<colon])': calendar clients open it on a click; publish http, https or mailto links only",
                    line: line)
            }
        case "GEO":
            if !Values.isGeo(value) { error("\(shown) is not latitude;longitude", line: line) }
        case "TZOFFSETFROM", "TZOFFSETTO":
            if !Values.isUTCOffset(value) { error("\(shown) is not a UTC offset (like +0100 or -0530)", line: line) }
        case "RRULE":
            if let problem = Recurrence.problem(value) { error("RRULE \(problem)", line: line) }
        case "UID":
            if value.isEmpty { warning("UID is empty", line: line) }
        case "SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "NAME", "TZNAME":
            if let problem = Values.textProblem(value, list: false) { error("\(name) has \(problem)", line: line) }
        case "CATEGORIES", "RESOURCES":
            if let problem = Values.textProblem(value, list: true) { error("\(name) has \(problem)", line: line) }
        default:
            break
        }
    }

    /// DTSTART, DTEND, DUE, RECURRENCE-ID: the VALUE type, a real date or date-time, TZID only on
    /// non-UTC date-times, and what the component requires of them.
    private mutating func checkTime(_ property: ContentLine, in component: String) {
        guard let type = valueType(of: property, allowed: ["DATE", "DATE-TIME"]) else { return }
        guard checkTimeValue(property, property.value, type: type) else { return }
        let time = TimeValue(property)
        if (component == "STANDARD" || component == "DAYLIGHT") && property.name == "DTSTART" {
            if time?.form != .floating {
                error("DTSTART in \(component) must be a local DATE-TIME (no Z, no TZID)", line: property.line)
            }
        } else if component == "VFREEBUSY", time?.form != .utc {
            error("\(property.name) in VFREEBUSY must be UTC (end in Z)", line: property.line)
        }
    }

    /// EXDATE and RDATE: comma-separated dates, date-times or (RDATE) periods.
    private mutating func checkTimeList(_ property: ContentLine) {
        let allowed = property.name == "RDATE" ? ["DATE", "DATE-TIME", "PERIOD"] : ["DATE", "DATE-TIME"]
        guard let type = valueType(of: property, allowed: allowed) else { return }
        for item in property.value.split(separator: ",", omittingEmptySubsequences: false) {
            if type == "PERIOD" {
                let ends = item.split(separator: "/", omittingEmptySubsequences: false)
                let valid =
                    ends.count == 2 && TimeValue(String(ends[0]), tzid: nil)?.isDate == false
                    && (TimeValue(String(ends[1]), tzid: nil)?.isDate == false || Duration(String(ends[1])) != nil)
                if !valid {
                    error(
                        "\(property.name) \(Self.quoted(String(item))) is not a PERIOD (start/end or start/duration)",
                        line: property.line)
                    return
                }
            } else if !checkTimeValue(property, String(item), type: type) {
                return
            }
        }
    }

    /// The VALUE parameter (DATE-TIME when absent), or nil after reporting one the property cannot have.
    private mutating func valueType(of property: ContentLine, allowed: [String]) -> String? {
        guard let type = property.parameter("VALUE")?.uppercased() else { return "DATE-TIME" }
        guard allowed.contains(type) else {
            error("\(property.name) cannot have VALUE=\(type)", line: property.line)
            return nil
        }
        return type
    }

    /// One DATE or DATE-TIME of `property`; false after reporting a problem.
    private mutating func checkTimeValue(_ property: ContentLine, _ value: String, type: String) -> Bool {
        let name = property.name
        let line = property.line
        let shown = "\(name) \(Self.quoted(value))"
        switch TimeText(value) {
        case .malformed:
            error(
                type == "DATE" ? "\(shown) is not a DATE (YYYYMMDD)" : "\(shown) is not a DATE-TIME (YYYYMMDDTHHMMSS)",
                line: line)
        case .notRealDate:
            error("\(shown) is not a real date", line: line)
        case .notRealTime:
            error("\(shown) is not a real time of day", line: line)
        case .date:
            if type != "DATE" {
                error("\(shown) is a DATE but has no VALUE=DATE", line: line)
            } else if property.parameter("TZID") != nil {
                error("\(name) is a DATE and cannot have a TZID", line: line)
            } else {
                return true
            }
        case .dateTime(_, _, let utc):
            if type == "DATE" {
                error("\(name) has VALUE=DATE but \(Self.quoted(value)) is a DATE-TIME", line: line)
            } else if utc, property.parameter("TZID") != nil {
                error("\(name) has a TZID and a UTC time (Z)", line: line)
            } else {
                return true
            }
        }
        return false
    }

    /// DTSTAMP, CREATED, LAST-MODIFIED, COMPLETED and absolute TRIGGERs: a DATE-TIME in UTC.
    private mutating func checkUTC(_ property: ContentLine, _ value: String) {
        let shown = "\(property.name) \(Self.quoted(value))"
        switch TimeText(value) {
        case .malformed, .date:
            error("\(shown) is not a UTC DATE-TIME (YYYYMMDDTHHMMSSZ)", line: property.line)
        case .notRealDate:
            error("\(shown) is not a real date", line: property.line)
        case .notRealTime:
            error("\(shown) is not a real time of day", line: property.line)
        case .dateTime(_, _, let utc):
            if !utc { error("\(shown) must be UTC (end in Z)", line: property.line) }
        }
    }

    private mutating func checkDuration(_ property: ContentLine) -> Duration? {
        guard let duration = Duration(property.value) else {
            error(
                "\(property.name) \(Self.quoted(property.value)) is not a duration (like PT1H or -P1D)",
                line: property.line)
            return nil
        }
        return duration
    }

    // MARK: Results

    mutating func finish() -> [Diagnostic] {
        while let unclosed = close() {
            error("BEGIN:\(unclosed.name) has no END:\(unclosed.name)", line: unclosed.line)
            finish(unclosed)
        }
        for line in eventsWithoutStart {
            error("VEVENT has no DTSTART (required when VCALENDAR has no METHOD)", line: line)
        }
        for tzid in zoneOrder where zones[tzid] == nil {
            guard let use = zoneUses[tzid] else { continue }
            let more = use.count > 1 ? " (and \(use.count - 1) more use\(use.count > 2 ? "s" : ""))" : ""
            error("TZID \(Self.quoted(tzid)) has no VTIMEZONE\(more)", line: use.line)
        }
        if firstCalendarLine == nil {
            diagnostics.append(.error(isEmpty ? "empty file, no VCALENDAR" : "no VCALENDAR in the file", path: path))
        }
        for problem in RawProblem.allCases {
            guard let tally = tallies[problem] else { continue }
            var diagnostic = tally.first
            if tally.lines > 1 {
                diagnostic.message += " (and \(tally.lines - 1) more line\(tally.lines > 2 ? "s" : ""))"
            }
            diagnostics.append(diagnostic)
        }
        return diagnostics.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            .map(\.element)
    }

    private mutating func error(_ message: String, line: Int) {
        diagnostics.append(.error(message, path: path, line: line))
    }

    private mutating func warning(_ message: String, line: Int) {
        diagnostics.append(.warning(message, path: path, line: line))
    }

    /// Counts a raw-text problem; only its first occurrence becomes a diagnostic.
    private mutating func tally(
        _ problem: RawProblem, _ severity: Diagnostic.Severity, _ message: @autoclosure () -> String, line: Int,
        column: Int? = nil
    ) {
        if var tally = tallies[problem] {
            guard tally.lastLine != line else { return }
            tally.lines += 1
            tally.lastLine = line
            tallies[problem] = tally
        } else {
            let first = Diagnostic(path: path, line: line, column: column, severity: severity, message: message())
            tallies[problem] = Tally(first: first, lastLine: line)
        }
    }
}

// MARK: - Rules

/// RFC 5545 §3.6 (and RFC 7986 §4 for VCALENDAR): what each component must and may have.
private enum Rules {
    /// Properties a component must have exactly once.
    static let required: [String: [String]] = [
        "VCALENDAR": ["PRODID", "VERSION"],
        "VEVENT": ["UID", "DTSTAMP"],
        "VTODO": ["UID", "DTSTAMP"],
        "VJOURNAL": ["UID", "DTSTAMP"],
        "VFREEBUSY": ["UID", "DTSTAMP"],
        "VTIMEZONE": ["TZID"],
        "STANDARD": ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"],
        "DAYLIGHT": ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"],
        "VALARM": ["ACTION", "TRIGGER"],
    ]

    /// Properties a component may have at most once (besides the required ones).
    static let once: [String: Set<String>] = [
        "VCALENDAR": ["CALSCALE", "METHOD", "UID", "LAST-MODIFIED", "URL", "REFRESH-INTERVAL", "SOURCE", "COLOR"],
        "VEVENT": [
            "DTSTART", "CLASS", "CREATED", "DESCRIPTION", "GEO", "LAST-MODIFIED", "LOCATION", "ORGANIZER", "PRIORITY",
            "SEQUENCE", "STATUS", "SUMMARY", "TRANSP", "URL", "RECURRENCE-ID", "DTEND", "DURATION", "COLOR",
        ],
        "VTODO": [
            "CLASS", "COMPLETED", "CREATED", "DESCRIPTION", "DTSTART", "GEO", "LAST-MODIFIED", "LOCATION", "ORGANIZER",
            "PERCENT-COMPLETE", "PRIORITY", "RECURRENCE-ID", "SEQUENCE", "STATUS", "SUMMARY", "URL", "DUE", "DURATION",
            "COLOR",
        ],
        "VJOURNAL": [
            "CLASS", "CREATED", "DTSTART", "LAST-MODIFIED", "ORGANIZER", "RECURRENCE-ID", "SEQUENCE", "STATUS",
            "SUMMARY", "URL", "COLOR",
        ],
        "VFREEBUSY": ["CONTACT", "DTSTART", "DTEND", "ORGANIZER", "URL"],
        "VTIMEZONE": ["LAST-MODIFIED", "TZURL"],
        "VALARM": ["DURATION", "REPEAT", "DESCRIPTION", "SUMMARY"],
    ]

    /// Pairs of properties a component cannot have both of.
    static let exclusive: [String: (String, String)] = ["VEVENT": ("DTEND", "DURATION"), "VTODO": ("DUE", "DURATION")]

    /// The components a component can be directly inside (VCALENDAR: none, it is the top level).
    static let parents: [String: [String]] = [
        "VEVENT": ["VCALENDAR"], "VTODO": ["VCALENDAR"], "VJOURNAL": ["VCALENDAR"], "VFREEBUSY": ["VCALENDAR"],
        "VTIMEZONE": ["VCALENDAR"], "VALARM": ["VEVENT", "VTODO"], "STANDARD": ["VTIMEZONE"],
        "DAYLIGHT": ["VTIMEZONE"],
    ]

    static let statuses: [String: [String]] = [
        "VEVENT": ["TENTATIVE", "CONFIRMED", "CANCELLED"],
        "VTODO": ["NEEDS-ACTION", "COMPLETED", "IN-PROCESS", "CANCELLED"],
        "VJOURNAL": ["DRAFT", "FINAL", "CANCELLED"],
    ]
}

// MARK: - Values

/// A DATE or DATE-TIME as written: `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`.
private enum TimeText {
    case date(CivilDate)
    case dateTime(CivilDate, second: Int, utc: Bool)
    case notRealDate, notRealTime, malformed

    init(_ text: String) {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for b in bytes[from..<(from + count)] {
                guard (0x30...0x39).contains(b) else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        let isDateTime = (bytes.count == 15 || (bytes.count == 16 && bytes[15] == 0x5A)) && bytes[8] == 0x54
        guard bytes.count == 8 || isDateTime, let year = number(0, 4), let month = number(4, 2), let day = number(6, 2)
        else {
            self = .malformed
            return
        }
        guard isDateTime else {
            self = CivilDate(year: year, month: month, day: day).map { .date($0) } ?? .notRealDate
            return
        }
        guard let hour = number(9, 2), let minute = number(11, 2), let second = number(13, 2) else {
            self = .malformed
            return
        }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            self = .notRealDate
            return
        }
        guard hour < 24, minute < 60, second <= 60 else {
            self = .notRealTime
            return
        }
        self = .dateTime(date, second: hour * 3600 + minute * 60 + second, utc: bytes.count == 16)
    }
}

/// A valid DATE or DATE-TIME, for comparing.
private struct TimeValue {
    enum Form: Equatable {
        case date, floating, utc, zoned(String)
    }

    var form: Form
    /// Seconds from 1970-01-01T00:00:00 to the wall-clock time (midnight for a DATE).
    var seconds: Int

    var isDate: Bool { form == .date }
    var kind: String { isDate ? "DATE" : "DATE-TIME" }
    var formName: String {
        switch form {
        case .date: return "a DATE"
        case .floating: return "floating"
        case .utc: return "UTC"
        case .zoned: return "zoned"
        }
    }

    /// The value of DTSTART, DTEND or DUE; nil when it is invalid (and reported already): not a real
    /// date or time, a type its VALUE parameter contradicts, a TZID on a DATE or a UTC time.
    init?(_ property: ContentLine) {
        let type = property.parameter("VALUE")?.uppercased() ?? "DATE-TIME"
        let tzid = property.parameter("TZID")
        self.init(property.value, tzid: tzid)
        guard type == kind, !(tzid != nil && (form == .date || form == .utc)) else { return nil }
    }

    init?(_ text: String, tzid: String?) {
        switch TimeText(text) {
        case .date(let date):
            form = .date
            seconds = date.dayNumber * 86400
        case .dateTime(let date, let second, let utc):
            form = utc ? .utc : tzid.map { .zoned($0) } ?? .floating
            seconds = date.dayNumber * 86400 + second
        case .notRealDate, .notRealTime, .malformed:
            return nil
        }
    }
}

/// A DURATION value: `[+-]P` then weeks alone (`P2W`), or days and/or a time (`P1DT2H`, `PT15M`).
/// The time units must come in order; RFC 5545's grammar also wants them contiguous (`PT1H0M30S`),
/// but libical writes `PT1H30S` and clients read it, so gaps are accepted.
private struct Duration {
    var negative: Bool
    var seconds: Int
    var hasTime: Bool

    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        negative = bytes.first == 0x2D
        if bytes.first == 0x2D || bytes.first == 0x2B { bytes = bytes.dropFirst() }
        guard bytes.popFirst() == 0x50 else { return nil }  // P
        seconds = 0
        var units: [UInt8] = []
        while let b = bytes.first {
            if b == 0x54 {  // T
                units.append(b)
                bytes = bytes.dropFirst()
                continue
            }
            var value = 0
            var digits = 0
            while let d = bytes.first, (0x30...0x39).contains(d), digits < 9 {
                value = value * 10 + Int(d - 0x30)
                digits += 1
                bytes = bytes.dropFirst()
            }
            guard digits > 0, let unit = bytes.popFirst(), let size = Self.unitSeconds[unit] else { return nil }
            units.append(unit)
            seconds += value * size
        }
        hasTime = units.contains(0x54)
        guard Self.isValid(units[...]) else { return nil }
    }

    /// W, D, H, M, S in seconds.
    private static let unitSeconds: [UInt8: Int] = [0x57: 604_800, 0x44: 86400, 0x48: 3600, 0x4D: 60, 0x53: 1]

    /// `W`, or `D`, `DT…`, `T…` where `…` is H, M, S in order, at least one.
    private static func isValid(_ units: ArraySlice<UInt8>) -> Bool {
        if units == [0x57] { return true }
        var rest = units
        if rest.first == 0x44 { rest = rest.dropFirst() }
        if rest.isEmpty { return units.first == 0x44 }
        guard rest.popFirst() == 0x54, !rest.isEmpty else { return false }
        let order: [UInt8] = [0x48, 0x4D, 0x53]
        var last = -1
        for unit in rest {
            guard let rank = order.firstIndex(of: unit), rank > last else { return false }
            last = rank
        }
        return true
    }
}

/// RRULE (RFC 5545 §3.3.10), the parts a feed gets wrong.
private enum Recurrence {
    static let frequencies: Set<String> = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]

    static func parts(_ value: String) -> [String: String] {
        var parts: [String: String] = [:]
        for part in value.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, parts[pair[0].uppercased()] == nil { parts[pair[0].uppercased()] = String(pair[1]) }
        }
        return parts
    }

    /// What is wrong with the rule ("has no FREQ"), or nil.
    static func problem(_ value: String) -> String? {
        for part in value.split(separator: ";", omittingEmptySubsequences: false) where !part.contains("=") {
            return "part \(Checker.quoted(String(part))) is not NAME=VALUE"
        }
        let parts = parts(value)
        guard let frequency = parts["FREQ"] else { return "has no FREQ" }
        if !frequencies.contains(frequency.uppercased()) {
            return "FREQ \(Checker.quoted(frequency)) is not a frequency"
        }
        if parts["COUNT"] != nil, parts["UNTIL"] != nil { return "has both COUNT and UNTIL" }
        for name in ["COUNT", "INTERVAL"] {
            if let text = parts[name], (Values.integer(text) ?? 0) < 1 {
                return "\(name) \(Checker.quoted(text)) is not a positive integer"
            }
        }
        if let until = parts["UNTIL"], TimeValue(until, tzid: nil) == nil {
            return "UNTIL \(Checker.quoted(until)) is not a DATE or DATE-TIME"
        }
        return nil
    }
}

private enum Values {
    /// `[+-]digits` within the range of an iCalendar INTEGER.
    static func integer(_ text: String) -> Int? {
        var digits = Substring(text)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int(text), (-2_147_483_648...2_147_483_647).contains(value)
        else { return nil }
        return value
    }

    /// Why `text` is not a URI (no scheme, a space), or nil when it looks like one.
    static func uriProblem(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter,
            text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return "no scheme" }
        if text.unicodeScalars.contains(where: { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "<" || $0 == ">" }) {
            return "has a space or a quote"
        }
        if text.index(after: colon) == text.endIndex { return "nothing after the scheme" }
        return nil
    }

    /// `latitude;longitude`, two FLOATs in range.
    static func isGeo(_ text: String) -> Bool {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.count == 2, let latitude = float(parts[0]), let longitude = float(parts[1]) else { return false }
        return abs(latitude) <= 90 && abs(longitude) <= 180
    }

    static func float(_ text: Substring) -> Double? {
        var body = text
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count),
            pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return Double(text)
    }

    /// `(+|-)HHMM[SS]`; -0000 is not allowed.
    static func isUTCOffset(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 5 || bytes.count == 7, bytes[0] == 0x2B || bytes[0] == 0x2D,
            bytes.dropFirst().allSatisfy({ (0x30...0x39).contains($0) })
        else { return false }
        let digits = bytes.dropFirst().map { Int($0 - 0x30) }
        let hours = digits[0] * 10 + digits[1]
        let minutes = digits[2] * 10 + digits[3]
        let seconds = digits.count == 6 ? digits[4] * 10 + digits[5] : 0
        guard hours < 24, minutes < 60, seconds < 60 else { return false }
        return !(bytes[0] == 0x2D && hours == 0 && minutes == 0 && seconds == 0)
    }

    /// What is wrong with a TEXT value (an unescaped ';', a bad escape), or nil. `list`: commas separate values.
    static func textProblem(_ text: String, list: Bool) -> String? {
        var escaped = false
        for scalar in text.unicodeScalars {
            if escaped {
                guard "\\;,Nn".unicodeScalars.contains(scalar) else { return "an invalid escape \"\\\(scalar)\"" }
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == ";" || (scalar == "," && !list) {
                return "an unescaped '\(scalar)'"
            }
        }
        return escaped ? "a lone backslash at the end" : nil
    }
}
