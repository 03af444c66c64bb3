import Almanac
import AlmanacCore
import AlmanacModel
import Foundation

/// `almanac-benchmark mbox [--messages N]`: the notes of `collect` (N of them, the same generator) as
/// the messages of one mbox file, collected end to end, message by message; with the time, messages/s
/// and the peak memory. Compare with `collect --notes N` run in its own process.
enum MailboxBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = try Options(arguments, allowed: ["messages"])
        let count = try options.int("messages", default: 10_000)
        let folder = NSTemporaryDirectory() + "almanac-bench-mbox-\(count)"
        let notes = (folder as NSString).appendingPathComponent("notes")
        _ = try NoteCorpus.write(count: count, to: notes)
        let mbox = (folder as NSString).appendingPathComponent("mail/list.mbox")
        try FileManager.default.createDirectory(atPath: (mbox as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let bytes = try write(notes: notes, to: mbox)
        try? FileManager.default.removeItem(atPath: notes)
        print(String(format: "mbox: %d messages, %.1f MB in %@", count, Double(bytes) / 1e6, mbox))
        sync()
        var totals: [Double] = []
        var items = 0
        var read = 0
        for _ in 0..<3 {
            let out = (folder as NSString).appendingPathComponent("public")
            try? FileManager.default.removeItem(atPath: out)
            let clock = ContinuousClock()
            let start = clock.now
            let pipeline = Pipeline()
            let collection = pipeline.run(pipeline.snapshot(paths: [mbox]))
            _ = try Publisher().publish(collection.model, to: out, published: nil)
            totals.append(seconds(start.duration(to: clock.now)))
            items = collection.model.items.count
            read = collection.notes.count
        }
        print(String(format: "collect: %.2f s end to end (median; runs %@), %.0f messages/s, %.1f MB/s; %d messages read; %d items",
            median(totals), totals.map { fixed($0, 2) }.joined(separator: ", ") as NSString, Double(count) / median(totals),
            Double(bytes) / 1e6 / median(totals), read, items))
        print("peak memory: \(CollectBenchmark.peakMemoryMB()) MB (maximum resident set size)")
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Each note as a message: its front matter's title and date as headers, its body as a text/plain body.
    static func write(notes: String, to path: String) throws -> Int {
        guard let output = OutputStream(toFileAtPath: path, append: false) else { throw UsageError(description: "cannot write \(path)") }
        output.open()
        defer { output.close() }
        var total = 0
        let names = try FileManager.default.contentsOfDirectory(atPath: notes).sorted()
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for (index, name) in names.enumerated() {
            let text = try String(contentsOfFile: (notes as NSString).appendingPathComponent(name), encoding: .utf8)
            let parts = text.components(separatedBy: "\n---\n")
            let front = parts[0]
            let body = parts.dropFirst().joined(separator: "\n---\n")
            let title = front.components(separatedBy: "\n").first { $0.hasPrefix("title: ") }.map { String($0.dropFirst(7)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } ?? name
            let day = CivilDate(String(name.prefix(10)))!
            let message = """
                From list@example.org Mon Jan  3 12:00:00 2000
                From: Tidepool list <list@example.org>
                Subject: [tidepool] \(title)
                Date: \(day.day) \(months[day.month - 1]) \(day.year) 12:00:00 +0000
                Message-ID: <note-\(index)@example.org>
                Content-Type: text/plain; charset=utf-8

                \(body)

                """
            let bytes = Array(message.utf8)
            total += bytes.count
            _ = bytes.withUnsafeBufferPointer { output.write($0.baseAddress!, maxLength: $0.count) }
        }
        return total
    }
}
