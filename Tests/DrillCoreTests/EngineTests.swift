import DrillCore
import Testing

/// A small exercise driven by hand: the machine plus every event it returned.
struct Drive {
    var machine: ExerciseMachine
    var events: [ExerciseEvent] = []

    init(_ yaml: String = Fixture.base, teams: [String] = ["a", "b"]) throws {
        let load = Fixture.loader.load(text: yaml, path: "t.yaml")
        let scenario = try #require(load.scenario, "\(load.diagnostics)")
        machine = ExerciseMachine(index: ScenarioIndex(scenario))
        for id in teams {
            try ok(.registerTeam(Team(id: id, name: id.uppercased())), by: .facilitator("fc"), at: 0)
        }
    }

    @discardableResult
    mutating func ok(_ command: Command, by actor: Actor = .facilitator("fc"), at t: Millis) throws -> Step {
        let step = try machine.handle(command, by: actor, at: t).get()
        events += step.events
        return step
    }

    mutating func refused(_ command: Command, by actor: Actor = .facilitator("fc"), at t: Millis) -> CommandError? {
        switch machine.handle(command, by: actor, at: t) {
        case .success(let step):
            events += step.events
            return nil
        case .failure(let e):
            events += machine.takePendingReleases().events
            return e
        }
    }

    mutating func tick(_ t: Millis) {
        events += machine.advance(to: t).events
    }

    func released(_ inject: String, _ team: String) -> Millis? {
        guard let i = machine.state.index.injectPosition[inject] else { return nil }
        return machine.state.teams[team]?.released[i]
    }

    func status(_ inject: String, _ team: String) -> InjectStatus? {
        machine.state.index.injectPosition[inject].map { machine.state.status(of: $0, for: team) }
    }
}

let minute: Millis = 60_000
let c2 = TaskRef(inject: "I01", task: "c2")

@Suite("The exercise engine")
struct EngineTests {
    @Test func startReleasesTheFirstInjectToEveryTeamInOneEvent() throws {
        var d = try Drive()
        let step = try d.ok(.start, at: 0)
        #expect(step.events.map(\.type) == ["started", "injectReleased"])
        #expect(step.actions == [.deliverInject(inject: "I01", team: "a"), .deliverInject(inject: "I01", team: "b")])
        #expect(d.released("I01", "a") == 0)
        #expect(d.machine.state.phase == .running)
    }

