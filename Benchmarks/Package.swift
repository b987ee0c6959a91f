// swift-tools-version: 6.0
// Benchmark executables, kept out of the main package so that `swift build` there builds only
// `zhili` and its tests. Built on demand by the scripts that run them (scripts/bench-segment).
import PackageDescription

let package = Package(
    name: "ZhiliBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Zhili", path: ".."),
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
    ]
)
