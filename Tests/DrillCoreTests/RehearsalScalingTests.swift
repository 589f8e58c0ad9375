@testable import DrillCore
import DrillFixtures
import Testing

/// Rehearsals grow linearly in injects and in teams. Checked by counting the machine's work (the
/// injects it looks at to decide releases), not by timing: a count is the same on a loaded VM.
/// The timings are `Scripts/bench rehearse` (docs/performance.md).
@Suite("rehearsal work grows linearly")
struct RehearsalScalingTests {
    static func rehearse(injects: Int, teams: Int) throws -> Rehearsal.Result {
        let load = ScenarioLoader(fileExists: { _ in true }).load(text: ScenarioGenerator.yaml(injects: injects, teams: teams), path: "generated.yaml")
        let scenario = try #require(load.scenario, "\(load.diagnostics.prefix(3))")
        return Rehearsal(index: ScenarioIndex(scenario), teams: scenario.teams, seed: 1).run()
    }

    @Test("the injects looked at per inject stay flat from 100 to 800 injects (a look at every branch per event grew 5×)")
    func workPerInjectIsFlat() throws {
        let small = try Self.rehearse(injects: 100, teams: 2)
        let large = try Self.rehearse(injects: 800, teams: 2)
        let perSmall: Double = Double(small.inspections) / 100, perLarge: Double = Double(large.inspections) / 800
        #expect(small.inspections > 0)
        // The generated scenario skips a branch for good about every 11 injects; a look at each
        // of them at every event of a team made the figure grow with the injects (73 looks per
        // inject at 100, 376 at 800); the watch keeps it flat.
        #expect(perLarge <= perSmall * 1.5, "\(perSmall) looks per inject at 100 injects, \(perLarge) at 800")
        // Events grow linearly too (the simulated teams act on every inject).
        let eventsSmall: Double = Double(small.events.count) / 100, eventsLarge: Double = Double(large.events.count) / 800
        #expect(eventsLarge <= eventsSmall * 1.5)
    }

    @Test("the injects looked at per team stay flat from 50 to 400 teams")
    func workPerTeamIsFlat() throws {
        let small = try Self.rehearse(injects: 20, teams: 50)
        let large = try Self.rehearse(injects: 20, teams: 400)
        let perSmall: Double = Double(small.inspections) / 50, perLarge: Double = Double(large.inspections) / 400
        #expect(perLarge <= perSmall * 1.5, "\(perSmall) looks per team at 50 teams, \(perLarge) at 400")
    }

