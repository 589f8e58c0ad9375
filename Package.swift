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
    ],
    targets: [
        .target(name: "DrillCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "DrillJournal", dependencies: [
            "DrillCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "DrillTUI", dependencies: ["DrillCore", "CNcursesw"]),
        .target(name: "DrillCLI", dependencies: [
            "DrillCore", "DrillJournal", "DrillTUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "cyberdrill", dependencies: ["DrillCLI"]),
        .executableTarget(name: "DrillBench", dependencies: ["DrillCore", "DrillJournal", "DrillTUI", .product(name: "Yams", package: "Yams")]),
        // Journal crash-test writer and benchmark (Scripts/bench-journal); not shipped.
        .executableTarget(name: "journal-harness", dependencies: [
            "DrillJournal", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "DrillCoreTests", dependencies: ["DrillCore"]),
        .testTarget(name: "DrillJournalTests", dependencies: ["DrillJournal", "journal-harness"]),
        .testTarget(name: "DrillTUITests", dependencies: ["DrillTUI", "DrillCore"], exclude: ["Golden"]),
        .testTarget(name: "DrillCLITests", dependencies: ["DrillCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
