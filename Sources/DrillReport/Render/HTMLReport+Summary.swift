import DrillCore
import DrillText

/// Sections 1–5 of the HTML report: overview, summary, objectives, analysis, improvement plan.
extension HTMLReport {
    // MARK: Header and overview

    mutating func header() {
        let o = r.overview
        m.raw("<header>\n")
        let kind = t(isTeam ? .reportKindTeam : (r.audience.anonymized ? .reportKindRegionalAnonymised : .reportKindRegional))
        m.element("p", "class=\"kicker\"", t(.reportKicker, ["kind": kind]))
        m.element("h1", "dir=\"auto\"\(contentLanguage)", o.scenario.title)
        var sub: [String] = []
        if let team = r.audience.team { sub.append(team) }
        if let start = o.startedWall { sub.append(t.wallDateTime(start)) }
        sub.append(t(.reportSubTeams, ["n": o.teamCount]))
        sub.append(t(.reportSubPhase, ["phase": t.reportPhase(o.phase)]))
        m.element("p", "class=\"sub\"", sub.joined(separator: " · "))
        m.raw("<nav class=\"toc\">")
        for (id, title) in [("overview", t(.reportTocOverview)), ("summary", t(.reportTocSummary)), ("objectives", t(.reportTocObjectives)),
                            ("analysis", t(.reportTocAnalysis)), ("plan", t(.reportTocPlan)), ("timeline", t(.reportTocTimeline)),
                            ("teams", t(isTeam ? .reportTocScorecard : .reportTocScorecards)), ("response", t(.reportTocResponse)),
                            ("notes", t(.reportTocNotes)), ("tasks", t(.reportTocTasks))] {
            m.raw("<a href=\"#\(id)\">")
            m.text(title)
            m.raw("</a>")
        }
        m.raw("</nav>\n</header>\n")
    }

    mutating func overview() {
        m.raw("<dl class=\"facts\">\n")
        for f in ReportFacts.overview(r, summary: true, shortDigest: true) { fact(f.term, f.value) }
        m.raw("</dl>\n")
    }

    mutating func fact(_ term: String, _ value: String) {
        m.element("dt", "", term)
        m.element("dd", "dir=\"auto\"", value)
        m.raw("\n")
    }

    mutating func summary() {
        m.raw("<ul class=\"summary\">\n")
        for s in r.summary {
            m.raw("<li dir=\"auto\">")
            isolatingQuotes(s)
            m.raw("</li>\n")
        }
        m.raw("</ul>\n")
    }

    // MARK: Objectives and analysis

