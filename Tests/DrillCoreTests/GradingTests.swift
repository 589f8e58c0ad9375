import DrillCore
import Foundation
import Testing

/// grade17: the white cell grades answers given outside the exercise and reopens tasks.
@Suite("Grading without a submission, and reopening")
struct GradingTests {
    static let tasks = [
        #"- { id: ip, type: text, prompt: IP?, accept: ["203.0.113.66"], points: 10, attempts: 2, due: 5m, late: 5m, penalty: 1, hints: [{ text: h, cost: 2 }] }"#,
        #"- { id: adv, type: report, prompt: Advisory, points: 20, rubric: [{ score: 1, text: Full }, { score: 0.5, text: Half }, { score: 0, text: None }] }"#,
    ]
    static let ip = ScoringFixture.ref("ip")
    static let adv = ScoringFixture.ref("adv")

    /// The fold of the events is the live state, through the journal's encoding too, with the same scores.
    static func checkReplay(_ d: Drive) throws {
        let state = d.machine.state
        #expect(ExerciseState.fold(d.events, index: state.index) == state)
        let decoded = try d.events.map { e in
            ExerciseEvent(at: e.exerciseTime, by: e.actor, try EventCoding.body(type: e.type, payload: EventCoding.payload(of: e.body)))
        }
        let replayed = ExerciseState.fold(decoded, index: state.index)
        #expect(replayed == state)
        #expect(replayed.scorecard() == state.scorecard())
    }

    @Test func anAnswerGivenByPhoneDecidesATaskOfAnyTypeAtItsShare() throws {
        var d = try ScoringFixture.drive(Self.tasks)
        // A hint and a wrong answer first: the white cell's grade is the score, nothing comes off.
        try d.ok(.takeHint(task: Self.ip, hint: 0), by: .team("a"), at: minute)
        try d.answer("a", Self.ip, "198.51.100.1", at: 2 * minute)
        let step = try d.ok(.recordOutcome(team: "a", task: Self.ip, score: 0.5, via: .phone, comment: "read it out, one octet wrong"),
                            by: .facilitator("ana"), at: 3 * minute)
        let s = try #require(d.score("a", Self.ip))
        #expect(s.outcome == .partial && s.isFinal && s.points == 5 && s.decidedAt == 3 * minute)
        #expect(s.why?.via == .phone)
        #expect(s.reason == "partial (50 %), given by phone")
        #expect(step.actions.contains(.outcomeDecided(team: "a", score: s)))
        // The other team is untouched, and team a cannot answer a decided task.
        #expect(d.score("b", Self.ip)?.isFinal == false)
        #expect(d.refused(.submit(task: Self.ip, submission: "late", values: ["203.0.113.66"]), by: .team("a"), at: 4 * minute)?.code == .closed)
        // A report task graded without any submission (the rubric grade needs one).
        #expect(d.refused(.grade(team: "b", task: Self.adv, score: 1, comment: ""), at: 4 * minute)?.code == .invalid)
        try d.ok(.recordOutcome(team: "b", task: Self.adv, score: 1, via: .inPerson, comment: "briefed the lead"), at: 5 * minute)
        let r = try #require(d.score("b", Self.adv))
        #expect(r.outcome == .correct && r.points == 20 && r.reason == "correct, given in person")
        try Self.checkReplay(d)
    }

    @Test func aRegradeReplacesTheScoreAndKeepsTheHistoryWithWhoGaveEachGrade() throws {
        var d = try ScoringFixture.drive(Self.tasks)
        try d.ok(.recordOutcome(team: "a", task: Self.ip, score: 0, via: .phone, comment: "no answer"), by: .facilitator("ana"), at: minute)
        #expect(d.score("a", Self.ip)?.outcome == .wrong)
        #expect(d.score("a", Self.ip)?.points == 0)
        try d.ok(.recordOutcome(team: "a", task: Self.ip, score: 1, via: .videoCall, comment: "called back with it"),
                 by: .facilitator("ben"), at: 2 * minute)
        let s = try #require(d.score("a", Self.ip))
        #expect(s.outcome == .correct && s.points == 10 && s.reason == "correct, given in a video call")
        let grades = try #require(d.machine.state.teams["a"]?.progress[Self.ip]?.grades)
        #expect(grades.map(\.by) == ["facilitator:ana", "facilitator:ben"])
        #expect(grades.map(\.score) == [0, 1])
        #expect(grades.map(\.via) == [.phone, .videoCall])
        // As of before the regrade, the first grade stood.
        #expect(d.score("a", Self.ip, now: minute + 1)?.outcome == .wrong)
        // Scoring follows the grades: a team's total counts the regrade.
        #expect(d.machine.state.scorecard().teams.first { $0.team == "a" }?.points == 10)
        try Self.checkReplay(d)
    }

