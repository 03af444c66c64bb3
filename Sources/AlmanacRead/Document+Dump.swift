extension Document {
    /// A plain listing of the blocks, one per line: `line kind [parent] text {spans}`; for debugging and tests.
    public func dump() -> String {
        var out: [String] = []
        for (index, block) in blocks.enumerated() {
            var kind: String
            switch block.kind {
            case .heading(let level): kind = "h\(level)"
            case .listItem(let depth): kind = "li\(depth)"
            case .paragraph: kind = "p"
            case .tableRow: kind = "tr"
            case .quote: kind = "quote"
            case .code: kind = "code"
            }
            if let parent = block.parent { kind += "^\(parent)" }
            if let section = block.section { kind += "§\(section)" }
            var line = "\(index) @\(block.line) \(kind) \(block.text)"
            let spans = block.spans.map { span -> String in
                let name: String
                switch span.kind {
                case .strong: name = "strong"
                case .emphasis: name = "em"
                case .code: name = "code"
                case .link(let url): name = "link(\(url))"
                case .url: name = "url"
                case .leadIn: name = "leadIn"
                }
                return "\(name):\(block.text(span.range))"
            }
            if !spans.isEmpty { line += " {" + spans.joined(separator: "; ") + "}" }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
