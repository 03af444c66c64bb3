import Dispatch
import Foundation

/// `map` over all cores; results keep the input order.
public func parallelMap<T: Sendable, R: Sendable>(_ input: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard input.count > 1 else { return input.map(transform) }
    let box = ResultBox<R>(count: input.count)
    DispatchQueue.concurrentPerform(iterations: input.count) { index in
        box.set(index, transform(input[index]))
    }
    return box.values()
}

/// `map` over all cores where each transform also gives something for `consume`, which gets it in
/// input order, on the calling thread, as soon as it and everything before it are ready, and then lets
/// it go: sequential work on the results runs while later ones are still being made, and what it
/// needs is not kept with the results.
public func parallelMap<T: Sendable, R: Sendable, C: Sendable>(
    _ input: [T], _ transform: @escaping @Sendable (T) -> (R, C), consumingInOrder consume: (C) -> Void
) -> [R] {
    let results = ResultBox<R>(count: input.count)
    let handed = ResultBox<C>(count: input.count)
    let work = DispatchGroup()
    DispatchQueue.global().async(group: work) {
        DispatchQueue.concurrentPerform(iterations: input.count) { index in
            let (result, forConsumer) = transform(input[index])
            results.set(index, result)
            handed.set(index, forConsumer)
        }
    }
    for index in input.indices { consume(handed.take(index)) }
    work.wait()
    return results.values()
}

/// Slots written by one thread each (concurrentPerform gives every index to exactly one worker),
/// read after all have finished or, one by one, as they are filled; the lock makes the hand-over
/// visible across threads.
private final class ResultBox<R>: @unchecked Sendable {
    private var slots: [R?]
    private let condition = NSCondition()
    /// The slot a reader is waiting for: only its filling wakes the reader.
    private var awaited = -1

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: R) {
        condition.lock()
        slots[index] = value
        if index == awaited { condition.signal() }
        condition.unlock()
    }

    /// The value of slot `index`, once it is filled; the slot lets it go.
    func take(_ index: Int) -> R {
        condition.lock()
        defer { condition.unlock() }
        while slots[index] == nil {
            awaited = index
            condition.wait()
        }
        awaited = -1
        defer { slots[index] = nil }
        return slots[index]!
    }

    func values() -> [R] {
        condition.lock()
        defer { condition.unlock() }
        return slots.map { $0! }
    }
}
