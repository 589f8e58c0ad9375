import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Testing

@Suite("A client that stops reading gets tooSlow and close 1013 when it reads again", .serialized)
struct SlowReaderTests {
    /// A stalled team connection, overflowed by white-cell broadcasts until the server drops it
    /// from its feed (its grace period is then running on `clock`).
    private func overflow(_ server: TestServer, _ whitecell: TestClient, _ stalled: RawSocket) async throws {
        try await stalled.hello(server.token("team:cirt-a"))
        // Followed by its feed once welcomed.
        try await eventually("the stalled client is followed") { await server.server.hub.counts().teamsConnected == 1 }
        // Far more than its queue and the sockets' buffers hold, while it reads nothing.
        let text = String(repeating: "x", count: 30_000)
        for k in 0..<300 { try await control(whitecell, .broadcast(text: "\(k) \(text)", team: nil)) }
        try await eventually("the stalled client is dropped from its feed", timeout: .seconds(60)) {
            await server.server.hub.counts().teamsConnected == 0
        }
    }

    /// The grace runs on the server's clock: the test holds the client stalled for 19 of its
    /// 20 seconds (the server used to cut it after 2 s) without waiting them, then it reads.
    @Test func aStalledClientThatReadsAgainWithinTheGraceGetsTooSlowThenClose1013() async throws {
        let clock = TestClock()
        let server = try await TestServer.start(clock: clock) {
            $0.setOutboxLimit(bytes: 64 * 1024, frames: 64)
            // The budget refills on the test clock, which stands still: room for the 300 broadcasts.
            $0.messageBudget.burst = 1_000
            $0.slowReaderGrace = .seconds(20)
        }
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        // A client that stops reading until told to go on.
        let stalled = try await RawSocket.open(server.url, paused: true)
        defer { Task { await stalled.close() } }
        try await overflow(server, whitecell, stalled)
        try await clock.waitForSleeper(dueIn: .seconds(20))
        clock.advance(by: .seconds(19))
        #expect(clock.pending.contains(.seconds(1)), "the grace has a second left")
        #expect(!stalled.isClosed)
        stalled.resume()
        #expect(await stalled.waitUntilClosed(timeout: .seconds(30)))
        let code = stalled.closeCode
        #expect(code == .unknown(1013), "close code \(String(describing: code))")
        let last = stalled.frames.last { $0.error != nil }
        #expect(last?.error?.code == "tooSlow", "frames: \(stalled.frames.suffix(3).map(\.message.type))")
        await whitecell.stop()
    }

    /// A client that never reads again is cut when the grace ends on the server's clock (here
    /// 10 minutes of it, no real wait: a server sleeping on the system's clock would fail this).
    @Test func aStalledClientIsCutWhenItsGraceEndsOnTheServersClock() async throws {
        let clock = TestClock()
        let server = try await TestServer.start(clock: clock) {
            $0.setOutboxLimit(bytes: 64 * 1024, frames: 64)
            // The budget refills on the test clock, which stands still: room for the 300 broadcasts.
            $0.messageBudget.burst = 1_000
            $0.slowReaderGrace = .seconds(600)
        }
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let stalled = try await RawSocket.open(server.url, paused: true)
        defer { Task { await stalled.close() } }
        try await overflow(server, whitecell, stalled)
        #expect(server.server.gate.counts.open == 2, "the white cell's and the stalled one's")
        try await clock.waitForSleeper(dueIn: .seconds(600))
        clock.advance(by: .seconds(599))
        #expect(server.server.gate.counts.open == 2)
        clock.advance(by: .seconds(1))
        try await eventually("the stalled connection is closed") { server.server.gate.counts.open == 1 }
        await whitecell.stop()
    }
}
