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
        var duration = t(.repDurationValue, ["actual": o.actualDuration.map(t.span) ?? "—", "planned": t.span(o.plannedDuration)])
        if let wall = o.wallDuration, wall > 0 { duration += t(.repClauseSeparator) + t(.repDurationWall, ["wall": t.span(wall)]) }
        facts += [
            (t(.reportFactLanguage), o.scenario.language),
            (t(.reportFactStarted), o.startedWall.map(t.wallDateTime) ?? t(.reportValueNotStarted)),
            (t(.reportFactEnded), o.endedWall.map(t.wallDateTime) ?? t(.repNotEnded, ["last": o.lastEventWall.map(t.wallDateTime) ?? "—"])),
            (t(.reportFactDuration), duration),
        ]
        if o.pauses.isEmpty {
            facts.append((t(.reportFactPauses), t(.reportValueNone)))
        } else {
            let list = o.pauses.map { p in
                p.length.map { t(.repPauseFor, ["at": ReportText.clock(p.from), "length": t.span($0)]) }
                    ?? t(p.to == nil ? .repPauseNotResumed : .repPauseAt, ["at": ReportText.clock(p.from)])
            }
            facts.append((t(.reportFactPauses), t(.repPausesValue, ["n": o.pauses.count, "total": t.span(o.pausedTotal),
                                                                   "list": list.joined(separator: t(.repClauseSeparator))])))
        }
        if r.audience.kind == .team {
            facts += [(t(.reportFactTeam), o.teams.first ?? ""), (t(.reportFactTeamsTakingPart), t.integer(o.teamCount))]
        } else {
            facts.append((t(.reportFactTeams), t.integer(o.teamCount) + ": " + t.list(o.teams)))
        }
        var journal = t(.repJournalEvents, ["n": o.events])
        if let digest = o.scenario.digest {
            journal += t(.repClauseSeparator) + t(.repScenarioDigest, ["digest": shortDigest ? "\(digest.prefix(16))…" : digest])
        }
        journal += chainHead(o, t)
        var overall = t(.repOverallValue, ["share": t.share(o.percent)])
        if let rating = o.rating { overall += " — " + t.ratingLine(rating) }
        return facts + [
            (t(.reportFactFacilitators), o.facilitators.isEmpty ? t(.reportValueNoneRecorded) : t.list(o.facilitators)),
            (t(.reportFactInjects), t(.repInjectsValue, ["released": o.injectsReleased, "planned": o.injectsPlanned, "n": o.tasksPlanned])),
            (t(.reportFactScores), t.finality(o)),
        ] + (o.absence.map { [(t(.reportFactAbsent), t.absence($0))] } ?? []) + [
            (t(.reportFactOverall), overall),
            (t(.reportFactJournal), journal),
        ]
    }

    /// `; 325 rows, chain head <64 hex>`: always whole, so `verify --report` can read it back
    /// (it looks for the one 64-hex-digit word, in any language).
    static func chainHead(_ o: Overview, _ t: Texts) -> String {
        guard let head = o.chainHead else { return "" }
        return t(.repClauseSeparator) + (o.journalRows.map { t(.repJournalRows, ["n": Int($0)]) } ?? "") + t(.repChainHead, ["head": head])
    }

    /// A team's scorecard, above its table of tasks.
    static func team(_ t: TeamReport, _ w: Texts) -> [Fact] {
        var facts: [Fact] = [(w(.reportFactPoints), w(.repPointsValue, ["points": w.pts(t.points), "released": w.pts(t.availablePoints),
                                                                        "share": w.share(t.percent), "total": w.pts(t.totalPoints),
                                                                        "totalShare": w.share(t.percentOfTotal)]))]
        if let rank = t.rank { facts.append((w(.reportFactRank), w(.repRankValue, ["rank": rank, "of": t.of]))) }
        return facts + [
            (w(.reportFactRating), w.ratingLine(t.rating)),
            (w(.reportFactOutcomes), w(.repOutcomesValue, ["c": t.outcomes.correct, "p": t.outcomes.partial, "w": t.outcomes.wrong,
                                                           "m": t.outcomes.missed, "pe": t.outcomes.pending])),
            (w(.reportFactInjects), w.injectSummary(t)),
            (w(.reportFactTimeToRead), stats(t.readTime, w)),
            (w(.reportFactTimeToAnswer), stats(t.answerTime, w)),
            (w(.reportFactHints), w.integer(t.hintsTaken)),
            (w(.reportFactMessages), w(.repMessagesValue, ["teams": t.messagesToTeams, "whiteCell": t.messagesToWhiteCell, "n": t.rfis.count])),
            (w(.reportFactObjectives), t.objectives.filter { $0.possiblePoints > 0 }
                .map { "\($0.objective) \($0.rating?.rawValue ?? "—") " + w.percent($0.percent ?? 0) }.joined(separator: " · ")),
        ]
    }

    /// The response times: the audience's, and in a team's report all teams' beside them.
    static func responseTimes(_ r: AfterActionReport) -> [Fact] {
        let t = r.texts
        var facts: [Fact] = [(t(.reportFactRead), stats(r.responseTimes.read, t)), (t(.reportFactAnswer), stats(r.responseTimes.answer, t))]
        if r.audience.kind == .team {
            facts += [(t(.reportFactAllRead), stats(r.region.readTime, t)), (t(.reportFactAllAnswer), stats(r.region.answerTime, t))]
            if let p = r.region.percent {
                facts.append((t(.reportFactAllScore), t(.repSpreadValue, ["median": t.share(p.median), "q1": t.share(p.q1), "q3": t.share(p.q3),
                                                                          "min": t.share(p.min), "max": t.share(p.max), "n": p.count])))
            }
        }
        return facts
    }

    static func stats(_ s: TimeStats, _ t: Texts) -> String {
        guard let median = s.median, let p90 = s.p90 else { return "—" }
        return t(.repStatsValue, ["median": t.span(median), "p90": t.span(p90), "n": s.count])
    }
}
