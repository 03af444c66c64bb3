import Foundation

/// The folder `collect` writes into, which it never reads as a source: its feeds read back would join
/// the model as calendars (`collect . --out .`, run twice, read its own meetings.ics), and its board as a
/// projects list.
///
/// A folder among or inside the sources (`notes/public`) is left out whole; when the output folder is a
/// source folder itself, or holds one (`collect . --out .`), only the files `collect` writes there are.
public struct OutputFolder: Sendable {
    /// Absolute and standardized, with a trailing "/".
    let prefix: String
    /// The files `collect` writes in it.
    let names: Set<String>

    public init(_ folder: String, names: Set<String>) {
        var path = Self.absolute(folder)
        if !path.hasSuffix("/") { path += "/" }
        prefix = path
        self.names = names
    }

    /// The output folder of `configuration`, with the files its run writes.
    public init(_ configuration: Configuration) {
        let feeds = Publisher(configuration: configuration).feeds.map(\.file)
        self.init(configuration.output, names: Set(feeds + ["projects.md", "items.json", "index.html"]))
    }

    /// `paths` (found under `roots`, the sources as given) without those `collect` writes.
    func excluded(from paths: [String], roots: [String]) -> [String] {
        let cwd = FileManager.default.currentDirectoryPath
        let holdsASource = roots.contains { root in
            var root = Self.absolute(root)
            if !root.hasSuffix("/") { root += "/" }
            return root.hasPrefix(prefix)
        }
        return paths.filter { path in
            let absolute = Self.absolute(path, in: cwd)
            guard absolute.hasPrefix(prefix) else { return true }
            guard holdsASource else { return false }
            let rest = absolute.dropFirst(prefix.count)
            return rest.contains("/") || !names.contains(String(rest))
        }
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The same, quickly for the usual path (no ".", ".." or "//" in it): a run lists thousands.
    static func absolute(_ path: String, in cwd: String) -> String {
        guard !path.contains("/.") && !path.hasPrefix(".") && !path.contains("//") && !path.isEmpty else { return absolute(path) }
        return path.hasPrefix("/") ? path : (cwd.hasSuffix("/") ? cwd + path : cwd + "/" + path)
    }
}
