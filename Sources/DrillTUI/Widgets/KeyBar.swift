/// The bottom line of `key label` pairs, cut to the width.
public struct KeyBar: Sendable {
    public struct Item: Hashable, Sendable {
        public var key: String
        public var label: String
        /// Items that must stay (quit, help, switching consoles) are `kept`: when the bar is too
        /// narrow, other items give way first, from the end.
        public var kept: Bool
        public init(_ key: String, _ label: String, kept: Bool = false) { self.key = key; self.label = label; self.kept = kept }
    }

    public var items: [Item]
    public var keyStyle: Style
    public var labelStyle: Style

    public init(_ items: [Item], keyStyle: Style = .reverse, labelStyle: Style = .plain) {
        self.items = items
        self.keyStyle = keyStyle
        self.labelStyle = labelStyle
    }

    /// The items to draw in `limit` columns, in their order: while a `kept` item would not fit
    /// whole, items that are not kept are left out, from the end.
    public func fitting(width limit: Int) -> [Item] {
        func keptFit(_ items: [Item]) -> Bool {
            var end = 0
            for (index, item) in items.enumerated() {
                let label = DisplayWidth.of(item.label)
                end += (index == 0 ? 0 : 2) + DisplayWidth.of(item.key) + (label > 0 ? 1 + label : 0)
                if item.kept && end > limit { return false }
            }
            return true
        }
        var shown = items
        while !keptFit(shown), let drop = shown.lastIndex(where: { !$0.kept }) { shown.remove(at: drop) }
        return shown
    }

    /// Draws the pairs on the first row of `area`, two spaces apart, leaving out items that are
    /// not `kept` when all do not fit. A pair that still does not fit has its label cut with an
    /// ellipsis if the key and two columns fit, and ends the bar.
    public func render(in area: Rect, on screen: inout Screen) {
        let area = area.intersection(screen.bounds)
        guard !area.isEmpty else { return }
        let items = fitting(width: area.width)
        let line = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        screen.fill(line, style: labelStyle)
        var x = area.x
        for (index, item) in items.enumerated() {
            let start = index == 0 ? x : x + 2
            let keyWidth = DisplayWidth.of(item.key)
            let labelWidth = DisplayWidth.of(item.label)
            let room = area.maxX - start
            let needed = keyWidth + (labelWidth > 0 ? 1 + labelWidth : 0)
            if needed <= room {
                x = screen.put(item.key, x: start, y: line.y, style: keyStyle, clip: line)
                if labelWidth > 0 { x = screen.put(item.label, x: x + 1, y: line.y, style: labelStyle, clip: line) }
            } else {
                if keyWidth + 3 <= room {
                    x = screen.put(item.key, x: start, y: line.y, style: keyStyle, clip: line)
                    let label = TextLayout.truncate(item.label, width: room - keyWidth - 1)
                    screen.put(label, x: x + 1, y: line.y, style: labelStyle, clip: line)
                }
                break
            }
        }
    }
}
