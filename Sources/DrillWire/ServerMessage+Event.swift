import DrillCore

extension ServerMessage {
    /// The journal event a message of the white cell's feed stands for: the inverse of that feed's
    /// column in the server's projection (docs/protocol.md, "Folding the white cell's feed").
    ///
    /// The white cell's feed carries every journaled fact the exercise state is folded from, with
    /// the answers' values, so a facilitator's client that knows the scenario (the `scenario`
    /// request) folds the same `ExerciseState` as the server. Nil for live messages and for those
    /// of other feeds (`inject`, `ack`, and an `answer` without values, as observers get it).
    /// The actor is only known where the state keeps it (grades, notes); it is `system` elsewhere.
    public var whiteCellEvent: ExerciseEvent? {
        switch self {
        case .team(let t):
            return ExerciseEvent(at: 0, by: .system, .teamRegistered(Team(id: t.id, name: t.name, country: t.country, contact: t.contact ?? "", language: t.language)))
        case .phase(let p):
            let body: ExerciseEvent.Body
            switch p.event {
            case "started": body = .started
            case "paused": body = .paused
            case "resumed": body = .resumed
            case "speedChanged": body = .speedChanged(SpeedChange(speed: p.speed))
            case "ended": body = .ended
            default: return nil
            }
            return ExerciseEvent(at: p.exerciseTime, by: .system, body)
        case .released(let r):
            return ExerciseEvent(at: r.at, by: .system, .injectReleased(InjectRelease(inject: r.inject, teams: r.teams, manual: r.manual)))
        case .held(let h):
            return ExerciseEvent(at: h.at, by: .system, .injectHeld(InjectHold(inject: h.inject)))
        case .read(let r):
            return ExerciseEvent(at: r.at, by: .team(r.team), .injectRead(InjectRead(inject: r.inject, team: r.team)))
        case .answer(let a):
            guard let values = a.values else { return nil }
            return ExerciseEvent(at: a.at, by: .team(a.team),
                                 .answerSubmitted(AnswerSubmission(team: a.team, task: a.task, submission: a.submission, values: values)))
        case .hint(let h):
            return ExerciseEvent(at: h.at, by: .team(h.team), .hintTaken(HintTaken(team: h.team, task: h.task, hint: h.hint)))
        case .graded(let g):
            guard let score = g.grade else { return nil }
            return ExerciseEvent(at: g.at, by: g.by.flatMap(Actor.init(parsing:)) ?? .system,
                                 .graded(Grade(team: g.team, task: g.task, score: score, comment: g.comment, via: g.via)))
        case .deadline(let d):
            return ExerciseEvent(at: d.at, by: .system, .deadlineExtended(DeadlineExtension(task: d.task, team: d.team, by: d.by)))
        case .message(let m):
            return ExerciseEvent(at: m.at, by: .system, .messageSent(Message(id: m.id, from: m.from, to: m.to, kind: m.kind, text: m.text)))
        case .rfiAnswer(let r):
            return ExerciseEvent(at: r.at, by: .system, .rfiAnswered(RFIAnswer(rfi: r.rfi, text: r.text)))
        case .note(let n):
            return ExerciseEvent(at: n.at, by: Actor(parsing: n.by) ?? .system,
                                 .noteAdded(n.note))
        // live17
        case .composed(let c):
            return ExerciseEvent(at: c.at, by: c.by.flatMap(Actor.init(parsing:)) ?? .system, .injectComposed(c.inject))
        // grade17
        case .reopened(let r):
            return ExerciseEvent(at: r.at, by: r.by.flatMap(Actor.init(parsing:)) ?? .system,
                                 .taskReopened(TaskReopen(team: r.team, task: r.task, window: r.window, reason: r.reason)))
        case .feedbackForm(let f):
            // Only the white cell's early opening is an event; the end opens the form by itself.
            return f.early ? ExerciseEvent(at: f.at, by: .system, .feedbackOpened(FeedbackOpening())) : nil
        case .feedbackAnswer(let a):
            return ExerciseEvent(at: a.at, by: .team(a.team), .feedbackAnswered(FeedbackAnswer(team: a.team, member: a.member, answers: a.answers)))
        case .welcome, .artifact, .ok, .error, .pong, .clock, .presence, .scoreboard, .standings, .scorecard, .status, .scenario, .inject, .ack, .unknown:
            return nil
        }
    }
}
