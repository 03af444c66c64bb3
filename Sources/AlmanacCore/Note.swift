/// A meeting note as read from a file: where it is, when it was written, and what it is called.
public struct NoteInfo: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        case markdown, text, html
        /// An iCalendar file whose events join the model.
        case calendar
    }

    /// The path as the user gave it (relative paths stay relative, so outputs do not leak home folders).
    public var path: String
    public var date: CivilDate
    /// Where the date came from: "front matter", "text" or "file name".
    public var dateSource: String
    public var title: String?
    /// The 1-based line of the title, when the note states one in its text or front matter.
    public var titleLine: Int?
    public var authors: [String]
    /// The published location of the note ("permalink" in front matter), if any.
    public var permalink: String?
    public var format: Format

    public init(
        path: String, date: CivilDate, dateSource: String, title: String? = nil, titleLine: Int? = nil,
        authors: [String] = [], permalink: String? = nil, format: Format
    ) {
        self.path = path
        self.date = date
        self.dateSource = dateSource
        self.title = title
        self.titleLine = titleLine
        self.authors = authors
        self.permalink = permalink
        self.format = format
    }
}
