/// A multi-line text area edited by grapheme, soft-wrapped to its width.
///
/// Keys: as `LineEditor` for typing and deleting within a line, plus Enter for a new line,
/// Backspace/Delete joining lines at their edges, Up/Down by wrapped row (keeping the column),
/// PageUp/PageDown, Home/End of the row. A paste keeps its lines. Keys it has no use for
/// (Tab, Esc, function keys, Ctrl-S …) come back `.ignored` for the view to act on.
public struct AreaEditor: Sendable {
    /// A cursor position: logical line and grapheme index within it.
    public struct Position: Hashable, Sendable {
        public var line: Int
        public var index: Int
        public init(line: Int, index: Int) { self.line = line; self.index = index }
    }

    public private(set) var lines: [[Character]]
    public private(set) var cursor: Position
    /// The width rows wrap at for Up/Down and Home/End; set by `layout(width:height:)`.
    /// Without it, rows are whole lines.
    public var wrapWidth: Int?
    /// First visible row; `layout(width:height:)` maintains it between frames.
    public var scroll = 0
    /// Rows a PageUp/PageDown moves.
    public var pageRows = 10

    private var goalColumn: Int?

    public init(text: String = "") {
        lines = [[]]
        cursor = Position(line: 0, index: 0)
        self.text = text
    }

    /// The text, lines joined by `\n`; setting it puts the cursor at the end.
    public var text: String {
        get { lines.map { String($0) }.joined(separator: "\n") }
        set {
            lines = TextLayout.paragraphs(of: newValue).map { Array(GraphemeEditing.sanitized($0)) }
            if lines.isEmpty { lines = [[]] }
            cursor = Position(line: lines.count - 1, index: lines[lines.count - 1].count)
            goalColumn = nil
        }
    }

    // MARK: - Keys

    public mutating func handle(_ key: Key) -> EditorEvent {
        let vertical: Bool
        switch key {
        case .up, .down, .pageUp, .pageDown: vertical = true
        default: vertical = false
        }
        if !vertical { goalColumn = nil }
        if key.isWordLeft { moveWordLeft(); return .handled }
        if key.isWordRight { moveWordRight(); return .handled }
        switch key {
        case .char(let grapheme): insert(String(grapheme))
        case .paste(let text): insert(text)
        case .enter: insert("\n")
        case .left: moveLeft()
        case .right: moveRight()
        case .up: moveRows(-1)
        case .down: moveRows(1)
        case .pageUp: moveRows(-max(1, pageRows))
        case .pageDown: moveRows(max(1, pageRows))
        case .home, .ctrl("a"): moveToRowEdge(end: false)
        case .end, .ctrl("e"): moveToRowEdge(end: true)
        case .backspace: backspace()
        case .delete, .ctrl("d"): deleteForward()
        case .ctrl("w"):
            let start = GraphemeEditing.wordStart(before: cursor.index, in: lines[cursor.line])
            lines[cursor.line].removeSubrange(start..<cursor.index)
            cursor.index = start
        case .ctrl("k"): lines[cursor.line].removeSubrange(cursor.index...)
        default: return .ignored
        }
        return .handled
    }

    // MARK: - Editing

    /// Inserts text at the cursor; each newline in it starts a new line.
    public mutating func insert(_ text: String) {
        let pieces = TextLayout.paragraphs(of: text)
        guard let first = pieces.first else { return }
        if pieces.count == 1 {
            cursor.index = GraphemeEditing.insert(first, into: &lines[cursor.line], at: cursor.index)
            return
        }
        var line = lines[cursor.line]
        let tail = Array(line[cursor.index...])
        line.removeSubrange(cursor.index...)
        _ = GraphemeEditing.insert(first, into: &line, at: line.count)
        lines[cursor.line] = line
        var newLines: [[Character]] = pieces.dropFirst().map { Array(GraphemeEditing.sanitized($0)) }
        let lastIndex = newLines[newLines.count - 1].count
        newLines[newLines.count - 1] += tail
        newLines[newLines.count - 1] = Array(String(newLines[newLines.count - 1]))
        lines.insert(contentsOf: newLines, at: cursor.line + 1)
        cursor = Position(line: cursor.line + newLines.count, index: lastIndex)
    }

    /// Removes the grapheme before the cursor, or joins this line to the previous one.
    public mutating func backspace() {
        if cursor.index > 0 {
            lines[cursor.line].remove(at: cursor.index - 1)
            cursor.index -= 1
        } else if cursor.line > 0 {
            let line = lines.remove(at: cursor.line)
            cursor.line -= 1
            cursor.index = lines[cursor.line].count
            lines[cursor.line] = Array(String(lines[cursor.line]) + String(line))
        }
    }

    /// Removes the grapheme under the cursor, or joins the next line to this one.
    public mutating func deleteForward() {
        if cursor.index < lines[cursor.line].count {
            lines[cursor.line].remove(at: cursor.index)
        } else if cursor.line + 1 < lines.count {
            let next = lines.remove(at: cursor.line + 1)
            lines[cursor.line] = Array(String(lines[cursor.line]) + String(next))
        }
    }

