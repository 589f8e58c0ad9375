import DrillCore

extension GradeHistory {
    /// Every task of a shown team that was graded more than once or reopened, in team report
    /// order and scenario order (grade17).
    static func all(_ c: ReportContext) -> [GradeHistory] {
        var out: [GradeHistory] = []
        for team in c.shownTeams {
            guard let progress = c.state.teams[team.team]?.progress else { continue }
            for (ref, p) in progress where p.grades.count > 1 || !p.reopens.isEmpty {
                let points = c.state.index.task(ref)?.points ?? 0
                var steps: [(Millis, Int, GradeStep)] = []
                for g in p.grades {
                    steps.append((g.time, steps.count, GradeStep(at: g.time, by: c.text(Self.name(g.by)), kind: g.via == nil ? .grade : .outcome,
                                                                 score: g.score, points: points * g.score, via: g.via, window: nil, text: c.text(g.comment))))
                }
                for r in p.reopens {
                    steps.append((r.time, steps.count, GradeStep(at: r.time, by: c.text(Self.name(r.by)), kind: .reopen, score: nil, points: nil,
                                                                 via: nil, window: r.window, text: c.text(r.reason))))
                }
                steps.sort { ($0.0, $0.1) < ($1.0, $1.1) }
                out.append(GradeHistory(team: c.labels.label(team.team), task: ref.description, steps: steps.map(\.2)))
            }
        }
        return out
    }

    /// `facilitator:ana` → `ana`.
    static func name(_ actor: String) -> String {
        if case .facilitator(let name)? = Actor(parsing: actor) { return name }
        return actor
    }
}
