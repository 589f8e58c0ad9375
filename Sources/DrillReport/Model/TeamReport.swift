import DrillCore

/// One team's scorecard.
public struct TeamReport: Sendable, Hashable, Codable {
    /// The team's name, or its pseudonym ("Team A") when anonymised.
    public var team: String
    /// nil when anonymised.
    public var id: String?
    public var country: String?
    /// Standard competition rank; nil when anonymised.
    public var rank: Int?
    /// Teams ranked.
    public var of: Int
    public var points: Double
    public var availablePoints: Double
    public var totalPoints: Double
    public var percent: Double?
    public var percentOfTotal: Double?
    public var rating: HSEEPRating?
    public var outcomes: OutcomeCounts
    public var tasks: [TeamTask]
    /// Injects released to the team (in scenario order): planned against actual.
    public var injects: [TeamInject]
    public var objectives: [TeamObjective]
    /// From release to first read of each inject.
    public var readTime: TimeStats
    /// From release to the answer of each answered task.
    public var answerTime: TimeStats
    public var hintsTaken: Int
    public var messagesToTeams: Int
    public var messagesToWhiteCell: Int
    public var rfis: [RFIEntry]
    /// Cumulative points at each answer that earned points, from (0, 0).
    public var scoreOverTime: [ScorePoint]
}

public struct TeamTask: Sendable, Hashable, Codable {
    public var task: String
    public var inject: String
    public var type: String
    public var outcome: Outcome
    public var points: Double
    public var maxPoints: Double
    /// The scorer's reason, e.g. "correct, 6 min late (×0.8), hint 1 (−3)".
    public var reason: String
    public var releasedAt: Millis?
    public var readAt: Millis?
    public var answeredAt: Millis?
    public var dueAt: Millis?
    public var timeToRead: Millis?
    public var timeToAnswer: Millis?
    public var late: Bool
    public var wrongAttempts: Int
    public var hintsTaken: Int
    /// The reason as facts, which the Markdown and HTML word in the report's language (`reason`
    /// stays the scorer's English text, as in the CSV).
    public var why: ScoreReason? = nil
}

public struct TeamInject: Sendable, Hashable, Codable {
    public var inject: String
    public var plannedAt: Millis?
    public var releasedAt: Millis
    public var readAt: Millis?
    /// Release minus plan.
    public var delay: Millis?
    public var points: Double
    public var maxPoints: Double
    public var percent: Double?
    /// The inject's tasks in one word: correct (all), missed (all), wrong (nothing earned),
    /// pending (any), partial otherwise; nil when it has no tasks.
    public var result: Outcome?
}

public struct TeamObjective: Sendable, Hashable, Codable {
    public var objective: String
    public var points: Double
    public var possiblePoints: Double
    public var percent: Double?
    public var rating: HSEEPRating?
}

public struct RFIEntry: Sendable, Hashable, Codable {
    public var at: Millis
    public var question: String
    public var answer: String?
    public var answeredAt: Millis?
}

public struct ScorePoint: Sendable, Hashable, Codable {
    public var at: Millis
    public var points: Double
}
