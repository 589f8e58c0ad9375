// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "CyberDrill",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cyberdrill", targets: ["cyberdrill"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
        // Already built for swift-nio; the load generators' counters (`Synchronization.Atomic`
        // needs macOS 15, the package supports macOS 14).
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.3.0"),
    ],
    targets: [
        // libyaml, the system's (Debian's libyaml-dev): DrillCore composes its scenario tree from its
        // parser's events. Nothing links a second copy (no Yams): the composer is checked in
        // DrillCoreTests against libyaml's own composer (yaml_parser_load), from this same library.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        .target(name: "DrillCore", dependencies: ["CYAML"]),
        .target(name: "DrillJournal", dependencies: [
            "DrillCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The live host: the exercise machine, the journal and the real wall clock behind one actor.
        .target(name: "DrillHost", dependencies: ["DrillCore", "DrillJournal"]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // GNU FriBidi: the Unicode Bidirectional Algorithm, applied per line for terminals that do not reorder.
        .systemLibrary(name: "CFriBidi", pkgConfig: "fribidi", providers: [.apt(["libfribidi-dev"]), .brew(["fribidi"])]),
        // The message catalogs of the six languages, plural rules and number formats.
        .target(name: "DrillText", dependencies: ["DrillCore"]),
        .target(name: "DrillTUI", dependencies: ["DrillCore", "DrillText", "CNcursesw", "CFriBidi"]),
        .target(name: "DrillReport", dependencies: ["DrillCore", "DrillText"]),
        .target(name: "DrillWire", dependencies: ["DrillCore"]),
        .target(name: "DrillServer", dependencies: [
            "DrillCore", "DrillJournal", "DrillHost", "DrillWire",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "DrillClient", dependencies: [
            "DrillWire",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // `serve --ssh`: the SSH front. Its sessions run whatever console DrillCLI hands it.
        .target(name: "DrillSSH", dependencies: [
            "DrillServer", "DrillTUI",
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "DrillCLI", dependencies: [
            "DrillCore", "DrillJournal", "DrillHost", "DrillTUI", "DrillReport", "DrillWire", "DrillServer", "DrillClient", "DrillSSH", "DrillText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "cyberdrill", dependencies: ["DrillCLI"]),
        // Not shipped: what the benchmarks and the scale tests share (generated scenarios and exercises).
        .target(name: "DrillFixtures", dependencies: ["DrillCore"], path: "Benchmarks/DrillFixtures"),
        // Not shipped: what the load benchmarks share (monotonic time, percentiles, a process's RSS, bounded waits, options).
        .target(name: "BenchSupport", path: "Benchmarks/BenchSupport"),
        .executableTarget(name: "DrillBench", dependencies: ["DrillCore", "DrillFixtures", "DrillJournal", "DrillReport", "DrillTUI"],
                          path: "Benchmarks/DrillBench"),
        // Journal crash-test writer and benchmark (Scripts/bench-journal); not shipped.
        .executableTarget(name: "journal-harness", dependencies: [
            "BenchSupport", "DrillJournal", .product(name: "GRDB", package: "GRDB.swift"),
        ], path: "Benchmarks/journal-harness"),
        // The load generators' WebSocket client (plain SwiftNIO, receipt timed on its event loop); not shipped.
        .target(name: "LeanWebSocket", dependencies: [
            .product(name: "Atomics", package: "swift-atomics"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ], path: "Benchmarks/LeanWebSocket"),
        // Server load benchmark (Scripts/bench-server); not shipped.
        .executableTarget(name: "drill-load", dependencies: [
            "BenchSupport", "LeanWebSocket", "DrillCore", "DrillServer", "DrillJournal",
            .product(name: "Atomics", package: "swift-atomics"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "Benchmarks/drill-load"),
        // SSH load benchmark (Scripts/bench ssh): swift-nio-ssh's client side against `serve --ssh`; not shipped.
        .executableTarget(name: "drill-ssh-load", dependencies: [
            "BenchSupport", "LeanWebSocket", "DrillServer",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "Benchmarks/drill-ssh-load"),
        // What the test targets share (the repository and binary locators, running a program,
        // temporary folders, free ports); used only by test targets, never shipped.
        .target(name: "DrillTestSupport", path: "Tests/DrillTestSupport"),
        // libyaml's own composer (through CYAML) gives the reference trees the YAML composer is checked against.
        .testTarget(name: "DrillCoreTests", dependencies: ["DrillCore", "DrillFixtures", "CYAML", "DrillTestSupport"]),
        .testTarget(name: "DrillJournalTests", dependencies: ["DrillJournal", "journal-harness", "DrillTestSupport"]),
        .testTarget(name: "DrillHostTests", dependencies: ["DrillHost", "DrillJournal", "DrillCore", "DrillTestSupport"]),
        .testTarget(name: "DrillTUITests", dependencies: ["DrillTUI", "DrillCore", "DrillFixtures", "DrillTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "DrillCLITests", dependencies: ["DrillCLI", "DrillHost", "DrillTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DrillReportTests", dependencies: ["DrillReport", "DrillText", "DrillTestSupport"]),
        .testTarget(name: "DrillWireTests", dependencies: ["DrillWire", "DrillText"]),
        .testTarget(name: "LeanWebSocketTests", dependencies: [
            "LeanWebSocket",
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "DrillTextTests", dependencies: ["DrillText", "DrillCore", "DrillTestSupport"]),
        .testTarget(name: "DrillServerTests", dependencies: [
            "DrillServer", "DrillClient", "DrillWire", "DrillJournal", "DrillHost", "DrillText", "DrillTestSupport",
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
