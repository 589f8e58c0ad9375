import DrillClient
import DrillCore
import DrillJournal
@testable import DrillServer
import DrillWire
import Foundation
import Testing

@Suite("Resuming a feed after a drop, and answers recorded once", .serialized)
struct ResumeTests {
    /// Feed seqs of a client, checked to be 1…n with no gap and no repeat.
    func expectGapless(_ client: TestClient, sourceLocation: SourceLocation = #_sourceLocation) {
        let seqs = client.feed.compactMap(\.seq)
        #expect(seqs == Array(1...max(1, seqs.count)).prefix(seqs.count).map { $0 }, "\(client.name): \(seqs)", sourceLocation: sourceLocation)
    }

    @Test func aTeamThatDropsMidExerciseGetsExactlyWhatItMissed() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let a = try await TestClient.connect(server, "team:cirt-a")
        try await control(whitecell, .start)
        _ = try await a.waitFor("I01") { $0.inject?.inject == "I01" ? $0 : nil }

        // Alpha's link drops; meanwhile the white cell writes twice and releases I03.
        let before = a.feed.count
        await a.client.reconnect()
        try await control(whitecell, .broadcast(text: "first while away", team: nil))
        try await control(whitecell, .broadcast(text: "second while away", team: "cirt-a"))
        try await control(whitecell, .release(inject: "I03", teams: nil))
        // An answer given while away is queued and sent once back.
        await a.client.submit(task: TaskRef(inject: "I01", task: "c2"), values: ["203.0.113.66"])

