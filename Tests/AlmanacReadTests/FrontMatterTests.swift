import AlmanacCore
@testable import AlmanacRead
import Testing

/// The flat front matter path must read every text exactly as Yams does: generated front matters,
/// most of them flat and many just off it, read both ways.
struct FrontMatterTests {
    /// SplitMix64: the same texts on every run.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        mutating func pick(_ list: [String]) -> String { list[next(list.count)] }
        /// Mostly from the first `common` entries (the flat ones), else from all.
        mutating func pick(_ list: [String], common: Int) -> String { list[next(next(20) == 0 ? list.count : common)] }
    }

    static let keys = [
        "title", "subject", "date", "published", "created", "updated", "lastmod", "pubDate", "authors", "author",
        "permalink", "url", "tags", "layout", "x-y", "_x", "2015", "Title", "-k", "\"title\"", "'date'", "ti tle", "title ",
        "? title", "date", "authors",
    ]
    static let separators = [": ", ": ", ": ", ":  ", ":", " : ", ":\t", ": \t"]
    static let values = [
        // Flat values first.
        "Weekly Meeting", "\"Weekly Meeting: 2000-01-03\"", "'single: quoted'", "\"\"", "''", "2015-12-16",
        "2015-12-16 10:00", "Dec 16, 2015", "16 December 2015", "next Friday", "2015-13-45", "[a, b]",
        "[Rosa Lindqvist, Tomás Ferreira]", "[\"A B\", \"C\"]", "['a', b]", "[]", "Bob's notes", "Ana Example", "é",
        "https://example.org/a", "'It''s'", "[ ]", "[a, , b]", "[a,b,]", "[a: b]",
        "[a:b]", "[a#b]", "[a, [b]]", "[a?b]", "[a", "[a] b", "[-a]", "[a, \"b, c\"]", "{a: b}", "a: b", "a:b", "a:", "a #c",
        "a#c", "# c", "\"a\\\"b\"", "\"a\\tb\"", "'a\\b'", "\"unclosed", "'unclosed", "\"a\" b", "'a' b", "- x", "-x", "-",
        "&a x", "*a", "!!str x", "!x y", "|", ">", "%x", "@x", "`x`", "yes", "~", "null", "", " ", "C#", "a, b", "x]", "{x}",
        "é", "e\u{301}", "a\u{85}b", "a\u{2028}b", "\u{FEFF}a", "a\u{7F}", "a\u{9F}", "a\rb", "?x", ":x", "x?", "a ? b",
        "http://example.org/a:b", "https://example.org/#frag", "a \"b\" c", "Bob's notes", "a  b", "Ana Example",
        "weekly-2015-02-11", "2016", "10:30", "Q1 2016", "\u{FFFE}", "Ω", "😀 party",
    ]
    static let otherLines = [
        "", "", "  indented: x", "- item", "# comment", "  - item", "...", "key:", "  name: Ana", "\t", " ", "%YAML 1.1",
        "title: a\n  continued", "authors:\n- A\n- B", "author:\n  name: Ana Example\n  email: ana@example.org",
    ]

    @Test func flatFrontMatterReadsAsYamsDoes() {
        var random = Random(state: 2026)
        var flat = 0
        for _ in 0..<20_000 {
            var lines: [String] = []
            for _ in 0..<(1 + random.next(6)) {
                if random.next(40) == 0 {
                    lines.append(random.pick(Self.otherLines))
                } else {
                    let padding = String(repeating: " ", count: random.next(4) == 0 ? random.next(3) : 0)
                    lines.append(random.pick(Self.keys, common: 16) + random.pick(Self.separators, common: 1)
                        + random.pick(Self.values, common: 20) + padding)
                }
            }
            let yaml = lines.joined(separator: "\n") + "\n"
            if FrontMatter.flatValues(yaml) != nil { flat += 1 }
            var fast = FrontMatter(bodyLine: 1, body: "")
            fast.read(yaml: yaml, path: "n.md")
            var yams = FrontMatter(bodyLine: 1, body: "")
            yams.read(yaml: yaml, path: "n.md", flat: false)
            #expect(Self.summary(fast) == Self.summary(yams), "\(yaml)")
        }
        // Most texts take the flat path, so the comparison is about it.
        #expect(flat > 5_000)
    }

    @Test func commonFrontMatterIsFlat() {
        #expect(FrontMatter.flatValues("title: \"Weekly Meeting: 2000-01-03\"\ndate: 2000-01-03\nauthors: [Aiko Mori]\n") != nil)
        #expect(FrontMatter.flatValues("title: x\ntitle: y\n") == nil)
        #expect(FrontMatter.flatValues("author:\n  name: Ana\n") == nil)
    }

    static func summary(_ front: FrontMatter) -> String {
        "\(front.title ?? "-")|\(front.titleLine ?? 0)|\(front.date?.description ?? "-")|\(front.dateLine ?? 0)|"
            + "\(front.authors)|\(front.permalink ?? "-")|\(front.diagnostics.map(\.description))"
    }
}
