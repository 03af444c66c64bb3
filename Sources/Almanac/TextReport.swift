public import AlmanacCore

/// Human-readable listings for the terminal.
public enum TextReport {
    /// Per note: one line per item, `kind  date  title  [status] details  (lines)`.
    public static func notes(_ notes: [NoteItems]) -> String {
        var out = ""
        for note in notes {
            out += "\(note.info.path) (\(note.info.date), date from \(note.info.dateSource)\(note.info.dateIsGuess ? ", a guess" : ""))\n"
            if note.items.isEmpty { out += "  no items\n" }
            for item in note.items { out += "  " + line(item) + "\n" }
        }
        return out
    }

    public static func line(_ item: Item) -> String {
        var date = item.when.startText ?? "undated"
        if let end = item.when.endText { date += "..\(end)" }
        if let zone = item.when.zone { date += " \(zone.name)" }
        if item.when.tentative { date += "?" }
        var kind = item.kind.rawValue
        if let subkind = item.subkind { kind += "/\(subkind.rawValue)" }
        var text = "\(pad(kind, 18)) \(pad(date, 24)) \(item.title) [\(item.status.rawValue)]"
        if !item.aliases.isEmpty { text += " aka \(item.aliases.joined(separator: ", "))" }
        if let location = item.location { text += " in \(location)" }
        if let event = item.forEvent { text += " for \(event)" }
        if let level = item.difficulty { text += " \(level)-star" }
        if !item.people.isEmpty { text += " people: \(item.people.joined(separator: ", "))" }
        text += " (line\(item.sources.count > 1 ? "s" : "") \(item.sources.map { String($0.line) }.joined(separator: ", ")))"
        return text
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
