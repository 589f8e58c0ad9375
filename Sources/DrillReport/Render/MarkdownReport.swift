import DrillCore
import DrillText

extension AfterActionReport {
    /// The report as Markdown (CommonMark with pipe tables), section for section like the HTML.
    public func markdown() -> String {
        var w = MarkdownReport(self)
        w.write()
        return w.out
    }
}

struct MarkdownReport {
    let r: AfterActionReport
    let t: Texts
    var out = ""
    var isTeam: Bool { r.audience.kind == .team }

    init(_ report: AfterActionReport) {
        r = report
        t = report.texts
        out.reserveCapacity(32_000 + report.teams.reduce(0) { $0 + $1.tasks.count } * 160)
    }

    mutating func write() {
        let o = r.overview
        line("# " + t(.reportTitle, ["title": inline(o.scenario.title)]))
        line()
        let kind = t(isTeam ? .reportKindTeam : (r.audience.anonymized ? .reportKindRegionalAnonymised : .reportKindRegional))
        line("*" + t(.reportKicker, ["kind": kind]) + (r.audience.team.map { " · \(inline($0))" } ?? "") + "*")
        line()

        line("## " + t(.reportHOverview))
        line()
        for f in ReportFacts.overview(r, summary: false, shortDigest: false) { bullet(f.term, f.value) }
        if !o.scenario.summary.isEmpty {
            line()
            for l in o.scenario.summary.split(separator: "\n", omittingEmptySubsequences: false) { line("> " + inline(String(l))) }
        }
        line()

        line("## " + t(.reportHSummary))
        line()
        for s in r.summary { line("- " + inline(s)) }
        line()

        line("## " + t(.reportHObjectives))
        line()
        table(["Objective", "Capability", "Rating", "Score", "Teams P / S / M / U", "All teams: median (middle half)", "Evidence"], r.objectives.map { o in
            ["\(o.objective) \(o.title)", o.capability, o.rating.map { "\($0.rawValue) — \(t.rating($0))" } ?? t(.repNotAssessed),
             t.share(o.percent) + (o.possiblePoints > 0 ? " (\(t.pts(o.points))/\(t.pts(o.possiblePoints)))" : ""),
             "\(o.ratingCounts.p) / \(o.ratingCounts.s) / \(o.ratingCounts.m) / \(o.ratingCounts.u)",
             o.spread.map { "\(t.share($0.median)) (\(t.whole($0.q1))–\(t.whole($0.q3)))" } ?? "—",
             o.tasks.isEmpty ? t(.outcomeInformational) : t.list(o.tasks) + t(.repClauseSeparator) + t(.repTeamsAssessed, ["n": o.teamsAssessed])]
        })

        line("## " + t(.reportHAnalysis))
        line()
        for c in r.capabilities {
            line("### \(inline(c.capability)) — \(c.rating?.rawValue ?? "—"), \(t.share(c.percent))")
            line()
            line(t(.repObjectivesLine, ["list": t.list(c.objectives)]))
            line()
            findings(t(.reportHStrengths), c.strengths, empty: t(.reportNoneStrengths))
            findings(t(.reportHImprovements), c.improvements, empty: t(.reportNoneImprovements))
        }
        if r.capabilities.isEmpty { line("*" + t(.reportNoneObjectives) + "*"); line() }

        line("## " + t(.reportHPlan))
        line()
        if r.improvementPlan.isEmpty {
            line("*" + t(.reportNonePlan) + "*")
            line()
        } else {
            table(["#", "Area for improvement", "Capability", "Objectives", "Corrective action", "Owner", "Due"], r.improvementPlan.enumerated().map { k, i in
                ["\(k + 1)", i.area, i.capability, t.list(i.objectives), i.action ?? "", i.owner ?? "", i.due ?? ""]
            })
        }

        line("## " + t(.reportHTimeline))
        line()
        let own = isTeam ? Dictionary((r.teams.first?.injects ?? []).map { ($0.inject, $0) }, uniquingKeysWith: { a, _ in a }) : [:]
        var headers = ["Planned", "Inject", "Title", "Trigger"]
        if isTeam { headers += ["Released to the team", "Read after", "Result"] }
        if !isTeam { headers += ["Released (first – last)", "Median delay"] }
        headers += ["Teams", "Held", "Mean score"]
        table(headers, r.timeline.map { e in
            var row = [e.plannedAt.map(DurationText.clock).map { (e.isBranch ? "≥ " : "") + $0 } ?? (e.unplanned == true || e.onDemand == true ? "—" : "?"),
                       e.inject, e.title, t.trigger(e)]
            if isTeam {
                if let mine = own[e.inject] {
                    row += [DurationText.clock(mine.releasedAt) + (mine.delay.map { $0 != 0 ? " (\(t.delay($0)))" : "" } ?? ""),
                            mine.readAt.map { t.span($0 - mine.releasedAt) } ?? t(.repUnread),
                            mine.result.map { "\(Palette.symbol($0)) \(t.outcome($0))" } ?? t(.outcomeInformational)]
                } else {
                    row += [t(.outcomeNotReleased), "", ""]
                }
            }
            if !isTeam { row += [t.releases(e), t.medianDelay(e)] }
            row += [t.of(e.teamsReached, e.teamsAddressed), t.holds(e), t.share(e.averagePercent)]
            return row
        })

        line("## " + t(isTeam ? .reportHScorecard : .reportHScorecards))
        line()
        if !isTeam {
            var headers = r.audience.anonymized ? [] : ["Rank"]
            headers += ["Team", "Points", "Score", "Rating", "✓ ½ ✗ – …", "Read (median)", "Answer (median / p90)", "Hints", "Messages to teams", "RFIs"]
            let w = self.t
            table(headers, r.teams.map { t in
                (t.rank.map { ["\($0)"] } ?? []) + [
                    t.team, "\(w.pts(t.points)) / \(w.pts(t.availablePoints))", w.share(t.percent),
                    t.rating?.rawValue ?? "—",
                    "\(t.outcomes.correct) \(t.outcomes.partial) \(t.outcomes.wrong) \(t.outcomes.missed) \(t.outcomes.pending)",
                    t.readTime.median.map(w.span) ?? "—",
                    (t.answerTime.median.map(w.span) ?? "—") + " / " + (t.answerTime.p90.map(w.span) ?? "—"),
                    "\(t.hintsTaken)", "\(t.messagesToTeams)", "\(t.rfis.count)",
                ]
            })
        }
        for t in r.teams { team(t) }

        line("## " + t(.reportHResponse))
        line()
        for f in ReportFacts.responseTimes(r) { bullet(f.term, f.value) }
        line()
        if !r.responseTimes.bins.isEmpty {
            table(["Minutes after release", "Injects read", "Tasks answered"], r.responseTimes.bins.enumerated().map { k, b in
                let from = t.trimmed(Double(b.from) / 60_000, places: 1), to = t.trimmed(Double(b.to) / 60_000, places: 1)
                return [k == r.responseTimes.bins.count - 1 ? "≥ \(from)" : "\(from)–\(to)", "\(b.read)", "\(b.answer)"]
            })
        }

        line("## " + t(.reportHNotes))
        line()
        if r.notes.isEmpty {
            line("*" + t(.reportNoneNotes) + "*")
            line()
        } else {
            table(["Time", "Kind", "About", "Note", "By"], r.notes.map { n in
                [DurationText.clock(n.at), t.noteKind(n.kind), t.list([n.inject, n.team].compactMap { $0 } + n.capabilities), t.noteText(n), n.by]
            })
        }

        // grade17
        if !r.gradeChanges.isEmpty {
            line("## " + t(.reportHGradeChanges))
            line()
            line(t(.reportGradeIntro))
            line()
            table(["Team", "Task", "Time", "Kind", "Score", "Note", "By"], r.gradeChanges.flatMap { h in
                h.steps.map { [h.team, h.task, DurationText.clock($0.at), $0.kindText(t), $0.scoreText(t), $0.text, $0.by] }
            })
        }

        if !r.feedback.isEmpty {
            line("## " + t(.reportHFeedback))
            line()
            for q in r.feedback {
                line("**" + inline(q.prompt) + "** — " + q.summaryText(t))
                line()
                if q.type == .text {
                    for quote in q.quotes { line("> " + inline(quote)) ; line() }
                } else {
                    table(["Answer", "Count"], q.distribution.map { [$0.answer, "\($0.count)"] })
                }
            }
        }

        line("## " + t(.reportHTasks))
        line()
        let w = t
        table(["Task", "Type", "Prompt", "Objectives", "Teams", "✓ ½ ✗ – …", "Mean score", "Late", "Hints", "Answer (median)"], r.tasks.map { t in
            [t.task, w.taskType(t.type), t.prompt, w.list(t.objectives), "\(t.teamsReached)",
             "\(t.outcomes.correct) \(t.outcomes.partial) \(t.outcomes.wrong) \(t.outcomes.missed) \(t.outcomes.pending)",
             w.share(t.averagePercent), "\(t.answeredLate)", "\(t.tookHints)", t.answerTime.median.map(w.span) ?? "—"]
        })
        if !r.artifacts.isEmpty {
            line("## " + t(.reportHArtifacts))
            line()
            table(["Inject", "Artifact", "Size (bytes)", "SHA-256"], r.artifacts.map { ["\($0.inject)", $0.name, "\($0.size)", $0.sha256] })
        }
        line("---")
        line()
        line("*" + t(.reportFooter, ["format": r.format]) + ".*")
    }

