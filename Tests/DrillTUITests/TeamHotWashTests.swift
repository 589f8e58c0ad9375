import DrillCore
import DrillText
import Testing
@testable import DrillTUI

/// The hot wash's form in the full-screen team console (issue 17): told when it opens, filled
/// with keys, sent as one `answerFeedback` command, shown as recorded, edited and sent again.
@Suite("Team console: the hot wash's form")
struct TeamHotWashTests {
    static let questions = [
        FeedbackQuestion(id: "q1", type: .scale, prompt: "How realistic was the drill?"),
        FeedbackQuestion(id: "q2", type: .choice, prompt: "Would you take part again?", options: ["yes", "no"]),
        FeedbackQuestion(id: "q3", type: .text, prompt: "What should change?"),
    ]
    static let arabic = [
        FeedbackQuestion(id: "q1", type: .scale, prompt: "ما مدى واقعية التمرين؟"),
        FeedbackQuestion(id: "q2", type: .choice, prompt: "هل تشارك مرة أخرى؟", options: ["نعم", "لا"]),
        FeedbackQuestion(id: "q3", type: .text, prompt: "ما الذي يجب تغييره؟"),
    ]

    /// The tutorial with `questions` as its hot wash, played to 4.2 minutes; the white cell
    /// opens the form at 4.0 when `open`.
    private func machine(_ questions: [FeedbackQuestion] = questions, language: String = "en", open: Bool) throws -> ExerciseMachine {
        var scenario = try ExerciseFixture.scenario("tutorial")
        scenario.feedback = questions
        scenario.teams = scenario.teams.map { var team = $0; team.language = language; return team }
        var machine = ExerciseMachine(index: ScenarioIndex(scenario))
        for team in scenario.teams { _ = machine.handle(.registerTeam(team), by: ExerciseFixture.white, at: 0) }
        _ = machine.handle(.start, by: ExerciseFixture.white, at: 0)
        for step in ExerciseFixture.tutorialScript where step.time <= ExerciseFixture.min(4.0) {
            _ = machine.handle(step.command, by: step.actor, at: step.time)
        }
        if open { _ = machine.handle(.openFeedback, by: ExerciseFixture.white, at: ExerciseFixture.min(4.0)) }
        _ = machine.advance(to: ExerciseFixture.min(4.2))
        return machine
    }

    private func model(_ machine: ExerciseMachine) throws -> TeamConsoleModel {
        try #require(TeamConsoleModel(state: machine.state, team: "tut-c", now: ExerciseFixture.min(4.2)))
    }

    @Test("the member is told when the form opens; keys fill it; Enter on Send sends; the echo shows it recorded; F9 sends the edit")
    func fillSendEditResend() throws {
        var closed = try machine(open: false)
        var console = TeamConsole(model: try model(closed), submissionPrefix: "tut-c/s1")
        #expect(console.model.hotWash == nil)
        #expect(console.press(.char("f")).isEmpty)
        #expect(console.status?.text == "the feedback form is not open yet")
        #expect(!Golden.text(.of(console, small)).contains("Feedback (hot wash)"))

        // The white cell opens it: status line and key bar say so.
        _ = closed.handle(.openFeedback, by: ExerciseFixture.white, at: ExerciseFixture.min(4.2))
        console.update(try model(closed))
        #expect(console.status?.text == "hot wash: the feedback form is open — press f to answer")
        _ = console.handle(.down)   // the next key clears the status line
        #expect(Golden.text(.of(console, small)).contains("f feedback"))

        // Open, answer every kind, send with Enter on the Send line.
        #expect(console.press(.char("f")).isEmpty)
        #expect(Golden.text(.of(console, small)).contains("Feedback (hot wash)"))
        #expect(console.press(.enter, .down, .down, .down, .enter).isEmpty, "nothing answered: nothing sent")
        #expect(console.status?.text == "answer at least one question before sending")
        _ = console.press(.home, .char("7"), .char("4"), .right, .down, .right, .right, .left, .down)
        console.type("More time for T02\n")
        let sent = console.press(.enter)
        let answers = ["q1": "5", "q2": "yes", "q3": "More time for T02"]
        #expect(sent == [.command(.answerFeedback(member: "tut-c/s1", answers: answers))])

        // The exercise takes it; the console says it is recorded and marks the answered questions.
        guard case .command(let command)? = sent.first else { return }
        let result = closed.handle(command, by: .team("tut-c"), at: ExerciseFixture.min(4.3))
        guard case .success = result else { Issue.record("refused: \(result)"); return }
        console.finished(command, .done)
        console.update(try model(closed))
        #expect(console.status?.text == "your feedback is recorded — thank you")
        let screen = Golden.text(.of(console, small))
        #expect(screen.contains("Recorded ✓") && screen.contains("1. How realistic was the drill? ✓"))

        // Edit: a lower score, another choice, and send again with F9 from anywhere in the form.
        _ = console.press(.home, .char("2"), .down, .char("2"))
        let again = console.press(.function(9))
        #expect(again == [.command(.answerFeedback(member: "tut-c/s1", answers: ["q1": "2", "q2": "no", "q3": "More time for T02"]))])
        if case .command(let c)? = again.first { _ = closed.handle(c, by: .team("tut-c"), at: ExerciseFixture.min(4.4)) }
        #expect(closed.state.feedback.filter { $0.answer.member == "tut-c/s1" }.map(\.answer.answers) == [["q1": "2", "q2": "no", "q3": "More time for T02"]],
                "sending again replaces the member's answers")

