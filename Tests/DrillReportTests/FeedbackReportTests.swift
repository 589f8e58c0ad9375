import DrillCore
@testable import DrillReport
import Foundation
import Testing

/// grade17: the report's "Participant feedback" and "Regrades and reopened tasks".
@Suite("The hot wash and regrades in the report")
struct FeedbackReportTests {
    static let yaml = """
    format: cyberdrill/1
    id: hotwash
    title: Hot wash
    duration: 1h
    teams:
      - { id: a, name: CIRT Alpha, country: XA }
      - { id: b, name: CIRT Bravo, country: XB }
    injects:
      - id: I01
        at: 0m
        title: First
        channel: email
        tasks:
          - { id: ip, type: text, prompt: IP?, accept: [x], points: 10 }
    feedback:
      - { id: q1, type: scale, prompt: How realistic was the scenario? }
      - { id: q2, type: choice, prompt: Would you take part again?, options: [yes, no] }
      - { id: q3, type: text, prompt: What should change? }

    """

    static func input() throws -> ReportInput {
        let load = ScenarioLoader { _ in true }.load(text: yaml, path: "hotwash.yaml")
        let scenario = try #require(load.scenario, "\(load.diagnostics)")
        var machine = ExerciseMachine(index: ScenarioIndex(scenario))
        var events: [ExerciseEvent] = []
        func run(_ command: Command, _ actor: Actor, _ t: Millis) throws {
            events += try machine.handle(command, by: actor, at: t).get().events
        }
        for team in scenario.teams { try run(.registerTeam(team), .facilitator("ana"), 0) }
        try run(.start, .facilitator("ana"), 0)
        let ip = TaskRef(inject: "I01", task: "ip")
        try run(.recordOutcome(team: "a", task: ip, score: 0.5, via: .phone, comment: "half of it"), .facilitator("ana"), 60_000)
        try run(.recordOutcome(team: "a", task: ip, score: 1, via: .inPerson, comment: "all of it"), .facilitator("ben"), 120_000)
        try run(.end, .facilitator("ana"), 600_000)
        try run(.answerFeedback(member: "m1", answers: ["q1": "4", "q2": "yes", "q3": "CIRT Alpha needed more time"]), .team("a"), 610_000)
        try run(.answerFeedback(member: "m2", answers: ["q1": "2", "q2": "yes"]), .team("a"), 611_000)
        try run(.answerFeedback(member: "m1", answers: ["q1": "5", "q2": "no", "q3": "Shorter injects"]), .team("b"), 612_000)
        return ReportInput(state: machine.state, events: events, walls: events.map { 1_700_000_000_000 + $0.exerciseTime })
    }

    @Test func feedbackIsCountedAndQuotedAndRedactedWhenAnonymized() throws {
        let report = try AfterActionReport(try Self.input())
        #expect(report.feedback.map(\.id) == ["q1", "q2", "q3"])
        let q1 = report.feedback[0]
        #expect(q1.responses == 3 && q1.distribution.map(\.count) == [0, 1, 0, 1, 1] && q1.mean.map { abs($0 - 11.0 / 3) < 1e-9 } == true)
        #expect(report.feedback[1].distribution.map(\.count) == [2, 1])
        #expect(report.feedback[2].quotes == ["CIRT Alpha needed more time", "Shorter injects"])
        let html = report.html()
        #expect(html.contains("Participant feedback") && html.contains("<blockquote dir=\"auto\">Shorter injects</blockquote>"))
        #expect(report.markdown().contains("> Shorter injects"))

        let anonymous = try AfterActionReport(try Self.input(), options: ReportOptions(anonymize: true))
        let quotes = anonymous.feedback[2].quotes
        #expect(!quotes.joined().contains("Alpha"), "\(quotes)")
        #expect(!anonymous.html().contains("CIRT Alpha"))

        // A team report has its own team's answers only.
        let own = try AfterActionReport(try Self.input(), options: ReportOptions(team: "b"))
        #expect(own.feedback[0].responses == 1 && own.feedback[2].quotes == ["Shorter injects"])
    }

    @Test func regradesAreListedWithWhoGaveThem() throws {
        let report = try AfterActionReport(try Self.input())
        let history = try #require(report.gradeChanges.first)
        #expect(report.gradeChanges.count == 1 && history.task == "I01.ip")
        #expect(history.steps.map(\.by) == ["ana", "ben"])
        #expect(history.steps.map(\.kind) == [.outcome, .outcome])
        #expect(history.steps.map(\.points) == [5, 10])
        let html = report.html()
        #expect(html.contains("graded (phone)") && html.contains("graded (in person)"))
    }
}
