// libFuzzer entry point, one binary for every target; ALMANAC_FUZZ_TARGET picks one (scripts/fuzz.sh TARGET):
//   tagger       every input tagged as UTF-8 bytes (with and without a reference date, code spans skipped, day first)
//   readers      read as a note of every markup (Markdown, text, HTML, RST, AsciiDoc, Org, an mbox), and as a projects list page
//   markdown, text, html, rst, asciidoc, org, mail   read as a note of that markup only, and extracted
//   extractor    read as notes of every markup, and every note read extracted
//   ics          read as an .ics calendar (libical) and checked by the validator
//   frontmatter  read as YAML and TOML front matter (fenced) and as the unfenced forms
//   config       read as almanac.yml
//   all          (the default) the tagger, the readers and the extractor
// A crash, a sanitizer report, a broken invariant below or an input slower than -timeout is a finding.
//
// The Almanac product's target depends on these modules, so they are built and importable here.
import Almanac
import AlmanacCore
import AlmanacExtract
import AlmanacICal
import AlmanacRead
import AlmanacTime
import AlmanacValidate
import Foundation

let reference = CivilDate(year: 2015, month: 12, day: 16)!
let taggers = [TemporalTagger(), TemporalTagger(options: .init(dayFirst: true))]
let reader = NoteReader()
let extractor = Extractor()
/// Dated names, so that a note with no date of its own is still read and extracted, by markup.
let notePaths = [
    "markdown": "fuzz/2015-12-16.md", "text": "fuzz/2015-12-16.txt", "html": "fuzz/2015-12-16.html", "rst": "fuzz/2015-12-16.rst",
    "asciidoc": "fuzz/2015-12-16.adoc", "org": "fuzz/2015-12-16.org", "mail": "fuzz/2015-12-16.mbox",
]
let name = ProcessInfo.processInfo.environment["ALMANAC_FUZZ_TARGET"] ?? "all"
/// One markup's reader alone, or all of them.
let paths = notePaths[name].map { [$0] } ?? notePaths.keys.sorted().map { notePaths[$0]! }

enum Target: String {
    case tagger, readers, extractor, ics, frontmatter, config, all
}

let target = Target(rawValue: name) ?? (notePaths[name] != nil ? .extractor : .all)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    switch target {
    case .tagger: tag(bytes)
    case .readers: read(bytes, extract: false)
    case .extractor: read(bytes, extract: true)
    case .ics: calendar(bytes)
    case .frontmatter: frontMatter(bytes)
    case .config: configuration(bytes)
    case .all:
        tag(bytes)
        read(bytes, extract: true)
    }
    return 0
}

/// The tagger takes any bytes: what callers pass is UTF-8, but nothing may go wrong on other bytes.
func tag(_ bytes: UnsafeBufferPointer<UInt8>) {
    let skip = backtickSpans(bytes)
    for tagger in taggers {
        check(tagger.tag(utf8: bytes, reference: reference), in: bytes)
        check(tagger.tag(utf8: bytes, reference: nil), in: bytes)
    }
    check(taggers[0].tag(utf8: bytes, reference: reference, skip: skip), in: bytes, skip: skip)
    // Near the ends of the calendar, relative dates leave the years 1–9999: reported, never a trap.
    let text = String(decoding: bytes, as: UTF8.self)
    for edge in [CivilDate(year: 9999, month: 12, day: 31)!, CivilDate(year: 1, month: 1, day: 1)!] {
        let (dates, problems) = taggers[0].tagReporting(text, reference: edge)
        precondition(dates.allSatisfy { $0.when.start?.isSupported ?? true }, "a date outside 1–9999 was returned")
        precondition(problems.allSatisfy { $0.problem != nil && !$0.when.isDated })
    }
}

func read(_ bytes: UnsafeBufferPointer<UInt8>, extract: Bool) {
    let array = Array(bytes)
    for path in paths {
        let outcomes = path.hasSuffix(".mbox") ? reader.readAll(bytes: array[...], path: path) : [reader.read(bytes: array, path: path)]
        for outcome in outcomes {
            guard let note = outcome.note else { continue }
            checkLines(note.document, lines: lineCount(array))
            if extract { _ = extractor.extractReporting(note) }
        }
    }
    if let text = String(validating: array, as: UTF8.self) { _ = ProjectListReader().read(text: text, path: "fuzz/projects.md") }
}

