import DrillCore

/// The four charts of the HTML report, drawn from the report model alone.
enum Charts {
    // MARK: Score over time

    /// Cumulative points per team over exercise time. Up to ten teams get a colour and a legend;
    /// more are drawn as thin grey lines over the quartile band of all teams. A team report shows
    /// its team against the band and median of all teams.
    static func scoreOverTime(_ r: AfterActionReport) -> String {
        let end = max(r.overview.actualDuration ?? 0, r.overview.plannedDuration, 60_000)
        let focus = r.audience.kind == .team
        let coloured = focus || r.teams.count <= Palette.teams.count
        let legendRows = coloured ? (focus ? 1 : (r.teams.count + 2) / 3) : 1
        let left = 48.0, right = 16.0, top = 24.0, plotH = 230.0
        let width = 720.0, height = top + plotH + 34 + Double(legendRows) * 18 + 6
        var svg = SVG(width: width, height: height)
        let plotW = width - left - right
        let maxPoints = max(1, r.teams.map { $0.scoreOverTime.last?.points ?? 0 }.max() ?? 0,
                            r.region.scoreOverTime.map(\.q3).max() ?? 0)
        let yStep = SVG.niceStep(maxPoints, ticks: 5)
        let yMax = (maxPoints / yStep).rounded(.up) * yStep
        func x(_ t: Millis) -> Double { left + Double(min(t, end)) / Double(end) * plotW }
        func y(_ p: Double) -> Double { top + plotH - p / yMax * plotH }

        // Grid and axes.
        var v = 0.0
        while v <= yMax + yStep / 2 {
            svg.line(left, y(v), left + plotW, y(v), stroke: Palette.grid)
            svg.text(left - 6, y(v) + 4, ReportText.points(v), anchor: .end, size: 10, fill: Palette.muted)
            v += yStep
        }
        let step = SVG.timeStep(end)
        var t: Millis = 0
        while t <= end {
            svg.line(x(t), top + plotH, x(t), top + plotH + 4, stroke: Palette.muted)
            svg.text(x(t), top + plotH + 16, SVG.clockLabel(t), anchor: .middle, size: 10, fill: Palette.muted)
            t += step
        }
        svg.line(left, top + plotH, left + plotW, top + plotH, stroke: Palette.muted)
        svg.text(left + plotW, top + plotH + 30, "exercise time (h:mm)", anchor: .end, size: 10, fill: Palette.muted)
        svg.text(4, top - 12, "points", size: 10, fill: Palette.muted)

        func steps(_ curve: [ScorePoint]) -> [(Double, Double)] {
            var points: [(Double, Double)] = []
            points.reserveCapacity(curve.count * 2 + 1)
            var last = 0.0
            for p in curve {
                points.append((x(p.at), y(last)))
                points.append((x(p.at), y(p.points)))
                last = p.points
            }
            points.append((x(end), y(last)))
            return points
        }
        let band = r.region.scoreOverTime
        if (focus || !coloured), !band.isEmpty {
            svg.polygon(band.map { (x($0.at), y($0.q3)) } + band.reversed().map { (x($0.at), y($0.q1)) }, fill: "#9aa7b8", opacity: 0.25)
        }
        if coloured {
            for (k, team) in r.teams.enumerated() {
                svg.polyline(steps(team.scoreOverTime), stroke: Palette.teams[k % Palette.teams.count], width: focus ? 2.5 : 1.8)
            }
        } else {
            for team in r.teams { svg.polyline(steps(team.scoreOverTime), stroke: "#7d8a99", width: 0.8, opacity: 0.35) }
        }
        if (focus || !coloured), !band.isEmpty {
            svg.polyline(band.map { (x($0.at), y($0.median)) }, stroke: Palette.ink, width: 1.6, dash: "5 3")
        }

        // Legend.
        var ly = top + plotH + 48
        if focus, let team = r.teams.first {
            legendLine(&svg, left, ly, Palette.teams[0], team.team, dash: nil)
            legendLine(&svg, left + 220, ly, Palette.ink, "all teams: median", dash: "5 3")
            svg.rect(left + 420, ly - 8, 18, 10, fill: "#9aa7b8", extra: "fill-opacity=\"0.4\"")
            svg.text(left + 444, ly + 1, "all teams: middle half", size: 10, fill: Palette.ink)
        } else if coloured {
            for (k, team) in r.teams.enumerated() {
                legendLine(&svg, left + Double(k % 3) * 220, ly, Palette.teams[k % Palette.teams.count], SVG.clip(team.team, 30), dash: nil)
                if k % 3 == 2 { ly += 18 }
            }
        } else {
            legendLine(&svg, left, ly, "#7d8a99", "one line per team (\(r.teams.count))", dash: nil)
            legendLine(&svg, left + 220, ly, Palette.ink, "median", dash: "5 3")
            svg.rect(left + 420, ly - 8, 18, 10, fill: "#9aa7b8", extra: "fill-opacity=\"0.4\"")
            svg.text(left + 444, ly + 1, "middle half of teams", size: 10, fill: Palette.ink)
        }
        return svg.document(title: "Score over time", description: "Cumulative points of each team at the time of each answer that earned points.")
    }

