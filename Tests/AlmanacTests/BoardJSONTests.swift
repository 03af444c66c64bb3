import Almanac
import AlmanacBoard
import AlmanacCore
import AlmanacModel
import Testing

struct BoardJSONTests {
    @Test func projectsInBoardOrderWithFlagsAndMentions() {
        let list = NoteInfo(path: "wiki/projects.md", date: CivilDate("2015-06-01")!, dateSource: .frontMatter, title: "Pioneer Projects",
            permalink: "/wiki/projects", format: .markdown)
        let note = NoteInfo(path: "notes/2016-01-13.md", date: CivilDate("2016-01-13")!, dateSource: .frontMatter,
            title: "Weekly Meeting: 2016-01-13", format: .markdown)
        let listed = Item(kind: .project, subkind: .outreachy, title: "NTP server", status: .available, people: ["Tobias"], difficulty: 2,
            sources: [Evidence(path: "wiki/projects.md", line: 12, quote: "NTP server")],
            project: ProjectDetails(timeEstimate: "175 h", mentors: ["Tobias"], skills: ["networking"], description: "An NTP server for unikernels.",
                links: ["https://example.org/ntp", "javascript:alert(1)"], listed: true))
        let mentioned = Item(kind: .project, subkind: .outreachy, title: "NTP server", status: .inProgress, people: ["Noa <k>"],
            sources: [Evidence(path: "notes/2016-01-13.md", line: 81, quote: "One student will be working on NTP server.")])
        let model = Merger().merge([(note, [mentioned]), (list, [listed])])
        let board = ProjectBoard(title: "Projects", noteURL: { $0.permalink.map { "https://example.org" + $0 } },
            filter: BoardFilter(difficulties: [2], programmes: [.outreachy]))
        #expect(BoardJSON.board(board, model).render() == """
            {
              "title": "Projects",
              "newest_note": "2016-01-13",
              "stale_months": 6,
              "filter": {
                "difficulty": [
                  2
                ],
                "skill": [],
                "programme": [
                  "outreachy"
                ],
                "status": []
              },
              "counts": {
                "projects": 1,
                "status": {
                  "in-progress": 1
                },
                "difficulty": {
                  "1": 0,
                  "2": 1,
                  "3": 0,
                  "unrated": 0
                },
                "not_on_list": 0,
                "stale": 0
              },
              "projects": [
                {
                  "uid": "\(model.items[0].uid)",
                  "title": "NTP server",
                  "aliases": [],
                  "status": "in-progress",
                  "programme": "outreachy",
                  "difficulty": 2,
                  "stars": "★★☆",
                  "time_estimate": "175 h",
                  "mentors": [
                    "Tobias"
                  ],
                  "people": [
                    "Noa \\u003ck\\u003e"
                  ],
                  "skills": [
                    "networking"
                  ],
                  "description": "An NTP server for unikernels.",
                  "summary": "An NTP server for unikernels.",
                  "links": [
                    "https://example.org/ntp"
                  ],
                  "listed": true,
                  "not_on_list": false,
                  "stale": false,
                  "first_mentioned": {
                    "date": "2015-06-01",
                    "path": "wiki/projects.md",
                    "title": "Pioneer Projects",
                    "url": "https://example.org/wiki/projects"
                  },
                  "last_mentioned": {
                    "date": "2016-01-13",
                    "path": "notes/2016-01-13.md",
                    "title": "Weekly Meeting: 2016-01-13",
                    "url": null
                  },
                  "list": {
                    "date": "2015-06-01",
                    "path": "wiki/projects.md",
                    "title": "Pioneer Projects",
                    "url": "https://example.org/wiki/projects"
                  },
                  "mentions": [
                    {
                      "date": "2015-06-01",
                      "path": "wiki/projects.md",
                      "line": 12,
                      "status": "available",
                      "quote": "NTP server",
                      "listed": true
                    },
                    {
                      "date": "2016-01-13",
                      "path": "notes/2016-01-13.md",
                      "line": 81,
                      "status": "in-progress",
                      "quote": "One student will be working on NTP server.",
                      "listed": false
                    }
                  ],
                  "history": [
                    {
                      "date": "2016-01-13",
                      "path": "notes/2016-01-13.md",
                      "changes": [
                        {
                          "field": "status",
                          "from": "available",
                          "to": "in-progress"
                        }
                      ]
                    }
                  ]
                }
              ]
            }

            """)
        #expect(BoardJSON.board(ProjectBoard(filter: BoardFilter(statuses: [.done])), model).render(pretty: false).contains(#""projects":[]}"#))
    }
}
