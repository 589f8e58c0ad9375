/// The white cell opens a task again for one team (grade17): a new window from the reopening,
/// attempts reset; what the team did before stays in the journal and in the report, but no longer
/// scores.
public struct TaskReopen: Sendable, Hashable, Codable {
    public var team: String
    public var task: TaskRef
    /// Time from the reopening until the task is due again; the task's `late` period follows it.
    public var window: Millis
    public var reason: String

    public init(team: String, task: TaskRef, window: Millis, reason: String) {
        self.team = team
        self.task = task
        self.window = window
        self.reason = reason
    }
}

/// A reopening as the fold keeps it, with who did it.
public struct ReopenRecord: Sendable, Hashable {
    public var time: Millis
    public var window: Millis
    public var reason: String
    public var by: String
    /// The team's deadline extensions on the task before the reopening (they do not carry over).
    public var extendedBefore: Millis

    public init(time: Millis, window: Millis, reason: String, by: String, extendedBefore: Millis) {
        self.time = time
        self.window = window
        self.reason = reason
        self.by = by
        self.extendedBefore = extendedBefore
    }
}

extension TaskProgress {
    /// What scores after a reopening: answers and grades from then on, the hints (their cost
    /// stays), and the extensions given since.
    func since(_ reopen: ReopenRecord) -> TaskProgress {
        var after = TaskProgress()
        after.submissions = submissions.filter { $0.time >= reopen.time }
        after.grades = grades.filter { $0.time >= reopen.time }
        after.hints = hints
        after.extendedBy = extendedBy - reopen.extendedBefore
        return after
    }
}