    private mutating func team(_ t: TeamReport) {
        line("### \(inline(t.team))" + (t.id.map { " (\(inline($0))" + (t.country.map { $0.isEmpty ? "" : " · \(inline($0))" } ?? "") + ")" } ?? ""))
        line()
        let w = self.t
        for f in ReportFacts.team(t, w) { bullet(f.term, f.value) }
        line()
        table(["Task", "Outcome", "Points", "Reason", "Released", "Read after", "Answered after"], t.tasks.map { task in
            [task.task, "\(Palette.symbol(task.outcome)) \(w.outcome(task.outcome))", "\(w.pts(task.points)) / \(w.pts(task.maxPoints))",
             w.reason(of: task), ReportText.clock(task.releasedAt), task.timeToRead.map(w.span) ?? "—", task.timeToAnswer.map(w.span) ?? "—"]
        })
        if !t.rfis.isEmpty {
            line(self.t(.reportHRfis) + ":")
            line()
            table(["Asked", "Question", "Answer", "Answered after"], t.rfis.map { rfi in
                [DurationText.clock(rfi.at), rfi.question, rfi.answer ?? w(.repNotAnswered), rfi.answeredAt.map { w.span($0 - rfi.at) } ?? "—"]
            })
        }
    }

    private mutating func findings(_ title: String, _ list: [Finding], empty: String) {
        line("**\(title)**")
        line()
        if list.isEmpty { line("- *\(empty)*") }
        for f in list { line("- " + (f.kind == .note ? t(.repNotePrefix) : "") + inline(f.text)) }
        line()
    }

