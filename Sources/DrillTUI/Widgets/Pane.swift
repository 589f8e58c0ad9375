/// A bordered box with a title; the focused pane gets a heavy, highlighted border.
public struct Pane: Sendable {
    public var title: String
    public var focused: Bool
    public var borderStyle: Style
    public var focusedBorderStyle: Style
    public var titleStyle: Style

    public init(title: String = "", focused: Bool = false,
                borderStyle: Style = .plain,
                focusedBorderStyle: Style = Style(foreground: .cyan, attributes: .bold),
                titleStyle: Style = .bold) {
        self.title = title
        self.focused = focused
        self.borderStyle = borderStyle
        self.focusedBorderStyle = focusedBorderStyle
        self.titleStyle = titleStyle
    }

    /// Light lines for a pane, heavy lines for the focused one (visible without colour too).
    static let light: [Character] = ["┌", "─", "┐", "│", "└", "┘"]
    static let heavy: [Character] = ["┏", "━", "┓", "┃", "┗", "┛"]

    /// The area inside the border.
    public static func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    /// Clears `area`, draws the border and title, and returns the inner area for the content.
    @discardableResult
    public func render(in area: Rect, on screen: inout Screen) -> Rect {
        let area = area.intersection(screen.bounds)
        screen.fill(area)
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let box = focused ? Self.heavy : Self.light
        let style = focused ? focusedBorderStyle : borderStyle
        let right = area.maxX - 1, bottom = area.maxY - 1
        screen.put(box[0], x: area.x, y: area.y, style: style)
        screen.put(box[2], x: right, y: area.y, style: style)
        screen.put(box[4], x: area.x, y: bottom, style: style)
        screen.put(box[5], x: right, y: bottom, style: style)
        for x in (area.x + 1)..<right {
            screen.put(box[1], x: x, y: area.y, style: style)
            screen.put(box[1], x: x, y: bottom, style: style)
        }
        for y in (area.y + 1)..<bottom {
            screen.put(box[3], x: area.x, y: y, style: style)
            screen.put(box[3], x: right, y: y, style: style)
        }
        // " Title " after the top-left corner, leaving at least one line before the right corner.
        let room = area.width - 5
        if !title.isEmpty && room >= 1 {
            let shown = TextLayout.truncate(title, width: room)
            let titleStyle = focused ? self.titleStyle.patched(with: style) : self.titleStyle
            screen.put(" \(shown) ", x: area.x + 1, y: area.y, style: titleStyle)
        }
        return Self.inner(area)
    }
}
