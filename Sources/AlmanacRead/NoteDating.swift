public import AlmanacCore
import AlmanacTime
import Foundation

/// A note's own date as found, with where it came from and how much of it was stated.
public struct NoteDate: Sendable, Hashable {
    public var date: CivilDate
    public var source: NoteInfo.DateSource
    /// `.day` when the day is known; `.month` or `.year` when only that is (the date is then its first day).
    public var precision: Precision
    /// Whether the date is a guess: only its month or year is known, or it is not the note's own
    /// (the page's first date, the last commit's).
    public var isGuess: Bool

    public init(_ date: CivilDate, _ source: NoteInfo.DateSource, precision: Precision = .day, guess: Bool = false) {
        self.date = date
        self.source = source
        self.precision = precision
        self.isGuess = guess || precision != .day || source == .git
    }
}

/// Finds a note's own date from the best evidence there is, in this order:
///
/// 1. front matter (`date`, `publishDate`, `pubDate`, `published`, `created`, `updated`, `lastmod`,
///    `revdate`), or an HTML page's `<time>` / `<meta>` date;
/// 2. the text's opening: a byline, a dated heading or line, a `Date:` / `When:` line; a month and day
///    there without a year ("February 19") take the year of the path or front matter;
/// 3. the path: a date in the file name (`2015-12-16.md`, `_posts/2016-1-05-x.md`), a year folder and a
///    month and day in the name (`2019/CG-02-19.md`) or in folders (`2020/03/10/x.md`), the same in the
///    permalink the front matter gives; a year folder and a month only (`2013/05.md`) is a guess;
/// 4. the page's own year (front matter `year`, a year folder, a year in the title) with the first date
///    in that year among its opening blocks: a guess, as the page does not say when it was written; a
///    month of that year, or only the year (January 1st), a guess too; else the first month and year
///    an opening heading names ("Aug 2018 – Feb 2019"), a guess;
/// 5. with `--dates-from-git`, the date of the commit that last changed the file: a guess.
///
/// Only a note with none of these is skipped.
struct NoteDating {
    var path: String
    var front: FrontMatter?
    var title: String?
    var blocks: [Block]
    /// The date of the last commit that changed the file, when dates come from git (asked only when no
    /// other evidence dates the note).
    var commitDate: (() -> CivilDate?)?

    /// The labels of a line that gives a date: "Date:", "When:", "Dates:", "Conference dates:", "Published:".
    static let dateLabels: Set<String> = ["date", "dates", "when", "published", "posted", "updated"]
    /// Those that date the note itself rather than what it announces ("Conference dates:", "When:").
    static let ownDateLabels: Set<String> = ["date", "published", "posted", "updated"]

    func noteDate(stated: NoteDate?) -> NoteDate? {
        if let stated { return stated }
        let fromPath = Self.date(inPath: path, source: .path)
        let fromPermalink = front?.permalink.flatMap { Self.date(inPath: $0, source: .permalink) }
        // A year (and month) the path or front matter gives, for dates written without one.
        let partial = [fromPath, fromPermalink].compactMap { $0 }.first { $0.precision != .day }
        let contextYear = partial?.date.year ?? front?.year
        let contextMonth = partial?.precision == .month ? partial?.date.month : nil
        let full = [fromPath, fromPermalink].compactMap({ $0 }).first(where: { $0.precision == .day })
        if let found = textDate(year: contextYear, month: contextMonth, shortBlocks: full == nil) { return found }
        if let full { return full }
        if let partial, partial.precision == .month { return partial }
        if let found = pageYearDate() { return found }
        if let found = monthHeading() { return found }
        if let date = commitDate?() { return NoteDate(date, .git) }
        return nil
    }

    /// The first month with its year that an opening heading names ("Aug 2018 – Feb 2019"): a month guess.
    func monthHeading() -> NoteDate? {
        for block in blocks.prefix(10) where block.isHeading {
            let month = TemporalTaggerBridge.tagger.tag(block.text, reference: nil).first { expression in
                expression.stated.contains(.month) && expression.stated.contains(.year) && expression.when.precision == .month
            }
            if let start = month?.when.start { return NoteDate(start, .text, precision: .month) }
        }
        return nil
    }

