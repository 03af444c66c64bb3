public import AlmanacCore
public import AlmanacModel

/// The JSON views: per-note items (the format `score.py` reads, see ../shared/eval/ITEMS_JSON.md)
/// and the merged model (items.json).
public enum ItemsJSON {
    /// `{"notes": [{"source", "note_date", "items": [...]}]}`.
    public static func notes(_ notes: [NoteItems]) -> JSON {
        .object([
            ("notes", .array(notes.map { note in
                var fields: [(String, JSON)] = [("source", .string(note.info.path)), ("note_date", .string(note.info.date.description))]
                if let id = note.info.messageID { fields.append(("message_id", .string(id))) }
                fields.append(("items", .array(note.items.map(item))))
                return .object(fields)
            }))
        ])
    }

    /// One item in the documented field order.
    public static func item(_ item: Item) -> JSON {
        .object([
            ("kind", .string(item.kind.rawValue)),
            ("subkind", .string(item.subkind?.rawValue)),
            ("title", .string(item.title)),
            ("aliases", .strings(item.aliases)),
            ("start", .string(item.when.startText)),
            ("end", .string(item.when.endText)),
            ("precision", .string(item.when.isDated ? item.when.precision.reported.rawValue : Precision.none.rawValue)),
            ("tz", .string(item.when.zone?.name)),
            ("tentative", .bool(item.when.tentative || item.status == .tentative)),
            ("status", .string(reported(item.status))),
            ("location", .string(item.location)),
            ("for_event", .string(item.forEvent)),
            ("people", .strings(item.people)),
            ("difficulty", .int(item.difficulty)),
            ("url", .string(item.url.flatMap { Pipeline.isPublishable(link: $0) ? $0 : nil })),
            ("sources", .array(item.sources.map { .object([("line", .int($0.line)), ("quote", .string($0.quote)), ("rule", .string($0.rule))]) })),
        ])
    }

    /// The items JSON has no "available": an open project is a proposed one there.
    static func reported(_ status: Item.Status) -> String {
        status == .available ? Item.Status.proposed.rawValue : status.rawValue
    }

    /// The merged model (items.json): every item with its identity, revision and history. Each item is
    /// rendered on its own, on all cores, so the model is never held as one JSON tree.
    public static func model(_ model: Model) -> [UInt8] {
        let entries = parallelMap(model.items) { entry($0).bytes(level: 2) }
        let notes = JSON.array(model.notes.map(note)).bytes(level: 1)
        var file: [UInt8] = []
        // The file's size is known: one allocation, not a doubling for each of its megabytes.
        file.reserveCapacity(notes.count + entries.reduce(0) { $0 + $1.count + 6 } + 64)
        file += Array("{\n  \"notes\": ".utf8)
        file += notes
        file += Array(",\n  \"items\": ".utf8)
        if entries.isEmpty {
            file += Array("[]".utf8)
        } else {
            file += Array("[".utf8)
            for (index, entry) in entries.enumerated() {
                file += Array((index > 0 ? ",\n    " : "\n    ").utf8)
                file += entry
            }
            file += Array("\n  ]".utf8)
        }
        file += Array("\n}\n".utf8)
        return file
    }

    static func note(_ ref: NoteRef) -> JSON {
        var fields: [(String, JSON)] = [("path", .string(ref.path)), ("date", .string(ref.date.description)), ("title", .string(ref.title))]
        if let id = ref.messageID { fields.append(("message_id", .string(id))) }
        return .object(fields)
    }

    public static func entry(_ entry: ModelItem) -> JSON {
        guard case .object(var fields) = item(entry.item) else { return .null }
        fields.removeAll { $0.0 == "sources" }
        fields.insert(("uid", .string(entry.uid)), at: 0)
        fields.append(("revision", .int(entry.revision)))
        fields.append(("first_mentioned", note(entry.firstMentioned)))
        fields.append(("last_mentioned", note(entry.lastMentioned)))
        fields.append(("last_changed", note(entry.lastChanged)))
        if let project = entry.item.project {
            fields.append(("project", .object([
                ("time_estimate", .string(project.timeEstimate)),
                ("mentors", .strings(project.mentors)),
                ("contributors", .strings(project.contributors)),
                ("skills", .strings(project.skills)),
                ("description", .string(project.description)),
                ("links", .strings(project.links.filter(Pipeline.isPublishable(link:)))),
                ("listed", .bool(project.listed)),
            ])))
        }
        fields.append(("sources", .array(entry.item.sources.map {
            .object([("path", .string($0.path)), ("line", .int($0.line)), ("quote", .string($0.quote))])
        })))
        fields.append(("history", .array(entry.history.map { revision in
            .object([
                ("note", note(revision.note)),
                ("changes", .array(revision.changes.map {
                    .object([("field", .string($0.field)), ("from", .string($0.from)), ("to", .string($0.to))])
                })),
            ])
        })))
        return .object(fields)
    }
}
