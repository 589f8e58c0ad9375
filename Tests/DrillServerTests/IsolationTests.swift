import DrillClient
import DrillCore
import DrillJournal
@testable import DrillServer
import DrillWire
import Foundation
import Testing

@Suite("A token speaks for one identity, and sees only what is its own", .serialized)
struct IsolationTests {
    @Test func everyIsolationAttemptIsRefused() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(whitecell, .speed(60))
        try await control(whitecell, .start)
        let a = try await RawSocket.open(server.url)
        try await a.hello(server.token("team:cirt-a"))
        _ = try await a.waitFor("I01") { $0.inject }
        let b = try await TestClient.connect(server, "team:cirt-b")
        _ = try await b.waitFor("I02 for Bravo") { $0.inject?.inject == "I02" ? $0 : nil }

        func refusal(_ frame: String, ref: String) async throws -> WireError {
            try await a.send(frame)
            return try await a.waitFor(ref) { $0.ref == ref ? $0.error : nil }
        }
        // White-cell controls from a team token.
        for (k, type) in ["start", "pause", "end"].enumerated() {
            #expect(try await refusal(#"{"v":1,"type":"\#(type)","ref":"c\#(k)"}"#, ref: "c\(k)").code == "forbidden")
        }
        #expect(try await refusal(#"{"v":1,"type":"grade","ref":"g","team":"cirt-a","task":"I01.c2","score":1}"#, ref: "g").code == "forbidden")
        #expect(try await refusal(#"{"v":1,"type":"release","ref":"r","inject":"I02","teams":["cirt-a"]}"#, ref: "r").code == "forbidden")
        #expect(try await refusal(#"{"v":1,"type":"broadcast","ref":"bc","text":"I am the white cell"}"#, ref: "bc").code == "forbidden")
        // Reading or answering Bravo's inject.
        #expect(try await refusal(#"{"v":1,"type":"read","ref":"rd","inject":"I02"}"#, ref: "rd").code == "notReleased")
        #expect(try await refusal(#"{"v":1,"type":"submit","ref":"s","submission":"x1","task":"I02.warn","values":["done"]}"#, ref: "s").code == "notReleased")
        // Acting as Bravo: fields naming another team or actor are ignored; the answer is Alpha's.
        try await a.send(#"{"v":1,"type":"submit","ref":"as","submission":"x2","task":"I01.sev","values":["high"],"team":"cirt-b","actor":"team:cirt-b"}"#)
        let ok = try await a.waitFor("ok") { $0.ref == "as" ? $0 : nil }
        #expect(ok.error == nil)
        let recorded = try server.events().compactMap { e -> ExerciseEvent? in
            if case .answerSubmitted(let s) = e.body, s.submission == "x2" { e } else { nil }
        }
        #expect(recorded.count == 1)
        #expect(recorded.first?.actor == .team("cirt-a"))
        // Writing to everyone is the white cell's.
        #expect(try await refusal(#"{"v":1,"type":"send","ref":"all","to":"all","text":"hello all"}"#, ref: "all").code == "forbidden")

        // Bravo's own traffic never reaches Alpha.
        await b.client.submit(task: TaskRef(inject: "I01", task: "c2"), values: ["203.0.113.66"])
        _ = try await b.waitFor("Bravo ack") { $0.ack }
        try await b.client.request(.send(to: .team("cirt-c"), kind: .message, text: "Bravo to Charlie only"))
        try await b.client.request(.send(to: .whiteCell, kind: .rfi, text: "Bravo asks"))
        // Barrier: the feeds took in Bravo's events, then Alpha's ping was answered: anything of
        // Bravo's queued for Alpha has arrived by now.
        try await server.pingBarrier(a, "after-bravo")
        // (Alpha's own refusals name I02; nothing else it receives does.)
        let seen = a.texts.filter { !$0.contains(#""type":"error""#) }.joined(separator: "\n")
        #expect(!seen.contains("I02"))
        #expect(!seen.contains("Secret for Bravo"))
        #expect(!seen.contains("Bravo to Charlie only"))
        #expect(!seen.contains("Bravo asks"))
        #expect(a.frames.compactMap(\.ack).allSatisfy { $0.team == "cirt-a" })

        // Scores: Alpha's scoreboard holds Alpha only (scoreboard: own).
        try await a.send(#"{"v":1,"type":"scores","ref":"sc"}"#)
        let view = try await a.waitFor("scoreboard") { f -> TeamView? in if case .scoreboard(let v) = f.message, f.ref == "sc" { v } else { nil } }
        #expect(view.team == "cirt-a")
        #expect(view.standings == nil)
        #expect(view.rank == nil)
        await a.close()
        await b.stop()

        // The white cell cannot act as a team; an observer cannot act at all.
        do {
            try await whitecell.client.request(.submit(.init(submission: "w1", task: TaskRef(inject: "I01", task: "c2"), values: ["x"])))
            Issue.record("a facilitator submitted an answer")
        } catch ClientError.refused(let e) {
            #expect(e.code == "forbidden")
        }
        let observer = try await TestClient.connect(server, "observer:observer")
        for message: ClientMessage in [.pause, .note(Note(text: "x")), .read(inject: "I01"), .send(to: .whiteCell, kind: .message, text: "hi")] {
            do {
                try await observer.client.request(message)
                Issue.record("an observer did \(message.type)")
            } catch ClientError.refused(let e) {
                #expect(e.code == "forbidden")
            }
        }
        let standings = try await observer.client.request(.scores)
        guard case .standings = standings.message else { Issue.record("observer scores: \(standings.message.type)"); return }
        await observer.stop()
        await whitecell.stop()
    }

    @Test func teamsSeeNoPointsUnderAHiddenScoreboardUntilTheEnd() async throws {
        let server = try await TestServer.start(TestScenario.yaml.replacingOccurrences(of: "scoreboard: own", with: "scoreboard: hidden"))
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let a = try await TestClient.connect(server, "team:cirt-a")
        try await control(whitecell, .start)
        _ = try await a.waitFor("I01") { $0.inject }
        await a.client.submit(task: TaskRef(inject: "I01", task: "c2"), values: ["203.0.113.66"])
        let ack = try await a.waitFor("ack") { $0.ack }
        #expect(ack.score.points == nil)
        #expect(ack.score.outcome == .correct)
        let answer = try await whitecell.waitFor("answer") { if case .answer(let n) = $0.message { n } else { nil } }
        #expect(answer.score.points == 10, "the white cell sees points")
        await a.stop()
        await whitecell.stop()
    }

    @Test func aLiveScoreboardShowsEveryTeamsStanding() async throws {
        let server = try await TestServer.start(TestScenario.yaml.replacingOccurrences(of: "scoreboard: own", with: "scoreboard: live"))
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let a = try await TestClient.connect(server, "team:cirt-a")
        try await control(whitecell, .start)
        _ = try await a.waitFor("I01") { $0.inject }
        let reply = try await a.client.request(.scores)
        guard case .scoreboard(let view) = reply.message else { Issue.record("no scoreboard"); return }
        #expect(view.standings?.count == 3)
        #expect(view.rank != nil)
        #expect(view.tasks.allSatisfy { _ in true })
        await a.stop()
        await whitecell.stop()
    }
}
