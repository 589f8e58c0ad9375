import DrillCore

extension AfterActionReport {
    /// One self-contained HTML file: inline CSS and SVG, no script, nothing fetched. It is also
    /// well-formed XML (every text escaped, every element closed), so it can be checked as such.
    public func html() -> String {
        var h = HTMLReport(self)
        h.write()
        return h.m.out
    }
}

struct HTMLReport {
    let r: AfterActionReport
    var m: Markup
    let taskIndex: [String: TaskSummary]
    var isTeam: Bool { r.audience.kind == .team }

    init(_ report: AfterActionReport) {
        r = report
        let taskRows = report.teams.reduce(0) { $0 + $1.tasks.count }
        m = Markup(capacity: 64_000 + taskRows * 420)
        taskIndex = Dictionary(report.tasks.map { ($0.task, $0) }, uniquingKeysWith: { a, _ in a })
    }

    mutating func write() {
        let o = r.overview
        m.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
        m.text(o.scenario.language)
        m.raw("\" dir=\"\(o.scenario.direction == "rtl" ? "rtl" : "ltr")\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        m.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>")
        m.text("After-action report: " + o.scenario.title + (r.audience.team.map { " — " + $0 } ?? ""))
        m.raw("</title>\n<style>\n")
        m.raw(HTMLStyle.css)
        m.raw("\n</style>\n</head>\n<body>\n")
        header()
        section("overview", "1. Exercise overview") { $0.overview() }
        section("summary", "2. Executive summary") { $0.summary() }
        section("objectives", "3. Objectives and ratings") { $0.objectives() }
        section("analysis", "4. Analysis of capabilities") { $0.analysis() }
        section("plan", "5. Improvement plan") { $0.plan() }
        section("timeline", "6. Inject timeline") { $0.timeline() }
        section("teams", isTeam ? "7. Team scorecard" : "7. Team scorecards") { $0.teams() }
        section("response", "8. Response times") { $0.responseTimes() }
        section("notes", "9. Facilitator notes") { $0.notes() }
        section("tasks", "Appendix: every task") { $0.tasks() }
        m.raw("<footer>")
        m.text("Written by cyberdrill from the exercise journal alone (format \(r.format))"
               + (o.scenario.digest.map { "; scenario digest sha256:\($0)" } ?? "") + ".")
        m.raw("</footer>\n</body>\n</html>\n")
    }

    private mutating func section(_ id: String, _ title: String, _ body: (inout HTMLReport) -> Void) {
        m.raw("<section id=\"\(id)\">\n")
        m.element("h2", "", title)
        m.raw("\n")
        body(&self)
        m.raw("</section>\n")
    }

    // MARK: Header and overview

    private mutating func header() {
        let o = r.overview
        m.raw("<header>\n")
        let kind = isTeam ? "Team report" : (r.audience.anonymized ? "Regional report (anonymised)" : "Regional report")
        m.element("p", "class=\"kicker\"", "After-action report and improvement plan · " + kind)
        m.element("h1", "dir=\"auto\"", o.scenario.title)
        var sub: [String] = []
        if let team = r.audience.team { sub.append(team) }
        if let start = o.startedWall { sub.append(WallDate.readable(start)) }
        sub.append(ReportText.count(o.teamCount, "team"))
        sub.append("phase: \(o.phase)")
        m.element("p", "class=\"sub\"", sub.joined(separator: " · "))
        m.raw("<nav class=\"toc\">")
        for (id, title) in [("overview", "Overview"), ("summary", "Summary"), ("objectives", "Objectives"), ("analysis", "Analysis"),
                            ("plan", "Improvement plan"), ("timeline", "Timeline"), ("teams", isTeam ? "Scorecard" : "Scorecards"),
                            ("response", "Response times"), ("notes", "Notes"), ("tasks", "Tasks")] {
            m.raw("<a href=\"#\(id)\">")
            m.text(title)
            m.raw("</a>")
        }
        m.raw("</nav>\n</header>\n")
    }

