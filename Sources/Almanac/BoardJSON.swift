public import AlmanacBoard
public import AlmanacModel
import AlmanacCore

/// The project board as JSON (`almanac board --format json`): the filter, the counts, and every
/// project the board shows with its fields, flags, mentions and history, in board order.
///
/// ```swift
/// let json = BoardJSON.board(ProjectBoard(filter: BoardFilter(statuses: [.available])), model).render()
/// ```
public enum BoardJSON {
    public static func board(_ board: ProjectBoard, _ model: Model) -> JSON {
        let entries = board.entries(model)
        var byStatus: [(String, JSON)] = []
        for status in Item.Status.allCases {
            let n = entries.filter { $0.item.status == status }.count
            if n > 0 { byStatus.append((status.rawValue, .int(n))) }
        }
        var byDifficulty: [(String, JSON)] = []
        for level in 1...3 { byDifficulty.append((String(level), .int(entries.filter { $0.item.difficulty == level }.count))) }
        byDifficulty.append(("unrated", .int(entries.filter { $0.item.difficulty == nil }.count)))
        return .object([
            ("title", .string(board.title)),
            ("newest_note", .string(model.notes.map(\.date).max()?.description)),
            ("stale_months", .int(board.staleMonths)),
            ("filter", .object([
                ("difficulty", .array(board.filter.difficulties.map { .int($0) })),
                ("skill", .strings(board.filter.skills)),
                ("programme", .strings(board.filter.programmes.map(\.rawValue))),
                ("status", .strings(board.filter.statuses.map(\.rawValue))),
            ])),
            ("counts", .object([
                ("projects", .int(entries.count)),
                ("status", .object(byStatus)),
                ("difficulty", .object(byDifficulty)),
                ("not_on_list", .int(entries.filter(\.notOnList).count)),
                ("stale", .int(entries.filter(\.stale).count)),
            ])),
            ("projects", .array(entries.map { project($0, noteURL: board.noteURL) })),
        ])
    }

    /// One project in the documented field order.
    public static func project(_ entry: BoardEntry, noteURL: (NoteRef) -> String?) -> JSON {
        let item = entry.item
        let details = item.project
        func note(_ ref: NoteRef?) -> JSON {
            guard let ref else { return .null }
            return .object([
                ("date", .string(ref.date.description)), ("path", .string(ref.path)), ("title", .string(ref.title)),
                ("url", .string(noteURL(ref))),
            ])
        }
        return .object([
            ("uid", .string(entry.uid)),
            ("title", .string(item.title)),
            ("aliases", .strings(item.aliases)),
            ("status", .string(item.status.rawValue)),
            ("programme", .string(item.subkind?.rawValue)),
            ("difficulty", .int(item.difficulty)),
            ("stars", .string(item.difficulty.map(ProjectBoard.stars))),
            ("time_estimate", .string(details?.timeEstimate)),
            ("mentors", .strings(entry.mentors)),
            ("people", .strings(entry.people)),
            ("skills", .strings(details?.skills ?? [])),
            ("description", .string(details?.description)),
            ("summary", .string(entry.summary)),
            ("links", .strings(entry.links)),
            ("listed", .bool(entry.listed)),
            ("not_on_list", .bool(entry.notOnList)),
            ("stale", .bool(entry.stale)),
            ("first_mentioned", note(entry.model.firstMentioned)),
            ("last_mentioned", note(entry.lastNote)),
            ("list", note(entry.list)),
            ("mentions", .array(entry.model.mentions.map { mention in
                .object([
                    ("date", .string(mention.note.date.description)),
                    ("path", .string(mention.note.path)),
                    ("line", .int(mention.item.sources.first?.line)),
                    ("status", .string(mention.item.status.rawValue)),
                    ("quote", .string(mention.item.sources.first?.quote)),
                    ("listed", .bool(mention.item.project?.listed == true)),
                ])
            })),
            ("history", .array(entry.model.history.map { revision in
                .object([
                    ("date", .string(revision.note.date.description)),
                    ("path", .string(revision.note.path)),
                    ("changes", .array(revision.changes.map {
                        .object([("field", .string($0.field)), ("from", .string($0.from)), ("to", .string($0.to))])
                    })),
                ])
            })),
        ])
    }
}
