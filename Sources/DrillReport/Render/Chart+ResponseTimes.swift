import DrillCore
import DrillText

extension Charts {
    // MARK: Response times

    /// How long after release injects were read and tasks answered, as a histogram.
    static func responseTimes(_ r: AfterActionReport) -> String {
        let bins = r.responseTimes.bins
        let t = r.texts
        let left = 44.0, top = 14.0, plotH = 170.0, width = 720.0, height = top + plotH + 58
        var svg = SVG(width: width, height: height)
        let plotW = width - left - 16
        guard !bins.isEmpty else {
            svg.text(width / 2, height / 2, t(.repChartNoReads), anchor: .middle, size: 12, fill: Palette.muted)
            return svg.document(title: t(.reportChartResponseTimes))
        }
        let maxCount = Double(max(1, bins.map { max($0.read, $0.answer) }.max() ?? 1))
        let yStep = max(1, SVG.niceStep(maxCount, ticks: 4).rounded(.up))
        let yMax = (maxCount / yStep).rounded(.up) * yStep
        func y(_ c: Double) -> Double { top + plotH - c / yMax * plotH }
        var v = 0.0
        while v <= yMax + yStep / 2 {
            svg.line(left, y(v), left + plotW, y(v), stroke: Palette.grid)
            svg.text(left - 6, y(v) + 4, t.whole(v), anchor: .end, size: 10, fill: Palette.muted)
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
            let label = k == bins.count - 1 ? "≥ " + minutes(b.from, t) : minutes(b.from, t)
            svg.text(x0, top + plotH + 14, label, anchor: k == 0 ? .start : .middle, size: 10, fill: Palette.muted)
        }
        svg.line(left, y(0), left + plotW, y(0), stroke: Palette.muted)
        svg.text(left + plotW, top + plotH + 28, t(.repChartMinutesAfter), anchor: .end, size: 10, fill: Palette.muted)
        let ly = top + plotH + 46
        svg.rect(left, ly - 9, 14, 10, fill: Palette.read)
        svg.text(left + 20, ly, t(.repChartInjectRead, ["n": r.responseTimes.read.count]), size: 10, fill: Palette.ink)
        svg.rect(left + 200, ly - 9, 14, 10, fill: Palette.answer)
        svg.text(left + 220, ly, t(.repChartTaskAnswered, ["n": r.responseTimes.answer.count]), size: 10, fill: Palette.ink)
        return svg.document(title: t(.reportChartResponseTimes), description: t(.repChartResponseTimesDesc))
    }

    static func minutes(_ ms: Millis, _ t: Texts) -> String {
        t.trimmed(Double(ms) / 60_000, places: 1)
    }
}
