import DrillCore
import Testing

/// Timing: full points until due, linear decay to `floor` over `late`, nothing after; measured in
/// exercise time, so pauses cost nothing.
@Suite("Scoring: timing")
struct ScoringTimingTests {
    static let task = "- { id: t, type: text, prompt: IP?, accept: [x], points: 10, due: 10m, late: 10m, floor: 0.5 }"
    static let t = ScoringFixture.ref("t")

    @Test("points at the edges of the window", arguments: [
        (0, 10.0),
        (10 * minute, 10),                  // at due: ×1
        (15 * minute, 7.5),                 // midway through late: halfway to the floor
        (20 * minute, 5),                   // at due + late: ×floor exactly
        (10 * minute + 6 * minute, 7),      // 6 of 10 late minutes: 0.5 + 0.5 × 0.4
    ] as [(Millis, Double)])
    func decay(answeredAt: Millis, points: Double) throws {
        var d = try ScoringFixture.drive([Self.task])
        try d.answer("a", Self.t, "x", at: answeredAt)
        let s = try #require(d.score("a", Self.t))
        #expect(s.outcome == .correct)
        #expect(s.points == points)
        #expect(s.answeredAt == answeredAt)
    }

    @Test func oneMillisecondLateIsAlmostFullAndSaysSo() throws {
        var d = try ScoringFixture.drive([Self.task])
        try d.answer("a", Self.t, "x", at: 10 * minute + 1)
        let s = try #require(d.score("a", Self.t))
        #expect(s.points < 10 && s.points > 9.999)
        #expect(s.reason == "correct, 1 s late (×0.99)")
    }

    @Test func oneMillisecondAfterTheWindowTheAnswerIsRefusedAndTheTaskMissed() throws {
        var d = try ScoringFixture.drive([Self.task])
        let refusal = d.refused(.submit(task: Self.t, submission: "late", values: ["x"]), by: .team("a"), at: 20 * minute + 1)
        #expect(refusal?.code == .closed)
        #expect(d.score("a", Self.t, now: 20 * minute)?.isFinal == false)
        let s = try #require(d.score("a", Self.t, now: 20 * minute + 1))
        #expect(s.outcome == .missed)
        #expect(s.points == 0)
        #expect(s.isFinal && s.decidedAt == 20 * minute)
    }

    @Test func anAnswerAfterTheWindowInAJournalScoresNothing() throws {
        // Folded from events, e.g. a journal written by hand: the answer is past the close.
        let d = try ScoringFixture.drive([Self.task])
        var events = d.events
        events.append(ExerciseEvent(at: 20 * minute + 1, by: .team("a"),
                                    .answerSubmitted(AnswerSubmission(team: "a", task: Self.t, submission: "s", values: ["x"]))))
        let state = ExerciseState.fold(events, index: d.machine.state.index)
        #expect(state.score(team: "a", task: Self.t)?.outcome == .missed)
        #expect(state.score(team: "a", task: Self.t)?.points == 0)
    }

    @Test func aDeadlineExtensionShiftsTheWholeWindowForThatTeamOnly() throws {
        var d = try ScoringFixture.drive([Self.task])
        try d.ok(.extendDeadline(task: Self.t, team: "a", by: 5 * minute), at: minute)
        try d.answer("a", Self.t, "x", at: 15 * minute)
        try d.answer("b", Self.t, "x", at: 15 * minute)
        #expect(d.score("a", Self.t)?.points == 10)
        #expect(d.score("a", Self.t)?.dueAt == 15 * minute)
        #expect(d.score("a", Self.t)?.closesAt == 25 * minute)
        #expect(d.score("b", Self.t)?.points == 7.5)
    }

    @Test func anExtensionForEveryTeamReopensAMissedWindow() throws {
        var d = try ScoringFixture.drive([Self.task])
        try d.ok(.extendDeadline(task: Self.t, team: nil, by: 10 * minute), at: 19 * minute)
        try d.answer("b", Self.t, "x", at: 25 * minute)
        #expect(d.score("b", Self.t)?.points == 7.5)
    }

    @Test func aPauseCostsNoPoints() throws {
        // Wall clock: released at wall 0, paused from 2 to 32 wall-minutes, answered at 40.
        // That is 10 minutes of exercise time: exactly at due, full points.
        var d = try ScoringFixture.drive([Self.task])
        let wall0: Millis = 1_700_000_000_000
        var clock = ExerciseClock()
        clock.run(atWall: wall0)
        try d.ok(.pause, at: clock.exerciseTime(atWall: wall0 + 2 * minute))
        clock.stop(atWall: wall0 + 2 * minute)
        #expect(clock.exerciseTime(atWall: wall0 + 31 * minute) == 2 * minute)
        clock.run(atWall: wall0 + 32 * minute)
        try d.ok(.resume, at: clock.exerciseTime(atWall: wall0 + 32 * minute))
        let answeredAt = clock.exerciseTime(atWall: wall0 + 40 * minute)
        #expect(answeredAt == 10 * minute)
        try d.answer("a", Self.t, "x", at: answeredAt)
        #expect(d.score("a", Self.t)?.points == 10)
        #expect(d.score("a", Self.t)?.reason == "correct")
    }

    @Test func aPauseAtFourTimesSpeedStillCostsNothing() throws {
        var d = try ScoringFixture.drive([Self.task])
        var clock = ExerciseClock()
        clock.run(atWall: 0)
        clock.setSpeed(4, atWall: 0)
        try d.ok(.setSpeed(4), at: 0)
        clock.stop(atWall: minute)                          // 4 exercise minutes in
        try d.ok(.pause, at: clock.exerciseTime(atWall: minute))
        clock.run(atWall: 61 * minute)
        try d.ok(.resume, at: clock.exerciseTime(atWall: 61 * minute))
        let t = clock.exerciseTime(atWall: 61 * minute + 90_000)   // + 6 exercise minutes
        #expect(t == 10 * minute)
        try d.answer("a", Self.t, "x", at: t)
        #expect(d.score("a", Self.t)?.points == 10)
    }

    @Test func noLateWindowMeansNothingAfterDue() throws {
        var d = try ScoringFixture.drive(["- { id: t, type: text, prompt: P, accept: [x], due: 10m, late: 0s }"])
        try d.answer("a", Self.t, "x", at: 10 * minute)
        #expect(d.score("a", Self.t)?.points == 10)
        #expect(d.refused(.submit(task: Self.t, submission: "b", values: ["x"]), by: .team("b"), at: 10 * minute + 1)?.code == .closed)
    }

    @Test func aFloorOfOneMeansLateAnswersKeepEverything() throws {
        var d = try ScoringFixture.drive(["- { id: t, type: text, prompt: P, accept: [x], due: 10m, late: 10m, floor: 1 }"])
        try d.answer("a", Self.t, "x", at: 19 * minute)
        #expect(d.score("a", Self.t)?.points == 10)
        #expect(d.score("a", Self.t)?.reason == "correct, 9 min late")
    }

    @Test func scoresAtAnEarlierTimeIgnoreLaterEvents() throws {
        var d = try ScoringFixture.drive([Self.task])
        try d.answer("a", Self.t, "x", at: 5 * minute)
        #expect(d.score("a", Self.t, now: 4 * minute)?.outcome == .pending)
        #expect(d.score("a", Self.t, now: 4 * minute)?.points == 0)
        #expect(d.score("a", Self.t, now: 5 * minute)?.points == 10)
    }
}