    @Test func aBranchIsTakenByOneTeamAndNotAnother() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        // Team a uses its three attempts wrongly; team b answers right.
        for k in 1...3 { try d.ok(.submit(task: c2, submission: "a\(k)", values: ["198.51.100.\(k)"]), by: .team("a"), at: Millis(k) * minute) }
        try d.ok(.submit(task: c2, submission: "b1", values: ["203.0.113.66"]), by: .team("b"), at: 4 * minute)
        #expect(d.machine.state.score(team: "a", task: c2)?.outcome == .wrong)
        // I02 is `after I01 + 10m` and `when c2 is wrong|missed`.
        #expect(d.status("I02", "a") == .scheduled(at: 10 * minute))
        #expect(d.status("I02", "b") == .skipped("I01.c2 was correct, not wrong|missed"))
        d.tick(10 * minute)
        #expect(d.released("I02", "a") == 10 * minute)
        #expect(d.released("I02", "b") == nil)
        d.tick(2 * 60 * minute)
        #expect(d.released("I02", "b") == nil)
    }

    @Test func aBranchOnMissedWaitsForTheWindowToClose() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        d.tick(29 * minute)
        #expect(d.released("I02", "a") == nil)
        // An answer is still accepted at 30m exactly, so the outcome is known a millisecond later.
        #expect(d.machine.nextWake(after: 29 * minute) == 30 * minute + 1)
        d.tick(45 * minute)
        // Released at the close of c2's window (15m due + 15m late), not at the tick.
        #expect(d.released("I02", "a") == 30 * minute)
        #expect(d.released("I02", "b") == 30 * minute)
    }

    @Test func pauseResumeSpeedAndEndAreControls() throws {
        var d = try Drive()
        #expect(d.refused(.pause, at: 0)?.code == .notStarted)
        try d.ok(.start, at: 0)
        try d.ok(.pause, at: minute)
        #expect(d.machine.state.phase == .paused)
        #expect(d.refused(.submit(task: c2, submission: "x", values: ["203.0.113.66"]), by: .team("a"), at: minute)?.code == .notRunning)
        try d.ok(.resume, at: minute)
        try d.ok(.setSpeed(10), at: 2 * minute)
        #expect(d.machine.state.speed == 10)
        #expect(d.refused(.setSpeed(100), at: 2 * minute)?.code == .invalid)
        #expect(d.refused(.setSpeed(0.1), at: 2 * minute)?.code == .invalid)
        try d.ok(.end, at: 3 * minute)
        #expect(d.machine.state.phase == .ended)
        #expect(d.refused(.end, at: 3 * minute)?.code == .ended)
        #expect(d.refused(.submit(task: c2, submission: "y", values: ["1"]), by: .team("a"), at: 3 * minute)?.code == .ended)
        #expect(d.machine.state.pauses == [Pause(from: minute, to: minute)])
    }

    @Test func aHeldInjectWaitsUntilReleasedByHand() throws {
        var d = try Drive()
        try d.ok(.hold(inject: "I01"), at: 0)
        try d.ok(.start, at: 0)
        d.tick(5 * minute)
        #expect(d.released("I01", "a") == nil)
        #expect(d.status("I01", "a") == .held)
        let step = try d.ok(.releaseNow(inject: "I01", teams: nil), at: 6 * minute)
        #expect(step.events.first?.body == .injectReleased(InjectRelease(inject: "I01", teams: ["a", "b"], manual: true)))
        #expect(d.released("I01", "b") == 6 * minute)
        // Relative injects follow the actual release.
        #expect(d.status("I02", "a") == .waiting("when I01.c2 is wrong|missed"))
        #expect(d.refused(.releaseNow(inject: "I01", teams: nil), at: 6 * minute)?.code == .nothingToDo)
    }

    @Test func releaseNowToOneTeamOnly() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        try d.ok(.releaseNow(inject: "I02", teams: ["b"]), at: minute)
        #expect(d.released("I02", "b") == minute)
        #expect(d.released("I02", "a") == nil)
    }

    @Test func extendingADeadlineMovesTheBranch() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        try d.ok(.extendDeadline(task: c2, team: "a", by: 10 * minute), at: minute)
        d.tick(31 * minute)
        #expect(d.released("I02", "b") == 30 * minute)
        #expect(d.released("I02", "a") == nil)
        d.tick(40 * minute)
        // At 40m an answer would still count; a millisecond later the branch is decided, dated 40m.
        #expect(d.released("I02", "a") == nil)
        d.tick(40 * minute + 1)
        #expect(d.released("I02", "a") == 40 * minute)
    }

    @Test func teamsCannotControlTheExerciseNorActAsAnother() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        for command: Command in [.pause, .end, .setSpeed(2), .releaseNow(inject: "I02", teams: nil), .hold(inject: "I02"),
                                 .grade(team: "a", task: c2, score: 1, comment: ""), .extendDeadline(task: c2, team: "a", by: 1)] {
            #expect(d.refused(command, by: .team("a"), at: minute)?.code == .forbidden)
        }
        #expect(d.refused(.submit(task: c2, submission: "s", values: ["x"]), by: .facilitator("fc"), at: minute)?.code == .forbidden)
        #expect(d.refused(.submit(task: c2, submission: "s", values: ["x"]), by: .team("zz"), at: minute)?.code == .unknownTeam)
        #expect(d.refused(.sendMessage(to: .all, kind: .message, text: "hi"), by: .team("a"), at: minute)?.code == .forbidden)
    }

    @Test func aRetriedSubmissionIsRecordedOnce() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        let first = try d.ok(.submit(task: c2, submission: "s-1", values: ["198.51.100.9"]), by: .team("a"), at: minute)
        let again = try d.ok(.submit(task: c2, submission: "s-1", values: ["198.51.100.9"]), by: .team("a"), at: 2 * minute)
        #expect(first.events.count == 1)
        #expect(again.events.isEmpty)
        guard case .acknowledge(_, _, let s1) = first.actions.last, case .acknowledge(_, _, let s2) = again.actions.last else {
            Issue.record("no acknowledgement"); return
        }
        #expect(s1.wrongAttempts == 1 && s2.wrongAttempts == 1)
        #expect(d.machine.state.teams["a"]?.progress[c2]?.submissions.count == 1)
    }

    @Test func answersBeforeReleaseOrAfterCloseAreRefused() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        let r = TaskRef(inject: "I02", task: "r")
        #expect(d.refused(.submit(task: r, submission: "x", values: ["text"]), by: .team("a"), at: minute)?.code == .notReleased)
        try d.ok(.submit(task: c2, submission: "ok", values: ["203.0.113.66"]), by: .team("a"), at: minute)
        #expect(d.refused(.submit(task: c2, submission: "late", values: ["203.0.113.66"]), by: .team("a"), at: 2 * minute)?.code == .closed)
        #expect(d.refused(.submit(task: c2, submission: "b", values: ["203.0.113.66"]), by: .team("b"), at: 31 * minute)?.code == .closed)
    }

    @Test func theFoldOfTheEventsIsTheLiveState() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        try d.ok(.markRead(inject: "I01"), by: .team("a"), at: minute)
        _ = d.refused(.takeHint(task: c2, hint: 0), by: .team("a"), at: minute)
        try d.ok(.submit(task: c2, submission: "1", values: ["nope"]), by: .team("a"), at: 2 * minute)
        try d.ok(.sendMessage(to: .team("b"), kind: .message, text: "heads up"), by: .team("a"), at: 3 * minute)
        try d.ok(.sendMessage(to: .whiteCell, kind: .rfi, text: "is the VPN in scope?"), by: .team("b"), at: 3 * minute)
        try d.ok(.answerRFI(rfi: "M2", text: "yes"), at: 4 * minute)
        try d.ok(.addNote(Note(text: "a hesitated", team: "a")), at: 5 * minute)
        try d.ok(.setSpeed(4), at: 6 * minute)
        d.tick(40 * minute)
        try d.ok(.end, at: 50 * minute)
        let folded = ExerciseState.fold(d.events, index: d.machine.state.index)
        #expect(folded == d.machine.state)
        #expect(folded.eventCount == d.events.count)
    }
}
