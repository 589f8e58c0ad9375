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
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
    ],
    targets: [
        // libyaml's event API, resolved against the libyaml that Yams compiles (see the header).
        .target(name: "CYAMLEvents", dependencies: [.product(name: "Yams", package: "Yams")], exclude: ["libyaml.h"]),
        .target(name: "DrillCore", dependencies: ["CYAMLEvents"]),
        .target(name: "DrillJournal", dependencies: [
            "DrillCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // GNU FriBidi: the Unicode Bidirectional Algorithm, applied per line for terminals that do not reorder.
        .systemLibrary(name: "CFriBidi", pkgConfig: "fribidi", providers: [.apt(["libfribidi-dev"]), .brew(["fribidi"])]),
        // The message catalogs of the six languages, plural rules and number formats.
        .target(name: "DrillText", dependencies: ["DrillCore"]),
        .target(name: "DrillTUI", dependencies: ["DrillCore", "DrillText", "CNcursesw", "CFriBidi"]),
        .target(name: "DrillReport", dependencies: ["DrillCore", "DrillText"]),
        .target(name: "DrillWire", dependencies: ["DrillCore"]),
        .target(name: "DrillServer", dependencies: [
            "DrillCore", "DrillJournal", "DrillWire",
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
            "DrillCore", "DrillJournal", "DrillTUI", "DrillReport", "DrillWire", "DrillServer", "DrillClient", "DrillSSH", "DrillText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "cyberdrill", dependencies: ["DrillCLI"]),
        .executableTarget(name: "DrillBench", dependencies: ["DrillCore", "DrillJournal", "DrillReport", "DrillTUI"]),
        // Journal crash-test writer and benchmark (Scripts/bench-journal); not shipped.
        .executableTarget(name: "journal-harness", dependencies: [
            "DrillJournal", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Server load benchmark (Scripts/bench-server); not shipped.
        .executableTarget(name: "drill-load", dependencies: [
            "DrillCore", "DrillServer", "DrillJournal",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // SSH load benchmark (Scripts/bench ssh): swift-nio-ssh's client side against `serve --ssh`; not shipped.
        .executableTarget(name: "drill-ssh-load", dependencies: [
            "DrillServer",
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // What the test targets share (the repository and binary locators, running a program,
        // temporary folders, free ports); used only by test targets, never shipped.
        .target(name: "DrillTestSupport", path: "Tests/DrillTestSupport"),
        // Yams composes the reference trees that the YAML composer is checked against.
        .testTarget(name: "DrillCoreTests", dependencies: ["DrillCore", "DrillTestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "DrillJournalTests", dependencies: ["DrillJournal", "journal-harness", "DrillTestSupport"]),
        .testTarget(name: "DrillTUITests", dependencies: ["DrillTUI", "DrillCore", "DrillTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "DrillCLITests", dependencies: ["DrillCLI", "DrillTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DrillReportTests", dependencies: ["DrillReport", "DrillText", "DrillTestSupport"]),
        .testTarget(name: "DrillWireTests", dependencies: ["DrillWire", "DrillText"]),
        .testTarget(name: "DrillTextTests", dependencies: ["DrillText", "DrillCore", "DrillTestSupport"]),
        .testTarget(name: "DrillServerTests", dependencies: [
            "DrillServer", "DrillClient", "DrillWire", "DrillJournal", "DrillText", "DrillTestSupport",
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