    private mutating func overview() {
        let o = r.overview
        m.raw("<dl class=\"facts\">\n")
        fact("Scenario", "\(o.scenario.title) (\(o.scenario.id))")
        if !o.scenario.summary.isEmpty { fact("Summary", o.scenario.summary) }
        fact("Language", o.scenario.language)
        fact("Started", o.startedWall.map(WallDate.readable) ?? "not started")
        fact("Ended", o.endedWall.map(WallDate.readable) ?? "not ended (last event \(o.lastEventWall.map(WallDate.readable) ?? "—"))")
        fact("Duration", "\(o.actualDuration.map(ReportText.duration) ?? "—") of exercise time, \(ReportText.duration(o.plannedDuration)) planned"
             + (o.wallDuration.flatMap { $0 > 0 ? "; \(ReportText.duration($0)) on the clock" : nil } ?? ""))
        if o.pauses.isEmpty {
            fact("Pauses", "none")
        } else {
            let list = o.pauses.map { p in
                "at \(ReportText.clock(p.from))" + (p.length.map { " for \(ReportText.duration($0))" } ?? (p.to == nil ? " (not resumed)" : ""))
            }
            fact("Pauses", "\(o.pauses.count), \(ReportText.duration(o.pausedTotal)) in all: " + list.joined(separator: "; "))
        }
        if isTeam {
            fact("Team", o.teams.first ?? "")
            fact("Teams taking part", "\(o.teamCount)")
        } else {
            fact("Teams", "\(o.teamCount): " + o.teams.joined(separator: ", "))
        }
        fact("Facilitators", o.facilitators.isEmpty ? "none recorded" : o.facilitators.joined(separator: ", "))
        fact("Injects", "\(o.injectsReleased) released of \(o.injectsPlanned) planned; \(o.tasksPlanned) tasks")
        fact("Overall", "\(ReportText.percent(o.percent)) of the points released" + (o.rating.map { " — \($0.rawValue), \($0.title.lowercased())" } ?? ""))
        fact("Journal", "\(o.events) events" + (o.scenario.digest.map { "; scenario sha256 \($0.prefix(16))…" } ?? ""))
        m.raw("</dl>\n")
    }

    private mutating func fact(_ term: String, _ value: String) {
        m.element("dt", "", term)
        m.element("dd", "dir=\"auto\"", value)
        m.raw("\n")
    }

    private mutating func summary() {
        m.raw("<ul class=\"summary\">\n")
        for s in r.summary {
            m.raw("<li dir=\"auto\">")
            isolatingQuotes(s)
            m.raw("</li>\n")
        }
        m.raw("</ul>\n")
    }

    // MARK: Objectives and analysis

    private mutating func objectives() {
        figure(Charts.objectiveRatings(r), caption: isTeam
               ? "The team's share of each objective's points, over the HSEEP bands; whiskers show the middle half of all teams."
               : "Share of each objective's points earned by all teams together, over the HSEEP bands (P ≥ \(ReportText.points(r.overview.scenario.ratings.p)) %, S ≥ \(ReportText.points(r.overview.scenario.ratings.s)) %, M ≥ \(ReportText.points(r.overview.scenario.ratings.m)) %).")
        m.element("p", "class=\"muted\"", HSEEPRating.allCases.map { "\($0.rawValue): \($0.title.lowercased())" }.joined(separator: " · ") + ".")
        m.raw("<table>\n<thead><tr><th>Objective</th><th>Capability</th><th>Rating</th><th class=\"num\">Score</th><th class=\"num\">Teams P / S / M / U</th><th class=\"num\">Median team (middle half)</th><th>Evidence</th></tr></thead>\n<tbody>\n")
        for o in r.objectives {
            m.raw("<tr><td dir=\"auto\"><b>")
            m.text(o.objective)
            m.raw("</b> ")
            m.text(o.title)
            m.raw("</td><td dir=\"auto\">")
            m.text(o.capability)
            m.raw("</td><td>")
            badge(o.rating)
            m.raw("</td>")
            num(ReportText.percent(o.percent), small: o.possiblePoints > 0 ? "\(ReportText.points(o.points)) of \(ReportText.points(o.possiblePoints))" : nil)
            num("\(o.ratingCounts.p) / \(o.ratingCounts.s) / \(o.ratingCounts.m) / \(o.ratingCounts.u)")
            num(o.spread.map { ReportText.percent($0.median) } ?? "—",
                small: o.spread.map { "\(ReportText.decimal($0.q1, places: 0))–\(ReportText.decimal($0.q3, places: 0)) %" })
            m.raw("<td>")
            m.text(o.tasks.isEmpty ? "no task" : "\(ReportText.count(o.teamsAssessed, "team")) assessed on \(ReportText.count(o.tasks.count, "task")):")
            if !o.tasks.isEmpty {
                m.raw(" <span class=\"small\">")
                m.text(o.tasks.joined(separator: ", "))
                m.raw("</span>")
            }
            m.raw("</td></tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
        if !isTeam, !r.teams.isEmpty, !r.objectives.isEmpty, r.teams.count <= 60 {
            m.element("h3", "", "Ratings per team")
            m.raw("<table>\n<thead><tr><th>Team</th>")
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
                    m.text(ReportText.decimal(o.percent ?? 0, places: 0))
                    m.raw("</td>")
                }
                m.raw("</tr>\n")
            }
            m.raw("</tbody>\n</table>\n")
        }
    }

