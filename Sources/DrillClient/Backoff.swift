/// Waits between reconnection attempts: exponential, capped, with jitter so that a room of
/// clients cut off together does not come back in one burst.
public struct Backoff: Sendable, Hashable {
    /// The first wait, in seconds.
    public var initial: Double
    /// The longest wait, in seconds.
    public var maximum: Double
    public var multiplier: Double
    /// Each wait is drawn uniformly from `[base × (1 − jitter), base]`.
    public var jitter: Double

    public init(initial: Double = 0.5, maximum: Double = 30, multiplier: Double = 2, jitter: Double = 0.5) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The wait before attempt `failures + 1`, in seconds (failures ≥ 1).
    public func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> Double {
        let exponent = Double(max(0, min(failures - 1, 32)))
        let base = min(maximum, initial * pow(multiplier, exponent))
        let low = base * (1 - jitter)
        return low < base ? Double.random(in: low...base, using: &generator) : base
    }

    private func pow(_ x: Double, _ y: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(y) { result *= x }
        return result
    }
}
