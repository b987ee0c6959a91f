// swift-tools-version: 6.0
import PackageDescription

/// Settings shared by every Swift target.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Zhili",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zhili", targets: ["zhili"]),
        .library(name: "ZhiliText", targets: ["ZhiliText"]),
        .library(name: "ZhiliCore", targets: ["ZhiliCore"]),
        // For the benchmarks package (Benchmarks/), which times the segmenter against raw ICU.
        .library(name: "ZhiliICU", targets: ["ZhiliICU"]),
        .library(name: "ZhiliIngest", targets: ["ZhiliIngest"]),
        .library(name: "ZhiliSegment", targets: ["ZhiliSegment"]),
        .library(name: "ZhiliExtract", targets: ["ZhiliExtract"]),
        .library(name: "ZhiliDedup", targets: ["ZhiliDedup"]),
        .library(name: "ZhiliStore", targets: ["ZhiliStore"]),
        .library(name: "ZhiliPostgres", targets: ["ZhiliPostgres"]),
        .library(name: "ZhiliBatch", targets: ["ZhiliBatch"]),
        .library(name: "ZhiliServer", targets: ["ZhiliServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already a dependency of postgres-nio; named for the TLS context of the PostgreSQL connection check.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // C shims over Debian's system libraries. Only the Swift module directly
        // above each shim imports it.
        .target(
            name: "CZhiliICU",
            linkerSettings: [
                // Foundation on Linux ships a private ICU that shares a few C++ symbols
                // with the system ICU; listing it first makes each bind to its own copy.
                .linkedLibrary("_FoundationICU", .when(platforms: [.linux])),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icui18n"),
                .linkedLibrary("icudata"),
            ]
        ),
        .target(name: "ZhiliICU", dependencies: ["ZhiliText", "CZhiliICU"], swiftSettings: swiftSettings),
        // Debian's libxml2 headers and library, found with pkg-config; only CZhiliHTML includes them.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // C shim over libxml2's HTML parser: the main text of a page, with no libxml2 types in its API.
        .target(name: "CZhiliHTML", dependencies: ["CLibXML2"]),
        // Debian's zlib (zlib1g-dev) for the gzip reader; only ZhiliIngest imports it.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),

        // Debian's SQLite (libsqlite3-dev): the FTS5 ranking function `zhili_rank`; only ZhiliStore imports it.
        .target(name: "CZhiliSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),

        // The text foundation every stage shares: UTF-8 cursor, character classes, byte search,
        // FNV-1a, JSON string escaping, measure words.
        .target(name: "ZhiliText", swiftSettings: swiftSettings),

        // Records that flow between stages.
        .target(name: "ZhiliCore", dependencies: ["ZhiliText"], swiftSettings: swiftSettings),

        // Stage 1: decoding, readers and cleaning.
        .target(
            name: "ZhiliIngest",
            dependencies: ["ZhiliText", "ZhiliCore", "ZhiliICU", "CZhiliHTML", "CZlib"],
            // Embedded in the binary, so an installed `zhili` needs no resource bundle beside it.
            resources: [.embedInCode("Resources/boilerplate.txt")],
            swiftSettings: swiftSettings
        ),
        // Stage 2: segmentation.
        .target(
            name: "ZhiliSegment",
            dependencies: ["ZhiliText", "ZhiliCore", "ZhiliICU"],
            resources: [.copy("Resources/domain.dict"), .copy("Resources/regions.dict"), .copy("Resources/general.dict")],
            swiftSettings: swiftSettings
        ),
        // Stage 3: extraction of figures, programs, regions and indicators.
        .target(
            name: "ZhiliExtract",
            dependencies: ["ZhiliText", "ZhiliCore", "ZhiliSegment", "ZhiliICU"],
            resources: [
                .copy("Resources/regions-cn.tsv"), .copy("Resources/region-aliases.tsv"),
                .copy("Resources/indicators.json"), .copy("Resources/programs.txt"),
            ],
            swiftSettings: swiftSettings
        ),
        // Near-duplicate detection: shingles, MinHash, LSH bands and containment; used by extract,
        // index and dedup (after extraction, before the store).
        .target(name: "ZhiliDedup", dependencies: ["ZhiliText", "ZhiliCore", "ZhiliICU"], swiftSettings: swiftSettings),

        // Stage 4: durable store and search.
        .target(
            name: "ZhiliStore",
            dependencies: [
                "ZhiliCore", "ZhiliSegment", "ZhiliExtract", "ZhiliICU", "ZhiliText", "ZhiliDedup", "CZhiliSQLite",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // Stage 4, grown up: the same store protocol over PostgreSQL (postgres-nio), for many
        // machines writing one database and several servers reading it.
        .target(
            name: "ZhiliPostgres",
            dependencies: [
                "ZhiliCore", "ZhiliStore", "ZhiliExtract", "ZhiliSegment", "ZhiliText", "ZhiliDedup", "ZhiliICU",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Batch driver: ordered parallel processing of dumps, outputs, progress, errors, resume.
        .target(
            name: "ZhiliBatch",
            dependencies: ["ZhiliText", "ZhiliCore", "ZhiliIngest", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // Stage 5: HTTP API and web page over the store.
        .target(
            name: "ZhiliServer",
            dependencies: [
                "ZhiliCore", "ZhiliExtract", "ZhiliStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The HTTP/1 child channel, wrapped to limit open connections (ConnectionLimit.swift).
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static"), .copy("Resources/maps")],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "zhili",
            dependencies: [
                "ZhiliCore", "ZhiliIngest", "ZhiliSegment", "ZhiliExtract", "ZhiliDedup", "ZhiliStore", "ZhiliPostgres", "ZhiliServer", "ZhiliBatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),


        .testTarget(name: "ZhiliTextTests", dependencies: ["ZhiliText"], swiftSettings: swiftSettings),
        // Reads the reprint set in corpus/reprints (scripts/make-reprints).
        .testTarget(name: "ZhiliDedupTests", dependencies: ["ZhiliDedup", "ZhiliIngest", "ZhiliCore"], swiftSettings: swiftSettings),
        .testTarget(name: "ZhiliICUTests", dependencies: ["ZhiliICU"], swiftSettings: swiftSettings),
        // JSONLineWriter against JSONEncoder on records extracted from the seeds.
        .testTarget(name: "ZhiliCoreTests", dependencies: ["ZhiliCore", "ZhiliIngest", "ZhiliExtract"], swiftSettings: swiftSettings),
        .testTarget(name: "ZhiliIngestTests", dependencies: ["ZhiliIngest", "ZhiliICU", "ZhiliText"], swiftSettings: swiftSettings),
        .testTarget(name: "ZhiliExtractTests", dependencies: ["ZhiliExtract", "ZhiliCore", "ZhiliSegment", "ZhiliICU", "ZhiliIngest"], swiftSettings: swiftSettings),
        .testTarget(name: "ZhiliSegmentTests", dependencies: ["ZhiliSegment", "ZhiliCore"], swiftSettings: swiftSettings),
        .testTarget(name: "ZhiliBatchTests", dependencies: ["ZhiliBatch", "ZhiliIngest", "ZhiliCore"], swiftSettings: swiftSettings),
        // Fixtures/ holds input files the tests pass to the binary (scripts/gen-traditional-seeds).
        .testTarget(name: "ZhiliCLITests", dependencies: ["zhili"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ZhiliStoreTests",
            // ZhiliPostgres: StoreParityTests runs the store cases against both stores.
            dependencies: [
                "ZhiliStore", "ZhiliCore", "ZhiliSegment", "ZhiliExtract", "ZhiliIngest", "ZhiliPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Replays the fuzz targets' seeds and regression inputs (FuzzTesting/) through the target bodies
        // in FuzzTargets.swift, which the fuzz package compiles too.
        .testTarget(
            name: "ZhiliFuzzTests",
            dependencies: [
                "ZhiliCore", "ZhiliIngest", "ZhiliSegment", "ZhiliExtract", "ZhiliStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZhiliPostgresTests",
            dependencies: ["ZhiliPostgres", "ZhiliStore", "ZhiliSegment", "ZhiliCore", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ZhiliServerTests",
            dependencies: [
                "ZhiliServer", "ZhiliStore", "ZhiliCore", "ZhiliIngest", "ZhiliExtract",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            // Fixtures/ holds the golden /api/compare answer on the seeds.
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
