import AlmanacModel
import Foundation
import Testing

struct ParallelTests {
    @Test func resultsKeepTheInputOrder() {
        let input = Array(0..<500)
        #expect(parallelMap(input) { $0 * $0 } == input.map { $0 * $0 })
    }
}
