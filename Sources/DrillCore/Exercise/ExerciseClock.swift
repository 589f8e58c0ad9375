/// A source of wall time in UTC milliseconds. DrillCore never reads the system clock: hosts inject
/// one, tests drive a `ManualClock`, rehearsals need none.
public protocol WallClock: Sendable {
    func now() -> Millis
}

/// A wall clock moved by hand, for tests.
public final class ManualClock: WallClock, @unchecked Sendable {
    private var current: Millis
    private let lock = Lock()

    public init(_ start: Millis = 0) {
        current = start
    }

    public func now() -> Millis { lock.with { current } }

    public func advance(by ms: Millis) { lock.with { current += ms } }

    public func set(_ ms: Millis) { lock.with { current = ms } }
}

/// Maps wall time to exercise time: exercise time runs at `speed` × wall time while running and
/// stands still while paused.
public struct ExerciseClock: Sendable, Hashable {
    public private(set) var anchorWall: Millis
    public private(set) var anchorExercise: Millis
    public private(set) var speed: Double
    public private(set) var isRunning: Bool

    /// A stopped clock showing `exerciseTime`.
    public init(exerciseTime: Millis = 0, speed: Double = 1) {
        anchorWall = 0
        anchorExercise = exerciseTime
        self.speed = speed
        isRunning = false
    }

    public func exerciseTime(atWall wall: Millis) -> Millis {
        guard isRunning else { return anchorExercise }
        return anchorExercise + Millis((Double(max(0, wall - anchorWall)) * speed).rounded(.down))
    }

    /// The wall time at which the clock will show `exerciseTime` (nil while stopped).
    public func wallTime(forExercise exerciseTime: Millis) -> Millis? {
        guard isRunning, speed > 0 else { return nil }
        return anchorWall + Millis((Double(max(0, exerciseTime - anchorExercise)) / speed).rounded(.up))
    }

    public mutating func run(atWall wall: Millis) {
        rebase(atWall: wall)
        isRunning = true
    }

    public mutating func stop(atWall wall: Millis) {
        rebase(atWall: wall)
        isRunning = false
    }

    public mutating func setSpeed(_ newSpeed: Double, atWall wall: Millis) {
        rebase(atWall: wall)
        speed = newSpeed
    }

    private mutating func rebase(atWall wall: Millis) {
        anchorExercise = exerciseTime(atWall: wall)
        anchorWall = wall
    }
}
