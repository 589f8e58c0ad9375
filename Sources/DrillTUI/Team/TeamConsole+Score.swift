import DrillCore
import DrillText

extension TeamConsole {
    // MARK: - Score

    func drawScore(in body: Rect, on screen: inout Screen) {
        guard let score = model.score else {
            let inner = Pane(title: texts(.teamPaneScore)).render(in: body, on: &screen)
            screen.put(texts(.teamNoScore), x: inner.x, y: inner.y, style: Theme.dimmed, clip: inner)
            return
        }
        var tasksArea = body
        if let standings = score.standings, body.width >= 100 {
            let (left, right) = body.splitLeft(body.width - 36)
            tasksArea = left
            let inner = Pane(title: texts(.teamPaneScoreboard)).render(in: right, on: &screen)
            let rows = standings.map { s -> [TableCell] in
                let style: Style = s.team == model.team.id ? .bold : .plain
                return [TableCell("\(s.rank)", style: style), TableCell(s.name, style: style), TableCell(texts.points(s.points), style: style)]
            }
            Table(columns: [TableColumn(texts(.colRank), width: .fixed(3), alignment: .right), TableColumn(texts(.colTeam)),
                            TableColumn(texts(.colPoints), width: .fixed(7), alignment: .right)],
                  rows: rows, state: ListState(selected: nil), focused: false).render(in: inner, on: &screen)
        }
        let summary: String
        if score.showsPoints, let points = score.points {
            var text = texts(.teamSummary, ["p": texts.points(points), "avail": texts.points(score.availablePoints ?? 0),
                                             "pct": texts.percent(score.percentOfAvailable)])
            if let rank = score.rank, let standings = score.standings { text += " · " + texts(.teamSummaryRank, ["rank": rank, "n": standings.count]) }
            summary = text
        } else {
            summary = texts(.teamSummaryHidden)
        }
        let inner = Pane(title: texts(.teamPaneYourTasks)).render(in: tasksArea, on: &screen)
        guard inner.height > 2 else { return }
        let o = score.outcomes
        screen.put(TextLayout.truncate(summary, width: inner.width), x: inner.x, y: inner.y, style: .bold, clip: inner)
        let counts = "✓ \(o.correct)  ◐ \(o.partial)  ✗ \(o.wrong)  – \(o.missed)  · \(o.pending)"
        screen.put(counts, x: inner.x, y: inner.y + 1, style: Theme.dimmed, clip: inner)
        let rows = score.tasks.map { t -> [TableCell] in
            let mark = Theme.Mark(t.outcome)
            let points = t.points.map { "\(texts.points($0))/\(texts.points(t.maxPoints))" } ?? "—/\(texts.points(t.maxPoints))"
            return [TableCell(t.task.description), TableCell("\(mark.symbol) \(markLabel(mark))", style: mark.style),
                    TableCell(points), TableCell(texts.reason(t.why, fallback: t.reason))]
        }
        let table = Table(columns: [TableColumn(texts(.colTask), width: .flexible(min: 10, weight: 1)), TableColumn(texts(.colResult), width: .fixed(10)),
                                    TableColumn(texts(.colPoints), width: .fixed(7), alignment: .right), TableColumn(texts(.colWhy), width: .flexible(min: 16, weight: 3))],
                          rows: rows, state: scoreRows, focused: true)
        let detailRows = min(3, max(0, inner.height - 6))
        table.render(in: Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3 - detailRows), on: &screen)
        if let s = scoreRows.selected, score.tasks.indices.contains(s), detailRows > 0 {
            let t = score.tasks[s]
            let points = t.points.map { " · " + texts(.teamPointsOf, ["p": texts.points($0), "max": texts.points(t.maxPoints)]) } ?? ""
            let lines = TextLayout.wrap("\(t.task): \(texts.reason(t.why, fallback: t.reason))\(points)", width: max(1, inner.width))
            for (row, line) in lines.prefix(detailRows).enumerated() {
                screen.put(line, x: inner.x, y: inner.maxY - detailRows + row, style: Theme.Mark(t.outcome).style, clip: inner)
            }
        }
        if rows.isEmpty {
            screen.put(texts(.teamNoTaskYet), x: inner.x, y: inner.y + 4, style: Theme.dimmed, clip: inner)
        }
    }
}
