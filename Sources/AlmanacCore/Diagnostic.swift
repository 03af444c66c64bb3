/// A problem found in an input, printed the way compilers print them:
/// `path:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, Codable, Error {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        case note, warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int {
            switch self {
            case .note: return 0
            case .warning: return 1
            case .error: return 2
            }
        }
    }

    public var path: String
    /// 1-based; nil when the problem is the file as a whole (unreadable, not UTF-8).
    public var line: Int?
    public var column: Int?
    public var severity: Severity
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, severity: Severity, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    public static func error(_ message: String, path: String, line: Int? = nil, column: Int? = nil) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, severity: .error, message: message)
    }

    public static func warning(_ message: String, path: String, line: Int? = nil, column: Int? = nil) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, severity: .warning, message: message)
    }
}

extension Diagnostic: CustomStringConvertible {
    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}
