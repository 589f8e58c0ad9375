import DrillCore
import Testing

/// Attempts, penalties, hints, grades and coordination, each as a small story.
@Suite("Scoring: rules")
struct ScoringRulesTests {
    static let t = ScoringFixture.ref("t")

    @Test func theWorkedExampleOfTheDocs() throws {
        // 10 points, due 10m, late 15m, floor 0.5, 2 per wrong attempt, a hint for 3.
        var d = try ScoringFixture.drive(["""
        - { id: t, type: text, prompt: IP?, accept: [203.0.113.66], points: 10, due: 10m, late: 15m, floor: 0.5,
            attempts: 3, penalty: 2, hints: [{ text: Beacons, cost: 3 }] }
        """])
        try d.answer("a", Self.t, "198.51.100.1", at: minute)
        try d.answer("a", Self.t, "198.51.100.2", at: 2 * minute)
        try d.ok(.takeHint(task: Self.t, hint: 0), by: .team("a"), at: 3 * minute)
        try d.answer("a", Self.t, "203.0.113.66", at: 16 * minute)
        let s = try #require(d.score("a", Self.t))
        // 10 × 0.8 − 4 − 3
        #expect(s.points == 1)
        #expect(s.reason == "correct, 6 min late (×0.8), 2 wrong attempts (−4), hint 1 (−3)")
        #expect(s.plainReason == "correct, 6 min late, 2 wrong attempts, 1 hint taken")
        #expect(s.wrongAttempts == 2 && s.hintsTaken == 1 && s.isFinal && s.decidedAt == 16 * minute)
    }

    @Test("attempts and penalties", arguments: [
        // answers in order (r = right, w = wrong), attempts, outcome, points
        ("r", 3, Outcome.correct, 10.0),
        ("wr", 3, .correct, 8),
        ("wwr", 3, .correct, 6),
        ("www", 3, .wrong, 0),
        ("ww", 3, .pending, 0),
        ("wwwwwr", 0, .correct, 0),       // unlimited attempts; 5 × 2 = 10 off: never below 0
        ("wwwwr", 0, .correct, 2),
    ] as [(String, Int, Outcome, Double)])
    func attempts(answers: String, attempts: Int, outcome: Outcome, points: Double) throws {
        let limit = attempts > 0 ? ", attempts: \(attempts)" : ""
        var d = try ScoringFixture.drive(["- { id: t, type: text, prompt: P, accept: [x], points: 10, penalty: 2\(limit) }"])
        for (k, c) in answers.enumerated() {
            try d.answer("a", Self.t, c == "r" ? "x" : "no\(k)", at: Millis(k + 1) * minute)
        }
        let s = try #require(d.score("a", Self.t))
        #expect(s.outcome == outcome)
        #expect(s.points == points)
        #expect(s.isFinal == (outcome != .pending))
    }

    @Test func usedUpAttemptsCloseTheTaskAtTheLastOne() throws {
        var d = try ScoringFixture.drive(["- { id: t, type: text, prompt: P, accept: [x], attempts: 2 }"])
        try d.answer("a", Self.t, "no", at: minute)
        let step = try d.answer("a", Self.t, "nope", at: 2 * minute)
        let s = try #require(d.score("a", Self.t))
        #expect(s.outcome == .wrong && s.isFinal && s.decidedAt == 2 * minute)
        #expect(s.reason == "wrong: all 2 attempts used")
        #expect(step.actions.contains(.outcomeDecided(team: "a", score: s)))
        #expect(d.refused(.submit(task: Self.t, submission: "3", values: ["x"]), by: .team("a"), at: 3 * minute)?.code == .closed)
    }

    @Test func aHintIsPaidOnceHoweverOftenItIsTaken() throws {
        var d = try ScoringFixture.drive(["- { id: t, type: text, prompt: P, accept: [x], hints: [{ text: one, cost: 3 }, { text: two, cost: 1 }] }"])
        try d.ok(.takeHint(task: Self.t, hint: 0), by: .team("a"), at: minute)
        let again = try d.ok(.takeHint(task: Self.t, hint: 0), by: .team("a"), at: 2 * minute)
        #expect(again.events.isEmpty)
        try d.ok(.takeHint(task: Self.t, hint: 1), by: .team("a"), at: 2 * minute)
        try d.answer("a", Self.t, "x", at: 3 * minute)
        #expect(d.score("a", Self.t)?.points == 6)
        #expect(d.score("a", Self.t)?.reason == "correct, hint 1 (−3), hint 2 (−1)")
        // A journal with the same hint recorded twice still charges it once.
        var events = d.events
        events.insert(ExerciseEvent(at: 2 * minute, by: .team("a"), .hintTaken(HintTaken(team: "a", task: Self.t, hint: 0))), at: events.count - 1)
        let folded = ExerciseState.fold(events, index: d.machine.state.index)
        #expect(folded.score(team: "a", task: Self.t)?.points == 6)
    }

