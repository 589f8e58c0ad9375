/// One row of a `ListView`: text, an optional marker (unread, done…) and a style.
public struct ListItem: Hashable, Sendable {
    public var text: String
    /// Shown in a column before the text, such as `●` for unread.
    public var marker: String
    public var style: Style

    public init(_ text: String, marker: String = "", style: Style = .plain) {
        self.text = text
        self.marker = marker
        self.style = style
    }
}

/// A vertical list with a selected row that scrolls to keep the selection visible.
public struct ListView: Sendable {
    public var items: [ListItem]
    public var state: ListState
    public var focused: Bool
    /// The selected row when the list has the focus; when it has not, the selection is bold.
    public var highlight: Style

    public init(items: [ListItem], state: ListState = ListState(), focused: Bool = true, highlight: Style = .reverse) {
        self.items = items
        self.state = state
        self.focused = focused
        self.highlight = highlight
    }

    /// Draws the visible rows in `area`, each cut with an ellipsis to fit.
    public func render(in area: Rect, on screen: inout Screen) {
        let area = area.intersection(screen.bounds)
        guard !area.isEmpty else { return }
        screen.fill(area)
        let markerWidth = items.reduce(0) { max($0, DisplayWidth.of($1.marker)) }
        let markerColumns = markerWidth > 0 ? markerWidth + 1 : 0
        let top = state.visibleOffset(height: area.height, count: items.count)
        for row in 0..<area.height {
            let index = top + row
            guard index < items.count else { break }
            let item = items[index]
            let y = area.y + row
            var style = item.style
            if index == state.selected {
                style = style.patched(with: focused ? highlight : .bold)
                screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            }
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            if markerColumns > 0 {
                screen.put(item.marker, x: area.x, y: y, style: style, clip: line)
            }
            let text = TextLayout.truncate(item.text, width: area.width - markerColumns)
            screen.put(text, x: area.x + markerColumns, y: y, style: style, clip: line)
        }
    }
}
