import DrillCore

extension FacilitatorConsole {
    /// The areas of the overview at a size, shared by `layout(_:)` and `render(_:)`.
    struct OverviewAreas {
        var msel: Rect
        var scoreboard: Rect
        var queue: Rect?
        var matrix: Rect
        /// The activity feed, when the body has rows to spare below the matrix.
        var activity: Rect?
    }

    func overviewAreas(_ body: Rect) -> OverviewAreas {
        // The MSEL takes the rows it needs, leaving the matrix at least its teams or half the body.
        let matrixNeeded = min(snapshot.teams.count + 4, body.height / 2)
        let top = min(max(7, snapshot.msel.count + 2), max(7, body.height - max(7, matrixNeeded)))
        let (upper, lower) = body.splitTop(top)
        // The matrix takes its teams' rows; five or more rows to spare go to the activity feed.
        let matrixHeight = max(7, snapshot.teams.count + 4)
        var matrix = lower, activity: Rect?
        if lower.height - matrixHeight >= 5 {
            let (m, a) = lower.splitTop(matrixHeight)
            matrix = m
            activity = a
        }
        if upper.width >= 140 {
            let (msel, rest) = upper.splitLeft(upper.width * 45 / 100)
            let (score, queue) = rest.splitLeft(rest.width * 45 / 100)
            return OverviewAreas(msel: msel, scoreboard: score, queue: queue, matrix: matrix, activity: activity)
        }
        let (msel, score) = upper.splitLeft(upper.width * 55 / 100)
        return OverviewAreas(msel: msel, scoreboard: score, queue: nil, matrix: matrix, activity: activity)
    }

    /// Stores the scroll positions that keep the cursor and selections visible at `size`.
    public mutating func layout(_ size: Size) {
        clampCursor()
        let body = ConsoleChrome.areas(size).body
        let areas = overviewAreas(body)
        let matrix = OutcomeMatrix(snapshot: snapshot, row: row, column: column, top: matrixTop, left: matrixLeft, presence: presence)
        let layout = matrix.layout(in: Pane.inner(areas.matrix))
        matrixTop = layout.top
        matrixLeft = layout.left
        msel.selected = snapshot.msel.firstIndex { $0.inject == selectedInject?.id }
        msel.keepSelectionVisible(height: Pane.inner(areas.msel).height, count: snapshot.msel.count)
        if grading.selected == nil, !snapshot.grading.isEmpty { grading.selected = 0 }
        if let s = grading.selected, s >= snapshot.grading.count { grading.select(s, count: snapshot.grading.count) }
    }

    /// Draws the console at `size` (at least 80×24; the runner shows `TooSmallView` below that).
    public func render(_ size: Size) -> Screen {
        var screen = Screen(size: size)
        let areas = ConsoleChrome.areas(size)
        drawHeader(in: areas.header, on: &screen)
        ConsoleChrome.drawTabs(tabs, trailing: nextDue, in: areas.tabs, on: &screen)
        switch tab {
        case .overview: drawOverview(in: areas.body, on: &screen)
        case .grading: drawGrading(in: areas.body, on: &screen)
        case .messages: drawMessages(in: areas.body, on: &screen)
        case .notes: drawNotes(in: areas.body, on: &screen)
        }
        ConsoleChrome.drawBottom(keys: keys, status: status, in: areas.bottom, on: &screen)
        if let overlay { drawOverlay(overlay, in: screen.bounds, on: &screen) }
        return screen
    }

    // MARK: - Header, tabs, keys

    private func drawHeader(in area: Rect, on screen: inout Screen) {
        let clock = " \(DurationText.clock(snapshot.now)) / \(DurationText.clock(snapshot.duration)) "
        let over = snapshot.now > snapshot.duration && snapshot.phase != .ended
        ConsoleChrome.drawHeader(
            left: [Segment(" White cell ", Style(attributes: .bold)), Segment(" " + snapshot.title)],
            right: ConsoleChrome.connection(connection) + [Segment(clock, over ? Style(foreground: .red) : .plain),
                    Segment(" \(Theme.phaseLabel(snapshot.phase)) ", Theme.phaseStyle(snapshot.phase)),
                    Segment(" \(Theme.speedLabel(snapshot.speed)) ")],
            elastic: connection == .local ? nil : 0, in: area, on: &screen)
    }

    var tabs: [TabItem] {
        Tab.allCases.map { t in
            var badge = ""
            switch t {
            case .grading where snapshot.ungradedCount > 0: badge = "\(snapshot.ungradedCount)"
            case .messages where snapshot.openRFICount > 0: badge = "\(snapshot.openRFICount) RFI"
            case .notes where !snapshot.notes.isEmpty: badge = "\(snapshot.notes.count)"
            default: break
            }
            return TabItem(key: "", label: t.label, badge: badge, selected: t == tab)
        }
    }

