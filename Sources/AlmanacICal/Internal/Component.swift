internal import CLibical

/// Owns one libical component. Children and properties move into their parent, so ownership is
/// never shared: the owner is noncopyable and hands its pointer over with a consuming `release()`.
///
/// Not `Sendable`: a libical component is mutable C state with no locking; each one lives inside a
/// single call (build, serialize, free) and never crosses a thread.
struct Component: ~Copyable {
    private var raw: OpaquePointer

    init(_ kind: icalcomponent_kind) {
        raw = icalcomponent_new(kind)
    }

    /// Takes ownership of a component libical allocated (a parse result or a clone).
    init(owning pointer: OpaquePointer) {
        raw = pointer
    }

    deinit { icalcomponent_free(raw) }

    /// Adds a property; the component takes ownership of it.
    mutating func add(_ property: OpaquePointer?) {
        guard let property else { return }
        icalcomponent_add_property(raw, property)
    }

    mutating func add(_ child: consuming Component) {
        icalcomponent_add_component(raw, child.release())
    }

    /// Gives the pointer to a new owner (a parent); this value no longer frees it.
    consuming func release() -> OpaquePointer {
        let pointer = raw
        discard self
        return pointer
    }

    /// RFC 5545 text, CRLF line ends and folded lines, as libical writes it.
    func serialized() -> String {
        guard let text = icalcomponent_as_ical_string_r(raw) else { return "" }
        defer { icalmemory_free_buffer(text) }
        return String(cString: text)
    }

    /// Read-only access to the pointer, for walking a parsed tree.
    func withPointer<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R { try body(raw) }
}

@available(*, unavailable)
extension Component: Sendable {}
