import DrillCore

/// One line per team of what happened in an exercise: what it received, did and scored.
struct TeamSummary: Encodable {
    var team: String
    var name: String
    var profile: String?
    var injectsReceived: Int
    var injectsRead: Int
    var tasksAnswered: Int
    var outcomes: [String: Int]
    var points: Double
    var maxPoints: Double
    var messagesSent: Int

    static func all(_ state: ExerciseState, profiles: [String: TeamProfile] = [:]) -> [TeamSummary] {
        state.teamOrder.compactMap { id in
            guard let team = state.teams[id] else { return nil }
            var outcomes = Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0.rawValue, 0) })
            var points = 0.0, maxPoints = 0.0, answered = 0
            for position in team.releaseOrder {
                let inject = state.scenario.injects[position]
                for task in inject.tasks {
                    let ref = TaskRef(inject: inject.id, task: task.id)
                    guard let score = state.score(team: id, task: ref) else { continue }
                    outcomes[score.outcome.rawValue, default: 0] += 1
                    points += score.points
                    maxPoints += task.points
                    if team.progress[ref]?.submissions.isEmpty == false { answered += 1 }
                }
            }
            let sent = state.messages.count { if case .team(id) = $0.message.from { true } else { false } }
            return TeamSummary(team: id, name: team.team.name, profile: profiles[id]?.name,
                               injectsReceived: team.releaseOrder.count, injectsRead: team.read.count { $0 != nil },
                               tasksAnswered: answered, outcomes: outcomes, points: (points * 100).rounded() / 100,
                               maxPoints: maxPoints, messagesSent: sent)
        }
    }

    static func table(_ rows: [TeamSummary]) -> String {
        let withProfile = rows.contains { $0.profile != nil }
        var table = TextTable(headers: ["TEAM", "NAME"] + (withProfile ? ["PROFILE"] : []) +
                              ["INJECTS", "READ", "ANSWERED", "CORRECT", "PARTIAL", "WRONG", "MISSED", "PENDING", "POINTS", "%"])
        table.maxWidths = [1: 28]
        table.rightAligned = Set((withProfile ? 3 : 2)...(withProfile ? 12 : 11))
        table.rows = rows.map { r in
            let percent = r.maxPoints > 0 ? String(format: "%.1f", r.points / r.maxPoints * 100) : "—"
            return [r.team, r.name] + (withProfile ? [r.profile ?? ""] : []) + [
                String(r.injectsReceived), String(r.injectsRead), String(r.tasksAnswered),
                String(r.outcomes["correct"] ?? 0), String(r.outcomes["partial"] ?? 0), String(r.outcomes["wrong"] ?? 0),
                String(r.outcomes["missed"] ?? 0), String(r.outcomes["pending"] ?? 0), r.points.clean, percent,
            ]
        }
        return table.render()
    }
}