    private var nextDue: [Segment] {
        let due = snapshot.msel.compactMap { row -> (String, Millis)? in
            if case .due(let at) = row.progress { return (row.inject, at) }
            return nil
        }.min { $0.1 < $1.1 }
        guard let due, snapshot.phase == .running || snapshot.phase == .paused else { return [] }
        return [Segment("next ", Theme.dimmed), Segment(due.0, .bold), Segment(" in \(Theme.countdown(due.1 - snapshot.now)) ", Theme.notice)]
    }

    var keys: [KeyBar.Item] {
        var items: [KeyBar.Item] = [.init("?", "help", kept: true)]
        switch snapshot.phase {
        case .notStarted: items.append(.init("s", "start"))
        case .running: items.append(.init("p", "pause"))
        case .paused: items.append(.init("p", "resume"))
        case .ended: break
        }
        items.append(.init("+-", "speed"))
        switch tab {
        case .overview: items += [.init("r", "release"), .init("h", "hold"), .init("x", "extend")]
        case .grading: items += [.init("1-9", "grade"), .init("PgDn", "scroll")]
        case .messages: items += [.init("a", "answer RFI"), .init("m", "reply")]
        case .notes: break
        }
        items += [.init("b", "broadcast"), .init("n", "note")]
        if snapshot.phase == .running || snapshot.phase == .paused { items.append(.init("e", "end")) }
        items += [.init("Tab", "tabs")]
        if switchesConsoles { items.append(.init("F2", "teams", kept: true)) }
        items += [.init("q", "quit", kept: true)]
        return items
    }

    // MARK: - Overview

    private func drawOverview(in body: Rect, on screen: inout Screen) {
        let areas = overviewAreas(body)
        drawMSEL(in: areas.msel, on: &screen)
        drawScoreboard(in: areas.scoreboard, on: &screen)
        if let queue = areas.queue { drawQueue(in: queue, on: &screen) }
        if let activity = areas.activity { drawActivity(in: activity, on: &screen) }
        let matrix = OutcomeMatrix(snapshot: snapshot, row: row, column: column, top: matrixTop, left: matrixLeft, presence: presence)
        let inner = Pane.inner(areas.matrix)
        let layout = matrix.layout(in: inner)
        var title = "Teams × injects"
        if snapshot.teams.count > layout.visibleRows {
            title += " · teams \(layout.top + 1)–\(min(snapshot.teams.count, layout.top + layout.visibleRows)) of \(snapshot.teams.count)"
        }
        if snapshot.injects.count > layout.visibleColumns {
            title += " · injects \(layout.left + 1)–\(min(snapshot.injects.count, layout.left + layout.visibleColumns)) of \(snapshot.injects.count)"
        }
        Pane(title: title, focused: true).render(in: areas.matrix, on: &screen)
        matrix.render(in: inner, layout: layout, on: &screen)
        // The legend sits on the bottom border.
        var x = areas.matrix.x + 2
        let border = Rect(x: areas.matrix.x + 1, y: areas.matrix.maxY - 1, width: max(0, areas.matrix.width - 2), height: 1)
        for segment in OutcomeMatrix.legend {
            x = screen.put(segment.text, x: x, y: border.y, style: segment.style, clip: border)
        }
    }

    private func drawMSEL(in area: Rect, on screen: inout Screen) {
        let released = snapshot.msel.count { if case .released = $0.progress { true } else { false } }
        let inner = Pane(title: "MSEL · \(released) of \(snapshot.msel.count) released").render(in: area, on: &screen)
        guard !inner.isEmpty else { return }
        let rows = snapshot.msel
        let idWidth = min(8, rows.reduce(2) { max($0, DisplayWidth.of($1.inject)) })
        let statusWidth = 12
        let top = msel.visibleOffset(height: inner.height, count: rows.count)
        let nextDue = rows.indices.filter { if case .due = rows[$0].progress { true } else { false } }
            .min { a, b in
                if case .due(let x) = rows[a].progress, case .due(let y) = rows[b].progress { return x < y }
                return false
            }
        for line in 0..<inner.height {
            let index = top + line
            guard index < rows.count else { break }
            let r = rows[index]
            let y = inner.y + line
            let box = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let selected = index == msel.selected
            var style: Style
            var statusText: String
            var statusStyle: Style
            switch r.progress {
            case .released:
                style = Theme.dimmed
                statusText = "sent \(r.teamsReleased)/\(r.teamsReachable)"
                statusStyle = Theme.dimmed
            case .due(let at):
                style = index == nextDue ? .bold : .plain
                let partial = r.teamsReleased > 0 ? "\(r.teamsReleased)/\(r.teamsReachable) " : ""
                statusText = snapshot.phase == .notStarted ? "planned" : "\(partial)in \(Theme.countdown(at - snapshot.now))"
                statusStyle = index == nextDue ? Theme.notice : .plain
            case .held:
                style = .plain
                statusText = "HELD"
                statusStyle = Style(foreground: .yellow, attributes: [.bold, .reverse])
            case .waiting:
                style = .plain
                statusText = r.isBranch ? "branch" : "waiting"
                statusStyle = Theme.dimmed
            case .skipped:
                style = Theme.dimmed
                statusText = "no team"
                statusStyle = Theme.dimmed
            }
            if selected {
                style = style.patched(with: .reverse)
                statusStyle = statusStyle.patched(with: .reverse)
                screen.fill(box, style: style)
            }
            let planned = r.planned.map { (r.isBranch ? "≥" : " ") + DurationText.clock($0) } ?? "  ?"
            var x = screen.put(TextLayout.pad(planned, width: 8), x: inner.x, y: y, style: style, clip: box) + 1
            x = screen.put(TextLayout.pad(r.inject, width: idWidth), x: x, y: y, style: style.adding(.bold), clip: box) + 1
            let titleWidth = max(0, inner.maxX - x - statusWidth - 1)
            screen.put(TextLayout.truncate(r.title, width: titleWidth), x: x, y: y, style: style, clip: box)
            screen.put(TextLayout.pad(statusText, width: statusWidth, alignment: .right), x: inner.maxX - statusWidth, y: y, style: statusStyle, clip: box)
        }
    }

