import DrillCore
import Foundation
import Testing

/// live17: what the white cell improvises (live injects), the inject library (`at: demand`) and
/// the grading guide.
@Suite("Live injects and the inject library")
struct LiveInjectTests {
    static let library = Fixture.base + """
      - id: LIB1
        at: demand
        title: Press call
        channel: phone
        tasks:
          - { id: q, type: text, prompt: Statement?, accept: [no comment], guide: "Expect a holding statement; no attribution" }
      - id: LIB2
        at: demand
        when: { task: I01.c2, outcome: correct }
        title: Follow-up for the quick
        channel: email

    """

    static let choice = DrillTask(id: "pick", prompt: "Shut down the VPN?", kind: .choice(options: ["yes", "no"], answers: ["no"], multiple: false, partial: false),
                                  points: 8, due: 10 * minute, late: 0, guide: "Shutting down stops the business")

    static func live(teams: [String]? = ["a"], at: Millis = 0, tasks: [DrillTask] = [choice]) -> LiveInject {
        LiveInject(at: at, title: "The minister calls", channel: .phone, from: "Minister's office", teams: teams, tlp: .amber,
                   body: "Are we shutting the VPN down?", tasks: tasks)
    }

    static func original(_ yaml: String = Fixture.base) throws -> ScenarioIndex {
        ScenarioIndex(try #require(Fixture.loader.load(text: yaml, path: "t.yaml").scenario))
    }

    @Test func aLiveInjectReleasedNowReachesItsTeamsOnlyAndIsScoredLikeAnyTask() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        let step = try d.ok(.compose(Self.live()), at: 3 * minute)
        #expect(step.events.map(\.type) == ["injectComposed", "injectReleased"])
        #expect(step.actions == [.deliverInject(inject: "L1", team: "a")])
        guard case .injectComposed(let composed) = step.events[0].body else { Issue.record("not composed"); return }
        #expect(composed.id == "L1" && composed.at == 3 * minute)
        let inject = try #require(d.machine.state.index.inject("L1"))
        #expect(inject.unplanned && inject.tasks.map(\.id) == ["pick"])
        #expect(d.released("L1", "a") == 3 * minute)
        #expect(d.status("L1", "b") == .notAddressed)
        let pick = TaskRef(inject: "L1", task: "pick")
        #expect(d.refused(.submit(task: pick, submission: "b1", values: ["no"]), by: .team("b"), at: 4 * minute)?.code == .notReleased)
        let answer = try d.ok(.submit(task: pick, submission: "a1", values: ["no"]), by: .team("a"), at: 5 * minute)
        guard case .acknowledge(_, _, let score) = answer.actions.first else { Issue.record("no acknowledgement"); return }
        #expect(score.outcome == .correct && score.points == 8)
        let card = d.machine.state.scorecard()
        #expect(card.teams.first { $0.team == "a" }?.tasks.contains { $0.task == pick && $0.points == 8 } == true)
        // The fold of the events from the scenario as loaded composes the inject again.
        let folded = ExerciseState.fold(d.events, index: try Self.original())
        #expect(folded == d.machine.state)
        #expect(folded.scorecard() == card)
        // And through the journal's encoding.
        let decoded = try d.events.map { e in
            ExerciseEvent(at: e.exerciseTime, by: e.actor, try EventCoding.body(type: e.type, payload: EventCoding.payload(of: e.body)))
        }
        #expect(decoded == d.events)
    }

