import DrillCore

extension ClientMessage {
    /// The message that asks a server for `command`: the inverse of `command`. Nil for
    /// `registerTeam`, which no client may send (teams come from the roster `serve` is given).
    public init?(command: Command) {
        switch command {
        case .registerTeam: return nil
        case .start: self = .start
        case .pause: self = .pause
        case .resume: self = .resume
        case .setSpeed(let speed): self = .speed(speed)
        case .releaseNow(let inject, let teams): self = .release(inject: inject, teams: teams)
        case .hold(let inject): self = .hold(inject: inject)
        case .extendDeadline(let task, let team, let by): self = .extend(task: task, team: team, by: by)
        case .end: self = .end
        case .grade(let team, let task, let score, let comment): self = .grade(team: team, task: task, score: score, comment: comment)
        case .addNote(let note): self = .note(note)
        case .answerRFI(let rfi, let text): self = .answerRFI(rfi: rfi, text: text)
        case .broadcast(let text, let team): self = .broadcast(text: text, team: team)
        case .markRead(let inject): self = .read(inject: inject)
        case .submit(let task, let submission, let values): self = .submit(Submission(submission: submission, task: task, values: values))
        case .takeHint(let task, let hint): self = .hint(task: task, hint: hint)
        case .sendMessage(let to, let kind, let text): self = .send(to: to, kind: kind, text: text)
        // live17
        case .compose(let live): self = .compose(live)
        // grade17
        case .recordOutcome(let team, let task, let score, let via, let comment):
            self = .outcome(team: team, task: task, score: score, via: via, comment: comment)
        case .reopen(let team, let task, let window, let reason): self = .reopen(team: team, task: task, window: window, reason: reason)
        case .openFeedback: self = .openFeedback
        case .answerFeedback(let member, let answers): self = .feedback(member: member, answers: answers)
        }
    }
}
