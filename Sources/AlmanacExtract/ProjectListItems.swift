package import AlmanacCore
package import AlmanacRead

extension ProjectList {
    /// The page's projects as items, for the merge.
    package var items: [Item] { projects.map { $0.item(path: path) } }
}

extension ListedProject {
    /// The project as an item of the list page at `path`, marked `listed` so the merge lets the list win
    /// for descriptive fields.
    package func item(path: String) -> Item {
        var people = details.mentors
        for person in details.contributors where !people.contains(person) { people.append(person) }
        return Item(
            kind: .project, subkind: programme, title: title, status: status, people: people, difficulty: difficulty,
            url: details.links.first, sources: [Evidence(path: path, line: line, quote: title)], project: details)
    }
}
