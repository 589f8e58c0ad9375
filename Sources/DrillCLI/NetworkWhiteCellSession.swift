import DrillClient
import DrillText
import DrillCore
import DrillHost
import DrillTUI
import DrillWire
import Foundation

/// `join` on a terminal with a facilitator's token: the white cell's console over the network,
/// the same program as `run`'s and `serve`'s (`LocalExercise`, without team consoles).
///
/// The console needs an `ExerciseState`: the client asks the server for the scenario, and an
/// `ExerciseReplica` folds it from the white cell's feed, which carries every journaled fact.
/// The console's commands become the white-cell requests of the protocol, sent one after
/// another; their `ok` or `error` comes back to the console as a local host's result would.
enum NetworkWhiteCellSession {
    /// Runs the console until the facilitator quits (or the client stops for good). `early` are
    /// the events received up to the welcome, that one included; `rest` the ones still to come.
    /// Returns why the client stopped, when it was not asked to.
    static func run(_ client: ExerciseClient, early: [ClientEvent], rest: inout AsyncStream<ClientEvent>.Iterator,
                    terminal: ConsoleTerminal, language: Language = .en, bidi: BidiMode = .program) async throws -> String? {
        let wall = SystemClock()
        var replica = ExerciseReplica()
        var connection = TeamConsoleModel.Connection.connected
        for event in early {
            replica.apply(event, atWall: wall.now())
            if let c = TeamConsoleModel.Connection(event) { connection = c }
        }
        // The scenario first: the feed that follows waits in `rest` meanwhile.
        let source: ScenarioSource
        switch await scenario(from: client) {
        case .received(let s): source = s
        case .failed(let reason):
            await client.stop()
            return reason
        }
        let problems = replica.load(source)
        guard let state = replica.state else {
            await client.stop()
            return "the server's scenario cannot be read here: \(problems.map(\.description).joined(separator: "; "))"
        }

        let runner: TerminalRunner<LocalExercise.Message> = terminal.runner()
        let outbox = CommandOutbox(carryOut: { command, _ in await client.carryOut(command) }) { console, command, result in
            runner.post(.finished(console: console, command, result))
        }
        defer { outbox.close() }
        let t = Texts(language)
        let name = replica.welcome?.name ?? t(.partyWhiteCell)
        var program = LocalExercise(state: state, clock: replica.clock, outbox: outbox, wall: wall,
                                    artifacts: ArtifactTexts(scenario: state.scenario, directory: ".", language: language),
                                    whiteCell: .facilitator(name), hotSeat: false,
                                    quitMessage: t(terminal.isRemote ? .quitWhiteCellRemote : .quitWhiteCellJoin),
                                    session: [(t(.sessionServer), client.url), (t(.sessionYou), t(.sessionYouWhiteCell, ["name": name]))],
                                    language: language, bidi: bidi)
        program.facilitator.connection = connection
        runner.post(.notice(StatusMessage(t(.greetWhiteCellConnected, ["url": client.url, "name": name]))))
        return try await NetworkConsole.run(program, on: runner, client: client, rest: &rest, terminal: terminal, end: .stop) { event in
            if let c = TeamConsoleModel.Connection(event) { runner.post(.connection(c)) }
            if case .message(let frame) = event, case .presence(let presence) = frame.message { runner.post(.presence(presence.byTeam)) }
            let before = replica.state?.eventCount
            replica.apply(event, atWall: wall.now())
            if let state = replica.state, state.eventCount != before || Self.movesClock(event) {
                runner.post(.changed(state, replica.clock))
            }
        }
    }

    /// Whether an event changes how the clock runs (without adding to the state).
    private static func movesClock(_ event: ClientEvent) -> Bool {
        switch event {
        case .connected: true
        case .message(let frame): if case .clock = frame.message { true } else { false }
        default: false
        }
    }

    private enum Fetched {
        case received(ScenarioSource)
        case failed(String)
    }

    /// The scenario's text, asked for until the server gives it (a dropped link is retried).
    private static func scenario(from client: ExerciseClient) async -> Fetched {
        for _ in 0..<30 {
            do {
                let reply = try await client.request(.scenario)
                if case .scenario(let source) = reply.message { return .received(source) }
                return .failed("the server answered \(reply.message.type) to the scenario request")
            } catch ClientError.refused(let error) {
                return .failed("the server refused the scenario: \(error.message)")
            } catch {
                if await client.isStopped { return .failed("the connection ended before the scenario arrived") }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        return .failed("the server did not send the scenario; check the connection and join again")
    }
}
