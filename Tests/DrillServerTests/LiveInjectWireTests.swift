import DrillClient
import DrillCore
import DrillJournal
@testable import DrillServer
import DrillWire
import Foundation
import Testing

/// live17: live injects and the inject library over the wire, and the grading guide that no team
/// ever receives.
@Suite("Live injects and the library over the wire", .serialized)
struct LiveInjectWireTests {
    static let yaml = """
        format: cyberdrill/1
        id: live-test
        title: Live test drill
        duration: 1h
        teams:
          - { id: cirt-a, name: CIRT Alpha, country: XA }
          - { id: cirt-b, name: CIRT Bravo, country: XB }
        injects:
          - id: I01
            at: 0m
            title: Beaconing seen by the NOC
            channel: email
            body: Outbound traffic to 203.0.113.66 every 60 s.
            tasks:
              - { id: c2, type: text, prompt: Which IP is the C2?, accept: ["203.0.113.66"], guide: "GUIDE-SCENARIO look for the C2 in the proxy log" }
          - id: LIB1
            at: demand
            title: A journalist calls
            channel: phone
            body: A journalist asks about the outage.
            tasks:
              - { id: say, type: report, prompt: What do you say?, rubric: [{ score: 1, text: holding statement }, { score: 0, text: attribution }], guide: "GUIDE-LIBRARY no attribution" }
        """

    static let live = LiveInject(title: "The minister's office calls", channel: .phone, from: "Minister's office", teams: ["cirt-b"], tlp: .amber,
                                 body: "LIVE-BODY Are you shutting the VPN down?",
                                 tasks: [DrillTask(id: "", prompt: "Shut it down?", kind: .choice(options: ["yes", "no"], answers: ["no"], multiple: false, partial: false),
                                                   points: 8, guide: "GUIDE-LIVE shutting down stops the ministry")])

