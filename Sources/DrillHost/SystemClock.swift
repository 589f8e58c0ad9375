import DrillCore
import Foundation

/// The real wall clock, for the hosts of live exercises (`run`, `demo`, `serve`, `rehearse
/// --journal`). It lives here and not in DrillCore so that DrillCore cannot read it: the core
/// takes time as a value or through an injected `WallClock`; tests drive a `ManualClock`.
public struct SystemClock: WallClock {
    public init() {}

    /// Milliseconds since 1970-01-01 UTC, rounded down.
    public func now() -> Millis { Millis((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
