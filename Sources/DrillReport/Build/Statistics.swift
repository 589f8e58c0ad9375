import DrillCore

/// Order statistics for the report, with one stated method: the median of an even count is the
/// mean of the two middle values; quartiles and the 90th percentile are linear interpolations
/// between closest ranks (position p × (n − 1), 0-based) on the sorted values.
enum Statistics {
    /// The p-quantile (0…1) of values already sorted ascending.
    static func quantile(sorted values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let position = p * Double(values.count - 1)
        let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
        let fraction = position - Double(lower)
        return values[lower] + (values[upper] - values[lower]) * fraction
    }

    static func spread(_ values: [Double]) -> Spread? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return Spread(count: s.count, min: s[0], q1: quantile(sorted: s, 0.25) ?? 0, median: quantile(sorted: s, 0.5) ?? 0,
                      q3: quantile(sorted: s, 0.75) ?? 0, max: s[s.count - 1])
    }

    static func times(_ values: [Millis]) -> TimeStats {
        guard !values.isEmpty else { return TimeStats(count: 0) }
        let s = values.sorted().map(Double.init)
        func q(_ p: Double) -> Millis? { quantile(sorted: s, p).map { Millis($0.rounded()) } }
        return TimeStats(count: s.count, median: q(0.5), p90: q(0.9), q1: q(0.25), q3: q(0.75),
                         min: Millis(s[0]), max: Millis(s[s.count - 1]))
    }
}

extension TimeStats {
    init(count: Int) {
        self.init(count: count, median: nil, p90: nil, q1: nil, q3: nil, min: nil, max: nil)
    }
}
