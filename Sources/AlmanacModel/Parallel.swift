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

/// `consume`s `transform`'s results in input order on the calling thread, while the next `slice` inputs
/// are transformed on all cores: a sequential stage fed by a parallel one, the two at once.
package func pipelined<T: Sendable, R: Sendable>(
    _ input: [T], slice: Int, _ transform: @escaping @Sendable (T) -> R, consume: (R) -> Void
) {
    let slices = stride(from: 0, to: input.count, by: max(1, slice)).map { Array(input[$0..<min($0 + slice, input.count)]) }
    guard let first = slices.first else { return }
    var ready = parallelMap(first, transform)
    for next in slices.dropFirst().map(Optional.some) + [nil] {
        let box = SliceBox<R>()
        let group = DispatchGroup()
        if let next { DispatchQueue.global().async(group: group) { box.values = parallelMap(next, transform) } }
        ready.forEach(consume)
        // The wait orders the other thread's write before this read.
        group.wait()
        ready = box.values
    }
}

private final class SliceBox<R>: @unchecked Sendable {
    var values: [R] = []
}
