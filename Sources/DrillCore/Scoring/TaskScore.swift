/// A team's result on one task at a moment of exercise time, with the reason spelled out.
public struct TaskScore: Sendable, Hashable, Codable {
    public var task: TaskRef
    public var outcome: Outcome
    /// True once only the white cell can change the outcome, by a regrade or by extending the
    /// deadline of a window that closed (branches wait for this).
    public var isFinal: Bool
    /// Exercise time the outcome became final.
    public var decidedAt: Millis?
    /// Never below 0, never above `maxPoints`; not rounded.
    public var points: Double
    public var maxPoints: Double
    /// Fraction of the task the scoring answer earned before timing, penalties and hints (0…1):
    /// 1 for correct, the share of indicators, rubric level or teams told for partial.
    public var credit: Double
    /// e.g. "correct, 6 min late (×0.8), 2 wrong attempts (−4), hint 1 (−3)".
    public var reason: String
    /// The reason as facts, for clients to word in their language (nil only before release).
    public var why: ScoreReason?
    /// Answers that were not fully correct, other than the one that scored.
    public var wrongAttempts: Int
    /// Items of the scoring indicator answer that are not accepted (each costs `penalty`).
    public var falseItems: Int
    public var hintsTaken: Int
    /// Exercise time the inject reached the team, and the time of the answer that scored.
    public var releasedAt: Millis?
    public var answeredAt: Millis?
    /// When the answer window closes for this team (release + due + late + extensions).
    public var closesAt: Millis?
    public var dueAt: Millis?
}
