public import AlmanacCore
import Foundation

/// Finds the files to read under the paths a user gives: files as given, folders walked recursively
/// (hidden files and folders skipped), sorted so every run reads them in the same order.
///
/// A symbolic link inside a folder is followed (once: a loop ends) when it leads to a file or folder inside
/// one of the given paths; a link leading elsewhere (`/etc`, a home folder) is skipped with a warning
/// unless ``followLinks`` is set (`follow_links: true`), so a stray link never publishes what lies outside
/// the notes.
public struct SourceFinder: Sendable {
    /// Extensions read as notes, plus any others (".ics") the caller wants.
    public var extensions: Set<String>
    /// Follow links that lead out of the given paths too.
    public var followLinks: Bool

    public init(extensions: Set<String> = NoteReader.extensions, followLinks: Bool = false) {
        self.extensions = extensions
        self.followLinks = followLinks
    }

    public func files(in paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        let roots = paths.compactMap(Self.realPath)
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
            walk(path, status, roots: roots, into: &found, visited: &visited, diagnostics: &diagnostics)
            files += found.sorted()
        }
        return (files, diagnostics)
    }

    /// Adds the files with a wanted extension under the folder `path` (`status` is its `stat`). A folder
    /// already walked (a symbolic-link loop) is not walked again. With readdir rather than FileManager's
    /// enumerator: most entries say whether they are folders, so only links need a `stat` of their own,
    /// which makes listing 10,000 notes take milliseconds.
    private func walk(_ path: String, _ status: stat, roots: [String], into found: inout [String], visited: inout Set<[UInt64]>,
        diagnostics: inout [Diagnostic])
    {
        guard visited.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted else { return }
        guard let folder = opendir(path) else {
            let code = errno
            diagnostics.append(.error("cannot read folder (\(NoteReader.reason(errno: code)))", path: path))
            return
        }
        defer { closedir(folder) }
        var folders: [(String, stat)] = []
        while let entry = readdir(folder) {
            let (name, valid) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (String, Bool) in
                let pointer = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                if let valid = String(validatingCString: pointer) { return (valid, true) }
                return (String(cString: pointer), false)
            }
            guard !name.hasPrefix(".") else { continue }
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            var isFolder = Int32(entry.pointee.d_type) == DT_DIR
            var isFile = Int32(entry.pointee.d_type) == DT_REG
            let isLink = Int32(entry.pointee.d_type) == DT_LNK
            if !valid {
                // The name cannot be written back as a path (its bytes are not UTF-8): say so, once.
                if isFolder || extensions.contains((name as NSString).pathExtension.lowercased()) || !isFile {
                    diagnostics.append(.warning("file name is not valid UTF-8; skipped (rename it)", path: full))
                }
                continue
            }
            var child = stat()
            if isFolder || !isFile {
                // A link or an entry of unknown type: what it leads to decides; a dangling link is skipped.
                guard stat(full, &child) == 0 else {
                    let code = errno
                    if code != ENOENT {
                        diagnostics.append(.warning("cannot read (\(NoteReader.reason(errno: code))); skipped", path: full))
                    }
                    continue
                }
                isFolder = child.st_mode & S_IFMT == S_IFDIR
                isFile = child.st_mode & S_IFMT == S_IFREG
            }
            var linkStatus = stat()
            let linked = isLink || (Int32(entry.pointee.d_type) == DT_UNKNOWN
                && lstat(full, &linkStatus) == 0 && linkStatus.st_mode & S_IFMT == S_IFLNK)
            if linked, !followLinks, isFolder || (isFile && extensions.contains((name as NSString).pathExtension.lowercased())) {
                guard let target = Self.realPath(full), roots.contains(where: { Self.isInside(target, $0) }) else {
                    diagnostics.append(.warning(
                        "link to \(Self.realPath(full) ?? "a place outside the sources") leads out of the source folders; not followed (follow_links: true in almanac.yml follows it)",
                        path: full))
                    continue
                }
            }
            if isFolder {
                folders.append((full, child))
            } else if isFile, extensions.contains((name as NSString).pathExtension.lowercased()) {
                found.append(full)
            }
        }
        for (child, status) in folders {
            walk(child, status, roots: roots, into: &found, visited: &visited, diagnostics: &diagnostics)
        }
    }

    /// The path with every link resolved (realpath(3)); nil when it cannot be.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is `root` or lies under it (both resolved).
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
