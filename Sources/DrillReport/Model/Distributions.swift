import DrillCore

/// Five figures of a distribution (min, quartiles, median, max) and its size.
public struct Spread: Sendable, Hashable, Codable {
    public var count: Int
    public var min: Double
    public var q1: Double
    public var median: Double
    public var q3: Double
    public var max: Double
}

/// Times in ms: count, median, 90th percentile, quartiles, min and max (nil when count is 0).
public struct TimeStats: Sendable, Hashable, Codable {
    public var count: Int
    public var median: Millis?
    public var p90: Millis?
    public var q1: Millis?
    public var q3: Millis?
    public var min: Millis?
    public var max: Millis?
}

/// Every team, without names: what a team report compares the team with.
public struct RegionalDistribution: Sendable, Hashable, Codable {
    public var teams: Int
    /// Teams' points in percent of the points released to them.
    public var percent: Spread?
    public var points: Spread?
    public var readTime: TimeStats
    public var answerTime: TimeStats
    /// Quartiles of the teams' cumulative points over time.
    public var scoreOverTime: [BandPoint]
}

public struct BandPoint: Sendable, Hashable, Codable {
    public var at: Millis
    public var q1: Double
    public var median: Double
    public var q3: Double
}

/// How quickly the audience's teams read injects and answered tasks.
public struct ResponseTimes: Sendable, Hashable, Codable {
    public var read: TimeStats
    public var answer: TimeStats
    /// Bins of `binWidth` ms from 0; the last bin also holds everything beyond it.
    public var binWidth: Millis
    public var bins: [HistogramBin]
}

public struct HistogramBin: Sendable, Hashable, Codable {
    public var from: Millis
    public var to: Millis
    public var read: Int
    public var answer: Int
}
