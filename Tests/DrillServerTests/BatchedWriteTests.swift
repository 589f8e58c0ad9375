import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import Testing

/// Frames queued together for one connection go out in one flush (one `writev`), in order.
@Suite("Batched writes: many frames, one flush", .serialized)
struct BatchedWriteTests {
    @Test func aCatchUpOfFortyMessagesIsWrittenInAFewFlushesAndInOrder() async throws {
        let server = try await TestServer.start { $0.scoreboardInterval = .seconds(1_000_000) }
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(whitecell, .start)
        for k in 1...40 { try await control(whitecell, .broadcast(text: "notice \(k)", team: "cirt-a")) }
        try await server.feedsCaughtUp()
        let last = await server.server.hub.feedSeq(.team("cirt-a"))
        #expect(last >= 40)

        let frames = server.server.writeCounts.frames
        let flushes = server.server.writeCounts.flushes
        // Alpha connects: its whole feed is queued at once, behind the welcome.
        let alpha = try await RawSocket.open(server.url)
        try await alpha.hello(server.token("team:cirt-a"))
        _ = try await alpha.waitFor("seq \(last)") { $0.seq == last ? $0 : nil }
        try await server.pingBarrier(alpha, "p1")
        let writtenFrames = server.server.writeCounts.frames - frames
        let writtenFlushes = server.server.writeCounts.flushes - flushes
        #expect(writtenFrames >= last + 2, "welcome, the feed and the pong")
        // Welcome, the catch-up, the pong, a presence announcement or two to the white cell.
        #expect(writtenFlushes <= 8, "\(writtenFrames) frames in \(writtenFlushes) flushes")
        let seqs = alpha.frames.compactMap(\.seq)
        #expect(seqs == Array(1...last), "each seq once, in order")
        await alpha.close()
        await whitecell.stop()
    }
}
