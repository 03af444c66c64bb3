import AlmanacCore
import Foundation

/// Mail: an `.eml` is one message, an `.mbox` or a monthly pipermail `.txt` archive many; each message
/// is a note of its own (see ``MailMessage``), dated by its `Date:` header and titled by its subject,
/// its lines the file's.
extension NoteReader {
    /// Whether the file at `path` is mail: `.eml`, `.mbox`, or a `.txt` that opens as a mail archive.
    public static func isMail(path: String, bytes: some Collection<UInt8>) -> Bool {
        switch (path as NSString).pathExtension.lowercased() {
        case "eml", "mbox": return true
        case "txt", "text":
            guard bytes.starts(with: "From ".utf8) else { return false }
            return Mailbox.looksLikeArchive(String(decoding: bytes.prefix(4096), as: UTF8.self))
        default: return false
        }
    }

    /// Every message of a mail file, each read as a note (an `.eml` is one message, whatever its first line).
    public func readAll(bytes: ArraySlice<UInt8>, path: String) -> [ReadOutcome] {
        let single = (path as NSString).pathExtension.lowercased() == "eml"
        let messages = single ? [(bytes, 1)] : Mailbox.messages(in: Array(bytes)).map { ($0.bytes, $0.firstLine) }
        return messages.map { read(message: MailMessage(bytes: $0.0, firstLine: $0.1, path: path), path: path) }
    }

    /// A message as a note: its text (or HTML part) as a document with the file's line numbers.
    public func read(message: MailMessage, path: String) -> ReadOutcome {
        var diagnostics = message.diagnostics
        var document: Document
        switch message.body {
        case .text(let lines):
            document = MarkdownParser().parse(SourceLines(numbered: lines))
            // A line of the message may hold more than one line of text (a lone CR breaks it for the reader).
            document.shiftLines(by: 0, last: message.lastLine)
        case .html(let html, let firstLine):
            document = HTMLParser().parse(html).document
            document.shiftLines(by: firstLine - 1, last: message.lastLine)
        }
        var stated: NoteDate?
        if let date = message.date {
            stated = NoteDate(date, .mailHeader)
        } else if let header = message.headers.first(where: { $0.name.lowercased() == "date" }) {
            diagnostics.append(.warning("message's Date: header is not a date: \(header.value)", path: path, line: header.line, column: 7))
        }
        let subjectLine = message.headers.first { $0.name.lowercased() == "subject" }?.line
        return note(document, path: path, format: .mail, title: message.subject, titleLine: subjectLine, stated: stated,
            authors: message.author.map { [$0] } ?? [], messageID: message.messageID, diagnostics: diagnostics)
    }
}

extension Document {
    /// Moves every block `offset` lines down (a part read from the middle of a file), to at most line `last`
    /// (a decoded part may have more lines than its encoding).
    mutating func shiftLines(by offset: Int, last: Int) {
        for index in blocks.indices {
            for anchor in blocks[index].anchors.indices {
                blocks[index].anchors[anchor].line = min(last, blocks[index].anchors[anchor].line + offset)
            }
        }
    }
}
