import DrillCore
import DrillWire

/// The exercise as a facilitator's client knows it: the `ExerciseState` folded, with DrillCore,
/// from the white cell's feed, which carries every journaled fact (see
/// `ServerMessage.whiteCellEvent`). It is what lets several white-cell members run the same
/// console as the server's own, each on a terminal of their own.
///
/// The fold needs the scenario with its answers, which the client asks for with `scenario` once
/// connected (`load(_:)`); feed messages that come first are kept and folded then. Apply every
/// `ClientEvent` in order; a `welcome` that starts the feed over (`resumeFrom` 0) starts the fold
/// over.
///
/// The clock is anchored at the *local* wall time a clock update arrived, not at the server's
/// `wall`: the two machines' clocks may disagree by seconds, which at 60× is minutes of exercise
/// time; the link's delay costs milliseconds instead.
public struct ExerciseReplica: Sendable {
    /// The folded exercise; nil until the scenario is loaded.
    public private(set) var state: ExerciseState?
    /// The exercise clock, anchored at local wall times.
    public private(set) var clock = ExerciseClock()
    public private(set) var welcome: Welcome?
    /// The digest of the loaded scenario.
    public private(set) var scenarioDigest: String?
    /// Feed events received before the scenario was loaded, folded by `load(_:)`.
    private var early: [ExerciseEvent] = []
    /// Whether the replay of missed feed messages is over: the phase changes it holds are old
    /// news for the clock, which the welcome set.
    private var caughtUp = false

    public init() {}

    /// Whether the scenario is still needed (ask the server with `scenario`).
    public var needsScenario: Bool { state == nil }

    /// Exercise time at a local wall time: the clock's, never before the last event.
    public func exerciseTime(atWall wall: Millis) -> Millis {
        max(state?.exerciseTime ?? 0, clock.exerciseTime(atWall: wall))
    }

    public mutating func apply(_ event: ClientEvent, atWall wall: Millis) {
        switch event {
        case .connected(let w):
            if w.resumeFrom == 0 {
                early = []
                state = state.map { ExerciseState(index: $0.index) }
            }
            welcome = w
            caughtUp = false
            setClock(w.clock, atWall: wall)
        case .caughtUp:
            caughtUp = true
        case .message(let frame):
            apply(frame.message, atWall: wall)
        case .connecting, .disconnected, .stopped:
            break
        }
    }

    public mutating func apply(_ message: ServerMessage, atWall wall: Millis) {
        switch message {
        case .clock(let c):
            setClock(c, atWall: wall)
        case .phase(let p) where caughtUp:
            setClock(ClockStatus(phase: p.phase, exerciseTime: p.exerciseTime, speed: p.speed, wall: wall), atWall: wall)
        default:
            break
        }
        guard let event = message.whiteCellEvent else { return }
        if state == nil { early.append(event) } else { state?.apply(event) }
    }

    /// Loads the scenario the `scenario` request returned and folds what came before it. Returns
    /// the scenario's errors (none for a scenario a server runs) and then stays without state.
    @discardableResult
    public mutating func load(_ source: ScenarioSource) -> [Diagnostic] {
        let load = ScenarioLoader { _ in true }.load(text: source.source, path: "\(source.id).yaml (from the server)")
        guard let scenario = load.scenario else { return load.diagnostics.filter { $0.severity == .error } }
        var state = ExerciseState(scenario: scenario)
        for event in early { state.apply(event) }
        early = []
        self.state = state
        scenarioDigest = source.digest
        return []
    }

    private mutating func setClock(_ status: ClockStatus, atWall wall: Millis) {
        var clock = ExerciseClock(exerciseTime: status.exerciseTime, speed: status.speed)
        if status.phase == .running { clock.run(atWall: wall) }
        self.clock = clock
    }
}
