/// Derives a team's score on a task from what the events recorded: answers, hints, grades,
/// messages, extensions and the release time. Pure and deterministic.
///
/// The rules, in the order they apply (docs/scoring.md has worked examples):
/// - only what happened by `now` and by the close of the window counts; the window includes its
///   last millisecond, so a task is missed only once `now` is past `closesAt`;
/// - once the exercise has ended (`endedAt`, and `now` at or after it) every window is closed:
///   what was not answered is missed, a partial answer or coordination is final, decided at the
///   end. A report task answered but not graded stays pending until the white cell grades it (a
///   grade after the end still counts);
/// - the answer that scores is the first fully correct one, else the partial one worth most;
/// - its points are `points × credit × timing factor`, then `penalty` per wrong attempt (per false
///   item for indicator tasks) and the cost of every hint taken come off, never below 0.
public enum TaskScorer {
    public static func score(_ task: DrillTask, ref: TaskRef, progress: TaskProgress, releasedAt: Millis?,
                             coordination: [String: Millis] = [:], now: Millis, endedAt: Millis? = nil) -> TaskScore {
        score(TaskRules(task), ref: ref, progress: progress, releasedAt: releasedAt, coordination: coordination, now: now, endedAt: endedAt)
    }

    /// The same, for rules prepared once (the scorecard scores every team against each task).
    static func score(_ task: TaskRules, ref: TaskRef, progress: TaskProgress, releasedAt: Millis?,
                      coordination: [String: Millis], now: Millis, endedAt: Millis? = nil,
                      partners: [String]? = nil) -> TaskScore {
        // grade17: after a reopening, the task starts over for the team from that moment.
        if !progress.reopens.isEmpty, let reopen = progress.reopens.last(where: { $0.time <= now }),
           let released = releasedAt, released <= reopen.time {
            return score(task.reopened(window: reopen.window), ref: ref, progress: progress.since(reopen), releasedAt: reopen.time,
                         coordination: coordination.filter { $0.value >= reopen.time }, now: now, endedAt: endedAt, partners: partners)
        }
        var hintCount = 0, hintCost = 0.0
        for h in progress.hints where task.hintCosts.indices.contains(h) {
            hintCount += 1
            hintCost += task.hintCosts[h]
        }
        var result = TaskScore(task: ref, outcome: .pending, isFinal: false, decidedAt: nil, points: 0,
                               maxPoints: task.points, credit: 0, reason: "not released", wrongAttempts: 0,
                               falseItems: 0, hintsTaken: hintCount, releasedAt: nil, answeredAt: nil,
                               closesAt: nil, dueAt: nil)
        // An inject released after `now` has not reached the team yet at `now`.
        guard let released = releasedAt, released <= now else { return result }
        let dueAt = released + task.due + progress.extendedBy
        let closesAt = dueAt + task.late
        let cutoff = min(now, closesAt)
        // When the window closed, as of `now`: at its end, or at the end of the exercise.
        let closed: Millis? = now > closesAt ? closesAt : endedAt.flatMap { now >= $0 ? min($0, closesAt) : nil }
        result.releasedAt = released
        result.dueAt = dueAt
        result.closesAt = closesAt

        // grade17: an outcome the white cell recorded (`via`) decides the task, if it is the last word.
        if let outcome = progress.grades.last(where: { $0.time <= now }), let via = outcome.via {
            return recordedOutcome(task, outcome, via: via, result, released: released)
        }

        var judged: Judgement
        switch task.type {
        case .report: judged = judgeReport(progress, cutoff: cutoff, closed: closed, now: now)
        case .coordination: judged = judgeCoordination(partners ?? task.with, coordination, released: released, cutoff: cutoff, closed: closed)
        default: judged = judgeAnswers(task, progress, dueAt: dueAt, cutoff: cutoff, closed: closed)
        }
        if judged.decidedAt != nil { judged.decidedAt = max(judged.decidedAt ?? released, released) }

        // Indicator tasks cost `penalty` per false item of the scoring answer, the others per wrong attempt.
        let indicators = task.type == .indicators
        if !indicators { judged.falseItems = 0 }
        let factor = judged.answeredAt.map { task.timeFactor(answeredAt: $0, dueAt: dueAt) } ?? 0
        let penalty = task.penalty * Double(indicators ? judged.falseItems : judged.wrong)
        if judged.credit > 0 {
            result.points = min(task.points, max(0, task.points * judged.credit * factor - penalty - hintCost))
        }
        result.outcome = judged.outcome
        result.isFinal = judged.decidedAt != nil
        result.decidedAt = judged.decidedAt
        result.credit = judged.credit
        result.wrongAttempts = judged.wrong
        result.falseItems = judged.falseItems
        result.answeredAt = judged.answeredAt
        var reason = ScoreReason(score: result)
        reason.attempts = task.attempts
        reason.penalty = penalty
        reason.factor = factor
        reason.hints = progress.hints
        reason.hintCosts = task.hintCosts
        if task.type == .coordination {
            let with = partners ?? task.with
            reason.teamsTold = Int((judged.credit * Double(with.count)).rounded())
            reason.teamsToTell = with.count
        }
        result.reason = reason.text(figures: true)
        result.why = reason
        return result
    }

