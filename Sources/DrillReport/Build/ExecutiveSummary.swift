import DrillCore
import DrillText

/// The executive summary: a few plain sentences written from the report's own figures.
struct ExecutiveSummary {
    var sentences: [String] = []

    init(report r: AfterActionReport, context c: ReportContext) {
        let o = r.overview
        let t = c.texts
        let date = o.startedWall.map { t(.reportSumOn, ["date": t.language == .en ? String($0.prefix(10)) : Self.date($0, t)]) } ?? ""
        let planned = ReportText.duration(o.plannedDuration)
        let actual = o.actualDuration.map { t(.reportSumTime, ["actual": ReportText.duration($0), "planned": planned]) }
            ?? t(.reportSumNoTime, ["planned": planned])
        if let team = r.teams.first, c.isTeamReport {
            sentences.append(t(.reportSumTeamWithOthers, ["team": team.team, "title": o.scenario.title, "date": date, "time": actual, "n": o.teamCount - 1]))
        } else {
            sentences.append(t(.reportSumTeams, ["title": o.scenario.title, "date": date, "time": actual, "n": o.teamCount]))
        }
        if o.phase != ExerciseState.Phase.ended.rawValue {
            sentences.append(t(.reportSumProvisional, ["phase": o.phase]))
        } else if o.awaitingGrade > 0 {
            sentences.append(ReportText.finality(o) + ".")
        }
        if let absence = o.absence {
            sentences.append(ReportText.absence(absence).prefix(1).uppercased() + ReportText.absence(absence).dropFirst() + ".")
        }
        if !o.pauses.isEmpty {
            sentences.append(t(.reportSumPaused, ["n": o.pauses.count, "total": ReportText.duration(o.pausedTotal)]))
        }
        let held = r.timeline.filter { !$0.heldAt.isEmpty }.count
        if held > 0 { sentences.append(t(.reportSumHeld, ["n": held])) }

        if let team = r.teams.first, c.isTeamReport {
            var s = "\(team.team) earned \(ReportText.points(team.points)) of \(ReportText.points(team.availablePoints)) points (\(ReportText.percent(team.percent)))"
            if let rating = team.rating { s += ", rated \(rating.rawValue) (\(rating.title.lowercased()))" }
            if let rank = team.rank { s += ", rank \(rank) of \(team.of)" }
            if let median = r.region.percent?.median { s += "; the median team earned \(ReportText.percent(median))" }
            sentences.append(s + ".")
            let n = team.outcomes.total
            if n > 0 {
                let parts = [(team.outcomes.correct, "correct"), (team.outcomes.partial, "partial"), (team.outcomes.wrong, "wrong"),
                             (team.outcomes.missed, "missed"), (team.outcomes.pending, "pending")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
                sentences.append("Of its \(ReportText.count(n, "task")): " + parts.joined(separator: ", ") + ".")
            }
        } else if let percent = o.percent {
            var s = "Teams earned \(ReportText.percent(percent)) of the points released to them"
            if let rating = o.rating { s += ": \(rating.title.lowercased()) (\(rating.rawValue))" }
            if let spread = r.region.percent, spread.count > 1 {
                s += "; the median team earned \(ReportText.percent(spread.median)), the middle half between \(ReportText.percent(spread.q1)) and \(ReportText.percent(spread.q3))"
            }
            sentences.append(s + ".")
        }

        let rated = r.objectives.filter { $0.rating != nil }
        if !rated.isEmpty {
            let good = rated.filter { $0.rating == .p || $0.rating == .s }.count
            sentences.append("\(good) of \(ReportText.count(rated.count, "objective")) were performed without or with some challenges (P or S).")
            let sorted = rated.enumerated().sorted { ($0.element.percent ?? 0, -$0.offset) > ($1.element.percent ?? 0, -$1.offset) }.map(\.element)
            if let best = sorted.first, let worst = sorted.last {
                if rated.count == 1 {
                    sentences.append("Objective: \(Self.describe(best)).")
                } else if best.percent == worst.percent {
                    sentences.append("Every objective scored the same: \(ReportText.percent(best.percent)) (\(best.rating?.rawValue ?? "—")).")
                } else {
                    sentences.append("Strongest objective: \(Self.describe(best)). Weakest: \(Self.describe(worst)).")
                }
            }
        }

        // Only among tasks most teams received: "1 of 1 teams" says little about a region.
        if !c.isTeamReport,
           let worst = r.tasks.filter({ $0.teamsReached >= max(2, (o.teamCount + 1) / 2) })
               .max(by: { (Self.missShare($0), $0.teamsReached) < (Self.missShare($1), $1.teamsReached) }),
           Self.missShare(worst) >= 0.5 {
            let k = worst.outcomes.missed + worst.outcomes.wrong
            sentences.append("The task most teams missed or answered wrong: \(worst.task) “\(Analysis.short(worst.prompt, limit: 70))” (\(k) of \(worst.teamsReached) teams).")
        }

        let times = r.responseTimes
        if let read = times.read.median, let answer = times.answer.median {
            let who = c.isTeamReport ? "The team" : "Teams"
            var s = "\(who) read injects a median of \(ReportText.duration(read)) after release"
            if let p90 = times.read.p90 { s += " (90th percentile \(ReportText.duration(p90)))" }
            s += " and answered a median of \(ReportText.duration(answer)) after release"
            if let p90 = times.answer.p90 { s += " (90th percentile \(ReportText.duration(p90)))" }
            if c.isTeamReport, let region = r.region.answerTime.median { s += "; all teams answered a median of \(ReportText.duration(region)) after release" }
            sentences.append(s + ".")
        }
        if !r.notes.isEmpty {
            let strengths = r.notes.filter { $0.kind == .strength }.count, improvements = r.notes.filter { $0.kind == .improvement }.count
            sentences.append(t(.reportSumNotes, ["n": r.notes.count, "s": strengths, "i": improvements]))
        }
        if !r.improvementPlan.isEmpty {
            sentences.append(t(.reportSumPlan, ["n": r.improvementPlan.count]))
        }
    }

    /// `3 décembre 2026` from an ISO 8601 wall date's first ten characters.
    static func date(_ wall: String, _ t: Texts) -> String {
        let parts = wall.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return String(wall.prefix(10)) }
        return t.date(year: parts[0], month: parts[1], day: parts[2])
    }

    static func describe(_ o: ObjectiveResult) -> String {
        "\(o.objective) “\(Analysis.short(o.title, limit: 70))” (\(o.rating?.rawValue ?? "—"), \(ReportText.percent(o.percent)))"
    }

    static func missShare(_ t: TaskSummary) -> Double {
        t.teamsReached > 0 ? Double(t.outcomes.missed + t.outcomes.wrong) / Double(t.teamsReached) : 0
    }
}
