// swift-tools-version:6.2
import PackageDescription

/// Our own targets are compiled in Swift 6 mode with warnings treated as errors,
/// so a warning can never slip into main.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "coproduce",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "coproduce", targets: ["coproduce"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
        // Only the tests use it, to make sample Word files; reading them is ZipParts' (see docs/architecture.md).
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        // Writes the CSV downloads (quoting, line ends) that spreadsheets open.
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        // The SMTP client's connection and its TLS (Vapor already builds on both).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // /metrics in Prometheus's format, fed by Vapor's request metrics (swift-metrics).
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Pure rules of the partnership: no Vapor, no Fluent, Foundation at most.
        .target(name: "Domain", swiftSettings: strictSettings),
        // The plain English checker: the standard library only.
        .target(name: "PlainEnglish", swiftSettings: strictSettings),
        // The system's zlib, for the parts of Word files (Debian's zlib1g-dev).
        .systemLibrary(name: "Zlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Word, PDF, HTML and Markdown files read into the checker's text model.
        .target(
            name: "PlainEnglishDocuments",
            dependencies: [
                "PlainEnglish",
                "Zlib",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: strictSettings
        ),
        // `coproduce check` and `coproduce syllables`, run before Vapor starts.
        .target(name: "PlainEnglishCLI", dependencies: ["PlainEnglish", "PlainEnglishDocuments"], swiftSettings: strictSettings),
        .target(
            name: "App",
            dependencies: [
                "Domain",
                "PlainEnglish",
                "PlainEnglishDocuments",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        // Parsers as fuzz targets: libFuzzer runs them (scripts/fuzz), the tests replay their corpus.
        .target(name: "FuzzTargets", dependencies: ["Domain", "PlainEnglish", "PlainEnglishDocuments"], swiftSettings: strictSettings),
        .executableTarget(name: "coproduce-fuzz", dependencies: ["FuzzTargets"], swiftSettings: strictSettings),
        // Leaf, Plot and Markup written directly on one real page (scripts/bench-rendering), the
        // measurement that chose how pages are rendered; not part of the product.
        .executableTarget(
            name: "coproduce-render-bench",
            dependencies: [
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Plot", package: "Plot"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "coproduce",
            dependencies: ["App", "PlainEnglishCLI"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], swiftSettings: strictSettings),
        .testTarget(name: "PlainEnglishTests", dependencies: ["PlainEnglish", "PlainEnglishDocuments", "PlainEnglishCLI", "FuzzTargets",
                                                           .product(name: "ZIPFoundation", package: "ZIPFoundation")], swiftSettings: strictSettings),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                "Domain",
                "PlainEnglish",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                // Reads the CSV downloads back as a spreadsheet would.
                .product(name: "CSV", package: "CSV.swift"),
            ],
            exclude: ["Snapshots/__Snapshots__"],
            swiftSettings: strictSettings
        ),
    ]
)