    mutating func objectives() {
        let bands = r.overview.scenario.ratings
        figure(Charts.objectiveRatings(r), caption: isTeam
               ? t(.repCaptionObjectivesTeam)
               : t(.repCaptionObjectives, ["p": t.percent(bands.p), "s": t.percent(bands.s), "m": t.percent(bands.m)]))
        m.element("p", "class=\"muted\"", t(.repSentence, ["s": HSEEPRating.allCases.map { "\($0.rawValue): \(t.rating($0).lowercased())" }.joined(separator: " · ")]))
        m.raw("<table>\n<thead><tr><th>\(col("Objective"))</th><th>\(col("Capability"))</th><th>\(col("Rating"))</th><th class=\"num\">\(col("Score"))</th><th class=\"num\">\(col("Teams P / S / M / U"))</th><th class=\"num\">\(col("Median team (middle half)"))</th><th>\(col("Evidence"))</th></tr></thead>\n<tbody>\n")
        for o in r.objectives {
            m.raw("<tr><td dir=\"auto\"\(contentLanguage)><b>")
            m.text(o.objective)
            m.raw("</b> ")
            m.text(o.title)
            m.raw("</td><td dir=\"auto\"\(contentLanguage)>")
            m.text(o.capability)
            m.raw("</td><td>")
            badge(o.rating)
            m.raw("</td>")
            num(t.share(o.percent), small: o.possiblePoints > 0 ? t(.repPointsOf, ["points": t.pts(o.points), "of": t.pts(o.possiblePoints)]) : nil)
            num("\(o.ratingCounts.p) / \(o.ratingCounts.s) / \(o.ratingCounts.m) / \(o.ratingCounts.u)")
            num(o.spread.map { t.share($0.median) } ?? "—",
                small: o.spread.map { "\(t.whole($0.q1))–" + t.percent($0.q3) })
            m.raw("<td>")
            m.text(o.tasks.isEmpty ? t(.outcomeInformational) : t(.repAssessedOn, ["teams": t(.repTeamsAssessed, ["n": o.teamsAssessed]), "n": o.tasks.count]))
            if !o.tasks.isEmpty {
                m.raw(" <span class=\"small\">")
                m.text(t.list(o.tasks))
                m.raw("</span>")
            }
            m.raw("</td></tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
        if !isTeam, !r.teams.isEmpty, !r.objectives.isEmpty, r.teams.count <= 60 {
            m.element("h3", "", t(.reportHRatingsPerTeam))
            m.raw("<table>\n<thead><tr><th>\(col("Team"))</th>")
            for o in r.objectives { m.raw("<th class=\"num\">"); m.text(o.objective); m.raw("</th>") }
            m.raw("</tr></thead>\n<tbody>\n")
            for team in r.teams {
                m.raw("<tr><td dir=\"auto\">")
                m.text(team.team)
                m.raw("</td>")
                for o in team.objectives {
                    m.raw("<td class=\"num\">")
                    badge(o.rating)
                    m.raw(" ")
                    m.text(t.whole(o.percent ?? 0))
                    m.raw("</td>")
                }
                m.raw("</tr>\n")
            }
            m.raw("</tbody>\n</table>\n")
        }
    }

    mutating func analysis() {
        if r.capabilities.isEmpty { m.element("p", "class=\"none\"", t(.reportNoneObjectives)); return }
        m.raw("<div class=\"cards\">\n")
        for c in r.capabilities {
            m.raw("<div class=\"card\">\n<h3>")
            badge(c.rating)
            m.raw(" <bdi dir=\"auto\"\(contentLanguage)>")
            m.text(c.capability)
            m.raw("</bdi> <span class=\"muted\">")
            m.text("\(t.share(c.percent)) · \(t.list(c.objectives))")
            m.raw("</span></h3>\n")
            findings(t(.reportHStrengths), c.strengths, empty: t(.reportNoneStrengths))
            findings(t(.reportHImprovements), c.improvements, empty: t(.reportNoneImprovements))
            m.raw("</div>\n")
        }
        m.raw("</div>\n")
    }

    mutating func findings(_ title: String, _ list: [Finding], empty: String) {
        m.element("h4", "", title)
        if list.isEmpty { m.element("p", "class=\"none\"", empty); return }
        m.raw("<ul>\n")
        for f in list {
            m.raw("<li dir=\"auto\">")
            if f.kind == .note {
                m.raw("<span class=\"note-kind\">")
                m.text(t(.repNoteBadge))
                m.raw("</span> ")
            }
            isolatingQuotes(f.text)
            m.raw("</li>\n")
        }
        m.raw("</ul>\n")
    }

    mutating func plan() {
        if r.improvementPlan.isEmpty { m.element("p", "class=\"none\"", t(.reportNonePlan)); return }
        m.element("p", "class=\"muted\"", t(.repPlanNote))
        m.raw("<table>\n<thead><tr><th>#</th><th>\(col("Area for improvement"))</th><th>\(col("Capability"))</th><th>\(col("Objectives"))</th><th>\(col("Corrective action"))</th><th>\(col("Owner"))</th><th>\(col("Due"))</th></tr></thead>\n<tbody>\n")
        for (k, item) in r.improvementPlan.enumerated() {
            m.raw("<tr><td class=\"num\">\(k + 1)</td><td dir=\"auto\">")
            isolatingQuotes(item.area)
            m.raw("</td><td dir=\"auto\"\(contentLanguage)>")
            m.text(item.capability)
            m.raw("</td><td>")
            m.text(t.list(item.objectives))
            m.raw("</td>")
            for value in [item.action, item.owner, item.due] {
                if let value { m.element("td", "dir=\"auto\"", value) } else { m.raw("<td class=\"blank\">…</td>") }
            }
            m.raw("</tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
    }
}
