import Almanac
import AlmanacCore
import AlmanacModel
import ArgumentParser
import Foundation

extension AlmanacCommand {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an item, its history and every line of the notes that speaks of it.",
            discussion: """
                ITEM is a UID, a title or alias, or part of one.

                Examples:
                  almanac explain "MirageOS hackathon" ../notes
                  almanac explain event-cloud-innovator-forum-2016-ef5c2faa@almanac
                """)

        @Argument(help: "UID, title or part of a title.")
        var item: String

        @OptionGroup var sources: SourceOptions

        func run() throws {
            let (_, paths, pipeline) = try sources.resolve()
            let collection = pipeline.run(paths: paths)
            report(collection.diagnostics.filter { $0.severity == .error })
            let found = collection.model.find(item)
            guard !found.isEmpty else {
                printError("no item matches '\(item)'")
                throw ExitCode(1)
            }
            if found.count > 1, found.count <= 20, !found.contains(where: { $0.item.title.lowercased() == item.lowercased() }) {
                print("\(found.count) items match '\(item)':")
                for entry in found { print("  \(entry.uid)  \(entry.item.title) (\(entry.item.when.startText ?? "undated"))") }
                return
            }
            for (index, entry) in found.prefix(20).enumerated() {
                if index > 0 { print("") }
                print(Explanation.render(entry), terminator: "")
            }
        }
    }
}
