import DrillCore
import DrillText

extension WhiteCellConsole {
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
            // grade17: the scoreboard a little wider than before, for its pace column.
            let (score, queue) = rest.splitLeft(rest.width * (snapshot.pacing.isEmpty ? 45 : 55) / 100)
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
        let matrix = OutcomeMatrix(snapshot: snapshot, row: row, column: column, top: matrixTop, left: matrixLeft, presence: presence, texts: texts)
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
        screen.bidi = bidi.layout(for: texts.language)
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
        screen.finishLayout()
        return screen
    }

    // MARK: - Header, tabs, keys

    private func drawHeader(in area: Rect, on screen: inout Screen) {
        let clock = " \(DurationText.clock(snapshot.now)) / \(DurationText.clock(snapshot.duration)) "
        let over = snapshot.now > snapshot.duration && snapshot.phase != .ended
        ConsoleChrome.drawHeader(
            left: [Segment(" \(texts(.wcHeader)) ", Style(attributes: .bold)), Segment(" " + snapshot.title)],
            right: ConsoleChrome.connection(connection, texts: texts) + [Segment(clock, over ? Style(foreground: .red) : .plain),
                    Segment(" \(texts.phase(snapshot.phase)) ", Theme.phaseStyle(snapshot.phase)),
                    Segment(" \(Theme.speedLabel(snapshot.speed)) ")],
            elastic: connection == .local ? nil : 0, in: area, on: &screen)
    }

    var tabs: [TabItem] {
        Tab.allCases.map { t in
            var badge = ""
            switch t {
            case .grading where snapshot.ungradedCount > 0: badge = "\(snapshot.ungradedCount)"
            case .messages where snapshot.openRFICount > 0: badge = "\(snapshot.openRFICount) \(texts(.wcRfi))"
            case .notes where !snapshot.notes.isEmpty: badge = "\(snapshot.notes.count)"
            default: break
            }
            return TabItem(key: "", label: t.label(texts), badge: badge, selected: t == tab)
        }
    }

    private var nextDue: [Segment] {
        let due = snapshot.msel.compactMap { row -> (String, Millis)? in
            if case .due(let at) = row.progress { return (row.inject, at) }
            return nil
        }.min { $0.1 < $1.1 }
        guard let due, snapshot.phase == .running || snapshot.phase == .paused else { return [] }
        return [Segment(texts(.wcNext) + " ", Theme.dimmed), Segment(due.0, .bold),
                Segment(" " + texts(.wcIn, ["t": texts.countdown(due.1 - snapshot.now)]) + " ", Theme.notice)]
    }

    var keys: [KeyBar.Item] {
        let t = texts
        // On Arabic, Russian and Chinese layouts the bar names the function keys (WhiteCellConsole+Keys).
        func k(_ letter: String, _ function: String) -> String { latinKeys ? letter : function }
        var items: [KeyBar.Item] = [.init(k("?", "F1"), t(.keyHelp), kept: true)]
        switch snapshot.phase {
        case .notStarted: items.append(.init(k("s", "F3"), t(.keyStart)))
        case .running: items.append(.init(k("p", "F3"), t(.keyPause)))
        case .paused: items.append(.init(k("p", "F3"), t(.keyResume)))
        case .ended: break
        }
        items.append(.init("+-", t(.keySpeed)))
        switch tab {
        case .overview: items += [.init(k("r", "F4"), t(.keyRelease)), .init(k("h", "F5"), t(.keyHold)), .init(k("x", "F6"), t(.keyExtend))]
        case .grading: items += [.init("1-9", t(.keyGrade)), .init("PgDn", t(.keyScroll))]
        case .messages: items += [.init(k("a", "F7"), t(.keyAnswerRfi)), .init(k("m", "F8"), t(.keyReply))]
        case .notes: break
        }
        items += [.init(k("b", "F9"), t(.keyBroadcast)), .init(k("n", "F11"), t(.keyNote))]
        if snapshot.phase == .running || snapshot.phase == .paused { items.append(.init(k("e", "F12"), t(.keyEnd))) }
        items += [.init("Tab", t(.keyTabs))]
        if switchesConsoles { items.append(.init("F2", t(.keyTeams), kept: true)) }
        items += [.init(k("q", "F10"), t(.keyQuit), kept: true)]
        return items
    }

    // MARK: - Overview

    private func drawOverview(in body: Rect, on screen: inout Screen) {
        let areas = overviewAreas(body)
        drawMSEL(in: areas.msel, on: &screen)
        drawScoreboard(in: areas.scoreboard, on: &screen)
        if let queue = areas.queue { drawQueue(in: queue, on: &screen) }
        if let activity = areas.activity { drawActivity(in: activity, on: &screen) }
        let matrix = OutcomeMatrix(snapshot: snapshot, row: row, column: column, top: matrixTop, left: matrixLeft, presence: presence, texts: texts)
        let inner = Pane.inner(areas.matrix)
        let layout = matrix.layout(in: inner)
        var title = texts(.wcPaneMatrix)
        if snapshot.teams.count > layout.visibleRows {
            title += " · " + texts(.wcPaneMatrixTeams, ["a": layout.top + 1, "b": min(snapshot.teams.count, layout.top + layout.visibleRows), "n": snapshot.teams.count])
        }
        if snapshot.injects.count > layout.visibleColumns {
            title += " · " + texts(.wcPaneMatrixInjects, ["a": layout.left + 1, "b": min(snapshot.injects.count, layout.left + layout.visibleColumns), "n": snapshot.injects.count])
        }
        Pane(title: title, focused: true).render(in: areas.matrix, on: &screen)
        matrix.render(in: inner, layout: layout, on: &screen)
        // The legend sits on the bottom border.
        var x = areas.matrix.x + 2
        let border = Rect(x: areas.matrix.x + 1, y: areas.matrix.maxY - 1, width: max(0, areas.matrix.width - 2), height: 1)
        for segment in OutcomeMatrix.legend(texts) {
            x = screen.put(segment.text, x: x, y: border.y, style: segment.style, clip: border)
        }
    }

    private func drawMSEL(in area: Rect, on screen: inout Screen) {
        let released = snapshot.msel.count { if case .released = $0.progress { true } else { false } }
        let inner = Pane(title: texts(.wcPaneMsel, ["n": released, "count": snapshot.msel.count])).render(in: area, on: &screen)
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
                statusText = texts(.wcMselSent, ["done": r.teamsReleased, "n": r.teamsReachable])
                statusStyle = Theme.dimmed
            case .due(let at):
                style = index == nextDue ? .bold : .plain
                let partial = r.teamsReleased > 0 ? "\(r.teamsReleased)/\(r.teamsReachable) " : ""
                statusText = snapshot.phase == .notStarted ? texts(.wcMselPlanned) : partial + texts(.wcIn, ["t": texts.countdown(at - snapshot.now)])
                statusStyle = index == nextDue ? Theme.notice : .plain
            case .held:
                style = .plain
                statusText = texts(.wcMselHeld)
                statusStyle = Style(foreground: .yellow, attributes: [.bold, .reverse])
            case .waiting:
                style = .plain
                statusText = texts(r.isBranch ? .wcMselBranch : .wcMselWaiting)
                statusStyle = Theme.dimmed
            case .skipped:
                style = Theme.dimmed
                statusText = texts(.wcMselNoTeam)
                statusStyle = Theme.dimmed
            // live17
            case .onDemand:
                style = .plain
                statusText = texts(.wcMselOnDemand)
                statusStyle = Theme.notice
            }
            if selected {
                style = style.patched(with: .reverse)
                statusStyle = statusStyle.patched(with: .reverse)
                screen.fill(box, style: style)
            }
            let planned = r.unplanned ? "  —" : r.planned.map { (r.isBranch ? "≥" : " ") + DurationText.clock($0) } ?? (r.progress == .onDemand ? "  —" : "  ?")
            var x = screen.put(TextLayout.pad(planned, width: 8), x: inner.x, y: y, style: style, clip: box) + 1
            x = screen.put(TextLayout.pad(r.inject, width: idWidth), x: x, y: y, style: style.adding(.bold), clip: box) + 1
            let titleWidth = max(0, inner.maxX - x - statusWidth - 1)
            let title = r.unplanned ? texts(.wcMselUnplanned, ["title": r.title]) : r.title
            screen.put(TextLayout.truncate(title, width: titleWidth), x: x, y: y, style: style, clip: box)
            screen.put(TextLayout.pad(statusText, width: statusWidth, alignment: .right), x: inner.maxX - statusWidth, y: y, style: statusStyle, clip: box)
        }
    }

    private func drawScoreboard(in area: Rect, on screen: inout Screen) {
        let inner = Pane(title: texts(.wcPaneScoreboard)).render(in: area, on: &screen)
        guard !inner.isEmpty else { return }
        let presence = self.presence
        // grade17: the pace column, where the pane has room for it.
        let showsPace = !snapshot.pacing.isEmpty && inner.width >= 44
        let rows = snapshot.scoreboard.map { s -> [TableCell] in
            var row = [TableCell("\(s.rank)"), TableCell(s.name)]
            if let presence {
                let here = presence[s.team] ?? TeamPresence(members: 0, seen: false)
                row.append(TableCell(here.cell, style: here.style))
            }
            row += [TableCell(texts.points(s.points)), TableCell(texts.percent(s.percent))]
            if showsPace { row.append(paceCell(s.team)) }
            return row
        }
        let selected = snapshot.scoreboard.firstIndex { $0.team == selectedTeam?.id }
        var columns = [TableColumn(texts(.colRank), width: .fixed(3), alignment: .right), TableColumn(texts(.colTeam))]
        if presence != nil { columns.append(TableColumn(texts(.wcColumnOn), width: .fixed(5))) }
        columns += [TableColumn(texts(.colPoints), width: .fixed(7), alignment: .right), TableColumn("%", width: .fixed(5), alignment: .right)]
        if showsPace { columns.append(TableColumn(texts(.wcColumnPace), width: .fixed(11))) }
        var table = Table(columns: columns, rows: rows, state: ListState(selected: selected), focused: false)
        table.state.keepSelectionVisible(height: Table.bodyHeight(inner.height), count: rows.count)
        table.render(in: inner, on: &screen)
        if rows.isEmpty { screen.put(texts(.wcNoTeam), x: inner.x, y: inner.y + 1, style: Theme.dimmed, clip: inner) }
    }

    private func drawActivity(in area: Rect, on screen: inout Screen) {
        let inner = Pane(title: texts(.wcPaneActivity)).render(in: area, on: &screen)
        if snapshot.activity.isEmpty {
            screen.put(texts(.wcNothingYet), x: inner.x, y: inner.y, style: Theme.dimmed, clip: inner)
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
        let inner = Pane(title: texts(.wcPaneWaiting)).render(in: area, on: &screen)
        var lines: [(String, Style)] = []
        let ungraded = snapshot.grading.filter { $0.grade == nil }
        lines.append((ungraded.isEmpty ? texts(.wcGradingNothing) : texts(.wcGradingCount, ["n": ungraded.count]), .bold))
        for item in ungraded.prefix(4) {
            lines.append(("  \(DurationText.clock(item.answeredAt)) \(item.teamName) · \(item.task)", .plain))
        }
        let open = snapshot.messages.filter(\.needsAnswer)
        lines.append((open.isEmpty ? texts(.wcRfisNone) : texts(.wcRfisOpen, ["n": open.count]), .bold))
        for m in open.prefix(4) { lines.append(("  \(m.from): \(m.text)", .plain)) }
        lines.append((texts(.wcLatest), .bold))
        for m in snapshot.messages.suffix(max(1, inner.height - lines.count)).reversed() {
            lines.append(("  \(DurationText.clock(m.time)) \(m.from) → \(m.to): \(m.text)", Theme.dimmed))
        }
        for (row, (text, style)) in lines.prefix(inner.height).enumerated() {
            screen.put(TextLayout.truncate(text, width: inner.width), x: inner.x, y: inner.y + row, style: style, clip: inner)
        }
    }
}