    @Test func aLiveInjectForLaterIsReleasedAtItsTimeAndNumbersDoNotClash() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        let step = try d.ok(.compose(Self.live(teams: nil, at: 20 * minute, tasks: [Self.choice, DrillTask(id: "", prompt: "PIN?", kind: .text(accept: ["4444"], match: .exact))])), at: minute)
        #expect(step.events.map(\.type) == ["injectComposed"])
        #expect(d.status("L1", "a") == .scheduled(at: 20 * minute))
        #expect(d.machine.state.index.inject("L1")?.tasks.map(\.id) == ["pick", "t1"])
        #expect(d.machine.nextWake(after: minute) == 20 * minute)
        d.tick(19 * minute)
        #expect(d.released("L1", "a") == nil)
        d.tick(20 * minute)
        #expect(d.released("L1", "a") == 20 * minute && d.released("L1", "b") == 20 * minute)
        try d.ok(.compose(Self.live()), at: 21 * minute)
        #expect(d.machine.state.index.inject("L2")?.unplanned == true)
        #expect(ExerciseState.fold(d.events, index: try Self.original()) == d.machine.state)
    }

    @Test func aLiveInjectComposedBeforeTheStartGoesOutAtItsTime() throws {
        var d = try Drive()
        let step = try d.ok(.compose(Self.live(teams: ["b"])), at: 0)
        #expect(step.events.map(\.type) == ["injectComposed"])
        try d.ok(.start, at: 0)
        #expect(d.released("L1", "b") == 0 && d.released("L1", "a") == nil)
    }

    @Test func badLiveInjectsAreRefusedWithAReason() throws {
        var d = try Drive()
        try d.ok(.start, at: 0)
        var wrong = Self.choice
        wrong.kind = .choice(options: ["yes", "no"], answers: ["maybe"], multiple: false, partial: false)
        let cases: [(LiveInject, String)] = [
            (Self.live(tasks: [wrong]), "'maybe' is not one of the options"),
            (Self.live(teams: ["zz"]), "team 'zz' is not registered"),
            (LiveInject(title: "  ", channel: .email), "needs a title"),
            (Self.live(tasks: [Self.choice, Self.choice]), "two tasks are called 'pick'"),
            (Self.live(teams: []), "at least one team"),
        ]
        for (live, why) in cases {
            let error = d.refused(.compose(live), at: minute)
            #expect(error?.code == .invalid || error?.code == .unknownTeam)
            #expect(error?.message.contains(why) == true, "\(String(describing: error))")
        }
        #expect(d.machine.state.index.inject("L1") == nil)
        #expect(d.refused(.compose(Self.live()), by: .team("a"), at: minute)?.code == .forbidden)
        try d.ok(.end, at: 2 * minute)
        #expect(d.refused(.compose(Self.live()), at: 3 * minute)?.code == .ended)
    }

    @Test func libraryInjectsWaitForTheWhiteCellAndGoToChosenTeams() throws {
        var d = try Drive(Self.library)
        try d.ok(.start, at: 0)
        try d.ok(.submit(task: c2, submission: "a1", values: ["203.0.113.66"]), by: .team("a"), at: minute)
        d.tick(90 * minute)
        #expect(d.released("LIB1", "a") == nil && d.released("LIB1", "b") == nil)
        #expect(d.status("LIB1", "a") == .onDemand)
        #expect(d.machine.nextWake(after: 90 * minute) == nil)
        let step = try d.ok(.releaseNow(inject: "LIB1", teams: ["b"]), at: 91 * minute)
        #expect(step.actions == [.deliverInject(inject: "LIB1", team: "b")])
        #expect(d.released("LIB1", "b") == 91 * minute && d.status("LIB1", "a") == .onDemand)
        let q = TaskRef(inject: "LIB1", task: "q")
        let answer = try d.ok(.submit(task: q, submission: "b1", values: ["No comment"]), by: .team("b"), at: 92 * minute)
        guard case .acknowledge(_, _, let score) = answer.actions.first else { Issue.record("no acknowledgement"); return }
        #expect(score.outcome == .correct)
        // The grading guide stays with the task, for the white cell.
        #expect(d.machine.state.index.task(q)?.guide == "Expect a holding statement; no attribution")
        // `when` still applies: released to all, LIB2 skips the team whose branch is ruled out.
        #expect(d.status("LIB2", "a") == .onDemand)
        if case .skipped = d.status("LIB2", "b") {} else { Issue.record("LIB2 should skip b: \(String(describing: d.status("LIB2", "b")))") }
        let branch = try d.ok(.releaseNow(inject: "LIB2", teams: nil), at: 94 * minute)
        #expect(branch.actions == [.deliverInject(inject: "LIB2", team: "a")])
        #expect(ExerciseState.fold(d.events, index: try Self.original(Self.library)) == d.machine.state)
    }

    @Test func libraryInjectsHaveNoPlannedTimeAndValidate() throws {
        let load = Fixture.loader.load(text: Self.library, path: "t.yaml")
        #expect(load.diagnostics.filter { $0.severity == .error }.isEmpty, "\(load.diagnostics)")
        let scenario = try #require(load.scenario)
        #expect(scenario.inject("LIB1")?.trigger == .demand)
        let plan = PlannedSchedule(scenario)
        #expect(plan.scheduled["LIB1"] == nil && plan.scheduled["I01"] == 0)
    }

    @Test func aLiveInjectRoundTripsThroughItsPayload() throws {
        var live = Self.live(tasks: [Self.choice,
                                     DrillTask(id: "n", prompt: "How many?", kind: .number(answer: 12, tolerance: 1, unit: "hosts"), attempts: 2, penalty: 1,
                                               hints: [Hint(text: "count", cost: 2)]),
                                     DrillTask(id: "r", prompt: "Advisory", kind: .report(rubric: [RubricLevel(score: 1, text: "full")]), guide: "TLP marked"),
                                     DrillTask(id: "w", prompt: "Tell b", kind: .coordination(with: ["b"])),
                                     DrillTask(id: "i", prompt: "IOCs", kind: .indicators(accept: ["evil.example"]))])
        live.id = "L1"
        let body = ExerciseEvent.Body.injectComposed(live)
        let payload = try EventCoding.payload(of: body)
        #expect(try EventCoding.body(type: "injectComposed", payload: payload) == body)
    }
}