    // MARK: - Text

    /// The date the opening blocks state: a byline, a heading, a preformatted header or a labelled date
    /// line with a full date, or any short block with one when the path gives no full date (else "The
    /// conference is on 3 February 2018" in a post dated by its file name would win); with a year from
    /// the path, a month and day there ("Agenda for the February 19 call").
    func textDate(year: Int?, month: Int?, shortBlocks: Bool) -> NoteDate? {
        let opening = blocks.prefix(6).filter { $0.line <= (blocks.first?.line ?? 1) + 40 }
        for block in opening {
            if let byline = Byline.parse(block.text) { return NoteDate(byline.date, .text) }
            // A heading, a short block, or a preformatted header block ("    on: 21 May 2013").
            if block.isHeading || block.kind == .code || (shortBlocks && block.text.count < 120),
                let stated = TemporalTaggerBridge.statedDate(in: block.text)
            {
                return NoteDate(stated, .text)
            }
        }
        // With a full date in the path, only a line that dates the note itself can overrule it.
        let labelled = blocks.prefix(30).filter { Self.isDateLine($0.text, labels: shortBlocks ? Self.dateLabels : Self.ownDateLabels) }
        for block in labelled {
            if let stated = TemporalTaggerBridge.statedDate(in: block.text) { return NoteDate(stated, .text) }
        }
        guard let year else { return nil }
        for block in opening.filter({ $0.isHeading || (shortBlocks && $0.text.count < 120) }) + labelled {
            if let date = Self.monthAndDay(in: block.text, year: year), month == nil || date.month == month {
                return NoteDate(date, .text)
            }
        }
        return nil
    }

    /// Whether `text` opens with a date label: one to three words, the last a label word, then ":".
    static func isDateLine(_ text: String, labels: Set<String> = dateLabels) -> Bool {
        guard let colon = text.prefix(40).firstIndex(of: ":") else { return false }
        let words = text[..<colon].split(whereSeparator: { $0 == " " || $0 == "*" || $0 == "_" })
        guard (1...3).contains(words.count), let last = words.last else { return false }
        return labels.contains(last.lowercased())
    }

    /// The first date in `text` written with its month and day, in `year` (stated or not).
    static func monthAndDay(in text: String, year: Int) -> CivilDate? {
        let reference = CivilDate(year: year, month: 7, day: 1)!
        for expression in TemporalTaggerBridge.tagger.tag(text, reference: reference) {
            guard expression.stated.contains(.month), expression.stated.contains(.day), !expression.stated.contains(.relative),
                let start = expression.when.start
            else { continue }
            if expression.stated.contains(.year) && start.year != year { continue }
            if let date = CivilDate(year: year, month: start.month, day: start.day) { return date }
        }
        return nil
    }

    // MARK: - Page year

    /// The page's own year (front matter `year`, a year folder, a year in the title) with the first date
    /// in it among the first 40 blocks; else its first month named in that year; else January 1st.
    func pageYearDate() -> NoteDate? {
        let source: NoteInfo.DateSource
        let year: Int
        if let stated = front?.year {
            (source, year) = (.frontMatter, stated)
        } else if let folder = Self.date(inPath: path, source: .path), folder.precision == .year {
            (source, year) = (.path, folder.date.year)
        } else if let title, let named = Self.year(in: title) {
            (source, year) = (.pageYear, named)
        } else {
            return nil
        }
        let reference = CivilDate(year: year, month: 7, day: 1)!
        var firstMonth: CivilDate?
        for block in blocks.prefix(40) {
            if let date = Self.monthAndDay(in: block.text, year: year) { return NoteDate(date, source, guess: true) }
            if firstMonth == nil {
                firstMonth = TemporalTaggerBridge.tagger.tag(block.text, reference: reference).first { expression in
                    expression.stated.contains(.month) && expression.stated.contains(.year) && expression.when.precision == .month
                        && expression.when.start?.year == year
                }?.when.start
            }
        }
        if let firstMonth { return NoteDate(firstMonth, source, precision: .month) }
        return NoteDate(CivilDate(year: year, month: 1, day: 1)!, source, precision: .year)
    }

