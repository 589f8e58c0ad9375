import DrillCore
import DrillText

/// The team × inject matrix: one row per team, one column per inject, a mark per cell, and a
/// cursor cell. Drawn cell by cell into the visible window only, so that 200 teams × 60 injects
/// cost no more than what fits on the screen.
struct OutcomeMatrix {
    var snapshot: WhiteCellSnapshot
    var row: Int
    var column: Int
    /// Scroll position, as stored by the console between frames.
    var top: Int
    var left: Int
    /// Who is connected (a served exercise): a mark after each team's name.
    var presence: [String: TeamPresence]? = nil
    /// The words of the console's language.
    var texts: Texts = .english

    struct Layout {
        var nameWidth: Int
        var cellWidth: Int
        var visibleRows: Int
        var visibleColumns: Int
        var top: Int
        var left: Int
    /// The words of the console's language.
    var texts: Texts = .english
        /// Whether the inject ids fit above their columns.
        var fullIds: Bool
    }

    /// Column sizes and the scroll that keeps the cursor visible in `area` (inside the border).
    func layout(in area: Rect) -> Layout {
        let mark = presence == nil ? 0 : 2
        let longestName = snapshot.teams.reduce(4) { max($0, DisplayWidth.of($1.name)) } + mark
        let nameWidth = min(longestName, max(10, area.width / 4), 28 + mark)
        let longestId = snapshot.injects.reduce(1) { max($0, DisplayWidth.of($1.id)) }
        let room = max(1, area.width - nameWidth - 1)
        let count = max(1, snapshot.injects.count)
        // Ids above their columns when they fit; otherwise the narrowest readable cell.
        var cellWidth = longestId + 1
        if cellWidth * count > room { cellWidth = max(2, min(cellWidth, room / count)) }
        let fullIds = cellWidth >= longestId + 1
        let visibleColumns = max(1, room / cellWidth)
        let visibleRows = max(1, area.height - 2)   // header row and the cursor line
        var top = min(max(0, self.top), max(0, snapshot.teams.count - visibleRows))
        if row < top { top = row }
        if row >= top + visibleRows { top = row - visibleRows + 1 }
        var left = min(max(0, self.left), max(0, snapshot.injects.count - visibleColumns))
        if column < left { left = column }
        if column >= left + visibleColumns { left = column - visibleColumns + 1 }
        return Layout(nameWidth: nameWidth, cellWidth: cellWidth, visibleRows: visibleRows, visibleColumns: visibleColumns,
                      top: max(0, top), left: max(0, left), fullIds: fullIds)
    }

