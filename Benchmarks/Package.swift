// swift-tools-version: 6.0
// Benchmark executables, kept out of the main package so that `swift build` there builds only
// `zhili` and its tests. Built on demand by the scripts that run them (scripts/bench-segment,
// scripts/bench-search).
import PackageDescription

let package = Package(
    name: "ZhiliBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Zhili", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Segmenter and extractor throughput against raw ICU word breaks, driven by scripts/bench-segment.
        .executableTarget(
            name: "zhili-bench",
            dependencies: [
                .product(name: "ZhiliCore", package: "Zhili"), .product(name: "ZhiliSegment", package: "Zhili"),
                .product(name: "ZhiliExtract", package: "Zhili"), .product(name: "ZhiliICU", package: "Zhili"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // Index build rate, query latency and index size against a raw FTS5 trigram index, driven by scripts/bench-search.
        .executableTarget(
            name: "zhili-bench-search",
            dependencies: [
                .product(name: "ZhiliCore", package: "Zhili"), .product(name: "ZhiliIngest", package: "Zhili"),
                .product(name: "ZhiliSegment", package: "Zhili"), .product(name: "ZhiliExtract", package: "Zhili"),
                .product(name: "ZhiliStore", package: "Zhili"), .product(name: "ZhiliPostgres", package: "Zhili"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ]
)
