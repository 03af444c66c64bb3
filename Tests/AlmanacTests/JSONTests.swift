import Almanac
import Testing

struct JSONTests {
    @Test func escapesForJSONAndForHTMLScripts() {
        let value = JSON.string("a\"b\\c\nd\te</script>&\u{01}\u{2028}x\u{2029}é")
        #expect(value.render(pretty: false) == #""a\"b\\c\nd\te\u003c/script\u003e\u0026\u0001\u2028x\u2029é""#)
    }

    @Test func prettyAndCompact() {
        let value = JSON.object([("a", .int(1)), ("b", .array([.bool(true), .null])), ("c", .object([])), ("d", .array([]))])
        #expect(value.render(pretty: false) == #"{"a":1,"b":[true,null],"c":{},"d":[]}"#)
        #expect(value.render() == "{\n  \"a\": 1,\n  \"b\": [\n    true,\n    null\n  ],\n  \"c\": {},\n  \"d\": []\n}\n")
    }
}
