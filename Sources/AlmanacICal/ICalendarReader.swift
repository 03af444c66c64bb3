internal import CLibical
import AlmanacCore

/// An iCalendar document as libical parsed it: components, their properties, and the problems
/// libical noted (`X-LIC-ERROR`).
public struct ParsedComponent: Sendable, Hashable {
    public var name: String
    public var properties: [ParsedProperty]
    public var components: [ParsedComponent]

    public func all(_ name: String) -> [ParsedProperty] { properties.filter { $0.name == name } }
    public subscript(_ name: String) -> ParsedProperty? { properties.first { $0.name == name } }

    /// Every descendant component with this name (VEVENT, VTIMEZONE…).
    public func components(named name: String) -> [ParsedComponent] {
        components.flatMap { ($0.name == name ? [$0] : []) + $0.components(named: name) }
    }

    /// Every X-LIC-ERROR libical added anywhere below.
    public var errors: [String] {
        all("X-LIC-ERROR").map(\.value) + components.flatMap(\.errors)
    }
}

public struct ParsedProperty: Sendable, Hashable {
    public var name: String
    /// TEXT values unescaped; other values as iCalendar writes them.
    public var value: String
    public var parameters: [String: String]
    /// DATE and DATE-TIME values, decoded.
    public var time: EventTime?
}

/// Reads .ics text through libical's parser.
public struct ICalendarReader: Sendable {
    public init() {}

    /// Parses `text`; nil when libical finds no component at all.
    public func parse(_ text: String) -> ParsedComponent? {
        CLibical_clear_errno()
        guard let raw = icalparser_parse_string(text) else { return nil }
        let root = Component(owning: raw)
        return root.withPointer { Self.convert($0) }
    }

    static func convert(_ component: OpaquePointer) -> ParsedComponent {
        let kind = icalcomponent_isa(component)
        let name = icalcomponent_kind_to_string(kind).map { String(cString: $0) } ?? "UNKNOWN"
        var properties: [ParsedProperty] = []
        var property = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY)
        while let p = property {
            properties.append(convertProperty(p))
            property = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY)
        }
        var children: [ParsedComponent] = []
        var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
        while let c = child {
            children.append(convert(c))
            child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
        }
        return ParsedComponent(name: name, properties: properties, components: children)
    }

    static func convertProperty(_ p: OpaquePointer) -> ParsedProperty {
        let name = icalproperty_get_property_name(p).map { String(cString: $0) } ?? ""
        var parameters: [String: String] = [:]
        if let tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER), let value = icalparameter_get_tzid(tzid) {
            parameters["TZID"] = String(cString: value)
        }
        if let valueParameter = icalproperty_get_first_parameter(p, ICAL_VALUE_PARAMETER) {
            parameters["VALUE"] = icalparameter_get_value(valueParameter) == ICAL_VALUE_DATE ? "DATE" : "OTHER"
        }
        var text = ""
        var time: EventTime?
        if let value = icalproperty_get_value(p) {
            let valueKind = icalvalue_isa(value)
            if valueKind == ICAL_TEXT_VALUE, let raw = icalvalue_get_text(value) {
                text = String(cString: raw)
            } else if let raw = icalproperty_get_value_as_string_r(p) {
                text = String(cString: raw)
                icalmemory_free_buffer(raw)
            }
            if valueKind == ICAL_DATE_VALUE || valueKind == ICAL_DATETIME_VALUE {
                time = Self.time(icalvalue_get_datetime(value), tzid: parameters["TZID"])
            }
        }
        return ParsedProperty(name: name, value: text, parameters: parameters, time: time)
    }

    static func time(_ t: icaltimetype, tzid: String?) -> EventTime? {
        guard let date = CivilDate(year: Int(t.year), month: Int(t.month), day: Int(t.day)) else { return nil }
        if t.is_date != 0 { return .date(date) }
        guard let clock = TimeOfDay(hour: Int(t.hour), minute: Int(t.minute)) else { return nil }
        if icaltime_is_utc(t) != 0 { return .utc(date, clock) }
        if let tzid { return .zoned(date, clock, tzid: tzid) }
        return .floating(date, clock)
    }
}
