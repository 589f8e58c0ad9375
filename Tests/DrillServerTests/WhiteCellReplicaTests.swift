import DrillClient
import DrillCore
import DrillJournal
@testable import DrillServer
import DrillWire
import Foundation
import Testing

/// The white cell's console over the network: a facilitator's client folds the exercise from the
/// white cell's feed (and the scenario it asks for) and controls it with the white-cell requests.
@Suite("The white cell's console over the network", .serialized)
struct WhiteCellReplicaTests {
    /// The folded facts of two states, field by field (the event counts differ: the server also
    /// folds `exerciseCreated` and retried answers, which change nothing).
    static func expectSameFacts(_ replica: ExerciseState, _ host: ExerciseState, _ who: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(replica.phase == host.phase, "\(who): phase", sourceLocation: sourceLocation)
        #expect(replica.speed == host.speed, "\(who): speed", sourceLocation: sourceLocation)
        #expect(replica.teams == host.teams, "\(who): teams' releases, reads, answers, hints, grades, extensions", sourceLocation: sourceLocation)
        #expect(replica.held == host.held, "\(who): held", sourceLocation: sourceLocation)
        #expect(replica.messages == host.messages, "\(who): messages", sourceLocation: sourceLocation)
        #expect(replica.rfiAnswers == host.rfiAnswers, "\(who): RFI answers", sourceLocation: sourceLocation)
        #expect(replica.notes == host.notes, "\(who): notes", sourceLocation: sourceLocation)
        #expect(replica.pauses == host.pauses, "\(who): pauses", sourceLocation: sourceLocation)
        #expect(replica.startedAt == host.startedAt && replica.endedAt == host.endedAt, "\(who): start and end", sourceLocation: sourceLocation)
        #expect(replica.submissionIds == host.submissionIds, "\(who): submissions", sourceLocation: sourceLocation)
        let now = host.exerciseTime
        #expect(replica.scorecard(now: now) == host.scorecard(now: now), "\(who): scores", sourceLocation: sourceLocation)
    }

    /// A replica fed with everything a client received, after asking for the scenario.
    static func replica(of client: TestClient) async throws -> ExerciseReplica {
        let reply = try await client.client.request(.scenario)
        guard case .scenario(let source) = reply.message else { throw TimedOut() }
        var replica = ExerciseReplica()
        for event in client.recorder.events { replica.apply(event, atWall: 0) }
        #expect(replica.load(source).isEmpty)
        return replica
    }

    @Test("a facilitator's client folds the same exercise as the server, and so does one joining late")
    func replicaMatchesTheHost() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let a = try await TestClient.connect(server, "team:cirt-a")
        let b = try await TestClient.connect(server, "team:cirt-b")
        let c2 = TaskRef(inject: "I01", task: "c2"), sev = TaskRef(inject: "I01", task: "sev"), adv = TaskRef(inject: "I03", task: "adv")

        // Given a white cell that starts, holds and releases, extends, pauses and resumes, and
        // teams that answer right and wrong, take a hint, message each other and ask an RFI …
        try await control(whitecell, .hold(inject: "I02"))
        try await control(whitecell, .speed(60))
        try await control(whitecell, .start)
        _ = try await a.waitFor("I01") { $0.inject?.inject == "I01" ? $0 : nil }
        await a.client.submit(task: c2, values: ["203.0.113.66"])
        await a.client.submit(task: sev, values: ["low"])
        try await b.client.request(.hint(task: c2, hint: 0))
        await b.client.submit(task: c2, values: ["198.51.100.1"])
        _ = try await b.waitFor("Bravo's ack") { $0.ack }
        try await control(whitecell, .extend(task: sev, team: "cirt-b", by: 600_000))
        try await control(whitecell, .release(inject: "I02", teams: nil))
        try await b.client.request(.send(to: .team("cirt-a"), kind: .message, text: "your upstream is hit"))
        try await a.client.request(.send(to: .whiteCell, kind: .rfi, text: "which shift?"))
        let rfi = try await whitecell.waitFor("rfi") { if case .message(let m) = $0.message, m.kind == .rfi { m } else { nil } }
        try await control(whitecell, .answerRFI(rfi: rfi.id, text: "the night shift"))
        try await control(whitecell, .pause)
        try await control(whitecell, .resume)
        _ = try await a.waitFor("I03") { $0.inject?.inject == "I03" ? $0 : nil }
        await a.client.submit(task: adv, values: ["Block 203.0.113.66, TLP:AMBER"])
        _ = try await whitecell.waitFor("the report") { if case .answer(let n) = $0.message, n.task == adv { n } else { nil } }
        try await control(whitecell, .grade(team: "cirt-a", task: adv, score: 0.5, comment: "no contact"))
        try await control(whitecell, .note(Note(text: "Alpha was quick", team: "cirt-a", tags: ["strength"])))
        try await control(whitecell, .end)
        try await whitecell.waitFor("ended") { if case .phase(let p) = $0.message, p.phase == .ended { p } else { nil } }

