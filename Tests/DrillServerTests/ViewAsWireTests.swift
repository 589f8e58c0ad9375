import DrillClient
import DrillCore
@testable import DrillServer
import DrillWire
import Foundation
import Testing

/// viewas: a white cell's token opens a team's view (`hello` with `asTeam`): exactly the team's
/// feed, none of the white cell's extras, and nothing it sends acts for the team.
@Suite("A white cell views a team over the network", .serialized)
struct ViewAsWireTests {
    static let yaml = TestScenario.yaml.replacingOccurrences(
        of: #"accept: ["203.0.113.66"], points: 10"#, with: #"accept: ["203.0.113.66"], guide: "GUIDE-VIEWAS proxy log", points: 10"#)

    private func frame(_ message: ClientMessage, ref: String? = nil) throws -> String {
        String(decoding: try WireCoding.encode(ClientFrame(message, ref: ref)), as: UTF8.self)
    }

    @Test("the view gets the team's own feed (no guide, no answers, no presence), and every team action from it is refused and journals nothing")
    func viewGetsTheTeamsFeedAndCannotAct() async throws {
        #expect(Self.yaml.contains("GUIDE-VIEWAS"))
        let server = try await TestServer.start(Self.yaml)
        defer { Task { await server.stop() } }
        let whitecell = try await TestClient.connect(server, "facilitator:whitecell")
        let alpha = try await TestClient.connect(server, "team:cirt-a")
        let view = try await RawSocket.open(server.url)
        defer { Task { await view.close() } }
        try await view.send(try frame(.hello(.init(token: server.token("facilitator:whitecell"), asTeam: "cirt-a")), ref: "h"))
        let welcome = try await view.waitFor("welcome") { if case .welcome(let w) = $0.message { w } else { nil } }
        #expect(welcome.role == .team && welcome.team?.id == "cirt-a" && welcome.feed == .team("cirt-a"))
        #expect(welcome.teams.allSatisfy { $0.contact == nil }, "the view gets the roster as the team does, without contacts")

        try await control(whitecell, .start)
        let seen = try await view.waitFor("I01") { $0.inject?.inject == "I01" ? $0.inject : nil }
        let teams = try await alpha.waitFor("I01") { $0.inject?.inject == "I01" ? $0.inject : nil }
        #expect(seen == teams)
        #expect(!view.texts.contains { $0.contains("GUIDE-VIEWAS") || $0.contains("203.0.113.66\"]") })
        #expect(view.texts.contains { $0.contains("Which IP is the C2?") })

        // Everything a team does is refused, each with its ref; the exercise's scripted status too.
        let before = try server.events().count
        let readBefore = await server.host.state.teams["cirt-a"]?.read
        let c2 = TaskRef(inject: "I01", task: "c2")
        let actions: [(String, ClientMessage)] = [
            ("submit", .submit(.init(submission: "view-1", task: c2, values: ["203.0.113.66"]))),
            ("read", .read(inject: "I01")),
            ("hint", .hint(task: c2, hint: 0)),
            ("send", .send(to: .whiteCell, kind: .message, text: "from the view")),
            ("pause", .pause),
            ("status", .status),
            ("scenario", .scenario),
        ]
        for (ref, message) in actions {
            let count = view.texts.count
            try await view.send(try frame(message, ref: ref))
            let error = try await view.waitFor("the refusal of \(ref)", after: count) { $0.ref == ref ? $0.error : nil }
            #expect(error.code == WireError.Code.forbidden.rawValue, "\(ref)")
        }
        // Barrier: a ping answered on the same connection, after which nothing of the view was journaled.
        try await view.send(try frame(.ping, ref: "barrier"))
        _ = try await view.waitFor("pong") { $0.ref == "barrier" ? true : nil }
        _ = try await whitecell.client.request(.ping)
        #expect(try server.events().count == before)
        #expect(await server.host.state.teams["cirt-a"]?.read == readBefore)
        #expect(!view.frames.contains { if case .presence = $0.message { true } else { false } })
        // The view is not one of the team's members.
        let presence = await server.server.hub.presence(at: 0)
        #expect(presence.teams.first { $0.team == "cirt-a" }?.members == 1)

        await whitecell.stop()
        await alpha.stop()
    }

    @Test("only a white cell's token views a team, and only a team of the exercise")
    func onlyTheWhiteCellViews() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        for (token, team) in [("team:cirt-b", "cirt-a"), ("observer:observer", "cirt-a"), ("facilitator:whitecell", "cirt-z")] {
            let socket = try await RawSocket.open(server.url)
            try await socket.send(try frame(.hello(.init(token: server.token(token), asTeam: team)), ref: "h"))
            let error = try await socket.waitFor("refusal for \(token)") { $0.error }
            #expect(error.code == (team == "cirt-z" ? WireError.Code.notFound : .forbidden).rawValue, "\(token)")
            #expect(!socket.frames.contains { if case .welcome = $0.message { true } else { false } })
            await socket.close()
        }
    }
}
