@testable import DrillCLI
import DrillClient
import DrillCore
import DrillTUI
import DrillWire
import Testing

/// The join adapter gives the team console the hot wash from the wire: nothing before the
/// server's `feedbackForm`, then its questions and the team's members' recorded answers from the
/// `feedbackAnswer` echoes (a member's latest wins).
@Suite("The hot wash fed from the network")
struct HotWashFeedTests {
    @Test("feedbackForm opens it; feedbackAnswer echoes record each member's latest answers")
    func formAndEchoes() throws {
        let scenario = Scenario(id: "e2e", title: "End-to-end check", duration: 1_800_000, injects: [])
        let welcome = Welcome(role: .team, identity: "team:red", name: "Red Team",
                              team: TeamInfo(Team(id: "red", name: "Red Team"), withContact: false), feed: .team("red"), feedSeq: 0, resumeFrom: 0,
                              scenario: ScenarioInfo(scenario), clock: ClockStatus(phase: .ended, exerciseTime: 60_000, speed: 1, wall: 1_000_000),
                              teams: [TeamInfo(Team(id: "red", name: "Red Team"), withContact: false)], server: "test")
        let questions = [FeedbackQuestion(id: "q1", type: .scale, prompt: "How realistic?\u{1B}[2J"),
                         FeedbackQuestion(id: "q2", type: .choice, prompt: "Again?", options: ["yes", "no"])]
        var feed = FeedView()
        var adapter = TeamConsoleFeed()
        func apply(_ event: ClientEvent) { feed.apply(event); adapter.observe(event) }
        apply(.connected(welcome))
        #expect(try #require(adapter.model(feed, wall: 1_000_000, pending: [])).hotWash == nil)

        apply(.message(ServerFrame(.feedbackForm(FeedbackForm(questions: questions, early: false, at: 60_000)), seq: 1)))
        var console = TeamConsole(model: try #require(adapter.model(feed, wall: 1_000_000, pending: [])), submissionPrefix: "red/s")
        #expect(console.model.hotWash?.questions == questions)
        #expect(console.model.hotWash?.recorded.isEmpty == true)

        _ = console.handle(.char("f"))
        _ = console.handle(.char("4"))
        let sent = console.handle(.function(9))
        #expect(sent == [.command(.answerFeedback(member: "red/s", answers: ["q1": "4"]))])
        // The prompt's escape sequence never reaches the terminal intact.
        let lines = console.render(Size(width: 80, height: 24)).lines
        #expect(lines.joined().contains("How realistic?") && lines.allSatisfy { !$0.contains("\u{1B}") })

        apply(.message(ServerFrame(.feedbackAnswer(FeedbackNotice(team: "red", member: "red/other", answers: ["q1": "1"], at: 61_000)), seq: 2)))
        apply(.message(ServerFrame(.feedbackAnswer(FeedbackNotice(team: "red", member: "red/s", answers: ["q1": "3"], at: 62_000)), seq: 3)))
        apply(.message(ServerFrame(.feedbackAnswer(FeedbackNotice(team: "red", member: "red/s", answers: ["q1": "4"], at: 63_000)), seq: 4)))
        console.update(try #require(adapter.model(feed, wall: 1_000_000, pending: [])))
        #expect(console.model.hotWash?.recorded == ["red/other": ["q1": "1"], "red/s": ["q1": "4"]])
        #expect(console.status?.text == "your feedback is recorded — thank you")
    }
}
