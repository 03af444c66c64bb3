// swift-tools-version: 6.0
// A libFuzzer target for the temporal tagger and the note reader (scripts/fuzz.sh). A package of its own so
// that the main package needs no unsafe flags; build it only with `--sanitize=fuzzer` (libFuzzer gives `main`).
import PackageDescription

let package = Package(
    name: "AlmanacFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Almanac", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "AlmanacFuzz",
            dependencies: [.product(name: "Almanac", package: "Almanac")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    ]
)
