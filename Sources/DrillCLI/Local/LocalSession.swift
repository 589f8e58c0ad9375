import ArgumentParser
import DrillCore
import DrillHost
import DrillJournal
import DrillText
import DrillTUI
import DrillWire
import Foundation

/// Runs an exercise of this process on this terminal until the facilitator quits: the consoles,
/// the pacing of injects, the command queue and, for the demo, simulated teams.
enum LocalSession {
    struct Options {
        var hotSeat: Bool
        var plain: Bool
        var quitMessage: String
        /// Said in the quit dialog once the exercise has ended (nothing left to resume).
        var quitMessageWhenEnded: String?
        var whiteCell: Actor
        var scenarioDirectory: String
        /// Simulated teams for the demo, with whether the exercise ends itself at its duration.
        var simulation: SimulatedTeams?
        /// Commands the white cell gives before the consoles appear (the demo's speed and start).
        var opening: [Command] = []
        /// Whether this session releases injects on time; not under `serve`, whose server does.
        var paces = true
        /// Whether the host is closed at the end; `serve` closes it itself, once its server stopped.
        var closesHost = true
        /// Shown first in the white cell's help (`serve`: its address and files).
        var session: [(String, String)] = []
        /// Shown in the white cell's key bar until the first key.
        var greeting: StatusMessage?
        /// Who is connected, from the server beside the console (`serve`).
        var presence: AsyncStream<Presence>?
        /// Notices to show as they come (e.g. the server's disk is full).
        var notices: AsyncStream<StatusMessage>?
        /// The consoles' language and right-to-left handling (`--lang`, `--bidi`).
        var language: Language = .en
        var bidi: BidiMode = .program
    }

    /// Returns the exercise's phase when the console was left.
    @discardableResult
    static func run(_ host: ExerciseHost, _ options: Options) async throws -> ExerciseState.Phase {
        let wall = SystemClock()
        let runner = TerminalRunner<LocalExercise.Message>()
        let outbox = CommandOutbox(host: host) { console, command, result in
            runner.post(.finished(console: console, command, result))
        }
        var tasks = ExerciseTasks()
        await tasks.feed(host) { state, clock in runner.post(.changed(state, clock)) }
        if let simulation = options.simulation {
            await tasks.simulate(simulation, on: host, endAtDuration: true) {
                runner.post(.notice(StatusMessage("the demo has reached its end: the exercise is over. q quits; the scores stay on screen")))
            }
        }
        for command in options.opening {
            if case .failure(let error) = await host.handle(command, by: options.whiteCell) {
                runner.post(.notice(.error("\(command): \(error)")))
            }
        }
        if options.paces { tasks.pace(host, wall: wall) }
        if let greeting = options.greeting { runner.post(.notice(greeting)) }
        let presence = options.presence.map { updates in
            Task { for await p in updates { runner.post(.presence(p.byTeam)) } }
        }
        defer { presence?.cancel() }
        let notices = options.notices.map { stream in
            Task { for await notice in stream { runner.post(.notice(notice)) } }
        }
        defer { notices?.cancel() }
        let scenario = await host.scenario
        var program = LocalExercise(state: await host.state, clock: await host.exerciseClock, outbox: outbox, wall: wall,
                                    artifacts: ArtifactTexts(scenario: scenario, directory: options.scenarioDirectory, language: options.language),
                                    whiteCell: options.whiteCell, hotSeat: options.hotSeat, quitMessage: options.quitMessage,
                                    session: options.session, language: options.language, bidi: options.bidi)
        program.setQuitMessageWhenEnded(options.quitMessageWhenEnded)
        let backend = TerminalBackends.preferred(plain: options.plain)
        defer {
            tasks.cancel()
            outbox.close()
        }
        try await runner.run(&program, on: backend)
        // A running exercise is paused on the way out, so that it resumes at this very moment
        // (a killed one comes back at its last event instead).
        let phase = await host.state.phase
        if phase == .running { _ = await host.handle(.pause, by: options.whiteCell) }
        if options.closesHost { try await host.close() }
        return phase
    }

    /// The scenario file's text and the scenario, or exit 1 with its diagnostics.
    static func loadScenario(_ path: String) throws -> (Scenario, String) {
        let load = ScenarioLoader.fileSystem.load(contentsOf: path)
        guard let scenario = load.scenario else {
            for d in load.diagnostics { Console.error(Words.t.diagnostic(d)) }
            Console.error(Words.t(.cliScenarioHasErrors, ["path": path, "command": "cyberdrill validate \(path)"]))
            throw ExitCode(1)
        }
        return (scenario, load.source)
    }

    /// A journal name in the current directory: `<scenario>-<yyyyMMdd-HHmmss>.journal`.
    static func defaultJournalPath(for scenario: Scenario, now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "\(scenario.id)-\(formatter.string(from: now)).journal"
    }
}