        _ = try await a.waitFor("I03") { $0.inject?.inject == "I03" ? $0 : nil }
        let ack = try await a.waitFor("ack") { $0.ack }
        #expect(ack.score.outcome == .correct)
        let texts = a.frames.compactMap { if case .message(let m) = $0.message { m.text } else { nil } }
        #expect(texts == ["first while away", "second while away"])
        #expect(a.feed.count > before)
        expectGapless(a)
        #expect(await a.client.pendingAnswers.isEmpty)
        let connects = a.recorder.events.filter { if case .connected = $0 { true } else { false } }.count
        #expect(connects == 2)
        await a.stop()
        await whitecell.stop()
    }

    @Test func aClientThatMissedMoreThanMemoryHoldsIsServedFromTheJournal() async throws {
        // Team feeds keep almost nothing in memory here: every resume replays the journal.
        let server = try await TestServer.start { $0.limits.teamLogBytes = 1 }
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(whitecell, .start)
        for k in 1...5 { try await control(whitecell, .broadcast(text: "notice \(k)", team: "cirt-b")) }

        // A raw client resumes after seq 2: it gets 3, 4, … exactly.
        let raw = try await RawSocket.open(server.url)
        try await raw.hello(server.token("team:cirt-b"), lastSeq: 2)
        let welcome = try await raw.waitFor("welcome") { if case .welcome(let w) = $0.message { w } else { nil } }
        #expect(welcome.resumeFrom == 2)
        #expect(welcome.feedSeq == 7, "phase, I01, five notices")
        try await raw.waitFor("seq 7") { $0.seq == 7 ? $0 : nil }
        #expect(raw.frames.compactMap(\.seq) == [3, 4, 5, 6, 7])
        let texts = raw.frames.compactMap { if case .message(let m) = $0.message { m.text } else { nil } }
        #expect(texts == ["notice 1", "notice 2", "notice 3", "notice 4", "notice 5"])

        // A first connection (lastSeq 0) gets the whole feed; a lastSeq beyond the feed starts over.
        let fresh = try await RawSocket.open(server.url)
        try await fresh.hello(server.token("team:cirt-b"), lastSeq: 99)
        let restart = try await fresh.waitFor("welcome") { if case .welcome(let w) = $0.message { w } else { nil } }
        #expect(restart.resumeFrom == 0)
        try await fresh.waitFor("seq 7") { $0.seq == 7 ? $0 : nil }
        #expect(fresh.frames.compactMap(\.seq) == Array(1...7))
        await raw.close()
        await fresh.close()
        await whitecell.stop()
    }

    @Test func anAnswerSentTwiceIsRecordedOnce() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(whitecell, .start)
        let raw = try await RawSocket.open(server.url)
        try await raw.hello(server.token("team:cirt-a"))
        try await raw.waitFor("I01") { $0.inject }
        let submit = #"{"v":1,"type":"submit","ref":"R","submission":"sub-1","task":"I01.c2","values":["198.51.100.7"]}"#
        try await raw.send(submit)
        let first = try await raw.waitFor("ok") { if case .ok(let d) = $0.message { d } else { nil } }
        #expect(first.submission == "sub-1")
        #expect(first.duplicate == nil)
        let count = raw.texts.count
        try await raw.send(submit)
        let second = try await raw.waitFor("second ok", after: count) { if case .ok(let d) = $0.message { d } else { nil } }
        #expect(second.duplicate == true)
        // The same id for another task is refused as a conflict.
        try await raw.send(#"{"v":1,"type":"submit","ref":"S","submission":"sub-1","task":"I01.sev","values":["high"]}"#)
        let refused = try await raw.waitFor("conflict") { $0.ref == "S" ? $0.error : nil }
        #expect(refused.code == "conflict")
        #expect(refused.submission == "sub-1")
        // Barrier before counting: a second ack would be queued ahead of this pong.
        try await server.pingBarrier(raw, "after-conflict")
        let acks = raw.frames.compactMap(\.ack)
        #expect(acks.count == 1, "one ack for one recorded answer")
        let recorded = try server.events().filter { if case .answerSubmitted(let a) = $0.body { a.submission == "sub-1" } else { false } }
        #expect(recorded.count == 1)
        // The wrong attempt counted once.
        #expect(acks.first?.score.wrongAttempts == 1)
        await raw.close()
        await whitecell.stop()
    }

    @Test func answersWhilePausedWaitAndGoWhenTheExerciseResumes() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let a = try await TestClient.connect(server, "team:cirt-a")
        try await control(whitecell, .start)
        _ = try await a.waitFor("I01") { $0.inject }
        try await control(whitecell, .pause)
        _ = try await a.waitFor("paused") { if case .phase(let p) = $0.message, p.phase == .paused { p } else { nil } }
        await a.client.submit(task: TaskRef(inject: "I01", task: "sev"), values: ["high"])
        // Barrier: requests go out in order on one connection, so had the answer been sent, the
        // server would have carried it out (and Alpha heard of it) before this ping's answer.
        try await server.pingBarrier(a)
        #expect(await a.client.pendingAnswers.count == 1, "kept while paused")
        #expect(try server.events().contains { if case .answerSubmitted = $0.body { true } else { false } } == false)
        try await control(whitecell, .resume)
        let ack = try await a.waitFor("ack after resume") { $0.ack }
        #expect(ack.task == TaskRef(inject: "I01", task: "sev"))
        #expect(await a.client.pendingAnswers.isEmpty)
        await a.stop()
        await whitecell.stop()
    }

    @Test func queuedAnswersSurviveARestartOfTheClient() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let queue = server.directory.appendingPathComponent("answers.json").path
        let a = try await TestClient.connect(server, "team:cirt-a", queueFile: queue)
        // Not started: the answer is refused as not started and stays queued on disk.
        await a.client.submit(task: TaskRef(inject: "I01", task: "sev"), values: ["high"])
        await a.stop()
        #expect(FileManager.default.fileExists(atPath: queue))
        try await control(whitecell, .start)
        let again = try await TestClient.connect(server, "team:cirt-a", queueFile: queue)
        let ack = try await again.waitFor("ack") { $0.ack }
        #expect(ack.task == TaskRef(inject: "I01", task: "sev"))
        #expect(await again.client.pendingAnswers.isEmpty)
        await again.stop()
        await whitecell.stop()
    }
}
