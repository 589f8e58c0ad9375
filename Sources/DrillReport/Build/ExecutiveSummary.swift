import DrillCore
import DrillText

/// The executive summary: a few plain sentences written from the report's own figures.
struct ExecutiveSummary {
    var sentences: [String] = []

    init(report r: AfterActionReport, context c: ReportContext) {
        let o = r.overview
        let t = c.texts
        func sentence(_ s: String) -> String { t(.repSentence, ["s": s.prefix(1).uppercased() + s.dropFirst()]) }
        let date = o.startedWall.map { t(.reportSumOn, ["date": t.wallDate($0)]) } ?? ""
        let planned = t.span(o.plannedDuration)
        let actual = o.actualDuration.map { t(.reportSumTime, ["actual": t.span($0), "planned": planned]) }
            ?? t(.reportSumNoTime, ["planned": planned])
        if let team = r.teams.first, c.isTeamReport {
            sentences.append(t(.reportSumTeamWithOthers, ["team": team.team, "title": o.scenario.title, "date": date, "time": actual, "n": o.teamCount - 1]))
        } else {
            sentences.append(t(.reportSumTeams, ["title": o.scenario.title, "date": date, "time": actual, "n": o.teamCount]))
        }
        if o.phase != ExerciseState.Phase.ended.rawValue {
            sentences.append(t(.reportSumProvisional, ["phase": t.reportPhase(o.phase)]))
        } else if o.awaitingGrade > 0 {
            sentences.append(sentence(t.finality(o)))
        }
        if let absence = o.absence {
            sentences.append(sentence(t.absence(absence)))
        }
        if !o.pauses.isEmpty {
            sentences.append(t(.reportSumPaused, ["n": o.pauses.count, "total": t.span(o.pausedTotal)]))
        }
        let held = r.timeline.filter { !$0.heldAt.isEmpty }.count
        if held > 0 { sentences.append(t(.reportSumHeld, ["n": held])) }

        if let team = r.teams.first, c.isTeamReport {
            var s = t(.repSumTeamEarned, ["team": team.team, "points": t.pts(team.points), "n": team.availablePoints, "share": t.share(team.percent)])
            if let rating = team.rating { s += t(.repSumRated, ["letter": rating.rawValue, "title": t.rating(rating).lowercased()]) }
            if let rank = team.rank { s += t(.repSumRank, ["rank": rank, "of": team.of]) }
            if let median = r.region.percent?.median { s += t(.repSumMedianTeam, ["share": t.share(median)]) }
            sentences.append(sentence(s))
            let n = team.outcomes.total
            if n > 0 {
                let parts = [(team.outcomes.correct, Outcome.correct), (team.outcomes.partial, .partial), (team.outcomes.wrong, .wrong),
                             (team.outcomes.missed, .missed), (team.outcomes.pending, .pending)]
                    .filter { $0.0 > 0 }.map { t(.repCountOutcome, ["n": $0.0, "outcome": t.outcome($0.1)]) }
                sentences.append(t(.repSumOfItsTasks, ["n": n, "parts": t.list(parts)]))
            }
        } else if let percent = o.percent {
            var s = t(.repSumTeamsEarned, ["share": t.share(percent)])
            if let rating = o.rating { s += t(.repSumRatedRegion, ["letter": rating.rawValue, "title": t.rating(rating).lowercased()]) }
            if let spread = r.region.percent, spread.count > 1 {
                s += t(.repSumSpread, ["median": t.share(spread.median), "q1": t.share(spread.q1), "q3": t.share(spread.q3)])
            }
            sentences.append(sentence(s))
        }

        let rated = r.objectives.filter { $0.rating != nil }
        if !rated.isEmpty {
            let good = rated.filter { $0.rating == .p || $0.rating == .s }.count
            sentences.append(t(.repSumObjectivesGood, ["good": good, "n": rated.count]))
            let sorted = rated.enumerated().sorted { ($0.element.percent ?? 0, -$0.offset) > ($1.element.percent ?? 0, -$1.offset) }.map(\.element)
            if let best = sorted.first, let worst = sorted.last {
                if rated.count == 1 {
                    sentences.append(t(.repSumOneObjective, ["objective": Self.describe(best, t)]))
                } else if best.percent == worst.percent {
                    sentences.append(t(.repSumSameObjectives, ["share": t.share(best.percent), "letter": best.rating?.rawValue ?? "—"]))
                } else {
                    sentences.append(t(.repSumBestWorst, ["best": Self.describe(best, t), "worst": Self.describe(worst, t)]))
                }
            }
        }

        // Only among tasks most teams received: "1 of 1 teams" says little about a region.
        if !c.isTeamReport,
           let worst = r.tasks.filter({ $0.teamsReached >= max(2, (o.teamCount + 1) / 2) })
               .max(by: { (Self.missShare($0), $0.teamsReached) < (Self.missShare($1), $1.teamsReached) }),
           Self.missShare(worst) >= 0.5 {
            let k = worst.outcomes.missed + worst.outcomes.wrong
            sentences.append(t(.repSumMostMissed, ["task": worst.task, "prompt": Analysis.short(worst.prompt, limit: 70), "k": k, "n": worst.teamsReached]))
        }

        let times = r.responseTimes
        if let read = times.read.median, let answer = times.answer.median {
            let p90 = { (v: Millis?) in v.map { t(.repSumP90, ["p90": t.span($0)]) } ?? "" }
            var s = t(c.isTeamReport ? .repSumTimesTeam : .repSumTimesTeams,
                      ["read": t.span(read), "readP90": p90(times.read.p90), "answer": t.span(answer), "answerP90": p90(times.answer.p90)])
            if c.isTeamReport, let region = r.region.answerTime.median { s += t(.repSumRegionAnswer, ["answer": t.span(region)]) }
            sentences.append(sentence(s))
        }
        if !r.notes.isEmpty {
            let strengths = r.notes.filter { $0.kind == .strength }.count, improvements = r.notes.filter { $0.kind == .improvement }.count
            sentences.append(t(.reportSumNotes, ["n": r.notes.count, "s": strengths, "i": improvements]))
        }
        if !r.improvementPlan.isEmpty {
            sentences.append(t(.reportSumPlan, ["n": r.improvementPlan.count]))
        }
    }

    /// `O2 “Contain the outbreak” (S, 64.0 %)`, with the language's quotation marks.
    static func describe(_ o: ObjectiveResult, _ t: Texts) -> String {
        t(.repObjectiveDescribe, ["id": o.objective, "title": Analysis.short(o.title, limit: 70), "letter": o.rating?.rawValue ?? "—", "share": t.share(o.percent)])
    }

    static func missShare(_ t: TaskSummary) -> Double {
        t.teamsReached > 0 ? Double(t.outcomes.missed + t.outcomes.wrong) / Double(t.teamsReached) : 0
    }
}
