import DrillCore
import DrillText

/// What `rehearse` and `replay` print: the exercise's scorecard, one line per team, plus what
/// each team received and did. Scores come from `Scorecard` only.
struct ExerciseSummary {
    struct TeamLine: Codable, Equatable {
        var rank: Int
        var team: String
        var name: String
        var profile: String?
        var injectsReceived: Int
        var injectsRead: Int
        var tasksAnswered: Int
        var messagesSent: Int
        var outcomes: OutcomeCounts
        var points: Double
        var availablePoints: Double
        var percentOfAvailable: Double?
    }

    var teams: [TeamLine]
    var objectives: [ObjectiveScore]

    init(_ state: ExerciseState, profiles: [String: TeamProfile] = [:]) {
        let card = state.scorecard()
        var sent: [String: Int] = [:]
        for m in state.messages { if case .team(let id) = m.message.from { sent[id, default: 0] += 1 } }
        teams = card.teams.map { score in
            let team = state.teams[score.team]
            let answered = team.map { t in t.progress.values.count { !$0.submissions.isEmpty } } ?? 0
            return TeamLine(rank: score.rank, team: score.team, name: score.name, profile: profiles[score.team]?.name,
                            injectsReceived: team?.releaseOrder.count ?? 0, injectsRead: team?.read.count { $0 != nil } ?? 0,
                            tasksAnswered: answered, messagesSent: sent[score.team] ?? 0, outcomes: score.outcomes,
                            points: score.points, availablePoints: score.availablePoints, percentOfAvailable: score.percentOfAvailable)
        }
        objectives = card.objectives
    }

    func table() -> String {
        let withProfile = teams.contains { $0.profile != nil }
        let t = Words.t
        var table = TextTable(headers: [t(.cliColRank), t(.cliColTeam), t(.cliColName)] + (withProfile ? [t(.cliColProfile)] : []) +
                              [t(.cliColInjects), t(.cliColRead), t(.cliColAnswered), t(.cliColCorrect), t(.cliColPartial), t(.cliColWrong),
                               t(.cliColMissed), t(.cliColPending), t(.cliColPoints), "%"])
        table.maxWidths = [2: 28]
        let first = withProfile ? 4 : 3
        table.rightAligned = Set([0] + Array(first...(first + 9)))
        table.rows = teams.map { r in
            [String(r.rank), r.team, r.name] + (withProfile ? [r.profile ?? ""] : []) + [
                String(r.injectsReceived), String(r.injectsRead), String(r.tasksAnswered),
                String(r.outcomes.correct), String(r.outcomes.partial), String(r.outcomes.wrong),
                String(r.outcomes.missed), String(r.outcomes.pending), Self.points(r.points),
                r.percentOfAvailable.map { Self.percent($0) } ?? "—",
            ]
        }
        var out = table.render()
        if !objectives.isEmpty {
            var objectiveTable = TextTable(headers: [t(.cliColObjective), t(.cliColCapability), "%", t(.cliColRating), t(.cliColTitle)])
            objectiveTable.maxWidths = [4: 60]
            objectiveTable.rightAligned = [2]
            objectiveTable.rows = objectives.map {
                [$0.objective, $0.capability, $0.percent.map { Self.percent($0) } ?? "—", $0.rating?.rawValue ?? "—", $0.title]
            }
            out += "\n\n" + objectiveTable.render()
        }
        return out
    }

    static func points(_ value: Double) -> String { ((value * 100).rounded() / 100).clean }

    /// One decimal, from a 0–100 figure.
    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