    private func drawScoreboard(in area: Rect, on screen: inout Screen) {
        let inner = Pane(title: "Scoreboard").render(in: area, on: &screen)
        guard !inner.isEmpty else { return }
        let presence = self.presence
        let rows = snapshot.scoreboard.map { s -> [TableCell] in
            var row = [TableCell("\(s.rank)"), TableCell(s.name)]
            if let presence {
                let here = presence[s.team] ?? TeamPresence(members: 0, seen: false)
                row.append(TableCell(here.cell, style: here.style))
            }
            return row + [TableCell(Theme.points(s.points)), TableCell(Theme.percent(s.percent))]
        }
        let selected = snapshot.scoreboard.firstIndex { $0.team == selectedTeam?.id }
        var columns = [TableColumn("#", width: .fixed(3), alignment: .right), TableColumn("Team")]
        if presence != nil { columns.append(TableColumn("On", width: .fixed(5))) }
        columns += [TableColumn("Points", width: .fixed(7), alignment: .right), TableColumn("%", width: .fixed(5), alignment: .right)]
        var table = Table(columns: columns, rows: rows, state: ListState(selected: selected), focused: false)
        table.state.keepSelectionVisible(height: Table.bodyHeight(inner.height), count: rows.count)
        table.render(in: inner, on: &screen)
        if rows.isEmpty { screen.put("no team yet", x: inner.x, y: inner.y + 1, style: Theme.dimmed, clip: inner) }
    }

    private func drawActivity(in area: Rect, on screen: inout Screen) {
        let inner = Pane(title: "Activity").render(in: area, on: &screen)
        if snapshot.activity.isEmpty {
            screen.put("Nothing has happened yet.", x: inner.x, y: inner.y, style: Theme.dimmed, clip: inner)
        }
        for (row, item) in snapshot.activity.prefix(inner.height).enumerated() {
            let y = inner.y + row
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            var x = screen.put(DurationText.clock(item.time), x: inner.x, y: y, style: Theme.dimmed, clip: line) + 1
            if let mark = item.mark { screen.put(mark.symbol, x: x, y: y, style: mark.style, clip: line) }
            x += 2
            screen.put(TextLayout.truncate(item.text, width: max(0, line.maxX - x)), x: x, y: y, clip: line)
        }
    }

    private func drawQueue(in area: Rect, on screen: inout Screen) {
        let inner = Pane(title: "Waiting for the white cell").render(in: area, on: &screen)
        var lines: [(String, Style)] = []
        let ungraded = snapshot.grading.filter { $0.grade == nil }
        lines.append(("Grading: \(ungraded.isEmpty ? "nothing waits" : "\(ungraded.count) answer\(ungraded.count == 1 ? "" : "s")")", .bold))
        for item in ungraded.prefix(4) {
            lines.append(("  \(DurationText.clock(item.answeredAt)) \(item.teamName) · \(item.task)", .plain))
        }
        let open = snapshot.messages.filter(\.needsAnswer)
        lines.append(("RFIs: \(open.isEmpty ? "none open" : "\(open.count) open")", .bold))
        for m in open.prefix(4) { lines.append(("  \(m.from): \(m.text)", .plain)) }
        lines.append(("Latest messages", .bold))
        for m in snapshot.messages.suffix(max(1, inner.height - lines.count)).reversed() {
            lines.append(("  \(DurationText.clock(m.time)) \(m.from) → \(m.to): \(m.text)", Theme.dimmed))
        }
        for (row, (text, style)) in lines.prefix(inner.height).enumerated() {
            screen.put(TextLayout.truncate(text, width: inner.width), x: inner.x, y: inner.y + row, style: style, clip: inner)
        }
    }
}