    private mutating func analysis() {
        if r.capabilities.isEmpty { m.element("p", "class=\"none\"", "The scenario names no objectives, so no capability is assessed."); return }
        m.raw("<div class=\"cards\">\n")
        for c in r.capabilities {
            m.raw("<div class=\"card\">\n<h3 dir=\"auto\">")
            badge(c.rating)
            m.raw(" ")
            m.text(c.capability)
            m.raw(" <span class=\"muted\">")
            m.text("\(ReportText.percent(c.percent)) · \(c.objectives.joined(separator: ", "))")
            m.raw("</span></h3>\n")
            findings("Strengths", c.strengths, empty: "No strength stands out from the scores.")
            findings("Areas for improvement", c.improvements, empty: "No area for improvement stands out from the scores.")
            m.raw("</div>\n")
        }
        m.raw("</div>\n")
    }

    private mutating func findings(_ title: String, _ list: [Finding], empty: String) {
        m.element("h4", "", title)
        if list.isEmpty { m.element("p", "class=\"none\"", empty); return }
        m.raw("<ul>\n")
        for f in list {
            m.raw("<li dir=\"auto\">")
            if f.kind == .note { m.raw("<span class=\"note-kind\">note</span> ") }
            isolatingQuotes(f.text)
            m.raw("</li>\n")
        }
        m.raw("</ul>\n")
    }