    /// A task decided by the white cell's recorded outcome: `points × score`, no timing, penalties
    /// or hint costs (the white cell weighed them when it graded).
    private static func recordedOutcome(_ task: TaskRules, _ grade: GradeRecord, via: GradeChannel, _ base: TaskScore,
                                        released: Millis) -> TaskScore {
        var result = base
        let credit = clamp(grade.score)
        result.outcome = credit >= 1 ? .correct : credit > 0 ? .partial : .wrong
        result.isFinal = true
        result.decidedAt = max(grade.time, released)
        result.credit = credit
        result.points = min(task.points, task.points * credit)
        result.answeredAt = grade.time
        var reason = ScoreReason(score: result)
        reason.dueAt = nil
        reason.hintCount = 0
        reason.attempts = task.attempts
        reason.via = via
        result.reason = reason.text(figures: true)
        result.why = reason
        return result
    }

    /// 1 until due, then linear to `floor` at due + late (exactly), 0 after.
    public static func timeFactor(_ task: DrillTask, answeredAt: Millis, dueAt: Millis) -> Double {
        TaskRules(task).timeFactor(answeredAt: answeredAt, dueAt: dueAt)
    }

    // MARK: Judging

    /// What the events say about a task before points are worked out.
    private struct Judgement {
        var outcome = Outcome.pending
        var credit = 0.0
        var wrong = 0
        var falseItems = 0
        /// Time of the answer (message, report) that scores.
        var answeredAt: Millis?
        /// Set once the outcome is final.
        var decidedAt: Millis?
    }

    /// Text, choice, number and indicator tasks: judged by the matcher when the answer was folded.
    private static func judgeAnswers(_ task: TaskRules, _ progress: TaskProgress, dueAt: Millis, cutoff: Millis,
                                     closed: Millis?) -> Judgement {
        var j = Judgement()
        var used = 0                 // answers that were not fully correct: they use up attempts
        var best = -Double.infinity  // worth of the best partial answer, before wrong-attempt penalties and hints
        var partial: (time: Millis, evaluation: Evaluation)?
        // By index, so that no submission (with its id and values) is copied.
        let submissions = progress.submissions
        for k in submissions.indices where submissions[k].time <= cutoff {
            let time = submissions[k].time, evaluation = submissions[k].evaluation
            let credit = clamp(evaluation.credit)
            if credit >= 1 {
                j.outcome = .correct
                j.credit = 1
                j.falseItems = evaluation.falseItems
                j.answeredAt = time
                j.decidedAt = time
                j.wrong = used
                return j
            }
            used += 1
            if credit > 0 {
                let falsePenalty = task.type == .indicators ? task.penalty * Double(evaluation.falseItems) : 0
                let worth = task.points * credit * task.timeFactor(answeredAt: time, dueAt: dueAt) - falsePenalty
                // Strictly better only: of two answers worth the same, the earlier one stands.
                if worth > best { best = worth; partial = (time, evaluation) }
            }
            if let limit = task.attempts, used >= limit {
                j.decidedAt = time
                break
            }
        }
        if let partial {
            j.outcome = .partial
            j.credit = clamp(partial.evaluation.credit)
            j.falseItems = partial.evaluation.falseItems
            j.answeredAt = partial.time
            j.wrong = used - 1       // the partial answer that scores is not a wrong attempt
        } else {
            j.wrong = used
            if j.decidedAt != nil { j.outcome = .wrong }
        }
        if j.decidedAt == nil, let closed {
            j.decidedAt = closed
            if partial == nil { j.outcome = .missed }
        }
        return j
    }

