import DrillCore

/// A team's task whose grade the white cell changed, or that it reopened, with every step in
/// exercise-time order and who took it (grade17).
public struct GradeHistory: Sendable, Hashable, Codable {
    /// Label of the team.
    public var team: String
    /// `INJECT.TASK`.
    public var task: String
    public var steps: [GradeStep]
}

/// One grade, recorded outcome or reopening of a task for a team.
public struct GradeStep: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A grade of a submitted report against its rubric.
        case grade
        /// An outcome recorded for an answer given outside the exercise (`via` says how).
        case outcome
        /// The task was opened again: a new window, attempts reset.
        case reopen
    }

    public var at: Millis
    /// The facilitator's name.
    public var by: String
    public var kind: Kind
    /// Grades and outcomes: the fraction given (0…1) and the points it is worth.
    public var score: Double?
    public var points: Double?
    public var via: GradeChannel?
    /// Reopenings: the new window until due, in ms.
    public var window: Millis?
    /// The grade's comment or the reopening's reason, redacted for the audience.
    public var text: String
}
