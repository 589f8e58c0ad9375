import DrillCore
import DrillFixtures
import DrillJournal
import DrillReport
import DrillTUI
import Foundation

// Benchmarks of the DESIGN.md targets. Run through Scripts/bench (release build).
// Each prints: name, figure, target, PASS/MISS, and a ratio to a baseline measured in the same run.

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The fastest of `runs` timings (each after `prepare`, untimed): short runs on a shared VM are
/// otherwise at the mercy of one scheduling hiccup.
func bestSeconds(of runs: Int, prepare: () throws -> Void = {}, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
        try prepare()
        best = min(best, try seconds(body))
    }
    return best
}

/// The baseline of the fold benchmark: one dictionary update per event, keyed by its actor (a
/// plain function, so that the top level's main-actor checks stay out of the loop).
func eventsPerActor(_ events: [ExerciseEvent]) -> [DrillCore.Actor: Int] {
    var counts: [DrillCore.Actor: Int] = [:]
    for e in events { counts[e.actor, default: 0] += 1 }
    return counts
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024   // Linux reports KiB
}

func report(_ name: String, figure: String, target: String, pass: Bool, baseline: String) {
    print("\(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(figure.padding(toLength: 24, withPad: " ", startingAt: 0)) target \(target.padding(toLength: 14, withPad: " ", startingAt: 0)) \(pass ? "PASS" : "MISS")  \(baseline)")
}

/// One size of a benchmark measured at several, for "How cost grows".
struct GrowthPoint {
    var size: String
    /// The cost of one unit of work (flat across sizes when growth is linear).
    var perUnit: String
    /// Peak RSS of the process once this size has run. Sizes run smallest first, so this is the
    /// peak of the largest size so far.
    var peakRSS: Double
}

/// The line under a benchmark measured at several sizes.
func growth(_ name: String, _ points: [GrowthPoint]) {
    guard points.count > 1 else { return }
    print("  growth of \(name): " + points.map { "\($0.size) \($0.perUnit), \(String(format: "%.0f", $0.peakRSS)) MB" }.joined(separator: " · "))
}

let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let selected = arguments.filter { !$0.hasPrefix("--") && Int($0) == nil }
func wanted(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }

/// The benchmarks, in the order they run.
let benchmarks = ["load", "rehearse", "fold", "replay", "scoring", "report", "render"]
let chosen = benchmarks.filter(wanted)
if chosen.count > 1 {
    // Each benchmark in a fresh process of its own, so that the peak RSS it prints is its own.
    let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    for name in chosen {
        let child = Process()
        child.executableURL = executable
        child.arguments = [name] + arguments.filter { $0.hasPrefix("--") }
        try child.run()
        child.waitUntilExit()
        guard child.terminationStatus == 0 else { exit(child.terminationStatus) }
    }
    exit(0)
}

if wanted("load") {
    // The target is 30,000 injects (a two-day exercise of Cyber Europe's size); 10,000 beside it
    // shows how the cost grows. Each size is the best of three loads (one hiccup of a shared VM
    // does not decide the figure); the peak RSS is the process's once that size has run.
    // Baseline: libyaml alone reading the same bytes into its event stream, the floor of any
    // YAML loader (no tree, no strings, no checks).
    var points: [GrowthPoint] = []
    for injects in quick ? [1_000] : [10_000, 30_000] {
        // Bytes, as read from a file (the generated text is not kept beside them: the peak RSS
        // is the loader's, not the generator's).
        let bytes = Array(ScenarioGenerator.yaml(injects: injects, teams: 40).utf8)
        let loader = ScenarioLoader { _ in true }
        var load: ScenarioLoad?
        let t = bestSeconds(of: quick ? 1 : 3, prepare: { load = nil }) { load = loader.load(bytes: bytes, path: "generated.yaml") }
        guard let scenario = load?.scenario else {
            print("load: the generated scenario did not validate: \(load?.diagnostics.prefix(3) ?? [])")
            exit(2)
        }
        var events = 0
        let text = load?.source ?? ""
        let scan = try bestSeconds(of: quick ? 1 : 3) { events = YAMLEventScan.count(text) }
        let peak = peakRSSMegabytes()
        let target = injects >= 30_000 || quick
        report("load+validate \(injects) injects", figure: String(format: "%.3f s, %.0f MB peak", t, peak),
               target: target ? "< 1 s, 300 MB" : "(growth)", pass: !target || (t < 1 && peak < 300),
               baseline: String(format: "%.1f MB of YAML; %.1f× libyaml alone reading it (%.3f s, %d events); %.1f µs/inject",
                                Double(bytes.count) / 1e6, t / max(scan, 1e-9), scan, events, t / Double(scenario.injects.count) * 1e6))
        points.append(GrowthPoint(size: "\(injects) injects", perUnit: String(format: "%.1f µs/inject", t / Double(injects) * 1e6), peakRSS: peak))
    }
    growth("load+validate", points)
}