    @Test("every release is one `status` says is due, and nothing due is left unreleased, with holds, extensions and grades on the way")
    func releasesFollowStatus() throws {
        let load = ScenarioLoader(fileExists: { _ in true }).load(text: ScenarioGenerator.yaml(injects: 60, teams: 3), path: "generated.yaml")
        let scenario = try #require(load.scenario)
        let index = ScenarioIndex(scenario)
        var simulation = SimulatedTeams(index: index, teams: scenario.teams, seed: 3)
        var machine = ExerciseMachine(index: index)
        let fc = Actor.facilitator("fc")
        var checkedReleases = 0, skippedBranches = 0

        /// Checks each event of a step the machine made at `now` against the state before it,
        /// then the state after it. (A branch decided when a window closes is released a
        /// millisecond after the close, at `now`, and stamped with the close.)
        func take(_ step: Step, from before: ExerciseState, now: Millis) {
            var state = before
            for event in step.events {
                if case .injectReleased(let r) = event.body, !r.manual, let p = index.injectPosition[r.inject] {
                    for team in r.teams {
                        guard case .scheduled(let t) = state.status(of: p, for: team, now: now) else {
                            Issue.record("\(r.inject) released to \(team) at \(now) while \(state.status(of: p, for: team, now: now))")
                            continue
                        }
                        #expect(t <= event.exerciseTime)
                        checkedReleases += 1
                    }
                }
                state.apply(event)
            }
            #expect(state == machine.state)
            guard machine.state.phase == .running else { return }
            let now = machine.state.exerciseTime
            for team in machine.state.teamOrder {
                for p in scenario.injects.indices {
                    switch machine.state.status(of: p, for: team, now: now) {
                    case .scheduled(let t) where t <= now:
                        Issue.record("\(scenario.injects[p].id) due for \(team) at \(t), still not released at \(now)")
                    case .skipped: skippedBranches += 1
                    default: break
                    }
                }
            }
            simulation.observe(step.actions, at: step.events.last?.exerciseTime ?? 0)
        }
        func handle(_ command: Command, _ actor: Actor, _ t: Millis) {
            let before = machine.state
            let now = max(t, before.exerciseTime)
            switch machine.handle(command, by: actor, at: t) {
            case .success(let step): take(step, from: before, now: now)
            case .failure: take(machine.takePendingReleases(), from: before, now: now)
            }
        }

        for team in scenario.teams { handle(.registerTeam(team), fc, 0) }
        handle(.start, fc, 0)
        // The white cell's own moves, at fixed times: a hold lifted by a release to one team,
        // extensions (one team, all teams) on the tasks the `when` branches wait for, a broadcast.
        var interventions: [(Millis, Command)] = [
            // I14 is `after I13`, I15 and I16 at a time; I14 and I16 stay held to the end.
            (5 * 60_000, .hold(inject: "I14")),
            (5 * 60_000, .hold(inject: "I15")),
            (6 * 60_000, .hold(inject: "I16")),
            (9 * 60_000, .releaseNow(inject: "I15", teams: ["t1"])),
            (12 * 60_000, .extendDeadline(task: TaskRef(inject: "I8", task: "t1"), team: "t2", by: 20 * 60_000)),
            (13 * 60_000, .extendDeadline(task: TaskRef(inject: "I19", task: "t1"), team: nil, by: 15 * 60_000)),
            (20 * 60_000, .broadcast(text: "Status call in five minutes.", team: nil)),
            (25 * 60_000, .extendDeadline(task: TaskRef(inject: "I30", task: "t1"), team: "t3", by: 40 * 60_000)),
        ]
        let end = scenario.duration
        var now: Millis = 0
        while true {
            let wake = machine.nextWake(after: now)
            let next = simulation.nextTime
            let fixed = interventions.first?.0
            guard let t = [wake, next, fixed].compactMap({ $0 }).min(), t <= end else { break }
            now = max(now, t)
            if let fixed, fixed <= now {
                handle(interventions.removeFirst().1, fc, now)
                continue
            }
            if let wake, wake <= (next ?? .max) {
                let before = machine.state
                let step = machine.advance(to: now)
                take(step, from: before, now: now)
                if step.events.isEmpty, (next ?? .max) > now { now += 1 }
                continue
            }
            guard let item = simulation.next() else { break }
            handle(item.command, item.actor, now)
        }
        #expect(interventions.isEmpty)
        #expect(checkedReleases > 100)
        #expect(skippedBranches > 0, "the run should skip some branches, or it tests nothing of the watch")
        // The holds of I14 and I16 were never lifted: no team received them. I15's was, by its
        // release to t1: the other teams received it then, on their own.
        let state = machine.state
        for id in ["I14", "I16"] {
            let p = try #require(index.injectPosition[id])
            let receivers = state.teamOrder.filter { state.teams[$0]?.released[p] != nil }
            #expect(receivers.isEmpty, "\(id)")
        }
        let i15 = try #require(index.injectPosition["I15"])
        let lifted: [Millis?] = state.teamOrder.map { state.teams[$0]?.released[i15] ?? nil }
        let expected: [Millis?] = [9 * minute, 9 * minute, 9 * minute]
        #expect(lifted == expected)
    }