    private static func legendLine(_ svg: inout SVG, _ x: Double, _ y: Double, _ colour: String, _ label: String, dash: String?) {
        svg.line(x, y - 3, x + 18, y - 3, stroke: colour, width: 2.5, dash: dash)
        svg.text(x + 24, y + 1, label, size: 10, fill: Palette.ink)
    }

    // MARK: Heatmap

    /// Teams × injects, each cell the inject's outcome for the team as a colour and a symbol;
    /// a team report adds a row of the mean score of all teams on each inject.
    static func heatmap(_ r: AfterActionReport) -> String {
        let columns = r.timeline.filter { entry in r.tasks.contains { $0.inject == entry.inject } && entry.teamsReached > 0 }
        let focus = r.audience.kind == .team
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
                    let what = c.map { "\($0.result?.rawValue ?? "no task") (\(ReportText.points($0.points)) of \(ReportText.points($0.maxPoints)))" } ?? "not released"
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
            svg.text(labelW - 6, y0 + cell * 0.7, "all teams, mean %", anchor: .end, size: min(11, max(7, cell * 0.75)), fill: Palette.muted)
            for (k, entry) in columns.enumerated() {
                let x0 = labelW + Double(k) * cell
                let p = entry.averagePercent ?? 0
                let grey = Int(245 - p / 100 * 140)
                svg.rect(x0, y0, cell, cell, fill: "rgb(\(grey),\(grey),\(grey))", stroke: "#ffffff")
                if cell >= 20, let a = entry.averagePercent {
                    svg.text(x0 + cell / 2, y0 + cell * 0.68, ReportText.decimal(a, places: 0), anchor: .middle, size: cell * 0.42,
                             fill: p > 55 ? "#ffffff" : Palette.ink)
                }
            }
        }
        // Legend: symbol, colour and word.
        var lx = labelW
        for outcome in [Outcome.correct, .partial, .wrong, .missed, .pending] {
            svg.rect(lx, legendY - 11, 14, 14, fill: Palette.fill(outcome))
            svg.text(lx + 7, legendY, Palette.symbol(outcome), anchor: .middle, size: 10, fill: Palette.ink)
            svg.text(lx + 19, legendY, outcome.rawValue, size: 10, fill: Palette.ink)
            lx += 84
        }
        svg.text(lx + 7, legendY, "·", anchor: .middle, size: 12, fill: "#b0b0b0")
        svg.text(lx + 19, legendY, "not released", size: 10, fill: Palette.ink)
        return svg.document(title: "Outcome per team and inject",
                            description: "Each cell sums up the outcomes of the inject's tasks for the team: ✓ all correct, ½ partly, ✗ wrong (nothing earned), – missed, … pending.")
    }

    // MARK: Response times

    /// How long after release injects were read and tasks answered, as a histogram.
    static func responseTimes(_ r: AfterActionReport) -> String {
        let bins = r.responseTimes.bins
        let left = 44.0, top = 14.0, plotH = 170.0, width = 720.0, height = top + plotH + 58
        var svg = SVG(width: width, height: height)
        let plotW = width - left - 16
        guard !bins.isEmpty else {
            svg.text(width / 2, height / 2, "no reads or answers", anchor: .middle, size: 12, fill: Palette.muted)
            return svg.document(title: "Response times")
        }
        let maxCount = Double(max(1, bins.map { max($0.read, $0.answer) }.max() ?? 1))
        let yStep = max(1, SVG.niceStep(maxCount, ticks: 4).rounded(.up))
        let yMax = (maxCount / yStep).rounded(.up) * yStep
        func y(_ c: Double) -> Double { top + plotH - c / yMax * plotH }
        var v = 0.0
        while v <= yMax + yStep / 2 {
            svg.line(left, y(v), left + plotW, y(v), stroke: Palette.grid)
            svg.text(left - 6, y(v) + 4, ReportText.decimal(v, places: 0), anchor: .end, size: 10, fill: Palette.muted)
            v += yStep
        }
        let slot = plotW / Double(bins.count)
        let bar = slot * 0.38
        for (k, b) in bins.enumerated() {
            let x0 = left + Double(k) * slot
            svg.rect(x0 + slot * 0.1, y(Double(b.read)), bar, y(0) - y(Double(b.read)), fill: Palette.read)
            svg.rect(x0 + slot * 0.1 + bar, y(Double(b.answer)), bar, y(0) - y(Double(b.answer)), fill: Palette.answer)
            if b.read > 0 { svg.text(x0 + slot * 0.1 + bar / 2, y(Double(b.read)) - 3, "\(b.read)", anchor: .middle, size: 8, fill: Palette.muted) }
            if b.answer > 0 { svg.text(x0 + slot * 0.1 + bar * 1.5, y(Double(b.answer)) - 3, "\(b.answer)", anchor: .middle, size: 8, fill: Palette.muted) }
            let label = k == bins.count - 1 ? "≥ " + minutes(b.from) : minutes(b.from)
            svg.text(x0, top + plotH + 14, label, anchor: k == 0 ? .start : .middle, size: 10, fill: Palette.muted)
        }
        svg.line(left, y(0), left + plotW, y(0), stroke: Palette.muted)
        svg.text(left + plotW, top + plotH + 28, "minutes after release", anchor: .end, size: 10, fill: Palette.muted)
        let ly = top + plotH + 46
        svg.rect(left, ly - 9, 14, 10, fill: Palette.read)
        svg.text(left + 20, ly, "inject read (\(r.responseTimes.read.count))", size: 10, fill: Palette.ink)
        svg.rect(left + 200, ly - 9, 14, 10, fill: Palette.answer)
        svg.text(left + 220, ly, "task answered (\(r.responseTimes.answer.count))", size: 10, fill: Palette.ink)
        return svg.document(title: "Response times",
                            description: "How many injects were read and tasks answered, by minutes after release; pale bars are reads, dark bars answers.")
    }

    private static func minutes(_ ms: Millis) -> String {
        ms % 60_000 == 0 ? "\(ms / 60_000)" : ReportText.decimal(Double(ms) / 60_000, places: 1, trim: true)
    }

    // MARK: Objective ratings

    /// One bar per objective over the P/S/M/U bands of the scenario's thresholds; a team report
    /// also shows the middle half and median of all teams.
    static func objectiveRatings(_ r: AfterActionReport) -> String {
        let objectives = r.objectives
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
                svg.text(x(100) + 8, y0 + rowH * 0.62, "\(ReportText.percent(p))  \(grade)", size: 11, fill: Palette.ink, weight: "bold")
            } else {
                svg.text(x(0) + 6, y0 + rowH * 0.62, "not assessed", size: 10, fill: Palette.muted)
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
            svg.text(x(p), axisY, ReportText.decimal(p, places: 0), anchor: .middle, size: 10, fill: Palette.muted)
        }
        svg.text(x(100) + 22, axisY, "% of points", size: 10, fill: Palette.muted)
        if r.audience.kind == .team {
            svg.text(labelW, axisY + 14, "bar: this team · whisker: middle half of all teams, tick: their median", size: 10, fill: Palette.muted)
        }
        return svg.document(title: "Objective ratings",
                            description: "Share of the objective's points earned, over the HSEEP bands U, M, S and P.")
    }
}
