import DrillClient
import DrillTUI

extension HotWash {
    /// The hot wash as the client received it: nil until the server sent the form; the team's
    /// recorded answers from the server's `feedbackAnswer` echoes (a member's latest wins).
    init?(_ feed: FeedView, team: String) {
        guard let form = feed.feedbackForm, !form.questions.isEmpty else { return nil }
        var recorded: [String: [String: String]] = [:]
        for a in feed.feedbackAnswers where a.team == team { recorded[a.member] = a.answers }
        self.init(questions: form.questions, recorded: recorded)
    }
}
