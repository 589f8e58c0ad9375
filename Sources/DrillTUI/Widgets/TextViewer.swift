/// Read-only text, wrapped to the width and scrolled by rows, with a scroll bar when it overflows.
public struct TextViewer: Sendable {
    public var text: String
    /// The first visible row of the wrapped text.
    public var offset: Int
    public var style: Style

    public init(text: String, offset: Int = 0, style: Style = .plain) {
        self.text = text
        self.offset = offset
        self.style = style
    }

    /// The wrapped rows in an area of `size`, and whether a scroll bar takes the last column.
    public func layout(_ size: Size) -> (rows: [String], scrollBar: Bool) {
        let full = TextLayout.wrap(text, width: size.width)
        if full.count <= size.height || size.width < 2 { return (full, false) }
        return (TextLayout.wrap(text, width: size.width - 1), true)
    }

    /// The offset clamped so that the last page is full.
    public func visibleOffset(rowCount: Int, height: Int) -> Int {
        min(max(0, offset), max(0, rowCount - height))
    }

    /// Scrolls by `delta` rows within an area of `size`.
    public mutating func scroll(by delta: Int, in size: Size) {
        let rows = layout(size).rows.count
        offset = visibleOffset(rowCount: rows, height: size.height)
        offset = min(max(0, offset + delta), max(0, rows - size.height))
    }

    /// Up/Down (`k`/`j`), PageUp/PageDown (and space), Home/End; returns whether the key was used.
    public mutating func handle(_ key: Key, in size: Size) -> Bool {
        let page = max(1, size.height - 1)
        switch key {
        case .up, .char("k"): scroll(by: -1, in: size)
        case .down, .char("j"): scroll(by: 1, in: size)
        case .pageUp: scroll(by: -page, in: size)
        case .pageDown, .char(" "): scroll(by: page, in: size)
        case .home: offset = 0
        case .end: scroll(by: Int.max / 2, in: size)
        default: return false
        }
        return true
    }

    public func render(in area: Rect, on screen: inout Screen) {
        let area = area.intersection(screen.bounds)
        guard !area.isEmpty else { return }
        screen.fill(area, style: style)
        let (rows, scrollBar) = layout(area.size)
        let top = visibleOffset(rowCount: rows.count, height: area.height)
        let textArea = scrollBar ? area.inset(right: 1) : area
        for line in 0..<area.height where top + line < rows.count {
            screen.put(rows[top + line], x: area.x, y: area.y + line, style: style, clip: textArea)
        }
        guard scrollBar else { return }
        // Thumb size and position proportional to the visible share of the rows.
        let track = area.height
        let thumb = max(1, track * track / rows.count)
        let maxTop = rows.count - track
        let thumbTop = maxTop > 0 ? (track - thumb) * top / maxTop : 0
        let x = area.maxX - 1
        for row in 0..<track {
            let inThumb = row >= thumbTop && row < thumbTop + thumb
            screen.put(inThumb ? "█" : "│", x: x, y: area.y + row, style: inThumb ? style : style.adding(.dim))
        }
    }
}
