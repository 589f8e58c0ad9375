import DrillCore

/// A task of the scenario and how every team that received it did (anonymous aggregates).
public struct TaskSummary: Sendable, Hashable, Codable {
    public var task: String
    public var inject: String
    public var prompt: String
    public var type: String
    public var maxPoints: Double
    public var objectives: [String]
    public var capabilities: [String]
    public var teamsReached: Int
    public var outcomes: OutcomeCounts
    /// Mean of the teams' points in percent of `maxPoints`.
    public var averagePercent: Double?
    /// Teams whose scoring answer came after the task was due.
    public var answeredLate: Int
    /// Teams that took at least one hint.
    public var tookHints: Int
    /// Time from release to answer, over the teams that answered.
    public var answerTime: TimeStats
}