    @Test func reopeningGivesANewWindowAndResetsTheAttempts() throws {
        var d = try ScoringFixture.drive(Self.tasks)
        try d.answer("a", Self.ip, "198.51.100.1", at: minute)
        try d.answer("a", Self.ip, "198.51.100.2", at: 2 * minute)
        #expect(d.score("a", Self.ip)?.outcome == .wrong)
        #expect(d.score("a", Self.ip)?.isFinal == true)
        try d.ok(.reopen(team: "a", task: Self.ip, window: 5 * minute, reason: "the portal rejected their input"),
                 by: .facilitator("ana"), at: 20 * minute)
        let open = try #require(d.score("a", Self.ip))
        #expect(open.outcome == .pending && !open.isFinal && open.wrongAttempts == 0)
        #expect(open.releasedAt == 20 * minute && open.dueAt == 25 * minute && open.closesAt == 30 * minute)
        // Attempts reset: one wrong, then right, inside the new window; the hint-free points less one penalty.
        try d.answer("a", Self.ip, "198.51.100.3", at: 21 * minute)
        try d.answer("a", Self.ip, "203.0.113.66", at: 22 * minute)
        let s = try #require(d.score("a", Self.ip))
        #expect(s.outcome == .correct && s.points == 9 && s.wrongAttempts == 1)
        // Before the reopening the task stood as it was; everything stays in the progress.
        #expect(d.score("a", Self.ip, now: 19 * minute)?.outcome == .wrong)
        let progress = try #require(d.machine.state.teams["a"]?.progress[Self.ip])
        #expect(progress.submissions.count == 4)
        #expect(progress.reopens.map(\.by) == ["facilitator:ana"])
        #expect(progress.reopens.map(\.reason) == ["the portal rejected their input"])
        // The other team's window did not move.
        #expect(d.score("b", Self.ip)?.outcome == .missed)
        try Self.checkReplay(d)
    }

    @Test func aReopenedTaskIsMissedAgainWhenItsNewWindowCloses() throws {
        var d = try ScoringFixture.drive(Self.tasks)
        try d.ok(.recordOutcome(team: "a", task: Self.ip, score: 1, via: .phone, comment: ""), at: minute)
        try d.ok(.reopen(team: "a", task: Self.ip, window: minute, reason: "graded the wrong team"), at: 2 * minute)
        // The phone grade before the reopening no longer scores.
        #expect(d.score("a", Self.ip)?.outcome == .pending)
        d.tick(2 * minute + 6 * minute + 1)
        let s = try #require(d.score("a", Self.ip, now: 8 * minute + 1))
        #expect(s.outcome == .missed && s.points == 0 && s.decidedAt == 8 * minute)
        try Self.checkReplay(d)
    }

    @Test func badGradesAndReopeningsAreRefusedWithAReason() throws {
        var d = try Drive(ScoringFixture.scenario(tasks: Self.tasks))
        #expect(d.refused(.recordOutcome(team: "a", task: Self.ip, score: 1, via: .phone, comment: ""), at: 0)?.code == .notStarted)
        try d.ok(.start, at: 0)
        #expect(d.refused(.recordOutcome(team: "a", task: Self.ip, score: 1.5, via: .phone, comment: ""), at: 1)?.code == .invalid)
        #expect(d.refused(.recordOutcome(team: "a", task: Self.ip, score: .nan, via: .phone, comment: ""), at: 1)?.code == .invalid)
        #expect(d.refused(.recordOutcome(team: "z", task: Self.ip, score: 1, via: .phone, comment: ""), at: 1)?.code == .unknownTeam)
        #expect(d.refused(.recordOutcome(team: "a", task: ScoringFixture.ref("nope"), score: 1, via: .phone, comment: ""), at: 1)?.code == .unknownTask)
        #expect(d.refused(.recordOutcome(team: "a", task: Self.ip, score: 1, via: .phone, comment: ""), by: .team("a"), at: 1)?.code == .forbidden)
        #expect(d.refused(.reopen(team: "a", task: Self.ip, window: minute, reason: " "), at: 1)?.code == .invalid)
        #expect(d.refused(.reopen(team: "a", task: Self.ip, window: 0, reason: "r"), at: 1)?.code == .invalid)
        #expect(d.refused(.reopen(team: "a", task: Self.ip, window: minute, reason: "r"), by: .team("b"), at: 1)?.code == .forbidden)
        try d.ok(.end, at: 2)
        #expect(d.refused(.reopen(team: "a", task: Self.ip, window: minute, reason: "r"), at: 3)?.code == .ended)
        // After the end, an answer heard at the hot wash can still be recorded.
        try d.ok(.recordOutcome(team: "a", task: Self.ip, score: 1, via: .inPerson, comment: "at the hot wash"), at: 3)
        #expect(d.score("a", Self.ip)?.outcome == .correct)
        try Self.checkReplay(d)
    }

    @Test func notReleasedTasksCannotBeGradedOrReopened() throws {
        let tasks = Self.tasks
        var d = try Drive(ScoringFixture.scenario(tasks: tasks).replacingOccurrences(of: "at: 0m", with: "at: 30m"))
        try d.ok(.start, at: 0)
        #expect(d.refused(.recordOutcome(team: "a", task: Self.ip, score: 1, via: .phone, comment: ""), at: 1)?.code == .notReleased)
        #expect(d.refused(.reopen(team: "a", task: Self.ip, window: minute, reason: "r"), at: 1)?.code == .notReleased)
    }
}
