import DrillCore
import DrillText

extension Charts {
    // MARK: Score over time

    /// Cumulative points per team over exercise time. Up to ten teams get a colour and a legend;
    /// more are drawn as thin grey lines over the quartile band of all teams. A team report shows
    /// its team against the band and median of all teams.
    static func scoreOverTime(_ r: AfterActionReport) -> String {
        // To the actual end once the exercise has ended (earlier or later than planned); while it
        // runs, to the planned end, so that the chart shows how much is still to come.
        let ended = r.overview.phase == ExerciseState.Phase.ended.rawValue
        let end = max(ended ? (r.overview.actualDuration ?? 0) : max(r.overview.actualDuration ?? 0, r.overview.plannedDuration), 60_000)
        let focus = r.audience.kind == .team
        let w = r.texts
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
            svg.text(left - 6, y(v) + 4, w.pts(v), anchor: .end, size: 10, fill: Palette.muted)
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
        svg.text(left + plotW, top + plotH + 30, w(.repChartExerciseTime), anchor: .end, size: 10, fill: Palette.muted)
        svg.text(4, top - 12, w(.repChartPoints), size: 10, fill: Palette.muted)

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
            legendLine(&svg, left + 220, ly, Palette.ink, w(.repChartAllMedian), dash: "5 3")
            svg.rect(left + 420, ly - 8, 18, 10, fill: "#9aa7b8", extra: "fill-opacity=\"0.4\"")
            svg.text(left + 444, ly + 1, w(.repChartAllMiddleHalf), size: 10, fill: Palette.ink)
        } else if coloured {
            for (k, team) in r.teams.enumerated() {
                legendLine(&svg, left + Double(k % 3) * 220, ly, Palette.teams[k % Palette.teams.count], SVG.clip(team.team, 30), dash: nil)
                if k % 3 == 2 { ly += 18 }
            }
        } else {
            legendLine(&svg, left, ly, "#7d8a99", w(.repChartOneLinePerTeam, ["n": r.teams.count]), dash: nil)
            legendLine(&svg, left + 220, ly, Palette.ink, w(.repChartMedian), dash: "5 3")
            svg.rect(left + 420, ly - 8, 18, 10, fill: "#9aa7b8", extra: "fill-opacity=\"0.4\"")
            svg.text(left + 444, ly + 1, w(.repChartMiddleHalf), size: 10, fill: Palette.ink)
        }
        return svg.document(title: w(.reportChartScoreOverTime), description: w(.repChartScoreDesc))
    }

    static func legendLine(_ svg: inout SVG, _ x: Double, _ y: Double, _ colour: String, _ label: String, dash: String?) {
        svg.line(x, y - 3, x + 18, y - 3, stroke: colour, width: 2.5, dash: dash)
        svg.text(x + 24, y + 1, label, size: 10, fill: Palette.ink)
    }
}
