public import Foundation

/// Where tests find the repository, its data/ notes and ../shared (present in CI, maybe not elsewhere).
public enum TestPaths {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var data: URL { root.appendingPathComponent("data") }

    /// ../shared, or nil when it is not beside the repository.
    public static var shared: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("seeds").path) else {
            print("note: ../shared is not beside the repository; tests that read it are skipped")
            return nil
        }
        return url
    }

    public static var hasShared: Bool { shared != nil }

    /// A new empty folder under the system's temporary folder.
    public static func temporaryDirectory(_ name: String = "almanac-tests") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The built `almanac` executable beside the test bundle.
    public static var almanacBinary: URL {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("almanac")
    }
}
