import DrillCore

extension TeamReport {
    init(_ c: ReportContext, _ score: TeamScore) {
        let id = score.team
        let state = c.state.teams[id]
        let anonymize = c.options.anonymize
        let grid = c.scores[id] ?? []
        var tasks: [TeamTask] = []
        var injects: [TeamInject] = []
        var readTimes: [Millis] = [], answerTimes: [Millis] = []
        var hints = 0
        var earned: [(Millis, Double)] = []
        tasks.reserveCapacity(score.tasks.count)
        for (i, inject) in c.scenario.injects.enumerated() {
            guard let released = state?.released[i], released <= c.scorecard.exerciseTime else { continue }
            let read = state?.read[i]
            if let read { readTimes.append(max(0, read - released)) }
            var points = 0.0
            var counts = OutcomeCounts()
            for (j, meta) in c.tasks[i].enumerated() {
                guard let s = grid.indices.contains(i) ? grid[i][j] : nil else { continue }
                let toAnswer = s.timeToAnswer(state?.progress[meta.ref])
                if let toAnswer { answerTimes.append(toAnswer) }
                hints += s.hintsTaken
                points += s.points
                counts.add(s.outcome)
                if s.points > 0, let at = s.answeredAt ?? s.decidedAt { earned.append((at, s.points)) }
                tasks.append(TeamTask(
                    task: meta.ref.description, inject: inject.id, type: meta.task.type.rawValue, outcome: s.outcome,
                    points: s.points, maxPoints: s.maxPoints, reason: s.reason, releasedAt: s.releasedAt, readAt: read,
                    answeredAt: s.answeredAt, dueAt: s.dueAt, timeToRead: read.map { max(0, $0 - released) },
                    timeToAnswer: toAnswer, late: s.isLate, wrongAttempts: s.wrongAttempts, hintsTaken: s.hintsTaken, why: s.why))
            }
            let planned = c.schedule.scheduled[inject.id]
            injects.append(TeamInject(inject: inject.id, plannedAt: planned, releasedAt: released, readAt: read,
                                      delay: planned.map { released - $0 }, points: points, maxPoints: inject.points,
                                      percent: Scorecard.percent(points, of: inject.points), result: Self.result(counts)))
        }

        var toTeams = 0, toWhiteCell = 0
        var rfis: [RFIEntry] = []
        for m in c.state.messages where m.message.from == .team(id) {
            switch (m.message.kind, m.message.to) {
            case (.rfi, _):
                rfis.append(RFIEntry(at: m.time, question: c.text(m.message.text),
                                     answer: c.state.rfiAnswers[m.message.id].map { c.text($0.text) },
                                     answeredAt: c.rfiAnsweredAt[m.message.id]))
            case (.message, .team): toTeams += 1
            case (.message, _): toWhiteCell += 1
            }
        }

        earned.sort { $0.0 < $1.0 }
        var cumulative = 0.0
        var curve = [ScorePoint(at: 0, points: 0)]
        for (at, points) in earned {
            cumulative += points
            if let last = curve.last, last.at == at { curve[curve.count - 1].points = cumulative } else { curve.append(ScorePoint(at: at, points: cumulative)) }
        }

        let objectives = c.scorecard.objectives.map { o -> TeamObjective in
            let e = o.teams.first { $0.team == id }
            return TeamObjective(objective: o.objective, points: e?.points ?? 0, possiblePoints: e?.possiblePoints ?? 0,
                                 percent: e?.percent, rating: e?.rating)
        }
        let team = state?.team
        self.init(
            team: c.labels.label(id), id: anonymize ? nil : id, country: anonymize ? nil : team?.country,
            rank: anonymize ? nil : score.rank, of: c.scorecard.teams.count,
            points: score.points, availablePoints: score.availablePoints, totalPoints: score.totalPoints,
            percent: score.percentOfAvailable, percentOfTotal: score.percentOfTotal, rating: c.rating(score.percentOfAvailable),
            outcomes: score.outcomes, tasks: tasks, injects: injects, objectives: objectives,
            readTime: Statistics.times(readTimes), answerTime: Statistics.times(answerTimes), hintsTaken: hints,
            messagesToTeams: toTeams, messagesToWhiteCell: toWhiteCell, rfis: rfis, scoreOverTime: curve)
    }

    /// The outcome an inject's tasks add up to for a team (one word for the heatmap).
    static func result(_ counts: OutcomeCounts) -> Outcome? {
        let n = counts.total
        if n == 0 { return nil }
        if counts.pending > 0 { return .pending }
        if counts.correct == n { return .correct }
        if counts.missed == n { return .missed }
        if counts.correct == 0 && counts.partial == 0 { return .wrong }
        return .partial
    }
}
