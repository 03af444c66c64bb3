import Foundation

/// The IANA zone names the system's tz database knows, for times a note gives "at 10:00 Europe/Lisbon".
enum ZoneNames {
    /// By lower-cased name; only names of the "Area/Location" form (the abbreviations are the lexicon's).
    private static let names: [String: String] = {
        var names: [String: String] = [:]
        for identifier in TimeZone.knownTimeZoneIdentifiers where identifier.contains("/") {
            names[identifier.lowercased()] = identifier
        }
        return names
    }()

    /// `name` as the tz database spells it, when it is a zone's name (in any case).
    static func canonical(_ name: String) -> String? { names[name.lowercased()] }
}