        // … the white cell's client folds, from its feed and the scenario, the very state of the host.
        let host = await server.host.state
        let replica = try await Self.replica(of: whitecell)
        let state = try #require(replica.state)
        Self.expectSameFacts(state, host, "whitecell")
        let grade = try #require(state.teams["cirt-a"]?.progress[adv]?.grades.last)
        #expect(grade.by == "facilitator:whitecell", "the feed says who graded")
        #expect(state.teams["cirt-a"]?.progress[c2]?.submissions.first?.evaluation.credit == 1, "answers are judged on the client too")

        // A second white-cell member joining afterwards gets the whole feed and the same state.
        let late = try await TestClient.connect(server, "facilitator:whitecell")
        let lateState = try #require(try await Self.replica(of: late).state)
        Self.expectSameFacts(lateState, host, "late whitecell")
        for client in [whitecell, a, b, late] { await client.stop() }
    }

    @Test("feed messages that arrive before the scenario are kept and folded once it is loaded; a replaced feed starts over")
    func earlyMessagesAndReplacedFeeds() async throws {
        let scenario = try TestScenario.load()
        let team = TeamInfo(Team(id: "cirt-a", name: "CIRT Alpha"), withContact: true)
        let started = PhaseChange(event: "started", phase: .running, exerciseTime: 0, speed: 1)
        let released = ReleaseNotice(inject: "I01", title: "Beaconing", teams: ["cirt-a"], manual: false, at: 0)
        var replica = ExerciseReplica()
        for (seq, message) in [ServerMessage.team(team), .phase(started), .released(released)].enumerated() {
            replica.apply(.message(ServerFrame(message, seq: seq + 1)), atWall: 1_000)
        }
        #expect(replica.needsScenario)
        replica.load(ScenarioSource(id: scenario.id, digest: "", source: TestScenario.yaml))
        let state = try #require(replica.state)
        #expect(state.phase == .running)
        #expect(state.teams["cirt-a"]?.released[0] == 0)

        // A scenario that does not load leaves the replica waiting, with the reasons.
        var broken = ExerciseReplica()
        #expect(!broken.load(ScenarioSource(id: "x", digest: "", source: "format: cyberdrill/1\nid: [")).isEmpty)
        #expect(broken.state == nil)

        // A welcome that replays the feed from its start (`resumeFrom` 0) empties the fold first.
        let clock = ClockStatus(phase: .running, exerciseTime: 5_000, speed: 2, wall: 0)
        let welcome = Welcome(role: .facilitator, identity: "facilitator:whitecell", name: "whitecell", team: nil, feed: .whiteCell,
                              feedSeq: 3, resumeFrom: 0, scenario: ScenarioInfo(scenario), clock: clock, teams: [team], server: "test")
        replica.apply(.connected(welcome), atWall: 10_000)
        #expect(replica.state?.teams.count == 0)
        // The clock runs from the local wall time the welcome came, whatever the server's wall says.
        #expect(replica.clock.exerciseTime(atWall: 11_000) == 7_000)
        // Old phase changes of the replay do not move it; new ones do.
        replica.apply(.message(ServerFrame(.phase(started), seq: 2)), atWall: 11_000)
        #expect(replica.clock.exerciseTime(atWall: 11_000) == 7_000)
        replica.apply(.caughtUp(seq: 3), atWall: 11_000)
        let paused = PhaseChange(event: "paused", phase: .paused, exerciseTime: 8_000, speed: 2)
        replica.apply(.message(ServerFrame(.phase(paused), seq: 4)), atWall: 12_000)
        #expect(replica.clock.exerciseTime(atWall: 20_000) == 8_000)
    }

    @Test("graded says who graded on the white cell's feed only")
    func gradesAreSigned() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let observer = try await TestClient.connect(server, "observer:observer")
        let c = try await TestClient.connect(server, "team:cirt-c")
        let adv = TaskRef(inject: "I03", task: "adv")
        try await control(whitecell, .speed(60))
        try await control(whitecell, .start)
        _ = try await c.waitFor("I03") { $0.inject?.inject == "I03" ? $0 : nil }
        await c.client.submit(task: adv, values: ["advisory"])
        _ = try await c.waitFor("ack") { $0.ack }
        try await control(whitecell, .grade(team: "cirt-c", task: adv, score: 1, comment: "good"))
        func grade(_ client: TestClient) async throws -> GradeNotice {
            try await client.waitFor("graded") { if case .graded(let g) = $0.message { g } else { nil } }
        }
        #expect(try await grade(whitecell).by == "facilitator:whitecell")
        #expect(try await grade(observer).by == nil)
        #expect(try await grade(c).by == nil)
        for client in [whitecell, observer, c] { await client.stop() }
    }

    @Test("a change of speed is followed at once by the clock, so consoles run it at the new rate")
    func speedChangesPushTheClock() async throws {
        // Clock updates are otherwise a minute apart here.
        let server = try await TestServer.start { $0.clockInterval = .seconds(60) }
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(whitecell, .start)
        _ = try await whitecell.waitFor("the clock of the start", timeout: .seconds(3)) {
            if case .clock(let c) = $0.message, c.phase == .running { c } else { nil }
        }
        try await control(whitecell, .speed(30))
        let clock = try await whitecell.waitFor("a clock at 30×", timeout: .seconds(3)) {
            if case .clock(let c) = $0.message, c.speed == 30 { c } else { nil }
        }
        #expect(clock.phase == .running)
        await whitecell.stop()
    }
}
