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
            m.raw("</td><td dir=\"auto\"\(contentLanguage)>")
            m.text(e.title)
            // live17: improvised and library injects said so, in the reader's words.
            m.raw(e.unplanned == true ? "</td><td class=\"unplanned\">" : e.onDemand == true ? "</td><td class=\"demand\">" : "</td><td>")
            m.text(t.trigger(e))
            m.raw("</td>")
            if isTeam {
                if let mine = own[e.inject] {
                    num(DurationText.clock(mine.releasedAt) + (mine.delay.map { $0 != 0 ? " (\(t.delay($0)))" : "" } ?? ""))
                    num(mine.readAt.map { t.span($0 - mine.releasedAt) } ?? t(.repUnread))
                    outcomeCell(mine.result, label: mine.result == nil ? t(.outcomeInformational) : nil)
                } else {
                    num(t(.outcomeNotReleased))
                    num("")
                    m.raw("<td></td>")
                }
            }
            if !isTeam {
                num(t.releases(e))
                num(t.medianDelay(e))
            }
            num(t.of(e.teamsReached, e.teamsAddressed))
            m.raw("<td>")
            m.text(t.holds(e))
            m.raw("</td>")
            num(t.share(e.averagePercent))
            m.raw("</tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
        if !r.overview.pauses.isEmpty {
            let pauses = r.overview.pauses.map { p in
                p.length.map { t(.repPausedAtFor, ["at": ReportText.clock(p.from), "length": t.span($0)]) } ?? t(.repPausedAt, ["at": ReportText.clock(p.from)])
            }
            m.element("p", "class=\"muted\"", t(.repPausesNote, ["list": pauses.joined(separator: t(.repClauseSeparator))]))
        }
    }

    // MARK: Teams

    mutating func teams() {
        figure(Charts.scoreOverTime(r), caption: t(isTeam ? .repCaptionScoreTeam : .repCaptionScore))
        if !isTeam {
            m.raw("<table>\n<thead><tr>")
            if !r.audience.anonymized { m.raw("<th class=\"num\">\(col("Rank"))</th>") }
            m.raw("<th>\(col("Team"))</th><th class=\"num\">\(col("Points"))</th><th class=\"num\">\(col("Score"))</th><th>\(col("Rating"))</th><th class=\"num\">✓ ½ ✗ – …</th><th class=\"num\">\(col("Read (median)"))</th><th class=\"num\">\(col("Answer (median / p90)"))</th><th class=\"num\">\(col("Hints"))</th><th class=\"num\">\(col("Messages to teams"))</th><th class=\"num\">\(col("RFIs"))</th></tr></thead>\n<tbody>\n")
            let w = t
            for (k, t) in r.teams.enumerated() {
                m.raw("<tr>")
                if let rank = t.rank { num("\(rank)") }
                m.raw("<td dir=\"auto\"><a href=\"#team-\(k + 1)\">")
                m.text(t.team)
                m.raw("</a></td>")
                num("\(w.pts(t.points)) / \(w.pts(t.availablePoints))")
                num(w.share(t.percent))
                m.raw("<td>")
                badge(t.rating)
                m.raw("</td>")
                num("\(t.outcomes.correct) \(t.outcomes.partial) \(t.outcomes.wrong) \(t.outcomes.missed) \(t.outcomes.pending)")
                num(t.readTime.median.map(w.span) ?? "—")
                num((t.answerTime.median.map(w.span) ?? "—") + " / " + (t.answerTime.p90.map(w.span) ?? "—"))
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
        let w = self.t
        for f in ReportFacts.team(t, w) { fact(f.term, f.value) }
        m.raw("</dl>\n<table>\n<thead><tr><th>\(col("Task"))</th><th>\(col("Outcome"))</th><th class=\"num\">\(col("Points"))</th><th>\(col("Reason"))</th><th class=\"num\">\(col("Released"))</th><th class=\"num\">\(col("Read after"))</th><th class=\"num\">\(col("Answered after"))</th></tr></thead>\n<tbody>\n")
        for task in t.tasks {
            m.raw("<tr><td class=\"id\">")
            m.text(task.task)
            m.raw("</td>")
            outcomeCell(task.outcome, label: nil)
            m.raw("<td class=\"num\">")
            m.text(w.pts(task.points))
            m.raw(" / ")
            m.text(w.pts(task.maxPoints))
            m.raw("</td><td>")
            m.text(w.reason(of: task))
            m.raw("</td><td class=\"num\">")
            m.text(ReportText.clock(task.releasedAt))
            m.raw("</td><td class=\"num\">")
            m.text(task.timeToRead.map(w.span) ?? "—")
            m.raw("</td><td class=\"num\">")
            m.text(task.timeToAnswer.map(w.span) ?? "—")
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
                if let answer = rfi.answer { m.element("td", "dir=\"auto\"", answer) } else { m.element("td", "class=\"none\"", w(.repNotAnswered)) }
                num(rfi.answeredAt.map { w.span($0 - rfi.at) } ?? "—")
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
        if r.notes.isEmpty { m.element("p", "class=\"none\"", t(.reportNoneNotes)); return }
        m.raw("<table>\n<thead><tr><th class=\"num\">\(col("Time"))</th><th>\(col("Kind"))</th><th>\(col("About"))</th><th>\(col("Note"))</th><th>\(col("By"))</th></tr></thead>\n<tbody>\n")
        for n in r.notes {
            m.raw("<tr>")
            num(DurationText.clock(n.at))
            m.element("td", "", t.noteKind(n.kind))
            m.element("td", "dir=\"auto\"", t.list([n.inject, n.team].compactMap { $0 } + n.capabilities))
            m.element("td", "dir=\"auto\"", t.noteText(n))
            m.element("td", "dir=\"auto\"", n.by)
            m.raw("</tr>\n")
        }
        m.raw("</tbody>\n</table>\n")
    }

    mutating func tasks() {
        m.raw("<table>\n<thead><tr><th>\(col("Task"))</th><th>\(col("Type"))</th><th>\(col("Prompt"))</th><th>\(col("Objectives"))</th><th class=\"num\">\(col("Teams"))</th><th class=\"num\">✓ ½ ✗ – …</th><th class=\"num\">\(col("Mean score"))</th><th class=\"num\">\(col("Late"))</th><th class=\"num\">\(col("Hints"))</th><th class=\"num\">\(col("Answer (median)"))</th></tr></thead>\n<tbody>\n")
        let w = t
        for t in r.tasks {
            m.raw("<tr><td class=\"id\">")
            m.text(t.task)
            m.raw("</td>")
            m.element("td", "", w.taskType(t.type))
            m.element("td", "dir=\"auto\"\(contentLanguage)", t.prompt)
            m.element("td", "", w.list(t.objectives))
            num("\(t.teamsReached)")
            num("\(t.outcomes.correct) \(t.outcomes.partial) \(t.outcomes.wrong) \(t.outcomes.missed) \(t.outcomes.pending)")
            num(w.share(t.averagePercent))
            num("\(t.answeredLate)")
            num("\(t.tookHints)")
            num(t.answerTime.median.map(w.span) ?? "—")
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
