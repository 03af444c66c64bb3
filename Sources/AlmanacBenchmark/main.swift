// Speed figures for Almanac's stages (scripts/bench.sh).
//
//   almanac-benchmark tagger [--megabytes N] [--runs R] [--show LINES]
//                                        tag generated notes line by line, one thread (--show: print a sample)
//   almanac-benchmark long-line [--runs R]  tag single lines of 1, 2.5 and 5 MB
//   almanac-benchmark collect [--notes N] [--folder DIR]   generate notes, collect them end to end
//   almanac-benchmark mbox [--messages N]  the same notes as the messages of one mbox, collected end to end
//   almanac-benchmark stages --folder DIR   reading and extraction by stage, one thread
//   almanac-benchmark model --folder DIR [--runs R]   merge and publish medians, the notes extracted once
//
// Sizes are in MB of 10^6 bytes. Text comes from a seeded generator, so every run tags the same bytes.
import AlmanacCore
import AlmanacTime
import Foundation

/// One benchmark: a name, a line of help, and what it runs given the remaining arguments.
struct Benchmark: Sendable {
    var name: String
    var usage: String
    var run: @Sendable ([String]) throws -> Void

    /// Every benchmark; add new ones here.
    static let all: [Benchmark] = [
        Benchmark(name: "tagger", usage: "tagger [--megabytes N] [--runs R] [--show LINES]", run: TaggerBenchmark.run),
        Benchmark(name: "long-line", usage: "long-line [--runs R]", run: LongLineBenchmark.run),
        Benchmark(name: "collect", usage: "collect [--notes N] [--folder DIR]", run: CollectBenchmark.run),
        Benchmark(name: "mbox", usage: "mbox [--messages N]", run: MailboxBenchmark.run),
        Benchmark(name: "stages", usage: "stages --folder DIR (a corpus collect --folder kept)", run: { arguments in
            let options = try Options(arguments, allowed: ["folder"])
            guard let folder = options.value("folder") else { throw UsageError(description: "stages needs --folder") }
            CollectBenchmark.stages((folder as NSString).appendingPathComponent("notes"))
        }),
        Benchmark(name: "model", usage: "model --folder DIR [--runs R] (merge and publish a corpus collect --folder kept)", run: { arguments in
            let options = try Options(arguments, allowed: ["folder", "runs"])
            guard let folder = options.value("folder") else { throw UsageError(description: "model needs --folder") }
            try CollectBenchmark.model(folder, runs: max(2, try options.int("runs", default: 5)))
        }),
    ]
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
}

// MARK: - Options

/// `--name value` options with defaults; anything else is a usage error.
struct Options {
    private var values: [String: String] = [:]

    init(_ arguments: [String], allowed: Set<String>) throws {
        var i = 0
        while i < arguments.count {
            let key = arguments[i]
            guard key.hasPrefix("--"), allowed.contains(String(key.dropFirst(2))) else {
                throw UsageError(description: "unknown option '\(key)'")
            }
            guard i + 1 < arguments.count else { throw UsageError(description: "\(key) needs a value") }
            values[String(key.dropFirst(2))] = arguments[i + 1]
            i += 2
        }
    }

    func double(_ name: String, default value: Double) throws -> Double {
        guard let text = values[name] else { return value }
        guard let number = Double(text), number > 0 else { throw UsageError(description: "--\(name) needs a positive number") }
        return number
    }

    func value(_ name: String) -> String? { values[name] }

    func int(_ name: String, default value: Int) throws -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text), number > 0 else { throw UsageError(description: "--\(name) needs a positive integer") }
        return number
    }
}

// MARK: - Timing and formatting

func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

func megabytes(_ bytes: Int) -> Double { Double(bytes) / 1e6 }

// MARK: - Deterministic text

/// SplitMix64: a small seeded generator, the same sequence on every machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }
}

