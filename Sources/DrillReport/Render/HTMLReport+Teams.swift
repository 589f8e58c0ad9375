import DrillCore
import DrillText

/// Sections 6–9 and the appendix of the HTML report: timeline, scorecards, response times, notes, tasks.
extension HTMLReport {
    // MARK: Timeline

    mutating func timeline() {
        figure(Charts.heatmap(r), caption: t(.reportCaptionHeatmap))
        let own = isTeam ? Dictionary((r.teams.first?.injects ?? []).map { ($0.inject, $0) }, uniquingKeysWith: { a, _ in a }) : [:]
        m.raw("<table>\n<thead><tr><th class=\"num\">\(col("Planned"))</th><th>\(col("Inject"))</th><th>\(col("Title"))</th><th>\(col("Trigger"))</th>")
        if isTeam { m.raw("<th class=\"num\">\(col("Released to the team"))</th><th class=\"num\">\(col("Read after"))</th><th>\(col("Result"))</th>") }
        // A team report leaves out when the others received it: its own release is beside it.
        if !isTeam { m.raw("<th class=\"num\">\(col("Released (first – last)"))</th><th class=\"num\">\(col("Median delay"))</th>") }
        m.raw("<th class=\"num\">\(col("Teams"))</th><th>\(col("Held"))</th><th class=\"num\">\(col("Mean score"))</th></tr></thead>\n<tbody>\n")
        for e in r.timeline {
            m.raw("<tr>")
            num(e.plannedAt.map(DurationText.clock).map { (e.isBranch ? "≥ " : "") + $0 } ?? (e.unplanned == true || e.onDemand == true ? "—" : "?"))
            m.raw("<td class=\"id\">")
            m.text(e.inject)
            m.raw("</td><td dir=\"auto\">")
            m.text(e.title)
            // live17: improvised and library injects said so, in the reader's words.
            if e.unplanned == true {
                m.raw("</td><td class=\"unplanned\">")
                m.text(t(.reportValueUnplanned))
            } else if e.onDemand == true {
                m.raw("</td><td class=\"demand\">")
                m.text(t(.reportValueOnDemand) + e.trigger.dropFirst("demand".count))
            } else {
                m.raw("</td><td>")
                m.text(e.trigger)
            }
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

    mutating func teams() {
        figure(Charts.scoreOverTime(r), caption: isTeam
               ? "The team's cumulative points over exercise time, against the median and middle half of all teams."
               : "Cumulative points of each team over exercise time, stepping up at each answer that earned points.")
        if !isTeam {
            m.raw("<table>\n<thead><tr>")
            if !r.audience.anonymized { m.raw("<th class=\"num\">\(col("Rank"))</th>") }
            m.raw("<th>\(col("Team"))</th><th class=\"num\">\(col("Points"))</th><th class=\"num\">\(col("Score"))</th><th>\(col("Rating"))</th><th class=\"num\">✓ ½ ✗ – …</th><th class=\"num\">\(col("Read (median)"))</th><th class=\"num\">\(col("Answer (median / p90)"))</th><th class=\"num\">\(col("Hints"))</th><th class=\"num\">\(col("Messages to teams"))</th><th class=\"num\">\(col("RFIs"))</th></tr></thead>\n<tbody>\n")
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

    mutating func team(_ t: TeamReport, number: Int) {
        m.raw("<section class=\"team\" id=\"team-\(number)\">\n<h3 dir=\"auto\">")
        m.text(t.team)
        if let id = t.id {
            m.raw(" <span class=\"muted\">")
            m.text(id + (t.country.map { $0.isEmpty ? "" : " · " + $0 } ?? ""))
            m.raw("</span>")
        }
        m.raw("</h3>\n<dl class=\"facts\">\n")
        for f in ReportFacts.team(t, self.t) { fact(f.term, f.value) }
        m.raw("</dl>\n<table>\n<thead><tr><th>\(col("Task"))</th><th>\(col("Outcome"))</th><th class=\"num\">\(col("Points"))</th><th>\(col("Reason"))</th><th class=\"num\">\(col("Released"))</th><th class=\"num\">\(col("Read after"))</th><th class=\"num\">\(col("Answered after"))</th></tr></thead>\n<tbody>\n")
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
            m.element("h4", "", self.t(.reportHRfis))
            m.raw("<table>\n<thead><tr><th class=\"num\">\(col("Asked"))</th><th>\(col("Question"))</th><th>\(col("Answer"))</th><th class=\"num\">\(col("Answered after"))</th></tr></thead>\n<tbody>\n")
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

    // MARK: Response times, notes, tasks

    mutating func responseTimes() {
        figure(Charts.responseTimes(r), caption: t(.reportCaptionResponseTimes))
        m.raw("<dl class=\"facts\">\n")
        for f in ReportFacts.responseTimes(r) { fact(f.term, f.value) }
        m.raw("</dl>\n")
    }

    mutating func notes() {
        if r.notes.isEmpty { m.element("p", "class=\"none\"", "No facilitator notes were recorded."); return }
        m.raw("<table>\n<thead><tr><th class=\"num\">\(col("Time"))</th><th>\(col("Kind"))</th><th>\(col("About"))</th><th>\(col("Note"))</th><th>\(col("By"))</th></tr></thead>\n<tbody>\n")
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

    mutating func tasks() {
        m.raw("<table>\n<thead><tr><th>\(col("Task"))</th><th>\(col("Type"))</th><th>\(col("Prompt"))</th><th>\(col("Objectives"))</th><th class=\"num\">\(col("Teams"))</th><th class=\"num\">✓ ½ ✗ – …</th><th class=\"num\">\(col("Mean score"))</th><th class=\"num\">\(col("Late"))</th><th class=\"num\">\(col("Hints"))</th><th class=\"num\">\(col("Answer (median)"))</th></tr></thead>\n<tbody>\n")
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

    mutating func artifacts() {
        m.raw("<table>\n<thead><tr><th>\(col("Inject"))</th><th>\(col("Artifact"))</th><th class=\"num\">\(col("Size (bytes)"))</th><th>SHA-256</th></tr></thead>\n<tbody>\n")
        for a in r.artifacts {
            m.raw("<tr><td class=\"id\">")
            m.text(a.inject)
            m.raw("</td>")
            m.element("td", "dir=\"auto\"", a.name)
            num("\(a.size)")
            m.element("td", "class=\"id\"", a.sha256)
            m.raw("</tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
    }
}
