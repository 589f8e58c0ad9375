import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import Testing

/// Every refusal says why: its own code, and the request's `ref` whenever the request could be
/// read far enough to find it. Against a real server on 127.0.0.1, with raw WebSocket frames.
@Suite("Refusals carry their ref and a specific code", .serialized)
struct RefusalTests {
    /// Sends `text` and waits for the reply that carries `ref`.
    private func reply(_ raw: RawSocket, _ text: String, ref: String) async throws -> ServerFrame {
        try await raw.send(text)
        return try await raw.waitFor("reply to \(ref)") { $0.ref == ref ? $0 : nil }
    }

    private func welcomed(_ server: TestServer, _ identity: String) async throws -> RawSocket {
        let raw = try await RawSocket.open(server.url)
        try await raw.hello(server.token(identity))
        _ = try await raw.waitFor("welcome") { if case .welcome(let w) = $0.message { w } else { nil } }
        return raw
    }

    @Test func everyErrorOfAReadableRequestCarriesItsRef() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let raw = try await welcomed(server, "team:cirt-a")
        let cases: [(String, String, String)] = [
            (#"{"v":2,"type":"ping","ref":"r-v2"}"#, "r-v2", "badVersion"),
            (#"{"type":"ping","ref":"r-nov"}"#, "r-nov", "badVersion"),
            (#"{"v":"1","type":"ping","ref":"r-vtext"}"#, "r-vtext", "badVersion"),
            (#"{"v":1,"type":"selfDestruct","ref":"r-type"}"#, "r-type", "unknownType"),
            (#"{"v":1,"ref":"r-notype"}"#, "r-notype", "malformed"),
            (#"{"v":1,"type":"submit","ref":"r-field","submission":"s","task":"I01.c2"}"#, "r-field", "malformed"),
            (#"{"v":1,"type":"hint","ref":"r-kind","task":"I01.c2","hint":"one"}"#, "r-kind", "malformed"),
            (#"{"v":1,"type":"submit","ref":"r-task","submission":"s","task":"nodot","values":["x"]}"#, "r-task", "malformed"),
            (#"{"v":1,"type":"note","ref":"r-note","text":"x","kind":"bogus"}"#, "r-note", "malformed"),
            (#"{"v":1,"type":"send","ref":"r-to","to":"nobody","text":"x"}"#, "r-to", "malformed"),
            (#"{"v":1,"type":"hello","ref":"r-hello","token":"x"}"#, "r-hello", "badHello"),
        ]
        for (text, ref, code) in cases {
            let frame = try await reply(raw, text, ref: ref)
            #expect(frame.error?.code == code, "\(text) → \(frame.message.type) \(frame.error.map(\.description) ?? "")")
        }
        #expect(!raw.isClosed, "a second hello is refused and the connection goes on")
        await raw.close()

        // The first frame of a connection, refused before any hello: its ref comes back too.
        for (text, code) in [(#"{"v":2,"type":"hello","ref":"first","token":"x"}"#, "badVersion"),
                             (#"{"v":1,"type":"ping","ref":"first"}"#, "badHello"),
                             (#"{"v":1,"type":"hello","ref":"first"}"#, "malformed")] {
            let fresh = try await RawSocket.open(server.url)
            let frame = try await reply(fresh, text, ref: "first")
            #expect(frame.error?.code == code, "\(text)")
            #expect(await fresh.waitUntilClosed())
            await fresh.close()
        }
    }

    @Test func eachRefusalOfTheWhiteCellHasItsOwnCode() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let wc = try await welcomed(server, "facilitator:whitecell")
        func code(_ type: String, _ ref: String, _ extra: String = "") async throws -> String? {
            try await reply(wc, #"{"v":1,"type":"\#(type)","ref":"\#(ref)"\#(extra)}"#, ref: ref).error?.code
        }
        #expect(try await code("pause", "p0") == "notStarted")
        #expect(try await code("resume", "r0") == "notStarted")
        #expect(try await code("start", "s1") == nil)
        #expect(try await code("start", "s2") == "alreadyStarted")
        #expect(try await code("resume", "r1") == "notPaused")
        #expect(try await code("pause", "p1") == nil)
        #expect(try await code("pause", "p2") == "alreadyPaused")
        #expect(try await code("answerRFI", "rfi", #","rfi":"M99","text":"no such""#) == "unknownRFI")
        #expect(try await code("resume", "r2") == nil)
        #expect(try await code("end", "e1") == nil)
        #expect(try await code("start", "s3") == "ended")
        #expect(try await code("pause", "p3") == "ended")
        await wc.close()
    }

    @Test func eachRefusalOfATeamHasItsOwnCodeAndHintsCountFromZeroInErrorsToo() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let wc = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(wc, .start)
        let a = try await welcomed(server, "team:cirt-a")
        _ = try await a.waitFor("I01") { $0.inject }
        let rfi = try await reply(a, #"{"v":1,"type":"send","ref":"m1","to":"team:cirt-b","kind":"rfi","text":"who?"}"#, ref: "m1")
        #expect(rfi.error?.code == "rfiToTeam")
        let own = try await reply(a, #"{"v":1,"type":"send","ref":"m2","to":"team:cirt-a","text":"hello me"}"#, ref: "m2")
        #expect(own.error?.code == "selfMessage")
        // I01.c2 has one hint: index 0. Index 1 is refused, and the error names index 1, as sent.
        let hint = try await reply(a, #"{"v":1,"type":"hint","ref":"h1","task":"I01.c2","hint":1}"#, ref: "h1")
        let error = try #require(hint.error)
        #expect(error.code == "unknownHint")
        #expect(error.message.contains("index 1"), "\(error.message)")
        #expect(error.message.contains("0 to 0"), "\(error.message)")
        let taken = try await reply(a, #"{"v":1,"type":"hint","ref":"h0","task":"I01.c2","hint":0}"#, ref: "h0")
        #expect(taken.error == nil)
        await a.close()
        await wc.stop()
    }

    @Test func submissionIdsBelongToTheirTeamAndAReusedIdWithOtherContentIsAConflict() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let wc = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(wc, .start)
        let a = try await welcomed(server, "team:cirt-a")
        let b = try await welcomed(server, "team:cirt-b")
        _ = try await a.waitFor("I01") { $0.inject }
        _ = try await b.waitFor("I01") { $0.inject }
        func submit(_ raw: RawSocket, _ ref: String, id: String = "same-id", task: String = "I01.c2", value: String) async throws -> ServerFrame {
            try await reply(raw, #"{"v":1,"type":"submit","ref":"\#(ref)","submission":"\#(id)","task":"\#(task)","values":["\#(value)"]}"#, ref: ref)
        }
        let first = try await submit(a, "a1", value: "203.0.113.66")
        guard case .ok(let done) = first.message else { Issue.record("Alpha: \(first.message.type)"); return }
        #expect(done.duplicate == nil)
        // Bravo guessed (or happened on) the same id: its answer is its own, recorded and scored.
        let other = try await submit(b, "b1", value: "198.51.100.1")
        guard case .ok(let bDone) = other.message else { Issue.record("Bravo: \(other.error.map(\.description) ?? other.message.type)"); return }
        #expect(bDone.duplicate == nil)
        _ = try await b.waitFor("Bravo's ack") { $0.ack?.submission == "same-id" ? $0 : nil }
        // The same answer again is an idempotent duplicate…
        let again = try await submit(a, "a2", value: "203.0.113.66")
        guard case .ok(let repeated) = again.message else { Issue.record("Alpha again: \(again.message.type)"); return }
        #expect(repeated.duplicate == true)
        // …the same id with other values, or for another task, is a conflict and records nothing.
        let changed = try await submit(a, "a3", value: "192.0.2.1")
        #expect(changed.error?.code == "conflict")
        #expect(changed.error?.submission == "same-id")
        let elsewhere = try await submit(a, "a4", task: "I01.sev", value: "high")
        #expect(elsewhere.error?.code == "conflict")
        let recorded = try server.events().compactMap { event -> AnswerSubmission? in
            if case .answerSubmitted(let s) = event.body, s.submission == "same-id" { return s }
            return nil
        }
        #expect(recorded.map(\.team).sorted() == ["cirt-a", "cirt-b"])
        #expect(recorded.first { $0.team == "cirt-a" }?.values == ["203.0.113.66"])
        await a.close()
        await b.close()
        await wc.stop()
    }
}
