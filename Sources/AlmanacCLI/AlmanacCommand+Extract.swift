import Almanac
import AlmanacCore
import AlmanacModel
import AlmanacRead
import AlmanacTime
import ArgumentParser
import Foundation

extension AlmanacCommand {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what each note says, before notes are merged.",
            discussion: """
                --format json prints the items JSON that ../shared/eval/score.py reads (see README).

                Examples:
                  almanac extract notes/2015-12-16.md
                  almanac extract notes --format json > items.json
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @OptionGroup var sources: SourceOptions

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Flag(help: .hidden)
        var blocks = false

        func run() throws {
            let (_, paths, pipeline) = try sources.resolve()
            if blocks {
                // The blocks each note is read into (for writing extraction rules).
                for path in paths {
                    guard let note = NoteReader().read(contentsOf: path).note else { continue }
                    print("== \(path) \(note.info.date)")
                    print(note.document.dump())
                }
                return
            }
            let (notes, diagnostics, _) = pipeline.notes(paths: paths)
            report(diagnostics)
            switch format {
            case .json:
                print(ItemsJSON.notes(notes).render(), terminator: "")
            case .text:
                print(TextReport.notes(notes), terminator: "")
            }
            if notes.isEmpty, !diagnostics.isEmpty { throw ExitCode(1) }
            if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        }
    }
}