    /// A year from 1990 to 2199 written as a word of its own in `text` ("2031 Harbour Summit", "Kelp Camp
    /// 2031", "kelpcamp2031"); nil when it names none or several different ones.
    static func year(in text: String) -> Int? {
        var years: Set<Int> = []
        let bytes = Array(text.utf8)
        var i = 0
        while i + 4 <= bytes.count {
            let digits = bytes[i..<(i + 4)]
            let before = i > 0 ? bytes[i - 1] : 0x20
            let after = i + 4 < bytes.count ? bytes[i + 4] : 0x20
            if digits.allSatisfy(\.isASCIIDigit), !before.isASCIIDigit, !after.isASCIIDigit, !after.isASCIILetter {
                let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                if (1990...2199).contains(value) { years.insert(value) }
            }
            i += 1
        }
        return years.count == 1 ? years.first : nil
    }

    // MARK: - Path

    /// The date a path gives: a full date in the file name (source `.fileName` for a file path), a year
    /// folder with a month and day after it (in folders or in the name), a year folder and a month (a
    /// month guess), or a year folder alone (a year guess).
    static func date(inPath path: String, source: NoteInfo.DateSource) -> NoteDate? {
        var components = path.split(separator: "/").map(String.init)
        guard var name = components.popLast() else { return nil }
        if source == .path, name.contains(".") { name = (name as NSString).deletingPathExtension }
        if let date = dateInName(name) { return NoteDate(date, source == .path ? .fileName : source) }
        // The last year folder, then two-digit numbers after it: folders, then the name's parts.
        guard let yearIndex = components.lastIndex(where: { $0.count == 4 && Int($0).map { (1900...2199).contains($0) } == true }) else {
            return nil
        }
        let year = Int(components[yearIndex])!
        let after = components[(yearIndex + 1)...] + [name]
        let parts = after.flatMap { $0.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }) }
        let numbers = parts.filter { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }.map { Int($0)! }
        guard let month = numbers.first, (1...12).contains(month) else {
            return NoteDate(CivilDate(year: year, month: 1, day: 1)!, source, precision: .year)
        }
        if numbers.count > 1, let date = CivilDate(year: year, month: month, day: numbers[1]) { return NoteDate(date, source) }
        return NoteDate(CivilDate(year: year, month: month, day: 1)!, source, precision: .month)
    }

    /// 2015-12-16, 2015_12_16, 2015.12.16, 20151216 or 2016-1-5 in a file's name.
    static func dateInName(_ name: String) -> CivilDate? {
        let name = Array(name.utf8)
        var i = 0
        while i + 8 <= name.count {
            defer { i += 1 }
            guard name[i].isASCIIDigit, i == 0 || !name[i - 1].isASCIIDigit else { continue }
            func number(_ from: Int, _ count: Int) -> Int? {
                guard from + count <= name.count else { return nil }
                var value = 0
                for k in from..<(from + count) {
                    guard name[k].isASCIIDigit else { return nil }
                    value = value * 10 + Int(name[k] - 0x30)
                }
                return value
            }
            func ends(_ at: Int) -> Bool { at >= name.count || !name[at].isASCIIDigit }
            guard let year = number(i, 4), (1900...2199).contains(year) else { continue }
            let separators: Set<UInt8> = [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ".")]
            if i + 4 < name.count, separators.contains(name[i + 4]) {
                // Year, month and day of one or two digits each, with the same separator twice.
                for monthDigits in [2, 1] {
                    let second = i + 5 + monthDigits
                    guard let month = number(i + 5, monthDigits), second < name.count, name[second] == name[i + 4] else { continue }
                    for dayDigits in [2, 1] where ends(second + 1 + dayDigits) {
                        if let day = number(second + 1, dayDigits), let date = CivilDate(year: year, month: month, day: day) { return date }
                    }
                }
            }
            if let month = number(i + 4, 2), let day = number(i + 6, 2), ends(i + 8) {
                if let date = CivilDate(year: year, month: month, day: day) { return date }
            }
        }
        return nil
    }
}
