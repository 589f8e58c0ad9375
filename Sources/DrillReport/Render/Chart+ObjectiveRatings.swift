import DrillCore
import DrillText

extension Charts {
    // MARK: Objective ratings

    /// One bar per objective over the P/S/M/U bands of the scenario's thresholds; a team report
    /// also shows the middle half and median of all teams.
    static func objectiveRatings(_ r: AfterActionReport) -> String {
        let objectives = r.objectives
        let t = r.texts
        let labelW = 210.0, top = 26.0, rowH = 26.0, right = 110.0, width = 720.0
        let height = top + rowH * Double(max(1, objectives.count)) + 44
        var svg = SVG(width: width, height: height)
        let plotW = width - labelW - right
        let thresholds = r.overview.scenario.ratings
        func x(_ p: Double) -> Double { labelW + min(100, max(0, p)) / 100 * plotW }
        let bands: [(HSEEPRating, Double, Double)] = [(.u, 0, thresholds.m), (.m, thresholds.m, thresholds.s), (.s, thresholds.s, thresholds.p), (.p, thresholds.p, 100)]
        for (rating, from, to) in bands {
            svg.rect(x(from), top - 4, x(to) - x(from), rowH * Double(objectives.count) + 4, fill: Palette.band(rating))
            svg.text((x(from) + x(to)) / 2, top - 9, rating.rawValue, anchor: .middle, size: 11, fill: Palette.rating(rating), weight: "bold")
        }
        for (k, o) in objectives.enumerated() {
            let y0 = top + Double(k) * rowH
            // The id apart from the title, so that a right-to-left title cannot move it.
            svg.text(4, y0 + rowH * 0.62, o.objective, size: 11, fill: Palette.ink, weight: "bold")
            svg.text(labelW - 8, y0 + rowH * 0.62, SVG.clip(o.title, 28), anchor: .end, size: 11, fill: Palette.ink)
            if let p = o.percent {
                svg.rect(x(0), y0 + rowH * 0.28, x(p) - x(0), rowH * 0.44, fill: Palette.rating(o.rating))
                let grade = o.rating?.rawValue ?? "—"
                svg.text(x(100) + 8, y0 + rowH * 0.62, "\(t.share(p))  \(grade)", size: 11, fill: Palette.ink, weight: "bold")
            } else {
                svg.text(x(0) + 6, y0 + rowH * 0.62, t(.repNotAssessed), size: 10, fill: Palette.muted)
            }
            if r.audience.kind == .team, let s = o.spread {
                let cy = y0 + rowH * 0.5
                svg.line(x(s.q1), cy, x(s.q3), cy, stroke: Palette.ink, width: 1.2)
                svg.line(x(s.q1), cy - 4, x(s.q1), cy + 4, stroke: Palette.ink, width: 1.2)
                svg.line(x(s.q3), cy - 4, x(s.q3), cy + 4, stroke: Palette.ink, width: 1.2)
                svg.rect(x(s.median) - 1.5, cy - 7, 3, 14, fill: Palette.ink)
            }
        }
        let axisY = top + rowH * Double(objectives.count) + 14
        for p in stride(from: 0.0, through: 100, by: 20) {
            svg.text(x(p), axisY, t.whole(p), anchor: .middle, size: 10, fill: Palette.muted)
        }
        svg.text(x(100) + 22, axisY, t(.repChartPercentOfPoints), size: 10, fill: Palette.muted)
        if r.audience.kind == .team {
            svg.text(labelW, axisY + 14, t(.repChartObjectivesTeamLegend), size: 10, fill: Palette.muted)
        }
        return svg.document(title: t(.reportChartObjectives), description: t(.repChartObjectivesDesc))
    }
}
