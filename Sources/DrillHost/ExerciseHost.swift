import DrillCore
import DrillJournal
import Foundation

/// A live exercise: the state machine, its clock and its journal, owned by one actor. Commands
/// are carried out in order, their events made durable (group commit) before the caller hears
/// of success, and every durable step is published to subscribers in journal order. The server,
/// the local runner and the demo all host exercises through it.
public actor ExerciseHost {
    public nonisolated let journal: Journal
    private var machine: ExerciseMachine
    private var clock: ExerciseClock
    private let wall: any WallClock
    private var subscribers: [UUID: AsyncStream<Update>.Continuation] = [:]
    /// Durable updates waiting for an earlier one to be published (appends may finish out of order).
    private var unpublished: [Int64: Update] = [:]
    private var nextToPublish: Int64
    private var failure: Error?
    /// Set while the journal cannot be written for lack of room (the last such error): commands
    /// are then refused with it at once, without being tried. Cleared by `diskHasRoom()` once the
    /// caller found room again (the server checks every second).
    public private(set) var diskFull: JournalError?

    /// What became durable: events (with their first seq) and the actions hosts carry out.
    public struct Update: Sendable {
        public var firstSeq: Int64
        public var events: [ExerciseEvent]
        public var actions: [Action]
    }

    public enum HostError: Error, CustomStringConvertible {
        /// The journal refused a write; the exercise stops taking commands.
        case journal(Error)
        case refused(CommandError)

        public var description: String {
            switch self {
            case .journal(let e): "the journal could not be written (\(e)); nothing after the last acknowledged step was kept"
            case .refused(let e): e.message
            }
        }
    }

    private init(journal: Journal, machine: ExerciseMachine, clock: ExerciseClock, wall: any WallClock) {
        self.journal = journal
        self.machine = machine
        self.clock = clock
        self.wall = wall
        nextToPublish = journal.lastSeq + 1
    }

    /// Creates the journal of a new exercise and registers its teams; `artifacts` (the facts of
    /// its artifact files) go into the first event.
    public static func create(journalPath: String, scenario: Scenario, source: String, scenarioPath: String,
                              teams: [Team], wall: any WallClock, artifacts: [ArtifactRecord]? = nil) async throws -> ExerciseHost {
        let journal = try Journal.create(at: journalPath, scenario: scenario, source: source, scenarioPath: scenarioPath, wall: wall.now(),
                                         artifacts: artifacts)
        let host = ExerciseHost(journal: journal, machine: ExerciseMachine(index: ScenarioIndex(scenario)), clock: ExerciseClock(), wall: wall)
        for team in teams {
            if case .failure(let e) = await host.handle(.registerTeam(team), by: .system) { throw e }
        }
        return host
    }

    /// Reopens an exercise from its journal. One that was running when its host stopped (or was
    /// killed) comes back paused at the exercise time of its last durable event.
    public static func open(journalPath: String, wall: any WallClock) async throws -> ExerciseHost {
        let journal = try Journal.open(at: journalPath)
        let replay = try JournalReplay.load(journal)
        let host = ExerciseHost(journal: journal, machine: ExerciseMachine(state: replay.state),
                                clock: ExerciseClock(exerciseTime: replay.state.exerciseTime, speed: replay.state.speed), wall: wall)
        if replay.state.phase == .running {
            if case .failure(let e) = await host.handle(.pause, by: .system) { throw e }
        }
        return host
    }

    // MARK: Reading

    /// A copy of the whole state. While anyone holds it, the host's next command copies every table
    /// of the state (submission ids, every team's progress) before changing it: loops that run all
    /// along read a `glance` instead.
    public var state: ExerciseState { machine.state }
    public var scenario: Scenario { machine.scenario }

    /// What a clock or a health check needs, read at once without copying the state.
    public struct Glance: Sendable, Equatable {
        public var phase: ExerciseState.Phase
        public var speed: Double
        /// By the clock, as `exerciseTime`.
        public var exerciseTime: Millis
        public var teams: Int
    }

    public var glance: Glance {
        Glance(phase: machine.state.phase, speed: machine.state.speed, exerciseTime: exerciseTime, teams: machine.state.teamOrder.count)
    }

    /// The exercise time now, by the clock.
    public var exerciseTime: Millis { max(machine.state.exerciseTime, clock.exerciseTime(atWall: wall.now())) }

    public var exerciseClock: ExerciseClock { clock }

    /// The wall time at which `tick()` has something to release (nil: nothing scheduled, or paused).
    public func nextWakeWall() -> Millis? {
        guard machine.state.phase == .running, let t = machine.nextWake(after: exerciseTime) else { return nil }
        return clock.wallTime(forExercise: t)
    }

    // MARK: Acting

    /// Carries out a command at the current exercise time; succeeds once its events are durable.
    public func handle(_ command: Command, by actor: Actor) async -> Result<Step, HostError> {
        if let failure { return .failure(.journal(failure)) }
        // Until there is room again (`diskHasRoom`), refused at once rather than tried and undone.
        if let diskFull { return .failure(.journal(diskFull)) }
        let now = exerciseTime
        switch machine.handle(command, by: actor, at: now) {
        case .success(let step):
            if let error = await persist(step) { return .failure(.journal(error)) }
            return .success(step)
        case .failure(let refusal):
            // Releases that fell due on the way are facts all the same.
            _ = await persist(machine.takePendingReleases())
            return .failure(.refused(refusal))
        }
    }

    /// Releases whatever is due by now.
    @discardableResult
    public func tick() async -> Result<Step, HostError> {
        if let failure { return .failure(.journal(failure)) }
        if let diskFull { return .failure(.journal(diskFull)) }
        let step = machine.advance(to: exerciseTime)
        if let error = await persist(step) { return .failure(.journal(error)) }
        return .success(step)
    }

    /// Follows the clock through the step's events, journals them, and publishes the update.
    private func persist(_ step: Step) async -> Error? {
        guard !step.events.isEmpty else {
            if !step.actions.isEmpty { publishNow(Update(firstSeq: nextToPublish, events: [], actions: step.actions)) }
            return nil
        }
        let w = wall.now()
        let clockBefore = clock
        for event in step.events {
            switch event.body {
            case .started, .resumed: clock.run(atWall: w)
            case .paused, .ended: clock.stop(atWall: w)
            case .speedChanged(let change): clock.setSpeed(change.speed, atWall: w)
            default: break
            }
        }
        do {
            guard let seqs = try await journal.append(events: step.events, wall: w) else { return nil }
            unpublished[seqs.lowerBound] = Update(firstSeq: seqs.lowerBound, events: step.events, actions: step.actions)
            while let next = unpublished.removeValue(forKey: nextToPublish) {
                nextToPublish += Int64(next.events.count)
                publishNow(next)
            }
            diskFull = nil
            return nil
        } catch let error as JournalError {
            guard case .diskFull = error else {
                failure = error
                return error
            }
            // Nothing was written: go back to what the journal holds, and go on taking commands
            // (they fail the same way until there is room again).
            do {
                machine = ExerciseMachine(state: try JournalReplay.load(journal).state)
                clock = clockBefore
                diskFull = error
            } catch {
                failure = error
            }
            return error
        } catch {
            failure = error
            return error
        }
    }

    /// After a full disk: the journal's folder has room again (checked by the caller), so stop
    /// saying it is full; the next write confirms it.
    public func diskHasRoom() {
        diskFull = nil
    }

    private func publishNow(_ update: Update) {
        for continuation in subscribers.values { continuation.yield(update) }
    }

    // MARK: Subscribing

    /// Every durable update from now on, in journal order.
    public func updates() -> AsyncStream<Update> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Update>.makeStream(bufferingPolicy: .unbounded)
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    /// Finishes every subscription and closes the journal (queued appends are written first).
    public func close() throws {
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
        try journal.close()
    }
}
