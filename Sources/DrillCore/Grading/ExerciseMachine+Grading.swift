/// The white cell grades what it heard outside the exercise, and reopens tasks (grade17).
extension ExerciseMachine {
    /// Longest window a reopening may give: a day of exercise time.
    public static let maxReopenWindow: Millis = 24 * 3_600_000

    /// Records a team's outcome on a task of any type from an answer given by phone, in a video
    /// call or in person: a `graded` event with `via`. A later one is a regrade; all stay.
    mutating func recordOutcome(_ team: String, _ ref: TaskRef, _ score: Double, _ via: GradeChannel, _ comment: String,
                                _ actor: Actor, _ now: Millis) -> Result<Step, CommandError> {
        if state.phase == .notStarted { return .failure(CommandError(.notStarted, "the exercise has not started yet")) }
        guard let position = state.index.taskPosition[ref] else { return .failure(unknownTask(ref)) }
        guard let teamState = state.teams[team] else { return .failure(CommandError(.unknownTeam, "team '\(team)' is not registered")) }
        guard teamState.released[position.inject] != nil else {
            return .failure(CommandError(.notReleased, "inject \(ref.inject) has not reached team '\(team)'; release it first"))
        }
        guard score.isFinite, (0...1).contains(score) else { return .failure(CommandError(.invalid, "a grade is a fraction between 0 and 1")) }
        guard comment.utf8.count <= Self.maxTextBytes else {
            return .failure(CommandError(.invalid, "the note is longer than \(Self.maxTextBytes / 1024) KiB"))
        }
        let before = state.score(team: team, task: ref, now: now)
        let grade = Grade(team: team, task: ref, score: score, comment: comment, via: via)
        var step = record(ExerciseEvent(at: now, by: actor, .graded(grade)))
        if let after = state.score(team: team, task: ref, now: now), after.isFinal, after != before {
            step.actions.append(.outcomeDecided(team: team, score: after))
        }
        return .success(step)
    }

    /// Opens a task again for one team: due `window` after now (then the task's late period),
    /// attempts reset, earlier answers and grades kept but no longer scoring.
    mutating func reopen(_ team: String, _ ref: TaskRef, _ window: Millis, _ reason: String, _ actor: Actor,
                         _ now: Millis) -> Result<Step, CommandError> {
        if let e = requireStarted() { return .failure(e) }
        guard let position = state.index.taskPosition[ref] else { return .failure(unknownTask(ref)) }
        guard let teamState = state.teams[team] else { return .failure(CommandError(.unknownTeam, "team '\(team)' is not registered")) }
        guard teamState.released[position.inject] != nil else {
            return .failure(CommandError(.notReleased, "inject \(ref.inject) has not reached team '\(team)'; release it first"))
        }
        guard window > 0, window <= Self.maxReopenWindow else {
            return .failure(CommandError(.invalid, "a reopened task needs a window longer than 0 and at most 24 h"))
        }
        if let error = checkText(reason) { return .failure(CommandError(error.code, "a reopening needs a reason: \(error.message)")) }
        return .success(record(ExerciseEvent(at: now, by: actor, .taskReopened(TaskReopen(team: team, task: ref, window: window, reason: reason)))))
    }
}
