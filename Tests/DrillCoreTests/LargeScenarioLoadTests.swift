import DrillFixtures
import DrillCore
import Testing

/// The load benchmark's scenario and baseline (`Scripts/bench load`), checked for what they must
/// be rather than timed (timing targets are benchmarks, not tests).
@Suite("Large scenarios")
struct LargeScenarioLoadTests {
    /// libyaml's event stream, the load benchmark's baseline: every event counted, stream to stream.
    @Test func theEventScanCountsEveryEvent() {
        // stream, document, mapping, a, sequence, 1, 2, sequence end, mapping end, document end, stream end
        #expect(YAMLEventScan.count("a: [1, 2]\n") == 11)
        #expect(YAMLEventScan.count("") == 2)
        // Stops at the first syntax error (stream, document, mapping, then the error).
        #expect(YAMLEventScan.count("a: [1, 2\n") < 11)
    }

    /// 30,000 generated injects (the benchmark's size) are more than the old 16 MiB but within the
    /// limit; a tenth of them loads with every inject and no error (the whole size is loaded by
    /// the benchmark, in the release build: seconds in a debug build).
    @Test func thirtyThousandInjectsFitTheLimit() {
        let text = ScenarioGenerator.yaml(injects: 30_000, teams: 40)
        #expect(text.utf8.count > 16 << 20)
        #expect(text.utf8.count <= ScenarioLoader.maximumSourceBytes)
        let tenth = ScenarioGenerator.yaml(injects: 3_000, teams: 40)
        let load = ScenarioLoader { _ in true }.load(bytes: Array(tenth.utf8), path: "generated.yaml")
        #expect(!load.hasErrors, "\(load.diagnostics.prefix(3))")
        #expect(load.scenario?.injects.count == 3_000)
        #expect(load.scenario?.injects.last?.tasks.count == 4)
    }
}
