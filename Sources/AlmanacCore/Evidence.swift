/// Where a note says something: file, 1-based line and column, and the words that say it.
public struct Evidence: Sendable, Hashable, Codable {
    public var path: String
    public var line: Int
    public var column: Int
    public var quote: String
    /// The extraction rule that read the item from these words (`Deadlines.byDateUnderSubject`), for
    /// `explain` and the extract JSON; nil for what no rule read (front matter, an imported calendar).
    public var rule: String?

    public init(path: String, line: Int, column: Int = 1, quote: String, rule: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.quote = quote
        self.rule = rule
    }
}

extension Evidence: CustomStringConvertible {
    /// `path:line:column: quote`.
    public var description: String { "\(path):\(line):\(column): \(quote)" }
}
