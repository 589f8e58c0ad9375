/// A one-line text field edited by grapheme, with a history recalled by Up and Down.
///
/// Keys: printable graphemes and pastes insert (a pasted newline becomes a space); Left/Right,
/// Home/End (Ctrl-A/Ctrl-E), word moves (Ctrl/Alt-Left/Right, Alt-b/f); Backspace and Delete
/// remove one grapheme, Ctrl-W the word before the cursor, Ctrl-U and Ctrl-K everything before
/// or after it; Enter submits.
public struct LineEditor: Sendable {
    public private(set) var graphemes: [Character]
    /// The cursor as a grapheme index, 0…`graphemes.count`.
    public private(set) var cursor: Int
    /// Submitted lines, oldest first.
    public private(set) var history: [String]
    /// How many lines the history keeps.
    public var historyLimit: Int
    /// First visible column; `keepCursorVisible(width:)` maintains it between frames.
    public var scroll = 0
    /// Shown dimmed while the field is empty.
    public var placeholder: String
    /// Shown instead of every grapheme, for secrets such as tokens.
    public var mask: Character?

    private var recalled: Int?
    private var draft: [Character] = []

    public init(text: String = "", history: [String] = [], historyLimit: Int = 100, placeholder: String = "") {
        self.graphemes = Array(GraphemeEditing.sanitized(text))
        self.cursor = graphemes.count
        self.history = history
        self.historyLimit = historyLimit
        self.placeholder = placeholder
    }

    /// The text; setting it puts the cursor at the end.
    public var text: String {
        get { String(graphemes) }
        set {
            graphemes = Array(GraphemeEditing.sanitized(newValue))
            cursor = graphemes.count
        }
    }

    /// The display column of the cursor from the start of the text.
    public var cursorColumn: Int { GraphemeEditing.columns(graphemes[..<cursor]) }

    // MARK: - Keys

    public mutating func handle(_ key: Key) -> EditorEvent {
        if key.isWordLeft { moveWordLeft(); return .handled }
        if key.isWordRight { moveWordRight(); return .handled }
        switch key {
        case .char(let grapheme): insert(String(grapheme))
        case .paste(let text): insert(text)
        case .left: moveLeft()
        case .right: moveRight()
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = graphemes.count
        case .backspace: backspace()
        case .delete, .ctrl("d"): deleteForward()
        case .ctrl("w"): deleteWordBackward()
        case .ctrl("u"): graphemes.removeSubrange(..<cursor); cursor = 0
        case .ctrl("k"): graphemes.removeSubrange(cursor...)
        case .up: return recallPrevious() ? .handled : .ignored
        case .down: return recallNext() ? .handled : .ignored
        case .enter: return .submit(submit())
        default: return .ignored
        }
        return .handled
    }

    // MARK: - Editing

    /// Inserts text at the cursor; newlines and tabs become spaces.
    public mutating func insert(_ text: String) {
        var flat = ""
        for grapheme in text { flat.append(grapheme.isNewline ? " " : grapheme) }
        cursor = GraphemeEditing.insert(flat, into: &graphemes, at: cursor)
    }

    /// Removes the grapheme before the cursor (a base with all its combining marks).
    public mutating func backspace() {
        guard cursor > 0 else { return }
        graphemes.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Removes the grapheme under the cursor.
    public mutating func deleteForward() {
        guard cursor < graphemes.count else { return }
        graphemes.remove(at: cursor)
    }

    public mutating func deleteWordBackward() {
        let start = GraphemeEditing.wordStart(before: cursor, in: graphemes)
        graphemes.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(graphemes.count, cursor + 1) }
    public mutating func moveWordLeft() { cursor = GraphemeEditing.wordStart(before: cursor, in: graphemes) }
    public mutating func moveWordRight() { cursor = GraphemeEditing.wordEnd(after: cursor, in: graphemes) }

    /// Returns the text, records it in the history (unless empty or a repeat) and clears the field.
    public mutating func submit() -> String {
        let submitted = text
        if !submitted.isEmpty && history.last != submitted {
            history.append(submitted)
            if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
        }
        graphemes = []
        cursor = 0
        scroll = 0
        recalled = nil
        draft = []
        return submitted
    }

    // MARK: - History

    /// Shows the previous history line; the line being typed is kept as a draft.
    @discardableResult
    public mutating func recallPrevious() -> Bool {
        guard !history.isEmpty else { return false }
        let index: Int
        if let current = recalled {
            guard current > 0 else { return false }
            index = current - 1
        } else {
            draft = graphemes
            index = history.count - 1
        }
        recalled = index
        graphemes = Array(history[index])
        cursor = graphemes.count
        return true
    }

    /// Shows the next history line, or the draft after the newest one.
    @discardableResult
    public mutating func recallNext() -> Bool {
        guard let current = recalled else { return false }
        if current + 1 < history.count {
            recalled = current + 1
            graphemes = Array(history[current + 1])
        } else {
            recalled = nil
            graphemes = draft
        }
        cursor = graphemes.count
        return true
    }

    // MARK: - Drawing

    /// Stores the scroll that keeps the cursor visible in a field `width` columns wide.
    public mutating func keepCursorVisible(width: Int) {
        scroll = visibleScroll(width: width)
    }

    func visibleScroll(width: Int) -> Int {
        let visible = shown
        return GraphemeEditing.scroll(scroll, showing: GraphemeEditing.columns(visible[..<cursor]), width: width,
                                      contentWidth: GraphemeEditing.columns(visible[...]))
    }

    private var shown: [Character] {
        guard let mask else { return graphemes }
        return Array(repeating: mask, count: graphemes.count)
    }

    /// Draws the field on the first row of `area`; when focused, puts the screen cursor on it.
    public func render(in area: Rect, on screen: inout Screen, style: Style = .plain, focused: Bool = true) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        screen.fill(row, style: style)
        if graphemes.isEmpty && !placeholder.isEmpty {
            screen.put(TextLayout.truncate(placeholder, width: row.width), x: row.x, y: row.y,
                       style: style.adding(.dim), clip: row)
        }
        let visible = shown
        let offset = visibleScroll(width: row.width)
        screen.put(String(visible), x: row.x - offset, y: row.y, style: style, clip: row)
        if focused {
            let column = GraphemeEditing.columns(visible[..<cursor]) - offset
            screen.cursor = Point(x: row.x + min(max(0, column), row.width - 1), y: row.y)
        }
    }
}