    private mutating func plan() {
        if r.improvementPlan.isEmpty { m.element("p", "class=\"none\"", "No area for improvement was found."); return }
        m.element("p", "class=\"muted\"", "Corrective actions, owners and due dates come from facilitator notes (action:, owner:, due:); blank cells are to be filled in.")
        m.raw("<table>\n<thead><tr><th>#</th><th>Area for improvement</th><th>Capability</th><th>Objectives</th><th>Corrective action</th><th>Owner</th><th>Due</th></tr></thead>\n<tbody>\n")
        for (k, item) in r.improvementPlan.enumerated() {
            m.raw("<tr><td class=\"num\">\(k + 1)</td><td dir=\"auto\">")
            isolatingQuotes(item.area)
            m.raw("</td><td dir=\"auto\">")
            m.text(item.capability)
            m.raw("</td><td>")
            m.text(item.objectives.joined(separator: ", "))
            m.raw("</td>")
            for value in [item.action, item.owner, item.due] {
                if let value { m.element("td", "dir=\"auto\"", value) } else { m.raw("<td class=\"blank\">…</td>") }
            }
            m.raw("</tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
    }

    // MARK: Timeline

    private mutating func timeline() {
        figure(Charts.heatmap(r), caption: "Outcome of each inject's tasks per team: ✓ all correct, ½ partly, ✗ wrong, – missed, … pending, · not released.")
        let own = isTeam ? Dictionary((r.teams.first?.injects ?? []).map { ($0.inject, $0) }, uniquingKeysWith: { a, _ in a }) : [:]
        m.raw("<table>\n<thead><tr><th class=\"num\">Planned</th><th>Inject</th><th>Title</th><th>Trigger</th>")
        if isTeam { m.raw("<th class=\"num\">Released to the team</th><th class=\"num\">Read after</th><th>Result</th>") }
        // A team report leaves out when the others received it: its own release is beside it.
        if !isTeam { m.raw("<th class=\"num\">Released (first – last)</th><th class=\"num\">Median delay</th>") }
        m.raw("<th class=\"num\">Teams</th><th>Held</th><th class=\"num\">Mean score</th></tr></thead>\n<tbody>\n")
        for e in r.timeline {
            m.raw("<tr>")
            num(e.plannedAt.map(DurationText.clock).map { (e.isBranch ? "≥ " : "") + $0 } ?? "?")
            m.raw("<td class=\"id\">")
            m.text(e.inject)
            m.raw("</td><td dir=\"auto\">")
            m.text(e.title)
            m.raw("</td><td>")
            m.text(e.trigger)
            m.raw("</td>")
            if isTeam {
                if let mine = own[e.inject] {
                    num(DurationText.clock(mine.releasedAt) + (mine.delay.map { $0 != 0 ? " (\($0 > 0 ? "+" : "")\(ReportText.duration($0)))" : "" } ?? ""))
                    num(mine.readAt.map { ReportText.duration($0 - mine.releasedAt) } ?? "unread")
                    outcomeCell(mine.result, label: mine.result == nil ? "no task" : nil)
                } else {
                    num("not released")
                    num("")
                    m.raw("<td></td>")
                }
            }
            if !isTeam {
                if let first = e.firstReleasedAt, let last = e.lastReleasedAt {
                    num(first == last ? DurationText.clock(first) : "\(DurationText.clock(first)) – \(DurationText.clock(last))")
                } else {
                    num("not released")
                }
                num(e.medianDelay.map { $0 == 0 ? "on time" : ($0 > 0 ? "+" : "") + ReportText.duration($0) } ?? "—")
            }
            num("\(e.teamsReached) of \(e.teamsAddressed)")
            m.raw("<td>")
            m.text(e.heldAt.isEmpty ? (e.manualReleases > 0 ? "released by hand" : "") : "held at " + e.heldAt.map(DurationText.clock).joined(separator: ", ")
                   + (e.manualReleases > 0 ? "; released by hand" : ""))
            m.raw("</td>")
            num(ReportText.percent(e.averagePercent))
            m.raw("</tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
        if !r.overview.pauses.isEmpty {
            m.element("p", "class=\"muted\"", "Exercise time stands still while paused: "
                      + r.overview.pauses.map { p in "paused at \(ReportText.clock(p.from))" + (p.length.map { " for \(ReportText.duration($0))" } ?? "") }.joined(separator: "; ") + ".")
        }
    }

    // MARK: Teams

    private mutating func teams() {
        figure(Charts.scoreOverTime(r), caption: isTeam
               ? "The team's cumulative points over exercise time, against the median and middle half of all teams."
               : "Cumulative points of each team over exercise time, stepping up at each answer that earned points.")
        if !isTeam {
            m.raw("<table>\n<thead><tr>")
            if !r.audience.anonymized { m.raw("<th class=\"num\">Rank</th>") }
            m.raw("<th>Team</th><th class=\"num\">Points</th><th class=\"num\">Score</th><th>Rating</th><th class=\"num\">✓ ½ ✗ – …</th><th class=\"num\">Read (median)</th><th class=\"num\">Answer (median / p90)</th><th class=\"num\">Hints</th><th class=\"num\">Messages to teams</th><th class=\"num\">RFIs</th></tr></thead>\n<tbody>\n")
            for (k, t) in r.teams.enumerated() {
                m.raw("<tr>")
                if let rank = t.rank { num("\(rank)") }
                m.raw("<td dir=\"auto\"><a href=\"#team-\(k + 1)\">")
                m.text(t.team)
                m.raw("</a></td>")
                num("\(ReportText.points(t.points)) / \(ReportText.points(t.availablePoints))")
                num(ReportText.percent(t.percent))
                m.raw("<td>")
                badge(t.rating)
                m.raw("</td>")
                num("\(t.outcomes.correct) \(t.outcomes.partial) \(t.outcomes.wrong) \(t.outcomes.missed) \(t.outcomes.pending)")
                num(t.readTime.median.map(ReportText.duration) ?? "—")
                num((t.answerTime.median.map(ReportText.duration) ?? "—") + " / " + (t.answerTime.p90.map(ReportText.duration) ?? "—"))
                num("\(t.hintsTaken)")
                num("\(t.messagesToTeams)")
                num("\(t.rfis.count)")
                m.raw("</tr>\n")
            }
            m.raw("</tbody>\n</table>\n")
        }
        for (k, t) in r.teams.enumerated() { team(t, number: k + 1) }
    }

    private mutating func team(_ t: TeamReport, number: Int) {
        m.raw("<section class=\"team\" id=\"team-\(number)\">\n<h3 dir=\"auto\">")
        m.text(t.team)
        if let id = t.id {
            m.raw(" <span class=\"muted\">")
            m.text(id + (t.country.map { $0.isEmpty ? "" : " · " + $0 } ?? ""))
            m.raw("</span>")
        }
        m.raw("</h3>\n<dl class=\"facts\">\n")
        fact("Points", "\(ReportText.points(t.points)) of \(ReportText.points(t.availablePoints)) released (\(ReportText.percent(t.percent))); \(ReportText.points(t.totalPoints)) could be reached (\(ReportText.percent(t.percentOfTotal)))")
        if let rank = t.rank { fact("Rank", "\(rank) of \(t.of)") }
        fact("Rating", t.rating.map { "\($0.rawValue) — \($0.title.lowercased())" } ?? "not assessed")
        fact("Outcomes", "\(t.outcomes.correct) correct, \(t.outcomes.partial) partial, \(t.outcomes.wrong) wrong, \(t.outcomes.missed) missed, \(t.outcomes.pending) pending")
        fact("Injects", t.injectSummary)
        fact("Time to read", Self.stats(t.readTime))
        fact("Time to answer", Self.stats(t.answerTime))
        fact("Hints taken", "\(t.hintsTaken)")
        fact("Messages", "\(t.messagesToTeams) to other teams, \(t.messagesToWhiteCell) to the white cell, \(t.rfis.count) requests for information")
        fact("Objectives", t.objectives.filter { $0.possiblePoints > 0 }.map { "\($0.objective) \($0.rating?.rawValue ?? "—") \(ReportText.decimal($0.percent ?? 0, places: 0)) %" }.joined(separator: " · "))
        m.raw("</dl>\n<table>\n<thead><tr><th>Task</th><th>Outcome</th><th class=\"num\">Points</th><th>Reason</th><th class=\"num\">Released</th><th class=\"num\">Read after</th><th class=\"num\">Answered after</th></tr></thead>\n<tbody>\n")
        for task in t.tasks {
            m.raw("<tr><td class=\"id\">")
            m.text(task.task)
            m.raw("</td>")
            outcomeCell(task.outcome, label: nil)
            m.raw("<td class=\"num\">")
            m.text(ReportText.points(task.points))
            m.raw(" / ")
            m.text(ReportText.points(task.maxPoints))
            m.raw("</td><td>")
            m.text(task.reason)
            m.raw("</td><td class=\"num\">")
            m.text(ReportText.clock(task.releasedAt))
            m.raw("</td><td class=\"num\">")
            m.text(task.timeToRead.map(ReportText.duration) ?? "—")
            m.raw("</td><td class=\"num\">")
            m.text(task.timeToAnswer.map(ReportText.duration) ?? "—")
            m.raw("</td></tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
        if !t.rfis.isEmpty {
            m.element("h4", "", "Requests for information")
            m.raw("<table>\n<thead><tr><th class=\"num\">Asked</th><th>Question</th><th>Answer</th><th class=\"num\">Answered after</th></tr></thead>\n<tbody>\n")
            for rfi in t.rfis {
                m.raw("<tr>")
                num(DurationText.clock(rfi.at))
                m.element("td", "dir=\"auto\"", rfi.question)
                if let answer = rfi.answer { m.element("td", "dir=\"auto\"", answer) } else { m.raw("<td class=\"none\">not answered</td>") }
                num(rfi.answeredAt.map { ReportText.duration($0 - rfi.at) } ?? "—")
                m.raw("</tr>\n")
            }
            m.raw("</tbody>\n</table>\n")
        }
        m.raw("</section>\n")
    }

    static func stats(_ s: TimeStats) -> String {
        guard let median = s.median, let p90 = s.p90 else { return "—" }
        return "median \(ReportText.duration(median)), 90th percentile \(ReportText.duration(p90)) (\(s.count))"
    }

    // MARK: Response times, notes, tasks

    private mutating func responseTimes() {
        figure(Charts.responseTimes(r), caption: "Minutes from an inject's release to its first read, and to each task's answer.")
        m.raw("<dl class=\"facts\">\n")
        fact("Read", Self.stats(r.responseTimes.read))
        fact("Answer", Self.stats(r.responseTimes.answer))
        if isTeam {
            fact("All teams: read", Self.stats(r.region.readTime))
            fact("All teams: answer", Self.stats(r.region.answerTime))
            if let p = r.region.percent {
                fact("All teams: score", "median \(ReportText.percent(p.median)), middle half \(ReportText.percent(p.q1)) – \(ReportText.percent(p.q3)), range \(ReportText.percent(p.min)) – \(ReportText.percent(p.max)) (\(p.count) teams)")
            }
        }
        m.raw("</dl>\n")
    }

    private mutating func notes() {
        if r.notes.isEmpty { m.element("p", "class=\"none\"", "No facilitator notes were recorded."); return }
        m.raw("<table>\n<thead><tr><th class=\"num\">Time</th><th>Kind</th><th>About</th><th>Note</th><th>By</th></tr></thead>\n<tbody>\n")
        for n in r.notes {
            m.raw("<tr>")
            num(DurationText.clock(n.at))
            m.element("td", "", n.kind.rawValue)
            m.element("td", "dir=\"auto\"", ([n.inject, n.team].compactMap { $0 } + n.capabilities).joined(separator: ", "))
            var text = n.text
            for (k, v) in [("action", n.action), ("owner", n.owner), ("due", n.due)] { if let v { text += " — \(k): \(v)" } }
            m.element("td", "dir=\"auto\"", text)
            m.element("td", "dir=\"auto\"", n.by)
            m.raw("</tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
    }

    private mutating func tasks() {
        m.raw("<table>\n<thead><tr><th>Task</th><th>Type</th><th>Prompt</th><th>Objectives</th><th class=\"num\">Teams</th><th class=\"num\">✓ ½ ✗ – …</th><th class=\"num\">Mean score</th><th class=\"num\">Late</th><th class=\"num\">Hints</th><th class=\"num\">Answer (median)</th></tr></thead>\n<tbody>\n")
        for t in r.tasks {
            m.raw("<tr><td class=\"id\">")
            m.text(t.task)
            m.raw("</td>")
            m.element("td", "", t.type)
            m.element("td", "dir=\"auto\"", t.prompt)
            m.element("td", "", t.objectives.joined(separator: ", "))
            num("\(t.teamsReached)")
            num("\(t.outcomes.correct) \(t.outcomes.partial) \(t.outcomes.wrong) \(t.outcomes.missed) \(t.outcomes.pending)")
            num(ReportText.percent(t.averagePercent))
            num("\(t.answeredLate)")
            num("\(t.tookHints)")
            num(t.answerTime.median.map(ReportText.duration) ?? "—")
            m.raw("</tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
    }

    // MARK: Pieces

    private mutating func figure(_ svg: String, caption: String) {
        m.raw("<figure>\n")
        m.raw(svg)
        m.raw("\n")
        m.element("figcaption", "", caption)
        m.raw("\n</figure>\n")
    }

    /// Text whose “quoted” passages (prompts, titles in the scenario's language) are isolated
    /// with `<bdi>`, so a right-to-left quote inside an English sentence keeps the sentence in order.
    private mutating func isolatingQuotes(_ text: String) {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "“"), let close = rest[open...].firstIndex(of: "”") {
            m.text(String(rest[...open]))
            m.raw("<bdi>")
            m.text(String(rest[rest.index(after: open)..<close]))
            m.raw("</bdi>”")
            rest = rest[rest.index(after: close)...]
        }
        m.text(String(rest))
    }

    private mutating func badge(_ rating: HSEEPRating?) {
        let letter = rating?.rawValue ?? "—"
        m.raw("<span class=\"badge r-\(rating?.rawValue ?? "none")\" title=\"")
        m.text(rating?.title ?? "not assessed")
        m.raw("\">\(letter)</span>")
    }

    private mutating func num(_ text: String) {
        m.raw("<td class=\"num\">")
        m.text(text)
        m.raw("</td>")
    }

    /// A figure with a smaller second line (its parts, or its spread).
    private mutating func num(_ text: String, small: String?) {
        m.raw("<td class=\"num\">")
        m.text(text)
        if let small {
            m.raw("<br/><span class=\"small\">")
            m.text(small)
            m.raw("</span>")
        }
        m.raw("</td>")
    }

    private mutating func outcomeCell(_ outcome: Outcome?, label: String?) {
        guard let outcome else {
            m.raw("<td class=\"o\">")
            m.text(label ?? "")
            m.raw("</td>")
            return
        }
        m.raw("<td class=\"o o-\(outcome.rawValue)\"><span class=\"sym\" aria-hidden=\"true\">\(Palette.symbol(outcome))</span> \(outcome.rawValue)</td>")
    }
}
