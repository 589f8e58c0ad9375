import DrillCore

extension ObjectiveResult {
    /// Every objective, rated from the scorecard: pooled over all teams in a regional report, the
    /// team's own in a team report; always with the anonymous spread over every team.
    static func all(_ c: ReportContext) -> [ObjectiveResult] {
        c.scorecard.objectives.enumerated().map { k, score in
            let objective = c.scenario.objectives[k]
            let assessed = score.teams.filter { $0.possiblePoints > 0 }
            var counts = RatingCounts()
            for t in assessed { counts.add(t.rating) }
            let subject = c.options.team.flatMap { id in score.teams.first { $0.team == id } }
            let tasks = c.tasks.flatMap { $0 }.filter { $0.objectives.contains(objective.id) }.map(\.ref.description)
            let byTeam = Dictionary(score.teams.map { ($0.team, $0) }, uniquingKeysWith: { a, _ in a })
            return ObjectiveResult(
                objective: objective.id, title: c.text(objective.title), capability: c.text(objective.capability),
                description: c.text(objective.description),
                points: subject?.points ?? score.points, possiblePoints: subject?.possiblePoints ?? score.possiblePoints,
                percent: subject.map(\.percent) ?? score.percent, rating: subject.map(\.rating) ?? score.rating,
                tasks: tasks, teamsAssessed: assessed.count, ratingCounts: counts,
                spread: Statistics.spread(assessed.compactMap(\.percent)),
                teams: c.isTeamReport ? [] : c.shownTeams.compactMap { team in
                    byTeam[team.team].map { TeamRating(team: c.labels.label(team.team), points: $0.points, possiblePoints: $0.possiblePoints,
                                                       percent: $0.percent, rating: $0.rating) }
                })
        }
    }
}

extension TaskSummary {
    /// Every task with its aggregates over every team it reached (anonymous in any report).
    static func all(_ c: ReportContext) -> [TaskSummary] {
        var out: [TaskSummary] = []
        for (i, inject) in c.scenario.injects.enumerated() {
            for (j, meta) in c.tasks[i].enumerated() {
                let a = c.aggregates[i][j]
                out.append(TaskSummary(
                    task: meta.ref.description, inject: inject.id, prompt: c.text(meta.task.prompt), type: meta.task.type.rawValue,
                    maxPoints: meta.task.points, objectives: meta.objectives, capabilities: meta.capabilities.map(c.text),
                    teamsReached: a.reached, outcomes: a.outcomes,
                    averagePercent: a.reached > 0 && meta.task.points > 0 ? a.percentSum / Double(a.reached) : nil,
                    answeredLate: a.late, tookHints: a.hints, answerTime: Statistics.times(a.answerTimes)))
            }
        }
        return out
    }
}
