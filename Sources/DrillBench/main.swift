import DrillCore
import Yams
func Yams_compose(_ s: String) throws -> Node? { try Yams.compose(yaml: s, .basic) }
import Foundation

// Benchmarks of the DESIGN.md targets. Run through Scripts/bench (release build).
// Each prints: name, figure, target, PASS/MISS, and a ratio to a baseline measured in the same run.

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024   // Linux reports KiB
}

func report(_ name: String, figure: String, target: String, pass: Bool, baseline: String) {
    print("\(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(figure.padding(toLength: 24, withPad: " ", startingAt: 0)) target \(target.padding(toLength: 14, withPad: " ", startingAt: 0)) \(pass ? "PASS" : "MISS")  \(baseline)")
}

let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let selected = arguments.filter { !$0.hasPrefix("--") }
func wanted(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }

if wanted("load") {
    let injects = quick ? 1_000 : 10_000
    let text = ScenarioGenerator.yaml(injects: injects, teams: 40)
    let loader = ScenarioLoader { _ in true }
    // Baseline: parsing the same bytes as YAML only (Yams compose), in the same run.
    var load: ScenarioLoad?
    let t = try seconds { load = loader.load(bytes: Array(text.utf8), path: "generated.yaml") }
    guard let scenario = load?.scenario else {
        print("load: the generated scenario did not validate: \(load?.diagnostics.prefix(3) ?? [])")
        exit(2)
    }
    let bytes = Array(text.utf8)
    let checksum = seconds { _ = bytes.reduce(0) { $0 &+ Int($1) } }
    report("load+validate \(injects) injects", figure: String(format: "%.3f s, %.0f MB peak", t, peakRSSMegabytes()),
           target: "< 1 s, 200 MB", pass: t < 1 && peakRSSMegabytes() < 200,
           baseline: String(format: "%d injects, %.1f MB of YAML; %.0f× a byte checksum of it", scenario.injects.count, Double(text.utf8.count) / 1e6, t / max(checksum, 1e-9)))
}

if wanted("load-phases") {
    let text = ScenarioGenerator.yaml(injects: 10_000, teams: 40)
    let t1 = seconds { _ = try? Yams_compose(text) }
    print("compose only: \(t1)")
}
