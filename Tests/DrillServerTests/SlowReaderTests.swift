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
    @Test func aStalledClientThatReadsAgainWithinTheGraceGetsTooSlowThenClose1013() async throws {
        let server = try await TestServer.start {
            $0.setOutboxLimit(bytes: 64 * 1024, frames: 64)
            $0.slowReaderGrace = .seconds(20)
        }
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        // A client that stops reading until told to go on.
        let stalled = try await RawSocket.open(server.url, paused: true)
        defer { Task { await stalled.close() } }
        try await stalled.hello(server.token("team:cirt-a"))
        // Followed by its feed once welcomed.
        let deadline = ContinuousClock.now + .seconds(20)
        while await server.server.hub.counts().teamsConnected < 1, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(await server.server.hub.counts().teamsConnected == 1)
        // Far more than its queue and the sockets' buffers hold, while it reads nothing.
        let text = String(repeating: "x", count: 30_000)
        for k in 0..<300 { try await control(whitecell, .broadcast(text: "\(k) \(text)", team: nil)) }
        while await server.server.hub.counts().teamsConnected > 0, ContinuousClock.now < deadline + .seconds(40) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await server.server.hub.counts().teamsConnected == 0, "the stalled client was dropped from its feed")
        // It stays stalled longer than a moment (the server used to cut it after 2 s), then reads.
        try await Task.sleep(for: .seconds(3))
        stalled.resume()
        #expect(await stalled.waitUntilClosed(timeout: .seconds(30)))
        let code = stalled.closeCode
        #expect(code == .unknown(1013), "close code \(String(describing: code))")
        let last = stalled.frames.last { $0.error != nil }
        #expect(last?.error?.code == "tooSlow", "frames: \(stalled.frames.suffix(3).map(\.message.type))")
        await whitecell.stop()
    }
}
