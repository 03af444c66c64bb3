import Foundation

/// The folder `collect` writes into, which it never reads as a source: its feeds read back would join
/// the model as calendars (`collect . --out .`, run twice, read its own meetings.ics).
struct OutputFolder {
    /// Absolute and standardized, with a trailing "/".
    let prefix: String

    init(_ folder: String) {
        var path = Self.absolute(folder)
        if !path.hasSuffix("/") { path += "/" }
        prefix = path
    }

    /// `paths` without those inside the folder.
    func excluded(from paths: [String]) -> [String] {
        paths.filter { !Self.absolute($0).hasPrefix(prefix) }
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
