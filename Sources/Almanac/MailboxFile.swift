import AlmanacCore
import AlmanacExtract
import AlmanacRead
import AlmanacModel
import Foundation

/// An mbox among the sources: many notes from one file, read message by message in bounded memory
/// (a batch of messages at a time, parsed and extracted on all cores).
enum MailboxFile {
    /// Messages parsed and extracted together: enough to keep both cores busy, few enough to hold.
    static let batch = 512

    /// FNV-1a of the file's bytes, read a chunk at a time; nil when it cannot be read (the usual read then says why).
    static func hash(_ path: String) -> UInt64? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        while true {
            guard let chunk = try? handle.read(upToCount: 1 << 20) else { return nil }
            if chunk.isEmpty { return hash }
            hash = Hash.fnv1a(chunk, continuing: hash)
        }
    }

    /// Every message of the mbox at `path`, read and extracted.
    static func outcome(path: String, reader: NoteReader, extractor: Extractor) -> Pipeline.FileOutcome {
        let mailbox: MailboxReader
        do {
            mailbox = try MailboxReader(path: path)
        } catch {
            return Pipeline.FileOutcome(diagnostics: [.warning("cannot read file: \(error.localizedDescription); skipped", path: path)])
        }
        var result = Pipeline.FileOutcome()
        var messages: [(bytes: [UInt8], firstLine: Int)] = []
        func flush() {
            let outcomes = parallelMap(messages) { message -> (NoteItems?, [Diagnostic]) in
                let read = reader.read(message: MailMessage(bytes: message.bytes[...], firstLine: message.firstLine, path: path), path: path)
                return (read.note.map { NoteItems(info: $0.info, items: extractor.extract($0)) }, read.diagnostics)
            }
            for (note, diagnostics) in outcomes {
                if let note { result.notes.append(note) }
                result.diagnostics += diagnostics
            }
            messages.removeAll(keepingCapacity: true)
        }
        while let message = mailbox.next() {
            messages.append(message)
            if messages.count == batch { flush() }
        }
        flush()
        for line in mailbox.skipped {
            result.diagnostics.append(.warning("message over \(mailbox.maximumMessageBytes >> 20) MB; skipped", path: path, line: line, column: 1))
        }
        return result
    }

    /// Notes already read (an `.eml`, a pipermail archive), extracted.
    static func outcome(_ reads: [ReadOutcome], extractor: Extractor) -> Pipeline.FileOutcome {
        var result = Pipeline.FileOutcome()
        let extracted = parallelMap(reads) { read in read.note.map { NoteItems(info: $0.info, items: extractor.extract($0)) } }
        for (read, note) in zip(reads, extracted) {
            if let note { result.notes.append(note) }
            result.diagnostics += read.diagnostics
        }
        return result
    }
}