    @Test func hintsCostNothingWhenNothingIsEarned() throws {
        var d = try ScoringFixture.drive(["- { id: t, type: text, prompt: P, accept: [x], attempts: 1, hints: [{ text: one, cost: 3 }] }"])
        try d.ok(.takeHint(task: Self.t, hint: 0), by: .team("a"), at: minute)
        try d.answer("a", Self.t, "no", at: 2 * minute)
        #expect(d.score("a", Self.t)?.points == 0)
        #expect(d.score("a", Self.t)?.reason == "wrong: all 1 attempts used, hint 1")
    }

    @Test func aRegradeReplacesTheGradeAndBothEventsStay() throws {
        let r = ScoringFixture.ref("r")
        var d = try ScoringFixture.drive(["- { id: r, type: report, prompt: Draft, points: 20, rubric: [{ score: 1, text: Full }, { score: 0.5, text: Partial }] }"])
        try d.answer("a", r, "Our advisory…", at: 5 * minute)
        #expect(d.score("a", r)?.outcome == .pending)
        #expect(d.score("a", r)?.reason == "answered, waiting for grading")
        try d.ok(.grade(team: "a", task: r, score: 0.5, comment: "no TLP"), at: 6 * minute)
        #expect(d.score("a", r)?.points == 10)
        #expect(d.score("a", r)?.reason == "partial (50 %)")
        try d.ok(.grade(team: "a", task: r, score: 1, comment: "TLP added on review"), at: 40 * minute)
        let s = try #require(d.score("a", r))
        #expect(s.outcome == .correct && s.points == 20 && s.decidedAt == 40 * minute)
        #expect(d.events.filter { $0.type == "graded" }.count == 2)
        let folded = ExerciseState.fold(d.events, index: d.machine.state.index)
        #expect(folded.score(team: "a", task: r) == s)
        // Seen at 30m, the first grade still stands.
        #expect(folded.score(team: "a", task: r, now: 30 * minute)?.points == 10)
    }

    @Test func aReportGradedZeroIsWrongAndAnUnansweredOneMissed() throws {
        let r = ScoringFixture.ref("r")
        var d = try ScoringFixture.drive(["- { id: r, type: report, prompt: Draft, rubric: [{ score: 1, text: Full }, { score: 0, text: None }] }"])
        try d.answer("a", r, "…", at: minute)
        try d.ok(.grade(team: "a", task: r, score: 0, comment: ""), at: 2 * minute)
        #expect(d.score("a", r)?.outcome == .wrong)
        #expect(d.score("a", r)?.reason == "wrong (graded 0 %)")
        #expect(d.score("b", r, now: 30 * minute)?.outcome == .pending)
        #expect(d.score("b", r, now: 30 * minute + 1)?.outcome == .missed)
    }

    @Test("coordination: met, partial, missed", arguments: [
        // minutes at which a messages b and c (nil: never), outcome, points, final at
        (2, 4, Outcome.correct, 10.0, 4),
        (2, nil, .partial, 5, 30),
        (nil, nil, .missed, 0, 30),
        (2, 20, .correct, 8, 20),          // c told 5 of 15 late minutes in: ×0.8 for the whole task (as late as the last team told)
    ] as [(Int?, Int?, Outcome, Double, Int)])
    func coordination(toB: Int?, toC: Int?, outcome: Outcome, points: Double, finalAt: Int) throws {
        let w = ScoringFixture.ref("w")
        var d = try ScoringFixture.drive(["- { id: w, type: coordination, prompt: Warn them, with: [b, c], due: 15m, late: 15m, floor: 0.4 }"],
                                         teams: ["a", "b", "c"])
        try d.ok(.sendMessage(to: .whiteCell, kind: .message, text: "we warned everyone"), by: .team("a"), at: minute)
        for (to, at) in [("b", toB), ("c", toC)] {
            if let at { try d.ok(.sendMessage(to: .team(to), kind: .message, text: "heads up"), by: .team("a"), at: Millis(at) * minute) }
        }
        // The state's time is that of its last event; ask at the time of interest.
        let s = try #require(d.score("a", w, now: 31 * minute))
        #expect(s.outcome == outcome)
        #expect(abs(s.points - points) < 1e-9)
        #expect(s.isFinal && s.decidedAt == Millis(finalAt) * minute)
    }

