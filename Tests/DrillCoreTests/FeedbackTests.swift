import DrillCore
import Testing

/// grade17: the hot wash — the scenario's `feedback:` questions, opened by the end or early by the
/// white cell, answered by team members, journaled and replayed.
@Suite("Hot wash")
struct FeedbackTests {
    static let yaml = ScoringFixture.scenario(tasks: [#"- { id: ip, type: text, prompt: IP?, accept: [x] }"#]) + """
    feedback:
      - { id: q1, type: scale, prompt: How realistic was the scenario? }
      - { id: q2, type: choice, prompt: Would you take part again?, options: [yes, no, maybe] }
      - { id: q3, type: text, prompt: What should change? }

    """

    @Test func theScenarioSectionIsReadAndChecked() throws {
        let d = try Drive(Self.yaml)
        #expect(d.machine.scenario.feedback.map(\.id) == ["q1", "q2", "q3"])
        #expect(d.machine.scenario.feedback[1].options == ["yes", "no", "maybe"])
        let bad = Self.yaml.replacingOccurrences(of: "options: [yes, no, maybe]", with: "options: [yes]")
            .replacingOccurrences(of: "id: q3, type: text", with: "id: q1, type: essay")
        let messages = Fixture.diagnostics(bad)
        #expect(messages.contains { $0.contains("a choice question needs at least two options") }, "\(messages)")
        #expect(messages.contains { $0.contains("essay") }, "\(messages)")
    }

    @Test func theEndOpensTheFormAndAMembersLatestAnswersCount() throws {
        var d = try Drive(Self.yaml)
        try d.ok(.start, at: 0)
        let answers = ["q1": "4", "q2": "yes", "q3": "More time for the report"]
        #expect(d.refused(.answerFeedback(member: "m1", answers: answers), by: .team("a"), at: minute)?.code == .closed)
        try d.ok(.end, at: 10 * minute)
        #expect(d.machine.state.isFeedbackOpen)
        try d.ok(.answerFeedback(member: "m1", answers: answers), by: .team("a"), at: 11 * minute)
        try d.ok(.answerFeedback(member: "m2", answers: ["q1": " 2 ", "q2": "no"]), by: .team("a"), at: 11 * minute)
        try d.ok(.answerFeedback(member: "m1", answers: ["q1": "5", "q2": "yes"]), by: .team("b"), at: 12 * minute)
        // Member m1 of team a changes its mind: its answers are replaced; b's m1 is another member.
        try d.ok(.answerFeedback(member: "m1", answers: ["q1": "3", "q3": "Shorter injects"]), by: .team("a"), at: 13 * minute)
        let kept = d.machine.state.feedback
        #expect(kept.count == 3)
        #expect(kept.first { $0.answer.team == "a" && $0.answer.member == "m1" }?.answer.answers == ["q1": "3", "q3": "Shorter injects"])
        #expect(kept.first { $0.answer.member == "m2" }?.answer.answers == ["q1": "2", "q2": "no"])
        // Bad answers are refused with a reason; nothing is journaled for them.
        let before = d.events.count
        #expect(d.refused(.answerFeedback(member: "m3", answers: ["q1": "6"]), by: .team("b"), at: 14 * minute)?.code == .invalid)
        #expect(d.refused(.answerFeedback(member: "m3", answers: ["q2": "perhaps"]), by: .team("b"), at: 14 * minute)?.code == .invalid)
        #expect(d.refused(.answerFeedback(member: "m3", answers: ["q9": "x"]), by: .team("b"), at: 14 * minute)?.code == .invalid)
        #expect(d.refused(.answerFeedback(member: "m3", answers: ["q3": "  "]), by: .team("b"), at: 14 * minute)?.code == .invalid)
        #expect(d.refused(.answerFeedback(member: "m3", answers: ["q1": "3"]), by: .facilitator("fc"), at: 14 * minute)?.code == .forbidden)
        #expect(d.events.count == before)
        // Replay, through the journal's encoding too.
        let decoded = try d.events.map { e in
            ExerciseEvent(at: e.exerciseTime, by: e.actor, try EventCoding.body(type: e.type, payload: EventCoding.payload(of: e.body)))
        }
        #expect(ExerciseState.fold(decoded, index: d.machine.state.index) == d.machine.state)
        // The hot wash does not touch the scores.
        #expect(ExerciseState.fold(decoded, index: d.machine.state.index).scorecard() == d.machine.state.scorecard())
    }

    @Test func theWhiteCellCanOpenTheFormEarly() throws {
        var d = try Drive(Self.yaml)
        #expect(d.refused(.openFeedback, at: 0)?.code == .notStarted)
        try d.ok(.start, at: 0)
        #expect(d.refused(.openFeedback, by: .team("a"), at: minute)?.code == .forbidden)
        try d.ok(.openFeedback, at: 2 * minute)
        #expect(d.refused(.openFeedback, at: 3 * minute)?.code == .nothingToDo)
        try d.ok(.answerFeedback(member: "m1", answers: ["q2": "maybe"]), by: .team("b"), at: 4 * minute)
        #expect(d.machine.state.feedbackOpenedAt == 2 * minute)
        #expect(ExerciseState.fold(d.events, index: d.machine.state.index) == d.machine.state)
        // Without questions there is no hot wash to open.
        var plain = try Drive(ScoringFixture.scenario(tasks: [#"- { id: ip, type: text, prompt: IP?, accept: [x] }"#]))
        try plain.ok(.start, at: 0)
        #expect(plain.refused(.openFeedback, at: minute)?.code == .invalid)
    }
}