func calendar(_ bytes: UnsafeBufferPointer<UInt8>) {
    let array = Array(bytes)
    let (events, _) = ICalendarImporter().read(bytes: array, path: "fuzz/calendar.ics")
    for (info, item) in events { precondition(info.format == .calendar && !item.title.isEmpty) }
    _ = ICalendarValidator().validate(bytes: array, path: "fuzz/calendar.ics")
}

func frontMatter(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    // As it stands (the unfenced forms), and fenced as YAML and as TOML.
    for wrapped in [text, "---\n" + text + "\n---\nbody\n", "+++\n" + text + "\n+++\nbody\n"] {
        let front = FrontMatter.split(wrapped, path: "fuzz/2015-12-16.md")
        for diagnostic in front.diagnostics { precondition((diagnostic.line ?? 1) >= 1) }
    }
}

func configuration(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    let (configuration, diagnostics) = Configuration.parse(text, path: "fuzz/almanac.yml")
    precondition(configuration != nil || diagnostics.contains { $0.severity == .error })
    if let configuration {
        precondition(configuration.refreshMinutes > 0 && configuration.refreshMinutes <= 366 * 1440)
        _ = Publisher(configuration: configuration).feeds.map(\.file)
    }
}

/// What callers rely on: expressions in text order, not overlapping, inside the text and outside skipped
/// spans, with the text and position of their range.
func check(_ expressions: [TemporalExpression], in bytes: UnsafeBufferPointer<UInt8>, skip: [Range<Int>] = []) {
    var previousEnd = 0
    var offset = 0
    var line = 1
    var lineStart = 0
    var nextSkip = 0
    for e in expressions {
        precondition(e.range.lowerBound >= previousEnd, "expressions out of order or overlapping: \(e.range)")
        precondition(!e.range.isEmpty && e.range.upperBound <= bytes.count, "range outside the text: \(e.range)")
        precondition(e.text == String(decoding: UnsafeBufferPointer(rebasing: bytes[e.range]), as: UTF8.self))
        while nextSkip < skip.count, skip[nextSkip].upperBound <= e.range.lowerBound { nextSkip += 1 }
        precondition(nextSkip == skip.count || !skip[nextSkip].overlaps(e.range), "expression \(e.range) in a skipped span")
        while offset < e.range.lowerBound {
            if bytes[offset] == 0x0A {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }
        precondition(e.line == line && e.column == e.range.lowerBound - lineStart + 1, "wrong position for \(e.range)")
        previousEnd = e.range.upperBound
    }
}

/// The input's lines as the readers count them: "\n", "\r\n" and a lone "\r" each end one. Known gap, not
/// the markup readers': front matter is split at every `Character.isNewline` (also VT, FF, U+0085, U+2028,
/// U+2029), so a body after front matter holding one of those starts that many lines late; the check
/// allows for them until FrontMatter counts lines as SourceLines does.
func lineCount(_ bytes: [UInt8]) -> Int {
    var lines = 1
    var i = 0
    while i < bytes.count {
        if bytes[i] == 0x0D {
            lines += 1
            if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
        } else if bytes[i] == 0x0A || bytes[i] == 0x0B || bytes[i] == 0x0C {
            lines += 1
        }
        i += 1
    }
    return lines + String(decoding: bytes, as: UTF8.self).unicodeScalars.count { [0x85, 0x2028, 0x2029].contains($0.value) }
}

/// What `explain` relies on: every block's lines are lines of the input, its anchors and spans inside its text.
func checkLines(_ document: Document, lines: Int) {
    for block in document.blocks {
        let count = block.text.utf8.count
        for anchor in block.anchors {
            precondition(anchor.line >= 1 && anchor.line <= lines, "line \(anchor.line) outside the input's \(lines)")
            precondition(anchor.offset >= 0 && anchor.offset <= count, "anchor outside the block's text")
        }
        for span in block.spans { precondition(span.range.lowerBound >= 0 && span.range.upperBound <= count, "span outside the block's text") }
        for cell in block.cells { precondition(cell.lowerBound >= 0 && cell.upperBound <= count, "cell outside the block's text") }
    }
}

/// Spans between pairs of backticks, as a Markdown reader would skip code: sorted, disjoint, in bounds.
func backtickSpans(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    var open: Int?
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "`") {
        if let start = open {
            spans.append(start..<index + 1)
            open = nil
        } else {
            open = index
        }
    }
    return spans
}
