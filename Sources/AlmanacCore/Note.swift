/// A meeting note as read from a file: where it is, when it was written, and what it is called.
public struct NoteInfo: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        case markdown, text, html
        case restructuredText = "rst"
        case asciiDoc = "asciidoc"
        case org
        /// An e-mail message (`.eml`, or one of an mbox or a pipermail archive).
        case mail
        /// An iCalendar file whose events join the model.
        case calendar
    }

    /// Where a note's own date came from, best evidence first (the order ``NoteReader`` tries them in).
    public enum DateSource: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// A date key of the front matter (YAML, TOML, JSON, Franklin, Org, Pandoc, MultiMarkdown, AsciiDoc).
        case frontMatter
        /// A `<time datetime>` or `<meta>` date of an HTML page.
        case pageMetadata
        /// The `Date:` header of an e-mail message.
        case mailHeader
        /// A byline, a dated heading or a `Date:` / `When:` line.
        case text
        /// A date in the file's name (`2015-12-16.md`).
        case fileName
        /// A date in the file's path: a year folder and the name (`2019/CG-02-19.md`, `2013/05.md`).
        case path
        /// A date in the published path the front matter gives (`permalink`, `path`, `url`).
        case permalink
        /// The year the page's title names, with the first date of its opening lines.
        case pageYear
        /// The date of the commit that last changed the file (`--dates-from-git`).
        case git
        /// An iCalendar event, dated by its last change.
        case calendar
        /// A projects list page of no date of its own, placed at the earliest note's date.
        case earliestNote

        /// How `extract` and `lint` name the source: "date from front matter".
        public var description: String {
            switch self {
            case .frontMatter: return "front matter"
            case .pageMetadata: return "page metadata"
            case .mailHeader: return "the Date: header"
            case .text: return "text"
            case .fileName: return "file name"
            case .path: return "path"
            case .permalink: return "permalink"
            case .pageYear: return "the page's year"
            case .git: return "last commit"
            case .calendar: return "calendar"
            case .earliestNote: return "earliest note"
            }
        }
    }

    /// The path as the user gave it (relative paths stay relative, so outputs do not leak home folders).
    public var path: String
    public var date: CivilDate
    /// Where the date came from.
    public var dateSource: DateSource
    /// Whether the date is a guess: the note gives only its month or its year (the date is then the
    /// first day of it), or no date at all (the last commit's). `lint` reports it.
    public var dateIsGuess: Bool
    public var title: String?
    /// The 1-based line of the title, when the note states one in its text or front matter.
    public var titleLine: Int?
    public var authors: [String]
    /// The published location of the note ("permalink" in front matter), if any.
    public var permalink: String?
    public var format: Format
    /// An e-mail message's `Message-ID` (without its angle brackets): which message of the file the note is.
    public var messageID: String?

    public init(
        path: String, date: CivilDate, dateSource: DateSource, dateIsGuess: Bool = false, title: String? = nil,
        titleLine: Int? = nil, authors: [String] = [], permalink: String? = nil, format: Format, messageID: String? = nil
    ) {
        self.path = path
        self.date = date
        self.dateSource = dateSource
        self.dateIsGuess = dateIsGuess
        self.title = title
        self.titleLine = titleLine
        self.authors = authors
        self.permalink = permalink
        self.format = format
        self.messageID = messageID
    }
}
