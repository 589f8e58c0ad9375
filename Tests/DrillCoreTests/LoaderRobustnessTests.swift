import DrillCore
import Testing

@Suite("The loader never traps, whatever the bytes")
struct LoaderRobustnessTests {
    @Test func randomBytesGiveDiagnostics() {
        var rng = SeededGenerator(seed: 20261121)
        for _ in 0..<1500 {
            let count = Int.random(in: 0...300, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let load = Fixture.loader.load(bytes: bytes, path: "r.yaml")
            #expect(load.scenario == nil)
            #expect(!load.diagnostics.isEmpty)
        }
    }

    @Test func mutatedScenariosGiveDiagnosticsOrAScenario() {
        var rng = SeededGenerator(seed: 7)
        var invalid = 0
        for _ in 0..<2500 {
            let bytes = Fixture.mutated(edits: 6, using: &rng)
            let load = Fixture.loader.load(bytes: bytes, path: "m.yaml")
            // Either a scenario without errors, or errors and no scenario: never both, never a trap.
            #expect((load.scenario == nil) == load.hasErrors)
            if load.hasErrors {
                invalid += 1
                #expect(load.diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 })
            }
        }
        #expect(invalid > 1000)
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        let deep = "injects: " + String(repeating: "[", count: 100_000)
        let load = Fixture.loader.load(bytes: Array(deep.utf8), path: "d.yaml")
        #expect(load.diagnostics.map(\.message) == ["nesting deeper than 64 levels; a scenario never needs that"])
        let dashes = "injects:\n" + String(repeating: "- ", count: 10_000) + "x\n"
        #expect(Fixture.loader.load(bytes: Array(dashes.utf8), path: "d.yaml").hasErrors)
    }

    @Test func aliasBombsAreBounded() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "format: cyberdrill/1\nid: x\ntitle: x\nduration: 1h\ninjects: *a9\n"
        let load = Fixture.loader.load(bytes: Array(text.utf8), path: "b.yaml")
        #expect(load.hasErrors)
    }
}

@Suite("Durations")
struct DurationTextTests {
    @Test(arguments: [
        ("90s", 90_000), ("15m", 900_000), ("1h30m", 5_400_000), ("01:30:00", 5_400_000), ("2h", 7_200_000),
        ("0", 0), ("0m", 0), ("1h0m30s", 3_630_000), ("500ms", 500), (" 45s ", 45_000), ("1.5h", 5_400_000),
    ] as [(String, Int64)])
    func parses(text: String, ms: Int64) {
        #expect(DurationText.parse(text) == ms)
    }

    @Test(arguments: ["", "15", "m", "15 m", "1:30", "01:60:00", "30m1h", "1h1h", "-5m", "1e3s", "15min", "٣m"])
    func refuses(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func formatsCompactly() {
        #expect(DurationText.format(0) == "0m")
        #expect(DurationText.format(5_400_000) == "1h30m")
        #expect(DurationText.format(90_000) == "1m30s")
        #expect(DurationText.format(7_200_000) == "2h")
        #expect(DurationText.clock(5_430_000) == "1:30:30")
    }
}
