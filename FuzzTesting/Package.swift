// swift-tools-version: 6.0
// libFuzzer targets, kept out of the main package so that `swift build` there never builds them.
// Built by scripts/fuzz in its own scratch path (.build-fuzz) with AddressSanitizer and
// SanitizerCoverage, linking clang's libFuzzer without its `main` (docs/fuzzing.md): one
// executable, `zhili-fuzz TARGET [libFuzzer options] [corpus folders]`.
import PackageDescription

let package = Package(
    name: "ZhiliFuzzTesting",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Zhili", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The declaration of libFuzzer's LLVMFuzzerRunDriver, which the executable's main calls.
        .target(name: "CFuzzDriver"),
        // Its FuzzTargets.swift is a link to Tests/ZhiliFuzzTests/FuzzTargets.swift, the bodies
        // `swift test` replays the corpora through.
        .executableTarget(
            name: "zhili-fuzz",
            dependencies: [
                "CFuzzDriver",
                .product(name: "ZhiliCore", package: "Zhili"), .product(name: "ZhiliIngest", package: "Zhili"),
                .product(name: "ZhiliSegment", package: "Zhili"), .product(name: "ZhiliExtract", package: "Zhili"),
                .product(name: "ZhiliStore", package: "Zhili"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ]
)
