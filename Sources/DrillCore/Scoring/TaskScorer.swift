/// Derives a team's score on a task from what the events recorded: answers, hints, grades,
/// messages, extensions and the release time. Pure and deterministic.
public enum TaskScorer {
    public static func score(_ task: DrillTask, ref: TaskRef, progress: TaskProgress, releasedAt: Millis?,
                             coordination: [String: Millis] = [:], now: Millis) -> TaskScore {
        var result = TaskScore(task: ref, outcome: .pending, isFinal: false, decidedAt: nil, points: 0,
                               maxPoints: task.points, reason: "not released", wrongAttempts: 0,
                               hintsTaken: progress.hints.count, releasedAt: releasedAt, answeredAt: nil,
                               closesAt: nil, dueAt: nil)
        guard let released = releasedAt else { return result }
        let dueAt = released + task.due + progress.extendedBy
        let closesAt = dueAt + task.late
        result.dueAt = dueAt
        result.closesAt = closesAt
        let hintCost = progress.hints.reduce(0.0) { $0 + (task.hints.indices.contains($1) ? task.hints[$1].cost : 0) }

        var best = 0.0, bestFalse = 0, wrong = 0
        var scoredAt: Millis?
        var closedAt: Millis?          // decided before the window closed
        var outcome = Outcome.pending

        switch task.kind {
        case .report:
            let answer = progress.submissions.last { $0.time <= closesAt }
            scoredAt = answer?.time
            if let grade = progress.grades.last, answer != nil {
                best = grade.score
                outcome = grade.score >= 1 ? .correct : grade.score > 0 ? .partial : .wrong
                closedAt = grade.time
            } else if answer == nil, now >= closesAt {
                outcome = .missed
                closedAt = closesAt
            }
        case .coordination(let with):
            let met = with.compactMap { coordination[$0] }.filter { $0 >= released && $0 <= closesAt }
            best = with.isEmpty ? 0 : Double(met.count) / Double(with.count)
            if met.count == with.count, !with.isEmpty {
                outcome = .correct
                scoredAt = met.max()
                closedAt = scoredAt
            } else if now >= closesAt {
                outcome = met.isEmpty ? .missed : .partial
                scoredAt = met.max()
                closedAt = closesAt
            } else if !met.isEmpty {
                outcome = .partial
                scoredAt = met.max()
            }
        default:
            for s in progress.submissions where s.time <= closesAt {
                if s.evaluation.credit >= 1 {
                    best = 1; bestFalse = s.evaluation.falseItems; scoredAt = s.time
                    outcome = .correct; closedAt = s.time
                    break
                } else if s.evaluation.credit > best {
                    best = s.evaluation.credit; bestFalse = s.evaluation.falseItems; scoredAt = s.time
                    outcome = .partial
                } else if s.evaluation.credit == 0 {
                    wrong += 1
                    if let limit = task.attempts, wrong >= limit {
                        outcome = best > 0 ? .partial : .wrong
                        closedAt = s.time
                        break
                    }
                }
            }
            if closedAt == nil, now >= closesAt {
                outcome = best > 0 ? .partial : .missed
                closedAt = closesAt
            }
        }

        result.wrongAttempts = wrong
        result.answeredAt = scoredAt
        result.outcome = outcome
        if let closedAt {
            result.isFinal = true
            result.decidedAt = max(closedAt, released)
        }
        let isIndicators = task.type == .indicators
        let penalty = isIndicators ? task.penalty * Double(bestFalse) : task.penalty * Double(wrong)
        let factor = scoredAt.map { timeFactor(task, answeredAt: $0, dueAt: dueAt) } ?? 0
        if best > 0 {
            result.points = max(0, task.points * best - penalty - hintCost) * factor
            result.points = (result.points * 1000).rounded() / 1000
        }
        result.reason = reason(outcome: outcome, best: best, wrong: wrong, penalty: penalty, falseItems: isIndicators ? bestFalse : 0,
                               task: task, hints: progress.hints, hintCost: hintCost, factor: factor,
                               lateBy: scoredAt.map { $0 - dueAt } ?? 0, ungraded: task.type == .report && progress.grades.isEmpty && scoredAt != nil)
        return result
    }

    /// 1 until due, then linear to `floor` at due + late, 0 after.
    public static func timeFactor(_ task: DrillTask, answeredAt: Millis, dueAt: Millis) -> Double {
        let late = answeredAt - dueAt
        if late <= 0 { return 1 }
        if late > task.late { return 0 }
        guard task.late > 0 else { return 0 }
        return 1 - (1 - task.floor) * Double(late) / Double(task.late)
    }

    private static func reason(outcome: Outcome, best: Double, wrong: Int, penalty: Double, falseItems: Int, task: DrillTask,
                               hints: [Int], hintCost: Double, factor: Double, lateBy: Millis, ungraded: Bool) -> String {
        var parts: [String] = []
        switch outcome {
        case .pending: parts.append(ungraded ? "answered, waiting for grading" : (best > 0 ? "partial so far" : "pending"))
        case .partial: parts.append("partial (\(Int((best * 100).rounded())) %)")
        case .correct, .wrong, .missed: parts.append(outcome.rawValue)
        }
        if outcome == .pending && best > 0 { parts[0] = "pending, \(Int((best * 100).rounded())) % so far" }
        if falseItems > 0 {
            parts.append("\(falseItems) false item\(falseItems == 1 ? "" : "s") (−\(penalty.clean))")
        } else if wrong > 0 {
            parts.append("\(wrong) wrong attempt\(wrong == 1 ? "" : "s")" + (penalty > 0 ? " (−\(penalty.clean))" : ""))
        }
        for h in hints where task.hints.indices.contains(h) {
            parts.append("hint \(h + 1) (−\(task.hints[h].cost.clean))")
        }
        if best > 0, lateBy > 0, factor < 1 {
            let minutes = (Double(lateBy) / 60_000).rounded(.up)
            parts.append("\(Int(minutes)) min late (×\((factor * 100).rounded() / 100))")
        }
        return parts.joined(separator: ", ")
    }
}
