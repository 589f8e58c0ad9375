import DrillCore
import DrillHost

/// The server's time, injected through its configuration (as the host takes its wall clock): wall
/// time for what is stamped or sent (the clock pushed to clients, the exercise's wake times) and a
/// Swift `Clock` for every wait and every monotonic measure (the tick, periodic pushes, the hello
/// timeout, the slow-reader grace, bad-token delays, message budgets, the submission wait).
///
/// `serve` runs on `.system` (the system's wall time and `ContinuousClock`); tests drive a manual
/// clock instead of sleeping. Give the `ExerciseHost` the same wall clock, so that the host's wake
/// times and the server's sleeps agree. The NIO timers that guard raw sockets before any request
/// is read (`ConnectionGate`, the SSH authentication timeout, WebSocket auto-ping, HTTP idle) stay
/// on the event loop's own time: see docs/protocol.md, "Time".
public struct ServerClock: Sendable {
    /// Wall time in UTC milliseconds.
    public let wall: any WallClock
    private let sleeper: @Sendable (Duration) async throws -> Void
    private let elapsed: @Sendable () -> Duration

    /// `clock` times every wait and measure; its `now` when this is made is the zero of `uptime()`.
    public init<C: Clock>(wall: any WallClock, clock: C) where C.Duration == Duration {
        self.wall = wall
        let start = clock.now
        sleeper = { try await clock.sleep(for: $0) }
        elapsed = { start.duration(to: clock.now) }
    }

    /// The system's wall time and `ContinuousClock`.
    public static let system = ServerClock(wall: SystemClock(), clock: ContinuousClock())

    /// Wall time now (UTC ms).
    public func now() -> Millis { wall.now() }

    /// Suspends for `duration` of this clock's time; throws `CancellationError` when cancelled.
    public func sleep(for duration: Duration) async throws {
        try await sleeper(duration)
    }

    /// Time since this clock was made, on its monotonic `Clock` (never moved by wall time jumps).
    public func uptime() -> Duration { elapsed() }

    /// `uptime()` in whole milliseconds.
    func uptimeMs() -> Int64 {
        let c = uptime().components
        return c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000
    }
}
