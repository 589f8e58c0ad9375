import DrillCore
import DrillText

/// The term–value facts of the report's overview, of each team's scorecard and of the response
/// times, worded once for every format: HTML writes them as a definition list, Markdown as bullets.
enum ReportFacts {
    typealias Fact = (term: String, value: String)

    /// The exercise overview. `summary`: the scenario's summary as a fact (Markdown quotes it after
    /// the list instead); `shortDigest`: the scenario's SHA-256 cut to 16 digits.
    static func overview(_ r: AfterActionReport, summary: Bool, shortDigest: Bool) -> [Fact] {
        let o = r.overview
        let t = r.texts
        var facts: [Fact] = [(t(.reportFactScenario), "\(o.scenario.title) (\(o.scenario.id))")]
        if summary, !o.scenario.summary.isEmpty { facts.append((t(.reportFactSummary), o.scenario.summary)) }
        facts += [
            (t(.reportFactLanguage), o.scenario.language),
            (t(.reportFactStarted), o.startedWall.map(WallDate.readable) ?? t(.reportValueNotStarted)),
            (t(.reportFactEnded), o.endedWall.map(WallDate.readable) ?? "not ended (last event \(o.lastEventWall.map(WallDate.readable) ?? "—"))"),
            (t(.reportFactDuration), "\(o.actualDuration.map(ReportText.duration) ?? "—") of exercise time, \(ReportText.duration(o.plannedDuration)) planned"
                + (o.wallDuration.flatMap { $0 > 0 ? "; \(ReportText.duration($0)) on the clock" : nil } ?? "")),
        ]
        if o.pauses.isEmpty {
            facts.append((t(.reportFactPauses), t(.reportValueNone)))
        } else {
            let list = o.pauses.map { p in
                "at \(ReportText.clock(p.from))" + (p.length.map { " for \(ReportText.duration($0))" } ?? (p.to == nil ? " (not resumed)" : ""))
            }
            facts.append((t(.reportFactPauses), "\(o.pauses.count), \(ReportText.duration(o.pausedTotal)) in all: " + list.joined(separator: "; ")))
        }
        if r.audience.kind == .team {
            facts += [(t(.reportFactTeam), o.teams.first ?? ""), (t(.reportFactTeamsTakingPart), "\(o.teamCount)")]
        } else {
            facts.append((t(.reportFactTeams), "\(o.teamCount): " + o.teams.joined(separator: ", ")))
        }
        let digest = o.scenario.digest.map { "; scenario sha256 " + (shortDigest ? "\($0.prefix(16))…" : $0) } ?? ""
        return facts + [
            (t(.reportFactFacilitators), o.facilitators.isEmpty ? t(.reportValueNoneRecorded) : o.facilitators.joined(separator: ", ")),
            (t(.reportFactInjects), "\(o.injectsReleased) released of \(o.injectsPlanned) planned; \(o.tasksPlanned) tasks"),
            (t(.reportFactScores), ReportText.finality(o)),
        ] + (o.absence.map { [(t(.reportFactAbsent), ReportText.absence($0))] } ?? []) + [
            (t(.reportFactOverall), "\(ReportText.percent(o.percent)) of the points released" + (o.rating.map { " — \($0.rawValue), \($0.title.lowercased())" } ?? "")),
            (t(.reportFactJournal), "\(o.events) events" + digest + chainHead(o)),
        ]
    }

    /// `; 325 rows, chain head <64 hex>`: always whole, so `verify --report` can read it back.
    static func chainHead(_ o: Overview) -> String {
        guard let head = o.chainHead else { return "" }
        return "; " + (o.journalRows.map { "\($0) rows, " } ?? "") + "chain head " + head
    }

    /// A team's scorecard, above its table of tasks.
    static func team(_ t: TeamReport, _ w: Texts) -> [Fact] {
        var facts: [Fact] = [(w(.reportFactPoints), "\(ReportText.points(t.points)) of \(ReportText.points(t.availablePoints)) released (\(ReportText.percent(t.percent))); \(ReportText.points(t.totalPoints)) could be reached (\(ReportText.percent(t.percentOfTotal)))")]
        if let rank = t.rank { facts.append((w(.reportFactRank), "\(rank) of \(t.of)")) }
        return facts + [
            (w(.reportFactRating), t.rating.map { "\($0.rawValue) — \($0.title.lowercased())" } ?? "not assessed"),
            (w(.reportFactOutcomes), "\(t.outcomes.correct) correct, \(t.outcomes.partial) partial, \(t.outcomes.wrong) wrong, \(t.outcomes.missed) missed, \(t.outcomes.pending) pending"),
            (w(.reportFactInjects), t.injectSummary),
            (w(.reportFactTimeToRead), stats(t.readTime)),
            (w(.reportFactTimeToAnswer), stats(t.answerTime)),
            (w(.reportFactHints), "\(t.hintsTaken)"),
            (w(.reportFactMessages), "\(t.messagesToTeams) to other teams, \(t.messagesToWhiteCell) to the white cell, \(t.rfis.count) requests for information"),
            (w(.reportFactObjectives), t.objectives.filter { $0.possiblePoints > 0 }.map { "\($0.objective) \($0.rating?.rawValue ?? "—") \(ReportText.decimal($0.percent ?? 0, places: 0)) %" }.joined(separator: " · ")),
        ]
    }

    /// The response times: the audience's, and in a team's report all teams' beside them.
    static func responseTimes(_ r: AfterActionReport) -> [Fact] {
        let t = r.texts
        var facts: [Fact] = [(t(.reportFactRead), stats(r.responseTimes.read)), (t(.reportFactAnswer), stats(r.responseTimes.answer))]
        if r.audience.kind == .team {
            facts += [(t(.reportFactAllRead), stats(r.region.readTime)), (t(.reportFactAllAnswer), stats(r.region.answerTime))]
            if let p = r.region.percent {
                facts.append((t(.reportFactAllScore), "median \(ReportText.percent(p.median)), middle half \(ReportText.percent(p.q1)) – \(ReportText.percent(p.q3)), range \(ReportText.percent(p.min)) – \(ReportText.percent(p.max)) (\(p.count) teams)"))
            }
        }
        return facts
    }

    static func stats(_ s: TimeStats) -> String {
        guard let median = s.median, let p90 = s.p90 else { return "—" }
        return "median \(ReportText.duration(median)), 90th percentile \(ReportText.duration(p90)) (\(s.count))"
    }
}