if selected.contains("load-profile") {
    // For perf/valgrind: loads a generated scenario of `--injects N` (10,000 by default) `--runs R` times.
    func option(_ name: String) -> Int? {
        arguments.firstIndex(of: name).flatMap { arguments.index(after: $0) < arguments.endIndex ? Int(arguments[arguments.index(after: $0)]) : nil }
    }
    let bytes = Array(ScenarioGenerator.yaml(injects: option("--injects") ?? 10_000, teams: 40).utf8)
    for _ in 0..<(option("--runs") ?? 10) {
        guard ScenarioLoader(fileExists: { _ in true }).load(bytes: bytes, path: "generated.yaml").scenario != nil else { exit(2) }
    }
}

/// The largest bundled scenario by inject count (rehearsal target).
func largestBundledScenario() -> (String, Scenario)? {
    let dir = "scenarios"
    let files = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
    return files.compactMap { f -> (String, Scenario)? in
        ScenarioLoader.fileSystem.load(contentsOf: "\(dir)/\(f)").scenario.map { ("\(dir)/\(f)", $0) }
    }.max { $0.1.injects.count < $1.1.injects.count }
}

func rehearsalEvents(teams: Int) -> (ScenarioIndex, [ExerciseEvent])? {
    guard let (_, scenario) = largestBundledScenario() else { return nil }
    let roster = (1...teams).map { Team(id: "t\($0)", name: "Team \($0)") }
    let index = ScenarioIndex(scenario)
    return (index, Rehearsal(index: index, teams: scenario.teams + roster, seed: 1).run().events)
}

if wanted("rehearse") {
    guard let (path, scenario) = largestBundledScenario() else { print("rehearse: run from the package root"); exit(2) }
    let teams = (1...200).map { Team(id: "t\($0)", name: "Team \($0)") }
    let index = ScenarioIndex(scenario)
    var events = 0
    let t = seconds { events = Rehearsal(index: index, teams: teams, seed: 1).run().events.count }
    let fold = seconds { _ = ExerciseState.fold(Rehearsal(index: index, teams: Array(teams.prefix(1)), seed: 1).run().events, index: index) }
    report("rehearse 200 teams", figure: String(format: "%.3f s (%d events)", t, events), target: "< 2 s", pass: t < 2,
           baseline: "\(path), \(scenario.injects.count) injects; 1-team run \(String(format: "%.4f", fold)) s")
}

if wanted("rehearse") {
    // How `cyberdrill rehearse` grows: in injects (2 teams) and in teams (20 injects), at three
    // sizes each, 4× apart. Timed: what the command does before it prints (load and validate the
    // generated YAML, rehearse, build the scorecard).
    //
    // Criterion (docs/performance.md): linear growth shows as a flat cost per inject (per team),
    // and each size PASSes when its cost per unit is within 2× of the smallest size's, measured
    // in the same run; a quadratic cost gives 4× at the largest size. Each size is timed as the
    // best of a few runs (3 at the smallest, 2 in the middle, 1 at the largest), so that one
    // hiccup of a shared VM does not decide the figure, and the smallest size, the baseline,
    // is not flattered by noise the others do not get.
    for (what, sizes) in [("injects", quick ? [100, 200, 400] : [1_250, 2_500, 5_000]),
                          ("teams", quick ? [100, 200, 400] : [1_250, 2_500, 5_000])] {
        let unit = what == "injects" ? "inject" : "team"
        var points: [GrowthPoint] = []
        var firstPerUnit: Double?
        for (k, size) in sizes.enumerated() {
            let injects = what == "injects" ? size : 20, teams = what == "teams" ? size : 2
            let text = ScenarioGenerator.yaml(injects: injects, teams: teams)
            var events = 0
            var split = (load: 0.0, rehearse: 0.0, scorecard: 0.0)
            let t = try bestSeconds(of: sizes.count - k) {
                var scenario: Scenario?
                let load = seconds { scenario = ScenarioLoader(fileExists: { _ in true }).load(text: text, path: "generated.yaml").scenario }
                guard let scenario else { print("rehearse: the generated scenario did not validate"); exit(2) }
                var result: Rehearsal.Result?
                let rehearse = seconds { result = Rehearsal(index: ScenarioIndex(scenario), teams: scenario.teams, seed: 1).run() }
                guard let result else { exit(2) }
                let card = seconds { _ = result.state.scorecard() }
                events = result.events.count
                split = (load, rehearse, card)
            }
            let perUnit = t / Double(size)
            let first = firstPerUnit ?? perUnit
            firstPerUnit = first
            report("rehearse \(injects) inj × \(teams) teams", figure: String(format: "%.3f s (%d events)", t, events),
                   target: "≤ 2× /\(unit)", pass: perUnit <= first * 2,
                   baseline: String(format: "%.2f× the smallest size's cost per %@; %.1f µs/event; load %.2f s, rehearse %.2f s, scorecard %.2f s",
                                    perUnit / first, unit, t / Double(max(events, 1)) * 1e6, split.load, split.rehearse, split.scorecard))
            points.append(GrowthPoint(size: "\(size) \(what)", perUnit: String(format: "%.3f ms/%@", perUnit * 1e3, unit), peakRSS: peakRSSMegabytes()))
        }
        growth("rehearse in \(what)", points)
    }
}

