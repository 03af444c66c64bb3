import Almanac
import AlmanacBoard
import AlmanacCore
import AlmanacModel
import AlmanacRead
import ArgumentParser
import Foundation

extension AlmanacCommand {
    struct Board: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the project board: Markdown, JSON, an Obsidian Kanban board or an email to the list.",
            discussion: """
                Reads notes and projects list pages (folders recursively) and prints the board of \
                contributor projects. Filters combine; a filter given twice accepts either value.

                Examples:
                  almanac board data
                  almanac board data --difficulty 1 --status available
                  almanac board data --skill networking --programme outreachy --format json
                  almanac board data --format kanban > Projects.md
                  almanac board data --format email --list-url https://example.org/wiki/projects
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case markdown, json, kanban, email
        }

        @OptionGroup var sources: SourceOptions

        @Option(help: "Output format: markdown, json, kanban (Obsidian) or email.")
        var format: Format = .markdown

        @Option(help: "Only projects of this difficulty: 1, 2, 3 (or ★☆☆, easy, medium, hard).")
        var difficulty: [String] = []

        @Option(help: "Only projects that list this skill (networking, OCaml, …).")
        var skill: [String] = []

        @Option(help: "Only this programme: pioneer, gsoc, outreachy, urop or other.")
        var programme: [String] = []

        @Option(help: "Only this status: available, proposed, in-progress, done, cancelled.")
        var status: [String] = []

        @Option(help: "Flag listed projects no note mentioned for this many months (default: the configuration's, else 6).")
        var staleMonths: Int?

        @Option(help: "Published URL of the notes, for links back to them.")
        var baseURL: String?

        @Option(help: "Where people add projects, for --format email (default: the list page's link).")
        var listURL: String?

        func validate() throws {
            for value in difficulty where ProjectFields.difficulty(value) == nil {
                throw ValidationError("--difficulty '\(value)': write 1, 2 or 3 (or ★☆☆, easy, medium, hard)")
            }
            for value in programme where ProjectFields.programme(value) == nil {
                throw ValidationError("--programme '\(value)': write pioneer, gsoc, outreachy, urop or other")
            }
            for value in status where Self.status(value) == nil {
                throw ValidationError("--status '\(value)': write available, proposed, in-progress, done or cancelled")
            }
            if let staleMonths, staleMonths < 1 { throw ValidationError("--stale-months must be 1 or more") }
        }

        static func status(_ text: String) -> Item.Status? {
            let key = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" }).joined(separator: "-")
            return Item.Status(rawValue: key) ?? ProjectFields.status(text)?.status
        }

        func run() throws {
            var (configuration, paths, pipeline) = try sources.resolve()
            if let baseURL { configuration.baseURL = baseURL }
            let collection = pipeline.run(paths: paths)
            report(collection.diagnostics)
            guard !collection.notes.isEmpty || !collection.lists.isEmpty else {
                printError("no notes or projects lists were found in \(paths.joined(separator: ", "))")
                throw ExitCode(1)
            }
            let publisher = Publisher(configuration: configuration)
            let filter = BoardFilter(
                difficulties: difficulty.compactMap(ProjectFields.difficulty), skills: skill,
                programmes: programme.compactMap(ProjectFields.programme), statuses: status.compactMap(Self.status))
            let board = ProjectBoard(
                title: configuration.board.title ?? "\(configuration.name) projects",
                sections: configuration.board.sections.isEmpty ? ProjectBoard.defaultSections : configuration.board.sections,
                noteURL: { publisher.noteURL($0) }, filter: filter, staleMonths: staleMonths ?? configuration.board.staleMonths)
            let model = collection.model
            switch format {
            case .markdown: print(board.render(model), terminator: "")
            case .json: print(BoardJSON.board(board, model).render(), terminator: "")
            case .kanban: print(KanbanBoard(board).render(model), terminator: "")
            case .email:
                let list = collection.lists.first.flatMap { list in
                    publisher.noteURL(NoteRef(path: list.path, date: list.date ?? CivilDate(year: 2000, month: 1, day: 1)!, permalink: list.permalink))
                }
                print(MailingListSummary(board, community: configuration.name, listURL: listURL ?? list).render(model), terminator: "")
            }
        }
    }
}
