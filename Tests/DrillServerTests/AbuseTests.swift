import DrillClient
import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import Testing

@Suite("Bad frames, bad tokens and slow clients never hurt the others", .serialized)
struct AbuseTests {
    @Test func everyKindOfBadFrameIsAnsweredAndTheServerGoesOn() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let b = try await TestClient.connect(server, "team:cirt-b")
        let raw = try await RawSocket.open(server.url)
        try await raw.hello(server.token("team:cirt-a"))
        _ = try await raw.waitFor("welcome") { if case .welcome(let w) = $0.message { w } else { nil } }

        let cases: [(String, String)] = [
            ("not json at all", "malformed"),
            ("[1,2,3]", "malformed"),
            (#"{"v":1}"#, "malformed"),
            (#"{"type":"ping"}"#, "badVersion"),
            (#"{"v":2,"type":"ping"}"#, "badVersion"),
            (#"{"v":1,"type":"selfDestruct"}"#, "unknownType"),
            (#"{"v":1,"type":"submit","submission":"s","task":"I01.c2"}"#, "malformed"),
            (#"{"v":1,"type":"hello","token":"x"}"#, "badHello"),
            ("{\"v\":1,\"type\":\"note\",\"text\":\"" + String(repeating: "A", count: 70_000) + "\"}", "tooLarge"),
            ("{\"v\":1,\"type\":\"note\",\"text\":\"" + String(repeating: "A", count: 600_000) + "\"}", "tooLarge"),
        ]
        for (text, code) in cases {
            let count = raw.texts.count
            try await raw.send(text)
            let error = try await raw.waitFor(code, after: count) { $0.error }
            #expect(error.code == code, "\(text.prefix(40)) → \(error)")
        }
        let count = raw.texts.count
        try await raw.sendBinary([0x7B, 0x7D])
        #expect(try await raw.waitFor("binary", after: count) { $0.error }.code == "malformed")

        // The same connection still works, and so does everyone else's.
        try await raw.send(#"{"v":1,"type":"ping","ref":"still-here"}"#)
        _ = try await raw.waitFor("pong") { $0.ref == "still-here" ? $0 : nil }
        try await control(whitecell, .start)
        _ = try await b.waitFor("I01 for Bravo") { $0.inject }
        _ = try await raw.waitFor("I01 for Alpha") { $0.inject }
        #expect(!raw.isClosed)
        await raw.close()
        await b.stop()
        await whitecell.stop()
    }

    @Test func theFirstMessageMustBeAHelloWithAValidToken() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let notHello = try await RawSocket.open(server.url)
        try await notHello.send(#"{"v":1,"type":"ping"}"#)
        #expect(try await notHello.waitFor("badHello") { $0.error }.code == "badHello")
        #expect(await notHello.waitUntilClosed())

        let garbage = try await RawSocket.open(server.url)
        try await garbage.send("garbage")
        #expect(try await garbage.waitFor("malformed") { $0.error }.code == "malformed")
        #expect(await garbage.waitUntilClosed())

        let client = try await TestClient.connect(server.url, token: "0123456789abcdef0123456789abcdef", name: "intruder", waitForWelcome: false)
        try await client.waitForEvent("stopped: token refused") {
            if case .stopped(reason: .tokenRefused(let error)) = $0 { error.code == "unauthorized" } else { false }
        }
        #expect(client.frames.contains { $0.error?.code == "unauthorized" })
        #expect(await client.client.welcome == nil)
        // A client asked to stop says so, not that it was refused.
        let member = try await TestClient.connect(server, "team:cirt-b")
        await member.stop()
        #expect(member.recorder.events.contains { if case .stopped(reason: .requested) = $0 { true } else { false } })
        #expect(!member.recorder.events.contains { if case .stopped(reason: .tokenRefused) = $0 { true } else { false } })
    }

    /// The delays run on the server's injected clock: the test drives it, and sees each refusal
    /// held until exactly its turn (it would time out waiting for the sleeper if the server slept
    /// on the system's clock).
    @Test func repeatedBadTokensFromOneAddressAreSlowedDown() async throws {
        let clock = TestClock()
        let server = try await TestServer.start(clock: clock) { $0.authDelayMs = (100, 5_000) }
        defer { Task { await server.stop() } }
        let throttle = server.server.throttle
        // 0, then 100, 200, 400 ms of delay.
        for (k, delay) in [Duration.zero, .milliseconds(100), .milliseconds(200), .milliseconds(400)].enumerated() {
            let raw = try await RawSocket.open(server.url)
            try await raw.hello("bad-token")
            if delay > .zero {
                try await clock.waitForSleeper(dueIn: delay)
                #expect(await throttle.waiting == 1, "attempt \(k) waits its turn")
                clock.advance(by: delay - .milliseconds(1))
                #expect(clock.pending.contains(.milliseconds(1)), "attempt \(k) is still held 1 ms before its turn")
                #expect(raw.frames.isEmpty)
                clock.advance(by: .milliseconds(1))
            }
            #expect(try await raw.waitFor("unauthorized \(k)") { $0.error }.code == "unauthorized")
            #expect(await throttle.failures("127.0.0.1") == k + 1)
            await raw.close()
        }
        #expect(await throttle.waiting == 0)
        // A good token from the same address still gets in (after its wait) and clears the record.
        let good = try await RawSocket.open(server.url)
        try await good.hello(server.token("team:cirt-c"))
        _ = try await good.waitFor("welcome") { if case .welcome(let w) = $0.message { w } else { nil } }
        #expect(await server.server.throttle.failures("127.0.0.1") == 0)
        await good.close()
    }

    @Test func aClientThatStopsReadingIsDisconnectedAndNobodyElseWaits() async throws {
        let server = try await TestServer.start { $0.setOutboxLimit(bytes: 64 * 1024, frames: 64) }
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let b = try await TestClient.connect(server, "team:cirt-b")
        let stalled = try await RawSocket.open(server.url, reading: false)
        try await stalled.hello(server.token("team:cirt-a"))
        // Alpha (stalled) and Bravo are followed.
        try await eventually("Alpha (stalled) and Bravo are followed") { await server.server.hub.counts().teamsConnected == 2 }
        let text = String(repeating: "x", count: 30_000)
        let start = ContinuousClock.now
        for k in 0..<300 {
            try await control(whitecell, .broadcast(text: "\(k) \(text)", team: nil))
        }
        try await b.waitFor("the last broadcast") { if case .message(let m) = $0.message, m.text.hasPrefix("299 ") { m } else { nil } }
        let elapsed = ContinuousClock.now - start
        #expect(b.frames.filter { if case .message = $0.message { true } else { false } }.count == 300)
        // The stalled connection was dropped from the feeds: the hub no longer counts it.
        let counts = await server.server.hub.counts()
        #expect(counts.teamsConnected == 1, "only Bravo is still followed")
        #expect(elapsed < .seconds(60))
        await stalled.close()
        await b.stop()
        await whitecell.stop()
    }
}
