/// Derives a team's score on a task from what the events recorded: answers, hints, grades,
/// messages, extensions and the release time. Pure and deterministic.
///
/// The rules, in the order they apply (docs/scoring.md has worked examples):
/// - only what happened by `now` and by the close of the window counts; the window includes its
///   last millisecond, so a task is missed only once `now` is past `closesAt`;
/// - the answer that scores is the first fully correct one, else the partial one worth most;
/// - its points are `points × credit × timing factor`, then `penalty` per wrong attempt (per false
///   item for indicator tasks) and the cost of every hint taken come off, never below 0.
public enum TaskScorer {
    public static func score(_ task: DrillTask, ref: TaskRef, progress: TaskProgress, releasedAt: Millis?,
                             coordination: [String: Millis] = [:], now: Millis) -> TaskScore {
        let hints = progress.hints.filter { task.hints.indices.contains($0) }
        var result = TaskScore(task: ref, outcome: .pending, isFinal: false, decidedAt: nil, points: 0,
                               maxPoints: task.points, credit: 0, reason: "not released", wrongAttempts: 0,
                               falseItems: 0, hintsTaken: hints.count, releasedAt: nil, answeredAt: nil,
                               closesAt: nil, dueAt: nil)
        // An inject released after `now` has not reached the team yet at `now`.
        guard let released = releasedAt, released <= now else { return result }
        let dueAt = released + task.due + progress.extendedBy
        let closesAt = dueAt + task.late
        let cutoff = min(now, closesAt)
        result.releasedAt = released
        result.dueAt = dueAt
        result.closesAt = closesAt

        var judged: Judgement
        switch task.kind {
        case .report: judged = judgeReport(progress, cutoff: cutoff, closesAt: closesAt, now: now)
        case .coordination(let with): judged = judgeCoordination(with, coordination, released: released, cutoff: cutoff, closesAt: closesAt, now: now)
        default: judged = judgeAnswers(task, progress, dueAt: dueAt, cutoff: cutoff, closesAt: closesAt, now: now)
        }
        if judged.decidedAt != nil { judged.decidedAt = max(judged.decidedAt ?? released, released) }

        // Indicator tasks cost `penalty` per false item of the scoring answer, the others per wrong attempt.
        if task.type != .indicators { judged.falseItems = 0 }
        let factor = judged.answeredAt.map { timeFactor(task, answeredAt: $0, dueAt: dueAt) } ?? 0
        let penalty = task.type == .indicators ? task.penalty * Double(judged.falseItems) : task.penalty * Double(judged.wrong)
        let hintCost = hints.reduce(0.0) { $0 + task.hints[$1].cost }
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
        reason.hints = hints.map { (number: $0 + 1, cost: task.hints[$0].cost) }
        if case .coordination(let with) = task.kind {
            let teams = Set(with).count
            reason.teamsTold = (Int((judged.credit * Double(teams)).rounded()), teams)
        }
        result.reason = reason.text(figures: true)
        return result
    }

    /// 1 until due, then linear to `floor` at due + late (exactly), 0 after.
    public static func timeFactor(_ task: DrillTask, answeredAt: Millis, dueAt: Millis) -> Double {
        let late = answeredAt - dueAt
        if late <= 0 { return 1 }
        if late > task.late { return 0 }
        // Written so that the end of the window gives `floor` exactly, with no rounding error.
        return task.floor + (1 - task.floor) * (1 - Double(late) / Double(task.late))
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
    private static func judgeAnswers(_ task: DrillTask, _ progress: TaskProgress, dueAt: Millis, cutoff: Millis,
                                     closesAt: Millis, now: Millis) -> Judgement {
        var j = Judgement()
        var used = 0                 // answers that were not fully correct: they use up attempts
        var best = -Double.infinity  // worth of the best partial answer, before wrong-attempt penalties and hints
        var partial: Submission?
        for s in progress.submissions where s.time <= cutoff {
            let credit = clamp(s.evaluation.credit)
            if credit >= 1 {
                j.outcome = .correct
                j.credit = 1
                j.falseItems = s.evaluation.falseItems
                j.answeredAt = s.time
                j.decidedAt = s.time
                j.wrong = used
                return j
            }
            used += 1
            if credit > 0 {
                let falsePenalty = task.type == .indicators ? task.penalty * Double(s.evaluation.falseItems) : 0
                let worth = task.points * credit * timeFactor(task, answeredAt: s.time, dueAt: dueAt) - falsePenalty
                // Strictly better only: of two answers worth the same, the earlier one stands.
                if worth > best { best = worth; partial = s }
            }
            if let limit = task.attempts, used >= limit {
                j.decidedAt = s.time
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
        if j.decidedAt == nil, now > closesAt {
            j.decidedAt = closesAt
            if partial == nil { j.outcome = .missed }
        }
        return j
    }

    /// Report tasks: the last answer in the window, scored by the facilitator's last grade.
    private static func judgeReport(_ progress: TaskProgress, cutoff: Millis, closesAt: Millis, now: Millis) -> Judgement {
        var j = Judgement()
        guard let answer = progress.submissions.last(where: { $0.time <= cutoff }) else {
            if now > closesAt {
                j.outcome = .missed
                j.decidedAt = closesAt
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
    private static func judgeCoordination(_ with: [String], _ firstMessages: [String: Millis], released: Millis,
                                          cutoff: Millis, closesAt: Millis, now: Millis) -> Judgement {
        var j = Judgement()
        let teams = uniqued(with)
        let met = teams.compactMap { firstMessages[$0] }.filter { $0 >= released && $0 <= cutoff }
        guard !teams.isEmpty else {
            if now > closesAt { j.outcome = .missed; j.decidedAt = closesAt }
            return j
        }
        j.credit = Double(met.count) / Double(teams.count)
        // Coordination is as late as the last team told.
        j.answeredAt = met.max()
        if met.count == teams.count {
            j.outcome = .correct
            j.decidedAt = j.answeredAt
        } else if now > closesAt {
            j.outcome = met.isEmpty ? .missed : .partial
            j.decidedAt = closesAt
        } else if !met.isEmpty {
            j.outcome = .partial
        }
        return j
    }

    private static func clamp(_ credit: Double) -> Double {
        credit.isNaN ? 0 : min(1, max(0, credit))
    }

    private static func uniqued(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
