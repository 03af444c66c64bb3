import AlmanacCore
import Foundation
import Testing

struct ParallelTests {
    @Test func resultsKeepTheInputOrder() {
        let input = Array(0..<500)
        #expect(parallelMap(input) { $0 * $0 } == input.map { $0 * $0 })
    }

    /// Results finish out of order (later ones first, some slowly); the consumer still gets each one in
    /// input order, exactly once, and the returned array is the map's.
    @Test func theConsumerGetsResultsInInputOrder() {
        let input = Array(0..<200)
        var consumed: [Int] = []
        let results = parallelMap(input, { value -> (Int, Int) in
            if value % 17 == 0 { usleep(2000) }
            return (value * 3, -value)
        }, consumingInOrder: { consumed.append($0) })
        #expect(consumed == input.map { -$0 })
        #expect(results == input.map { $0 * 3 })
        var none: [Int] = []
        #expect(parallelMap([Int](), { ($0, $0) }, consumingInOrder: { none.append($0) }).isEmpty)
        #expect(none.isEmpty)
    }
}
