import DrillCore

/// The term–value facts of the report's overview, of each team's scorecard and of the response
/// times, worded once for every format: HTML writes them as a definition list, Markdown as bullets.
enum ReportFacts {
    typealias Fact = (term: String, value: String)

    /// The exercise overview. `summary`: the scenario's summary as a fact (Markdown quotes it after
    /// the list instead); `shortDigest`: the scenario's SHA-256 cut to 16 digits.
    static func overview(_ r: AfterActionReport, summary: Bool, shortDigest: Bool) -> [Fact] {
        let o = r.overview
        var facts: [Fact] = [("Scenario", "\(o.scenario.title) (\(o.scenario.id))")]
        if summary, !o.scenario.summary.isEmpty { facts.append(("Summary", o.scenario.summary)) }
        facts += [
            ("Language", o.scenario.language),
            ("Started", o.startedWall.map(WallDate.readable) ?? "not started"),
            ("Ended", o.endedWall.map(WallDate.readable) ?? "not ended (last event \(o.lastEventWall.map(WallDate.readable) ?? "—"))"),
            ("Duration", "\(o.actualDuration.map(ReportText.duration) ?? "—") of exercise time, \(ReportText.duration(o.plannedDuration)) planned"
                + (o.wallDuration.flatMap { $0 > 0 ? "; \(ReportText.duration($0)) on the clock" : nil } ?? "")),
        ]
        if o.pauses.isEmpty {
            facts.append(("Pauses", "none"))
        } else {
            let list = o.pauses.map { p in
                "at \(ReportText.clock(p.from))" + (p.length.map { " for \(ReportText.duration($0))" } ?? (p.to == nil ? " (not resumed)" : ""))
            }
            facts.append(("Pauses", "\(o.pauses.count), \(ReportText.duration(o.pausedTotal)) in all: " + list.joined(separator: "; ")))
        }
        if r.audience.kind == .team {
            facts += [("Team", o.teams.first ?? ""), ("Teams taking part", "\(o.teamCount)")]
        } else {
            facts.append(("Teams", "\(o.teamCount): " + o.teams.joined(separator: ", ")))
        }
        let digest = o.scenario.digest.map { "; scenario sha256 " + (shortDigest ? "\($0.prefix(16))…" : $0) } ?? ""
        return facts + [
            ("Facilitators", o.facilitators.isEmpty ? "none recorded" : o.facilitators.joined(separator: ", ")),
            ("Injects", "\(o.injectsReleased) released of \(o.injectsPlanned) planned; \(o.tasksPlanned) tasks"),
            ("Scores", ReportText.finality(o)),
        ] + (o.absence.map { [("Absent teams", ReportText.absence($0))] } ?? []) + [
            ("Overall", "\(ReportText.percent(o.percent)) of the points released" + (o.rating.map { " — \($0.rawValue), \($0.title.lowercased())" } ?? "")),
            ("Journal", "\(o.events) events" + digest + chainHead(o)),
        ]
    }

    /// `; 325 rows, chain head <64 hex>`: always whole, so `verify --report` can read it back.
    static func chainHead(_ o: Overview) -> String {
        guard let head = o.chainHead else { return "" }
        return "; " + (o.journalRows.map { "\($0) rows, " } ?? "") + "chain head " + head
    }

    /// A team's scorecard, above its table of tasks.
    static func team(_ t: TeamReport) -> [Fact] {
        var facts: [Fact] = [("Points", "\(ReportText.points(t.points)) of \(ReportText.points(t.availablePoints)) released (\(ReportText.percent(t.percent))); \(ReportText.points(t.totalPoints)) could be reached (\(ReportText.percent(t.percentOfTotal)))")]
        if let rank = t.rank { facts.append(("Rank", "\(rank) of \(t.of)")) }
        return facts + [
            ("Rating", t.rating.map { "\($0.rawValue) — \($0.title.lowercased())" } ?? "not assessed"),
            ("Outcomes", "\(t.outcomes.correct) correct, \(t.outcomes.partial) partial, \(t.outcomes.wrong) wrong, \(t.outcomes.missed) missed, \(t.outcomes.pending) pending"),
            ("Injects", t.injectSummary),
            ("Time to read", stats(t.readTime)),
            ("Time to answer", stats(t.answerTime)),
            ("Hints taken", "\(t.hintsTaken)"),
            ("Messages", "\(t.messagesToTeams) to other teams, \(t.messagesToWhiteCell) to the white cell, \(t.rfis.count) requests for information"),
            ("Objectives", t.objectives.filter { $0.possiblePoints > 0 }.map { "\($0.objective) \($0.rating?.rawValue ?? "—") \(ReportText.decimal($0.percent ?? 0, places: 0)) %" }.joined(separator: " · ")),
        ]
    }

    /// The response times: the audience's, and in a team's report all teams' beside them.
    static func responseTimes(_ r: AfterActionReport) -> [Fact] {
        var facts: [Fact] = [("Read", stats(r.responseTimes.read)), ("Answer", stats(r.responseTimes.answer))]
        if r.audience.kind == .team {
            facts += [("All teams: read", stats(r.region.readTime)), ("All teams: answer", stats(r.region.answerTime))]
            if let p = r.region.percent {
                facts.append(("All teams: score", "median \(ReportText.percent(p.median)), middle half \(ReportText.percent(p.q1)) – \(ReportText.percent(p.q3)), range \(ReportText.percent(p.min)) – \(ReportText.percent(p.max)) (\(p.count) teams)"))
            }
        }
        return facts
    }

    static func stats(_ s: TimeStats) -> String {
        guard let median = s.median, let p90 = s.p90 else { return "—" }
        return "median \(ReportText.duration(median)), 90th percentile \(ReportText.duration(p90)) (\(s.count))"
    }
}
