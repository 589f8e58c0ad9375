import DrillCore
import DrillText

extension HTMLReport {
    /// grade17: regrades and reopenings, one row per step, with who took it.
    mutating func gradeChanges() {
        m.element("p", "", t(.reportGradeIntro))
        m.raw("<table>\n<thead><tr><th>\(col("Team"))</th><th>\(col("Task"))</th><th class=\"num\">\(col("Time"))</th><th>\(col("Kind"))</th><th class=\"num\">\(col("Score"))</th><th>\(col("Note"))</th><th>\(col("By"))</th></tr></thead>\n<tbody>\n")
        for h in r.gradeChanges {
            for step in h.steps {
                m.raw("<tr>")
                m.element("td", "dir=\"auto\"", h.team)
                m.element("td", "class=\"id\"", h.task)
                num(DurationText.clock(step.at))
                m.element("td", "", step.kindText(t))
                num(step.scoreText(t))
                m.element("td", "dir=\"auto\"", step.text)
                m.element("td", "dir=\"auto\"", step.by)
                m.raw("</tr>\n")
            }
        }
        m.raw("</tbody>\n</table>\n")
    }
}

extension GradeStep {
    /// "graded", "graded (phone)", "reopened, due 10 min later".
    func kindText(_ t: Texts) -> String {
        switch kind {
        case .grade: t(.reportGradeStepGrade)
        case .outcome: t(.reportGradeStepOutcome, ["via": t.gradeChannel(via ?? .other)])
        case .reopen: t(.reportGradeStepReopen, ["window": t.duration(window ?? 0)])
        }
    }

    /// "5 (50 %)" for a grade, with the language's decimals and percent sign; "—" for a reopening.
    func scoreText(_ t: Texts) -> String {
        guard let score, let points else { return "—" }
        return "\(t.points(points)) (\(t.percent(score * 100)))"
    }
}
