import DrillCore
import DrillText

extension Charts {
    // MARK: Heatmap

    /// Teams × injects, each cell the inject's outcome for the team as a colour and a symbol;
    /// a team report adds a row of the mean score of all teams on each inject.
    static func heatmap(_ r: AfterActionReport) -> String {
        let columns = r.timeline.filter { entry in r.tasks.contains { $0.inject == entry.inject } && entry.teamsReached > 0 }
        let focus = r.audience.kind == .team
        let t = r.texts
        let rows = r.teams.count + (focus ? 1 : 0)
        // Cells shrink with many injects or many teams (down to 8 px), so the chart stays a page or two.
        let cell = max(8, min(26, 620 / Double(max(1, columns.count)), 2_400 / Double(max(1, rows))))
        let labelW = 150.0, top = 40.0
        let width = max(720, labelW + cell * Double(columns.count) + 12)
        let legendY = top + cell * Double(rows) + 22
        let height = legendY + 20
        var svg = SVG(width: width, height: height)
        let withTitles = rows * columns.count <= 2_500
        let columnIndex = Dictionary(columns.enumerated().map { ($0.element.inject, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let symbolSize = cell * 0.62

        for (k, entry) in columns.enumerated() {
            let cx = labelW + Double(k) * cell + cell / 2
            svg.text(cx + 3, top - 6, entry.inject, size: min(10, cell * 0.8), fill: Palette.muted, rotate: -60)
        }
        for (row, team) in r.teams.enumerated() {
            let y0 = top + Double(row) * cell
            svg.text(labelW - 6, y0 + cell * 0.7, SVG.clip(team.team, 24), anchor: .end, size: min(11, max(7, cell * 0.75)), fill: Palette.ink)
            var cells = [TeamInject?](repeating: nil, count: columns.count)
            for i in team.injects { if let k = columnIndex[i.inject] { cells[k] = i } }
            for (k, c) in cells.enumerated() {
                let x0 = labelW + Double(k) * cell
                if withTitles {
                    let what = c.map { ($0.result.map(t.outcome) ?? t(.outcomeInformational)) + " (" + t(.repPointsOf, ["points": t.pts($0.points), "of": t.pts($0.maxPoints)]) + ")" }
                        ?? t(.outcomeNotReleased)
                    svg.group(title: "\(team.team) · \(columns[k].inject): \(what)")
                }
                svg.rect(x0, y0, cell, cell, fill: Palette.fill(c?.result), stroke: "#ffffff")
                if let result = c?.result {
                    svg.text(x0 + cell / 2, y0 + cell * 0.72, Palette.symbol(result), anchor: .middle, size: symbolSize, fill: Palette.ink)
                } else if c == nil {
                    svg.text(x0 + cell / 2, y0 + cell * 0.62, "·", anchor: .middle, size: symbolSize, fill: "#b0b0b0")
                }
                if withTitles { svg.endGroup() }
            }
        }
        if focus {
            let y0 = top + Double(r.teams.count) * cell
            svg.text(labelW - 6, y0 + cell * 0.7, t(.repChartAllTeamsMean), anchor: .end, size: min(11, max(7, cell * 0.75)), fill: Palette.muted)
            for (k, entry) in columns.enumerated() {
                let x0 = labelW + Double(k) * cell
                let p = entry.averagePercent ?? 0
                let grey = Int(245 - p / 100 * 140)
                svg.rect(x0, y0, cell, cell, fill: "rgb(\(grey),\(grey),\(grey))", stroke: "#ffffff")
                if cell >= 20, let a = entry.averagePercent {
                    svg.text(x0 + cell / 2, y0 + cell * 0.68, t.whole(a), anchor: .middle, size: cell * 0.42,
                             fill: p > 55 ? "#ffffff" : Palette.ink)
                }
            }
        }
        // Legend: symbol, colour and word.
        var lx = labelW
        for outcome in [Outcome.correct, .partial, .wrong, .missed, .pending] {
            svg.rect(lx, legendY - 11, 14, 14, fill: Palette.fill(outcome))
            svg.text(lx + 7, legendY, Palette.symbol(outcome), anchor: .middle, size: 10, fill: Palette.ink)
            svg.text(lx + 19, legendY, t.outcome(outcome), size: 10, fill: Palette.ink)
            lx += 84
        }
        svg.text(lx + 7, legendY, "·", anchor: .middle, size: 12, fill: "#b0b0b0")
        svg.text(lx + 19, legendY, t(.outcomeNotReleased), size: 10, fill: Palette.ink)
        return svg.document(title: t(.reportChartHeatmap), description: t(.repChartHeatmapDesc))
    }
}
