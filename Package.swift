// swift-tools-version: 6.0
import PackageDescription

// The programs allocate many small values on both cores at once; jemalloc (Debian libjemalloc-dev)
// serves that about a tenth faster than glibc's malloc, with less memory (scripts/bench.sh collect).
let jemalloc: [LinkerSetting] = [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]

let package = Package(
    name: "Almanac",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "almanac", targets: ["AlmanacCLI"]),
        .library(name: "Almanac", targets: ["Almanac", "AlmanacValidate"]),
        .library(name: "AlmanacTime", targets: ["AlmanacTime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries, declared once with pkg-config and install hints.
        .systemLibrary(
            name: "CLibical", pkgConfig: "libical", providers: [.apt(["libical-dev"]), .brew(["libical"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),

        // One library per stage: files → notes → document → mentions → items → model → views.
        .target(name: "AlmanacCore"),
        // Name matching and the common-word lexicon, shared by extraction, the merge and the views.
        .target(name: "AlmanacNames", dependencies: ["AlmanacCore"]),
        .target(name: "AlmanacTime", dependencies: ["AlmanacCore"]),
        .target(
            name: "AlmanacRead",
            dependencies: [
                "AlmanacCore", "AlmanacTime", "CLibXML2", .product(name: "Yams", package: "Yams"),
            ]),
        .target(name: "AlmanacExtract", dependencies: ["AlmanacCore", "AlmanacNames", "AlmanacTime", "AlmanacRead"]),
        .target(name: "AlmanacModel", dependencies: ["AlmanacCore", "AlmanacNames"]),
        .target(name: "AlmanacICal", dependencies: ["AlmanacCore", "AlmanacNames", "AlmanacModel", "CLibical"]),
        // Checks iCalendar files line by line against RFC 5545 (`almanac validate`), apart from libical.
        .target(name: "AlmanacValidate", dependencies: ["AlmanacCore"]),
        .target(name: "AlmanacBoard", dependencies: ["AlmanacCore", "AlmanacNames", "AlmanacModel"]),
        // What earlier runs worked out (SQLite through GRDB), so unchanged notes are not read again.
        .target(name: "AlmanacStore", dependencies: ["AlmanacCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Almanac",
            dependencies: [
                "AlmanacCore", "AlmanacNames", "AlmanacTime", "AlmanacRead", "AlmanacExtract", "AlmanacModel", "AlmanacICal",
                "AlmanacBoard", "AlmanacStore", .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "AlmanacCLI",
            dependencies: [
                "Almanac", "AlmanacCore", "AlmanacNames", "AlmanacModel", "AlmanacTime", "AlmanacICal", "AlmanacValidate", "AlmanacRead",
                "AlmanacBoard", "AlmanacStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: jemalloc),
        // Speed and memory figures (scripts/bench.sh); not part of the product.
        .executableTarget(
            name: "AlmanacBenchmark",
            dependencies: ["Almanac", "AlmanacCore", "AlmanacTime", "AlmanacRead", "AlmanacExtract", "AlmanacModel", "AlmanacStore"],
            linkerSettings: jemalloc),

        .target(name: "AlmanacTestSupport", path: "Tests/AlmanacTestSupport"),
        .testTarget(name: "AlmanacCoreTests", dependencies: ["AlmanacCore"]),
        .testTarget(name: "AlmanacNamesTests", dependencies: ["AlmanacNames"]),
        .testTarget(name: "AlmanacTimeTests", dependencies: ["AlmanacTime"]),
        .testTarget(name: "AlmanacReadTests", dependencies: ["AlmanacTestSupport", "AlmanacRead", "AlmanacCore"]),
        .testTarget(
            name: "AlmanacExtractTests", dependencies: ["AlmanacTestSupport", "AlmanacExtract", "AlmanacRead", "AlmanacTime"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "AlmanacModelTests", dependencies: ["AlmanacModel"]),
        .testTarget(name: "AlmanacICalTests", dependencies: ["AlmanacTestSupport", "AlmanacICal", "AlmanacModel", "AlmanacValidate"]),
        .testTarget(name: "AlmanacValidateTests", dependencies: ["AlmanacTestSupport", "AlmanacValidate", "AlmanacICal"]),
        .testTarget(name: "AlmanacBoardTests", dependencies: ["AlmanacBoard", "AlmanacModel", "AlmanacCore"]),
        .testTarget(
            name: "AlmanacTests",
            dependencies: [
                "AlmanacTestSupport", "Almanac", "AlmanacCore", "AlmanacRead", "AlmanacICal", "AlmanacValidate", "AlmanacStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "AlmanacCLITests", dependencies: ["AlmanacTestSupport", "AlmanacCLI"]),
    ]
)

for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    target.swiftSettings =
        (target.swiftSettings ?? [])
        + ["ExistentialAny", "InternalImportsByDefault", "MemberImportVisibility"].map { .enableUpcomingFeature($0) }
}
