/// The hot wash: opened by the white cell or by the end, answered by team members (grade17).
extension ExerciseMachine {
    mutating func openFeedback(_ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        guard !state.scenario.feedback.isEmpty else { return .failure(CommandError(.invalid, "this scenario has no feedback questions")) }
        if state.phase == .notStarted { return .failure(CommandError(.notStarted, "the exercise has not started yet")) }
        guard !state.isFeedbackOpen else { return .failure(CommandError(.nothingToDo, "the feedback form is already open")) }
        return .success(record(ExerciseEvent(at: now, by: actor, .feedbackOpened(FeedbackOpening()))))
    }

    mutating func answerFeedback(_ member: String, _ answers: [String: String], _ team: String, _ now: Millis) -> Result<Step, CommandError> {
        let questions = state.scenario.feedback
        guard !questions.isEmpty else { return .failure(CommandError(.invalid, "this scenario has no feedback questions")) }
        guard state.isFeedbackOpen else { return .failure(CommandError(.closed, "the feedback form opens when the exercise ends")) }
        guard !member.isEmpty, member.utf8.count <= 128 else { return .failure(CommandError(.invalid, "a feedback answer needs a member id of 1 to 128 bytes")) }
        var cleaned: [String: String] = [:]
        for (id, raw) in answers {
            guard let q = questions.first(where: { $0.id == id }) else { return .failure(CommandError(.invalid, "there is no feedback question '\(id.prefix(64))'")) }
            let value = raw.trimmingSpaces
            if value.isEmpty { continue }
            switch q.type {
            case .scale:
                guard let n = Int(value), FeedbackQuestion.scale.contains(n) else {
                    return .failure(CommandError(.invalid, "\(id): answer with a number from 1 to 5"))
                }
                cleaned[id] = String(n)
            case .choice:
                guard q.options.contains(value) else {
                    return .failure(CommandError(.invalid, "\(id): answer with one of \(q.options.joined(separator: ", "))"))
                }
                cleaned[id] = value
            case .text:
                guard value.utf8.count <= FeedbackQuestion.maxTextBytes else {
                    return .failure(CommandError(.invalid, "\(id): the answer is longer than \(FeedbackQuestion.maxTextBytes / 1024) KiB"))
                }
                cleaned[id] = value
            }
        }
        guard !cleaned.isEmpty else { return .failure(CommandError(.invalid, "the feedback is empty")) }
        return .success(record(ExerciseEvent(at: now, by: .team(team), .feedbackAnswered(FeedbackAnswer(team: team, member: member, answers: cleaned)))))
    }
}
