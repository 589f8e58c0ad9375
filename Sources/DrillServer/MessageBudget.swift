/// One connection's message budget, so that a busy or flooding client cannot starve the others:
/// a bucket of `burst` messages, refilled at `perSecond`. A message the bucket cannot pay for is
/// refused (`rateLimited`, nothing done); a connection refused `closeAfter` times before its bucket
/// is full again is closed. Time is a monotonic clock's (the server's `ServerClock.uptime()`), never
/// the wall's.
public struct MessageBudget: Sendable {
    public struct Limits: Sendable {
        public var burst: Int
        public var perSecond: Int
        public var closeAfter: Int

        public init(burst: Int, perSecond: Int, closeAfter: Int) {
            self.burst = burst
            self.perSecond = perSecond
            self.closeAfter = closeAfter
        }
    }

    public enum Verdict: Equatable {
        case allowed
        /// Refuse this message.
        case refused
        /// Refuse it and close the connection.
        case close
    }

    private let limits: Limits
    private var tokens: Double
    private var last: Duration
    private var refused = 0

    /// `now`: the monotonic time of the connection's start.
    public init(_ limits: Limits, now: Duration) {
        self.limits = limits
        tokens = Double(limits.burst)
        last = now
    }

    /// Spends one message at monotonic time `now` (never earlier than the last call's).
    public mutating func spend(now: Duration) -> Verdict {
        let elapsed = max(.zero, now - last)
        last = max(last, now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(Double(limits.burst), tokens + seconds * Double(limits.perSecond))
        if tokens >= Double(limits.burst) { refused = 0 }
        guard tokens >= 1 else {
            refused += 1
            return refused >= limits.closeAfter ? .close : .refused
        }
        tokens -= 1
        return .allowed
    }
}
