import Foundation

/// What standard output is: a terminal (colours, its width) or a pipe/file (plain text).
enum Terminal {
    /// Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM=dumb.
    static var colors: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) != 0
    }

    /// Columns of the terminal; COLUMNS when set; unlimited when output goes to a pipe or a file.
    static var width: Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
            return Int(size.ws_col)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        return Int.max / 2
    }

    static func paint(_ text: String, _ code: String, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Cuts text to `width` characters with an ellipsis.
    static func fit(_ text: String, _ width: Int) -> String {
        guard text.count > width, width > 1 else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

/// A one-line progress bar on standard error while many notes are read: only on a terminal, only past a
/// few hundred files, erased when done so the summary line stands alone.
final class ProgressBar: @unchecked Sendable {
    static let shared = ProgressBar()
    /// Fewer files than this finish too fast for a bar to help.
    static let threshold = 300
    private let lock = NSLock()
    private let enabled = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"

    @Sendable func show(done: Int, total: Int) {
        guard enabled, total >= Self.threshold else { return }
        let width = 30
        let filled = width * done / max(total, 1)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = done == total ? "\r\u{1B}[K" : "\r\(bar) \(done)/\(total) files"
        lock.lock()
        FileHandle.standardError.write(Data(line.utf8))
        lock.unlock()
    }
}
