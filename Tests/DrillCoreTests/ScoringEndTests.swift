import DrillTestSupport
import Foundation
import DrillCore
import Testing

/// What `end` does to scores: every answer window closes at the end, so what was not answered is
/// missed and what was partly done is final; a report task answered but not graded stays pending
/// until the white cell grades it, also after the end.
@Suite("Scoring: ending the exercise")
struct ScoringEndTests {
    static let tasks = [
        "- { id: u, type: text, prompt: IP?, accept: [x], points: 10, due: 1h, late: 1h }",
        "- { id: r, type: report, prompt: Write, points: 10, due: 1h, late: 1h, rubric: [{ score: 1, text: Good }, { score: 0, text: Bad }] }",
        "- { id: g, type: report, prompt: Again, points: 10, due: 1h, late: 1h, rubric: [{ score: 1, text: Good }, { score: 0, text: Bad }] }",
        "- { id: w, type: coordination, prompt: Warn both, with: [b, c], points: 10, due: 1h, late: 1h }",
    ]

    @Test func endingClosesEveryWindowButAnUngradedReportStaysPending() throws {
        var d = try ScoringFixture.drive(Self.tasks, teams: ["a", "b", "c"])
        let r = ScoringFixture.ref("r"), g = ScoringFixture.ref("g"), u = ScoringFixture.ref("u"), w = ScoringFixture.ref("w")
        try d.answer("a", r, "my report", at: 5 * minute)
        try d.answer("a", g, "another", at: 6 * minute)
        try d.ok(.sendMessage(to: .team("b"), kind: .message, text: "heads up"), by: .team("a"), at: 7 * minute)
        // Before the end every window is still open.
        #expect(d.score("a", u)?.outcome == .pending)
        #expect(d.score("a", w)?.outcome == .partial && d.score("a", w)?.isFinal == false)

        try d.ok(.end, at: 10 * minute)
        let missed = try #require(d.score("a", u))
        #expect(missed.outcome == .missed && missed.isFinal && missed.decidedAt == 10 * minute)
        let partial = try #require(d.score("a", w))
        #expect(partial.outcome == .partial && partial.isFinal && partial.decidedAt == 10 * minute && partial.points == 5)
        let waiting = try #require(d.score("a", r))
        #expect(waiting.outcome == .pending && !waiting.isFinal && waiting.reason == "answered, waiting for grading")
        #expect(d.score("b", r)?.outcome == .missed, "a report never written is missed at the end")

        // A grade after the end still counts.
        try d.ok(.grade(team: "a", task: g, score: 1, comment: "good"), at: 10 * minute)
        #expect(d.score("a", g)?.outcome == .correct && d.score("a", g)?.points == 10)
        let card = d.machine.state.scorecard()
        let a = try #require(card.teams.first { $0.team == "a" })
        #expect(a.outcomes.pending == 1, "only the ungraded report is pending")
        #expect(card.teams.filter { $0.team != "a" }.allSatisfy { $0.outcomes.pending == 0 })
        // A scorecard of the past (before the end) is as it was then.
        #expect(d.machine.state.scorecard(now: 9 * minute).teams.first { $0.team == "a" }?.outcomes.pending == 3)
    }
}

/// The simulated white cell of `rehearse` and `demo` (one plan, `SimulatedTeams`) grades every
/// report and answers every RFI before the exercise ends.
@Suite("Simulated white cell finishes its work")
struct SimulatedWhiteCellTests {
    @Test(arguments: ["tutorial", "telco-ransomware", "isp-ddos-bgp", "ministry-phishing", "sahel-defacement-fr", "gulf-water-scada-ar"])
    func aRehearsalEndsWithEveryReportGradedAndEveryRFIAnswered(_ name: String) throws {
        let root = TestPackage.root
        let scenario = try #require(ScenarioLoader.fileSystem.load(contentsOf: root.appendingPathComponent("scenarios/\(name).yaml").path).scenario)
        for seed: UInt64 in [1, 2, 3] {
            let result = Rehearsal(index: ScenarioIndex(scenario), teams: scenario.teams, seed: seed).run()
            #expect(result.state.phase == .ended)
            let backlog = result.state.whiteCellBacklog
            #expect(backlog.ungradedReports.isEmpty, "\(name) seed \(seed): \(backlog.ungradedReports.map { "\($0.team) \($0.task)" })")
            #expect(backlog.unansweredRFIs.isEmpty, "\(name) seed \(seed): \(backlog.unansweredRFIs)")
            let rfis = result.state.messages.filter { $0.message.kind == .rfi }.count
            let reports = result.events.count { if case .graded = $0.body { return true } else { return false } }
            #expect(rfis + reports > 0, "the white cell had work to do")
            // Nothing is pending after the end: reports are graded, every window closed.
            #expect(result.state.scorecard().teams.allSatisfy { $0.outcomes.pending == 0 }, "\(name) seed \(seed)")
        }
    }
}