        // Esc closes the form and keeps the drafts; reopening shows them.
        _ = console.press(.escape)
        #expect(!Golden.text(.of(console, small)).contains("Feedback (hot wash)"))
        _ = console.press(.char("f"))
        #expect(console.hotWashAnswers == ["q1": "2", "q2": "no", "q3": "More time for T02"])
    }

    @Test("a new console of a member who answered starts from the recorded answers")
    func seededFromRecord() throws {
        var m = try machine(open: true)
        _ = m.handle(.answerFeedback(member: "tut-c/s1", answers: ["q1": "3", "q2": "no"]), by: .team("tut-c"), at: ExerciseFixture.min(4.2))
        var console = TeamConsole(model: try model(m), submissionPrefix: "tut-c/s1")
        _ = console.press(.function(3))   // F3 opens it on any keyboard layout
        #expect(console.hotWashAnswers == ["q1": "3", "q2": "no"])
    }

    @Test("the help lists the form's keys once the hot wash is open, and only then")
    func help() throws {
        var before = TeamConsole(model: try model(try machine(open: false)), submissionPrefix: "tut-c/s1")
        _ = before.press(.char("?"))
        #expect(!Golden.text(.of(before, large)).contains("Hot wash"))
        var open = TeamConsole(model: try model(try machine(open: true)), submissionPrefix: "tut-c/s1")
        _ = open.press(.char("f"), .function(1))
        let screen = Golden.text(.of(open, large))
        #expect(screen.contains("Hot wash") && screen.contains("send the answers (again after a change)"))
        _ = open.press(.escape)   // closes the help; the form stays open
        #expect(Golden.text(.of(open, small)).contains("Feedback (hot wash)"))
    }

    @Test("the open form at 80×24 in English and in Arabic (golden files)")
    func goldens() throws {
        var en = TeamConsole(model: try model(try machine(open: true)), submissionPrefix: "tut-c/s1")
        _ = en.press(.char("f"), .char("4"), .down, .right, .down)
        en.type("Shorter injects")
        Golden.check(.of(en, small), "team-hotwash-form-en-80x24")

        var ar = TeamConsole(model: try model(try machine(Self.arabic, language: "ar", open: true)), submissionPrefix: "tut-c/s1", language: .ar)
        _ = ar.press(.function(3), .right, .right, .down, .left, .down)   // ← is the next option on the right-to-left screen
        ar.type("وقت أطول")
        #expect(ar.hotWashAnswers == ["q1": "4", "q2": "نعم", "q3": "وقت أطول"])
        Golden.check(.of(ar, small), "team-hotwash-form-ar-80x24")
    }
}
