import Foundation
import Testing

/// The layout of docs/architecture.md, checked on the sources: SwiftPM lets a module import what
/// its dependencies depend on, so the table's "may import" column is kept here.
@Suite("Layout of the targets")
struct LayoutTests {
    /// The package's own Swift targets that each product target may import (docs/architecture.md);
    /// the C libraries and shims (`C…` folders) are left to Package.swift.
    static let allowed: [String: Set<String>] = [
        "DrillCore": [],
        "DrillJournal": ["DrillCore"],
        "DrillHost": ["DrillCore", "DrillJournal"],
        "DrillText": ["DrillCore"],
        "DrillWire": ["DrillCore"],
        "DrillReport": ["DrillCore", "DrillText"],
        "DrillTUI": ["DrillCore", "DrillText"],
        "DrillServer": ["DrillCore", "DrillJournal", "DrillHost", "DrillWire"],
        "DrillClient": ["DrillCore", "DrillWire"],
        "DrillSSH": ["DrillCore", "DrillServer", "DrillTUI"],
        "DrillCLI": ["DrillCore", "DrillJournal", "DrillHost", "DrillText", "DrillWire", "DrillReport", "DrillTUI",
                     "DrillServer", "DrillClient", "DrillSSH"],
        "cyberdrill": ["DrillCLI"],
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The package's own modules (folders of Sources/ and Benchmarks/) that `file` imports.
    static func ownImports(_ file: URL, among modules: Set<String>) throws -> Set<String> {
        let text = try String(contentsOf: file, encoding: .utf8)
        var found: Set<String> = []
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
            if words.count >= 2, words[0] == "import", modules.contains(String(words[1])) { found.insert(String(words[1])) }
        }
        return found
    }

    static func swiftFiles(under folder: URL) -> [URL] {
        let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (walk?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
    }

    /// The Swift targets in `Sources/` or `Benchmarks/`: every folder but the C ones.
    static func folders(_ name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(name).path).sorted().filter { folder in
            !(folder.count > 1 && folder.first == "C" && folder.dropFirst().first?.isUppercase == true)
        }
    }

    @Test func everyProductTargetImportsOnlyWhatItsRowAllows() throws {
        let product = try Self.folders("Sources")
        let modules = Set(product).union(try Self.folders("Benchmarks"))
        #expect(Set(product) == Set(Self.allowed.keys),
                "a target was added or removed: update docs/architecture.md and this table")
        var checked = 0
        for target in product {
            guard let allowed = Self.allowed[target] else { continue }
            for file in Self.swiftFiles(under: Self.root.appendingPathComponent("Sources/\(target)")) {
                let stray = try Self.ownImports(file, among: modules).subtracting(allowed)
                #expect(stray.isEmpty, "\(target)/\(file.lastPathComponent) imports \(stray.sorted())")
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    @Test func theProductShipsNoBenchmarkOrFixtureCode() throws {
        let benchmarks = Set(try Self.folders("Benchmarks"))
        #expect(benchmarks.isSuperset(of: ["DrillFixtures", "BenchSupport", "DrillBench", "drill-load", "drill-ssh-load", "journal-harness"]))
        for file in Self.swiftFiles(under: Self.root.appendingPathComponent("Sources")) {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(try Self.ownImports(file, among: benchmarks).isEmpty, "\(file.path) imports a target of Benchmarks/")
            #expect(!text.contains("ScenarioGenerator") && !text.contains("ScoringBenchmark"), "\(file.path) uses fixture code")
        }
    }

    @Test func drillCoreNeverReadsTheWallClock() throws {
        for file in Self.swiftFiles(under: Self.root.appendingPathComponent("Sources/DrillCore")) {
            let text = try String(contentsOf: file, encoding: .utf8)
            for reading in ["Date()", "SystemClock", "DispatchTime.now", "clock_gettime", "SystemRandomNumberGenerator"] {
                #expect(!text.contains(reading), "\(file.lastPathComponent) reads \(reading)")
            }
        }
    }
}
