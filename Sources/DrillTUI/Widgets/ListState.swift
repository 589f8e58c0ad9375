/// The selection and scroll of a list or table: which row is selected and which is on top.
public struct ListState: Hashable, Sendable {
    public var selected: Int?
    /// The first visible row; `keepSelectionVisible` maintains it between frames.
    public var offset: Int

    public init(selected: Int? = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Selects `index`, clamped to `count` rows (nothing when there are none).
    public mutating func select(_ index: Int, count: Int) {
        selected = count > 0 ? min(max(0, index), count - 1) : nil
    }

    /// Moves the selection by `delta` rows, stopping at the ends.
    public mutating func move(by delta: Int, count: Int) {
        select((selected ?? (delta > 0 ? -1 : count)) + delta, count: count)
    }

    /// Up/Down, PageUp/PageDown, Home/End (and `k`/`j`); returns whether the key was used.
    public mutating func handle(_ key: Key, count: Int, pageRows: Int) -> Bool {
        switch key {
        case .up, .char("k"): move(by: -1, count: count)
        case .down, .char("j"): move(by: 1, count: count)
        case .pageUp: move(by: -max(1, pageRows), count: count)
        case .pageDown: move(by: max(1, pageRows), count: count)
        case .home: select(0, count: count)
        case .end: select(count - 1, count: count)
        default: return false
        }
        return true
    }

    /// The first row to draw in `height` rows so that the selection is visible, starting from
    /// `offset` and never leaving blank rows below the last item.
    public func visibleOffset(height: Int, count: Int) -> Int {
        guard height > 0, count > 0 else { return 0 }
        var top = min(max(0, offset), max(0, count - height))
        if let selected = selected.map({ min(max(0, $0), count - 1) }) {
            if selected < top { top = selected }
            if selected >= top + height { top = selected - height + 1 }
        }
        return top
    }

    /// Stores the offset that keeps the selection visible in `height` rows.
    public mutating func keepSelectionVisible(height: Int, count: Int) {
        offset = visibleOffset(height: height, count: count)
    }
}
