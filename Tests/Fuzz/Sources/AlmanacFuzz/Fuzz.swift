// libFuzzer entry point: every input is tagged as UTF-8 bytes (with and without a reference date, with
// code spans skipped, day first) and read as a Markdown, text and HTML note; every note read is extracted.
// A crash, a sanitizer report, a broken invariant below or an input slower than -timeout is a finding.
//
// The Almanac product's target depends on these modules, so they are built and importable here.
import AlmanacCore
import AlmanacExtract
import AlmanacRead
import AlmanacTime

let reference = CivilDate(year: 2015, month: 12, day: 16)!
let taggers = [TemporalTagger(), TemporalTagger(options: .init(dayFirst: true))]
let reader = NoteReader()
let extractor = Extractor()
/// Dated names, so that a note with no date of its own is still read and extracted.
let paths = ["fuzz/2015-12-16.md", "fuzz/2015-12-16.txt", "fuzz/2015-12-16.html"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)

    // The tagger takes any bytes: what callers pass is UTF-8, but nothing may go wrong on other bytes.
    let skip = backtickSpans(bytes)
    for tagger in taggers {
        check(tagger.tag(utf8: bytes, reference: reference), in: bytes)
        check(tagger.tag(utf8: bytes, reference: nil), in: bytes)
    }
    check(taggers[0].tag(utf8: bytes, reference: reference, skip: skip), in: bytes, skip: skip)

    let array = Array(bytes)
    for path in paths {
        let outcome = reader.read(bytes: array, path: path)
        if let note = outcome.note {
            _ = extractor.extract(note)
        }
    }
    return 0
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