    // MARK: Pieces

    private mutating func line(_ s: String = "") {
        out += s
        out += "\n"
    }

    private mutating func bullet(_ term: String, _ value: String) { line("- **\(term)**" + t(.repTermColon) + inline(value)) }

    private mutating func table(_ headers: [String], _ rows: [[String]]) {
        line("| " + headers.map { cell(ReportColumns.title($0, t)) }.joined(separator: " | ") + " |")
        line("|" + headers.map { _ in " --- " }.joined(separator: "|") + "|")
        for row in rows { line("| " + row.map(cell).joined(separator: " | ") + " |") }
        line()
    }

    /// Text in a table cell: one line, pipes escaped.
    private func cell(_ s: String) -> String {
        inline(s).replacingAll("|", with: "\\|")
    }

    /// Text on one line, with the characters that would start Markdown markup escaped and no
    /// control character (`SafeText.line`).
    private func inline(_ raw: String) -> String {
        let s = SafeText.line(raw)
        var needs = false
        for b in s.utf8 where b == 0x0A || b == 0x0D || b == 0x3C || b == 0x3E || b == 0x5C || b == 0x60 || b == 0x2A || b == 0x5F || b == 0x5B || b == 0x5D {
            needs = true
            break
        }
        guard needs else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for ch in s {
            switch ch {
            case "\n", "\r", "\r\n": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]": out += "\\"; out.append(ch)
            default: out.append(ch)
            }
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
