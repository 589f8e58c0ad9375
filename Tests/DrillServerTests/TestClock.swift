import DrillCore
@testable import DrillServer
import Foundation

/// A clock that moves only when a test advances it: both the server's wall time (`wall`, starting
/// at `start`) and its `Clock` for waits. Sleepers wake, in deadline order, once `advance` reaches
/// their deadline; a cancelled sleeper throws `CancellationError`. Tests wait for the server to be
/// asleep on it (`waitForSleepers`) instead of waiting real time.
final class TestClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    /// Wall time: `start` plus how far the clock was advanced.
    struct Wall: WallClock {
        let clock: TestClock
        func now() -> Millis {
            let c = clock.now.offset.components
            return clock.start + Millis(c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000)
        }
    }

    private struct Sleeper {
        var id: Int
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    let start: Millis
    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var sleepers: [Sleeper] = []
    private var cancelled: Set<Int> = []
    private var nextID = 0

    init(start: Millis = 1_800_000_000_000) {
        self.start = start
    }

    var now: Instant { lock.withLock { current } }
    var minimumResolution: Duration { .zero }
    var wall: Wall { Wall(clock: self) }
    /// The server's clock, for `ExerciseServer.Configuration.clock`.
    var server: ServerClock { ServerClock(wall: wall, clock: self) }

    func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = lock.withLock { nextID += 1; return nextID }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let verdict: Result<Void, any Error>? = lock.withLock {
                    if cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    if deadline <= current { return .success(()) }
                    sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return nil
                }
                if let verdict { continuation.resume(with: verdict) }
            }
        } onCancel: {
            let sleeper: Sleeper? = lock.withLock {
                if let k = sleepers.firstIndex(where: { $0.id == id }) { return sleepers.remove(at: k) }
                cancelled.insert(id)
                return nil
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time on by `duration`, waking every sleeper whose deadline it reaches.
    func advance(by duration: Duration) {
        let due: [Sleeper] = lock.withLock {
            current = current.advanced(by: duration)
            let due = sleepers.filter { $0.deadline <= current }.sorted { $0.deadline < $1.deadline }
            sleepers.removeAll { $0.deadline <= current }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// How far ahead (from now) each sleeper's deadline is, soonest first.
    var pending: [Duration] {
        lock.withLock { sleepers.map { current.duration(to: $0.deadline) }.sorted() }
    }

    /// Waits (real time, generously) until a sleeper is due exactly `after` from now: the server
    /// reached the wait a test is about to drive.
    func waitForSleeper(dueIn after: Duration, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if pending.contains(after) { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TimedOut()
    }
}
