// Benchmarks: see scripts/bench.sh. Filled in by the benchmark work.
print("almanac-benchmark: nothing yet")