    @Test func coordinationSaysHowManyTeamsWereToldSoFar() throws {
        let w = ScoringFixture.ref("w")
        var d = try ScoringFixture.drive(["- { id: w, type: coordination, prompt: Warn them, with: [b, c] }"], teams: ["a", "b", "c"])
        try d.ok(.sendMessage(to: .team("b"), kind: .message, text: "heads up"), by: .team("a"), at: minute)
        #expect(d.score("a", w)?.reason == "partial so far (1 of 2 teams told)")
        #expect(d.score("a", w)?.isFinal == false)
    }

    @Test func aMessageBeforeTheReleaseDoesNotCount() throws {
        let yaml = ScoringFixture.scenario(tasks: ["- { id: x, type: text, prompt: P, accept: [x] }"]) + """
          - id: I02
            at: 10m
            title: Warn
            channel: chat
            tasks:
              - { id: w, type: coordination, prompt: Warn b, with: [b] }

        """
        var d = try Drive(yaml, teams: ["a", "b"])
        try d.ok(.start, at: 0)
        try d.ok(.sendMessage(to: .team("b"), kind: .message, text: "early"), by: .team("a"), at: 5 * minute)
        d.tick(10 * minute)
        #expect(d.score("a", ScoringFixture.ref("w", "I02"), now: 41 * minute)?.outcome == .missed)
    }

    @Test func falseIndicatorsCostButNeverBelowZero() throws {
        let i = ScoringFixture.ref("i")
        var d = try ScoringFixture.drive(["- { id: i, type: indicators, prompt: Domains, accept: [evil.example, c2.example], points: 10, penalty: 2 }"])
        try d.answer("a", i, "evil[.]example, c2[.]example, good.example", at: minute)
        #expect(d.score("a", i)?.points == 8)
        #expect(d.score("a", i)?.reason == "correct, 1 false item (−2)")
        try d.answer("b", i, "evil.example a.example b.example c.example", at: minute)
        #expect(d.score("b", i)?.outcome == .partial)
        #expect(d.score("b", i)?.points == 0)   // 5 − 3 × 2, held at 0
        #expect(d.score("b", i)?.falseItems == 3)
    }

    @Test func ofTwoPartialAnswersTheOneWorthMoreStands() throws {
        let i = ScoringFixture.ref("i")
        var d = try ScoringFixture.drive(["- { id: i, type: indicators, prompt: Domains, accept: [a.example, b.example, c.example, d.example], points: 12, due: 10m, late: 10m, floor: 0 }"])
        // Half on time (6), then three quarters 8 minutes late (9 × 0.2 = 1.8): the first stands.
        try d.answer("a", i, "a.example b.example", at: minute)
        try d.answer("a", i, "a.example b.example c.example", at: 18 * minute)
        let s = try #require(d.score("a", i))
        #expect(s.points == 6)
        #expect(s.answeredAt == minute)
        #expect(s.credit == 0.5)
        #expect(s.wrongAttempts == 1)
    }

    @Test func partialAnswersUseUpAttempts() throws {
        let c = ScoringFixture.ref("c")
        var d = try ScoringFixture.drive(["- { id: c, type: choice, prompt: Which, options: [a, b, c, d], answer: [a, b], multiple: true, partial: true, attempts: 2, penalty: 1 }"])
        try d.answer("a", c, "a", at: minute)
        try d.answer("a", c, "a", "c", at: 2 * minute)
        let s = try #require(d.score("a", c))
        // Best: half of 10 from the first, less 1 for the other attempt.
        #expect(s.outcome == .partial && s.isFinal && s.decidedAt == 2 * minute)
        #expect(s.points == 4)
        #expect(s.reason == "partial (50 %), 1 wrong attempt (−1)")
    }

    @Test func anUnreleasedTaskScoresNothingAndSaysSo() throws {
        let d = try Drive()
        let s = try #require(d.score("a", c2))
        #expect(s.outcome == .pending && s.points == 0 && s.reason == "not released" && s.releasedAt == nil)
    }
}
