import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import Testing

/// A team is several people, each with their own console: any number of connections may share a
/// team token, from one address too (a national team behind one NAT), beyond the per-address cap
/// that applies only to connections that have not said `hello` yet.
@Suite("Many members of one team", .serialized)
struct TeamMembersTests {
    @Test func threeHundredMembersOfOneTeamFromOneAddressAreAllServedAndReceiveABroadcast() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let members = 300
        let perAddress = server.server.gate.limits.perAddress
        #expect(members > perAddress, "more members than the cap on unauthenticated connections per address (\(perAddress))")
        var sockets: [RawSocket] = []
        /// Waits until every socket has received a text containing `needle`.
        func waitAll(_ sockets: [RawSocket], for needle: String, _ what: String) async throws {
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                if sockets.allSatisfy({ $0.texts.contains { $0.contains(needle) } }) { return }
                try await Task.sleep(for: .milliseconds(20))
            }
            let missing = sockets.count { !$0.texts.contains { $0.contains(needle) } }
            Issue.record("\(missing) of \(sockets.count) members did not receive \(what)")
            throw TimedOut()
        }
        // In waves below the per-address cap, as members at their desks connect.
        for _ in 0..<(members / 50) {
            var wave: [RawSocket] = []
            for _ in 0..<50 {
                let socket = try await RawSocket.open(server.url)
                try await socket.hello(server.token("team:cirt-a"))
                wave.append(socket)
            }
            try await waitAll(wave, for: #""type":"welcome""#, "welcome")
            sockets += wave
        }
        #expect(sockets.allSatisfy { !$0.isClosed }, "no member was evicted")
        let presence = await server.server.hub.presence(at: 0)
        #expect(presence.teams.first { $0.team == "cirt-a" }?.members == members, "presence counts every member")
        #expect(server.server.gate.counts.unauthenticated == 0)

        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        try await control(whitecell, .broadcast(text: "All members of Alpha: read this", team: nil))
        try await waitAll(sockets, for: "All members of Alpha: read this", "the broadcast")
        for socket in sockets { await socket.close() }
        await whitecell.stop()
    }
}
