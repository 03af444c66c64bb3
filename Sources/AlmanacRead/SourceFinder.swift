public import AlmanacCore
import Foundation

/// Finds the files to read under the paths a user gives: files as given, folders walked recursively
/// (hidden files and folders skipped), sorted so every run reads them in the same order.
public struct SourceFinder: Sendable {
    /// Extensions read as notes, plus any others (".ics") the caller wants.
    public var extensions: Set<String>

    public init(extensions: Set<String> = NoteReader.extensions) { self.extensions = extensions }

    public func files(in paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(.error("no such file or folder", path: path))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                diagnostics.append(.error("cannot read folder", path: path))
                continue
            }
            var found: [String] = []
            var visited = Set<String>()
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let full = (path as NSString).appendingPathComponent(relative)
                if name.hasPrefix(".") {
                    enumerator.skipDescendants()
                    continue
                }
                var childIsDirectory: ObjCBool = false
                guard manager.fileExists(atPath: full, isDirectory: &childIsDirectory) else { continue }
                if childIsDirectory.boolValue {
                    // Symbolic-link loops: a folder whose real path was seen is not walked again.
                    let real = (full as NSString).resolvingSymlinksInPath
                    if !visited.insert(real).inserted { enumerator.skipDescendants() }
                    continue
                }
                if extensions.contains((name as NSString).pathExtension.lowercased()) { found.append(full) }
            }
            if !manager.isReadableFile(atPath: path) {
                diagnostics.append(.error("cannot read folder (permission denied)", path: path))
            }
            files += found.sorted()
        }
        return (files, diagnostics)
    }
}
