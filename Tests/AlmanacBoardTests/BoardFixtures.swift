import AlmanacBoard
import AlmanacCore
import AlmanacModel

/// A small history: a projects list page (2015-06-01) and two meeting notes that move its projects on
/// and mention one it does not have.
enum BoardFixtures {
    static let listPage = NoteInfo(path: "wiki/projects.md", date: CivilDate("2015-06-01")!, dateSource: .frontMatter,
        title: "Pioneer Projects", permalink: "/wiki/projects", format: .markdown)

    static func note(_ date: String) -> NoteInfo {
        NoteInfo(path: "notes/\(date).md", date: CivilDate(date)!, dateSource: .frontMatter, title: "Weekly Meeting: \(date)",
            permalink: "/wiki/weekly-\(date)", format: .markdown)
    }

    static func listed(
        _ title: String, _ programme: Item.Subkind, stars: Int?, time: String?, mentors: [String], skills: [String],
        description: String? = nil, links: [String] = [], status: Item.Status = .available, line: Int
    ) -> Item {
        Item(kind: .project, subkind: programme, title: title, status: status, people: mentors, difficulty: stars, url: links.first,
            sources: [Evidence(path: listPage.path, line: line, quote: title)],
            project: ProjectDetails(timeEstimate: time, mentors: mentors, skills: skills, description: description, links: links,
                listed: true))
    }

    static let listItems = [
        listed("Static site generator", .pioneer, stars: 1, time: "2 weeks", mentors: ["Ines Carvalho", "Marta Okonjo"],
            skills: ["OCaml", "web"], description: "Turn the wiki into a static site.\n\nA second paragraph the board leaves out.",
            links: ["https://example.org/static"], line: 5),
        listed("NTP server", .outreachy, stars: 2, time: "175 h", mentors: ["Tobias"], skills: ["Networking", "OCaml"], line: 12),
        listed("Tracing", .pioneer, stars: 3, time: "large", mentors: [], skills: ["C"], line: 20),
    ]

    static let december = [
        Item(kind: .project, subkind: .pioneer, title: "Static site generator", status: .inProgress, people: ["Ines", "Noa"],
            sources: [Evidence(path: "notes/2015-12-02.md", line: 40,
                quote: "Ines is mentoring the Static Site Pioneer Project with Marta Okonjo and someone has stepped forward.")]),
    ]

    static let january = [
        Item(kind: .project, subkind: .outreachy, title: "NTP server", status: .inProgress,
            sources: [Evidence(path: "notes/2016-01-13.md", line: 81, quote: "One student will be working on NTP server.")]),
        Item(kind: .project, subkind: .pioneer, title: "Unikernel docs", status: .proposed,
            sources: [Evidence(path: "notes/2016-01-13.md", line: 90, quote: "We could turn the unikernel docs into a Pioneer Project.")]),
    ]

    static var model: Model {
        Merger().merge([(note("2016-01-13"), january), (listPage, listItems), (note("2015-12-02"), december)])
    }

    static let noteURL: @Sendable (NoteRef) -> String? = { "https://example.org" + ($0.permalink ?? "/" + $0.path) }
}