if wanted("fold") {
    var points: [GrowthPoint] = []
    for teams in quick ? [50] : [50, 200, 800] {
        guard let (index, events) = rehearsalEvents(teams: teams) else { exit(2) }
        // A fresh index: nothing judged before (the rehearsal judged every answer once already).
        var fresh = ScenarioIndex(index.scenario)
        var state: ExerciseState?
        // The 50-team fold takes 2 ms: small sizes run more times (about 0.2 s of folding in all),
        // so that one hiccup of the VM does not decide the figure.
        let runs = quick ? 1 : max(3, 200_000 / max(events.count, 1))
        let t = bestSeconds(of: runs, prepare: { fresh = ScenarioIndex(index.scenario) }) { state = ExerciseState.fold(events, index: fresh) }
        // Baseline: one hash-map update per event, counting the events of each actor (a
        // dictionary keyed by the actor: the team's id hashed, as the least a fold by team does).
        var perActor: [DrillCore.Actor: Int] = [:]
        let base = bestSeconds(of: runs, prepare: { perActor = [:] }) { perActor = eventsPerActor(events) }
        let rate = Double(events.count) / t
        report("fold \(teams) teams", figure: String(format: "%.0f events/s (%d)", rate, events.count), target: "≥ 1,000,000/s",
               pass: rate >= 1_000_000, baseline: String(format: "%.1f× one hash-map update per event (%.0f ns/event; %d actors)",
                                                         t / max(base, 1e-9), base / Double(max(events.count, 1)) * 1e9, perActor.count) + (state == nil ? "" : ""))
        points.append(GrowthPoint(size: "\(teams) teams", perUnit: String(format: "%.2f µs/event", t / Double(events.count) * 1e6), peakRSS: peakRSSMegabytes()))
    }
    growth("fold", points)
}


/// A rehearsed exercise of a generated scenario: `injects` × `teams`, all in memory.
func generatedRehearsal(injects: Int, teams: Int) -> (String, Scenario, Rehearsal.Result)? {
    let text = ScenarioGenerator.yaml(injects: injects, teams: teams)
    guard let scenario = ScenarioLoader(fileExists: { _ in true }).load(text: text, path: "generated.yaml").scenario else { return nil }
    return (text, scenario, Rehearsal(index: ScenarioIndex(scenario), teams: scenario.teams, seed: 1).run())
}

/// Writes a rehearsed 60-inject exercise for `teams` teams to a journal at `path`.
func writeRehearsalJournal(teams: Int, at path: String) throws -> Rehearsal.Result? {
    guard let (text, scenario, result) = generatedRehearsal(injects: 60, teams: teams) else { return nil }
    try? FileManager.default.removeItem(atPath: path)
    let journal = try Journal.create(at: path, scenario: scenario, source: text, scenarioPath: "generated.yaml", wall: 0)
    let semaphore = DispatchSemaphore(value: 0)
    // Detached: top-level code is on the main actor, which the semaphore blocks.
    Task.detached {
        var start = 0
        while start < result.events.count {
            let end = min(result.events.count, start + 5_000)
            _ = try? await journal.append(events: Array(result.events[start..<end]), wall: 0)
            start = end
        }
        semaphore.signal()
    }
    semaphore.wait()
    try journal.close()
    return result
}

