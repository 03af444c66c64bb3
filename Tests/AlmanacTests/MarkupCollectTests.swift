import Almanac
import AlmanacCore
import AlmanacModel
import AlmanacTestSupport
import Foundation
import Testing

/// `collect` on a folder that mixes every markup (issue 21).
struct MarkupCollectTests {
    static let files: [String: String] = [
        "2026-01-05.md": "---\ntitle: Weekly\ndate: 2026-01-05\n---\n\n- The Harbour hackathon is on 14 February 2026.\n",
        "2026-01-06.txt": "Weekly\nBy Noor Haddad - 2026-01-06\n\n  • The Harbour workshop is on 21 February 2026.\n",
        "2026-01-07.html": "<html><body><article><h1>Weekly</h1><p>The Harbour meetup is on 28 February 2026.</p></article></body></html>\n",
        "schedule.rst": ":Date: 2026-01-08\n\nSchedule\n========\n\n* The Harbour summit is on 7 March 2026.\n",
        "notes.adoc": "= Weekly\n:revdate: 2026-01-09\n:day: 14 March 2026\n\n* The Harbour sprint is on {day}.\n",
        "news.org": "#+TITLE: News\n#+DATE: <2026-01-10 Sat>\n\n* Harbour conference\nSCHEDULED: <2026-03-21 Sat>\n",
        "list.mbox": """
            From a@example.org Mon Jan 12 09:00:00 2026
            From: Noor Haddad <noor@example.org>
            Subject: [harbour] Harbour Forum CfP
            Date: Mon, 12 Jan 2026 09:00:00 +0000
            Message-ID: <cfp-1@example.org>

            The Harbour Forum CfP closes on 1 February 2026.

            From b@example.org Tue Jan 27 09:00:00 2026
            From: Emil Sato <emil@example.org>
            Subject: Re: [harbour] Harbour Forum CfP
            Date: Tue, 27 Jan 2026 09:00:00 +0000
            Message-ID: <cfp-2@example.org>

            The Harbour Forum CfP deadline is extended to 8 February 2026.

            On Mon, 12 Jan 2026, Noor Haddad wrote:
            > The Harbour Forum CfP closes on 1 February 2026.

            """,
    ]

    @Test func everyMarkupIsReadAndAReplyUpdatesTheCfP() throws {
        let folder = try TestPaths.temporaryDirectory()
        for (name, text) in Self.files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let collection = Pipeline().run(paths: [folder.path])
        #expect(collection.diagnostics.map(\.description) == [])
        let dated = collection.model.items.filter { $0.item.kind == .event }.map { "\($0.item.title) \($0.item.when.startText ?? "-")" }
        #expect(dated == [
            "Harbour Forum 2026-02-08", "Harbour hackathon 2026-02-14", "Harbour workshop 2026-02-21", "Harbour meetup 2026-02-28", "Harbour summit 2026-03-07",
            "Harbour sprint 2026-03-14", "Harbour conference 2026-03-21",
        ])
        let cfp = try #require(collection.model.items.first { $0.item.kind == .deadline })
        #expect(cfp.item.when.startText == "2026-02-08")
        #expect(cfp.revision == 1)
        #expect(cfp.mentions.map(\.note.messageID) == ["cfp-1@example.org", "cfp-2@example.org"])
        // Each message's own line (the reply's first); the reply's quote of the first message (line 19) is none.
        #expect(cfp.item.sources.map(\.line) == [15, 7])
        let json = String(decoding: ItemsJSON.model(collection.model), as: UTF8.self)
        #expect(json.contains("\"message_id\": \"cfp-2@example.org\""))
    }
}
