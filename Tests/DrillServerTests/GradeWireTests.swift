import DrillClient
import DrillCore
import DrillJournal
@testable import DrillServer
import DrillWire
import Foundation
import Testing

/// grade17: grading an answer given by phone, regrading it and reopening a task, over the network.
@Suite("Grading without a submission over the network", .serialized)
struct GradeWireTests {
    @Test("an outcome by phone, a regrade and a reopening reach the team concerned, are signed for the white cell, and fold the same")
    func outcomesAndReopeningsTravel() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let observer = try await TestClient.connect(server, "observer:observer")
        let a = try await TestClient.connect(server, "team:cirt-a")
        let b = try await TestClient.connect(server, "team:cirt-b")
        let c2 = TaskRef(inject: "I01", task: "c2")
        try await control(whitecell, .speed(60))
        try await control(whitecell, .start)
        _ = try await a.waitFor("I01") { $0.inject?.inject == "I01" ? $0 : nil }

        // Phone answer graded 0.5, then regraded 1 after a video call.
        try await control(whitecell, .outcome(team: "cirt-a", task: c2, score: 0.5, via: .phone, comment: "one octet wrong"))
        try await control(whitecell, .outcome(team: "cirt-a", task: c2, score: 1, via: .videoCall, comment: "called back"))
        func grades(_ client: TestClient, count: Int) async throws -> [GradeNotice] {
            try await client.waitFor("\(count) grades") { _ in
                let all = client.frames.compactMap { if case .graded(let g) = $0.message { g } else { nil } }
                return all.count >= count ? all : nil
            }
        }
        let mine = try await grades(a, count: 2)
        #expect(mine.map(\.via) == [.phone, .videoCall])
        #expect(mine.last?.score?.outcome == .correct && mine.last?.score?.points == 10)
        #expect(mine.last?.score?.why?.via == .videoCall)
        #expect(mine.allSatisfy { $0.grade == nil && $0.by == nil }, "a team reads its score, not the grade or who gave it")
        let signed = try await grades(whitecell, count: 2)
        #expect(signed.map(\.by) == ["facilitator:whitecell", "facilitator:whitecell"])
        #expect(signed.map(\.grade) == [0.5, 1])
        #expect(try await grades(observer, count: 2).allSatisfy { $0.by == nil && $0.via != nil })

        // Reopened for Bravo: Bravo gets the new window and can answer again.
        await b.client.submit(task: c2, values: ["198.51.100.1"])
        await b.client.submit(task: c2, values: ["198.51.100.2"])
        await b.client.submit(task: c2, values: ["198.51.100.3"])
        _ = try await b.waitFor("three acks") { _ in b.frames.filter { $0.ack != nil }.count >= 3 ? true : nil }
        try await control(whitecell, .reopen(team: "cirt-b", task: c2, window: 600_000, reason: "the portal was down"))
        let reopened = try await b.waitFor("reopened") { if case .reopened(let r) = $0.message { r } else { nil } }
        #expect(reopened.reason == "the portal was down" && reopened.by == nil)
        #expect(reopened.score?.outcome == .pending && reopened.score?.isFinal == false)
        let wcReopen = try await whitecell.waitFor("reopened") { if case .reopened(let r) = $0.message { r } else { nil } }
        #expect(wcReopen.by == "facilitator:whitecell")
        await b.client.submit(task: c2, values: ["203.0.113.66"])
        let ack = try await b.waitFor("the answer after the reopening") { $0.ack?.score.outcome == .correct ? $0.ack : nil }
        #expect(ack.score.isFinal == true)

        // Alpha's feed holds nothing of Bravo's reopening (a ping answered after it is the barrier).
        _ = try await a.client.request(.ping)
        #expect(!a.frames.contains { if case .reopened = $0.message { true } else { false } })

        // Teams cannot grade or reopen.
        await #expect(throws: (any Error).self) { _ = try await a.client.request(.outcome(team: "cirt-a", task: c2, score: 1, via: .phone, comment: "")) }
        await #expect(throws: (any Error).self) { _ = try await b.client.request(.reopen(team: "cirt-b", task: c2, window: 60_000, reason: "again")) }

