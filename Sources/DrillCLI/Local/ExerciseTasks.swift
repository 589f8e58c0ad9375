import DrillCore
import DrillHost
import DrillJournal
import DrillTUI
import Foundation

/// Sends the consoles' commands one after another, in the order they were asked, to the host in
/// this process or to a server (`join`), and reports each result back to the program.
final class CommandOutbox: Sendable {
    private struct Item: Sendable {
        var command: Command
        var actor: Actor
        var console: Int
    }

    private let continuation: AsyncStream<Item>.Continuation
    private let task: Task<Void, Never>

    /// `carryOut` does one command and says how it ended; it is not called again before it returned.
    init(carryOut: @escaping @Sendable (Command, Actor) async -> CommandResult,
         report: @escaping @Sendable (Int, Command, CommandResult) -> Void) {
        let (stream, continuation) = AsyncStream<Item>.makeStream(bufferingPolicy: .unbounded)
        self.continuation = continuation
        task = Task {
            for await item in stream {
                report(item.console, item.command, await carryOut(item.command, item.actor))
            }
        }
    }

    /// Commands for the host in this process.
    convenience init(host: ExerciseHost, report: @escaping @Sendable (Int, Command, CommandResult) -> Void) {
        self.init(carryOut: { command, actor in
            switch await host.handle(command, by: actor) {
            case .success: .done
            case .failure(.refused(let error)): .refused(error.code, error.message)
            case .failure(let error): .refused(nil, error.description)
            }
        }, report: report)
    }

    func send(_ command: Command, by actor: Actor, console: Int) {
        continuation.yield(Item(command: command, actor: actor, console: console))
    }

    func close() {
        continuation.finish()
        task.cancel()
    }
}

/// The background work of a local exercise: releasing injects when they fall due, and telling
/// the program about every durable change.
struct ExerciseTasks {
    private var tasks: [Task<Void, Never>] = []

    /// Calls `tick()` at the host's next wake time, at least four times a second.
    mutating func pace(_ host: ExerciseHost, wall: any WallClock) {
        tasks.append(Task {
            while !Task.isCancelled {
                let wake = await host.nextWakeWall()
                let delay = min(250, max(5, (wake ?? Millis.max) - wall.now()))
                try? await Task.sleep(for: .milliseconds(delay))
                await host.tick()
            }
        })
    }

    /// Posts the host's state and clock after every durable update (and once at the start).
    mutating func feed(_ host: ExerciseHost, to post: @escaping @Sendable (ExerciseState, ExerciseClock) -> Void) async {
        let updates = await host.updates()
        post(await host.state, await host.exerciseClock)
        tasks.append(Task {
            for await _ in updates {
                post(await host.state, await host.exerciseClock)
            }
        })
    }

    /// Runs simulated teams (and a simulated white cell) against the host, as `rehearse` plans
    /// them, over wall time; ends the exercise at its planned duration.
    mutating func simulate(_ simulation: SimulatedTeams, on host: ExerciseHost, endAtDuration: Bool,
                           onEnd: @escaping @Sendable () -> Void) async {
        let driver = SimulationDriver(simulation: simulation, host: host)
        let updates = await host.updates()
        tasks.append(Task {
            for await update in updates {
                await driver.observe(update)
            }
        })
        tasks.append(Task {
            while !Task.isCancelled {
                if await driver.step(endAtDuration: endAtDuration) { onEnd() }
                try? await Task.sleep(for: .milliseconds(100))
            }
        })
    }

    func cancel() {
        for task in tasks { task.cancel() }
    }
}

/// Carries out a `SimulatedTeams` plan against a live host.
actor SimulationDriver {
    private var simulation: SimulatedTeams
    private let host: ExerciseHost
    private var ended = false

    init(simulation: SimulatedTeams, host: ExerciseHost) {
        self.simulation = simulation
        self.host = host
    }

    func observe(_ update: ExerciseHost.Update) async {
        let time: Millis
        if let last = update.events.last { time = last.exerciseTime } else { time = await host.exerciseTime }
        simulation.observe(update.actions, at: time)
    }

    /// Carries out what is due by now; returns true when it just ended the exercise.
    func step(endAtDuration: Bool) async -> Bool {
        let state = await host.state
        guard state.phase == .running else { return false }
        let now = await host.exerciseTime
        while let t = simulation.nextTime, t <= now, let item = simulation.next() {
            _ = await host.handle(item.command, by: item.actor)
        }
        if endAtDuration, !ended, now >= state.scenario.duration {
            // The simulated white cell grades every report and answers every RFI before it ends
            // (what it planned later than the end, or what reached it while this step ran).
            if await !finishWhiteCellWork() { return false }
            ended = true
            if case .success = await host.handle(.end, by: simulation.whiteCell) { return true }
        }
        return false
    }

    /// Carries out every command the white cell still has planned; true once the host's state
    /// shows no report answer ungraded and no RFI unanswered. False while an answer the teams
    /// sent has not been observed yet (the next step tries again), for at most `endGrace` steps.
    private func finishWhiteCellWork() async -> Bool {
        for item in simulation.takeWhiteCellCommands() {
            _ = await host.handle(item.command, by: item.actor)
        }
        if await host.state.whiteCellBacklog.isEmpty { return true }
        endWaits += 1
        return endWaits > Self.endGrace
    }

    /// Steps (of 100 ms) the end waits for the white cell's last grades and answers.
    static let endGrace = 50
    private var endWaits = 0
}
