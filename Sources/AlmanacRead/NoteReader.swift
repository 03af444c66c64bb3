public import AlmanacCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading one file gave: the note (nil when it was skipped) and what was wrong with it.
public struct ReadOutcome: Sendable {
    public var note: Note?
    public var diagnostics: [Diagnostic]

    public init(note: Note?, diagnostics: [Diagnostic]) {
        self.note = note
        self.diagnostics = diagnostics
    }
}

/// Source → Note: decodes a file, splits front matter from body, parses the body in its format and
/// finds the note's own date (front matter, else the text, else the path, else the page's year, else
/// the last commit with `--dates-from-git`; see ``NoteDating``).
///
/// ```swift
/// let outcome = NoteReader().read(contentsOf: "notes/2015-12-16.md")
/// outcome.note?.info.date        // 2015-12-16
/// outcome.diagnostics            // [] or "notes/x.md:3:7: warning: ..."
/// ```
///
/// A note with no date is reported and skipped, never guessed.
public struct NoteReader: Sendable {
    /// Files larger than this are reported and skipped.
    public var maximumBytes: Int
    /// The dates of the commits that last changed the notes, for notes that give no date of their own
    /// (`--dates-from-git`); nil to never run git.
    public var commitDates: CommitDates?

    public init(maximumBytes: Int = 64 << 20, commitDates: CommitDates? = nil) {
        self.maximumBytes = maximumBytes
        self.commitDates = commitDates
    }

    /// The formats read by extension; `.txt` is sniffed (Markdown with front matter, rendered page text,
    /// reStructuredText, or a pipermail archive of mail).
    public static let extensions: Set<String> = [
        "md", "markdown", "mdown", "mkd", "txt", "text", "html", "htm", "xhtml", "adoc", "asciidoc", "org", "rst", "rest", "eml", "mbox",
    ]

    /// The file's text, or why it cannot be read as a note (size, binary, not UTF-8, empty).
    public func text(contentsOf path: String) -> (text: String?, diagnostics: [Diagnostic]) {
        let (bytes, problems) = bytes(contentsOf: path)
        guard let bytes else { return (nil, problems) }
        return decode(bytes, path: path)
    }

    /// The file's bytes, or why it cannot be read (missing, unreadable, over the size limit). One
    /// open, fstat and read straight into the array: on a folder of small notes, Foundation's `Data`
    /// and attribute dictionary cost more than the read.
    public func bytes(contentsOf path: String) -> (bytes: [UInt8]?, diagnostics: [Diagnostic]) {
        func failure(_ code: Int32) -> ([UInt8]?, [Diagnostic]) {
            (nil, [.warning("cannot read file: \(Self.reason(errno: code)); skipped", path: path)])
        }
        func tooLarge(_ size: Int) -> ([UInt8]?, [Diagnostic]) {
            (nil, [.warning("file is \(size) bytes, over the \(maximumBytes)-byte limit for a note; skipped", path: path)])
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return failure(errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return failure(errno) }
        let size = Int(status.st_size)
        if size > maximumBytes { return tooLarge(size) }
        // Read to the end, whatever the size said (a file may grow meanwhile; some report 0).
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= maximumBytes else { return tooLarge(count) }
                bytes += [UInt8](repeating: 0, count: max(4096, count))
            }
            let got = bytes.withUnsafeMutableBytes { Self.readBytes(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                return failure(errno)
            }
            if got == 0 { break }
            count += got
        }
        if count > maximumBytes { return tooLarge(count) }
        bytes.removeLast(bytes.count - count)
        return (bytes, [])
    }

