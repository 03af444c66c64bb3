import Dispatch
import Foundation

/// `map` over all cores; results keep the input order.
package func parallelMap<T: Sendable, R: Sendable>(_ input: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard input.count > 1 else { return input.map(transform) }
    let box = ResultBox<R>(count: input.count)
    DispatchQueue.concurrentPerform(iterations: input.count) { index in
        box.set(index, transform(input[index]))
    }
    return box.values()
}

/// Slots written by one thread each (concurrentPerform gives every index to exactly one worker) and
/// read after all have finished; the lock makes the writes visible to the reader.
private final class ResultBox<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: R) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [R] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
