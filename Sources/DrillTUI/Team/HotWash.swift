import DrillCore

/// The hot wash as a team console sees it (issue 17): the scenario's feedback questions once the
/// form is open to the team, and the answers the exercise recorded from the team's members.
///
/// Filled from the local exercise state (`init?(state:team:)`) or from what a network client
/// received (`feedbackForm`, and the `feedbackAnswer` echoes to the team).
public struct HotWash: Sendable, Hashable {
    /// The questions, in the scenario's order; their texts are participant-visible scenario text.
    public var questions: [FeedbackQuestion]
    /// The latest recorded answers of each member of the team, by member id.
    public var recorded: [String: [String: String]]

    public init(questions: [FeedbackQuestion], recorded: [String: [String: String]] = [:]) {
        self.questions = questions
        self.recorded = recorded
    }

    /// The hot wash of a local exercise for `team`; nil while it is not open.
    public init?(state: ExerciseState, team: String) {
        guard state.isFeedbackOpen else { return nil }
        var recorded: [String: [String: String]] = [:]
        for timed in state.feedback where timed.answer.team == team { recorded[timed.answer.member] = timed.answer.answers }
        self.init(questions: state.scenario.feedback, recorded: recorded)
    }
}
