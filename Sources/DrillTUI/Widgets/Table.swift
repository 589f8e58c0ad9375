/// How a table column takes its width.
public enum ColumnWidth: Hashable, Sendable {
    /// Exactly this many columns.
    case fixed(Int)
    /// A share (by `weight`) of what the fixed columns leave, at least `min` columns.
    case flexible(min: Int = 1, weight: Int = 1)
}

/// A table column: header title, width rule and alignment of its cells.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: ColumnWidth
    public var alignment: Alignment

    public init(_ title: String, width: ColumnWidth = .flexible(), alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// One table cell: text and its own style (e.g. an outcome colour).
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }
}

/// Rows under a header, columns sized by display width, with a selected row that stays visible.
public struct Table: Sendable {
    public var columns: [TableColumn]
    public var rows: [[TableCell]]
    public var state: ListState
    public var focused: Bool
    public var headerStyle: Style
    public var highlight: Style
    /// Blank columns between two columns.
    public var spacing: Int

    public init(columns: [TableColumn], rows: [[TableCell]], state: ListState = ListState(), focused: Bool = true,
                headerStyle: Style = Style(attributes: [.bold, .underline]), highlight: Style = .reverse, spacing: Int = 1) {
        self.columns = columns
        self.rows = rows
        self.state = state
        self.focused = focused
        self.headerStyle = headerStyle
        self.highlight = highlight
        self.spacing = spacing
    }

    /// Rows of the body when the table is drawn `height` rows high (one goes to the header).
    public static func bodyHeight(_ height: Int) -> Int { max(0, height - 1) }

    /// The width of each column in `total` columns: fixed ones first, flexible ones share the
    /// rest by weight above their minimum. Columns that do not fit are clipped at the right.
    public static func columnWidths(_ columns: [TableColumn], total: Int, spacing: Int = 1) -> [Int] {
        guard !columns.isEmpty else { return [] }
        var widths = columns.map { column -> Int in
            switch column.width {
            case .fixed(let width): return max(0, width)
            case .flexible(let minimum, _): return max(0, minimum)
            }
        }
        let used = widths.reduce(0, +) + spacing * (columns.count - 1)
        var extra = total - used
        let weights = columns.map { column -> Int in
            if case .flexible(_, let weight) = column.width { return max(0, weight) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        guard extra > 0, totalWeight > 0 else { return widths }
        let share = extra
        for index in columns.indices where weights[index] > 0 {
            let add = share * weights[index] / totalWeight
            widths[index] += add
            extra -= add
        }
        // What integer division left over goes to the flexible columns from the left.
        var index = 0
        while extra > 0 {
            if weights[index] > 0 { widths[index] += 1; extra -= 1 }
            index = (index + 1) % columns.count
        }
        return widths
    }

    /// Draws the header and the visible rows in `area`.
    public func render(in area: Rect, on screen: inout Screen) {
        let area = area.intersection(screen.bounds)
        guard !area.isEmpty else { return }
        screen.fill(area)
        let widths = Self.columnWidths(columns, total: area.width, spacing: spacing)
        drawRow(columns.map { TableCell($0.title, style: headerStyle) }, widths: widths, y: area.y, area: area, rowStyle: nil, on: &screen)
        let height = Self.bodyHeight(area.height)
        let top = state.visibleOffset(height: height, count: rows.count)
        for line in 0..<height {
            let index = top + line
            guard index < rows.count else { break }
            let y = area.y + 1 + line
            var rowStyle: Style?
            if index == state.selected {
                let style = focused ? highlight : .bold
                screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
                rowStyle = style
            }
            drawRow(rows[index], widths: widths, y: y, area: area, rowStyle: rowStyle, on: &screen)
        }
    }

    private func drawRow(_ cells: [TableCell], widths: [Int], y: Int, area: Rect, rowStyle: Style?, on screen: inout Screen) {
        var x = area.x
        let line = Rect(x: area.x, y: y, width: area.width, height: 1)
        for (index, column) in columns.enumerated() {
            guard x < area.maxX else { break }
            let width = widths[index]
            let cell = index < cells.count ? cells[index] : TableCell("")
            let style = rowStyle.map { cell.style.patched(with: $0) } ?? cell.style
            // Fill then place, rather than building a padded string: this runs for every
            // visible cell of a 200-team matrix.
            let box = Rect(x: x, y: y, width: width, height: 1).intersection(line)
            screen.fill(box, style: style)
            let (text, textWidth) = TextLayout.fit(cell.text, width: width)
            let gap = width - textWidth
            let offset = column.alignment == .right ? gap : column.alignment == .center ? gap / 2 : 0
            screen.put(text, x: x + offset, y: y, style: style, clip: box)
            x += width + spacing
        }
    }
}
