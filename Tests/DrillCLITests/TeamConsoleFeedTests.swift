@testable import DrillCLI
import DrillClient
import DrillCore
import DrillTUI
import DrillWire
import Testing

@Suite("A team console fed from the network (the join adapter)")
struct TeamConsoleFeedTests {
    private let ref = TaskRef(inject: "A1", task: "domain")

    private func welcome() -> Welcome {
        let scenario = Scenario(id: "e2e", title: "End-to-end check", duration: 1_800_000, injects: [])
        return Welcome(role: .team, identity: "team:red", name: "Red Team",
                       team: TeamInfo(Team(id: "red", name: "Red Team"), withContact: false), feed: .team("red"), feedSeq: 0, resumeFrom: 0,
                       scenario: ScenarioInfo(scenario), clock: ClockStatus(phase: .running, exerciseTime: 60_000, speed: 1, wall: 1_000_000),
                       teams: [TeamInfo(Team(id: "red", name: "Red Team"), withContact: false),
                               TeamInfo(Team(id: "blue", name: "Blue Team"), withContact: false)],
                       server: "test")
    }

    private func inject() -> InjectDelivery {
        InjectDelivery(inject: "A1", title: "A phishing report", channel: .email, from: "SOC", tlp: .amber, attack: [], objectives: [],
                       body: "An e-mail from evil.example.", artifacts: [ArtifactInfo(name: "mail.eml", description: "the e-mail")],
                       releasedAt: 0, tasks: [
                           TaskBrief(task: ref, type: .text, prompt: "Which domain?", points: 10, options: nil, multiple: nil, unit: nil,
                                     rubric: nil, with: nil, hintCosts: [3], attempts: 3, penalty: 1, dueAt: 900_000,
                                     closesAt: 1_800_000, floor: 0.5),
                       ])
    }

    @Test("injects, tasks, hints, messages, the clock and the queue become the console's model")
    func model() throws {
        var feed = FeedView()
        var adapter = TeamConsoleFeed()
        let events: [ClientEvent] = [
            .connected(welcome()),
            .message(ServerFrame(.inject(inject()), seq: 1)),
            .message(ServerFrame(.hint(HintNotice(team: "red", task: ref, hint: 0, text: "Read the host from the right", cost: 3, at: 70_000)), seq: 2)),
            .message(ServerFrame(.message(MessageNotice(Message(id: "M1", from: .team("blue"), to: .team("red"), text: "Seen it too"), at: 80_000)), seq: 3)),
        ]
        for event in events {
            feed.apply(event)
            adapter.observe(event)
        }
        let pending = [ClientMessage.Submission(submission: "red/x-1", task: ref, values: ["evil.example"])]
        let model = try #require(adapter.model(feed, wall: 1_030_000, pending: pending))
        #expect(model.team.name == "Red Team")
        #expect(model.exerciseTime == 90_000)
        #expect(model.connection == .connected)
        #expect(model.inbox.map(\.id) == ["A1"])
        let task = try #require(model.inbox.first?.tasks.first)
        #expect(task.input == .text)
        #expect(task.hints == [TeamConsoleModel.HintItem(cost: 3, text: "Read the host from the right")])
        #expect(task.dueAt == 900_000)
        #expect(model.messages.first?.text == "Seen it too")
        #expect(model.queued.map(\.submission) == ["red/x-1"])
        #expect(model.name(of: .team("blue")) == "Blue Team")

        // The console runs from it as from a local exercise.
        var console = TeamConsole(model: model, submissionPrefix: "red/x")
        _ = console.handle(.enter)
        for c in "evil.example" { _ = console.handle(.char(c)) }
        #expect(console.handle(.enter) == [.command(.submit(task: ref, submission: "red/x-1", values: ["evil.example"]))])
        let screen = console.render(Size(width: 100, height: 30))
        #expect(screen.lines.contains { $0.contains("due in 13:30") })
        #expect(screen.lines.contains { $0.contains("1 queued") })

        adapter.observe(.disconnected(reason: "connection reset", retryIn: 2))
        #expect(adapter.model(feed, wall: 1_030_000, pending: [])?.connection == .offline(reason: "connection reset"))
    }
}