    /// Report tasks: the last answer in the window, scored by the facilitator's last grade.
    private static func judgeReport(_ progress: TaskProgress, cutoff: Millis, closed: Millis?, now: Millis) -> Judgement {
        var j = Judgement()
        guard let answer = progress.submissions.last(where: { $0.time <= cutoff }) else {
            if let closed {
                j.outcome = .missed
                j.decidedAt = closed
            }
            return j
        }
        j.answeredAt = answer.time
        // A regrade replaces the earlier grade; both stay in the journal.
        if let grade = progress.grades.last(where: { $0.time <= now }) {
            j.credit = clamp(grade.score)
            j.outcome = j.credit >= 1 ? .correct : j.credit > 0 ? .partial : .wrong
            j.decidedAt = grade.time
        }
        return j
    }

    /// Coordination tasks: met for each listed team once the team messages it inside the window.
    private static func judgeCoordination(_ teams: [String], _ firstMessages: [String: Millis], released: Millis,
                                          cutoff: Millis, closed: Millis?) -> Judgement {
        var j = Judgement()
        let met = teams.compactMap { firstMessages[$0] }.filter { $0 >= released && $0 <= cutoff }
        guard !teams.isEmpty else {
            if let closed { j.outcome = .missed; j.decidedAt = closed }
            return j
        }
        j.credit = Double(met.count) / Double(teams.count)
        // Coordination is as late as the last team told.
        j.answeredAt = met.max()
        if met.count == teams.count {
            j.outcome = .correct
            j.decidedAt = j.answeredAt
        } else if let closed {
            j.outcome = met.isEmpty ? .missed : .partial
            j.decidedAt = closed
        } else if !met.isEmpty {
            j.outcome = .partial
        }
        return j
    }

    private static func clamp(_ credit: Double) -> Double {
        credit.isNaN ? 0 : min(1, max(0, credit))
    }
}

/// What scoring needs of a task, taken out of the `DrillTask` once (a class: handing it around
/// costs one retain, not a copy of its lists).
final class TaskRules: Sendable {
    let type: TaskType
    let points: Double
    let due: Millis
    let late: Millis
    let floor: Double
    let attempts: Int?
    let penalty: Double
    let hintCosts: [Double]
    /// Coordination tasks: the teams to tell, each once.
    let with: [String]

    init(_ task: DrillTask) {
        type = task.type
        points = task.points
        due = task.due
        late = task.late
        floor = task.floor
        attempts = task.attempts
        penalty = task.penalty
        hintCosts = task.hints.map(\.cost)
        if case .coordination(let teams) = task.kind {
            var seen = Set<String>()
            with = teams.filter { seen.insert($0).inserted }
        } else {
            with = []
        }
    }

    /// The same rules with another time until due (a reopened task's new window).
    private init(_ other: TaskRules, due: Millis) {
        type = other.type
        points = other.points
        self.due = due
        late = other.late
        floor = other.floor
        attempts = other.attempts
        penalty = other.penalty
        hintCosts = other.hintCosts
        with = other.with
    }

    func reopened(window: Millis) -> TaskRules { TaskRules(self, due: window) }

    func timeFactor(answeredAt: Millis, dueAt: Millis) -> Double {
        let lateBy = answeredAt - dueAt
        if lateBy <= 0 { return 1 }
        if lateBy > late { return 0 }
        // Written so that the end of the window gives `floor` exactly, with no rounding error.
        return floor + (1 - floor) * (1 - Double(lateBy) / Double(late))
    }
}
