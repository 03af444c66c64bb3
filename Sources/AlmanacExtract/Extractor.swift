public import AlmanacCore
public import AlmanacRead
public import AlmanacTime

/// Document → items: the events, deadlines, meetings and projects one note speaks of, with dates
/// resolved against the note's own date, and the lines that say so.
///
/// ```swift
/// let note = NoteReader().read(contentsOf: "notes/2015-12-16.md").note!
/// let items = Extractor().extract(note)
/// items.map(\.title)  // ["Weekly Meeting: 2015-12-16", "Cloud Innovator Forum 2016", …]
/// ```
public struct Extractor: Sendable {
    public var tagger: TemporalTagger

    public init(dateOptions: TemporalTagger.Options = .init()) {
        tagger = TemporalTagger(options: dateOptions)
    }

    public func extract(_ note: Note) -> [Item] {
        let context = NoteContext(note: note, tagger: tagger)
        var drafts: [Draft] = []
        drafts += Meetings.extract(context)
        drafts += Deadlines.extract(context)
        drafts += Events.extract(context)
        drafts += Projects.extract(context)
        return Consolidate.items(drafts)
    }
}
