import AlmanacNames
import AlmanacCore
public import AlmanacModel

/// `almanac explain`: an item, its history and every line that speaks of it.
public enum Explanation {
    public static func render(_ entry: ModelItem) -> String {
        let item = entry.item
        var lines: [String] = []
        var kind = item.kind.rawValue
        if let subkind = item.subkind { kind += " (\(subkind.rawValue))" }
        lines.append("\(item.title)")
        lines.append("  kind:       \(kind)")
        lines.append("  uid:        \(entry.uid)")
        var date = item.when.startText ?? "undated"
        if let end = item.when.endText { date += " to \(end)" }
        if let zone = item.when.zone { date += " \(zone.name)" }
        if item.when.tentative { date += " (tentative)" }
        lines.append("  date:       \(date)")
        lines.append("  status:     \(item.status.rawValue)")
        if let location = item.location { lines.append("  location:   \(location)") }
        if let event = item.forEvent { lines.append("  for event:  \(event)") }
        if !item.aliases.isEmpty { lines.append("  also named: \(item.aliases.joined(separator: ", "))") }
        if !item.people.isEmpty { lines.append("  people:     \(item.people.joined(separator: ", "))") }
        if let url = item.url { lines.append("  url:        \(url)") }
        lines.append("  revision:   \(entry.revision) (last changed by \(entry.lastChanged.path), \(entry.lastChanged.date))")
        if !entry.history.isEmpty {
            lines.append("")
            lines.append("History:")
            lines.append("  \(entry.firstMentioned.date) \(entry.firstMentioned.path): first mentioned")
            for revision in entry.history {
                let changes = revision.changes.map { "\($0.field) \($0.from) → \($0.to)" }.joined(separator: "; ")
                lines.append("  \(revision.note.date) \(revision.note.path): \(changes)")
            }
        }
        if !item.inferred.isEmpty {
            lines.append("")
            lines.append("Guesses:")
            for guess in item.inferred {
                lines.append("  \(guess.evidence.path):\(guess.evidence.line):\(guess.evidence.column): \(guess.message)")
            }
        }
        lines.append("")
        lines.append("Mentioned in \(entry.mentions.count.counting("note")):")
        for mention in entry.mentions {
            var summary = mention.item.when.startText ?? "undated"
            if mention.item.when.tentative { summary += "?" }
            lines.append("  \(mention.note.date) \(mention.note.path) (\(summary), \(mention.item.status.rawValue))")
            for source in mention.item.sources {
                lines.append("    \(source.path):\(source.line): \(source.quote)" + (source.rule.map { "  [rule \($0)]" } ?? ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