    static let lateDecisions = """
    format: cyberdrill/1
    id: late-decisions
    title: Late decisions
    duration: 3h
    teams:
      - { id: a, name: Alpha }
      - { id: b, name: Bravo }
    injects:
      - id: I01
        at: 0m
        title: First
        channel: email
        body: b
        tasks:
          - { id: r, type: report, prompt: Write, rubric: [{ score: 1, text: Good }, { score: 0, text: Bad }] }
          - { id: q, type: text, prompt: IP?, accept: ["203.0.113.66"] }
      - { id: I02, at: 0m, when: { task: I01.r, outcome: [wrong] }, title: Redo, channel: email, body: b }
      - { id: I03, at: 0m, when: { task: I01.q, outcome: [correct] }, title: Well done, channel: email, body: b }
      - { id: I04, at: 2h, title: Later, channel: email, body: b }
    """

    @Test("a branch set aside (skipped, or waiting with no window) comes back with a late grade, a regrade or an extension")
    func setAsideBranchesComeBack() throws {
        var d = try Drive(Self.lateDecisions)
        let r = TaskRef(inject: "I01", task: "r"), q = TaskRef(inject: "I01", task: "q")
        try d.ok(.start, at: 0)
        for team in ["a", "b"] { try d.ok(.submit(task: r, submission: "\(team)-r", values: ["Our report."]), by: .team(team), at: 5 * minute) }
        // q is missed at 30m: I03 (on correct) is skipped; r awaits a grade with its window closed.
        d.tick(40 * minute)
        let i03 = try #require(d.machine.state.index.injectPosition["I03"])
        #expect(d.machine.state.status(of: i03, for: "a", now: 40 * minute) == .skipped("I01.q was missed, not correct"))
        let twoHours: Millis = 120 * minute
        let wake = d.machine.nextWake(after: 40 * minute)
        #expect(wake == twoHours)
        #expect(d.released("I02", "a") == nil)
        // A grade long after the window: the branch on wrong is taken for a, skipped for b...
        try d.ok(.grade(team: "a", task: r, score: 0, comment: "Missing."), at: 45 * minute)
        try d.ok(.grade(team: "b", task: r, score: 1, comment: "Good."), at: 45 * minute)
        #expect(d.released("I02", "a") == 45 * minute)
        #expect(d.released("I02", "b") == nil)
        // ...until b is regraded.
        try d.ok(.grade(team: "b", task: r, score: 0, comment: "On second reading, no."), at: 50 * minute)
        #expect(d.released("I02", "b") == 50 * minute)
        // An extension reopens q for a: its right answer now takes the branch on correct.
        try d.ok(.extendDeadline(task: q, team: "a", by: 60 * minute), at: 55 * minute)
        try d.ok(.submit(task: q, submission: "a-q", values: ["203.0.113.66"]), by: .team("a"), at: 60 * minute)
        #expect(d.released("I03", "a") == 60 * minute)
        #expect(d.released("I03", "b") == nil)
        d.tick(180 * minute)
        #expect(d.released("I04", "a") == twoHours)
        #expect(d.released("I03", "b") == nil)
    }

    @Test("an exercise takes at most 10,000 teams, whatever registers them: the machine refuses one more")
    func machineCapsTheRoster() throws {
        let load = Fixture.loader.load(text: Fixture.base, path: "t.yaml")
        let scenario = try #require(load.scenario)
        var machine = ExerciseMachine(index: ScenarioIndex(scenario))
        for i in 0 ..< Roster.maximumTeams {
            if case .failure(let e) = machine.handle(.registerTeam(Team(id: "t\(i)", name: "T\(i)")), by: .system, at: 0) {
                Issue.record("team \(i) refused: \(e)")
                return
            }
        }
        guard case .failure(let e) = machine.handle(.registerTeam(Team(id: "one-more", name: "One more")), by: .system, at: 0) else {
            Issue.record("the 10,001st team was registered")
            return
        }
        #expect(e.code == .invalid)
        #expect(e.message.contains("at most \(Roster.maximumTeams)"))
        #expect(machine.state.teams.count == Roster.maximumTeams)
    }
}