        // The white cell's client folds the same state as the host, grades, channels and reopenings included.
        try await control(whitecell, .end)
        try await whitecell.waitFor("ended") { if case .phase(let p) = $0.message, p.phase == .ended { p } else { nil } }
        let host = await server.host.state
        let state = try #require(try await WhiteCellReplicaTests.replica(of: whitecell).state)
        WhiteCellReplicaTests.expectSameFacts(state, host, "whitecell")
        #expect(state.teams["cirt-b"]?.progress[c2]?.reopens.first?.by == "facilitator:whitecell")
        #expect(state.teams["cirt-a"]?.progress[c2]?.grades.map(\.via) == [.phone, .videoCall])
        for client in [whitecell, observer, a, b] { await client.stop() }
    }

    @Test("the hot wash: the end sends every team the form, a member's answers reach its team and the white cell only, and fold the same")
    func hotWash() async throws {
        let yaml = TestScenario.yaml + """

            feedback:
              - { id: q1, type: scale, prompt: How realistic was it? }
              - { id: q2, type: text, prompt: What should change? }
            """
        let server = try await TestServer.start(yaml)
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let a = try await TestClient.connect(server, "team:cirt-a")
        let b = try await TestClient.connect(server, "team:cirt-b")
        try await control(whitecell, .start)
        // Before the end (and before the white cell opens it) the form is closed.
        await #expect(throws: (any Error).self) { _ = try await a.client.request(.feedback(member: "m1", answers: ["q1": "4"])) }
        try await control(whitecell, .end)
        let form = try await a.waitFor("the form") { if case .feedbackForm(let f) = $0.message { f } else { nil } }
        #expect(form.questions.map(\.id) == ["q1", "q2"] && !form.early)
        _ = try await b.waitFor("the form") { if case .feedbackForm(let f) = $0.message { f } else { nil } }
        let reply = try await a.client.request(.feedback(member: "m1", answers: ["q1": "4", "q2": "More time"]))
        guard case .ok = reply.message else { Issue.record("feedback: \(reply.message.type)"); return }
        let seen = try await whitecell.waitFor("the answers") { if case .feedbackAnswer(let n) = $0.message { n } else { nil } }
        #expect(seen.team == "cirt-a" && seen.answers == ["q1": "4", "q2": "More time"])
        _ = try await a.waitFor("its own answers") { if case .feedbackAnswer(let n) = $0.message { n } else { nil } }
        _ = try await b.client.request(.ping)
        #expect(!b.frames.contains { if case .feedbackAnswer = $0.message { true } else { false } }, "another team's answers stay with it")
        let host = await server.host.state
        let state = try #require(try await WhiteCellReplicaTests.replica(of: whitecell).state)
        #expect(state.feedback == host.feedback && state.feedbackOpenedAt == host.feedbackOpenedAt)
        for client in [whitecell, a, b] { await client.stop() }
    }

    @Test("outcome and reopen round-trip the wire; an unknown channel is malformed")
    func coding() throws {
        let c2 = TaskRef(inject: "I01", task: "c2")
        for message in [ClientMessage.outcome(team: "cirt-a", task: c2, score: 0.5, via: .inPerson, comment: "at the desk"),
                        .reopen(team: "cirt-a", task: c2, window: 600_000, reason: "the portal was down")] {
            let data = try JSONEncoder().encode(ClientFrame(message, ref: "x"))
            #expect(try JSONDecoder().decode(ClientFrame.self, from: data).message == message)
            #expect(message.command.flatMap(ClientMessage.init(command:)) == message)
        }
        let bad = #"{"v":1,"type":"outcome","team":"a","task":"I01.c2","score":1,"via":"pigeon"}"#
        #expect(throws: WireError.self) { try JSONDecoder().decode(ClientFrame.self, from: Data(bad.utf8)) }
    }
}
