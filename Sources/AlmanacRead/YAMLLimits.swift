import CYaml

/// Limits on the YAML Almanac reads (front matter, `almanac.yml`), checked on libyaml's event stream before
/// Yams builds anything.
///
/// An alias (`*a`) stands for the whole node its anchor (`&a`) names, so nine levels of `&a [*b, *b, …]`
/// make a document of a few hundred bytes that means billions of values: building it, hashing its keys
/// (Yams checks mappings for repeated keys) or walking it takes time and memory nine times over per level.
/// Nesting a few hundred thousand levels deep (`[[[[…`) overflows the stack of the recursive composer. Both
/// are refused here, in one pass over the events that never expands an alias: each anchor's size is counted
/// once, and an alias adds its anchor's size.
///
/// ```swift
/// YAMLLimits.check("a: &a [1, 2]\nb: *a\n")     // nil: fine
/// YAMLLimits.check(bomb)?.line                  // the line of the alias that went over
/// ```
package enum YAMLLimits {
    /// The most values aliases may stand for in one document, all aliases together.
    package static let maximumAliasExpansion = 10_000
    /// The deepest nesting of lists and mappings.
    package static let maximumDepth = 200

    /// Why a document is refused, and where (0-based line and column, as libyaml and Yams count them).
    package struct Violation: Sendable, Equatable {
        package var message: String
        package var line: Int
        package var column: Int
    }

    /// The first limit `yaml` exceeds, or nil when it keeps to them (or does not parse: Yams then says why).
    package static func check(_ yaml: String) -> Violation? {
        // Nothing to expand and nothing deep: the usual front matter costs one scan for the indicators.
        var hasAlias = false
        var depth = 0
        var deepest = 0
        for byte in yaml.utf8 {
            switch byte {
            case UInt8(ascii: "*"): hasAlias = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        // Block collections nest by indentation, one level per line at least: count lines as levels too.
        let lines = yaml.utf8.count { $0 == 0x0A }
        guard hasAlias || deepest + lines >= maximumDepth else { return nil }
        var yaml = yaml
        return yaml.withUTF8 { scan($0) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Violation? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        /// Each open list or mapping: how many values it holds so far (itself included), and its anchor.
        var open: [(size: Int, anchor: String?)] = []
        var anchors: [String: Int] = [:]
        var expanded = 0
        func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        func add(_ size: Int, anchor: String?) {
            if let anchor { anchors[anchor] = size }
            if !open.isEmpty { open[open.count - 1].size = min(Int.max / 2, open[open.count - 1].size + size) }
        }
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_DOCUMENT_START_EVENT:
                anchors = [:]
                expanded = 0
            case YAML_SCALAR_EVENT:
                add(1, anchor: anchorName(event.data.scalar.anchor))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? anchorName(event.data.sequence_start.anchor) : anchorName(event.data.mapping_start.anchor)
                open.append((1, anchor))
                if open.count > maximumDepth {
                    return Violation(message: "nests lists and mappings more than \(maximumDepth) levels deep",
                        line: Int(mark.line), column: Int(mark.column))
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return nil }
                add(closed.size, anchor: closed.anchor)
            case YAML_ALIAS_EVENT:
                let size = anchorName(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
                expanded = min(Int.max / 2, expanded + size)
                if expanded > maximumAliasExpansion {
                    return Violation(
                        message: "its aliases expand to more than \(maximumAliasExpansion) values (an alias bomb?)",
                        line: Int(mark.line), column: Int(mark.column))
                }
                add(size, anchor: nil)
            default:
                break
            }
        }
    }
}
