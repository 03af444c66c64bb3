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

    /// A new empty folder under the system's temporary folder, removed when the test process exits.
    public static func temporaryDirectory(_ name: String = "almanac-tests") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryFolders.shared.add(url)
        return url
    }

    /// The built `almanac` executable beside the test bundle.
    public static var almanacBinary: URL {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("almanac")
    }
}

/// Folders made by ``TestPaths/temporaryDirectory(_:)``, deleted at exit so test runs leave /tmp as they found it.
private final class TemporaryFolders: @unchecked Sendable {
    static let shared = TemporaryFolders()
    private let lock = NSLock()
    private var folders: [URL] = []

    private init() {
        atexit { TemporaryFolders.shared.removeAll() }
    }

    func add(_ url: URL) {
        lock.lock()
        folders.append(url)
        lock.unlock()
    }

    private func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
        folders = []
    }
}