/// Weekly-meeting lines: headings, agenda bullets, dates in many forms, times with zones, versions,
/// issue numbers, URLs and plain prose.
struct NoteTextGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    static let names = ["Rosa", "Tomás", "Aiko", "Ben", "Priya", "Jonas", "Mei", "Kwame", "Lena", "Omar", "Sofia"]
    static let projects = ["Tidepool", "Driftwood", "Kelp", "Anemone", "Barnacle", "Harbor", "Saltmarsh"]
    static let events = [
        "FOSDEM", "the European Weather Station Conference", "PyCon", "the install party", "the hackathon",
        "OCaml Workshop", "the station build day", "Open Source Summit", "the community sprint",
    ]
    static let places = ["Ghent", "Lisbon", "Pasadena CA", "Berlin", "Cambridge", "Nairobi", "Osaka", "Montréal"]
    static let monthsLong = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let monthsShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let zones = ["UTC", "CET", "AoE", "PT", "GMT", "BST", "EST", "CEST"]
    static let prose = [
        "We went through the open pull requests and agreed to merge the documentation fixes first.",
        "Discussion about the build system: nobody likes the current setup but it works for now.",
        "The mailing list has been quiet; people seem to prefer the chat channel these days.",
        "Thanks to everyone who reviewed the sensor calibration patches, they are in much better shape.",
        "Action: write up the onboarding guide and ask for feedback from the newcomers.",
        "Some confusion about the release notes format; we will keep it short and link to the changelog.",
        "The CI runners are slow again, probably because of the large test fixtures.",
        "No update on the packaging work, it is blocked on the upstream review.",
    ]

    static func ordinal(_ day: Int) -> String {
        switch day {
        case 1, 21, 31: return "\(day)st"
        case 2, 22: return "\(day)nd"
        case 3, 23: return "\(day)rd"
        default: return "\(day)th"
        }
    }

    /// One date expression in one of many written forms.
    mutating func date() -> String {
        let day = 1 + random.below(28)
        let month = random.below(12)
        let year = 2014 + random.below(4)
        switch random.below(22) {
        case 0: return "\(day) \(Self.monthsShort[month])"
        case 1: return "\(random.pick(Self.weekdays)), \(Self.ordinal(day)) \(Self.monthsLong[month])"
        case 2: return "next week"
        case 3: return "\(Self.monthsLong[month]) \(day), \(year)"
        case 4: return "Q\(1 + random.below(4)) \(year)"
        case 5: return "\(year)-\(Self.pad(month + 1))-\(Self.pad(day))"
        case 6: return "\(Self.monthsShort[month]) \(day)-\(day + 2)"
        case 7: return "mid-\(Self.monthsLong[month])"
        case 8: return "in two weeks"
        case 9: return "\(1 + random.below(5)) days ago"
        case 10: return "\(month + 1)/\(day)"
        case 11: return "the \(Self.ordinal(day))"
        case 12: return "late \(Self.monthsLong[month]) or early \(Self.monthsLong[(month + 1) % 12])"
        case 13: return "tomorrow"
        case 14: return "last \(random.pick(Self.weekdays))"
        case 15: return "the week of \(day) \(Self.monthsLong[month])"
        case 16: return "\(Self.ordinal(day))-\(Self.ordinal(day + 2)) \(Self.monthsLong[month]) \(year)"
        case 17: return "end of next month"
        case 18: return "in \(Self.monthsLong[month]) \(year)"
        case 19: return "\(Self.monthsShort[month]) \(Self.ordinal(day))?"
        case 20: return "this coming weekend"
        default: return "a couple of weeks from now"
        }
    }

    /// A time, maybe with a zone.
    mutating func time() -> String {
        let hour = random.below(24)
        switch random.below(5) {
        case 0: return "\(Self.pad(hour)):00 \(random.pick(Self.zones))"
        case 1: return "\(1 + hour % 12)pm \(random.pick(Self.zones))"
        case 2: return "\(Self.pad(hour)):30"
        case 3: return "23:59 AoE"
        default: return "\(1 + hour % 12)am"
        }
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    mutating func version() -> String { "\(random.below(4)).\(random.below(20)).\(random.below(10))" }

    mutating func url() -> String {
        "https://github.com/\(random.pick(Self.projects).lowercased())/\(random.pick(Self.projects).lowercased())/pull/\(random.below(2000))"
    }

    /// One line of a note.
    mutating func line() -> String {
        let name = random.pick(Self.names)
        let project = random.pick(Self.projects)
        let event = random.pick(Self.events)
        switch random.below(16) {
        case 0: return "## Weekly Meeting: \(date())"
        case 1: return "- CfP for \(event) closes \(date()) at \(time()) (see \(url()))"
        case 2: return "- \(name) released \(project) \(version()) \(date()), fixing #\(random.below(500)) and #\(random.below(500))."
        case 3: return "* Next call: \(date()) at \(time()); agenda in \(url())"
        case 4, 5: return random.pick(Self.prose)
        case 6: return "- \(event) will be held in \(random.pick(Self.places)) on \(date()), probably."
        case 7: return "  - \(name): working on \(project) \(version()), about 60% done, 2-star issues first."
        case 8: return "- \(name) gave a talk at \(event) \(date()); slides at \(url())"
        case 9: return "Planning for \(date()): \(project) \(version()) then \(project) \(version())."
        case 10: return "\(name) — hoping to have the \(project) port ready by \(date()) (TBC)."
        case 11: return "- Install party on \(date()) from \(time()) to \(time()) in \(random.pick(Self.places))."
        case 12: return "Attendees: \(random.pick(Self.names)), \(random.pick(Self.names)), \(random.pick(Self.names)), \(name)"
        case 13: return "- [ ] \(name) to review #\(random.below(900)) before \(date())"
        case 14: return "\(random.pick(Self.prose)) \(name) said it was fine \(date()) and again \(date())."
        default: return ""
        }
    }

    /// Lines until the text has at least `bytes` UTF-8 bytes.
    mutating func text(bytes: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes + 256)
        while result.count < bytes {
            result += line().utf8
            result.append(0x0A)
        }
        return result
    }
}

// MARK: - Benchmarks

/// The reference date every benchmark resolves against.
enum Fixed {
    static let reference = CivilDate(year: 2015, month: 12, day: 16)!
}

