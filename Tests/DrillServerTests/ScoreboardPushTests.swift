import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import Testing

/// The periodic scoreboard round sends a team its scoreboard only when its view changed since the
/// last one it was sent (or to a member who connected since); a forced round sends every team its
/// own again.
@Suite("Scoreboard pushes: only to teams whose view changed", .serialized)
struct ScoreboardPushTests {
    @Test func aTeamWhoseScoreDidNotChangeIsNotSentItsScoreboardAgain() async throws {
        // The periodic rounds are driven by the test (the server's own timer never fires here).
        let server = try await TestServer.start { $0.scoreboardInterval = .seconds(1_000_000) }
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(whitecell, .start)
        let alpha = try await RawSocket.open(server.url)
        try await alpha.hello(server.token("team:cirt-a"))
        let bravo = try await RawSocket.open(server.url)
        try await bravo.hello(server.token("team:cirt-b"))
        for socket in [alpha, bravo] { _ = try await socket.waitFor("I01") { $0.inject?.inject == "I01" ? $0 : nil } }
        func pushed(_ socket: RawSocket) -> [TeamView] {
            socket.frames.compactMap { f in if case .scoreboard(let v) = f.message, f.ref == nil { v } else { nil } }
        }

        // A forced round: every team its own scoreboard.
        await server.server.hub.pushScores(exerciseTime: await server.host.exerciseTime, force: true)
        try await server.pingBarrier(alpha, "p1")
        try await server.pingBarrier(bravo, "p2")
        #expect(pushed(alpha).count == 1)
        #expect(pushed(bravo).count == 1)

        // A second Bravo member connects after that round.
        let bravo2 = try await RawSocket.open(server.url)
        try await bravo2.hello(server.token("team:cirt-b"))
        _ = try await bravo2.waitFor("I01") { $0.inject?.inject == "I01" ? $0 : nil }

        // Alpha answers; Bravo does nothing. The next round (not forced) goes to Alpha, and to the
        // Bravo member who has not had Bravo's scoreboard yet.
        try await alpha.send(#"{"v":1,"type":"submit","ref":"s1","submission":"a1","task":"I01.c2","values":["203.0.113.66"]}"#)
        _ = try await alpha.waitFor("Alpha's ack") { $0.ack?.score.outcome == .correct ? $0 : nil }
        try await server.feedsCaughtUp()
        await server.server.hub.pushScores(exerciseTime: await server.host.exerciseTime, force: false)
        try await server.pingBarrier(alpha, "p3")
        try await server.pingBarrier(bravo, "p4")
        #expect(pushed(alpha).count == 2)
        #expect(pushed(alpha).last?.outcomes.correct == 1)
        #expect(pushed(bravo).count == 1, "Bravo's view did not change: no scoreboard")
        try await server.pingBarrier(bravo2, "p4b")
        #expect(pushed(bravo2).count == 1, "a member who joined since the last push gets it")

        // Nothing changed at all: a round sends nothing; a forced one sends both again.
        await server.server.hub.pushScores(exerciseTime: await server.host.exerciseTime, force: false)
        await server.server.hub.pushScores(exerciseTime: await server.host.exerciseTime, force: true)
        try await server.pingBarrier(alpha, "p5")
        try await server.pingBarrier(bravo, "p6")
        #expect(pushed(alpha).count == 3)
        #expect(pushed(bravo).count == 2)
        await alpha.close()
        await bravo.close()
        await bravo2.close()
        await whitecell.stop()
    }

    /// A round goes out in slices of `scoreboardSliceConnections` connections, one
    /// `scoreboardSliceGap` of the server's clock apart: the second team's scoreboard is not
    /// queued until that time has passed.
    @Test func aRoundGoesOutInSlicesOneGapApart() async throws {
        let clock = TestClock()
        let server = try await TestServer.start(clock: clock) {
            $0.scoreboardInterval = .seconds(1_000_000)
            $0.clockInterval = .seconds(1_000_000)
            $0.limits.scoreboardSliceConnections = 1
            $0.limits.scoreboardSliceGap = .seconds(7)
        }
        defer { Task { await server.stop() } }
        let alpha = try await RawSocket.open(server.url)
        try await alpha.hello(server.token("team:cirt-a"))
        let bravo = try await RawSocket.open(server.url)
        try await bravo.hello(server.token("team:cirt-b"))
        for socket in [alpha, bravo] { _ = try await socket.waitFor("welcome") { if case .welcome = $0.message { $0 } else { nil } } }
        func pushed(_ socket: RawSocket) -> Int {
            socket.frames.filter { f in if case .scoreboard = f.message, f.ref == nil { true } else { false } }.count
        }

        let round = Task { await server.server.hub.pushScores(exerciseTime: 0, force: true) }
        // One slice is queued, then the round waits its gap on the server's clock.
        try await clock.waitForSleeper(dueIn: .seconds(7))
        try await server.pingBarrier(alpha, "a1")
        try await server.pingBarrier(bravo, "b1")
        #expect(pushed(alpha) + pushed(bravo) == 1, "one team's scoreboard before the gap")
        clock.advance(by: .seconds(7))
        await round.value
        try await server.pingBarrier(alpha, "a2")
        try await server.pingBarrier(bravo, "b2")
        #expect(pushed(alpha) == 1)
        #expect(pushed(bravo) == 1)
        await alpha.close()
        await bravo.close()
    }
}