    public mutating func moveLeft() {
        if cursor.index > 0 {
            cursor.index -= 1
        } else if cursor.line > 0 {
            cursor.line -= 1
            cursor.index = lines[cursor.line].count
        }
    }

    public mutating func moveRight() {
        if cursor.index < lines[cursor.line].count {
            cursor.index += 1
        } else if cursor.line + 1 < lines.count {
            cursor.line += 1
            cursor.index = 0
        }
    }

    public mutating func moveWordLeft() {
        if cursor.index == 0 { moveLeft(); return }
        cursor.index = GraphemeEditing.wordStart(before: cursor.index, in: lines[cursor.line])
    }

    public mutating func moveWordRight() {
        if cursor.index == lines[cursor.line].count { moveRight(); return }
        cursor.index = GraphemeEditing.wordEnd(after: cursor.index, in: lines[cursor.line])
    }

    /// Moves the cursor by `delta` wrapped rows, keeping its column.
    public mutating func moveRows(_ delta: Int) {
        let rows = self.rows(width: wrapWidth)
        let (row, column) = locate(cursor, in: rows)
        let goal = goalColumn ?? column
        let target = min(max(0, row + delta), rows.count - 1)
        if target == row {
            // Past the first or last row: go to its start or end, as text fields do.
            cursor.index = delta < 0 ? rows[row].range.lowerBound : rowEnd(rows, row)
        } else {
            let candidate = GraphemeEditing.index(atColumn: goal, in: lines[rows[target].line],
                                                  range: rows[target].range.lowerBound..<rowEnd(rows, target))
            cursor = Position(line: rows[target].line, index: candidate)
        }
        goalColumn = goal
    }

    private mutating func moveToRowEdge(end: Bool) {
        let rows = self.rows(width: wrapWidth)
        let (row, _) = locate(cursor, in: rows)
        cursor.index = end ? rowEnd(rows, row) : rows[row].range.lowerBound
    }

    // MARK: - Rows

    struct Row {
        var line: Int
        var range: Range<Int>
    }

    /// The wrapped rows of the whole text at `width` (whole lines when nil).
    func rows(width: Int?) -> [Row] {
        var rows: [Row] = []
        for (number, line) in lines.enumerated() {
            guard let width, width > 0 else {
                rows.append(Row(line: number, range: 0..<line.count))
                continue
            }
            for range in TextLayout.wrapRanges(line, width: width) { rows.append(Row(line: number, range: range)) }
        }
        return rows
    }

    /// The last cursor index that still belongs to `row`.
    private func rowEnd(_ rows: [Row], _ row: Int) -> Int {
        let current = rows[row]
        if row + 1 < rows.count && rows[row + 1].line == current.line {
            let nextStart = rows[row + 1].range.lowerBound
            // Without dropped spaces between them, the shared boundary belongs to the next row.
            return current.range.upperBound < nextStart ? current.range.upperBound : max(current.range.lowerBound, nextStart - 1)
        }
        return lines[current.line].count
    }

    /// The row of `position` and its display column in that row.
    func locate(_ position: Position, in rows: [Row]) -> (row: Int, column: Int) {
        var found = 0
        for (number, row) in rows.enumerated() where row.line == position.line {
            if row.range.lowerBound <= position.index { found = number } else { break }
        }
        let range = rows[found].range
        let line = lines[position.line]
        let column = GraphemeEditing.columns(line[range.lowerBound..<max(range.lowerBound, position.index)])
        return (found, column)
    }

    // MARK: - Drawing

    /// Stores the wrap width and the scroll that keeps the cursor visible in a `width` × `height` area.
    public mutating func layout(width: Int, height: Int) {
        wrapWidth = width
        pageRows = max(1, height - 1)
        scroll = visibleScroll(width: width, height: height)
    }

    func visibleScroll(width: Int, height: Int) -> Int {
        let rows = self.rows(width: width)
        let (row, _) = locate(cursor, in: rows)
        var s = min(max(0, scroll), max(0, rows.count - 1))
        if row < s { s = row }
        if row >= s + height { s = row - height + 1 }
        return max(0, s)
    }

    /// Draws the wrapped text in `area`; when focused, puts the screen cursor on it.
    public func render(in area: Rect, on screen: inout Screen, style: Style = .plain, focused: Bool = true) {
        guard !area.isEmpty else { return }
        screen.fill(area, style: style)
        let rows = self.rows(width: area.width)
        let first = visibleScroll(width: area.width, height: area.height)
        for offset in 0..<area.height where first + offset < rows.count {
            let row = rows[first + offset]
            screen.put(String(lines[row.line][row.range]), x: area.x, y: area.y + offset, style: style, clip: area)
        }
        if focused {
            let (row, column) = locate(cursor, in: rows)
            screen.cursor = Point(x: area.x + min(column, area.width - 1), y: area.y + row - first)
        }
    }
}