enum TaggerBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = try Options(arguments, allowed: ["megabytes", "runs", "show"])
        let size = try options.double("megabytes", default: 24)
        let runs = try options.int("runs", default: 5)
        let show = try options.int("show", default: Int.max)

        var generator = NoteTextGenerator(seed: 20_151_216)
        let text = generator.text(bytes: Int(size * 1e6))
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in text.enumerated() where byte == 0x0A {
            lines.append(start..<index)
            start = index + 1
        }
        if start < text.count { lines.append(start..<text.count) }
        print("tagger: \(fixed(megabytes(text.count), 1)) MB of generated notes, \(lines.count) lines, \(runs) runs, one thread")

        let tagger = TemporalTagger()
        if show != Int.max {
            // A look at what is tagged: the first lines and the expressions in each.
            for line in lines.prefix(show) {
                let expressions = text.withUnsafeBufferPointer {
                    tagger.tag(utf8: UnsafeBufferPointer(rebasing: $0[line]), reference: Fixed.reference)
                }
                print(String(decoding: text[line], as: UTF8.self))
                for e in expressions { print("    \(e.text) => \(e.when.startText ?? "nil")\(e.when.endText.map { ".." + $0 } ?? "")") }
            }
            return
        }
        var times: [Double] = []
        var found = 0
        for _ in 0..<runs {
            let clock = ContinuousClock()
            var count = 0
            let elapsed = clock.measure {
                text.withUnsafeBufferPointer { all in
                    for line in lines {
                        count += tagger.tag(utf8: UnsafeBufferPointer(rebasing: all[line]), reference: Fixed.reference).count
                    }
                }
            }
            found = count
            times.append(seconds(elapsed))
        }
        let mb = megabytes(text.count)
        let middle = median(times)
        let each = times.map { "\(fixed($0, 3)) s (\(fixed(mb / $0, 1)) MB/s)" }.joined(separator: ", ")
        print("tagger: \(fixed(mb, 1)) MB in \(fixed(middle, 3)) s median (\(fixed(mb / middle, 1)) MB/s); runs: \(each)")
        print("tagger: \(found) expressions found (\(fixed(Double(found) / Double(lines.count), 2)) per line)")
    }
}

enum LongLineBenchmark {
    static let sentence =
        "The CfP for the European Weather Station Conference closes 19 Dec at 23:59 AoE, and the conference "
        + "itself is in Ghent on Wednesday, 11th March (TBC); Tidepool 1.2.1 fixed #20, see "
        + "https://github.com/tidepool/tidepool/pull/20 and the next call is next week at 16:00 UTC. "

    /// `size` bytes of the sentence repeated, with no newline.
    static func line(bytes size: Int) -> [UInt8] {
        let unit = Array(sentence.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(size + unit.count)
        while result.count < size { result += unit }
        return Array(result.prefix(size))
    }

    static func run(_ arguments: [String]) throws {
        let options = try Options(arguments, allowed: ["runs"])
        let runs = try options.int("runs", default: 3)
        let tagger = TemporalTagger()
        var perMegabyte: [Double] = []
        // Warm-up: the lexicon is built on first use.
        _ = tagger.tag(sentence, reference: Fixed.reference)
        for size in [1_000_000, 2_500_000, 5_000_000] {
            let text = line(bytes: size)
            var times: [Double] = []
            var found = 0
            for _ in 0..<runs {
                let clock = ContinuousClock()
                let elapsed = clock.measure {
                    found = text.withUnsafeBufferPointer { tagger.tag(utf8: $0, reference: Fixed.reference).count }
                }
                times.append(seconds(elapsed))
            }
            let middle = median(times)
            let mb = megabytes(size)
            perMegabyte.append(middle / mb)
            print("long-line: \(fixed(mb, 1)) MB line in \(fixed(middle, 3)) s median of \(runs) (\(fixed(mb / middle, 1)) MB/s), \(found) expressions")
        }
        // Linear time keeps the seconds per MB flat; quadratic time would make the 5 MB line's 5× the 1 MB line's.
        print("long-line: seconds per MB at 1, 2.5, 5 MB: \(perMegabyte.map { fixed($0, 4) }.joined(separator: ", ")); 5 MB / 1 MB ratio \(fixed(perMegabyte[2] / perMegabyte[0], 2)) (1.0 = linear, 5.0 = quadratic)")
    }
}

// MARK: - Main

func printUsage() {
    print("usage: almanac-benchmark <benchmark> [options]")
    for benchmark in Benchmark.all { print("  almanac-benchmark \(benchmark.usage)") }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, name != "-h", name != "--help", name != "help" else {
    printUsage()
    exit(arguments.isEmpty ? 2 : 0)
}
guard let benchmark = Benchmark.all.first(where: { $0.name == name }) else {
    print("almanac-benchmark: unknown benchmark '\(name)'")
    printUsage()
    exit(2)
}
do {
    try benchmark.run(Array(arguments.dropFirst()))
} catch {
    print("almanac-benchmark \(name): \(error)")
    exit(2)
}
