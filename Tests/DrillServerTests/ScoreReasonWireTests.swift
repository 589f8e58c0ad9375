import DrillClient
import DrillCore
import DrillText
import DrillWire
import Foundation
import Testing

/// The score reason travels as facts beside the English text: a client words it in its own
/// language, and a protocol-v1 client that knows nothing of `why` still reads `reason`.
@Suite("Score reasons on the wire: facts for any language, English text for v1 clients", .serialized)
struct ScoreReasonWireTests {
    @Test func aFrenchClientWordsTheFactsAndAV1ClientReadsTheEnglishReason() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(whitecell, .speed(60))
        try await control(whitecell, .start)

        // A client that shows French: one wrong answer, then the right one.
        let french = try await TestClient.connect(server, "team:cirt-a")
        _ = try await french.waitFor("I01") { $0.inject?.inject == "I01" ? $0 : nil }
        let c2 = TaskRef(inject: "I01", task: "c2")
        await french.client.submit(task: c2, values: ["198.51.100.1"])
        _ = try await french.waitFor("wrong ack") { $0.ack?.score.outcome == .pending ? $0.ack : nil }
        await french.client.submit(task: c2, values: ["203.0.113.66"])
        let ack = try await french.waitFor("correct ack") { $0.ack?.score.outcome == .correct ? $0.ack : nil }
        let why = try #require(ack.score.why)
        #expect(why.wrong == 1)
        #expect(why.penalty == 2)
        #expect(Texts(.fr).reason(why) == "correct, 1 tentative erronée (−2)")
        #expect(Texts(.ru).reason(why) == "верно, 1 неверная попытка (−2)")
        #expect(ack.score.reason == "correct, 1 wrong attempt (−2)")
        #expect(Texts(.en).reason(why) == ack.score.reason)

        // A protocol-v1 client reads the frame as JSON and knows only `reason`.
        let v1 = try await RawSocket.open(server.url)
        try await v1.hello(server.token("team:cirt-b"))
        _ = try await v1.waitFor("I01 for Bravo") { $0.inject?.inject == "I01" ? $0 : nil }
        try await v1.send(#"{"v":1,"type":"submit","ref":"s1","submission":"b1","task":"I01.c2","values":["198.51.100.9"]}"#)
        try await v1.send(#"{"v":1,"type":"submit","ref":"s2","submission":"b2","task":"I01.c2","values":["203.0.113.66"]}"#)
        _ = try await v1.waitFor("Bravo's correct ack") { $0.ack?.score.outcome == .correct ? $0 : nil }
        let raw = try #require(v1.texts.first { $0.contains(#""type":"ack""#) && $0.contains(#""outcome":"correct""#) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any])
        let score = try #require(object["score"] as? [String: Any])
        #expect(score["reason"] as? String == "correct, 1 wrong attempt (−2)")
        let facts = try #require(score["why"] as? [String: Any])
        #expect(facts["wrong"] as? Int == 1)
        await v1.close()
        await french.stop()
        await whitecell.stop()
    }
}