    /// Waits until `socket` answered a ping sent now: everything the server queued for it before is in.
    static func barrier(_ socket: RawSocket, _ ref: String) async throws {
        try await socket.send(#"{"v":1,"type":"ping","ref":"\#(ref)"}"#)
        _ = try await socket.waitFor("pong \(ref)") { $0.ref == ref && $0.message == .pong ? $0 : nil }
    }

    @Test("a live inject reaches its team only, is scored, and no guide ever reaches a team")
    func liveInjectsAndGuidesStayWhereTheyBelong() async throws {
        let server = try await TestServer.start(Self.yaml)
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let a = try await RawSocket.open(server.url)
        try await a.hello(server.token("team:cirt-a"))
        let b = try await RawSocket.open(server.url)
        try await b.hello(server.token("team:cirt-b"))
        try await control(whitecell, .start)
        let first = try await a.waitFor("I01") { $0.inject?.inject == "I01" ? $0.inject : nil }
        #expect(first.tasks.first?.prompt == "Which IP is the C2?")

        // The white cell composes a live inject for Bravo; a team cannot.
        try await a.send(#"{"v":1,"type":"compose","ref":"tc","inject":{"title":"fake","channel":"email"}}"#)
        #expect(try await a.waitFor("refusal") { $0.ref == "tc" ? $0.error : nil }.code == "forbidden")
        try await control(whitecell, .compose(Self.live))
        let composed = try await whitecell.waitFor("composed") { if case .composed(let c) = $0.message { c } else { nil } }
        #expect(composed.inject.id == "L1" && composed.by == "facilitator:whitecell")
        #expect(composed.inject.tasks.first?.guide.hasPrefix("GUIDE-LIVE") == true, "the white cell sees the guide")
        let delivered = try await b.waitFor("L1") { $0.inject?.inject == "L1" ? $0.inject : nil }
        #expect(delivered.title == "The minister's office calls" && delivered.tasks.map(\.options) == [["yes", "no"]])
        try await b.send(#"{"v":1,"type":"submit","ref":"bs","submission":"b-1","task":"L1.t1","values":["no"]}"#)
        let ack = try await b.waitFor("ack") { $0.ref == nil ? $0.ack : nil }
        #expect(ack.task == TaskRef(inject: "L1", task: "t1") && ack.score.outcome == .correct)
        // Alpha cannot answer it.
        try await a.send(#"{"v":1,"type":"submit","ref":"as","submission":"a-1","task":"L1.t1","values":["no"]}"#)
        #expect(try await a.waitFor("refusal") { $0.ref == "as" ? $0.error : nil }.code == "notReleased")

        // The library inject goes to Alpha only.
        try await control(whitecell, .release(inject: "LIB1", teams: ["cirt-a"]))
        _ = try await a.waitFor("LIB1") { $0.inject?.inject == "LIB1" ? $0 : nil }

        try await Self.barrier(a, "pa")
        try await Self.barrier(b, "pb")
        let seenByA = a.texts.filter { !$0.contains(#""type":"error""#) }.joined(separator: "\n")
        let seenByB = b.texts.joined(separator: "\n")
        for text in ["GUIDE-SCENARIO", "GUIDE-LIBRARY", "GUIDE-LIVE", "guide"] {
            #expect(!seenByA.contains(text), "Alpha received \(text)")
            #expect(!seenByB.contains(text), "Bravo received \(text)")
        }
        #expect(!seenByA.contains("LIVE-BODY") && !seenByA.contains("minister"), "Alpha saw Bravo's live inject")
        #expect(!seenByA.contains("\"composed\"") && !seenByB.contains("\"composed\""))
        #expect(!seenByB.contains("LIB1") && !seenByB.contains("journalist"), "Bravo saw Alpha's library inject")

        // The journal has the live inject as an event of its own, and the white cell's client
        // folds the same exercise as the server, live inject included.
        let types = try server.events().map(\.type)
        #expect(types.contains("injectComposed"))
        let host = await server.host.state
        let reply = try await whitecell.client.request(.scenario)
        guard case .scenario(let source) = reply.message else { Issue.record("no scenario"); return }
        var replica = ExerciseReplica()
        for event in whitecell.recorder.events { replica.apply(event, atWall: 0) }
        #expect(replica.load(source).isEmpty)
        let state = try #require(replica.state)
        #expect(state.index.inject("L1")?.unplanned == true)
        WhiteCellReplicaTests.expectSameFacts(state, host, "whitecell")

        // The MSEL status says where the library inject stands.
        let status = try await whitecell.client.request(.status)
        guard case .status(let s) = status.message else { Issue.record("no status"); return }
        #expect(s.injects.first { $0.inject == "LIB1" }?.teams.first { $0.team == "cirt-b" }?.status == "onDemand")
        #expect(s.injects.contains { $0.inject == "L1" })
        await whitecell.stop()
        await a.close()
        await b.close()
    }

    @Test("a compose request round-trips and a bad one is an error frame with its ref")
    func composeOnTheWire() async throws {
        let frame = ClientFrame(.compose(Self.live), ref: "c1")
        let data = try WireCoding.encode(frame)
        #expect(try WireCoding.decodeClient(data).get() == frame)
        let server = try await TestServer.start(Self.yaml)
        defer { Task { await server.stop() } }
        let w = try await RawSocket.open(server.url)
        try await w.hello(server.token("facilitator:whitecell"))
        try await w.send(#"{"v":1,"type":"compose","ref":"bad","inject":{"title":"x","channel":"email","tasks":[{"type":"choice","prompt":"p","options":["a","b"],"answers":["c"]}]}}"#)
        let error = try await w.waitFor("refusal") { $0.ref == "bad" ? $0.error : nil }
        #expect(error.code == "invalid" && error.message.contains("'c' is not one of the options"))
        try await w.send(#"{"v":1,"type":"compose","ref":"nochannel","inject":{"title":"x"}}"#)
        #expect(try await w.waitFor("malformed") { $0.ref == "nochannel" ? $0.error : nil }.code == "malformed")
        await w.close()
    }
}
