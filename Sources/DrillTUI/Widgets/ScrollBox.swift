/// A box drawn over the console: the screen behind it dimmed, a titled frame centred in the area,
/// styled lines shown from a scroll offset, and a footer on its last row that says when more
/// lines lie below. The help overlay and the white cell's cell and inject views are drawn with it.
public struct ScrollBox: Sendable {
    public var title: String
    /// The lines as shown, each with its style; callers wrap them to `textWidth(in:)`.
    public var lines: [(String, Style)]
    /// The first line shown; clamped so that the last page is full.
    public var offset: Int
    /// The footer, right-aligned on the last row ("any other key closes").
    public var footer: String
    /// Put before the footer while lines remain below the last one shown ("↓ more · ").
    public var more: String
    /// The widest the frame grows, borders included.
    public var maxWidth: Int

    public init(title: String, lines: [(String, Style)], offset: Int = 0, footer: String, more: String, maxWidth: Int) {
        self.title = title
        self.lines = lines
        self.offset = offset
        self.footer = footer
        self.more = more
        self.maxWidth = maxWidth
    }

    /// The width of the frame in `area`, borders included.
    public static func frameWidth(in area: Rect, maxWidth: Int) -> Int { min(area.width - 4, maxWidth) }

    /// The columns a line may take inside the frame in `area` (borders and a column of margin on each side).
    public static func textWidth(in area: Rect, maxWidth: Int) -> Int { frameWidth(in: area, maxWidth: maxWidth) - 4 }

    /// How many lines fit above the footer in `area`.
    public func visibleRows(in area: Rect) -> Int { max(0, Self.inner(frame(in: area)).height - 1) }

    /// The first line shown: `offset` clamped so that the last page is full.
    public func top(in area: Rect) -> Int { min(max(0, offset), max(0, lines.count - visibleRows(in: area))) }

    /// The frame in `area`: as tall as the lines and the footer need, at most the area less a row above and below.
    public func frame(in area: Rect) -> Rect {
        let height = min(area.height - 2, lines.count + 3)
        return area.centered(Size(width: Self.frameWidth(in: area, maxWidth: maxWidth), height: height))
    }

    static func inner(_ frame: Rect) -> Rect { Pane.inner(frame).inset(left: 1, right: 1) }

    public func render(in area: Rect, on screen: inout Screen) {
        screen.restyle(area) { $0.attributes.insert(.dim) }
        let inner = Pane(title: title, focused: true).render(in: frame(in: area), on: &screen).inset(left: 1, right: 1)
        let visible = max(0, inner.height - 1)
        let top = min(max(0, offset), max(0, lines.count - visible))
        for row in 0..<visible where top + row < lines.count {
            let (text, style) = lines[top + row]
            screen.put(text, x: inner.x, y: inner.y + row, style: style, clip: inner)
        }
        let shown = top + visible < lines.count ? more + footer : footer
        let text = TextLayout.truncate(shown, width: inner.width)
        screen.put(text, x: inner.maxX - DisplayWidth.of(text), y: inner.maxY - 1, style: Theme.dimmed, clip: inner)
    }
}
