import AlmanacModel
import Foundation
import Testing

struct ParallelTests {
    @Test func resultsKeepTheInputOrder() {
        let input = Array(0..<500)
        #expect(parallelMap(input) { $0 * $0 } == input.map { $0 * $0 })
    }

    /// The sequential stage sees every result once, in input order, whatever the slice size.
    @Test(arguments: [1, 7, 1000, 5000])
    func pipelinedConsumesInOrder(slice: Int) {
        let input = Array(0..<2_500)
        var seen: [Int] = []
        pipelined(input, slice: slice, { $0 * 3 }) { seen.append($0) }
        #expect(seen == input.map { $0 * 3 })
        var none: [Int] = []
        pipelined([Int](), slice: slice, { $0 }) { none.append($0) }
        #expect(none.isEmpty)
    }
}