if wanted("replay") {
    var points: [GrowthPoint] = []
    for teams in quick ? [50] : [50, 200, 800] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cyberdrill-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("replay-\(teams).journal").path
        guard let result = try writeRehearsalJournal(teams: teams, at: path) else { exit(2) }
        var replayed: JournalReplay?
        let t = try bestSeconds(of: quick ? 1 : 3) { replayed = try JournalReplay.load(path: path) }
        // Baseline: reading the same rows without decoding them.
        let raw = try Journal.open(at: path)
        var rows = 0
        let base = try seconds { try raw.forEachRow { _ in rows += 1 } }
        try raw.close()
        try? FileManager.default.removeItem(at: dir)
        let events = replayed?.events.count ?? 0
        let rate = Double(events) / t
        report("replay from journal \(teams)t", figure: String(format: "%.0f events/s (%d)", rate, events), target: "≥ 300,000/s",
               pass: rate >= 300_000 && replayed?.state == result.state,
               baseline: String(format: "%.1f× reading the raw rows (%.0f rows/s)", t / max(base, 1e-9), Double(rows) / max(base, 1e-9)))
        points.append(GrowthPoint(size: "\(teams) teams", perUnit: String(format: "%.2f µs/event", t / Double(max(events, 1)) * 1e6), peakRSS: peakRSSMegabytes()))
    }
    growth("replay from journal", points)
}


if wanted("scoring") {
    // Scorecard of 200 teams × 60 injects × 4 tasks from the folded events; baseline: the fold itself.
    let clock = { DispatchTime.now().uptimeNanoseconds }
    let r = ScoringBenchmark.run(teams: quick ? 20 : 200, injects: 60, tasks: 4, seed: 1, repeats: quick ? 3 : 15, now: clock)
    let (scenario, events) = ScoringBenchmark.exercise(teams: quick ? 20 : 200, injects: 60, tasks: 4, seed: 1)
    let fold = seconds { _ = ExerciseState.fold(events, index: ScenarioIndex(scenario)) }
    report("scoring \(quick ? 20 : 200)×60×4", figure: String(format: "%.1f ms", r.seconds * 1000), target: "< 50 ms", pass: r.seconds < 0.05,
           baseline: String(format: "%.2f× the fold of its %d events (%.1f ms)", r.seconds / fold, r.events, fold * 1000))
}

if selected.contains("fold-profile") {
    guard let (index, events) = rehearsalEvents(teams: 200) else { exit(2) }
    for _ in 0..<100 { _ = ExerciseState.fold(events, index: ScenarioIndex(index.scenario)) }
}

if selected.contains("replay-profile"), let path = arguments.first(where: { $0.hasSuffix(".journal") }) {
    // Writes a journal there first when the file does not exist yet (`--teams N`, 800 by default).
    let teams = arguments.firstIndex(of: "--teams").flatMap { arguments.index(after: $0) < arguments.endIndex ? Int(arguments[arguments.index(after: $0)]) : nil } ?? 800
    if !FileManager.default.fileExists(atPath: path) { _ = try writeRehearsalJournal(teams: teams, at: path) }
    for _ in 0..<10 { _ = try JournalReplay.load(path: path) }
}

// MARK: - After-action report

