/// Where a note says something: file, 1-based line and column, and the words that say it.
public struct Evidence: Sendable, Hashable, Codable {
    public var path: String
    public var line: Int
    public var column: Int
    public var quote: String

    public init(path: String, line: Int, column: Int = 1, quote: String) {
        self.path = path
        self.line = line
        self.column = column
        self.quote = quote
    }
}

extension Evidence: CustomStringConvertible {
    /// `path:line:column: quote`.
    public var description: String { "\(path):\(line):\(column): \(quote)" }
}
