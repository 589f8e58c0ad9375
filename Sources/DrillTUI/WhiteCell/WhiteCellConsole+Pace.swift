import DrillCore
import DrillText

/// grade17: the scoreboard's pace column.
extension WhiteCellConsole {
    /// `▼2 →1:05:00`: two tasks behind the schedule, ending at 1:05:00 at the current pace; `▲1`
    /// ahead, `=` on schedule, `→—` no pace yet; `✓ 0:42:10` every task done, at that time.
    static func paceText(_ p: TeamPace) -> String {
        if let done = p.finishedAt { return "✓ " + DurationText.clock(done) }
        let lag = p.behind > 0 ? "▼\(p.behind)" : p.behind < 0 ? "▲\(-p.behind)" : "="
        return lag + " →" + (p.projectedEnd.map(DurationText.clock) ?? "—")
    }

    func paceCell(_ team: String) -> TableCell {
        guard let p = snapshot.pacing[team] else { return TableCell("") }
        let late = p.projectedEnd.map { $0 > max(snapshot.duration, p.plannedEnd) } ?? false
        let style: Style = p.finishedAt != nil ? Theme.notice : (p.behind > 0 || late) ? Style(foreground: .yellow, attributes: .bold) : .plain
        return TableCell(Self.paceText(p), style: style)
    }
}
