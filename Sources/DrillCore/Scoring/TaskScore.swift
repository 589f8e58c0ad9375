/// A team's result on one task at a moment of exercise time, with the reason spelled out.
public struct TaskScore: Sendable, Hashable, Codable {
    public var task: TaskRef
    public var outcome: Outcome
    /// True once nothing can change the outcome any more (branches wait for this).
    public var isFinal: Bool
    /// Exercise time the outcome became final.
    public var decidedAt: Millis?
    public var points: Double
    public var maxPoints: Double
    /// e.g. "correct, 2 wrong attempts (−4), hint 1 (−3), 6 min late (×0.8)".
    public var reason: String
    public var wrongAttempts: Int
    public var hintsTaken: Int
    /// Exercise time the inject reached the team, and the time of the answer that scored.
    public var releasedAt: Millis?
    public var answeredAt: Millis?
    /// When the answer window closes for this team (release + due + late + extensions).
    public var closesAt: Millis?
    public var dueAt: Millis?
}
