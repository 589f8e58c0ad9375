import DrillCore
import Testing

/// grade17: each team's progress against the schedule, and its projected end at its current pace.
@Suite("Pacing")
struct PacingTests {
    static let yaml = """
    format: cyberdrill/1
    id: pace
    title: Pace
    duration: 1h
    injects:
      - id: I01
        at: 0m
        title: First
        channel: email
        tasks:
          - { id: t1, type: text, prompt: X?, accept: [x], due: 5m, late: 5m }
      - id: I02
        at: 20m
        title: Second
        channel: email
        tasks:
          - { id: t2, type: text, prompt: Y?, accept: [y], due: 10m, late: 5m }
      - id: I03
        after: { inject: I01, delay: 1m }
        when: { task: I01.t1, outcome: [missed, wrong] }
        title: Catch-up
        channel: phone
        tasks:
          - { id: t3, type: text, prompt: Z?, accept: [z], due: 5m }

    """

    @Test func aTeamAheadAndATeamBehindTheSchedule() throws {
        var d = try Drive(Self.yaml)
        try d.ok(.start, at: 0)
        try d.answer("a", TaskRef(inject: "I01", task: "t1"), "x", at: 2 * minute)
        let at10 = d.machine.state.pace(now: 10 * minute)
        let a = try #require(at10.first { $0.team == "a" }), b = try #require(at10.first { $0.team == "b" })
        // a answered, so its catch-up branch is skipped: two tasks, due at 5 and 30 min by the plan.
        #expect(a.tasks == 2 && a.done == 1 && a.expected == 1 && a.behind == 0 && a.plannedEnd == 30 * minute)
        // Covered the plan up to 5 min in 10 min: half pace, so the 25 min left take 50.
        #expect(a.projectedEnd == 60 * minute)
        // b has not answered: its branch may still come (three tasks; the catch-up due at 6 min), nothing done, no pace yet.
        #expect(b.tasks == 3 && b.done == 0 && b.expected == 2 && b.behind == 2 && b.projectedEnd == nil)
        // a finishes its last task: done, with the time.
        d.tick(20 * minute)
        #expect(d.released("I02", "a") == 20 * minute, "\(String(describing: d.status("I02", "a")))")
        try d.answer("a", TaskRef(inject: "I02", task: "t2"), "y", at: 22 * minute)
        let done = try #require(d.machine.state.pace(now: 22 * minute).first { $0.team == "a" })
        #expect(done.done == 2 && done.finishedAt == 22 * minute && done.projectedEnd == nil && done.behind == -1)
        // The same facts give the same pace after a replay.
        let folded = ExerciseState.fold(d.events, index: d.machine.state.index)
        #expect(folded.pace(now: 22 * minute) == d.machine.state.pace(now: 22 * minute))
    }
}