    func render(in area: Rect, layout: Layout, on screen: inout Screen) {
        guard !area.isEmpty else { return }
        let injects = snapshot.injects
        let teams = snapshot.teams
        let gridX = area.x + layout.nameWidth + 1
        // Header: inject ids (or their ends), the cursor's column reversed.
        let headerRow = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        screen.put(TextLayout.pad(texts(.wcMatrixTeam), width: layout.nameWidth), x: area.x, y: area.y, style: Theme.dimmed, clip: headerRow)
        for c in 0..<layout.visibleColumns {
            let i = layout.left + c
            guard i < injects.count else { break }
            let id = injects[i].id
            let label = layout.fullIds ? id : String(id.suffix(max(1, layout.cellWidth - 1)))
            let x = gridX + c * layout.cellWidth
            let style: Style = i == column ? .reverse : .bold
            screen.put(TextLayout.truncate(label, width: layout.cellWidth - 1, ellipsis: "…"), x: x, y: area.y, style: style, clip: headerRow)
        }
        if layout.left > 0 { screen.put("◀", x: gridX - 1, y: area.y, style: Theme.notice, clip: headerRow) }
        if layout.left + layout.visibleColumns < injects.count {
            screen.put("▶", x: area.maxX - 1, y: area.y, style: Theme.notice, clip: headerRow)
        }
        // Rows.
        let count = injects.count
        for r in 0..<layout.visibleRows {
            let t = layout.top + r
            guard t < teams.count else { break }
            let y = area.y + 1 + r
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            let nameStyle: Style = t == row ? Style(attributes: [.bold, .reverse]) : .plain
            let here = presence.map { $0[teams[t].id] ?? TeamPresence(members: 0, seen: false) }
            let (name, nameWidth) = TextLayout.fit(teams[t].name, width: layout.nameWidth - (here == nil ? 0 : 2))
            screen.put(name, x: area.x, y: y, style: nameStyle, clip: line)
            if t == row && nameWidth < layout.nameWidth {
                screen.fill(Rect(x: area.x + nameWidth, y: y, width: layout.nameWidth - nameWidth, height: 1), style: nameStyle)
            }
            if let here {
                screen.put(here.mark, x: area.x + layout.nameWidth - 1, y: y, style: t == row ? here.style.adding(.reverse) : here.style, clip: line)
            }
            let base = t * count
            for c in 0..<layout.visibleColumns {
                let i = layout.left + c
                guard i < count else { break }
                let mark = snapshot.marks[base + i]
                let x = gridX + c * layout.cellWidth
                var style = mark.style
                if t == row && i == column {
                    style = style.adding(.reverse)
                    screen.fill(Rect(x: x, y: y, width: layout.cellWidth - 1, height: 1).intersection(line), style: style)
                }
                screen.put(mark.symbol, x: x + (layout.cellWidth - 1) / 2, y: y, style: style, clip: line)
            }
        }
        // The cursor line: who and what the cursor is on, in words.
        let infoY = area.maxY - 1
        let info = Rect(x: area.x, y: infoY, width: area.width, height: 1)
        screen.fill(info)
        guard teams.indices.contains(row), injects.indices.contains(column) else {
            screen.put(texts(teams.isEmpty ? .wcMatrixNoTeam : .wcMatrixNoInject), x: area.x, y: infoY, style: Theme.dimmed, clip: info)
            return
        }
        let mark = snapshot.mark(team: row, inject: column)
        var x = screen.put("▸ ", x: area.x, y: infoY, style: Theme.notice, clip: info)
        x = screen.put(teams[row].name, x: x, y: infoY, style: .bold, clip: info)
        if let here = presence.map({ $0[teams[row].id] ?? TeamPresence(members: 0, seen: false) }) {
            x = screen.put(" (\(here.words(texts)))", x: x, y: infoY, style: here.style, clip: info)
        }
        x = screen.put(" · \(injects[column].id) ", x: x, y: infoY, style: .bold, clip: info)
        let markText = mark == .notReleased ? mark.label(texts) : "\(mark.symbol) \(mark.label(texts))"
        x = screen.put(markText, x: x, y: infoY, style: mark == .notReleased ? Theme.dimmed : mark.style, clip: info)
        if let scores = snapshot.taskScores[teams[row].id]?.filter({ $0.task.inject == injects[column].id }), !scores.isEmpty {
            let points = scores.reduce(0) { $0 + $1.points }, max = scores.reduce(0) { $0 + $1.maxPoints }
            x = screen.put(" " + texts(.teamPointsOf, ["p": texts.points(points), "max": texts.points(max)]), x: x, y: infoY, clip: info)
        }
        let title = " · " + injects[column].title
        screen.put(TextLayout.truncate(title, width: max(0, info.maxX - x)), x: x, y: infoY, style: Theme.dimmed, clip: info)
    }

    /// `✓ correct  ◐ partial  …`, for the pane's bottom border.
    static var legend: [Segment] { legend(.english) }

    static func legend(_ texts: Texts) -> [Segment] {
        var segments: [Segment] = []
        for mark in Theme.Mark.legend {
            segments.append(Segment(" \(mark.symbol)", mark.style))
            segments.append(Segment(" \(mark.label(texts)) "))
        }
        return segments
    }
}
