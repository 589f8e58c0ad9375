import DrillClient
import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import Testing

@Suite("The white cell sees which teams are connected", .serialized)
struct PresenceTests {
    @Test func connectsAndDropsReachTheWhiteCellLiveAndTeamsNeverSeeThem() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        // On connecting, the white cell is told: no team yet.
        let first = try await whitecell.waitFor("the first presence") { $0.presence }
        #expect(first.teams.map(\.team) == ["cirt-a", "cirt-b", "cirt-c"])
        #expect(first.teams.allSatisfy { $0.members == 0 && !$0.seen })

        // Two members of Alpha and one of Bravo join.
        let a1 = try await TestClient.connect(server, "team:cirt-a")
        let a2 = try await TestClient.connect(server, "team:cirt-a")
        let b = try await TestClient.connect(server, "team:cirt-b")
        let all = try await whitecell.waitFor("Alpha ×2 and Bravo online") { frame -> Presence? in
            guard let p = frame.presence, p.of("cirt-a")?.members == 2, p.of("cirt-b")?.members == 1 else { return nil }
            return p
        }
        #expect(all.of("cirt-c")?.members == 0 && all.of("cirt-c")?.seen == false)
        #expect(all.teams.allSatisfy { $0.droppedAt == nil })

        // Bravo drops: the white cell is told when.
        try await control(whitecell, .speed(60))
        try await control(whitecell, .start)
        // Bravo drops while the exercise runs (it has heard so).
        _ = try await b.waitFor("running") { if case .phase(let p) = $0.message, p.phase == .running { p } else { nil } }
        await b.stop()
        let dropped = try await whitecell.waitFor("Bravo dropped") { frame -> Presence? in
            guard let p = frame.presence, p.of("cirt-b")?.members == 0, p.of("cirt-b")?.seen == true else { return nil }
            return p
        }
        let bravo = try #require(dropped.of("cirt-b"))
        #expect(bravo.seen && bravo.droppedAt != nil && (bravo.droppedAt ?? -1) <= dropped.at)
        #expect(dropped.of("cirt-a")?.members == 2)

        // Presence is live and the white cell's alone: never in a feed (no seq), never to a team.
        #expect(whitecell.frames.filter { $0.presence != nil }.allSatisfy { $0.seq == nil })
        _ = try await a1.client.request(.ping)
        #expect(!a1.frames.contains { $0.presence != nil } && !a2.frames.contains { $0.presence != nil })
        await a1.stop()
        await a2.stop()
        await whitecell.stop()
    }

    /// Members connecting in a burst (4,000 at the start of a drill) would otherwise cost one
    /// presence of every team, encoded and sent, per `hello`: the hub coalesces them into at most
    /// one announcement per interval, with the latest counts.
    @Test func aBurstOfHellosReachesTheWhiteCellAsFewPresenceFramesWithTheFinalCounts() async throws {
        // Time moves only when the test advances it: the whole burst falls within one interval.
        let clock = TestClock()
        let server = try await TestServer.start(clock: clock)
        defer { Task { await server.stop() } }
        let interval = server.server.configuration.limits.presenceInterval
        let whitecell = try await RawSocket.open(server.url)
        try await whitecell.hello(server.token("facilitator:whitecell"))
        let first = try await whitecell.waitFor("the first presence") { $0.presence }
        #expect(first.teams.allSatisfy { $0.members == 0 })

        let hellos = 40
        var members: [RawSocket] = []
        for k in 0..<hellos {
            let socket = try await RawSocket.open(server.url)
            try await socket.hello(server.token(k < 30 ? "team:cirt-a" : "team:cirt-b"))
            _ = try await socket.waitFor("welcome") { if case .welcome = $0.message { true } else { nil } }
            members.append(socket)
        }
        func presenceFrames() -> [Presence] { whitecell.frames.compactMap(\.presence) }
        // The announcement of the burst waits for the interval to pass: nothing more was sent yet.
        try await clock.waitForSleeper(dueIn: interval)
        try await server.pingBarrier(whitecell, "burst")
        #expect(presenceFrames().count == 1, "within the interval, no presence beyond the first")

        clock.advance(by: interval)
        let final = try await whitecell.waitFor("30 members of Alpha and 10 of Bravo") { frame -> Presence? in
            guard let p = frame.presence, p.of("cirt-a")?.members == 30, p.of("cirt-b")?.members == 10 else { return nil }
            return p
        }
        #expect(final.of("cirt-c")?.members == 0 && final.of("cirt-c")?.seen == false)
        #expect(final.of("cirt-a")?.seen == true && final.of("cirt-b")?.seen == true)
        try await server.pingBarrier(whitecell, "after")
        let count = presenceFrames().count
        #expect(count == 2, "\(hellos) hellos in a burst: \(count) presence frames to the white cell")
        for socket in members { await socket.close() }
        await whitecell.close()
    }
}

extension ServerFrame {
    var presence: Presence? { if case .presence(let p) = message { p } else { nil } }
}