    /// Bytes as text, or why they are no note.
    public func decode(_ bytes: [UInt8], path: String) -> (text: String?, diagnostics: [Diagnostic]) {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return (nil, [.warning("empty note; skipped", path: path)])
        }
        if let nul = bytes.prefix(8192).firstIndex(of: 0) {
            let (line, column) = Self.position(of: nul, in: bytes)
            return (nil, [.warning("binary file (NUL byte), not a note; skipped", path: path, line: line, column: column)])
        }
        // The standard library validates and copies in one pass; the byte at fault is looked for only
        // when it fails.
        if let text = String(validating: bytes, as: UTF8.self) { return (text, []) }
        guard let bad = Self.firstInvalidUTF8(bytes) else { return (String(decoding: bytes, as: UTF8.self), []) }
        let (line, column) = Self.position(of: bad, in: bytes)
        return (nil, [
            .warning("not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))); skipped", path: path,
                line: line, column: column)
        ])
    }

    /// Reads the note in the file at `path` (for a mail file, its first message; ``readAll(bytes:path:)`` reads all).
    public func read(contentsOf path: String) -> ReadOutcome {
        let (bytes, problems) = bytes(contentsOf: path)
        guard let bytes else { return ReadOutcome(note: nil, diagnostics: problems) }
        return read(bytes: bytes, path: path)
    }

    /// Reads a note from its bytes; `path` names it in diagnostics and chooses the format by extension.
    public func read(bytes: [UInt8], path: String) -> ReadOutcome {
        if Self.isMail(path: path, bytes: bytes) {
            return readAll(bytes: bytes[...], path: path).first
                ?? ReadOutcome(note: nil, diagnostics: [.warning("no message in the file; skipped", path: path, line: 1, column: 1)])
        }
        let (text, diagnostics) = decode(bytes, path: path)
        guard let text else { return ReadOutcome(note: nil, diagnostics: diagnostics) }
        return read(text: text, path: path)
    }

    /// Reads a note from decoded text.
    public func read(text: String, path: String) -> ReadOutcome {
        let format = Self.format(of: path, text: text)
        var diagnostics: [Diagnostic] = []
        var title: String?
        var titleLine: Int?
        var stated: NoteDate?
        var front: FrontMatter?
        var authors: [String] = []
        var permalink: String?
        let document: Document
        /// What the front matter gives the note.
        func take(_ split: FrontMatter) {
            front = split
            diagnostics += split.diagnostics
            title = split.title
            titleLine = split.titleLine
            authors = split.authors
            permalink = split.permalink
            if let date = split.date { stated = NoteDate(date, .frontMatter) }
        }

        switch format {
        case .html:
            let page = HTMLParser().parse(text)
            document = page.document
            title = page.title
            titleLine = page.titleLine
            if let date = page.date { stated = NoteDate(date, .pageMetadata) }
        case .markdown, .text, .calendar:
            let split = FrontMatter.split(text, path: path)
            take(split)
            document = format == .markdown
                ? MarkdownParser().parse(String(split.body), firstLine: split.bodyLine)
                : TextParser().parse(String(split.body), firstLine: split.bodyLine)
        case .restructuredText, .asciiDoc, .org:
            // YAML (or, for RST, an RFC 822 header block) first; then the markup's own metadata.
            var body = text
            var bodyLine = 1
            if format == .restructuredText || text.hasPrefix("---") || text.hasPrefix("+++") {
                let split = FrontMatter.split(text, path: path)
                if split.form != .none {
                    take(split)
                    body = String(split.body)
                    bodyLine = split.bodyLine
                }
            }
            let metadata: MarkupMetadata
            switch format {
            case .restructuredText: (document, metadata) = RSTParser().read(body, firstLine: bodyLine, path: path)
            case .asciiDoc: (document, metadata) = AsciiDocParser().read(body, firstLine: bodyLine, path: path)
            default: (document, metadata) = OrgParser().read(body, firstLine: bodyLine, path: path)
            }
            diagnostics += metadata.diagnostics
            if title == nil, let stated = metadata.title {
                title = stated
                titleLine = metadata.titleLine
            }
            if authors.isEmpty { authors = metadata.authors }
            if stated == nil, let date = metadata.date { stated = NoteDate(date, .frontMatter) }
        case .mail:
            return readAll(bytes: Array(text.utf8)[...], path: path).first
                ?? ReadOutcome(note: nil, diagnostics: [.warning("no message in the file; skipped", path: path, line: 1, column: 1)])
        }

        // The title a note states in its opening blocks; the author of its byline.
        let opening = document.blocks.prefix(6).filter { $0.line <= (document.blocks.first?.line ?? 1) + 40 }
        if title == nil, let heading = opening.first(where: { $0.isHeading }) {
            title = heading.text
            titleLine = heading.line
        }
        if authors.isEmpty, stated == nil, let byline = opening.lazy.compactMap({ Byline.parse($0.text) }).first {
            authors = [byline.author]
        }
        let dating = NoteDating(path: path, front: front, title: title, blocks: document.blocks,
            commitDate: commitDates.map { dates in { dates.date(ofFileAt: path) } })
        guard let found = dating.noteDate(stated: stated) else {
            diagnostics.append(.warning(
                "note has no date (none in front matter, text or file name); skipped", path: path, line: 1, column: 1))
            return ReadOutcome(note: nil, diagnostics: diagnostics)
        }
        let info = NoteInfo(path: path, date: found.date, dateSource: found.source, dateIsGuess: found.isGuess, title: title,
            titleLine: titleLine, authors: authors, permalink: permalink, format: format)
        return ReadOutcome(note: Note(info: info, document: document), diagnostics: diagnostics)
    }

    /// The note of a document read in any format: its title from its opening heading when it states none,
    /// its author from a byline, its own date (see ``NoteDating``); nil with a warning when it has none.
    func note(_ document: Document, path: String, format: NoteInfo.Format, title: String?, titleLine: Int?, stated: NoteDate?,
        authors: [String], messageID: String?, diagnostics: [Diagnostic]) -> ReadOutcome
    {
        var title = title
        var titleLine = titleLine
        var diagnostics = diagnostics
        let opening = document.blocks.prefix(6).filter { $0.line <= (document.blocks.first?.line ?? 1) + 40 }
        if title == nil, let heading = opening.first(where: { $0.isHeading }) {
            title = heading.text
            titleLine = heading.line
        }
        let dating = NoteDating(path: path, front: nil, title: title, blocks: document.blocks, commitDate: commitDates.map { dates in { dates.date(ofFileAt: path) } })
        guard let found = dating.noteDate(stated: stated) else {
            diagnostics.append(.warning(
                "note has no date (none in its headers, text or file name); skipped", path: path, line: document.blocks.first?.line ?? 1,
                column: 1))
            return ReadOutcome(note: nil, diagnostics: diagnostics)
        }
        let info = NoteInfo(path: path, date: found.date, dateSource: found.source, dateIsGuess: found.isGuess, title: title,
            titleLine: titleLine, authors: authors, format: format, messageID: messageID)
        return ReadOutcome(note: Note(info: info, document: document), diagnostics: diagnostics)
    }

    // MARK: - Helpers

    static func format(of path: String, text: String) -> NoteInfo.Format {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "md", "markdown", "mdown", "mkd": return .markdown
        case "html", "htm", "xhtml": return .html
        case "rst", "rest": return .restructuredText
        case "adoc", "asciidoc": return .asciiDoc
        case "org": return .org
        case "eml", "mbox": return .mail
        default: break
        }
        let head = text.prefix(2048)
        let lowered = head.lowercased()
        if head.hasPrefix("---") || head.hasPrefix("+++") { return .markdown }
        if lowered.contains("<!doctype html") || lowered.contains("<html") { return .html }
        if Mailbox.looksLikeArchive(String(head)) { return .mail }
        var markdownSignals = 0
        var textSignals = 0
        var rstSignals = 0
        var markdownOnly = 0
        var previous: Substring = ""
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).prefix(200) {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.hasPrefix("•") { textSignals += 1 }
            if trimmed.hasPrefix("#") || trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.contains("**")
                || trimmed.contains("](") || (trimmed.hasPrefix("[") && trimmed.contains("]:"))
            {
                markdownSignals += 1
            }
            if trimmed.contains("](") || trimmed.hasPrefix("#") || trimmed.hasPrefix("```") { markdownOnly += 1 }
            // reStructuredText's own: directives and comments, targets, roles, `text <url>`_, adornments Markdown has not.
            if trimmed.hasPrefix(".. ") || trimmed.contains(">`_") || trimmed.contains("`__") || trimmed.hasSuffix("::")
                || (trimmed.hasPrefix(":") && trimmed.dropFirst().contains(":`"))
            {
                rstSignals += 2
            }
            if let first = trimmed.first, "~^+*\"'`".contains(first), trimmed.count >= 3, trimmed.allSatisfy({ $0 == first }),
                !previous.isEmpty, previous.count <= trimmed.count
            {
                rstSignals += 2
            }
            if Byline.parse(String(trimmed)) != nil { textSignals += 3 }
            previous = line
        }
        if rstSignals >= 4, rstSignals > 2 * markdownOnly { return .restructuredText }
        return markdownSignals > textSignals ? .markdown : .text
    }

    /// The index of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            if b & 0xE0 == 0xC0 {
                length = 2
                minimum = 0x80
            } else if b & 0xF0 == 0xE0 {
                length = 3
                minimum = 0x800
            } else if b & 0xF8 == 0xF0 {
                length = 4
                minimum = 0x10000
            } else {
                return i
            }
            guard i + length <= n else { return i }
            var scalar = UInt32(b) & (0xFF >> (length + 1))
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            minimum = 0
            i += length
        }
        return nil
    }

    static func position(of index: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for k in 0..<index where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        return (line, index - lineStart + 1)
    }

    /// read(2); the name `read` is taken by the methods here.
    private static func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    static func reason(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a folder"
        default: return String(cString: strerror(code))
        }
    }
}
