import Almanac
import AlmanacCore
import AlmanacModel
import AlmanacTestSupport
import Foundation
import Testing

struct JSONTests {
    /// items.json, put together from entries rendered one by one, is the document the JSON tree of the
    /// whole model renders (data/'s model, and an empty one).
    @Test func itemsJSONIsTheDocumentOfItsEntries() {
        let model = Pipeline().run(paths: [TestPaths.data.path]).model
        #expect(model.items.count > 20)
        for model in [model, Model()] {
            let tree = JSON.object([
                ("notes", .array(model.notes.map {
                    .object([("path", .string($0.path)), ("date", .string($0.date.description)), ("title", .string($0.title))])
                })),
                ("items", .array(model.items.map(ItemsJSON.entry))),
            ])
            #expect(ItemsJSON.model(model) == tree.bytes())
        }
    }

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