if wanted("report") {
    // A 200-team × 60-inject exercise rehearsed in memory; timed: building the report model from the
    // events and rendering the HTML. Baseline: joining the same number of bytes as plain strings.
    // Also 50 and 800 teams, to see how the cost grows (not in --quick).
    var points: [GrowthPoint] = []
    for teams in quick ? [200] : [50, 200, 800] {
        let text = ScenarioGenerator.yaml(injects: 60, teams: teams)
        guard let scenario = ScenarioLoader(fileExists: { _ in true }).load(text: text, path: "generated.yaml").scenario else {
            print("report: the generated scenario did not validate"); exit(2)
        }
        let index = ScenarioIndex(scenario)
        let rehearsal = Rehearsal(index: index, teams: scenario.teams, seed: 1).run()
        let walls = rehearsal.events.map { 1_765_267_200_000 + $0.exerciseTime }
        let input = ReportInput(state: rehearsal.state, events: rehearsal.events, walls: walls, scenarioDigest: "bench")
        var html = ""
        var build = 0.0, render = 0.0
        let t = try seconds {
            var model: AfterActionReport?
            build = try seconds { model = try AfterActionReport(input) }
            render = seconds { html = model?.html() ?? "" }
        }
        let size = html.utf8.count
        let taskRows = teams * scenario.injects.reduce(0) { $0 + $1.tasks.count }
        points.append(GrowthPoint(size: "\(teams) teams", perUnit: String(format: "%.3f s (model %.3f + html %.3f), %.1f µs/task row (%.1f MB)",
                                                                    t, build, render, t / Double(taskRows) * 1e6, Double(size) / 1e6),
                                  peakRSS: peakRSSMegabytes()))
        guard teams == 200 else { continue }
        let lines = html.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var joined = ""
        let base = seconds { joined = lines.joined(separator: "\n") }
        report("report html 200×60", figure: String(format: "%.3f s (%.1f MB)", t, Double(size) / 1e6), target: "< 2 s", pass: t < 2,
               baseline: String(format: "model %.3f s + html %.3f s; %.0f× joining the same %d lines (%.1f MB); %d events",
                                build, render, t / max(base, 1e-9), lines.count, Double(joined.utf8.count) / 1e6, rehearsal.events.count))
    }
    growth("report html ×60 injects", points)
}

// MARK: - render: the white cell's console for 200 teams × 60 injects

if wanted("render") {
    // A generated 60-inject scenario rehearsed by 200 teams, taken halfway: every mark in the
    // matrix, a full MSEL, a full scoreboard and activity feed.
    let text = ScenarioGenerator.yaml(injects: 60, teams: 200)
    guard let scenario = ScenarioLoader(fileExists: { _ in true }).load(bytes: Array(text.utf8), path: "generated.yaml").scenario else {
        print("render: the generated scenario did not validate"); exit(2)
    }
    let index = ScenarioIndex(scenario)
    let events = Rehearsal(index: index, teams: scenario.teams, seed: 1).run().events
    let half = scenario.duration / 2
    let state = ExerciseState.fold(events.filter { $0.exerciseTime <= half }, index: index)
    var snapshot: WhiteCellSnapshot?
    let snapshotTime = seconds { snapshot = WhiteCellSnapshot(state: state, now: half) }
    guard let snapshot else { exit(2) }

    /// A bare `print` of text to /dev/null: the baseline, the cost of only handing the bytes over.
    struct DevNull: TextOutputStream {
        let file = fopen("/dev/null", "w")
        mutating func write(_ string: String) { fputs(string, file) }
    }
    var devNull = DevNull()

    for size in [Size(width: 160, height: 48), Size(width: 254, height: 70)] {
        var console = WhiteCellConsole(snapshot: snapshot)
        let frames = quick ? 50 : 400
        var screen = Screen(size: size)
        // Each frame moves the cursor, so the matrix scrolls both ways as it would in use.
        let keys: [Key] = [.down, .right, .down, .down, .right, .left, .pageDown, .up]
        let t = seconds {
            for i in 0..<frames {
                _ = console.handle(keys[i % keys.count])
                console.layout(size)
                screen = console.render(size)
            }
        }
        var shown: Bool? = nil
        var bytes = ""
        let ansi = seconds { for _ in 0..<frames { shown = nil; bytes = ANSIBackend.frame(from: nil, to: screen, colors: true, cursorShown: &shown) } }
        let printed = seconds { for _ in 0..<frames { print(bytes, terminator: "", to: &devNull) } }
        let perFrame = t / Double(frames) * 1000
        let perPrint = printed / Double(frames) * 1000
        report("render console \(size.width)×\(size.height)", figure: String(format: "%.2f ms/frame", perFrame), target: "< 4 ms",
               pass: perFrame < 4,
               baseline: String(format: "%.0f× printing its %.0f KB of ANSI to /dev/null (%.4f ms); full ANSI frame %.2f ms; snapshot %.0f ms (rebuilt on change, ≤ 10×/s)",
                                perFrame / max(perPrint, 1e-9), Double(bytes.utf8.count) / 1024, perPrint,
                                ansi / Double(frames) * 1000, snapshotTime * 1000))
    }
}

// After the one benchmark of this process: its peak RSS, what it generated included.
if chosen.count == 1 {
    print("  peak RSS of the \(chosen[0]) benchmark (its own process): \(String(format: "%.0f", peakRSSMegabytes())) MB")
}
