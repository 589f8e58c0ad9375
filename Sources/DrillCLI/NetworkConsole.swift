import DrillClient
import DrillTUI
import DrillWire

/// What the team's and the white cell's consoles of `join` (and of `serve --ssh`) share: the
/// console runs on the terminal while every client event is handed to it, until the client stops for good.
enum NetworkConsole {
    /// Runs `program` until the person quits (then the client is stopped) or the client stops for
    /// good (then `end` ends the program). `forward` hands each event still to come to the
    /// program. Returns why the client stopped, when it was not asked to (a refused token).
    static func run<Program: TerminalProgram & Sendable>(
        _ program: Program, on runner: TerminalRunner<Program.Message>, client: ExerciseClient,
        rest: inout AsyncStream<ClientEvent>.Iterator, terminal: ConsoleTerminal, end: Program.Message,
        forward: (ClientEvent) async -> Void
    ) async throws -> String? {
        let console = Task { [program] in
            var program = program
            try await runner.run(&program, on: terminal.backend())
            await client.stop()
        }
        var reason: String?
        while let event = await rest.next() {
            if case .stopped(let why) = event, !why.isRequested { reason = why.description }
            await forward(event)
        }
        // The client stopped for good: the person quit, a signal stopped it, or the server refused
        // the token. The console ends (if it has not) and the reason is printed after it.
        runner.post(end)
        _ = try await console.value
        return reason
    }
}

extension Presence {
    /// As the white cell's console takes it: by team id.
    var byTeam: [String: TeamPresence] {
        Dictionary(teams.map { ($0.team, TeamPresence(members: $0.members, droppedAt: $0.droppedAt, seen: $0.seen)) },
                   uniquingKeysWith: { a, _ in a })
    }
}
