public import AlmanacCore
import Foundation

/// Finds the files to read under the paths a user gives: files as given, folders walked recursively
/// (hidden files and folders skipped, symbolic links followed once), sorted so every run reads them in
/// the same order.
public struct SourceFinder: Sendable {
    /// Extensions read as notes, plus any others (".ics") the caller wants.
    public var extensions: Set<String>

    public init(extensions: Set<String> = NoteReader.extensions) { self.extensions = extensions }

    public func files(in paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                diagnostics.append(.error("no such file or folder", path: path))
                continue
            }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                files.append(path)
                continue
            }
            var found: [String] = []
            var visited: Set<[UInt64]> = []
            walk(path, status, into: &found, visited: &visited, diagnostics: &diagnostics)
            files += found.sorted()
        }
        return (files, diagnostics)
    }

    /// Adds the files with a wanted extension under the folder `path` (`status` is its `stat`). A folder
    /// already walked (a symbolic-link loop) is not walked again. With readdir rather than FileManager's
    /// enumerator: most entries say whether they are folders, so only links need a `stat` of their own,
    /// which makes listing 10,000 notes take milliseconds.
    private func walk(_ path: String, _ status: stat, into found: inout [String], visited: inout Set<[UInt64]>,
        diagnostics: inout [Diagnostic])
    {
        guard visited.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted else { return }
        guard let folder = opendir(path) else {
            diagnostics.append(.error(errno == EACCES ? "cannot read folder (permission denied)" : "cannot read folder", path: path))
            return
        }
        defer { closedir(folder) }
        var folders: [(String, stat)] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            guard !name.hasPrefix(".") else { continue }
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            var isFolder = Int32(entry.pointee.d_type) == DT_DIR
            var isFile = Int32(entry.pointee.d_type) == DT_REG
            var child = stat()
            if isFolder || !isFile {
                // A link or an entry of unknown type: what it leads to decides; a dangling link is skipped.
                guard stat(full, &child) == 0 else { continue }
                isFolder = child.st_mode & S_IFMT == S_IFDIR
                isFile = child.st_mode & S_IFMT == S_IFREG
            }
            if isFolder {
                folders.append((full, child))
            } else if isFile, extensions.contains((name as NSString).pathExtension.lowercased()) {
                found.append(full)
            }
        }
        for (child, status) in folders {
            walk(child, status, into: &found, visited: &visited, diagnostics: &diagnostics)
        }
    }
}
